"""`coursekit deck` on notebooks as they are found in the wild (tests/fixtures/wild/, written by its
make_fixtures.py in the styles real notebooks have): every one builds, from its saved outputs and executed, into
the slides nbconvert's own SlidesExporter makes of it; and a broken notebook of any kind gets one line naming
the file (and line) and what to do, never a traceback."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner

from coursekit.cli import cli
from coursekit.course.notebooks import load_notebook

WILD = Path(__file__).parent / "fixtures" / "wild"
FIXTURES = sorted(WILD.glob("*.ipynb"))
# Executing needs what the notebook's author had: R and rpy2 for the %%R magic. This machine has neither.
NEEDS_R = {"r_cell_magic.ipynb"}


def structure(page: str) -> list[list[int]]:
    """The deck's shape: for each slide, its sub-slides, each as the number of fragments it steps through."""
    soup = BeautifulSoup(page, "html.parser")
    shape = []
    for slide in soup.select(".reveal .slides > section"):
        subs = slide.find_all("section", recursive=False) or [slide]
        shape.append([len(sub.select(".fragment")) for sub in subs])
    return shape


def nbconvert_slides(path: Path, execute: bool) -> str:
    from nbconvert import SlidesExporter
    from nbconvert.preprocessors import ExecutePreprocessor

    nb = nbformat.read(path, as_version=4)
    if execute:
        ExecutePreprocessor(timeout=120, kernel_name="python3").preprocess(nb, {"metadata": {"path": str(path.parent)}})
    return SlidesExporter().from_notebook_node(nb)[0]


def build(tmp_path: Path, notebook: Path, *options: str):
    (tmp_path / "scripts").mkdir(exist_ok=True)
    out = tmp_path / "build" / "site" / "decks" / f"{notebook.stem}.html"
    result = CliRunner().invoke(cli, ["--root", str(tmp_path), "deck", str(notebook), "-o", str(out), *options])
    return result, out


def test_the_fixtures_cover_the_wild():
    seen = {"minors": set(), "ids": set(), "metadata": set(), "outputs": set(), "cells": set(), "slides": set()}
    for path in FIXTURES:
        data = json.loads(path.read_text(encoding="utf-8"))
        seen["minors"].add(data["nbformat_minor"])
        seen["ids"].add((data["nbformat_minor"] >= 5, all("id" in c for c in data["cells"])))
        seen["metadata"] |= set(data["metadata"]) & {"colab", "vscode", "widgets", "rise"}
        seen["metadata"] |= {"no kernelspec"} if "kernelspec" not in data["metadata"] else set()
        for cell in data["cells"]:
            seen["cells"].add(cell["cell_type"] + ("+attachments" if cell.get("attachments") else ""))
            seen["slides"].add(cell["metadata"].get("slideshow", {}).get("slide_type"))
            if cell["cell_type"] == "code" and cell["source"] and cell["source"][0].startswith("%%R"):
                seen["cells"].add("R magic")
            for output in cell.get("outputs", []):
                seen["outputs"] |= set(output.get("data", {}))
    assert seen["minors"] >= {0, 1, 2, 4, 5}
    assert seen["ids"] >= {(False, True), (False, False), (True, True), (True, False)}, "ids where forbidden and missing where required"
    assert seen["metadata"] >= {"colab", "vscode", "widgets", "rise", "no kernelspec"}
    assert seen["cells"] >= {"raw", "markdown+attachments", "R magic"}
    assert seen["outputs"] >= {"text/html", "image/svg+xml", "image/png", "text/latex", "text/markdown",
                               "application/vnd.jupyter.widget-view+json"}
    assert seen["slides"] >= {"slide", "subslide", "fragment", "-", "", "skip", "notes"}


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
def test_a_wild_notebook_reads_as_a_valid_nbformat_4_5_notebook(path):
    nb, lines = load_notebook(path, WILD)
    nbformat.validate(nb)
    assert (nb.nbformat, nb.nbformat_minor) == (4, 5)
    assert all(cell.get("id") for cell in nb.cells)
    assert len(lines) == len(nb.cells), "every cell has its line in the file, for error messages"


