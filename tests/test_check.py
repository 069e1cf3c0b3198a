"""`coursekit check`: clean on the course; on broken fixtures, one `file:line: message` per problem."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from fixture_course import DEMO, SCRIPT, SLIDES, course

from coursekit.cli import cli
from coursekit.course.check import check_course


def problems(root: Path):
    """The problems, less the length warning every short fixture script gets (tested on its own below)."""
    return [p for p in check_course(root) if "estimated length" not in p.message]


def errors(root: Path) -> list[str]:
    return [str(p) for p in problems(root) if p.severity == "error"]


def run(root: Path, *args: str):
    return CliRunner().invoke(cli, ["--root", str(root), "check", *args])


def test_fixture_course_is_clean(tmp_path):
    root = course(tmp_path)
    assert [str(p) for p in problems(root)] == []
    result = run(root)
    assert result.exit_code == 0, result.output
    assert "check: 0 error(s), 1 warning(s)" in result.output


def test_the_course_itself_is_clean(root):
    result = run(root)
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("old, new, expected", [
    ("x.py#make-tensor)", "x.py#make-tensr)",
     "scripts/01_a.md:7: no cell 'make-tensr' in demos/01_a/x.py; did you mean 'make-tensor'?"),
    ("(../demos/01_a/x.py#make-tensor)", "(../demos/01_a/y.py#make-tensor)",
     "scripts/01_a.md:7: link '../demos/01_a/y.py#make-tensor': no file demos/01_a/y.py; did you mean 'x.py'?"),
    ("01_a.py#Tape)", "01_a.py#Tap)", "scripts/01_a.md:11: no Scene class 'Tap' in animations/01_a.py; did you mean 'Tape'?"),
    ("(../demos/01_a/x.py#make-tensor)", "(../../etc/passwd)",
     "scripts/01_a.md:7: link '../../etc/passwd' leaves the repository; links are relative paths to files inside it"),
    ("01_a.py#idea)", "01_a.py)",
     "scripts/01_a.md:9: link '../slides/01_a.py' needs a '#fragment' naming a cell title in slides/01_a.py"),
    ("[SHOW IN VS CODE]`__ Show a cell", "[SHOW IN VSCODE]`__ Show a cell",
     "scripts/01_a.md:7: unknown cue marker [SHOW IN VSCODE]; did you mean [SHOW IN VS CODE]?"),
    (" [slide](../slides/01_a.py#idea)", "", "scripts/01_a.md:9: unlinked [SHOW ON SLIDES] cue"),
])
def test_bad_cue_is_reported_at_its_line(tmp_path, old, new, expected):
    root = course(tmp_path, **{"scripts/01_a.md": SCRIPT.replace(old, new, 1)})
    found = errors(root)
    assert any(e.startswith(expected) for e in found), found
    result = run(root)
    assert result.exit_code == 1
    assert "Traceback" not in result.output


def test_duplicate_cell_titles(tmp_path):
    root = course(tmp_path, **{"demos/01_a/x.py": DEMO + "\n# %% check-it\nprint(1)\n"})
    assert "demos/01_a/x.py:11: duplicate cell title 'check-it' (first at line 8); cell titles must be unique in a file" in errors(root)


def test_slide_include_of_missing_cell(tmp_path):
    root = course(tmp_path, **{"slides/01_a.py": SLIDES.replace("#make-tensor", "#gone")})
    assert errors(root) == ["slides/01_a.py:7: no cell 'gone' in demos/01_a/x.py; it has: make-tensor, check-it"]


def test_demo_importing_coursekit(tmp_path):
    root = course(tmp_path, **{"demos/01_a/x.py": DEMO + "\n# %% bad\nimport coursekit\n"})
    assert "demos/01_a/x.py:12: demos are what viewers download: they must not import coursekit" in errors(root)


def test_script_not_utf8_and_empty(tmp_path):
    root = course(tmp_path, **{"scripts/02_b.md": ""})
    (tmp_path / "scripts/01_a.md").write_bytes(SCRIPT.encode() + b"\n\xff\xfe\n")
    found = errors(root)
    assert "scripts/01_a.md:19: not valid UTF-8 text; save the script as UTF-8" in found
    assert any(e.startswith("scripts/02_b.md: empty script") for e in found)


def test_orphans_are_warnings(tmp_path):
    root = course(tmp_path, **{"demos/01_a/x.py": DEMO + "\n# %% unshown\nprint(2)\n",
                               "slides/01_a.py": SLIDES + '\n# %% lonely [markdown] slideshow={"slide_type": "slide"}\n# ## Alone\n'})
    warnings = [str(p) for p in problems(root) if p.severity == "warning"]
    assert warnings == [
        "demos/01_a/x.py:11: warning: cell 'unshown' is not shown by any cue (or cued slide) in scripts/01_a.md",
        "slides/01_a.py:9: warning: slide 'lonely' is not shown by any [SHOW ON SLIDES] cue in scripts/01_a.md",
    ]
    assert run(root).exit_code == 0
    assert run(root, "--strict").exit_code == 1


def test_json_format(tmp_path):
    root = course(tmp_path, **{"scripts/01_a.md": SCRIPT.replace("#Tape", "#Nope")})
    result = run(root, "--format", "json")
    assert result.exit_code == 1
    report = json.loads(result.output)
    assert report["errors"] == 1
    (problem,) = [p for p in report["problems"] if p["severity"] == "error"]
    assert problem["path"] == "scripts/01_a.md" and problem["line"] == 11 and problem["severity"] == "error"


def test_section_length_outside_5_to_10_minutes_is_a_warning(tmp_path):
    root = course(tmp_path)
    (warning,) = [p for p in check_course(root) if "estimated length" in p.message]
    assert re.fullmatch(r"scripts/01_a\.md:1: warning: estimated length 0:\d\d is outside 5-10 minutes; "
                        r"a section is one 5-10 minute video", str(warning))
    long_script = SCRIPT.replace("Words to say.", "word " * 1000)
    root = course(tmp_path, **{"scripts/01_a.md": long_script})
    assert not [p for p in check_course(root) if "estimated length" in p.message]


def test_timing_is_configurable_in_pyproject(tmp_path):
    root = course(tmp_path, **{"scripts/01_a.md": SCRIPT.replace("Words to say.", "word " * 800)})
    assert not [p for p in check_course(root) if "estimated length" in p.message]  # 800 words: about 6:20
    (root / "pyproject.toml").write_text("[tool.coursekit.timing]\nwords_per_minute = 60\nsection_minutes = [1, 4]\n")
    (warning,) = [p for p in check_course(root) if "estimated length" in p.message]
    assert "outside 1-4 minutes" in warning.message
    (root / "pyproject.toml").write_text("[tool.coursekit.timing]\nwords_per_minte = 60\n")
    result = run(root)
    assert result.exit_code == 1 and "pyproject.toml: [tool.coursekit.timing] has unknown key(s) ['words_per_minte']" in result.output


# --- what reaches the camera (issue 11) ---------------------------------------------------------------
CAMERA_CASES = [
    # a cued cell that proves nothing
    ("assert x.tolist() == [1.0, 1.0]\n", "print(x)\n",
     "demos/01_a/x.py:3: cell 'make-tensor' is shown by scripts/01_a.md:7 but asserts nothing; assert what the "
     "narration says it shows, or write '# no-claim: why'"),
    # too long to read on camera
    ("x = torch.ones(2)\n", "x = torch.ones(2)  # " + "a" * 80 + "\n",
     "demos/01_a/x.py:5: line is 101 characters; demo lines are read on camera, keep them to 88"),
    ("import torch\n", "import torch\nimport torch.nn as nn\n",
     "demos/01_a/x.py:5: write 'from torch import nn' (the course's one import style)"),
    ("import torch\n", "import torch\nfrom torch.nn import functional as F\n",
     "demos/01_a/x.py:5: write 'import torch.nn.functional as F' (the course's one import style)"),
    ("x = torch.ones(2)\n", "x = torch.ones(2).data\n",
     "demos/01_a/x.py:5: '.data' bypasses autograd and is not taught; use .detach() (for scikit-learn: X, y = "
     "load_digits(return_X_y=True))"),
    ("x = torch.ones(2)\n", "x = torch.ones(2)\n" + "y = x + 1\n" * 14,
     "demos/01_a/x.py:3: cell 'make-tensor' is shown by scripts/01_a.md:7 and has 17 lines of code; split it, "
     "a cued cell holds at most 15"),
]


@pytest.mark.parametrize("old, new, message", CAMERA_CASES, ids=["no-assert", "long-line", "import-nn",
                                                                 "import-functional", "dot-data", "long-cell"])
def test_demo_code_that_would_not_read_on_camera_is_an_error(tmp_path, old, new, message):
    root = course(tmp_path, **{"demos/01_a/x.py": DEMO.replace(old, new, 1)})
    assert message in errors(root)


def test_a_cell_may_say_why_it_has_no_claim(tmp_path):
    demo = DEMO.replace("assert x.tolist() == [1.0, 1.0]\n", "# no-claim: only builds the input\n")
    assert errors(course(tmp_path, **{"demos/01_a/x.py": demo})) == []


def test_torch_utils_data_is_not_dot_data(tmp_path):
    demo = DEMO.replace("import torch\n", "import torch\nimport torch.utils.data\nT = torch.utils.data.Dataset\n")
    assert errors(course(tmp_path, **{"demos/01_a/x.py": demo})) == []


def test_python_fence_in_slide_markdown_is_an_error(tmp_path):
    slides = SLIDES + ('\n# %% pasted [markdown] slideshow={"slide_type": "slide"}\n# ## Pasted\n#\n'
                       '# ```python\n# opt = torch.optim.SGD(params)\n# ```\n')
    assert errors(course(tmp_path, **{"slides/01_a.py": slides})) == [
        "slides/01_a.py:12: code fence in slide Markdown: slides show only code the build runs; include a demo "
        "cell (include=\"../demos/...#cell\") or write a code cell (a ```text fence is fine for diagrams)"]
    diagram = slides.replace("```python", "```text")
    assert errors(course(tmp_path, **{"slides/01_a.py": diagram})) == []


def test_code_shown_on_the_slide_and_again_in_vs_code_is_an_error(tmp_path):
    script = SCRIPT + "\n__`[SHOW ON SLIDES]`__ Again [slide](../slides/01_a.py#idea)\n\n" \
                      "__`[SHOW IN VS CODE]`__ Same code [x.py](../demos/01_a/x.py#make-tensor)\n"
    assert errors(course(tmp_path, **{"scripts/01_a.md": script})) == [
        "scripts/01_a.md:21: demos/01_a/x.py#make-tensor is already on screen in slide 'idea'; show the code once "
        "(drop this cue, or make the slide explain rather than repeat it)"]


def test_a_cell_included_by_a_cued_slide_is_shown(tmp_path):
    """Code may be shown on a slide instead of in VS Code: the cell then needs no VS Code cue of its own."""
    demo = DEMO + "\n# %% on-the-slide\nassert x.sum() == 2\n"
    slides = SLIDES + '\n# %% more include="../demos/01_a/x.py#on-the-slide"\n'
    assert [str(p) for p in problems(course(tmp_path, **{"demos/01_a/x.py": demo, "slides/01_a.py": slides}))] == []
    unshown = problems(course(tmp_path, **{"demos/01_a/x.py": demo, "slides/01_a.py": SLIDES}))
    assert [p.message for p in unshown] == [
        "cell 'on-the-slide' is not shown by any cue (or cued slide) in scripts/01_a.md"]
