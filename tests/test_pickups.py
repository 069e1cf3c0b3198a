"""Pickups: after a script edit, only the changed sentences are recorded again and spliced into the video.

A screen-recorded take of a short section (its picture a clock of the take's time, takes.screen_recording) is
locked with `coursekit recorded`. Then one sentence is changed, one added and one removed. The pickup says the
changed sentence (read into from the sentence before it) and the added one, recorded on another day: 8 dB
quieter, over a noisier room. Every check reads the finished video back: its words through the aligner, its
loudness with pyloudnorm, its picture through the clock.
"""

from __future__ import annotations

import json
from pathlib import Path

import fixture_takes
import numpy as np
import pytest
import webvtt
from click.testing import CliRunner

from coursekit.cli import cli
from coursekit.course.lexicon import Lexicon
from coursekit.course.sections import discover
from coursekit.video import splice, takes
from coursekit.video.alignment import align_take, listened_for
from coursekit.video.changes import current_narration, plans

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("pickups")]

ROOT = Path(__file__).resolve().parent.parent
KEY = "01_short"
FPS = 30
CHANGED = ("Autograd tracks only the tensors we mark with requires_grad equal to True.",
           "Autograd follows just the tensors we flag, by setting requires_grad to True.")
ADDED_AFTER = "Training needs the gradient of the loss with respect to every parameter."
ADDED = "For a large model that is millions of numbers."
REMOVED = "Its grad_fn is SumBackward0."
BEFORE_CHANGED = "Autograd applies it for us: we write the forward pass, and PyTorch derives the backward pass."


def run(course: Path, *args) -> object:
    return CliRunner().invoke(cli, ["--root", str(course), *map(str, args)])


def outputs(course: Path) -> dict[str, Path]:
    folder = course / "build" / "site" / "videos"
    return {ext: folder / f"{KEY}.{ext}" for ext in ("mp4", "vtt", "srt", "chapters.txt", "cut.json", "otio")}


@pytest.fixture(scope="module")
def course(tmp_path_factory) -> Path:
    """Section 06's script up to "The tape": 11 sentences."""
    return fixture_takes.short_course(ROOT, tmp_path_factory.mktemp("course"), "06_autograd", "The tape")


