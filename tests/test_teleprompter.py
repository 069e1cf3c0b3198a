"""The teleprompter, in Chromium from disk: keys set the speed, it scrolls and pauses, cue links are right."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

import pytest
from conftest import ROOT, SECTIONS

from coursekit.course.check import cue_targets

# Resolves after n animation frames: the clock the prompter scrolls by, not the wall's.
FRAMES = "n => new Promise(done => { const step = k => k ? requestAnimationFrame(() => step(k - 1)) : done(); step(n); })"

pytestmark = pytest.mark.browser


@pytest.fixture
def prompter(offline, site):
    section = next(s for s in SECTIONS if s.key.startswith("04"))
    page = offline.open(site / "prompter" / f"{section.key}.html")
    page.wait_for_selector("#script")
    return page


def test_keys_set_speed_and_the_text_scrolls_and_pauses(prompter, offline):
    page = prompter
    assert page.evaluate("document.body.dataset.speed") == "40"
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.body.dataset.speed") == "60"
    page.keyboard.press("ArrowDown")
    assert page.locator("#speed").inner_text() == "50"
    assert page.evaluate("window.scrollY") == 0
    page.keyboard.press(" ")
    assert page.evaluate("document.body.dataset.state") == "scrolling"
    page.wait_for_function("window.scrollY > 20", timeout=60000)
    page.keyboard.press(" ")
    assert page.evaluate("document.body.dataset.state") == "paused"
    paused_at = page.evaluate("window.scrollY")
    page.evaluate(FRAMES, 60)  # the prompter scrolls once a frame: sixty frames later it has not moved
    assert page.evaluate("window.scrollY") == paused_at
    assert re.fullmatch(r"\d+:\d\d", page.locator("#remaining").inner_text())
    page.keyboard.press("m")
    assert "mirror" in page.evaluate("document.body.className")
    transform = page.evaluate("getComputedStyle(document.querySelector('main')).transform")
    assert transform.startswith("matrix(-1")
    assert offline.blocked == [] and offline.errors == []


def test_vscode_links_open_the_cued_cell(prompter):
    links = prompter.locator(".cue.vscode a.open").all()
    assert links
    for link in links:
        href = link.get_attribute("href")
        m = re.fullmatch(r"vscode://file/(.+):(\d+)", href)
        assert m, href
        path, line = Path(unquote(m[1])), int(m[2])
        assert path.is_relative_to(ROOT / "demos") and path.exists()
        header = path.read_text(encoding="utf-8").splitlines()[line - 1]
        assert header.startswith("# %%"), f"{href} does not point at a cell header: {header!r}"


def test_slide_cues_open_the_deck_at_that_slide(prompter, site):
    links = prompter.locator(".cue.slides a.open").all()
    assert links
    for link in links:
        deck, _, slide = link.get_attribute("href").partition("#/")
        html = (site / "prompter" / deck).resolve().read_text(encoding="utf-8")
        assert f'id="{slide}"' in html
        assert link.inner_text().startswith("slide: ")


def test_d_follows_the_draft_videos_pace(offline, site):
    import json

    section = next(s for s in SECTIONS if s.key.startswith("04"))
    timeline = json.loads((site / "drafts" / f"{section.key}.json").read_text())
    page = offline.page
    page.clock.install()  # the prompter's clock and frames, moved by the test rather than waited for
    offline.open(site / "prompter" / f"{section.key}.html")
    page.wait_for_selector("#draft-pace", state="attached")
    page.keyboard.press("d")
    assert page.evaluate("document.body.dataset.pace") == "draft"
    page.keyboard.press(" ")
    elapsed = 0
    middle = timeline["sentences"][len(timeline["sentences"]) // 2]["line"]
    for line in (middle, timeline["sentences"][-3]["line"]):
        start = min(s["start"] for s in timeline["sentences"] if s["line"] == line)
        page.clock.fast_forward(int(start * 1000) - elapsed)
        page.clock.run_for(100)  # a few frames at that moment
        elapsed = int(start * 1000) + 100
        top = page.evaluate(f"document.querySelector('[data-line=\"{line}\"]').getBoundingClientRect().top "
                            "/ window.innerHeight")
        assert abs(top - 0.35) < 0.03, f"line {line} is at {top:.2f} of the screen when the draft says it"


def _accelerator_lines(section) -> set[int]:
    """Script lines of the VS Code cues whose demo cell's header carries the `accelerator` tag, read from the files."""
    _, resolved, _ = cue_targets(section, ROOT)
    lines = set()
    for cue, target in resolved:
        if cue.kind == "vscode" and target and target.kind == "cell":
            header = (ROOT / target.path).read_text(encoding="utf-8").splitlines()[target.line - 1]
            if re.search(r'tags=\[[^\]]*"accelerator"', header):
                lines.add(cue.line)
    return lines


@pytest.mark.parametrize("section", SECTIONS, ids=lambda s: s.key)
def test_the_cues_that_need_an_accelerator_are_marked_before_the_take(offline, site, section):
    """A cell that shows its point only on a GPU is marked on its cue, and the page says so at the top."""
    expected = _accelerator_lines(section)
    page = offline.open(site / "prompter" / f"{section.key}.html")
    page.wait_for_selector("#script")
    marked = {int(n) for n in page.locator(".cue:has(.needs-accelerator)").evaluate_all(
        "els => els.map(e => e.dataset.line)")}
    assert marked == expected
    note = page.locator(".accelerator-note")
    assert note.count() == (1 if expected else 0)
    if expected:
        assert f"{len(expected)} cue" in note.inner_text() and "CUDA or MPS" in note.inner_text()


def test_the_device_section_marks_its_transfer_cells_and_record_says_what_this_machine_shows():
    import torch
    from click.testing import CliRunner

    from coursekit.cli import cli

    section = next(s for s in SECTIONS if "devices" in s.key)
    lines = _accelerator_lines(section)
    assert len(lines) >= 3, "the device demos show copies to the GPU: their cells are tagged"
    result = CliRunner().invoke(cli, ["--root", str(ROOT), "record", section.key[:2]])
    assert result.exit_code == 0, result.output
    for line in lines:
        assert f"scripts/{section.key}.md:{line} " in result.output
    here = torch.accelerator.current_accelerator() if torch.accelerator.is_available() else None
    assert (f"this machine has {here.type}: they show it" if here else "this machine has none") in result.output
