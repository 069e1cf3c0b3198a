"""Handouts: a deck printed by Chromium, one page a slide, and a variant with the speaker notes."""

from __future__ import annotations

import re

import pytest

from conftest import ROOT, SECTIONS
from coursekit.decks import expected_slides, load_notebook
from coursekit.handouts import print_deck

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def pdf_pages(path) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", path.read_bytes()))


def test_deck_prints_one_page_a_slide_and_notes_pages(browser, site, tmp_path):
    section = next(s for s in SECTIONS if s.slides.is_file())
    slides, notes = print_deck(browser, site / "decks" / f"{section.key}.html", tmp_path)
    nb, _ = load_notebook(section.slides, ROOT)
    assert slides.read_bytes().startswith(b"%PDF")
    assert pdf_pages(slides) == expected_slides(nb)
    assert pdf_pages(notes) > pdf_pages(slides)  # notes pages follow the slides that have notes
