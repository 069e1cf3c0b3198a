"""Section 9, training a network: Manim scenes."""

from manim import *

from style import *  # shared palette, fonts, helpers; animations/ is on sys.path when rendering

# What each colour means in this file (all from the shared palette).
WEIGHT_COLOR = TENSOR_COLOR   # the parameter being trained: it is data, a tensor
LOSS_COLOR = FORWARD_COLOR    # the loss curve: what the forward pass computes
STEP_COLOR = GRAD_COLOR       # gradients and the update steps they cause
WARN_COLOR = BACKWARD_COLOR   # a learning rate that goes wrong
STAGE_COLORS = {              # the five stages of one training iteration
    "forward": FORWARD_COLOR,
    "loss": OP_COLOR,
    "backward": BACKWARD_COLOR,
    "step": GRAD_COLOR,
    "zero_grad": MUTED_COLOR,
}


def num(x):
    """A number with two decimals and a real minus sign."""
    return f"{x:.2f}".replace("-", "−")


def stage(name, code, color):
    """A box with a stage name and, under it in a mono font, the line of PyTorch that does it."""
    title = label(name, size=26)
    call = label(code, size=16, color=MUTED_COLOR, mono=True)
    text = VGroup(title, call).arrange(DOWN, buff=0.12)
    box = RoundedRectangle(corner_radius=0.14, width=text.width + 0.35, height=1.0,
                           stroke_color=color, stroke_width=3, fill_color=color, fill_opacity=0.12)
    text.move_to(box)
    return VGroup(box, text)


class GradientDescent(Scene):
    """Gradient descent on loss(w) = w², starting at w = 3. With learning_rate = 0.3 each step
    w ← w − learning_rate × gradient (gradient = 2·w) walks downhill: 3 → 1.2 → 0.48 → 0.19.
    With 1.1 the point overshoots the minimum and bounces ever higher up the walls (diverges);
    with 0.02 it crawls and has barely moved after six steps."""

    def construct(self):
        # beat: the rule, the loss curve and the weight on it
        rule = label("w ← w − learning_rate × gradient", size=34, color=STEP_COLOR).to_edge(UP, buff=0.35)
        axes = Axes(x_range=[-6, 6, 1], y_range=[0, 30, 5], x_length=7.2, y_length=5.2,
                    axis_config={"color": MUTED_COLOR, "include_ticks": False}, tips=False)
        axes.move_to([-2.9, -0.75, 0])
        curve = axes.plot(lambda w: w * w, x_range=[-5.45, 5.45], color=LOSS_COLOR, stroke_width=4)
        w_label = label("w", size=24, color=WEIGHT_COLOR).next_to(axes.x_axis, DOWN, buff=0.15)
        w_label.align_to(axes.x_axis, RIGHT)
        loss_label = label("loss(w) = w²", size=24, color=LOSS_COLOR).next_to(axes, UP, buff=0.05)
        loss_label.align_to(axes, LEFT).shift(RIGHT * 0.3)
        self.play(FadeIn(rule, shift=DOWN * 0.2), Create(axes), run_time=1.0)
        self.play(Create(curve), FadeIn(w_label), FadeIn(loss_label), run_time=1.0)

        panel_x = 1.55  # left edge of the numbers on the right

        def panel(lines):
            group = VGroup(*[label(t, size=22, color=c) for t, c in lines])
            group.arrange(DOWN, aligned_edge=LEFT, buff=0.22)
            return group.move_to([panel_x, 0.9, 0], aligned_edge=UL)

        def point(w):
            return axes.c2p(w, w * w)

        def run(lr, steps, colour, verdict, step_time):
            """Put the weight at w = 3 and take the given number of steps with learning rate lr."""
            w = 3.0
            dot = Dot(point(w), radius=0.11, color=WEIGHT_COLOR)
            head = label(f"learning_rate = {lr}", size=26, color=colour)
            head.move_to([panel_x, 1.9, 0], aligned_edge=LEFT)
            info = panel([("w = 3.00", WEIGHT_COLOR), ("", TEXT_COLOR), ("", TEXT_COLOR)])
            self.play(FadeIn(dot, scale=0.5), FadeIn(head), FadeIn(info), run_time=0.6)
            trail = VGroup()
            for i in range(steps):
                grad = 2 * w
                new_w = w - lr * grad
                new_info = panel([
                    (f"step {i + 1}:  gradient = 2·w = {num(grad)}", STEP_COLOR),
                    (f"w = {num(w)} − {lr} × {num(grad)} = {num(new_w)}", WEIGHT_COLOR),
                    (f"loss = {new_w * new_w:.2f}", LOSS_COLOR),
                ])
                seg = Line(point(w), point(new_w), color=colour, stroke_width=2.5, stroke_opacity=0.7)
                trail.add(seg)
                self.play(Create(seg), dot.animate.move_to(point(new_w)),
                          FadeTransform(info, new_info), run_time=step_time)
                info, w = new_info, new_w
            note = label(verdict, size=24, color=colour).move_to([panel_x, -1.6, 0], aligned_edge=LEFT)
            self.play(FadeIn(note, shift=UP * 0.2), run_time=0.5)
            self.wait(1.2)
            self.play(FadeOut(VGroup(dot, head, info, trail, note)), run_time=0.5)

        # beat: a good learning rate walks downhill, the steps shrink with the slope
        run(0.3, 3, WEIGHT_COLOR, "downhill, steps shrink near the bottom", 1.1)

        # beat: too large: every step overshoots the minimum and lands higher up the other wall
        run(1.1, 3, WARN_COLOR, "too large: overshoots and diverges", 1.1)

        # beat: too small: it crawls
        run(0.02, 6, MUTED_COLOR, "too small: crawls, barely moves", 0.45)

        # beat: the moral
        moral = label("the learning rate sets\nthe size of every step", size=28)
        moral.move_to([panel_x, 0.6, 0], aligned_edge=LEFT)
        self.play(FadeIn(moral, shift=UP * 0.2), Indicate(rule, color=STEP_COLOR, scale_factor=1.05), run_time=1.2)
        self.wait(1.5)


