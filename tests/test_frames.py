"""Editor, terminal and title frames of the drafts, drawn with Pillow: no browser, the cued cell marked, the
text kept beside the PNG, and a missing or stale entry drawn again."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from coursekit.video import frames, stills

DEMO = '''# %% [markdown]
# A demo

# %% first
x = 1
print("one")  # a comment

# %% second
y = """a string
over two lines"""
'''


@pytest.fixture
def no_browser(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("a frame started Chromium")
    monkeypatch.setattr(stills, "chromium", refuse)


def test_an_editor_frame_is_drawn_without_a_browser_at_the_drafts_pixel_ratio(tmp_path, no_browser):
    demo = tmp_path / "demo.py"
    demo.write_text(DEMO)
    code = stills.editor(demo, "demos/01_x/demo.py", 4, 6, "first", None)
    shown = stills.editor(demo, "demos/01_x/demo.py", 4, 6, "first", "one\n")
    pngs = stills.render([code, shown], tmp_path / "stills", pixel_ratio=1.5, echo=lambda *_: None)

    with Image.open(pngs[code.key]) as image:
        assert image.size == (1920, 1080)
        pixels = np.asarray(image.convert("RGB")).astype(int)
    # The cued cell's lines (4 to 6) carry the cell's background; a line outside it does not.
    row = lambda line: int((frames.BAR_HEIGHT + 0.4 * frames.CODE_SIZE + (line - 0.5) * frames.CODE_SIZE * frames.LINE_HEIGHT) * 1.5)
    cell = np.array([int(frames.CELL[i:i + 2], 16) for i in (1, 3, 5)])
    right = pixels.shape[1] - 10
    assert all((pixels[row(n - 1), right] == cell).all() for n in (4, 5, 6))
    assert not (pixels[row(1), right] == cell).all()
    # Text was drawn: the code column holds pixels far from the background.
    assert (np.abs(pixels[row(4) - 8: row(4) + 8, 60:600] - pixels[row(4), right]).sum(axis=2) > 200).any()

    text = (tmp_path / "stills" / f"{code.key}.txt").read_text()
    assert 'print("one")  # a comment' in text and "cell 'first' (lines 4-6)" in text
    assert "interactive" not in text
    assert "interactive: first\none" in (tmp_path / "stills" / f"{shown.key}.txt").read_text()
    with Image.open(pngs[shown.key]) as image:  # the panel covers the lower part
        panel = np.asarray(image.convert("RGB"))[-20, 5].astype(int)
    assert (panel == [int(frames.PANEL[i:i + 2], 16) for i in (1, 3, 5)]).all()


def test_code_is_coloured_over_the_whole_file():
    runs = frames.code_runs(DEMO)
    assert len(runs) == len(DEMO.splitlines())
    string_line = runs[9]  # 'over two lines"""': inside the string that began on the line above
    assert "".join(r[0] for r in string_line) == 'over two lines"""'
    colours = {r[1] for r in runs[8] if '"""' in r[0]} | {r[1] for r in string_line}
    assert len(colours) == 1  # one colour: the string's
    assert {r[1] for r in runs[5]} != colours


def test_a_frame_is_drawn_once_and_again_when_its_png_or_text_is_missing(tmp_path, no_browser):
    drawn = []
    real = frames.draw

    def counting(*args):
        drawn.append(args[0]["kind"])
        return real(*args)
    card = stills.card("Section 1", "Why PyTorch")
    terminal = stills.terminal("python demo.py", "done", "demos/01_x")
    cache = tmp_path / "stills"
    import unittest.mock as mock

    with mock.patch.object(frames, "draw", counting):
        stills.render([card, terminal], cache, echo=lambda *_: None)
        stills.render([card, terminal], cache, echo=lambda *_: None)
        assert sorted(drawn) == ["card", "terminal"]
        (cache / f"{card.key}.txt").unlink()
        (cache / f"{terminal.key}.png").unlink()
        stills.render([card, terminal], cache, echo=lambda *_: None)
    assert sorted(drawn) == ["card", "card", "terminal", "terminal"]
    assert "$ python demo.py\ndone" in (cache / f"{terminal.key}.txt").read_text()
    # What a frame shows is its key: another output is another frame.
    assert stills.terminal("python demo.py", "other", "demos/01_x").key != terminal.key


def test_missing_fonts_name_the_package(tmp_path, monkeypatch):
    from coursekit.course.problems import CourseError

    monkeypatch.setattr(frames, "FONT_DIR", tmp_path)
    frames._font.cache_clear()
    try:
        with pytest.raises(CourseError) as err:
            stills.render([stills.card("x", "y")], tmp_path / "stills", echo=lambda *_: None)
    finally:
        frames._font.cache_clear()
    assert "fonts-dejavu-core" in str(err.value.problems[0])
