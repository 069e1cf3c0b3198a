"""A recorded take's audio: whatever a screen recorder wrote, decoded by PyAV to 16 kHz mono 16-bit.

The aligner's acoustic model is trained on 16 kHz speech, so every take (44.1 or 48 kHz, stereo or 5.1,
AAC, Opus, MP3, PCM) is resampled and downmixed by libswresample on the way in.

``speak`` makes takes whose truth is known, for the aligner's tests and benchmark: a section's narration
said by the draft voice, with a sentence left out, an aside, a restart or a long pause where asked, and
``save`` writes one as a recorder would (any container, codec, rate and layout PyAV writes).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import av
import numpy as np

from coursekit.course import script as script_mod
from coursekit.course.lexicon import Lexicon
from coursekit.course.problems import CourseError, Problem
from coursekit.video.speech import RATE as SPEECH_RATE
from coursekit.video.speech import Speaker, Voice

ASIDE = "Before we go on, let me grab a glass of water, the lights in this studio are always far too warm."

RATE = 16_000
DITHER = 8  # 16-bit units (-72 dBFS): the noise floor every microphone has, which the model expects
SILENT_RMS = 30.0  # 16-bit units: below this the whole take is silence (about -60 dBFS)


def audio_stream(container, shown: str):
    """The container's first audio stream; a file without one ends here with a message that names it."""
    if not container.streams.audio:
        kinds = ", ".join(s.type for s in container.streams) or "nothing"
        raise CourseError(Problem(shown, 0, f"the file has no audio stream (it holds {kinds}); record "
                                  "with the microphone on, or give the file the sound was saved in"))
    return container.streams.audio[0]


def exists(path: Path, shown: str) -> None:
    if not path.is_file():
        raise CourseError(Problem(shown, 0, "no such take; give the path of the recording (.wav, .mp3, .m4a, .mp4, "
                                  ".mkv, .mov, .webm)"))


def unreadable(exc: Exception, shown: str) -> CourseError:
    return CourseError(Problem(shown, 0, f"not a recording PyAV can read ({exc}); give a .wav, .mp3, .m4a, .mp4, "
                               ".mkv, .mov or .webm file"))


def decode(path: Path, shown: str, rate: int, fmt: str) -> tuple[np.ndarray, int]:
    """The take's first audio stream, mono at ``rate`` in PyAV's sample format ``fmt`` ("s16", "flt"), and how
    many samples were at full scale, counted in the take's own rate and format (clipping is lost once
    resampled). Every reader of a take comes through here, so each refuses a bad file with the same words."""
    chunks: list[np.ndarray] = []
    clipped = 0
    try:
        with av.open(str(path)) as container:
            stream = audio_stream(container, shown)
            resampler = av.AudioResampler(format=fmt, layout="mono", rate=rate)
            for frame in container.decode(stream):
                raw = frame.to_ndarray()
                full = 1.0 if raw.dtype.kind == "f" else float(np.iinfo(raw.dtype).max)
                clipped += int(np.count_nonzero(np.abs(raw.astype(np.float64)) >= 0.999 * full))
                chunks += [out.to_ndarray().reshape(-1) for out in resampler.resample(frame)]
            chunks += [out.to_ndarray().reshape(-1) for out in resampler.resample(None)]
    except CourseError:
        raise
    except (av.error.FFmpegError, ValueError, IndexError) as exc:
        raise unreadable(exc, shown) from None
    dtype = np.int16 if fmt == "s16" else np.float32
    return (np.concatenate(chunks).astype(dtype) if chunks else np.zeros(0, dtype)), clipped


def load(path: Path, shown: str) -> np.ndarray:
    """The take's first audio stream as int16 samples at RATE, mono. A take that cannot serve ends here with
    a message that names it: unreadable, no audio stream, or silent."""
    exists(path, shown)
    samples, _ = decode(path, shown, RATE, "s16")
    if len(samples) < RATE:
        raise CourseError(Problem(shown, 0, f"the audio lasts {len(samples) / RATE:.2f} s: too short to be a take"))
    if float(np.sqrt(np.mean(samples.astype(np.float64) ** 2))) < SILENT_RMS:
        raise CourseError(Problem(shown, 0, "the audio is silent: was the microphone muted, or the wrong input "
                                  "chosen in the recorder?"))
    # Digital silence (exact zeros, as a recorder's noise suppression writes) has no spectrum: the model's
    # features degenerate there and forced alignment finds no path. A fixed-seed dither keeps runs repeatable.
    noise = np.random.default_rng(0).integers(-DITHER, DITHER + 1, len(samples))
    return (samples.astype(np.int32) + noise).clip(-32768, 32767).astype(np.int16)


