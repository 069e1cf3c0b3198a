"""The warm demo runner: each demo in a child forked from one process that imported torch once, isolated
from the demos before it, and a hang, crash or early exit fails that demo alone, named by file and cell."""

from __future__ import annotations

from pathlib import Path

import pytest

from coursekit.build.warm import Job, WarmPool, imported_modules


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def pool():
    return WarmPool(["torch"], parallel=2)


def run(pool: WarmPool, *jobs: Job) -> list[dict]:
    results = dict(pool.run(list(jobs)))
    return [results[i] for i in range(len(jobs))]


def test_each_demo_has_its_own_globals_cwd_and_main(pool, tmp_path):
    first = write(tmp_path, "first.py", "# %% leak\nimport os\nimport torch\nLEAKED = torch.ones(1)\n"
                  "os.chdir('/')\nprint('first ran')\n")
    second = write(tmp_path, "second.py", "# %% look\nimport os\nassert 'LEAKED' not in globals()\n"
                   "assert __name__ == '__main__' and __file__.endswith('second.py')\n"
                   "print(os.getcwd())\n")
    work = tmp_path / "work"
    work.mkdir()
    a, b = run(pool, Job(first), Job(second, cwd=work))
    assert a["ok"] and a["output"] == "first ran\n"
    assert b["ok"], b
    assert b["output"].strip() == str(work)  # the second demo's cwd, not the '/' the first one moved to


def test_a_failing_assert_names_the_cell_and_line(pool, tmp_path):
    demo = write(tmp_path, "d.py", "# %% fine\nx = 1\n\n# %% wrong\nassert x == 2, 'x is not 2'\n")
    (result,) = run(pool, Job(demo))
    assert not result["ok"] and result["title"] == "wrong" and result["line"] == 5
    assert result["error"] == "AssertionError: x is not 2"


def test_a_hanging_demo_is_killed_at_its_timeout_and_named(pool, tmp_path):
    demo = write(tmp_path, "hang.py", "# %% setup\nimport time\n\n# %% forever\nwhile True:\n    time.sleep(0.1)\n")
    quick = write(tmp_path, "quick.py", "# %% ok\nprint('still runs')\n")
    hang, ok = run(pool, Job(demo, timeout=1.5), Job(quick))
    assert not hang["ok"] and hang["title"] == "forever"
    assert hang["error"] == "cell 'forever' did not finish within 1.5 s (killed)"
    assert 1.5 <= hang["seconds"] < 60  # killed at its limit, however busy the machine
    assert ok["ok"] and ok["output"] == "still runs\n"


@pytest.mark.parametrize("body, how", [
    ("import os\nos._exit(3)", "exited with code 3 before it finished"),
    ("import ctypes\nctypes.string_at(0)", "killed by SIGSEGV"),
])
def test_a_crash_or_early_exit_fails_that_demo_alone(pool, tmp_path, body, how):
    demo = write(tmp_path, "crash.py", f"# %% before\nprint('before')\n\n# %% boom\n{body}\n")
    after = write(tmp_path, "after.py", "# %% ok\nprint('after')\n")
    crashed, ok = run(pool, Job(demo), Job(after))
    assert not crashed["ok"] and how in crashed["error"] and "in cell 'boom'" in crashed["error"]
    assert crashed["output"].startswith("before\n")  # then, for a crash, its fault dump
    assert ok["ok"]


def test_the_parent_never_ran_a_demo(pool, tmp_path):
    demo = write(tmp_path, "mutate.py", "# %% m\nimport torch\ntorch.manual_seed(123)\ntorch.PARENT_TOUCHED = 1\n")
    run(pool, Job(demo))
    import torch

    assert not hasattr(torch, "PARENT_TOUCHED")


def test_preloaded_modules_come_from_the_demos_own_imports(tmp_path):
    demo = write(tmp_path, "d.py", "import os\nimport torch\nfrom torch import nn\nfrom sklearn.datasets import "
                 "load_digits\nimport numpy as np\n")
    assert imported_modules([demo]) == ["numpy", "sklearn.datasets", "torch"]
