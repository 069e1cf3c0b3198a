"""`coursekit cut`: the finished video, tested on screen recordings whose truth is known.

The take is a section's opening said by the draft voice with an aside, a restarted sentence and long pauses
put in (coursekit.video.takes.speak), over a room's faint noise and mains hum; its picture is a clock that
shows, on every frame, the take time it was captured at (takes.screen_recording). So every frame of the
finished video says which moment of the take it shows, and the spoken script says what must be kept.
Loudness is measured here with pyloudnorm, not with the library that set it.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import av
import fixture_takes
import numpy as np
import pytest
import webvtt
from click.testing import CliRunner

from coursekit.cli import cli
from coursekit.course.timing import clock as minutes
from coursekit.video import splice, takes
from coursekit.video.cutlist import Piece

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("cut")]  # one worker shares the takes and their cut

ROOT = Path(__file__).resolve().parent.parent
KEY = "01_short"
FPS = 30
MAX_PAUSE = 1.0


def run(course: Path, *args) -> object:
    return CliRunner().invoke(cli, ["--root", str(course), "cut", *map(str, args)])


def outputs(course: Path) -> dict[str, Path]:
    folder = course / "build" / "site" / "videos"
    return {ext: folder / f"{KEY}.{ext}" for ext in ("mp4", "vtt", "srt", "chapters.txt", "chapters.vtt", "cut.json",
                                                     "otio", "fcpxml", "edl", "mlt")}


def decode(path: Path) -> tuple[list[tuple[float, float]], np.ndarray]:
    """(frame time, the take time its clock shows) for every frame, and the sound (mono, 48 kHz)."""
    frames, sound = [], []
    with av.open(str(path)) as container:
        for frame in container.decode(container.streams.video[0]):
            frames.append((float(frame.time), takes.read_clock(frame.to_ndarray(format="rgb24"))))
    sound = splice.read(path, path.name).audio
    return frames, sound


def to_take(pieces: list[dict], t: float) -> float:
    for p in pieces:
        if t < p["at"] + (p["end"] - p["start"]) - 1e-4:
            return p["start"] + max(0.0, t - p["at"])
    return pieces[-1]["end"]


def to_video(pieces: list[dict], t: float) -> float | None:
    for p in pieces:
        if p["start"] - 1e-6 <= t <= p["end"] + 1e-6:
            return p["at"] + t - p["start"]
    return None


@pytest.fixture(scope="module")
def course(tmp_path_factory) -> Path:
    """Section 06's script up to "Backward walks the tape": 20 sentences, about two and a half minutes."""
    return fixture_takes.short_course(ROOT, tmp_path_factory.mktemp("course"), "06_autograd",
                                      "Backward walks the tape")


