"""Runs one demo cell by cell in a fresh process, timing each cell (run by coursekit.demos).

The cells run in one namespace, in order, as `python demo.py` would run them; code is compiled with the
demo's own file name and line numbers, so a failure points at the demo's real line.
"""

from __future__ import annotations

import json
import sys
import time
import traceback
from pathlib import Path


def main() -> None:
    path, result_file = Path(sys.argv[1]).resolve(), Path(sys.argv[2])
    from coursekit.cells import parse

    cells = [c for c in parse(path, str(path)) if c.kind == "code"]
    namespace = {"__name__": "__main__", "__file__": str(path)}
    sys.path.insert(0, str(path.parent))
    sys.argv = [str(path)]
    timings, result = [], {"ok": True}
    for cell in cells:
        code = compile("\n" * cell.line + cell.source, str(path), "exec")  # source starts below the header
        started = time.perf_counter()
        try:
            exec(code, namespace)
        except BaseException as exc:  # noqa: BLE001 - any failure of the demo is reported with its line
            frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename == str(path)]
            result = {"ok": False, "title": cell.title, "line": frames[-1].lineno if frames else cell.line,
                      "error": f"{type(exc).__name__}: {exc}".strip()}
            break
        finally:
            timings.append({"title": cell.title, "line": cell.line, "seconds": round(time.perf_counter() - started, 4)})
    result["cells"] = timings
    sys.stdout.flush()
    result_file.write_text(json.dumps(result), encoding="utf-8")


if __name__ == "__main__":
    main()
