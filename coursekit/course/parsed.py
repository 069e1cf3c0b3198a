"""Parsed sources kept on disk between processes, by content.

One `make` starts several coursekit processes (deck, drafts, site) and each reads every script and demo it
links; parsing a demo with Jupytext costs ~25 ms and a script ~60 ms, which a site build paid ~70 times. A
parse is pickled under ``build/cache/parsed/``, keyed by the text, the name it is shown under and the code that
parsed it (the parser modules' source and the versions of Jupytext, markdown-it and Pygments), so an entry can
only be reused for exactly the input and code that made it. An entry that does not load is parsed again and replaced.
One entry per file is kept. Without a directory (a library call outside the CLI) nothing is stored.
"""

from __future__ import annotations

import pickle
from functools import lru_cache
from pathlib import Path

from coursekit.course import fsio

FORMAT = 1
directory: Path | None = None


def configure(root: Path | None) -> None:
    """Keep parses under ``root``/build/cache/parsed (None: keep none)."""
    global directory
    directory = root / "build" / "cache" / "parsed" if root is not None else None


@lru_cache(maxsize=None)
def _code(kind: str) -> str:
    """What a parse of ``kind`` depends on besides its text: the parser's source and library versions."""
    from importlib import metadata

    modules = {"cells": ("course/cells.py", "course/problems.py"), "script": ("course/script.py", "course/problems.py"),
               "ipynb": ("course/cells.py", "build/downloads.py"),
               "notebook": ("course/notebooks.py", "course/cells.py", "course/problems.py"),
               "looks": ("video/stills.py",), "highlight": ("video/frames.py",)}[kind]
    package = Path(__file__).parent.parent
    source = b"".join((package / name).read_bytes() for name in modules)
    versions = [metadata.version(p) for p in ("jupytext", "markdown-it-py", "nbformat", "pygments")]
    return fsio.sha256(source + repr((FORMAT, versions)).encode())


def memo(kind: str, text: str | bytes, shown: str, compute):
    """``compute()``, the parse of ``text`` shown as ``shown``, from the disk cache when it holds it."""
    if directory is None:
        return compute()
    file = fsio.sha256(f"{kind}:{shown}")[:16]
    key = fsio.sha256(repr((_code(kind), shown, text)))[:32]
    path = directory / f"{kind}-{file}-{key}.pickle"
    try:
        return pickle.loads(path.read_bytes())
    except FileNotFoundError:
        pass
    except Exception:  # damaged or written by another Python: parsed again below and replaced
        pass
    value = compute()
    try:
        fsio.write_bytes(path, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        for old in directory.glob(f"{kind}-{file}-*.pickle"):
            if old != path:
                old.unlink(missing_ok=True)
    except OSError:  # a read-only tree still builds; it only parses again next time
        pass
    return value
