"""Content-hash stamps: an output is rebuilt only when the hash of what it was built from changed.

Make's timestamps decide cheaply whether to ask; these hashes decide whether to do the work, so that
touching a file, or editing a part of it an output does not use, rebuilds nothing.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from coursekit.course import fsio


def key(parts: dict) -> str:
    return fsio.sha256(json.dumps(parts, sort_keys=True, default=str))


class Stamps:
    def __init__(self, directory: Path):
        self.directory = directory

    def _path(self, name: str) -> Path:
        return self.directory / f"{name}.json"

    def load(self, name: str) -> dict:
        try:
            return json.loads(self._path(name).read_text(encoding="utf-8"))
        except (FileNotFoundError, json.JSONDecodeError):
            return {}

    def fresh(self, name: str, digest: str, outputs: list[Path]) -> bool:
        """True when ``outputs`` exist and were built from inputs hashing to ``digest``.

        Fresh outputs get their modification time bumped so that make sees them as newer than the inputs
        it compared, and asks no more until something changes again.
        """
        if self.load(name).get("key") != digest or not all(p.exists() for p in outputs):
            return False
        for p in outputs:
            os.utime(p)
        return True

    def record(self, name: str, digest: str, **info) -> None:
        fsio.write_text(self._path(name), json.dumps({"key": digest, **info}, indent=2, sort_keys=True))
