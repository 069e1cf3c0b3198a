"""Runs one demo cell by cell, timing each cell: the body of every demo run, warm or cold.

The cells run in order in a fresh module installed as ``__main__``, as `python demo.py` would run them:
``if __name__ == "__main__"`` guards hold, and a DataLoader worker started with spawn re-imports the demo
itself. Code is compiled with the demo's own file name and line numbers, so a failure points at its line.

Progress goes to ``events`` as JSON lines ({"cell": title, "line": n} before each cell, then {"result": ...})
so that whoever waits on the run can name the cell that hung or crashed.
"""

from __future__ import annotations

import json
import os
import sys
import time
import traceback
import types
from pathlib import Path
from typing import IO


def _position() -> int | None:
    """Where the demo's output file stands (stdout and stderr share it in a warm child); None on a pipe."""
    sys.stdout.flush()
    sys.stderr.flush()
    try:
        return os.lseek(1, 0, os.SEEK_CUR)
    except OSError:
        return None


def run_cells(path: Path, events: IO[str] | None = None, cells: list | None = None) -> dict:
    """Run the demo at ``path`` (its ``cells`` when the caller parsed them already)."""
    from coursekit.course.cells import parse

    def emit(event: dict) -> None:
        if events is not None:
            events.write(json.dumps(event) + "\n")
            events.flush()

    from coursekit.course.problems import CourseError

    try:
        cells = [c for c in (parse(path, str(path)) if cells is None else cells) if c.kind == "code"]
    except CourseError as exc:
        result = {"ok": False, "title": None, "line": exc.problems[0].line, "error": exc.problems[0].message,
                  "cells": []}
        emit({"result": result})
        return result
    main = types.ModuleType("__main__")
    main.__file__ = str(path)
    sys.modules["__main__"] = main
    sys.path.insert(0, str(path.parent))
    sys.argv = [str(path)]
    timings, result = [], {"ok": True}
    for cell in cells:
        emit({"cell": cell.title, "line": cell.line})
        code = compile("\n" * cell.line + cell.source, str(path), "exec")  # source starts below the header
        started, begin = time.perf_counter(), _position()
        try:
            exec(code, main.__dict__)
        except BaseException as exc:  # noqa: BLE001 - any failure of the demo is reported with its line
            frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename == str(path)]
            result = {"ok": False, "title": cell.title, "line": frames[-1].lineno if frames else cell.line,
                      "error": f"{type(exc).__name__}: {exc}".strip()}
            break
        finally:
            timing = {"title": cell.title, "line": cell.line, "seconds": round(time.perf_counter() - started, 4)}
            end = _position()
            if begin is not None and end is not None:
                timing["output_span"] = [begin, end]  # bytes of the output file this cell wrote
            timings.append(timing)
    result["cells"] = timings
    sys.stdout.flush()
    sys.stderr.flush()
    emit({"result": result})
    return result


def main() -> None:
    """`python -m coursekit.build.demo_runner DEMO`: one cold run, progress and result as JSON lines on stderr."""
    result = run_cells(Path(sys.argv[1]).resolve(), sys.stderr)
    raise SystemExit(0 if result["ok"] else 1)


if __name__ == "__main__":
    main()
