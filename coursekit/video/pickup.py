"""Pickups: a recorded video brought up to date after a script edit, from the sentences recorded again.

recordings.lock says what the take said (coursekit.video.changes). The take is aligned against that
narration, so that its cut (cutlist.decide) is the video as it was published. Each pickup, a short recording
of the changed and added sentences (read into from their neighbours, or not), is aligned against those
sentences and their neighbours. The new video then follows the script as it is now, sentence by sentence:
- an unchanged sentence comes from the take, as the published cut has it, cut at the quiet between sentences;
- a changed or added one comes from the last pickup that says it: its words, with the pauses of the sentence
  it replaces (or the take's usual pause) filled with the take's own room tone, at the take's loudness;
- a removed one is left out.
Every recording lies on one time axis, the take first and each pickup after it (Sources.offsets), so the
pieces, the captions' mapping and the crossfades are those of a single take. Under a replaced sentence a
screen recording shows its own picture of that sentence, played or held to the new length; under an added one,
the picture where it is inserted, held.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from difflib import SequenceMatcher
from pathlib import Path

import click
import numpy as np

from coursekit.course.lexicon import Lexicon
from coursekit.course.problems import CourseError, Problem, rel
from coursekit.course.sections import Section
from coursekit.video import changes, loudness
from coursekit.video.alignment import Result, Sentence, aligned, listened_for
from coursekit.video.cutlist import Cut, Piece, Removal, Settings, _on_frame, _quietest, decide

NEW_WORDS_HEARD = 0.5  # share of the words an edit brought into a sentence that a pickup must be heard to say
ROOM_TONE = 1.0  # seconds: the quiet stretch of the take that fills a pickup's pauses
STEP = 0.01  # seconds: the analysis window that finds quiet


@dataclass
class Sources:
    """The take and its pickups on one time axis: each recording starts where the one before it ends."""
    paths: list[Path]
    offsets: list[float]
    audio: np.ndarray  # all of them end to end, mono float at the cut's rate


@dataclass
class Plan:
    """What the pickups change: the sentences of the script now, each from the take or a pickup."""
    diff: changes.Diff
    sentences: list[Sentence]  # the script now, as the aligner lists it (lines and text as now)
    titles: list[str]
    take: Result  # the take aligned against the narration it was recorded from
    pickups: list[Path] = field(default_factory=list)
    said: dict[int, tuple[int, Sentence]] = field(default_factory=dict)  # wanted sentence -> (pickup, as said)


def recorded_entry(section: Section, root: Path) -> dict:
    from coursekit.video.recordings import LOCK, read_lock

    entry = read_lock(root).get(section.key)
    if entry is None:
        raise CourseError(Problem(LOCK, 0, f"{section.key} has not been recorded: pickups patch a recorded take. "
                                  f"Lock the take first: coursekit recorded {section.key[:2]} --take TAKE"))
    return entry


def _pickup_script(plan_sentences: list[Sentence], wanted: list[int]) -> tuple[list[Sentence], list[int]]:
    """What a pickup may say: each run of wanted sentences with the sentence before and after it (read into,
    or not); and for each, its index in the script now."""
    keep: list[int] = []
    for j in wanted:
        for k in (j - 1, j, j + 1):
            if 0 <= k < len(plan_sentences) and k not in keep:
                keep.append(k)
    keep.sort()
    return [replace(plan_sentences[k], times=[]) for k in keep], keep


def plan(section: Section, root: Path, take: Path, pickups: list[Path], echo=click.echo) -> Plan:
    """Align the take against what it said and each pickup against what it was to say; every wanted sentence
    must be in a pickup, else each missing one is named by its line and nothing is written."""
    lexicon = Lexicon.load(root)
    entry = recorded_entry(section, root)
    then, then_titles = changes.recorded_narration(changes.recorded_text(entry))
    now, titles, _ = changes.current_narration(section, root)
    diff = changes.diff(then, now)
    if not diff.changes:
        raise CourseError(Problem(f"scripts/{section.key}.md", 0, "no sentence was changed, added or removed since "
                                  "the take that recordings.lock holds, so there is nothing to pick up (after "
                                  "`coursekit recorded` with the pickups, the finished video is the take: "
                                  f"make video S={section.key[:2]} TAKE=build/site/videos/{section.key}.mp4 PICKUP=...)"))
    said_then = listened_for(changes.plans(then, lexicon), lexicon)
    result = aligned(section, root, take, echo, script=(said_then, then_titles))
    sentences = listened_for(changes.plans(now, lexicon), lexicon)
    out = Plan(diff, sentences, titles, result)
    for path in pickups:
        if not path.is_file():
            raise CourseError(Problem(rel(path, root), 0, "no such pickup; give the path of the recording"))
        out.pickups.append(path)
        # The aligner follows the script's order; a pickup may say its sentences in any order, so what one
        # pass does not find is looked for again, alone with its neighbours, until a pass finds nothing new.
        remaining = list(diff.wanted)
        while remaining:
            script, index = _pickup_script(sentences, remaining)
            got = aligned(section, root, path, echo, script=(script, titles), strict=False)
            found = [(j, s) for s, j in zip(got.sentences, index)
                     if j in remaining and s.status == "aligned" and s.start is not None]
            for j, s in found:
                out.said[j] = (len(out.pickups) - 1, s)  # the last pickup that says it wins
            remaining = [j for j in remaining if j not in dict(found)]
            if not found:
                break
    names = ", ".join(rel(p, root) for p in pickups)
    problems = [Problem(f"scripts/{section.key}.md", sentences[j].line,
                        f"not in the pickup ({names}): {sentences[j].text!r}; say it in a pickup "
                        f"(make record S={section.key[:2]} PICKUPS=1 shows what to say)")
                for j in diff.wanted if j not in out.said]
    now_index = {id(x): j for j, x in enumerate(diff.now)}
    for change in diff.changes:
        j = now_index.get(id(change.new))
        if change.kind == "changed" and j in out.said and not _says_the_new_words(change, out.said[j][1], lexicon):
            problems.append(Problem(f"scripts/{section.key}.md", change.line,
                                    f"the pickup ({names}) says this sentence as it was, {change.old.text!r}, not as "
                                    f"it is now: {change.new.text!r}; say it again as written"))
    if problems:
        raise CourseError(sorted(problems, key=lambda p: p.line))
    return out


def _says_the_new_words(change: changes.Change, said: Sentence, lexicon: Lexicon) -> bool:
    """Whether the words the edit brought into a sentence were heard as written: a narrator who reads the old
    wording by habit matches most of the sentence, but not those."""
    old = listened_for(changes.plans([change.old], lexicon), lexicon)[0].words
    new = said.words
    brought = [j for op, _, _, j1, j2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
               if op in ("replace", "insert") for j in range(j1, j2)]
    if not brought:
        return True
    return sum(1 for j in brought if j in set(said.anchored)) >= NEW_WORDS_HEARD * len(brought)


def room_tone(audio: np.ndarray, rate: int, spoken: list[tuple[float, float]]) -> tuple[float, float]:
    """The quietest ROOM_TONE seconds of the take away from every sentence: the room as the take hears it."""
    size = int(rate * STEP)
    frames = audio[: len(audio) // size * size].reshape(-1, size).astype(np.float64)
    rms = np.sqrt(np.mean(frames ** 2, axis=1))
    span = max(1, int(ROOM_TONE / STEP))
    for pad in (0.2, 0.0):
        level = np.convolve(rms, np.ones(span) / span, mode="valid")
        for a, b in spoken:
            level[max(0, int((a - pad) / STEP) - span): int((b + pad) / STEP) + 1] = np.inf
        if np.isfinite(level).any():
            at = int(np.argmin(level)) * STEP
            return at, at + span * STEP
        span = max(1, span // 3)
    raise CourseError(Problem("take", 0, "the take has no pause to take the room's sound from"))


def _clips(cut: Cut, rms: np.ndarray, settings: Settings, frame: float) -> dict[int, list[tuple[float, float]]]:
    """Each kept sentence's stretch of the published cut (by its index in cut.kept), cut in the quiet between
    sentences: together they are the cut's pieces."""
    def holding(t: float) -> int:
        return next((n for n, p in enumerate(cut.pieces) if p.start - 1e-6 <= t <= p.end + 1e-6), 0)

    bounds = [cut.pieces[0].start]
    for a, b in zip(cut.kept, cut.kept[1:]):
        pa, pb = holding(a.end), holding(b.start)
        if pa == pb:
            lo, hi = a.end + settings.margin, max(a.end + settings.margin, b.start - settings.margin)
            bounds.append(_on_frame(_quietest(rms, STEP, lo, hi, (lo + hi) / 2), frame))
        else:
            bounds.append(cut.pieces[pb].start)
    bounds.append(cut.pieces[-1].end)
    clips = {}
    for n in range(len(cut.kept)):
        lo, hi = bounds[n], bounds[n + 1]
        clips[n] = [(max(p.start, lo), min(p.end, hi)) for p in cut.pieces if min(p.end, hi) - max(p.start, lo) > 1e-6]
    return clips


