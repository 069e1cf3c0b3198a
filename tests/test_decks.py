"""Every built deck, opened from disk in Chromium with the network blocked, as a presenter would see it."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT, SECTIONS, OfflinePage

from coursekit.build import code_slides
from coursekit.build.deck_source import expected_slides
from coursekit.course import cells as cells_mod
from coursekit.course.check import cue_targets
from coursekit.course.notebooks import load_notebook
from coursekit.video.stills import NEXT_FRAMES

DECKED = [s for s in SECTIONS if s.slides.is_file()]
WITH_MATH = [s for s in DECKED if "$" in s.slides.read_text(encoding="utf-8")]
pytestmark = pytest.mark.browser


def open_deck(offline, site: Path, key: str, fragment: str = ""):
    page = offline.open(site / "decks" / f"{key}.html", fragment)
    page.wait_for_selector(".reveal.ready", timeout=60000)
    page.wait_for_function("() => !window.MathJax || !MathJax.Hub || MathJax.Hub.queue.pending === 0", timeout=60000)
    return page


@pytest.fixture(scope="module")
def opened(browser, site):
    """Each deck loaded once for the tests that only read it, given back at its first slide: the OfflinePage has
    recorded every request and console error since the load."""
    pages: dict[str, tuple] = {}

    def at_start(key: str) -> OfflinePage:
        if key not in pages:
            context = browser.new_context(viewport={"width": 1280, "height": 800})
            context.set_default_timeout(60000)
            pages[key] = context, OfflinePage(context.new_page())
            open_deck(pages[key][1], site, key)
        offline = pages[key][1]
        offline.page.evaluate("() => Reveal.slide(0, 0)")
        offline.page.wait_for_function("() => Reveal.getIndices().h === 0 && !Reveal.getIndices().v")
        return offline

    yield at_start
    for context, _ in pages.values():
        context.close()


def included_cells(section) -> list[str]:
    """Sources of the demo cells the slides show by inclusion, read from the demos themselves."""
    sources = []
    for cell in cells_mod.parse(section.slides):
        hidden = cell.metadata.get("slideshow", {}).get("slide_type") in ("skip", "notes")
        if "include" in cell.metadata and not hidden:
            path, _, title = str(cell.metadata["include"]).partition("#")
            demo = (section.slides.parent / path).resolve()
            sources.append(cells_mod.titled(cells_mod.parse(demo), str(demo))[0][title].source)
    return sources


@pytest.mark.parametrize("section", DECKED, ids=lambda s: s.key)
def test_deck_loads_offline_with_every_slide(opened, section):
    offline = opened(section.key)
    page = offline.page
    nb, _ = load_notebook(section.slides, ROOT)
    code = code_slides.plan(section.slides, ROOT)
    assert page.locator(".slides > section > section").count() == expected_slides(nb) + len(code)
    first = page.locator(".slides > section").first
    assert first.is_visible()
    assert len(first.inner_text().strip()) > 5, "the first slide is blank"
    assert offline.blocked == [], f"requests left the folder: {offline.blocked}"
    assert offline.failed == [], f"missing files: {offline.failed}"
    assert offline.errors == [], f"console errors: {offline.errors}"


@pytest.mark.parametrize("section", DECKED, ids=lambda s: s.key)
def test_code_on_slides_is_the_demo_code(opened, section):
    page = opened(section.key).page
    # textContent, not innerText: reveal hides slides other than the current one (display: none)
    shown = [t.rstrip() for t in page.locator(".jp-CodeCell .jp-InputArea pre").evaluate_all(
        "els => els.map(e => e.textContent)")]
    for source in included_cells(section):
        assert source.rstrip() in shown, f"slide code differs from the demo cell:\n{source}"


@pytest.mark.parametrize("section", DECKED, ids=lambda s: s.key)
def test_script_narration_becomes_speaker_notes(opened, section):
    script, resolved, _ = cue_targets(section, ROOT)
    slides = [(cue, t) for cue, t in resolved if cue.kind == "slides" and t]
    assert slides, f"scripts/{section.key}.md has no [SHOW ON SLIDES] cue"
    page = opened(section.key).page
    for cue, target in slides:
        narration = script.segments[cue.segment].narration
        if not narration:
            continue
        words = " ".join(narration[0].split()[:6])
        notes = page.locator(f"section[id='{target.fragment}'] aside.notes").evaluate_all(
            "els => els.map(e => e.textContent)")
        assert any(words in " ".join(n.split()) for n in notes), f"no notes for slide {target.fragment}: {words!r}"


@pytest.mark.parametrize("section", DECKED[:1], ids=lambda s: s.key)
def test_speaker_view_opens_offline(offline, site, section):
    page = open_deck(offline, site, section.key)
    script, resolved, _ = cue_targets(section, ROOT)
    cue, target = next((c, t) for c, t in resolved if c.kind == "slides" and t and script.segments[c.segment].narration)
    page.goto((site / "decks" / f"{section.key}.html").as_uri() + f"#/{target.fragment}")
    page.wait_for_function("id => window.Reveal && Reveal.isReady() && "
                           "Reveal.getIndices().h === Reveal.getIndices(document.getElementById(id)).h",
                           arg=target.fragment, timeout=60000)
    with page.context.expect_page(timeout=60000) as popup_info:
        page.keyboard.press("s")
    popup = popup_info.value
    popup.wait_for_selector(".speaker-controls-notes", timeout=60000)
    popup.wait_for_function("() => document.querySelector('.speaker-controls-notes .value').innerText.trim().length > 0",
                            timeout=60000)
    notes = popup.locator(".speaker-controls-notes .value").inner_text()
    first_words = " ".join(script.segments[cue.segment].narration[0].split()[:4])
    assert first_words.replace("`", "") in " ".join(notes.split())
    assert offline.blocked == []


@pytest.mark.parametrize("section", WITH_MATH, ids=lambda s: s.key)
def test_math_renders_offline(opened, section):
    offline = opened(section.key)
    assert offline.page.locator(".MathJax_CHTML").count() > 0
    assert offline.blocked == []


# The present slide's top edge as laid out now, and as reveal.js lays it out when asked again.
LAYOUT_DRIFT = """() => {
  const slide = document.querySelector('.reveal .slides section.present section.present') ||
                document.querySelector('.reveal .slides section.present');
  const top = () => slide.firstElementChild.getBoundingClientRect().top;
  const before = top();
  window.Reveal.layout();
  return top() - before;
}"""
TYPESET = ("() => window.Reveal && !!MathJax.isReady && MathJax.Hub.queue.pending === 0 && !MathJax.Hub.queue.running"
           " && document.fonts.status === 'loaded'")


@pytest.mark.parametrize("section", WITH_MATH, ids=lambda s: s.key)
def test_a_slide_with_formulas_is_centred_once_they_are_typeset(browser, site, section):
    """Opened at a slide with formulas, or stepped onto one, the slide sits where reveal.js centres it: typesetting
    changes its height after reveal.js laid it out."""
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file://") else r.abort())
    deck = (site / "decks" / f"{section.key}.html").as_uri()
    page.goto(deck)
    page.wait_for_function(TYPESET, timeout=60000)
    ids = page.evaluate("() => [...document.querySelectorAll('.reveal .slides > section[id]')]"
                        ".filter(s => s.querySelector('.MathJax_CHTML')).map(s => s.id)")
    assert ids, f"{section.key} has formulas but no slide shows one"
    for slide_id in ids:
        fresh = context.new_page()
        fresh.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file://") else r.abort())
        fresh.goto(f"{deck}#/{slide_id}")
        fresh.wait_for_function(TYPESET, timeout=60000)
        fresh.evaluate(NEXT_FRAMES)  # a rendering step: the deck lays out a slide whose size changed in it
        drift = fresh.evaluate(LAYOUT_DRIFT)
        assert abs(drift) < 1, f"{section.key}: opened at '{slide_id}', the slide is {drift:+.0f} px from its centred place"
        fresh.close()
        page.evaluate("id => window.Reveal.slide(window.Reveal.getIndices(document.getElementById(id)).h, 0)", slide_id)
        page.wait_for_function(TYPESET, timeout=60000)
        page.evaluate(NEXT_FRAMES)
        drift = page.evaluate(LAYOUT_DRIFT)
        assert abs(drift) < 1, f"{section.key}: stepped onto '{slide_id}', the slide is {drift:+.0f} px off centre"
    context.close()


@pytest.mark.parametrize("section", WITH_MATH, ids=lambda s: s.key)
def test_a_slide_shown_as_the_deck_opens_shows_its_formulas_typeset_not_their_tex(browser, site, section):
    """Stepping to a slide before MathJax's first typeset has finished (a presenter who opens the deck and goes
    straight to slide 5) once left the TeX source on screen beside the formula, for good."""
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file://") else r.abort())
    deck = (site / "decks" / f"{section.key}.html").as_uri()
    page.goto(deck)
    page.wait_for_function("() => document.querySelector('.reveal.ready') && window.Reveal", timeout=60000)
    shown = page.evaluate("""() => {
      const slides = [...document.querySelectorAll('.reveal .slides > section[id]')]
        .filter(s => s.querySelector('script[type^="math/tex"]') || /\\$/.test(s.textContent));
      const target = slides[slides.length - 1];
      window.Reveal.slide(window.Reveal.getIndices(target).h, 0);
      return target.id;
    }""")
    page.wait_for_function(TYPESET, timeout=60000)
    page.wait_for_function("() => MathJax.Hub.getAllJax(Reveal.getCurrentSlide()).length > 0", timeout=60000)
    page.wait_for_function(TYPESET, timeout=60000)
    page.evaluate(NEXT_FRAMES)
    tex = page.evaluate("() => [...Reveal.getCurrentSlide().querySelectorAll('.MathJax_Preview')]"
                        ".map(p => p.textContent.trim()).filter(t => t)")
    assert tex == [], f"{section.key}: slide '{shown}' shows the TeX source of its formulas: {tex}"
    context.close()


def shown_in_vs_code(section) -> list[tuple[str, str, list[str]]]:
    """(demo cell ref, its source, the narration after the cue) for every cell the script shows in VS Code, read
    from the script and the demos themselves; a cue that opens a whole file shows each of its titled cells."""
    script, resolved, _ = cue_targets(section, ROOT)
    shown = []
    for cue, target in resolved:
        if cue.kind != "vscode" or not target:
            continue
        blocks = script.segments[cue.segment].blocks
        after = blocks[[b.cue for b in blocks].index(cue) + 1:]
        said = [b.text for b in after[:next((i for i, b in enumerate(after) if b.kind == "cue"), len(after))]
                if b.kind in ("narration", "bullet")]
        by_title, _ = cells_mod.titled(cells_mod.parse(ROOT / target.path), target.path)
        chosen = [by_title[target.fragment]] if target.fragment else [c for c in by_title.values() if c.kind == "code"]
        shown += [(f"{target.path}#{c.title}", c.source, said) for c in chosen]
    return shown


CODE_SLIDES = """() => [...document.querySelectorAll('.reveal section.course-code')].map(s => ({
  id: s.id,
  code: [...s.querySelectorAll('.jp-InputArea pre')].map(p => p.textContent),
  output: [...s.querySelectorAll('.jp-OutputArea pre')].map(p => p.textContent).join(''),
  notes: [...s.querySelectorAll('aside.notes')].map(n => n.textContent).join(' '),
}))"""


@pytest.mark.parametrize("section", DECKED, ids=lambda s: s.key)
def test_every_cell_the_script_shows_in_vs_code_is_in_the_deck_with_its_output_and_narration(opened, section):
    """A presenter without VS Code steps down into the code: each cued demo cell is on a code sub-slide, the
    code exactly the demo's, with what it printed and the narration of its cue as notes."""
    shown = shown_in_vs_code(section)
    assert shown, f"scripts/{section.key}.md shows no demo cell in VS Code"
    page = opened(section.key).page
    slides = page.evaluate(CODE_SLIDES)
    for ref, source, said in shown:
        slide = next((s for s in slides if source.rstrip() in [c.rstrip() for c in s["code"]]), None)
        assert slide, f"{ref} is not on any code sub-slide of decks/{section.key}.html"
        if "print(" in source:
            assert slide["output"].strip(), f"{ref} prints, but its sub-slide shows no output"
        if said:
            words = " ".join(said[0].split()[:6])
            assert words in " ".join(slide["notes"].split()), f"{ref}: the notes lack the narration {words!r}"
    assert len(slides) == len({ref for ref, _, _ in shown}), "a code sub-slide shows no cued cell, or one cell twice"
    # Stepping right from a slide passes over its code: the video's sequence of slides is unchanged.
    page.evaluate("() => Reveal.slide(0, 0)")
    page.keyboard.press("ArrowRight")
    assert not page.evaluate("() => Reveal.getCurrentSlide().classList.contains('course-code')")


