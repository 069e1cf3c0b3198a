"""`coursekit render` and `coursekit animations`: Manim scenes to MP4 + PNG poster, incrementally, in parallel.

A scene is re-rendered only when its inputs changed: its own class and the module-level helpers and
constants of its file that it uses (see scenes.scene_inputs), the shared style module beside it, manim's
version and the quality. Editing one scene re-renders that scene alone. Each scene renders in its own process (coursekit.build.manim_worker), two at a time on
a two-core machine; a scene that fails is reported at its line and the others go on.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from contextlib import contextmanager
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

import click

from coursekit.build import warm_client
from coursekit.course import cache, fsio
from coursekit.course.problems import CourseError, Problem, rel
from coursekit.course.scenes import find_scenes, scene_inputs
from coursekit.course.sections import discover, select

QUALITY_CHOICES = ["preview", "high"]
STYLE = "style.py"
SCENE_TIMEOUT = 600  # seconds


@dataclass(frozen=True)
class Job:
    path: Path  # the scene file
    shown: str
    scene: str
    line: int
    digest: str


def scene_digest(source: str, style: Path, quality: str) -> str:
    """What a scene's video is made from: its own source and what it uses in its file (scenes.scene_inputs),
    the shared style module, manim's version, the quality and the worker that renders it."""
    return cache.key({"scene": fsio.sha256(source), "style": fsio.file_sha256(style) if style.exists() else "",
                      "manim": version("manim"), "quality": quality, "worker": fsio.file_sha256(
                          Path(__file__).with_name("manim_worker.py"))})


def jobs_for(path: Path, root: Path, quality: str, names: list[str] | None = None) -> list[Job]:
    shown = rel(path, root)
    scenes = find_scenes(path, shown)
    if names:
        unknown = sorted(set(names) - {s.name for s in scenes})
        if unknown:
            raise CourseError(Problem(shown, 0, f"no scene {', '.join(unknown)}; scenes here: "
                                      + ", ".join(s.name for s in scenes)))
        scenes = [s for s in scenes if s.name in names]
    inputs = scene_inputs(path, shown)
    style = path.parent / STYLE
    return [Job(path, shown, s.name, s.line, scene_digest(inputs[s.name], style, quality)) for s in scenes]


def _render_one(job: Job, quality: str, dry_run: bool, media: Path | None = None) -> dict:
    """Render one scene in a worker process. With ``media`` (a folder kept for this scene and quality) manim's
    own cache of the scene's animations lives there: an edit re-encodes only the animations it changed, as
    `manim` does by default; without it every animation is encoded afresh in a temporary folder. A failure
    outside the scene's own code (a cached animation cut short by an interrupt, say) is tried once more with
    that folder emptied."""
    result = _render_in(job, quality, dry_run, media)
    if media is not None and not result.get("ok") and not result.get("line"):
        shutil.rmtree(media, ignore_errors=True)
        media.mkdir(parents=True, exist_ok=True)
        result = _render_in(job, quality, dry_run, media)
        result["cache_flushed"] = True
    return result


def _render_in(job: Job, quality: str, dry_run: bool, media: Path | None) -> dict:
    with tempfile.TemporaryDirectory(prefix="coursekit-render-") as tmp:
        result_file = Path(tmp) / "result.json"
        cmd = [sys.executable, "-m", "coursekit.build.manim_worker", str(job.path), job.scene, "--quality", quality,
               "--media-dir", str(media or Path(tmp) / "media"), "--result", str(result_file)]
        if dry_run:
            cmd.append("--dry-run")
        elif media is not None:
            cmd.append("--cache")
        started = time.monotonic()
        try:
            code, said = _run_worker(cmd, job.path.parent, Path(tmp) / "said.txt")
        except (subprocess.TimeoutExpired, TimeoutError):
            return {"ok": False, "line": job.line, "error": f"did not finish within {SCENE_TIMEOUT} s"}
        try:
            result = json.loads(result_file.read_text(encoding="utf-8"))
        except (FileNotFoundError, json.JSONDecodeError):
            tail = said.strip().splitlines()[-1:] or [f"exit code {code}"]
            result = {"ok": False, "line": 0, "error": f"the render process died: {tail[0]}"}
        result["seconds"] = round(time.monotonic() - started, 2)
        if result.get("ok") and not dry_run:
            # Move out of the temporary folder before it disappears; the caller publishes atomically.
            keep = Path(tempfile.mkdtemp(prefix="coursekit-scene-"))
            for kind in [k for k in ("mp4", "png") if k in result]:
                moved = keep / f"{job.scene}.{kind}"
                shutil.move(result[kind], moved)
                result[kind] = str(moved)
        return result


