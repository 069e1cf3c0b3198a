"""The cut as a timeline any editor opens, written with OpenTimelineIO and its adapter packages.

`NN_slug.otio` has the take as its media, the kept pieces in order on V1 and A1, a marker at each cut naming
its reason, and the removed material on a disabled track below, so that nothing is lost when an author
finishes by hand. A video patched by pickups has them, with the room tone around them, on A2 of their own,
so that an editor sees what was patched; V1 then shows the take's picture under them. FCPXML (Final Cut Pro, DaVinci Resolve), a CMX 3600 EDL and an MLT project (Kdenlive,
Shotcut, melt) are written from the same timeline through OpenTimelineIO's adapters, with the kept pieces
alone: their adapters write a disabled clip as an enabled one, which would play the removed sound.
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

from coursekit.course import fsio
from coursekit.video.cutlist import Cut

FORMATS = {"otio": "otio_json", "fcpxml": "fcpx_xml", "edl": "cmx_3600", "mlt": "mlt_xml"}


def _range(start: float, length: float, rate: float):
    import opentimelineio as otio

    return otio.opentime.TimeRange(otio.opentime.RationalTime(round(start * rate), rate),
                                   otio.opentime.RationalTime(round(length * rate), rate))


def build(cut: Cut, sources: list[tuple[Path, float, float]], name: str, rate: Fraction, video: bool,
          removed: bool = True, picture: Path | None = None):
    """The cut as an OpenTimelineIO timeline at ``rate`` frames a second; ``sources``: the take and any pickups,
    each with where it starts on the cut's time axis and how long it is. An audio-only take's picture is the finished video's own
    (``picture``), one clip on V1 above the voice's kept clips."""
    import opentimelineio as otio

    take = sources[0][0]
    fps = float(rate)

    def clip(piece, label: str):
        k = max(n for n, (_, offset, _) in enumerate(sources) if offset <= piece.start + 1e-9)
        path, offset, seconds = sources[k]
        reference = otio.schema.ExternalReference(target_url=path.resolve().as_uri(),
                                                  available_range=_range(0.0, seconds, fps))
        return otio.schema.Clip(name=label, media_reference=reference,
                                source_range=_range(piece.start - offset, piece.length, fps))

    timeline = otio.schema.Timeline(name=name)
    timeline.global_start_time = otio.opentime.RationalTime(0, fps)
    media = _range(0.0, cut.duration, fps)
    if not video and picture is not None:
        track = otio.schema.Track(name="V1 cue visuals", kind=otio.schema.TrackKind.Video)
        reference = otio.schema.ExternalReference(target_url=picture.resolve().as_uri(),
                                                  available_range=_range(0.0, cut.length, fps))
        track.append(otio.schema.Clip(name=f"{name} cue visuals", media_reference=reference,
                                      source_range=_range(0.0, cut.length, fps)))
        timeline.tracks.append(track)
    patched = any(p.kind != "take" for p in cut.pieces)
    if video:  # the take's picture under every piece (under a pickup: the picture it shows, played on)
        track = otio.schema.Track(name="V1 kept", kind=otio.schema.TrackKind.Video)
        for n, piece in enumerate(cut.pieces):
            start = piece.start if piece.shows is None else min(piece.shows[0], cut.duration - piece.length)
            reference = otio.schema.ExternalReference(target_url=take.resolve().as_uri(), available_range=media)
            track.append(otio.schema.Clip(name=f"{name} {n + 1}", media_reference=reference,
                                          source_range=_range(max(0.0, start), piece.length, fps)))
        timeline.tracks.append(track)
    track = otio.schema.Track(name="A1 kept", kind=otio.schema.TrackKind.Audio)
    extra = otio.schema.Track(name="A2 pickups", kind=otio.schema.TrackKind.Audio)
    for n, piece in enumerate(cut.pieces):
        ours, other = (track, extra) if piece.kind == "take" else (extra, track)
        ours.append(clip(piece, f"{name} {n + 1}" if piece.kind == "take" else f"{piece.kind} {n + 1}"))
        if patched:
            other.append(otio.schema.Gap(source_range=_range(0, piece.length, fps)))
    timeline.tracks.append(track)
    if patched:
        timeline.tracks.append(extra)
    first = timeline.tracks[0]
    for removal, piece in zip(cut.removals, _pieces_after(cut)):
        marker = otio.schema.Marker(name=f"cut: {removal.reason} ({removal.end - removal.start:.1f} s)",
                                    marked_range=_range(piece.at if piece else cut.length, 0, fps),
                                    color=otio.schema.MarkerColor.RED)
        marker.metadata["coursekit"] = removal.as_dict()
        first.markers.append(marker)
    if removed and cut.removals:
        kind = otio.schema.TrackKind.Video if video else otio.schema.TrackKind.Audio
        track = otio.schema.Track(name="removed (disabled)", kind=kind)
        track.enabled = False
        position = 0.0
        for removal, piece in zip(cut.removals, _pieces_after(cut)):
            at = piece.at if piece else cut.length
            if at > position:
                track.append(otio.schema.Gap(source_range=_range(0, at - position, fps)))
                position = at
            reference = otio.schema.ExternalReference(target_url=take.resolve().as_uri(), available_range=media)
            clip = otio.schema.Clip(name=f"removed: {removal.reason}", media_reference=reference,
                                    source_range=_range(removal.start, removal.end - removal.start, fps))
            clip.enabled = False
            clip.metadata["coursekit"] = removal.as_dict()
            track.append(clip)
            position += removal.end - removal.start
        timeline.tracks.insert(0, track)  # lowest: editors stack tracks from the first upwards
    return timeline


def _pieces_after(cut: Cut):
    """For each removal, the kept piece of the take that follows it (None after the last)."""
    for removal in cut.removals:
        yield next((p for p in cut.pieces if p.kind == "take" and p.start >= removal.end - 1e-6), None)


def write(cut: Cut, sources: list[tuple[Path, float, float]], folder: Path, stem: str, rate: Fraction, video: bool,
          picture: Path | None = None) -> dict[str, Path]:
    """The timeline in every format, each written atomically; the paths by extension."""
    import opentimelineio as otio

    full = build(cut, sources, stem, rate, video, picture=picture)
    kept = build(cut, sources, stem, rate, video, removed=False, picture=picture)
    paths = {}
    for ext, adapter in FORMATS.items():
        timeline = full if ext == "otio" else kept
        if ext == "edl":  # an EDL is one picture track (with its sound)
            timeline = otio.schema.Timeline(name=stem, tracks=[kept.tracks[0].clone()])
            timeline.global_start_time = kept.global_start_time
        path = folder / f"{stem}.{ext}"
        with fsio.atomic_path(path) as tmp:
            otio.adapters.write_to_file(timeline, str(tmp), adapter_name=adapter)
        paths[ext] = path
    return paths
