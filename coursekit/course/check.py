"""`coursekit check`: every promise the course makes, checked without running anything heavy.

Layout of the sections, each script's grammar, each cue's target, each slide's includes and animations,
duplicate cell titles, and (as warnings) demo cells and slides that no script cue shows.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import click

from coursekit.course import cells as cells_mod
from coursekit.course import conventions
from coursekit.course import script as script_mod
from coursekit.course.problems import CourseError, Problem
from coursekit.course.scenes import find_scenes
from coursekit.course.sections import Section, discover, select
from coursekit.course.targets import Target, resolve_cue, resolve_link
from coursekit.course.timing import Timing, clock, estimate

IMPORTS_COURSEKIT = re.compile(r"^\s*(?:from|import)\s+coursekit\b", re.M)
SLIDE_STARTS = {"slide", "subslide"}


def slide_cells(cells: list[cells_mod.Cell]) -> list[cells_mod.Cell]:
    """Cells that start a slide (what a [SHOW ON SLIDES] cue can show)."""
    return [c for c in cells if c.metadata.get("slideshow", {}).get("slide_type") in SLIDE_STARTS]


def _collect(problems: list[Problem], fn, *args, **kwargs):
    try:
        return fn(*args, **kwargs)
    except CourseError as exc:
        problems.extend(exc.problems)
        return None


def cue_targets(section: Section, root: Path) -> tuple[script_mod.Script, list[tuple[script_mod.Cue, Target | None]], list[Problem]]:
    """The section's script, its cues with their targets (None where unresolved), and the problems."""
    shown = f"scripts/{section.key}.md"
    script = script_mod.parse(section.script, shown)
    problems = list(script.problems)
    resolved = []
    for cue in script.cues:
        resolved.append((cue, _collect(problems, resolve_cue, cue, section.script, root)))
    return script, resolved, problems


def check_slides(section: Section, root: Path) -> list[Problem]:
    shown = f"slides/{section.key}.py"
    problems: list[Problem] = []
    cells = _collect(problems, cells_mod.parse, section.slides, shown)
    if cells is None:
        return problems
    problems += cells_mod.titled(cells, shown)[1]
    problems += conventions.slide_fences(cells, shown)
    for cell in cells:
        if cell.metadata.get("slideshow", {}).get("slide_type") in SLIDE_STARTS and not cell.title:
            problems.append(Problem(shown, cell.line, "slide without a title; write '# %% slide-id [markdown] ...' "
                                    "so cues and links can name it", "warning"))
        if "include" in cell.metadata:
            _collect(problems, resolve_link, str(cell.metadata["include"]), section.slides.parent, root, shown,
                     cell.line, folder="demos", need_fragment=True)
        if "animation" in cell.metadata:
            _collect(problems, resolve_link, str(cell.metadata["animation"]), section.slides.parent, root, shown,
                     cell.line, folder="animations", need_fragment=True)
    return problems


def slide_includes(section: Section, root: Path) -> dict[str, set[str]]:
    """Slide ref -> the demo cell refs whose code that slide shows (its own cells up to the next slide)."""
    shown = f"slides/{section.key}.py"
    includes: dict[str, set[str]] = {}
    current: set[str] = set()
    for cell in _collect([], cells_mod.parse, section.slides, shown) or []:
        if cell.metadata.get("slideshow", {}).get("slide_type") in SLIDE_STARTS:
            current = includes.setdefault(f"{shown}#{cell.title}", set())
        if "include" in cell.metadata:
            target = _collect([], resolve_link, str(cell.metadata["include"]), section.slides.parent, root, shown,
                              cell.line, folder="demos", need_fragment=True)
            if target:
                current.add(target.ref)
    return includes


def shown_twice(section: Section, root: Path, resolved: list[tuple[script_mod.Cue, Target | None]]) -> list[Problem]:
    """A VS Code cue for a demo cell whose code the slide on screen already shows: the viewer sees it twice."""
    if not section.slides.is_file():
        return []
    includes = slide_includes(section, root)
    problems, on_screen = [], None
    for cue, t in resolved:
        if t is None:
            continue
        if cue.kind == "slides":
            on_screen = t.ref
        elif cue.kind == "vscode" and on_screen and t.ref in includes.get(on_screen, ()):
            problems.append(Problem(f"scripts/{section.key}.md", cue.line, f"{t.ref} is already on screen in slide "
                                    f"'{on_screen.rpartition('#')[2]}'; show the code once (drop this cue, or "
                                    "make the slide explain rather than repeat it)"))
    return problems


