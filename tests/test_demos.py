"""Every demo runs as a viewer would run it, from its own folder, and its assertions hold.

Executing the demo is the test (as in pytorch/tutorials): a demo teaches a claim and asserts it.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

DEMOS = sorted(ROOT.glob("demos/*/*.py"))
ALLOWED_IMPORTS = {"torch", "numpy", "matplotlib", "sklearn"}


def _id(path: Path) -> str:
    return path.relative_to(ROOT / "demos").as_posix()


def test_there_are_demos():
    assert DEMOS, "no demos found under demos/*/"


@pytest.mark.parametrize("demo", DEMOS, ids=_id)
def test_demo_runs(demo: Path, warm, tmp_path: Path):
    # Run from an empty folder: a demo must not depend on the repository around it.
    result = warm.run(demo, cwd=tmp_path)
    assert result["ok"], f"{_id(demo)}:{result.get('line')}: {result.get('error')}\n{result['output'][-3000:]}"
    assert result["output"].strip(), f"{_id(demo)} printed nothing: a demo shows what it teaches"


# One demo a section also runs cold, exactly as a viewer runs it: a missing import cannot hide behind the
# warm runner's preloaded modules there: the section's demo with the most imports.
SECTION_DEMOS: dict[Path, list[Path]] = {}
for _demo in DEMOS:
    SECTION_DEMOS.setdefault(_demo.parent, []).append(_demo)
COLD = [max(group, key=lambda d: (d.read_text(encoding="utf-8").count("import "), d.name))
        for group in SECTION_DEMOS.values()]


@pytest.mark.parametrize("demo", COLD, ids=_id)
def test_demo_runs_cold_as_a_viewer_runs_it(demo: Path, tmp_path: Path):
    env = {"PATH": "/usr/bin:/bin", "MPLBACKEND": "Agg", "HOME": str(tmp_path), "PYTHONHASHSEED": "0"}
    proc = subprocess.run([sys.executable, str(demo)], cwd=tmp_path, env=env, capture_output=True, text=True,
                          timeout=300)
    assert proc.returncode == 0, f"{_id(demo)} failed:\n{proc.stdout[-2000:]}\n{proc.stderr[-4000:]}"
    assert proc.stdout.strip(), f"{_id(demo)} printed nothing: a demo shows what it teaches"


@pytest.mark.parametrize("demo", DEMOS, ids=_id)
def test_demo_is_standalone_and_self_checking(demo: Path):
    tree = ast.parse(demo.read_text(encoding="utf-8"))
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            assert not node.level, f"{_id(demo)}: relative import; demos are standalone files"
            imported.add(node.module.split(".")[0])
    stdlib = set(sys.stdlib_module_names)
    foreign = imported - ALLOWED_IMPORTS - stdlib
    assert not foreign, f"{_id(demo)} imports {sorted(foreign)}; demos may use only torch, numpy, matplotlib, sklearn"
    asserts = sum(isinstance(n, ast.Assert) for n in ast.walk(tree))
    assert asserts, f"{_id(demo)} asserts nothing: state the claim it teaches with assert"
