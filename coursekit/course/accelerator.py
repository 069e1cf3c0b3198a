"""Demo cells that show their point only on a machine with an accelerator (a CUDA or MPS GPU).

Such a cell carries the Jupyter tag `accelerator` in its header (`# %% move-data tags=["accelerator"]`): the mark
lives in the demo, beside the code it describes. On a CPU-only machine the cell still runs and passes, but where
the video means to show a copy across the bus it prints `cpu -> cpu`; `coursekit record` and the teleprompter
say so before the take.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from coursekit.course import cells as cells_mod
from coursekit.course import script as script_mod
from coursekit.course.problems import CourseError
from coursekit.course.sections import Section
from coursekit.course.targets import resolve_cue

TAG = "accelerator"


def needs_accelerator(cell: cells_mod.Cell) -> bool:
    tags = cell.metadata.get("tags") or []
    return isinstance(tags, list) and TAG in tags


@dataclass(frozen=True)
class AcceleratorCue:
    line: int  # the cue's line in the script
    ref: str  # the demo cell it shows
    description: str


def accelerator_cues(section: Section, root: Path) -> list[AcceleratorCue]:
    """The VS Code cues of ``section`` whose demo cell needs an accelerator to show its point, in script order."""
    shown = f"scripts/{section.key}.md"
    if not section.script.is_file():
        return []
    found = []
    for cue in script_mod.parse(section.script, shown).cues:
        if cue.kind != "vscode":
            continue
        try:
            target = resolve_cue(cue, section.script, root)
        except CourseError:
            continue  # `coursekit check` reports it
        if target is None or not target.path.endswith(".py"):
            continue
        cells = cells_mod.parse(root / target.path, target.path)
        if any(needs_accelerator(c) for c in cells if c.title and (c.title == target.fragment or not target.fragment)):
            found.append(AcceleratorCue(cue.line, target.ref, cue.description))
    return found


def this_machine() -> str | None:
    """The accelerator this machine's PyTorch can use ('cuda', 'mps', ...), or None."""
    import torch

    if not torch.accelerator.is_available():
        return None
    return torch.accelerator.current_accelerator().type
