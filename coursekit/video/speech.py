"""The draft voice: offline text-to-speech of narration sentences, cached by content hash.

The engine is a command that writes a WAV file, so a better local voice plugs in by configuration
(``[tool.coursekit.voice]`` in pyproject.toml); Debian's espeak-ng is the default. A sentence is
synthesized once: its WAV lives in build/cache/speech/ under the hash of what was said and how.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tomllib
import wave
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from coursekit.course import fsio
from coursekit.course.problems import CourseError, Problem
from coursekit.course.timing import Timing

ESPEAK = ["espeak-ng", "-v", "{voice}", "-s", "{rate}", "-w", "{out}", "--", "{text}"]
RATE = 22050  # every clip is brought to this rate, mono, 16-bit


@dataclass(frozen=True)
class Voice:
    """How narration is spoken. ``command`` is an argument list with {voice}, {rate}, {out} and {text}."""
    command: tuple[str, ...] = tuple(ESPEAK)
    voice: str = "en-us"
    words_per_minute: int = 140
    install: str = "apt-get install espeak-ng"  # said when the engine is missing
    extra: dict = field(default_factory=dict)

    @classmethod
    def load(cls, root: Path) -> Voice:
        wpm = Timing.load(root).words_per_minute
        try:
            table = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
        except FileNotFoundError:
            return cls(words_per_minute=wpm)
        voice = table.get("tool", {}).get("coursekit", {}).get("voice", {})
        unknown = set(voice) - {"command", "voice", "install"}
        if unknown or not isinstance(voice.get("command", []), list):
            raise CourseError(Problem("pyproject.toml", 0, "[tool.coursekit.voice] takes command (a list of "
                                      "arguments with {voice} {rate} {out} {text}), voice and install; "
                                      f"not {sorted(unknown)}"))
        command = tuple(voice.get("command", ESPEAK))
        return cls(command, voice.get("voice", "en-us"), wpm,
                   voice.get("install", cls.install if command == tuple(ESPEAK) else f"install {command[0]}"))

    def key(self) -> dict:
        return {"command": self.command, "voice": self.voice, "wpm": self.words_per_minute}

    def check(self) -> None:
        if not shutil.which(self.command[0]):
            raise CourseError(Problem("pyproject.toml", 0, f"the draft voice needs `{self.command[0]}`, which is "
                                      f"not installed: {self.install} (make setup installs it when run as root)"))


def read_wav(path: Path) -> np.ndarray:
    """Mono 16-bit samples at RATE, whatever the engine wrote."""
    with wave.open(str(path), "rb") as w:
        rate, channels, width = w.getframerate(), w.getnchannels(), w.getsampwidth()
        data = w.readframes(w.getnframes())
    if width != 2:
        raise ValueError(f"{path.name}: {8 * width}-bit WAV; the voice must write 16-bit PCM")
    samples = np.frombuffer(data, dtype="<i2").reshape(-1, channels).mean(axis=1)
    if rate != RATE and len(samples):
        t = np.arange(0, len(samples) / rate, 1 / RATE)
        samples = np.interp(t, np.arange(len(samples)) / rate, samples)
    return samples.astype(np.int16)


def trim(samples: np.ndarray, floor: int = 300, margin: float = 0.03) -> np.ndarray:
    """Without the engine's leading and trailing silence (a margin kept), so the draft's pauses are ours."""
    loud = np.flatnonzero(np.abs(samples.astype(np.int32)) > floor)
    if not len(loud):
        return samples[:0]
    pad = int(margin * RATE)
    return samples[max(0, loud[0] - pad): loud[-1] + pad]


class Speaker:
    """Speaks sentences through ``voice``, each once: the WAV is cached under the hash of text and voice."""

    def __init__(self, voice: Voice, cache: Path, refresh: bool = False):
        self.voice = voice
        self.cache = cache
        self.refresh = refresh  # speak every sentence again, replacing what the cache holds
        self.synthesized = 0  # sentences that were not in the cache

    def path(self, spoken: str) -> Path:
        return self.cache / f"{fsio.sha256(repr((self.voice.key(), spoken)))[:32]}.wav"

    def _synthesize(self, spoken: str, where: Problem) -> Path:
        target = self.path(spoken)
        if target.exists() and not self.refresh:
            return target
        with fsio.atomic_path(target) as tmp:
            values = {"voice": self.voice.voice, "rate": str(self.voice.words_per_minute), "out": str(tmp),
                      "text": spoken}
            args = [part.format(**values) for part in self.voice.command]
            try:
                run = subprocess.run(args, capture_output=True, text=True, timeout=60)
            except FileNotFoundError:
                self.voice.check()
                raise
            except subprocess.TimeoutExpired:
                raise CourseError(Problem(where.path, where.line, "the voice took over 60 s on this sentence")) from None
            if run.returncode != 0 or not tmp.stat().st_size:
                raise CourseError(Problem(where.path, where.line, f"the voice could not speak this sentence "
                                          f"({(run.stderr or 'no audio written').strip()[:200]}): {spoken[:80]!r}"))
        self.synthesized += 1
        return target

    def speak(self, sentences: list[tuple[str, Problem]]) -> list[np.ndarray]:
        """Samples of each (spoken text, where it is written) in order; new ones synthesized in parallel."""
        self.voice.check()
        self.cache.mkdir(parents=True, exist_ok=True)
        with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
            paths = list(pool.map(lambda item: self._synthesize(*item), sentences))
        clips = []
        for path, (spoken, where) in zip(paths, sentences):
            samples = trim(read_wav(path))
            if not len(samples):
                path.unlink(missing_ok=True)
                raise CourseError(Problem(where.path, where.line, f"the voice produced silence for {spoken[:80]!r}"))
            clips.append(samples)
        return clips
