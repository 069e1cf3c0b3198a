"""`coursekit deck`: a slide notebook becomes an offline reveal.js deck.

Jupytext source (or .ipynb) -> includes resolved -> speaker notes from the script -> executed with nbclient
in one fresh kernel -> nbconvert slides through the course template, whose every asset is local.
"""

from __future__ import annotations

import html.parser
import os
import re
import shutil
import subprocess
import time
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path

import click

from coursekit import cache, fsio
from coursekit import cells as cells_mod
from coursekit import script as script_mod
from coursekit.notebooks import load_notebook
from coursekit.problems import CourseError, Problem, rel
from coursekit.scenes import describe
from coursekit.sections import KEY_RE
from coursekit.targets import resolve_cue, resolve_link

TEMPLATES = Path(__file__).parent / "templates"
REMOTE_RE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//", re.I)
PICTURE_RE = re.compile(r"!\[[^\]]*\]\(\s*<?([^)\s>]+)|<img[^>]+src=[\"']([^\"']+)", re.I)
MD_IMAGE_RE = re.compile(r"!\[[^\]]*\]\(\s*<?((?:https?:)?//[^)\s>]+)|<img[^>]+src=[\"']((?:https?:)?//[^\"']+)", re.I)
CELL_TIMEOUT = 120  # seconds a slide cell may run


@dataclass
class DeckSource:
    """Everything a deck is built from; its digest decides whether the deck is rebuilt."""
    notebook: Path
    shown: str
    nb: object  # nbformat.NotebookNode
    lines: dict[int, int] = field(default_factory=dict)  # cell index -> source line
    parts: dict = field(default_factory=dict)
    videos: list[str] = field(default_factory=list)
    depends: set[str] = field(default_factory=set)  # repository files beyond the notebook, for make
    warnings: list[str] = field(default_factory=list)

    def digest(self) -> str:
        return cache.key(self.parts)


def _template_digest() -> str:
    return fsio.sha256("".join(fsio.file_sha256(p) for p in sorted((TEMPLATES / "course").glob("*"))))


def _section_notes(notebook: Path, root: Path) -> dict[str, list[str]]:
    """Slide title -> narration of the script segments whose [SHOW ON SLIDES] cue shows it."""
    key = notebook.stem
    script_path = root / "scripts" / f"{key}.md"
    if notebook.parent != root / "slides" or not KEY_RE.match(key) or not script_path.is_file():
        return {}
    parsed = script_mod.parse(script_path, rel(script_path, root))
    notes: dict[str, list[str]] = {}
    for cue in parsed.cues:
        if cue.kind != "slides":
            continue
        target = resolve_cue(cue, script_path, root)
        if target and target.path == rel(notebook, root) and target.fragment:
            notes.setdefault(target.fragment, []).extend(parsed.segments[cue.segment].narration_markdown)
    return notes


def _video_html(href: str, title: str, description: str, still: bool = False) -> str:
    """The scene as a video that never plays by itself, described for people who cannot see it; a still
    scene (no play call) as its picture."""
    ident = f"describe-{title}"
    if still:
        return f'<img class="course-animation" src="{href}.png" alt="{html.escape(description or title)}" width="100%">'
    return (f'<video class="course-animation" controls preload="metadata" width="100%" poster="{href}.png" '
            f'aria-label="{title}" aria-describedby="{ident}"><source src="{href}.mp4" type="video/mp4"></video>'
            f'<p class="visually-hidden" id="{ident}">{html.escape(description)}</p>')


