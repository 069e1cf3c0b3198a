"""Debian's Chromium, driven by Playwright, for what a person would see: handouts now, tests too.

Never `playwright install`: that downloads a browser of its own. Requests that leave file:// are aborted,
so a page that would need the network fails visibly instead of quietly fetching.
"""

from __future__ import annotations

import shutil
from contextlib import contextmanager
from pathlib import Path

from coursekit.course.problems import CourseError, Problem

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"]


def chromium_path() -> str:
    path = shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(path).exists():
        raise CourseError(Problem("chromium", 0, "Debian's Chromium is missing: `apt-get install chromium` "
                                  "(make installs it when run as root)"))
    return path


@contextmanager
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def outside_any_loop(work):
    """``work()``, in this thread, or in one of its own when this thread already runs an asyncio loop: Playwright's
    sync API cannot start inside another Playwright session (a caller's own, as a test's browser is)."""
    import asyncio

    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return work()
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1) as pool:
        return pool.submit(work).result()


def offline_page(browser, blocked: list[str], **context_options):
    context = browser.new_context(**context_options)
    page = context.new_page()

    def route(r):
        if r.request.url.startswith("file://"):
            r.continue_()
        else:
            blocked.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    return page