@pytest.mark.slow
@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
def test_from_its_saved_outputs_a_wild_notebook_gives_nbconvert_slides(path, tmp_path):
    result, out = build(tmp_path, path, "--no-execute")
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    page = out.read_text(encoding="utf-8")
    assert structure(page) == structure(nbconvert_slides(path, execute=False))
    saved = [o for c in json.loads(path.read_text())["cells"] for o in c.get("outputs", []) if o.get("output_type") == "stream"]
    for output in saved:  # the outputs shown are the ones saved, not new ones
        assert "".join(output["text"]).strip() in page


@pytest.mark.slow
@pytest.mark.parametrize("path", [p for p in FIXTURES if p.name not in NEEDS_R], ids=lambda p: p.name)
def test_executed_a_wild_notebook_gives_the_slides_nbconvert_makes_executing_it(path, tmp_path):
    copy = tmp_path / path.name
    data = json.loads(path.read_text(encoding="utf-8"))
    for cell in data["cells"]:  # clear the saved outputs: what the deck shows must come from running it
        if cell["cell_type"] == "code":
            cell["outputs"], cell["execution_count"] = [], None
    copy.write_text(json.dumps(data), encoding="utf-8")
    result, out = build(tmp_path, copy)
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert structure(page) == structure(nbconvert_slides(copy, execute=True))
    assert "10\n" in BeautifulSoup(page, "html.parser").get_text(), "the talk's code ran: its printed sum is shown"


@pytest.mark.slow
def test_executing_a_notebook_whose_magic_needs_a_missing_module_names_it_and_suggests_no_execute(tmp_path):
    result, out = build(tmp_path, WILD / "r_cell_magic.ipynb")
    assert result.exit_code == 1
    lines = [ln for ln in result.output.strip().splitlines() if not ln.startswith("deck ")]  # not progress
    assert len(lines) == 1 and "Traceback" not in result.output, result.output
    assert "r_cell_magic.ipynb:" in lines[0] and "'rpy2'" in lines[0] and "--no-execute" in lines[0], lines[0]
    assert not out.exists()


def _talk() -> dict:
    return json.loads((WILD / "nbformat_4_4_with_ids.ipynb").read_text(encoding="utf-8"))


def _broken(kind: str, folder: Path) -> tuple[Path, tuple[str, ...]]:
    """A notebook broken in one way, and the options to build it with."""
    data = _talk()
    path = folder / f"{kind}.ipynb"
    options: tuple[str, ...] = ("--no-execute",)
    if kind == "invalid-json":
        path.write_text(json.dumps(data, indent=1)[:700], encoding="utf-8")  # cut short, as a crashed save leaves it
        return path, options
    if kind == "unknown-format":
        path = folder / "talk.docx"
        path.write_bytes(b"PK\x03\x04 not a notebook")
        return path, options
    if kind == "newer-nbformat":
        data["nbformat"] = 5
    elif kind == "not-a-notebook":
        data = {"cells": data["cells"]}
    elif kind == "metadata-not-an-object":
        data["cells"][2]["metadata"] = ["slide"]
    elif kind == "slideshow-not-an-object":
        data["cells"][2]["metadata"]["slideshow"] = "subslide"
    elif kind == "unknown-slide-type":
        data["cells"][2]["metadata"]["slideshow"] = {"slide_type": "sub-slide"}
    elif kind == "missing-picture":
        data["cells"][1]["source"] = ["![the curve](figures/curve.png)"]
    elif kind == "failing-cell":
        data["cells"][3]["source"] = ["raise ValueError('wrong shape')"]
        options = ()
    elif kind == "missing-displayed-file":  # the error is raised inside IPython's display formatter
        data["cells"][3]["source"] = ["from IPython.display import Image\n", "Image('notebook_components.png')"]
        options = ()
    elif kind == "missing-module":
        data["cells"][3]["source"] = ["import plotly.express as px"]
        options = ()
    elif kind == "timeout":
        data["cells"][3]["source"] = ["import time\n", "time.sleep(30)"]
        options = ("--timeout", "2")
    elif kind == "missing-kernel":
        data["metadata"]["kernelspec"] = {"display_name": "R", "language": "R", "name": "ir"}
        data["metadata"]["language_info"] = {"name": "R"}
        options = ()
    path.write_text(json.dumps(data, indent=1), encoding="utf-8")
    return path, options


