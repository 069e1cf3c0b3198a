"""Which slides a draft must re-take: a slide's look ignores its notes and the code sub-slides below it, and the
looks kept between drafts are reused only for a page that differs in nothing else."""

from __future__ import annotations

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


def counting(monkeypatch):
    calls = []
    real = stills._looks

    def counted(*args):
        calls.append(args)
        return real(*args)
    monkeypatch.setattr(stills, "_looks", counted)
    return calls


def test_notes_and_code_edits_reuse_the_looks_a_slide_edit_does_not(tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    first = stills.slide_looks(deck(tmp_path), b"css", cache=cache)
    assert first == stills.slide_looks(deck(tmp_path), b"css")  # the same as without a cache
    assert set(first) == {"intro", "next"} and first["intro"][0] == 1  # one fragment
    calls = counting(monkeypatch)

    edited = stills.slide_looks(deck(tmp_path, notes="say that", code="x = 2  # edited"), b"css", cache=cache)
    assert edited == first and calls == []  # the demo and the narration changed: nothing parsed, nothing redrawn

    changed = stills.slide_looks(deck(tmp_path, heading="Shapes"), b"css", cache=cache)
    assert len(calls) == 1 and changed["intro"] != first["intro"] and changed["next"] == first["next"]
    assert changed == stills.slide_looks(deck(tmp_path, heading="Shapes"), b"css")  # (parses: no cache)

    other_css = stills.slide_looks(deck(tmp_path, heading="Shapes"), b"other css", cache=cache)
    assert len(calls) == 3 and other_css["next"] != changed["next"]


def test_a_damaged_entry_is_parsed_again(tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    first = stills.slide_looks(deck(tmp_path), cache=cache)
    (entry,) = cache.glob("looks-*.json")
    entry.write_text('{"key": ')
    calls = counting(monkeypatch)
    assert stills.slide_looks(deck(tmp_path), cache=cache) == first and len(calls) == 1
    assert stills.slide_looks(deck(tmp_path), cache=cache) == first and len(calls) == 1  # replaced, whole again


def test_looks_kept_by_other_code_are_computed_again(tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    first = stills.slide_looks(deck(tmp_path), cache=cache)
    monkeypatch.setattr(stills, "_own_code", lambda: "another coursekit")
    calls = counting(monkeypatch)
    assert stills.slide_looks(deck(tmp_path), cache=cache) == first and len(calls) == 1