def check_section(section: Section, root: Path) -> list[Problem]:
    script, resolved, problems = cue_targets(section, root)
    if script.segments:
        timing = Timing.load(root)
        seconds = sum(t.seconds for t in estimate(script, timing=timing))
        if timing.outside_range(seconds):
            low, high = (f"{m:g}" for m in timing.section_minutes)
            problems.append(Problem(f"scripts/{section.key}.md", script.line, f"estimated length {clock(seconds)} is "
                                    f"outside {low}-{high} minutes; a section is one 5-10 minute video", "warning"))
        draft = root / "build" / "site" / "drafts" / f"{section.key}.json"
        if draft.exists():  # the measured length of the last draft video, when there is one
            try:
                measured = float(json.loads(draft.read_text(encoding="utf-8"))["duration"])
            except (ValueError, KeyError, TypeError):
                measured = None
            if measured is not None and timing.outside_range(measured):
                low, high = (f"{m:g}" for m in timing.section_minutes)
                problems.append(Problem(f"scripts/{section.key}.md", script.line, f"the draft video runs "
                                        f"{clock(measured)}, outside {low}-{high} minutes (build/site/drafts/"
                                        f"{section.key}.mp4)", "warning"))
    shown_refs = {t.ref for _, t in resolved if t}
    cued_by: dict[str, str] = {}  # demo cell ref -> where the first VS Code cue showing it is
    for cue, t in resolved:
        if t and cue.kind == "vscode" and t.fragment:
            cued_by.setdefault(t.ref, f"scripts/{section.key}.md:{cue.line}")
    problems += shown_twice(section, root, resolved)
    shown_files = {t.path for c, t in resolved if t and t.kind == "file" and c.kind == "vscode"}  # whole file opened
    # A demo cell whose code a cued slide includes is shown too: on the slide, with its real output.
    if section.slides.is_file():
        includes = slide_includes(section, root)
        shown_refs |= {ref for slide in list(shown_refs) for ref in includes.get(slide, ())}

    for demo in section.demos:
        shown = demo.relative_to(root).as_posix()
        cells = _collect(problems, cells_mod.parse, demo, shown)
        if cells is None:
            continue
        found, dupes = cells_mod.titled(cells, shown)
        problems += dupes
        text = demo.read_text(encoding="utf-8")
        if m := IMPORTS_COURSEKIT.search(text):
            problems.append(Problem(shown, text[: m.start()].count("\n") + 1,
                                    "demos are what viewers download: they must not import coursekit"))
        problems += conventions.demo_style(text, shown)
        for title, cell in found.items():
            if f"{shown}#{title}" in cued_by:
                problems += conventions.cued_cell(cell, shown, cued_by[f"{shown}#{title}"])
            if f"{shown}#{title}" not in shown_refs and shown not in shown_files:
                problems.append(Problem(shown, cell.line, f"cell '{title}' is not shown by any cue (or cued slide) in "
                                        f"scripts/{section.key}.md", "warning"))

    if section.slides.is_file():
        problems += check_slides(section, root)
        cells = _collect([], cells_mod.parse, section.slides, f"slides/{section.key}.py") or []
        for cell in slide_cells(cells)[1:]:  # the title slide needs no cue
            ref = f"slides/{section.key}.py#{cell.title}"
            if cell.title and ref not in shown_refs:
                problems.append(Problem(f"slides/{section.key}.py", cell.line, f"slide '{cell.title}' is not shown "
                                        f"by any [SHOW ON SLIDES] cue in scripts/{section.key}.md", "warning"))
    else:
        problems.append(Problem(f"scripts/{section.key}.md", 0, f"no slide notebook slides/{section.key}.py", "warning"))

    if section.animations.is_file():
        _collect(problems, find_scenes, section.animations, f"animations/{section.key}.py")
    return problems


def check_course(root: Path, wanted: str | None = None) -> list[Problem]:
    sections, problems = discover(root)
    if not sections and not problems:
        problems.append(Problem("scripts", 0, "no sections: add scripts/01_slug.md"))
    for section in select(sections, wanted) if sections else []:
        problems += check_section(section, root)
    return sorted(set(problems), key=lambda p: (p.path, p.line, p.message))


@click.command()
@click.argument("section", required=False)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", help="Output format.")
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.pass_obj
def check(root: Path, section: str | None, fmt: str, strict: bool) -> None:
    """Check scripts, cues, demos, slides and scenes; exit 1 on any error."""
    problems = check_course(root, section)
    errors = [p for p in problems if p.severity == "error" or strict]
    if fmt == "json":
        click.echo(json.dumps({"errors": len(errors), "warnings": len(problems) - len(errors),
                               "problems": [p.as_dict() for p in problems]}, indent=2))
    else:
        for p in problems:
            click.echo(str(p), err=True)
        warnings = len(problems) - len(errors)
        click.echo(f"check: {len(errors)} error(s), {warnings} warning(s)", err=True)
    if errors:
        raise SystemExit(1)
