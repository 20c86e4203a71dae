"""Openings: where a pattern can start, and that trying it only there finds the same matches."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sinorus_timeline import gazetteer, knowledge, openings
from sinorus_timeline.documents import bundled_seeds
from sinorus_timeline.rules import compile_lowered, load_cues, load_rules


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"\bmet\b", [("m", "e", "t")]),
        (r"\b(?:met|meeting)s?\b", [("m", "e", "e", "t"), ("m", "e", "t"), ("m", "e", "t", "s")]),
        (r"(?:tele)?phone call", [("p", "h", "o", "n"), ("t", "e", "l", "e")]),
        (r"(?<!-)\b[Tt]he end", [("T", "h", "e", r"\ "), ("t", "h", "e", r"\ ")]),
        (r"(?P<year>\d{4}) talks", [(r"[\d]",)]),  # any digit, as `\d` means it
        (r"\ba[\s-]day", [("a", r"[\s\-]", "d", "a")]),  # a wide class continues an opening
        (r"(?:a|b)+c", [("a",), ("b",)]),  # repeated: only the first time through is known
    ],
)
def test_openings_of_a_pattern(pattern: str, expected: list[tuple[str, ...]]) -> None:
    assert openings.openings(pattern) == expected


@pytest.mark.parametrize(
    "pattern",
    [
        r".talks",  # any character
        r"(?:talks)?",  # may match nothing
        r"(?i)talks",  # case-blind: every case of every letter would open it
        r"(?-i:T)alks|talks",  # a part that changes the flags
        r"[^a]bc",  # a negated class
    ],
)
def test_unknown_openings(pattern: str) -> None:
    assert openings.openings(pattern) is None


def test_gate_only_for_rare_openings() -> None:
    assert openings.gate(re.compile(r"\b(?:met|meeting)\b")) is not None
    assert openings.gate(re.compile(r"\b\d+ times")) is not None
    assert openings.gate(re.compile(r"\b(?:in|on)\s+May")) is None  # "in" and "on" are everywhere
    assert openings.gate(re.compile(r"\b[\w-]+ talks")) is None  # a wide class opens anywhere
    assert openings.gate(re.compile(r"\$\d+|\b1\.")) is not None  # signs and digits are rare in prose


def test_gate_is_a_tree_of_openings_and_spells_digits_for_ascii_text() -> None:
    found = openings.gate(re.compile(r"\b(?:met|meet|held)\b|\b\d+ times"))
    assert found is not None
    assert found.any_text.pattern == r"[\d]|held|m(?:e(?:et|t))"
    assert found.ascii_text.pattern == "0|1|2|3|4|5|6|7|8|9|held|m(?:e(?:et|t))"
    assert found.ascii_text.search("met 4 times", 1, 11) is not None
    assert found.ascii_text.search("٤ times") is None and found.any_text.search("٤ times") is not None


def test_search_keeps_positions_and_sees_the_text_before() -> None:
    pattern = re.compile(r"(?<![\w-])\b(?:meet|met)\b")
    text = "co-met, helmet, they met; meet again"
    assert [m.span() for m in openings.gated(pattern).finditer(text)] == [m.span() for m in pattern.finditer(text)]
    found = openings.gated(pattern).search(text, 22, 30)
    assert found is not None and found.span() == pattern.search(text, 22, 30).span()  # type: ignore[union-attr]


def _sentences() -> list[str]:
    texts = [path.read_text(encoding="utf-8") for path in sorted(bundled_seeds().glob("*.txt"))]
    lines = [line for text in texts for line in re.split(r"(?<=[.!?])\s+|\n", text) if line]
    # Unicode digits, overlapping openings, capitals and lower case the rules see
    return [*lines, "On ٢٠٢٣-١٠-١٨ they met.", "The the theMeeting meeting, metmet met-met 2023/2023-10-18 12.10.2023."]


def _patterns() -> list[re.Pattern[str]]:
    patterns = [re.compile(rule.pattern) for rule in load_rules("dates.toml").rule]
    for name in ("events.toml", "counts.toml"):
        patterns += [p for rule in load_rules(name).rule if (p := compile_lowered(rule.pattern)) is not None]
    patterns += [cue.folded for cue in load_cues("cues.toml").values() if cue.folded is not None]
    patterns += [series.folded for series in knowledge.all_series() if series.folded is not None]
    patterns += [pattern for pattern, _, _ in gazetteer._roles()]  # office phrases, minding case
    return patterns


def test_every_shipped_pattern_finds_the_same_matches_tried_only_at_its_openings() -> None:
    sentences = _sentences()
    gated = 0
    for pattern in _patterns():
        gated += openings.gate(pattern) is not None
        for sentence in sentences:
            for seen in (sentence, sentence.lower()):
                expected = [(m.span(), m.groups()) for m in pattern.finditer(seen)]
                assert [(m.span(), m.groups()) for m in openings.gated(pattern).finditer(seen)] == expected, (
                    pattern.pattern[:80],
                    seen,
                )
    assert gated > 40  # most rules gain from their openings


@settings(max_examples=200, deadline=None, database=None, derandomize=True)
@given(st.text(alphabet="metingalks TMe-2019.", max_size=60))
def test_same_matches_on_any_text(text: str) -> None:
    for pattern in (
        re.compile(r"(?<!-)\b(?:met|meet|meets|meeting)\b(?!s)|\btalks\s+with\b"),
        re.compile(r"(?<![\d.])(?P<y>\d{4})\b|\bTalks\b"),
    ):
        assert [m.span() for m in openings.gated(pattern).finditer(text)] == [m.span() for m in pattern.finditer(text)]
