"""Section 02, neural networks: Manim scenes for the three network families and a nonlinear lift."""

from manim import *

from style import *  # shared palette, fonts, helpers; animations/ is on sys.path when rendering

# Colours of this section, each with one meaning. Data is TENSOR_COLOR, as everywhere in the course.
CLASS_A_COLOR = TENSOR_COLOR   # points of class A (x·y > 0), and values that are data
CLASS_B_COLOR = "#FF9F43"      # points of class B (x·y < 0)
BOUNDARY_COLOR = TEXT_COLOR    # a classifier's decision boundary: a line in 2-D, a plane in 3-D
WRONG_COLOR = BACKWARD_COLOR   # a point the boundary puts on the wrong side
HIDDEN_COLOR = GRAD_COLOR      # the hidden state a recurrent network carries from step to step
KERNEL_COLOR = OP_COLOR        # a convolution kernel: the operation that slides over the image
CAPTION_AT = [0, -3.3, 0]


def caption(text, size=24):
    """A one-line caption at the bottom of the frame."""
    return label(text, size=size).move_to(CAPTION_AT)


def tally(count, color):
    """A count of misclassified points, on the right of the frame: '14 of 36' over 'on the wrong side'."""
    return VGroup(label(count, size=34, color=color), label("on the wrong side", size=22, color=color)) \
        .arrange(DOWN, buff=0.15).move_to([4.6, 1.6, 0])


class FeedForwardPass(Scene):
    """A feed-forward network, 3 → 4 → 4 → 2 neurons: the input lights up, then each hidden layer computes
    weighted sums of the layer before and applies an activation (ReLU); the output layer computes weighted
    sums only. Left to right, once, with no loops."""

    def construct(self):
        # beat: title
        title = label("Feed-forward network", size=36).to_edge(UP, buff=0.4)
        self.play(FadeIn(title, shift=DOWN * 0.2), run_time=0.8)

        # beat: the layers of neurons and every connection between neighbouring layers
        sizes, xs = [3, 4, 4, 2], [-4.5, -1.5, 1.5, 4.5]
        layers = VGroup(*[
            VGroup(*[Circle(0.28, color=MUTED_COLOR, stroke_width=3) for _ in range(n)])
            .arrange(DOWN, buff=0.45).move_to([x, 0.1, 0])
            for n, x in zip(sizes, xs)
        ])
        edges = [VGroup(*[Line(a.get_right(), b.get_left(), color=MUTED_COLOR, stroke_width=1.5)
                          for a in left for b in right])
                 for left, right in zip(layers[:-1], layers[1:])]
        names = ["input x", "hidden 1", "hidden 2", "output"]
        tags = VGroup(*[label(t, size=22, color=MUTED_COLOR).move_to([layer.get_x(), layers.get_bottom()[1] - 0.4, 0])
                        for t, layer in zip(names, layers)])
        self.play(LaggedStart(*[Create(layer) for layer in layers], lag_ratio=0.2),
                  *[Create(e) for e in edges], FadeIn(tags), run_time=2.0)
        note = caption("every neuron is connected to every neuron of the next layer: nn.Linear")
        self.play(FadeIn(note, shift=UP * 0.2), run_time=0.7)
        self.wait(1.0)

        # beat: the input is data
        self.play(*[n.animate.set_fill(CLASS_A_COLOR, opacity=0.8) for n in layers[0]], run_time=0.7)
        step = caption("each hidden layer: weighted sums, then an activation (ReLU)")
        self.play(FadeOut(note, shift=UP * 0.2), FadeIn(step, shift=UP * 0.2), run_time=0.6)

        # beat: the forward pass, one layer at a time, always left to right
        for i, (group, layer) in enumerate(zip(edges, layers[1:])):
            if i == len(edges) - 1:  # beat: the output layer stops at the weighted sums
                last = caption("the output layer: weighted sums only, no activation")
                self.play(FadeOut(step, shift=UP * 0.2), FadeIn(last, shift=UP * 0.2), run_time=0.5)
                step = last
            flashes = [ShowPassingFlash(e.copy().set_color(FORWARD_COLOR).set_stroke(width=4), time_width=0.5)
                       for e in group]
            self.play(*flashes, run_time=1.0)
            self.play(*[n.animate.set_fill(FORWARD_COLOR, opacity=0.8) for n in layer], run_time=0.5)
        done = caption("information flows one way, with no loops: from input to output")
        self.play(FadeOut(step, shift=UP * 0.2), FadeIn(done, shift=UP * 0.2),
                  Indicate(layers[-1], color=FORWARD_COLOR), run_time=1.0)
        self.wait(1.5)


