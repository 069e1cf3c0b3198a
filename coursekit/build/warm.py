"""A warm runner for demos: one process imports torch and the demos' other heavy modules once, then runs
each demo in a child forked from it.

`import torch` is about 1.6 s of a small demo's 1.9 s. A forked child starts with those modules imported
and nothing else of the parent's: a fresh ``__main__`` for its globals, its own working directory (a new
temporary folder unless one is given), its own stdout and stderr (a file), reseeded Python and NumPy
random state, default signal handlers. A crash, an ``os._exit`` or a timeout ends that child alone, and is
reported with the demo's file and the cell it was in.

Forking is safe because the parent only imports: it never runs a tensor operation, so no OpenMP pool, CUDA
context or lock held by another thread exists to be inherited. It is single-threaded by construction (the
pool multiplexes its children with ``selectors``, not threads).

`python -m coursekit.build.warm DEMO...` serves other processes (the test suite): it preloads what DEMO... import,
then reads one JSON request a line on stdin ({"demo", "cwd", "timeout"}) and answers one JSON result a line.
"""

from __future__ import annotations

import ast
import importlib
import json
import os
import selectors
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_TIMEOUT = 120.0  # seconds a demo may run; the slowest (the digits CNN) takes about 15 s here
OUTPUT_KEPT = 20_000  # characters of a demo's output kept in its result


