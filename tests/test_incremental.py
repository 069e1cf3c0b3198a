"""Incremental builds, through make itself: nothing changed -> nothing runs; one demo cell edited -> only
what shows that cell is rebuilt. Run on a copy of the built repository, so the real build is untouched."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import ROOT, SECTIONS, make
from coursekit import cells as cells_mod


def commands(output: str) -> list[str]:
    return [line for line in output.splitlines() if "-m coursekit" in line]


def test_second_make_does_nothing(site):
    output = make(ROOT)
    assert commands(output) == [], output


def _included_cell(copy: Path):
    """A (deck section, demo file, cell) where the demo cell is included by that section's slides."""
    for section in SECTIONS:
        if not section.slides.is_file():
            continue
        for cell in cells_mod.parse(section.slides):
            if "include" in cell.metadata:
                path, _, title = str(cell.metadata["include"]).partition("#")
                demo = (copy / "slides" / path).resolve()
                return section, demo, cells_mod.titled(cells_mod.parse(demo), str(demo))[0][title]
    pytest.fail("no slide includes a demo cell")


@pytest.mark.slow
def test_editing_an_included_demo_cell_rebuilds_only_what_shows_it(repo_copy):
    section, demo, cell = _included_cell(repo_copy)
    lines = demo.read_text(encoding="utf-8").splitlines(keepends=True)
    lines.insert(cell.end, "# a comment the deck must now show\n")
    demo.write_text("".join(lines), encoding="utf-8")

    output = make(repo_copy)
    rebuilt = re.findall(r"^deck (\S+): \d+ slides in", output, re.M)
    assert rebuilt == [section.key], output
    demo_section = demo.parent.name
    count = len(list(demo.parent.glob("*.py")))
    assert f"demos {demo_section}: running 1 of {count} demo(s)" in output, output  # that demo alone
    assert re.findall(r"^demos (\S+): running", output, re.M) == [demo_section], output
    zips = sorted(re.findall(r"^downloads: (\S+\.zip)", output, re.M))
    assert zips == sorted([f"{demo.parent.name}.zip", "all_demos.zip"]), output
    assert not any(" render " in c for c in commands(output)), "no animation depends on a demo"
    deck = (repo_copy / "build/site/decks" / f"{section.key}.html").read_text(encoding="utf-8")
    assert "a comment the deck must now show" in deck
    assert commands(make(repo_copy)) == []  # and then it is up to date again


@pytest.mark.slow
def test_touching_a_file_without_changing_it_rebuilds_nothing(repo_copy):
    section = next(s for s in SECTIONS if s.slides.is_file())
    (repo_copy / "slides" / section.slides.name).touch()
    output = make(repo_copy)
    assert f"deck {section.key}: up to date" in output
    assert not re.search(r"^deck \S+: \d+ slides in", output, re.M)


@pytest.mark.slow
def test_editing_slide_text_rebuilds_the_deck_without_a_kernel(repo_copy):
    section = next(s for s in SECTIONS if s.slides.is_file())
    notebook = repo_copy / "slides" / section.slides.name
    cell = next(c for c in cells_mod.parse(notebook)[1:] if c.kind == "markdown" and c.title)
    lines = notebook.read_text(encoding="utf-8").splitlines(keepends=True)
    lines.insert(cell.end, "# A sentence the deck must now show.\n")
    notebook.write_text("".join(lines), encoding="utf-8")

    output = make(repo_copy)
    assert f"deck {section.key}: all " in output and "(no kernel)" in output, output
    assert "executing" not in output
    deck = (repo_copy / "build/site/decks" / f"{section.key}.html").read_text(encoding="utf-8")
    assert "A sentence the deck must now show." in deck
