"""The pickup teleprompter (build/site/prompter/NN_slug.pickups.html): only the sentences to record again.

For a section recorded (recordings.lock) whose narration changed since, each changed or added sentence, grouped
with those next to it, between the sentence before and the sentence after it (grey: read into them, or not),
with how long it should take at the pace of the take around it. Removed sentences are listed apart: nothing to
say, the cut leaves them out. `make record S=NN PICKUPS=1` prints and opens it.
"""

from __future__ import annotations

import re
from pathlib import Path

from coursekit.course import script as script_mod
from coursekit.course.sections import Section
from coursekit.course.timing import Timing
from coursekit.video.align import read_report
from coursekit.video.recordings import read_lock, shown_items


def out_path(root: Path, key: str) -> Path:
    return root / "build" / "site" / "prompter" / f"{key}.pickups.html"


def _words(text: str) -> int:
    return len(re.findall(r"[A-Za-z0-9']+", text))


def take_rates(root: Path, key: str) -> tuple[dict[str, float], float | None]:
    """Each sentence's words a minute in the take (by its text), and the take's own; from `coursekit align`."""
    report = read_report(root, key)
    if not report:
        return {}, None
    rates = {}
    for s in report["sentences"]:
        if s["status"] == "aligned" and s["end"] > s["start"]:
            rates[s["text"]] = _words(s["text"]) / ((s["end"] - s["start"]) / 60)
    return rates, report["words_per_minute"] or None


def items(section: Section, root: Path) -> tuple[list[dict], list[dict]] | None:
    """The groups to record, and the removed sentences; None when the section has nothing to pick up."""
    entry = read_lock(root).get(section.key)
    if entry is None:
        return None
    from coursekit.video import changes  # the drafts' code: only for a section that was recorded

    diff = changes.section_diff(section, root, entry, shown_items(section, root))
    if not diff.changes:
        return None
    rates, overall = take_rates(root, section.key)
    default = overall or Timing.load(root).words_per_minute
    wanted = diff.wanted
    groups: list[list[int]] = []
    for j in wanted:
        if groups and groups[-1][-1] == j - 1:
            groups[-1].append(j)
        else:
            groups.append([j])
    was = {id(c.new): c.old.text for c in diff.changes if c.kind == "changed"}
    out = []
    for group in groups:
        before = diff.now[group[0] - 1] if group[0] > 0 else None
        after = diff.now[group[-1] + 1] if group[-1] + 1 < len(diff.now) else None
        near = [rates[s.text] for s in (before, after) if s is not None and s.text in rates]
        pace = sum(near) / len(near) if near else default
        say = [{"text": diff.now[j].text, "line": diff.now[j].line, "was": was.get(id(diff.now[j])),
                "seconds": round(_words(diff.now[j].text) / pace * 60, 1)} for j in group]
        out.append({"line": diff.now[group[0]].line, "before": before.text if before else "",
                    "after": after.text if after else "", "say": say, "wpm": round(pace)})
    removed = [{"text": c.old.text, "line": c.line} for c in diff.changes if c.kind == "removed"]
    return out, removed


def build_page(section: Section, root: Path, env) -> str | None:
    """The page's HTML, or None when there is nothing to pick up."""
    found = items(section, root)
    if found is None:
        return None
    groups, removed = found
    parsed = script_mod.parse(section.script, f"scripts/{section.key}.md")
    return env.get_template("pickups.html.j2").render(
        key=section.key, number=section.number, title=parsed.title or section.key, groups=groups, removed=removed,
        count=sum(len(g["say"]) for g in groups))