def prepare(notebook: Path, root: Path, out: Path) -> DeckSource:
    """Resolve includes, animations and notes into the notebook; fail on remote images."""
    import nbformat

    shown = rel(notebook, root)
    nb, lines = load_notebook(notebook, root)
    src = DeckSource(notebook, shown, nb, lines)
    src.parts = {"notebook": fsio.file_sha256(notebook), "template": _template_digest(),
                 "code": fsio.file_sha256(Path(__file__)),
                 "coursekit": version("coursekit"), "torch": version("torch"), "nbconvert": version("nbconvert"),
                 "includes": {}, "animations": {}, "notes": {}}
    site = root / "build" / "site"  # where `coursekit render` puts the animations
    # A deck written anywhere else carries the videos it shows in an animations/ folder beside it.
    carried = out.parent != site / "decks"
    course = notebook.parent == root / "slides"  # the course's own decks may not show web pictures at all
    new_cells = []
    for index, cell in enumerate(nb.cells):
        line = lines.get(index, 0)
        meta = cell.metadata
        if cell.cell_type == "markdown":
            _check_pictures(cell.source, notebook.parent, shown, line)
        if "include" in meta:
            target = resolve_link(str(meta["include"]), notebook.parent, root, shown, line, need_fragment=True)
            demo_cell = cells_mod.titled(cells_mod.parse(root / target.path, target.path), target.path)[0][target.fragment]
            cell.source = demo_cell.source
            meta["included_from"] = target.ref
            src.parts["includes"][target.ref] = demo_cell.source
            src.depends.add(target.path)
        if "animation" in meta:
            target = resolve_link(str(meta["animation"]), notebook.parent, root, shown, line,
                                  folder="animations", need_fragment=True)
            stem = f"animations/{Path(target.path).stem}/{target.fragment}"
            href = stem if carried else os.path.relpath(site / stem, out.parent).replace(os.sep, "/")
            description = describe(root / target.path, target.fragment, target.path)
            still = (site / f"{stem}.png").exists() and not (site / f"{stem}.mp4").exists()
            cell.source += "\n\n" + _video_html(href, target.fragment, description, still)
            src.parts.setdefault("descriptions", {})[target.ref] = description
            if not still:
                src.videos.append(stem)
            poster = site / f"{stem}.png"
            src.parts["animations"][stem] = fsio.file_sha256(poster) if poster.exists() else "missing"
            src.depends.add(rel(site / "animations" / f"{Path(target.path).stem}.json", root))
        if cell.cell_type == "markdown" and course:
            for m in MD_IMAGE_RE.finditer(cell.source):
                raise CourseError(Problem(shown, line, f"remote image {m[1] or m[2]}: decks must work offline; "
                                          "save the image next to the notebook or draw it as an animation"))
        elif cell.cell_type == "markdown":  # someone else's notebook: its web pictures become links, with a warning
            cell.source, urls = _pictures_as_links(cell.source)
            src.warnings += [f"line {line}: the picture {url} is on the web; the deck shows it as a link "
                             "(decks load nothing from outside their folder)" if line else
                             f"the picture {url} is on the web; the deck shows it as a link" for url in urls]
        new_cells.append(cell)

    notes = _section_notes(notebook, root)
    src.parts["notes"] = notes
    if notes:
        src.depends.add(f"scripts/{notebook.stem}.md")
    if notes:
        # A notes cell goes after the last cell of its slide, so reveal shows it with that slide.
        out_cells, current = [], None
        for cell in new_cells:
            slide_type = cell.metadata.get("slideshow", {}).get("slide_type")
            if slide_type in ("slide", "subslide") and current in notes:
                out_cells.append(_notes_cell(notes[current]))
                current = None
            if slide_type in ("slide", "subslide"):
                current = cell.metadata.get("title")
            out_cells.append(cell)
        if current in notes:
            out_cells.append(_notes_cell(notes[current]))
        new_cells = out_cells
    nb.cells = new_cells
    for i, cell in enumerate(nb.cells):  # Jupytext's ids are random; stable ones keep the deck reproducible
        cell["id"] = f"cell-{i}"
    nb.metadata.pop("widgets", None)
    nbformat.validate(nb)
    return src


MD_REMOTE_PICTURE_RE = re.compile(r"!\[([^\]]*)\]\(\s*<?((?:https?:)?//[^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)", re.I)
LINKED_REMOTE_PICTURE_RE = re.compile(r"\[!\[([^\]]*)\]\(\s*<?((?:https?:)?//[^)\s>]+)>?\s*\)\]\(\s*<?([^)\s>]+)>?\s*\)")
HTML_REMOTE_PICTURE_RE = re.compile(r"<img\b[^>]*\bsrc=[\"']((?:https?:)?//[^\"']+)[\"'][^>]*>", re.I)


def _pictures_as_links(source: str) -> tuple[str, list[str]]:
    """``source`` with each picture loaded from the web turned into a link to it (its alt text as the words),
    and those pictures' addresses."""
    urls: list[str] = []

    def markdown(m):
        urls.append(m[2])
        return f"[{m[1] or 'picture'}]({m[2]})"

    def tag(m):
        urls.append(m[1])
        alt = re.search(r"\balt=[\"']([^\"']*)", m[0], re.I)
        return f'<a href="{m[1]}">{(alt[1] if alt and alt[1] else "picture")}</a>'

    def badge(m):  # a linked picture (Colab's "Open in Colab" badge): the link keeps its target, the alt as words
        urls.append(m[2])
        return f"[{m[1] or 'link'}]({m[3]})"

    source = LINKED_REMOTE_PICTURE_RE.sub(badge, source)
    return HTML_REMOTE_PICTURE_RE.sub(tag, MD_REMOTE_PICTURE_RE.sub(markdown, source)), urls


