"""`coursekit deck --self-contained`: one HTML file that works alone. Each deck is moved, by itself (with its
videos where it has some), into an empty folder and opened offline in Chromium, speaker view included."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from coursekit.build import code_slides
from coursekit.cli import cli

TALKS = Path(__file__).parent / "fixtures" / "talks"
ROOT = Path(__file__).resolve().parent.parent
pytestmark = [pytest.mark.slow, pytest.mark.browser]


def build(root: Path, notebook: Path, out: Path) -> str:
    """The command in a process of its own: it drives Chromium itself, beside this session's browser."""
    run = subprocess.run([sys.executable, "-m", "coursekit", "--root", str(root), "deck", str(notebook), "-o", str(out),
                          "--self-contained"], capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr
    return run.stdout + run.stderr


@pytest.fixture
def course(tmp_path) -> Path:
    """A course folder of someone else's, using this repository's node_modules."""
    root = tmp_path / "course"
    (root / "scripts").mkdir(parents=True)
    (root / "node_modules").symlink_to(ROOT / "node_modules")
    return root


class Window:
    """Every request a browser context makes, its page errors, and nothing allowed past file://."""

    def __init__(self, browser):
        self.context = browser.new_context(viewport={"width": 1280, "height": 720})
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.context.on("request", lambda r: self.requests.append(r.url))
        self.context.on("page", lambda p: p.on("pageerror", lambda e: self.errors.append(str(e))))
        self.context.route("**/*", lambda r: r.continue_() if r.request.url.startswith(("file:", "data:", "about:"))
                           else r.abort())

    def open(self, path: Path):
        page = self.context.new_page()
        page.goto(path.as_uri())
        page.wait_for_function("window.Reveal && Reveal.isReady()", timeout=60000)
        return page

    def files(self) -> set[str]:
        """The files requested, without reveal.js's query string (the speaker view loads the deck again)."""
        return {u.split("?")[0].split("#")[0] for u in self.requests if u.startswith("file:")}


def test_a_self_contained_talk_works_alone_offline_with_its_speaker_view(course, tmp_path, browser):
    talk = TALKS / "gradient_descent_myst.md"
    output = build(course, talk, tmp_path / "built" / "talk.html")
    assert "MathJax with" in output and "one file of" in output
    alone = tmp_path / "empty" / "talk.html"
    alone.parent.mkdir()
    shutil.move(tmp_path / "built" / "talk.html", alone)
    assert [p.name for p in alone.parent.iterdir()] == ["talk.html"]

    window = Window(browser)
    page = window.open(alone)
    assert page.evaluate("Reveal.getTotalSlides()") == 6
    picture = page.locator(".reveal section.present img")
    assert picture.evaluate("img => img.complete && img.naturalWidth > 0 && img.src.startsWith('data:image/svg+xml')")
    page.keyboard.press("ArrowRight")  # "The problem": its formulas typeset with MathJax's own fonts
    page.wait_for_function("document.querySelectorAll('.reveal section.present .MathJax_CHTML').length >= 2",
                           timeout=30000)
    # The italic w of the formula in MathJax's own web font, loaded from the page (a file would fail offline).
    page.wait_for_function("[...document.fonts].some(f => f.family.startsWith('MJXc-TeX-math-I') && "
                           "f.status === 'loaded')", timeout=60000)
    fonts = page.evaluate("[...document.fonts].filter(f => f.status === 'loaded').map(f => f.family)")
    assert "Source Sans Pro" in fonts, "the theme's font"
    assert page.evaluate("getComputedStyle(document.querySelector('.reveal h2')).color") != "rgb(0, 0, 0)"

    page.add_script_tag(path=str(ROOT / "node_modules" / "axe-core" / "axe.min.js"))
    page.evaluate("Reveal.configure({transition: 'none', backgroundTransition: 'none'})")
    slides = page.evaluate("Reveal.getSlides().map(s => Reveal.getIndices(s))")
    assert len(slides) == 6
    for slide in slides:  # each slide, every fragment shown, passes WCAG 2.2 A/AA as the course's decks do
        page.evaluate("([h, v]) => new Promise(done => { Reveal.slide(h, v || 0, 99); "
                      "requestAnimationFrame(() => requestAnimationFrame(done)); })", [slide["h"], slide["v"]])
        page.wait_for_function("MathJax.Hub.queue.pending === 0 && !MathJax.Hub.queue.running && "
                               "document.getAnimations().every(a => !(a instanceof CSSTransition) || a.playState !== 'running')")  # faded in
        found = page.evaluate("axe.run(document, {runOnly: {type: 'tag', values: "
                              "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}})")["violations"]
        assert found == [], f"slide {slide}: {[(v['id'], v['nodes'][0]['target'], v['nodes'][0]['any'][0]['data']) for v in found]}"
    page.evaluate("Reveal.slide(1, 0)")
    with window.context.expect_page() as opened:
        page.keyboard.press("s")
    speaker = opened.value
    speaker.wait_for_function("document.querySelector('.speaker-controls-notes .value') && "
                              "document.querySelectorAll('iframe').length >= 2", timeout=60000)
    frames = [f for f in speaker.frames if f != speaker.main_frame]
    for frame in frames:
        frame.wait_for_function("window.Reveal && Reveal.isReady()", timeout=60000)
    assert any(f.evaluate("Reveal.getIndices().h") == 1 for f in frames), "the current slide shows in the speaker view"
    page.keyboard.press("ArrowLeft")  # back on the title slide, whose notes the talk writes
    speaker.wait_for_function("document.querySelector('.speaker-controls-notes .value').innerText"
                              ".includes('a ball rolling into a valley')", timeout=60000)

    assert window.files() == {alone.as_uri()}, f"the deck loaded other files: {window.files()}"
    assert window.errors == []
    window.context.close()


def test_a_talk_without_formulas_carries_no_mathjax(course, tmp_path, browser):
    talk = tmp_path / "plain.md"
    text = (TALKS / "gradient_descent.md").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if "$" not in line]  # every formula out
    talk.write_text("\n".join(lines) + "\n", encoding="utf-8")
    shutil.copytree(TALKS / "figures", tmp_path / "figures")
    output = build(course, talk, tmp_path / "plain.html")
    assert "no MathJax (no formulas)" in output
    page_text = (tmp_path / "plain.html").read_text(encoding="utf-8")
    assert "MathJax.Hub.Config" not in page_text and "text/x-mathjax-config" not in page_text
    with_math = tmp_path / "math.html"
    build(course, TALKS / "gradient_descent.md", with_math)
    assert (tmp_path / "plain.html").stat().st_size < with_math.stat().st_size - 300_000, "MathJax is not free"

    window = Window(browser)
    page = window.open(tmp_path / "plain.html")
    for _ in range(5):  # every slide change runs nbconvert's MathJax re-render, which must not fail
        page.keyboard.press("ArrowRight")
    page.wait_for_function("Reveal.getIndices().h >= 2")
    assert window.errors == []
    window.context.close()


