"""The take's sound and picture cut at the cut list's points, with PyAV.

Sound: each kept piece is taken with half a crossfade more on each side and the two sides of every cut are
blended over the crossfade (equal power), so that no click is heard and the blend is centred on the cut: the
video's length is exactly the pieces' total. Picture (a screen recording): each output frame shows the take's
frame at the take time its video time maps to, so a variable frame rate take comes out at a constant rate, and
picture and sound stay within one frame of each other on both sides of every cut.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import numpy as np

from coursekit.course import fsio
from coursekit.course.problems import CourseError
from coursekit.video import encoding, takes
from coursekit.video.cutlist import Cut, Piece

RATE = 48_000


@dataclass
class Picture:
    width: int
    height: int
    fps: Fraction  # the rate the finished video is written at


@dataclass
class Media:
    audio: np.ndarray  # float32 mono at RATE
    clipped: int  # samples at full scale, counted at the take's own rate and format
    picture: Picture | None  # None for an audio-only take


def probe(path: Path, shown: str) -> Picture | None:
    """What the take's picture is (None for audio only), read from its header; a file that is no recording, or
    has no sound, ends here with a message that names it."""
    import av

    try:
        with av.open(str(path)) as container:
            takes.audio_stream(container, shown)
            if not container.streams.video:
                return None
            v = container.streams.video[0]
            rate = v.average_rate or v.guessed_rate or Fraction(30)
            # a screen recorder's variable rate averages to an odd number: write the nearest whole rate
            return Picture(v.codec_context.width // 2 * 2, v.codec_context.height // 2 * 2,
                           Fraction(max(1, round(float(rate)))))
    except CourseError:
        raise
    except (av.error.FFmpegError, ValueError, IndexError) as exc:
        raise takes.unreadable(exc, shown) from None


def read(path: Path, shown: str) -> Media:
    """The take's first audio stream (mono, RATE) and what its first video stream is, if it has one."""
    audio, clipped = takes.decode(path, shown, RATE, "flt")
    return Media(audio, clipped, probe(path, shown))


def join(audio: np.ndarray, rate: int, pieces: list[Piece], crossfade: float) -> np.ndarray:
    """The kept pieces end to end, each cut blended over ``crossfade`` seconds centred on it."""
    half = int(round(crossfade * rate / 2))
    out = np.zeros(int(round(sum(p.length for p in pieces) * rate)), np.float64)
    angle = np.linspace(0.0, np.pi / 2, 2 * half)
    rise, fall = np.sin(angle) ** 2, np.cos(angle) ** 2  # they sum to 1: no dip or bump in the room's level
    for n, piece in enumerate(pieces):
        h_in = half if n else 0
        h_out = half if n + 1 < len(pieces) else 0
        a, b = int(round(piece.start * rate)) - h_in, int(round(piece.end * rate)) + h_out
        chunk = np.zeros(b - a)
        lo, hi = max(0, a), min(len(audio), b)
        if hi > lo:
            chunk[lo - a: hi - a] = audio[lo:hi]
        if h_in:
            chunk[: 2 * h_in] *= rise
        if h_out:
            chunk[-2 * h_out:] *= fall
        at = int(round(piece.at * rate)) - h_in
        end = min(len(out), at + len(chunk))
        out[at:end] += chunk[: end - at]
    return out.astype(np.float32)


def encode_sound(samples: np.ndarray, target: Path) -> Path:
    """The finished sound as AAC in an .m4a at ``target``: encoded once, measured as published (AAC's
    reconstruction moves peaks), then carried into the video as it is."""
    import av

    with fsio.atomic_path(target) as tmp:
        with av.open(str(tmp), "w", format="ipod") as out:
            stream = out.add_stream("aac", rate=RATE, layout="mono")
            stream.bit_rate = 160000
            for packet in _sound(samples, stream):
                out.mux(packet)
    return target


