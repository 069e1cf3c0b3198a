"""`coursekit demos`: run every demo of a section cell by cell, as the build's proof that each one works.

As pytorch/tutorials executes its tutorials to build them, the course runs its demos to build the site:
a demo that raises (or whose assert fails) fails the build at its line. The time of each cell is kept
in build/timings/NN_slug.json for the timing estimates of the scripts.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import click

from coursekit.build import warm_server
from coursekit.build.warm import DEFAULT_TIMEOUT, Job, imported_modules
from coursekit.course import fsio
from coursekit.course.problems import CourseError, Problem
from coursekit.course.sections import discover, select

OUTPUT_SHOWN = 4000  # characters of output kept per demo and per cell


def run_demos(demos: list[Path], root: Path, jobs: int = 1, timeout: float = DEFAULT_TIMEOUT,
              threads: int | None = None, echo=click.echo) -> dict:
    """Run ``demos`` warm (by the warm server, or a pool here); results by repository path. Raises CourseError
    naming each failure."""
    results: dict[str, dict] = {}
    problems = []
    work = [Job(d, timeout=timeout, threads=threads, shown=d.relative_to(root).as_posix()) for d in demos]
    runs = warm_server.run(work, imported_modules(demos), parallel=jobs, root=root, echo=echo)
    for done, (index, result) in enumerate(runs, start=1):
        shown = demos[index].relative_to(root).as_posix()
        # The output is kept for the draft videos: a terminal cue shows the whole run, a VS Code cue its cell's.
        result["output"] = result.get("output", "")[-OUTPUT_SHOWN:]
        for cell in result["cells"]:
            if "output" in cell:
                cell["output"] = cell["output"][-OUTPUT_SHOWN:]
        result["demo"] = shown
        result["sha256"] = fsio.file_sha256(demos[index])  # which version of the demo this run is of
        results[shown] = result
        if result["ok"]:
            echo(f"  [{done}/{len(demos)}] {shown}: {len(result['cells'])} cells in {result['seconds']:.1f} s")
        else:
            what = f"cell '{result['title']}'" if result.get("title") else "the demo"
            error = result["error"] if result["error"].startswith(what) or what in result["error"] else \
                f"{what} failed: {result['error']}"
            problems.append(Problem(shown, result.get("line", 0), error))
            echo(f"  [{done}/{len(demos)}] {shown}: FAILED (reported below)")
    if problems:
        raise CourseError(sorted(problems, key=lambda p: (p.path, p.line)))
    return results


def current_runs(root: Path, key: str, demos: list[Path], echo=click.echo) -> dict:
    """The build's runs of ``demos`` (of section ``key``), by repository path: the kept ones where the demo is
    unchanged since, a new run (kept with the others) for any demo edited since or never run."""
    runs = _previous(root, key)
    stale = [d for d in demos if runs.get(d.relative_to(root).as_posix(), {}).get("sha256") != fsio.file_sha256(d)]
    if stale:
        echo(f"demos {key}: running {len(stale)} demo(s) not run since they changed")
        runs.update(run_demos(stale, root, echo=echo))
        fsio.write_text(timings_path(root, key), json.dumps(runs, indent=2, sort_keys=True) + "\n")
    return runs


def timings_path(root: Path, key: str) -> Path:
    return root / "build" / "timings" / f"{key}.json"


def cell_seconds(root: Path, key: str) -> dict[str, float]:
    """'demos/NN/x.py#title' -> seconds the cell took in the last build (empty before a build)."""
    try:
        data = json.loads(timings_path(root, key).read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return {}
    return {f"{demo}#{c['title']}": c["seconds"] for demo, r in data.items() for c in r["cells"] if c["title"]}


def _previous(root: Path, key: str) -> dict:
    try:
        return json.loads(timings_path(root, key).read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return {}


@click.command()
@click.argument("section", required=False)
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
@click.option("-j", "--jobs", type=int, default=1, show_default=True, help="Demos run at once.")
@click.option("--timeout", type=float, default=DEFAULT_TIMEOUT, show_default=True,
              help="Seconds a demo may run before it is killed and reported.")
@click.option("--threads", type=int, default=None,
              help="torch threads per demo (default: one per core). make passes 1: it already runs one recipe "
                   "per core, and two demos spinning two threads each on two cores run several times slower.")
@click.pass_obj
def demos(root: Path, section: str | None, files: tuple[Path, ...], jobs: int, timeout: float,
          threads: int | None) -> None:
    """Run SECTION's demos (or all) cell by cell; record each cell's time; fail at the line that raised.

    With FILES, only those demos of SECTION run (make passes the ones that changed) and the section's other
    timings are kept: editing one demo re-runs that demo alone. Demos run in children forked from one warm
    process that imported torch once.
    """
    sections, problems = discover(root)
    if problems:
        raise CourseError(problems)
    chosen = select(sections, section)
    wanted = {(root / f).resolve() if not f.is_absolute() else f.resolve() for f in files}
    for s in chosen:
        run = [d for d in s.demos if not wanted or d.resolve() in wanted]
        if not run:
            continue
        started = time.monotonic()
        click.echo(f"demos {s.key}: running {len(run)} of {len(s.demos)} demo(s)")
        current = {d.relative_to(root).as_posix() for d in s.demos}
        kept = {k: v for k, v in _previous(root, s.key).items() if k in current} if wanted else {}
        results = run_demos(run, root, jobs, timeout, threads)
        merged = {**kept, **results}
        fsio.write_text(timings_path(root, s.key), json.dumps(merged, indent=2, sort_keys=True) + "\n")
        click.echo(f"demos {s.key}: {len(results)} passed in {time.monotonic() - started:.1f} s")
