"""What the finished video keeps of a take, decided from the script: each scripted sentence once, in script order,
from its last complete attempt; everything else removed, each removal with its reason.

The alignment (coursekit.video.alignment) says where each sentence was said, and the restarts and asides it
could not explain. Between two kept sentences the take is kept as it is when it holds only a pause no longer
than the limit; otherwise the stretch is removed and the pause left is the limit, taken from the quiet on each
side. Each cut falls in the quiet between words, at the quietest 10 ms there. Settings: `[tool.coursekit.cut]`
in pyproject.toml.
"""

from __future__ import annotations

import tomllib
from dataclasses import asdict, dataclass, field, fields
from difflib import SequenceMatcher
from pathlib import Path

import numpy as np

from coursekit.course.problems import CourseError, Problem
from coursekit.video.alignment import Result, Sentence


@dataclass(frozen=True)
class Settings:
    """`[tool.coursekit.cut]` in the course's pyproject.toml; every key is optional."""
    max_pause: float = 1.0  # seconds: a longer pause is shortened to this
    lead_in: float = 0.3  # seconds kept before the first sentence
    tail: float = 0.6  # seconds kept after the last
    margin: float = 0.06  # seconds of quiet kept around a sentence's words at a cut (breath, plosives)
    crossfade: float = 0.02  # seconds over which the two sides of a cut are blended, so no click is heard
    keep_unscripted: bool = False  # keep passages said off script (asides) instead of removing them
    loudness: float = -16.0  # LUFS, integrated (the web's and podcasts' level)
    true_peak: float = -1.0  # dBTP ceiling

    @classmethod
    def load(cls, root: Path, **overrides) -> Settings:
        path = root / "pyproject.toml"
        try:
            table = tomllib.loads(path.read_text(encoding="utf-8")).get("tool", {}).get("coursekit", {}).get("cut", {})
        except FileNotFoundError:
            table = {}
        except tomllib.TOMLDecodeError as exc:
            raise CourseError(Problem("pyproject.toml", 0, f"not valid TOML: {exc}")) from None
        known = {f.name: f for f in fields(cls)}
        if unknown := sorted(set(table) - set(known)):
            raise CourseError(Problem("pyproject.toml", 0, f"[tool.coursekit.cut] has unknown key(s) {unknown}; "
                                      f"known: {sorted(known)}"))
        values = {}
        for name, value in {**table, **{k: v for k, v in overrides.items() if v is not None}}.items():
            kind = bool if name == "keep_unscripted" else float
            if kind is bool and not isinstance(value, bool) or kind is float and (
                    isinstance(value, bool) or not isinstance(value, (int, float))):
                raise CourseError(Problem("pyproject.toml", 0, f"[tool.coursekit.cut] {name} = {value!r}: "
                                          f"give {'true or false' if kind is bool else 'a number'}"))
            values[name] = kind(value)
        settings = cls(**values)
        if min(settings.max_pause, settings.lead_in, settings.tail, settings.margin, settings.crossfade) < 0 \
                or settings.crossfade > 0.2 or settings.true_peak > 0:
            raise CourseError(Problem("pyproject.toml", 0, "[tool.coursekit.cut]: times are seconds, not negative; "
                                      "crossfade at most 0.2; true_peak a ceiling below 0 dBTP"))
        return settings

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass
class Piece:
    """A stretch of the take that the video keeps, in take seconds, and where it sits in the video. With
    pickups (coursekit.video.pickup) every recording lies on the take's time axis, one after another, and a
    piece says what it is and which picture it shows."""
    start: float
    end: float
    at: float = 0.0
    kind: str = "take"  # "take", "pickup" (a sentence recorded again) or "room tone" (the take's own quiet)
    shows: tuple[float, float] | None = None  # the take's picture from [0], held at [1]; None: its own

    @property
    def length(self) -> float:
        return self.end - self.start


@dataclass
class Removal:
    start: float
    end: float
    reason: str  # "restart", "off script", "pause", "before the first sentence", "after the last sentence"
    text: str = ""  # what the recognizer heard there, when it heard words

    def as_dict(self) -> dict:
        return {"start": round(self.start, 3), "end": round(self.end, 3), "length": round(self.end - self.start, 3),
                "reason": self.reason, **({"heard": self.text} if self.text else {})}


@dataclass
class Cut:
    duration: float  # the take's
    pieces: list[Piece]
    removals: list[Removal]
    kept: list[Sentence]  # the aligned sentences, in order
    missing: list[Sentence] = field(default_factory=list)

    @property
    def length(self) -> float:
        return sum(p.length for p in self.pieces)

    def to_video(self, t: float) -> float:
        """Where take time ``t`` falls in the video; a time inside a removed stretch goes to the cut's place."""
        for piece in self.pieces:  # pickups put pieces out of the take's order: the one holding t first
            if piece.kind != "room tone" and piece.start <= t <= piece.end:
                return piece.at + t - piece.start
        for piece in self.pieces:
            if t < piece.start:
                return piece.at
            if t <= piece.end:
                return piece.at + t - piece.start
        return self.length

    def to_take(self, t: float) -> float:
        """The take time whose picture is shown at video time ``t``."""
        for piece in self.pieces:
            if t < piece.at + piece.length - 1e-4:  # a time on a cut shows the piece after it
                if piece.shows is not None:
                    return min(piece.shows[0] + max(0.0, t - piece.at), piece.shows[1])
                return piece.start + max(0.0, t - piece.at)
        if not self.pieces:
            return 0.0
        return self.pieces[-1].shows[1] if self.pieces[-1].shows is not None else self.pieces[-1].end


