"""The caption writer: phrases of at most two lines of 42 characters, timed without overlaps, valid WebVTT."""

from __future__ import annotations

import io

import webvtt
from hypothesis import given, settings
from hypothesis import strategies as st

from coursekit.video.captions import LINE, LINES, phrases, srt, timed, vtt

words = st.text(alphabet=st.characters(whitelist_categories=("L", "N"), whitelist_characters="_.()<>&"),
                min_size=1, max_size=20)
sentences = st.lists(words, min_size=1, max_size=60).map(lambda ws: " ".join(ws) + ".")


@given(sentences)
@settings(max_examples=200, deadline=None)
def test_phrases_keep_every_word_in_order_within_the_limits(sentence):
    parts = phrases(sentence)
    for part in parts:
        lines = part.split("\n")
        assert len(lines) <= LINES
        assert all(len(line) <= LINE for line in lines)
    assert " ".join(p.replace("\n", " ") for p in parts).split() == sentence.split()
    if len(parts) > 1 and len(parts[-1]) < 16:  # a short last caption only when its words cannot move
        assert len(parts[-2].split()) == 1


@given(sentences, st.floats(0, 500), st.floats(0.5, 30))
@settings(max_examples=100, deadline=None)
def test_timed_captions_tile_the_sentence(sentence, start, length):
    caps = timed(sentence, start, start + length)
    assert abs(caps[0].start - start) < 1e-3 and abs(caps[-1].end - (start + length)) < 1e-3
    for a, b in zip(caps, caps[1:]):
        assert a.end <= b.start + 1e-9  # no overlap
        assert a.start < a.end


def test_clause_breaks_are_preferred():
    parts = phrases("While the forward pass runs, autograd records each operation on a tracked tensor, "
                    "with links to its inputs: a graph, often called the tape.")
    assert parts[0].replace("\n", " ").endswith(",") or parts[0].replace("\n", " ").endswith(":")


def test_vtt_parses_and_escapes_markup():
    caps = timed("Compare x < y & y > z with <b>tags</b> in them.", 1.0, 4.0) + timed("Next one.", 4.5, 5.5)
    parsed = webvtt.from_buffer(io.StringIO(vtt(caps)))
    assert [c.text for c in parsed][-1] == "Next one."
    assert "&lt;b&gt;" in vtt(caps)
    assert parsed[0].start == "00:00:01.000"
    assert srt(caps).splitlines()[1] == "00:00:01,000 --> " + srt(caps).splitlines()[1].split(" --> ")[1]
