"""Shared look of every section's Manim scenes: palette, fonts and small helpers.

Scene files do `from style import *`; the animations/ folder is on sys.path when scenes are rendered.
No LaTeX anywhere: all text is Pango `Text`/`MarkupText` with Unicode (∂, ·, ², →).
"""

import numpy as np
from manim import (
    DOWN,
    ORIGIN,
    UP,
    FadeIn,
    ReplacementTransform,
    Arrow,
    MarkupText,
    RoundedRectangle,
    Square,
    Text,
    VGroup,
    config,
)

# Colours, each with one meaning across the whole course. PALETTE is a plain literal, so tools that do
# not import manim (the slide theme) can read it with ast.literal_eval; the constants are derived from it.
PALETTE = {
    "background": "#14161B",  # near-black canvas
    "text": "#ECECEC",        # titles, captions, plain labels
    "muted": "#8A8F98",       # edges, frames, secondary text
    "tensor": "#58C4DD",      # tensors / data (leaves and their values)
    "op": "#9A72AC",          # operations (graph nodes, tape entries)
    "forward": "#83C167",     # forward pass: values flowing towards the loss
    "backward": "#FC6255",    # backward pass: what walks the tape in reverse
    "grad": "#F7D96F",        # gradients (.grad, ∂ values)
}
BACKGROUND = PALETTE["background"]
TEXT_COLOR = PALETTE["text"]
MUTED_COLOR = PALETTE["muted"]
TENSOR_COLOR = PALETTE["tensor"]
OP_COLOR = PALETTE["op"]
FORWARD_COLOR = PALETTE["forward"]
BACKWARD_COLOR = PALETTE["backward"]
GRAD_COLOR = PALETTE["grad"]

# Fonts every plain Debian machine has (fonts-dejavu-core), so Pango never falls back silently.
FONT = "DejaVu Sans"
MONO_FONT = "DejaVu Sans Mono"

config.background_color = BACKGROUND


def label(text, size=28, color=TEXT_COLOR, mono=False, markup=False, **kwargs):
    """A line of text in the course fonts (MarkupText when markup=True, for <b>, <i>, <sub>...)."""
    cls = MarkupText if markup else Text
    return cls(text, font=MONO_FONT if mono else FONT, font_size=size, color=color, **kwargs)


def node(text, color=TENSOR_COLOR, size=26, mono=False, min_width=1.1, height=0.62):
    """A rounded box with a label centred in it; box is node[0], text is node[1]."""
    txt = label(text, size=size, mono=mono)
    box = RoundedRectangle(
        corner_radius=0.12,
        width=max(min_width, txt.width + 0.4),
        height=height,
        stroke_color=color,
        stroke_width=3,
        fill_color=color,
        fill_opacity=0.15,
    )
    txt.move_to(box)
    return VGroup(box, txt)


def _edge_point(mob, direction):
    """Where a ray from mob's centre along direction leaves mob's bounding box."""
    dx, dy = direction[0], direction[1]
    hw, hh = mob.width / 2, mob.height / 2
    t = min(hw / abs(dx) if dx else float("inf"), hh / abs(dy) if dy else float("inf"))
    return mob.get_center() + t * direction


def arrow_between(a, b, color=MUTED_COLOR, buff=0.06, **kwargs):
    """An arrow on the line between the centres of a and b, from a's border to b's border."""
    d = b.get_center() - a.get_center()
    d = d / np.linalg.norm(d)
    return Arrow(
        _edge_point(a, d),
        _edge_point(b, -d),
        buff=buff,
        color=color,
        stroke_width=3,
        tip_length=0.18,
        max_tip_length_to_length_ratio=0.4,
        **kwargs,
    )


def title_card(title, subtitle=None):
    """A centred title, optionally with a muted subtitle underneath."""
    parts = [label(title, size=44)]
    if subtitle:
        parts.append(label(subtitle, size=28, color=MUTED_COLOR))
    return VGroup(*parts).arrange(DOWN, buff=0.3)


def open_with_title(scene, title, subtitle, heading):
    """The opening beat scenes share: a title card fades in, then turns into ``heading`` at the top."""
    card = title_card(title, subtitle)
    scene.play(FadeIn(card, shift=UP * 0.3), run_time=1.0)
    scene.wait(0.5)
    heading.to_edge(UP, buff=0.3)
    scene.play(ReplacementTransform(card, heading), run_time=0.8)
    return heading


def grid(values, rows, cols, color=TENSOR_COLOR, side=0.62, size=24):
    """A rows×cols table of square cells in row order; cell (r, c) is grid[r * cols + c]."""
    cells = VGroup()
    for r in range(rows):
        for c in range(cols):
            box = Square(side, stroke_color=color, stroke_width=3, fill_color=color, fill_opacity=0.15)
            box.move_to([c * side, -r * side, 0])
            cells.add(VGroup(box, label(str(values[r * cols + c]), size=size, mono=True).move_to(box)))
    return cells.move_to(ORIGIN)


__all__ = [
    "BACKGROUND",
    "TEXT_COLOR",
    "MUTED_COLOR",
    "TENSOR_COLOR",
    "OP_COLOR",
    "FORWARD_COLOR",
    "BACKWARD_COLOR",
    "GRAD_COLOR",
    "PALETTE",
    "FONT",
    "MONO_FONT",
    "label",
    "node",
    "arrow_between",
    "title_card",
    "open_with_title",
    "grid",
]

