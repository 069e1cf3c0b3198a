"""Renders one Manim scene in its own process (run by coursekit.build.render as `python -m coursekit.build.manim_worker`).

One process per scene keeps manim's global config and any crash to that scene. The result (ok or the error
with the scene file's line) is written as JSON to a file, since manim prints freely on stdout and stderr.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import traceback
from pathlib import Path

QUALITIES = {"preview": "low_quality", "high": "high_quality"}


def _load(path: Path):
    # As manim's own loader: the scene file's folder on sys.path, so `from style import *` works.
    sys.path.insert(0, str(path.parent))
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[path.stem] = module
    spec.loader.exec_module(module)
    return module


def probe(mp4: Path, poster: Path | None = None) -> dict:
    """Duration, resolution and frame count of a rendered video, read back with PyAV; the last frame as poster."""
    import av

    with av.open(str(mp4)) as container:
        stream = container.streams.video[0]
        frames, last = 0, None
        for frame in container.decode(stream):
            frames += 1
            last = frame
        duration = float(container.duration / av.time_base) if container.duration else frames / float(stream.average_rate)
        info = {"width": stream.codec_context.width, "height": stream.codec_context.height,
                "fps": float(stream.average_rate), "frames": frames, "duration": round(duration, 3)}
    if poster is not None and last is not None:
        last.to_image().save(poster, format="PNG")
    return info


def run(path: Path, scene: str, quality: str, media_dir: Path, dry_run: bool, cache: bool = False) -> dict:
    from manim import tempconfig

    settings = {"quality": QUALITIES[quality], "media_dir": str(media_dir), "disable_caching": not cache,
                "format": "mp4", "progress_bar": "none", "verbosity": "WARNING", "output_file": scene,
                "dry_run": dry_run}
    with tempconfig(settings):
        module = _load(path)
        cls = getattr(module, scene, None)
        if cls is None:
            return {"ok": False, "line": 0, "error": f"no scene class {scene}"}
        instance = cls()
        try:
            instance.render()
        except RuntimeError as exc:
            if dry_run or "no play calls" not in str(exc):
                raise
            return still(path, scene, settings)
        if dry_run:
            return {"ok": True, "animations": instance.renderer.num_plays}
        movie = Path(instance.renderer.file_writer.movie_file_path)
        poster = media_dir / f"{scene}.png"
        info = probe(movie, poster)
        return {"ok": True, "mp4": str(movie), "png": str(poster), **info,
                "animations": instance.renderer.num_plays}


def still(path: Path, scene: str, settings: dict) -> dict:
    """A scene that only adds (no play call) is a picture: its last frame as PNG, and no MP4."""
    from manim import tempconfig
    from PIL import Image

    with tempconfig({**settings, "format": "png", "save_last_frame": True, "write_to_movie": False}):
        instance = getattr(_load(path), scene)()
        instance.render()
        image = Path(instance.renderer.file_writer.image_file_path)
    width, height = Image.open(image).size
    return {"ok": True, "still": True, "png": str(image), "width": width, "height": height, "fps": 0, "frames": 1,
            "duration": 0.0, "animations": 0}


LATEX_MISSING = ("needs LaTeX (MathTex, Tex, and numbers drawn with TeX such as DecimalNumber), which is not "
                 "installed: `sudo apt-get install texlive texlive-latex-extra dvisvgm`, or `make setup LATEX=1`; "
                 "the file's other scenes render without it")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("file", type=Path)
    parser.add_argument("scene")
    parser.add_argument("--quality", choices=sorted(QUALITIES), default="preview")
    parser.add_argument("--media-dir", type=Path, required=True)
    parser.add_argument("--result", type=Path, required=True)
    parser.add_argument("--dry-run", action="store_true")
    parser.add_argument("--cache", action="store_true", help="reuse the animations manim cached in --media-dir")
    args = parser.parse_args()
    path = args.file.resolve()
    try:
        result = run(path, args.scene, args.quality, args.media_dir, args.dry_run, args.cache)
    except BaseException as exc:  # noqa: BLE001 - every failure of the scene is reported, whatever it is
        frames = [f for f in traceback.extract_tb(exc.__traceback__) if Path(f.filename).resolve() == path]
        latex = isinstance(exc, FileNotFoundError) and Path(str(exc.filename or "")).name in ("latex", "dvisvgm")
        result = {"ok": False, "line": frames[-1].lineno if frames else 0,
                  "error": LATEX_MISSING if latex else f"{type(exc).__name__}: {exc}".strip(),
                  "traceback": "".join(traceback.format_exception(exc))[-4000:]}
    args.result.write_text(json.dumps(result), encoding="utf-8")
    sys.exit(0 if result.get("ok") else 1)


if __name__ == "__main__":
    main()
