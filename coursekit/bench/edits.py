"""The author's loop: `make` after one edit (a demo cell, a slide's text, a scene) beside the plain tool for the
same edit (`python file.py`, `jupyter nbconvert --to slides --execute`, `manim -ql`), in a built copy."""

from __future__ import annotations

import queue
import re
import resource
import statistics
import sys
import threading
import time
from pathlib import Path

import click

from coursekit.bench.timing import Row, _append_to_cell, measure
from coursekit.course import cells as cells_mod

# The rows this group writes, by how their names start (`make bench ONLY=edits` replaces exactly these).
EDIT_ROWS = ("`make` after editing one demo cell", "plain `python demos/", "`make` after editing one slide's text",
             "`make` after editing one scene", "plain `manim -ql", "plain manim after", "plain `jupyter nbconvert",
             "preview: ")


def preview_seconds(rows: list[Row], name: str, runs: int, edit, page: str, copy: Path, echo=click.echo,
                    loaded: tuple[str, ...] = ()) -> None:
    """The live preview's rebuild after ``edit``, timed from the save to the event that reloads ``page`` (the
    site path of the deck or script page that shows the edit): the page or a file it ``loaded`` changed, as the
    preview's script in the page decides; the whole rebuild (draft, site) goes in the note.
    The watcher's debounce (0.2 s) comes on top: the build is started here as the watcher would start it."""
    from coursekit.site.preview import Builder, Channel

    walls, cpus, totals = [], [], []
    for i in range(runs):
        channel = Channel()
        events = channel.listen()
        builder = Builder(copy, None, channel, echo=lambda *_: None)
        edit(i)
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        seen = None
        done = threading.Event()

        def watch_events():
            nonlocal seen
            while not done.is_set() or not events.empty():
                try:
                    event, data = events.get(timeout=0.05)
                except queue.Empty:
                    continue
                if event == "built" and {page, *loaded} & set(data["changed"]) and seen is None:
                    seen = time.perf_counter() - started
        reader = threading.Thread(target=watch_events)
        reader.start()
        ok = builder.build(f"bench edit {i}")
        total = time.perf_counter() - started
        done.set()
        reader.join()
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if not ok or seen is None:
            raise click.ClickException(f"the preview's rebuild after the edit did not reload {page}")
        walls.append(seen)
        totals.append(total)
        cpus.append((after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime))
        echo(f"  {name}: run {i + 1}/{runs}: on screen after {seen:.2f} s, whole rebuild {total:.2f} s")
    rows.append(Row(name, walls, cpus, note=f"{statistics.median(totals):.2f} s whole rebuild"))


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
            edit_demo, make, copy, echo=echo, steps=True, warm=True)
    measure(rows, f"plain `python {demo.relative_to(root)}` (what a user runs after that edit)", runs,
            lambda i: None, [sys.executable, str(demo_copy)], copy, echo=echo)

    slides_copy = copy / "slides" / section.slides.name
    text_cell = next(c.title for c in cells_mod.parse(slides_copy, str(slides_copy))[1:]
                     if c.kind == "markdown" and c.title)

    def edit_slide_text(i):
        _append_to_cell(slides_copy, text_cell, f"# A sentence added by the bench, run {i}.\n")

    measure(rows, f"`make` after editing one slide's text (slides/{section.slides.name}#{text_cell})", runs,
            edit_slide_text, make, copy, echo=echo, steps=True, warm=True)

    # The scene edit: in the file with the most scenes, so "renders that scene alone" is visible.
    from coursekit.course.scenes import find_scenes

    scene_source = max((s.animations for s in sections if s.animations.is_file()),
                       key=lambda p: (len(find_scenes(p)), p.name))
    scene_file = copy / "animations" / scene_source.name
    scenes_there = find_scenes(scene_file)
    scene = scenes_there[0].name

    def edit_scene(i):  # its description (the docstring): the same video, other words in the deck and the site
        text = scene_file.read_text(encoding="utf-8")
        head, _, body = text.partition(f"class {scene}(")
        body = body.replace('"""', f'"""(bench edit {i}) ', 1)
        scene_file.write_text(f"{head}class {scene}({body}", encoding="utf-8")

    def edit_picture(i):  # what it shows: the first text it writes in construct() (a title), so every frame after
        text = scene_file.read_text(encoding="utf-8")
        head, _, body = text.partition(f"class {scene}(")
        before, _, drawn = body.partition("def construct(")
        drawn = re.sub(r'"([^"\n]*?)( \(bench \d+\))?"', lambda m: f'"{m[1]} (bench {i})"', drawn, count=1)
        scene_file.write_text(f"{head}class {scene}({before}def construct({drawn}", encoding="utf-8")

    measure(rows, f"`make` after editing one scene's description ({scene_file.name}#{scene}; "
                  f"{len(scenes_there)} scenes in the file)", runs, edit_scene, make, copy, echo=echo, steps=True, warm=True)
    measure(rows, f"`make` after editing one scene's picture ({scene_file.name}#{scene}: its first text)", runs,
            edit_picture, make, copy, echo=echo, steps=True, warm=True)
    manim = [sys.executable, "-m", "manim", "-ql", "--media_dir", str(work / "manim-one"), scene_file.name, scene]
    # manim keeps each animation it rendered (as the build does): unchanged ones are reused, as after a description
    # edit; after a picture edit it renders the animations that show the change, as the build does.
    measure(rows, f"plain `manim -ql {scene_file.name} {scene}` (that one scene)", runs, lambda i: None,
            manim, copy / "animations", echo=echo)
    measure(rows, f"plain manim after a picture edit: `manim -ql {scene_file.name} {scene}` after the same kind of "
                  "edit", runs, lambda i: edit_picture(200 + i), manim, copy / "animations", echo=echo)

    # The same edits in the live preview: how soon the page that shows each one reloads.
    preview_seconds(rows, f"preview: a demo cell edit on the script page (scripts/{section.key}.html)", runs,
                    lambda i: edit_demo(100 + i), f"/scripts/{section.key}.html", copy, echo)
    preview_seconds(rows, f"preview: a slide text edit on its deck (decks/{section.key}.html)", runs,
                    lambda i: edit_slide_text(100 + i), f"/decks/{section.key}.html", copy, echo)
    scene_section = scene_source.stem
    preview_seconds(rows, f"preview: a scene description edit on its deck (decks/{scene_section}.html)", runs,
                    lambda i: edit_scene(100 + i), f"/decks/{scene_section}.html", copy, echo)
    preview_seconds(rows, f"preview: a scene picture edit on its deck (decks/{scene_section}.html)", runs,
                    lambda i: edit_picture(100 + i), f"/decks/{scene_section}.html", copy, echo,
                    loaded=(f"/animations/{scene_section}/{scene}.mp4",))

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
