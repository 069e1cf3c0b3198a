"""A recorded take's audio: whatever a screen recorder wrote, decoded by PyAV to 16 kHz mono 16-bit.

The aligner's acoustic model is trained on 16 kHz speech, so every take (44.1 or 48 kHz, stereo or 5.1,
AAC, Opus, MP3, PCM) is resampled and downmixed by libswresample on the way in.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import av
import numpy as np

from coursekit.problems import CourseError, Problem

RATE = 16_000
DITHER = 8  # 16-bit units (-72 dBFS): the noise floor every microphone has, which the model expects
SILENT_RMS = 30.0  # 16-bit units: below this the whole take is silence (about -60 dBFS)


def load(path: Path, shown: str) -> np.ndarray:
    """The take's first audio stream as int16 samples at RATE, mono. A take that cannot serve ends here with
    a message that names it: unreadable, no audio stream, or silent."""
    if not path.is_file():
        raise CourseError(Problem(shown, 0, "no such take; give the path of the recording (.wav, .mp3, .m4a, .mp4, "
                                  ".mkv, .webm)"))
    chunks: list[np.ndarray] = []
    try:
        with av.open(str(path)) as container:
            if not container.streams.audio:
                kinds = ", ".join(s.type for s in container.streams) or "nothing"
                raise CourseError(Problem(shown, 0, f"the file has no audio stream (it holds {kinds}); record "
                                          "with the microphone on, or give the file the sound was saved in"))
            stream = container.streams.audio[0]
            resampler = av.AudioResampler(format="s16", layout="mono", rate=RATE)
            for frame in container.decode(stream):
                for out in resampler.resample(frame):
                    chunks.append(out.to_ndarray().reshape(-1))
            for out in resampler.resample(None):
                chunks.append(out.to_ndarray().reshape(-1))
    except CourseError:
        raise
    except (av.error.FFmpegError, ValueError, IndexError) as exc:
        raise CourseError(Problem(shown, 0, f"not a recording PyAV can read ({exc}); give a .wav, .mp3, .m4a, "
                                  ".mp4, .mkv or .webm file")) from None
    samples = np.concatenate(chunks).astype(np.int16) if chunks else np.zeros(0, np.int16)
    if len(samples) < RATE:
        raise CourseError(Problem(shown, 0, f"the audio lasts {len(samples) / RATE:.2f} s: too short to be a take"))
    if float(np.sqrt(np.mean(samples.astype(np.float64) ** 2))) < SILENT_RMS:
        raise CourseError(Problem(shown, 0, "the audio is silent: was the microphone muted, or the wrong input "
                                  "chosen in the recorder?"))
    # Digital silence (exact zeros, as a recorder's noise suppression writes) has no spectrum: the model's
    # features degenerate there and forced alignment finds no path. A fixed-seed dither keeps runs repeatable.
    noise = np.random.default_rng(0).integers(-DITHER, DITHER + 1, len(samples))
    return (samples.astype(np.int32) + noise).clip(-32768, 32767).astype(np.int16)


def digest(path: Path) -> str:
    """The take's sha256, read in blocks (takes are hundreds of megabytes)."""
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()

