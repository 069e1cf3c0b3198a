"""`coursekit align`: captions, chapters and a report of what was said differently, from the instructor's take.

How the take is aligned to the script is coursekit.video.alignment; this module writes what comes of it into
build/site/captions/.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import click

from coursekit.course import fsio
from coursekit.course.problems import rel
from coursekit.course.sections import Section, one
from coursekit.course.timing import clock
from coursekit.video import captions as captions_mod

if TYPE_CHECKING:  # the aligner (NumPy, the recogniser) is imported by the command, not by the pages that read reports
    from coursekit.video.alignment import Result, Sentence

# --- what is written --------------------------------------------------------------------------------------

def out_dir(root: Path) -> Path:
    return root / "build" / "site" / "captions"


def sentence_captions(s: Sentence) -> list[captions_mod.Caption]:
    """The sentence's captions, each phrase timed by its own words when forced alignment gave word times."""
    if not s.times:
        return captions_mod.timed(s.text, s.start, s.end)
    spans, w = [], 0
    for count in s.per_token:
        spans.append((s.times[w][0], s.times[w + count - 1][1]) if count else None)
        w += count
    return captions_mod.at_words(s.text, spans, s.start, s.end)


def chapters(result: Result) -> list[tuple[float, str]]:
    """YouTube chapters: each segment at its first aligned sentence; the first at 0:00, as YouTube requires."""
    marks: list[tuple[float, str]] = []
    for index, title in enumerate(result.segments):
        starts = [s.start for s in result.aligned if s.segment == index]
        if starts:
            marks.append((0.0 if not marks else min(starts), title))
    return marks


def report(result: Result) -> dict:
    titles = result.segments
    return {
        "section": result.key, "duration": round(result.duration, 2), "words_per_minute": result.words_per_minute,
        "aligned": len(result.aligned), "skipped": len(result.sentences) - len(result.aligned),
        "sentences": [{"text": s.text, "line": s.line, "start": None if s.start is None else round(s.start, 2),
                       "end": None if s.end is None else round(s.end, 2), "status": s.status,
                       "segment": titles[s.segment] if s.segment < len(titles) else ""} for s in result.sentences],
        "unscripted": result.unscripted,
    }


def write(result: Result, root: Path) -> dict[str, Path]:
    """The captions, chapters and report, each replaced whole (all are computed before any is written)."""
    cues = captions_mod.readable([c for s in result.aligned for c in sentence_captions(s)])
    folder = out_dir(root)
    texts = {
        "vtt": captions_mod.vtt(cues),
        "srt": captions_mod.srt(cues),
        "chapters.txt": "".join(f"{clock(t)} {title}\n" for t, title in chapters(result)),
        "report.json": json.dumps(report(result), indent=1, ensure_ascii=False) + "\n",
    }
    paths = {}
    for ext, text in texts.items():
        paths[ext] = folder / f"{result.key}.{ext}"
        fsio.write_text(paths[ext], text)
    return paths


def read_report(root: Path, key: str) -> dict | None:
    try:
        return json.loads((out_dir(root) / f"{key}.report.json").read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return None


def summary(data: dict) -> str:
    """One line for `coursekit status` and the pages: how the take followed the script."""
    passages = len(data["unscripted"])
    return (f"take {clock(data['duration'])}: {data['aligned']} of {data['aligned'] + data['skipped']} sentences "
            f"aligned, {data['skipped']} skipped, {passages} unscripted passage{'s' * (passages != 1)}, "
            f"{data['words_per_minute']:.0f} words a minute")


def caption_take(section: Section, root: Path, take: Path, echo=click.echo) -> Result:
    from coursekit.video.alignment import aligned

    result = aligned(section, root, take, echo)
    paths = write(result, root)
    rate = result.seconds / result.duration if result.duration else 0
    took = "" if result.reused else f" in {result.seconds:.1f} s ({rate:.3f}x real time)"
    echo(f"align {section.key}: {summary(report(result))}; {clock(result.duration)} of audio{took}")
    for ext in ("vtt", "srt", "chapters.txt", "report.json"):
        echo(f"  wrote {rel(paths[ext], root)}")
    return result


@click.command()
@click.argument("section")
@click.argument("take", type=click.Path(dir_okay=False, path_type=Path))
@click.pass_obj
def align(root: Path, section: str, take: Path) -> None:
    """Caption SECTION from its recorded TAKE (.wav .mp3 .m4a .mp4 .mkv .webm): captions in the script's
    spelling, YouTube chapters and a report of skipped and unscripted passages, into build/site/captions/."""
    caption_take(one(root, section, "coursekit align 06 take.mp4"), root, take.resolve())
