"""The script parser: the grammar of design.md, every decoration the instructors use, and bad input."""

from __future__ import annotations

from pathlib import Path

from conftest import ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coursekit.course import script

SEED = ROOT / "tests" / "fixtures" / "seed_script_001.md"  # verbatim copy of shared/seeds/001_*.txt


def parse(text: str) -> script.Script:
    return script.parse_text(text, "scripts/01_x.md")


def test_seed_script_parses_with_unlinked_cues():
    parsed = script.parse(SEED, "seed")
    assert parsed.problems == []
    assert parsed.title == "Pytorch"
    markers = [c.marker for c in parsed.cues]
    assert markers.count("SHOW IN VS CODE") == 12
    assert "SHOW ON SLIDES" in markers and "SHOW IN BROWSER" in markers
    unlinked = [c for c in parsed.cues if not c.links]
    assert len(unlinked) == len(parsed.cues) - 1  # only the browser cue carries a (bare) URL
    browser = next(c for c in parsed.cues if c.kind == "browser")
    assert browser.link.target == "https://pytorch.org/docs/stable/nn.html"
    casting = parsed.cues[0]
    assert (casting.line, casting.description) == (19, "Casting various torch objects to different datatypes")
    params = next(c for c in parsed.cues if "printing out all parameters" in c.description)
    assert params.notes and "self.other_tensor" in params.notes[0]


def test_every_decoration_is_a_cue():
    lines = ["[SHOW IN VS CODE] a [f](x.py#a)", "**[SHOW ON SLIDES]** b [s](y.py#b)", "__[SHOW ANIMATION]__ c [A](z.py#C)",
             "`[SHOW IN TERMINAL]` d", "__`[SHOW IN BROWSER]`__ e [docs](https://pytorch.org/docs)"]
    parsed = parse("# T\n\n## S\n\n" + "\n\n".join(lines) + "\n")
    assert [c.kind for c in parsed.cues] == ["vscode", "slides", "animation", "terminal", "browser"]
    assert [c.line for c in parsed.cues] == [5, 7, 9, 11, 13]
    assert parsed.cues[0].link.target == "x.py#a" and parsed.cues[0].description == "a"


def test_segments_narration_and_directions():
    parsed = parse("# Title\n\n> set up the screen\n\n## One\n\nHello there world.\n\n- a point\n\n## Two\n\nBye.\n")
    assert [s.title for s in parsed.segments] == ["Title", "One", "Two"]
    assert parsed.segments[0].narration == [] and parsed.segments[0].blocks[0].kind == "direction"
    assert parsed.segments[1].narration == ["Hello there world.", "a point"]
    assert parsed.segments[1].words == 5
    assert parsed.segments[2].line == 11


def test_misspelled_marker_is_an_error_with_suggestion():
    parsed = parse("# T\n\n## S\n\n__`[SHOW IN VSCODE]`__ x [f](a.py)\n\n[SHOW ON SLIDE] y\n")
    assert [str(p) for p in parsed.problems] == [
        "scripts/01_x.md:5: unknown cue marker [SHOW IN VSCODE]; did you mean [SHOW IN VS CODE]? Markers are: "
        "[SHOW IN VS CODE], [SHOW ON SLIDES], [SHOW ANIMATION], [SHOW IN BROWSER], [SHOW IN TERMINAL]",
        "scripts/01_x.md:7: unknown cue marker [SHOW ON SLIDE]; did you mean [SHOW ON SLIDES]? Markers are: "
        "[SHOW IN VS CODE], [SHOW ON SLIDES], [SHOW ANIMATION], [SHOW IN BROWSER], [SHOW IN TERMINAL]",
    ]
    assert parsed.cues == []


def test_bracketed_words_that_are_not_markers_stay_narration():
    parsed = parse("# T\n\n## S\n\n[Optional] read the docs.\n")
    assert parsed.problems == [] and parsed.cues == []
    assert parsed.segments[0].narration == ["[Optional] read the docs."]


def test_cue_inside_fenced_code_is_code():
    parsed = parse("# T\n\n## S\n\n```markdown\n[SHOW IN VS CODE] not a cue [f](missing.py#x)\n```\n")
    assert parsed.cues == [] and parsed.problems == []
    assert parsed.segments[0].blocks[0].kind == "code"


def test_empty_script_is_an_error():
    (problem,) = parse("").problems
    assert problem.message.startswith("empty script")
    (problem,) = parse("\n\n   \n").problems
    assert problem.message.startswith("empty script")


def test_second_title_is_an_error():
    (problem,) = parse("# A\n\n## S\n\ntext\n\n# B\n").problems
    assert (problem.line, problem.message[:19]) == (7, "second '# ' title (")


def test_not_utf8_is_an_error_naming_the_line(tmp_path: Path):
    path = tmp_path / "01_x.md"
    path.write_bytes("# Title\n\nCaf\xe9 ok\n".encode("latin-1"))
    parsed = script.parse(path, "scripts/01_x.md")
    assert [str(p) for p in parsed.problems] == ["scripts/01_x.md:3: not valid UTF-8 text; save the script as UTF-8"]


PIECES = list("#>-*_`[]()!:/.\n abcSHOWINVSCDE") + ["[SHOW IN VS CODE]", "```", "\n## ", "](../demos/a.py#b)",
                                                    "    ", "<script>", "\xff", "[SHOW ON SLIDE]"]
markdownish = st.one_of(st.text(max_size=300), st.lists(st.sampled_from(PIECES), max_size=120).map("".join))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(markdownish)
def test_arbitrary_markdown_never_crashes(text):
    parsed = parse(text)
    for cue in parsed.cues:
        assert cue.line >= 1 and cue.marker in script.MARKERS
    for problem in parsed.problems:
        assert problem.path == "scripts/01_x.md"


def test_cue_lines_without_blank_lines_between_are_separate_cues():
    parsed = parse("# T\n\n## S\n\n__`[SHOW ON SLIDES]`__ a [s](x.py#a)\n__`[SHOW ANIMATION]`__ b [A](y.py#B)\nsaid after\n")
    assert [(c.kind, c.line, c.description) for c in parsed.cues] == [("slides", 5, "a"), ("animation", 6, "b")]
    assert parsed.segments[0].narration == ["said after"]  # a cue is one line


def test_raw_html_is_text():
    parsed = parse("# T\n\n## S\n\n<script>alert(1)</script>\n\nSay <b>this</b>.\n")
    assert parsed.segments[0].narration == ["<script>alert(1)</script>", "Say <b>this</b>."]


def test_a_sentence_that_starts_with_code_is_its_own_sentence():
    """A listener hears a new sentence at `torch.cat joins them`, in lower case or not: captions, the
    teleprompter's pace, the take report and the cut all decide sentence by sentence."""
    assert script.sentences("To join tensors there are two functions. torch.cat joins them; torch.stack adds "
                            "one.") == ["To join tensors there are two functions.", "torch.cat joins them; torch.stack "
                                        "adds one."]
    assert script.sentences("Look at grad_fn. grad_fn points back. `nn.Module` is next.") == [
        "Look at grad_fn.", "grad_fn points back.", "`nn.Module` is next."]
    assert script.sentences("Some, e.g. torch.cat, join. It works.") == ["Some, e.g. torch.cat, join.", "It works."]
    assert script.sentences("We stop here. then we go.") == ["We stop here. then we go."]  # plain lower case
    text = (ROOT / "scripts" / "04_shapes_and_memory.md").read_text(encoding="utf-8")
    assert "two functions. torch.cat joins" in text, "the script this came from"
