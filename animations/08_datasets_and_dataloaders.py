"""Section 08, datasets and dataloaders: Manim scenes."""

import numpy as np
from manim import *
from sklearn.datasets import load_digits  # bundled with scikit-learn: no download

from style import *  # shared palette, fonts, helpers; animations/ is on sys.path when rendering

FEATURE_COLOR = TENSOR_COLOR  # a sample's features are data
LABEL_COLOR = "#FF862F"       # a sample's label (the target); only this section needs the colour
LOADER_COLOR = OP_COLOR       # what the DataLoader does: pick, shuffle, batch

N_SAMPLES, BATCH = 10, 4
ROW_GAP, TOP_ROW = 0.5, 2.25           # the dataset column: slot k sits at y = TOP_ROW - k·ROW_GAP
CELL_W, CELL_H = 0.045, 0.36           # one of the 64 features of a row
STACK_X, STACK_TOP = 1.7, 1.05         # where a batch's features stack up
LABELS_X = 4.25                        # and its labels
CAPTION_AT = [0, -3.35, 0]


def feature_strip(pixels):
    """64 features as a row of cells, brighter for larger pixel values (0..16)."""
    cells = VGroup(*[
        Rectangle(width=CELL_W, height=CELL_H, stroke_width=0,
                  fill_color=FEATURE_COLOR, fill_opacity=0.08 + 0.92 * v / 16)
        for v in pixels
    ]).arrange(RIGHT, buff=0)
    frame = SurroundingRectangle(cells, buff=0, color=MUTED_COLOR, stroke_width=1)
    return VGroup(cells, frame)


def sample_row(index, pixels, target):
    """One sample as the Dataset returns it: its index, its features and its label."""
    idx = label(str(index), size=22, color=MUTED_COLOR, mono=True)
    strip = feature_strip(pixels)
    lab = label(str(target), size=24, color=LABEL_COLOR, mono=True)
    row = VGroup(idx, strip, lab)
    idx.next_to(strip, LEFT, buff=0.3)
    lab.next_to(strip, RIGHT, buff=0.3)
    return row


def slot(k):
    return np.array([-4.0, TOP_ROW - k * ROW_GAP, 0])


