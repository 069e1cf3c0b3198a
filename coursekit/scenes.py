"""Manim Scene classes of an animation file, found from its syntax tree without importing manim."""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

from coursekit.cells import read_text
from coursekit.problems import CourseError, Problem

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


def find_scenes(path: Path, shown: str | None = None) -> list[SceneDef]:
    """Scenes in file order. Classes whose name starts with '_' are helpers, not scenes to render."""
    shown = shown or str(path)
    text = read_text(path, shown)
    try:
        tree = ast.parse(text, filename=shown)
    except SyntaxError as exc:
        raise CourseError(Problem(shown, exc.lineno or 0, f"syntax error: {exc.msg}")) from None
    scene_like = set(MANIM_SCENE_BASES)
    scenes = []
    for node in tree.body:
        if isinstance(node, ast.ClassDef) and any(_base_name(b) in scene_like for b in node.bases):
            scene_like.add(node.name)
            if not node.name.startswith("_"):
                scenes.append(SceneDef(node.name, node.lineno, ast.get_docstring(node) or ""))
    return scenes