@pytest.fixture(scope="module")
def speech(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("speech")


@pytest.fixture(scope="module")
def take(course, speech, tmp_path_factory) -> Path:
    spoken = takes.speak(course, KEY, speech, gap=0.7)
    return takes.screen_recording(spoken, tmp_path_factory.mktemp("take") / "take.mp4", fps=FPS)


@pytest.fixture(scope="module")
def edited(course, take) -> dict:
    """The take locked, then the script edited: one sentence changed, one added, one removed."""
    result = run(course, "recorded", "01", "--take", take)
    assert result.exit_code == 0, result.output
    script = course / "scripts" / f"{KEY}.md"
    text = script.read_text(encoding="utf-8")
    for old, new in (CHANGED, (ADDED_AFTER, f"{ADDED_AFTER} {ADDED}"), (f" {REMOVED}", "")):
        assert old in text
        text = text.replace(old, new)
    script.write_text(text, encoding="utf-8")
    lines = text.splitlines()
    return {"text": text, "line": {s: next(n for n, row in enumerate(lines, 1) if s in row)
                                   for s in (CHANGED[1], ADDED, ADDED_AFTER)}}


@pytest.fixture(scope="module")
def pickup(course, speech, edited, tmp_path_factory) -> Path:
    said = takes.say(course, [BEFORE_CHANGED, CHANGED[1], ADDED], speech, gap=0.8, gain=0.4, noise=12.0)
    return takes.save(said, tmp_path_factory.mktemp("pickup") / "pickup.wav")


@pytest.fixture(scope="module")
def made(course, take, pickup) -> dict:
    result = run(course, "cut", "01", take, "--pickup", pickup)
    assert result.exit_code == 0, result.output
    paths = outputs(course)
    return {"output": result.output, "paths": paths, "record": json.loads(paths["cut.json"].read_text())}


def now_sentences(course: Path) -> list[str]:
    section = discover(course)[0][0]
    return [s.text for s in current_narration(section, course)[0]]


def test_status_lists_exactly_the_three_changes_by_line(course, edited):
    output = run(course, "status", "01").output
    listed = [row.strip() for row in output.splitlines() if row.strip().startswith(f"scripts/{KEY}.md:")]
    line = edited["line"]
    assert listed[0] == f"scripts/{KEY}.md:{line[ADDED]}: added: {ADDED!r}", output  # in script order
    assert listed[1] == f"scripts/{KEY}.md:{line[CHANGED[1]]}: changed: {CHANGED[0]!r} -> {CHANGED[1]!r}"
    assert listed[2].endswith(f": removed: {REMOVED!r}") and len(listed) == 3, output


@pytest.mark.browser
def test_the_pickup_teleprompter_shows_exactly_those_sentences_with_their_neighbours(course, edited, site, offline,
                                                                                     tmp_path):
    from test_accessibility import violations

    from coursekit.site import pages, pickups

    section = discover(course)[0][0]
    html = pickups.build_page(section, course, pages.env())
    page_path = tmp_path / "prompter" / f"{KEY}.pickups.html"
    page_path.parent.mkdir()
    page_path.write_text(html, encoding="utf-8")
    (tmp_path / "assets").symlink_to(site / "assets")
    page = offline.open(page_path)
    say = page.locator(".say").evaluate_all("ps => ps.map(p => p.firstChild.textContent.trim())")
    assert say == [ADDED, CHANGED[1]]
    groups = page.locator("section.pickup")
    assert groups.count() == 2
    assert groups.nth(0).locator(".context.before").inner_text() == ADDED_AFTER
    assert groups.nth(1).locator(".context.before").inner_text() == BEFORE_CHANGED
    assert groups.nth(1).locator(".was").inner_text() == f"was: {CHANGED[0]}"
    assert f"line {edited['line'][CHANGED[1]]}" in groups.nth(1).locator("h2").inner_text()
    assert page.locator(".removed .was").inner_text() == REMOVED
    # the pace of the take around each: words a minute measured in the take, and seconds for the sentence
    assert "words a minute" in groups.nth(0).locator("h2").inner_text()
    seconds = float(groups.nth(0).locator(".say small").inner_text().split()[1])
    assert 1.0 < seconds < 6.0
    assert violations(page, page_path.name) == []
    assert offline.blocked == []


def test_the_video_says_the_script_as_it_is_now(course, made):
    """The finished video, aligned against the script now, has every sentence once and nothing else."""
    record = made["record"]
    assert [s["text"] for s in record["sentences"]] == now_sentences(course)
    assert {(c["kind"], c["now"] or c["then"]) for c in record["changes"]} == {
        ("changed", CHANGED[1]), ("added", ADDED), ("removed", REMOVED)}
    section = discover(course)[0][0]
    lexicon = Lexicon.load(course)
    now, titles, _ = current_narration(section, course)
    result = align_take(section, course, made["paths"]["mp4"], lambda *_: None,
                        script=(listened_for(plans(now, lexicon), lexicon), titles))
    assert [s.status for s in result.sentences] == ["aligned"] * len(now), \
        [s.text for s in result.sentences if s.status != "aligned"]
    assert result.unscripted == [], f"the old wording or the pickup's lead-in is still heard: {result.unscripted}"
    starts = [s.start for s in result.sentences]
    assert starts == sorted(starts)


def test_captions_follow_the_new_script(course, made):
    text = " ".join(c.text.replace("\n", " ") for c in webvtt.read(str(made["paths"]["vtt"])))
    assert " ".join(now_sentences(course)) == text
    assert CHANGED[0] not in text and REMOVED not in text


def _splices(record: dict) -> list[float]:
    """Video times where a pickup's group of pieces begins or ends."""
    kept = record["kept"]
    return [p["at"] for a, p in zip(kept, kept[1:]) if (a.get("kind", "take") == "take") != (p.get("kind", "take") == "take")]


def test_the_loudness_on_the_two_sides_of_every_splice_differs_by_less_than_2_lu(made):
    import pyloudnorm

    record = made["record"]
    sound = splice.read(made["paths"]["mp4"], "video").audio.astype(np.float64)
    meter = pyloudnorm.Meter(splice.RATE)
    rate = splice.RATE
    splices = _splices(record)
    assert len(splices) >= 4, record["kept"]
    assert record["pickups"][0]["gain_db"] > 6, "the pickup was quieter and was brought up to the take"
    for t in splices:
        before = meter.integrated_loudness(sound[max(0, int((t - 3) * rate)): int(t * rate)])
        after = meter.integrated_loudness(sound[int(t * rate): int((t + 3) * rate)])
        assert abs(before - after) < 2, f"at {t:.2f} s: {before:.1f} LUFS before, {after:.1f} after"


def test_no_click_at_a_splice_and_the_gaps_are_the_takes_own_room(made):
    record = made["record"]
    sound = splice.read(made["paths"]["mp4"], "video").audio.astype(np.float64)
    rate = splice.RATE
    for p in record["kept"][1:]:
        i = int(p["at"] * rate)
        step = np.max(np.abs(np.diff(sound[i - 240: i + 240])))
        calm = np.max(np.abs(np.diff(sound[i - 4800: i - 2400])))
        assert step <= max(2 * calm, 0.002), f"a click at {p['at']:.2f} s: step {step:.4f}, {calm:.4f} nearby"
    assert any(p.get("kind") == "room tone" for p in record["kept"]), "pauses around a pickup are the take's room"


def test_the_picture_under_a_pickup_is_the_takes_own_picture_of_that_place(made):
    import av

    record = made["record"]
    with av.open(str(made["paths"]["mp4"])) as container:
        frames = [(float(f.time), takes.read_clock(f.to_ndarray(format="rgb24")))
                  for f in container.decode(container.streams.video[0])]
    shown = [t for _, t in frames]
    assert all(b >= a - 1e-3 for a, b in zip(shown, shown[1:])), "the take's picture never runs backwards"
    for p in record["kept"]:
        if "shows" not in p:
            continue
        inside = [clock for t, clock in frames if p["at"] + 1e-3 < t < p["at"] + p["end"] - p["start"] - 1e-3]
        lo, hi = p["shows"]
        assert all(lo - 1 / FPS - 2e-3 <= clock <= hi + 2e-3 for clock in inside), (p, inside[:3], inside[-3:])


def test_the_timeline_puts_the_pickups_on_a_track_of_their_own(made, pickup):
    import opentimelineio as otio

    timeline = otio.adapters.read_from_file(str(made["paths"]["otio"]))
    tracks = {t.name: t for t in timeline.tracks}
    assert "A2 pickups" in tracks
    clips = [c for c in tracks["A2 pickups"] if isinstance(c, otio.schema.Clip)]
    assert any(c.media_reference.target_url == pickup.resolve().as_uri() for c in clips)
    assert tracks["A1 kept"].duration() == tracks["A2 pickups"].duration() == tracks["V1 kept"].duration()


@pytest.mark.parametrize("says, refused", [
    (["Welcome back."], {ADDED: "not in the pickup", CHANGED[1]: "not in the pickup"}),  # another sentence, by line
    ([CHANGED[0], ADDED], {CHANGED[1]: "says this sentence as it was"}),  # the old wording, read by habit
])
def test_a_pickup_of_the_wrong_words_is_refused_by_line_and_the_last_video_is_kept(course, take, speech, edited,
                                                                                  made, tmp_path, says, refused):
    kept = {ext: p.read_bytes() for ext, p in made["paths"].items()}
    wrong = takes.save(takes.say(course, says, speech), tmp_path / "wrong.wav")
    result = run(course, "cut", "01", take, "--pickup", wrong)
    assert result.exit_code == 1, result.output
    rows = [row for row in result.output.splitlines() if row.startswith(f"scripts/{KEY}.md:")]
    assert len(rows) == len(refused), result.output
    for (sentence, why), row in zip(refused.items(), rows):
        assert row.startswith(f"scripts/{KEY}.md:{edited['line'][sentence]}: ") and why in row, result.output
    assert "Traceback" not in result.output
    assert {ext: p.read_bytes() for ext, p in made["paths"].items()} == kept


def test_recorded_with_the_pickups_locks_the_new_state(course, take, pickup, made):
    result = run(course, "recorded", "01", "--take", take, "--pickup", pickup)
    assert result.exit_code == 0, result.output
    output = run(course, "status", "01").output
    assert "fresh" in output and "said differently" not in output, output
    lock = (course / "recordings.lock").read_text()
    assert "pickups = [{ file = \"pickup.wav\"" in lock
