"""Section discovery by the NN_slug key: gaps, duplicates and stray files are errors naming the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from coursekit.course.sections import discover, select


def make(root: Path, *files: str) -> Path:
    for name in files:
        path = root / name
        if name.endswith("/"):
            path.mkdir(parents=True, exist_ok=True)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text("# T\n", encoding="utf-8")
    return root


def messages(root: Path) -> list[str]:
    return [str(p) for p in discover(root)[1]]


def test_sections_in_order(tmp_path):
    make(tmp_path, "scripts/02_b.md", "scripts/01_a.md", "demos/01_a/x.py", "slides/02_b.py", "animations/style.py")
    sections, problems = discover(tmp_path)
    assert [s.key for s in sections] == ["01_a", "02_b"]
    assert problems == []
    assert sections[0].demos == [tmp_path / "demos/01_a/x.py"]


def test_gap_is_an_error(tmp_path):
    make(tmp_path, "scripts/01_a.md", "scripts/03_c.md")
    assert messages(tmp_path) == ["scripts/03_c.md: section numbers must be contiguous from 01: 02 missing before it"]


def test_duplicate_number_is_an_error(tmp_path):
    make(tmp_path, "scripts/01_a.md", "scripts/01_b.md")
    (msg,) = messages(tmp_path)
    assert msg.startswith("scripts/01_b.md: duplicate section number 01")


@pytest.mark.parametrize("stray", ["demos/02_nope/", "slides/02_nope.py", "animations/02_nope.py"])
def test_file_without_script_is_an_error(tmp_path, stray):
    make(tmp_path, "scripts/01_a.md", stray)
    (msg,) = messages(tmp_path)
    assert msg.startswith(stray.rstrip("/") + ": no script scripts/02_nope.md")


def test_bad_names_are_errors(tmp_path):
    make(tmp_path, "scripts/01_a.md", "scripts/2_Bad.md", "demos/helper.py")
    msgs = messages(tmp_path)
    assert any(m.startswith("scripts/2_Bad.md: not a script name") for m in msgs)
    assert any(m.startswith("demos/helper.py: unexpected file here") for m in msgs)


def test_select(tmp_path):
    make(tmp_path, "scripts/01_a.md", "scripts/02_b.md")
    sections, _ = discover(tmp_path)
    assert [s.key for s in select(sections, "02")] == ["02_b"]
    assert [s.key for s in select(sections, "2")] == ["02_b"]
    assert select(sections, None) == sections
    with pytest.raises(Exception, match="no section '09'"):
        select(sections, "09")
