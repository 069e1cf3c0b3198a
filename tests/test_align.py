"""`coursekit align`: captions from a take, tested on takes spoken from the script by espeak-ng, whose every
sentence's true start is known, written as WAV, MP4 (AAC) and WebM (Opus) at rates and layouts that need
converting. Nothing is mocked: PocketSphinx recognizes and aligns real audio."""

from __future__ import annotations

import hashlib
import html
import json
import re
import shutil
import tomllib
import wave
from pathlib import Path

import av
import fixture_takes
import numpy as np
import pytest
import webvtt
from click.testing import CliRunner
from conftest import SECTIONS
from hypothesis import given, settings
from hypothesis import strategies as st

from coursekit.cli import cli
from coursekit.course import script as script_mod
from coursekit.course.lexicon import Lexicon
from coursekit.video import captions, recognition, takes
from coursekit.video.speech import RATE

ROOT = Path(__file__).resolve().parent.parent
KEY = "01_short"
TOLERANCE = 0.5  # seconds: a caption this close to the words feels in sync
PHONES = set("AA AE AH AO AW AY B CH D DH EH ER EY F G HH IH IY JH K L M N NG OW OY P R S SH T TH UH UW V W Y Z ZH".split())


def run(course: Path, *args: str):
    return CliRunner().invoke(cli, ["--root", str(course), "align", *map(str, args)])


def outputs(course: Path) -> dict[str, Path]:
    folder = course / "build" / "site" / "captions"
    return {ext: folder / f"{KEY}.{ext}" for ext in ("vtt", "srt", "chapters.txt", "report.json")}


@pytest.fixture(scope="module")
def course(tmp_path_factory) -> Path:
    """Section 06's script up to "Backward walks the tape": 20 sentences, about two and a half minutes."""
    return fixture_takes.short_course(ROOT, tmp_path_factory.mktemp("course"), "06_autograd",
                                      "Backward walks the tape")


