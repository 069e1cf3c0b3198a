"""Manim Scene classes of an animation file, found from its syntax tree without importing manim."""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from coursekit.course.cells import read_text
from coursekit.course.problems import CourseError, Problem

# Scene base classes of Manim Community; a class deriving from one of these, or from a class of the same
# file that does, is a scene.
MANIM_SCENE_BASES = {"Scene", "ThreeDScene", "MovingCameraScene", "ZoomedScene", "VectorScene",
                     "LinearTransformationScene", "SpecialThreeDScene"}


@dataclass(frozen=True)
class SceneDef:
    name: str
    line: int
    doc: str


def _base_name(node: ast.expr) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return ""


def _parse(path: Path, shown: str) -> tuple[str, ast.Module]:
    text = read_text(path, shown)
    return text, _tree(text, shown)


@lru_cache(maxsize=64)
def _tree(text: str, shown: str) -> ast.Module:
    """The syntax tree of a file's text, once per process (the site asks for each file's scenes ~10 times;
    readers never change the tree)."""
    try:
        return ast.parse(text, filename=shown)
    except SyntaxError as exc:
        raise CourseError(Problem(shown, exc.lineno or 0, f"syntax error: {exc.msg}")) from None


def find_scenes(path: Path, shown: str | None = None) -> list[SceneDef]:
    """Scenes in file order. Classes whose name starts with '_' are helpers, not scenes to render."""
    shown = shown or str(path)
    text, tree = _parse(path, shown)
    scene_like = set(MANIM_SCENE_BASES)
    scenes = []
    for node in tree.body:
        if isinstance(node, ast.ClassDef) and any(_base_name(b) in scene_like for b in node.bases):
            scene_like.add(node.name)
            if not node.name.startswith("_"):
                scenes.append(SceneDef(node.name, node.lineno, ast.get_docstring(node) or ""))
    return scenes


BEAT_RE = re.compile(r"^\s*#\s*beat:?\s*(.+?)\s*$")


def describe(path: Path, name: str, shown: str | None = None) -> str:
    """A text description of scene ``name`` for people who cannot see it: its docstring, then its beats
    (the ``# beat:`` comments of its body) in order."""
    text, tree = _parse(path, shown or str(path))
    node = next((n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == name), None)
    if node is None:
        return ""
    doc = " ".join((ast.get_docstring(node) or "").split())
    lines = text.splitlines()[node.lineno - 1:node.end_lineno]
    beats = [m.group(1).rstrip(".") for line in lines if (m := BEAT_RE.match(line))]
    steps = "; ".join(beats)
    return f"{doc} Step by step: {steps}." if beats and doc else doc or (f"Step by step: {steps}." if beats else "")


def _defined_names(node: ast.stmt) -> set[str]:
    """Top-level names a statement binds (def, class, assignment targets)."""
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return {node.name}
    targets: list[ast.expr] = []
    if isinstance(node, ast.Assign):
        targets = node.targets
    elif isinstance(node, (ast.AnnAssign, ast.AugAssign)):
        targets = [node.target]
    return {n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name)}


def scene_inputs(path: Path, shown: str | None = None) -> dict[str, str]:
    """Per scene, the source text that decides what it renders, for its render digest.

    A scene depends on its own class; on every module-level function, class or constant of its file that it
    names, directly or through another one it names (found by walking names in the syntax tree, so a helper
    reached only through ``globals()`` or a string is not seen); and on every other top-level statement
    (imports, configuration), which can affect any scene. ``style.py`` and manim's version are added by the
    caller. Editing one scene, or a helper only it uses, so changes that scene's inputs alone.
    """
    shown = shown or str(path)
    text, tree = _parse(path, shown)
    definers: dict[str, list[int]] = {}  # name -> indexes of the top-level statements that bind it
    shared: list[int] = []  # statements that bind nothing (or only imports): inputs of every scene
    for i, node in enumerate(tree.body):
        names = _defined_names(node)
        for name in names:
            definers.setdefault(name, []).append(i)
        if not names:
            shared.append(i)
    segments = [ast.get_source_segment(text, node) or "" for node in tree.body]

    def closure(start: int) -> set[int]:
        seen, todo = {start}, [start]
        while todo:
            node = tree.body[todo.pop()]
            for used in {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}:
                for j in definers.get(used, []):
                    if j not in seen:
                        seen.add(j)
                        todo.append(j)
        return seen

    inputs = {}
    for scene in find_scenes(path, shown):
        index = next(i for i, node in enumerate(tree.body) if isinstance(node, ast.ClassDef) and node.name == scene.name)
        used = closure(index) | set(shared)
        inputs[scene.name] = "\n".join(segments[i] for i in sorted(used))
    return inputs
