"""What a cue points at: a demo cell, a slide, a Scene class, a URL or a file, resolved and checked."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from coursekit.course import cells as cells_mod
from coursekit.course.problems import CourseError, Problem, rel, resolved
from coursekit.course.scenes import find_scenes
from coursekit.course.script import Cue

# Which folder each marker's link must point into, and whether it must name a cell or scene.
EXPECT = {
    "vscode": ("demos", False),
    "slides": ("slides", True),
    "animation": ("animations", True),
    "terminal": (None, False),
}


@dataclass(frozen=True)
class Target:
    kind: str  # "cell", "slide", "scene", "file" or "url"
    path: str  # repository-relative path, or the URL
    fragment: str = ""
    line: int = 0  # first line of the cell or class (0 for a whole file or URL)
    end: int = 0

    @property
    def ref(self) -> str:
        return f"{self.path}#{self.fragment}" if self.fragment else self.path


def _suggest(name: str, names: list[str]) -> str:
    close = difflib.get_close_matches(name, names, n=1, cutoff=0.5)
    if close:
        return f"; did you mean '{close[0]}'?"
    return "; it has: " + ", ".join(names[:12]) if names else ""


def resolve_link(href: str, base: Path, root: Path, shown: str, line: int, *, folder: str | None = None,
                 need_fragment: bool = False) -> Target:
    """Resolve ``href`` (relative to the folder ``base``) to a Target, or raise CourseError at shown:line."""
    def fail(msg: str):
        raise CourseError(Problem(shown, line, msg))

    parts = urlsplit(href)
    if parts.scheme in ("http", "https"):
        return Target("url", href)
    if parts.scheme or parts.netloc:
        fail(f"link '{href}' is neither a relative path in the repository nor an http(s) URL")
    path_text, fragment = unquote(parts.path), unquote(parts.fragment)
    if not path_text:
        fail(f"link '{href}' names no file")
    target = resolved(base / path_text)
    try:
        repo_rel = target.relative_to(resolved(root)).as_posix()
    except ValueError:
        fail(f"link '{href}' leaves the repository; links are relative paths to files inside it")
    if folder and not repo_rel.startswith(folder + "/"):
        fail(f"link '{href}' points at {repo_rel}; this cue expects a file under {folder}/")
    if not target.is_file():
        siblings = sorted(p.name for p in target.parent.glob("*")) if target.parent.is_dir() else []
        fail(f"link '{href}': no file {repo_rel}{_suggest(target.name, siblings)}")
    if need_fragment and not fragment:
        what = "a Scene class" if folder == "animations" else "a cell title"
        fail(f"link '{href}' needs a '#fragment' naming {what} in {repo_rel}")
    if not fragment:
        return Target("file", repo_rel)
    if target.suffix != ".py":
        fail(f"link '{href}': only .py files have cells or scenes to point at")
    if folder == "animations" or repo_rel.startswith("animations/"):
        scenes = find_scenes(target, repo_rel)
        for scene in scenes:
            if scene.name == fragment:
                return Target("scene", repo_rel, fragment, scene.line, scene.line)
        fail(f"no Scene class '{fragment}' in {repo_rel}{_suggest(fragment, [s.name for s in scenes])}")
    found, _ = cells_mod.titled(cells_mod.parse(target, repo_rel), repo_rel)
    cell = found.get(fragment)
    if cell is None:
        fail(f"no cell '{fragment}' in {repo_rel}{_suggest(fragment, list(found))}")
    kind = "slide" if repo_rel.startswith("slides/") else "cell"
    return Target(kind, repo_rel, fragment, cell.line, cell.end)


def resolve_cue(cue: Cue, script_path: Path, root: Path) -> Target | None:
    """The cue's target; None for a terminal cue without a link. Raises CourseError when it does not resolve."""
    shown = rel(script_path, root)
    link = cue.link
    if cue.kind == "browser":
        if not link or urlsplit(link.target).scheme not in ("http", "https"):
            raise CourseError(Problem(shown, cue.line, f"[{cue.marker}] cue needs an http(s) link to the page shown"))
        return Target("url", link.target)
    if link is None:
        if cue.kind == "terminal":
            return None
        folder = EXPECT[cue.kind][0]
        raise CourseError(Problem(shown, cue.line, f"unlinked [{cue.marker}] cue: add a Markdown link to what is "
                                  f"shown, e.g. [name](../{folder}/NN_slug{'/' if folder == 'demos' else ''}...#title)"))
    folder, need_fragment = EXPECT[cue.kind]
    return resolve_link(link.target, script_path.parent, root, shown, cue.line, folder=folder,
                        need_fragment=need_fragment)


def cell_for(target: Target, root: Path) -> cells_mod.Cell:
    """The demo or slide cell a resolved target names."""
    found, _ = cells_mod.titled(cells_mod.parse(root / target.path, target.path), target.path)
    return found[target.fragment]
