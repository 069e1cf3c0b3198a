"""`coursekit downloads`: the viewer's zips, a section's demos as .py and .ipynb with a pinned requirements.txt.

Zips are reproducible: entries sorted, fixed timestamps and permissions, so building twice gives the
same bytes and a changed zip always means changed content.
"""

from __future__ import annotations

import ast
import io
import zipfile
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import click

from coursekit.course import fsio, parsed
from coursekit.course.cells import read_text
from coursekit.course.problems import CourseError
from coursekit.course.sections import Section, discover, select

# import name -> distribution that provides it
DISTRIBUTIONS = {"torch": "torch", "numpy": "numpy", "matplotlib": "matplotlib", "sklearn": "scikit-learn"}
EPOCH = (1980, 1, 1, 0, 0, 0)
ALL_NAME = "all_demos.zip"

README = """# {title}: demo code

These are the demo programs of section {number} of the course *Introduction to PyTorch*.
Each file runs top to bottom and checks what it teaches with `assert`s; the `.ipynb` files are the same
code as notebooks, one cell per titled `# %%` cell.

## Run them

```bash
python -m venv .venv
source .venv/bin/activate          # Windows: .venv\\Scripts\\activate
pip install -r requirements.txt
python {first}
```

- **CPU**: works everywhere. On Linux, `pip install torch` fetches a CUDA build by default; for a smaller
  CPU-only install run `pip install torch=={torch} --index-url https://download.pytorch.org/whl/cpu` first.
- **NVIDIA GPU (CUDA)**: the default Linux wheels include CUDA; on Windows the default wheel is CPU-only,
  so take the install command for your CUDA version from the selector on pytorch.org.
- **Apple silicon (MPS)**: the macOS wheels support the `mps` device.

Demos that use a device ask `torch.accelerator.current_accelerator()` for this machine's accelerator
(`cuda`, `mps`, ...) when `torch.accelerator.is_available()`, and use the CPU otherwise.

In VS Code, open a `.py` file and use *Run Cell* above each `# %%` line to run it cell by cell.

Files: {files}
"""


def imports_of(path: Path) -> set[str]:
    tree = ast.parse(read_text(path, str(path)))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module.split(".")[0])
    return names


def requirements(demos: list[Path]) -> str:
    needed = {"torch"}
    for demo in demos:
        needed |= {DISTRIBUTIONS[n] for n in imports_of(demo) if n in DISTRIBUTIONS}
    lines = []
    for dist in sorted(needed):
        try:
            lines.append(f"{dist}=={version(dist).split('+')[0]}")  # 2.13.0+cpu: the local label is our build
        except PackageNotFoundError:
            lines.append(dist)
    return "\n".join(lines) + "\n"


def to_ipynb(path: Path) -> bytes:
    """The demo as a notebook; each cell title becomes a heading above its cell (kept in the parse cache: the
    all-demos zip converts every demo of the course)."""
    text = read_text(path, str(path))
    return parsed.memo("ipynb", text, str(path), lambda: _notebook_bytes(text))


def _notebook_bytes(text: str) -> bytes:
    import jupytext
    import nbformat

    nb = jupytext.reads(text, fmt="py:percent")
    cells = []
    for cell in nb.cells:
        title = cell.metadata.pop("title", None)
        if title and cell.cell_type == "code":
            cells.append(nbformat.v4.new_markdown_cell(f"### {title}"))
        cells.append(cell)
    nb.cells = cells
    for i, cell in enumerate(nb.cells):  # stable ids, so zips are byte-identical across builds
        cell["id"] = f"cell-{i}"
    nb.metadata = {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
                   "language_info": {"name": "python"}}
    return (nbformat.writes(nb) + "\n").encode("utf-8")


def _add(zf: zipfile.ZipFile, name: str, data: bytes) -> None:
    info = zipfile.ZipInfo(name, EPOCH)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    zf.writestr(info, data)


def section_files(section: Section) -> dict[str, bytes]:
    """Archive name -> bytes for one section's download."""
    demos = section.demos
    folder = section.key
    files: dict[str, bytes] = {}
    for demo in demos:
        files[f"{folder}/{demo.name}"] = demo.read_bytes()
        files[f"{folder}/{demo.stem}.ipynb"] = to_ipynb(demo)
    files[f"{folder}/requirements.txt"] = requirements(demos).encode()
    title = section.slug.replace("_", " ").capitalize()
    files[f"{folder}/README.md"] = README.format(
        title=title, number=section.number, first=demos[0].name if demos else "", torch=version("torch"),
        files=", ".join(d.name for d in demos)).encode()
    return files


def write_zip(target: Path, files: dict[str, bytes]) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        for name in sorted(files):
            _add(zf, name, files[name])
    data = buffer.getvalue()
    if target.exists() and target.read_bytes() == data:
        target.touch()
        return
    fsio.write_bytes(target, data)


@click.command()
@click.argument("section", required=False)
@click.option("--all", "everything", is_flag=True, help=f"Write {ALL_NAME}, every section's demos in one zip.")
@click.pass_obj
def downloads(root: Path, section: str | None, everything: bool) -> None:
    """Write the viewer's zip of SECTION's demos (or of every section) into build/site/downloads."""
    sections, problems = discover(root)
    if problems:
        raise CourseError(problems)
    out = root / "build" / "site" / "downloads"
    if everything:
        files: dict[str, bytes] = {}
        for s in sections:
            if s.demos:
                files.update(section_files(s))
        write_zip(out / ALL_NAME, files)
        click.echo(f"downloads: {ALL_NAME} ({len(files)} files)")
        return
    for s in select(sections, section):
        files = section_files(s)
        write_zip(out / f"{s.key}.zip", files)
        click.echo(f"downloads: {s.key}.zip ({len(files)} files)")
