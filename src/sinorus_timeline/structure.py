"""The structure of an article beyond its sentences: the date lines that head the blocks of a chronology.

A chronology sets each date on a line of its own ("June 8, 2017") and tells what happened on the
lines under it, often as short headings ("17th SCO summit", "Putin's state visit to China") that do
not end as sentences do. When an article has two or more such lines, each heads a block that runs
to the next one: its lines are read, and the date dates what they tell when they give no date of
their own. A single date line at the top of a page is its stamp, not a chronology.
"""

from __future__ import annotations

import bisect

from .dates import TemporalExpression
from .text import Sentence

_LEAST_HEADINGS = 2  # one date line alone is a page's stamp
_LEFT_OVER = " \t,.:;–—-|()[]"  # what a date line may hold besides its date ("June 8, 2017:")


def _line_of(sentence: Sentence, text: str) -> bool:
    """The sentence is a whole line of the text."""
    starts_line = sentence.start == 0 or text[sentence.start - 1] == "\n"
    return starts_line and (sentence.end == len(text) or text[sentence.end] == "\n")


def date_line(sentence: Sentence, text: str, dated: list[TemporalExpression]) -> TemporalExpression | None:
    """The date a line holds and nothing else, or None."""
    if len(dated) != 1 or not _line_of(sentence, text):
        return None
    expression = dated[0]
    rest = text[sentence.start : expression.start] + text[expression.end : sentence.end]
    return expression if not rest.strip(_LEFT_OVER) else None


def block_heads(
    sentences: list[Sentence], text: str, expressions: list[TemporalExpression]
) -> tuple[list[TemporalExpression | None], set[int]]:
    """For each sentence, the date line heading its block (None outside a chronology), and the
    indices of the date lines themselves."""
    starts = [e.start for e in expressions]
    lines: dict[int, TemporalExpression] = {}
    for index, sentence in enumerate(sentences):
        inside = expressions[bisect.bisect_left(starts, sentence.start) : bisect.bisect_left(starts, sentence.end)]
        dated = [e for e in inside if e.type == "DATE" and e.date is not None]
        found = date_line(sentence, text, dated) if len(dated) == len(inside) else None
        if found is not None:
            lines[index] = found
    if len(lines) < _LEAST_HEADINGS or len({str(e.date) for e in lines.values()}) < _LEAST_HEADINGS:
        return [None] * len(sentences), set()
    heads: list[TemporalExpression | None] = []
    current: TemporalExpression | None = None
    for index in range(len(sentences)):
        current = lines.get(index, current)
        heads.append(None if index in lines else current)
    return heads, set(lines)
