"""A tiny course in a temporary folder: one section whose cues point at every kind of target."""

from __future__ import annotations

from pathlib import Path

SCRIPT = """# Fixture section

## Opening

Words to say.

__`[SHOW IN VS CODE]`__ Show a cell [x.py](../demos/01_a/x.py#make-tensor)

__`[SHOW ON SLIDES]`__ The idea [slide](../slides/01_a.py#idea)

__`[SHOW ANIMATION]`__ Moving picture [Tape](../animations/01_a.py#Tape)

__`[SHOW IN BROWSER]`__ Docs [docs](https://pytorch.org/docs/stable/index.html)

__`[SHOW IN TERMINAL]`__ Run it [x.py](../demos/01_a/x.py)

__`[SHOW IN VS CODE]`__ The check [x.py](../demos/01_a/x.py#check-it)
"""
DEMO = '"""A demo."""\n\n# %% make-tensor\nimport torch\nx = torch.ones(2)\nassert x.tolist() == [1.0, 1.0]\n\n# %% check-it\nassert x.sum() == 2\n'
SLIDES = ('# %% title [markdown] slideshow={"slide_type": "slide"}\n# # Fixture\n\n'
          '# %% idea [markdown] slideshow={"slide_type": "slide"}\n# ## Idea\n\n'
          '# %% code include="../demos/01_a/x.py#make-tensor"\n')
SCENES = "from manim import *\n\n\nclass Tape(Scene):\n    def construct(self):\n        pass\n"


def course(tmp_path: Path, **changes: str) -> Path:
    files = {"scripts/01_a.md": SCRIPT, "demos/01_a/x.py": DEMO, "slides/01_a.py": SLIDES,
             "animations/01_a.py": SCENES, **changes}
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return tmp_path
