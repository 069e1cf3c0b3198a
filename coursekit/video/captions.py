"""Captions: a sentence and its time cut into phrases a viewer can read, written as WebVTT or SRT.

Broadcast practice, as the BBC and Netflix guidelines put it: at most two lines of 42 characters, broken
at clause punctuation where possible, never overlapping. The draft videos time them from the synthesized
sentences; captions from a real take (alignment) use the same writer.
"""

from __future__ import annotations

import math
import textwrap
from dataclasses import dataclass

LINE = 42
LINES = 2
ORPHAN = 16  # characters: a sentence's last caption is at least this long when the sentence allows
MIN_SECONDS = 0.7  # on screen at least this long, so it can be read


@dataclass(frozen=True)
class Caption:
    start: float
    end: float
    text: str  # one or two lines joined by "\n"


def _wrap(text: str) -> list[str]:
    return textwrap.wrap(text, LINE, break_on_hyphens=False) or [""]


def phrases(sentence: str) -> list[str]:
    """``sentence`` cut into captions of at most LINES lines of LINE characters, each returned with its line
    breaks. Each caption takes as many words as fit, then gives back the words after its last clause
    break (a comma, a colon, a dash) when that break falls after its first third, so captions end on clauses."""
    words = sentence.split()
    out: list[str] = []
    while words:
        fit = 1
        while fit < len(words) and len(_wrap(" ".join(words[:fit + 1]))) <= LINES:
            fit += 1
        if fit < len(words):
            third = len(" ".join(words[:fit])) / 3
            for cut in range(fit, 1, -1):
                if words[cut - 1][-1] in ",;:.?!" or words[cut] in ("-", "–", "—"):
                    if len(" ".join(words[:cut])) >= third:
                        fit = cut
                    break
        while 1 < fit < len(words) and len(" ".join(words[fit:])) < ORPHAN:
            fit -= 1  # no last caption of a word or two: give it some of this one's words
        out.append("\n".join(_wrap(" ".join(words[:fit]))))
        words = words[fit:]
    return out


def timed(text: str, start: float, end: float) -> list[Caption]:
    """Captions for a sentence spoken from ``start`` to ``end``, each phrase given time by its length."""
    parts = phrases(text)
    weights = [max(1, len(p)) for p in parts]
    total = sum(weights)
    captions, t = [], start
    for part, weight in zip(parts, weights):
        stop = end if part is parts[-1] else t + (end - start) * weight / total
        captions.append(Caption(round(t, 3), round(stop, 3), part))
        t = stop
    return captions


def at_words(text: str, spans: list[tuple[float, float] | None], start: float, end: float) -> list[Caption]:
    """Captions for a sentence whose written words' times are known (``spans``, one per whitespace-separated
    word; None for a word with nothing spoken): each phrase starts when its first word is said."""
    known = [span for span in spans if span]
    if len(spans) != len(text.split()) or not known:
        return timed(text, start, end)
    filled, last = [], known[0]
    for span in spans:
        last = span or last
        filled.append(last)
    parts = phrases(text)
    starts, w = [], 0
    for part in parts:
        starts.append(start if w == 0 else max(filled[w][0], starts[-1]))
        w += len(part.split())
    stops = [*starts[1:], end]
    return [Caption(round(a, 3), round(b, 3), part) for a, b, part in zip(starts, stops, parts)]


def readable(captions: list[Caption], minimum: float = MIN_SECONDS) -> list[Caption]:
    """``captions`` in time order without overlaps, each on screen at least ``minimum`` seconds: a short one
    runs on into the pause after it, then starts earlier into the pause before it, then borrows time from
    the next caption when that one can spare it."""
    out = sorted(captions, key=lambda c: c.start)
    for i, c in enumerate(out):
        floor = out[i - 1].end if i else 0.0
        nxt = out[i + 1] if i + 1 < len(out) else None
        start, end = max(c.start, floor), c.end
        if end - start < minimum:
            end = max(end, min(start + minimum, nxt.start if nxt else math.inf))
        if end - start < minimum:
            start = max(floor, end - minimum)
        if end - start < minimum and nxt and nxt.end - (start + minimum) >= minimum:
            end = start + minimum
            out[i + 1] = Caption(round(end, 3), nxt.end, nxt.text)
        out[i] = Caption(round(start, 3), round(max(end, start), 3), c.text)
    return out


def _stamp(seconds: float, sep: str) -> str:
    ms = int(round(seconds * 1000))
    h, rest = divmod(ms, 3_600_000)
    m, rest = divmod(rest, 60_000)
    s, ms = divmod(rest, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def vtt(captions: list[Caption]) -> str:
    """WebVTT; cue text is escaped, since '<' and '&' are markup in a caption."""
    blocks = ["WEBVTT", ""]
    for i, c in enumerate(captions, start=1):
        text = c.text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        blocks += [str(i), f"{_stamp(c.start, '.')} --> {_stamp(c.end, '.')}", text, ""]
    return "\n".join(blocks)


def srt(captions: list[Caption]) -> str:
    blocks = []
    for i, c in enumerate(captions, start=1):
        blocks += [str(i), f"{_stamp(c.start, ',')} --> {_stamp(c.end, ',')}", c.text, ""]
    return "\n".join(blocks)
