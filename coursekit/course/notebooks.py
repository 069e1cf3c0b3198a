"""Reading a notebook as Jupyter does: any format Jupytext reads, any nbformat 4.x (or 3) `.ipynb`, with what
the notebooks of the wild carry (Colab, VS Code and widget metadata, attachments, raw cells, ids where the
minor version allows none, none where it requires them), normalised by nbformat's own tools, and each cell's
line in the file for error messages.

Every problem is one `file:line: what is wrong, what to do` line (a CourseError), never a traceback.
"""

from __future__ import annotations

import json
import warnings
from pathlib import Path

from coursekit.course import cells as cells_mod
from coursekit.course import parsed
from coursekit.course.problems import CourseError, Problem, rel

SLIDE_TYPES = ("slide", "subslide", "fragment", "-", "skip", "notes")


def load_notebook(path: Path, root: Path):
    """Read a notebook in any format Jupytext reads (percent or light ``.py``, MyST or plain ``.md``, ``.Rmd``,
    ``.ipynb``; the format found from the file as Jupytext finds it), as a valid nbformat 4.5 notebook, with
    each cell's line for error messages where the format has lines. Kept in the parse cache by the file's bytes:
    a deck whose notebook did not change (a demo it includes did) reads it without Jupytext."""
    shown = rel(path, root)
    try:
        raw = path.read_bytes()
    except OSError:
        return _load(path, shown)  # which reports it, with its message
    return parsed.memo("notebook", raw, shown, lambda: _load(path, shown))


def _load(path: Path, shown: str):
    import jupytext

    if path.suffix.lower() == ".ipynb":
        nb, lines = read_ipynb(path, shown)
    else:
        text = cells_mod.read_text(path, shown)
        ext = next((e for e in jupytext.formats.NOTEBOOK_EXTENSIONS if e.lower() == path.suffix.lower()), None)
        if ext is None:
            raise CourseError(Problem(shown, 0, f"Jupytext reads no '{path.suffix}' notebooks; use one of "
                                      f"{', '.join(sorted(set(jupytext.formats.NOTEBOOK_EXTENSIONS)))}"))
        name = jupytext.formats.guess_format(text, ext)[0]
        if ext == ".py" and name == "percent":  # the course's own format: titled cells, checked headers
            cells = cells_mod.parse_text(text, shown)
            nb, lines = jupytext.reads(text, fmt="py:percent"), {i: c.line for i, c in enumerate(cells)}
        else:
            try:
                nb = jupytext.reads(text, fmt={"extension": ext, "format_name": name})
            except Exception as exc:  # jupytext raises several types on malformed notebooks
                raise CourseError(Problem(shown, 0, f"not a {name} notebook Jupytext can read ({exc})")) from None
            lines = cell_lines(text, nb)
    nb = normalised(nb, shown, lines)
    check_slideshow(nb, shown, lines)
    return nb, lines


def read_ipynb(path: Path, shown: str):
    """An ``.ipynb`` file as a notebook node and the line of each cell's ``"cell_type"`` in the file."""
    import nbformat

    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CourseError(Problem(shown, 0, f"not UTF-8 text (byte {exc.start}); save the notebook again from "
                                  "Jupyter")) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CourseError(Problem(shown, exc.lineno, f"not valid JSON: {exc.msg} at column {exc.colno}; a "
                                  "notebook is a JSON file (was it cut short, or edited by hand?)")) from None
    if not isinstance(data, dict) or not isinstance(data.get("nbformat"), int):
        raise CourseError(Problem(shown, 1, "not a Jupyter notebook: no \"nbformat\" version at its top level"))
    if data["nbformat"] not in (3, 4):
        raise CourseError(Problem(shown, 1, f"nbformat {data['nbformat']} is not one Jupyter reads today (3 or 4); "
                                  "open and save it in a current Jupyter"))
    if data["nbformat"] == 4 and not isinstance(data.get("cells"), list):
        raise CourseError(Problem(shown, 1, "not a Jupyter notebook: no list of \"cells\""))
    starts = [n for n, line in enumerate(text.splitlines(), start=1) if '"cell_type"' in line]
    cells = data.get("cells", [])
    lines = dict(enumerate(starts)) if len(starts) == len(cells) else {}
    for index, cell in enumerate(cells if isinstance(cells, list) else []):  # what nbformat's readers assume
        where = lines.get(index, 0)
        if not isinstance(cell, dict) or cell.get("cell_type") not in ("markdown", "code", "raw"):
            raise CourseError(Problem(shown, where, f"cell {index + 1} is not a markdown, code or raw cell; fix it "
                                      "in a text editor or delete it in Jupyter"))
        if not isinstance(cell.get("metadata", {}), dict):
            raise CourseError(Problem(shown, where, f"cell {index + 1}: its metadata is "
                                      f"{json.dumps(cell['metadata'])[:60]}, not an object; edit it in Jupyter's "
                                      "cell metadata panel or a text editor"))
    try:
        with warnings.catch_warnings():  # a missing id is repaired below; nbformat need not warn of it
            warnings.simplefilter("ignore")
            nb = nbformat.reads(text, as_version=4, capture_validation_error={})
    except Exception as exc:  # nbformat's converters raise what the malformed JSON makes them hit
        raise CourseError(Problem(shown, 1, f"nbformat cannot read it ({exc.__class__.__name__}: {exc})")) from None
    return nb, lines


