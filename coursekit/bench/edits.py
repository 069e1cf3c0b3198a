"""The author's loop: `make` after one edit (a demo cell, a slide's text, a scene) beside the plain tool for the
same edit (`python file.py`, `jupyter nbconvert --to slides --execute`, `manim -ql`), in a built copy."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from coursekit.bench.timing import Row, _append_to_cell, measure
from coursekit.course import cells as cells_mod

# The rows this group writes, by how their names start (`make bench ONLY=edits` replaces exactly these).
EDIT_ROWS = ("`make` after editing one demo cell", "plain `python demos/", "`make` after editing one slide's text",
             "`make` after editing one scene (", "plain `manim -ql", "plain `jupyter nbconvert")


def bench_edits(rows: list[Row], sections, root: Path, copy: Path, work: Path, runs: int, echo=click.echo):
    """Each edit in ``copy``, a built copy of ``root``, and its plain tool; returns the section whose demo and
    slide were edited."""
    make = ["make", "--no-print-directory"]
    section = next(s for s in sections if s.slides.is_file() and s.demos)
    demo = next(d for d in section.demos)
    demo_copy = copy / demo.relative_to(root)
    first_cell = next(c.title for c in cells_mod.parse(demo, str(demo)) if c.title)

    def edit_demo(i):
        _append_to_cell(demo_copy, first_cell, f"# bench edit {i}\n")

    measure(rows, f"`make` after editing one demo cell ({demo.relative_to(root)}#{first_cell})", runs,
            edit_demo, make, copy, echo=echo)
    measure(rows, f"plain `python {demo.relative_to(root)}` (what a user runs after that edit)", runs,
            lambda i: None, [sys.executable, str(demo_copy)], copy, echo=echo)

    slides_copy = copy / "slides" / section.slides.name
    text_cell = next(c.title for c in cells_mod.parse(slides_copy, str(slides_copy))[1:]
                     if c.kind == "markdown" and c.title)

    def edit_slide_text(i):
        _append_to_cell(slides_copy, text_cell, f"# A sentence added by the bench, run {i}.\n")

    measure(rows, f"`make` after editing one slide's text (slides/{section.slides.name}#{text_cell})", runs,
            edit_slide_text, make, copy, echo=echo)

    # The scene edit: in the file with the most scenes, so "renders that scene alone" is visible.
    from coursekit.course.scenes import find_scenes

    scene_source = max((s.animations for s in sections if s.animations.is_file()),
                       key=lambda p: (len(find_scenes(p)), p.name))
    scene_file = copy / "animations" / scene_source.name
    scenes_there = find_scenes(scene_file)
    scene = scenes_there[0].name

    def edit_scene(i):
        text = scene_file.read_text(encoding="utf-8")
        head, _, body = text.partition(f"class {scene}(")
        body = body.replace('"""', f'"""(bench edit {i}) ', 1)
        scene_file.write_text(f"{head}class {scene}({body}", encoding="utf-8")

    measure(rows, f"`make` after editing one scene ({scene_file.name}#{scene}; "
                  f"{len(scenes_there)} scenes in the file)", runs, edit_scene, make, copy, echo=echo)
    measure(rows, f"plain `manim -ql {scene_file.name} {scene}` (that one scene)", runs, lambda i: None,
            [sys.executable, "-m", "manim", "-ql", "--media_dir", str(work / "manim-one"), scene_file.name,
             scene], copy / "animations", echo=echo)

    # Side by side on the same inputs: the deck of one section.
    py = sys.executable
    ipynb = work / f"{section.key}.ipynb"
    from coursekit.build.deck_source import prepare

    src = prepare(copy / "slides" / section.slides.name, copy, copy / "build/site/decks/x.html")
    import nbformat

    nbformat.write(src.nb, ipynb)
    measure(rows, f"plain `jupyter nbconvert --to slides --execute` ({section.key}, includes resolved)", runs,
            lambda i: None, [py, "-m", "jupyter", "nbconvert", "--to", "slides", "--execute", str(ipynb),
                             "--output-dir", str(work / "nbconvert")], work, echo=echo)
    return section
