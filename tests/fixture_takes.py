"""A short course to align takes against: a real section's opening, so each aligner test takes seconds.
The takes themselves are spoken by coursekit.video.takes.speak, which the benchmark uses too."""

from __future__ import annotations

import shutil
from pathlib import Path

SHORT = "01_short"


def short_course(root: Path, tmp: Path, key: str, stop_at: str) -> Path:
    """A course in ``tmp`` whose one section, 01_short, is ``key``'s script up to the heading ``stop_at``, with
    the slides, demos and scenes its cues show (renamed with it)."""
    text = (root / "scripts" / f"{key}.md").read_text(encoding="utf-8")
    files = {f"scripts/{SHORT}.md": text[: text.index(f"\n## {stop_at}\n")] + "\n"}
    for kind in ("slides", "animations"):
        if (root / kind / f"{key}.py").exists():
            files[f"{kind}/{SHORT}.py"] = (root / kind / f"{key}.py").read_text(encoding="utf-8")
    for demo in sorted((root / "demos" / key).glob("*.py")):
        files[f"demos/{SHORT}/{demo.name}"] = demo.read_text(encoding="utf-8")
    for name, content in files.items():
        (tmp / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp / name).write_text(content.replace(key, SHORT), encoding="utf-8")
    for name in ("lexicon.toml", "pyproject.toml"):
        shutil.copy(root / name, tmp / name)
    return tmp


def seconds(stamp: str) -> float:
    """A caption timestamp (WebVTT's 00:01:02.500 or SRT's 00:01:02,500) in seconds."""
    h, m, s = stamp.replace(",", ".").split(":")
    return int(h) * 3600 + int(m) * 60 + float(s)