def test_a_self_contained_deck_keeps_its_videos_beside_it(site, tmp_path, browser):
    """The course's autograd deck shows a rendered scene: the page holds its poster, the video stays a file."""
    out = tmp_path / "built" / "06_autograd.html"
    output = build(ROOT, ROOT / "slides" / "06_autograd.py", out)
    video = "animations/06_autograd/AutogradTape.mp4"
    assert f"the video {video} stays a file beside the deck" in output
    page_text = out.read_text(encoding="utf-8")
    assert f'<source src="{video}"' in page_text and 'poster="data:image/png;base64,' in page_text
    moved = tmp_path / "usb stick"
    shutil.copytree(tmp_path / "built", moved)
    assert sorted(str(p.relative_to(moved)) for p in moved.rglob("*") if p.is_file()) == ["06_autograd.html", video]

    window = Window(browser)
    page = window.open(moved / "06_autograd.html")
    page.evaluate("Reveal.slide(Reveal.getIndices(document.getElementById('tape-animation')).h, 0)")
    page.wait_for_function("document.querySelector('#tape-animation video').readyState >= 1", timeout=60000)
    assert page.evaluate("document.querySelector('#tape-animation video').duration") > 1
    assert window.files() <= {(moved / "06_autograd.html").as_uri(), (moved / video).as_uri()}
    # The code a presenter steps down into travels inside the one file, its output with it.
    code = page.evaluate("[...document.querySelectorAll('section.course-code')].map(s => "
                         "s.querySelector('.jp-OutputArea pre') ? 1 : 0)")
    assert len(code) == len(code_slides.plan(ROOT / "slides" / "06_autograd.py", ROOT)) and sum(code) > len(code) // 2
    assert window.errors == []
    window.context.close()


def test_a_picture_that_is_not_there_is_named(course, tmp_path):
    talk = tmp_path / "talk.md"
    talk.write_text((TALKS / "gradient_descent.md").read_text(encoding="utf-8"), encoding="utf-8")  # no figures/
    result = CliRunner().invoke(cli, ["--root", str(course), "deck", str(talk), "-o", str(tmp_path / "t.html"),
                                      "--self-contained"])
    assert result.exit_code == 1
    assert "figures/valley.svg" in result.output and "beside the notebook" in result.output
    assert not (tmp_path / "t.html").exists()