def compose(p: Plan, sources: Sources, rate: int, settings: Settings, frame: float) -> Cut:
    """The new cut: the script now, each sentence from the take or its pickup (see the module's docstring)."""
    main = p.take
    audio = sources.audio
    size = int(rate * STEP)
    frames = audio[: len(audio) // size * size].reshape(-1, size).astype(np.float64)
    rms = np.sqrt(np.mean(frames ** 2, axis=1))
    take_audio = audio[: int(round(sources.offsets[1] * rate))] if len(sources.offsets) > 1 else audio
    published = decide(main, take_audio, rate, settings, frame)
    clips = _clips(published, rms, settings, frame)
    kept_at = {id(s): n for n, s in enumerate(published.kept)}
    by_then = {i: kept_at.get(id(s)) for i, s in enumerate(main.sentences)}  # then index -> clip, if kept
    quiet = room_tone(take_audio, rate, [(s.start, s.end) for s in published.kept])
    leads = [published.kept[n].start - c[0][0] for n, c in clips.items()]
    tails = [c[-1][1] - published.kept[n].end for n, c in clips.items()]
    usual = (float(np.median(leads)), float(np.median(tails)))

    then_index = {id(x): i for i, x in enumerate(p.diff.then)}
    now_index = {id(x): j for j, x in enumerate(p.diff.now)}
    partner = {now_index[id(c.new)]: then_index[id(c.old)] for c in p.diff.changes if c.kind == "changed"}

    pieces: list[Piece] = []
    kept: list[Sentence] = []
    missing: list[Sentence] = []
    picture_at = published.pieces[0].start  # where the take's picture stands after the last piece
    for j, sentence in enumerate(p.sentences):
        if j in p.diff.pairs:
            n = by_then.get(p.diff.pairs[j])
            if n is None:
                missing.append(sentence)
                continue
            old = published.kept[n]
            pieces += [Piece(a, b) for a, b in clips[n]]
            kept.append(_as_now(old, sentence))
            picture_at = clips[n][-1][1]
            continue
        k, said = p.said[j]
        shift = sources.offsets[k + 1]
        spoken = replace(said, line=sentence.line, text=sentence.text, segment=sentence.segment,
                         start=said.start + shift, end=said.end + shift,
                         times=[(a + shift, b + shift) for a, b in said.times])
        lead, tail = usual
        shows = (picture_at, picture_at)  # an added sentence holds the picture where it is inserted
        n = by_then.get(partner.get(j, -1))
        if n is not None:  # a changed one plays the picture of the sentence it replaces
            old, clip = published.kept[n], clips[n]
            lead, tail = old.start - clip[0][0], clip[-1][1] - old.end
            shows = (clip[0][0], clip[-1][1])
        group = _pickup_pieces(spoken, lead, tail, quiet, settings, frame, sources.offsets[k + 1])
        at = 0.0
        for piece in group:
            piece.shows = (min(shows[0] + at, shows[1]), shows[1])
            at += piece.length
        pieces += group
        kept.append(spoken)
        picture_at = shows[1]
    pieces = _merged(pieces)
    at = 0.0
    for piece in pieces:
        piece.at = at
        at += piece.length
    removals = list(published.removals)
    for change in p.diff.changes:
        if change.old is None:
            continue
        n = by_then.get(then_index[id(change.old)])
        if n is not None:
            clip = clips[n]
            why = "replaced by a pickup" if change.kind == "changed" else "removed from the script"
            removals.append(Removal(clip[0][0], clip[-1][1], why, change.old.text))
    removals.sort(key=lambda r: r.start)
    return Cut(published.duration, pieces, removals, kept, missing)


def _as_now(old: Sentence, now: Sentence) -> Sentence:
    """A sentence of the take under its line and text now (the same words, maybe written differently)."""
    same = old.per_token == now.per_token
    return replace(now, status="aligned", start=old.start, end=old.end, times=list(old.times) if same else [])


def _pickup_pieces(s: Sentence, lead: float, tail: float, quiet: tuple[float, float], settings: Settings,
                   frame: float, offset: float) -> list[Piece]:
    """A pickup sentence's words with ``lead`` and ``tail`` seconds of quiet, the quiet being the take's room
    tone; each piece whole frames long."""
    margin = settings.margin
    a = offset + _on_frame(s.start - margin - offset, frame)
    b = offset + _on_frame(s.end + margin - offset, frame)
    return [*_room(lead - margin, quiet, frame), Piece(a, b, kind="pickup"), *_room(tail - margin, quiet, frame)]


def _room(seconds: float, quiet: tuple[float, float], frame: float) -> list[Piece]:
    out, left = [], _on_frame(max(0.0, seconds), frame)
    width = _on_frame(quiet[1] - quiet[0], frame) or frame
    while left > 1e-6:
        take = min(left, width)
        out.append(Piece(quiet[0], quiet[0] + take, kind="room tone"))
        left = round(left - take, 6)
    return out


def _merged(pieces: list[Piece]) -> list[Piece]:
    """Pieces of the take that run on into each other joined again: an unchanged stretch is cut as before."""
    out: list[Piece] = []
    for piece in pieces:
        last = out[-1] if out else None
        if (last and last.kind == piece.kind == "take" and last.shows is None and piece.shows is None
                and abs(last.end - piece.start) < 1e-6):
            last.end = piece.end
        else:
            out.append(piece)
    return out


def match_loudness(p: Plan, sources: Sources, rate: int) -> list[float]:
    """Each pickup brought to the take's loudness (BS.1770, over the sentences each says): the gain in dB."""
    def level(spans: list[tuple[float, float]]) -> float:
        parts = [sources.audio[int(a * rate): int(b * rate)] for a, b in spans]
        return loudness.measure(np.concatenate(parts), rate).lufs if parts else -np.inf

    take = level([(s.start, s.end) for s in p.take.sentences if s.status == "aligned" and s.start is not None])
    gains = []
    for k in range(len(p.pickups)):
        shift = sources.offsets[k + 1]
        spans = [(s.start + shift, s.end + shift) for j, (kk, s) in p.said.items() if kk == k]
        own = level(spans)
        gain = take - own if np.isfinite(take) and np.isfinite(own) else 0.0
        lo = int(round(shift * rate))
        hi = int(round(sources.offsets[k + 2] * rate)) if k + 2 < len(sources.offsets) else len(sources.audio)
        sources.audio[lo:hi] *= np.float32(10 ** (gain / 20))
        gains.append(round(float(gain), 2))
    return gains