class RecurrentUnrolled(Scene):
    """A recurrent network reads a sequence one element at a time. The loop of one cell is unrolled
    through time: the same cell, with the same weights, at every step, passing its hidden state along."""

    def construct(self):
        # beat: one cell with a loop
        title = label("Recurrent network", size=36).to_edge(UP, buff=0.4)
        self.play(FadeIn(title, shift=DOWN * 0.2), run_time=0.8)
        cell = node("RNN cell", OP_COLOR, size=24, min_width=1.8, height=0.9).move_to([0, 0.2, 0])
        loop = CurvedArrow(cell.get_right() + UP * 0.2, cell.get_left() + UP * 0.2, angle=PI * 1.3,
                           color=HIDDEN_COLOR, stroke_width=3)
        h = label("h", size=24, color=HIDDEN_COLOR).next_to(loop, UP, buff=0.1)
        x = label("xₜ", size=24, color=CLASS_A_COLOR).next_to(cell, DOWN, buff=0.8)
        x_arrow = arrow_between(x, cell)
        self.play(FadeIn(cell), Create(loop), FadeIn(h), FadeIn(x), GrowArrow(x_arrow), run_time=1.2)
        note = caption("the cell feeds its hidden state h back into itself at the next step")
        self.play(FadeIn(note, shift=UP * 0.2), run_time=0.6)
        self.wait(1.2)

        # beat: unroll the loop through time
        steps = 4
        cells = VGroup(*[node("RNN cell", OP_COLOR, size=20, min_width=1.6, height=0.8) for _ in range(steps)])
        cells.arrange(RIGHT, buff=1.3).move_to([0.3, 0.2, 0])
        xs = VGroup(*[label(f"x{'₁₂₃₄'[t]}", size=24, color=CLASS_A_COLOR).next_to(c, DOWN, buff=0.8)
                      for t, c in enumerate(cells)])
        ys = VGroup(*[label(f"y{'₁₂₃₄'[t]}", size=24, color=FORWARD_COLOR).next_to(c, UP, buff=0.8)
                      for t, c in enumerate(cells)])
        h0 = label("h₀", size=24, color=HIDDEN_COLOR).next_to(cells[0], LEFT, buff=0.8)
        in_arrows = VGroup(*[arrow_between(a, c) for a, c in zip(xs, cells)])
        out_arrows = VGroup(*[arrow_between(c, y) for c, y in zip(cells, ys)])
        h_arrows = VGroup(arrow_between(h0, cells[0], color=HIDDEN_COLOR),
                          *[arrow_between(a, b, color=HIDDEN_COLOR) for a, b in zip(cells[:-1], cells[1:])])
        h_tags = VGroup(*[label(f"h{'₁₂₃'[t]}", size=20, color=HIDDEN_COLOR).next_to(arr, UP, buff=0.08)
                          for t, arr in enumerate(h_arrows[1:])])
        unrolled = caption("unrolled through time: the same cell, the same weights, at every step")
        self.play(ReplacementTransform(VGroup(cell, loop, h, x, x_arrow), VGroup(*cells)),
                  FadeOut(note, shift=UP * 0.2), FadeIn(unrolled, shift=UP * 0.2), run_time=1.4)
        self.play(FadeIn(xs), *[GrowArrow(a) for a in in_arrows], FadeIn(h0), run_time=0.9)

        # beat: step through the sequence, the hidden state carried along
        for t in range(steps):
            self.play(GrowArrow(h_arrows[t]), Indicate(cells[t], color=OP_COLOR, scale_factor=1.1),
                      *([FadeIn(h_tags[t - 1])] if t else []), run_time=0.7)
            self.play(GrowArrow(out_arrows[t]), FadeIn(ys[t], shift=UP * 0.2), run_time=0.5)
        memory = caption("h carries what the network has read so far: text, audio, time series")
        self.play(FadeOut(unrolled, shift=UP * 0.2), FadeIn(memory, shift=UP * 0.2), run_time=0.7)
        self.wait(1.8)


