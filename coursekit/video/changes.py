"""What a section's narration says differently since its take, sentence by sentence: the pickups to record.

recordings.lock keeps the narration a video was recorded from (its "narration and cues" entry: each segment's
title, each paragraph, each cue). Split into sentences as the aligner splits the script, and compared with the
script now (difflib, on the sentences' words), it gives each sentence changed, added or removed since the
take, with its line in the script now, and whether the picture of the cue it is spoken over changed too. A
cue whose picture changed under unchanged narration needs no new recording: `--visuals cues` shows the new
render.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

from coursekit.course import script as script_mod
from coursekit.course.check import cue_targets
from coursekit.course.lexicon import Lexicon
from coursekit.course.sections import Section
from coursekit.video import drafts

NARRATION_REF = "(narration and cues)"
CUE_LINE_RE = re.compile(r"^\[[^\]]+\] .* -> \S*$")


@dataclass
class Said:
    """A sentence of the narration: its text, its segment, and its line in the script (0 for the recorded
    version, whose lines the lock does not keep)."""
    text: str
    segment: int
    line: int = 0
    cue: str = ""  # the reference of the cue it is spoken over ("" before the segment's first cue)

    @property
    def words(self) -> tuple[str, ...]:
        return tuple(re.findall(r"[a-z0-9']+", self.text.lower()))


@dataclass
class Change:
    """One sentence of the script said differently since the take."""
    kind: str  # "changed", "added" or "removed"
    line: int  # its line in the script now; for a removed one, the line of the sentence now in its place
    old: Said | None
    new: Said | None
    picture: bool = False  # the cue it is spoken over shows something different too

    def describe(self, key: str) -> str:
        where = f"scripts/{key}.md:{self.line}"
        also = " (its cue's picture changed too)" if self.picture else ""
        if self.kind == "changed":
            return f"{where}: changed: {self.old.text!r} -> {self.new.text!r}{also}"
        if self.kind == "added":
            return f"{where}: added: {self.new.text!r}{also}"
        return f"{where}: removed: {self.old.text!r}"


@dataclass
class Diff:
    """The recorded narration against the script now."""
    then: list[Said]
    now: list[Said]
    changes: list[Change]
    pairs: dict[int, int] = field(default_factory=dict)  # sentence now -> the same sentence then
    pictures: list[str] = field(default_factory=list)  # cue references whose picture alone changed

    @property
    def wanted(self) -> list[int]:
        """The sentences now that a pickup must say: those changed and added, in script order."""
        return [j for j in range(len(self.now)) if j not in self.pairs]


def recorded_text(entry: dict) -> str:
    """The narration a lock entry was recorded from, as shown_items wrote it."""
    return next((item["text"] for item in entry["shown"] if item["ref"].endswith(NARRATION_REF)), "")


def recorded_narration(text: str) -> tuple[list[Said], list[str]]:
    """The sentences and segment titles of the narration as recordings.lock holds it."""
    out: list[Said] = []
    titles: list[str] = []
    for row in text.splitlines():
        if row.startswith("## "):
            titles.append(row[3:])
        elif row.strip() and not CUE_LINE_RE.match(row):
            out += [Said(t, max(0, len(titles) - 1)) for t in script_mod.sentences(row)]
    return out, titles


def current_narration(section: Section, root: Path) -> tuple[list[Said], list[str], dict[str, str]]:
    """The script's sentences now, with their lines and the cue each is spoken over; the segment titles; and
    each cue's reference by the cue's line."""
    script, resolved, _ = cue_targets(section, root)
    refs = {cue.line: (target.ref if target else "") for cue, target in resolved}
    out: list[Said] = []
    for index, segment in enumerate(script.segments):
        cue = ""
        for block in segment.blocks:
            if block.kind == "cue" and block.cue:
                cue = refs.get(block.cue.line, "")
            elif block.kind in ("narration", "bullet"):
                out += [Said(t, index, block.line, cue) for t in script_mod.sentences(block.text)]
    return out, [seg.title for seg in script.segments], refs


def diff(then: list[Said], now: list[Said], changed_refs: set[str] = frozenset()) -> Diff:
    """Sentence by sentence, then against now. A run of sentences rewritten together pairs them in order:
    the first rewritten with the first written, the rest added or removed."""
    matcher = SequenceMatcher(None, [s.words for s in then], [s.words for s in now], autojunk=False)
    result = Diff(then, now, [])
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            result.pairs.update({j1 + d: i1 + d for d in range(j2 - j1)})
            continue
        for d in range(max(i2 - i1, j2 - j1)):
            old = then[i1 + d] if i1 + d < i2 else None
            new = now[j1 + d] if j1 + d < j2 else None
            if new is not None:
                kind = "changed" if old is not None else "added"
                result.changes.append(Change(kind, new.line, old, new, picture=new.cue in changed_refs))
            else:
                place = now[j2 - 1] if j2 > 0 and j2 - 1 < len(now) else (now[j2] if j2 < len(now) else None)
                result.changes.append(Change("removed", place.line if place else 0, old, None))
    return result


def section_diff(section: Section, root: Path, entry: dict, shown_now: dict[str, str]) -> Diff:
    """The lock's entry for SECTION against its script now (``shown_now``: what its video shows now, by
    reference); cue pictures that changed under the same words are listed in ``pictures``."""
    then, _ = recorded_narration(recorded_text(entry))
    now, _, _ = current_narration(section, root)
    shown_then = {item["ref"]: item["text"] for item in entry["shown"]}
    changed = {ref for ref, text in shown_now.items()
               if not ref.endswith(NARRATION_REF) and shown_then.get(ref) != text}
    result = diff(then, now, changed)
    spoken_under = {c.new.cue for c in result.changes if c.new}
    result.pictures = sorted(ref for ref in changed if ref not in spoken_under)
    return result


def plans(said: list[Said], lexicon: Lexicon) -> list[drafts.SentencePlan]:
    """The sentences as the aligner takes them (each said through the lexicon)."""
    return [drafts.SentencePlan(s.line, s.text, lexicon.spoken(s.text), s.segment) for s in said]
