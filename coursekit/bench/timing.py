"""The bench's measuring: whole-process wall and CPU time of real commands, run in a copy of the repository."""

from __future__ import annotations

import os
import resource
import shutil
import statistics
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

import click

from coursekit.course import cells as cells_mod

_ANYWHERE = shutil.ignore_patterns("__pycache__", ".pytest_cache", ".hypothesis")
_AT_THE_TOP = {".git", ".venv", "node_modules", "build", "bench"}  # coursekit/build and coursekit/bench are code


def IGNORE(folder: str, names: list[str]) -> set[str]:  # noqa: N802 - shutil.copytree's ignore=, like ignore_patterns
    """What a copy of the repository leaves out: caches anywhere, and the top-level build, environments and results."""
    top = {n for n in names if n in _AT_THE_TOP} if (Path(folder) / "pyproject.toml").is_file() else set()
    return set(_ANYWHERE(folder, names)) | top


@dataclass
class Row:
    name: str
    runs: list[float]
    cpu: list[float]
    note: str = ""
    when: str = field(default_factory=lambda: time.strftime("%Y-%m-%d", time.gmtime()))  # the day it was measured

    @property
    def median(self) -> float:
        return statistics.median(self.runs)


def _clean_env() -> dict:
    return {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")}


def timed(cmd: list[str], cwd: Path, env: dict | None = None, warm: bool = False) -> tuple[float, float, str]:
    """Wall seconds, CPU seconds of the process tree, and its output. Without ``warm``, coursekit's steps and
    demos run in the command's own processes, so that their CPU is counted; with it, they run in the warm runner
    and the drafts' browser in the still server, as in an author's loop, and their CPU is not counted here."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    env = _clean_env() | ({} if warm else {"COURSEKIT_WARM_SERVER": "0"}) | (env or {})
    proc = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        raise click.ClickException(f"{' '.join(cmd)} failed in {cwd}:\n{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, proc.stdout + proc.stderr


def fresh_copy(root: Path, into: Path) -> Path:
    copy = into / "course"
    if copy.exists():
        shutil.rmtree(copy)
    shutil.copytree(root, copy, ignore=IGNORE, symlinks=True)
    for shared in (".venv", "node_modules"):
        (copy / shared).symlink_to(root / shared)
    return copy


def _append_to_cell(path: Path, title: str | None, text: str) -> None:
    cells = [c for c in cells_mod.parse(path, str(path)) if c.title == title or title is None]
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines.insert(cells[0].end, text)
    path.write_text("".join(lines), encoding="utf-8")


def measure(rows: list[Row], name: str, runs: int, setup, cmd: list[str], cwd: Path, note: str = "", echo=click.echo,
            steps: bool = False, warm: bool = False):
    """Time ``cmd`` ``runs`` times, each after ``setup(i)``. With ``steps``, the note says where the time went:
    each coursekit process the command started (a build's recipes), by its median wall time over the runs.
    ``warm``: with the warm runner and still server (timed), whose CPU the row then does not count."""
    walls, cpus, logs = [], [], []
    for i in range(runs):
        setup(i)
        log = cwd / ".bench-steps.log"
        log.unlink(missing_ok=True)
        wall, cpu, _ = timed(cmd, cwd, {"COURSEKIT_STEP_LOG": str(log)} if steps else None, warm=warm)
        if steps and log.exists():
            logs.append([line.split("\t") for line in log.read_text(encoding="utf-8").splitlines()])
            log.unlink()
        walls.append(wall)
        cpus.append(cpu)
        echo(f"  {name}: run {i + 1}/{runs}: {wall:.2f} s wall, {cpu:.2f} s CPU")
    if logs:
        order: list[str] = []
        for log in logs:
            order += [what for _, what in log if what not in order]
        parts = []
        for what in order:
            seconds = [sum(float(t) for t, w in log if w == what) for log in logs]
            parts.append(f"`{what}` {statistics.median(seconds):.2f} s")
        note = (note + "; " if note else "") + "steps: " + ", ".join(parts)
    if warm:
        note = (note + "; " if note else "") + "CPU: without the warm runner's and still server's"
    rows.append(Row(name, walls, cpus, note))
