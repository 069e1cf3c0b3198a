"""Section 03, tensors: Manim scenes."""

from manim import *

from style import *  # shared palette, fonts, helpers; animations/ is on sys.path when rendering

# Meanings in this section. Data is TENSOR_COLOR as everywhere; a result, new values produced, is
# FORWARD_COLOR.
COPY_COLOR = FORWARD_COLOR


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
