"""The picture of an audio-only take: the draft's cue visuals (slides at their fragments, the editor with the
cell and its real output, the rendered scenes, cards) laid on the real voice.

Each cue's picture starts where the script places it among the sentences: in the pause before the first
sentence said after it. A cell's output appears once the first sentence about it has been said. An animation
plays at its own speed from its cue, then holds its last frame; it is cut short only when the next cue comes
first. The pictures are drawn and encoded exactly as the draft's are (drafts, stills, encoding), so a picture
the draft already drew is reused.
"""

from __future__ import annotations

from pathlib import Path

from coursekit.course import fsio
from coursekit.course.script import sentences
from coursekit.video import drafts, stills
from coursekit.video import encoding as video
from coursekit.video.cutlist import Cut
from coursekit.video.drafts import CuePlan, Inputs, Plan
from coursekit.video.splice import Overlay

LEAD = 0.4  # seconds before the next sentence that its cue's picture appears
OUTPUT_AFTER = 1.0  # seconds after a cue with nothing said over it that the output appears


def lay_on_voice(inputs: Inputs, cut: Cut, plan_sentences: list[drafts.SentencePlan]) -> Plan:
    """A draft plan whose sentences are where the cut has them, and whose cues sit among them as written."""
    by_line: dict[tuple[int, str], list] = {}
    for s in cut.kept:
        by_line.setdefault((s.line, s.text), []).append(s)
    times: list[tuple[float, float] | None] = []
    for p in plan_sentences:
        found = by_line.get((p.line, p.text))
        s = found.pop(0) if found else None
        times.append((cut.to_video(s.start), cut.to_video(s.end)) if s else None)
    plan = Plan(duration=round(cut.length, 3))
    k = 0  # the next sentence of plan_sentences
    pending: CuePlan | None = None  # a cell cue whose output waits for the first sentence about it
    for segment in inputs.script.segments:
        if not any(b.kind in ("narration", "bullet", "cue") for b in segment.blocks):
            continue
        first_at = None
        for block in segment.blocks:
            if block.kind == "cue":
                said = [t for t in times[:k] if t]
                after = next((t for t in times[k:] if t), None)
                start = max(said[-1][1] if said else 0.0, (after[0] - LEAD) if after else plan.duration)
                start = min(max(start, plan.cues[-1].start if plan.cues else 0.0), plan.duration)
                target = inputs.targets.get(block.cue.line)
                cue = CuePlan(block.cue.line, block.cue.marker, block.cue.kind, target.ref if target else "",
                              round(start, 3), round(start, 3))
                plan.cues.append(cue)
                pending = cue if cue.kind in ("vscode", "terminal") else None
                if pending and drafts.said_over(segment.blocks, block) < 1:
                    pending.output_at, pending = round(min(start + OUTPUT_AFTER, plan.duration), 3), None
                first_at = start if first_at is None else first_at
            elif block.kind in ("narration", "bullet"):
                for _ in sentences(block.text):
                    sentence, at = plan_sentences[k], times[k]
                    k += 1
                    if at is None:
                        continue
                    sentence.start, sentence.end = round(at[0], 3), round(at[1], 3)
                    plan.sentences.append(sentence)
                    first_at = at[0] if first_at is None else first_at
                    if pending is not None:
                        pending.output_at, pending = sentence.end, None
        if first_at is not None:
            plan.segments.append({"title": segment.title, "line": segment.line,
                                  "start": 0.0 if not plan.segments else round(first_at, 3)})
    for i, seg in enumerate(plan.segments):
        seg["end"] = plan.segments[i + 1]["start"] if i + 1 < len(plan.segments) else plan.duration
    for i, cue in enumerate(plan.cues):
        cue.end = plan.cues[i + 1].start if i + 1 < len(plan.cues) else plan.duration
        if cue.output_at is None or cue.output_at > cue.end:
            cue.output_at = min(cue.end, cue.output_at or cue.lead_end)
    return plan


def check(inputs: Inputs, lexicon, quality: str) -> str:
    """Every cue's visual is built (a clear error naming the make command otherwise); the digest of what they
    show, so that the video is made again when a slide, scene or demo output it shows changed."""
    from coursekit.course.problems import CourseError, Problem
    from coursekit.video.speech import Voice

    for cue in inputs.script.cues:
        try:
            if cue.kind == "slides":
                inputs.need(inputs.deck, cue.line, f"make slides S={inputs.section.key[:2]}")
            elif cue.kind == "animation":
                inputs.scene(cue.line)
            elif cue.kind in ("vscode", "terminal") and inputs.targets.get(cue.line) is not None:
                inputs.run(cue.line)
        except CourseError as exc:
            raise CourseError([Problem(p.path, p.line, f"{p.message}; an audio-only take is shown over the built cue "
                                       f"visuals: `make S={inputs.section.key[:2]}` builds them all")
                               for p in exc.problems]) from None

    return inputs.digest(Voice.load(inputs.root), lexicon, quality)


def write(target: Path, inputs: Inputs, plan: Plan, sound: Path, quality: str, cache: Path, echo) -> list[dict]:
    """The video of ``plan``'s pictures with the ``sound`` file at ``target``; each cue's pictures, for cut.json."""
    spans = drafts.pictures(inputs, plan)
    pngs = stills.render([s[2] for s in spans if isinstance(s[2], stills.Still)], cache / "stills",
                         video.SIZES[quality][0] / stills.WIDTH, echo=echo)
    shots, shown = [], []
    for start, end, picture, cue in spans:
        if isinstance(picture, stills.Still):
            shots.append(video.Shot(start, end, png=pngs[picture.key], key=picture.key))
        else:
            shots.append(video.Shot(start, end, video=picture, key=fsio.file_sha256(picture)))
        source = shots[-1].png or shots[-1].video
        shown.append({"start": round(start, 3), "end": round(end, 3), "cue_line": cue.line if cue else None,
                      "kind": cue.kind if cue else "title", "picture": str(source.relative_to(inputs.root))
                      if source.is_relative_to(inputs.root) else str(source)})
    paths, _ = video.chunks(shots, quality, cache / "chunks")
    video.assemble(shots, paths, None, 0, target, sound=sound)
    return shown


def overlays(inputs: Inputs, plan: Plan, replace: str, width: int, cache: Path, echo):
    """For a screen recording: the build's own pictures of its animation cues (and slide cues, with
    "cues+slides"), each where the cue sits on the voice; an animation for its own length, not past the next cue."""
    kinds = {"animation"} | ({"slides"} if replace == "cues+slides" else set())
    spans = [s for s in drafts.pictures(inputs, plan) if s[3] is not None and s[3].kind in kinds]
    pngs = stills.render([s[2] for s in spans if isinstance(s[2], stills.Still)], cache / "stills",
                         width / stills.WIDTH, echo=echo)
    laid, shown = [], []
    for start, end, picture, cue in spans:
        if isinstance(picture, stills.Still):
            source = pngs[picture.key]
        else:
            source = picture
            if picture.suffix == ".mp4":
                end = min(end, start + inputs.scene(cue.line)["duration"])
        if end - start > 1e-3:
            laid.append(Overlay(start, end, source))
            shown.append({"start": round(start, 3), "end": round(end, 3), "cue_line": cue.line, "kind": cue.kind,
                          "picture": str(source.relative_to(inputs.root)) if source.is_relative_to(inputs.root)
                          else str(source)})
    return laid, shown
