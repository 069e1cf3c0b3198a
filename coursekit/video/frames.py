"""The editor, terminal and title frames of a draft, drawn with Pillow.

They are a few rectangles and lines of monospaced text, so drawing them needs no browser: a demo edit re-takes
its editor frame in milliseconds, where starting Chromium for it cost 3 s. Code is coloured by Pygments'
tokens in its monokai style. Sizes are CSS pixels of a 1280x720 layout, multiplied by the pixel ratio of the
draft's quality. Beside each PNG a plain-text file says what the frame shows, so that a test or a reader can
check it without OCR.
"""

from __future__ import annotations

import textwrap
from functools import lru_cache
from pathlib import Path

from coursekit.course.problems import CourseError, Problem

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")  # Debian's fonts-dejavu-core (make setup installs it)
FONTS = {"sans": "DejaVuSans.ttf", "sans-bold": "DejaVuSans-Bold.ttf", "mono": "DejaVuSansMono.ttf",
         "mono-bold": "DejaVuSansMono-Bold.ttf", "mono-italic": "DejaVuSansMono-Oblique.ttf",
         "mono-bold-italic": "DejaVuSansMono-BoldOblique.ttf"}
BACKGROUND, TEXT = "#1e1f24", "#d8dbe2"
BAR, BAR_TEXT, TAB_TEXT, ACCENT = "#17181c", "#9aa0ab", "#e8eaee", "#4aa3ff"
GUTTER, GUTTER_CELL, CELL = "#6f7683", "#c7ccd6", "#2a3140"
PANEL, PANEL_RULE, TERMINAL, PROMPT = "#141518", "#3a3d45", "#0d0e10", "#7ee08a"
HEADING, ADDRESS = "#f2f3f5", "#ffcf6b"
BAR_HEIGHT = 38
CODE_SIZE, LINE_HEIGHT = 19, 1.42
PANEL_SIZE, PANEL_SHARE = 18, 0.38


@lru_cache(maxsize=None)
def _font(name: str, size: float):
    from PIL import ImageFont

    path = FONT_DIR / FONTS[name]
    if not path.is_file():
        raise CourseError(Problem(str(path), 0, "the DejaVu fonts that draft frames are drawn in are missing; "
                                  "install them with `make setup` (Debian package fonts-dejavu-core)"))
    return ImageFont.truetype(str(path), max(1, round(size)))


@lru_cache(maxsize=1)
def _monokai():
    from pygments.styles import get_style_by_name

    return get_style_by_name("monokai")


@lru_cache(maxsize=32)  # a draft shows each demo file at several cells: it is highlighted once
def code_runs(source: str) -> tuple[tuple[tuple[str, str, bool, bool], ...], ...]:
    """Each line of Python ``source`` as runs of (text, colour, bold, italic), highlighted by Pygments over the
    whole file, so that a string or comment spanning lines is coloured as one."""
    from pygments import lex
    from pygments.lexers import PythonLexer

    style = _monokai()
    default = style.style_for_token(__import__("pygments.token", fromlist=["Text"]).Text)
    lines: list[list[tuple[str, str, bool, bool]]] = [[]]
    for kind, text in lex(source, PythonLexer(stripnl=False, ensurenl=True)):
        look = style.style_for_token(kind)
        colour = "#" + (look["color"] or default["color"] or "f8f8f2")
        for i, part in enumerate(text.split("\n")):
            if i:
                lines.append([])
            if part:
                lines[-1].append((part, colour, bool(look["bold"]), bool(look["italic"])))
    return tuple(tuple(line) for line in lines[: len(source.splitlines())])


class _Canvas:
    def __init__(self, width: int, height: int, ratio: float):
        from PIL import Image, ImageDraw

        self.ratio = ratio
        self.image = Image.new("RGB", (round(width * ratio), round(height * ratio)), BACKGROUND)
        self.draw = ImageDraw.Draw(self.image)

    def box(self, x0, y0, x1, y1, fill):
        r = self.ratio
        self.draw.rectangle([round(x0 * r), round(y0 * r), round(x1 * r) - 1, round(y1 * r) - 1], fill=fill)

    def text(self, x, y, text, font, size, fill, spacing=0.0) -> float:
        """Draw ``text`` with its top-left at (x, y); return the x where it ends (CSS pixels)."""
        face = _font(font, size * self.ratio)
        if not spacing:
            self.draw.text((x * self.ratio, y * self.ratio), text, font=face, fill=fill)
            return x + face.getlength(text) / self.ratio
        for char in text:  # letter-spacing, as the CSS of the kicker and panel heading asked
            self.draw.text((x * self.ratio, y * self.ratio), char, font=face, fill=fill)
            x += face.getlength(char) / self.ratio + spacing
        return x

    def width(self, text, font, size) -> float:
        return _font(font, size * self.ratio).getlength(text) / self.ratio


def _bar(canvas: _Canvas, width: int, tab: str, folder: str) -> None:
    size = 16
    canvas.box(0, 0, width, BAR_HEIGHT, BAR)
    tab_w = canvas.width(tab, "sans", size) + 2 * size
    top, bottom = (BAR_HEIGHT - size * 1.9) / 2, (BAR_HEIGHT + size * 1.9) / 2
    x = 0.8 * size
    canvas.box(x, top, x + tab_w, bottom, BACKGROUND)
    canvas.box(x, top, x + tab_w, top + 2, ACCENT)
    canvas.text(x + size, top + 0.4 * size, tab, "sans", size, TAB_TEXT)
    canvas.text(x + tab_w + 0.8 * size, top + 0.4 * size, folder, "sans", size, BAR_TEXT)


