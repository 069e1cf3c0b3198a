"""Problems found in the course sources, reported where the author can fix them: ``file:line: message``."""

from __future__ import annotations

import functools
from dataclasses import asdict, dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    path: str  # relative to the repository root, as the author types it
    line: int  # 1-based; 0 when the problem concerns the whole file
    message: str
    severity: str = "error"  # or "warning"

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        prefix = "warning: " if self.severity == "warning" else ""
        return f"{where}: {prefix}{self.message}"

    def as_dict(self) -> dict:
        return asdict(self)


class CourseError(Exception):
    """One or more problems that stop a command. The CLI prints them and exits non-zero, no traceback."""

    def __init__(self, problems: list[Problem] | Problem):
        self.problems = [problems] if isinstance(problems, Problem) else list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def resolved(path: Path) -> Path:
    """``path.resolve()``, remembered for an absolute path: a site build resolves the same few hundred paths
    thousands of times, and only a symbolic link made or moved meanwhile could change the answer."""
    return _resolved(path) if path.is_absolute() else path.resolve()


@functools.lru_cache(maxsize=4096)
def _resolved(path: Path) -> Path:
    return path.resolve()


def rel(path: Path, root: Path) -> str:
    """A path as the author sees it: relative to the repository root when inside it."""
    try:
        return resolved(path).relative_to(resolved(root)).as_posix()
    except ValueError:
        return str(path)
