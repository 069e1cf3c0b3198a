"""axe-core (from the npm registry, through package-lock.json) on every built page and every deck slide.

The WCAG 2.0, 2.1 and 2.2 rules of levels A and AA must report no violation. No rule is disabled. A deck
is checked slide by slide, as a viewer sees each one: with reveal.js transitions off, since axe measuring a
slide in mid-fade reports the fade, not the slide.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT, SECTIONS

pytestmark = pytest.mark.browser
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
# The present slide and everything around the slides (controls, progress, backgrounds), as axe's include list: axe
# skips hidden slides but would still walk them (an exclude list is checked node by node: slower than the whole page).
ALL_BUT_THE_OTHER_SLIDES = """(() => { const slides = document.querySelector('.reveal .slides');
  const include = [...slides.querySelectorAll(':scope > section.present')];
  for (let node = slides; node !== document.body; node = node.parentElement)
    include.push(...[...node.parentElement.children].filter(e => e !== node));
  return {include}; })()"""


def violations(page, where: str, inject: bool = True, context: str = "document") -> list[str]:
    """axe's violations on ``page``, within ``context`` (a JavaScript expression); every violation in full, and only
    those (resultTypes: the passes are counted, not described node by node)."""
    if inject:
        page.add_script_tag(path=str(AXE))
    result = page.evaluate(f"(tags) => axe.run({context}, {{runOnly: {{type: 'tag', values: tags}}, "
                           "resultTypes: ['violations']})", TAGS)
    return [f"{where}: {v['id']} ({len(v['nodes'])}x) at {v['nodes'][0]['target']}: "
            f"{v['nodes'][0].get('failureSummary', '')[:300]}" for v in result["violations"]]


def test_axe_is_installed_from_the_lock_file():
    assert AXE.exists(), "node_modules/axe-core is missing: run `make setup`"
    assert '"node_modules/axe-core"' in (ROOT / "package-lock.json").read_text()


def test_every_site_page_has_no_violation(site, offline):
    pages = [p for p in sorted(site.rglob("*.html")) if not {"assets", "decks"} & set(p.relative_to(site).parts)]
    assert len(pages) >= 2 * len(SECTIONS) + 2  # a script page and a teleprompter each, the home, the trace
    found = []
    for path in pages:
        found += violations(offline.open(path), str(path.relative_to(site)))
    assert found == [], "\n".join(found)
    assert offline.blocked == []


def deck_violations(offline, deck: Path, prepare: str = "") -> list[str]:
    """axe on every slide of ``deck`` in turn, the vertical sub-slides that hold the code included; ``prepare``:
    JavaScript run on the loaded deck first."""
    page = offline.open(deck, "?transition=none&backgroundTransition=none")
    page.wait_for_selector(".reveal.ready")
    # Every slide: (h, v) for each.
    stacks = page.evaluate("() => [...document.querySelectorAll('.reveal .slides > section')]"
                           ".map(s => Math.max(1, s.querySelectorAll(':scope > section').length))")
    assert len(stacks) > 3
    found = []
    if prepare:
        page.evaluate(prepare)
    page.add_script_tag(path=str(AXE))
    for i, v in ((i, v) for i, n in enumerate(stacks) for v in range(n)):
        page.evaluate(f"location.hash = '#/{i}/{v}'")
        page.wait_for_function(f"() => Reveal.getIndices().h === {i} && (Reveal.getIndices().v || 0) === {v}")
        page.wait_for_function("() => !window.MathJax || !MathJax.Hub || "
                               "(MathJax.Hub.queue.pending === 0 && !MathJax.Hub.queue.running)")
        # The whole page at the first slide (the other slides as reveal.js hides them, the page's own rules); then
        # the page less the other slides (axe still measures each element against everything drawn behind it).
        found += violations(page, f"{deck.name}#/{i}/{v}", inject=False,
                            context="document" if i == v == 0 else ALL_BUT_THE_OTHER_SLIDES)
    return found


@pytest.mark.parametrize("key", [s.key for s in SECTIONS if s.slides.is_file()])
def test_every_slide_of_the_deck_has_no_violation(site, offline, key):
    found = deck_violations(offline, site / "decks" / f"{key}.html")
    assert found == [], "\n".join(found)


def test_a_violation_on_a_later_slide_is_caught_there(site, offline):
    # The check per slide can fail: grey on grey put on the third slide is reported there, and only there.
    key = next(s.key for s in SECTIONS if s.slides.is_file())
    found = deck_violations(offline, site / "decks" / f"{key}.html", prepare="""() => {
        const p = document.createElement('p');
        p.textContent = 'hard to read'; p.style.color = '#777'; p.style.background = '#666';
        const third = document.querySelectorAll('.reveal .slides > section')[2];
        (third.querySelector(':scope > section') || third).prepend(p); }""")
    assert len(found) == 1 and found[0].startswith(f"{key}.html#/2/0: color-contrast"), found


def test_a_contrast_failure_is_caught(offline, tmp_path: Path):
    # The check itself can fail: grey on grey is reported.
    page_file = tmp_path / "low.html"
    page_file.write_text('<!DOCTYPE html><html lang="en"><head><title>t</title></head><body><main>'
                         '<p style="color:#777;background:#666">hard to read</p></main></body></html>')
    assert any("color-contrast" in v for v in violations(offline.open(page_file), "low.html"))


def test_every_video_is_described_and_never_plays_by_itself(site, offline):
    pages = [p for p in sorted(site.rglob("*.html")) if "assets" not in p.relative_to(site).parts]
    checked = 0
    for path in pages:
        page = offline.open(path)
        videos = page.evaluate("""() => [...document.querySelectorAll('video')].map(v => ({
            autoplay: v.autoplay, controls: v.controls,
            described: (v.getAttribute('aria-describedby') || '').split(' ').filter(Boolean)
                .map(id => (document.getElementById(id) || {}).textContent || '').join(' ').trim(),
            captions: [...v.querySelectorAll('track')].some(t => t.kind === 'captions' || t.kind === 'descriptions')
        }))""")
        for v in videos:
            checked += 1
            assert not v["autoplay"] and v["controls"], path
            assert len(v["described"]) > 40 or v["captions"], f"{path.relative_to(site)}: a video without a description"
    assert checked >= len(SECTIONS)


def test_every_scene_has_a_description():
    from coursekit.course.scenes import describe, find_scenes

    for path in sorted((ROOT / "animations").glob("[0-9][0-9]_*.py")):
        for scene in find_scenes(path):
            text = describe(path, scene.name)
            assert len(text) > 60 and "Step by step:" in text, f"{path.name}::{scene.name}: {text!r}"


def _tab_through(page, limit: int = 400) -> list[dict]:
    """Press Tab until focus comes back round; what got focus, and whether its focus is drawn."""
    seen = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        info = page.evaluate("""() => { const e = document.activeElement; if (!e || e === document.body) return null;
            const s = getComputedStyle(e);
            return {tag: e.tagName, key: e.outerHTML.slice(0, 120), name: (e.getAttribute('aria-label') || e.innerText || e.title || (e.querySelector('img[alt]') || {}).alt || '').trim(),
                    outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0}; }""")
        if info is None or (seen and info["key"] == seen[0]["key"]):
            break
        seen.append(info)
    return seen


@pytest.mark.parametrize("page_name", ["index.html", "trace.html", "scripts/{key}.html", "prompter/{key}.html"])
def test_the_keyboard_reaches_every_link_and_control_with_visible_focus(site, offline, page_name):
    path = site / page_name.format(key=SECTIONS[0].key)
    page = offline.open(path)
    page.wait_for_load_state("load")
    wanted = page.evaluate("""() => [...document.querySelectorAll('a[href], button, video[controls], [tabindex="0"], summary')]
        .filter(e => e.getClientRects().length).length""")
    reached = _tab_through(page, limit=wanted + 5)
    assert len(reached) >= wanted, f"{page_name}: Tab reached {len(reached)} of {wanted} controls"
    assert all(r["outline"] for r in reached), [r["key"] for r in reached if not r["outline"]][:3]
    assert all(r["name"] or r["tag"] in ("VIDEO", "PRE") for r in reached), [r["key"] for r in reached if not r["name"]][:3]


def test_the_teleprompter_buttons_work_from_the_keyboard(site, offline):
    page = offline.open(site / "prompter" / f"{SECTIONS[0].key}.html")
    page.locator("#btn-start").focus()
    page.keyboard.press("Enter")
    assert page.evaluate("document.body.dataset.state") == "scrolling"
    assert page.locator("#btn-start").get_attribute("aria-pressed") == "true"
    page.keyboard.press("Space")  # the focused button's own key: pauses once, not twice
    assert page.evaluate("document.body.dataset.state") == "paused"
    page.locator("#btn-faster").focus()
    page.keyboard.press("Enter")
    assert page.evaluate("document.body.dataset.speed") == "50"
    page.locator("#btn-mirror").click()
    assert page.evaluate("document.body.classList.contains('mirror')")
    assert page.get_by_role("button", name="Faster (up arrow)").count() == 1


def test_a_video_plays_and_pauses_from_the_keyboard(site, offline):
    page = offline.open(site / "scripts" / f"{SECTIONS[0].key}.html")
    video = page.locator("video").first
    assert video.evaluate("v => v.paused")  # nothing starts by itself
    for _ in range(60):  # Tab to the player, as a keyboard user would
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.tagName") == "VIDEO":
            break
    assert page.evaluate("document.activeElement.tagName") == "VIDEO"
    page.keyboard.press(" ")
    page.wait_for_function("() => !document.querySelector('video').paused", timeout=60000)
    page.keyboard.press(" ")
    page.wait_for_function("() => document.querySelector('video').paused", timeout=60000)
