"""Every topic of the course (tests/topics.txt, merged from the seeds) is spoken about in its section's script."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SECTIONS

TOPICS = Path(__file__).with_name("topics.txt")


def topics() -> list[tuple[str, str, list[str]]]:
    rows = []
    for line in TOPICS.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            number, topic, words = (part.strip() for part in line.split("|"))
            rows.append((number, topic, [w.strip() for w in words.split(";") if w.strip()]))
    return rows


def test_every_section_has_topics():
    assert {n for n, _, _ in topics()} == {s.key[:2] for s in SECTIONS}


@pytest.mark.parametrize("number, topic, words", topics(), ids=[f"{n}-{t}" for n, t, _ in topics()])
def test_topic_is_covered(number, topic, words):
    section = next(s for s in SECTIONS if s.key.startswith(number))
    text = section.script.read_text(encoding="utf-8").lower()
    missing = [w for w in words if w.lower() not in text]
    assert not missing, f"scripts/{section.key}.md does not cover '{topic}': missing {missing}"


SEED_CUES = Path(__file__).with_name("seed_cues.txt")


def seed_cue_map() -> dict[str, str]:
    rows = [line.split("|") for line in SEED_CUES.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]
    return {desc.strip(): ref.strip() for desc, ref in rows}


def test_every_vs_code_cue_of_the_seed_has_a_demo_cell_that_a_script_shows(root):
    from coursekit.course import script as script_mod
    from coursekit.course.trace import trace_course

    seed = script_mod.parse(root / "tests" / "fixtures" / "seed_script_001.md")
    wanted = seed_cue_map()
    seed_cues = [c.description for c in seed.cues if c.kind == "vscode"]
    assert sorted(seed_cues) == sorted(wanted), "tests/seed_cues.txt must list every VS Code cue of the seed"
    _, shown_by, things = trace_course(root)
    for description, ref in wanted.items():
        assert ref in things, f"seed cue {description!r}: no demo cell {ref}"
        assert shown_by[ref], f"seed cue {description!r}: {ref} exists but no script cues it"
