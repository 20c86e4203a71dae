"""The clause chunker: what each clause of a sentence is, which clause resumes another, and its mood."""

from __future__ import annotations

import itertools

import pytest

from sinorus_timeline.clauses import MOODS, clauses, look_apart, way_at

NEGATED = "The President and Foreign Minister of Russia did not attend the forum in Astana, Almaty or Bishkek."

# (sentence, [(clause text, kind, clause number, mood)]): sentences written for the project.
CASES: list[tuple[str, list[tuple[str, str, int, str]]]] = [
    (
        "On Tuesday, Xi Jinping met Vladimir Putin in Moscow, the Kremlin said.",
        [
            ("On Tuesday, Xi Jinping met Vladimir Putin in Moscow,", "main", 0, "past"),
            ("the Kremlin said.", "attribution", 1, "past"),
        ],
    ),
    (
        "The ministry said on Friday that the two leaders will meet in Kazan.",
        [
            ("The ministry said on Friday", "attribution", 0, "past"),
            ("that the two leaders will meet in Kazan.", "reported", 1, "future"),
        ],
    ),
    (
        "Medvedev, who is now deputy chairman of the council, met Xi in Beijing last week.",
        [
            ("Medvedev,", "main", 0, "present"),
            ("who is now deputy chairman of the council,", "relative", 1, "present"),
            ("met Xi in Beijing last week.", "main", 0, "past"),
        ],
    ),
    (
        "Putin met Xi (for the fourth time this year) after the talks had ended on Friday.",
        [
            ("Putin met Xi", "main", 0, "past"),
            ("(for the fourth time this year)", "aside", 1, "present"),
            ("after the talks had ended on Friday.", "subordinate", 1, "past"),
        ],
    ),
    (
        "Putin met Xi after the talks on Friday and the two sides are to sign a treaty in May.",
        [
            ("Putin met Xi after the talks on Friday", "main", 0, "past"),
            ("and the two sides are to sign a treaty in May.", "coordinate", 1, "planned"),
        ],
    ),
    (
        "Speaking to reporters in Beijing, Lavrov has confirmed the visit.",
        [
            ("Speaking to reporters in Beijing,", "participial", 0, "present"),
            ("Lavrov has confirmed the visit.", "main", 1, "perfect"),
        ],
    ),
    (
        "“We could meet in the autumn,” the envoy told reporters.",
        [
            ("“We could meet in the autumn,”", "quoted", 0, "hypothetical"),
            ("the envoy told reporters.", "attribution", 1, "past"),
        ],
    ),
    (
        "The two sides agreed on Monday to hold talks in May as their ministers signed a plan.",
        [
            ("The two sides agreed on Monday", "main", 0, "past"),
            ("to hold talks in May", "plan", 1, "planned"),
            ("as their ministers signed a plan.", "subordinate", 1, "past"),
        ],
    ),
    (
        NEGATED,
        [(NEGATED, "main", 0, "past")],
    ),
]


@pytest.mark.parametrize(("sentence", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_clauses_of_a_sentence(sentence: str, expected: list[tuple[str, str, int, str]]) -> None:
    found = [(sentence[c.start : c.end].strip(), c.kind, c.number, c.mood) for c in clauses(sentence)]
    assert found == expected


def test_the_clauses_cover_the_sentence_in_order() -> None:
    for sentence, _ in CASES:
        chunks = clauses(sentence)
        assert all(a.end <= b.start for a, b in itertools.pairwise(chunks))
        covered = " ".join(sentence[c.start : c.end] for c in chunks)
        assert covered.split() == sentence.split()


def test_a_negation_is_marked() -> None:
    (clause,) = clauses(NEGATED)
    assert clause.negated
    assert not clauses("Putin met Xi in Beijing.")[0].negated


def test_every_mood_is_read() -> None:
    seen = {c.mood for sentence, _ in CASES for c in clauses(sentence)}
    assert seen | {"future", "perfect"} >= set(MOODS)


def test_which_way_a_clause_looks() -> None:
    sentence = "Xi Jinping met Vladimir Putin in Ufa on Tuesday, and Narendra Modi will visit the city."
    assert way_at(sentence, sentence.index("met")) == "behind"
    assert way_at(sentence, sentence.index("visit")) == "ahead"
    assert look_apart(sentence, sentence.index("Tuesday"), sentence.index("visit"))
    assert not look_apart(sentence, sentence.index("Tuesday"), sentence.index("met"))
    assert way_at("Xi is in Moscow.", 0) == ""


def test_no_text_no_clauses() -> None:
    assert clauses("") == ()


def test_a_month_named_may_is_no_modal() -> None:
    assert clauses("They met in May.")[0].mood == "past"
