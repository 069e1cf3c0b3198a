"""How long a section's video will run: narration at a speaking rate, plus an allowance per cue."""

from __future__ import annotations

from dataclasses import dataclass

from coursekit.script import Script

WORDS_PER_MINUTE = 140
# Seconds a cue adds on top of the narration spoken over it (switching windows, pausing on the screen);
# a demo cell adds its measured run time too, an animation its own length.
CUE_SECONDS = {"vscode": 5.0, "slides": 3.0, "animation": 15.0, "browser": 10.0, "terminal": 8.0}
SECTION_RANGE = (3 * 60, 12 * 60)


@dataclass(frozen=True)
class SegmentTime:
    title: str
    line: int
    words: int
    seconds: float


def estimate(script: Script, animation_seconds: dict[str, float] | None = None,
             cell_seconds: dict[str, float] | None = None, wpm: int = WORDS_PER_MINUTE) -> list[SegmentTime]:
    """Per segment. ``animation_seconds`` maps a Scene name to its video's length, ``cell_seconds`` a
    repository reference ('demos/NN_slug/x.py#title') to the measured run time of that demo cell."""
    animation_seconds = animation_seconds or {}
    cell_seconds = cell_seconds or {}
    times = []
    for seg in script.segments:
        seconds = seg.words * 60.0 / wpm
        for cue in seg.cues:
            target = cue.link.target if cue.link else ""
            scene = target.rpartition("#")[2]
            if cue.kind == "animation" and scene in animation_seconds:
                seconds += animation_seconds[scene]
            else:
                seconds += CUE_SECONDS[cue.kind]
            if cue.kind == "vscode":  # links are relative to scripts/, so '../demos/...' is 'demos/...'
                seconds += cell_seconds.get(target.removeprefix("../"), 0.0)
        times.append(SegmentTime(seg.title, seg.line, seg.words, seconds))
    return times


def outside_range(seconds: float) -> bool:
    return not SECTION_RANGE[0] <= seconds <= SECTION_RANGE[1]


def clock(seconds: float) -> str:
    seconds = int(round(seconds))
    return f"{seconds // 60}:{seconds % 60:02d}"


def chapters(times: list[SegmentTime]) -> list[str]:
    """YouTube chapter markers ('0:00 Intro'), each segment starting where the previous ones end; segments
    with nothing to say or show (stage directions only) get no chapter."""
    lines, start = [], 0.0
    for t in times:
        if t.seconds <= 0:
            continue
        lines.append(f"{clock(start)} {t.title}")
        start += t.seconds
    return lines