def _check_pictures(source: str, folder: Path, shown: str, line: int) -> None:
    """Every picture a Markdown cell shows from a file is there, beside the notebook (remote ones are refused
    elsewhere; attachments and data: URLs travel inside the notebook)."""
    from urllib.parse import unquote

    for m in PICTURE_RE.finditer(source):
        url = m[1] or m[2]
        if REMOTE_RE.match(url) or re.match(r"^(data|attachment):", url, re.I) or url.startswith("#"):
            continue
        path = unquote(url.split("?")[0].split("#")[0])
        if path and not (folder / path).is_file():
            raise CourseError(Problem(shown, line, f"the picture {path} is not there (looked in {folder.name}/); "
                                      "put it beside the notebook or fix the link"))


def _notes_cell(paragraphs: list[str]):
    """The speaker notes of a slide, from the script's narration. Rendered here with raw HTML disabled, as on
    the script page and the teleprompter: a `<script>` written in a script is words to read, never markup
    that runs when the deck opens (nbconvert passes HTML in Markdown cells through untouched)."""
    import nbformat

    from coursekit.pages import inline

    html, bullets = [], []
    for paragraph in [*paragraphs, ""]:
        if paragraph.startswith("- "):
            bullets.append(f"<li>{inline(paragraph[2:])}</li>")
            continue
        if bullets:
            html.append("<ul>" + "".join(bullets) + "</ul>")
            bullets = []
        if paragraph:
            html.append(f"<p>{inline(paragraph)}</p>")
    cell = nbformat.v4.new_markdown_cell("\n".join(html))
    cell.metadata["slideshow"] = {"slide_type": "notes"}
    cell.metadata["from_script"] = True
    return cell


class CellCache:
    """Outputs of a deck's code cells, each under the hash of every code cell up to it (with includes
    resolved), the notebook's place in the repository and the versions that produce outputs.

    A deck whose every code cell is cached is built with no kernel at all (a Markdown edit). Any miss runs the
    whole notebook in one fresh kernel, so that a cell that reads a file, the clock or unseeded randomness
    still sees exactly the state a plain top-to-bottom run gives it. Keys hold no absolute path or time, so
    the cache can move between checkouts and machines; a corrupt entry is a miss; entries no cell of the
    current notebook uses are removed after each build.
    """

    def __init__(self, directory: Path, src: DeckSource, root: Path):
        import sys

        self.directory = directory
        base = {"notebook": rel(src.notebook, root), "python": list(sys.version_info[:2]),
                **{p: version(p) for p in ("torch", "nbclient", "nbconvert", "ipykernel")}}
        self.keys: dict[int, str] = {}  # cell index -> key
        chain = cache.key(base)
        for index, cell in enumerate(src.nb.cells):
            if cell.cell_type == "code":
                chain = cache.key({"before": chain, "source": cell.source})
                self.keys[index] = chain

    def _path(self, key: str) -> Path:
        return self.directory / f"{key}.json"

    def load(self, nb) -> bool:
        """Fill every code cell's outputs from the cache; False (nothing filled) unless all are there."""
        import json

        import nbformat

        found = {}
        for index, key in self.keys.items():
            try:
                entry = json.loads(self._path(key).read_text(encoding="utf-8"))
                found[index] = ([nbformat.from_dict(o) for o in entry["outputs"]], entry["execution_count"])
            except (OSError, ValueError, KeyError, TypeError):
                return False
        for index, (outputs, count) in found.items():
            nb.cells[index].outputs = outputs
            nb.cells[index].execution_count = count
        return True

    def store(self, nb) -> None:
        import json

        for index, key in self.keys.items():
            cell = nb.cells[index]
            entry = {"outputs": cell.outputs, "execution_count": cell.execution_count}
            fsio.write_text(self._path(key), json.dumps(entry, sort_keys=True))
        keep = {f"{key}.json" for key in self.keys.values()}
        for stale in self.directory.glob("*.json"):
            if stale.name not in keep:
                stale.unlink(missing_ok=True)


def execute(src: DeckSource, timeout: int = CELL_TIMEOUT) -> None:
    """Run every code cell in one fresh kernel; a failing cell is reported by file, line and title."""
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

    client = NotebookClient(src.nb, timeout=timeout, kernel_name=kernel_for(src),
                            resources={"metadata": {"path": str(src.notebook.parent)}})
    line_of = {id(cell): src.lines.get(i, 0) for i, cell in enumerate(src.nb.cells)
               if not cell.metadata.get("from_script")}
    # The kernel's own log (a warning about TCP transport on every start) is noise here: what a cell
    # prints reaches us through the notebook protocol, not the kernel's stderr.
    with client.setup_kernel(stderr=subprocess.DEVNULL):
        for index, cell in enumerate(src.nb.cells):
            try:
                client.execute_cell(cell, index)
            except (CellExecutionError, CellTimeoutError, DeadKernelError) as exc:
                title = cell.metadata.get("title")
                origin = f" (included from {cell.metadata['included_from']})" if "included_from" in cell.metadata else ""
                what = f"cell '{title}'" if title else f"cell {index + 1}"
                if isinstance(exc, CellExecutionError):
                    reason = f"{exc.ename}: {exc.evalue}" + _advice(exc.ename, exc.evalue)
                elif isinstance(exc, CellTimeoutError):
                    reason = f"did not finish within {timeout} s"
                else:
                    reason = "the kernel died"
                raise CourseError(Problem(src.shown, line_of.get(id(cell), 0),
                                          f"{what}{origin} failed while building the deck: {reason}")) from None