class ConvolutionSlide(Scene):
    """A 3×3 kernel that detects vertical edges slides over a 6×6 image with a dark left half and a
    bright right half. At each position it multiplies and sums, filling one cell of the 4×4 feature
    map: the map lights up (3) exactly where the edge is, and is 0 elsewhere."""

    def construct(self):
        image = [[0, 0, 0, 1, 1, 1] for _ in range(6)]
        kernel = [[-1, 0, 1] for _ in range(3)]
        size = 0.62

        def grid(values, color, at, shade):
            """A grid of numbered squares; each square is filled by how large its value is."""
            cells = VGroup()
            for row in values:
                for v in row:
                    sq = Square(size, stroke_color=MUTED_COLOR, stroke_width=1.5)
                    sq.set_fill(color, opacity=shade(v))
                    cells.add(VGroup(sq, label(str(v), size=20)))
            cells.arrange_in_grid(rows=len(values), buff=0).move_to(at)
            return cells

        # beat: title, the image and the kernel
        title = label("Convolution", size=36).to_edge(UP, buff=0.4)
        img = grid(image, CLASS_A_COLOR, [-3.6, -0.1, 0], lambda v: 0.1 + 0.6 * v)
        ker = grid(kernel, KERNEL_COLOR, [0.4, 1.2, 0], lambda v: 0.5 if v else 0.1)
        img_tag = label("image 6×6", size=22, color=MUTED_COLOR).next_to(img, UP, buff=0.2)
        ker_tag = label("kernel 3×3", size=22, color=KERNEL_COLOR).next_to(ker, UP, buff=0.2)
        self.play(FadeIn(title, shift=DOWN * 0.2), FadeIn(img), FadeIn(img_tag), run_time=1.0)
        self.play(FadeIn(ker), FadeIn(ker_tag), run_time=0.8)

        # beat: the empty feature map
        out = [[0, 3, 3, 0] for _ in range(4)]
        fmap = grid(out, FORWARD_COLOR, [4.2, -0.1, 0], lambda v: 0.1 + 0.2 * v)
        for c in fmap:
            c[1].set_opacity(0)
            c[0].set_fill(opacity=0)
        fmap_tag = label("feature map 4×4", size=22, color=MUTED_COLOR).next_to(fmap, UP, buff=0.2)
        note = caption("multiply the 3×3 patch by the kernel, add up the 9 products")
        self.play(FadeIn(fmap), FadeIn(fmap_tag), FadeIn(note, shift=UP * 0.2), run_time=0.8)

        # beat: the kernel window slides over every position, filling one output cell each time
        window = Square(3 * size, color=KERNEL_COLOR, stroke_width=6)
        window.move_to(VGroup(*[img[r * 6 + c] for r in range(3) for c in range(3)]))
        pointer = Square(size, color=KERNEL_COLOR, stroke_width=6).move_to(fmap[0])
        self.play(TransformFromCopy(ker, window), Create(pointer), run_time=0.8)
        for r in range(4):
            for c in range(4):
                patch = VGroup(*[img[(r + i) * 6 + c + j] for i in range(3) for j in range(3)])
                target = fmap[r * 4 + c]
                slow = r == 0  # the first row slowly, the rest at speed
                self.play(window.animate.move_to(patch), pointer.animate.move_to(target),
                          run_time=0.45 if slow else 0.18)
                self.play(target[0].animate.set_fill(FORWARD_COLOR, opacity=0.1 + 0.2 * out[r][c]),
                          target[1].animate.set_opacity(1), run_time=0.4 if slow else 0.14)
            if r == 0:
                fast = caption("the same 9 weights at every position: weight sharing")
                self.play(FadeOut(note, shift=UP * 0.2), FadeIn(fast, shift=UP * 0.2), run_time=0.5)
                note = fast

        # beat: the map lights up where the edge is
        self.play(FadeOut(window), FadeOut(pointer), run_time=0.4)
        edge = caption("the map lights up where the vertical edge is; nn.Conv2d learns its own kernels")
        hot = VGroup(*[fmap[r * 4 + c] for r in range(4) for c in (1, 2)])
        self.play(FadeOut(note, shift=UP * 0.2), FadeIn(edge, shift=UP * 0.2),
                  Indicate(hot, color=FORWARD_COLOR, scale_factor=1.05), run_time=1.0)
        self.wait(1.8)


