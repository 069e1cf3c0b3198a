"""A Chromium kept between drafts, to draw the slides of an edited deck.

A draft that re-takes one slide's still used to start Playwright's driver and Chromium for it (about 0.7 s of
its 1.8 s in the browser). As the warm runner keeps its imports, this server keeps both: one per interpreter,
coursekit code and import environment (warm_client.key), found and started the same way, in the same folder,
idle for the same time (COURSEKIT_WARM_IDLE), off with COURSEKIT_WARM_SERVER=0, stopped by
`python -m coursekit.build.warm_server --stop`. Each request is drawn by stills.draw_on on a new browser
context's page, as a draft's own browser would, one request at a time. The page is loaded afresh for each request: a
deck that changed is a new page.

While idle it looks at the decks it has drawn (every WATCH_EVERY seconds, a stat each): when one is written again
and a slide in it looks different (stills.deck_looks, what the draft that follows will key its stills by), it loads
the new deck on the page kept for the next request, so that the draft finds it open (a deck page takes about 0.7 s
to load, most of a slide edit's draft). The request says which deck that page holds; it is used only if the deck
on disk is still the one loaded (its sha256), else the page loads it again as before.

Without a server, or when it fails or goes away mid-request, the draft draws its slides in a browser of its own,
as before; a problem with the deck itself (a slide it does not have, a request that leaves the site) is the
draft's error either way.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import time
from pathlib import Path

from coursekit.build import warm_client
from coursekit.build.warm_client import _same_socket, listen
from coursekit.course import parsed
from coursekit.course.problems import CourseError
from coursekit.video import stills
from coursekit.video.stills import KEPT_BROWSER as SERVER  # the client: stills.ask_kept_browser

LAUNCHES = 0  # browsers this server has launched: one, unless one crashed
WATCH_EVERY = 0.05  # seconds between looks at the decks drawn before, while idle


def _answer(request: dict, playwright, browser, spare, ready: tuple[str, str] | None = None):
    """Draw one request on the spare page if it has the request's pixel ratio (a new one if not), which holds
    ``ready`` (a deck and its sha256 when it was loaded) if not None; (answer, the browser to keep: None when it
    must be launched again)."""
    from coursekit.build.browser import CHROMIUM_ARGS, chromium_path

    ratio = float(request.get("pixel_ratio", 1.0))
    global LAUNCHES
    if browser is None or not browser.is_connected():
        browser, spare = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS), None
        LAUNCHES += 1
    if spare is None or spare[0] != ratio:
        if spare is not None:
            spare[1][0].context.close()
        spare, ready = (ratio, stills.new_page(browser, ratio)), None
    opened = ready[0] if ready and ready[1] == _digest(ready[0]) else ""
    wanted = [stills.Still(s["key"], deck=s["deck"], slide=s["slide"], shown=int(s["shown"]))
              for s in request["stills"]]
    out = {s["key"]: Path(s["target"]) for s in request["stills"]}
    try:
        stills.draw_on(*spare[1], {s.key: s for s in wanted}, out, opened)
        return {"ok": True, "launches": LAUNCHES, "preloaded": bool(opened)}, browser
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


def _digest(deck: str) -> str | None:
    try:
        return hashlib.sha256(Path(deck).read_bytes()).hexdigest()
    except OSError:
        return None


def _signature(deck: str) -> tuple | None:
    """What changes when a deck is written again (atomically: a new file renamed over the old)."""
    try:
        st = os.stat(deck)
        return st.st_ino, st.st_mtime_ns, st.st_size
    except OSError:
        return None


def _seen(deck: str) -> tuple:
    """A deck's signature and its slides' looks, as they are now."""
    path = Path(deck)
    if [p.name for p in path.parents[:3]] == ["decks", "site", "build"]:  # its course's parse cache, shared with
        parsed.configure(path.parents[3])  # the draft that keys its stills by the same looks: parsed once
    return _signature(deck), stills.deck_looks(path)


def _watch(watched: dict[str, tuple], browser, spare, ready):
    """Look at the decks drawn before: one written again with a slide that looks different is loaded on the spare
    page; (spare, ready) after."""
    for deck, (signature, looks) in list(watched.items()):
        if _signature(deck) in (signature, None):
            continue
        try:
            watched[deck] = _seen(deck)
        except Exception:  # noqa: BLE001 - written again while read: the next look reads it whole
            continue
        if watched[deck][1] == looks or spare is None or browser is None or not browser.is_connected():
            continue
        digest = _digest(deck)
        try:
            stills.open_deck(spare[1][0], deck)
            ready = (deck, digest) if digest is not None else None
        except Exception:  # noqa: BLE001 - the next request makes a page of its own and loads the deck itself
            try:
                spare[1][0].context.close()
            except Exception:  # noqa: BLE001
                pass
            spare, ready = None, None
    return spare, ready


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
    browser = spare = ready = None
    watched: dict[str, tuple] = {}  # deck -> (its signature, its looks) when last drawn or looked at
    code = warm_client._code_digest()  # its coursekit edited, it goes: the next draft starts another
    listener, inode, selector = listen(path, ready_fd)
    last = checked = looked = time.monotonic()
    try:
        while True:
            if time.monotonic() - checked >= 1.0:
                checked = time.monotonic()
                if time.monotonic() - last >= idle or not _same_socket(path, inode) or warm_client._code_digest() != code:
                    return
            wait = min(30.0, max(0.1, idle - (time.monotonic() - last)))
            asked = selector.select(timeout=WATCH_EVERY if watched else wait)
            if watched and time.monotonic() - looked >= WATCH_EVERY:  # also between requests that come quickly
                spare, ready = _watch(watched, browser, spare, ready)
                looked = time.monotonic()
            if not asked:
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
                if request.get("status"):  # what the tests wait for: the decks looked at, the deck kept loaded
                    answer = {"watched": {d: list(sig or ()) for d, (sig, _) in watched.items()},
                              "ready": ready[0] if ready else None}
                else:
                    answer, browser = _answer(request, playwright, browser, spare, ready)
                try:
                    stream.write(json.dumps(answer).encode() + b"\n")
                    stream.flush()
                except OSError:
                    pass
            if request.get("status"):
                continue  # drew nothing: the spare page and what it holds stay
            spare, ready = _spare(browser, float(request.get("pixel_ratio", 1.0))), None
            for deck in {s["deck"] for s in request.get("stills", ())}:
                try:
                    watched[deck] = _seen(deck)
                except Exception:  # noqa: BLE001 - not a deck it can read: not watched
                    watched.pop(deck, None)
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
