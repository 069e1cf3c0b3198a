"""Viewer downloads: the section's demos as .py and .ipynb, pinned requirements, reproducible bytes."""

from __future__ import annotations

import zipfile

import pytest

from conftest import SECTIONS
from coursekit.downloads import section_files, write_zip

WITH_DEMOS = [s for s in SECTIONS if s.demos]


@pytest.mark.parametrize("section", WITH_DEMOS, ids=lambda s: s.key)
def test_zip_holds_exactly_the_sections_demos(site, section):
    with zipfile.ZipFile(site / "downloads" / f"{section.key}.zip") as zf:
        names = set(zf.namelist())
        expected = {f"{section.key}/{d.name}" for d in section.demos} | {f"{section.key}/{d.stem}.ipynb" for d in section.demos}
        expected |= {f"{section.key}/requirements.txt", f"{section.key}/README.md"}
        assert names == expected
        for demo in section.demos:
            assert zf.read(f"{section.key}/{demo.name}") == demo.read_bytes()
        requirements = zf.read(f"{section.key}/requirements.txt").decode().splitlines()
        assert "torch==2.13.0" in requirements
        assert all("==" in line for line in requirements)


def test_all_demos_zip_covers_every_section(site):
    with zipfile.ZipFile(site / "downloads" / "all_demos.zip") as zf:
        folders = {name.split("/")[0] for name in zf.namelist()}
    assert folders == {s.key for s in WITH_DEMOS}


def test_zips_are_reproducible(tmp_path):
    section = WITH_DEMOS[0]
    write_zip(tmp_path / "a.zip", section_files(section))
    write_zip(tmp_path / "b.zip", section_files(section))
    assert (tmp_path / "a.zip").read_bytes() == (tmp_path / "b.zip").read_bytes()
