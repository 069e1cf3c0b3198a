"""What the site's pages share: the Jinja environment and how a cue is presented."""

from __future__ import annotations

from pathlib import Path

from coursekit.course import script as script_mod
from coursekit.course.accelerator import needs_accelerator
from coursekit.course.problems import CourseError
from coursekit.course.scenes import describe
from coursekit.course.script import inline
from coursekit.course.sections import Section
from coursekit.course.targets import cell_for, resolve_cue

TEMPLATES = Path(__file__).parent / "templates" / "site"
COURSE_TITLE = "Introduction to PyTorch"


def env(compiled: Path | None = None):
    """The site's templates; with ``compiled``, kept compiled there between builds (Jinja's own bytecode cache,
    which checks each entry against its template's source)."""
    from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined

    cache = None
    if compiled is not None:
        compiled.mkdir(parents=True, exist_ok=True)
        cache = FileSystemBytecodeCache(str(compiled))
    return Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=True, undefined=StrictUndefined,
                       trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True, bytecode_cache=cache)


def _slide_title(source: str) -> str:
    for line in source.splitlines():
        if line.lstrip().startswith("#"):
            return line.lstrip("# ").strip()
    return ""


def cue_view(cue: script_mod.Cue, section: Section, root: Path, up: str, manifest: dict) -> dict:
    """A cue as pages show it: its kind, what it points at, and where a click takes the reader."""
    view = {"kind": "cue", "cue_kind": cue.kind, "marker": cue.marker, "text": cue.description, "line": cue.line,
            "notes": cue.notes, "href": "", "target": cue.link.target if cue.link else "", "code": "",
            "poster": "", "description": "", "vscode": "", "slide_title": "", "command": "", "accelerator": False}
    try:
        target = resolve_cue(cue, section.script, root)
    except CourseError:
        return view  # `coursekit check` reports it; the page still shows what the script says
    if target is None:
        return view
    view["target"] = target.ref
    if target.kind == "url":
        view["href"] = target.path
    elif target.kind == "slide":
        view["href"] = f"{up}decks/{Path(target.path).stem}.html#/{target.fragment}"
        view["slide_title"] = _slide_title(cell_for(target, root).source)
    elif target.kind == "scene":
        entry = manifest.get(f"{Path(target.path).stem}/{target.fragment}")
        if entry:
            view["href"] = f"{up}animations/{entry.get('mp4') or entry['png']}"  # a still scene is a picture
            view["poster"] = f"{up}animations/{entry['png']}"
            view["description"] = describe(root / target.path, target.fragment, target.path)
    if target.kind in ("cell", "file") and target.path.endswith(".py"):
        view["vscode"] = f"vscode://file/{(root / target.path).resolve()}:{target.line or 1}"
        view["command"] = f"python {target.path}"
        if target.kind == "cell":
            cell = cell_for(target, root)
            view["code"] = cell.source
            view["accelerator"] = needs_accelerator(cell)
    return view


def segment_views(parsed: script_mod.Script, section: Section, root: Path, up: str, manifest: dict) -> list[dict]:
    segments = []
    for seg in parsed.segments:
        blocks = []
        for b in seg.blocks:
            if b.cue:
                blocks.append(cue_view(b.cue, section, root, up, manifest))
            else:
                blocks.append({"kind": b.kind, "text": b.text, "line": b.line, "html": inline(b.markdown)})
        segments.append({"title": seg.title, "blocks": blocks})
    return segments
