"""`coursekit handouts`: every deck printed to PDF by Chromium through reveal.js's print-pdf mode.

Two files a deck: the slides one a page (fragments shown whole), and a variant with each slide's speaker
notes on a page of its own after it.
"""

from __future__ import annotations

import time
from pathlib import Path

import click

from coursekit import fsio
from coursekit.browser import chromium, offline_page
from coursekit.problems import CourseError, Problem, rel

WIDTH, HEIGHT = "960px", "700px"  # the decks' reveal.js size, so one slide fills one page
VARIANTS = {"": "pdfSeparateFragments=false", "-notes": "pdfSeparateFragments=false&showNotes=separate-page"}


def print_deck(browser, deck: Path, out_dir: Path) -> list[Path]:
    written = []
    for suffix, query in VARIANTS.items():
        blocked: list[str] = []
        page = offline_page(browser, blocked)
        page.goto(f"{deck.as_uri()}?print-pdf&{query}")
        page.wait_for_selector(".reveal.ready", timeout=30000)
        page.wait_for_function("() => !window.MathJax || !MathJax.Hub || MathJax.Hub.queue.pending === 0",
                               timeout=30000)
        if blocked:
            raise CourseError(Problem(str(deck), 0, f"printing would load {blocked[0]} from outside the site"))
        target = out_dir / f"{deck.stem}{suffix}.pdf"
        with fsio.atomic_path(target) as tmp:
            page.pdf(path=str(tmp), width=WIDTH, height=HEIGHT, print_background=True)
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
