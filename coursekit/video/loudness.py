"""Sound at the web standard: integrated loudness of -16 LUFS and true peaks at or below -1 dBTP.

Measured with libebur128 (pyebur128), an ITU-R BS.1770-4 / EBU R 128 implementation; the peaks that a gain
would push over the ceiling are held down by FFmpeg's look-ahead limiter (alimiter, run through PyAV), and the
result is measured again, since limiting lowers the loudness a little. Also what the take itself says about the
recording: its noise floor and its clipped samples.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

WINDOW = 0.05  # seconds: the noise floor is the level of the quietest of these windows


@dataclass
class Level:
    lufs: float  # integrated loudness
    true_peak: float  # dBTP, the highest of the 4x oversampled peaks

    def as_dict(self) -> dict:
        return {"integrated_lufs": round(self.lufs, 2), "true_peak_dbtp": round(self.true_peak, 2)}


def measure(samples: np.ndarray, rate: int) -> Level:
    """BS.1770 integrated loudness and true peak of mono float samples (full scale 1.0)."""
    import pyebur128

    mode = pyebur128.MeasurementMode
    state = pyebur128.R128State(1, rate, mode.MODE_I | mode.MODE_TRUE_PEAK)
    state.add_frames(samples.astype(np.float64), len(samples))
    peak = pyebur128.get_true_peak(state, 0)
    return Level(pyebur128.get_loudness_global(state), 20 * np.log10(peak) if peak > 0 else -np.inf)


def noise_floor(samples: np.ndarray, rate: int) -> float:
    """dBFS of the take's quietest stretches (the 5th percentile of 50 ms windows' RMS): the room and the
    microphone when nobody speaks."""
    size = max(1, int(WINDOW * rate))
    windows = samples[: len(samples) // size * size].reshape(-1, size).astype(np.float64)
    if not len(windows):
        return -np.inf
    rms = np.sqrt(np.mean(windows ** 2, axis=1))
    level = float(np.percentile(rms, 5))
    return 20 * np.log10(level) if level > 0 else -np.inf


def clipped(samples: np.ndarray) -> int:
    """Samples at full scale: where the recording's input level was too high."""
    return int(np.count_nonzero(np.abs(samples) >= 0.999))


def _limit(samples: np.ndarray, rate: int, ceiling_db: float) -> np.ndarray:
    """FFmpeg's alimiter with its ceiling at ``ceiling_db`` dBFS (sample peak), no make-up gain."""
    import av

    graph = av.filter.Graph()
    source = graph.add_abuffer(format="flt", sample_rate=rate, layout="mono", time_base=f"1/{rate}")
    limiter = graph.add("alimiter", f"limit={10 ** (ceiling_db / 20):.6f}:level=disabled:attack=5:release=50:asc=1")
    sink = graph.add("abuffersink")
    source.link_to(limiter)
    limiter.link_to(sink)
    graph.configure()
    out: list[np.ndarray] = []
    block = 4096
    for start in range(0, len(samples), block):
        frame = av.AudioFrame.from_ndarray(samples[None, start:start + block].astype(np.float32), format="flt",
                                           layout="mono")
        frame.sample_rate = rate
        frame.pts = start
        graph.push(frame)
        out += _drain(graph)
    graph.push(None)
    out += _drain(graph)
    limited = np.concatenate(out)[: len(samples)] if out else samples
    return np.pad(limited, (0, len(samples) - len(limited)))


def _drain(graph) -> list[np.ndarray]:
    import av

    got = []
    while True:
        try:
            got.append(graph.pull().to_ndarray().reshape(-1))
        except (av.error.BlockingIOError, av.error.EOFError):
            return got


def gained(samples: np.ndarray, level: Level, db: float) -> tuple[np.ndarray, Level]:
    """``samples`` raised by ``db`` and their level, known without measuring: a gain moves the integrated loudness
    and the true peak by exactly its dB (BS.1770's relative gate moves with the programme, and a true peak is the
    maximum of a linear filter's output); only blocks crossing the absolute gate at -70 LUFS, far below speech,
    could tell the difference."""
    return samples * np.float32(10 ** (db / 20)), Level(level.lufs + db, level.true_peak + db)


def normalise(samples: np.ndarray, rate: int, target: float = -16.0, ceiling: float = -1.0,
              level: Level | None = None) -> tuple[np.ndarray, Level]:
    """The samples at ``target`` LUFS with true peaks at or below ``ceiling`` dBTP, and their measured level
    (``level``: the samples' own, when the caller measured it already).

    A gain sets the loudness; where it lifts a peak over the ceiling the limiter holds it, with its own ceiling
    lowered step by step until the true peak (which lies between samples) is under; the loudness the limiter
    took is given back by a second gain, within a tenth of a loudness unit. Only what the limiter returns is
    measured (the true peak's 4x oversampling is most of a measurement's time); a gain's level is known (gained)."""
    level = measure(samples, rate) if level is None else level
    if not np.isfinite(level.lufs):
        return samples, level
    out, level = gained(samples, level, target - level.lufs)
    for _ in range(4):
        if level.true_peak > ceiling:
            margin = 0.3
            while True:
                limited = _limit(out, rate, ceiling - margin)
                held = measure(limited, rate)
                if held.true_peak <= ceiling or margin > 6:
                    out, level = limited, held
                    break
                margin += 0.5
        if abs(level.lufs - target) <= 0.1:
            break
        out, level = gained(out, level, target - level.lufs)
    if level.true_peak > ceiling:  # the last gain lifted a peak: hold it once more, loudness stays within 1 LU
        out = _limit(out, rate, ceiling - 0.5)
    return out.astype(np.float32), measure(out, rate)  # what is reported is measured
