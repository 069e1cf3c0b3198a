"""Section 06, autograd: Manim scenes."""

from manim import *

from style import *  # shared palette, fonts, helpers; animations/ is on sys.path when rendering


CAPTION_AT = [0, -2.05, 0]


class AutogradTape(Scene):
    """Forward pass of loss = (w·x + b)² with x=2, w=3, b=1: Mul (6), Add (y=7) and Pow (loss=49)
    run and are appended to the tape. Then backward() walks the tape in reverse and the chain rule
    sends the gradients back: ∂loss/∂y = 14, w.grad = 28, x.grad = 42, b.grad = 14
    (the numbers of demos/06_autograd/backward.py)."""

    def construct(self):
        # beat: title, then it shrinks to the top
        heading = open_with_title(self, "The tape", "forward records it, backward() replays it",
                                  label("loss = (w·x + b)²", size=32))

        # beat: the leaves the user created, and an empty tape
        w = node("w = 3", TENSOR_COLOR).move_to([-2.8, 1.95, 0])
        x = node("x = 2", TENSOR_COLOR).move_to([-2.8, 0.75, 0])
        b = node("b = 1", TENSOR_COLOR).move_to([-2.8, -0.75, 0])
        leaves_note = label("leaves: grad_fn is None", size=20, color=MUTED_COLOR)
        leaves_note.next_to(b, DOWN, buff=0.25)
        tape_frame = RoundedRectangle(
            corner_radius=0.15, width=8.6, height=0.9, stroke_color=MUTED_COLOR, stroke_width=2
        ).move_to([0.9, -3.1, 0])
        tape_title = label("tape", size=26, color=MUTED_COLOR).next_to(tape_frame, LEFT, buff=0.3)
        self.play(
            LaggedStart(*[FadeIn(m, shift=RIGHT * 0.2) for m in (w, x, b)], lag_ratio=0.25),
            FadeIn(leaves_note),
            Create(tape_frame),
            FadeIn(tape_title),
            run_time=1.4,
        )

        def swap(old, new):
            """Replace one caption by the next: the old one leaves upwards, the new one rises in."""
            new.move_to(CAPTION_AT)
            return AnimationGroup(FadeOut(old, shift=UP * 0.25), FadeIn(new, shift=UP * 0.25))

        caption = label("forward: each operation runs and is appended to the tape", size=24)
        caption.move_to(CAPTION_AT)
        self.play(FadeIn(caption, shift=UP * 0.2), run_time=0.6)

        # beat: forward pass, one op at a time
        mul = node("Mul", OP_COLOR).move_to([-0.4, 1.35, 0])
        add = node("Add", OP_COLOR).move_to([1.9, 0.3, 0])
        pw = node("Pow", OP_COLOR).move_to([4.2, 0.3, 0])
        slots = [[-1.85, -3.1, 0], [0.9, -3.1, 0], [3.65, -3.1, 0]]
        steps = [
            (mul, (w, x), "w·x = 6", "MulBackward0"),
            (add, (mul, b), "y = 7", "AddBackward0"),
            (pw, (add,), "loss = 49", "PowBackward0"),
        ]
        edges, values, entries = {}, {}, []
        for (op, inputs, value, entry_name), slot in zip(steps, slots):
            arrows = [arrow_between(i, op) for i in inputs]
            for i, a in zip(inputs, arrows):
                edges[(i, op)] = a
            self.play(*[GrowArrow(a) for a in arrows], FadeIn(op, scale=0.8), run_time=0.7)
            val = label(value, size=24, color=FORWARD_COLOR).next_to(op, UP, buff=0.15)
            entry = node(entry_name, OP_COLOR, size=20, mono=True).move_to(slot)
            self.play(Write(val), GrowFromPoint(entry, op.get_center()), run_time=0.9)
            values[op] = val
            entries.append(entry)
        self.wait(0.5)

        # beat: backward() starts at the end of the tape with ∂loss/∂loss = 1
        start = label("loss.backward(): walk the tape in reverse, from ∂loss/∂loss = 1", size=24)
        self.play(swap(caption, start), run_time=0.7)
        caption = start
        cursor = SurroundingRectangle(entries[2], color=BACKWARD_COLOR, buff=0.08)
        self.play(Create(cursor), run_time=0.5)

        def flow(pairs, text, grads, run_time=1.4):
            """Send the gradient back along the given edges, show the new numbers, update the caption."""
            nonlocal caption
            new_caption = label(text, size=24)
            flashes = []
            for src, dst in pairs:
                edge = edges[(src, dst)]
                back = Line(edge.get_end(), edge.get_start(), color=BACKWARD_COLOR, stroke_width=7)
                flashes.append(ShowPassingFlash(back, time_width=0.6))
                flashes.append(edge.animate.set_color(BACKWARD_COLOR))
            self.play(*flashes, swap(caption, new_caption), run_time=run_time)
            self.play(*[Write(g) for g in grads], run_time=0.8)
            caption = new_caption
            self.wait(0.6)

        # beat: Pow: ∂loss/∂y = 2·y = 14
        dy = label("∂loss/∂y = 14", size=22, color=GRAD_COLOR).next_to(add, DOWN, buff=0.2)
        flow([(add, pw)], "PowBackward0:  ∂loss/∂y = 2·y = 2·7 = 14", [dy])

        # beat: Add passes 14 to both of its inputs
        self.play(cursor.animate.move_to(entries[1]), run_time=0.5)
        db = label("b.grad = 14", size=22, color=GRAD_COLOR).next_to(b, LEFT, buff=0.2)
        dmul = label("14", size=22, color=GRAD_COLOR).next_to(mul, DOWN, buff=0.15)
        flow([(mul, add), (b, add)], "AddBackward0:  ∂y/∂(w·x) = ∂y/∂b = 1, so both get 14", [dmul, db])

        # beat: Mul swaps its inputs: ∂(w·x)/∂w = x and ∂(w·x)/∂x = w
        self.play(cursor.animate.move_to(entries[0]), run_time=0.5)
        dw = label("w.grad = 28", size=22, color=GRAD_COLOR).next_to(w, LEFT, buff=0.2)
        dx = label("x.grad = 42", size=22, color=GRAD_COLOR).next_to(x, LEFT, buff=0.2)
        flow([(w, mul), (x, mul)], "MulBackward0:  w.grad = 14·x = 28,  x.grad = 14·w = 42", [dw, dx])

        # beat: the leaves now hold their gradients
        self.play(FadeOut(cursor), run_time=0.4)
        done = label("every leaf's .grad is filled in: 28, 42, 14", size=24, color=GRAD_COLOR)
        self.play(
            swap(caption, done),
            *[Indicate(g, color=GRAD_COLOR, scale_factor=1.15) for g in (dw, dx, db)],
            run_time=1.2,
        )
        self.wait(1.5)
