"""Viewer downloads: the section's demos as .py and .ipynb, pinned requirements, reproducible bytes."""

from __future__ import annotations

import zipfile

import pytest
from conftest import ROOT, SECTIONS

from coursekit.build.downloads import section_files, write_zip

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


NOTEBOOKS = [(s, d) for s in WITH_DEMOS for d in s.demos]


def executed_in_a_kernel(section, demo) -> bool:
    """Which notebooks nbclient executes (a kernel and a torch import each, ~4 s): one a section (the quickest
    demo by the build's timings), and every notebook where a kernel differs from `python file.py` (worker
    processes and `__main__` guards). The others hold their .py's cells byte for byte, and test_demos runs
    every .py from an empty folder."""
    from coursekit.build.demos import cell_seconds

    times = cell_seconds(ROOT, section.key)

    def seconds(d):
        prefix = f"{d.relative_to(ROOT).as_posix()}#"
        return sum(v for k, v in times.items() if k.startswith(prefix))

    text = demo.read_text(encoding="utf-8")
    quickest = min(section.demos, key=lambda d: (seconds(d), d.name))
    return demo == quickest or any(word in text for word in ("num_workers", "__main__", "multiprocessing"))


@pytest.mark.slow
@pytest.mark.parametrize("section, demo", NOTEBOOKS, ids=lambda v: getattr(v, "name", None) or v.key)
def test_downloaded_notebook_holds_the_demo_and_runs_from_an_empty_folder(site, section, demo, tmp_path):
    """Unzip the section's download alone; its notebook holds the demo's code and runs there, as a viewer's."""
    import nbformat
    from nbclient import NotebookClient

    from coursekit.course.cells import parse

    with zipfile.ZipFile(site / "downloads" / f"{section.key}.zip") as zf:
        zf.extractall(tmp_path)
    folder = tmp_path / section.key
    assert (folder / demo.name).read_bytes() == demo.read_bytes()  # the .py that test_demos runs
    nb = nbformat.read(folder / f"{demo.stem}.ipynb", as_version=4)
    headings = [c.source for c in nb.cells if c.cell_type == "markdown" and c.source.startswith("### ")]
    assert headings, "cell titles become headings"
    code = [c.source for c in nb.cells if c.cell_type == "code"]
    assert code == [c.source for c in parse(demo) if c.kind == "code"], "the notebook holds the demo's code"
    if executed_in_a_kernel(section, demo):
        NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(folder)}}).execute()
        assert any(o.get("output_type") == "stream" for c in nb.cells if c.cell_type == "code" for o in c.outputs)
