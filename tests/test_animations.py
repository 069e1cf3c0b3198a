"""Scenes: each was rendered from its current source, the built videos are what the manifest says, and the render
pipeline is incremental and isolates failures. Scenes are discovered from animations/*.py."""

from __future__ import annotations

import json
import shutil
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image
from conftest import ROOT, SECTIONS, make

from coursekit.build.manim_worker import probe
from coursekit.build.render import _render_one, jobs_for, read_manifest
from coursekit.cli import cli

FILES = [s.animations for s in SECTIONS if s.animations.is_file()]
JOBS = [job for f in FILES for job in jobs_for(f, ROOT, "preview")]


def test_every_section_has_scenes():
    assert JOBS and {j.path for j in JOBS} == set(FILES)


@pytest.mark.parametrize("job", JOBS, ids=lambda j: f"{j.path.stem}.{j.scene}")
def test_scene_was_rendered_from_its_current_source(site, job):
    """The build rendered every scene (a scene that fails to construct fails `make`); its video is of the
    source as it is now, not an older one: the manifest's digest is the scene's current digest."""
    entry = read_manifest(site / "animations" / f"{job.path.stem}.json")[f"{job.path.stem}/{job.scene}"]
    current = {j.scene: j.digest for j in jobs_for(job.path, ROOT, entry["quality"])}[job.scene]
    assert entry["hash"] == current, f"{job.shown}: {job.scene} changed since it was rendered; run make"
    assert entry["animations"] > 0


def test_a_scene_that_cannot_construct_is_reported_by_the_dry_run(tmp_path):
    path = tmp_path / "broken_scenes.py"
    path.write_text(SCENES.format(divisor=0))
    (job,) = [j for j in jobs_for(path, tmp_path, "preview") if j.scene == "Broken"]
    result = _render_one(job, "preview", dry_run=True)
    assert not result["ok"] and "ZeroDivisionError" in result["error"]


@pytest.mark.parametrize("job", JOBS, ids=lambda j: f"{j.path.stem}.{j.scene}")
def test_built_video_matches_its_manifest(site, job):
    entry = read_manifest(site / "animations" / f"{job.path.stem}.json")[f"{job.path.stem}/{job.scene}"]
    info = probe(site / "animations" / entry["mp4"])
    assert (info["width"], info["height"]) == (entry["width"], entry["height"])
    assert info["frames"] == entry["frames"] and info["frames"] > 10
    assert abs(info["duration"] - entry["duration"]) < 0.1
    assert 5 <= entry["duration"] <= 60, "a scene should run 5 to 60 seconds"

    with Image.open(site / "animations" / entry["png"]) as poster:
        assert poster.size == (entry["width"], entry["height"])
        low, high = poster.convert("L").getextrema()
        assert high - low > 32, "the poster is blank"


SCENES = '''
from manim import *


class Good(Scene):
    def construct(self):
        self.play(Create(Square()), run_time=0.5)


class Broken(Scene):
    def construct(self):
        self.play(Create(Circle()), run_time=0.5)
        1 / {divisor}
'''


def render(root: Path, path: Path, out: Path, *scenes: str):
    return CliRunner().invoke(cli, ["--root", str(root), "render", str(path), *scenes, "--out", str(out)])


def scene_project(root: Path, name: str) -> tuple[Path, Path]:
    """A course folder with a scene file ``anims/name`` to write, and the folder its renders go to."""
    (root / "anims").mkdir()
    (root / "scripts").mkdir()
    return root / "anims" / name, root / "media"


@pytest.mark.slow
def test_render_is_incremental_and_isolates_failures(tmp_path):
    scene_file, out = scene_project(tmp_path, "demo_scenes.py")
    scene_file.write_text(SCENES.format(divisor=1))
    first = render(tmp_path, scene_file, out)
    assert first.exit_code == 0, first.output
    assert "2 rendered, 0 failed" in first.output
    good_mp4 = (out / "demo_scenes" / "Good.mp4").read_bytes()
    broken_mp4 = (out / "demo_scenes" / "Broken.mp4").read_bytes()
    info = probe(out / "demo_scenes" / "Good.mp4")
    assert (info["width"], info["height"], info["fps"]) == (854, 480, 15.0)
    assert json.loads((out / "demo_scenes.json").read_text())["scenes"]["demo_scenes/Good"]["frames"] == info["frames"]

    again = render(tmp_path, scene_file, out)
    assert again.exit_code == 0 and "2 scene(s) up to date" in again.output

    scene_file.write_text(SCENES.format(divisor=0))
    failed = render(tmp_path, scene_file, out)
    assert failed.exit_code == 1
    line = SCENES.format(divisor=0).splitlines().index("        1 / 0") + 1
    assert f"anims/demo_scenes.py:{line}: Broken: ZeroDivisionError: division by zero" in failed.output
    assert "0 rendered, 1 failed, 1 up to date" in failed.output  # only the edited scene was tried
    assert (out / "demo_scenes" / "Broken.mp4").read_bytes() == broken_mp4  # previous good output kept
    assert "Traceback" not in failed.output
    assert (out / "demo_scenes" / "Good.mp4").read_bytes() == good_mp4


