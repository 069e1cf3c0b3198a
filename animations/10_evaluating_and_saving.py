"""Section 10, evaluating and saving a model: Manim scenes."""

from manim import *

from style import *  # shared palette, fonts, helpers; animations/ is on sys.path when rendering

# What each colour means in this file (all from the shared palette).
TRAIN_COLOR = FORWARD_COLOR   # training loss: what the forward pass computes on the data it learns from
VAL_COLOR = TENSOR_COLOR      # validation loss: data the model never learns from
WARN_COLOR = BACKWARD_COLOR   # where the model overfits
BEST_COLOR = GRAD_COLOR       # the epoch to keep

# The losses of demos/10_evaluating_and_saving/overfitting.py, epoch 1 to 40 (CPU run, rounded):
# a 64-256-256-10 network trained with Adam on 100 digits, validated on 500 others.
TRAIN_LOSS = [2.305, 2.077, 1.746, 1.357, 0.870, 0.504, 0.324, 0.280, 0.138, 0.135, 0.066, 0.052, 0.036,
              0.016, 0.010, 0.009, 0.011, 0.007, 0.003, 0.001, 0.001, 0.002, 0.002, 0.001, 0.001, 0.001,
              0.001, 0.000, 0.000, 0.000, 0.000, 0.000, 0.000, 0.000, 0.000, 0.000, 0.000, 0.000, 0.000,
              0.000]
VAL_LOSS = [2.211, 1.950, 1.526, 1.122, 0.786, 0.605, 0.715, 0.573, 0.628, 0.636, 0.765, 0.829, 0.814,
            0.818, 0.847, 0.888, 0.926, 0.975, 1.043, 1.123, 1.206, 1.277, 1.331, 1.370, 1.398, 1.416,
            1.429, 1.438, 1.447, 1.456, 1.466, 1.476, 1.486, 1.496, 1.507, 1.517, 1.526, 1.536, 1.544,
            1.553]


class OverfittingCurves(Scene):
    """Training and validation loss of the overfitting demo, drawn epoch by epoch on one plot. Both fall
    at first; the validation loss is lowest in epoch 8 and then climbs to 1.55, while the training loss
    keeps falling to almost zero. The epoch of the validation minimum is marked as the one to keep, and
    the epochs after it are shaded as overfitting."""

    def construct(self):
        # beat: the heading and empty axes (no number labels: Text labels instead)
        heading = label("Overfitting: the curves part", size=34).to_edge(UP, buff=0.35)
        axes = Axes(x_range=[0, 40, 5], y_range=[0, 2.5, 0.5], x_length=9.0, y_length=4.4,
                    axis_config={"color": MUTED_COLOR, "include_ticks": True, "tick_size": 0.05},
                    tips=False)
        axes.move_to([-0.6, -0.75, 0])
        x_name = label("epoch", size=22, color=MUTED_COLOR).next_to(axes.x_axis, RIGHT, buff=0.2)
        y_name = label("loss", size=22, color=MUTED_COLOR).next_to(axes.y_axis, UP, buff=0.15)
        ticks = VGroup(*[label(str(e), size=18, color=MUTED_COLOR).next_to(axes.c2p(e, 0), DOWN, buff=0.12)
                         for e in (10, 20, 30, 40)])
        ticks.add(*[label(str(v), size=18, color=MUTED_COLOR).next_to(axes.c2p(0, v), LEFT, buff=0.12)
                    for v in (1, 2)])
        self.play(FadeIn(heading, shift=DOWN * 0.2), Create(axes), run_time=1.0)
        self.play(FadeIn(x_name), FadeIn(y_name), FadeIn(ticks), run_time=0.6)

        # beat: both curves grow together, epoch by epoch
        def curve(values, colour):
            points = [axes.c2p(epoch, loss) for epoch, loss in enumerate(values, start=1)]
            return VMobject(color=colour, stroke_width=4).set_points_as_corners(points)

        train_curve, val_curve = curve(TRAIN_LOSS, TRAIN_COLOR), curve(VAL_LOSS, VAL_COLOR)
        legend = VGroup(
            label("training loss (100 digits it learns from)", size=20, color=TRAIN_COLOR),
            label("validation loss (500 digits it never learns from)", size=20, color=VAL_COLOR),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.15)
        legend.next_to(axes, UP, buff=0.2).align_to(axes, RIGHT)
        self.play(FadeIn(legend), run_time=0.6)
        self.play(Create(train_curve), Create(val_curve), run_time=6.0, rate_func=linear)
        self.wait(0.5)

        # beat: the validation minimum, epoch 8
        best = min(range(len(VAL_LOSS)), key=VAL_LOSS.__getitem__)
        best_point = axes.c2p(best + 1, VAL_LOSS[best])
        marker = Dot(best_point, radius=0.09, color=BEST_COLOR)
        drop = DashedLine(best_point, axes.c2p(best + 1, 0), color=BEST_COLOR, stroke_width=2)
        best_text = label(f"lowest validation\nloss: epoch {best + 1}", size=20, color=BEST_COLOR)
        best_text.move_to(axes.c2p(best + 1.6, 0.5), aligned_edge=UL)
        self.play(FadeIn(marker, scale=0.5), Create(drop), FadeIn(best_text, shift=UP * 0.1), run_time=1.0)
        self.wait(1.0)

        # beat: after it, the two curves part: overfitting
        region = Rectangle(width=axes.c2p(40, 0)[0] - best_point[0], height=axes.y_length,
                           stroke_width=0, fill_color=WARN_COLOR, fill_opacity=0.10)
        region.move_to(axes.c2p(best + 1, 0), aligned_edge=DL)
        up_text = label(f"validation ↑  {VAL_LOSS[best]:.2f} → {VAL_LOSS[-1]:.2f}", size=22, color=VAL_COLOR)
        down_text = label(f"training ↓  {TRAIN_LOSS[best]:.2f} → almost 0", size=22, color=TRAIN_COLOR)
        notes = VGroup(label("overfitting", size=26, color=WARN_COLOR), up_text, down_text)
        notes.arrange(DOWN, aligned_edge=LEFT, buff=0.15).move_to(axes.c2p(30, 0.75))
        self.play(FadeIn(region), run_time=0.8)
        self.play(LaggedStart(*[FadeIn(n, shift=UP * 0.1) for n in notes], lag_ratio=0.3), run_time=1.5)
        self.play(Indicate(val_curve, color=WARN_COLOR, scale_factor=1.02), run_time=1.2)
        self.wait(1.0)

        # beat: the moral
        moral = label("keep the epoch with the lowest validation loss (early stopping)", size=24)
        moral.to_edge(DOWN, buff=0.2)
        self.play(FadeIn(moral, shift=UP * 0.2), Indicate(marker, color=BEST_COLOR, scale_factor=1.6),
                  run_time=1.2)
        self.wait(2.0)
