"""`coursekit drafts`: each section as a narrated draft video, built from the same sources as the course.

The script is read in order. Its narration is spoken sentence by sentence (speech.py, through the
pronunciation lexicon); each cue switches the picture at the moment the instructor would switch windows:
the built deck at the cued slide, the rendered scene, an editor on the cued demo cell and then its real
output, a terminal running the demo, a card for a web page. Out come, in build/site/drafts/:
NN_slug.mp4 (H.264 + AAC), NN_slug.vtt (captions), NN_slug.json (the timeline) and NN_slug.png (poster).
Its length is the section's measured length.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

import click
import numpy as np

from coursekit.course import fsio
from coursekit.course.cache import Stamps
from coursekit.course.cache import key as cache_key
from coursekit.course.lexicon import Lexicon
from coursekit.course.problems import CourseError, Problem
from coursekit.course.script import Script, parse, sentences
from coursekit.course.sections import Section, discover, select
from coursekit.course.targets import resolve_cue
from coursekit.course.timing import Timing, clock, estimate
from coursekit.video import captions as captions_mod
from coursekit.video import encoding as video
from coursekit.video import stills
from coursekit.video.speech import RATE, Speaker, Voice

# Pauses, in seconds, that a presenter leaves: between sentences, between paragraphs, at a new segment,
# after switching to what a cue shows (before talking over it), and at the very end.
GAP_SENTENCE = 0.35
GAP_PARAGRAPH = 0.7
GAP_SEGMENT = 1.0
LEAD = {"slides": 0.8, "vscode": 1.5, "animation": 0.5, "browser": 2.0, "terminal": 1.5}
RUN_PAUSE_MAX = 8.0  # a cell's measured run time is waited for, up to this
TAIL = 2.0
# What a draft is drawn by, relative to the coursekit package: a change to any of them redraws the drafts.
MODULES = ("video/drafts.py", "video/stills.py", "video/encoding.py", "video/captions.py", "video/speech.py",
           "course/lexicon.py", "course/script.py", "video/frames.py")
PACKAGE = Path(__file__).parent.parent


@dataclass
class CuePlan:
    line: int
    marker: str
    kind: str
    target: str
    start: float
    lead_end: float
    end: float = 0.0
    output_at: float | None = None  # a VS Code or terminal cue: when its output appears
    pictures: list[dict] = field(default_factory=list)


@dataclass
class SentencePlan:
    line: int
    text: str  # as written (plain text): what captions show
    spoken: str  # through the lexicon: what the voice says
    segment: int
    start: float = 0.0
    end: float = 0.0


@dataclass
class Plan:
    duration: float = 0.0
    segments: list[dict] = field(default_factory=list)
    cues: list[CuePlan] = field(default_factory=list)
    sentences: list[SentencePlan] = field(default_factory=list)


def narration(script: Script, lexicon: Lexicon) -> list[SentencePlan]:
    out = []
    for index, segment in enumerate(script.segments):
        for block in segment.blocks:
            if block.kind in ("narration", "bullet"):
                for text in sentences(block.text):
                    spoken = lexicon.spoken(text)
                    if not any(ch.isalnum() for ch in spoken):
                        raise CourseError(Problem(script.path, block.line, f"nothing to say in {text!r}: the voice "
                                                  "speaks words; write it out or make it a stage direction (> ...)"))
                    out.append(SentencePlan(block.line, text, spoken, index))
    return out


def said_over(blocks, cue_block) -> int:
    """How many sentences are spoken over a cue: those after it, up to the next cue."""
    count, after = 0, False
    for block in blocks:
        if block is cue_block:
            after = True
        elif after and block.kind == "cue":
            break
        elif after and block.kind in ("narration", "bullet"):
            count += len(sentences(block.text))
    return count


def lay_out(script: Script, spoken: list[SentencePlan], seconds: list[float], targets: dict[int, str],
            scene_seconds: dict[int, float], run_seconds: dict[int, float]) -> Plan:
    """Times for every sentence, cue and segment: narration in order with the pauses above; an animation
    plays to its end before the next cue; a cell's output appears after the first sentence about it (at
    once when only one sentence is said over it)."""
    plan = Plan()
    # Every length in whole milliseconds: an edit then moves the shots after it by whole milliseconds, and
    # their lengths, which key their cached chunks, stay exactly as they were.
    seconds = [round(s, 3) for s in seconds]
    scene_seconds = {k: round(v, 3) for k, v in scene_seconds.items()}
    # A cell's run time to the quarter second: run again, a demo takes a few milliseconds more or less, and that
    # jitter must not move every later shot, nor re-encode the narration, when nothing else changed.
    run_seconds = {k: round(v * 4) / 4 for k, v in run_seconds.items()}
    queue = iter(zip(spoken, seconds))
    t, busy_until, waiting = 0.0, 0.0, None
    for segment in script.segments:
        if not any(b.kind in ("narration", "bullet", "cue") for b in segment.blocks):
            continue  # stage directions only: nothing is said or shown, so no chapter
        if plan.segments:
            t += GAP_SEGMENT
        plan.segments.append({"title": segment.title, "line": segment.line, "start": round(t, 3)})
        gap = 0.0
        for block in segment.blocks:
            if block.kind == "cue":
                cue = block.cue
                t = max(t, busy_until)
                lead_end = t + LEAD[cue.kind]
                plan.cues.append(CuePlan(cue.line, cue.marker, cue.kind, targets.get(cue.line, ""), round(t, 3),
                                         round(lead_end, 3)))
                if cue.kind == "animation":
                    busy_until = t + scene_seconds.get(cue.line, 0.0)
                t, gap = lead_end, 0.0
                waiting = plan.cues[-1] if cue.kind in ("vscode", "terminal") else None
                if waiting and said_over(segment.blocks, block) < 2:  # one sentence: run first, then talk
                    t += min(run_seconds.get(cue.line, 0.0), RUN_PAUSE_MAX) + 0.5
                    waiting.output_at, waiting = round(t, 3), None
            elif block.kind in ("narration", "bullet"):
                t += gap
                for n, text in enumerate(sentences(block.text)):
                    sentence, length = next(queue)
                    assert sentence.text == text
                    t += GAP_SENTENCE if n else 0.0
                    sentence.start, sentence.end = round(t, 3), round(t + length, 3)
                    plan.sentences.append(sentence)
                    t += length
                    if waiting is not None:  # the cell runs after the first sentence about it
                        t += min(run_seconds.get(waiting.line, 0.0), RUN_PAUSE_MAX) + 0.5
                        waiting.output_at = round(t, 3)
                        waiting = None
                gap = GAP_PARAGRAPH
    t = max(t, busy_until) + TAIL
    plan.duration = round(t, 3)
    for i, seg in enumerate(plan.segments):
        seg["end"] = plan.segments[i + 1]["start"] if i + 1 < len(plan.segments) else plan.duration
    for i, cue in enumerate(plan.cues):
        cue.end = plan.cues[i + 1].start if i + 1 < len(plan.cues) else plan.duration
        if cue.output_at is None:
            cue.output_at = cue.lead_end
    return plan


class Inputs:
    """What a section's draft is drawn from, read once: the resolved cues, the built deck, scenes and runs."""

    def __init__(self, section: Section, root: Path):
        self.section, self.root = section, root
        self.shown = f"scripts/{section.key}.md"
        self.script = parse(section.script, self.shown)
        if self.script.problems:
            raise CourseError(self.script.problems)
        self.site = root / "build" / "site"
        self.deck = self.site / "decks" / f"{section.key}.html"
        manifest_path = self.site / "animations" / f"{section.key}.json"
        self.scenes = json.loads(manifest_path.read_text())["scenes"] if manifest_path.exists() else {}
        runs_path = root / "build" / "timings" / f"{section.key}.json"
        self.runs = json.loads(runs_path.read_text()) if runs_path.exists() else {}
        self.targets = {}
        for cue in self.script.cues:
            self.targets[cue.line] = resolve_cue(cue, section.script, root)

    def need(self, path: Path, cue_line: int, command: str) -> Path:
        if not path.exists():
            raise CourseError(Problem(self.shown, cue_line, f"this cue needs {path.relative_to(self.root)}, which is "
                                      f"not built: run `{command}` (make drafts builds it first)"))
        return path

    def scene(self, cue_line: int) -> dict:
        target = self.targets[cue_line]
        name = f"{self.section.key}/{target.fragment}" if target.path == f"animations/{self.section.key}.py" \
            else f"{Path(target.path).stem}/{target.fragment}"
        entry = self.scenes.get(name)
        if entry is None:
            manifest = self.site / "animations" / f"{Path(target.path).stem}.json"
            entry = json.loads(manifest.read_text())["scenes"].get(name) if manifest.exists() else None
        if entry is None:
            raise CourseError(Problem(self.shown, cue_line, f"scene {name} is not rendered: run "
                                      f"`make animations S={self.section.key[:2]}`"))
        return entry

    def run(self, cue_line: int) -> tuple[dict, dict | None]:
        """The build's run of the cued demo and, for a cell cue, that cell's record."""
        target = self.targets[cue_line]
        run = self.runs.get(target.path)
        if run is None:
            raise CourseError(Problem(self.shown, cue_line, f"{target.path} has no run in the build: run "
                                      f"`make demos S={self.section.key[:2]}`"))
        cell = next((c for c in run["cells"] if c["title"] == target.fragment), None) if target.fragment else None
        return run, cell

    def digest(self, voice: Voice, lexicon: Lexicon, quality: str) -> str:
        files = [self.section.script, self.deck, *self.section.demos,
                 self.root / "build" / "timings" / f"{self.section.key}.json",
                 self.site / "animations" / f"{self.section.key}.json",
                 *(PACKAGE / m for m in MODULES)]
        here = PACKAGE.parent  # keys hold no absolute path: a copy of the course reuses them
        return cache_key({"files": {(f.relative_to(self.root) if f.is_relative_to(self.root) else
                                     f.relative_to(here)).as_posix(): fsio.file_sha256(f) if f.exists() else None
                                    for f in files},
                          "voice": voice.key(), "lexicon": lexicon.digest(), "quality": quality,
                          "timing": repr(Timing.load(self.root))})