@pytest.mark.slow
def test_render_any_manim_file_by_scene_name(tmp_path):
    scene_file = tmp_path / "elsewhere.py"
    (tmp_path / "scripts").mkdir()
    scene_file.write_text(textwrap.dedent(SCENES.format(divisor=1)))
    result = render(tmp_path, scene_file, tmp_path / "out", "Good")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "elsewhere" / "Good.mp4").exists()
    assert not (tmp_path / "out" / "elsewhere" / "Broken.mp4").exists()
    unknown = render(tmp_path, scene_file, tmp_path / "out", "Nope")
    assert unknown.exit_code == 1 and "no scene Nope" in unknown.output


ANY_FILE = '''
from manim import *


class TitleCard(Scene):
    """A title card: text added, never animated."""

    def construct(self):
        self.add(Text("Gradient descent"))


class Euler(Scene):
    def construct(self):
        self.play(Write(MathTex(r"e^{i\\pi} + 1 = 0")))


class Moves(Scene):
    def construct(self):
        self.play(Create(Circle()), run_time=0.5)
'''


@pytest.mark.slow
def test_any_manim_file_a_still_scene_is_a_picture_and_a_latex_scene_fails_alone(tmp_path, monkeypatch):
    """On material from outside the course: a scene with only `self.add` gives its PNG and no MP4; a scene
    that needs LaTeX, where LaTeX is missing (a PATH without it, also where it is installed), fails alone
    with how to install it."""
    (tmp_path / "bin").mkdir()
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    scene_file = tmp_path / "talk" / "scenes.py"
    scene_file.parent.mkdir()
    (tmp_path / "scripts").mkdir()
    scene_file.write_text(ANY_FILE)
    out = tmp_path / "media"
    result = render(tmp_path, scene_file, out)
    assert (out / "scenes" / "TitleCard.png").is_file() and not (out / "scenes" / "TitleCard.mp4").exists()
    assert "TitleCard: a still picture" in result.output
    assert (out / "scenes" / "Moves.mp4").is_file()
    assert result.exit_code == 1
    assert "scenes.py:14: Euler: needs LaTeX" in result.output and "make setup LATEX=1" in result.output
    assert "FileNotFoundError" not in result.output
    scene_file.write_text(ANY_FILE.replace("MathTex", "Text"))  # without TeX the file renders whole
    result = render(tmp_path, scene_file, out)
    assert result.exit_code == 0, result.output
    manifest = read_manifest(out / "scenes.json")
    assert manifest["scenes/TitleCard"]["still"] is True and "mp4" not in manifest["scenes/TitleCard"]
    assert manifest["scenes/Moves"]["mp4"] == "scenes/Moves.mp4"
    again = render(tmp_path, scene_file, out)
    assert "3 scene(s) up to date" in again.output, "a still scene is up to date without an MP4"


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("latex") is None or shutil.which("dvisvgm") is None,
                    reason="LaTeX is not installed here: `make setup LATEX=1` installs it (CI does)")
def test_with_latex_installed_a_tex_scene_renders(tmp_path):
    scene_file = tmp_path / "scenes.py"
    (tmp_path / "scripts").mkdir()
    scene_file.write_text(ANY_FILE)
    result = render(tmp_path, scene_file, tmp_path / "media", "Euler")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "media" / "scenes" / "Euler.mp4").is_file()


STILL_SCENE = '''


class TitleStill(Scene):
    """The words "Why PyTorch?" alone in the middle of the frame, in the course's text colour."""

    def construct(self):
        self.add(label("Why PyTorch?", size=48))
'''
STILL_SLIDE = ('\n# %% title-still [markdown] slideshow={"slide_type": "slide"} '
               'animation="../animations/01_why_pytorch.py#TitleStill"\n# ## The question\n')


