"""Handouts: a deck printed by Chromium, one page a slide, and a variant with the speaker notes."""

from __future__ import annotations

import re

import pytest
from conftest import ROOT, SECTIONS

from coursekit.build import code_slides
from coursekit.build.deck_source import expected_slides
from coursekit.build.handouts import NOTES_HEIGHT, open_for_print, print_deck
from coursekit.course.notebooks import load_notebook

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def pdf_pages(path) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", path.read_bytes()))


def test_deck_prints_one_page_a_slide_and_notes_pages(browser, site, tmp_path):
    section = next(s for s in SECTIONS if s.slides.is_file())
    slides, notes = print_deck(browser, site / "decks" / f"{section.key}.html", tmp_path)
    nb, _ = load_notebook(section.slides, ROOT)
    assert slides.read_bytes().startswith(b"%PDF")
    assert pdf_pages(slides) == expected_slides(nb) + len(code_slides.plan(section.slides, ROOT))  # the code too
    assert pdf_pages(notes) == pdf_pages(slides)  # each slide and its notes share a page


def _luminance(rgb: str) -> float:
    r, g, b = (int(x) for x in re.findall(r"\d+", rgb)[:3])
    return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255


@pytest.mark.parametrize("key", [s.key for s in SECTIONS if s.slides.is_file()])
def test_notes_pages_put_the_notes_below_their_slide_in_a_light_theme(browser, site, key):
    page, _, height = open_for_print(browser, site / "decks" / f"{key}.html", notes=True)
    slide_height = height - NOTES_HEIGHT
    pages = page.evaluate("""() => [...document.querySelectorAll('.pdf-page')].map(p => {
        const slide = p.querySelector('section'), notes = p.querySelector('.speaker-notes-pdf');
        const text = p.querySelector('h1, h2, p, li, td');
        return {code: !!p.querySelector('section.course-code .jp-InputArea pre'), page: p.getBoundingClientRect().toJSON(), slide: slide.getBoundingClientRect().toJSON(),
                notes: notes ? notes.getBoundingClientRect().toJSON() : null,
                overflow: notes ? notes.scrollHeight - notes.clientHeight : 0,
                background: getComputedStyle(p).backgroundColor,
                ink: text ? getComputedStyle(text).color : 'rgb(0, 0, 0)'}; })""")
    assert pages
    assert sum(1 for p in pages if p["notes"]) >= len(pages) // 2, "most slides carry the script's narration"
    section = next(s for s in SECTIONS if s.key == key)
    assert sum(1 for p in pages if p["code"]) == len(code_slides.plan(section.slides, ROOT)), "a code slide is missing"
    for n, p in enumerate(pages):
        assert _luminance(p["background"]) > 0.95 and _luminance(p["ink"]) < 0.3, (n, p["background"], p["ink"])
        assert p["slide"]["bottom"] <= p["page"]["top"] + slide_height + 1, f"page {n}: the slide runs off its foot"
        if p["notes"]:
            assert p["notes"]["top"] >= p["page"]["top"] + slide_height
            assert p["notes"]["bottom"] <= p["page"]["bottom"] + 1, f"page {n}: notes run off the page"
            assert p["overflow"] <= 1, f"page {n}: {p['overflow']} px of notes cut off"
    page.context.close()