# Every code sub-slide shown in turn at 1280x720: where its content lies on screen, whether a block of code scrolls,
# and the size its code is drawn at.
FIT = """() => {
  Reveal.configure({transition: 'none', backgroundTransition: 'none'});
  return [...document.querySelectorAll('.reveal section.course-code')].map(s => {
    const at = Reveal.getIndices(s);
    Reveal.slide(at.h, at.v);
    Reveal.layout();
    const boxes = [...s.querySelectorAll('h2, p, .jp-Cell, pre')].filter(e => !e.closest('aside.notes'))
      .map(e => e.getBoundingClientRect());
    const code = s.querySelector('.jp-InputArea pre');
    const frame = document.querySelector('.reveal .slides').getBoundingClientRect();  // the 960x700 slide, scaled
    return {
      frame: [frame.top, frame.bottom, frame.left, frame.right],
      id: s.id, present: s.classList.contains('present'),
      top: Math.min(...boxes.map(b => b.top)), bottom: Math.max(...boxes.map(b => b.bottom)),
      left: Math.min(...boxes.map(b => b.left)), right: Math.max(...boxes.map(b => b.right)),
      scrolls: [...s.querySelectorAll('pre')].some(p => p.scrollWidth > p.clientWidth + 1 ||
                                                        p.scrollHeight > p.clientHeight + 1),
      px: parseFloat(getComputedStyle(code).fontSize) * Reveal.getScale(),
    };
  });
}"""
READABLE_PX = 14  # the smallest code on screen a class reads from the back of a room at 1280x720


@pytest.mark.parametrize("section", DECKED, ids=lambda s: s.key)
def test_code_slides_fit_the_screen_at_1280x720_without_scrolling_at_a_readable_size(browser, site, section):
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file://") else r.abort())
    page.goto((site / "decks" / f"{section.key}.html").as_uri())
    page.wait_for_function("() => window.Reveal && Reveal.isReady() && document.fonts.status === 'loaded'",
                           timeout=60000)
    slides = page.evaluate(FIT)
    assert slides, f"decks/{section.key}.html has no code sub-slide"
    for s in slides:
        assert s["present"], f"{s['id']}: could not be shown"
        top, bottom, left, right = s["frame"]
        assert top - 1 <= s["top"] and s["bottom"] <= bottom + 1 and left - 1 <= s["left"] and s["right"] <= right + 1, \
            f"{s['id']} runs off its slide: {s}"
        assert not s["scrolls"], f"{s['id']}: a block of code or output scrolls"
        assert s["px"] >= READABLE_PX, f"{s['id']}: code drawn at {s['px']:.1f} px"
    context.close()
