"""The bench's breakdown: each coursekit process a measured command starts says how long it took."""

from __future__ import annotations

import sys

from conftest import ROOT

from coursekit.bench.timing import measure


def test_a_measured_build_says_where_its_time_went(tmp_path):
    rows = []
    script = tmp_path / "two_steps.sh"
    script.write_text(f"{sys.executable} -m coursekit --root {ROOT} trace 01\n"
                      f"{sys.executable} -m coursekit --root {ROOT} check > /dev/null\n")
    measure(rows, "two steps", 2, lambda i: None, ["bash", str(script)], tmp_path, echo=lambda *_: None, steps=True)
    (row,) = rows
    assert row.note.startswith("steps: `trace 01` ") and ", `check` " in row.note
    seconds = [float(part.split()[-2]) for part in row.note.removeprefix("steps: ").split(", ")]
    assert all(0 < s < row.median for s in seconds)
    assert not (tmp_path / ".bench-steps.log").exists()

    measure(rows, "no steps asked", 1, lambda i: None, ["bash", str(script)], tmp_path, echo=lambda *_: None)
    assert rows[-1].note == ""
