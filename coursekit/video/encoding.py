"""Encoding a draft video with PyAV: each shot is an H.264 chunk cached by content, the chunks are joined
without re-encoding, and the narration is encoded once as AAC.

A draft is mostly still pictures, so it is encoded at a variable frame rate: a still shot holds one frame,
repeated every STILL_EVERY seconds (so a player can seek), an animation shot plays the scene's own frames
and then holds its last one. A shot's chunk depends only on its picture and its length, so editing one
sentence re-encodes the shot it lengthens and merely moves the ones after it.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import numpy as np

from coursekit.course import fsio

MS = Fraction(1, 1000)
STILL_EVERY = 2.0
SIZES = {"preview": (1280, 720), "high": (1920, 1080)}
CRF = {"preview": "28", "high": "20"}
X264 = {"preset": "veryfast", "bf": "0", "g": "600", "sc_threshold": "0"}
FORMAT_VERSION = 1  # bump when chunks encoded by an older coursekit must not be reused


@dataclass(frozen=True)
class Shot:
    start: float  # seconds, rounded to milliseconds
    end: float
    png: Path | None = None  # a still picture
    video: Path | None = None  # an animation: plays from its start, then holds its last frame
    key: str = ""  # identity of the picture (a still's key, or the animation file's hash)

    @property
    def ms(self) -> int:
        return int(round(self.end * 1000)) - int(round(self.start * 1000))


def _yuv(image: np.ndarray, size: tuple[int, int]):
    import av

    return av.VideoFrame.from_ndarray(np.ascontiguousarray(image[..., :3]), format="rgb24").reformat(
        size[0], size[1], "yuv420p")


def _still_frames(png: Path, length_ms: int, size):
    from PIL import Image

    frame = _yuv(np.asarray(Image.open(png).convert("RGB")), size)
    for t in range(0, length_ms, int(STILL_EVERY * 1000)):
        yield t, frame


def _animation_frames(video: Path, length_ms: int, size):
    import av

    last, last_t = None, 0
    with av.open(str(video)) as src:
        stream = src.streams.video[0]
        for frame in src.decode(stream):
            t = int(round(float(frame.pts * stream.time_base) * 1000))
            if t >= length_ms:
                break
            if last is not None and t <= last_t:
                continue
            last, last_t = frame.reformat(size[0], size[1], "yuv420p"), t
            yield t, last
    t = last_t + int(STILL_EVERY * 1000)
    while last is not None and t < length_ms:  # the talk runs longer than the scene: hold its last frame
        yield t, last
        t += int(STILL_EVERY * 1000)


def chunk_key(shot: Shot, quality: str) -> str:
    return fsio.sha256(repr((FORMAT_VERSION, shot.key, shot.ms, quality, X264, STILL_EVERY)))[:32]


def encode_chunk(shot: Shot, quality: str, target: Path) -> None:
    import av

    size = SIZES[quality]
    frames = _still_frames(shot.png, shot.ms, size) if shot.png else _animation_frames(shot.video, shot.ms, size)
    with fsio.atomic_path(target) as tmp:
        with av.open(str(tmp), "w", format="mp4") as out:
            stream = out.add_stream("libx264", rate=30)
            stream.width, stream.height, stream.pix_fmt = size[0], size[1], "yuv420p"
            stream.codec_context.time_base = MS
            stream.time_base = MS
            stream.options = {**X264, "crf": CRF[quality]}
            for t, frame in frames:
                frame.pts, frame.time_base = t, MS
                out.mux(stream.encode(frame))
            out.mux(stream.encode(None))


def chunks(shots: list[Shot], quality: str, cache: Path, progress=None, refresh: bool = False) -> tuple[list[Path], int]:
    """The chunk of every shot, encoding those not in the cache (all, with ``refresh``); also how many were
    encoded."""
    cache.mkdir(parents=True, exist_ok=True)
    paths, encoded = [], 0
    for i, shot in enumerate(shots):
        path = cache / f"{chunk_key(shot, quality)}.mp4"
        if refresh or not path.exists():
            encode_chunk(shot, quality, path)
            encoded += 1
        paths.append(path)
        if progress:
            progress(i, shot)
    return paths, encoded


def _video_packets(shots: list[Shot], paths: list[Path], ostream):
    import av

    for shot, path in zip(shots, paths):
        offset, end = int(round(shot.start * 1000)), int(round(shot.end * 1000))
        with av.open(str(path)) as src:
            stream = src.streams.video[0]
            packets = [p for p in src.demux(stream) if p.size]
            num, den = stream.time_base.numerator, stream.time_base.denominator
            times = [int(round(p.pts * num / den * 1000)) for p in packets]  # exact as float(Fraction), faster
            for n, (packet, t) in enumerate(zip(packets, times)):
                nxt = times[n + 1] + offset if n + 1 < len(times) else end
                packet.time_base = MS
                packet.pts = packet.dts = t + offset
                packet.duration = max(1, nxt - (t + offset))
                packet.stream = ostream
                yield (t + offset) / 1000, 1, packet


def _audio_packets(samples: np.ndarray, rate: int, astream):
    import av

    for i in range(0, len(samples), 1024):
        frame = av.AudioFrame.from_ndarray(samples[i:i + 1024].reshape(1, -1), format="s16", layout="mono")
        frame.sample_rate, frame.pts, frame.time_base = rate, i, Fraction(1, rate)
        for packet in astream.encode(frame):
            yield packet
    yield from astream.encode(None)


def encoded_sound(samples: np.ndarray, rate: int, cache: Path, name: str) -> tuple[Path, bool]:
    """The narration ``samples`` as an AAC file in ``cache``, encoded once for these exact samples: an edit that
    changes only pictures (a demo's output, a slide) reuses it. One file per ``name`` (a section) is kept. Also
    whether it was encoded now. A file that does not open, or holds less sound than the samples, is encoded again."""
    import av

    key = fsio.sha256(samples.tobytes() + f"{rate}:{FORMAT_VERSION}:aac-64k-fast".encode())[:20]
    path = cache / f"{name}-{key}.m4a"
    try:
        with av.open(str(path)) as src:
            stream = src.streams.audio[0]
            ticks = max(p.pts + (p.duration or 0) for p in src.demux(stream) if p.size)
            last = float(ticks * stream.time_base)  # once: Fractions per packet cost more than the demux
        if last >= len(samples) / rate - 0.05:
            return path, False
    except (OSError, ValueError, IndexError, av.FFmpegError):
        pass
    cache.mkdir(parents=True, exist_ok=True)
    with fsio.atomic_path(path) as tmp:
        with av.open(str(tmp), "w", format="mp4") as out:
            astream = out.add_stream("aac", rate=rate, layout="mono")
            astream.bit_rate = 64000
            astream.options = {"aac_coder": "fast"}  # the default two-loop search costs 8 s a section
            for packet in _audio_packets(samples, rate, astream):
                out.mux(packet)
    for old in cache.glob(f"{name}-*.m4a"):
        if old != path:
            old.unlink(missing_ok=True)
    return path, True


def assemble(shots: list[Shot], paths: list[Path], samples: np.ndarray | None, rate: int, target: Path,
             sound: Path | None = None) -> None:
    """Join the chunks at their shots' times and mux the narration beside them, into ``target`` atomically:
    ``samples`` encoded here, or the AAC packets of an already encoded ``sound`` file carried over as they are."""
    import av

    with fsio.atomic_path(target) as tmp:
        with av.open(str(tmp), "w", format="mp4", options={"movflags": "+faststart"}) as out:
            with av.open(str(paths[0])) as first:
                ostream = out.add_stream_from_template(first.streams.video[0])
            ostream.time_base = MS
            if sound is not None:
                with av.open(str(sound)) as src:
                    astream = out.add_stream_from_template(src.streams.audio[0])
                packets = sound_packets(sound, astream)
            else:
                astream = out.add_stream("aac", rate=rate, layout="mono")
                astream.bit_rate = 64000
                astream.options = {"aac_coder": "fast"}  # the default two-loop search costs 8 s a section
                packets = _audio_packets(samples, rate, astream)
            audio = ((p.pts * p.time_base.numerator / p.time_base.denominator, 0, p) for p in packets)
            for _, _, packet in heapq.merge(audio, _video_packets(shots, paths, ostream), key=lambda x: (x[0], x[1])):
                out.mux(packet)


def sound_packets(path: Path, stream):
    """The AAC packets of an encode_sound file, moved onto ``stream`` of another container."""
    import av

    with av.open(str(path)) as src:
        for packet in src.demux(src.streams.audio[0]):
            if packet.size:
                packet.stream = stream
                yield packet
