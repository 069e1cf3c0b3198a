"""What the take says, and when: PocketSphinx, whose US English model ships inside its wheel, offline.

Code terms reach the recognizer through the pronunciation lexicon (`grad_fn` is heard as "grad F N"); words
its dictionary lacks get a pronunciation from espeak-ng's letter-to-sound rules, or are spelled out.
"""

from __future__ import annotations

import functools
import io
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from coursekit.video import takes

_ALTERNATE = re.compile(r"\(\d+\)$")  # word(2): a dictionary's second pronunciation of word
FRAME = 0.01  # seconds: PocketSphinx's frame
PROGRESS_EVERY = 60.0  # seconds of audio between progress lines

# espeak-ng's IPA (en-us) to the ARPAbet phones of PocketSphinx's model; longest symbols first.
IPA = sorted({
    "aɪ": "AY", "aʊ": "AW", "eɪ": "EY", "oʊ": "OW", "ɔɪ": "OY", "tʃ": "CH", "dʒ": "JH", "ɜː": "ER", "ɚ": "ER",
    "ɝ": "ER", "iə": "IY ER", "iː": "IY", "i": "IY", "ɪ": "IH", "ᵻ": "IH", "ɛ": "EH", "æ": "AE", "ɑː": "AA",
    "ɑ": "AA", "ɒ": "AA", "ɔː": "AO", "ɔ": "AO", "ʌ": "AH", "ə": "AH", "ɐ": "AH", "ʊ": "UH", "uː": "UW",
    "u": "UW", "o": "OW", "e": "EH", "a": "AA", "p": "P", "b": "B", "t": "T", "d": "D", "k": "K", "ɡ": "G",
    "g": "G", "f": "F", "v": "V", "θ": "TH", "ð": "DH", "s": "S", "z": "Z", "ʃ": "SH", "ʒ": "ZH", "h": "HH",
    "m": "M", "n": "N", "ŋ": "NG", "l": "L", "ɹ": "R", "r": "R", "w": "W", "j": "Y", "ɾ": "T", "x": "K",
}.items(), key=lambda item: -len(item[0]))
# Letter names, for a word nothing else can pronounce: it is heard spelled out.
LETTERS = dict(zip("abcdefghijklmnopqrstuvwxyz0123456789", [
    "EY", "B IY", "S IY", "D IY", "IY", "EH F", "JH IY", "EY CH", "AY", "JH EY", "K EY", "EH L", "EH M", "EH N",
    "OW", "P IY", "K Y UW", "AA R", "EH S", "T IY", "Y UW", "V IY", "D AH B AH L Y UW", "EH K S", "W AY",
    "Z IY", "Z IH R OW", "W AH N", "T UW", "TH R IY", "F AO R", "F AY V", "S IH K S", "S EH V AH N", "EY T",
    "N AY N"]))


@dataclass
class Word:
    text: str
    start: float
    end: float


def arpabet(ipa: str) -> str:
    ipa = re.sub("[ˈˌ\u0329ˑ‿-]", "", ipa)  # stress and syllable marks
    phones, i = [], 0
    while i < len(ipa):
        for symbol, phone in IPA:
            if ipa.startswith(symbol, i):
                phones.append(phone)
                i += len(symbol)
                break
        else:
            i += 1  # a symbol the model has no phone for (a glottal stop, a syllable mark): silent
    return " ".join(phones)


def spelled(word: str) -> str:
    return " ".join(LETTERS[c] for c in word.lower() if c in LETTERS)


_HEARD_AS: dict[str, str] = {}  # espeak-ng's answers, asked once a process (an alignment teaches two decoders)


def pronunciations(words: list[str]) -> dict[str, str]:
    """ARPAbet for words the recognizer's dictionary lacks, from espeak-ng's letter-to-sound rules (one word
    a line, so each comes back on its own line); spelled out letter by letter when espeak-ng is missing."""
    if not shutil.which("espeak-ng"):
        return {w: spelled(w) or "AH" for w in words}
    asked = [w for w in dict.fromkeys(words) if w not in _HEARD_AS]
    if asked:
        run = subprocess.run(["espeak-ng", "-q", "--ipa", "-v", "en-us"], input="".join(f"{w}.\n" for w in asked),
                             capture_output=True, text=True, timeout=60)
        lines = [line.strip() for line in run.stdout.splitlines() if line.strip()]
        if run.returncode == 0 and len(lines) == len(asked):
            _HEARD_AS.update({w: arpabet(line) for w, line in zip(asked, lines)})
    return {w: _HEARD_AS.get(w) or spelled(w) or "AH" for w in words}


