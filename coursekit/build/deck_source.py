"""A slide notebook becomes the notebook of its deck: includes resolved from the demos, animations shown as
videos with their descriptions, speaker notes from the script, pictures checked (someone else's web pictures
become links), and everything the deck depends on recorded for make and for the deck's digest.
"""

from __future__ import annotations

import html
import os
import re
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path

from coursekit.course import cache, fsio
from coursekit.course import cells as cells_mod
from coursekit.course import script as script_mod
from coursekit.course.notebooks import load_notebook
from coursekit.course.problems import CourseError, Problem, rel
from coursekit.course.scenes import describe
from coursekit.course.script import inline
from coursekit.course.sections import KEY_RE
from coursekit.course.targets import resolve_cue, resolve_link

TEMPLATES = Path(__file__).parent / "templates"
# The code that makes a deck: a change to any of it rebuilds every deck.
CODE = [Path(__file__).with_name(name) for name in ("deck_source.py", "deck_cells.py", "decks.py", "code_slides.py")]
REMOTE_RE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//", re.I)
PICTURE_RE = re.compile(r"!\[[^\]]*\]\(\s*<?([^)\s>]+)|<img[^>]+src=[\"']([^\"']+)", re.I)
MD_IMAGE_RE = re.compile(r"!\[[^\]]*\]\(\s*<?((?:https?:)?//[^)\s>]+)|<img[^>]+src=[\"']((?:https?:)?//[^\"']+)", re.I)


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
    code_slides: list = field(default_factory=list)  # code_slides.CodeSlide, added once the deck's cells ran
    described: dict[str, str] = field(default_factory=dict)  # a video's description: its element's id -> the text
    described_refs: set[str] = field(default_factory=set)  # the scenes those describe

    def digest(self) -> str:
        return cache.key(self.parts)

    def frame(self) -> str:
        """The digest less what a built page can take in place (decks.described_again): the videos' descriptions,
        and the content of the posters, which the page names by path only."""
        parts = {**self.parts, "animations": {stem: sha != "missing" for stem, sha in self.parts["animations"].items()},
                 "descriptions": {ref: "" if ref in self.described_refs else text
                                  for ref, text in self.parts.get("descriptions", {}).items()},
                 "videos": sorted(self.videos)}
        return cache.key(parts)


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
                 "code": [fsio.file_sha256(p) for p in CODE],
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
                src.described[f"describe-{target.fragment}"] = description
                src.described_refs.add(target.ref)
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
    _code_slides(src, root)
    _stable_ids(nb)
    nb.metadata.pop("widgets", None)
    nbformat.validate(nb)
    return src


def _stable_ids(nb) -> None:
    for i, cell in enumerate(nb.cells):  # Jupytext's ids are random; stable ones keep the deck reproducible
        cell["id"] = f"cell-{i}"


def _code_slides(src: DeckSource, root: Path) -> None:
    """Plan the code sub-slides of a course deck, with the outputs of the build's run of each demo."""
    from coursekit.build import code_slides
    from coursekit.build.demos import current_runs, timings_path

    src.code_slides = code_slides.plan(src.notebook, root)
    if not src.code_slides:
        return
    key = src.notebook.stem
    demos = sorted({root / s.path for s in src.code_slides})
    code_slides.fill_outputs(src.code_slides, current_runs(root, key, demos), f"scripts/{key}.md")
    src.parts["code_slides"] = [[s.ref, s.caption, s.under, s.source, s.output, s.notes] for s in src.code_slides]
    src.depends.update(rel(d, root) for d in demos)
    src.depends.add(rel(timings_path(root, key), root))


def add_code_slides(src: DeckSource) -> None:
    """Insert the planned code sub-slides, outputs and all: after the deck's own cells ran, since theirs come
    from the demos' run, not from the deck's kernel."""
    from coursekit.build import code_slides

    if src.code_slides:
        code_slides.insert(src.nb, src.code_slides, _notes_cell)
        _stable_ids(src.nb)


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


def expected_slides(nb) -> int:
    """How many slides (reveal's vertical sub-slides included) nbconvert makes of ``nb``."""
    types = [c.metadata.get("slideshow", {}).get("slide_type", "-") for c in nb.cells]
    visible = [i for i, t in enumerate(types) if t not in ("notes", "skip")]
    if not visible:
        return 0
    return 1 + sum(1 for t in types[visible[0] + 1:] if t in ("slide", "subslide"))
