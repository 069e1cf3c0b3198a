"""`coursekit handouts`: every deck printed to PDF by Chromium through reveal.js's print-pdf mode.

Two files a deck, both in a light print theme (templates/course/handout.css): the slides, one a page
(fragments shown whole), and the notes handout, where each page holds a slide with its speaker notes below
it, as presentation software prints notes pages: as many pages as the slides, none of them blank.
"""

from __future__ import annotations

import time
from importlib.resources import files
from pathlib import Path

import click

from coursekit.build.browser import chromium, offline_page
from coursekit.course import fsio
from coursekit.course.problems import CourseError, Problem, rel

NOTES_HEIGHT = 520  # what a notes page adds below its slide
VARIANTS = {"": "pdfSeparateFragments=false", "-notes": "pdfSeparateFragments=false&showNotes=true"}
MATHJAX_DONE = "() => !window.MathJax || !MathJax.Hub || MathJax.Hub.queue.pending === 0"


def notes_below_css(width: int, height: int) -> str:
    """A notes page: the page grows, and the notes move from over the slide's foot to below it."""
    return (f"@page {{ size: {width}px {height + NOTES_HEIGHT + 1}px; margin: 0; }}\n"
            f".reveal .pdf-page {{ height: {height + NOTES_HEIGHT}px !important; }}\n"
            f".reveal .speaker-notes-pdf {{ top: {height + 20}px !important; bottom: auto !important; "
            f"max-height: {NOTES_HEIGHT - 50}px; overflow: hidden; background: #fff !important; "
            "color: #111 !important; border-top: 2px solid #888; font-size: 17px; line-height: 1.4; "
            "padding-top: 10px; }\n")


def open_for_print(browser, deck: Path, notes: bool):
    """The deck laid out for printing, light theme applied (and notes below each slide when ``notes``);
    also the size of a printed page in pixels, as reveal.js laid the slides out."""
    blocked: list[str] = []
    page = offline_page(browser, blocked)
    page.goto(f"{deck.as_uri()}?print-pdf&{VARIANTS['-notes' if notes else '']}")
    page.wait_for_selector(".reveal.ready", timeout=30000)
    page.wait_for_function(MATHJAX_DONE, timeout=30000)
    width, height = page.evaluate("() => { const p = document.querySelector('.pdf-page'); "
                                  "return [p.offsetWidth, Math.ceil(parseFloat(p.style.height))]; }")
    page.add_style_tag(content=files("coursekit.build").joinpath("templates/course/handout.css").read_text())
    if notes:
        page.add_style_tag(content=notes_below_css(width, height))
        height += NOTES_HEIGHT
    if blocked:
        raise CourseError(Problem(str(deck), 0, f"printing would load {blocked[0]} from outside the site"))
    return page, width, height


def print_deck(browser, deck: Path, out_dir: Path) -> list[Path]:
    written = []
    for suffix in VARIANTS:
        page, width, height = open_for_print(browser, deck, notes=bool(suffix))
        target = out_dir / f"{deck.stem}{suffix}.pdf"
        with fsio.atomic_path(target) as tmp:
            page.pdf(path=str(tmp), width=f"{width}px", height=f"{height + 1}px", print_background=True)
        page.context.close()
        written.append(target)
    return written
@click.command()
@click.argument("decks", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.pass_obj
def handouts(root: Path, decks: tuple[Path, ...]) -> None:
    """Print DECKS (default: every built deck) to build/site/handouts/NAME.pdf and NAME-notes.pdf."""
    site = root / "build" / "site"
    chosen = [d.resolve() for d in decks] or sorted((site / "decks").glob("*.html"))
    if not chosen:
        raise CourseError(Problem("build/site/decks", 0, "no decks built yet: run `make slides` first"))
    with chromium() as browser:
        for i, deck in enumerate(chosen, start=1):
            started = time.monotonic()
            files = print_deck(browser, deck, site / "handouts")
            click.echo(f"  [{i}/{len(chosen)}] {deck.stem}: {', '.join(rel(f, root) for f in files)} "
                       f"({time.monotonic() - started:.1f} s)")
    click.echo(f"handouts: {len(chosen)} deck(s) printed")
