"""`coursekit trace`: every cue with what it resolves to, and the reverse index (which cues show this cell)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import click

from coursekit.course import cells as cells_mod
from coursekit.course.check import cue_targets, slide_cells
from coursekit.course.scenes import find_scenes
from coursekit.course.script import Cue
from coursekit.course.sections import Section, discover, select
from coursekit.course.targets import Target


@dataclass(frozen=True)
class TracedCue:
    section: str
    script: str
    cue: Cue
    target: Target | None

    @property
    def where(self) -> str:
        return f"{self.script}:{self.cue.line}"

    def as_dict(self) -> dict:
        t = self.target
        return {"section": self.section, "script": self.script, "line": self.cue.line, "marker": self.cue.marker,
                "description": self.cue.description,
                "target": None if t is None else {"kind": t.kind, "path": t.path, "fragment": t.fragment,
                                                  "line": t.line, "end": t.end}}


@dataclass(frozen=True)
class Showable:
    """Something a cue can show: a demo cell, a slide or a scene."""
    ref: str
    path: str
    line: int
    end: int


def showables(section: Section, root: Path) -> list[Showable]:
    found = []
    for demo in section.demos:
        shown = demo.relative_to(root).as_posix()
        for cell in cells_mod.parse(demo, shown):
            if cell.title:
                found.append(Showable(f"{shown}#{cell.title}", shown, cell.line, cell.end))
    if section.slides.is_file():
        shown = f"slides/{section.key}.py"
        for cell in slide_cells(cells_mod.parse(section.slides, shown)):
            if cell.title:
                found.append(Showable(f"{shown}#{cell.title}", shown, cell.line, cell.end))
    if section.animations.is_file():
        shown = f"animations/{section.key}.py"
        for scene in find_scenes(section.animations, shown):
            found.append(Showable(f"{shown}#{scene.name}", shown, scene.line, scene.line))
    return found


def trace_course(root: Path, wanted: str | None = None) -> tuple[list[TracedCue], dict[str, list[TracedCue]], dict[str, Showable]]:
    """Cues in script order; reverse index ref -> cues showing it (every showable thing, shown or not)."""
    sections, _ = discover(root)  # layout problems are `check`'s to report; trace what can be traced
    traced: list[TracedCue] = []
    things: dict[str, Showable] = {}
    for section in select(sections, wanted):
        _, resolved, _ = cue_targets(section, root)
        traced += [TracedCue(section.key, f"scripts/{section.key}.md", cue, t) for cue, t in resolved]
        things.update({s.ref: s for s in showables(section, root)})
    reverse: dict[str, list[TracedCue]] = {ref: [] for ref in things}
    for row in traced:
        if row.target and row.target.kind != "url":
            reverse.setdefault(row.target.ref, []).append(row)
    return traced, reverse, things


def _span(t: Target) -> str:
    return f"{t.path}:{t.line}-{t.end}" if t.line and t.end > t.line else (f"{t.path}:{t.line}" if t.line else t.path)


@click.command()
@click.argument("section", required=False)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@click.pass_obj
def trace(root: Path, section: str | None, fmt: str) -> None:
    """Print every cue with its resolved target, then which cues show each cell, slide and scene."""
    traced, reverse, things = trace_course(root, section)
    if fmt == "json":
        click.echo(json.dumps({"cues": [r.as_dict() for r in traced],
                               "shown_by": {ref: [r.where for r in rows] for ref, rows in reverse.items()}}, indent=2))
        return
    current = None
    for row in traced:
        if row.section != current:
            current = row.section
            click.echo(f"{current}")
        target = "(unresolved: run coursekit check)" if row.target is None and row.cue.link else (
            "(no link)" if row.target is None else
            (row.target.path if row.target.kind == "url" else f"{_span(row.target)}"
             + (f"  #{row.target.fragment}" if row.target.fragment else "")))
        click.echo(f"  {row.where:<34} [{row.cue.marker}] {row.cue.description[:48]:<48} -> {target}")
    click.echo("\nshown by:")
    for ref, rows in sorted(reverse.items()):
        thing = things.get(ref)
        where = f"{thing.path}:{thing.line}" if thing else ref
        cues = ", ".join(r.where for r in rows) or "NOT SHOWN by any cue"
        click.echo(f"  {ref:<60} {where:<40} <- {cues}")