def pictures(inputs: Inputs, plan: Plan) -> list[tuple[float, float, stills.Still | Path, CuePlan | None]]:
    """(start, end, still or animation file, cue) spans covering the whole draft, in order."""
    spans = []
    title = stills.card(f"Section {inputs.section.number}", inputs.script.title or inputs.section.key)
    first = plan.cues[0].start if plan.cues else plan.duration
    spans.append((0.0, first, title, None))
    looks = None
    for cue in plan.cues:
        target = inputs.targets[cue.line]
        try:
            if cue.kind == "slides":
                deck = inputs.need(inputs.deck, cue.line, f"make slides S={inputs.section.key[:2]}")
                if looks is None:
                    looks = stills.deck_looks(deck)
                if target.fragment not in looks:
                    raise CourseError(Problem(inputs.shown, cue.line, f"the built deck has no slide "
                                              f"'{target.fragment}': run `make slides S={inputs.section.key[:2]}`"))
                n, look = looks[target.fragment]
                step = (cue.end - cue.start) / (n + 1)
                for shown in range(n + 1):  # fragments appear one by one across the narration
                    spans.append((round(cue.start + shown * step, 3), round(cue.start + (shown + 1) * step, 3),
                                  stills.slide(deck, target.fragment, shown, look), cue))
            elif cue.kind == "animation":
                entry = inputs.scene(cue.line)
                mp4 = inputs.need(inputs.site / "animations" / (entry.get("mp4") or entry["png"]), cue.line,
                                  f"make animations S={inputs.section.key[:2]}")
                spans.append((cue.start, cue.end, mp4, cue))
            elif cue.kind == "vscode":
                run, cell = inputs.run(cue.line)
                demo = inputs.root / target.path
                first_line, last_line = (target.line, target.end) if target.fragment else (1, 0)
                title = target.fragment or Path(target.path).name
                output = (cell or {}).get("output", "") if target.fragment else run.get("output", "")
                spans.append((cue.start, cue.output_at, stills.editor(demo, target.path, first_line, last_line,
                                                                      title, None), cue))
                spans.append((cue.output_at, cue.end, stills.editor(demo, target.path, first_line, last_line,
                                                                    title, output), cue))
            elif cue.kind == "terminal":
                if target is None:
                    spans.append((cue.start, cue.end, stills.card("In the terminal", cue_description(inputs, cue)), cue))
                    continue
                run, _ = inputs.run(cue.line)
                folder, _, name = target.path.rpartition("/")
                command = f"python {name}"
                spans.append((cue.start, cue.output_at, stills.terminal(command, "", folder), cue))
                spans.append((cue.output_at, cue.end, stills.terminal(command, run.get("output", ""), folder), cue))
            else:
                spans.append((cue.start, cue.end, stills.card("In the browser", cue_description(inputs, cue),
                                                              target.path), cue))
        except CourseError:
            raise
        except Exception as exc:  # noqa: BLE001 - whatever broke, the author needs the cue's line
            raise CourseError(Problem(inputs.shown, cue.line, f"could not draw this [{cue.marker}] cue: "
                                      f"{type(exc).__name__}: {exc}")) from exc
    return [s for s in spans if int(round(s[1] * 1000)) > int(round(s[0] * 1000))]