def _run_worker(cmd: list[str], folder: Path, said: Path) -> tuple[int, str]:
    """Run the worker command ``cmd`` in ``folder``: (exit status, what it printed). In a child of the warm runner
    when there is one, which has imported manim once (1.5 s of a small scene), else in a process of its own.
    A manim.cfg beside the scenes is read by manim's import: then always a process of its own."""
    if not (folder / "manim.cfg").exists():
        with open(said, "w+", encoding="utf-8") as out, open(os.devnull, "rb") as nothing:
            code = warm_client.command(cmd[3:], "coursekit.build.manim_worker:main", only=None, cwd=folder,
                                       fds=(nothing.fileno(), out.fileno(), out.fileno()), timeout=SCENE_TIMEOUT)
            if code is not None:
                out.seek(0)
                return code, out.read()
    proc = subprocess.run(cmd, cwd=folder, capture_output=True, text=True, timeout=SCENE_TIMEOUT)
    return proc.returncode, proc.stderr or proc.stdout


def _media(root: Path, job: Job, quality: str, force: bool) -> Path:
    """The folder kept for one scene's renders at one quality (``force``: emptied first, so nothing is reused)."""
    folder = root / "build" / "cache" / "manim" / fsio.sha256(job.shown)[:8] / job.scene / quality
    if force:
        shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@contextmanager
def _stop_workers_on_interrupt():
    """Ctrl-C reaches a worker process of our own through the terminal; a warm runner's child, through us."""
    try:
        yield
    except BaseException:
        warm_client.kill_running()
        raise


def render_jobs(jobs: list[Job], root: Path, quality: str, out: Path, *, force: bool = False,
                dry_run: bool = False, workers: int | None = None, echo=click.echo) -> tuple[dict, list[Problem]]:
    """Render what is stale; returns manifest entries per scene ("stem/Scene") and the problems."""
    # One stamp per scene and output folder; the quality is part of the digest, so switching re-renders.
    stamps = cache.Stamps(root / "build" / "cache" / "scenes" / fsio.sha256(rel(out, root))[:12])
    entries: dict[str, dict] = {}
    todo: list[Job] = []
    for job in jobs:
        name = f"{job.path.stem}/{job.scene}"
        was_still = (stamps.load(name.replace("/", ".")).get("info") or {}).get("still")
        outputs = [out / f"{name}.png"] if was_still else [out / f"{name}.mp4", out / f"{name}.png"]
        if not force and not dry_run and stamps.fresh(name.replace("/", "."), job.digest, outputs):
            entries[name] = stamps.load(name.replace("/", "."))["info"]
        else:
            todo.append(job)
    total = len(jobs)
    if not todo:
        echo(f"animations: {total} scene(s) up to date ({quality})")
        return entries, []
    echo(f"animations: {'checking' if dry_run else 'rendering'} {len(todo)} of {total} scene(s) at {quality} "
         f"quality, {workers or os.cpu_count()} at a time")
    problems: list[Problem] = []
    started = time.monotonic()
    done = 0
    with ThreadPoolExecutor(max_workers=workers or os.cpu_count() or 1) as pool, _stop_workers_on_interrupt():
        futures = {pool.submit(_render_one, job, quality, dry_run, _media(root, job, quality, force)): job
                   for job in todo}
        for future in as_completed(futures):
            job = futures[future]
            result = future.result()
            done += 1
            name = f"{job.path.stem}/{job.scene}"
            if not result.get("ok"):
                problem = Problem(job.shown, result.get("line") or job.line, f"{job.scene}: {result.get('error')}")
                problems.append(problem)
                echo(f"  [{done}/{len(todo)}] {name}: FAILED (reported below)")
                continue
            if dry_run:
                echo(f"  [{done}/{len(todo)}] {name}: constructs ({result.get('animations')} animations, "
                     f"{result['seconds']} s)")
                continue
            if result.get("cache_flushed"):
                echo(f"  {name}: manim's cache of this scene did not load; rendered afresh")
            still = bool(result.get("still"))
            for kind in ("png",) if still else ("mp4", "png"):
                target = out / f"{name}.{kind}"
                with fsio.atomic_path(target) as tmp:
                    shutil.move(result[kind], tmp)
            shutil.rmtree(Path(result["png" if still else "mp4"]).parent, ignore_errors=True)
            if still:  # an MP4 from when the scene still moved is no longer its output
                (out / f"{name}.mp4").unlink(missing_ok=True)
            info = {k: result[k] for k in ("width", "height", "fps", "frames", "duration", "animations")}
            info.update(source=job.shown, line=job.line, hash=job.digest, quality=quality, png=f"{name}.png",
                        **({"still": True} if still else {"mp4": f"{name}.mp4"}))
            stamps.record(name.replace("/", "."), job.digest, info=info)
            entries[name] = info
            if still:
                echo(f"  [{done}/{len(todo)}] {name}: a still picture (no play call), {info['width']}x{info['height']} "
                     f"PNG, rendered in {result['seconds']:.1f} s")
            else:
                echo(f"  [{done}/{len(todo)}] {name}: {info['duration']:.1f} s video, {info['width']}x{info['height']}, "
                     f"{info['frames']} frames, rendered in {result['seconds']:.1f} s")
    ok = len(todo) - len(problems)
    echo(f"animations: {ok} rendered, {len(problems)} failed, {total - len(todo)} up to date "
         f"in {time.monotonic() - started:.1f} s")
    return entries, problems


