"""Date lines that head the blocks of a chronology."""

from __future__ import annotations

from sinorus_timeline.dates import find
from sinorus_timeline.models import PartialDate
from sinorus_timeline.structure import block_heads
from sinorus_timeline.text import split_sentences


def heads_of(text: str) -> list[tuple[str, str | None]]:
    sentences = split_sentences(text)
    heads, lines = block_heads(sentences, text, find(text, PartialDate.parse("2017-07-01")))
    return [
        (s.text, h.text if h else "(date line)" if i in lines else None)
        for i, (s, h) in enumerate(zip(sentences, heads, strict=True))
    ]


def test_each_date_line_heads_the_lines_under_it() -> None:
    text = "Key moments\nJune 8, 2017:\nAstana\n17th SCO summit\nMay 14, 2017\nBeijing\n"
    assert heads_of(text) == [
        ("Key moments", None),
        ("June 8, 2017:", "(date line)"),
        ("Astana", "June 8, 2017"),
        ("17th SCO summit", "June 8, 2017"),
        ("May 14, 2017", "(date line)"),
        ("Beijing", "May 14, 2017"),
    ]


def test_one_date_line_is_a_page_stamp_not_a_chronology() -> None:
    text = "Saturday, June 3, 2017\nXi Jinping met Vladimir Putin in Astana.\n"
    assert [head for _, head in heads_of(text)] == [None, None]


def test_the_same_date_twice_is_no_chronology() -> None:
    text = "June 3, 2017\nA caption.\nJune 3, 2017\nAnother caption.\n"
    assert [head for _, head in heads_of(text)] == [None, None, None, None]


def test_a_line_with_words_beside_its_date_heads_nothing() -> None:
    text = "Updated June 3, 2017\nXi arrived.\nPosted May 2, 2017\nPutin left.\n"
    assert [head for _, head in heads_of(text)] == [None, None, None, None]
