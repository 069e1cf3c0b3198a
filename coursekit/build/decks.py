"""`coursekit deck`: a slide notebook becomes an offline reveal.js deck.

Jupytext source (or .ipynb) -> the deck's notebook (deck_source: includes, animations, notes) -> its code cells
run or taken from the cell cache (deck_cells) -> nbconvert slides through the course template, whose every asset
is local -> optionally folded into one file (selfcontained).
"""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

import click

from coursekit.build.deck_cells import CELL_TIMEOUT, CellCache, execute
from coursekit.build.deck_source import REMOTE_RE, TEMPLATES, DeckSource, add_code_slides, expected_slides, prepare
from coursekit.build.selfcontained import loaded_urls
from coursekit.course import cache, fsio
from coursekit.course.problems import CourseError, Problem, rel


def export(src: DeckSource, out: Path, assets: Path, compiled: Path | None = None,
           cleaned: Path | None = None) -> tuple[str, int]:
    """The deck's HTML and its slide count; nbconvert's templates compiled once into ``compiled`` (Jinja's own
    bytecode cache, checked against each template's source), and what its HTML sanitiser made of each piece kept in
    ``cleaned`` (CleanedHtml)."""
    from nbconvert.exporters import SlidesExporter

    prefix = os.path.relpath(assets, out.parent).replace(os.sep, "/")
    from nbconvert.preprocessors import CoalesceStreamsPreprocessor

    # Several prints in a cell arrive as several stream outputs; show them as one block, as Jupyter does.
    src.nb, _ = CoalesceStreamsPreprocessor().preprocess(src.nb, {})
    exporter = SlidesExporter(
        template_name="course", extra_template_basedirs=[str(TEMPLATES)],
        reveal_url_prefix=f"{prefix}/reveal.js", reveal_theme="black", theme="dark", reveal_transition="slide",
        reveal_number="c/t", require_js_url=f"{prefix}/requirejs/require.js",
        jquery_url=f"{prefix}/jquery/jquery.min.js",
        mathjax_url=f"{prefix}/mathjax/MathJax.js?config=TeX-AMS_CHTML-full,Safe",
        exclude_input_prompt=True, exclude_output_prompt=True, exclude_anchor_links=True)
    if compiled is not None:
        from jinja2 import FileSystemBytecodeCache

        compiled.mkdir(parents=True, exist_ok=True)
        exporter.environment.bytecode_cache = FileSystemBytecodeCache(str(compiled))
    memo = CleanedHtml(cleaned) if cleaned is not None else None
    if memo is not None:
        exporter.register_filter("clean_html", memo)
    title = next((c.source.lstrip("# ").splitlines()[0] for c in src.nb.cells
                  if c.cell_type == "markdown" and c.source.strip()), src.notebook.stem)
    src.nb.metadata["title"] = title
    page, _ = exporter.from_notebook_node(src.nb, resources={"course_css_url": f"{prefix}/course.css"})
    if memo is not None:
        memo.save()
    remote = [u for u in loaded_urls(page) if REMOTE_RE.match(u)]
    if remote:
        raise CourseError(Problem(src.shown, 0, "the deck would load " + ", ".join(sorted(set(remote)))
                                  + " from outside the site; decks must work offline"))
    return page, expected_slides(src.nb)


class CleanedHtml:
    """nbconvert's clean_html filter (bleach, through html5lib: most of a deck's export time for its code cells), each
    answer kept in one JSON file per deck under the versions that made it: the same piece of HTML is cleaned once.
    The file holds the pieces of the last export only; a damaged or foreign one is ignored."""

    def __init__(self, path: Path):
        import bleach
        import nbconvert

        self.path, self.used = path, {}
        self.versions = [nbconvert.__version__, bleach.__version__, fsio.file_sha256(Path(__file__))]
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            self.kept = data["cleaned"] if data.get("versions") == self.versions else {}
        except (OSError, ValueError, KeyError, TypeError):
            self.kept = {}

    def __call__(self, element) -> str:
        from nbconvert.filters.strings import clean_html

        text = element.decode() if isinstance(element, bytes) else str(element)
        key = fsio.sha256(text)
        answer = self.kept.get(key)
        if not isinstance(answer, str):
            answer = clean_html(text)
        self.used[key] = answer
        return answer

    def save(self) -> None:
        if self.used != self.kept:
            fsio.write_text(self.path, json.dumps({"versions": self.versions, "cleaned": self.used}))


def described_again(page: str, before: dict | None, now: dict[str, str]) -> str | None:
    """The built ``page`` with its videos' descriptions changed from ``before`` to ``now`` (id -> text), or None when
    that cannot be done exactly (the deck is then built again): the same videos, each description's old text found
    once in the page as nbconvert wrote it (as_written)."""
    if not isinstance(before, dict) or set(before) != set(now):
        return None
    for ident, text in now.items():
        if text == before[ident]:
            continue
        old = as_written(ident, before[ident]) if isinstance(before[ident], str) else None
        if old is None or page.count(old) != 1:
            return None
        page = page.replace(old, as_written(ident, text))
    return page


