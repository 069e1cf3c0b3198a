"""Which slides a draft must re-take: a slide's look ignores its notes and the code sub-slides below it, and the
looks kept between drafts are reused only for a page that differs in nothing else."""

from __future__ import annotations

import pytest

from coursekit.course import parsed
from coursekit.video import stills

PAGE = """<html><head><title>deck</title><style>p {{ color: white }}</style></head><body>
<div class="reveal"><div class="slides">
<section><section id="intro"><h1>{heading}</h1><p class="fragment">one</p>
<aside class="notes"><p>{notes}</p></aside></section>
<section class="course-code" id="code-demo-cell"><pre>{code}</pre><aside class="notes"><p>said</p></aside></section>
</section>
<section id="next"><p>second slide</p></section>
</div></div><script>Reveal.initialize();</script></body></html>"""


def deck(tmp_path, **parts):
    path = tmp_path / "deck.html"
    path.write_text(PAGE.format(**{"heading": "Tensors", "notes": "say this", "code": "x = 1", **parts}))
    return path


@pytest.fixture
def store(tmp_path, monkeypatch):
    """The parse cache in this test's folder, as the CLI configures it."""
    monkeypatch.setattr(parsed, "directory", tmp_path / "parsed")
    return tmp_path / "parsed"


def uncached(path, extra=b""):
    kept, parsed.directory = parsed.directory, None
    try:
        return stills.slide_looks(path, extra)
    finally:
        parsed.directory = kept


def counting(monkeypatch):
    calls = []
    real = stills._looks

    def counted(*args):
        calls.append(args)
        return real(*args)
    monkeypatch.setattr(stills, "_looks", counted)
    return calls


def test_notes_and_code_edits_reuse_the_looks_a_slide_edit_does_not(tmp_path, store, monkeypatch):
    first = stills.slide_looks(deck(tmp_path), b"css")
    assert first == uncached(deck(tmp_path), b"css")  # the same as without a cache
    assert set(first) == {"intro", "next"} and first["intro"][0] == 1  # one fragment
    calls = counting(monkeypatch)

    edited = stills.slide_looks(deck(tmp_path, notes="say that", code="x = 2  # edited"), b"css")
    assert edited == first and calls == []  # the demo and the narration changed: nothing parsed, nothing redrawn

    changed = stills.slide_looks(deck(tmp_path, heading="Shapes"), b"css")
    assert len(calls) == 1 and changed["intro"] != first["intro"] and changed["next"] == first["next"]
    assert changed == uncached(deck(tmp_path, heading="Shapes"), b"css")  # (parses: no cache)

    other_css = stills.slide_looks(deck(tmp_path, heading="Shapes"), b"other css")
    assert len(calls) == 3 and other_css["next"] != changed["next"]


def test_a_damaged_entry_is_parsed_again(tmp_path, store, monkeypatch):
    first = stills.slide_looks(deck(tmp_path))
    (entry,) = store.glob("looks-*.pickle")
    entry.write_bytes(b"damaged")
    calls = counting(monkeypatch)
    assert stills.slide_looks(deck(tmp_path)) == first and len(calls) == 1
    assert stills.slide_looks(deck(tmp_path)) == first and len(calls) == 1  # replaced, whole again


def test_looks_kept_by_other_code_are_computed_again(tmp_path, store, monkeypatch):
    first = stills.slide_looks(deck(tmp_path))
    monkeypatch.setattr(parsed, "_code", lambda kind: "another coursekit")
    calls = counting(monkeypatch)
    assert stills.slide_looks(deck(tmp_path)) == first and len(calls) == 1


def test_a_slide_showing_a_picture_is_taken_again_when_the_picture_changes_not_its_description(tmp_path, store):
    """A scene rendered again changes its poster, not the deck's HTML; an edited scene description changes only text
    that the course CSS draws nowhere."""
    page = tmp_path / "decks" / "deck.html"
    poster = tmp_path / "animations" / "Scene.png"
    poster.parent.mkdir()
    page.parent.mkdir()

    def looks(description: str, picture: bytes):
        poster.write_bytes(picture)
        page.write_text(PAGE.format(heading="Tensors", notes="said", code="x = 1").replace(
            "<p>second slide</p>", '<video poster="../animations/Scene.png" aria-describedby="d"></video>'
                                   f'<p class="visually-hidden" id="d">{description}</p>'))
        return stills.slide_looks(page, b"css")

    first = looks("A circle grows.", b"frame one")
    assert looks("A circle grows, then shrinks.", b"frame one") == first
    redrawn = looks("A circle grows, then shrinks.", b"frame two")
    assert redrawn["next"] != first["next"] and redrawn["intro"] == first["intro"]
    poster.unlink()
    assert stills.slide_looks(page, b"css")["next"] not in (first["next"], redrawn["next"])  # a missing picture too
