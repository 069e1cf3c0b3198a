"""Where the take says each sentence of the script: the alignment that captions, the take report and the cut are made from.

The script says what was meant to be said; PocketSphinx (coursekit.video.recognition) finds when it was said,
offline. Two passes, as long-audio aligners do (Moreno et al., 1998):
1. recognition, speech region by speech region, with a language model built from this section's narration
   alone (pocketsphinx.lm), gives words and times. Sequence alignment of those words with the script's
   (difflib) keeps as anchors the runs of at least MIN_RUN words heard exactly as written;
2. each sentence with enough anchors is force-aligned to the audio inside the window its anchors and its
   neighbours leave, which gives its start, its end and each word's time.
A sentence without anchors was skipped. Speech outside every aligned sentence is unscripted (an aside, a
restarted sentence); the general English model gives its best guess of those words.
"""

from __future__ import annotations

import json
import math
import re
import time
from dataclasses import asdict, dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

import click
import numpy as np

from coursekit.course import cache, fsio
from coursekit.course.lexicon import Lexicon
from coursekit.course.problems import CourseError, Problem, rel
from coursekit.course.script import parse
from coursekit.course.sections import Section
from coursekit.course.timing import clock
from coursekit.video import takes
from coursekit.video.recognition import Word, force, new_decoder, recognize

MIN_RUN = 2  # words heard in a row exactly as written make an anchor
SAID_SHARE = 0.3  # a sentence counts as said when this share of its words is anchored
GAP_SHARE = 0.25  # between said sentences, a sentence with this share of its words heard was said too
PAD = 0.6  # seconds of audio either side of a sentence's expected span given to forced alignment
WORD_MIN, WORD_MAX = 0.15, 0.6  # seconds a word takes, quickest and slowest, to stretch anchors over words
EXTRA_WORDS, EXTRA_SECONDS = 3, 2.5  # heard between two sentences beyond the script: something unscripted
UNSCRIPTED_MIN = 1.0  # seconds: shorter stretches of unexplained speech are breaths and noise
WRONG_TAKE = 0.2  # below this share of the heard words anchored, the take is not of this section


@dataclass
class Sentence:
    """A narration sentence of the script and where the take has it."""
    line: int
    text: str  # as written: what the captions show
    segment: int
    words: list[str]  # as spoken, through the lexicon: what the recognizer listens for
    per_token: list[int]  # how many spoken words each written word is
    status: str = "skipped"
    start: float | None = None
    end: float | None = None
    times: list[tuple[float, float]] = field(default_factory=list)  # each spoken word's (start, end)
    anchored: list[int] = field(default_factory=list)  # which spoken words were heard as written (anchors)


@dataclass
class Result:
    key: str
    duration: float
    sentences: list[Sentence]
    segments: list[str]
    unscripted: list[dict]
    heard: int  # words the recognizer heard
    anchored: int  # of those, heard as written
    seconds: float = 0.0  # how long aligning took
    reused: bool = False  # read back from the cache: this audio was not recognised again

    @classmethod
    def from_dict(cls, data: dict) -> "Result":
        sentences = [Sentence(**{**s, "times": [tuple(t) for t in s["times"]]}) for s in data["sentences"]]
        return cls(**{**data, "sentences": sentences})

    @property
    def aligned(self) -> list[Sentence]:
        return [s for s in self.sentences if s.status == "aligned"]

    @property
    def words_per_minute(self) -> float:
        said = self.aligned
        if not said:
            return 0.0
        span = max(s.end for s in said) - min(s.start for s in said)
        return round(sum(len(s.words) for s in said) / (span / 60), 1) if span > 0 else 0.0


def narration(section: Section, root: Path, lexicon: Lexicon) -> tuple[list[Sentence], list[str]]:
    """The script's narration sentences (as the draft voice says them) and its segment titles."""
    from coursekit.video.drafts import narration as draft_narration

    script = parse(section.script, f"scripts/{section.key}.md")
    return listened_for(draft_narration(script, lexicon), lexicon), [seg.title for seg in script.segments]


def listened_for(plans, lexicon: Lexicon) -> list[Sentence]:
    """Sentences to find, from the draft's sentence plans: each written word and the spoken words it is."""
    out = []
    for plan in plans:
        tokens = lexicon.tokens(plan.text)
        per_token = [len(re.findall(r"[A-Za-z0-9']+", t.spoken)) for t in tokens]
        words = [w.lower() for t in tokens for w in re.findall(r"[A-Za-z0-9']+", t.spoken)]
        out.append(Sentence(plan.line, plan.text, plan.segment, words, per_token))
    return out