def as_written(ident: str, description: str) -> str | None:
    """A video's description element as a built deck holds it: the cell's HTML (deck_source) through nbconvert's own
    Markdown renderer, as HTMLExporter.markdown2html calls it, then its HTML serialiser (BeautifulSoup, html.parser)."""
    from bs4 import BeautifulSoup
    from nbconvert.filters.markdown_mistune import IPythonRenderer, MarkdownWithMath

    from coursekit.build.deck_source import _video_html

    cell = _video_html("animation", ident.removeprefix("describe-"), description)
    rendered = MarkdownWithMath(renderer=IPythonRenderer(escape=False, exclude_anchor_links=True)).render(cell)
    html = str(BeautifulSoup(rendered, features="html.parser"))
    start = html.find(f'<p class="visually-hidden" id="{ident}">')
    end = html.find("</p>", start)
    return html[start:end + len("</p>")] if start >= 0 and end > start else None


def write_depfile(path: Path, out: Path, src: DeckSource, root: Path) -> None:
    """Make rules naming what the deck was built from; each dependency also gets an empty rule, so that
    deleting one of them makes the deck rebuild instead of stopping make (as gcc -MP does)."""
    deps = sorted(src.depends)
    text = f"{rel(out, root)}: {' '.join(deps)}\n" + "".join(f"{d}:\n" for d in deps if not d.startswith("build/"))
    fsio.write_text(path, text)


def build_deck(notebook: Path, root: Path, out: Path, *, force: bool = False, timeout: int = CELL_TIMEOUT,
               depfile: Path | None = None, self_contained: bool = False, run: bool = True,
               echo=click.echo) -> bool:
    """Build one deck; False when it was already up to date."""
    site = root / "build" / "site"
    assets = site / "assets"
    elsewhere = out.parent != site / "decks"
    staged = out
    if self_contained:  # built beside a staging copy of the assets, then folded into one file
        staged = root / "build" / "cache" / "self-contained" / f"{notebook.stem}.html"
        assets = staged.parent / "assets"
    elif elsewhere:  # a deck written anywhere else gets the assets beside it, in an assets/ folder it shares
        assets = out.parent / "assets"
    name = notebook.stem
    started = time.monotonic()
    src = prepare(notebook, root, out)
    src.parts["self_contained"] = self_contained
    src.parts["run"] = run
    stamps = cache.Stamps(root / "build" / "cache" / "decks")
    key = f"{name}.self-contained" if self_contained else name
    digest = src.digest()
    if depfile:
        write_depfile(depfile, out, src, root)
    if not force and stamps.fresh(key, digest, [out]):
        echo(f"deck {name}: up to date")
        return False
    frame, previous = src.frame(), stamps.load(key)
    if not force and not (elsewhere or self_contained) and previous.get("frame") == frame and out.is_file():
        page = described_again(out.read_text(encoding="utf-8"), previous.get("described"), src.described)
        if page is not None:  # a scene rendered again, or its description edited: nothing else in the page changed
            fsio.write_text(out, page)  # also when the same: make compares the times
            stamps.record(key, digest, slides=previous.get("slides"), source=src.shown, frame=frame,
                          described=src.described)
            changed = sum(previous["described"][i] != text for i, text in src.described.items())
            echo(f"deck {name}: {changed} video description(s) changed, written into the built deck in "
                 f"{time.monotonic() - started:.1f} s (the rest of it is as built from the same source)")
            return True
    if elsewhere or self_contained:
        from coursekit.build.assets import build_assets

        if build_assets(root, assets):
            echo(f"deck {name}: copied reveal.js, require.js, jQuery and MathJax into {rel(assets, root)}")
    for warning in src.warnings:
        echo(f"deck {name}: warning: {warning}")
    missing = [v for v in src.videos if not (site / f"{v}.mp4").exists()]
    if missing:
        echo(f"deck {name}: warning: animation not rendered yet: {', '.join(missing)} (run `make animations`)")
    code = sum(1 for c in src.nb.cells if c.cell_type == "code")
    cells = CellCache(root / "build" / "cache" / "cells" / f"{name}-{fsio.sha256(src.shown)[:8]}", src, root)
    if not code:
        echo(f"deck {name}: no code cells (no kernel)")
    elif not run:
        kept = sum(1 for c in src.nb.cells if c.cell_type == "code" and c.get("outputs"))
        echo(f"deck {name}: not executed: the outputs saved in the notebook ({kept} of {code} code cells have some)")
    elif cells.load(src.nb):
        echo(f"deck {name}: all {code} code cells unchanged, outputs from the cell cache (no kernel)")
    else:
        echo(f"deck {name}: executing {code} code cells ...")
        execute(src, timeout)
        cells.store(src.nb)
    add_code_slides(src)
    page, slides = export(src, staged, assets, compiled=root / "build" / "cache" / "jinja",
                          cleaned=root / "build" / "cache" / "cleaned" / f"{key}.json")
    fsio.write_text(staged, page)
    if elsewhere or self_contained:
        _carry_videos(src, site, out.parent, posters=not self_contained)
    if elsewhere and not self_contained:
        _carry_pictures(page, notebook.parent, out.parent)
    if self_contained:
        _fold(staged, out, notebook, src, root, echo)
    stamps.record(key, digest, slides=slides, source=src.shown, frame=frame, described=src.described)
    echo(f"deck {name}: {slides} slides in {time.monotonic() - started:.1f} s -> {rel(out, root)}")
    return True


