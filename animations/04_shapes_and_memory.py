"""Section 04, shapes and memory: Manim scenes."""

from manim import *

from style import *  # shared palette, fonts, helpers; animations/ is on sys.path when rendering

# Meanings in this section. Data is TENSOR_COLOR as everywhere; a fresh copy in new memory is
# FORWARD_COLOR (new values produced); red means "not allowed" (this section has no backward pass).
COPY_COLOR = FORWARD_COLOR
ERROR_COLOR = BACKWARD_COLOR
POINTER_COLOR = TEXT_COLOR  # the arrow that shows where an element lives in storage
CAPTION_AT = [0, -3.45, 0]


def caption_swap(scene, old, text, color=TEXT_COLOR):
    """Replace the bottom caption: the old one leaves upwards, the new one rises in. Returns the new one."""
    new = label(text, size=24, color=color).move_to(CAPTION_AT)
    anims = [FadeIn(new, shift=UP * 0.25)]
    if old is not None:
        anims.append(FadeOut(old, shift=UP * 0.25))
    scene.play(*anims, run_time=0.6)
    return new


class TensorViews(Scene):
    """x = torch.arange(6) is one storage of six numbers. v = x.view(2, 3) and t = v.t() are views of it:
    the same storage read with other shapes and strides, (3, 1) and (1, 3). A pointer walks each view in
    row order: for v it steps through storage one cell at a time (contiguous), for t it jumps 0 3 1 4 2 5
    (not contiguous), so t.view(-1) fails; contiguous() copies into a new storage in row order. The closing
    table: view shares or fails, reshape gives a view or a copy (not promised which), contiguous() copies when it
    must."""

    def construct(self):
        # beat: title, then the heading
        heading = open_with_title(self, "One storage, many views", "view · transpose · reshape · contiguous",
                                  label("x = torch.arange(6)", size=30, mono=True))

        # beat: the storage, a row of numbered cells
        storage = grid(range(6), 1, 6, side=0.72, size=26).move_to([0.4, -1.2, 0])
        storage_name = label("storage", size=24, color=MUTED_COLOR).next_to(storage, LEFT, buff=0.35)
        self.play(LaggedStart(*[FadeIn(c, shift=DOWN * 0.2) for c in storage], lag_ratio=0.12),
                  FadeIn(storage_name), run_time=1.2)
        caption = caption_swap(self, None, "one flat block of memory; every tensor below reads it")

        def view_of(values, rows, cols, name, shape, stride, x):
            """A view: its cells (tops aligned at y = 2.05) and two labels above them."""
            cells = grid(values, rows, cols)
            cells.move_to([x, 2.05 - cells.height / 2, 0])
            info = VGroup(label(name, size=24, mono=True, color=OP_COLOR),
                          label(f"shape {shape} · stride {stride}", size=20, mono=True))
            info.arrange(DOWN, buff=0.12).next_to(cells, UP, buff=0.2)
            return cells, info

        def walk(cells, offsets):
            """Point from each cell, in row order, to the storage cell it reads."""
            pointer, box = None, None
            for cell, k in zip(cells, offsets):
                new_pointer = Arrow(cell.get_center(), storage[k].get_top(), buff=0.05, color=POINTER_COLOR,
                                    stroke_width=4, tip_length=0.18, max_tip_length_to_length_ratio=0.2)
                new_box = SurroundingRectangle(storage[k], color=POINTER_COLOR, buff=0.04)
                if pointer is None:
                    self.play(GrowArrow(new_pointer), Create(new_box), run_time=0.4)
                else:
                    self.play(ReplacementTransform(pointer, new_pointer),
                              ReplacementTransform(box, new_box), run_time=0.35)
                pointer, box = new_pointer, new_box
            self.play(FadeOut(pointer), FadeOut(box), run_time=0.3)

        # beat: v = x.view(2, 3): same storage, rows of 3
        v, v_info = view_of(range(6), 2, 3, "v = x.view(2, 3)", "(2, 3)", "(3, 1)", -4.3)
        self.play(TransformFromCopy(storage, v), FadeIn(v_info, shift=DOWN * 0.2), run_time=1.1)
        caption = caption_swap(self, caption, "stride (3, 1): next row = 3 steps, next column = 1 step")
        walk(v, [0, 1, 2, 3, 4, 5])
        caption = caption_swap(self, caption, "row order reads storage straight through: contiguous",
                               color=TENSOR_COLOR)
        self.wait(0.4)

        # beat: t = v.t(): same storage, strides swapped
        t, t_info = view_of([0, 3, 1, 4, 2, 5], 3, 2, "t = v.t()", "(3, 2)", "(1, 3)", 4.1)
        self.play(TransformFromCopy(v, t), FadeIn(t_info, shift=DOWN * 0.2), run_time=1.1)
        caption = caption_swap(self, caption, "transpose copies nothing: it swaps the strides to (1, 3)")
        walk(t, [0, 3, 1, 4, 2, 5])
        caption = caption_swap(self, caption, "t's row order jumps: 0, 3, 1, 4, 2, 5, so t is not contiguous")
        self.wait(0.6)

        # beat: view needs compatible strides; it refuses instead of copying
        self.play(FadeOut(v), FadeOut(v_info), run_time=0.5)
        fails = VGroup(label("t.view(-1)", size=26, mono=True, color=OP_COLOR),
                       label("✗ RuntimeError", size=26, color=ERROR_COLOR)).arrange(RIGHT, buff=0.3)
        fails.move_to([-3.6, 1.65, 0])
        self.play(FadeIn(fails, shift=RIGHT * 0.2), run_time=0.7)
        caption = caption_swap(self, caption, "view never copies, so it fails when no strides fit",
                               color=ERROR_COLOR)
        self.wait(0.6)

        # beat: contiguous() copies into a new storage, in row order
        fixes = VGroup(*[VGroup(label(code, size=26, mono=True, color=OP_COLOR),
                                label("→ copy", size=26, color=COPY_COLOR)).arrange(RIGHT, buff=0.3)
                         for code in ("t.contiguous()",)])
        fixes.arrange(DOWN, aligned_edge=LEFT, buff=0.25).next_to(fails, DOWN, buff=0.45, aligned_edge=LEFT)
        copied = grid([0, 3, 1, 4, 2, 5], 1, 6, color=COPY_COLOR, side=0.72, size=26)
        copied.move_to([0.4, -2.45, 0])
        copy_name = label("new storage", size=24, color=COPY_COLOR).next_to(copied, LEFT, buff=0.35)
        self.play(FadeIn(fixes, shift=RIGHT * 0.2), run_time=0.6)
        self.play(LaggedStart(*[TransformFromCopy(t[i], copied[i]) for i in range(6)], lag_ratio=0.15),
                  FadeIn(copy_name), run_time=1.6)
        caption = caption_swap(self, caption, "a copy in row order: stride (2, 1), contiguous, view works again",
                               color=COPY_COLOR)
        self.wait(1.0)

        # beat: the rules in one table
        self.play(*[FadeOut(m) for m in self.mobjects if m is not heading], run_time=0.6)
        rows = [("view(…)", "same storage; fails if the strides cannot fit", TENSOR_COLOR),
                ("transpose(…)", "same storage; strides swapped", TENSOR_COLOR),
                ("reshape(…)", "a view or a copy: do not rely on which", TEXT_COLOR),
                ("contiguous()", "a row-order copy (none if already contiguous)", COPY_COLOR)]
        table = VGroup()
        for i, (code, text, color) in enumerate(rows):
            c = label(code, size=26, mono=True, color=OP_COLOR).move_to([0, -0.85 * i, 0], aligned_edge=LEFT)
            d = label(text, size=24, color=color).move_to([3.0, -0.85 * i, 0], aligned_edge=LEFT)
            table.add(VGroup(c, d))
        table.move_to([0, -0.1, 0])
        self.play(LaggedStart(*[FadeIn(r, shift=UP * 0.2) for r in table], lag_ratio=0.3), run_time=2.0)
        self.wait(2.0)


