"""Building decks from fixture notebooks: failing cells, remote images and includes, reported by file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from coursekit.cli import cli

HEADER = '# %% title [markdown] slideshow={"slide_type": "slide"}\n# # Fixture deck\n\n'


def build(tmp_path: Path, notebook_text: str, name: str = "deck.py", demo: str | None = None):
    (tmp_path / "scripts").mkdir(exist_ok=True)
    (tmp_path / "slides").mkdir(exist_ok=True)
    if demo is not None:
        (tmp_path / "demos" / "01_a").mkdir(parents=True, exist_ok=True)
        (tmp_path / "demos" / "01_a" / "d.py").write_text(demo, encoding="utf-8")
    notebook = tmp_path / "slides" / name
    notebook.write_text(notebook_text, encoding="utf-8")
    out = tmp_path / "build" / "site" / "decks" / "deck.html"
    result = CliRunner().invoke(cli, ["--root", str(tmp_path), "deck", str(notebook), "-o", str(out)])
    return result, out


@pytest.mark.slow
def test_failing_cell_is_named_and_keeps_the_previous_deck(tmp_path):
    good, out = build(tmp_path, HEADER + "# %% works\nx = 1\n")
    assert good.exit_code == 0, good.output
    before = out.read_bytes()
    bad_text = HEADER + "# %% works\nx = 1\n\n# %% breaks\nraise ValueError('wrong shape')\n"
    result, _ = build(tmp_path, bad_text)
    assert result.exit_code == 1
    assert "slides/deck.py:7: cell 'breaks' failed while building the deck: ValueError: wrong shape" in result.output
    assert "Traceback" not in result.output
    assert out.read_bytes() == before  # the previous good deck is untouched


def test_remote_image_fails_the_build(tmp_path):
    text = HEADER + '# %% pic [markdown] slideshow={"slide_type": "slide"}\n# ![net](https://example.com/net.png)\n'
    result, out = build(tmp_path, text)
    assert result.exit_code == 1
    assert "slides/deck.py:4: remote image https://example.com/net.png: decks must work offline" in result.output
    assert not out.exists()


def test_include_of_a_missing_demo_cell_fails(tmp_path):
    text = HEADER + '# %% code include="../demos/01_a/d.py#gone"\n'
    result, _ = build(tmp_path, text, demo="# %% there\nx = 1\n")
    assert result.exit_code == 1
    assert "slides/deck.py:4: no cell 'gone' in demos/01_a/d.py" in result.output


@pytest.mark.slow
def test_included_code_is_byte_identical_and_executed(tmp_path):
    demo = "# %% make\nimport math\nvalue = math.sqrt(16)  # four\nprint(value)\n\n# %% other\npass\n"
    text = HEADER + '# %% code include="../demos/01_a/d.py#make"\n'
    result, out = build(tmp_path, text, demo=demo)
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert "4.0" in html  # the real output of the included cell
    from html.parser import HTMLParser

    import nbformat  # noqa: F401  (nbconvert's pygments markup splits tokens; compare the visible text)

    class Text(HTMLParser):
        def __init__(self):
            super().__init__()
            self.chunks, self.depth = [], 0

        def handle_starttag(self, tag, attrs):
            if tag == "div" and ("class", "highlight hl-ipython3") in attrs:
                self.depth = 1
            elif self.depth:
                self.depth += tag not in ("br",)

        def handle_endtag(self, tag):
            if self.depth:
                self.depth -= 1

        def handle_data(self, data):
            if self.depth:
                self.chunks.append(data)

    parser = Text()
    parser.feed(html)
    assert "import math\nvalue = math.sqrt(16)  # four\nprint(value)" in "".join(parser.chunks)


def test_not_a_notebook(tmp_path):
    (tmp_path / "scripts").mkdir()
    bad = tmp_path / "broken.ipynb"
    bad.write_text("{not json", encoding="utf-8")
    result = CliRunner().invoke(cli, ["--root", str(tmp_path), "deck", str(bad), "-o", str(tmp_path / "x.html")])
    assert result.exit_code == 1
    assert "broken.ipynb:1: not valid JSON: Expecting property name enclosed in double quotes at column 2" in result.output


@pytest.mark.slow
def test_any_ipynb_with_slideshow_metadata_builds(tmp_path):
    import nbformat

    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("# Someone else's deck", metadata={"slideshow": {"slide_type": "slide"}}),
        nbformat.v4.new_code_cell("print(6 * 7)", metadata={"slideshow": {"slide_type": "fragment"}}),
        nbformat.v4.new_markdown_cell("## Second", metadata={"slideshow": {"slide_type": "slide"}}),
    ])
    (tmp_path / "scripts").mkdir()
    path = tmp_path / "talk.ipynb"
    nbformat.write(nb, path)
    out = tmp_path / "out" / "decks" / "talk.html"
    result = CliRunner().invoke(cli, ["--root", str(tmp_path), "deck", str(path), "-o", str(out)])
    assert result.exit_code == 1 and "run `npm ci`" in result.output, "outside the site the assets are needed"
    (tmp_path / "node_modules").symlink_to(Path(__file__).resolve().parent.parent / "node_modules")
    result = CliRunner().invoke(cli, ["--root", str(tmp_path), "deck", str(path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert "42" in html and html.count("<section") == 4  # two slides, each an outer and an inner section
    assert (out.parent / "assets" / "reveal.js" / "dist" / "reveal.js").is_file()


CACHED = (HEADER + '# %% words [markdown] slideshow={"slide_type": "slide"}\n# ## Before the edit\n\n'
          "# %% first\nimport random\nprint('drawn', random.random())\n\n# %% second\nprint('second ran')\n")


def cache_files(root: Path) -> list[Path]:
    return sorted((root / "build" / "cache" / "cells").rglob("*.json"))


@pytest.mark.slow
def test_a_markdown_edit_reuses_every_cell_output_without_a_kernel(tmp_path):
    first, out = build(tmp_path, CACHED)
    assert first.exit_code == 0 and "executing 2 code cells" in first.output, first.output
    drawn = out.read_text().split("drawn ")[1][:12]  # unseeded: a re-run would print another number
    assert len(cache_files(tmp_path)) == 2

    edited, _ = build(tmp_path, CACHED.replace("Before the edit", "After the edit"))
    assert edited.exit_code == 0 and "outputs from the cell cache (no kernel)" in edited.output, edited.output
    page = out.read_text()
    assert "After the edit" in page and "Before the edit" not in page
    assert f"drawn {drawn}" in page and "second ran" in page


@pytest.mark.slow
def test_a_code_edit_reruns_the_notebook_and_drops_stale_entries(tmp_path):
    build(tmp_path, CACHED)
    result, out = build(tmp_path, CACHED.replace("print('second ran')", "print('second changed')"))
    assert "executing 2 code cells" in result.output, result.output
    page = out.read_text()
    assert "second changed" in page and "second ran" not in page
    assert len(cache_files(tmp_path)) == 2  # the old second cell's entry is gone


@pytest.mark.slow
def test_a_corrupt_cache_entry_is_ignored_and_rebuilt(tmp_path):
    build(tmp_path, CACHED)
    for entry in cache_files(tmp_path):
        entry.write_text("{not json")
    result, out = build(tmp_path, CACHED.replace("Before", "Later"))
    assert result.exit_code == 0 and "executing 2 code cells" in result.output, result.output
    assert "second ran" in out.read_text()
    assert all(entry.read_text().startswith("{") and "outputs" in entry.read_text() for entry in cache_files(tmp_path))


CODED = HEADER + ("# %% one\nx = [1, 2]\nprint(x)\n\n# %% words [markdown]\n# Before the edit\n\n"
                  "# %% two\ny = {'a': '<b>'}\nprint(y)\n")


@pytest.mark.slow
def test_each_sanitised_piece_of_html_is_kept_and_the_deck_is_the_same_with_it(tmp_path, monkeypatch):
    import nbconvert.filters.strings as strings

    first, out = build(tmp_path, CODED)
    assert first.exit_code == 0, first.output
    memo = tmp_path / "build" / "cache" / "cleaned" / "deck.json"
    assert len(json.loads(memo.read_text())["cleaned"]) >= 2  # each code cell's highlighted source
    cleaned, real = [], strings.clean_html
    monkeypatch.setattr(strings, "clean_html", lambda element: cleaned.append(element) or real(element))

    edited, _ = build(tmp_path, CODED.replace("Before the edit", "After the edit"))
    assert edited.exit_code == 0 and "After the edit" in out.read_text(), edited.output
    assert cleaned == [], "every piece was cleaned before"
    kept = out.read_text()
    memo.unlink()
    fresh = CliRunner().invoke(cli, ["--root", str(tmp_path), "deck", str(tmp_path / "slides" / "deck.py"), "-o",
                                     str(out), "--force"])
    assert fresh.exit_code == 0 and cleaned, fresh.output
    assert out.read_text() == kept, "the deck made with the kept pieces is the deck made without them"

    memo.write_text("{not json")  # damaged: ignored, and written again
    cleaned.clear()
    again, _ = build(tmp_path, CODED.replace("Before the edit", "Later"))
    assert again.exit_code == 0 and "Later" in out.read_text() and cleaned, again.output
    assert len(json.loads(memo.read_text())["cleaned"]) >= 2


SCENE = '''from manim import Circle, Create, Scene


class Grow(Scene):
    """{doc}"""

    def construct(self):
        self.play(Create(Circle()))  # beat: a circle is drawn
'''
SHOWN = HEADER + ('# %% grow [markdown] slideshow={"slide_type": "slide"} animation="../animations/01_a.py#Grow"\n'
                  '# ## A circle\n')


def scene_deck(tmp_path: Path, doc: str, poster: bytes = b"poster one", force: bool = False):
    """A deck showing scene Grow of animations/01_a.py, its render faked (the deck reads only its files)."""
    (tmp_path / "animations").mkdir(exist_ok=True)
    (tmp_path / "animations" / "01_a.py").write_text(SCENE.format(doc=doc), encoding="utf-8")
    rendered = tmp_path / "build" / "site" / "animations" / "01_a"
    rendered.mkdir(parents=True, exist_ok=True)
    (rendered / "Grow.mp4").write_bytes(b"video")
    (rendered / "Grow.png").write_bytes(poster)
    (tmp_path / "slides").mkdir(exist_ok=True)
    (tmp_path / "slides" / "01_a.py").write_text(SHOWN, encoding="utf-8")
    result = CliRunner().invoke(cli, ["--root", str(tmp_path), "deck", str(tmp_path / "slides" / "01_a.py"),
                                      *(["--force"] if force else [])])
    assert result.exit_code == 0, result.output
    return result.output, (tmp_path / "build" / "site" / "decks" / "01_a.html").read_bytes()


@pytest.mark.parametrize("then, now", [
    ("A circle is drawn once, left to right.", "A circle is drawn once, clockwise (from the top)."),
    ("A circle is drawn; its radius is 1.", "A circle is drawn: \"radius 1\", then it's kept."),
    ("x.requires_grad is set.", "x.requires_grad and x.grad_fn, shape [B, 3]; __init__ and a_b_c."),
    ("A circle is drawn.", "A circle with *emphasis*, **strong**, `code` & <b>bold</b> a < b > c, #3."),
    ("A circle is drawn.", "Its area $r^2$, see https://example.org and www.example.org; x_1 * y_2 ~ z."),
])
def test_a_scene_described_again_or_rendered_again_is_written_into_the_deck_as_a_full_build_writes_it(tmp_path, then,
                                                                                                    now):
    scene_deck(tmp_path, then)
    said, patched = scene_deck(tmp_path, now)
    assert "1 video description(s) changed, written into the built deck" in said, said
    assert patched == scene_deck(tmp_path, now, force=True)[1]  # byte for byte what nbconvert writes
    said, again = scene_deck(tmp_path, now, poster=b"poster two")  # rendered again: the page names it by path
    assert "0 video description(s) changed" in said and again == patched


def test_a_deck_that_does_not_hold_the_old_description_is_built_again(tmp_path):
    _, page = scene_deck(tmp_path, "A circle is drawn once.")
    deck = tmp_path / "build" / "site" / "decks" / "01_a.html"
    deck.write_bytes(page.replace(b"A circle is drawn once.", b"Edited by hand."))
    said, page = scene_deck(tmp_path, "A circle is drawn twice.")
    assert "written into the built deck" not in said and "slides in" in said, said
    assert page == scene_deck(tmp_path, "A circle is drawn twice.", force=True)[1]


def test_a_damaged_deck_record_builds_the_deck_again(tmp_path):
    scene_deck(tmp_path, "A circle is drawn once.")
    record = tmp_path / "build" / "cache" / "decks" / "01_a.json"
    record.write_text(record.read_text().replace('"described": {', '"described": {"describe-Gone": "x", '))
    said, page = scene_deck(tmp_path, "A circle is drawn twice.")
    assert "written into the built deck" not in said and "slides in" in said, said
    assert page == scene_deck(tmp_path, "A circle is drawn twice.", force=True)[1]