def imported_modules(demos: Iterable[Path]) -> list[str]:
    """Third-party modules the demos import (by their own import statements), to import once in the parent."""
    names: set[str] = set()
    for demo in demos:
        try:
            tree = ast.parse(demo.read_text(encoding="utf-8"))
        except (OSError, SyntaxError, UnicodeDecodeError):
            continue  # the run itself reports it, with its line
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names.update(a.name for a in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names.add(node.module)
    return sorted(n for n in names if n.split(".")[0] not in sys.stdlib_module_names)


def preload(modules: Iterable[str]) -> list[str]:
    """Import each module once; a module that fails to import is left for the demo to report."""
    os.environ.setdefault("MPLBACKEND", "Agg")  # no window, ever, and the same backend in every child
    loaded = []
    for name in modules:
        try:
            importlib.import_module(name)
            loaded.append(name)
        except Exception:  # noqa: BLE001 - the demo that needs it fails with the real error
            pass
    return loaded


@dataclass
class Job:
    demo: Path
    cwd: Path | None = None  # None: a new empty temporary folder, removed afterwards
    timeout: float = DEFAULT_TIMEOUT
    threads: int | None = None  # torch's intra-op threads in the child (None: torch's default, one per core)
    shown: str | None = None  # the demo's name in the repository: its parse is cached under it for the build


@dataclass
class _Child:
    index: int
    job: Job
    pid: int
    fd: int
    output: Path
    tmp: tempfile.TemporaryDirectory | None
    deadline: float
    started: float
    buffer: bytes = b""
    cell: dict = field(default_factory=dict)
    result: dict | None = None


def _run_child(job: Job, cwd: Path, output: Path, write_fd: int, cells: list | None) -> None:
    """In the forked child: isolate, run the demo, report on ``write_fd``; never return."""
    code = 0
    try:
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        os.chdir(cwd)
        out = os.open(output, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        os.dup2(out, 1)
        os.dup2(out, 2)
        null = os.open(os.devnull, os.O_RDONLY)
        os.dup2(null, 0)
        # Fresh line-buffered streams on the new fds: whatever the parent had as sys.stdout (pytest's capture,
        # a pipe) is not the demo's, and a line printed before a crash is kept.
        sys.stdin = open(0, closefd=False)  # noqa: SIM115
        sys.stdout = open(1, "w", buffering=1, encoding="utf-8", closefd=False)  # noqa: SIM115
        sys.stderr = open(2, "w", buffering=1, encoding="utf-8", closefd=False)  # noqa: SIM115
        import faulthandler

        faulthandler.enable(file=sys.stderr)  # a crash's dump goes to the demo's output, not the parent's
        import random

        random.seed()
        if "numpy" in sys.modules:
            sys.modules["numpy"].random.seed()
        if job.threads and "torch" in sys.modules:
            # Set here, never in the parent: the parent must not start an OpenMP pool before it forks.
            sys.modules["torch"].set_num_threads(job.threads)
        from coursekit.build.demo_runner import run_cells

        with os.fdopen(write_fd, "w") as events:
            run_cells(job.demo.resolve(), events, cells)
    except BaseException:  # noqa: BLE001 - the parent sees no result and reports the death
        code = 70
    finally:
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        finally:
            os._exit(code)


def _cells(demo: Path, shown: str | None = None) -> list | None:
    from coursekit.course.cells import parse
    from coursekit.course.problems import CourseError

    try:
        # Under the name the build's other steps read it by: the deck, draft and site of an edited demo reuse
        # this parse rather than each parsing it again.
        return parse(demo.resolve(), shown or str(demo.resolve()))
    except CourseError:
        return None  # the child parses again and reports the problem as the demo's failure


class WarmPool:
    """Runs demos in children forked from this (warm) process, ``parallel`` at a time."""

    def __init__(self, modules: Iterable[str] = (), parallel: int = 1):
        # The runner's own imports too: parsing cells needs jupytext (0.3 s), once here rather than per child.
        self.loaded = preload([*modules, "jupytext", "coursekit.course.cells", "coursekit.build.demo_runner"])
        self.parallel = max(1, parallel)

    def _start(self, index: int, job: Job) -> _Child:
        tmp = None if job.cwd else tempfile.TemporaryDirectory(prefix="coursekit-demo-")
        cwd = job.cwd or Path(tmp.name)
        output = Path(tempfile.mkstemp(prefix="coursekit-demo-", suffix=".out")[1])
        cells = _cells(job.demo, job.shown)  # parsed here, where jupytext is warm and the parse cache lives
        read_fd, write_fd = os.pipe()
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:
            os.close(read_fd)
            _run_child(job, cwd, output, write_fd, cells)
        os.close(write_fd)
        now = time.monotonic()
        return _Child(index, job, pid, read_fd, output, tmp, now + job.timeout, now)

    def _finish(self, child: _Child, killed_for_time: bool = False) -> dict:
        _, status = os.waitpid(child.pid, 0)
        os.close(child.fd)
        try:
            raw = child.output.read_bytes()
            text = raw.decode("utf-8", errors="replace")
        finally:
            child.output.unlink(missing_ok=True)
            if child.tmp:
                child.tmp.cleanup()
        title, line = child.cell.get("cell"), child.cell.get("line", 0)
        where = f"cell '{title}'" if title else "the demo"
        if child.result is not None:
            result = dict(child.result)
        elif killed_for_time:
            result = {"ok": False, "title": title, "line": line,
                      "error": f"{where} did not finish within {child.job.timeout:g} s (killed)"}
        else:
            if os.WIFSIGNALED(status):
                how = f"killed by {signal.Signals(os.WTERMSIG(status)).name}"
            else:
                how = f"exited with code {os.WEXITSTATUS(status)} before it finished (os._exit or sys.exit?)"
            result = {"ok": False, "title": title, "line": line, "error": f"the demo process {how} in {where}"}
        for cell in result.get("cells", []):
            if span := cell.pop("output_span", None):  # what each cell printed: drafts show it under the cell
                cell["output"] = raw[span[0]:span[1]].decode("utf-8", errors="replace")[-OUTPUT_KEPT:]
        result.update(seconds=round(time.monotonic() - child.started, 2), output=text[-OUTPUT_KEPT:])
        return result

    def _read(self, child: _Child) -> bool:
        """Read what the child reported; True at end of file."""
        chunk = os.read(child.fd, 65536)
        if not chunk:
            return True
        child.buffer += chunk
        *lines, child.buffer = child.buffer.split(b"\n")
        for raw in lines:
            event = json.loads(raw)
            if "result" in event:
                child.result = event["result"]
            else:
                child.cell = event
        return False

    def run(self, jobs: list[Job]) -> Iterator[tuple[int, dict]]:
        """(index in ``jobs``, result) as each demo ends; on an interrupt every child is killed."""
        pending = list(enumerate(jobs))
        running: dict[int, _Child] = {}
        selector = selectors.DefaultSelector()
        try:
            while pending or running:
                while pending and len(running) < self.parallel:
                    child = self._start(*pending.pop(0))
                    running[child.fd] = child
                    selector.register(child.fd, selectors.EVENT_READ)
                nearest = min(c.deadline for c in running.values())
                for key, _ in selector.select(timeout=max(0.0, nearest - time.monotonic())):
                    child = running[key.fd]
                    if self._read(child):
                        selector.unregister(child.fd)
                        del running[child.fd]
                        yield child.index, self._finish(child)
                now = time.monotonic()
                for child in [c for c in running.values() if c.deadline <= now]:
                    os.kill(child.pid, signal.SIGKILL)
                    selector.unregister(child.fd)
                    del running[child.fd]
                    yield child.index, self._finish(child, killed_for_time=True)
        finally:
            for child in running.values():
                os.kill(child.pid, signal.SIGKILL)
                self._finish(child, killed_for_time=True)
            selector.close()


def serve(demos: list[Path]) -> None:
    pool = WarmPool(imported_modules(demos))
    answers = os.fdopen(os.dup(1), "w")
    os.dup2(2, 1)  # nothing but answers may reach the client's pipe
    for line in sys.stdin:
        if not line.strip():
            continue
        request = json.loads(line)
        job = Job(Path(request["demo"]), Path(request["cwd"]) if request.get("cwd") else None,
                  float(request.get("timeout", DEFAULT_TIMEOUT)))
        for _, result in pool.run([job]):
            answers.write(json.dumps(result) + "\n")
            answers.flush()


class WarmClient:
    """Talks to a `python -m coursekit.build.warm` server: what the test suite uses to run demos warm."""

    def __init__(self, demos: Iterable[Path]):
        self.proc = subprocess.Popen([sys.executable, "-m", "coursekit.build.warm", *map(str, demos)],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)

    def run(self, demo: Path, cwd: Path | None = None, timeout: float = DEFAULT_TIMEOUT) -> dict:
        request = {"demo": str(demo), "cwd": str(cwd) if cwd else None, "timeout": timeout}
        self.proc.stdin.write(json.dumps(request) + "\n")
        self.proc.stdin.flush()
        answer = self.proc.stdout.readline()
        if not answer:
            raise RuntimeError(f"the warm runner exited (code {self.proc.wait()})")
        return json.loads(answer)

    def close(self) -> None:
        self.proc.stdin.close()
        self.proc.wait(timeout=30)


if __name__ == "__main__":
    serve([Path(p) for p in sys.argv[1:]])
