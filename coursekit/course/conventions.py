"""The course's rules for what reaches the camera: demo code a viewer can read, claims a demo proves, and
slides that show only code the build ran.

Each rule returns problems as ``file:line: what is wrong, and what to do``; `coursekit check` reports them.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable

from coursekit.course.cells import Cell
from coursekit.course.problems import Problem

MAX_LINE = 88  # black's default: what fits a 1080p VS Code pane at a readable size
MAX_CUED_CELL_LINES = 15
NO_CLAIM = re.compile(r"#\s*no-claim:\s*\S")
# Fence languages that mean "Python code": a slide that shows such code must take it from an executed cell.
CODE_FENCES = {"", "python", "py", "python3", "py3", "pycon", "ipython", "ipython3"}
# One import style, the one PyTorch's own tutorials use.
IMPORT_STYLE = {
    "torch.nn": "from torch import nn",
    "torch.nn.functional": "import torch.nn.functional as F",
}


def code_lines(source: str) -> int:
    """Lines a viewer reads as code: neither blank nor only a comment."""
    return sum(1 for line in source.splitlines() if line.strip() and not line.lstrip().startswith("#"))


def has_claim(source: str) -> bool:
    """The cell asserts something, or says why it has nothing to assert."""
    if NO_CLAIM.search(source):
        return True
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return "assert" in source  # the demo runner reports the syntax error itself
    return any(isinstance(node, ast.Assert) for node in ast.walk(tree))


def _dotted(node: ast.AST) -> str:
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
    return ".".join(reversed(parts))


def demo_style(text: str, shown: str) -> list[Problem]:
    """Line length, import style and `.data` anywhere in a demo file."""
    problems = []
    for number, line in enumerate(text.splitlines(), 1):
        if len(line) > MAX_LINE:
            problems.append(Problem(shown, number, f"line is {len(line)} characters; demo lines are read on camera, "
                                    f"keep them to {MAX_LINE}"))
    try:
        tree = ast.parse(text)
    except SyntaxError:
        return problems  # the demo runner reports it with its line
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                wanted = IMPORT_STYLE.get(alias.name)
                if wanted and not (alias.name == "torch.nn.functional" and alias.asname == "F"):
                    problems.append(Problem(shown, node.lineno, f"write '{wanted}' (the course's one import style)"))
        elif isinstance(node, ast.ImportFrom) and node.module == "torch.nn" and any(
                a.name == "functional" for a in node.names):
            problems.append(Problem(shown, node.lineno, "write 'import torch.nn.functional as F' "
                                    "(the course's one import style)"))
        elif isinstance(node, ast.Attribute) and node.attr == "data" and _dotted(node) != "torch.utils.data":
            problems.append(Problem(shown, node.lineno, "'.data' bypasses autograd and is not taught; use .detach() "
                                    "(for scikit-learn: X, y = load_digits(return_X_y=True))"))
    return problems


def cued_cell(cell: Cell, shown: str, cue_where: str) -> list[Problem]:
    """A demo cell that a [SHOW IN VS CODE] cue puts on screen."""
    problems = []
    if not has_claim(cell.source):
        problems.append(Problem(shown, cell.line, f"cell '{cell.title}' is shown by {cue_where} but asserts "
                                "nothing; assert what the narration says it shows, or write '# no-claim: why'"))
    if (n := code_lines(cell.source)) > MAX_CUED_CELL_LINES:
        problems.append(Problem(shown, cell.line, f"cell '{cell.title}' is shown by {cue_where} and has {n} lines "
                                f"of code; split it, a cued cell holds at most {MAX_CUED_CELL_LINES}"))
    return problems


def slide_fences(cells: Iterable[Cell], shown: str) -> list[Problem]:
    """Code pasted into slide Markdown was never run; code on a slide comes from an executed cell."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark")
    problems = []
    for cell in cells:
        if cell.kind != "markdown":
            continue
        for token in md.parse(cell.source):
            if token.type == "fence" and token.info.strip().split(" ")[0].lower() in CODE_FENCES:
                line = cell.line + 1 + (token.map[0] if token.map else 0)
                problems.append(Problem(shown, line, "code fence in slide Markdown: slides show only code the build "
                                        "runs; include a demo cell (include=\"../demos/...#cell\") or write a code "
                                        "cell (a ```text fence is fine for diagrams)"))
    return problems
