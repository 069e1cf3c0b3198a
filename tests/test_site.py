"""The course home and script pages, opened from disk: everything linked exists inside build/site."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from conftest import SECTIONS

from coursekit.build.selfcontained import loaded_urls

pytestmark = pytest.mark.browser


def pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "assets" not in p.parts)


def test_every_page_refers_only_to_files_inside_the_site(site):
    for page in pages(site):
        html = page.read_text(encoding="utf-8")
        for url in loaded_urls(html):
            parts = urlsplit(url)
            assert not parts.scheme and not parts.netloc, f"{page.relative_to(site)} loads {url}"
            target = (page.parent / unquote(parts.path)).resolve()
            assert target.is_relative_to(site.resolve()), f"{page.relative_to(site)} reaches outside: {url}"
            assert target.exists(), f"{page.relative_to(site)} loads missing {url}"


def test_home_lists_every_section_with_its_deck_animations_and_download(offline, site):
    page = offline.open(site / "index.html")
    headings = page.locator("section.section h2").all_inner_texts()
    assert len(headings) == len(SECTIONS)
    for section, heading in zip(SECTIONS, headings):
        assert heading.startswith(f"{section.number}. ")
        block = page.locator(f"section[id='{section.key}']")
        hrefs = [a.get_attribute("href") for a in block.locator("a").all()]
        assert f"scripts/{section.key}.html" in hrefs
        if section.slides.is_file():
            assert f"decks/{section.key}.html" in hrefs
        if section.demos:
            assert f"downloads/{section.key}.zip" in hrefs
        if section.animations.is_file():
            assert block.locator("video").count() >= 1
        for href in hrefs:
            assert (site / href).exists(), href
    # every video has a poster that loads from disk
    for video in page.locator("video").all():
        poster = video.get_attribute("poster")
        assert poster and (site / poster).exists()
    assert offline.blocked == [] and offline.failed == [] and offline.errors == []


def test_script_pages_show_cues_and_escape_markup(offline, site):
    for section in SECTIONS:
        page = offline.open(site / "scripts" / f"{section.key}.html")
        assert page.locator(".cue").count() > 0
        assert page.locator("main script, main img[onerror]").count() == 0
    assert offline.blocked == [] and offline.errors == []


def test_chapter_markers_start_at_zero_and_increase(site):
    from coursekit.course import script as script_mod
    from coursekit.course.timing import estimate

    for section in SECTIONS:
        lines = (site / "scripts" / f"{section.key}.chapters.txt").read_text(encoding="utf-8").splitlines()
        spoken = [t for t in estimate(script_mod.parse(section.script)) if t.seconds > 0]
        assert len(lines) == len(spoken) >= 3  # YouTube wants three chapters or more
        assert lines[0].startswith("0:00 ")
        starts = [int(m) * 60 + int(s) for m, s in (line.split(" ")[0].split(":") for line in lines)]
        assert starts == sorted(starts) and len(set(starts)) == len(starts)
        assert [line.split(" ", 1)[1] for line in lines] == [t.title for t in spoken]


@pytest.mark.slow
def test_the_site_rewrites_only_the_pages_whose_content_changed(repo_copy):
    """One sentence edited: its script page, its teleprompter and the trace change; every other page keeps its
    bytes and its time, so the preview reloads only those (the home is make's target and is always written)."""
    import subprocess
    import sys

    def build() -> str:
        done = subprocess.run([sys.executable, "-m", "coursekit", "site"], cwd=repo_copy, capture_output=True,
                              text=True, timeout=300)
        assert done.returncode == 0, done.stdout + done.stderr
        return done.stdout

    site = repo_copy / "build" / "site"
    assert "0 page(s) changed" in build()
    pages = {p: p.stat().st_mtime_ns for p in site.rglob("*.html") if "decks" not in p.parts}
    section = SECTIONS[-1]
    script = repo_copy / "scripts" / f"{section.key}.md"
    text = script.read_text(encoding="utf-8")
    script.write_text(text.replace("To recap:", "To recap, once more:", 1), encoding="utf-8")
    output = build()
    changed = {p.relative_to(site).as_posix() for p, t in pages.items() if p.stat().st_mtime_ns != t}
    assert changed == {f"scripts/{section.key}.html", f"prompter/{section.key}.html", "trace.html", "index.html"}, output
    assert "3 page(s) changed" in output


def test_damaged_compiled_templates_are_compiled_again_and_the_pages_stay_the_same(repo_copy):
    """The site's templates are kept compiled in build/cache/jinja (Jinja's bytecode cache): an entry that does
    not load is compiled again from its template, and the pages come out byte for byte as before."""
    import subprocess
    import sys

    def build() -> str:
        done = subprocess.run([sys.executable, "-m", "coursekit", "site"], cwd=repo_copy, capture_output=True,
                              text=True, timeout=300)
        assert done.returncode == 0, done.stdout + done.stderr
        return done.stdout

    build()
    site = repo_copy / "build" / "site"
    pages = {p: p.read_bytes() for p in site.rglob("*.html") if "decks" not in p.parts}
    compiled = repo_copy / "build" / "cache" / "jinja"
    damaged = b"not a compiled template"
    for entry in compiled.glob("*.cache"):  # every entry, whichever template path each is keyed by
        entry.unlink()  # not written in place: the copy's cache folder shares files with the tree's
        entry.write_bytes(damaged)
    assert "0 page(s) changed" in build()
    assert {p: p.read_bytes() for p in pages} == pages
    # what the build used was compiled again and kept again (in place of a damaged entry, or beside them)
    assert any(entry.read_bytes() != damaged for entry in compiled.glob("*.cache"))