def anchor(sentences: list[Sentence], heard: list[Word]) -> tuple[list[list[tuple[int, int]]], int]:
    """For each sentence, its (word index, heard index) pairs heard exactly as written; and how many heard
    words are anchored. difflib's matcher takes the longest common run first, so of a sentence said twice
    the complete saying is the one anchored."""
    owner = [(k, i) for k, s in enumerate(sentences) for i in range(len(s.words))]
    matcher = SequenceMatcher(None, [w for s in sentences for w in s.words], [h.text for h in heard], autojunk=False)
    pairs: list[list[tuple[int, int]]] = [[] for _ in sentences]
    anchored = 0
    for block in matcher.get_matching_blocks():
        if block.size >= MIN_RUN:
            anchored += block.size
            for d in range(block.size):
                k, i = owner[block.a + d]
                pairs[k].append((i, block.b + d))
    return pairs, anchored


def find_said(sentences: list[Sentence], heard: list[Word], pairs: list[list[tuple[int, int]]]) -> list[int]:
    """The sentences that were said, in order. First those with enough anchors; then, between two of those,
    the others are looked for among the words heard between them, where one word heard as written counts
    (across the whole take it would be chance, inside a gap of a few seconds it is not). ``pairs`` gains
    those single-word anchors."""
    need = [min(len(s.words), max(MIN_RUN, math.ceil(SAID_SHARE * len(s.words)))) for s in sentences]
    said = [k for k, s in enumerate(sentences) if len(pairs[k]) >= need[k]]
    bounds = [-1, *said, len(sentences)]
    for left, right in zip(bounds, bounds[1:]):
        gap = range(left + 1, right)
        if not gap:
            continue
        lo = pairs[left][-1][1] + 1 if left >= 0 else 0
        hi = pairs[right][0][1] if right < len(sentences) else len(heard)
        owner = [(k, i) for k in gap for i in range(len(sentences[k].words))]
        local = SequenceMatcher(None, [w for k in gap for w in sentences[k].words], [h.text for h in heard[lo:hi]],
                                autojunk=False)
        for block in local.get_matching_blocks():
            for d in range(block.size):
                k, i = owner[block.a + d]
                pairs[k].append((i, lo + block.b + d))
        for k in gap:
            pairs[k].sort()
            if len(pairs[k]) >= max(1, math.ceil(GAP_SHARE * len(sentences[k].words))):
                said.append(k)
    said.sort()
    for n, k in enumerate(said):
        restarted(sentences[k], heard, pairs[k], pairs[said[n + 1]][0][1] if n + 1 < len(said) else len(heard))
    return said


def restarted(sentence: Sentence, heard: list[Word], pairs: list[tuple[int, int]], before: int) -> None:
    """A sentence started again counts from its last start, and the abandoned attempt is left unexplained, so
    it is reported as unscripted. Two signs of a restart: its opening words heard once more after its first
    anchor (and before the next sentence), or its anchors jumping over more heard words than the script has
    there."""
    head = sentence.words[: min(4, len(sentence.words))]
    heard_words = [h.text for h in heard]
    if pairs[0][0] == 0 and len(head) >= 2:
        again = [j for j in range(pairs[0][1] + 1, before - len(head) + 1) if heard_words[j: j + len(head)] == head]
        if again:
            j = again[-1]
            pairs[:] = [(i, j + i) for i in range(len(head))] + [p for p in pairs if p[1] >= j + len(head)]
    jumps = [n for n in range(1, len(pairs))
             if (pairs[n][1] - pairs[n - 1][1]) - (pairs[n][0] - pairs[n - 1][0]) >= EXTRA_WORDS]
    if jumps and len(pairs) - jumps[-1] >= MIN_RUN:
        del pairs[: jumps[-1]]