@dataclass
class Overlay:
    """The build's own picture shown instead of the captured one, from ``start`` to ``end`` video seconds: a
    rendered scene (plays from its start, then holds its last frame) or a still (a slide)."""
    start: float
    end: float
    source: Path

    def frames(self, size: tuple[int, int]):
        """(seconds into the overlay, frame) in order, scaled to ``size``."""
        import av

        if self.source.suffix == ".png":
            from PIL import Image

            image = np.asarray(Image.open(self.source).convert("RGB"))
            yield 0.0, av.VideoFrame.from_ndarray(np.ascontiguousarray(image), format="rgb24").reformat(
                size[0], size[1], "yuv420p")
            return
        with av.open(str(self.source)) as scene:
            for frame in scene.decode(scene.streams.video[0]):
                yield float(frame.time or 0.0), frame.reformat(size[0], size[1], "yuv420p")


def write(target: Path, take: Path, cut: Cut, sound: Path, picture: Picture, progress=None,
          crf: str = "20", overlays: list[Overlay] = ()) -> None:
    """The finished screen recording: the take's picture at the cut (or an overlay's, where one is laid), with
    the ``sound`` file (encode_sound), as H.264 and AAC with the index at the front (fast start), atomically."""
    import av

    overlays = sorted(overlays, key=lambda o: o.start)
    playing = None  # (overlay, its frame iterator, current frame, next (time, frame))

    with fsio.atomic_path(target) as tmp:
        with av.open(str(take)) as src, av.open(str(sound)) as audio, \
                av.open(str(tmp), "w", format="mp4", options={"movflags": "+faststart"}) as out:
            vout = out.add_stream("libx264", rate=picture.fps)
            vout.width, vout.height, vout.pix_fmt = picture.width, picture.height, "yuv420p"
            vout.options = {"crf": crf, "preset": "veryfast"}
            aout = out.add_stream_from_template(audio.streams.audio[0])
            frames = iter(src.decode(src.streams.video[0]))
            packets = encoding.sound_packets(sound, aout)
            pending = next(packets, None)
            current = nxt = None
            for n in range(int(round(cut.length * picture.fps))):
                wanted = cut.to_take(float(n / picture.fps)) + 1e-4
                if nxt is None:
                    nxt = next(frames, None)
                while nxt is not None and (nxt.time or 0.0) <= wanted:
                    current, nxt = nxt, next(frames, None)
                shown = current or nxt
                if shown is None:
                    break
                t = float(n / picture.fps)
                frame = shown
                over = next((o for o in overlays if o.start <= t < o.end), None)
                if over is not None:
                    if playing is None or playing[0] is not over:
                        it = over.frames((picture.width, picture.height))
                        playing = [over, it, None, next(it, None)]
                    while playing[3] is not None and playing[3][0] <= t - over.start + 1e-4:
                        playing[2], playing[3] = playing[3][1], next(playing[1], None)
                    frame = playing[2] or frame
                frame = frame.reformat(picture.width, picture.height, "yuv420p")
                frame.pts = n
                frame.time_base = Fraction(1) / picture.fps
                for packet in vout.encode(frame):
                    out.mux(packet)
                while pending is not None and pending.pts * pending.time_base <= (n + 1) / picture.fps:
                    out.mux(pending)
                    pending = next(packets, None)
                if progress and n % int(picture.fps * 30) == 0:
                    progress(n / picture.fps, cut.length)
            for packet in vout.encode():
                out.mux(packet)
            while pending is not None:
                out.mux(pending)
                pending = next(packets, None)


def _sound(samples: np.ndarray, stream):
    """AAC packets of ``samples``, in order."""
    import av

    for i in range(0, len(samples), 1024):
        chunk = samples[i:i + 1024]
        frame = av.AudioFrame.from_ndarray(chunk.reshape(1, -1).astype(np.float32), format="flt", layout="mono")
        frame.sample_rate, frame.pts, frame.time_base = RATE, i, Fraction(1, RATE)
        yield from stream.encode(frame)
    yield from stream.encode(None)