def _quietest(rms: np.ndarray, step: float, lo: float, hi: float, near: float) -> float:
    """The start of the quietest analysis window between ``lo`` and ``hi`` seconds (the one nearest ``near``
    among equals): where a cut is least heard."""
    a, b = int(np.ceil(lo / step)), int(np.floor(hi / step))
    if b <= a:
        return min(max(near, lo), hi)
    window = rms[a:b]
    best = np.flatnonzero(window <= window.min() * 1.05 + 1e-9) + a
    return float(best[np.argmin(np.abs(best * step - near))] * step)


def _on_frame(t: float, frame: float) -> float:
    return round(round(t / frame) * frame, 6)


def _is_restart(text: str, following: Sentence | None) -> bool:
    """An unexplained passage is a false start when what was heard there opens like the next sentence."""
    if following is None or not text:
        return False
    heard = text.lower().split()
    head = following.words[: max(2, len(heard))]
    return SequenceMatcher(None, heard, head, autojunk=False).ratio() >= 0.5 or heard[:2] == head[:2]


def decide(result: Result, audio: np.ndarray, rate: int, settings: Settings, frame: float = 1 / 30) -> Cut:
    """The cut of a take from its alignment; ``audio`` (mono, at ``rate``) places each cut in the quiet. Every
    cut falls on a frame boundary (``frame`` seconds), so that each piece is whole frames long: an editor's
    timeline, which counts in frames, then puts every piece exactly where the video has it."""
    step = 0.01
    size = int(rate * step)
    frames = audio[: len(audio) // size * size].reshape(-1, size).astype(np.float64)
    rms = np.sqrt(np.mean(frames ** 2, axis=1)) if len(frames) else np.zeros(1)
    duration = result.duration
    # script order, which the alignment keeps monotonic in the take's time
    kept = [s for s in result.sentences if s.status == "aligned" and s.start is not None]
    missing = [s for s in result.sentences if not (s.status == "aligned" and s.start is not None)]
    if not kept:
        raise CourseError(Problem(f"scripts/{result.key}.md", 0, "no sentence of the script was found in the take; "
                                  "is it a take of this section?"))
    passages = [dict(p) for p in result.unscripted]
    # What is said: the kept sentences and, when asked, the passages off script, as (start, end, sentence).
    spoken: list[tuple[float, float, Sentence | None]] = [(s.start, s.end, s) for s in kept]
    if settings.keep_unscripted:
        spoken += [(p["start"], p["end"], None) for p in passages]
    spoken.sort(key=lambda x: x[0])
    removals: list[Removal] = []
    pieces: list[Piece] = []
    half, margin = settings.max_pause / 2, settings.margin

    def loose_in(lo: float, hi: float) -> list[dict]:
        return [p for p in passages if not settings.keep_unscripted and p["end"] > lo and p["start"] < hi]

    def reason_for(lo: float, hi: float, following: Sentence | None) -> tuple[str, str]:
        inside = loose_in(lo, hi)
        if not inside:
            return "pause", ""
        text = " ".join(p["text"] for p in inside)
        return ("restart" if all(_is_restart(p["text"], following) for p in inside) else "off script"), text

    # before the first sentence
    first = spoken[0][0]
    loose = loose_in(0.0, first)
    quiet_from = max([p["end"] for p in loose], default=0.0)
    start = max(quiet_from, first - settings.lead_in)
    start = _on_frame(_quietest(rms, step, start, max(start, first - margin), start), frame) if start > 0 else 0.0
    if start > 0:
        what, text = reason_for(0.0, start, spoken[0][2])
        removals.append(Removal(0.0, start, "before the first sentence" if what == "pause" else what, text))
    piece_start = start
    for (a0, a1, _), (b0, b1, following) in zip(spoken, spoken[1:]):
        gap = b0 - a1
        loose = loose_in(a1, b0)
        if not loose and gap <= settings.max_pause:
            continue  # one piece runs on through a pause of at most the limit
        # the quiet after a1 and before b0, up to any removed speech between them
        quiet_after = min([p["start"] for p in loose], default=b0)
        quiet_before = max([p["end"] for p in loose], default=a1)
        left = min(a1 + half, max(a1 + margin, quiet_after - margin))
        right = max(b0 - half, min(b0 - margin, quiet_before + margin))
        left = _quietest(rms, step, a1 + margin, max(a1 + margin, left), left)
        right = _quietest(rms, step, min(right, b0 - margin), b0 - margin, right)
        left, right = _on_frame(left, frame), _on_frame(right, frame)
        if right <= left:
            continue
        pieces.append(Piece(piece_start, left))
        what, text = reason_for(left, right, following)
        removals.append(Removal(left, right, what, text))
        piece_start = right
    last = spoken[-1][1]
    loose = loose_in(last, duration)
    end = min(duration, last + settings.tail, min([p["start"] for p in loose], default=duration))
    end = _quietest(rms, step, min(end, last + margin), end, end) if end < duration else duration
    end = min(piece_start + _on_frame(end - piece_start, frame), duration)
    pieces.append(Piece(piece_start, end))
    if end < duration:
        what, text = reason_for(end, duration, None)
        removals.append(Removal(end, duration, "after the last sentence" if what == "pause" else what, text))
    at = 0.0
    for piece in pieces:
        piece.at = at
        at += piece.length
    return Cut(duration, pieces, removals, kept, missing)
