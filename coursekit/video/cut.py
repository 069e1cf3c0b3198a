"""`coursekit cut NN TAKE`: the finished video of a section, from the instructor's take, cut by the script.

take -> its alignment (made once per take: coursekit.video.alignment) -> the cut list (cutlist: each scripted
sentence once, from its last complete attempt; restarts, asides and long pauses removed) -> the sound joined
with crossfades and brought to -16 LUFS / -1 dBTP (splice, loudness) -> the picture: a screen recording's own,
cut at the same points (splice) -> captions and chapters timed to the cut, `cut.json`, and the timeline for a
real editor (timeline), all in build/site/videos/.
"""

from __future__ import annotations

import json
import time
from fractions import Fraction
from pathlib import Path

import click
import numpy as np

from coursekit.course import cache, fsio
from coursekit.course.lexicon import Lexicon
from coursekit.course.problems import CourseError, Problem, rel
from coursekit.course.sections import Section, one
from coursekit.course.timing import clock
from coursekit.video import captions as captions_mod
from coursekit.video import changes, cue_visuals, loudness, pickup, splice, takes, timeline
from coursekit.video.align import sentence_captions
from coursekit.video.alignment import aligned, narration
from coursekit.video.cutlist import Cut, Settings, decide
from coursekit.video.drafts import Inputs
from coursekit.video.drafts import narration as draft_narration

NOISY = -60.0  # dBFS: a noise floor above this is heard under the voice
CHAPTER_MIN = 10.0  # seconds: YouTube ignores chapters shorter than this
CODEC_MARGIN = 0.5  # dB below the true-peak ceiling before AAC encoding
TIMELINE_FPS = Fraction(30)  # the frame an audio-only take's cuts and timeline count in
CODE = [Path(__file__).with_name(name) for name in
        ("cut.py", "cutlist.py", "splice.py", "loudness.py", "timeline.py", "alignment.py", "captions.py",
         "cue_visuals.py", "pickup.py", "changes.py")]


def out_dir(root: Path) -> Path:
    return root / "build" / "site" / "videos"


def captions(cut: Cut) -> list[captions_mod.Caption]:
    """The kept sentences' captions, each phrase timed by its own words, moved to where the cut puts them."""
    moved = []
    for sentence in cut.kept:
        for c in sentence_captions(sentence):
            moved.append(captions_mod.Caption(cut.to_video(c.start), cut.to_video(c.end), c.text))
    return captions_mod.readable(moved)


def chapters(cut: Cut, titles: list[str]) -> list[tuple[float, str]]:
    """YouTube chapters: each segment where its first kept sentence starts in the video; the first at 0:00,
    ascending, each at least CHAPTER_MIN long (a shorter one joins the chapter before it)."""
    marks: list[tuple[float, str]] = []
    for index, title in enumerate(titles):
        starts = [cut.to_video(s.start) for s in cut.kept if s.segment == index]
        if not starts:
            continue
        at = 0.0 if not marks else min(starts)
        if marks and at - marks[-1][0] < CHAPTER_MIN:
            continue
        marks.append((at, title))
    if len(marks) > 1 and cut.length - marks[-1][0] < CHAPTER_MIN:
        marks.pop()
    return marks


def _published_sound(joined, settings: Settings, path: Path, level: loudness.Level) -> tuple[Path, loudness.Level]:
    """The sound encoded as it will be published, and its level measured from that encoding: AAC's
    reconstruction lifts peaks by a few tenths of a dB, so the ceiling before encoding is lowered until the
    encoded sound's true peak is under the ceiling. ``level``: the joined sound's own."""
    margin = CODEC_MARGIN
    for _ in range(4):
        samples, _ = loudness.normalise(joined, splice.RATE, settings.loudness, settings.true_peak - margin, level)
        splice.encode_sound(samples, path)
        level = loudness.measure(splice.read(path, path.name).audio, splice.RATE)
        if level.true_peak <= settings.true_peak:
            break
        margin += level.true_peak - settings.true_peak + 0.1
    return path, level


def _db(value: float) -> float | None:
    return round(value, 2) if value > -1e9 else None


