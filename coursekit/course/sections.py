"""Sections of the course, discovered by their ``NN_slug`` key across scripts/, demos/, slides/, animations/."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from coursekit.course.problems import Problem

KEY_RE = re.compile(r"^(\d\d)_([a-z0-9]+(?:_[a-z0-9]+)*)$")
# Shared files that live beside the sections' files without being a section themselves.
SHARED = {"animations": {"style.py"}}
IGNORED_NAMES = {"__pycache__", ".ipynb_checkpoints", ".DS_Store"}


@dataclass(frozen=True)
class Section:
    key: str
    root: Path

    @property
    def number(self) -> int:
        return int(self.key[:2])

    @property
    def slug(self) -> str:
        return self.key[3:]

    @property
    def script(self) -> Path:
        return self.root / "scripts" / f"{self.key}.md"

    @property
    def slides(self) -> Path:
        return self.root / "slides" / f"{self.key}.py"

    @property
    def animations(self) -> Path:
        return self.root / "animations" / f"{self.key}.py"

    @property
    def demo_dir(self) -> Path:
        return self.root / "demos" / self.key

    @property
    def demos(self) -> list[Path]:
        return sorted(self.demo_dir.glob("*.py")) if self.demo_dir.is_dir() else []


def _entries(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.name not in IGNORED_NAMES and not p.name.startswith("."))


def discover(root: Path) -> tuple[list[Section], list[Problem]]:
    """The sections in number order, and the layout problems found on the way."""
    problems: list[Problem] = []
    by_number: dict[int, list[str]] = {}
    for path in _entries(root / "scripts"):
        name = f"scripts/{path.name}"
        if path.suffix != ".md" or not KEY_RE.match(path.stem):
            problems.append(Problem(name, 0, "not a script name: expected scripts/NN_slug.md "
                                    "(two digits, underscore, lower-case words joined by underscores)"))
            continue
        by_number.setdefault(int(path.stem[:2]), []).append(path.stem)

    sections: list[Section] = []
    for number in sorted(by_number):
        keys = sorted(by_number[number])
        if len(keys) > 1:
            problems.append(Problem(f"scripts/{keys[1]}.md", 0,
                                    f"duplicate section number {number:02d}: also scripts/{keys[0]}.md; renumber one"))
        sections.append(Section(keys[0], root))

    expected = 1
    for number in sorted(by_number):
        if number != expected:
            missing = ", ".join(f"{n:02d}" for n in range(expected, number))
            problems.append(Problem(f"scripts/{by_number[number][0]}.md", 0,
                                    f"section numbers must be contiguous from 01: {missing} missing before it"))
        expected = number + 1

    keys = {s.key for s in sections}
    for folder, suffix, want_dir in (("demos", "", True), ("slides", ".py", False), ("animations", ".py", False)):
        for path in _entries(root / folder):
            if path.name in SHARED.get(folder, set()):
                continue
            name = f"{folder}/{path.name}"
            key = path.name if want_dir else path.stem
            if want_dir != path.is_dir() or (suffix and path.suffix != suffix):
                what = "a folder demos/NN_slug/" if want_dir else f"{folder}/NN_slug{suffix}"
                problems.append(Problem(name, 0, f"unexpected file here: expected {what}; content folders hold content only"))
            elif key not in keys:
                problems.append(Problem(name, 0, f"no script scripts/{key}.md for section key '{key}'; "
                                        "add the script or rename the file to an existing section's key"))
    return sections, problems


def select(sections: list[Section], wanted: str | None) -> list[Section]:
    """Sections matching ``wanted`` ('04', '4' or '04_autograd'); all when it is empty."""
    if not wanted:
        return sections
    chosen = [s for s in sections if wanted in (s.key, s.key[:2]) or (wanted.isdigit() and int(wanted) == s.number)]
    if not chosen:
        from coursekit.course.problems import CourseError
        raise CourseError(Problem("scripts", 0, f"no section '{wanted}'; sections are "
                                  + ", ".join(s.key for s in sections)))
    return chosen


def one(root: Path, wanted: str, example: str) -> Section:
    """The one section a command that takes a single section (align, cut, a take) works on; ``example`` is
    the command as the user would type it, shown when ``wanted`` names none or several."""
    from coursekit.course.problems import CourseError

    sections, problems = discover(root)
    if problems:
        raise CourseError(problems)
    chosen = select(sections, wanted)
    if len(chosen) != 1:
        raise CourseError(Problem("scripts", 0, f"this command takes one section, not {len(chosen)}: e.g. {example}"))
    return chosen[0]
