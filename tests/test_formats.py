"""`coursekit deck` on every notebook format Jupytext reads: each talk in tests/fixtures/talks/ (the same
lightning talk as percent and light .py, MyST and plain Jupytext Markdown, R Markdown, with a picture in
figures/) builds a deck whose slides, in order, are the slides nbconvert's own exporter makes of the same
notebook."""

from __future__ import annotations

import html.parser
import shutil
from pathlib import Path

import jupytext
import pytest
from click.testing import CliRunner
from nbconvert import SlidesExporter

from coursekit.cli import cli

TALKS = sorted(p for p in (Path(__file__).parent / "fixtures" / "talks").iterdir() if p.is_file())


class Slides(html.parser.HTMLParser):
    """Each innermost reveal.js <section>'s first heading, in document order."""

    def __init__(self):
        super().__init__()
        self.stack: list[dict] = []
        self.slides: list[dict] = []
        self.heading: dict | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "section":
            self.stack.append({"title": "", "inner": False})
            if len(self.stack) > 1:
                self.stack[-2]["inner"] = True
        elif tag in ("h1", "h2", "h3") and self.stack and not self.stack[-1]["title"]:
            self.heading = self.stack[-1]

    def handle_endtag(self, tag):
        if tag == "section" and self.stack:
            section = self.stack.pop()
            if not section["inner"]:
                self.slides.append(section)
        elif tag in ("h1", "h2", "h3"):
            self.heading = None

    def handle_data(self, data):
        if self.heading is not None:
            self.heading["title"] += data.strip().rstrip("¶")


def slide_titles(page: str) -> list[str]:
    parser = Slides()
    parser.feed(page)
    return [s["title"] for s in parser.slides]


def test_every_format_is_here():
    formats = {jupytext.formats.guess_format(t.read_text(), t.suffix)[0] if t.suffix != ".ipynb" else "ipynb"
               for t in TALKS}
    assert {"percent", "light", "myst", "markdown", "rmarkdown"} <= formats


@pytest.mark.slow
@pytest.mark.parametrize("talk", TALKS, ids=[t.name for t in TALKS])
def test_a_talk_in_any_format_builds_the_slides_nbconvert_makes(talk, tmp_path):
    (tmp_path / "scripts").mkdir()
    shutil.copy(talk, tmp_path / talk.name)
    shutil.copytree(talk.parent / "figures", tmp_path / "figures")  # the picture the talk shows, beside it
    out = tmp_path / "build" / "site" / "decks" / "talk.html"
    result = CliRunner().invoke(cli, ["--root", str(tmp_path), "deck", str(tmp_path / talk.name), "-o", str(out)])
    assert result.exit_code == 0, result.output
    ours = slide_titles(out.read_text(encoding="utf-8"))
    theirs = slide_titles(SlidesExporter().from_notebook_node(jupytext.read(talk))[0])
    assert ours == theirs
    assert len(ours) == 6 and ours[0] == "Gradient descent in five minutes"
    assert "[12.96, 18.66" in out.read_text(encoding="utf-8"), "the code cells ran and their output is shown"


@pytest.mark.slow
@pytest.mark.parametrize("talk", [t for t in TALKS if t.suffix != ".ipynb"], ids=lambda t: t.name)
def test_a_failing_cell_is_named_by_its_line_in_that_format(talk, tmp_path):
    (tmp_path / "scripts").mkdir()
    shutil.copytree(talk.parent / "figures", tmp_path / "figures")
    broken = tmp_path / talk.name
    text = talk.read_text(encoding="utf-8")
    broken.write_text(text.replace("assert abs(w - 3) < 1e-3", "assert abs(w - 4) < 1e-3"), encoding="utf-8")
    lines = broken.read_text().splitlines()
    first = lines.index("w = 0.0") + 1  # the cell's first line; the percent format names its "# %%" header
    line = first - 1 if lines[first - 2].startswith("# %%") else first
    out = tmp_path / "build" / "site" / "decks" / "x.html"
    result = CliRunner().invoke(cli, ["--root", str(tmp_path), "deck", str(broken), "-o", str(out)])
    assert result.exit_code == 1
    assert f"{talk.name}:{line}: " in result.output and "AssertionError" in result.output, result.output


@pytest.mark.slow
@pytest.mark.browser
def test_a_deck_written_anywhere_gets_its_assets_beside_it_and_works_offline(tmp_path, offline):
    root = tmp_path / "course"
    (root / "scripts").mkdir(parents=True)
    (root / "node_modules").symlink_to(Path(__file__).resolve().parent.parent / "node_modules")
    talks = tmp_path / "my talks"
    outputs = []
    for talk in [t for t in TALKS if t.suffix in (".md", ".Rmd")][:2]:
        out = talks / f"{talk.stem}-{talk.suffix[1:]}.html"
        result = CliRunner().invoke(cli, ["--root", str(root), "deck", str(talk), "-o", str(out)])
        assert result.exit_code == 0, result.output
        outputs.append((out, result.output))
    assert "copied reveal.js" in outputs[0][1] and "copied reveal.js" not in outputs[1][1], "copied once, then shared"
    assert (talks / "assets" / "reveal.js" / "dist" / "reveal.js").is_file()
    page = offline.open(outputs[0][0])
    page.wait_for_function("window.Reveal && Reveal.isReady() && Reveal.getTotalSlides() === 6")
    page.keyboard.press("ArrowRight")
    page.wait_for_function("document.querySelectorAll('.reveal section.present .MathJax_CHTML').length >= 2",
                           timeout=30000)  # the formulas on "The problem", typeset by the local MathJax
    assert offline.blocked == [] and offline.failed == [] and offline.errors == []
    page.keyboard.press("ArrowLeft")
    picture = page.locator(".reveal section.present img")
    assert picture.evaluate("img => img.complete && img.naturalWidth > 0"), "the talk's picture, carried beside the deck"
    assert (talks / "figures" / "valley.svg").is_file()
