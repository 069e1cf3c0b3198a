"""Recorded takes made from a script with espeak-ng, whose every sentence's true start is known.

A take can leave a sentence out, add an unscripted remark, start a sentence twice, pause for long, run at
another speed, and be written as any container PyAV writes (WAV, MP4 with AAC, WebM with Opus), at any rate
and channel layout, so the decoder has something to convert.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

import av
import numpy as np

from coursekit import script as script_mod
from coursekit.drafts import narration
from coursekit.lexicon import Lexicon
from coursekit.problems import Problem
from coursekit.speech import RATE, Speaker, Voice

SHORT = "01_short"
ASIDE = "Before we go on, let me grab a glass of water, the lights in this studio are always far too warm."


@dataclass
class Take:
    audio: np.ndarray  # int16 mono at RATE
    starts: dict[str, float] = field(default_factory=dict)  # sentence text -> when it truly starts
    ends: dict[str, float] = field(default_factory=dict)
    left_out: list[str] = field(default_factory=list)
    unscripted: list[tuple[float, float]] = field(default_factory=list)  # (start, end) of speech off script

    @property
    def seconds(self) -> float:
        return len(self.audio) / RATE


def short_course(root: Path, tmp: Path, key: str, stop_at: str) -> Path:
    """A course in ``tmp`` whose one section, 01_short, is ``key``'s script up to the heading ``stop_at``, with
    the slides, demos and scenes its cues show (renamed with it)."""
    text = (root / "scripts" / f"{key}.md").read_text(encoding="utf-8")
    files = {f"scripts/{SHORT}.md": text[: text.index(f"\n## {stop_at}\n")] + "\n"}
    for kind in ("slides", "animations"):
        if (root / kind / f"{key}.py").exists():
            files[f"{kind}/{SHORT}.py"] = (root / kind / f"{key}.py").read_text(encoding="utf-8")
    for demo in sorted((root / "demos" / key).glob("*.py")):
        files[f"demos/{SHORT}/{demo.name}"] = demo.read_text(encoding="utf-8")
    for name, content in files.items():
        (tmp / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp / name).write_text(content.replace(key, SHORT), encoding="utf-8")
    for name in ("lexicon.toml", "pyproject.toml"):
        shutil.copy(root / name, tmp / name)
    return tmp


def make(course: Path, key: str, cache: Path, words_per_minute: int = 140, skip: tuple[int, ...] = (),
         aside_after: tuple[int, ...] = (), restart: tuple[int, ...] = (), pause_after: dict[int, float] | None = None,
         gap: float = 0.6, first: int | None = None) -> Take:
    """The section's narration (its ``first`` sentences) spoken by espeak-ng, with ``gap`` seconds between."""
    lexicon = Lexicon.load(course)
    sentences = narration(script_mod.parse(course / "scripts" / f"{key}.md", key), lexicon)[:first]
    voice = Voice.load(course)
    speaker = Speaker(Voice(voice.command, voice.voice, words_per_minute), cache)
    texts = [s.spoken for s in sentences]
    false_starts = {k: " ".join(sentences[k].spoken.split()[:4]) for k in restart}
    clips = speaker.speak([(t, Problem(key, 0, "")) for t in [*texts, lexicon.spoken(ASIDE), *false_starts.values()]])
    spoken, aside, restarts = clips[: len(texts)], clips[len(texts)], dict(zip(false_starts, clips[len(texts) + 1:]))
    take = Take(np.zeros(0, np.int16))
    parts: list[np.ndarray] = []
    t = 1.0
    parts.append(np.zeros(int(t * RATE), np.int16))

    def put(clip: np.ndarray, pause: float) -> float:
        nonlocal t
        start = t
        parts.extend([clip, np.zeros(int(pause * RATE), np.int16)])
        t += len(clip) / RATE + int(pause * RATE) / RATE
        return start

    for k, (plan, clip) in enumerate(zip(sentences, spoken)):
        if k in skip:
            take.left_out.append(plan.text)
            continue
        if k in restarts:
            begun = put(restarts[k], 0.8)
            take.unscripted.append((begun, begun + len(restarts[k]) / RATE))
        take.starts[plan.text] = put(clip, (pause_after or {}).get(k, gap))
        take.ends[plan.text] = take.starts[plan.text] + len(clip) / RATE
        if k in aside_after:
            begun = put(aside, gap)
            take.unscripted.append((begun, begun + len(aside) / RATE))
    take.audio = np.concatenate(parts)
    return take


def write(take: Take, path: Path, rate: int = RATE, layout: str = "mono", codec: str = "pcm_s16le") -> Path:
    """The take as a real recorder would save it: resampled, in ``layout``, encoded with ``codec``."""
    with av.open(str(path), "w") as container:
        stream = container.add_stream(codec, rate=rate, layout=layout)
        resampler = av.AudioResampler(format=stream.codec_context.format, layout=layout, rate=rate)
        block = RATE // 10
        for i in range(0, len(take.audio), block):
            frame = av.AudioFrame.from_ndarray(take.audio[None, i: i + block], format="s16", layout="mono")
            frame.sample_rate = RATE
            for out in resampler.resample(frame):
                container.mux(stream.encode(out))
        for out in resampler.resample(None):
            container.mux(stream.encode(out))
        container.mux(stream.encode(None))
    return path