def _pre(canvas: _Canvas, x: float, y: float, width: float, bottom: float, text: str, size: int,
         fill: str = TEXT, first_prefix: tuple[str, str] | None = None) -> None:
    """Monospaced text wrapped at ``width`` as CSS pre-wrap does, down to ``bottom``."""
    step = size * 1.17
    per_line = max(1, int(width // canvas.width("M", "mono", size)))
    rows = []
    for line in text.split("\n"):
        rows.extend(textwrap.wrap(line, per_line, replace_whitespace=False, drop_whitespace=False,
                                  break_on_hyphens=False) or [""])
    for n, row in enumerate(rows):
        if y + step > bottom:
            break
        left = x
        if n == 0 and first_prefix:
            left = canvas.text(left, y, first_prefix[0], "mono", size, first_prefix[1])
        canvas.text(left, y, row, "mono", size, fill)
        y += step


def editor(canvas: _Canvas, width: int, height: int, name: str, folder: str, numbers: list[int],
           cell: tuple[int, int], lines: list[list], output: str | None, cell_title: str) -> None:
    _bar(canvas, width, name, folder)
    step = CODE_SIZE * LINE_HEIGHT
    gutter_w = 0.6 * CODE_SIZE + canvas.width(str(max(numbers, default=1)), "mono", CODE_SIZE) + 0.9 * CODE_SIZE
    y = BAR_HEIGHT + 0.4 * CODE_SIZE
    pad = (step - CODE_SIZE * 1.17) / 2  # the line box centres its text
    for n, runs in zip(numbers, lines):
        in_cell = cell[0] <= n <= cell[1]
        if in_cell:
            canvas.box(gutter_w, y, width, y + step, CELL)
            canvas.box(gutter_w, y, gutter_w + 4, y + step, ACCENT)
        label = str(n)
        canvas.text(gutter_w - 0.9 * CODE_SIZE - canvas.width(label, "mono", CODE_SIZE), y + pad, label, "mono",
                    CODE_SIZE, GUTTER_CELL if in_cell else GUTTER)
        x = gutter_w
        for text, colour, bold, italic in runs:
            font = "mono" + ("-bold" if bold else "") + ("-italic" if italic else "")
            x = canvas.text(x, y + pad, text, font, CODE_SIZE, colour)
        y += step
    if output is not None:
        top = height * (1 - PANEL_SHARE)
        canvas.box(0, top, width, height, PANEL)
        canvas.box(0, top, width, top + 1, PANEL_RULE)
        heading = 14.4
        canvas.text(0.9 * heading, top + 1 + 0.35 * heading, f"INTERACTIVE: {cell_title.upper()}", "sans-bold",
                    heading, BAR_TEXT, spacing=0.05 * heading)
        body = top + 1 + heading * 1.17 + 0.7 * heading + 0.2 * PANEL_SIZE
        _pre(canvas, 0.9 * PANEL_SIZE, body, width - 1.8 * PANEL_SIZE, height, output, PANEL_SIZE)


def terminal(canvas: _Canvas, width: int, height: int, command: str, output: str, folder: str) -> None:
    _bar(canvas, width, "Terminal", folder)
    canvas.box(0, BAR_HEIGHT, width, height, TERMINAL)
    size = 18
    _pre(canvas, 0.9 * size, BAR_HEIGHT + 0.7 * size, width - 1.8 * size, height, f" {command}\n{output}", size,
         first_prefix=("$", PROMPT))


def card(canvas: _Canvas, width: int, height: int, kicker: str, heading: str, address: str) -> None:
    left, right = 0.08 * width, 0.92 * width
    size = 46
    words, rows = heading.split(), []
    for word in words:  # wrapped to the card's width, as the browser wraps the <h1>
        if rows and canvas.width(f"{rows[-1]} {word}", "sans-bold", size) <= right - left:
            rows[-1] = f"{rows[-1]} {word}"
        else:
            rows.append(word)
    block = 22 * 1.17 + 0.3 * size + len(rows) * size * 1.17 + 0.3 * size + (22 * 1.17 if address else 0)
    y = (height - block) / 2
    canvas.text(left, y, kicker.upper(), "sans", 22, ACCENT, spacing=0.08 * 22)
    y += 22 * 1.17 + 0.3 * size
    for row in rows:
        canvas.text(left, y, row, "sans-bold", size, HEADING)
        y += size * 1.17
    if address:
        canvas.text(left, y + 0.3 * size, address, "mono", 22, ADDRESS)


def draw(spec: dict, width: int, height: int, ratio: float, target: Path) -> None:
    """Draw the frame ``spec`` (its "kind" and the values of that kind) into the PNG ``target``."""
    from coursekit.course import fsio

    canvas = _Canvas(width, height, ratio)
    values = {k: v for k, v in spec.items() if k != "kind"}
    {"editor": editor, "terminal": terminal, "card": card}[spec["kind"]](canvas, width, height, **values)
    with fsio.atomic_path(target) as tmp:
        canvas.image.save(tmp, format="PNG")


def describe(spec: dict) -> str:
    """What a frame shows, as plain text."""
    kind = spec["kind"]
    if kind == "editor":
        first, last = spec["cell"]
        code = "\n".join(f"{n:>4}  {''.join(run[0] for run in runs)}" for n, runs in zip(spec["numbers"], spec["lines"]))
        text = f"editor: {spec['folder']}/{spec['name']}, cell '{spec['cell_title']}' (lines {first}-{last})\n{code}\n"
        if spec["output"] is not None:
            text += f"\ninteractive: {spec['cell_title']}\n{spec['output']}\n"
        return text
    if kind == "terminal":
        return f"terminal in {spec['folder']}\n$ {spec['command']}\n{spec['output']}\n"
    return f"{spec['kicker']}\n{spec['heading']}\n{spec['address']}\n"
