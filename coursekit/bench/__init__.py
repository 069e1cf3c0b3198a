"""`coursekit bench` (`make bench`): whole-process timings of the pipeline, written to bench/RESULTS.md.

Every measurement runs real commands in a copy of the repository (sharing .venv and node_modules), several
times, and reports medians: a cold build, a second build with nothing changed, builds after editing one
demo cell, one slide's text, one scene and the shared style, `make demos` against a plain loop of
`python file.py`, the whole test suite, and, side by side on the same inputs, our deck build against plain
`jupyter nbconvert --to slides --execute` and our render against plain `manim -ql`. The rows for recorded takes
(aligning, cutting and patching a ten-minute take) are coursekit.bench.takes.
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import asdict
from pathlib import Path

import click

from coursekit.bench.edits import EDIT_ROWS, bench_edits
from coursekit.bench.takes import ALIGN_ROW, CUT_ROW, PICKUP_ROW, _bench_align, _bench_cut, bench_pickup_alone
from coursekit.bench.timing import Row, fresh_copy, measure
from coursekit.course import fsio
from coursekit.course.sections import discover

TEST_ROW = "`make test` on the built tree (the whole suite)"
MAKE_TEST_BEFORE_28 = 1203  # seconds, 2026-12-04, this machine: what #28 asks to make 1.5x faster

def run_bench(root: Path, runs: int, cold_runs: int, tests: bool = True, echo=click.echo) -> list[Row]:
    sections, _ = discover(root)
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="coursekit-bench-") as tmp:
        work = Path(tmp)
        copy = fresh_copy(root, work)
        make = ["make", "--no-print-directory"]

        def clean(_):
            shutil.rmtree(copy / "build", ignore_errors=True)

        measure(rows, "cold build: `make` from an empty build/ (demos, decks, preview animations, site)",
                cold_runs, clean, make, copy, echo=echo)
        measure(rows, "second `make`, nothing changed", runs, lambda i: None, make, copy, echo=echo)
        _bench_drafts(rows, sections, copy, runs, make, echo)
        _bench_align(rows, sections, copy, echo)
        _bench_cut(rows, sections, copy, echo)

        section = bench_edits(rows, sections, root, copy, work, runs, echo)

        # Every demo: the build's warm runner against a plain loop of `python file.py`.
        all_demos = sorted((copy / "demos").glob("*/*.py"))

        def clear_timings(_):
            shutil.rmtree(copy / "build" / "timings", ignore_errors=True)

        measure(rows, f"`make demos`, all {len(all_demos)} demos (warm runner)", max(1, cold_runs), clear_timings,
                make + ["demos"], copy, echo=echo)
        loop = ["bash", "-c", "for f in demos/*/*.py; do \"$0\" \"$f\" > /dev/null || exit 1; done", sys.executable]
        measure(rows, f"plain loop: `python file.py` for each of the {len(all_demos)} demos", max(1, cold_runs),
                lambda i: None, loop, copy, echo=echo)

        def edit_style(i):
            with (copy / "animations" / "style.py").open("a", encoding="utf-8") as f:
                f.write(f"\n# bench edit {i}\n")

        measure(rows, "`make` after editing animations/style.py (every scene re-renders)", max(1, cold_runs),
                edit_style, make, copy, echo=echo)

        # Side by side on the same inputs: the deck of one section (plain nbconvert: in _bench_edits).
        py = sys.executable
        measure(rows, f"`coursekit deck --force` ({section.key})", runs, lambda i: None,
                [py, "-m", "coursekit", "deck", f"slides/{section.slides.name}", "--force"], copy, echo=echo)
        measure(rows, f"`coursekit deck` ({section.key}), nothing changed", runs, lambda i: None,
                [py, "-m", "coursekit", "deck", f"slides/{section.slides.name}"], copy, echo=echo)

        # Rendering every scene of one file: plain manim (one process per scene, as one would type it)
        # against coursekit render, cold and then with nothing changed.
        from coursekit.course.scenes import find_scenes

        names = [s.name for s in find_scenes(section.animations)]
        manim_media = work / "manim-media"

        def manim_all():
            walls = cpus = 0.0
            for name in names:
                w, c, _ = timed([py, "-m", "manim", "-ql", "--media_dir", str(manim_media), section.animations.name,
                                 name], copy / "animations")
                walls, cpus = walls + w, cpus + c
            return walls, cpus

        for label, clear in (("cold", True), ("again, nothing changed", False)):
            walls, cpus = [], []
            for _ in range(runs if not clear else max(1, cold_runs)):
                if clear:
                    shutil.rmtree(manim_media, ignore_errors=True)
                w, c = manim_all()
                walls.append(w)
                cpus.append(c)
                echo(f"  plain manim -ql {label}: {w:.2f} s")
            rows.append(Row(f"plain `manim -ql`, {len(names)} scene(s) of {section.animations.name}, {label}",
                            walls, cpus, "manim's own cache on"))
            out = work / "render-out"
            render = [py, "-m", "coursekit", "render", f"animations/{section.animations.name}", "--out", str(out)]

            def clear_out(_, clear=clear, out=out):
                if clear:
                    shutil.rmtree(out, ignore_errors=True)
                    shutil.rmtree(copy / "build" / "cache" / "scenes", ignore_errors=True)

            measure(rows, f"`coursekit render`, same scenes, {label}", runs if not clear else max(1, cold_runs),
                    clear_out, render, copy, echo=echo)
        if tests:
            measure(rows, TEST_ROW, 1, lambda i: None, make + ["test"], copy, echo=echo)
    return rows


def _bench_drafts(rows: list[Row], sections, copy: Path, runs: int, make: list[str], echo) -> None:
    """The draft videos: one section cold (every cache ignored), nothing changed, one sentence edited."""
    from coursekit.course.script import parse, sentences

    section = sections[len(sections) // 2]
    key = section.key
    measure(rows, f"draft of {key}, cold: `coursekit drafts {key} --force` (speak, draw, encode everything)",
            1, lambda i: None, [sys.executable, "-m", "coursekit", "drafts", key, "--force"], copy, echo=echo)
    length = json.loads((copy / "build/site/drafts" / f"{key}.json").read_text())["duration"]
    rows[-1].note = f"{length:.0f} s of video"
    measure(rows, "second `make drafts`, nothing changed", runs, lambda i: None, make + ["drafts"], copy, echo=echo)
    script = copy / "scripts" / f"{key}.md"
    block = next(b for seg in parse(script).segments for b in seg.blocks if b.kind == "narration")
    first = sentences(block.text)[0].rstrip(".")

    current = [first]

    def edit_sentence(i):
        text = script.read_text(encoding="utf-8")
        script.write_text(text.replace(current[0], f"{first}, edit {i}", 1), encoding="utf-8")
        current[0] = f"{first}, edit {i}"

    measure(rows, f"`make drafts` after editing one sentence of scripts/{key}.md", runs, edit_sentence,
            make + ["drafts", f"S={key[:2]}"], copy, echo=echo)


AUTO_EDITOR = ("not measured. The only auto-editor on PyPI, 29.3.1, is a launcher whose first run downloads the "
               "program from github.com/WyattBlue/auto-editor/releases (auto_editor/__main__.py, download_binary), "
               "and nothing may download at run time here. What it would remove is known without running it: "
               "silence only, so the restarts and asides that the cut removes by the script stay in.")


def ratios(rows: list[Row]) -> list[str]:
    """Each figure against what a user would otherwise run, by the start of its row's name."""
    def find(prefix: str) -> Row | None:
        return next((r for r in rows if r.name.startswith(prefix)), None)

    pairs = [("slide text edit", "`make` after editing one slide's text", "plain `jupyter nbconvert"),
             ("demo cell edit", "`make` after editing one demo cell", "plain `python "),
             ("`make demos`", "`make demos`", "plain loop"),
             ("one scene's description edit", "`make` after editing one scene's description", "plain `manim -ql "),
             ("one scene's picture edit", "`make` after editing one scene's picture", "plain manim after")]
    lines = []
    for label, ours, theirs in pairs:
        a, b = find(ours), find(theirs)
        if a and b:
            target = " (target: at most 1.5)" if "edit" in label else ""
            lines.append(f"- {label}: {a.median:.2f} s against {b.median:.2f} s, ratio {a.median / b.median:.2f}"
                         f"{target}" + (f"; {a.note}" if "steps:" in a.note else ""))
    for label, ours, theirs in [("preview, a demo cell edit", "preview: a demo cell", "plain `python "),
                                ("preview, a slide text edit", "preview: a slide text", "plain `jupyter nbconvert"),
                                ("preview, a scene description edit", "preview: a scene description",
                                 "plain `manim -ql "),
                                ("preview, a scene picture edit", "preview: a scene picture", "plain manim after")]:
        a, b = find(ours), find(theirs)
        if a and b:
            lines.append(f"- {label}: on screen after {a.median:.2f} s against {b.median:.2f} s for the plain tool "
                         f"(target: at most {b.median + 1:.2f} s; {a.note})")
    if (d := find("draft of ")) and d.note:
        seconds = float(d.note.split()[0])
        lines.append(f"- a cold draft: {statistics.median(d.cpu):.1f} CPU-s for {seconds:.0f} s of video, "
                     f"{statistics.median(d.cpu) / seconds:.3f}x its length (target: at most 0.1x)")
    if (a := find(ALIGN_ROW)) and a.note:
        seconds = float(a.note.split()[0])
        lines.append(f"- aligning a take: {a.median:.1f} s for {seconds:.0f} s of audio, {a.median / seconds:.3f}x real "
                     f"time (target: faster than real time); {a.note.split('; ', 1)[1]}")
    cuts = [r for r in rows if r.name.startswith(CUT_ROW + " of") and r.note]
    for c in cuts:
        seconds = float(c.note.split()[0])
        target = "0.5x" if "screen recording" in c.name else "0.1x"
        lines.append(f"- {c.name.split(' of a ')[1].split(',')[0]}: cut in {c.median:.1f} s, {c.median / seconds:.3f}x "
                     f"the take (target: at most {target}; {c.note})")
    if cuts:
        lines.append(f"- auto-editor, beside the cut: {AUTO_EDITOR}")
    if (p := find(PICKUP_ROW)) and p.note:
        lines.append(f"- a pickup of three sentence changes, from the edit to the new video: {p.median:.1f} s "
                     f"({p.median / float(p.note.split()[0]):.3f}x the take; {p.note})")
    if (t := find("`make test`")):
        lines.append(f"- `make test` on a built tree: {t.median:.0f} s for the whole suite, "
                     f"{MAKE_TEST_BEFORE_28 / t.median:.2f}x faster than the {MAKE_TEST_BEFORE_28} s of 2026-12-04 "
                     f"(target: 1.5x, at most {MAKE_TEST_BEFORE_28 / 1.5:.0f} s)")
    return lines


