"""A deck's code cells run: in the kernel the notebook names, in one fresh kernel per build, with every cell's
output cached so that a deck whose code did not change is built with no kernel at all. A failing cell is
reported by file, line and title, with advice when this machine lacks what it needs.
"""

from __future__ import annotations

import re
import subprocess
from importlib.metadata import version
from pathlib import Path

from coursekit.build.deck_source import DeckSource
from coursekit.course import cache, fsio
from coursekit.course.problems import CourseError, Problem, rel

CELL_TIMEOUT = 120  # seconds a slide cell may run


class CellCache:
    """Outputs of a deck's code cells, each under the hash of every code cell up to it (with includes
    resolved), the notebook's place in the repository and the versions that produce outputs.

    A deck whose every code cell is cached is built with no kernel at all (a Markdown edit). Any miss runs the
    whole notebook in one fresh kernel, so that a cell that reads a file, the clock or unseeded randomness
    still sees exactly the state a plain top-to-bottom run gives it. Keys hold no absolute path or time, so
    the cache can move between checkouts and machines; a corrupt entry is a miss; entries no cell of the
    current notebook uses are removed after each build.
    """

    def __init__(self, directory: Path, src: DeckSource, root: Path):
        import sys

        self.directory = directory
        base = {"notebook": rel(src.notebook, root), "python": list(sys.version_info[:2]),
                **{p: version(p) for p in ("torch", "nbclient", "nbconvert", "ipykernel")}}
        self.keys: dict[int, str] = {}  # cell index -> key
        chain = cache.key(base)
        for index, cell in enumerate(src.nb.cells):
            if cell.cell_type == "code":
                chain = cache.key({"before": chain, "source": cell.source})
                self.keys[index] = chain

    def _path(self, key: str) -> Path:
        return self.directory / f"{key}.json"

    def load(self, nb) -> bool:
        """Fill every code cell's outputs from the cache; False (nothing filled) unless all are there."""
        import json

        import nbformat

        found = {}
        for index, key in self.keys.items():
            try:
                entry = json.loads(self._path(key).read_text(encoding="utf-8"))
                found[index] = ([nbformat.from_dict(o) for o in entry["outputs"]], entry["execution_count"])
            except (OSError, ValueError, KeyError, TypeError):
                return False
        for index, (outputs, count) in found.items():
            nb.cells[index].outputs = outputs
            nb.cells[index].execution_count = count
        return True

    def store(self, nb) -> None:
        import json

        for index, key in self.keys.items():
            cell = nb.cells[index]
            entry = {"outputs": cell.outputs, "execution_count": cell.execution_count}
            fsio.write_text(self._path(key), json.dumps(entry, sort_keys=True))
        keep = {f"{key}.json" for key in self.keys.values()}
        for stale in self.directory.glob("*.json"):
            if stale.name not in keep:
                stale.unlink(missing_ok=True)


def execute(src: DeckSource, timeout: int = CELL_TIMEOUT) -> None:
    """Run every code cell in one fresh kernel; a failing cell is reported by file, line and title."""
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

    client = NotebookClient(src.nb, timeout=timeout, kernel_name=kernel_for(src),
                            resources={"metadata": {"path": str(src.notebook.parent)}})
    line_of = {id(cell): src.lines.get(i, 0) for i, cell in enumerate(src.nb.cells)
               if not cell.metadata.get("from_script")}
    # The kernel's own log (a warning about TCP transport on every start) is noise here: what a cell
    # prints reaches us through the notebook protocol, not the kernel's stderr.
    with client.setup_kernel(stderr=subprocess.DEVNULL):
        for index, cell in enumerate(src.nb.cells):
            try:
                client.execute_cell(cell, index)
            except (CellExecutionError, CellTimeoutError, DeadKernelError) as exc:
                title = cell.metadata.get("title")
                origin = f" (included from {cell.metadata['included_from']})" if "included_from" in cell.metadata else ""
                what = f"cell '{title}'" if title else f"cell {index + 1}"
                if isinstance(exc, CellExecutionError):
                    ename, evalue = exc.ename, exc.evalue
                    if ename in (None, "NoneType"):  # raised inside IPython's display formatter: read its traceback
                        ename, evalue = _last_exception(str(exc))
                    reason = f"{ename}: {evalue}" + _advice(ename, evalue)
                elif isinstance(exc, CellTimeoutError):
                    reason = f"did not finish within {timeout} s"
                else:
                    reason = "the kernel died"
                raise CourseError(Problem(src.shown, line_of.get(id(cell), 0),
                                          f"{what}{origin} failed while building the deck: {reason}")) from None


def kernel_for(src: DeckSource) -> str:
    """The kernel the notebook names when it is installed here; Python's own for a Python notebook (Colab and
    VS Code name kernels after a machine's environments); otherwise a clear error."""
    from jupyter_client.kernelspec import KernelSpecManager

    spec = src.nb.metadata.get("kernelspec") or {}
    name = spec.get("name") or "python3"
    installed = KernelSpecManager().find_kernel_specs()
    if name in installed:
        return name
    language = (spec.get("language") or src.nb.metadata.get("language_info", {}).get("name") or "python").lower()
    if language == "python":
        return "python3"
    raise CourseError(Problem(src.shown, 0, f"the notebook runs in the kernel '{name}' ({spec.get('display_name') or language}), "
                              "which is not installed here; build its deck from the outputs saved in it with "
                              "--no-execute"))


def _last_exception(text: str) -> tuple[str, str]:
    """The exception a traceback ends with, as (name, message); ("error", first line) when none is found."""
    lines = [re.sub(r"\x1b\[[0-9;]*m", "", line).strip() for line in text.splitlines()]
    for line in reversed(lines):
        found = re.match(r"^([A-Za-z_][\w.]*(?:Error|Exception|Exit|Interrupt)): (.+)$", line)
        if found:
            return found[1], found[2]
    return "error", next((line for line in lines if line), "no message")


def _advice(ename: str, evalue: str) -> str:
    """What to do when a cell fails for want of something this machine lacks."""
    missing = re.search(r"No module named '([^']+)'", evalue or "")
    if ename in ("ModuleNotFoundError", "ImportError") and missing:
        return (f"; the module '{missing[1].split('.')[0]}' is not installed where the deck runs: install it, or "
                "build the deck from the outputs saved in the notebook with --no-execute")
    if ename == "UsageError" and "magic" in (evalue or ""):
        return ("; that magic needs an extension this kernel lacks (such as rpy2 for %%R): install it, or build "
                "the deck from the outputs saved in the notebook with --no-execute")
    return ""
