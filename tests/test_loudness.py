"""Sound levels: a gain's level is known without measuring it again (loudness.gained), which normalise relies on,
checked against libebur128's own measurement of speech in a room (espeak-ng, faint noise and mains hum)."""

from __future__ import annotations

import numpy as np
import pytest

from coursekit.course.problems import Problem
from coursekit.video import loudness
from coursekit.video.speech import RATE, Speaker, Voice

SENTENCES = ["A tensor remembers the operation that made it.", "Backward walks that record in reverse.",
             "Each leaf receives its gradient."]


@pytest.fixture(scope="module")
def speech(tmp_path_factory) -> np.ndarray:
    """Three spoken sentences with pauses between them, over a quiet room with hum, as float samples."""
    clips = Speaker(Voice(), tmp_path_factory.mktemp("speech")).speak([(s, Problem("test", 0, "")) for s in SENTENCES])
    pause = np.zeros(RATE, np.int16)
    voice = np.concatenate([part for clip in clips for part in (clip, pause)]).astype(np.float64) / 32768
    rng = np.random.default_rng(3)
    room = rng.normal(0, 0.00005, len(voice)) + 0.0008 * np.sin(2 * np.pi * 50 * np.arange(len(voice)) / RATE)
    return (voice * 0.3 + room).astype(np.float32)


@pytest.mark.parametrize("db", [-12.0, -2.5, 4.0, 11.0])
def test_a_gains_level_is_the_level_measured_after_it(speech, db):
    predicted = loudness.gained(speech, loudness.measure(speech, RATE), db)
    measured = loudness.measure(predicted[0], RATE)
    assert abs(predicted[1].lufs - measured.lufs) < 0.01, (predicted[1], measured)
    assert abs(predicted[1].true_peak - measured.true_peak) < 0.01, (predicted[1], measured)


@pytest.mark.parametrize("scale", [0.05, 1.0, 3.0])  # quiet, as spoken, and so hot that the gain meets the limiter
def test_normalise_reaches_the_target_under_the_ceiling_and_reports_what_it_measured(speech, scale):
    out, level = loudness.normalise(speech * np.float32(scale), RATE, -16.0, -1.5)
    again = loudness.measure(out, RATE)
    assert abs(level.lufs - again.lufs) < 1e-6 and abs(level.true_peak - again.true_peak) < 1e-6, (level, again)
    assert abs(level.lufs + 16.0) <= 0.1, level
    assert level.true_peak <= -1.5, level
