"""`coursekit demos`: run every demo of a section cell by cell, as the build's proof that each one works.

As pytorch/tutorials executes its tutorials to build them, the course runs its demos to build the site:
a demo that raises (or whose assert fails) fails the build at its line. The time of each cell is kept
in build/timings/NN_slug.json for the timing estimates of the scripts.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import click

from coursekit import fsio
from coursekit.problems import CourseError, Problem
from coursekit.sections import Section, discover, select

DEMO_TIMEOUT = 300  # seconds; the training demo runs about a minute


def run_demo(demo: Path, root: Path) -> dict:
    shown = demo.relative_to(root).as_posix()
    with tempfile.TemporaryDirectory(prefix="coursekit-demo-") as tmp:
        result_file = Path(tmp) / "result.json"
        env = {**os.environ, "MPLBACKEND": "Agg"}
        started = time.monotonic()
        try:
            proc = subprocess.run([sys.executable, "-m", "coursekit.demo_runner", str(demo), str(result_file)],
                                  cwd=tmp, env=env, capture_output=True, text=True, timeout=DEMO_TIMEOUT)
        except subprocess.TimeoutExpired:
            return {"ok": False, "demo": shown, "line": 0, "error": f"did not finish within {DEMO_TIMEOUT} s"}
        try:
            result = json.loads(result_file.read_text(encoding="utf-8"))
        except (FileNotFoundError, json.JSONDecodeError):
            tail = (proc.stderr or "").strip().splitlines()[-1:] or [f"exit code {proc.returncode}"]
            result = {"ok": False, "line": 0, "error": f"the demo process died: {tail[0]}"}
        result.update(demo=shown, seconds=round(time.monotonic() - started, 2))
        return result


def run_section(section: Section, root: Path, jobs: int = 1, echo=click.echo) -> dict:
    demos = section.demos
    results: dict[str, dict] = {}
    problems = []
    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        for i, result in enumerate(pool.map(lambda d: run_demo(d, root), demos), start=1):
            results[result["demo"]] = result
            if result["ok"]:
                echo(f"  [{i}/{len(demos)}] {result['demo']}: {len(result['cells'])} cells in {result['seconds']:.1f} s")
            else:
                what = f"cell '{result['title']}'" if result.get("title") else "the demo"
                problems.append(Problem(result["demo"], result.get("line", 0), f"{what} failed: {result['error']}"))
                echo(f"  [{i}/{len(demos)}] {result['demo']}: FAILED (reported below)")
    if problems:
        raise CourseError(problems)
    return results


def timings_path(root: Path, key: str) -> Path:
    return root / "build" / "timings" / f"{key}.json"


def cell_seconds(root: Path, key: str) -> dict[str, float]:
    """'demos/NN/x.py#title' -> seconds the cell took in the last build (empty before a build)."""
    try:
        data = json.loads(timings_path(root, key).read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return {}
    return {f"{demo}#{c['title']}": c["seconds"] for demo, r in data.items() for c in r["cells"] if c["title"]}


@click.command()
@click.argument("section", required=False)
@click.option("-j", "--jobs", type=int, default=1, show_default=True, help="Demos run at once.")
@click.pass_obj
def demos(root: Path, section: str | None, jobs: int) -> None:
    """Run SECTION's demos (or all) cell by cell; record each cell's time; fail at the line that raised."""
    sections, problems = discover(root)
    if problems:
        raise CourseError(problems)
    for s in select(sections, section):
        if not s.demos:
            continue
        click.echo(f"demos {s.key}: running {len(s.demos)} demo(s)")
        started = time.monotonic()
        results = run_section(s, root, jobs)
        fsio.write_text(timings_path(root, s.key), json.dumps(results, indent=2, sort_keys=True) + "\n")
        click.echo(f"demos {s.key}: all {len(results)} passed in {time.monotonic() - started:.1f} s")
