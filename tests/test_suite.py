"""The suite's own machinery: tests marked with one xdist_group run on one worker, so the fixture they share (a
take and its cut) is made once. pytest 9.2 with pytest-xdist 3.8 ran them on every worker without a word."""

from __future__ import annotations

import os
import subprocess
import sys


def test_an_xdist_group_runs_on_one_worker(tmp_path):
    seen = tmp_path / "seen"
    seen.mkdir()
    (tmp_path / "test_grouped.py").write_text(
        "import os\nfrom pathlib import Path\nimport pytest\n\npytestmark = pytest.mark.xdist_group('shared')\n\n\n"
        "@pytest.mark.parametrize('n', range(6))\n"
        "def test_worker(n):\n"
        f"    (Path({str(seen)!r}) / f'{{n}}.worker').write_text(os.environ['PYTEST_XDIST_WORKER'])\n",
        encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-n", "2",
                          "--dist", "loadgroup", "--rootdir", str(tmp_path), "test_grouped.py"],
                         cwd=tmp_path, capture_output=True, text=True, timeout=300,
                         env={k: v for k, v in os.environ.items() if not k.startswith("PYTEST_")})
    assert run.returncode == 0, run.stdout + run.stderr
    workers = [p.read_text() for p in seen.glob("*.worker")]
    assert len(workers) == 6 and len(set(workers)) == 1, workers
