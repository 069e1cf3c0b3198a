"""Incremental builds, through make itself: nothing changed -> nothing runs; one demo cell edited -> only
what shows that cell is rebuilt. Run on a copy of the built repository, so the real build is untouched."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT, SECTIONS, make

from coursekit.build import code_slides
from coursekit.course import cells as cells_mod


def commands(output: str) -> list[str]:
    return [line for line in output.splitlines() if "-m coursekit" in line]


def test_second_make_does_nothing(site):
    output = make(ROOT)
    assert commands(output) == [], output


def _decks_including(copy: Path, ref: str) -> list[str]:
    """The sections whose slides include the demo cell ``ref`` ('demos/NN/x.py#title'), or whose script shows it
    in VS Code (the deck then has it on a code sub-slide)."""
    keys = []
    for section in SECTIONS:
        if not section.slides.is_file():
            continue
        if ref in {s.ref for s in code_slides.plan(copy / "slides" / section.slides.name, copy)}:
            keys.append(section.key)
            continue
        for cell in cells_mod.parse(section.slides):
            path, _, title = str(cell.metadata.get("include", "")).partition("#")
            if path and (copy / "slides" / path).resolve() == (copy / ref.partition("#")[0]).resolve() \
                    and title == ref.partition("#")[2]:
                keys.append(section.key)
    return keys


@pytest.mark.slow
def test_editing_one_demo_cell_reruns_that_demo_and_rebuilds_only_what_shows_it(repo_copy):
    section = next(s for s in SECTIONS if len(s.demos) > 1)
    demo = repo_copy / section.demos[-1].relative_to(ROOT)
    cell = next(c for c in cells_mod.parse(demo) if c.title)
    lines = demo.read_text(encoding="utf-8").splitlines(keepends=True)
    lines.insert(cell.end, "# a comment the build must now carry\n")
    demo.write_text("".join(lines), encoding="utf-8")

    output = make(repo_copy)
    assert f"demos {section.key}: running 1 of {len(section.demos)} demo(s)" in output, output  # that demo alone
    assert re.findall(r"^demos (\S+): running", output, re.M) == [section.key], output
    rebuilt = re.findall(r"^deck (\S+): \d+ slides in", output, re.M)
    including = _decks_including(repo_copy, f"{demo.relative_to(repo_copy).as_posix()}#{cell.title}")
    assert sorted(rebuilt) == sorted(including), output  # decks showing the cell, and no other
    zips = sorted(re.findall(r"^downloads: (\S+\.zip)", output, re.M))
    assert zips == sorted([f"{section.key}.zip", "all_demos.zip"]), output
    assert not any(" render " in c for c in commands(output)), "no animation depends on a demo"
    with zipfile.ZipFile(repo_copy / "build/site/downloads" / f"{section.key}.zip") as zf:
        assert "a comment the build must now carry" in zf.read(f"{section.key}/{demo.name}").decode()
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
    assert "(no kernel)" in output, output  # cached outputs, or no code at all (the cache: test_deck_build)
    assert "executing" not in output
    deck = (repo_copy / "build/site/decks" / f"{section.key}.html").read_text(encoding="utf-8")
    assert "A sentence the deck must now show." in deck


@pytest.mark.slow
@pytest.mark.parametrize("stage, remade", [("site", {"site"}), ("video", {"drafts", "site"})])
def test_an_edit_to_one_stage_of_coursekit_remakes_that_stage_and_the_later_ones_only(repo_copy, stage, remade):
    """coursekit's imports run course -> build -> video -> site (tests/test_layout.py), so make can remake an
    artifact only when the code of its stage or of an earlier one changed."""
    make(repo_copy)  # up to date first (a no-op on a fresh build)
    for module in (repo_copy / "coursekit" / stage).glob("*.py"):
        module.touch()
    ran = {re.search(r"-m coursekit (\S+)", c)[1] for c in commands(make(repo_copy))}
    assert ran == remade, ran
    assert commands(make(repo_copy)) == []
