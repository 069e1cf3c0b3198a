"""`coursekit recorded` and `coursekit status`: which published videos still match what they show.

When a video is recorded, `coursekit recorded NN` writes into recordings.lock (committed, readable TOML)
the text and hash of everything the video shows: the script's narration and cues, each cued demo cell,
each cued slide (with the demo code it includes), each cued scene's source. `coursekit status` compares
them with the sources now: *not recorded*, *fresh*, or *stale* with a diff of what changed. Editing what
no cue shows (an uncued cell, a comment outside the cued cells) leaves the video fresh.
"""

from __future__ import annotations

import ast
import datetime as dt
import difflib
import json
import re
import tomllib
from pathlib import Path

import click

from coursekit.course import cells as cells_mod
from coursekit.course import fsio
from coursekit.course.check import SLIDE_STARTS, cue_targets
from coursekit.course.problems import CourseError, Problem, rel
from coursekit.course.sections import Section, discover, select
from coursekit.course.timing import clock
from coursekit.video.align import read_report, summary

LOCK = "recordings.lock"
HEADER = """# recordings.lock: what each recorded video shows, as it was when the video was recorded.
# Written by `coursekit recorded NN`, read by `coursekit status` (and `make status`). Commit it.
# Each [[NN_slug.shown]] entry holds the text the video shows and its sha256; do not edit by hand.
"""


def _slide_text(path: Path, title: str, root: Path) -> str:
    """The cells of the slide that starts at the cell titled ``title``, includes resolved to their code."""
    shown = path.relative_to(root).as_posix()
    cells = cells_mod.parse(path, shown)
    out, inside = [], False
    for cell in cells:
        starts = cell.metadata.get("slideshow", {}).get("slide_type") in SLIDE_STARTS
        if inside and starts:
            break
        inside = inside or cell.title == title
        if inside:
            source = cell.source
            if "include" in cell.metadata:
                demo, _, cell_title = str(cell.metadata["include"]).partition("#")
                demo_path = (path.parent / demo).resolve()
                found = cells_mod.titled(cells_mod.parse(demo_path, str(demo_path)), str(demo_path))[0]
                source = found[cell_title].source if cell_title in found else f"(missing include {demo}#{cell_title})"
            out.append(source)
    return "\n\n".join(out)


def _scene_text(path: Path, name: str) -> str:
    text = path.read_text(encoding="utf-8")
    for node in ast.parse(text).body:
        if isinstance(node, ast.ClassDef) and node.name == name:
            return ast.get_source_segment(text, node) or ""
    return ""


def shown_items(section: Section, root: Path) -> dict[str, str]:
    """Everything the section's video shows: reference -> the text shown."""
    script, resolved, problems = cue_targets(section, root)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise CourseError(errors)
    narration = []
    for seg in script.segments:
        narration.append(f"## {seg.title}")
        for block in seg.blocks:
            if block.kind in ("narration", "bullet"):
                narration.append(block.text)
            elif block.cue:
                narration.append(f"[{block.cue.marker}] {block.cue.description} -> "
                                 f"{block.cue.link.target if block.cue.link else ''}")
    items = {f"scripts/{section.key}.md (narration and cues)": "\n".join(narration)}
    for _, target in resolved:
        if target is None or target.kind == "url":
            continue
        path = root / target.path
        if target.kind == "cell":
            items[target.ref] = cells_mod.titled(cells_mod.parse(path, target.path), target.path)[0][target.fragment].source
        elif target.kind == "slide":
            items[target.ref] = _slide_text(path, target.fragment, root)
        elif target.kind == "scene":
            items[target.ref] = _scene_text(path, target.fragment)
        elif target.kind == "file":
            items[target.ref] = path.read_text(encoding="utf-8")
    return items