def new_decoder(words: set[str] | None = None, **config):
    """A PocketSphinx decoder; with ``words``, one whose dictionary holds those words alone: the model's own
    pronunciations of them, and espeak-ng's for those it lacks (teach). Beside a script's small language model,
    a decoder given the model's whole dictionary (126,000 words) took seconds to start and as long again to
    learn the script's words, the longer the smaller the model (a 30-word model: 4.1 s and 4.7 s; 380 words:
    0.8 s and 0.8 s); given the script's words alone, 0.02 s. It hears the same: only the words of its
    language model, or of the text it aligns."""
    from pocketsphinx import Decoder

    if words is None:
        return Decoder(samprate=takes.RATE, loglevel="FATAL", **config)
    known = _model_dictionary()
    with tempfile.TemporaryDirectory(prefix="coursekit-dict-") as folder:
        path = Path(folder) / "words.dict"
        path.write_text("".join(line for w in sorted(words) for line in known.get(w, ())), encoding="utf-8")
        decoder = Decoder(samprate=takes.RATE, loglevel="FATAL", dict=str(path), **config)
    teach(decoder, words)
    return decoder


@functools.lru_cache(maxsize=1)
def _model_dictionary() -> dict[str, list[str]]:
    """The model's pronouncing dictionary (CMUdict as PocketSphinx ships it): each word's lines, its alternate
    pronunciations included, by the word. Read once a process."""
    from pocketsphinx import get_model_path

    lines: dict[str, list[str]] = {}
    with open(Path(get_model_path()) / "en-us" / "cmudict-en-us.dict", encoding="utf-8") as f:
        for line in f:
            lines.setdefault(_ALTERNATE.sub("", line.split(" ", 1)[0]), []).append(line)
    return lines


def teach(decoder, words: set[str]) -> None:
    missing = sorted(w for w in words if decoder.lookup_word(w) is None)
    for n, (word, phones) in enumerate(pronunciations(missing).items(), start=1):
        decoder.add_word(word, phones, n == len(missing))  # the search is rebuilt once, after the last


def _clean(word: str) -> str:
    """A recognizer word without its alternate-pronunciation mark; '' for silence and fillers."""
    return "" if word.startswith(("<", "[", "+")) else _ALTERNATE.sub("", word)


def recognize(decoder, audio: np.ndarray, offset: float = 0.0, report=None) -> list[Word]:
    """The words heard in ``audio``, speech region by speech region (PocketSphinx's voice activity detector)."""
    from pocketsphinx import Segmenter

    heard: list[Word] = []
    shown = 0.0
    for n, region in enumerate(Segmenter(sample_rate=takes.RATE).segment(io.BytesIO(audio.tobytes()))):
        for _ in range(2 if n == 0 else 1):  # cepstral mean normalisation settles after one utterance
            decoder.start_utt()
            decoder.process_raw(region.pcm, full_utt=True)
            decoder.end_utt()
        for seg in decoder.seg():
            if word := _clean(seg.word):
                heard.append(Word(word, offset + region.start_time + seg.start_frame * FRAME,
                                  offset + region.start_time + (seg.end_frame + 1) * FRAME))
        if report and region.end_time - shown >= PROGRESS_EVERY:
            shown = region.end_time
            report(region.end_time)
    return heard


def force(decoder, audio: np.ndarray, words: list[str], start: float, end: float) -> list[tuple[float, float]] | None:
    """Each word's (start, end) when ``words`` are said between ``start`` and ``end``; None if they cannot be."""
    a, b = int(start * takes.RATE), int(end * takes.RATE)
    if b - a < takes.RATE // 10:
        return None
    decoder.set_align_text(" ".join(words))
    decoder.start_utt()
    decoder.process_raw(audio[a:b].tobytes(), full_utt=True)
    decoder.end_utt()
    if decoder.hyp() is None:
        return None
    times = [(start + s.start_frame * FRAME, start + (s.end_frame + 1) * FRAME) for s in decoder.seg() if _clean(s.word)]
    return times if len(times) == len(words) else None