class CatVsStack(Scene):
    """a = torch.zeros(2, 3) and b = torch.ones(2, 3) joined two ways (demos/04_shapes_and_memory/
    combining.py#cat-vs-stack): torch.cat([a, b]) puts b under a along dim 0, which exists, giving
    (4, 3); torch.stack([a, b]) puts them along a new dim 0, giving (2, 2, 3), one layer per input.
    Both results are new tensors, drawn in the copy colour."""

    def construct(self):
        # beat: title, then the heading
        open_with_title(self, "torch.cat vs torch.stack", "an existing dimension, or a new one",
                        label("a = torch.zeros(2, 3)   b = torch.ones(2, 3)", size=26, mono=True))

        # beat: the two inputs, each (2, 3)
        side = 0.5
        a = grid([0] * 6, 2, 3, side=side).move_to([-1.6, 2.2, 0])
        b = grid([1] * 6, 2, 3, side=side).move_to([1.6, 2.2, 0])
        names = VGroup(label("a", size=26, mono=True).next_to(a, LEFT, buff=0.25),
                       label("b", size=26, mono=True).next_to(b, LEFT, buff=0.25))
        self.play(FadeIn(a, shift=DOWN * 0.2), FadeIn(b, shift=DOWN * 0.2), FadeIn(names), run_time=0.8)

        # beat: cat along dim 0: b goes under a, the result is (4, 3)
        cat = grid([0] * 6 + [1] * 6, 4, 3, color=COPY_COLOR, side=side).move_to([-3.3, -1.0, 0])
        cat_code = label("torch.cat([a, b])", size=24, mono=True, color=OP_COLOR).next_to(cat, UP, buff=0.3)
        cat_shape = label("(4, 3)", size=24, mono=True, color=COPY_COLOR).next_to(cat, DOWN, buff=0.25)
        caption = label("cat: along dim 0, which a and b already have", size=24).move_to(CAPTION_AT)
        self.play(FadeIn(cat_code), FadeIn(caption), run_time=0.5)
        self.play(TransformFromCopy(a, cat[:6]), TransformFromCopy(b, cat[6:]), run_time=1.2)
        self.play(FadeIn(cat_shape, shift=UP * 0.2), run_time=0.5)
        self.wait(0.8)

        # beat: stack along a new dim 0: one layer per input, the result is (2, 2, 3)
        back = grid([1] * 6, 2, 3, color=COPY_COLOR, side=side).move_to([3.68, -0.82, 0])
        front = grid([0] * 6, 2, 3, color=COPY_COLOR, side=side).move_to([3.32, -1.18, 0])
        for cell in front:  # the front layer hides the one behind it
            cell[0].set_fill(BACKGROUND, opacity=1.0)
        stack_code = label("torch.stack([a, b])", size=24, mono=True, color=OP_COLOR)
        stack_code.move_to([3.5, cat_code.get_y(), 0])
        stack_shape = label("(2, 2, 3)", size=24, mono=True, color=COPY_COLOR)
        stack_shape.move_to([3.5, cat_shape.get_y(), 0])
        layer_x = back.get_right()[0] + 0.2
        layers = VGroup(label("pair[1]: b's values", size=20, color=MUTED_COLOR)
                        .move_to([layer_x, back[0].get_y(), 0], aligned_edge=LEFT),
                        label("pair[0]: a's values", size=20, color=MUTED_COLOR)
                        .move_to([layer_x, front[3].get_y(), 0], aligned_edge=LEFT))
        new_caption = label("stack: along a new dim 0, one layer per input", size=24).move_to(CAPTION_AT)
        self.play(FadeIn(stack_code), FadeOut(caption, shift=UP * 0.25), FadeIn(new_caption, shift=UP * 0.25),
                  run_time=0.6)
        self.play(TransformFromCopy(b, back), run_time=0.9)
        self.play(TransformFromCopy(a, front), run_time=0.9)
        self.play(FadeIn(stack_shape, shift=UP * 0.2), FadeIn(layers), run_time=0.6)
        self.wait(0.8)

        # beat: the rule in one line
        rule = label("stack = unsqueeze(0) each input, then cat", size=24, color=COPY_COLOR).move_to(CAPTION_AT)
        self.play(FadeOut(new_caption, shift=UP * 0.25), FadeIn(rule, shift=UP * 0.25), run_time=0.6)
        self.wait(2.0)