@pytest.fixture(scope="module")
def cache(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("speech")


def start_errors(report: dict, take: takes.Take) -> np.ndarray:
    found = {s["text"]: s for s in report["sentences"]}
    return np.array([abs(found[text]["start"] - start) if found[text]["status"] == "aligned" else np.inf
                     for text, start in take.starts.items()])


def check_captions(paths: dict[str, Path], course: Path) -> None:
    """The captions' limits, parsed by a real WebVTT and SRT reader, and the script's own words in order."""
    for reader in (webvtt.read(str(paths["vtt"])), webvtt.from_srt(str(paths["srt"]))):
        cues = list(reader)
        assert cues
        previous_end = 0.0
        for c in cues:
            lines = c.text.split("\n")
            assert len(lines) <= 2 and all(len(line) <= 42 for line in lines), c.text
            start, end = fixture_takes.seconds(c.start), fixture_takes.seconds(c.end)
            assert start >= previous_end - 1e-3, f"captions overlap at {c.start}"
            assert end - start >= 0.7 - 1e-3, f"{c.text!r} is on screen for {end - start:.2f} s"
            previous_end = end
    report = json.loads(paths["report.json"].read_text())
    shown = " ".join(html.unescape(c.text) for c in webvtt.read(str(paths["vtt"]))).split()
    assert shown == " ".join(s["text"] for s in report["sentences"] if s["status"] == "aligned").split()
    text = paths["vtt"].read_text()
    assert "requires_grad" in text and "grad_fn" in text, "code terms keep the script's spelling"


@pytest.mark.slow
def test_a_clean_take_aligns_every_sentence(course, cache, tmp_path):
    take = takes.speak(course, KEY, cache)
    path = takes.save(take, tmp_path / "take.wav", rate=44100, layout="stereo")
    result = run(course, "01", path)
    assert result.exit_code == 0, result.output
    assert "heard" in result.output and "0 skipped" in result.output and "x real time" in result.output
    paths = outputs(course)
    report = json.loads(paths["report.json"].read_text())
    errors = start_errors(report, take)
    assert np.mean(errors <= TOLERANCE) >= 0.9, errors
    assert report["skipped"] == 0 and report["unscripted"] == []
    assert report["duration"] == pytest.approx(take.seconds, abs=0.05)
    words = sum(len(Lexicon.load(course).words(t)) for t in take.starts)
    true_rate = words / ((max(take.ends.values()) - min(take.starts.values())) / 60)
    assert report["words_per_minute"] == pytest.approx(true_rate, rel=0.05)
    check_captions(paths, course)

    script = script_mod.parse(course / "scripts" / f"{KEY}.md", KEY)
    spoken = [seg for seg in script.segments if seg.narration]
    lines = paths["chapters.txt"].read_text().splitlines()
    assert [line.split(" ", 1)[1] for line in lines] == [seg.title for seg in spoken]
    assert lines[0].startswith("0:00 ")
    for line, seg in list(zip(lines, spoken))[1:]:
        first = script_mod.sentences(seg.narration[0])[0]
        m, s = line.split(" ", 1)[0].split(":")
        assert abs(int(m) * 60 + int(s) - take.starts[first]) <= 1.0, line


@pytest.mark.slow
def test_an_edited_take_reports_what_was_said_differently(course, cache, tmp_path):
    """One sentence left out, an aside added, a sentence started twice, a six-second pause: in MP4 (AAC,
    48 kHz stereo), as a screen recorder writes it."""
    take = takes.speak(course, KEY, cache, skip=(4,), aside_after=(8,), restart=(12,), pause_after={15: 6.0})
    path = takes.save(take, tmp_path / "take.mp4", rate=48000, layout="stereo", codec="aac")
    result = run(course, "01", path)
    assert result.exit_code == 0, result.output
    report = json.loads(outputs(course)["report.json"].read_text())
    assert [s["text"] for s in report["sentences"] if s["status"] == "skipped"] == take.left_out
    assert np.mean(start_errors(report, take) <= TOLERANCE) >= 0.9
    found = [(p["start"], p["end"]) for p in report["unscripted"]]
    overlaps = lambda a, b: a[0] < b[1] and b[0] < a[1]  # noqa: E731
    for truth in take.unscripted:
        assert any(overlaps(truth, f) for f in found), f"unscripted speech at {truth} was not reported: {found}"
    for f in found:
        assert any(overlaps(truth, f) for truth in take.unscripted), f"{f} reported unscripted, but it is scripted"
    aside = next(p for p in report["unscripted"] if overlaps(take.unscripted[0], (p["start"], p["end"])))
    assert len(aside["text"].split()) >= 5, "the recognizer's guess of the aside's words is given"
    check_captions(outputs(course), course)


@pytest.mark.slow
def test_a_faster_take_in_webm_aligns_and_is_kept_in_the_lock(course, cache, tmp_path):
    """`coursekit recorded --take` aligns as `align` does and keeps the take's length and hash."""
    take = takes.speak(course, KEY, cache, words_per_minute=185, gap=0.3)
    path = takes.save(take, tmp_path / "take.webm", rate=48000, layout="stereo", codec="libopus")
    result = CliRunner().invoke(cli, ["--root", str(course), "recorded", "01", "--take", str(path)])
    assert result.exit_code == 0, result.output
    report = json.loads(outputs(course)["report.json"].read_text())
    assert np.mean(start_errors(report, take) <= TOLERANCE) >= 0.9
    assert report["words_per_minute"] > 160
    lock = tomllib.loads((course / "recordings.lock").read_text())
    assert lock[KEY]["take"] == {"file": "take.webm", "seconds": pytest.approx(take.seconds, abs=0.05),
                                 "sha256": hashlib.sha256(path.read_bytes()).hexdigest()}
    status = CliRunner().invoke(cli, ["--root", str(course), "status"])
    assert status.exit_code == 0, status.output
    assert f"{len(take.starts)} of {len(take.starts)} sentences aligned, 0 skipped" in status.output


@pytest.mark.slow
@pytest.mark.browser
def test_the_site_offers_the_takes_captions_and_the_teleprompter_its_pace(repo_copy, cache, tmp_path, offline):
    """A take of the first 20 sentences of section 06: the script page lists the 37 it skipped and links the
    captions and chapters; `t` on the teleprompter scrolls at the take's pace."""
    from test_accessibility import violations

    key = next(s.key for s in SECTIONS if s.key.startswith("06"))
    take = takes.speak(repo_copy, key, cache, first=20)
    path = takes.save(take, tmp_path / "take.mp4", rate=48000, layout="stereo", codec="aac")
    for args in (["align", "06", str(path)], ["site"]):
        result = CliRunner().invoke(cli, ["--root", str(repo_copy), *args])
        assert result.exit_code == 0, result.output
    report = json.loads((repo_copy / "build" / "site" / "captions" / f"{key}.report.json").read_text())
    skipped = [s["text"] for s in report["sentences"] if s["status"] == "skipped"]
    assert len(skipped) == report["skipped"] == len(report["sentences"]) - 20

    site = repo_copy / "build" / "site"
    page = offline.open(site / "scripts" / f"{key}.html")
    assert "Recorded take" in page.inner_text("main")
    for label in ("take's captions (WebVTT)", "take's captions (SRT)", "take's chapters (YouTube)"):
        href = page.get_by_role("link", name=label, exact=True).get_attribute("href")
        assert (site / "scripts" / href).resolve().is_file(), href
    assert page.locator(".take-skipped li").count() == len(skipped)
    chapters = (site / "captions" / f"{key}.chapters.txt").read_text().strip()
    assert page.inner_text("pre.chapters").strip() == chapters
    assert violations(page, "script page with a take") == []
    assert offline.blocked == []

    course = json.loads((repo_copy / "build" / "course.json").read_text())
    assert next(r for r in course["sections"] if r["key"] == key)["take"].startswith("take ")

    offline.page.clock.install()
    page = offline.open(site / "prompter" / f"{key}.html")
    page.keyboard.press("t")
    assert page.evaluate("document.body.dataset.pace") == "take"
    page.keyboard.press(" ")
    said = next(s for s in report["sentences"][12:] if s["status"] == "aligned")
    start = min(s["start"] for s in report["sentences"] if s["line"] == said["line"] and s["status"] == "aligned")
    page.clock.fast_forward(int(start * 1000))
    page.clock.run_for(100)
    top = page.evaluate(f"document.querySelector('[data-line=\"{said['line']}\"]').getBoundingClientRect().top "
                        "/ window.innerHeight")
    assert abs(top - 0.35) < 0.03, f"line {said['line']} is at {top:.2f} of the screen when the take says it"


@pytest.mark.slow
def test_a_take_of_another_section_fails_and_keeps_the_captions(course, cache, tmp_path):
    other = fixture_takes.short_course(ROOT, tmp_path / "other", "03_tensors",
                                       script_mod.parse(ROOT / "scripts" / "03_tensors.md", "x").segments[4].title)
    take = takes.speak(other, KEY, cache)
    path = takes.save(take, tmp_path / "other.m4a", rate=44100, codec="aac")
    before = keep_previous(course)
    result = run(course, "01", path)
    assert result.exit_code == 1
    assert "almost nothing in this take matches scripts/01_short.md" in result.output
    assert "another section" in result.output
    assert {p: p.read_bytes() for p in before} == before


def keep_previous(course: Path) -> dict[Path, bytes]:
    previous = {}
    for ext, path in outputs(course).items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"previous {ext}\n")
        previous[path] = path.read_bytes()
    return previous


