"""`coursekit preview`, run for real in a copy of the built course: the server, the watcher, make, and the
pages in Chromium reloading where they were."""

from __future__ import annotations

import http.client
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from conftest import SECTIONS

KEY = next(s.key for s in SECTIONS if s.key.startswith("01"))
WAIT = 300  # seconds: a save rebuilds the deck, then the draft and the site, on two busy cores


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Preview:
    """`coursekit preview 01 --no-open` in a subprocess, its output collected line by line."""

    def __init__(self, root: Path):
        self.root = root
        self.port = free_port()
        self.lines: list[str] = []
        self.process = subprocess.Popen(
            [sys.executable, "-m", "coursekit", "--root", str(root), "preview", "01", "--no-open", "--port",
             str(self.port)], cwd=root, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            env={k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")})
        threading.Thread(target=self._read, daemon=True).start()
        self.wait_for("preview: serving", 300)

    def _read(self):
        for line in self.process.stdout:
            self.lines.append(line.rstrip("\n"))

    def wait_for(self, text: str, timeout: float, after: int = 0) -> int:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for i, line in enumerate(self.lines[after:], start=after):
                if text in line:
                    return i
            if self.process.poll() is not None:
                break
            time.sleep(0.1)
        raise AssertionError(f"no {text!r} from the preview within {timeout} s:\n" + "\n".join(self.lines[-40:]))

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}/{path}"

    def get(self, path: str, method: str = "GET") -> int:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        conn.putrequest(method, path, skip_accept_encoding=True)  # the path goes out exactly as written
        conn.endheaders()
        status = conn.getresponse().status
        conn.close()
        return status

    def stop(self) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
        return self.process.wait(timeout=60)


@pytest.fixture
def preview(repo_copy):
    running = Preview(repo_copy)
    yield running
    running.stop()


def edit(path: Path, old: str, new: str) -> str:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text


@pytest.mark.slow
@pytest.mark.browser
def test_a_slide_edit_shows_on_the_open_deck_on_the_same_slide_and_a_broken_demo_shows_its_line(preview, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    outside: list[str] = []
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(preview.url(""))
               else (outside.append(route.request.url), route.abort()))
    page.goto(preview.url(f"decks/{KEY}.html#/what-is-pytorch"))
    page.wait_for_function("window.Reveal && Reveal.isReady()")
    page.keyboard.press("ArrowRight")  # the next slide: the reload must come back here, not to the first
    page.wait_for_function("Reveal.getIndices().h === 2")
    here = page.evaluate("document.querySelector('.reveal .slides > section.present').id")

    other = context.new_page()  # a page this edit does not touch: it must not reload
    other.goto(preview.url(f"scripts/{next(s.key for s in SECTIONS if s.key.startswith('02'))}.html"))
    other.evaluate("window.untouched = true")

    # beat: edit that slide's Markdown; the new words appear on the open deck, on the same slide
    slides = preview.root / "slides" / f"{KEY}.py"
    text = slides.read_text(encoding="utf-8")
    cell = re.search(rf"# %% {here} \[markdown\].*?\n(?=# %%)", text, re.S)
    assert cell, here
    saved = time.monotonic()
    slides.write_text(text.replace(cell.group(0), cell.group(0).rstrip("\n") + "\n# Saved a moment ago.\n\n", 1),
                      encoding="utf-8")
    page.wait_for_function("window.Reveal && Reveal.isReady() && Reveal.getCurrentSlide().innerText.includes('Saved a moment ago.')",
                           timeout=WAIT * 1000)
    seen = time.monotonic() - saved
    assert page.evaluate("document.querySelector('.reveal .slides > section.present').id") == here
    print(f"slide text edit: on screen {seen:.1f} s after the save")

    # beat: break a demo cell: the overlay names its file and line over the last good deck
    start = len(preview.lines)
    preview.wait_for("preview: built in", WAIT, start)  # the rest of that build (draft, site) ends first
    demo = preview.root / "demos" / KEY / "check_install.py"
    good = edit(demo, "# %% version\n", "# %% version\nassert 1 == 2, 'broken on purpose'\n")
    page.get_by_role("status").filter(has_text="rebuilding").wait_for(timeout=WAIT * 1000)
    alert = page.get_by_role("alert")
    alert.wait_for(timeout=WAIT * 1000)
    assert re.search(rf"demos/{KEY}/check_install\.py:\d+", alert.inner_text()), alert.inner_text()
    assert page.evaluate("document.querySelector('.reveal .slides > section.present').id") == here, "the last good page stays underneath"

    # beat: fix it: the overlay goes and the page is back
    demo.write_text(good, encoding="utf-8")
    alert.wait_for(state="detached", timeout=WAIT * 1000)
    assert page.evaluate("document.querySelector('.reveal .slides > section.present').id") == here
    assert "Saved a moment ago." in page.evaluate("Reveal.getCurrentSlide().innerText")
    assert outside == []
    assert other.evaluate("window.untouched") is True, "a page whose files did not change was reloaded"
    context.close()


@pytest.mark.slow
def test_the_server_serves_the_site_only_on_loopback_and_only_reads(preview):
    site = preview.root / "build" / "site"
    assert preview.get(f"/decks/{KEY}.html") == 200
    assert preview.get(f"/decks/{KEY}.html", "HEAD") == 200
    for escape in ("/../pyproject.toml", "/decks/../../pyproject.toml", "/%2e%2e/pyproject.toml",
                   "/..%2fpyproject.toml", "/decks/", "/no-such-page.html"):
        assert preview.get(escape) == 404, escape
    (site / "outside").symlink_to(preview.root / "pyproject.toml")
    assert preview.get("/outside") == 404, "a symlink out of the site is not followed"
    for method in ("POST", "PUT", "DELETE"):
        assert preview.get("/index.html", method) == 405
    # The listening socket is bound to 127.0.0.1 alone, as the kernel reports it.
    listening = [line.split()[1] for line in Path("/proc/net/tcp").read_text().splitlines()[1:]
                 if line.split()[3] == "0A"]
    assert f"0100007F:{preview.port:04X}" in listening
    assert not any(a.endswith(f":{preview.port:04X}") and a != f"0100007F:{preview.port:04X}" for a in listening)
    addresses = subprocess.run(["hostname", "-I"], capture_output=True, text=True).stdout.split()
    for address in [a for a in addresses if not a.startswith("127.") and ":" not in a]:
        with pytest.raises(OSError):
            socket.create_connection((address, preview.port), timeout=2)
    page = preview.get(f"/scripts/{KEY}.html")
    assert page == 200


@pytest.mark.slow
def test_ctrl_c_during_a_rebuild_leaves_every_output_whole(preview):
    site = preview.root / "build" / "site"
    start = len(preview.lines)
    edit(preview.root / "scripts" / f"{KEY}.md", "\n## ", "\nA sentence added while the preview runs.\n\n## ")
    preview.wait_for("preview: scripts/", WAIT, start)
    drafting = preview.wait_for("coursekit drafts", WAIT, start)  # the draft of the edited script is being made
    preview.wait_for("  [1/", WAIT, drafting)  # its first segment is being encoded: stop in the middle of it
    assert preview.stop() == 0
    assert "preview: stopped" in preview.lines[-1]
    assert not [p for p in site.rglob("*.part")], "no half-written file is left"
    for page in site.rglob("*.html"):
        assert page.read_text(encoding="utf-8").rstrip().endswith("</html>"), page
    draft = site / "drafts" / f"{KEY}.mp4"
    import av

    with av.open(str(draft)) as container:  # the previous draft, or the new one, but whole
        assert container.duration and container.streams.video


@pytest.mark.slow
@pytest.mark.browser
def test_a_script_edit_reloads_its_page_at_the_same_scroll_position(preview, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(preview.url(f"scripts/{KEY}.html"))
    page.evaluate("window.scrollTo(0, 1200)")
    page.wait_for_function("window.scrollY === 1200")
    page.evaluate("window.before = true")
    start = len(preview.lines)
    edit(preview.root / "scripts" / f"{KEY}.md", "\n## ", "\nA sentence the preview shows.\n\n## ")
    page.wait_for_function("document.body.innerText.includes('A sentence the preview shows.')", timeout=WAIT * 1000)
    # The pages were built, and told, before the draft video was started: the draft does not hold them up.
    drafting = preview.wait_for("coursekit drafts", WAIT, start)
    log = preview.lines[start:drafting]
    site_built = [i for i, line in enumerate(log) if "coursekit site" in line]
    assert site_built and any("preview: built in" in line for line in log[site_built[0]:]), "\n".join(log)
    assert page.evaluate("window.before") is None, "the page was reloaded"
    page.wait_for_function("Math.abs(window.scrollY - 1200) <= 2", timeout=60000)
    context.close()
