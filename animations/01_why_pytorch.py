"""Section 01, why PyTorch: a Manim scene for traditional programming versus machine learning."""

from manim import *

from style import *  # shared palette, fonts, helpers; animations/ is on sys.path when rendering

# Colours of this section, each with one meaning. Data is TENSOR_COLOR, as everywhere in the course.
RULES_COLOR = OP_COLOR         # rules: what turns data into answers
DATA_COLOR = TENSOR_COLOR      # data: the inputs, temperatures in °C
ANSWERS_COLOR = FORWARD_COLOR  # answers: the outputs, temperatures in °F
CAPTION_AT = [0, -3.3, 0]


def caption(text, size=24):
    """A one-line caption at the bottom of the frame."""
    return label(text, size=size).move_to(CAPTION_AT)


def row(names, colors, y):
    """Two inputs stacked on the left, a process box in the middle, one output on the right."""
    top, bottom = (node(n, c, size=24, min_width=1.9) for n, c in zip(names[:2], colors[:2]))
    top.move_to([-3.1, y + 0.45, 0])
    bottom.move_to([-3.1, y - 0.45, 0])
    box = node(names[2], MUTED_COLOR, size=24, min_width=2.2, height=0.9).move_to([0.0, y, 0])
    out = node(names[3], colors[3], size=24, min_width=1.9).move_to([2.9, y, 0])
    arrows = VGroup(arrow_between(top, box), arrow_between(bottom, box), arrow_between(box, out))
    return top, bottom, box, out, arrows


def example(text, color, beside, side):
    """A small worked example next to a box: the °C / °F numbers of the section's demo."""
    return label(text, size=20, color=color).next_to(beside, side, buff=0.25)


class RulesAndAnswers(Scene):
    """Traditional programming and machine learning, one above the other. Top: a programmer's rule and
    the data go into a program, answers come out (F = 1.8·C + 32 turns 37 °C into 98.6 °F). Bottom: the
    data and the answers go in, and learning gives back the rule (F ≈ 1.80·C + 31.95, learned from 25
    noisy readings in traditional_vs_ml.py). The same three things; rules and answers swap places."""

    def construct(self):
        # beat: title
        title = label("Rules, data and answers", size=36).to_edge(UP, buff=0.4)
        self.play(FadeIn(title, shift=DOWN * 0.2), run_time=0.8)

        # beat: traditional programming, rules + data → answers
        head1 = label("traditional programming", size=26, color=MUTED_COLOR).move_to([-4.6, 2.45, 0])
        rules, data, program, answers, arrows1 = row(
            ["rules", "data", "program", "answers"],
            [RULES_COLOR, DATA_COLOR, None, ANSWERS_COLOR], 1.35)
        self.play(FadeIn(head1), FadeIn(rules), FadeIn(data), run_time=0.8)
        self.play(*[GrowArrow(a) for a in arrows1[:2]], FadeIn(program), run_time=0.7)
        self.play(GrowArrow(arrows1[2]), FadeIn(answers, shift=RIGHT * 0.2), run_time=0.7)
        ex1 = VGroup(example("F = 1.8·C + 32", RULES_COLOR, rules, LEFT),
                     example("37 °C", DATA_COLOR, data, LEFT),
                     example("98.6 °F", ANSWERS_COLOR, answers, RIGHT))
        note = caption("a programmer writes the rule; the program applies it")
        self.play(FadeIn(ex1), FadeIn(note, shift=UP * 0.2), run_time=0.8)
        self.wait(1.5)

        # beat: machine learning, data + answers → rules: answers move in, rules move out
        head2 = label("machine learning", size=26, color=MUTED_COLOR).move_to([0, -0.35, 0])
        head2.align_to(head1, LEFT)
        data2, answers2, learning, rules2, arrows2 = row(
            ["data", "answers", "learning", "rules"],
            [DATA_COLOR, ANSWERS_COLOR, None, RULES_COLOR], -1.45)
        self.play(FadeIn(head2), TransformFromCopy(data, data2), TransformFromCopy(answers, answers2),
                  run_time=1.4)
        self.play(*[GrowArrow(a) for a in arrows2[:2]], FadeIn(learning), run_time=0.7)
        self.play(GrowArrow(arrows2[2]), TransformFromCopy(rules, rules2), run_time=1.2)

        # beat: the Celsius example, learned from noisy examples
        ex2 = VGroup(example("25 readings in °C", DATA_COLOR, data2, LEFT),
                     example("noisy °F readings", ANSWERS_COLOR, answers2, LEFT),
                     example("F ≈ 1.80·C + 31.95", RULES_COLOR, rules2, RIGHT))
        learned = caption("machine learning finds the rule from data and answers")
        self.play(FadeIn(ex2), FadeOut(note, shift=UP * 0.2), FadeIn(learned, shift=UP * 0.2),
                  run_time=0.8)
        self.play(Indicate(rules2, color=RULES_COLOR, scale_factor=1.1), run_time=1.0)
        self.wait(2.0)