def _toml_string(text: str) -> str:
    if "'''" not in text and "\r" not in text and not re.search(r"[\x00-\x08\x0b-\x1f\x7f]", text):
        return "'''\n" + text + "'''"  # a literal string: the text exactly as it is, readable in a diff
    return json.dumps(text, ensure_ascii=False)


def read_lock(root: Path) -> dict:
    path = root / LOCK
    if not path.exists():
        return {}
    text = path.read_text(encoding="utf-8")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line = int(m[1]) if (m := re.search(r"line (\d+)", str(exc))) else 0
        raise CourseError(Problem(LOCK, line, f"not valid TOML ({exc}); restore it from git or re-record "
                                  "with `coursekit recorded NN`")) from None
    for key, entry in data.items():
        if not isinstance(entry, dict) or not isinstance(entry.get("shown"), list):
            raise CourseError(Problem(LOCK, _line_of(text, f"[{key}]"), f"section [{key}] has no [[{key}.shown]] "
                                      "entries; re-record with `coursekit recorded`"))
        for item in entry["shown"]:
            if not isinstance(item, dict) or not {"ref", "sha256", "text"} <= set(item):
                raise CourseError(Problem(LOCK, _line_of(text, f"[[{key}.shown]]"),
                                          f"an entry of [{key}] lacks ref, sha256 or text"))
            if fsio.sha256(item["text"]) != item["sha256"]:
                raise CourseError(Problem(LOCK, _line_of(text, f'ref = "{item["ref"]}"'),
                                          f"the text of {item['ref']} does not match its sha256: the file was edited "
                                          "by hand; restore it from git or re-record the section"))
    return data


def _line_of(text: str, needle: str) -> int:
    index = text.find(needle)
    return text[:index].count("\n") + 1 if index >= 0 else 0


def write_lock(root: Path, data: dict) -> None:
    parts = [HEADER]
    for key in sorted(data):
        entry = data[key]
        parts.append(f"\n[{key}]\nrecorded = \"{entry['recorded']}\"\nnote = {_toml_string(entry.get('note', ''))}\n")
        if take := entry.get("take"):
            extra = "".join(f", pickups = [{', '.join(_pickup(p) for p in take['pickups'])}]" for _ in
                            [take] if take.get("pickups"))
            parts.append(f"take = {{ file = {json.dumps(take['file'], ensure_ascii=False)}, seconds = {take['seconds']}, "
                         f"sha256 = \"{take['sha256']}\"{extra} }}\n")
        for item in entry["shown"]:
            parts.append(f"\n[[{key}.shown]]\nref = \"{item['ref']}\"\nsha256 = \"{item['sha256']}\"\n"
                         f"text = {_toml_string(item['text'])}\n")
    fsio.write_text(root / LOCK, "".join(parts))


def _pickup(p: dict) -> str:
    return f"{{ file = {json.dumps(p['file'], ensure_ascii=False)}, sha256 = \"{p['sha256']}\" }}"


def section_status(section: Section, root: Path, lock: dict) -> tuple[str, list[str]]:
    """('not recorded' | 'fresh' | 'stale', lines describing each change)."""
    entry = lock.get(section.key)
    if entry is None:
        return "not recorded", []
    then = {item["ref"]: item["text"] for item in entry["shown"]}
    now = shown_items(section, root)
    changes = []
    for ref in sorted(set(then) | set(now)):
        if ref not in now:
            changes.append(f"no longer shown: {ref}")
        elif ref not in then:
            changes.append(f"newly shown: {ref}")
        elif then[ref] != now[ref]:
            diff = difflib.unified_diff(then[ref].splitlines(), now[ref].splitlines(), "recorded", "now", lineterm="", n=1)
            changes.append(f"changed: {ref}\n" + "\n".join("      " + d for d in diff))
    return ("stale" if changes else "fresh"), changes


