"""Titled cells of Jupytext percent-format files (demos and slide notebooks), with their line numbers.

Jupytext reads the cells (types, metadata, sources); we only add where each cell starts, which Jupytext
does not keep, so that problems and cues can name ``file:line``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from coursekit.course.problems import CourseError, Problem

HEADER_RE = re.compile(r"^# %%(?!%)")


@dataclass(frozen=True)
class Cell:
    title: str | None
    kind: str  # "code", "markdown" or "raw"
    line: int  # 1-based line of the cell's "# %%" header (1 for a header-less preamble)
    end: int  # last line of the cell, blank lines before the next header excluded
    source: str
    metadata: dict = field(default_factory=dict, compare=False, hash=False)


def read_text(path: Path, shown: str) -> str:
    """A source file's text, or a problem naming the file when it is not UTF-8."""
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        line = path.read_bytes()[: exc.start].count(b"\n") + 1
        raise CourseError(Problem(shown, line, "not valid UTF-8 text; save the file as UTF-8")) from None
    except FileNotFoundError:
        raise CourseError(Problem(shown, 0, "file not found")) from None


def parse_text(text: str, shown: str) -> list[Cell]:
    import jupytext  # deferred: it costs ~0.3 s and most commands never read a notebook

    try:
        nb = jupytext.reads(text, fmt="py:percent")
    except Exception as exc:  # jupytext raises several types on malformed headers
        raise CourseError(Problem(shown, 0, f"not a Jupytext percent notebook: {exc}")) from None
    lines = text.splitlines()
    headers = [i + 1 for i, line in enumerate(lines) if HEADER_RE.match(line)]
    starts = headers if len(headers) == len(nb.cells) else [1] + headers
    if len(starts) != len(nb.cells):
        raise CourseError(Problem(shown, 0, f"Jupytext found {len(nb.cells)} cells but there are "
                                  f"{len(headers)} '# %%' lines; check the cell headers"))
    cells = []
    for i, (cell, start) in enumerate(zip(nb.cells, starts)):
        end = (starts[i + 1] - 1) if i + 1 < len(starts) else len(lines)
        while end > start and not lines[end - 1].strip():
            end -= 1
        meta = json.loads(json.dumps(cell.metadata))  # plain dicts: a cached parse loads without nbformat
        cells.append(Cell(meta.pop("title", None), cell.cell_type, start, end, cell.source, meta))
    return cells


@lru_cache(maxsize=256)
def _parse_cached(path: Path, mtime_ns: int, shown: str) -> tuple[Cell, ...]:
    from coursekit.course import parsed

    text = read_text(path, shown)
    return parsed.memo("cells", text, shown, lambda: tuple(parse_text(text, shown)))


def parse(path: Path, shown: str | None = None) -> list[Cell]:
    shown = shown or str(path)
    try:
        mtime = path.stat().st_mtime_ns
    except FileNotFoundError:
        raise CourseError(Problem(shown, 0, "file not found")) from None
    return list(_parse_cached(path, mtime, shown))


def titled(cells: list[Cell], shown: str) -> tuple[dict[str, Cell], list[Problem]]:
    """Cells by title, and a problem for each title used twice (a cue could not tell them apart)."""
    found: dict[str, Cell] = {}
    problems = []
    for cell in cells:
        if not cell.title:
            continue
        if cell.title in found:
            problems.append(Problem(shown, cell.line, f"duplicate cell title '{cell.title}' "
                                    f"(first at line {found[cell.title].line}); cell titles must be unique in a file"))
        else:
            found[cell.title] = cell
    return found, problems
