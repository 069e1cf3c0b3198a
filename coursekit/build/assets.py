"""Front-end assets vendored from node_modules/ (installed by `npm ci`) into build/site/assets/, once for all decks."""

from __future__ import annotations

import ast
import shutil
from pathlib import Path

import click

from coursekit.course import cache, fsio
from coursekit.course.problems import CourseError, Problem

PACKAGE = Path(__file__).parent.parent

# (package, glob inside it, destination folder under assets/). Only what a deck loads: MathJax 2 is 73 MB
# unpacked, a deck needs its TeX input, CommonHTML output and that output's web fonts.
MANIFEST = [
    ("reveal.js", "dist/reveal.js", "reveal.js/dist"),
    ("reveal.js", "dist/reveal.css", "reveal.js/dist"),
    ("reveal.js", "dist/reset.css", "reveal.js/dist"),
    ("reveal.js", "dist/theme/black.css", "reveal.js/dist/theme"),
    ("reveal.js", "dist/theme/fonts/source-sans-pro/*", "reveal.js/dist/theme/fonts/source-sans-pro"),
    ("reveal.js", "plugin/notes/notes.js", "reveal.js/plugin/notes"),
    ("reveal.js", "plugin/notes/speaker-view.html", "reveal.js/plugin/notes"),
    ("reveal.js", "LICENSE", "reveal.js"),
    ("requirejs", "require.js", "requirejs"),
    ("jquery", "dist/jquery.min.js", "jquery"),
    ("jquery", "LICENSE.txt", "jquery"),
    ("mathjax", "MathJax.js", "mathjax"),
    ("mathjax", "LICENSE", "mathjax"),
    ("mathjax", "config/TeX-AMS_CHTML-full.js", "mathjax/config"),
    ("mathjax", "config/Safe.js", "mathjax/config"),
    ("mathjax", "extensions/*.js", "mathjax/extensions"),
    ("mathjax", "extensions/TeX/*.js", "mathjax/extensions/TeX"),
    ("mathjax", "jax/input/TeX/*.js", "mathjax/jax/input/TeX"),
    ("mathjax", "jax/element/mml/*.js", "mathjax/jax/element/mml"),
    ("mathjax", "jax/element/mml/optable/*.js", "mathjax/jax/element/mml/optable"),
    ("mathjax", "jax/output/CommonHTML/*.js", "mathjax/jax/output/CommonHTML"),
    ("mathjax", "jax/output/CommonHTML/autoload/*.js", "mathjax/jax/output/CommonHTML/autoload"),
    ("mathjax", "jax/output/CommonHTML/fonts/TeX/*.js", "mathjax/jax/output/CommonHTML/fonts/TeX"),
    ("mathjax", "fonts/HTML-CSS/TeX/woff/*.woff", "mathjax/fonts/HTML-CSS/TeX/woff"),
]
# Our own files, shipped inside coursekit beside the stage whose pages use them: the decks' style here, the
# site's and the teleprompter's in coursekit/site/. One assets/ folder serves every page.
OWN = [("build/templates/course/course.css", "course.css"), ("site/templates/site/site.css", "site.css"),
       ("site/templates/site/prompter.css", "prompter.css"), ("site/templates/site/prompter.js", "prompter.js")]


def _sources(root: Path) -> list[tuple[Path, str]]:
    modules = root / "node_modules"
    found: list[tuple[Path, str]] = []
    for package, pattern, dest in MANIFEST:
        matches = sorted((modules / package).glob(pattern))
        if not matches:
            raise CourseError(Problem(f"node_modules/{package}/{pattern}", 0,
                                      "vendored front-end asset missing; run `npm ci` (or `make`, which runs it)"))
        found += [(m, f"{dest}/{m.name}") for m in matches if m.is_file()]
    found += [(PACKAGE / name, dest) for name, dest in OWN]
    return found


# The colours a course without animations/style.py gets (this course's own), so that anyone's deck has a
# background and text colour; a PALETTE there overrides them name by name.
DEFAULT_PALETTE = {"background": "#14161B", "text": "#ECECEC", "muted": "#8A8F98", "tensor": "#58C4DD",
                   "op": "#9A72AC", "forward": "#83C167", "backward": "#FC6255", "grad": "#F7D96F"}


def palette_css(root: Path) -> str:
    """CSS variables from PALETTE in animations/style.py, so slides and pages use the animations' colours."""
    style = root / "animations" / "style.py"
    palette = dict(DEFAULT_PALETTE)
    if style.exists():
        for node in ast.parse(style.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "PALETTE" for t in node.targets):
                palette.update(ast.literal_eval(node.value))
    lines = [f"  --course-{name}: {value};" for name, value in sorted(palette.items())]
    return "/* Generated from PALETTE in animations/style.py by coursekit assets. */\n:root {\n" + "\n".join(lines) + "\n}\n"


def build_assets(root: Path, out: Path) -> bool:
    """Copy the assets into ``out`` (build/site/assets, or an assets/ folder beside decks written elsewhere);
    False when they were already up to date."""
    sources = _sources(root)
    lock = root / "package-lock.json"
    palette = palette_css(root)
    digest = cache.key({"lock": fsio.file_sha256(lock) if lock.exists() else "", "palette": palette,
                        "files": [(dest, src.stat().st_size, fsio.file_sha256(src) if src.parent.name != "woff" else "")
                                  for src, dest in sources]})
    stamps = cache.Stamps(root / "build" / "cache")
    marker = out / ".complete"
    name = "assets" if out == root / "build" / "site" / "assets" else f"assets-{fsio.sha256(str(out.resolve()))[:16]}"
    if stamps.fresh(name, digest, [marker]):
        return False
    for src, dest in sources:
        target = out / dest
        with fsio.atomic_path(target) as tmp:
            shutil.copyfile(src, tmp)
    fsio.write_text(out / "palette.css", palette)
    fsio.write_text(marker, digest)
    stamps.record(name, digest, files=len(sources))
    return True


@click.command()
@click.pass_obj
def assets(root: Path) -> None:
    """Copy reveal.js, require.js, jQuery and MathJax from node_modules into build/site/assets."""
    out = root / "build" / "site" / "assets"
    changed = build_assets(root, out)
    click.echo(f"assets: {'copied into' if changed else 'up to date in'} {out.relative_to(root)}")
