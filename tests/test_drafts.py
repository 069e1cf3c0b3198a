"""The draft videos as `make` built them: real files, read back with PyAV and compared with what they show.

Every section has a draft; its streams, length, sound, pictures and captions are checked against the
timeline and against the sources: a slide frame against Chromium's own screenshot of that slide, an
editor frame against its text (kept beside its PNG), an animation frame against the scene's own frame at that offset.
"""

from __future__ import annotations

import html
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import webvtt
from conftest import ROOT, SECTIONS, make

from coursekit.course import cells as cells_mod
from coursekit.course.script import parse
from coursekit.course.targets import resolve_cue
from coursekit.video.stills import SHOWN_READY, STILL_DECK_JS

KEYS = [s.key for s in SECTIONS]


def keys_with(marker: str, cell: bool = False) -> list[str]:
    """Sections whose script has a cue with ``marker`` (pointing at a cell, when ``cell``)."""
    return [s.key for s in SECTIONS if any(c.marker == marker and (not cell or "#" in (c.link.target if c.link else ""))
                                           for c in parse(s.script).cues)]


def timeline(site: Path, key: str) -> dict:
    path = site / "drafts" / f"{key}.json"
    assert path.exists(), f"no draft timeline for {key}: run `make drafts`"
    return json.loads(path.read_text(encoding="utf-8"))


def frame_at(mp4: Path, t: float, size: tuple[int, int] | None = None) -> np.ndarray:
    """The frame on screen at ``t`` seconds (the last one that starts at or before it), as RGB."""
    import av

    with av.open(str(mp4)) as c:
        c.seek(int(max(0.0, t - 3) * 1_000_000), backward=True, any_frame=False)
        best = None
        for frame in c.decode(video=0):
            if frame.time > t + 1e-6:
                break
            best = frame
        assert best is not None, f"no frame at {t} s in {mp4}"
        if size:
            best = best.reformat(size[0], size[1])
        return best.to_ndarray(format="rgb24").astype(np.int16)


def differ(a: np.ndarray, b: np.ndarray) -> float:
    """Mean absolute difference per channel, 0..255."""
    return float(np.abs(a - b).mean())


def ink_overlap(a: np.ndarray, b: np.ndarray, reach: int = 2) -> float:
    """How much of each picture's ink (pixels away from its background colour) has ink in the other within
    ``reach`` pixels, the smaller share of the two, 0..1. Unlike a pixel difference it shrugs off the
    sub-pixel layout of a thin table rule landing one row lower, and still tells one slide from another."""
    def ink(x):
        return np.abs(x - np.median(x.reshape(-1, 3), axis=0)).sum(axis=2) > 90

    def near(mask):
        grown = mask.copy()
        for dy in range(-reach, reach + 1):
            for dx in range(-reach, reach + 1):
                grown |= np.roll(np.roll(mask, dy, 0), dx, 1)
        return grown

    ia, ib = ink(a), ink(b)
    return float(min((ia & near(ib)).sum() / max(ia.sum(), 1), (ib & near(ia)).sum() / max(ib.sum(), 1)))


def seconds(stamp: str) -> float:
    h, m, s = stamp.split(":")
    return int(h) * 3600 + int(m) * 60 + float(s)


def mid(start: float, end: float) -> float:
    return (start + end) / 2


