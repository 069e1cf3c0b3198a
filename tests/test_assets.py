"""The colours decks and pages take from the course: PALETTE in animations/style.py, and this course's own
colours for a course that has none (anyone's talk built with `coursekit deck`)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from coursekit.build.assets import OWN, PACKAGE, palette_css

ROOT = Path(__file__).resolve().parent.parent


def defined(css: str) -> dict[str, str]:
    return dict(re.findall(r"--course-([a-z-]+):\s*([^;]+);", css))


def used() -> set[str]:
    """The palette's colours that coursekit's own style sheets use (the decks', the site's, the teleprompter's)."""
    sheets = [PACKAGE / source for source, _ in OWN if source.endswith(".css")]
    assert len(sheets) == 3
    return {name for sheet in sheets
            for name in re.findall(r"var\(--course-([a-z-]+)\)", sheet.read_text(encoding="utf-8"))}


def test_a_course_without_a_palette_still_defines_every_colour_the_style_sheets_use(tmp_path):
    assert used(), "the style sheets use the palette"
    assert used() <= set(defined(palette_css(tmp_path)))


def test_the_course_palette_is_the_animations_own(tmp_path):
    tree = ast.parse((ROOT / "animations" / "style.py").read_text(encoding="utf-8"))
    palette = next(ast.literal_eval(n.value) for n in tree.body if isinstance(n, ast.Assign)
                   and any(getattr(t, "id", "") == "PALETTE" for t in n.targets))
    assert defined(palette_css(ROOT)) == palette
    (tmp_path / "animations").mkdir()
    (tmp_path / "animations" / "style.py").write_text('PALETTE = {"background": "#FFFFFF"}\n', encoding="utf-8")
    mine = defined(palette_css(tmp_path))
    assert mine["background"] == "#FFFFFF" and used() <= set(mine), "a course's colour overrides, the rest stay"