class CoversTheoremLift(ThreeDScene):
    """XOR-like points: class A where x·y > 0 (quadrants I and III), class B where x·y < 0. Three lines
    are tried and each leaves points on the wrong side. Then every point is lifted to z = x·y, the camera
    turns to show the third dimension, and the flat plane z = 0 separates the two classes perfectly.
    One lift chosen to fit this data, not Cover's theorem itself: the theorem counts how likely a
    separation is, and says lifts help when the points are few relative to the dimension."""

    def construct(self):
        rng = np.random.default_rng(3)
        pts = []
        for sx, sy in [(1, 1), (-1, -1), (-1, 1), (1, -1)]:
            for _ in range(9):
                pts.append([sx * rng.uniform(0.45, 1.6), sy * rng.uniform(0.45, 1.6)])
        pts = np.array(pts)
        cls_a = pts[:, 0] * pts[:, 1] > 0

        def fixed(*mobs):
            """Text stays flat on the screen while the camera moves."""
            self.add_fixed_in_frame_mobjects(*mobs)
            return mobs[0]

        # beat: title, axes and the two classes
        title = fixed(label("XOR, lifted into 3-D", size=36).to_edge(UP, buff=0.3))
        self.play(FadeIn(title), run_time=0.7)
        axes = ThreeDAxes(x_range=[-2, 2, 1], y_range=[-2, 2, 1], z_range=[-2, 2, 1],
                          x_length=5, y_length=5, z_length=4, axis_config={"color": MUTED_COLOR})
        scale = axes.x_length / 4  # scene units per data unit
        # Flat dots that always face the camera: they read as spheres, and cost one face each where a
        # Dot3D costs dozens (the 3-D render sorts every face on every frame).
        dots = VGroup(*[Dot(axes.c2p(x, y, 0), radius=0.08, color=CLASS_A_COLOR if a else CLASS_B_COLOR)
                        for (x, y), a in zip(pts, cls_a)])
        self.add_fixed_orientation_mobjects(*dots)
        self.remove(*dots)
        self.play(Create(axes.x_axis), Create(axes.y_axis), run_time=0.8)
        self.play(LaggedStart(*[FadeIn(d, scale=0.5) for d in dots], lag_ratio=0.03), run_time=1.2)
        note = fixed(caption("two classes, in opposite corners: XOR"))
        self.play(FadeIn(note), run_time=0.5)

        # beat: try lines; each leaves points on the wrong side
        def wrong_of(normal, offset):
            side = pts @ np.array(normal) + offset > 0
            wrong = side != cls_a
            return wrong if wrong.sum() <= len(pts) / 2 else ~wrong  # either side may be class A

        def boundary(normal, offset):
            n = np.array(normal, dtype=float)
            d = np.array([-n[1], n[0]]) / np.linalg.norm(n)
            p0 = -offset * n / (n @ n)
            a, b = p0 - 2.4 * d, p0 + 2.4 * d
            return Line(axes.c2p(*a, 0), axes.c2p(*b, 0), color=BOUNDARY_COLOR, stroke_width=4)

        line, rings, count = None, VGroup(), None
        for normal, offset in [((1, 0.15), 0.0), ((1, -1), 0.3), ((0.2, 1), 0.7)]:
            new_line = boundary(normal, offset)
            wrong = wrong_of(normal, offset)
            new_rings = VGroup(*[Circle(0.15, color=WRONG_COLOR, stroke_width=3).move_to(d)
                                 for d, w in zip(dots, wrong) if w])
            new_count = fixed(tally(f"{wrong.sum()} of {len(pts)}", WRONG_COLOR))
            self.remove(new_count)
            first = line is None
            self.play(Create(new_line) if first else Transform(line, new_line),
                      FadeOut(rings), *([] if first else [FadeOut(count)]), run_time=0.9)
            line = line or new_line
            self.play(FadeIn(new_rings), FadeIn(new_count), run_time=0.5)
            rings, count = new_rings, new_count
            self.wait(0.6)
        no_line = fixed(caption("in 2-D, no straight line gets every point right"))
        self.play(FadeOut(note), FadeIn(no_line), run_time=0.5)
        self.wait(0.8)

        # beat: lift every point to z = x·y and turn the camera
        lift = fixed(caption("add a third feature z = x·y: a nonlinear map into 3-D"))
        self.play(FadeOut(line), FadeOut(rings), FadeOut(count), FadeOut(no_line), FadeIn(lift), run_time=0.6)
        self.move_camera(phi=80 * DEGREES, theta=-55 * DEGREES, zoom=1.15, added_anims=[Create(axes.z_axis)],
                         run_time=1.6)
        self.play(*[d.animate.shift(OUT * scale * x * y / 1.3) for d, (x, y) in zip(dots, pts)], run_time=1.6)

        # beat: the plane z = 0 separates them perfectly
        plane = Rectangle(width=axes.x_length, height=axes.y_length, stroke_color=BOUNDARY_COLOR,
                          stroke_width=2, fill_color=BOUNDARY_COLOR, fill_opacity=0.18).move_to(axes.c2p(0, 0, 0))
        zero = fixed(tally(f"0 of {len(pts)}", BOUNDARY_COLOR))
        self.remove(zero)
        flat = fixed(caption("class A above, class B below: now a flat plane separates them"))
        self.remove(flat)
        self.play(FadeIn(plane), FadeOut(lift), FadeIn(flat), FadeIn(zero), run_time=1.0)
        self.begin_ambient_camera_rotation(rate=0.12)
        self.wait(3.0)
        self.stop_ambient_camera_rotation()
        self.wait(0.5)