def sentence_report(section: Section, root: Path, entry: dict) -> list[str]:
    """The sentences to record again as pickups, by line, and the pictures that changed under unchanged words."""
    from coursekit.video import changes as changes_mod  # the drafts' code (NumPy): only for a recorded section

    diff = changes_mod.section_diff(section, root, entry, shown_items(section, root))
    lines = []
    if diff.changes:
        lines.append(f"{len(diff.changes)} sentence(s) said differently since the take; record them as pickups "
                     f"(make record S={section.key[:2]} PICKUPS=1), then make video S={section.key[:2]} TAKE=... "
                     "PICKUP=...:")
        lines += [f"  {c.describe(section.key)}" for c in diff.changes]
    if diff.pictures:
        lines.append("picture changed under the same words, no new recording needed (make video ... VISUALS=cues "
                     "shows the new render):")
        lines += [f"  {ref}" for ref in diff.pictures]
    return lines


@click.command()
@click.argument("section")
@click.option("--note", default="", help="A note kept with the recording (take, date, where published).")
@click.option("--take", "take", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="The recording itself: align it (as `coursekit align` does) and keep its length and sha256.")
@click.option("--pickup", "pickups", multiple=True, type=click.Path(dir_okay=False, path_type=Path),
              help="Pickups that patched --take (make video ... PICKUP=...): kept with the take; the video is then "
              "current with the script as it is now.")
@click.pass_obj
def recorded(root: Path, section: str, note: str, take: Path | None, pickups: tuple[Path, ...]) -> None:
    """Record that SECTION's video was just recorded: hash everything it shows into recordings.lock."""
    if pickups and not take:
        raise click.UsageError("--pickup patches a take: give it too, e.g. coursekit recorded 06 --take t.mp4 "
                               "--pickup p.wav")
    sections, problems = discover(root)
    if problems:
        raise CourseError(problems)
    lock = read_lock(root)
    chosen = select(sections, section)
    if take and len(chosen) != 1:
        raise click.UsageError(f"--take belongs to one section, not {len(chosen)}: e.g. coursekit recorded 06 --take t.mp4")
    for s in chosen:
        items = shown_items(s, root)
        entry = {"recorded": dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"), "note": note,
                 "shown": [{"ref": ref, "sha256": fsio.sha256(text), "text": text} for ref, text in items.items()]}
        if take and pickups:  # the take says the script as it was; the cut with its pickups says it as it is
            from coursekit.video.takes import digest, seconds

            for path in (take, *pickups):
                if not path.is_file():
                    raise CourseError(Problem(str(path), 0, "no such recording; give the take and pickups that "
                                              "make video used"))
            entry["take"] = {"file": take.name, "seconds": round(seconds(take), 2), "sha256": digest(take),
                             "pickups": [{"file": p.name, "sha256": digest(p)} for p in pickups]}
        elif take:
            from coursekit.video.align import caption_take
            from coursekit.video.takes import digest

            result = caption_take(s, root, take.resolve())
            entry["take"] = {"file": take.name, "seconds": round(result.duration, 2), "sha256": digest(take)}
        lock[s.key] = entry
        click.echo(f"recorded {s.key}: {len(items)} things shown, hashed into {LOCK}"
                   + (f"; take {take.name} ({clock(entry['take']['seconds'])})" if take else "")
                   + (f" patched by {len(pickups)} pickup(s)" if pickups else ""))
    write_lock(root, lock)


@click.command()
@click.argument("section", required=False)
@click.pass_obj
def status(root: Path, section: str | None) -> None:
    """List each section as not recorded, fresh or stale, and what changed since a stale one was recorded."""
    sections, problems = discover(root)
    if problems:
        raise CourseError(problems)
    lock = read_lock(root)
    counts: dict[str, int] = {}
    for s in select(sections, section):
        state, changes = section_status(s, root, lock)
        counts[state] = counts.get(state, 0) + 1
        when = f" (recorded {lock[s.key]['recorded']}" + (f", {lock[s.key]['note']}" if lock[s.key].get("note") else "") + ")" \
            if s.key in lock else ""
        click.echo(f"{s.key:<30} {state}{when}")
        if report := read_report(root, s.key):
            click.echo(f"    {summary(report)}")
        if state == "stale":
            for line in sentence_report(s, root, lock[s.key]):
                click.echo(f"    {line}")
        for change in changes:
            click.echo(f"    {change}")
    click.echo("status: " + ", ".join(f"{n} {state}" for state, n in sorted(counts.items())))