def _carry_videos(src: DeckSource, site: Path, folder: Path, posters: bool = True) -> None:
    """Copy the rendered videos (and posters) a deck written outside the site shows into its animations/ folder."""
    for stem in src.videos:
        for suffix in (".mp4", ".png") if posters else (".mp4",):
            source, target = site / f"{stem}{suffix}", folder / f"{stem}{suffix}"
            if source.is_file() and (not target.is_file() or fsio.file_sha256(target) != fsio.file_sha256(source)):
                target.parent.mkdir(parents=True, exist_ok=True)
                with fsio.atomic_path(target) as tmp:
                    shutil.copyfile(source, tmp)


def _carry_pictures(page: str, source: Path, folder: Path) -> None:
    """Copy the pictures a deck shows from beside its notebook to beside the deck, at the same relative path."""
    if source.resolve() == folder.resolve():
        return
    for url in loaded_urls(page):
        path = Path(url.split("?")[0].split("#")[0])
        if REMOTE_RE.match(url) or ":" in url or path.is_absolute() or ".." in path.parts:
            continue
        origin, target = source / path, folder / path
        if origin.is_file() and (not target.is_file() or fsio.file_sha256(target) != fsio.file_sha256(origin)):
            target.parent.mkdir(parents=True, exist_ok=True)
            with fsio.atomic_path(target) as tmp:
                shutil.copyfile(origin, tmp)


def _fold(staged: Path, out: Path, notebook: Path, src: DeckSource, root: Path, echo) -> None:
    """The staged deck as one file at ``out``, and what that file still needs beside it."""
    from coursekit.build.selfcontained import inline

    echo(f"deck {notebook.stem}: inlining every asset (MathJax: only what the deck's formulas use) ...")
    folded = inline(staged, [out.parent, notebook.parent, root / "build" / "site"], src.shown)
    fsio.write_text(out, folded.html)
    mathjax = (f"MathJax with {len(folded.mathjax_files)} of its files for {folded.formulas} formula(s)"
               if folded.formulas else "no MathJax (no formulas)")
    echo(f"deck {notebook.stem}: one file of {out.stat().st_size / 1e6:.1f} MB, {mathjax}")
    for video in folded.videos:
        there = (out.parent / video).is_file()
        echo(f"deck {notebook.stem}: the video {video} stays a file beside the deck; move it with the deck"
             + ("" if there else " (not rendered yet: `coursekit render`, then build the deck again)"))


@click.command()
@click.argument("notebook", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Deck to write (default build/site/decks/NAME.html; build/self-contained/NAME.html with "
                   "--self-contained).")
@click.option("--force", is_flag=True, help="Rebuild even when nothing changed.")
@click.option("--timeout", type=int, default=CELL_TIMEOUT, show_default=True, help="Seconds a cell may run.")
@click.option("--depfile", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Also write a make rule of the files the deck depends on.")
@click.option("--self-contained", is_flag=True,
              help="Write one HTML file holding every asset (videos stay files beside it).")
@click.option("--execute/--no-execute", "run", default=True, show_default=True,
              help="Run the code cells in a fresh kernel, or show the outputs saved in the notebook (for a notebook "
                   "that needs packages, kernels or a GPU this machine lacks).")
@click.pass_obj
def deck(root: Path, notebook: Path, output: Path | None, force: bool, timeout: int, depfile: Path | None,
         self_contained: bool, run: bool) -> None:
    """Build the reveal.js deck of NOTEBOOK (any format Jupytext reads, with slideshow metadata). Written outside
    build/site/decks/, the deck gets the assets it needs in an assets/ folder beside it; with --self-contained
    it is one file that works wherever it is moved."""
    notebook = notebook.resolve()
    default = root / "build" / ("self-contained" if self_contained else "site/decks") / f"{notebook.stem}.html"
    out = (output or default).resolve()
    shown = rel(notebook, root)
    try:
        build_deck(notebook, root, out, force=force, timeout=timeout, depfile=depfile, self_contained=self_contained,
                   run=run)
    except (CourseError, KeyboardInterrupt):
        raise
    except Exception as exc:  # a notebook nbconvert or a kernel chokes on is still one line, never a traceback
        raise CourseError(Problem(shown, 0, f"could not build the deck ({exc.__class__.__name__}: "
                                  f"{str(exc).splitlines()[0] if str(exc) else 'no message'}); if the notebook "
                                  "opens in Jupyter, please report this")) from None