def kernel_for(src: DeckSource) -> str:
    """The kernel the notebook names when it is installed here; Python's own for a Python notebook (Colab and
    VS Code name kernels after a machine's environments); otherwise a clear error."""
    from jupyter_client.kernelspec import KernelSpecManager

    spec = src.nb.metadata.get("kernelspec") or {}
    name = spec.get("name") or "python3"
    installed = KernelSpecManager().find_kernel_specs()
    if name in installed:
        return name
    language = (spec.get("language") or src.nb.metadata.get("language_info", {}).get("name") or "python").lower()
    if language == "python":
        return "python3"
    raise CourseError(Problem(src.shown, 0, f"the notebook runs in the kernel '{name}' ({spec.get('display_name') or language}), "
                              "which is not installed here; build its deck from the outputs saved in it with "
                              "--no-execute"))


def _advice(ename: str, evalue: str) -> str:
    """What to do when a cell fails for want of something this machine lacks."""
    missing = re.search(r"No module named '([^']+)'", evalue or "")
    if ename in ("ModuleNotFoundError", "ImportError") and missing:
        return (f"; the module '{missing[1].split('.')[0]}' is not installed where the deck runs: install it, or "
                "build the deck from the outputs saved in the notebook with --no-execute")
    if ename == "UsageError" and "magic" in (evalue or ""):
        return ("; that magic needs an extension this kernel lacks (such as rpy2 for %%R): install it, or build "
                "the deck from the outputs saved in the notebook with --no-execute")
    return ""


def expected_slides(nb) -> int:
    """How many slides (reveal's vertical sub-slides included) nbconvert makes of ``nb``."""
    types = [c.metadata.get("slideshow", {}).get("slide_type", "-") for c in nb.cells]
    visible = [i for i, t in enumerate(types) if t not in ("notes", "skip")]
    if not visible:
        return 0
    return 1 + sum(1 for t in types[visible[0] + 1:] if t in ("slide", "subslide"))


class _Resources(html.parser.HTMLParser):
    """Collects what a page loads by itself (scripts, styles, images, media, frames), not the links a reader clicks."""
    LOADS = {"script": "src", "img": "src", "link": "href", "video": "poster", "source": "src", "iframe": "src",
             "audio": "src", "embed": "src", "object": "data"}

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        attr = self.LOADS.get(tag)
        for name, value in attrs:
            if value and (name == attr or (tag == "video" and name == "src")):
                self.urls.append(value)


def loaded_urls(page: str) -> list[str]:
    parser = _Resources()
    parser.feed(page)
    return parser.urls + re.findall(r"@import\s+(?:url\()?[\"']?([^\"')\s;]+)", page)


def export(src: DeckSource, out: Path, assets: Path) -> tuple[str, int]:
    """The deck's HTML and its slide count."""
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
    title = next((c.source.lstrip("# ").splitlines()[0] for c in src.nb.cells
                  if c.cell_type == "markdown" and c.source.strip()), src.notebook.stem)
    src.nb.metadata["title"] = title
    page, _ = exporter.from_notebook_node(src.nb, resources={"course_css_url": f"{prefix}/course.css"})
    remote = [u for u in loaded_urls(page) if REMOTE_RE.match(u)]
    if remote:
        raise CourseError(Problem(src.shown, 0, "the deck would load " + ", ".join(sorted(set(remote)))
                                  + " from outside the site; decks must work offline"))
    return page, expected_slides(src.nb)


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
    if elsewhere or self_contained:
        from coursekit.assets import build_assets

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
    page, slides = export(src, staged, assets)
    fsio.write_text(staged, page)
    if elsewhere or self_contained:
        _carry_videos(src, site, out.parent, posters=not self_contained)
    if elsewhere and not self_contained:
        _carry_pictures(page, notebook.parent, out.parent)
    if self_contained:
        _fold(staged, out, notebook, src, root, echo)
    stamps.record(key, digest, slides=slides, source=src.shown)
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
    from coursekit.selfcontained import inline

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