def table(rows: list[Row]) -> str:
    lines = ["| measurement | runs | median wall (s) | median CPU (s) | CPU / wall | measured |",
             "|---|---|---|---|---|---|"]
    for r in rows:
        cpu = statistics.median(r.cpu)
        lines.append(f"| {r.name} | {len(r.runs)} | {r.median:.2f} | {cpu:.2f} | {cpu / r.median if r.median else 0:.2f} "
                     f"| {r.when} |")
    return "\n".join(lines)


def _write(root: Path, rows: list[Row]) -> None:
    machine = f"{platform.node() or 'machine'}: {os.cpu_count()} cores, Python {platform.python_version()}, {platform.platform()}"
    when = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    md = (f"# Pipeline benchmark\n\nWritten {when} on {machine} by `make bench` (`coursekit bench`; `ONLY=align|cut|pickup|edits|tests` "
          f"measures one group again and keeps the other rows, each with the day it was measured). Whole-process "
          f"timings, medians of the runs shown; CPU is user+system time of every process started. A CPU / wall ratio "
          f"above 1 means the work ran on more than one core.\n\n{table(rows)}\n\n"
          "Against what a user would otherwise run:\n\n" + "\n".join(ratios(rows)) + "\n")
    fsio.write_text(root / "bench" / "RESULTS.md", md)
    fsio.write_text(root / "bench" / "results.json", json.dumps({"when": when, "machine": machine,
                                                               "rows": [asdict(r) | {"median": r.median} for r in rows]},
                                                              indent=2) + "\n")


