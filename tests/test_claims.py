"""What the course says is true and proved: cued demo cells assert their claims, known falsehoods stay out,
and every video fits 5 to 10 minutes by the measured estimate (issue 11)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import ROOT, SECTIONS

from coursekit.course import cells as cells_mod
from coursekit.course.check import cue_targets
from coursekit.course.conventions import NO_CLAIM, has_claim
from coursekit.course.timing import Timing

FALSEHOODS = Path(__file__).with_name("falsehoods.txt")


def cued_cells() -> list[tuple[str, cells_mod.Cell]]:
    """Every demo cell a [SHOW IN VS CODE] cue shows, once each."""
    found: dict[str, cells_mod.Cell] = {}
    for section in SECTIONS:
        _, resolved, _ = cue_targets(section, ROOT)
        for cue, target in resolved:
            if target and cue.kind == "vscode" and target.fragment and target.ref not in found:
                cells, _ = cells_mod.titled(cells_mod.parse(ROOT / target.path, target.path), target.path)
                found[target.ref] = cells[target.fragment]
    return sorted(found.items())


CUED = cued_cells()


def test_the_course_cues_demo_cells():
    assert len(CUED) > 50


@pytest.mark.parametrize("ref, cell", CUED, ids=[ref for ref, _ in CUED])
def test_cued_cell_asserts_its_claim_or_says_why_not(ref, cell):
    assert has_claim(cell.source), f"{ref}: shown on camera but asserts nothing (add an assert or '# no-claim: why')"


def test_at_least_95_percent_of_cued_cells_assert():
    without = [ref for ref, cell in CUED if NO_CLAIM.search(cell.source) and "assert" not in cell.source]
    share = 1 - len(without) / len(CUED)
    assert share >= 0.95, f"only {share:.0%} of cued cells assert; these only say why not: {without}"


def falsehoods() -> list[tuple[str, str]]:
    rows = [line.split(" | ", 1) for line in FALSEHOODS.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]
    return [(pattern.strip(), truth.strip()) for pattern, truth in rows]


def course_files() -> list[Path]:
    return sorted([*ROOT.glob("scripts/*.md"), *ROOT.glob("slides/*.py"), *ROOT.glob("demos/*/*.py"),
                   *ROOT.glob("animations/*.py")])


@pytest.mark.parametrize("pattern, truth", falsehoods(), ids=[t for _, t in falsehoods()])
def test_a_known_falsehood_does_not_come_back(pattern, truth):
    regex = re.compile(pattern, re.I)
    hits = [f"{path.relative_to(ROOT)}:{n}" for path in course_files()
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if regex.search(line)]
    assert not hits, f"{hits}: {truth}"


def test_the_falsehood_patterns_match_what_they_guard():
    """Each pattern would catch the sentence it was written for (so this test can fail)."""
    samples = ["Every node on the tape is a torch.autograd.Function", "become linearly separable, with high probability",
               "the targets are class indices, not one-hot vectors", "floats, doubles and halfs",
               "return F.softmax(self.fc2(x), dim=1)"]
    patterns = [re.compile(p, re.I) for p, _ in falsehoods()]
    for sample in samples:
        assert any(p.search(sample) for p in patterns), sample


def test_every_video_is_5_to_10_minutes(site):
    """By the measured estimate the site prints (narration, cues, cell run times, animation lengths)."""
    rows = json.loads((ROOT / "build" / "course.json").read_text(encoding="utf-8"))["sections"]
    low, high = Timing.load(ROOT).section_minutes
    assert (low, high) == (5, 10)
    assert [r["key"] for r in rows] == [s.key for s in SECTIONS]
    outside = {r["key"]: r["length"] for r in rows if not low * 60 <= r["seconds"] <= high * 60}
    assert not outside, f"outside {low:g}-{high:g} minutes: {outside}"