@click.command()
@click.argument("section")
@click.option("--open", "open_pages", is_flag=True, help="Also open the teleprompter and deck in the browser.")
@click.option("--pickups", is_flag=True, help="Only the sentences changed since the take: the pickup teleprompter.")
@click.pass_obj
def record(root: Path, section: str, open_pages: bool, pickups: bool) -> None:
    """Print (and with --open, open) what recording SECTION needs: teleprompter, deck, script, animations."""
    sections, problems = discover(root)
    if problems:
        raise CourseError(problems)
    site = root / "build" / "site"
    if pickups:
        for s in select(sections, section):
            _record_pickups(s, root, site, open_pages)
        return
    for s in select(sections, section):
        pages = {"teleprompter": site / "prompter" / f"{s.key}.html", "deck": site / "decks" / f"{s.key}.html",
                 "script": site / "scripts" / f"{s.key}.html"}
        click.echo(f"recording {s.key}:")
        for name, path in pages.items():
            click.echo(f"  {name:<13} {path.as_uri() if path.exists() else f'{path} (not built: run make)'}")
        for mp4 in sorted((site / "animations" / s.key).glob("*.mp4")):
            click.echo(f"  {'animation':<13} {mp4}")
        _say_accelerator(s, root)
        state, _ = section_status(s, root, read_lock(root))
        click.echo(f"  status        {state}; after recording run: coursekit recorded {s.key} --take TAKE --note '...'")
        if open_pages:
            import webbrowser

            for name in ("teleprompter", "deck"):
                if pages[name].exists():
                    webbrowser.open(pages[name].as_uri())


def _say_accelerator(s: Section, root: Path) -> None:
    """Name the cues that show their point only on an accelerator, and whether this machine has one."""
    from coursekit.course.accelerator import accelerator_cues, this_machine

    cues = accelerator_cues(s, root)
    if not cues:
        return
    click.echo(f"  accelerator   {len(cues)} cue(s) show their point only on an accelerator (CUDA or MPS):")
    for cue in cues:
        click.echo(f"                scripts/{s.key}.md:{cue.line} {cue.ref}")
    here = this_machine()
    click.echo(f"                this machine has {here}: they show it" if here else
               "                this machine has none: they print cpu there; record them on a machine with a GPU")


def _record_pickups(s: Section, root: Path, site: Path, open_pages: bool) -> None:
    page = site / "prompter" / f"{s.key}.pickups.html"
    lock = read_lock(root)
    from coursekit.video import changes as changes_mod

    diff = changes_mod.section_diff(s, root, lock[s.key], shown_items(s, root)) if s.key in lock else None
    if diff is None or not diff.changes:
        state, _ = section_status(s, root, lock)
        click.echo(f"pickups {s.key}: nothing to record again ({state}; no sentence changed since the take)")
        return
    if not page.exists():
        raise CourseError(Problem(rel(page, root), 0, "not built; run make (or make record S=NN PICKUPS=1, which "
                                  "builds it)"))
    click.echo(f"pickups {s.key}:")
    click.echo(f"  teleprompter  {page.as_uri()}")
    for change in diff.changes:
        click.echo(f"  {change.describe(s.key)}")
    click.echo(f"  then: make video S={s.key[:2]} TAKE=<the take> PICKUP=<this recording>, and "
               f"coursekit recorded {s.key} --take <the take> --pickup <this recording>")
    if open_pages:
        import webbrowser

        webbrowser.open(page.as_uri())