@pytest.mark.slow
@pytest.mark.browser
def test_a_still_scene_shows_as_its_picture_on_its_slide_and_on_the_site(repo_copy, offline):
    """A scene that never plays, added to a section and shown on a slide: `make` renders its PNG only, and the
    deck and the course's home page show that picture, described, where a video would be."""
    with (repo_copy / "animations" / "01_why_pytorch.py").open("a", encoding="utf-8") as f:
        f.write(STILL_SCENE)
    with (repo_copy / "slides" / "01_why_pytorch.py").open("a", encoding="utf-8") as f:
        f.write(STILL_SLIDE)
    make(repo_copy, "S=01")
    site = repo_copy / "build" / "site"
    assert (site / "animations" / "01_why_pytorch" / "TitleStill.png").is_file()
    assert not (site / "animations" / "01_why_pytorch" / "TitleStill.mp4").exists()

    page = offline.open(site / "decks" / "01_why_pytorch.html", "#/title-still")
    page.wait_for_selector(".reveal.ready")
    picture = page.locator("#title-still img.course-animation")
    picture.wait_for()

    width = Image.open(site / "animations" / "01_why_pytorch" / "TitleStill.png").width
    assert picture.evaluate("img => img.decode().then(() => img.naturalWidth)") == width, "the scene's frame, loaded"
    assert "Why PyTorch?" in picture.get_attribute("alt"), "described by the scene's docstring"
    assert page.locator("#title-still video").count() == 0

    home = offline.open(site / "index.html")
    shown = home.locator('img[src$="TitleStill.png"]')
    assert shown.evaluate("img => img.decode().then(() => img.naturalWidth)") == width
    assert shown.get_attribute("alt") == "TitleStill, a still picture"
    assert home.locator('video source[src$="TitleStill.mp4"]').count() == 0
    assert offline.blocked == [] and offline.failed == []


CACHED = '''
from manim import *


class Two(Scene):
    """{note}"""
    def construct(self):
        square = Square()
        self.play(Create(square), run_time=0.5)
        self.play(square.animate.shift(RIGHT), run_time={seconds})
'''


@pytest.mark.slow
def test_an_edit_reencodes_only_the_animations_it_changed_and_a_damaged_cache_is_rebuilt(tmp_path):
    scene_file, out = scene_project(tmp_path, "cached_scenes.py")
    partials = tmp_path / "build" / "cache" / "manim"

    said = []

    def rendered():
        result = render(tmp_path, scene_file, out)
        assert result.exit_code == 0, result.output
        said.append(result.output)
        files = {p.name: p.stat().st_mtime_ns for p in partials.rglob("partial_movie_files/Two/*.mp4")}
        return probe(out / "cached_scenes" / "Two.mp4")["frames"], files

    scene_file.write_text(CACHED.format(note="first", seconds=0.5))
    frames, first = rendered()
    assert len(first) == 2  # one encoded piece per play call

    scene_file.write_text(CACHED.format(note="first", seconds=1.0))
    longer, second = rendered()
    assert longer > frames  # the edit is in the video
    assert len(set(second) - set(first)) == 1  # only the edited animation encoded
    assert all(second[k] == first[k] for k in first)  # the cached ones untouched (the unchanged one reused)

    for piece in partials.rglob("partial_movie_files/Two/*.mp4"):
        piece.write_bytes(piece.read_bytes()[:64])  # cut short, as an interrupt would leave them
    scene_file.write_text(CACHED.format(note="a new docstring: the scene renders again", seconds=1.0))
    again, _ = rendered()
    assert again == longer  # the damaged pieces were not trusted
    assert "manim's cache of this scene did not load; rendered afresh" in said[-1]
    assert not any("afresh" in output for output in said[:-1])
    assert probe(out / "cached_scenes" / "Two.mp4")["duration"] > 1.4


@pytest.mark.slow
def test_a_scene_renders_in_the_warm_runner_as_in_a_process_of_its_own(tmp_path, warm_servers, monkeypatch):
    scene_file, out = scene_project(tmp_path, "demo_scenes.py")
    scene_file.write_text(SCENES.format(divisor=1))
    warm = render(tmp_path, scene_file, out, "Good")
    assert warm.exit_code == 0, warm.output
    learned = {n for p in warm_servers.glob("warm-*.modules") for n in p.read_text().split()}
    assert "manim" in learned and "demo_scenes" not in learned  # manim kept imported; the scene file never
    monkeypatch.setenv("COURSEKIT_WARM_SERVER", "0")
    own = render(tmp_path, scene_file, tmp_path / "own", "Good")
    assert own.exit_code == 0, own.output
    a, b = probe(out / "demo_scenes" / "Good.mp4"), probe(tmp_path / "own" / "demo_scenes" / "Good.mp4")
    assert a == b and (a["width"], a["height"], a["fps"]) == (854, 480, 15.0)
    # A manim.cfg beside the scenes is read by manim's import: such a scene renders in a process of its own.
    monkeypatch.setenv("COURSEKIT_WARM_SERVER", "1")
    (scene_file.parent / "manim.cfg").write_text("[CLI]\nbackground_color = WHITE\n")
    configured = render(tmp_path, scene_file, out, "Good", "--force")
    assert configured.exit_code == 0, configured.output
    with Image.open(tmp_path / "own" / "demo_scenes" / "Good.png") as before, \
            Image.open(out / "demo_scenes" / "Good.png") as after:
        assert brightness(before) < 50 < 200 < brightness(after)  # manim's black background, then the cfg's white


def brightness(picture) -> float:
    grey = picture.convert("L")
    return sum(grey.getdata()) / grey.width / grey.height
