"""`coursekit site`: the course home (build/site/index.html) and a page per video script.

Pages link only inside build/site/, so the folder works from file://, served, or published as it is.
"""

from __future__ import annotations

import base64
import json
import os
from pathlib import Path

import click

from coursekit.build.demos import cell_seconds
from coursekit.build.render import out_dir as animations_dir
from coursekit.build.render import read_manifest
from coursekit.course import fsio
from coursekit.course import script as script_mod
from coursekit.course.problems import CourseError
from coursekit.course.scenes import describe
from coursekit.course.sections import discover
from coursekit.course.timing import Timing, chapters, clock, estimate
from coursekit.course.trace import trace_course
from coursekit.site import pages, pickups
from coursekit.site.pages import COURSE_TITLE, segment_views
from coursekit.site.teleprompter import build_prompter
from coursekit.video.align import read_report, summary


def read_draft(site: Path, key: str) -> dict | None:
    """The section's draft video (paths relative to build/site/), its length and chapters; None before one."""
    timeline = site / "drafts" / f"{key}.json"
    if not timeline.exists() or not (site / "drafts" / f"{key}.mp4").exists():
        return None
    data = json.loads(timeline.read_text(encoding="utf-8"))
    # Chromium refuses a <track> file from file:// (each file is its own origin), so the pages carry the
    # captions inline as data: URLs; the .vtt files stay beside the video for download.
    inline = {}
    for name, ext in (("captions_data", "vtt"), ("chapters_data", "chapters.vtt")):
        vtt = site / "drafts" / f"{key}.{ext}"
        inline[name] = "data:text/vtt;base64," + base64.b64encode(vtt.read_bytes()).decode() if vtt.exists() else ""
    return {"mp4": f"drafts/{key}.mp4", "vtt": f"drafts/{key}.vtt", "png": f"drafts/{key}.png",
            "chapters_vtt": f"drafts/{key}.chapters.vtt", "duration": data["duration"],
            "length": clock(data["duration"]), "segments": data["segments"], **inline}