def cue_description(inputs: Inputs, cue: CuePlan) -> str:
    return next((c.description for c in inputs.script.cues if c.line == cue.line), cue.marker)


def build_draft(section: Section, root: Path, quality: str = "preview", force: bool = False,
                echo=click.echo) -> dict:
    """Build one section's draft; returns its timeline. Reuses every cached sentence, picture and chunk."""
    started = time.monotonic()
    out_dir = root / "build" / "site" / "drafts"
    outputs = [out_dir / f"{section.key}.{ext}" for ext in ("mp4", "vtt", "json", "png", "chapters.vtt")]
    inputs = Inputs(section, root)
    voice, lexicon = Voice.load(root), Lexicon.load(root)
    digest = inputs.digest(voice, lexicon, quality)
    stamps = Stamps(root / "build" / "stamps" / "drafts")
    if not force and stamps.fresh(section.key, digest, outputs):
        echo(f"drafts {section.key}: up to date")
        return json.loads(outputs[2].read_text())
    cache = root / "build" / "cache"  # --force bypasses it (and refreshes what it holds for this section)

    # narration: every sentence spoken (cached by text and voice)
    plan_sentences = narration(inputs.script, lexicon)
    speaker = Speaker(voice, cache / "speech", refresh=force)
    clips = speaker.speak([(s.spoken, Problem(inputs.shown, s.line, "")) for s in plan_sentences])
    scene_seconds, run_seconds, refs = {}, {}, {}
    for cue in inputs.script.cues:
        target = inputs.targets[cue.line]
        refs[cue.line] = target.ref if target else ""
        if cue.kind == "animation":
            scene_seconds[cue.line] = inputs.scene(cue.line)["duration"]
        elif cue.kind in ("vscode", "terminal") and target is not None:
            run, cell = inputs.run(cue.line)
            run_seconds[cue.line] = (cell or run).get("seconds", 0.0)
    plan = lay_out(inputs.script, plan_sentences, [len(c) / RATE for c in clips], refs, scene_seconds,
                   run_seconds)

    # pictures: stills drawn in Chromium when not cached, animations as rendered
    spans = pictures(inputs, plan)
    needed = [s[2] for s in spans if isinstance(s[2], stills.Still)]
    pixel_ratio = video.SIZES[quality][0] / stills.WIDTH
    pngs = stills.render(needed, cache / "stills", pixel_ratio, echo=echo, refresh=force)
    shots = []
    for start, end, picture, cue in spans:
        if isinstance(picture, stills.Still):
            shot = video.Shot(start, end, png=pngs[picture.key], key=picture.key)
            source = stills.source_of(picture, cache / "stills")
        else:
            shot = video.Shot(start, end, video=picture, key=fsio.file_sha256(picture))
            source = str(picture)
        shots.append(shot)
        if cue is not None:
            cue.pictures.append({"start": round(start, 3), "end": round(end, 3),
                                 "source": str(Path(source).relative_to(root)) if source.startswith(str(root))
                                 else source, "png": str(shot.png.relative_to(root)) if shot.png else ""})

    # video: a chunk per shot (cached), joined; progress by segment
    segment_starts = [s["start"] for s in plan.segments]
    said = {"segment": -1}

    def progress(i: int, shot: video.Shot) -> None:
        seg = max((n for n, st in enumerate(segment_starts) if st <= shot.start + 1e-6), default=0)
        if seg != said["segment"]:
            said["segment"] = seg
            echo(f"  [{seg + 1}/{len(plan.segments)}] {plan.segments[seg]['title']}: "
                 f"{shot.start:.0f} s of {plan.duration:.0f} s")

    paths, encoded = video.chunks(shots, quality, cache / "chunks", progress, refresh=force)
    samples = np.zeros(int(round(plan.duration * RATE)), dtype=np.int16)
    for sentence, clip in zip(plan.sentences, clips):
        at = int(round(sentence.start * RATE))
        samples[at:at + len(clip)] = clip[: len(samples) - at]
    sound, spoken_now = video.encoded_sound(samples, RATE, cache / "sound", section.key)
    # The MP4 is joined from content-named chunks and sound: the same ones at the same times make the same file,
    # which is kept when it is still the one this draft recorded (an edit that changed no picture and no word).
    recipe = fsio.sha256(repr(([(s.start, s.end, p.name) for s, p in zip(shots, paths)], sound.name,
                               fsio.file_sha256(Path(video.__file__)))))
    previous = stamps.load(section.key)
    kept = (previous.get("recipe") == recipe and outputs[0].is_file()
            and previous.get("mp4") == fsio.file_sha256(outputs[0]))
    joined = force or not kept
    if joined:
        video.assemble(shots, paths, None, RATE, outputs[0], sound=sound)
    else:
        os.utime(outputs[0])  # made now, as far as make can tell: newer than the inputs it compared

    captions = [c for s in plan.sentences for c in captions_mod.timed(s.text, s.start, s.end)]
    fsio.write_text(outputs[1], captions_mod.vtt(captions))
    chapters = [captions_mod.Caption(seg["start"], seg["end"], seg["title"]) for seg in plan.segments]
    fsio.write_text(out_dir / f"{section.key}.chapters.vtt", captions_mod.vtt(chapters))
    times = estimate(inputs.script, {k.split("/")[1]: e["duration"] for k, e in inputs.scenes.items()},
                     {f"{d}#{c['title']}": c["seconds"] for d, r in inputs.runs.items() for c in r["cells"]
                      if c["title"]}, Timing.load(root))
    timeline = {
        "section": section.key, "title": inputs.script.title, "quality": quality,
        "duration": plan.duration, "estimate": round(sum(t.seconds for t in times), 1),
        "segments": plan.segments,
        "cues": [{"line": c.line, "marker": c.marker, "target": c.target, "start": c.start, "end": c.end,
                  "pictures": c.pictures} for c in plan.cues],
        "sentences": [{"line": s.line, "text": s.text, "spoken": s.spoken, "start": s.start, "end": s.end,
                       "segment": s.segment} for s in plan.sentences],
    }
    fsio.write_text(outputs[2], json.dumps(timeline, indent=1) + "\n")
    poster = next((s.png for s in shots if s.png and s.start >= (plan.cues[0].start if plan.cues else 0)), shots[0].png)
    fsio.write_bytes(outputs[3], poster.read_bytes())
    stamps.record(section.key, digest, recipe=recipe, mp4=fsio.file_sha256(outputs[0]) if joined else previous["mp4"])
    echo(f"drafts {section.key}: {clock(plan.duration)} (estimate {clock(timeline['estimate'])}), "
         f"{len(plan.sentences)} sentences ({speaker.synthesized} synthesized), {len(shots)} shots "
         f"({encoded} encoded), sound {'encoded' if spoken_now else 'reused'}, "
         f"{'joined' if joined else 'the same video as before, kept'}, in {time.monotonic() - started:.1f} s")
    return timeline


@click.command()
@click.argument("section", required=False)
@click.option("--quality", type=click.Choice(sorted(video.SIZES)), default="preview", show_default=True,
              help="preview: 1280x720; high: 1920x1080.")
@click.option("--force", is_flag=True, help="Ignore every cache: speak, draw and encode everything again.")
@click.pass_obj
def drafts(root: Path, section: str | None, quality: str, force: bool) -> None:
    """Build SECTION's narrated draft video (default: every section) into build/site/drafts/."""
    sections, problems = discover(root)
    if problems:
        raise CourseError(problems)
    chosen = select(sections, section)
    started = time.monotonic()
    total = 0.0
    for i, s in enumerate(chosen, start=1):
        click.echo(f"drafts {s.key} ({i}/{len(chosen)})")
        total += build_draft(s, root, quality, force)["duration"]
    click.echo(f"drafts: {len(chosen)} section(s), {clock(total)} of video, in {time.monotonic() - started:.1f} s")
