"""A scene re-renders when its own class or what it uses changes, and only then (issue 14).

Digests are compared, not renders: `render_jobs` renders exactly the scenes whose digest changed.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from coursekit.build.render import jobs_for

FILE = '''from manim import *
from style import *

SPEED = 1.0
SIDE = 2


def _tick(mob):
    return mob.animate.shift(RIGHT * SPEED)


def nudge(mob):
    return _tick(mob)


class _Base(Scene):
    def intro(self):
        self.add(Dot())


class Moves(_Base):
    """Uses nudge, which calls _tick, which reads SPEED."""
    def construct(self):
        self.intro()
        self.play(nudge(Square()))


class Still(Scene):
    """Reads SIDE only."""
    def construct(self):
        self.add(Square(side_length=SIDE))
'''


def digests(tmp_path: Path, text: str, style: str = "PALETTE = 1\\n") -> dict[str, str]:
    (tmp_path / "anims").mkdir(exist_ok=True)
    (tmp_path / "anims" / "style.py").write_text(style)
    path = tmp_path / "anims" / "scenes.py"
    path.write_text(text)
    return {job.scene: job.digest for job in jobs_for(path, tmp_path, "preview")}


@pytest.mark.parametrize("old, new, changed", [
    ("self.play(nudge(Square()))", "self.play(nudge(Circle()))", {"Moves"}),  # its own class
    ("SPEED = 1.0", "SPEED = 2.0", {"Moves"}),  # a constant read by a helper of a helper
    ("return _tick(mob)", "return _tick(mob.copy())", {"Moves"}),  # a helper it calls
    ("self.add(Dot())", "self.add(Dot(), Dot())", {"Moves"}),  # its base class in the same file
    ("SIDE = 2", "SIDE = 3", {"Still"}),  # a constant it reads
    ("from style import *", "from style import *\nimport math", {"Moves", "Still"}),  # imports: every scene
    ('"""Reads SIDE only."""', '"""Reads SIDE, and only SIDE."""', {"Still"}),
])
def test_an_edit_changes_exactly_the_scenes_that_use_it(tmp_path, old, new, changed):
    before = digests(tmp_path, FILE)
    assert old in FILE
    after = digests(tmp_path, FILE.replace(old, new, 1))
    assert {name for name in before if before[name] != after[name]} == changed


def test_style_quality_and_comments(tmp_path):
    before = digests(tmp_path, FILE)
    assert digests(tmp_path, FILE, style="PALETTE = 2\n") != before  # the shared style: every scene
    assert all(before[k] != v for k, v in digests(tmp_path, FILE, style="PALETTE = 2\n").items())
    # A comment between top-level statements is nobody's input: nothing re-renders.
    assert digests(tmp_path, FILE.replace("SIDE = 2\n", "SIDE = 2\n# a note\n")) == before
    path = tmp_path / "anims" / "scenes.py"
    high = {job.scene: job.digest for job in jobs_for(path, tmp_path, "high")}
    assert all(high[k] != before[k] for k in before)