def seconds(path: Path) -> float:
    """How long the recording's sound lasts, from its header (or by decoding it, where the header is silent)."""
    with av.open(str(path)) as container:
        stream = container.streams.audio[0] if container.streams.audio else None
        if stream is not None and stream.duration and stream.time_base:
            return float(stream.duration * stream.time_base)
        if container.duration:
            return container.duration / av.time_base
    return len(decode(path, path.name, RATE, "s16")[0]) / RATE


def digest(path: Path) -> str:
    """The take's sha256, read in blocks (takes are hundreds of megabytes)."""
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


@dataclass
class Take:
    audio: np.ndarray  # int16 mono at SPEECH_RATE (the draft voice's rate)
    starts: dict[str, float] = field(default_factory=dict)  # sentence text -> when it truly starts
    ends: dict[str, float] = field(default_factory=dict)
    left_out: list[str] = field(default_factory=list)
    unscripted: list[tuple[float, float]] = field(default_factory=list)  # (start, end) of speech off script

    @property
    def seconds(self) -> float:
        return len(self.audio) / SPEECH_RATE


def speak(course: Path, key: str, cache: Path, words_per_minute: int = 140, skip: tuple[int, ...] = (),
         aside_after: tuple[int, ...] = (), restart: tuple[int, ...] = (), pause_after: dict[int, float] | None = None,
         gap: float = 0.6, first: int | None = None) -> Take:
    """The section's narration (its ``first`` sentences) spoken by espeak-ng, with ``gap`` seconds between."""
    from coursekit.video.drafts import narration

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
    parts.append(np.zeros(int(t * SPEECH_RATE), np.int16))

    def put(clip: np.ndarray, pause: float) -> float:
        nonlocal t
        start = t
        parts.extend([clip, np.zeros(int(pause * SPEECH_RATE), np.int16)])
        t += len(clip) / SPEECH_RATE + int(pause * SPEECH_RATE) / SPEECH_RATE
        return start

    for k, (plan, clip) in enumerate(zip(sentences, spoken)):
        if k in skip:
            take.left_out.append(plan.text)
            continue
        if k in restarts:
            begun = put(restarts[k], 0.8)
            take.unscripted.append((begun, begun + len(restarts[k]) / SPEECH_RATE))
        take.starts[plan.text] = put(clip, (pause_after or {}).get(k, gap))
        take.ends[plan.text] = take.starts[plan.text] + len(clip) / SPEECH_RATE
        if k in aside_after:
            begun = put(aside, gap)
            take.unscripted.append((begun, begun + len(aside) / SPEECH_RATE))
    take.audio = np.concatenate(parts)
    return take


def say(course: Path, texts: list[str], cache: Path, words_per_minute: int = 140, gap: float = 0.6,
        gain: float = 1.0, noise: float = 0.0) -> Take:
    """``texts`` (as written) said one after another by espeak-ng, as a pickup is recorded: another day, so at
    another level (``gain``) and over another room's noise (``noise``, 16-bit units)."""
    lexicon = Lexicon.load(course)
    voice = Voice.load(course)
    speaker = Speaker(Voice(voice.command, voice.voice, words_per_minute), cache)
    clips = speaker.speak([(lexicon.spoken(t), Problem("pickup", 0, "")) for t in texts])
    take = Take(np.zeros(0, np.int16))
    parts, t = [np.zeros(SPEECH_RATE, np.int16)], 1.0
    for text, clip in zip(texts, clips):
        take.starts[text], take.ends[text] = t, t + len(clip) / SPEECH_RATE
        parts += [clip, np.zeros(int(gap * SPEECH_RATE), np.int16)]
        t += len(clip) / SPEECH_RATE + int(gap * SPEECH_RATE) / SPEECH_RATE
    audio = np.concatenate(parts).astype(np.float64) * gain
    audio += np.random.default_rng(2).normal(0, noise, len(audio)) if noise else 0.0
    take.audio = audio.round().clip(-32768, 32767).astype(np.int16)
    return take


