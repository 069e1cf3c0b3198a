"""Shared fixtures: the repository, its sections, the built site, and a Chromium that can only read files."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

import pytest

from coursekit.build.browser import CHROMIUM_ARGS, chromium_path
from coursekit.course.sections import discover

# A suite started in the background by a non-interactive shell (`make test &`, nohup) inherits SIGINT ignored, and
# so would every make and coursekit that a test starts: the Ctrl-C tests would see Ctrl-C do nothing (the stress
# run caught it). A Python handler here means the processes the tests start get the default disposition back.
if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "build" / "site"
SECTIONS, LAYOUT_PROBLEMS = discover(ROOT)


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def site() -> Path:
    """The course as `make` built it. Tests of built output fail, not skip, when it is missing."""
    if not (SITE / "index.html").exists():
        pytest.fail("build/site/index.html is missing: run `make` (or `make test`, which builds first)")
    return SITE


class OfflinePage:
    """A page that may load file:// URLs only; every other request is aborted and recorded."""

    def __init__(self, page):
        self.page = page
        self.blocked: list[str] = []
        self.errors: list[str] = []
        self.failed: list[str] = []
        page.route("**/*", self._route)
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("requestfailed", lambda r: self.failed.append(r.url))

    def _route(self, route):
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            self.blocked.append(route.request.url)
            route.abort()

    def open(self, path: Path, fragment: str = ""):
        self.page.goto(path.as_uri() + fragment)
        return self.page


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def offline(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.set_default_timeout(60000)  # generous: a busy machine is slow, never wrong
    page = OfflinePage(context.new_page())
    yield page
    context.close()


@pytest.fixture(scope="session", autouse=True)
def warm_servers():
    """The warm demo servers the builds of this worker start: in a folder of its own, stopped at its end."""
    from coursekit.build import warm_server

    folder = tempfile.mkdtemp(prefix="ck-")  # short: a socket's path has at most 107 bytes
    os.environ["COURSEKIT_WARM_DIR"] = folder
    yield
    warm_server.stop_all()
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def warm_servers(monkeypatch):
    """A test's own folder of warm servers (the warm runner, the drafts' browser), all stopped at its end (short:
    a socket's path has at most 107 bytes)."""
    from coursekit.build import warm_client

    folder = Path(tempfile.mkdtemp(prefix="ck-"))
    monkeypatch.setenv("COURSEKIT_WARM_DIR", str(folder))
    monkeypatch.setenv("COURSEKIT_WARM_SERVER", "1")
    yield folder
    warm_client.stop_all()
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session")
def warm():
    """One warm demo runner per pytest worker: torch is imported once, each demo runs in a fresh forked child."""
    from coursekit.build.warm import WarmClient

    client = WarmClient(sorted(ROOT.glob("demos/*/*.py")))
    yield client
    client.close()


COPY_IGNORE_NAMES = (".git", ".venv", "node_modules", "__pycache__", ".pytest_cache", ".hypothesis")
COPY_IGNORE = shutil.ignore_patterns(*COPY_IGNORE_NAMES)


def make_env() -> dict:
    """The environment for a nested make: without the outer make's jobserver and level."""
    return {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")}


# A copy shares .venv and node_modules by links: its make must never set them up again (a pyproject.toml newer
# than the stamp would `pip install -e` the copy, and point the shared environment's coursekit at it).
KEEP_SETUP = ["-o", ".venv/.installed", "-o", ".venv/.system", "-o", "node_modules/.installed"]


def make(cwd: Path, *args: str) -> str:
    proc = subprocess.run(["make", "--no-print-directory", *KEEP_SETUP, *args], cwd=cwd, env=make_env(), capture_output=True,
                          text=True, timeout=900)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    return proc.stdout + proc.stderr


@pytest.fixture
def repo_copy(site, tmp_path) -> Path:
    """A copy of the built repository (modification times kept), sharing .venv and node_modules."""
    copy = tmp_path / "course"
    shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns(*COPY_IGNORE_NAMES, "cache"), symlinks=True)
    if (ROOT / "build" / "cache").is_dir():  # content-addressed and never rewritten in place: hard links do
        shutil.copytree(ROOT / "build" / "cache", copy / "build" / "cache", copy_function=os.link)
    for shared in (".venv", "node_modules"):
        (copy / shared).symlink_to(ROOT / shared)
    return copy