def place(aligner, audio: np.ndarray, run: list[Sentence], pairs: list[list[tuple[int, int]]], heard: list[Word],
          lo: float, hi: float) -> None:
    """Force-align a run of sentences between ``lo`` and ``hi`` seconds. When the aligner finds no path for the
    run, each sentence is aligned alone inside the span its anchors give; failing that, it keeps those."""
    times = force(aligner, audio, [w for s in run for w in s.words], lo, hi)
    if times is None and len(run) > 1:
        spans = [(heard[p[0][1]].start - p[0][0] * WORD_MAX, heard[p[-1][1]].end + (len(s.words) - 1 - p[-1][0]) * WORD_MAX)
                 for s, p in zip(run, pairs)]
        for n, (s, p) in enumerate(zip(run, pairs)):
            start = max(lo, spans[n][0] - PAD, spans[n - 1][1] if n else lo)
            end = min(hi, spans[n][1] + PAD, heard[pairs[n + 1][0][1]].start if n + 1 < len(run) else hi)
            place(aligner, audio, [s], [p], heard, start, end)
        return
    w = 0
    for s, p in zip(run, pairs):
        s.status = "aligned"
        if times:
            s.times = times[w: w + len(s.words)]
            s.start, s.end = s.times[0][0], s.times[-1][1]
        else:  # the anchors' times, stretched over the words around them
            (a0, b0), (a1, b1) = p[0], p[-1]
            s.start = max(lo, heard[b0].start - a0 * WORD_MIN)
            s.end = min(hi, heard[b1].end + (len(s.words) - 1 - a1) * WORD_MIN)
        w += len(s.words)


def find_runs(sentences: list[Sentence], heard: list[Word], pairs: list[list[tuple[int, int]]],
               said: list[int]) -> list[list[int]]:
    """The said sentences in runs that follow the script without a break, each to be force-aligned in one
    piece. A run breaks at a skipped sentence and where more was heard between two sentences than the
    script's words there explain: an aside, or a sentence started again."""
    runs: list[list[int]] = []
    for k in said:
        if runs and runs[-1][-1] == k - 1:
            (ia, ja), (ib, jb) = pairs[k - 1][-1], pairs[k][0]
            expected = len(sentences[k - 1].words) - 1 - ia + ib
            extra_words = jb - ja - 1 - expected
            extra_time = heard[jb].start - heard[ja].end - expected * WORD_MAX
            if extra_words < EXTRA_WORDS and extra_time < EXTRA_SECONDS:
                runs[-1].append(k)
                continue
        runs.append([k])
    return runs


def align_take(section: Section, root: Path, take: Path, echo=click.echo, script=None, strict: bool = True) -> Result:
    """Align SECTION's narration (or ``script``: the sentences to find and the segment titles) to the recording
    ``take``. Raises CourseError when it cannot be done; ``strict=False`` returns a take that matches almost
    nothing as a result with every sentence skipped (a pickup then names each sentence it lacks)."""
    from pocketsphinx.lm import ArpaBoLM

    started = time.monotonic()
    shown = rel(take, root)
    lexicon = Lexicon.load(root)
    sentences, segment_titles = script or narration(section, root, lexicon)
    audio = takes.load(take, shown)
    duration = len(audio) / takes.RATE
    echo(f"align {section.key}: {shown}, {clock(duration)} of audio, {len(sentences)} sentences to find")

    model = ArpaBoLM(text="\n".join(" ".join(s.words) for s in sentences), add_start=True, discount_mass=0.1)
    model.compute()
    vocabulary = {w for s in sentences for w in s.words}
    with fsio.atomic_path(root / "build" / "cache" / "align" / f"{section.key}.arpa") as arpa:
        model.write_file(str(arpa))
        listener = new_decoder(vocabulary, lm=str(arpa))
    heard = recognize(listener, audio, report=lambda t: echo(f"  heard {clock(t)} of {clock(duration)}"))
    if not heard:
        raise CourseError(Problem(shown, 0, "no speech found in the take: is it the right file, and was the "
                                  "microphone on?"))
    pairs, anchored = anchor(sentences, heard)
    for sentence, found in zip(sentences, pairs):
        sentence.anchored = [i for i, _ in found]
    if not strict and anchored < WRONG_TAKE * len(heard):
        return Result(section.key, duration, sentences, segment_titles, [], len(heard), anchored,
                      time.monotonic() - started)
    if anchored < WRONG_TAKE * len(heard):
        raise CourseError(Problem(shown, 0, f"almost nothing in this take matches scripts/{section.key}.md: "
                                  f"{anchored} of {len(heard)} words heard follow the script. Is it a take of "
                                  "another section? Check the section number and the file"))

    said = find_said(sentences, heard, pairs)
    # Wide beams, since the words are known; the lattice's best-path pass can lose the end of the text.
    aligner = new_decoder(vocabulary, lm=None, beam=1e-80, wbeam=1e-60, pbeam=1e-80, bestpath=False)
    runs = find_runs(sentences, heard, pairs, said)
    floor = 0.0
    for n, run in enumerate(runs):
        last = sentences[run[-1]]
        (i0, j0), (i1, j1) = pairs[run[0]][0], pairs[run[-1]][-1]
        lo = max(floor, heard[j0].start - i0 * WORD_MAX - PAD)
        hi = heard[j1].end + (len(last.words) - 1 - i1) * WORD_MAX + PAD
        if n + 1 < len(runs):
            (i2, j2) = pairs[runs[n + 1][0]][0]
            hi = min(hi, heard[j2].start - i2 * WORD_MIN)
        hi = min(hi, duration)
        place(aligner, audio, [sentences[k] for k in run], [pairs[k] for k in run], heard, lo, hi)
        floor = max(floor, last.end or lo)

    unscripted = find_unscripted(sentences, heard, audio)
    result = Result(section.key, duration, sentences, segment_titles, unscripted, len(heard), anchored)
    result.seconds = time.monotonic() - started
    return result


