"""Section 02, tensors: Manim scenes."""

from manim import *

from style import *  # shared palette, fonts, helpers; animations/ is on sys.path when rendering

# Meanings in this section. Data is TENSOR_COLOR as everywhere; a fresh copy in new memory is
# FORWARD_COLOR (new values produced); red means "not allowed" (this section has no backward pass).
COPY_COLOR = FORWARD_COLOR
ERROR_COLOR = BACKWARD_COLOR
POINTER_COLOR = TEXT_COLOR  # the arrow that shows where an element lives in storage
CAPTION_AT = [0, -3.45, 0]


def grid(values, rows, cols, color=TENSOR_COLOR, side=0.62, size=24):
    """A rows×cols table of square cells in row order; cell (r, c) is grid[r * cols + c]."""
    cells = VGroup()
    for r in range(rows):
        for c in range(cols):
            box = Square(side, stroke_color=color, stroke_width=3, fill_color=color, fill_opacity=0.15)
            box.move_to([c * side, -r * side, 0])
            cells.add(VGroup(box, label(str(values[r * cols + c]), size=size, mono=True).move_to(box)))
    return cells.move_to(ORIGIN)


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
    (not contiguous), so t.view(-1) fails; reshape and contiguous() copy into a new storage in row order."""

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

        # beat: contiguous() (and reshape, when it must) copies into a new storage, in row order
        fixes = VGroup(*[VGroup(label(code, size=26, mono=True, color=OP_COLOR),
                                label("→ copy", size=26, color=COPY_COLOR)).arrange(RIGHT, buff=0.3)
                         for code in ("t.contiguous()", "t.reshape(-1)")])
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
                ("reshape(…)", "a view if it can, a copy if it must", TEXT_COLOR),
                ("contiguous()", "a row-order copy (none if already contiguous)", COPY_COLOR)]
        table = VGroup()
        for i, (code, text, color) in enumerate(rows):
            c = label(code, size=26, mono=True, color=OP_COLOR).move_to([0, -0.85 * i, 0], aligned_edge=LEFT)
            d = label(text, size=24, color=color).move_to([3.0, -0.85 * i, 0], aligned_edge=LEFT)
            table.add(VGroup(c, d))
        table.move_to([0, -0.1, 0])
        self.play(LaggedStart(*[FadeIn(r, shift=UP * 0.2) for r in table], lag_ratio=0.3), run_time=2.0)
        self.wait(2.0)


class Broadcasting(Scene):
    """col (3, 1) + row (1, 4): shapes are compared from the right; a size-1 dimension is stretched to
    match the other, so the column is repeated across 4 columns and the row down 3 rows, and the sum is
    a (3, 4) grid (the numbers of demos/03_tensors/broadcasting.py#column-plus-row)."""

    def construct(self):
        # beat: title, then the heading
        heading = open_with_title(self, "Broadcasting", "(3, 1) + (1, 4) → (3, 4)",
                                  label("col + row", size=30, mono=True))

        # beat: the two tensors and their shapes
        side = 0.7
        col = grid([0, 10, 20], 3, 1, side=side)
        col.move_to([-6.0 + side / 2, 1.5 - col.height / 2, 0])
        row = grid([1, 2, 3, 4], 1, 4, side=side)
        row.move_to([-1.9 + row.width / 2, 1.5 - side / 2, 0])
        plus = label("+", size=40).move_to([-2.45, 1.5 - side / 2, 0])
        col_shape = label("(3, 1)", size=24, mono=True).move_to([-4.6, -1.1, 0])
        row_shape = label("(1, 4)", size=24, mono=True).move_to([-0.5, -1.1, 0])
        self.play(FadeIn(col, shift=RIGHT * 0.2), FadeIn(row, shift=LEFT * 0.2), FadeIn(plus),
                  FadeIn(col_shape), FadeIn(row_shape), run_time=1.0)

        # beat: the rule: align shapes on the right, sizes equal or 1
        rule = VGroup(label("  (3, 1)", size=24, mono=True), label("  (1, 4)", size=24, mono=True),
                      label("→ (3, 4)", size=24, mono=True, color=COPY_COLOR)).arrange(DOWN, buff=0.15,
                                                                                      aligned_edge=RIGHT)
        rule.to_edge(RIGHT, buff=0.6).shift(DOWN * 2.3)
        caption = label("compare sizes from the right: equal, or one of them is 1", size=24)
        caption.next_to(rule, LEFT, buff=0.6).align_to(rule, DOWN)
        self.play(FadeIn(rule), FadeIn(caption), run_time=0.9)
        self.wait(0.8)

        # beat: each size-1 dimension is stretched (no memory copied: expand uses stride 0)
        col_full = grid([v for v in (0, 10, 20) for _ in range(4)], 3, 4, side=side).move_to(col, aligned_edge=UL)
        row_full = grid([1, 2, 3, 4] * 3, 3, 4, side=side).move_to(row, aligned_edge=UL)
        for cell in [*col_full, *row_full]:  # stretched copies are ghosts: nothing new in memory
            cell[0].set_stroke(opacity=0.45).set_fill(opacity=0.05)
            cell[1].set_opacity(0.45)
        new_caption = label("a size-1 dimension is stretched, without copying memory", size=24)
        new_caption.move_to(caption, aligned_edge=RIGHT)
        self.play(LaggedStart(*[TransformFromCopy(col[i // 4], col_full[i]) for i in range(12) if i % 4],
                              lag_ratio=0.1),
                  Transform(col_shape, label("(3, 4)", size=24, mono=True, color=COPY_COLOR).move_to(col_shape)),
                  FadeOut(caption), FadeIn(new_caption), run_time=1.5)
        self.play(LaggedStart(*[TransformFromCopy(row[i % 4], row_full[i]) for i in range(4, 12)], lag_ratio=0.1),
                  Transform(row_shape, label("(3, 4)", size=24, mono=True, color=COPY_COLOR).move_to(row_shape)),
                  run_time=1.3)
        self.wait(0.6)

        # beat: add elementwise: a (3, 4) result
        sums = [c + r for c in (0, 10, 20) for r in (1, 2, 3, 4)]
        result = grid(sums, 3, 4, color=COPY_COLOR, side=side)
        result.move_to([3.0 + result.width / 2, 1.5 - result.height / 2, 0])
        equals = label("=", size=40).move_to([1.95, 1.5 - result.height / 2, 0])
        res_shape = label("(3, 4)", size=24, mono=True, color=COPY_COLOR).move_to([result.get_x(), -1.1, 0])
        done = label("then an ordinary elementwise add", size=24)
        done.move_to(new_caption, aligned_edge=RIGHT)
        both = VGroup(col, col_full[1:4], col_full[5:8], col_full[9:12], row, row_full[4:])
        self.play(FadeIn(equals), TransformFromCopy(both, result), FadeIn(res_shape),
                  FadeOut(new_caption), FadeIn(done), run_time=1.5)
        self.play(Indicate(result[5], color=TEXT_COLOR), run_time=0.8)
        self.wait(2.0)