def read_video(site: Path, key: str) -> dict | None:
    """The section's finished video (`coursekit cut`), paths relative to build/site/; None before one."""
    folder = site / "videos"
    try:
        record = json.loads((folder / f"{key}.cut.json").read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return None
    if not (folder / f"{key}.mp4").exists():
        return None
    inline = {}
    for name, ext in (("captions_data", "vtt"), ("chapters_data", "chapters.vtt")):
        vtt = folder / f"{key}.{ext}"
        inline[name] = "data:text/vtt;base64," + base64.b64encode(vtt.read_bytes()).decode() if vtt.exists() else ""
    return {"mp4": f"videos/{key}.mp4", "vtt": f"videos/{key}.vtt", "srt": f"videos/{key}.srt",
            "otio": f"videos/{key}.otio", "cut": f"videos/{key}.cut.json", "duration": record["video_seconds"],
            "length": clock(record["video_seconds"]), **inline,
            "chapters": (folder / f"{key}.chapters.txt").read_text(encoding="utf-8").splitlines()
            if (folder / f"{key}.chapters.txt").exists() else []}


def read_take(root: Path, key: str) -> dict | None:
    """What `coursekit align` found in the section's recorded take: its captions and chapters (paths relative
    to build/site/), the sentences it skipped and what it said off script; None before a take is aligned."""
    report = read_report(root, key)
    if report is None:
        return None
    folder = root / "build" / "site" / "captions"
    chapters_txt = folder / f"{key}.chapters.txt"
    return {"summary": summary(report), "wpm": report["words_per_minute"],
            "vtt": f"captions/{key}.vtt", "srt": f"captions/{key}.srt", "chapters_txt": f"captions/{key}.chapters.txt",
            "chapters": chapters_txt.read_text(encoding="utf-8").splitlines() if chapters_txt.exists() else [],
            "skipped": [s for s in report["sentences"] if s["status"] == "skipped"],
            "unscripted": [{**u, "at": f"{clock(u['start'])}–{clock(u['end'])}"} for u in report["unscripted"]]}


def _target_href(target) -> str:
    if target is None:
        return ""
    if target.kind == "url":
        return target.path
    if target.kind == "slide":
        return f"decks/{Path(target.path).stem}.html#/{target.fragment}"
    if target.kind == "scene":
        return f"animations/{Path(target.path).stem}/{target.fragment}.mp4"
    return ""


def _trace_page(env, root: Path, rows: list[dict], total: float, timing: Timing) -> str:
    traced, reverse, things = trace_course(root)
    cues = [{"section": r.section, "line": r.cue.line, "where": r.where, "marker": r.cue.marker,
             "description": r.cue.description,
             "target": "(unresolved)" if r.target is None and r.cue.link else (r.target.ref if r.target else ""),
             "href": _target_href(r.target)} for r in traced]
    back = [{"ref": ref, "cues": rows_, "lines": f"{things[ref].line}-{things[ref].end}" if ref in things else ""}
            for ref, rows_ in sorted(reverse.items())]
    table = [{"key": r["key"], "segments": r["segments"], "words": r["words"], "clock": r["length"],
              "outside": timing.outside_range(r["seconds"]), "draft": r["draft_length"],
              "draft_outside": r["draft_seconds"] is not None and timing.outside_range(r["draft_seconds"]),
              "video": r["video_length"]}
             for r in rows]
    return env.get_template("trace.html.j2").render(
        course_title=COURSE_TITLE, up="", cues=cues, reverse=back, timing=table, total=clock(total),
        draft_total=clock(sum(r["draft_seconds"] or 0 for r in rows)),
        video_total=clock(sum(r["video_seconds"] or 0 for r in rows)),
        total_words=sum(r["words"] for r in rows), unshown=sum(1 for b in back if not b["cues"]))


def build_site(root: Path) -> tuple[Path, int]:
    site = root / "build" / "site"
    sections, problems = discover(root)
    if problems:
        raise CourseError(problems)
    env = pages.env(root / "build" / "cache" / "jinja")
    timing = Timing.load(root)
    anim_dir = animations_dir(root)
    rows = []
    total = 0.0
    written = 0  # pages whose content changed (the others are left as they were)
    views = {}  # each section's script, times and segment views, for its teleprompter too
    for section in sections:
        shown = f"scripts/{section.key}.md"
        parsed = script_mod.parse(section.script, shown)
        manifest = read_manifest(anim_dir / f"{section.key}.json")
        durations = {name.split("/")[1]: e["duration"] for name, e in manifest.items()}
        times = estimate(parsed, durations, cell_seconds(root, section.key), timing)
        seconds = sum(t.seconds for t in times)
        total += seconds
        deck = site / "decks" / f"{section.key}.html"
        draft = read_draft(site, section.key)
        video = read_video(site, section.key)
        take = read_take(root, section.key)
        if video and video["chapters"]:  # the finished video's, the recorded take's, the draft's, the estimate's
            marks = video["chapters"]
        elif take and take["chapters"]:
            marks = take["chapters"]
        elif draft:
            marks = [f"{clock(seg['start'])} {seg['title']}" for seg in draft["segments"]]
        else:
            marks = chapters(times)
        zip_path = site / "downloads" / f"{section.key}.zip"
        segments = segment_views(parsed, section, root, "../", manifest)
        views[section.key] = parsed, times, segments
        page = env.get_template("script.html.j2").render(
            course_title=COURSE_TITLE, up="../", title=parsed.title or section.key, number=section.number,
            key=section.key,
            length=clock(seconds), wpm=timing.words_per_minute, segments=segments,
            deck=f"../decks/{section.key}.html" if deck.exists() else "",
            times=[{"title": t.title, "words": t.words, "clock": clock(t.seconds)} for t in times],
            chapters=marks, draft=draft, video=video, take=take,
            chapters_from="the finished video" if video and video["chapters"] else "the recorded take"
            if take and take["chapters"] else "the draft video" if draft
            else "the timing estimate")
        written += fsio.update_text(site / "scripts" / f"{section.key}.chapters.txt", "\n".join(marks) + "\n")
        written += fsio.update_text(site / "scripts" / f"{section.key}.html", page)
        rows.append({
            "key": section.key, "number": section.number, "title": parsed.title or section.slug,
            "length": clock(seconds), "seconds": seconds, "words": parsed.words,
            "draft": draft, "draft_seconds": draft["duration"] if draft else None,
            "draft_length": clock(draft["duration"]) if draft else "",
            "video": video, "video_seconds": video["duration"] if video else None,
            "video_length": video["length"] if video else "",
            "take": take["summary"] if take else "", "take_words_per_minute": take["wpm"] if take else None,
            "segments": len(parsed.segments), "cues": len(parsed.cues),
            "deck": f"decks/{section.key}.html" if deck.exists() else "",
            "script_page": f"scripts/{section.key}.html",
            "download": f"downloads/{section.key}.zip" if zip_path.exists() else "",
            "demos": [d.name for d in section.demos],
            "animations": [{"name": name.split("/")[1], "mp4": f"animations/{e['mp4']}" if "mp4" in e else "",
                            "png": f"animations/{e['png']}", "duration": round(e["duration"], 1),
                            "description": describe(root / e["source"], name.split("/")[1], e["source"])
                            if (root / e["source"]).exists() else ""}
                           for name, e in sorted(manifest.items(), key=lambda kv: kv[1].get("line", 0))],
        })
    index = env.get_template("index.html.j2").render(course_title=COURSE_TITLE, up="", sections=rows,
                                                     total=clock(total))
    written += fsio.update_text(site / "trace.html", _trace_page(env, root, rows, total, timing))
    for section in sections:
        prompter = build_prompter(section, root, env, *views[section.key])
        written += fsio.update_text(site / "prompter" / f"{section.key}.html", prompter)
        page = pickups.build_page(section, root, env)
        if page is not None:
            written += fsio.update_text(pickups.out_path(root, section.key), page)
        else:  # nothing to pick up any more: no page left to record from by mistake
            pickups.out_path(root, section.key).unlink(missing_ok=True)
    fsio.write_text(site / "index.html", index)  # make's target: always written, so its time says "built"
    fsio.update_text(root / "build" / "course.json", json.dumps({"sections": rows}, indent=2) + "\n")
    return site, written


@click.command()
@click.pass_obj
def site(root: Path) -> None:
    """Write the course home and the script pages into build/site."""
    out, written = build_site(root)
    pages = [p for p in out.rglob("*.html")]
    decks = len(list((out / "decks").glob("*.html")))
    anims = len(list((out / "animations").glob("*/*.mp4")))
    zips = len(list((out / "downloads").glob("*.zip")))
    size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    click.echo(f"site: {os.path.relpath(out / 'index.html')} -- {len(pages)} pages, {decks} decks, {anims} animations, "
               f"{zips} downloads, {size / 1e6:.1f} MB; {written} page(s) changed, the home rewritten")