def silent(path: Path, seconds: float = 3.0) -> Path:
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1), w.setsampwidth(2), w.setframerate(RATE)
        w.writeframes(np.zeros(int(seconds * RATE), np.int16).tobytes())
    return path


def video_only(path: Path) -> Path:
    with av.open(str(path), "w") as container:
        stream = container.add_stream("libx264", rate=10)
        stream.width, stream.height, stream.pix_fmt = 64, 64, "yuv420p"
        for _ in range(10):
            frame = av.VideoFrame.from_ndarray(np.zeros((64, 64, 3), np.uint8), format="rgb24")
            container.mux(stream.encode(frame))
        container.mux(stream.encode(None))
    return path


@pytest.mark.parametrize("make_take, message", [
    (lambda p: (p / "take.mp4").write_text("not a video") and p / "take.mp4", "not a recording PyAV can read"),
    (lambda p: video_only(p / "screen.mp4"), "has no audio stream"),
    (lambda p: silent(p / "muted.wav"), "the audio is silent"),
    (lambda p: p / "missing.mkv", "no such take"),
], ids=["unreadable", "no-audio", "silent", "missing"])
def test_a_bad_take_is_named_and_leaves_the_captions(course, tmp_path, make_take, message):
    path = make_take(tmp_path)
    before = keep_previous(course)
    result = run(course, "01", path)
    assert result.exit_code == 1
    assert message in result.output and path.name in result.output
    assert {p: p.read_bytes() for p in before} == before


