"""The browser kept between drafts: slides drawn by the still server look as a draft's own browser draws them,
one browser serves every request, a deck's problem is the draft's error, and without a server nothing changes."""

from __future__ import annotations

from pathlib import Path

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
    assert answer == {"ok": True, "launches": 1}
    outside_any_loop(lambda: stills._draw({still.key: still}, {still.key: own}, 1.0))  # beside the test's browser
    a, b = pixels(kept), pixels(own)
    assert a.shape == b.shape == (stills.HEIGHT, stills.WIDTH, 3)
    assert np.abs(a - b).mean() < 0.5  # the same page, drawn by the same Chromium: the same picture
    assert a.std() > 5  # and a picture of something, not a blank page


def test_one_browser_serves_every_request_and_a_missing_slide_is_the_drafts_error(warm_servers, deck, tmp_path):
    looks = stills.slide_looks(deck)
    wanted = [stills.slide(deck, s, shown, look) for s, (shown, look) in list(looks.items())[:2]]
    for i, still in enumerate(wanted):
        assert stills.ask_kept_browser([still], {still.key: tmp_path / f"{i}.png"}, 1.0) == {"ok": True, "launches": 1}
    assert (tmp_path / "1.png").stat().st_size > 1000
    missing = stills.Still("k" * 32, deck=str(deck), slide="no-such-slide", shown=0)
    with pytest.raises(CourseError, match="the built deck has no slide 'no-such-slide'; rebuild it with"):
        stills.kept_browser_draw([missing], {missing.key: tmp_path / "missing.png"}, 1.0)
    assert not (tmp_path / "missing.png").exists()
    # the browser outlived the failed request
    assert stills.ask_kept_browser(wanted[:1], {wanted[0].key: tmp_path / "again.png"}, 1.0) == {"ok": True, "launches": 1}


def test_without_a_server_the_draft_draws_its_own(warm_servers, deck, tmp_path, monkeypatch):
    monkeypatch.setenv("COURSEKIT_WARM_SERVER", "0")
    looks = stills.slide_looks(deck)
    slide_id = next(iter(looks))
    still = stills.slide(deck, slide_id, *looks[slide_id])
    assert stills.ask_kept_browser([still], {still.key: tmp_path / "x.png"}, 1.0) is None
    drawn = stills.render([still], tmp_path / "cache", echo=lambda *_: None)
    assert drawn[still.key].stat().st_size > 1000  # drawn here, in a browser of the draft's own
    assert not list(warm_servers.glob("*.sock"))