def make_video(section: Section, root: Path, take: Path, settings: Settings, force: bool = False,
               quality: str = "high", replace: str = "take", echo=click.echo,
               pickups: list[Path] = ()) -> dict[str, Path] | None:
    """Cut SECTION's finished video from ``take``, patched by ``pickups`` (coursekit.video.pickup) when given;
    None when it is already up to date."""
    started = time.monotonic()
    shown = rel(take, root)
    folder = out_dir(root)
    stem = section.key
    takes.exists(take, shown)
    _writable(folder, root)
    picture = splice.probe(take, shown)
    recorded = ""
    for extra in pickups:
        takes.exists(extra, rel(extra, root))
        splice.probe(extra, rel(extra, root))
    if pickups:
        recorded = changes.recorded_text(pickup.recorded_entry(section, root))
    lexicon = Lexicon.load(root)
    inputs = visuals = None
    if picture is None or replace != "take":  # the cue visuals are built before anything long starts
        inputs = Inputs(section, root)
        visuals = cue_visuals.check(inputs, lexicon, quality)
    sentences, titles = narration(section, root, lexicon)
    digest = cache.key({"take": takes.digest(take), "narration": [(s.line, s.text) for s in sentences],
                        "settings": settings.as_dict(), "code": [fsio.file_sha256(p) for p in CODE],
                        "visuals": visuals, "quality": quality if picture is None else None,
                        "replace": replace if picture is not None else None,
                        "pickups": [takes.digest(extra) for extra in pickups], "recorded": recorded})
    stamps = cache.Stamps(root / "build" / "cache" / "videos")
    outputs = [folder / f"{stem}.{ext}" for ext in ("mp4", "vtt", "srt", "chapters.txt", "chapters.vtt", "cut.json",
                                                    *timeline.FORMATS)]
    if not force and stamps.fresh(stem, digest, outputs):
        echo(f"video {stem}: up to date")
        return None

    frame = float(1 / (picture.fps if picture else TIMELINE_FPS))
    patched = None
    if pickups:
        patched = pickup.plan(section, root, take, list(pickups), echo)
    else:
        result = aligned(section, root, take, echo)
    echo(f"video {stem}: reading {shown}")
    media = splice.read(take, shown)
    audio = media.audio
    if patched is not None:
        parts = [media.audio] + [takes.decode(extra, rel(extra, root), splice.RATE, "flt")[0] for extra in pickups]
        offsets = [0.0]
        for part in parts[:-1]:
            offsets.append(offsets[-1] + len(part) / splice.RATE)
        both = pickup.Sources([take, *pickups], offsets, np.concatenate(parts))
        gains = pickup.match_loudness(patched, both, splice.RATE)
        cut = pickup.compose(patched, both, splice.RATE, settings, frame)
        audio = both.audio
        sources = [(path, offset, len(part) / splice.RATE) for path, offset, part in zip(both.paths, offsets, parts)]
        for change in patched.diff.changes:
            echo(f"video {stem}: {change.describe(stem)}")
    else:
        cut = decide(result, media.audio, splice.RATE, settings, frame=frame)
        sources = [(take, 0.0, len(media.audio) / splice.RATE)]
    for s in cut.missing:
        echo(f"scripts/{stem}.md:{s.line}: not in the take, so not in the video: {s.text}")

    joined = splice.join(audio, splice.RATE, cut.pieces, settings.crossfade)
    before = loudness.measure(joined, splice.RATE)
    floor = loudness.noise_floor(media.audio, splice.RATE)
    sound, after = _published_sound(joined, settings, root / "build" / "cache" / "videos" / f"{stem}.m4a", before)
    warnings = []
    if floor > NOISY:
        warnings.append(f"the take's noise floor is {floor:.0f} dBFS (above {NOISY:.0f}): it is heard under the "
                        "voice; record in a quieter room or closer to the microphone")
    if media.clipped:
        warnings.append(f"{media.clipped} clipped sample(s): the input level was too high; lower the microphone's gain")
    for w in warnings:
        echo(f"video {stem}: warning: {w}")

    staged = root / "build" / "cache" / "videos" / f"{stem}.mp4"
    shown_cues = None
    if picture is not None:
        echo(f"video {stem}: writing the take's picture at {picture.width}x{picture.height}, "
             f"{float(picture.fps):g} fps ...")
        overlays = []
        if replace != "take":
            plan = cue_visuals.lay_on_voice(inputs, cut, draft_narration(inputs.script, lexicon))
            overlays, shown_cues = cue_visuals.overlays(inputs, plan, replace, picture.width, root / "build" / "cache",
                                                        echo)
            echo(f"video {stem}: {len(overlays)} cue(s) shown from the build's own render instead of the capture")
        splice.write(staged, take, cut, sound, picture, overlays=overlays,
                     progress=lambda t, total: echo(f"  {clock(t)} of {clock(total)}"))
    else:
        echo(f"video {stem}: an audio-only take: drawing the cue visuals on the voice ({quality}) ...")
        plan = cue_visuals.lay_on_voice(inputs, cut, draft_narration(inputs.script, lexicon))
        shown_cues = cue_visuals.write(staged, inputs, plan, sound, quality, root / "build" / "cache", echo)
    echo(f"video {stem}: {clock(cut.duration)} take -> {clock(cut.length)} video, {len(cut.removals)} cut(s); "
         f"{before.lufs:.1f} -> {after.lufs:.1f} LUFS, true peak {after.true_peak:.1f} dBTP")

    cues = captions(cut)
    marks = chapters(cut, titles)
    record = {
        "section": stem, "take": shown, "take_seconds": round(cut.duration, 3), "video_seconds": round(cut.length, 3),
        "settings": settings.as_dict(),
        # to the microsecond: pieces are whole frames, and a reader maps times across cuts exactly
        "kept": [{"start": round(p.start, 6), "end": round(p.end, 6), "at": round(p.at, 6),
                  **({"kind": p.kind} if p.kind != "take" else {}),
                  **({"shows": [round(p.shows[0], 6), round(p.shows[1], 6)]} if p.shows is not None else {})}
                 for p in cut.pieces],
        "removed": [r.as_dict() for r in cut.removals],
        "missing": [{"line": s.line, "text": s.text} for s in cut.missing],
        "sentences": [{"line": s.line, "text": s.text, "take": [round(s.start, 3), round(s.end, 3)],
                       "video": [round(cut.to_video(s.start), 3), round(cut.to_video(s.end), 3)]} for s in cut.kept],
        "loudness": {"before": before.as_dict(), "after": after.as_dict(), "target_lufs": settings.loudness,
                     "ceiling_dbtp": settings.true_peak},
        "take_sound": {"noise_floor_dbfs": _db(floor), "clipped_samples": media.clipped, "warnings": warnings},
        "picture": (("the take's own" if replace == "take" else f"the take's own, {replace} from the build")
                    if picture is not None else f"the cue visuals ({quality})"),
        **({"cues": shown_cues} if shown_cues is not None else {}),
    }
    if patched is not None:
        record["pickups"] = [{"file": rel(path, root), "starts_at": round(offset, 6), "gain_db": gain,
                              "sentences": [{"line": s.line, "text": s.text} for k, s in
                                            sorted(patched.said.values(), key=lambda x: x[1].line) if k == n]}
                             for n, ((path, offset, _), gain) in enumerate(zip(sources[1:], gains))]
        record["changes"] = [{"kind": c.kind, "line": c.line, "then": c.old.text if c.old else None,
                              "now": c.new.text if c.new else None} for c in patched.diff.changes]
    paths = {"mp4": folder / f"{stem}.mp4"}
    texts = {"vtt": captions_mod.vtt(cues), "srt": captions_mod.srt(cues),
             "chapters.txt": "".join(f"{clock(t)} {title}\n" for t, title in marks),
             "chapters.vtt": captions_mod.vtt([captions_mod.Caption(t, marks[n + 1][0] if n + 1 < len(marks) else
                                                                    cut.length, title)
                                               for n, (t, title) in enumerate(marks)]),
             "cut.json": json.dumps(record, indent=1, ensure_ascii=False) + "\n"}
    for ext, text in texts.items():
        paths[ext] = folder / f"{stem}.{ext}"
        fsio.write_text(paths[ext], text)
    paths.update(timeline.write(cut, sources, folder, stem, picture.fps if picture else TIMELINE_FPS,
                                video=picture is not None, picture=None if picture else paths["mp4"]))
    staged.replace(paths["mp4"])  # last: the video appears with everything that describes it already beside it
    stamps.record(stem, digest, seconds=round(cut.length, 3))
    echo(f"video {stem}: done in {time.monotonic() - started:.1f} s; {rel(paths['mp4'], root)} and "
         f"{len(paths) - 1} more in {rel(folder, root)}/")
    return paths