class DataLoaderBatches(Scene):
    """A Dataset of 10 digits (index, 64 features, label) as a column. In each epoch, shuffle=True
    moves the rows into a new random order, and the DataLoader cuts that order into mini-batches of
    4: their features stack into X with shape [4, 64], their labels into y with shape [4]; the last
    batch holds the 2 samples left over. A second epoch draws a different order."""

    def construct(self):
        rng = np.random.default_rng(7)
        X, y = load_digits(return_X_y=True)
        classes = rng.permutation(10)  # one digit of each class, in a random order
        picked = [rng.choice(np.flatnonzero(y == c)) for c in classes]
        orders = [rng.permutation(N_SAMPLES), rng.permutation(N_SAMPLES)]

        # beat: title, then it shrinks to the top
        heading = open_with_title(self, "DataLoader", "shuffle, then cut into mini-batches",
                                  label("DataLoader(dataset, batch_size=4, shuffle=True)", size=28, mono=True))

        # beat: the Dataset, one row per sample: dataset[i] → (features, label)
        rows = [sample_row(i, X[p], y[p]) for i, p in enumerate(picked)]
        for i, row in enumerate(rows):
            row.move_to(slot(i))
        heads = VGroup(
            label("i", size=20, color=MUTED_COLOR).next_to(rows[0][0], UP, buff=0.2),
            label("features: 64 pixels", size=20, color=FEATURE_COLOR).next_to(rows[0][1], UP, buff=0.2),
            label("label", size=20, color=LABEL_COLOR).next_to(rows[0][2], UP, buff=0.2),
        )
        for head in heads:
            head.align_to(heads[1], UP)
        caption = label("a Dataset: dataset[i] returns (features, label), len(dataset) = 10", size=24)
        caption.move_to(CAPTION_AT)
        self.play(LaggedStart(*[FadeIn(r, shift=RIGHT * 0.2) for r in rows], lag_ratio=0.08),
                  FadeIn(heads), FadeIn(caption, shift=UP * 0.2), run_time=1.4)
        self.wait(0.6)

        def swap(new_text):
            """Replace the caption: the old one leaves upwards, the new one rises in."""
            nonlocal caption
            new = label(new_text, size=24).move_to(CAPTION_AT)
            anim = AnimationGroup(FadeOut(caption, shift=UP * 0.25), FadeIn(new, shift=UP * 0.25))
            caption = new
            return anim

        def shuffle(order):
            """Rows swap places: the sample order[k] moves to slot k."""
            moves = [rows[i].animate(path_arc=0.5).move_to(slot(k)) for k, i in enumerate(order)]
            self.play(*moves, run_time=1.2)

        def take_batch(order, b, old=None):
            """Highlight the next 4 slots, stack their features into X and their labels into y."""
            members = list(order[b * BATCH:(b + 1) * BATCH])
            n = len(members)
            box = SurroundingRectangle(VGroup(*[rows[i] for i in members]), color=LOADER_COLOR, buff=0.07)
            strips = [rows[i][1].copy() for i in members]
            labs = [rows[i][2].copy() for i in members]
            targets = [np.array([STACK_X, STACK_TOP - j * CELL_H, 0]) for j in range(n)]
            fades = [FadeOut(old)] if old is not None else []
            self.play(Create(box), *fades, run_time=0.5)
            self.play(*[s.animate.move_to(t) for s, t in zip(strips, targets)],
                      *[lb.animate.move_to([LABELS_X, t[1], 0]) for lb, t in zip(labs, targets)],
                      run_time=1.0)
            x_frame = SurroundingRectangle(VGroup(*strips), color=FEATURE_COLOR, buff=0.06)
            y_frame = SurroundingRectangle(VGroup(*labs), color=LABEL_COLOR, buff=0.12)
            x_name = label(f"X: [{n}, 64]", size=26, color=FEATURE_COLOR, mono=True)
            y_name = label(f"y: [{n}]", size=26, color=LABEL_COLOR, mono=True)
            x_name.next_to(x_frame, UP, buff=0.2)
            y_name.next_to(y_frame, UP, buff=0.2).align_to(x_name, DOWN)
            which = label(f"batch {b + 1} of 3", size=22, color=LOADER_COLOR)
            which.next_to(VGroup(x_name, y_name), UP, buff=0.3)
            picked_idx = label("indices " + " ".join(map(str, members)), size=20, color=MUTED_COLOR, mono=True)
            picked_idx.next_to(x_frame, DOWN, buff=0.25)
            self.play(Create(x_frame), Create(y_frame), FadeIn(x_name), FadeIn(y_name), FadeIn(which),
                      FadeIn(picked_idx), FadeOut(box), run_time=0.7)
            return VGroup(*strips, *labs, x_frame, y_frame, x_name, y_name, which, picked_idx)

        # beat: epoch 1: the sampler draws a random order, the rows swap places
        self.play(swap("epoch 1: shuffle=True draws a random order of the indices"), run_time=0.6)
        shuffle(orders[0])
        self.wait(0.4)

        # beat: batches of 4, stacked into tensors
        self.play(swap("each step takes the next 4 samples and stacks them into tensors"), run_time=0.6)
        batch = take_batch(orders[0], 0)
        first_epoch1 = batch[-1].copy()
        self.wait(0.6)
        batch = take_batch(orders[0], 1, old=batch)
        self.wait(0.3)
        batch = take_batch(orders[0], 2, old=batch)
        self.play(swap("10 = 4 + 4 + 2: the last batch is smaller (drop_last=True drops it)"), run_time=0.6)
        self.wait(1.1)

        # beat: epoch 2: a new random order, so a different first batch
        self.play(FadeOut(batch), swap("epoch 2: a new iteration draws a new order"), run_time=0.7)
        shuffle(orders[1])
        batch = take_batch(orders[1], 0)
        first_epoch1.next_to(batch[-1], DOWN, buff=0.5)
        tags = VGroup(
            label("epoch 2", size=20, color=MUTED_COLOR).next_to(batch[-1], LEFT, buff=0.3),
            label("epoch 1", size=20, color=MUTED_COLOR).next_to(first_epoch1, LEFT, buff=0.3),
        )
        self.play(FadeIn(first_epoch1, shift=UP * 0.2), FadeIn(tags),
                  swap("same data, different first batch: the model never sees one fixed order"),
                  run_time=0.8)
        self.play(Indicate(first_epoch1, color=LOADER_COLOR), Indicate(batch[-1], color=LOADER_COLOR),
                  run_time=1.2)
        self.wait(1.5)
