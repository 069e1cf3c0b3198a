"""Parses kept on disk between processes: reused only for the same text, parsed again when damaged."""

from __future__ import annotations

import os

import pytest

from coursekit.course import cells, parsed, script
from coursekit.course.problems import CourseError

DEMO = "# %% [markdown]\n# A demo\n\n# %% first\nx = 1\nprint(x)\n"
SCRIPT = "# Title\n\n## Part\n\nWords to say.\n"


@pytest.fixture
def store(tmp_path, monkeypatch):
    monkeypatch.setattr(parsed, "directory", tmp_path / "build" / "cache" / "parsed")
    for reader in (cells._parse_cached, script._parse_file):
        reader.cache_clear()  # every parse below goes to disk, as in a new process
    yield parsed.directory
    for reader in (cells._parse_cached, script._parse_file):
        reader.cache_clear()


def _new_process():
    cells._parse_cached.cache_clear()
    script._parse_file.cache_clear()


def _counting(monkeypatch, module, name):
    calls = []
    real = getattr(module, name)

    def counted(*args):
        calls.append(args)
        return real(*args)
    monkeypatch.setattr(module, name, counted)
    return calls


def test_a_second_process_reads_the_parse_and_an_edit_parses_again(store, tmp_path, monkeypatch):
    demo, talk = tmp_path / "demo.py", tmp_path / "01_x.md"
    demo.write_text(DEMO)
    talk.write_text(SCRIPT)
    first = (cells.parse(demo, "demos/demo.py"), script.parse(talk, "scripts/01_x.md"))
    assert len(list(store.glob("*.pickle"))) == 2

    jupytext_calls = _counting(monkeypatch, cells, "parse_text")
    script_calls = _counting(monkeypatch, script, "parse_text")
    _new_process()
    again = (cells.parse(demo, "demos/demo.py"), script.parse(talk, "scripts/01_x.md"))
    assert again[0] == first[0] and again[1].title == first[1].title == "Title"
    assert again[1].segments[0].title == "Part"
    assert jupytext_calls == [] and script_calls == []

    # An edit: parsed afresh, and the file's old entry is dropped.
    demo.write_text(DEMO.replace("x = 1", "x = 2"))
    os.utime(demo, ns=(demo.stat().st_atime_ns, demo.stat().st_mtime_ns + 10**9))
    edited = cells.parse(demo, "demos/demo.py")
    assert "x = 2" in edited[1].source and len(jupytext_calls) == 1
    assert len(list(store.glob("cells-*.pickle"))) == 1

    # The same text shown under another name is another entry: a problem names the file it was read from.
    cells.parse(demo, "demos/other.py")
    assert len(jupytext_calls) == 2


def test_a_damaged_entry_is_parsed_again_and_replaced(store, tmp_path, monkeypatch):
    talk = tmp_path / "01_x.md"
    talk.write_text(SCRIPT)
    script.parse(talk, "scripts/01_x.md")
    (entry,) = store.glob("script-*.pickle")
    entry.write_bytes(b"\x80\x05 not a pickle")
    calls = _counting(monkeypatch, script, "parse_text")
    _new_process()
    assert script.parse(talk, "scripts/01_x.md").segments[0].title == "Part"
    assert len(calls) == 1
    _new_process()
    script.parse(talk, "scripts/01_x.md")
    assert len(calls) == 1  # the replaced entry loads


def test_a_script_problem_is_kept_with_its_parse_and_an_unreadable_demo_is_not_kept(store, tmp_path):
    talk = tmp_path / "01_x.md"
    talk.write_text("No title line\n")
    problems = script.parse(talk, "scripts/01_x.md").problems
    _new_process()
    assert script.parse(talk, "scripts/01_x.md").problems == problems != []

    demo = tmp_path / "demo.py"
    demo.write_bytes(b"# %% first\nx = '\xff'\n")
    with pytest.raises(CourseError):
        cells.parse(demo, "demos/demo.py")
    assert not list(store.glob("cells-*.pickle"))


def test_a_demos_notebook_is_converted_once_per_text(store, tmp_path, monkeypatch):
    from coursekit.build import downloads

    demo = tmp_path / "demo.py"
    demo.write_text(DEMO)
    fresh = downloads.to_ipynb(demo)
    calls = _counting(monkeypatch, downloads, "_notebook_bytes")
    assert downloads.to_ipynb(demo) == fresh and calls == []  # the zip's bytes, from the cache
    (entry,) = store.glob("ipynb-*.pickle")
    entry.write_bytes(b"damaged")
    assert downloads.to_ipynb(demo) == fresh and len(calls) == 1  # converted again, the same bytes
    demo.write_text(DEMO.replace("x = 1", "x = 2"))
    assert b"x = 2" in downloads.to_ipynb(demo) and len(calls) == 2
    assert len(list(store.glob("ipynb-*.pickle"))) == 1


def test_a_notebook_is_read_once_per_content(store, tmp_path, monkeypatch):
    from coursekit.course import notebooks

    slides = tmp_path / "slides" / "01_x.py"
    slides.parent.mkdir()
    slides.write_text('# %% [markdown] slideshow={"slide_type": "slide"}\n# # Title\n\n# %%\nx = 1\n')
    nb, lines = notebooks.load_notebook(slides, tmp_path)
    calls = _counting(monkeypatch, notebooks, "_load")
    again, again_lines = notebooks.load_notebook(slides, tmp_path)
    assert calls == [] and again == nb and again_lines == lines and again is not nb  # a copy of its own
    slides.write_text(slides.read_text().replace("x = 1", "x = 2"))
    edited, _ = notebooks.load_notebook(slides, tmp_path)
    assert len(calls) == 1 and edited.cells[1].source == "x = 2"
    slides.write_text(slides.read_text().replace('"slide"', '"sideways"'))
    with pytest.raises(CourseError, match="slide_type"):  # a problem is reported, never kept
        notebooks.load_notebook(slides, tmp_path)
    with pytest.raises(CourseError, match="slide_type"):
        notebooks.load_notebook(slides, tmp_path)
    assert len(calls) == 3
