"""The `coursekit` command line: one module per command, assembled here."""

from __future__ import annotations

import os
import signal
import sys
import time
from pathlib import Path

import click

from coursekit.course.problems import CourseError


def find_root(start: Path) -> Path:
    """The repository root: the nearest folder at or above ``start`` that holds scripts/."""
    for folder in (start, *start.parents):
        if (folder / "scripts").is_dir():
            return folder
    raise click.UsageError(f"no scripts/ folder at or above {start}; run coursekit inside the course repository "
                           "or pass --root")


class LazyGroup(click.Group):
    """Imports a command's module only when that command runs, so `coursekit check` never imports torch."""

    COMMANDS = {
        "check": ("coursekit.course.check", "check"),
        "trace": ("coursekit.course.trace", "trace"),
        "deck": ("coursekit.build.decks", "deck"),
        "render": ("coursekit.build.render", "render"),
        "animations": ("coursekit.build.render", "animations"),
        "downloads": ("coursekit.build.downloads", "downloads"),
        "demos": ("coursekit.build.demos", "demos"),
        "assets": ("coursekit.build.assets", "assets"),
        "site": ("coursekit.site.course_site", "site"),
        "handouts": ("coursekit.build.handouts", "handouts"),
        "recorded": ("coursekit.video.recordings", "recorded"),
        "status": ("coursekit.video.recordings", "status"),
        "record": ("coursekit.video.recordings", "record"),
        "bench": ("coursekit.bench", "bench"),
        "drafts": ("coursekit.video.drafts", "drafts"),
        "align": ("coursekit.video.align", "align"),
        "cut": ("coursekit.video.cut", "cut"),
        "preview": ("coursekit.site.preview", "preview"),
    }

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except CourseError as exc:
            for problem in exc.problems:
                click.echo(str(problem), err=True)
            ctx.exit(1)
        except KeyboardInterrupt:
            click.echo("interrupted; outputs already written are complete, the rest were left as they were", err=True)
            ctx.exit(130)

    def list_commands(self, ctx):
        return sorted(self.COMMANDS)

    def get_command(self, ctx, name):
        if name not in self.COMMANDS:
            return None
        module, attr = self.COMMANDS[name]
        return getattr(__import__(module, fromlist=[attr]), attr)


@click.group(cls=LazyGroup)
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Course repository (default: found from the current folder).")
@click.version_option(package_name="coursekit")
@click.pass_context
def cli(ctx: click.Context, root: Path | None) -> None:
    """coursekit: builds the Introduction to PyTorch course from its scripts, demos, slides and scenes."""
    ctx.obj = (root or find_root(Path.cwd())).resolve()
    from coursekit.course import parsed

    parsed.configure(ctx.obj)


def _terminate(signum, frame):
    # SIGTERM (make stopping a job, a closed terminal) unwinds like Ctrl-C, so the `finally` blocks that
    # remove half-written temporary files run; outputs are only ever replaced by a complete file.
    raise KeyboardInterrupt


def main() -> None:
    from coursekit.build.warm_client import command

    handed = command(sys.argv[1:], "coursekit.cli:run_here")  # run by the warm server, its imports already made
    if handed is not None:
        sys.exit(handed)
    run_here()


def run_here() -> None:
    """The command in this process."""
    signal.signal(signal.SIGTERM, _terminate)
    steps = os.environ.get("COURSEKIT_STEP_LOG")
    if not steps:
        cli(prog_name="coursekit")
        return
    # `make bench` asks each process of a build how long it took, to say where an edit's time goes.
    started = time.perf_counter()
    try:
        cli(prog_name="coursekit")
    finally:
        args = sys.argv[1:]
        at = next((i for i, a in enumerate(args) if a in LazyGroup.COMMANDS), len(args))
        what = [args[at:at + 1], [a for a in args[at + 1:] if not a.startswith("-")][:1]]
        with open(steps, "a", encoding="utf-8") as log:
            log.write(f"{time.perf_counter() - started:.3f}\t{' '.join(what[0] + what[1])}\n")