@pytest.fixture(scope="module")
def speech(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("speech")


@pytest.fixture(scope="module")
def take(course, speech, tmp_path_factory):
    """An aside after sentence 4, sentence 7 started twice, pauses of 4 s and 3 s."""
    spoken = takes.speak(course, KEY, speech, aside_after=(3,), restart=(6,), pause_after={9: 4.0, 14: 3.0})
    return spoken, takes.screen_recording(spoken, tmp_path_factory.mktemp("take") / "take.mp4", fps=FPS)


@pytest.fixture(scope="module")
def made(course, take):
    result = run(course, "01", take[1])
    assert result.exit_code == 0, result.output
    paths = outputs(course)
    record = json.loads(paths["cut.json"].read_text())
    frames, sound = decode(paths["mp4"])
    return result.output, paths, record, frames, sound


def test_every_sentence_is_kept_once_in_order_and_the_restart_and_the_aside_are_gone(take, made):
    spoken, _ = take
    output, paths, record, frames, sound = made
    assert [s["text"] for s in record["sentences"]] == list(spoken.starts), "every sentence, once, in script order"
    assert record["missing"] == []
    kept = record["kept"]
    for text, start in spoken.starts.items():  # the truth: where each sentence really is in the take
        assert to_video(kept, start) is not None and to_video(kept, spoken.ends[text]) is not None, \
            f"{text!r} ({start:.2f}-{spoken.ends[text]:.2f} s in the take) is cut into"
    video_starts = [to_video(kept, spoken.starts[t]) for t in spoken.starts]
    assert video_starts == sorted(video_starts)
    for lo, hi in spoken.unscripted:  # the aside, then the false start: wholly removed
        gone = [r for r in record["removed"] if r["start"] <= lo + 0.05 and hi - 0.05 <= r["end"]]
        assert gone, f"the passage said off script at {lo:.2f}-{hi:.2f} s is still in the video: {record['removed']}"
    reasons = {r["reason"] for r in record["removed"]}
    assert {"restart", "off script", "pause"} <= reasons, reasons
    shown = {round(clock, 2) for _, clock in frames}
    for lo, hi in spoken.unscripted:
        assert not [c for c in shown if lo + 0.1 < c < hi - 0.1], "a frame of the removed passage is shown"
    assert record["video_seconds"] < record["take_seconds"] - 8


def test_no_pause_is_longer_than_the_limit(made):
    *_, sound = made
    step = int(0.01 * splice.RATE)
    rms = np.sqrt(np.mean(sound[: len(sound) // step * step].reshape(-1, step).astype(np.float64) ** 2, axis=1))
    quiet = 20 * np.log10(np.maximum(rms, 1e-9)) < -45  # the room under the voice, at -16 LUFS, is far below this
    longest, run_ = 0, 0
    for q in quiet[30:-30]:  # not the lead-in and tail
        run_ = run_ + 1 if q else 0
        longest = max(longest, run_)
    assert longest * 0.01 <= MAX_PAUSE + 0.15, f"a pause of {longest * 0.01:.2f} s is left (limit {MAX_PAUSE} s)"
    assert longest * 0.01 >= 0.3, "pauses are kept, only shortened"


def test_picture_and_sound_agree_within_a_frame_on_both_sides_of_every_cut(take, made):
    _, take_path = take
    output, paths, record, frames, sound = made
    kept = record["kept"]
    assert len(frames) == pytest.approx(record["video_seconds"] * FPS, abs=1)
    for t, clock in frames:  # every frame: the take's moment it shows is where the cut maps its time
        assert abs(clock - to_take(kept, t)) <= 1 / FPS + 1e-3, f"at {t:.3f} s the picture shows {clock:.3f} s " \
            f"of the take, the cut maps it to {to_take(kept, t):.3f} s"
    original = splice.read(take_path, "take").audio
    rate = splice.RATE
    # The sound of every sentence, the first after each cut and the last before it among them, is the take's
    # sound at the moment the cut maps it to (speech, not the room: the hum repeats every 20 ms)
    for sentence in record["sentences"]:
        for t_video, t_take in ((sentence["video"][0], sentence["take"][0]), (sentence["video"][1] - 0.5,
                                                                              sentence["take"][1] - 0.5)):
            ours = sound[int(t_video * rate): int((t_video + 0.5) * rate)]
            search = original[int((t_take - 0.1) * rate): int((t_take + 0.6) * rate)]
            corr = np.correlate(search.astype(np.float64), ours.astype(np.float64), "valid")
            lag = (np.argmax(np.abs(corr)) - int(0.1 * rate)) / rate
            assert abs(lag) <= 1 / FPS, f"the sound at {t_video:.2f} s ({sentence['text'][:30]!r}) is " \
                f"{lag * 1000:.0f} ms off the take"
    for piece in kept[:-1]:
        end = piece["at"] + piece["end"] - piece["start"]
        before = [c for t, c in frames if end - 2 / FPS <= t < end]
        assert before and abs(before[-1] - (piece["end"] - 1 / FPS)) <= 1 / FPS + 2e-3, \
            "the last frame before a cut is the end of the piece before it"


def test_no_click_at_any_cut(take, made):
    """The hum under the voice would jump at a hard cut; across each crossfaded cut it steps as it does anywhere."""
    _, take_path = take
    output, paths, record, frames, sound = made
    rate = splice.RATE
    original = splice.read(take_path, "take").audio
    pieces = [Piece(p["start"], p["end"], p["at"]) for p in record["kept"]]
    hard = splice.join(original, rate, pieces, 0.0)  # the same cut without its crossfade, as the control
    gain = 10 ** ((record["loudness"]["after"]["integrated_lufs"] - record["loudness"]["before"]["integrated_lufs"]) / 20)
    steps, hard_steps = [], []
    for p in pieces[1:]:
        i = int(p.at * rate)
        steps.append(np.max(np.abs(np.diff(sound[i - 240: i + 240].astype(np.float64)))))
        hard_steps.append(np.max(np.abs(np.diff(hard[i - 240: i + 240].astype(np.float64)))) * gain)
        calm = np.max(np.abs(np.diff(sound[i - 4800: i - 2400].astype(np.float64))))
        assert steps[-1] <= max(2 * calm, 0.002), f"a click at {p.at:.2f} s: step {steps[-1]:.4f}, {calm:.4f} nearby"
    assert max(hard_steps) > 4 * max(steps), "the control: a hard cut of the same take does jump"


def test_the_sound_is_at_minus_16_lufs_with_true_peaks_at_or_under_minus_1_dbtp(made):
    import pyloudnorm
    from scipy.signal import resample_poly

    output, paths, record, frames, sound = made
    lufs = pyloudnorm.Meter(splice.RATE).integrated_loudness(sound.astype(np.float64))
    true_peak = 20 * np.log10(np.max(np.abs(resample_poly(sound.astype(np.float64), 4, 1))))  # BS.1770-4 annex 2
    assert -17 <= lufs <= -15, f"integrated loudness {lufs:.2f} LUFS"
    assert true_peak <= -1.0, f"true peak {true_peak:.2f} dBTP"
    assert record["loudness"]["after"]["integrated_lufs"] == pytest.approx(lufs, abs=0.5)
    assert record["take_sound"]["clipped_samples"] == 0 and record["take_sound"]["warnings"] == []
    assert record["take_sound"]["noise_floor_dbfs"] < -60


def test_captions_start_within_a_tenth_of_a_second_of_their_words(take, made):
    spoken, _ = take
    output, paths, record, frames, sound = made
    cues = list(webvtt.read(str(paths["vtt"])))
    srt = list(webvtt.from_srt(str(paths["srt"])))
    assert [c.text for c in cues] == [c.text for c in srt]
    for text, start in spoken.starts.items():
        first = next((c for c in cues if text.startswith(c.text.replace("\n", " "))), None)
        assert first, f"no caption opens {text!r}"
        truth = to_video(record["kept"], start)
        assert abs(fixture_takes.seconds(first.start) - truth) <= 0.1, \
            f"{text[:40]!r}: caption at {fixture_takes.seconds(first.start):.2f} s, its first word at {truth:.2f} s in the video"
    assert fixture_takes.seconds(cues[-1].end) <= record["video_seconds"] + 1e-3


def test_chapters_follow_youtubes_rules(made):
    output, paths, record, frames, sound = made
    lines = paths["chapters.txt"].read_text().splitlines()
    times = []
    for line in lines:
        stamp, title = line.split(" ", 1)
        m, s = stamp.split(":")
        times.append(int(m) * 60 + int(s))
        assert title
    assert times[0] == 0, "the first chapter starts at 0:00"
    assert times == sorted(times) and len(set(times)) == len(times)
    assert all(b - a >= 10 for a, b in zip(times, [*times[1:], record["video_seconds"]])), times
    assert len(lines) >= 3


def test_the_timeline_holds_the_cut_and_reads_back_from_fcpxml_and_edl(take, made):
    import opentimelineio as otio

    output, paths, record, frames, sound = made
    kept = [(round(p["start"] * FPS), round((p["end"] - p["start"]) * FPS)) for p in record["kept"]]
    timeline = otio.adapters.read_from_file(str(paths["otio"]))
    tracks = {t.name: t for t in timeline.tracks}
    for name in ("V1 kept", "A1 kept"):
        clips = [c for c in tracks[name] if isinstance(c, otio.schema.Clip)]
        assert [(round(c.source_range.start_time.to_seconds() * FPS), round(c.source_range.duration.to_seconds() * FPS))
                for c in clips] == kept, name
        assert all(Path(c.media_reference.target_url.removeprefix("file://")) == take[1].resolve() for c in clips)
    removed = tracks["removed (disabled)"]
    assert not removed.enabled
    gone = [c for c in removed if isinstance(c, otio.schema.Clip)]
    assert [c.metadata["coursekit"]["reason"] for c in gone] == [r["reason"] for r in record["removed"]]
    for clip, removal in zip(gone, record["removed"]):  # nothing removed is lost
        assert clip.source_range.start_time.to_seconds() == pytest.approx(removal["start"], abs=0.5 / FPS)
        assert clip.source_range.duration.to_seconds() == pytest.approx(removal["length"], abs=1 / FPS)
    assert len(tracks["V1 kept"].markers) == len(record["removed"])
    for ext in ("fcpxml", "edl"):
        back = otio.adapters.read_from_file(str(paths[ext]), **({"rate": FPS} if ext == "edl" else {}))
        video = next(t for t in back.tracks if t.kind == otio.schema.TrackKind.Video and
                     any(isinstance(c, otio.schema.Clip) and c.enabled for c in t))
        clips = [c for c in video if isinstance(c, otio.schema.Clip)]
        assert [(round(c.source_range.start_time.to_seconds() * FPS), round(c.source_range.duration.to_seconds() * FPS))
                for c in clips] == kept, ext


@pytest.mark.skipif(not shutil.which("melt"), reason="melt is installed by `make setup` (APT_PACKAGES)")
def test_melt_renders_the_mlt_project_to_the_same_video(made, tmp_path):
    """Kdenlive's and Shotcut's engine plays the project as the cut: same length within a frame, same sound."""
    output, paths, record, frames, sound = made
    rendered = tmp_path / "melt.mp4"
    # the render's length and sound are compared, not its pixels: x264's fastest preset
    run_ = subprocess.run(["melt", "-quiet", str(paths["mlt"]), "-consumer", f"avformat:{rendered}", "vcodec=libx264",
                           "preset=ultrafast", "acodec=aac", "ar=48000", "ac=1"], capture_output=True, text=True,
                          timeout=600, env={**os.environ, "SDL_AUDIODRIVER": "dummy"})
    assert run_.returncode == 0, run_.stderr[-2000:]
    with av.open(str(rendered)) as c:
        length = float(c.streams.video[0].frames / c.streams.video[0].average_rate)
    assert length == pytest.approx(record["video_seconds"], abs=1 / FPS + 1e-3)
    theirs = splice.read(rendered, "melt").audio
    rate = splice.RATE
    for sentence in record["sentences"]:  # each sentence where the cut has it: melt's sound against the take's
        at = sentence["video"][0]
        window = theirs[int(at * rate): int((at + 0.5) * rate)].astype(np.float64)
        search = sound[int((at - 0.1) * rate): int((at + 0.6) * rate)].astype(np.float64)
        corr = np.correlate(search, window, "valid")
        lag = (np.argmax(np.abs(corr)) - int(0.1 * rate)) / rate
        assert abs(lag) <= 1 / FPS, f"in melt's render {sentence['text'][:30]!r} is {lag * 1000:.0f} ms off the cut"
        assert np.max(np.abs(corr)) > 0.5 * np.sqrt(np.sum(window ** 2) * np.sum(search[:len(window)] ** 2)), \
            "melt's render says the same words there"


@pytest.fixture(scope="module")
def short_cut(course, speech, tmp_path_factory):
    """A minute of the take, recorded at a variable frame rate, with sentence 3 left out, sentence 4 started twice
    and a long pause to cut, cut in a copy of the course: (the take, the cut's output, its files, its record)."""
    spoken = takes.speak(course, KEY, speech, first=8, skip=(2,), restart=(3,), pause_after={5: 3.0})
    folder = tmp_path_factory.mktemp("short")
    vfr = takes.screen_recording(spoken, folder / "vfr.mkv", fps=FPS, jitter=0.45)
    copy = folder / "course"
    shutil.copytree(course, copy, ignore=shutil.ignore_patterns("build"))
    result = run(copy, "01", vfr)
    assert result.exit_code == 0, result.output
    paths = outputs(copy)
    return spoken, result.output, copy, paths, json.loads(paths["cut.json"].read_text())


def test_a_variable_frame_rate_take_is_cut_in_sync(short_cut):
    # every frame of it is checked
    _, _, _, paths, record = short_cut
    frames, _ = decode(paths["mp4"])
    with av.open(str(paths["mp4"])) as c:
        assert c.streams.video[0].average_rate == FPS, "written at a constant rate"
    for t, clock in frames:
        wanted = to_take(record["kept"], t)
        # the latest frame captured by then: at most one (irregular) frame interval earlier
        assert -2e-3 <= wanted - clock <= 1.45 / FPS + 2e-3, f"at {t:.3f} s: shows {clock:.3f}, should {wanted:.3f}"
    assert any(r["reason"] == "pause" and r["end"] - r["start"] > 1.5 for r in record["removed"]), "the pause is cut"


def test_a_setting_changed_cuts_again_from_the_same_alignment_and_nothing_changed_does_nothing(course, take, made,
                                                                                               tmp_path):
    _, path = take
    again = run(course, "01", path)
    assert again.exit_code == 0 and "up to date" in again.output, again.output
    before = json.loads(outputs(course)["cut.json"].read_text())
    copy = tmp_path / "course"  # with its build (the alignment kept there): the module's own cut stays as made
    shutil.copytree(course, copy)
    longer = run(copy, "01", path, "--max-pause", "2.5")
    assert longer.exit_code == 0, longer.output
    assert "was aligned before" in longer.output and "heard" not in longer.output, "the take is not recognised again"
    after = json.loads(outputs(copy)["cut.json"].read_text())
    assert after["video_seconds"] > before["video_seconds"] + 1, "longer pauses kept"
    assert not [r for r in after["removed"] if r["reason"] == "pause" and r["end"] - r["start"] < 0.5]


def test_a_sentence_missing_from_the_take_is_reported_by_line_and_the_video_still_builds(short_cut):
    spoken, output, copy, paths, record = short_cut
    left_out = spoken.left_out[0]
    line = next(m["line"] for m in record["missing"] if m["text"] == left_out)
    assert f"scripts/{KEY}.md:{line}: not in the take" in output
    assert (copy / "scripts" / f"{KEY}.md").read_text().splitlines()[line - 1].find(left_out[:20]) >= 0
    assert left_out not in paths["vtt"].read_text()
    assert paths["mp4"].stat().st_size > 0


def test_clipping_and_a_noisy_room_are_reported(course, speech, tmp_path):
    spoken = takes.speak(course, KEY, speech, first=4)
    path = takes.screen_recording(spoken, tmp_path / "loud.mp4", fps=FPS, gain=6.0, hum=0.01)
    copy = tmp_path / "course"
    shutil.copytree(course, copy, ignore=shutil.ignore_patterns("build"))
    result = run(copy, "01", path)
    assert result.exit_code == 0, result.output
    sound = json.loads(outputs(copy)["cut.json"].read_text())["take_sound"]
    assert sound["clipped_samples"] > 100 and sound["noise_floor_dbfs"] > -60
    assert "clipped sample(s)" in result.output and "noise floor" in result.output


def _silent(spoken, path):
    quiet = takes.Take(np.zeros(10 * takes.SPEECH_RATE, np.int16))  # ten seconds: long enough to hold a sentence
    return takes.screen_recording(quiet, path, fps=FPS, room=0.0, hum=0.0)


def _picture_only(spoken, path):
    with av.open(str(path), "w") as c:
        v = c.add_stream("libx264", rate=FPS)
        v.width, v.height, v.pix_fmt = 64, 64, "yuv420p"
        for n in range(FPS * 3):
            frame = av.VideoFrame.from_ndarray(np.zeros((64, 64, 3), np.uint8), format="rgb24")
            frame.pts = n
            for p in v.encode(frame):
                c.mux(p)
        for p in v.encode():
            c.mux(p)
    return path


def _garbage(spoken, path):
    path.write_bytes(b"\x00not a video" * 1000)
    return path


def _short(spoken, path):
    return takes.screen_recording(takes.Take(spoken.audio[: int(0.6 * takes.SPEECH_RATE)]), path, fps=FPS)


@pytest.mark.parametrize("make_take, message", [
    (_silent, "silent"),
    (_picture_only, "no audio stream"),
    (_garbage, "not a recording"),
    (_short, "too short"),
])
def test_a_bad_take_is_refused_by_name_and_the_last_good_video_is_kept(course, take, made, tmp_path, make_take,
                                                                     message):
    spoken, _ = take
    paths = outputs(course)
    kept = {ext: p.read_bytes() for ext, p in paths.items()}
    bad = make_take(spoken, tmp_path / "bad.mp4")
    result = run(course, "01", bad)
    assert result.exit_code == 1, result.output
    assert str(bad) in result.output or "bad.mp4" in result.output
    assert message in result.output and "Traceback" not in result.output, result.output
    assert {ext: p.read_bytes() for ext, p in paths.items()} == kept, "the last good video and its files are untouched"
    assert not list(paths["mp4"].parent.glob("*.part*")) and not list(paths["mp4"].parent.glob(".*tmp*"))


def test_a_take_of_another_section_is_refused(course, speech, tmp_path):
    import coursekit.course.script as script_mod

    other = tmp_path / "other"
    fixture_takes.short_course(ROOT, other, "03_tensors",
                               script_mod.parse(ROOT / "scripts" / "03_tensors.md", "x").segments[4].title)
    spoken = takes.speak(other, KEY, speech, first=6)  # half a minute: refused once it is heard
    path = takes.screen_recording(spoken, tmp_path / "other.mp4", fps=FPS)
    copy = tmp_path / "course"
    shutil.copytree(course, copy, ignore=shutil.ignore_patterns("build"))
    result = run(copy, "01", path)
    assert result.exit_code == 1 and "another section" in result.output, result.output
    assert not outputs(copy)["mp4"].exists()


def test_an_unwritable_output_folder_is_named(course, take, tmp_path):
    if os.geteuid() == 0:
        folder = tmp_path / "course" / "build" / "site" / "videos"
        copy = tmp_path / "course"
        shutil.copytree(course, copy, ignore=shutil.ignore_patterns("build"))
        folder.parent.mkdir(parents=True)
        folder.write_text("a file where the folder should be")
    else:
        copy = tmp_path / "course"
        shutil.copytree(course, copy, ignore=shutil.ignore_patterns("build"))
        folder = copy / "build" / "site" / "videos"
        folder.mkdir(parents=True)
        folder.chmod(0o500)
    result = run(copy, "01", take[1])
    assert result.exit_code == 1, result.output
    assert "build/site/videos" in result.output and "writable" in result.output, result.output


def _frame_times(path: Path) -> tuple[list[float], tuple[int, int]]:
    """When each frame of the video starts (from its packets: nothing decoded), and the picture's size."""
    with av.open(str(path)) as c:
        stream = c.streams.video[0]
        times = sorted(float(p.pts * stream.time_base) for p in c.demux(stream) if p.pts is not None)
        return times, (stream.width, stream.height)


def _frames(path: Path, wanted: set[float]) -> dict[float, np.ndarray]:
    """The frames that start at ``wanted`` times (as _frame_times gives them), as RGB: only those converted."""
    with av.open(str(path)) as c:
        return {float(f.time): f.to_ndarray(format="rgb24").astype(np.int16)
                for f in c.decode(c.streams.video[0]) if float(f.time) in wanted}


def _shown_at(times: list[float], t: float) -> float:
    """The start of the frame on screen at ``t``."""
    return [time for time in times if time <= t + 1e-3][-1]


def _picture(path: Path, at: float, size: tuple[int, int]) -> np.ndarray:
    """A still's PNG, or an animation's frame ``at`` seconds in (its last after its end), at ``size``."""
    if path.suffix == ".png":
        from PIL import Image

        return np.asarray(Image.open(path).convert("RGB").resize(size)).astype(np.int16)
    with av.open(str(path)) as c:
        last = None
        for frame in c.decode(c.streams.video[0]):
            if last is not None and frame.time > at:
                break
            last = frame
        return last.to_ndarray(format="rgb24", width=size[0], height=size[1]).astype(np.int16)


@pytest.mark.browser
def test_an_audio_only_take_is_shown_over_the_cue_visuals_and_published_on_the_site(repo_copy, speech, tmp_path,
                                                                                   offline):
    key = "01_why_pytorch"
    spoken = takes.speak(repo_copy, key, speech, first=18, pause_after={5: 3.0})  # a cue of each kind
    path = takes.save(spoken, tmp_path / "voice.m4a", rate=48000, layout="stereo", codec="aac")
    result = CliRunner().invoke(cli, ["--root", str(repo_copy), "cut", "01", str(path), "--quality", "preview"])
    assert result.exit_code == 0, result.output
    folder = repo_copy / "build" / "site" / "videos"
    record = json.loads((folder / f"{key}.cut.json").read_text())
    assert record["picture"] == "the cue visuals (preview)"
    spans = [c for c in record["cues"] if c["end"] - c["start"] >= 0.5]
    assert {"slides", "browser", "animation", "vscode"} <= {c["kind"] for c in spans}, spans
    times, size = _frame_times(folder / f"{key}.mp4")
    assert times[-1] <= record["video_seconds"] + 1e-3
    frames = _frames(folder / f"{key}.mp4", {_shown_at(times, (s["start"] + s["end"]) / 2) for s in spans})
    pictures = {s["picture"] for s in spans}
    for span in spans:
        middle = (span["start"] + span["end"]) / 2
        shown = frames[_shown_at(times, middle)]
        own = np.abs(shown - _picture(repo_copy / span["picture"], middle - span["start"], size)).mean()
        others = [np.abs(shown - _picture(repo_copy / p, 0.0, size)).mean() for p in pictures - {span["picture"]}
                  if p.endswith(".png")]
        assert own < 12 and all(own < o for o in others), \
            f"at {middle:.1f} s the frame is not the {span['kind']} cue's picture (line {span['cue_line']}): " \
            f"{own:.1f} from it, {min(others, default=0):.1f} from the nearest other"
    sentences = {s["text"]: s["video"][0] for s in record["sentences"]}
    for span in spans:  # a cue's picture is up before the first sentence said over it
        if span["kind"] != "title":
            after = [t for t in sentences.values() if t >= span["start"] - 1e-3]
            assert not after or span["start"] <= min(after)

    # published: the script page plays the finished video with its captions; the home page, trace.html and
    # course.json give its length beside the draft's
    assert CliRunner().invoke(cli, ["--root", str(repo_copy), "site"]).exit_code == 0
    site = repo_copy / "build" / "site"
    script_page = (site / "scripts" / f"{key}.html").read_text(encoding="utf-8")
    assert f'src="../videos/{key}.mp4"' in script_page and f'src="../drafts/{key}.mp4"' not in script_page
    length = minutes(record["video_seconds"])
    assert f"video {length}" in (site / "index.html").read_text(encoding="utf-8")
    assert f"<td>{length}</td>" in (site / "trace.html").read_text(encoding="utf-8")
    row = next(r for r in json.loads((repo_copy / "build" / "course.json").read_text())["sections"] if r["key"] == key)
    assert row["video_seconds"] == record["video_seconds"] and row["draft_seconds"]
    page = offline.open(site / "scripts" / f"{key}.html")
    cues = page.wait_for_function("""() => { const v = document.querySelector('video');
        const c = [...v.textTracks].find(x => x.kind === 'captions'); c.mode = 'showing';
        return v.readyState >= 1 && c.cues && c.cues.length; }""", timeout=60000).json_value()
    assert cues == len(list(webvtt.read(str(folder / f"{key}.vtt"))))
    assert page.locator("video[autoplay]").count() == 0
    assert offline.errors == [] and offline.blocked == []


def test_visuals_cues_shows_each_animation_from_its_render_instead_of_the_capture(repo_copy, speech, tmp_path):
    key = "04_shapes_and_memory"  # its first animation is cued after eight sentences
    spoken = takes.speak(repo_copy, key, speech, first=12)
    path = takes.screen_recording(spoken, tmp_path / "screen.mp4", fps=FPS)
    result = CliRunner().invoke(cli, ["--root", str(repo_copy), "cut", "04", str(path), "--visuals", "cues"])
    assert result.exit_code == 0, result.output
    folder = repo_copy / "build" / "site" / "videos"
    record = json.loads((folder / f"{key}.cut.json").read_text())
    laid = record["cues"]
    assert laid and {c["kind"] for c in laid} == {"animation"}, laid
    times, size = _frame_times(folder / f"{key}.mp4")
    inside = {}
    for n, span in enumerate(laid):
        during = [t for t in times if span["start"] + 0.2 <= t <= span["end"] - 0.2]
        assert during
        inside[n] = during[:: max(1, len(during) // 8)]
    outside = [t for t in times if not any(c["start"] - 0.05 <= t <= c["end"] + 0.05 for c in laid)]
    outside = outside[:: max(1, len(outside) // 50)]
    frames = _frames(folder / f"{key}.mp4", {*outside, *(t for ts in inside.values() for t in ts)})
    for n, span in enumerate(laid):
        for t in inside[n]:
            scene = _picture(repo_copy / span["picture"], t - span["start"], size)
            assert np.abs(frames[t] - scene).mean() < 12, f"at {t:.2f} s the scene is not shown"
    for t in outside:  # elsewhere, the capture at its moment of the take
        assert abs(takes.read_clock(frames[t]) - to_take(record["kept"], t)) <= 1 / FPS + 2e-3
    assert record["picture"] == "the take's own, cues from the build"


def test_an_audio_only_take_without_built_visuals_names_the_make_command(course, take, tmp_path):
    """The short course has never been built: its cue visuals are missing, and nothing long starts."""
    spoken, _ = take
    voice = takes.save(spoken, tmp_path / "voice.wav")
    copy = tmp_path / "course"
    shutil.copytree(course, copy, ignore=shutil.ignore_patterns("build"))
    result = run(copy, "01", voice)
    assert result.exit_code == 1, result.output
    assert "make S=01" in result.output and f"scripts/{KEY}.md:" in result.output, result.output
    assert "heard" not in result.output, "the take is not recognised before the visuals are found missing"
    assert not outputs(copy)["mp4"].exists()