def _writable(folder: Path, root: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / ".writable"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        raise CourseError(Problem(rel(folder, root), 0, f"cannot write the video here ({exc.strerror}); make the "
                                  "folder writable")) from None


@click.command()
@click.argument("section")
@click.argument("take", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--keep-unscripted/--remove-unscripted", default=None,
              help="Keep what was said off script (asides) instead of removing it.")
@click.option("--max-pause", type=float, default=None, help="Longest pause kept, in seconds (default 1, or "
              "[tool.coursekit.cut] max_pause).")
@click.option("--quality", type=click.Choice(["preview", "high"]), default="high", show_default=True,
              help="An audio-only take's picture: preview 1280x720, high 1920x1080.")
@click.option("--visuals", "replace", type=click.Choice(["take", "cues", "cues+slides"]), default="take",
              show_default=True, help="A screen recording's picture: the take's own; or, during animation cues "
              "(cues) and slide cues too (cues+slides), the build's own render instead of the capture.")
@click.option("--pickup", "pickups", multiple=True, type=click.Path(dir_okay=False, path_type=Path),
              help="A recording of the sentences changed or added since TAKE was locked in recordings.lock (see "
              "`coursekit status`); repeat for several, in order. The video follows the script now.")
@click.option("--force", is_flag=True, help="Cut again even when nothing changed.")
@click.pass_obj
def cut(root: Path, section: str, take: Path, keep_unscripted: bool | None, max_pause: float | None,
        quality: str, replace: str, pickups: tuple[Path, ...], force: bool) -> None:
    """Cut SECTION's finished video from its recorded TAKE (a screen recording with sound, .mp4 .mkv .mov .webm,
    or audio alone, .wav .m4a ..., shown over the cue visuals): each scripted sentence once, in order, restarts
    and asides removed, pauses shortened, sound at -16 LUFS, with captions, chapters, cut.json and a timeline
    (.otio .fcpxml .edl .mlt) in build/site/videos/."""
    chosen = one(root, section, "coursekit cut 06 take.mp4")
    settings = Settings.load(root, keep_unscripted=keep_unscripted, max_pause=max_pause)
    make_video(chosen, root, take.resolve(), settings, force=force, quality=quality, replace=replace,
               pickups=[p.resolve() for p in pickups])