@pytest.mark.parametrize("key", KEYS)
def test_draft_streams_and_length(site, key):
    import av

    data = timeline(site, key)
    with av.open(str(site / "drafts" / f"{key}.mp4")) as c:
        video = [s for s in c.streams if s.type == "video"]
        audio = [s for s in c.streams if s.type == "audio"]
        assert len(video) == 1 and len(audio) == 1
        assert video[0].codec_context.name == "h264" and audio[0].codec_context.name == "aac"
        width = {"preview": 1280, "high": 1920}[data["quality"]]
        assert (video[0].width, video[0].height) == (width, width * 9 // 16)
        frame = 1 / 15
        for stream in (video[0], audio[0]):
            assert abs(float(stream.duration * stream.time_base) - data["duration"]) < frame, stream
    assert 60 < data["duration"] < 20 * 60


@pytest.mark.parametrize("key", KEYS)
def test_narration_is_heard_where_the_timeline_says(site, key):
    import av

    data = timeline(site, key)
    with av.open(str(site / "drafts" / f"{key}.mp4")) as c:
        rate = c.streams.audio[0].rate
        samples = np.concatenate([f.to_ndarray().reshape(-1) for f in c.decode(audio=0)])
    def rms(a, b):
        part = samples[int(a * rate):int(b * rate)]
        return float(np.sqrt(np.mean(part.astype(np.float64) ** 2))) if len(part) else 0.0
    loud = [rms(s["start"], s["end"]) for s in data["sentences"]]
    assert min(loud) > 0.01, "a sentence of the timeline is silent in the audio"
    gaps = [(a["end"] + 0.08, b["start"] - 0.08) for a, b in zip(data["sentences"], data["sentences"][1:])
            if b["start"] - a["end"] > 0.5]
    assert gaps and max(rms(a, b) for a, b in gaps) < min(loud) / 5, "the pauses between sentences are not quiet"


@pytest.mark.parametrize("key", KEYS)
def test_timeline_follows_the_script(site, key):
    section = next(s for s in SECTIONS if s.key == key)
    script = parse(section.script, f"scripts/{key}.md")
    data = timeline(site, key)
    assert [(c["line"], c["marker"]) for c in data["cues"]] == [(c.line, c.marker) for c in script.cues]
    for cue, c in zip(script.cues, data["cues"]):
        target = resolve_cue(cue, section.script, ROOT)
        assert c["target"] == (target.ref if target else "")
    starts = [s["start"] for s in data["segments"]]
    assert starts == sorted(starts) and data["segments"][-1]["end"] == data["duration"]
    for a, b in zip(data["segments"], data["segments"][1:]):
        assert a["end"] == b["start"]
    times = [(s["start"], s["end"]) for s in data["sentences"]]
    assert all(a[1] <= b[0] for a, b in zip(times, times[1:])), "sentences overlap"
    spoken = " ".join(s["text"] for s in data["sentences"]).split()
    written = " ".join(t for seg in script.segments for t in seg.narration).split()
    assert spoken == written, "the draft must say every narration word, in order"


@pytest.mark.parametrize("key", KEYS)
def test_captions_obey_the_limits_and_hold_the_narration(site, key):
    data = timeline(site, key)
    captions = list(webvtt.read(str(site / "drafts" / f"{key}.vtt")))
    assert captions
    previous_end = 0.0
    for c in captions:
        lines = c.text.split("\n")
        assert len(lines) <= 2 and all(len(line) <= 42 for line in lines), c.text
        start, end = seconds(c.start), seconds(c.end)
        assert start >= previous_end - 1e-3, f"overlap at {c.start}"
        assert end > start
        previous_end = end
    said = " ".join(html.unescape(c.text) for c in captions).split()
    assert said == " ".join(s["text"] for s in data["sentences"]).split()
    chapters = list(webvtt.read(str(site / "drafts" / f"{key}.chapters.vtt")))
    assert [c.text for c in chapters] == [s["title"] for s in data["segments"]]


@pytest.mark.parametrize("key", keys_with("SHOW IN VS CODE", cell=True))
def test_a_vscode_frame_shows_the_cued_cell_and_then_its_output(site, key):
    data = timeline(site, key)
    cues = [c for c in data["cues"] if c["marker"] == "SHOW IN VS CODE" and "#" in c["target"]]
    assert cues
    runs = json.loads((ROOT / "build" / "timings" / f"{key}.json").read_text())
    mp4 = site / "drafts" / f"{key}.mp4"
    for cue in cues[:3]:
        path, _, title = cue["target"].partition("#")
        cell = next(c for c in cells_mod.parse(ROOT / path) if c.title == title)
        code, output = cue["pictures"][0], cue["pictures"][-1]
        source = (ROOT / code["source"]).read_text()  # the frame's text, kept beside its PNG
        for line in cell.source.splitlines():
            if line.strip():
                assert line.strip() in source, f"{cue['target']}: line {line!r} is not in the editor frame"
        printed = next(c for c in runs[path]["cells"] if c["title"] == title).get("output", "")
        out_source = (ROOT / output["source"]).read_text()
        for line in printed.strip().splitlines()[-3:]:
            assert line.strip() in out_source, f"{cue['target']}: its output {line!r} is not shown"
        for picture in (code, output):
            from PIL import Image

            still = np.asarray(Image.open(ROOT / picture["png"]).convert("RGB")).astype(np.int16)
            shown = frame_at(mp4, mid(picture["start"], picture["end"]), (still.shape[1], still.shape[0]))
            assert differ(shown, still) < 6, f"{cue['target']}: the video does not show its editor frame"


@pytest.mark.parametrize("key", keys_with("SHOW ANIMATION"))
def test_an_animation_frame_is_the_scenes_own_frame(site, key):
    data = timeline(site, key)
    cues = [c for c in data["cues"] if c["marker"] == "SHOW ANIMATION"]
    assert cues
    mp4 = site / "drafts" / f"{key}.mp4"
    manifests = {p.stem: json.loads(p.read_text())["scenes"] for p in (site / "animations").glob("*.json")}
    for cue in cues:
        path, _, scene = cue["target"].partition("#")
        entry = manifests[Path(path).stem][f"{Path(path).stem}/{scene}"]
        offset = min(entry["duration"] * 0.6, cue["end"] - cue["start"] - 0.2)
        own = frame_at(site / "animations" / entry["mp4"], offset, (1280, 720))
        drafted = frame_at(mp4, cue["start"] + offset, (1280, 720))
        other = frame_at(site / "animations" / entry["mp4"], 0.0, (1280, 720))
        assert differ(drafted, own) < 6, f"{scene} at {offset:.1f} s differs from the scene's own frame"
        assert differ(drafted, own) < differ(drafted, other) or differ(own, other) < 1


@pytest.mark.browser
@pytest.mark.parametrize("key", KEYS)
def test_a_slide_frame_matches_chromiums_screenshot_of_that_slide(site, key, browser):
    data = timeline(site, key)
    cues = [c for c in data["cues"] if c["marker"] == "SHOW ON SLIDES"]
    assert cues, f"{key} has no slide cue"
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    mp4 = site / "drafts" / f"{key}.mp4"
    for cue in (cues[0], cues[len(cues) // 2], cues[-1]):
        slide_id = cue["target"].partition("#")[2]
        page = context.new_page()  # a fresh load each time: a hash change alone re-typesets the formulas later
        page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file://") else r.abort())
        page.goto((site / "decks" / f"{key}.html").as_uri() + f"#/{slide_id}")
        page.wait_for_selector(".reveal.ready", timeout=60000)
        page.wait_for_function("() => !window.MathJax || !MathJax.Hub || (MathJax.isReady && "
                               "MathJax.Hub.queue.pending === 0 && !MathJax.Hub.queue.running)", timeout=60000)
        page.wait_for_function("() => document.fonts.status === 'loaded'", timeout=60000)
        page.evaluate(STILL_DECK_JS)  # no controls and no transitions: the slide as the still shows it, at rest
        page.evaluate(SHOWN_READY)
        from PIL import Image

        shot = np.asarray(Image.open(io.BytesIO(page.screenshot())).convert("RGB")).astype(np.int16)
        last = cue["pictures"][-1]  # every fragment shown, as the screenshot has them
        shown = frame_at(mp4, mid(last["start"], last["end"]), (1280, 720))
        overlap = ink_overlap(shown, shot)
        assert overlap > 0.9, f"{key}: the frame at slide '{slide_id}' is not that slide ({overlap:.0%} of its ink)"
        assert differ(shown, shot) < 12, f"{key}: the frame at slide '{slide_id}' is not in that slide's colours"
        for other in cues:
            if other["target"] != cue["target"]:  # another slide's frame must not pass for this one
                elsewhere = frame_at(mp4, mid(other["pictures"][-1]["start"], other["pictures"][-1]["end"]), (1280, 720))
                assert ink_overlap(elsewhere, shot) < overlap, "the comparison cannot tell slides apart"
                break
    context.close()


def test_site_pages_offer_the_draft_with_its_captions(site):
    for key in KEYS:
        page = (site / "scripts" / f"{key}.html").read_text(encoding="utf-8")
        assert f'src="../drafts/{key}.mp4"' in page and f'kind="captions"' in page
        assert f'href="../drafts/{key}.vtt"' in page
        assert "autoplay" not in page
    course = json.loads((ROOT / "build" / "course.json").read_text())
    for row in course["sections"]:
        assert row["draft_seconds"] == timeline(site, row["key"])["duration"]


@pytest.mark.browser
def test_the_captions_track_loads_from_file_urls(site, offline):
    key = KEYS[0]
    page = offline.open(site / "scripts" / f"{key}.html")
    assert page.locator("video[autoplay]").count() == 0
    cues = page.wait_for_function("""() => { const t = document.querySelector('video').textTracks;
        const c = [...t].find(x => x.kind === 'captions'); c.mode = 'showing';
        return c.cues && c.cues.length; }""", timeout=60000).json_value()
    expected = len(list(webvtt.read(str(site / "drafts" / f"{key}.vtt"))))
    assert cues == expected
    assert offline.errors == [] and offline.blocked == []


@pytest.mark.slow
def test_one_sentence_edit_resynthesizes_that_sentence_and_reencodes_less_than_a_forced_build(repo_copy):
    section = min(SECTIONS, key=lambda s: timeline(repo_copy / "build" / "site", s.key)["duration"])
    script = repo_copy / "scripts" / f"{section.key}.md"
    data = timeline(repo_copy / "build" / "site", section.key)
    sentence = data["sentences"][len(data["sentences"]) // 2]
    text = script.read_text(encoding="utf-8")
    assert sentence["text"].rstrip(".") in text
    script.write_text(text.replace(sentence["text"].rstrip("."),
                                   sentence["text"].rstrip(".") + ", and that is all", 1), encoding="utf-8")
    before = (repo_copy / "build/site/drafts" / f"{section.key}.mp4").stat().st_mtime
    output = make(repo_copy, "drafts", f"S={section.key[:2]}")
    found = re.search(r"(\d+) sentences \((\d+) synthesized\), (\d+) shots \((\d+) encoded\)", output)
    assert found, output
    sentences, synthesized, shots, encoded = map(int, found.groups())
    assert synthesized == 1, output
    assert 1 <= encoded <= 2 < shots, output  # the shot it lengthens (or the two halves of a VS Code cue)
    assert (repo_copy / "build/site/drafts" / f"{section.key}.mp4").stat().st_mtime > before
    assert timeline(repo_copy / "build" / "site", section.key)["duration"] > data["duration"]
    assert "-m coursekit drafts" not in make(repo_copy, "drafts", f"S={section.key[:2]}")  # and then nothing
    forced = subprocess.run([sys.executable, "-m", "coursekit", "drafts", section.key, "--force"], cwd=repo_copy,
                            capture_output=True, text=True, timeout=600)
    counts = re.search(r"(\d+) sentences \((\d+) synthesized\), (\d+) shots \((\d+) encoded\)", forced.stdout)
    assert forced.returncode == 0 and counts, forced.stdout + forced.stderr
    f_sentences, f_synthesized, f_shots, f_encoded = map(int, counts.groups())
    assert f_synthesized == f_sentences and f_encoded == f_shots  # --force ignores every cache
    assert encoded < f_encoded and synthesized < f_synthesized


@pytest.mark.slow
def test_a_scene_description_edit_writes_it_into_the_deck_and_keeps_the_same_draft_video(repo_copy):
    """The scene renders to the same video, so the deck takes the new words in place and the draft, whose pictures
    and words did not change, keeps its MP4; a damaged MP4 is joined again, to the same file."""
    decks = [(s.key, repo_copy / "build/site/decks" / f"{s.key}.html") for s in SECTIONS]
    key, scene = next((k, m[1]) for k, deck in decks if deck.exists()
                      for m in [re.search(r'id="describe-(\w+)"', deck.read_text(encoding="utf-8"))] if m)
    source = repo_copy / "animations" / f"{key}.py"
    head, _, body = source.read_text(encoding="utf-8").partition(f"class {scene}(")
    source.write_text(f'{head}class {scene}({body.replace(chr(34) * 3, chr(34) * 3 + "Shown once, slowly. ", 1)}',
                      encoding="utf-8")
    draft = repo_copy / "build/site/drafts" / f"{key}.mp4"
    before = draft.read_bytes()
    output = make(repo_copy, f"S={key[:2]}")
    assert f"deck {key}: 1 video description(s) changed, written into the built deck" in output, output
    assert re.search(rf"drafts {key}: .* \(0 encoded\), sound reused, the same video as before, kept", output), output
    assert "Shown once, slowly." in (repo_copy / "build/site/decks" / f"{key}.html").read_text(encoding="utf-8")
    assert draft.read_bytes() == before
    assert "-m coursekit" not in make(repo_copy, f"S={key[:2]}")  # and then nothing: the kept video is current
    draft.write_bytes(before[: len(before) // 2])  # damaged, then the description edited again
    edited = source.read_text(encoding="utf-8").replace("Shown once, slowly.", "Shown twice.")
    source.write_text(edited, encoding="utf-8")
    output = make(repo_copy, f"S={key[:2]}")
    assert re.search(rf"drafts {key}: .* \(0 encoded\), sound reused, joined", output), output
    assert draft.read_bytes() == before


# --- bad input: a clear message naming the file and line, and the previous draft left whole ---------------

def test_a_missing_voice_engine_is_reported_with_its_install_command():
    from coursekit.course.problems import CourseError
    from coursekit.video.speech import Voice

    with pytest.raises(CourseError) as err:
        Voice(command=("no-such-voice-engine", "{text}"), install="apt-get install no-such-voice-engine").check()
    assert "apt-get install no-such-voice-engine" in str(err.value.problems[0])
    with pytest.raises(CourseError, match="apt-get install espeak-ng"):
        Voice(command=("espeak-ng-missing",) + Voice().command[1:], install=Voice().install).check()


def test_a_sentence_with_nothing_to_say_names_its_line():
    from coursekit.course.lexicon import Lexicon
    from coursekit.course.problems import CourseError
    from coursekit.course.script import parse_text
    from coursekit.video.drafts import narration

    script = parse_text("# T\n\n## S\n\nWords first.\n\n... --- ...\n", "scripts/09_x.md")
    with pytest.raises(CourseError) as err:
        narration(script, Lexicon())
    assert (err.value.problems[0].path, err.value.problems[0].line) == ("scripts/09_x.md", 7)


@pytest.mark.slow
def test_unbuilt_deck_and_interrupted_draft(repo_copy, monkeypatch):
    import subprocess
    import sys

    from coursekit.video import encoding as video
    from coursekit.video.drafts import build_draft

    section = next(s for s in SECTIONS if s.slides.is_file())
    drafts_dir = repo_copy / "build" / "site" / "drafts"
    mp4 = drafts_dir / f"{section.key}.mp4"
    good = mp4.read_bytes()

    # An interrupt while the video is being written leaves the previous one whole, and no partial file.
    (repo_copy / "build" / "stamps" / "drafts" / f"{section.key}.json").unlink()
    # (the picture's packets: the narration may come whole from the sound cache)
    real = video._video_packets
    written = []

    def interrupted(*args):
        for n, item in enumerate(real(*args)):
            if n == 50:
                raise KeyboardInterrupt
            written.append(n)
            yield item
    monkeypatch.setattr(video, "_video_packets", interrupted)
    copied = next(s for s in __import__("coursekit.course.sections", fromlist=["discover"]).discover(repo_copy)[0]
                  if s.key == section.key)
    with pytest.raises(KeyboardInterrupt):
        build_draft(copied, repo_copy, echo=lambda *_: None)
    assert len(written) == 50
    assert mp4.read_bytes() == good
    assert not list(drafts_dir.glob(".*.part"))

    # A deck that is not built: the cue's script line and the command that builds it.
    (repo_copy / "build" / "site" / "decks" / f"{section.key}.html").unlink()
    run = subprocess.run([sys.executable, "-m", "coursekit", "drafts", section.key], cwd=repo_copy,
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 1
    first_slide_cue = next(c for c in parse(section.script).cues if c.kind == "slides")
    assert f"scripts/{section.key}.md:{first_slide_cue.line}:" in run.stderr
    assert f"make slides S={section.key[:2]}" in run.stderr
    assert mp4.read_bytes() == good


def _slide_stills(site: Path) -> list[tuple[str, str, Path]]:
    """(section, slide id, PNG) of every slide still of every draft, each once."""
    seen, found = set(), []
    for key in KEYS:
        for cue in timeline(site, key)["cues"]:
            if cue["marker"] != "SHOW ON SLIDES":
                continue
            for picture in cue["pictures"]:
                png = ROOT / picture["png"]
                if png not in seen:
                    seen.add(png)
                    found.append((key, cue["target"].partition("#")[2], png))
    return found


# The present slide's videos with their player taken away and fully loaded (their first frame decoded, so nothing
# is left to fetch): each then shows its poster and nothing over it, as a still of the slide must. Their boxes.
VIDEOS_AT_REST = """async () => {
  const slide = document.querySelector('.reveal .slides section.present section.present')
             || document.querySelector('.reveal .slides section.present');
  const videos = [...slide.querySelectorAll('video')];
  videos.forEach(v => { v.removeAttribute('controls'); v.preload = 'auto'; });
  await Promise.all(videos.map(v => v.readyState >= 2 ? null : new Promise(done => {
    v.addEventListener('loadeddata', done, {once: true}); v.load(); })));
  await document.fonts.ready;
  await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  return videos.map(v => { const b = v.getBoundingClientRect(); return [b.x, b.y, b.width, b.height]; });
}"""


def poster_mismatch(still: np.ndarray, rest: np.ndarray, box, reach: int = 1) -> dict[str, float]:
    """The share of pixels where a still differs from the slide at rest, in the two places a player draws over a
    poster: the strip of controls along the video's foot, and the middle, where its loading spinner turns (a
    thin dark ring, which a mean difference would hide). A pixel differs when no pixel of the slide at rest
    within ``reach`` has its colour (a channel off by more than 24): the two layouts may round a pixel apart."""
    x, y, w, h = (round(v) for v in box)
    shown = still[y:y + h, x:x + w]
    nearest = np.full(shown.shape[:2], 255, dtype=np.int16)
    for dy in range(-reach, reach + 1):
        for dx in range(-reach, reach + 1):
            nearest = np.minimum(nearest, np.abs(shown - rest[y + dy:y + dy + h, x + dx:x + dx + w]).max(axis=2))
    off = nearest > 24
    return {"controls": float(off[h * 85 // 100:h - 3, 3:w - 3].mean()),
            "spinner": float(off[h // 2 - 40:h // 2 + 40, w // 2 - 40:w // 2 + 40].mean())}  # its 80 px middle


def check_slide_still(page, site: Path, key: str, slide_id: str, png: Path, load: bool = True) -> tuple[int, list[str]]:
    """How many videos the slide shows, and what is wrong with its still (controls or a spinner on a poster).
    ``load``: open the deck first (else it is open, as a draft steps from slide to slide of one deck)."""
    from PIL import Image

    from coursekit.video.stills import MATHJAX_DONE, MATHJAX_WATCH, SHOW_SLIDE_JS

    if load:
        page.goto((site / "decks" / f"{key}.html").as_uri())
        page.wait_for_selector(".reveal.ready", timeout=60000)
        page.evaluate(STILL_DECK_JS)
        page.evaluate(MATHJAX_WATCH)
    page.evaluate(SHOW_SLIDE_JS, [slide_id, 99])
    page.wait_for_function(MATHJAX_DONE, timeout=60000)  # a formula above a video moves it
    page.wait_for_function("() => document.fonts.status === 'loaded'", timeout=60000)
    boxes = page.evaluate(VIDEOS_AT_REST)
    if not boxes:
        return 0, []
    rest = np.asarray(Image.open(io.BytesIO(page.screenshot())).convert("RGB")).astype(np.int16)
    still = Image.open(png).convert("RGB")
    still = np.asarray(still.resize((1280, 720), Image.LANCZOS) if still.size != (1280, 720) else still).astype(np.int16)
    problems = []
    for box in boxes:
        for name, value in poster_mismatch(still, rest, box).items():
            if value > 0.02:
                problems.append(f"{key} '{slide_id}' ({png.name}): the video's {name} area is not its poster "
                                f"in {value:.1%} of its pixels")
    return len(boxes), problems


@pytest.mark.browser
def test_every_slide_still_shows_a_video_as_its_poster_without_controls_or_spinner(site, browser):
    """A still waits for what it shows: a slide that carries an animation shows the animation's poster, not the
    player's controls or its loading spinner over it (10's overfitting slide once showed both)."""
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file://") else r.abort())
    videos, problems, open_deck = 0, [], None
    for key, slide_id, png in _slide_stills(site):  # each deck opened once, its slides in turn, as a draft does
        shown, wrong = check_slide_still(page, site, key, slide_id, png, load=key != open_deck)
        open_deck = key
        videos += shown
        problems += wrong
    context.close()
    assert videos, "no slide still shows a video: the check has nothing to look at"
    assert problems == [], "\n".join(problems)


def test_the_narration_is_encoded_once_for_its_samples_and_again_when_its_file_is_damaged(tmp_path):
    """A picture-only edit (a demo's output, a slide) reuses the encoded sound; a damaged file is not trusted."""
    import numpy as np

    from coursekit.video.encoding import encoded_sound

    rate = 22050
    tone = (np.sin(np.arange(rate * 3) / rate * 2 * np.pi * 440) * 8000).astype(np.int16)
    first, encoded = encoded_sound(tone, rate, tmp_path, "01_a")
    assert encoded and first.stat().st_size > 1000
    again, encoded = encoded_sound(tone, rate, tmp_path, "01_a")
    assert (again, encoded) == (first, False)
    first.write_bytes(first.read_bytes()[: first.stat().st_size // 3])  # an interrupted write, a bad disk
    repaired, encoded = encoded_sound(tone, rate, tmp_path, "01_a")
    assert encoded and repaired.stat().st_size > 1000
    longer, encoded = encoded_sound(np.concatenate([tone, tone]), rate, tmp_path, "01_a")
    assert encoded and longer != first
    assert sorted(tmp_path.glob("01_a-*.m4a")) == [longer]  # one file per section is kept


def test_a_demo_run_a_few_milliseconds_slower_moves_nothing_in_the_draft():
    """Run again, a cell takes a little more or less time: the draft's timeline, and so its sound, stays put."""
    from coursekit.course.lexicon import Lexicon
    from coursekit.course.script import parse
    from coursekit.video.drafts import lay_out, narration

    section = next(s for s in SECTIONS if s.demos)
    script = parse(section.script, f"scripts/{section.key}.md")
    spoken = narration(script, Lexicon.load(ROOT))
    seconds = [1.0 + len(s.spoken) / 15 for s in spoken]
    cells = [c for c in script.cues if c.kind == "vscode"]
    assert cells

    def times(run: float) -> list[float]:
        plan = lay_out(script, spoken, seconds, {}, {}, {c.line: run for c in cells})
        return [s.start for s in plan.sentences]

    assert times(0.31) == times(0.304) == times(0.318)  # jitter
    assert times(1.3) != times(0.3)  # a cell that really runs a second longer is waited for


def test_a_slide_still_is_not_redrawn_when_only_the_code_below_it_changes(site, tmp_path):
    """A demo edit changes a code sub-slide of the deck; the slide above it looks the same, so its still stays."""
    from coursekit.video.stills import slide_looks

    section = next(s for s in SECTIONS if s.slides.is_file() and s.demos)
    html = (site / "decks" / f"{section.key}.html").read_text(encoding="utf-8")
    code = re.search(r'(<section class="course-code" id="code-[^"]+".*?<pre>)', html, re.S)
    assert code, "the deck has no code sub-slide"
    for entry in site.iterdir():  # the copies are read beside the site's other folders, as the deck is
        if entry.name != "decks":
            (tmp_path / entry.name).symlink_to(entry)
    edited, moved = tmp_path / "decks" / "edited.html", tmp_path / "decks" / "moved.html"
    edited.parent.mkdir()
    edited.write_text(html.replace(code[1], code[1] + "# an edit in the demo\n", 1), encoding="utf-8")
    title = re.search(r'<section id="([^"]+)"', html)[1]
    moved.write_text(html.replace(f'<section id="{title}"', f'<section id="{title}" data-edited="1"', 1),
                     encoding="utf-8")
    before = slide_looks(site / "decks" / f"{section.key}.html")
    assert before and not any(k.startswith("code-") for k in before)
    assert slide_looks(edited) == before
    assert slide_looks(moved)[title] != before[title]  # what the slide itself shows still counts
