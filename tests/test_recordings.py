"""Freshness of recorded videos: recordings.lock, `coursekit recorded` and `coursekit status`."""

from __future__ import annotations

from click.testing import CliRunner
from fixture_course import DEMO, SCRIPT, course

from coursekit.cli import cli
from coursekit.video.recordings import LOCK


def run(root, *args):
    return CliRunner().invoke(cli, ["--root", str(root), *args])


def test_not_recorded_then_fresh(tmp_path):
    root = course(tmp_path)
    assert "01_a                           not recorded" in run(root, "status").output
    result = run(root, "recorded", "01", "--note", "take 2")
    assert result.exit_code == 0, result.output
    text = (root / LOCK).read_text(encoding="utf-8")
    assert "[01_a]" in text and 'note = \'\'\'\ntake 2\'\'\'' in text
    assert 'ref = "demos/01_a/x.py#make-tensor"' in text
    status = run(root, "status")
    assert status.exit_code == 0
    assert "01_a                           fresh (recorded " in status.output and "take 2" in status.output


def test_editing_a_cued_cell_makes_it_stale_and_names_the_cell(tmp_path):
    root = course(tmp_path)
    run(root, "recorded", "01")
    (root / "demos/01_a/x.py").write_text(DEMO.replace("torch.ones(2)", "torch.ones(3)"), encoding="utf-8")
    output = run(root, "status").output
    assert "01_a                           stale" in output
    assert "changed: demos/01_a/x.py#make-tensor" in output
    assert "-x = torch.ones(2)" in output and "+x = torch.ones(3)" in output
    # the slide includes that cell, so the slide changed too
    assert "changed: slides/01_a.py#idea" in output


def test_editing_what_no_cue_shows_keeps_it_fresh(tmp_path):
    root = course(tmp_path, **{"demos/01_a/other.py": "# %% unshown\nprint(1)\n"})
    run(root, "recorded", "01")
    (root / "demos/01_a/other.py").write_text("# %% unshown\nprint(2)\n", encoding="utf-8")
    assert "fresh" in run(root, "status").output


def test_editing_narration_or_a_scene_makes_it_stale(tmp_path):
    root = course(tmp_path)
    run(root, "recorded", "01")
    script = root / "scripts/01_a.md"
    script.write_text(script.read_text().replace("Words to say.", "Other words."), encoding="utf-8")
    scenes = root / "animations/01_a.py"
    scenes.write_text(scenes.read_text().replace("pass", "self.wait()"), encoding="utf-8")
    output = run(root, "status").output
    assert "changed: scripts/01_a.md (narration and cues)" in output
    assert "changed: animations/01_a.py#Tape" in output


def test_corrupt_lock_is_a_clear_error(tmp_path):
    root = course(tmp_path)
    (root / LOCK).write_text("[01_a\nrecorded = 3\n", encoding="utf-8")
    result = run(root, "status")
    assert result.exit_code == 1
    assert result.output.startswith(f"{LOCK}:1: not valid TOML")
    assert "Traceback" not in result.output


def test_hand_edited_lock_is_a_clear_error(tmp_path):
    root = course(tmp_path)
    run(root, "recorded", "01")
    lock = root / LOCK
    lock.write_text(lock.read_text().replace("torch.ones(2)", "torch.ones(5)"), encoding="utf-8")
    result = run(root, "status")
    assert result.exit_code == 1
    assert "does not match its sha256: the file was edited by hand" in result.output
    line = lock.read_text().splitlines().index('ref = "demos/01_a/x.py#make-tensor"') + 1
    assert f"{LOCK}:{line}:" in result.output


TALK = SCRIPT.replace("Words to say.\n", "First we make a tensor. It holds two ones. Then we check it.\n").replace(
    "__`[SHOW IN VS CODE]`__ The check", "We sum it. The sum is two. That is the whole demo.\n\n"
    "__`[SHOW IN VS CODE]`__ The check")


def test_status_lists_each_sentence_changed_added_and_removed_by_line_and_pictures_that_need_no_recording(tmp_path):
    root = course(tmp_path, **{"scripts/01_a.md": TALK})
    run(root, "recorded", "01")
    script = root / "scripts/01_a.md"
    edited = (TALK.replace("It holds two ones.", "It holds two ones, as floats.")  # changed
              .replace("Then we check it.", "Then we check it. Checks cost nothing.")  # added
              .replace("The sum is two. ", ""))  # removed
    script.write_text(edited, encoding="utf-8")
    # the cell shown over unchanged words prints something else: a picture change only
    (root / "demos/01_a/x.py").write_text(DEMO.replace("assert x.sum() == 2", "assert x.sum() == 2.0"),
                                          encoding="utf-8")
    output = run(root, "status").output
    lines = edited.splitlines()
    first = lines.index(next(x for x in lines if x.startswith("First we make"))) + 1
    second = lines.index(next(x for x in lines if x.startswith("We sum it."))) + 1
    listed = [x.strip() for x in output.splitlines() if x.strip().startswith("scripts/01_a.md:")]
    assert listed == [
        f"scripts/01_a.md:{first}: changed: 'It holds two ones.' -> 'It holds two ones, as floats.'",
        f"scripts/01_a.md:{first}: added: 'Checks cost nothing.'",
        f"scripts/01_a.md:{second}: removed: 'The sum is two.'",
    ], output
    assert "3 sentence(s) said differently since the take" in output and "PICKUPS=1" in output
    picture = output.split("no new recording needed", 1)[1].split("changed:", 1)[0].split()
    # the cell, and the terminal's run of the whole file, both spoken over unchanged words
    assert [x for x in picture if x.startswith("demos/")] == ["demos/01_a/x.py", "demos/01_a/x.py#check-it"], output
