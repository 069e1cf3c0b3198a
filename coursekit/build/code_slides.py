"""The code of a course deck: every demo cell its script shows in VS Code becomes a vertical sub-slide under
the slide that is on screen when the cue comes, so that the video's sequence of slides is unchanged and a
presenter without VS Code steps down into the code.

The code is the demo cell itself and its output is what that cell printed in the build's run of the demo (the
run that proves the demo works, kept in build/timings/): included and executed, never pasted. The narration
that follows the cue becomes the sub-slide's speaker notes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from coursekit.course import cells as cells_mod
from coursekit.course import script as script_mod
from coursekit.course.problems import CourseError, Problem, rel
from coursekit.course.targets import resolve_cue

# A warning printed by a library names the file it comes from: the site-packages of whoever built the deck.
SITE_PACKAGES_RE = re.compile(r"(?:[A-Za-z]:)?[^\s:'\"]*[/\\]site-packages[/\\]")


@dataclass
class CodeSlide:
    path: str  # the demo, repository-relative
    cell: str  # the demo cell's title
    caption: str  # the cue's description: what the video says it shows
    under: str  # the title of the slide it goes under ("" for the deck's first slide)
    line: int  # the script line of the cue
    source: str = ""
    output: str = ""
    notes: list[str] = field(default_factory=list)

    @property
    def ref(self) -> str:
        return f"{self.path}#{self.cell}"

    @property
    def ident(self) -> str:
        """The sub-slide's id: deck.html#/code-casting-to-dtype opens it."""
        return re.sub(r"[^A-Za-z0-9_-]+", "-", f"code-{Path(self.path).stem}-{self.cell}")


def _narration_after(segment: script_mod.Segment, cue: script_mod.Cue) -> list[str]:
    """What is said from ``cue`` to the next cue: the narration that goes with the code on screen."""
    said, after = [], False
    for block in segment.blocks:
        if block.kind == "cue":
            if after:
                break
            after = block.cue is cue
        elif after and block.kind in ("narration", "bullet"):
            said.append(("- " if block.kind == "bullet" else "") + block.markdown)
    return said


def plan(notebook: Path, root: Path) -> list[CodeSlide]:
    """The code sub-slides of the course deck ``notebook``, in the order the script shows their cells; empty for
    a notebook that is not a section's deck. Each cell appears once, where the script first shows it."""
    key = notebook.stem
    script_path = root / "scripts" / f"{key}.md"
    if notebook.parent != root / "slides" or not script_path.is_file():
        return []
    shown_script = rel(script_path, root)
    parsed = script_mod.parse(script_path, shown_script)
    deck = rel(notebook, root)
    slides, on_screen, seen = [], "", {}
    for cue in parsed.cues:
        if cue.kind not in ("slides", "vscode"):
            continue
        target = resolve_cue(cue, script_path, root)
        if target is None:
            continue
        if cue.kind == "slides":
            if target.path == deck and target.fragment:
                on_screen = target.fragment
            continue
        if not target.path.startswith("demos/") or not target.path.endswith(".py"):
            continue
        shown_demo = target.path
        demo_cells = [c for c in cells_mod.parse(root / shown_demo, shown_demo) if c.kind == "code" and c.title]
        # A cue that opens a whole file shows every titled cell of it, one sub-slide each.
        chosen = [c for c in demo_cells if c.title == target.fragment] if target.fragment else demo_cells
        narration = _narration_after(parsed.segments[cue.segment], cue)
        for number, cell in enumerate(chosen, start=1):
            caption = cue.description if len(chosen) == 1 else f"{cue.description} ({number} of {len(chosen)})"
            slide = CodeSlide(shown_demo, cell.title, caption, on_screen, cue.line, cell.source.rstrip("\n"))
            if slide.ref in seen:  # shown again later: its notes gather what is said each time
                seen[slide.ref].notes += narration
                continue
            slide.notes = list(narration)
            seen[slide.ref] = slide
            slides.append(slide)
    return slides


def fill_outputs(slides: list[CodeSlide], runs: dict, shown_script: str) -> None:
    """Each slide's output, from the build's run of its demo (``runs``: repository path -> run record)."""
    for slide in slides:
        run = runs.get(slide.path)
        cell = next((c for c in (run or {}).get("cells", []) if c.get("title") == slide.cell), None)
        if cell is None:
            raise CourseError(Problem(shown_script, slide.line, f"{slide.ref} has no output in the build's run of "
                                      f"the demo; run `coursekit demos {Path(slide.path).parent.name[:2]}`"))
        slide.output = SITE_PACKAGES_RE.sub(".../site-packages/", cell.get("output", "")).rstrip("\n")


def cells(slide: CodeSlide, notes_cell) -> list:
    """The notebook cells of one code sub-slide: its caption, the code with its output, and its notes."""
    import nbformat

    name = Path(slide.path).name
    heading = nbformat.v4.new_markdown_cell(
        f"## {slide.caption}\n\n<p class=\"course-code-file\">{name} · cell <code>{slide.cell}</code></p>")
    heading.metadata.update(title=slide.ident, course_code=True, slideshow={"slide_type": "subslide"})
    outputs = [nbformat.v4.new_output("stream", name="stdout", text=slide.output + "\n")] if slide.output else []
    code = nbformat.v4.new_code_cell(slide.source, outputs=outputs)
    code.metadata.update(included_from=slide.ref, course_code=True, slideshow={"slide_type": "-"})
    return [heading, code] + ([notes_cell(slide.notes)] if slide.notes else [])


def insert(nb, slides: list[CodeSlide], notes_cell) -> None:
    """Put each code sub-slide at the foot of the vertical stack of the slide it goes under."""
    stacks: list[list] = []  # the cells of each horizontal slide, sub-slides included
    stack_of: dict[str, int] = {}  # slide title -> its stack
    for cell in nb.cells:
        if cell.metadata.get("slideshow", {}).get("slide_type") == "slide" or not stacks:
            stacks.append([])
        stacks[-1].append(cell)
        if cell.metadata.get("title"):
            stack_of.setdefault(str(cell.metadata["title"]), len(stacks) - 1)
    if not stacks:
        stacks.append([])
    for slide in slides:
        stacks[stack_of.get(slide.under, 0)] += cells(slide, notes_cell)
    nb.cells = [cell for stack in stacks for cell in stack]
