"""The bench's rows for recorded takes: aligning a ten-minute take, its cut (a screen recording and the voice
alone), and a pickup of three sentence changes, from the edit to the new video."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

from coursekit.bench.timing import Row, _clean_env, measure

ALIGN_ROW = "`coursekit align` of a take"


def _bench_align(rows: list[Row], sections, copy: Path, echo) -> None:
    """Aligning a ten-minute take: the longest section's narration spoken by the draft voice, slowed until it
    lasts ten minutes, saved as a recorder would (AAC, 48 kHz stereo); its sentence starts are known."""
    import numpy as np

    from coursekit.course.timing import clock
    from coursekit.video import takes

    section = max(sections, key=lambda s: len(s.script.read_text(encoding="utf-8").split()))
    cache = copy / "build" / "cache" / "speech"
    take = takes.speak(copy, section.key, cache, gap=1.0)
    if take.seconds < 600:
        take = takes.speak(copy, section.key, cache, words_per_minute=int(140 * take.seconds / 600), gap=1.0)
    path = takes.save(take, copy / "build" / "take.m4a", rate=48000, layout="stereo", codec="aac")
    shutil.rmtree(copy / "build" / "cache" / "align", ignore_errors=True)  # measure recognition, not the kept alignment
    measure(rows, f"{ALIGN_ROW}: {clock(take.seconds)} of {section.key} (AAC, 48 kHz stereo)", 1, lambda i: None,
            [sys.executable, "-m", "coursekit", "align", section.key[:2], str(path)], copy, echo=echo)
    report = json.loads((copy / "build/site/captions" / f"{section.key}.report.json").read_text(encoding="utf-8"))
    found = {s["text"]: s for s in report["sentences"]}
    errors = np.array([abs(found[t]["start"] - start) if found[t]["status"] == "aligned" else np.inf
                       for t, start in take.starts.items()])
    rows[-1].note = (f"{take.seconds:.0f} s of audio; start error median {np.median(errors):.3f} s, 90th percentile "
                     f"{np.percentile(errors, 90):.3f} s, {np.mean(errors <= 0.5):.0%} within 0.5 s")


CUT_ROW = "`coursekit cut`"
PICKUP_ROW = "`coursekit cut` --pickup"


def _ten_minutes(sections, copy: Path):
    """The longest section said by the draft voice for about ten minutes, with two asides, two restarts and two
    long pauses: (section, take, the speech cache)."""
    from coursekit.video import takes

    section = max(sections, key=lambda s: len(s.script.read_text(encoding="utf-8").split()))
    cache = copy / "build" / "cache" / "speech"
    slots = dict(aside_after=(5, 40), restart=(12, 60), pause_after={20: 4.0, 50: 6.0}, gap=1.0)
    take = takes.speak(copy, section.key, cache, **slots)
    if take.seconds < 600:
        take = takes.speak(copy, section.key, cache, words_per_minute=int(140 * take.seconds / 600), **slots)
    return section, take, cache


def _bench_cut(rows: list[Row], sections, copy: Path, echo) -> None:
    """The finished video of a ten-minute take with two asides, two restarts and two long pauses, side by side:
    as a 720p30 screen recording, and as the voice alone over the cue visuals (1080p), each timed after its
    alignment (which has its own row above). auto-editor is not measured: AUTO_EDITOR says why."""
    from coursekit.course.timing import clock
    from coursekit.video import takes

    section, take, cache = _ten_minutes(sections, copy)
    key = section.key
    screen = takes.screen_recording(take, copy / "build" / "screen.mp4", fps=30, size=(1280, 720))
    voice = takes.save(take, copy / "build" / "voice.m4a", rate=48000, layout="stereo", codec="aac")
    for path, what, extra in ((screen, "720p30 screen recording", []), (voice, "voice-only take over the cue "
                                                                              "visuals (1080p)", ["--quality", "high"])):
        subprocess.run([sys.executable, "-m", "coursekit", "align", key[:2], str(path)], cwd=copy, env=_clean_env(),
                       check=True, capture_output=True)
        measure(rows, f"{CUT_ROW} of a {clock(take.seconds)} {what}, after its alignment", 1, lambda i: None,
                [sys.executable, "-m", "coursekit", "cut", key[:2], str(path), "--force", *extra], copy, echo=echo)
        record = json.loads((copy / "build/site/videos" / f"{key}.cut.json").read_text(encoding="utf-8"))
        removed = {}
        for r in record["removed"]:
            removed[r["reason"]] = removed.get(r["reason"], 0.0) + r["length"]
        rows[-1].note = (f"{take.seconds:.0f} s take -> {record['video_seconds']:.0f} s video; removed "
                         + ", ".join(f"{reason} {seconds:.1f} s" for reason, seconds in removed.items()))
    _bench_pickup(rows, section, copy, screen, cache, echo)


def bench_pickup_alone(rows: list[Row], sections, copy: Path, echo) -> None:
    """The pickup row by itself (`make bench ONLY=pickup`): the ten-minute screen recording made and aligned first."""
    from coursekit.video import takes

    section, take, cache = _ten_minutes(sections, copy)
    screen = takes.screen_recording(take, copy / "build" / "screen.mp4", fps=30, size=(1280, 720))
    subprocess.run([sys.executable, "-m", "coursekit", "align", section.key[:2], str(screen)], cwd=copy,
                   env=_clean_env(), check=True, capture_output=True)
    _bench_pickup(rows, section, copy, screen, cache, echo)


def _bench_pickup(rows: list[Row], section, copy: Path, screen: Path, cache: Path, echo) -> None:
    """A pickup of three sentence changes (one changed, one added, one removed) on the ten-minute screen
    recording, from the script edit to the new video: the take locked first (its alignment is kept), then the
    edit, `coursekit status`, and `coursekit cut --pickup` with a pickup of the two sentences to say."""
    from coursekit.course.timing import clock
    from coursekit.video import takes
    from coursekit.video.changes import current_narration

    key = section.key
    py = [sys.executable, "-m", "coursekit"]
    subprocess.run([*py, "recorded", key[:2], "--take", str(screen)], cwd=copy, env=_clean_env(), check=True,
                   capture_output=True)
    script = copy / "scripts" / f"{key}.md"
    before = script.read_text(encoding="utf-8")
    said = [s.text for s in current_narration(section, copy)[0]]
    changed, after, removed = said[10], said[30], said[50]
    new = f"In other words, {changed[0].lower()}{changed[1:]}"
    added = "This sentence was added after the video was published."
    text = before.replace(changed, new, 1).replace(after, f"{after} {added}", 1).replace(removed, "", 1)
    pickup = takes.save(takes.say(copy, [new, added], cache, gain=0.5), copy / "build" / "pickup.wav")
    script.write_text(text, encoding="utf-8")
    try:
        started = time.perf_counter()
        status = subprocess.run([*py, "status", key[:2]], cwd=copy, env=_clean_env(), check=True,
                                capture_output=True, text=True).stdout
        measure(rows, f"{PICKUP_ROW} of 3 sentence changes to a {clock(takes.seconds(screen))} 720p30 screen "
                      "recording, from the edit (status, then the cut)", 1, lambda i: None,
                [*py, "cut", key[:2], str(screen), "--pickup", str(pickup)], copy, echo=echo)
        rows[-1].runs = [time.perf_counter() - started]  # the status too: from the edit to the video
        listed = sum(1 for line in status.splitlines() if line.strip().startswith(f"scripts/{key}.md:"))
        rows[-1].note = f"{takes.seconds(screen):.0f} s take; status listed {listed} change(s)"
    finally:
        script.write_text(before, encoding="utf-8")
        (copy / "recordings.lock").unlink(missing_ok=True)