def test_every_script_word_gets_a_pronunciation_the_recognizer_accepts():
    """Words the dictionary lacks (autograd, ctx, numpy, 0) get phones from espeak-ng, all of them phones of
    the model, and the decoder takes every one."""
    lexicon = Lexicon.load(ROOT)
    words = {w for path in sorted((ROOT / "scripts").glob("[0-9][0-9]_*.md"))
             for seg in script_mod.parse(path, path.name).segments for text in seg.narration
             for w in lexicon.words(text)}
    decoder = recognition.new_decoder(lm=None)
    missing = sorted(w for w in words if decoder.lookup_word(w) is None)
    assert {"autograd", "numpy"} <= set(missing)
    found = recognition.pronunciations(missing)
    for word, phones in found.items():
        assert phones and set(phones.split()) <= PHONES, (word, phones)
    recognition.teach(decoder, words)
    assert all(decoder.lookup_word(w) for w in words)
    assert recognition.arpabet("ˌɔːɾoʊɡɹˈæd") == "AO T OW G R AE D"


def test_a_decoder_given_the_scripts_words_knows_those_alone_and_hears_what_the_whole_dictionary_hears(course, cache,
                                                                                                       tmp_path):
    """The listener's dictionary is the script's words only (seconds faster to start than the model's 126,000):
    every pronunciation the model has for them (read's two), espeak-ng's for the rest, nothing else; and over a
    take it hears the same words at the same frames as a decoder given the whole dictionary."""
    from pocketsphinx.lm import ArpaBoLM

    decoder = recognition.new_decoder({"read", "autograd", "tensor"}, lm=None)
    assert decoder.lookup_word("read") and decoder.lookup_word("read(2)") and decoder.lookup_word("autograd")
    assert decoder.lookup_word("the") is None and decoder.lookup_word("tensors") is None

    lexicon = Lexicon.load(course)
    texts = [s for seg in script_mod.parse(course / "scripts" / f"{KEY}.md", KEY).segments for s in seg.narration]
    words = {w for t in texts for w in lexicon.words(t)}
    arpa = tmp_path / "script.arpa"
    model = ArpaBoLM(text="\n".join(" ".join(lexicon.words(t)) for t in texts), add_start=True, discount_mass=0.1)
    model.compute()
    model.write_file(str(arpa))
    audio = takes.load(takes.save(takes.say(course, texts[:2], cache), tmp_path / "two.wav"), "two.wav")
    whole = recognition.new_decoder(lm=str(arpa))
    recognition.teach(whole, words)
    heard = recognition.recognize(recognition.new_decoder(words, lm=str(arpa)), audio)
    assert len(heard) >= len([w for t in texts[:2] for w in lexicon.words(t)]) // 2
    assert heard == recognition.recognize(whole, audio)


def test_without_espeak_a_word_is_spelled_out(monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    assert recognition.pronunciations(["ctx"]) == {"ctx": "S IY T IY EH K S"}


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.floats(0, 100), st.floats(0.05, 3)), min_size=1, max_size=12))
def test_readable_captions_never_overlap_and_last_long_enough_where_there_is_room(spans):
    cues = [captions.Caption(a, a + d, f"c{i}") for i, (a, d) in enumerate(spans)]
    out = captions.readable(cues)
    assert sorted(c.text for c in out) == sorted(c.text for c in cues)
    for before, after in zip(out, out[1:]):
        assert before.end <= after.start + 1e-6
    for c in out:
        assert c.end >= c.start
    roomy = [c for c in out if all(abs(o.start - c.start) > 5 for o in out if o is not c)]
    assert all(c.end - c.start >= captions.MIN_SECONDS - 1e-6 for c in roomy)


def test_phrases_are_timed_by_their_own_words():
    text = "Autograd records every operation, with links to its inputs, and backward walks the tape."
    spans = [(i * 0.5, i * 0.5 + 0.4) for i in range(len(text.split()))]
    cues = captions.at_words(text, spans, 0.0, spans[-1][1])
    assert len(cues) >= 2
    for cue in cues[1:]:
        first_word = text.split().index(cue.text.split()[0])
        assert cue.start == pytest.approx(spans[first_word][0])
    assert re.sub(r"\s+", " ", " ".join(c.text for c in cues)) == text
