"""The browser kept between drafts: slides drawn by the still server look as a draft's own browser draws them,
one browser serves every request, a deck's problem is the draft's error, and without a server nothing changes."""

from __future__ import annotations

from pathlib import Path

import json
import os
import time

import numpy as np
import pytest
from PIL import Image

from coursekit.course.problems import CourseError
from coursekit.build.browser import outside_any_loop
from coursekit.video import stills

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.browser


@pytest.fixture
def deck(site) -> Path:
    return sorted((site / "decks").glob("[0-9][0-9]_*.html"))[0]


def pixels(path: Path) -> np.ndarray:
    return np.asarray(Image.open(path).convert("RGB"), dtype=np.int16)


def test_a_slide_drawn_by_the_kept_browser_is_the_one_a_drafts_own_browser_draws(warm_servers, deck, tmp_path):
    looks = stills.slide_looks(deck)
    slide_id = next(iter(looks))
    still = stills.slide(deck, slide_id, looks[slide_id][0], looks[slide_id][1])
    kept, own = tmp_path / "kept.png", tmp_path / "own.png"
    answer = stills.ask_kept_browser([still], {still.key: kept}, 1.0)
    assert answer == {"ok": True, "launches": 1, "preloaded": False}
    outside_any_loop(lambda: stills._draw({still.key: still}, {still.key: own}, 1.0))  # beside the test's browser
    a, b = pixels(kept), pixels(own)
    assert a.shape == b.shape == (stills.HEIGHT, stills.WIDTH, 3)
    assert np.abs(a - b).mean() < 0.5  # the same page, drawn by the same Chromium: the same picture
    assert a.std() > 5  # and a picture of something, not a blank page


def test_one_browser_serves_every_request_and_a_missing_slide_is_the_drafts_error(warm_servers, deck, tmp_path):
    looks = stills.slide_looks(deck)
    wanted = [stills.slide(deck, s, shown, look) for s, (shown, look) in list(looks.items())[:2]]
    for i, still in enumerate(wanted):
        assert stills.ask_kept_browser([still], {still.key: tmp_path / f"{i}.png"}, 1.0)["launches"] == 1
    assert (tmp_path / "1.png").stat().st_size > 1000
    missing = stills.Still("k" * 32, deck=str(deck), slide="no-such-slide", shown=0)
    with pytest.raises(CourseError, match="the built deck has no slide 'no-such-slide'; rebuild it with"):
        stills.kept_browser_draw([missing], {missing.key: tmp_path / "missing.png"}, 1.0)
    assert not (tmp_path / "missing.png").exists()
    # the browser outlived the failed request
    assert stills.ask_kept_browser(wanted[:1], {wanted[0].key: tmp_path / "again.png"}, 1.0)["launches"] == 1


def test_without_a_server_the_draft_draws_its_own(warm_servers, deck, tmp_path, monkeypatch):
    monkeypatch.setenv("COURSEKIT_WARM_SERVER", "0")
    looks = stills.slide_looks(deck)
    slide_id = next(iter(looks))
    still = stills.slide(deck, slide_id, *looks[slide_id])
    assert stills.ask_kept_browser([still], {still.key: tmp_path / "x.png"}, 1.0) is None
    drawn = stills.render([still], tmp_path / "cache", echo=lambda *_: None)
    assert drawn[still.key].stat().st_size > 1000  # drawn here, in a browser of the draft's own
    assert not list(warm_servers.glob("*.sock"))


def _status() -> dict:
    """What the still server has looked at, and the deck its next page holds loaded."""
    from coursekit.build import warm_client

    with warm_client.connect(server=stills.KEPT_BROWSER, prefix="stills") as sock, sock.makefile("rwb") as stream:
        stream.write(b'{"status": true}\n')
        stream.flush()
        return json.loads(stream.readline())


def _until(condition, what: str) -> dict:
    """The server's status once ``condition`` holds of it (asked again as each answer comes; a minute at most)."""
    deadline = time.monotonic() + 60
    while not condition(status := _status()):
        assert time.monotonic() < deadline, f"the still server never {what}: {status}"
        time.sleep(0.02)  # not a wait for the event (the loop is): it leaves the server the core it loads on
    return status


def _write_again(deck: Path, old: str, new: str) -> tuple:
    """The deck written again as the build writes it (a new file renamed over it); its signature."""
    html = deck.read_text(encoding="utf-8")
    assert html.count(old) == 1
    tmp = deck.with_suffix(".tmp")
    tmp.write_text(html.replace(old, new), encoding="utf-8")
    os.replace(tmp, deck)
    st = deck.stat()
    return [st.st_ino, st.st_mtime_ns, st.st_size]


def test_a_deck_written_again_with_a_changed_slide_is_open_when_the_draft_asks(warm_servers, repo_copy, tmp_path):
    """A slide edit: the server loads the new deck as soon as it is written, and the draft's still is the one a
    draft's own browser draws. A deck written again with only its notes changed is not loaded (no still is
    needed), and a page loaded from a deck that has changed since is not used."""
    deck = sorted((repo_copy / "build" / "site" / "decks").glob("[0-9][0-9]_*.html"))[0]
    shown = str(deck.resolve())

    def draw(name: str) -> tuple[dict, np.ndarray, np.ndarray]:
        looks = stills.deck_looks(deck)
        slide_id = list(looks)[1]
        still = stills.slide(deck, slide_id, looks[slide_id][0], looks[slide_id][1])
        answer = stills.ask_kept_browser([still], {still.key: tmp_path / f"{name}.png"}, 1.0)
        outside_any_loop(lambda: stills._draw({still.key: still}, {still.key: tmp_path / f"{name}-own.png"}, 1.0))
        return answer, pixels(tmp_path / f"{name}.png"), pixels(tmp_path / f"{name}-own.png")

    answer, before, _ = draw("before")
    assert answer["preloaded"] is False
    slide_id = list(stills.deck_looks(deck))[1]
    html = deck.read_text(encoding="utf-8")
    tag = html[html.index(f'id="{slide_id}"'):]
    tag = tag[: tag.index(">") + 1]
    _write_again(deck, tag, tag + "<h2>Written again by the test</h2>")
    _until(lambda s: s["ready"] == shown, "loaded the deck written again")
    answer, after, own = draw("after")
    assert answer["preloaded"] is True
    assert np.abs(after - own).mean() < 0.5 and np.abs(after - before).mean() > 0.5

    _write_again(deck, "Written again by the test", "Written a second time by the test")
    _until(lambda s: s["ready"] == shown, "loaded the deck written a second time")
    notes = html[html.index('<aside class="notes">'):]
    notes = notes[: notes.index("</aside>")]  # a slide's whole notes: unique
    signature = _write_again(deck, notes, notes.replace('<aside class="notes">', '<aside class="notes">Also: '))
    status = _until(lambda s: s["watched"].get(shown) == signature, "looked at the deck with new notes")
    assert status["ready"] == shown, "the page still holds the deck as it was before the notes changed"
    answer, again, own = draw("again")
    assert answer["preloaded"] is False, "loaded before the notes changed: the page is not used"
    assert np.abs(again - own).mean() < 0.5