@click.command()
@click.option("--runs", type=int, default=3, show_default=True, help="Runs of each cheap measurement.")
@click.option("--cold-runs", type=int, default=1, show_default=True, help="Runs of each cold build (minutes each).")
@click.option("--tests/--no-tests", default=True, show_default=True, help="Also time `make test` on the built tree.")
@click.option("--only", type=click.Choice(["align", "cut", "pickup", "edits", "tests"]), default=None,
              help="Measure one group again and keep the other rows of bench/results.json.")
@click.pass_obj
def bench(root: Path, runs: int, cold_runs: int, tests: bool, only: str | None) -> None:
    """Time the pipeline on this machine and write bench/RESULTS.md and bench/results.json."""
    if only:  # one group, measured again; the other rows are kept from the last full run
        sections, _ = discover(root)
        with tempfile.TemporaryDirectory(prefix="coursekit-bench-") as tmp:
            fresh: list[Row] = []
            copy = fresh_copy(root, Path(tmp))
            if only != "align":  # the built course, copied with its times (a build bumps the time of a fresh output,
                shutil.copytree(root / "build", copy / "build")  # which a hard link would carry back to this tree)
            if only == "edits":
                bench_edits(fresh, sections, root, copy, Path(tmp), runs, click.echo)
            elif only == "tests":  # the site again first: its editor links hold the tree's absolute path
                (copy / "build" / "site" / "index.html").unlink(missing_ok=True)
                measure(fresh, TEST_ROW, 1, lambda i: None, ["make", "--no-print-directory", "test"], copy)
            else:
                {"align": _bench_align, "cut": _bench_cut, "pickup": bench_pickup_alone}[only](fresh, sections, copy,
                                                                                            click.echo)
        prefix = {"align": (ALIGN_ROW,), "cut": (CUT_ROW,), "pickup": (PICKUP_ROW,), "edits": EDIT_ROWS,
                  "tests": (TEST_ROW,)}[only]
        try:
            last = json.loads((root / "bench" / "results.json").read_text(encoding="utf-8"))
            kept = [Row(r["name"], r["runs"], r["cpu"], r.get("note", ""), r.get("when", last["when"][:10]))
                    for r in last["rows"] if not r["name"].startswith(prefix)]
        except FileNotFoundError:
            kept = []
        rows = kept + fresh
    else:
        click.echo(f"bench: timing in a copy of {root} ({runs} runs, {cold_runs} cold)")
        rows = run_bench(root, runs, cold_runs, tests)
    _write(root, rows)
    click.echo(table(rows))
    click.echo("\n".join(ratios(rows)))
