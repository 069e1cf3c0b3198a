"""The pronunciation lexicon: code terms become words a voice can say and an aligner can listen for."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT

from coursekit.course.lexicon import Lexicon
from coursekit.course.problems import CourseError


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return Lexicon.load(ROOT)


@pytest.mark.parametrize("written, spoken", [
    ("Its grad_fn is SumBackward0.", "Its grad F N is Sum Backward 0."),
    ("Subclass nn.Module and call it.", "Subclass N N module and call it."),
    ("PyTorch runs __call__, then forward.", "pie torch runs dunder call, then forward."),
    ("x.grad.zero_() clears it.", "x dot grad dot zero underscore clears it."),
    ("Cast to torch.float32 on the GPU.", "Cast to torch dot float thirty-two on the G P U."),
    ("Set requires_grad, e.g. on weights.", "Set requires grad, for example on weights."),
    ("A DataLoader batches.", "A Data Loader batches."),
    ("Plain words stay as they are!", "Plain words stay as they are!"),
])
def test_spoken_forms(lexicon, written, spoken):
    assert lexicon.spoken(written) == spoken


def test_words_are_what_an_aligner_listens_for(lexicon):
    assert lexicon.words("The grad_fn of nn.Module, in PyTorch.") == \
        ["the", "grad", "f", "n", "of", "n", "n", "module", "in", "pie", "torch"]


def test_every_lexicon_entry_is_used_as_written(lexicon):
    # An entry is matched exactly, so the key itself must come out as its value.
    for written, spoken in lexicon.terms.items():
        assert lexicon.word(written) == spoken, written


def test_no_code_token_in_the_scripts_is_left_unspeakable(lexicon):
    # Every narration word of every script comes out as letters, digits and spaces a voice can say.
    from coursekit.course.script import parse
    for script in sorted((ROOT / "scripts").glob("*.md")):
        for seg in parse(script).segments:
            for text in seg.narration:
                for token in text.split():
                    spoken = lexicon.word(token)
                    assert all(ch.isalnum() or ch in " '-’" for ch in spoken), (script.name, token, spoken)


def test_a_broken_lexicon_names_its_file(tmp_path: Path):
    (tmp_path / "lexicon.toml").write_text('[terms]\n"grad_fn" = \n', encoding="utf-8")
    with pytest.raises(CourseError) as err:
        Lexicon.load(tmp_path)
    assert err.value.problems[0].path == "lexicon.toml"
    (tmp_path / "lexicon.toml").write_text('[terms]\n"grad_fn" = ""\n', encoding="utf-8")
    with pytest.raises(CourseError, match="spoken words"):
        Lexicon.load(tmp_path)