class TrainingLoop(Scene):
    """One training iteration as a cycle: forward → loss → backward → step → zero_grad, and back to
    forward. A marker goes round, slowly twice, then faster; after every round the loss of that
    iteration is added to a small loss-vs-iteration plot, which goes down."""

    def construct(self):
        # beat: the title
        title = label("The training loop", size=36).to_edge(UP, buff=0.3)
        self.play(FadeIn(title, shift=DOWN * 0.2), run_time=0.7)

        # beat: five stages on a cycle, arrows from each to the next and back to forward
        specs = [("forward", "out = model(x)"), ("loss", "loss_fn(out, y)"),
                 ("backward", "loss.backward()"), ("step", "optimizer.step()"),
                 ("zero_grad", "optimizer.zero_grad()")]
        centre, radius = np.array([-3.0, -0.55, 0]), 2.55
        stages = VGroup()
        for k, (name, code) in enumerate(specs):
            angle = PI / 2 - k * TAU / 5  # clockwise from the top
            box = stage(name, code, STAGE_COLORS[name])
            box.move_to(centre + radius * np.array([np.cos(angle) * 0.95, np.sin(angle), 0]))
            stages.add(box)
        arrows = VGroup(*[arrow_between(stages[k], stages[(k + 1) % 5], buff=0.08) for k in range(5)])
        self.play(LaggedStart(*[FadeIn(s, scale=0.9) for s in stages], lag_ratio=0.2), run_time=1.6)
        self.play(LaggedStart(*[GrowArrow(a) for a in arrows], lag_ratio=0.2), run_time=1.2)

        # beat: the empty loss-vs-iteration plot on the right
        plot = Axes(x_range=[0, 13, 1], y_range=[0, 2.5, 0.5], x_length=4.2, y_length=3.4,
                    axis_config={"color": MUTED_COLOR, "include_ticks": False}, tips=False)
        plot.move_to([4.2, -0.4, 0])
        x_name = label("iteration", size=20, color=MUTED_COLOR).next_to(plot.x_axis, DOWN, buff=0.15)
        y_name = label("loss", size=22, color=LOSS_COLOR).next_to(plot.y_axis, UP, buff=0.12)
        counter = label("iteration 0", size=22).next_to(plot, UP, buff=0.6)
        self.play(Create(plot), FadeIn(x_name), FadeIn(y_name), FadeIn(counter), run_time=0.9)

        losses = [2.3 * np.exp(-0.28 * i) + 0.12 + 0.08 * np.sin(2.3 * i) for i in range(12)]
        spots = [s.get_top() + UP * 0.03 for s in stages]  # the marker rides on each box's top edge
        marker = Dot(spots[0], radius=0.1, color=STEP_COLOR).set_z_index(3)
        self.play(FadeIn(marker, scale=0.5), run_time=0.3)
        dots, line = VGroup(), VGroup()

        def record(i):
            """The loss of iteration i lands on the plot and the counter ticks."""
            p = Dot(plot.c2p(i + 1, losses[i]), radius=0.06, color=LOSS_COLOR)
            anims = [FadeIn(p, scale=0.5), Transform(counter, label(f"iteration {i + 1}", size=22).move_to(counter))]
            if len(dots):
                seg = Line(dots[-1].get_center(), p.get_center(), color=LOSS_COLOR, stroke_width=3)
                line.add(seg)
                anims.append(Create(seg))
            dots.add(p)
            return anims

        # beat: two slow rounds: each stage lights up as the marker reaches it
        for i in range(2):
            for k in range(1, 6):
                box = stages[k % 5][0]
                extra = record(i) if k == 5 else []
                self.play(marker.animate.move_to(spots[k % 5]), box.animate.set_fill(opacity=0.35),
                          *extra, run_time=0.5)
                self.play(box.animate.set_fill(opacity=0.12), run_time=0.15)

        # beat: faster rounds: the loss keeps going down
        cycle = Polygon(*spots)
        for i in range(2, 12):
            self.play(MoveAlongPath(marker, cycle), *record(i), run_time=0.75, rate_func=linear)

        # beat: rinse and repeat: one pass over the whole dataset is an epoch
        note = label("repeat for every batch; one pass over the data = one epoch", size=24)
        note.to_edge(DOWN, buff=0.3)
        self.play(FadeIn(note, shift=UP * 0.2), FadeOut(marker),
                  Indicate(line, color=LOSS_COLOR, scale_factor=1.05), run_time=1.0)
        self.wait(1.5)