def find_unscripted(sentences: list[Sentence], heard: list[Word], audio: np.ndarray) -> list[dict]:
    """Stretches of speech outside every aligned sentence, with the general model's guess of their words."""
    spans = sorted((s.start, s.end) for s in sentences if s.status == "aligned")
    loose = [h for h in heard if not any(a - 0.05 <= (h.start + h.end) / 2 <= b + 0.05 for a, b in spans)]
    passages: list[list[Word]] = []
    for word in loose:
        between = [a for a, _ in spans if passages and passages[-1][-1].end <= a <= word.start]
        if passages and word.start - passages[-1][-1].end < 0.8 and not between:
            passages[-1].append(word)
        else:
            passages.append([word])
    passages = [p for p in passages if p[-1].end - p[0].start >= UNSCRIPTED_MIN]
    if not passages:
        return []
    general = new_decoder()
    out = []
    for p in passages:
        lo, hi = max(0.0, p[0].start - 0.2), min(len(audio) / takes.RATE, p[-1].end + 0.2)
        guess = recognize(general, audio[int(lo * takes.RATE): int(hi * takes.RATE)], lo)
        out.append({"start": round(p[0].start, 2), "end": round(p[-1].end, 2),
                    "text": " ".join(w.text for w in (guess or p))})
    return out


# --- kept, so that a take is recognised once ---------------------------------------------------------------

def aligned(section: Section, root: Path, take: Path, echo=click.echo, script=None, strict: bool = True) -> Result:
    """The take's alignment: read back when this take was aligned before against the same narration (the take's
    sha256, the sentences as spoken, the aligner's code), otherwise made (minutes for a long take) and kept in
    build/cache/align/. `align`, `recorded --take` and `cut` all come through here; a pickup, or a take patched
    by pickups, with ``script``: the sentences it says (align_take)."""
    if not take.is_file():
        return align_take(section, root, take, echo)  # which names the problem
    sentences, titles = script or narration(section, root, Lexicon.load(root))
    # keyed by the words, not the lines: an edit that only moves lines (or punctuation) reads back the
    # alignment, under the lines and text as they are now
    key = cache.key({"take": takes.digest(take), "narration": [s.words for s in sentences],
                     "segments": titles, "strict": strict,
                     "code": [fsio.file_sha256(Path(__file__).with_name(name))
                              for name in ("alignment.py", "recognition.py", "takes.py")]})
    path = root / "build" / "cache" / "align" / f"{section.key}-{key[:16]}.json"
    try:
        result = Result.from_dict(json.loads(path.read_text(encoding="utf-8")))
        for then, now in zip(result.sentences, sentences, strict=True):
            then.line, then.text, then.segment, then.per_token = now.line, now.text, now.segment, now.per_token
        result.reused = True
        echo(f"align {section.key}: {rel(take, root)} was aligned before; using that alignment")
        return result
    except (OSError, ValueError, KeyError, TypeError):
        pass  # none yet, or a damaged entry: align again
    result = align_take(section, root, take, echo, (sentences, titles), strict)
    fsio.write_text(path, json.dumps({k: v for k, v in asdict(result).items() if k != "reused"}))
    return result
