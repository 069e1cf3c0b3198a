"""A Chromium kept between drafts, to draw the slides of an edited deck.

A draft that re-takes one slide's still used to start Playwright's driver and Chromium for it (about 0.7 s of
its 1.8 s in the browser). As the warm runner keeps its imports, this server keeps both: one per interpreter,
coursekit code and import environment (warm_client.key), found and started the same way, in the same folder,
idle for the same time (COURSEKIT_WARM_IDLE), off with COURSEKIT_WARM_SERVER=0, stopped by
`python -m coursekit.build.warm_server --stop`. Each request is drawn by stills.draw_on on a new browser
context's page, as a draft's own browser would, one request at a time. The page is loaded afresh for each request: a
deck that changed is a new page.

Without a server, or when it fails or goes away mid-request, the draft draws its slides in a browser of its own,
as before; a problem with the deck itself (a slide it does not have, a request that leaves the site) is the
draft's error either way.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from coursekit.build import warm_client
from coursekit.build.warm_client import _same_socket, listen
from coursekit.course.problems import CourseError
from coursekit.video import stills
from coursekit.video.stills import KEPT_BROWSER as SERVER  # the client: stills.ask_kept_browser

LAUNCHES = 0  # browsers this server has launched: one, unless one crashed


def _answer(request: dict, playwright, browser, spare):
    """Draw one request on the spare page if it has the request's pixel ratio (a new one if not); (answer,
    the browser to keep: None when it must be launched again)."""
    from coursekit.build.browser import CHROMIUM_ARGS, chromium_path

    ratio = float(request.get("pixel_ratio", 1.0))
    global LAUNCHES
    if browser is None or not browser.is_connected():
        browser, spare = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS), None
        LAUNCHES += 1
    if spare is None or spare[0] != ratio:
        if spare is not None:
            spare[1][0].context.close()
        spare = (ratio, stills.new_page(browser, ratio))
    wanted = [stills.Still(s["key"], deck=s["deck"], slide=s["slide"], shown=int(s["shown"]))
              for s in request["stills"]]
    out = {s["key"]: Path(s["target"]) for s in request["stills"]}
    try:
        stills.draw_on(*spare[1], {s.key: s for s in wanted}, out)
        return {"ok": True, "launches": LAUNCHES}, browser
    except CourseError as exc:
        problem = exc.problems[0]
        return {"problem": [problem.path, problem.line, problem.message]}, browser
    except Exception as exc:  # noqa: BLE001 - the client draws them itself; the next request gets a new browser
        print(f"still server: {type(exc).__name__}: {exc}", file=sys.stderr, flush=True)
        try:
            browser.close()
        except Exception:  # noqa: BLE001
            pass
        return {"error": f"{type(exc).__name__}: {exc}"}, None


def _spare(browser, ratio: float):
    """A fresh page made while nobody waits, for the next request (each page draws one request, then goes)."""
    if browser is None or not browser.is_connected():
        return None
    try:
        return ratio, stills.new_page(browser, ratio)
    except Exception:  # noqa: BLE001 - the next request makes its own
        return None


def serve(path: Path, idle: float, ready_fd: int | None) -> None:
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    browser = spare = None
    code = warm_client._code_digest()  # its coursekit edited, it goes: the next draft starts another
    listener, inode, selector = listen(path, ready_fd)
    last = time.monotonic()
    try:
        while True:
            if time.monotonic() - last >= idle or not _same_socket(path, inode) or warm_client._code_digest() != code:
                return
            if not selector.select(timeout=min(30.0, max(0.1, idle - (time.monotonic() - last)))):
                continue
            conn, _ = listener.accept()
            with conn, conn.makefile("rwb") as stream:
                try:
                    request = json.loads(stream.readline() or b"{}")
                except (OSError, ValueError):
                    continue
                if request.get("stop"):
                    if _same_socket(path, inode):
                        path.unlink(missing_ok=True)
                    return
                answer, browser = _answer(request, playwright, browser, spare)
                try:
                    stream.write(json.dumps(answer).encode() + b"\n")
                    stream.flush()
                except OSError:
                    pass
            spare = _spare(browser, float(request.get("pixel_ratio", 1.0)))
            last = time.monotonic()
    finally:
        if _same_socket(path, inode):
            path.unlink(missing_ok=True)
        try:
            if browser is not None:
                browser.close()
            playwright.stop()
        except Exception:  # noqa: BLE001 - exiting anyway
            pass


def main(argv: list[str]) -> None:
    import argparse

    parser = argparse.ArgumentParser(prog=f"python -m {SERVER}", description=__doc__.split("\n")[0])
    parser.add_argument("--serve", type=Path, required=True, help="serve on this socket (what a client starts)")
    parser.add_argument("--idle", type=float, default=warm_client.IDLE_SECONDS, help="exit after this many idle seconds")
    parser.add_argument("--ready-fd", type=int, default=None)
    args = parser.parse_args(argv)
    serve(args.serve, args.idle, args.ready_fd)


if __name__ == "__main__":
    main(sys.argv[1:])