def normalised(nb, shown: str, lines: dict[int, int]):
    """``nb`` upgraded to nbformat 4.5 with nbformat's own upgrade (which gives cells the ids 4.5 requires and
    older minors forbid), repaired by nbformat's normaliser (missing fields, metadata the schema rejects), then
    validated: a notebook no tool can repair is a clear error naming the cell."""
    import nbformat
    from nbformat import validator

    try:
        with warnings.catch_warnings():  # nbformat warns of what normalize is about to repair
            warnings.simplefilter("ignore")
            nb = nbformat.v4.upgrade(nb, from_version=nb.get("nbformat", 4), from_minor=nb.get("nbformat_minor", 0))
            _, fixed = validator.normalize(nb, version=4, version_minor=nbformat.v4.nbformat_minor,
                                           strip_invalid_metadata=True)
            nb = nbformat.from_dict(fixed)
        nbformat.validate(nb)
    except validator.ValidationError as exc:
        path = list(getattr(exc, "absolute_path", []) or [])
        where = lines.get(path[1], 0) if len(path) > 1 and path[0] == "cells" and isinstance(path[1], int) else 0
        cell = f"cell {path[1] + 1}: " if len(path) > 1 and path[0] == "cells" and isinstance(path[1], int) else ""
        field = "/".join(str(p) for p in path) or "the notebook"
        message = str(getattr(exc, "message", exc)).splitlines()[0]
        raise CourseError(Problem(shown, where, f"{cell}invalid notebook at {field}: {message}; fix it in Jupyter "
                                  "or a text editor")) from None
    return nb


def check_slideshow(nb, shown: str, lines: dict[int, int]) -> None:
    """Each cell's ``slideshow`` metadata is what RISE and nbconvert understand."""
    for index, cell in enumerate(nb.cells):
        show = cell.metadata.get("slideshow")
        if show is None:
            continue
        if not isinstance(show, dict):
            raise CourseError(Problem(shown, lines.get(index, 0), f"cell {index + 1}: slideshow metadata is "
                                      f"{json.dumps(show)}, not an object such as {{\"slide_type\": \"slide\"}}"))
        kind = show.get("slide_type", "-")
        if kind not in SLIDE_TYPES and kind not in ("", None):  # RISE writes "" for "-", as nbconvert reads it
            raise CourseError(Problem(shown, lines.get(index, 0), f"cell {index + 1}: slide_type {json.dumps(kind)} "
                                      f"is not one of {', '.join(SLIDE_TYPES)}"))


def cell_lines(text: str, nb) -> dict[int, int]:
    """Where each cell's first line of source is in ``text``, found in order (a comment prefix such as the
    light format's ``# `` allowed): formats other than percent keep no header line per cell."""
    lines = text.splitlines()
    found, at = {}, 0
    for index, cell in enumerate(nb.cells):
        first = next((ln.strip() for ln in cell.source.splitlines() if ln.strip()), "")
        if not first:
            continue
        for number in range(at, len(lines)):
            candidate = lines[number].strip()
            if candidate == first or candidate.lstrip("#").strip() == first:
                found[index] = number + 1
                at = number + 1
                break
    return found