def save(take: Take, path: Path, rate: int = SPEECH_RATE, layout: str = "mono", codec: str = "pcm_s16le") -> Path:
    """The take as a real recorder would save it: resampled, in ``layout``, encoded with ``codec``."""
    with av.open(str(path), "w") as container:
        stream = container.add_stream(codec, rate=rate, layout=layout)
        resampler = av.AudioResampler(format=stream.codec_context.format, layout=layout, rate=rate)
        block = SPEECH_RATE
        for i in range(0, len(take.audio), block):
            frame = av.AudioFrame.from_ndarray(take.audio[None, i: i + block], format="s16", layout="mono")
            frame.sample_rate = SPEECH_RATE
            for out in resampler.resample(frame):
                container.mux(stream.encode(out))
        for out in resampler.resample(None):
            container.mux(stream.encode(out))
        container.mux(stream.encode(None))
    return path


BITS = 22  # a frame's take time in milliseconds, as a row of black and white blocks (up to 70 minutes)
BLOCK = 24  # pixels


def screen_recording(take: Take, path: Path, fps: float = 30.0, size: tuple[int, int] = (640, 360),
                     jitter: float = 0.0, room: float = 0.00005, hum: float = 0.0008, gain: float = 1.0) -> Path:
    """The take as a screen recorder would save it (H.264 and AAC in ``path``'s container), its picture a
    clock: each frame shows the take time it was captured at, in milliseconds, as BITS blocks that read_clock
    reads back. ``jitter`` > 0 spaces frames irregularly, as a recorder's variable frame rate does, by up to
    that share of a frame. Under the voice, a real room: faint noise (``room``) and mains hum at 50 Hz (``hum``,
amplitude), a tone that a cut without a crossfade breaks into a click. ``gain`` scales the voice (over 1 clips)."""
    from fractions import Fraction

    rng = np.random.default_rng(1)
    seconds = take.seconds
    times, t = [], 0.0
    while t < seconds:
        times.append(t)
        t += (1 + (rng.uniform(-jitter, jitter) if jitter else 0.0)) / fps
    with av.open(str(path), "w") as container:
        video = container.add_stream("libx264", rate=Fraction(round(fps * 1000), 1000))
        video.width, video.height, video.pix_fmt = size[0], size[1], "yuv420p"
        video.time_base = video.codec_context.time_base = Fraction(1, 1000)  # each frame keeps its own time
        video.options = {"preset": "ultrafast", "crf": "18"}
        audio = container.add_stream("aac", rate=48000, layout="mono")
        for t in times:
            image = np.full((size[1], size[0], 3), 60, np.uint8)
            ms = int(round(t * 1000))
            for b in range(BITS):
                value = 235 if ms >> b & 1 else 16
                image[BLOCK: 2 * BLOCK, BLOCK + b * BLOCK: BLOCK + (b + 1) * BLOCK] = value
            frame = av.VideoFrame.from_ndarray(image, format="rgb24")
            frame.pts, frame.time_base = ms, Fraction(1, 1000)
            for packet in video.encode(frame):
                container.mux(packet)
        for packet in video.encode():
            container.mux(packet)
        samples = take.audio.astype(np.float64) / 32768 * gain
        samples += rng.normal(0, room, len(samples)) + hum * np.sin(2 * np.pi * 50 * np.arange(len(samples)) / SPEECH_RATE)
        samples = samples.clip(-1, 1).astype(np.float32)
        resampler = av.AudioResampler(format="fltp", layout="mono", rate=48000)
        for i in range(0, len(samples), SPEECH_RATE):
            frame = av.AudioFrame.from_ndarray(samples[None, i: i + SPEECH_RATE], format="flt", layout="mono")
            frame.sample_rate = SPEECH_RATE
            for out in resampler.resample(frame):
                for packet in audio.encode(out):
                    container.mux(packet)
        for out in resampler.resample(None):
            for packet in audio.encode(out):
                container.mux(packet)
        for packet in audio.encode(None):
            container.mux(packet)
    return path


def read_clock(image: np.ndarray) -> float:
    """The take time (seconds) that a frame of screen_recording shows, from its picture (rgb, any size that
    keeps the blocks where they were)."""
    row = image[BLOCK + BLOCK // 2]
    bits = [row[BLOCK + b * BLOCK + BLOCK // 2, :3].mean() > 128 for b in range(BITS)]
    return sum(1 << b for b, on in enumerate(bits) if on) / 1000
