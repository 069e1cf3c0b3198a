"""Section 07, torch.nn modules: Manim scenes."""

from manim import *

from style import *  # shared palette, fonts, helpers; animations/ is on sys.path when rendering

# Learnable parameters (nn.Parameter): a colour of this section only, 3b1b's orange. Sub-modules (layers)
# are operations, so they use OP_COLOR; data flowing through forward uses TENSOR_COLOR and FORWARD_COLOR;
# a plain tensor attribute, which the module ignores, is MUTED_COLOR with a dashed outline.
PARAM_COLOR = "#FF862F"

CAPTION_AT = [0, -3.45, 0]
LANE_Y = -2.2  # where the parameter list, and later the batch of data, are drawn


def param_block(name, shape):
    """A small parameter block: its name and its shape, e.g. weight 32×15."""
    return node(f"{name}  {shape}", PARAM_COLOR, size=18, mono=True, min_width=0.9, height=0.44)


class ModuleAnatomy(Scene):
    """TinyNet, an nn.Module, drawn as a box holding its sub-modules fc1 = Linear(15, 32), ReLU and
    fc2 = Linear(32, 1), each Linear with its Parameters (weight 32×15 and bias 32; weight 1×32 and
    bias 1), and a plain tensor attribute other_tensor that list(model.parameters()) leaves out. Then a
    batch x of 64 samples with 15 features flows through forward: 64×15 → 64×32 → 64×32 → 64×1
    (the TinyNet of demos/07_modules/parameters.py; calling_the_model.py runs the same layers as an
    nn.Sequential)."""

    def construct(self):
        # beat: title, then it shrinks into the heading
        heading = open_with_title(self, "Anatomy of an nn.Module", "sub-modules, parameters, forward",
                                  label("model = TinyNet()", size=30, mono=True))

        # beat: the module is a box; its sub-modules are attributes set in __init__
        box = RoundedRectangle(corner_radius=0.2, width=11.4, height=3.9, stroke_color=TEXT_COLOR,
                               stroke_width=2).move_to([0, 0.95, 0])
        box_name = label("TinyNet(nn.Module)", size=20, color=MUTED_COLOR, mono=True)
        box_name.next_to(box.get_corner(UL), DR, buff=0.15)
        xs = [-3.6, 0, 3.6]
        layers = [
            node("fc1 = Linear(15, 32)", OP_COLOR, size=20, mono=True).move_to([xs[0], 1.95, 0]),
            node("relu = ReLU()", OP_COLOR, size=20, mono=True).move_to([xs[1], 1.95, 0]),
            node("fc2 = Linear(32, 1)", OP_COLOR, size=20, mono=True).move_to([xs[2], 1.95, 0]),
        ]
        self.play(Create(box), FadeIn(box_name), run_time=0.8)
        self.play(LaggedStart(*[FadeIn(m, shift=DOWN * 0.2) for m in layers], lag_ratio=0.3), run_time=1.2)

        # beat: each Linear creates and owns its Parameters; ReLU has none
        params = [
            param_block("weight", "32×15").move_to([xs[0], 1.05, 0]),
            param_block("bias", "32").move_to([xs[0], 0.45, 0]),
            param_block("weight", "1×32").move_to([xs[2], 1.05, 0]),
            param_block("bias", "1").move_to([xs[2], 0.45, 0]),
        ]
        no_params = label("no parameters", size=18, color=MUTED_COLOR).move_to([xs[1], 1.05, 0])
        caption = label("each Linear creates its Parameters: weight (out, in), bias (out)", size=24)
        caption.move_to(CAPTION_AT)
        self.play(*[GrowFromPoint(p, layers[0 if i < 2 else 2].get_bottom()) for i, p in enumerate(params)],
                  FadeIn(no_params), FadeIn(caption, shift=UP * 0.2), run_time=1.2)
        self.wait(0.8)

        # beat: a plain tensor attribute lives on the module too, but is not a Parameter
        other_text = label("other_tensor = torch.ones(1)", size=18, color=MUTED_COLOR, mono=True)
        other = VGroup(
            DashedVMobject(RoundedRectangle(corner_radius=0.12, width=other_text.width + 0.4, height=0.44,
                                            stroke_color=MUTED_COLOR, stroke_width=2), num_dashes=40),
            other_text,
        ).move_to([-1.5, -0.45, 0])
        new_caption = label("a plain tensor attribute: stored, but not a Parameter", size=24).move_to(CAPTION_AT)
        self.play(FadeIn(other, shift=UP * 0.2), FadeOut(caption, shift=UP * 0.25),
                  FadeIn(new_caption, shift=UP * 0.25), run_time=0.9)
        caption = new_caption
        self.wait(0.6)

        # beat: list(model.parameters()) collects the four Parameters, and skips other_tensor
        list_name = label("list(model.parameters())", size=22, mono=True, color=PARAM_COLOR)
        list_name.move_to([0, LANE_Y + 0.62, 0])
        names = ["fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias"]
        shapes = ["32×15", "32", "1×32", "1"]
        listed = VGroup(*[param_block(n, s) for n, s in zip(names, shapes)]).arrange(RIGHT, buff=0.2)
        listed.move_to([0, LANE_Y, 0])
        brackets = VGroup(label("[", size=30, color=PARAM_COLOR).next_to(listed, LEFT, buff=0.08),
                          label("]", size=30, color=PARAM_COLOR).next_to(listed, RIGHT, buff=0.08))
        new_caption = label("4 Parameters; params[0].size() is torch.Size([32, 15])", size=24)
        new_caption.move_to(CAPTION_AT)
        self.play(FadeIn(list_name), FadeIn(brackets), FadeOut(caption), run_time=0.6)
        self.play(*[TransformFromCopy(p, q) for p, q in zip(params, listed)], FadeIn(new_caption), run_time=1.4)
        caption = new_caption
        skipped = label("✗ not listed, not trained", size=18, color=MUTED_COLOR)
        skipped.next_to(other, RIGHT, buff=0.25)
        self.play(Indicate(other, color=MUTED_COLOR), FadeIn(skipped, shift=LEFT * 0.2), run_time=0.9)
        self.wait(1.2)

        # beat: forward: a batch of 64 samples × 15 features goes in
        self.play(FadeOut(VGroup(list_name, listed, brackets)), FadeOut(caption), run_time=0.6)
        lane_x = [-5.4, -1.8, 1.8, 5.4]
        shapes = ["x  64×15", "64×32", "64×32", "out  64×1"]
        blocks = [node(s, TENSOR_COLOR, size=20, mono=True).move_to([x, LANE_Y, 0]) for x, s in zip(lane_x, shapes)]
        caption = label("model(x) runs forward: a batch of 64 samples, 15 features each", size=24)
        caption.move_to(CAPTION_AT)
        self.play(FadeIn(blocks[0], shift=RIGHT * 0.4), FadeIn(caption, shift=UP * 0.2), run_time=0.8)

        # beat: layer by layer, the shape changes
        for i, (layer, short) in enumerate(zip(layers, ["fc1", "relu", "fc2"])):
            flow = arrow_between(blocks[i], blocks[i + 1], color=FORWARD_COLOR)
            name = label(short, size=18, color=OP_COLOR, mono=True)
            name.next_to(flow, DOWN, buff=0.12)
            self.play(Indicate(layer, color=FORWARD_COLOR, scale_factor=1.08), GrowArrow(flow), FadeIn(name),
                      TransformFromCopy(blocks[i], blocks[i + 1]), run_time=1.1)
        self.wait(0.4)

        # beat: the result keeps the batch dimension
        done = label("(64, 15) → (64, 1): one output per sample, the batch dimension stays first",
                     size=24, color=FORWARD_COLOR).move_to(CAPTION_AT)
        self.play(FadeOut(caption, shift=UP * 0.25), FadeIn(done, shift=UP * 0.25),
                  Indicate(blocks[-1], color=FORWARD_COLOR), run_time=1.0)
        self.wait(1.8)
