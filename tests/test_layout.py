"""coursekit is laid out by stage, and its imports run one way: course -> build -> video -> site -> the command line.

Every import counts, also one inside a function (a lazy import is still a dependency). The checker is tested on a
made-up package too, so that a checker that saw nothing could not pass.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "coursekit"
STAGES = ["course", "build", "video", "site"]  # in the order data flows
TOP = {"__init__", "__main__", "cli", "bench"}  # the command line and the benchmark sit above every stage
MAX_LINES = 420  # "no module over about 400 lines": a module past this holds more than one concept


def modules(package: Path) -> dict[str, Path]:
    """Dotted name under the package -> file, for every module."""
    return {".".join(p.relative_to(package).with_suffix("").parts): p for p in sorted(package.rglob("*.py"))}


def imports(path: Path, name: str, package_name: str) -> list[tuple[int, str]]:
    """(line, dotted name under the package) of every import of the package's own modules in one file."""
    found = []
    here = name.split(".")
    if path.name != "__init__.py":
        here = here[:-1]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolved against the importing module's package
                base = ".".join([package_name, *here[:len(here) - node.level + 1]])
                module = f"{base}.{node.module}" if node.module else base
            else:
                module = node.module or ""
            # each name is a module (`from pkg import module`) or a name inside one; resolve() tells which
            found += [(node.lineno, f"{module}.{a.name}") for a in node.names]
    own = []
    for line, dotted in found:
        if dotted == package_name or dotted.startswith(package_name + "."):
            own.append((line, dotted[len(package_name) + 1:]))
    return own


def resolve(target: str, found: dict[str, Path]) -> str | None:
    """The module an imported dotted name lives in (a package is its __init__), or None if not the package's."""
    for candidate in (target, target.rsplit(".", 1)[0]):
        if candidate in found:
            return candidate
        if f"{candidate}.__init__" in found:
            return f"{candidate}.__init__"
    return None


def stage_of(name: str) -> int:
    first = name.split(".")[0]
    if first in STAGES:
        return STAGES.index(first)
    return len(STAGES)  # the top


def backward_imports(package: Path, package_name: str) -> list[str]:
    """Each import that runs against the stages, as 'file:line: what'."""
    found = modules(package)
    wrong = []
    for name, path in found.items():
        for line, target in imports(path, name, package_name):
            module = resolve(target, found)
            if module and stage_of(module) > stage_of(name):
                wrong.append(f"{path.relative_to(package.parent)}:{line}: {package_name}.{name} (stage "
                             f"{(STAGES + ['top'])[stage_of(name)]}) imports {package_name}.{module} (stage "
                             f"{(STAGES + ['top'])[stage_of(module)]}), against the flow course -> build -> video -> site")
    return wrong


def cycles(package: Path, package_name: str) -> list[list[str]]:
    found = modules(package)
    graph: dict[str, set[str]] = {name: set() for name in found}
    for name, path in found.items():
        for _, target in imports(path, name, package_name):
            module = resolve(target, found)
            if module and module != name and not module.endswith("__init__"):
                graph[name].add(module)
    loops, state = [], {}

    def visit(node, trail):
        state[node] = "open"
        for nxt in sorted(graph[node]):
            if state.get(nxt) == "open":
                loops.append(trail[trail.index(nxt):] + [nxt])
            elif nxt not in state:
                visit(nxt, trail + [nxt])
        state[node] = "done"

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])
    return loops


def test_imports_run_one_way_through_the_stages():
    wrong = backward_imports(PACKAGE, "coursekit")
    assert not wrong, "\n".join(wrong)


def test_no_modules_import_each_other():
    loops = cycles(PACKAGE, "coursekit")
    assert not loops, "import cycles: " + "; ".join(" -> ".join(loop) for loop in loops)


def test_every_module_sits_in_its_stage_or_at_the_top():
    loose = [name for name in modules(PACKAGE) if "." not in name and name not in TOP]
    assert not loose, f"modules outside the stages {STAGES}: {loose}; put each in the folder of its stage"
    for stage in STAGES:
        assert (PACKAGE / stage / "__init__.py").is_file(), f"coursekit/{stage}/ is not a package"


def test_no_module_holds_more_than_one_concept_by_size():
    long = {str(p.relative_to(PACKAGE.parent)): n for p in PACKAGE.rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert not long, f"modules over {MAX_LINES} lines (split them where their concepts part): {long}"


def test_the_packaging_ships_every_stage_and_its_templates():
    import tomllib

    config = tomllib.loads((PACKAGE.parent / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    packages = {".".join(p.relative_to(PACKAGE.parent).parts) for p in PACKAGE.rglob("__init__.py")
                for p in [p.parent]}
    assert packages <= set(config["packages"]), f"pyproject.toml [tool.setuptools] packages lacks {packages - set(config['packages'])}"
    for templates in PACKAGE.glob("*/templates"):
        owner = f"coursekit.{templates.parent.name}"
        assert "templates/**/*" in config.get("package-data", {}).get(owner, []), \
            f"{templates.relative_to(PACKAGE.parent)} is not in [tool.setuptools.package-data] {owner}"


# --- the checker itself, on a made-up package ---------------------------------------------------------------

def _package(tmp_path: Path, files: dict[str, str]) -> Path:
    root = tmp_path / "kit"
    for name, text in {"__init__.py": "", **{f"{s}/__init__.py": "" for s in STAGES}, **files}.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    return root


@pytest.mark.parametrize("text", [
    "from kit.site import pages\n",
    "from kit.site.pages import env\n",
    "import kit.video.drafts\n",
    "def later():\n    from kit.build.decks import deck\n",  # a lazy import runs against the flow too
    "from ..site import pages\n",
])
def test_the_checker_finds_a_backward_import(tmp_path, text):
    root = _package(tmp_path, {"course/script.py": text, "site/pages.py": "def env(): pass\n",
                               "video/drafts.py": "", "build/decks.py": "def deck(): pass\n"})
    wrong = backward_imports(root, "kit")
    assert len(wrong) == 1 and wrong[0].startswith("kit/course/script.py:"), wrong


def test_the_checker_accepts_imports_with_the_flow_and_finds_a_cycle(tmp_path):
    root = _package(tmp_path, {"course/script.py": "from kit.course import cells\n",
                               "course/cells.py": "def f():\n    from kit.course.script import x\n",
                               "site/pages.py": "from kit.course.script import x\nfrom kit.video import drafts\n",
                               "video/drafts.py": "from kit.build.decks import deck\n", "build/decks.py": "",
                               "cli.py": "from kit.site import pages\n"})
    assert backward_imports(root, "kit") == []
    loops = cycles(root, "kit")
    assert len(loops) == 1 and set(loops[0]) == {"course.cells", "course.script"}, loops
