"""The pipeline under faults and bad input: each problem reported once at its file and line, with a
non-zero exit and no traceback; interrupted builds leave only complete outputs; pages escape what they show."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import KEEP_SETUP, ROOT, make, make_env
from fixture_course import DEMO, SCRIPT, course

from coursekit.cli import cli


def run(root: Path, *args: str):
    return CliRunner().invoke(cli, ["--root", str(root), *args])


def assert_reported_once(result, expected: str):
    assert result.exit_code == 1, result.output
    assert result.output.count(expected) == 1, result.output
    assert "Traceback" not in result.output


def test_demo_that_raises_fails_the_build_at_its_line(tmp_path):
    root = course(tmp_path, **{"demos/01_a/x.py": DEMO + "\n# %% broken\nassert x.sum() == 3, 'sum is wrong'\n"})
    assert_reported_once(run(root, "demos", "01"),
                         "demos/01_a/x.py:12: cell 'broken' failed: AssertionError: sum is wrong")


def test_notebook_that_is_not_jupytext(tmp_path):
    root = course(tmp_path, **{"slides/01_a.py": "# %% broken [markdown] slideshow={not json}\n# text\n"})
    result = run(root, "deck", str(root / "slides/01_a.py"), "-o", str(tmp_path / "d.html"))
    assert result.exit_code == 1 and "slides/01_a.py" in result.output and "Traceback" not in result.output


def test_missing_vendored_asset_names_the_package(tmp_path):
    root = course(tmp_path)
    result = run(root, "assets")
    assert_reported_once(result, "node_modules/reveal.js/dist/reveal.js: vendored front-end asset missing; run `npm ci`")


HOSTILE = ('<script>window.pwned = 1</script> and "><img src=x onerror="window.pwned = 2"> then '
           '[a link](javascript:window.pwned=3) and </aside><script>window.pwned = 4</script> *stressed* `a_code`')


@pytest.mark.browser
def test_pages_show_markup_in_scripts_as_text(tmp_path, offline):
    script = SCRIPT.replace("Words to say.", HOSTILE).replace("Show a cell", HOSTILE)
    root = course(tmp_path, **{"scripts/01_a.md": script})
    result = run(root, "site")
    assert result.exit_code == 0, result.output
    for page_path in ("build/site/scripts/01_a.html", "build/site/prompter/01_a.html", "build/site/trace.html"):
        page = offline.open(root / page_path)
        page.wait_for_load_state("load")
        assert page.evaluate("window.pwned") is None, page_path
        assert page.locator("main img").count() == 0 or page.locator("main img[onerror]").count() == 0
        assert "<script>window.pwned = 1</script>" in page.locator("main").inner_text(), page_path
        assert page.locator('a[href^="javascript:"]').count() == 0, page_path
        assert "</aside><script>window.pwned = 4</script>" in page.locator("main").inner_text(), page_path
        if "trace" not in page_path:  # narration keeps its Markdown: emphasis and code spans render
            assert page.locator("main em", has_text="stressed").count() >= 1, page_path
            assert page.locator("main code", has_text="a_code").count() >= 1, page_path


@pytest.mark.browser
def test_deck_speaker_notes_show_markup_in_scripts_as_text(tmp_path, offline):
    """A segment's narration becomes its slide's notes: there too it stays words, in the page and the notes."""
    root = course(tmp_path, **{"scripts/01_a.md": SCRIPT.replace("Words to say.", HOSTILE)})
    (root / "node_modules").symlink_to(ROOT / "node_modules")  # the deck's reveal.js, so it really runs
    assert run(root, "assets").exit_code == 0
    out = tmp_path / "build/site/decks/01_a.html"
    result = run(root, "deck", str(root / "slides/01_a.py"), "-o", str(out))
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert "&lt;script&gt;window.pwned = 1&lt;/script&gt;" in html
    assert "<img src=x" not in html and "<script>window.pwned" not in html
    page = offline.open(out)
    page.wait_for_load_state("load")
    assert page.evaluate("window.pwned") is None
    assert "<script>window.pwned = 1</script>" in page.locator("aside.notes").all_inner_texts()[0]
    notes = page.locator("aside.notes").first
    assert notes.locator("em", has_text="stressed").count() == 1 and notes.locator("code", has_text="a_code").count() == 1
    assert page.locator('a[href^="javascript:"]').count() == 0
    # The speaker view shows the same notes as text, and runs none of them.
    page = offline.open(out, "#/idea")
    page.wait_for_selector(".reveal.ready")
    with page.context.expect_page(timeout=60000) as popup_info:
        page.keyboard.press("s")
    popup = popup_info.value
    popup.wait_for_function("() => document.querySelector('.speaker-controls-notes .value') && "
                            "document.querySelector('.speaker-controls-notes .value').innerText.includes('pwned')",
                            timeout=60000)
    shown = popup.locator(".speaker-controls-notes .value").inner_text()
    assert "<script>window.pwned = 1</script>" in shown and "</aside>" in shown
    assert popup.evaluate("window.pwned") is None and page.evaluate("window.pwned") is None
    assert popup.locator('.speaker-controls-notes a[href^="javascript:"]').count() == 0


def test_site_holds_only_what_is_published(site):
    unwanted = {"__pycache__", ".ipynb_checkpoints", ".venv", ".git", "node_modules"}
    for path in site.rglob("*"):
        assert not unwanted & set(path.relative_to(site).parts), path
        assert not path.name.endswith(".part"), path


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_interrupted_make_leaves_complete_outputs_and_the_next_make_finishes(repo_copy, sig):
    slides = sorted((repo_copy / "slides").glob("*.py"))[0]
    deck = repo_copy / "build/site/decks" / f"{slides.stem}.html"
    before = deck.read_bytes()
    with slides.open("a", encoding="utf-8") as f:
        f.write('\n# %% interrupted-slide [markdown] slideshow={"slide_type": "slide"}\n# ## Added after the build\n'
                '\n# %% slow-cell slideshow={"slide_type": "skip"}\nimport time\ntime.sleep(8)\n')
    proc = subprocess.Popen(["make", "--no-print-directory", *KEEP_SETUP], cwd=repo_copy, env=make_env(), stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, start_new_session=True)
    output = []
    deadline = time.monotonic() + 300
    for line in proc.stdout:  # wait until the deck is being executed, then interrupt the whole job
        output.append(line)
        if f"deck {slides.stem}: executing" in line or time.monotonic() > deadline:
            break  # the kernel is running the cells: the slow one takes 8 s, so the deck cannot be written yet
    os.killpg(proc.pid, sig)
    proc.communicate(timeout=120)
    assert proc.returncode != 0, "".join(output)
    assert deck.read_bytes() == before  # the previous good deck, not a partial one
    leftovers = [p for p in (repo_copy / "build").rglob("*") if p.name.endswith(".part")]
    assert leftovers == []
    make(repo_copy)  # the next make finishes the job
    assert "Added after the build" in deck.read_text(encoding="utf-8")


FAKE_RECIPE = """import os, sys, time
from pathlib import Path
target = Path(os.environ["STANDIN_TARGET"])
part = target.with_name(target.name + ".part")
part.parent.mkdir(parents=True, exist_ok=True)
part.write_text("the new whole output")
os.replace(part, target)  # written whole, renamed into place, as coursekit writes every output
print("renamed", flush=True)
time.sleep(120)  # still running (writing a sidecar, exiting) when the author presses Ctrl-C
"""


@pytest.mark.slow
@pytest.mark.parametrize("target", ["build/site/drafts/{key}.mp4", "build/site/decks/{key}.html",
                                    "build/site/downloads/{key}.zip", "build/timings/{key}.json"])
def test_ctrl_c_just_after_an_output_is_renamed_into_place_keeps_it(repo_copy, target):
    """make deletes an interrupted recipe's target when its time changed, which for an atomic writer is the new
    whole file: a Ctrl-C just after a draft was written lost the draft. The recipe here is a stand-in for
    coursekit that renames its output into place, then keeps running until interrupted."""
    key = next(p.stem for p in sorted((repo_copy / "slides").glob("*.py")))
    path = target.format(key=key)
    (repo_copy / "standin.py").write_text(FAKE_RECIPE, encoding="utf-8")
    for source in (repo_copy / "scripts").glob(f"{key}.md"):
        source.touch()
    for source in (repo_copy / "slides").glob(f"{key}.py"):
        source.touch()
    for source in (repo_copy / "demos" / key).glob("*.py"):
        source.touch()
    env = {**make_env(), "STANDIN_TARGET": str(repo_copy / path)}
    proc = subprocess.Popen(["make", "--no-print-directory", *KEEP_SETUP, path, f"CK={repo_copy / '.venv/bin/python'} standin.py"],
                            cwd=repo_copy, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            start_new_session=True)
    output = []
    for line in proc.stdout:  # the stand-in has renamed the output into place and is still running
        output.append(line)
        if line.startswith("renamed"):
            break
    os.killpg(proc.pid, signal.SIGINT)
    output.append(proc.communicate(timeout=120)[0])
    assert proc.returncode != 0, "".join(output)
    assert (repo_copy / path).read_text() == "the new whole output", "".join(output)
    assert "Deleting file" not in "".join(output)