BROKEN = {
    "invalid-json": ("invalid-json.ipynb:", "not valid JSON"),
    "unknown-format": ("talk.docx:", "Jupytext reads no '.docx' notebooks"),
    "newer-nbformat": ("newer-nbformat.ipynb:1:", "nbformat 5"),
    "not-a-notebook": ("not-a-notebook.ipynb:1:", "no \"nbformat\" version"),
    "metadata-not-an-object": ("metadata-not-an-object.ipynb:", "cell 3"),
    "slideshow-not-an-object": ("slideshow-not-an-object.ipynb:", "cell 3: slideshow metadata"),
    "unknown-slide-type": ("unknown-slide-type.ipynb:", 'slide_type "sub-slide" is not one of'),
    "missing-picture": ("missing-picture.ipynb:", "the picture figures/curve.png is not there"),
    "failing-cell": ("failing-cell.ipynb:", "ValueError: wrong shape"),
    "missing-displayed-file": ("missing-displayed-file.ipynb:",
                               "FileNotFoundError: No such file or directory: 'notebook_components.png'"),
    "missing-module": ("missing-module.ipynb:", "the module 'plotly' is not installed"),
    "timeout": ("timeout.ipynb:", "did not finish within 2 s"),
    "missing-kernel": ("missing-kernel.ipynb:", "kernel 'ir'"),
}


@pytest.mark.slow
@pytest.mark.parametrize("kind", list(BROKEN))
def test_a_broken_notebook_gets_one_line_never_a_traceback_and_keeps_the_last_deck(kind, tmp_path):
    good = tmp_path / "talk"
    good.mkdir()
    path, options = _broken(kind, good)
    (tmp_path / "scripts").mkdir()
    out = tmp_path / "build" / "site" / "decks" / "deck.html"
    out.parent.mkdir(parents=True)
    out.write_text("the last good deck", encoding="utf-8")
    result = CliRunner().invoke(cli, ["--root", str(tmp_path), "deck", str(path), "-o", str(out), *options])
    where, what = BROKEN[kind]
    lines = [ln for ln in result.output.strip().splitlines() if not ln.startswith("deck ")]  # not progress
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output and result.exception is None or isinstance(result.exception, SystemExit)
    assert len(lines) == 1, result.output
    assert lines[0].startswith(f"talk/{where}") and what in lines[0], lines[0]
    assert out.read_text(encoding="utf-8") == "the last good deck"


@pytest.mark.slow
def test_someone_elses_notebook_shows_its_web_pictures_as_links_and_says_so(tmp_path):
    data = _talk()
    data["cells"][1]["source"] = ["[![Open In Colab](https://colab.research.google.com/assets/colab-badge.svg)]"
                                  "(https://colab.research.google.com/github/a/b)\n", "\n",
                                  '<img src="https://example.com/curve.png" alt="the loss curve" width="300">']
    path = tmp_path / "talk" / "colab.ipynb"
    path.parent.mkdir()
    path.write_text(json.dumps(data, indent=1), encoding="utf-8")
    result, out = build(tmp_path, path, "--no-execute")
    assert result.exit_code == 0, result.output
    assert "warning: line" in result.output and "colab-badge.svg is on the web" in result.output
    soup = BeautifulSoup(out.read_text(encoding="utf-8"), "html.parser")
    assert not [i for i in soup.select("img") if "//" in (i.get("src") or "")], "nothing loads from the web"
    links = {a.get_text(): a["href"] for a in soup.select(".reveal a[href]")}
    assert links["the loss curve"] == "https://example.com/curve.png"
    assert links["Open In Colab"] == "https://colab.research.google.com/github/a/b", "a linked badge keeps its link"
