"""The teleprompter, in Chromium from disk: keys set the speed, it scrolls and pauses, cue links are right."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

import pytest
from conftest import ROOT, SECTIONS

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