def write_manifest(path: Path, entries: dict) -> None:
    fsio.write_text(path, json.dumps({"scenes": dict(sorted(entries.items()))}, indent=2, sort_keys=True) + "\n")


def read_manifest(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))["scenes"]
    except (FileNotFoundError, json.JSONDecodeError, KeyError):
        return {}


def out_dir(root: Path) -> Path:
    return root / "build" / "site" / "animations"


@click.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("scenes", nargs=-1)
@click.option("-q", "--quality", type=click.Choice(QUALITY_CHOICES), default="preview", show_default=True)
@click.option("-o", "--out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder for STEM/Scene.mp4|png and STEM.json (default build/site/animations).")
@click.option("--force", is_flag=True, help="Render even when nothing changed.")
@click.option("--dry-run", is_flag=True, help="Construct the scenes without writing video (manim's dry run).")
@click.option("-j", "--jobs", type=int, default=None, help="Scenes rendered at once (default: one per core).")
@click.pass_obj
def render(root: Path, file: Path, scenes: tuple[str, ...], quality: str, out: Path | None, force: bool,
           dry_run: bool, jobs: int | None) -> None:
    """Render the scenes of a Manim FILE (all of them, or the SCENES named)."""
    file = file.resolve()
    out = (out or out_dir(root)).resolve()
    entries, problems = render_jobs(jobs_for(file, root, quality, list(scenes)), root, quality, out,
                                    force=force, dry_run=dry_run, workers=jobs)
    if not dry_run and not problems:
        manifest = out / f"{file.stem}.json"
        if scenes:  # keep the entries of scenes not asked for this time
            entries = {**read_manifest(manifest), **entries}
        write_manifest(manifest, entries)
    if problems:
        raise CourseError(problems)


@click.command()
@click.argument("section", required=False)
@click.option("-q", "--quality", type=click.Choice(QUALITY_CHOICES), default="preview", show_default=True)
@click.option("--force", is_flag=True)
@click.option("--dry-run", is_flag=True)
@click.option("-j", "--jobs", type=int, default=None)
@click.pass_obj
def animations(root: Path, section: str | None, quality: str, force: bool, dry_run: bool, jobs: int | None) -> None:
    """Render every section's scenes (or SECTION's) into build/site/animations."""
    sections, problems = discover(root)
    if problems:
        raise CourseError(problems)
    files = [s.animations for s in select(sections, section) if s.animations.is_file()]
    all_jobs = [job for f in files for job in jobs_for(f, root, quality)]
    out = out_dir(root)
    entries, problems = render_jobs(all_jobs, root, quality, out, force=force, dry_run=dry_run, workers=jobs)
    if not dry_run:
        for f in files:
            mine = {k: v for k, v in entries.items() if k.startswith(f.stem + "/")}
            if not any(p.path == rel(f, root) for p in problems):
                write_manifest(out / f"{f.stem}.json", mine)
    if problems:
        raise CourseError(problems)
