"""The teleprompter page of a section (build/site/prompter/NN_slug.html), for recording its video.

Large narration that scrolls at a speed set from the keyboard, mirror mode for a glass prompter, and each
cue as a block of its kind: the demo cell's code with a link that opens VS Code at that cell, the slide's
title with a link that opens the deck there, the animation's poster. A clock, the time elapsed, the
segment's estimate and the time remaining; with a draft video built, `d` scrolls at the draft's own pace,
and with a take aligned (`coursekit align`), `t` scrolls at the pace the instructor measured in it.
The behaviour is assets/prompter.js.
"""

from __future__ import annotations

import json
from pathlib import Path

from coursekit.course.accelerator import accelerator_cues
from coursekit.course.sections import Section
from coursekit.course.timing import clock
from coursekit.video.align import read_report


def build_prompter(section: Section, root: Path, env, parsed, times, segments: list[dict]) -> str:
    """The section's teleprompter page, from the parsed script, timing estimate and segment views its script page
    was made from (course_site), so that they are made once."""
    for seg, t in zip(segments, times):
        seg.update(seconds=t.seconds, clock=clock(t.seconds))
    total = sum(t.seconds for t in times)
    pace = draft_pace(root, section.key)
    if pace:
        total = pace["duration"]
    take = take_pace(root, section.key)
    accelerator = {"cues": accelerator_cues(section, root)}  # `coursekit record` says whether this machine has one
    return env.get_template("prompter.html.j2").render(
        key=section.key, number=section.number, title=parsed.title or section.key, segments=segments,
        total=clock(total), total_seconds=total, pace=pace, take=take, accelerator=accelerator)


def draft_pace(root: Path, key: str) -> dict | None:
    """When each script line (cue or narration paragraph) starts in the draft video: what the prompter
    follows with `d`. None before the section has a draft."""
    path = root / "build" / "site" / "drafts" / f"{key}.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return None
    starts: dict[int, float] = {}
    for item in [*data["cues"], *data["sentences"]]:
        starts.setdefault(item["line"], item["start"])
        starts[item["line"]] = min(starts[item["line"]], item["start"])
    return {"duration": data["duration"], "anchors": sorted([line, t] for line, t in starts.items())}


def take_pace(root: Path, key: str) -> dict | None:
    """When each narration line was said in the last aligned take, and its speaking rate: `t` scrolls at the
    instructor's own measured pace. None before a take is aligned."""
    report = read_report(root, key)
    if not report:
        return None
    starts: dict[int, float] = {}
    for s in report["sentences"]:
        if s["status"] == "aligned":
            starts[s["line"]] = min(starts.get(s["line"], s["start"]), s["start"])
    if not starts:
        return None
    return {"duration": report["duration"], "words_per_minute": report["words_per_minute"],
            "anchors": sorted([line, t] for line, t in starts.items())}
