"""Section 05, data types and devices: Manim scenes."""

from manim import *

from style import *  # shared palette, fonts, helpers; animations/ is on sys.path when rendering

# Colours of this section, each with one meaning (built from the shared palette).
DATA_COLOR = TENSOR_COLOR     # a tensor's numbers
MODEL_COLOR = OP_COLOR        # a model: its parameters W and b
COST_COLOR = GRAD_COLOR       # time spent copying over the bus
ERROR_COLOR = BACKWARD_COLOR  # what PyTorch refuses to do

CPU_AT = np.array([-4.5, 0.35, 0])
GPU_AT = np.array([4.5, 0.35, 0])
CAPTION_AT = [0, -2.75, 0]
CODE_AT = [0, 2.85, 0]


def tensor_grid(rows, cols, color=DATA_COLOR, cell=0.34):
    """A rows x cols block of filled squares: one square per number of a tensor."""
    squares = VGroup(*[
        Square(side_length=cell, stroke_color=color, stroke_width=2, fill_color=color, fill_opacity=0.35)
        for _ in range(rows * cols)
    ])
    return squares.arrange_in_grid(rows=rows, cols=cols, buff=0.05)


def memory(name, center):
    """A labelled rounded frame standing for one device's memory."""
    frame = RoundedRectangle(corner_radius=0.2, width=4.4, height=3.8, stroke_color=MUTED_COLOR, stroke_width=3)
    frame.move_to(center)
    title = label(name, size=26, color=MUTED_COLOR).next_to(frame.get_top(), DOWN, buff=0.2)
    return VGroup(frame, title)


def named(grid, text, color=DATA_COLOR):
    """A tensor grid with its Python name written to its left."""
    name = label(text, size=24, color=color, mono=True).next_to(grid, LEFT, buff=0.2)
    return VGroup(grid, name)


class DeviceTransfer(Scene):
    """CPU RAM and GPU memory side by side with a bus between them. x.to(device) sends a copy of x across
    the bus (it takes time, and x stays on the CPU); model.to(device) moves the model's parameters W and b
    across in place. Then x_gpu + x mixes a GPU tensor with a CPU tensor: a red cross and the error
    "Expected all tensors to be on the same device" (demos/05_dtypes_and_devices/devices.py)."""

    def construct(self):
        # beat: title, then a heading at the top
        heading = open_with_title(self, "Moving work to the GPU", "two memories and the bus between them",
                                  label("tensor.to(device)  ·  model.to(device)", size=30, mono=True))

        # beat: two memories, the bus, and a tensor and a model in CPU RAM
        cpu, gpu = memory("CPU RAM", CPU_AT), memory("GPU memory", GPU_AT)
        bus = Rectangle(width=4.6, height=2.2, stroke_color=MUTED_COLOR, stroke_width=2,
                        fill_color=MUTED_COLOR, fill_opacity=0.08).move_to([0, 0.35, 0])
        bus_name = label("bus", size=22, color=MUTED_COLOR).next_to(bus, UP, buff=0.12)
        x = named(tensor_grid(2, 3), "x").move_to(CPU_AT + [0.2, 0.85, 0])
        params = VGroup(named(tensor_grid(2, 3, MODEL_COLOR, 0.28), "W", MODEL_COLOR),
                        named(tensor_grid(2, 1, MODEL_COLOR, 0.28), "b", MODEL_COLOR)).arrange(RIGHT, buff=0.35)
        box = SurroundingRectangle(params, color=MODEL_COLOR, buff=0.15, corner_radius=0.1)
        model_name = label("model", size=20, color=MODEL_COLOR).next_to(box, DOWN, buff=0.08)
        model = VGroup(box, params, model_name).move_to(CPU_AT + [0.1, -0.75, 0])
        self.play(FadeIn(cpu), FadeIn(gpu), FadeIn(bus), FadeIn(bus_name), run_time=1.0)
        self.play(FadeIn(x, shift=UP * 0.2), FadeIn(model, shift=UP * 0.2), run_time=0.8)
        caption = label("tensors and models start in CPU RAM", size=24).move_to(CAPTION_AT)
        self.play(FadeIn(caption), run_time=0.5)

        code_line = None

        def say(code_text, text):
            """Swap in a line of code at the top and a plain-words caption at the bottom."""
            nonlocal caption, code_line
            new_caption = label(text, size=24).move_to(CAPTION_AT)
            new_code = label(code_text, size=26, mono=True).move_to(CODE_AT)
            anims = [FadeOut(caption, shift=UP * 0.2), FadeIn(new_caption, shift=UP * 0.2), FadeIn(new_code)]
            if code_line is not None:
                anims.append(FadeOut(code_line))
            caption, code_line = new_caption, new_code
            return anims

        # beat: x.to(device) copies x over the bus; the copy takes time and x stays behind
        self.play(*say("x_gpu = x.to(device)", "a new tensor in GPU memory; x stays on the CPU"), run_time=0.7)
        x_gpu = x[0].copy()
        x_gpu_name = label("x_gpu", size=24, color=DATA_COLOR, mono=True)
        cost = label("copying takes time", size=22, color=COST_COLOR).next_to(bus, DOWN, buff=0.15)
        flash = Line(bus.get_left(), bus.get_right(), color=COST_COLOR, stroke_width=8).move_to(bus).shift(UP * 0.5)
        self.play(FadeIn(cost), run_time=0.4)
        self.play(x_gpu.animate.move_to(GPU_AT + [0.45, 0.85, 0]),
                  ShowPassingFlash(flash, time_width=0.5), run_time=2.4, rate_func=linear)
        x_gpu_name.next_to(x_gpu, LEFT, buff=0.2)
        self.play(Write(x_gpu_name), Indicate(x, color=DATA_COLOR, scale_factor=1.1), run_time=0.8)
        self.wait(0.6)

        # beat: model.to(device) moves the parameters themselves, in place
        self.play(*say("model.to(device)", "the same model object; its parameters now live on the GPU"),
                  run_time=0.7)
        flash2 = flash.copy().shift(DOWN * 1.1)
        self.play(model.animate.move_to(GPU_AT + [0.1, -0.75, 0]),
                  ShowPassingFlash(flash2, time_width=0.5), run_time=2.4, rate_func=linear)
        self.wait(0.8)

        # beat: an operation that mixes a GPU tensor with a CPU tensor (one with dimensions) fails
        self.play(*say("x_gpu + x", "one operand on cuda:0, the other on cpu"), FadeOut(cost), run_time=0.7)
        plus = node("+", OP_COLOR, size=36, min_width=0.8, height=0.8).move_to([0, -1.6, 0])
        arrows = [arrow_between(x[0], plus), arrow_between(x_gpu, plus)]
        self.play(FadeIn(plus, scale=0.8), *[GrowArrow(a) for a in arrows], run_time=0.9)
        cross = Cross(plus, stroke_color=ERROR_COLOR, stroke_width=8, scale_factor=0.9)
        error = label("RuntimeError: Expected all tensors to be on the same device", size=24, color=ERROR_COLOR)
        error.move_to(CAPTION_AT)
        self.play(Create(cross), *[a.animate.set_color(ERROR_COLOR) for a in arrows],
                  FadeOut(caption), FadeIn(error, shift=UP * 0.2), run_time=1.0)
        caption = error
        self.wait(1.0)

        # beat: the fix, in words
        fix = label("fix: move one of them first, e.g. x_gpu + x.to(device)", size=22, color=MUTED_COLOR)
        fix.next_to(error, DOWN, buff=0.22)
        self.play(FadeIn(fix, shift=UP * 0.2), run_time=0.6)
        self.wait(2.0)
