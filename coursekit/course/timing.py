"""How long a section's video will run: narration at a speaking rate, plus an allowance per cue."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path

from coursekit.course.problems import CourseError, Problem
from coursekit.course.script import Script

WORDS_PER_MINUTE = 140
# Seconds a cue adds on top of the narration spoken over it (switching windows, pausing on the screen);
# a demo cell adds its measured run time too, an animation its own length.
CUE_SECONDS = {"vscode": 5.0, "slides": 3.0, "animation": 15.0, "browser": 10.0, "terminal": 8.0}


@dataclass(frozen=True)
class Timing:
    """How videos are timed; `[tool.coursekit.timing]` in the course's pyproject.toml overrides it."""
    words_per_minute: int = WORDS_PER_MINUTE
    cue_seconds: dict[str, float] = field(default_factory=lambda: dict(CUE_SECONDS))
    section_minutes: tuple[float, float] = (5, 10)

    @classmethod
    def load(cls, root: Path) -> Timing:
        path = root / "pyproject.toml"
        try:
            table = tomllib.loads(path.read_text(encoding="utf-8")).get("tool", {}).get("coursekit", {}).get("timing", {})
        except FileNotFoundError:
            return cls()
        except tomllib.TOMLDecodeError as exc:
            raise CourseError(Problem("pyproject.toml", 0, f"not valid TOML: {exc}")) from None
        known = {f.name for f in fields(cls)}
        if unknown := sorted(set(table) - known):
            raise CourseError(Problem("pyproject.toml", 0, f"[tool.coursekit.timing] has unknown key(s) {unknown}; "
                                      f"known: {sorted(known)}"))
        try:
            wpm = int(table.get("words_per_minute", WORDS_PER_MINUTE))
            cues = {**CUE_SECONDS, **{k: float(v) for k, v in table.get("cue_seconds", {}).items()}}
            low, high = (float(x) for x in table.get("section_minutes", (5, 10)))
        except (TypeError, ValueError) as exc:
            raise CourseError(Problem("pyproject.toml", 0, f"[tool.coursekit.timing]: {exc}")) from None
        if wpm <= 0 or set(cues) != set(CUE_SECONDS) or not 0 <= low < high:
            raise CourseError(Problem("pyproject.toml", 0, "[tool.coursekit.timing]: words_per_minute must be "
                                      f"positive, cue_seconds keys are {sorted(CUE_SECONDS)}, section_minutes [low, high]"))
        return cls(wpm, cues, (low, high))

    def outside_range(self, seconds: float) -> bool:
        return not self.section_minutes[0] * 60 <= seconds <= self.section_minutes[1] * 60


@dataclass(frozen=True)
class SegmentTime:
    title: str
    line: int
    words: int
    seconds: float


def estimate(script: Script, animation_seconds: dict[str, float] | None = None,
             cell_seconds: dict[str, float] | None = None, timing: Timing | None = None) -> list[SegmentTime]:
    """Per segment. ``animation_seconds`` maps a Scene name to its video's length, ``cell_seconds`` a
    repository reference ('demos/NN_slug/x.py#title') to the measured run time of that demo cell."""
    animation_seconds = animation_seconds or {}
    cell_seconds = cell_seconds or {}
    timing = timing or Timing()
    times = []
    for seg in script.segments:
        seconds = seg.words * 60.0 / timing.words_per_minute
        for cue in seg.cues:
            target = cue.link.target if cue.link else ""
            scene = target.rpartition("#")[2]
            if cue.kind == "animation" and scene in animation_seconds:
                seconds += animation_seconds[scene]
            else:
                seconds += timing.cue_seconds[cue.kind]
            if cue.kind == "vscode":  # links are relative to scripts/, so '../demos/...' is 'demos/...'
                seconds += cell_seconds.get(target.removeprefix("../"), 0.0)
        times.append(SegmentTime(seg.title, seg.line, seg.words, seconds))
    return times


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
