"""Splitting article text into paragraphs and sentences with character offsets."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import lru_cache

# A sentence ends at . ! or ? (maybe followed by a closing quote or bracket) before a capital;
# in text that lost its spaces ("in 2023.Xi met"), a word or number glued to a capitalised word
# ends one too. A single letter before the stop ("U.S.The") is an abbreviation, not an end.
# The pattern opens on the stop itself so that the engine skips straight from stop to stop.
_BOUNDARY = re.compile(r"[.!?](?:[\"”’')\]]*\s+(?=[\"“‘'(\[]?[A-Z0-9])|(?<=[a-z0-9][a-z0-9][.!?])(?=[A-Z][a-z]))")
_ABBREVIATION = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|St|Gen|Lt|Col|Sen|Rep|Gov|Prof|Jan|Feb|Aug|Sept|Sep|Oct|Nov|Dec|No|Inc|Co"
    r"|Ltd|vs|etc|approx|Jr|Sr|Adm|Capt|Maj|Sgt|Mt|Ft|Rev|Hon|Pres)|\b[A-Z]|\b(?:[A-Z]\.){1,3}[A-Z])\.$"
)
# "until 9 a.m. Tuesday": a clock time runs on into the day or time zone it names.
_CLOCK_END = re.compile(r"\b[ap]\.m\.$")
_CLOCK_DAY = re.compile(
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|[A-Z][SD]T|GMT|UTC"
    r"|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b"
)
_MIN_WORDS = 5
_MAX_SENTENCE = 1500
# C0 controls but tab and newline, DEL and C1: a terminal would obey them (colour, cursor moves, a
# title change), a table would break at them. Each shows as U+FFFD, one character for one, so that
# offsets into the text still hold.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_LINE_BREAKS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def visible(text: str) -> str:
    """The text with every control character but tab and newline made visible as U+FFFD."""
    return _CONTROLS.sub("\ufffd", text)


def one_line(text: str) -> str:
    """A name or title as one line: any control or line break shows as U+FFFD."""
    return _LINE_BREAKS.sub("\ufffd", text)


@dataclass(frozen=True)
class Sentence:
    """A sentence of a document: its offsets into the text and its paragraph number."""

    start: int
    end: int
    text: str
    paragraph: int


def fewer_words(text: str, limit: int) -> bool:
    """True when `text` holds fewer than `limit` words; counting stops at the limit."""
    return len(text.split(maxsplit=limit - 1)) < limit


def split_sentences(text: str, offset: int = 0) -> list[Sentence]:
    """Split `text` (from `offset` on) into sentences; a line break always ends a sentence."""
    return list(_split_text(text, offset))


@lru_cache(maxsize=1)  # an article is split when its publication date is looked for, then again to extract
def _split_text(text: str, offset: int) -> tuple[Sentence, ...]:
    sentences: list[Sentence] = []
    paragraph = 0
    for line in re.finditer(r"[^\n]+", text[offset:]):
        line_start = offset + line.start()
        pieces = _split_line(line.group(), line_start)
        for start, end in pieces:
            sentences.append(Sentence(start, end, text[start:end], paragraph))
        if pieces:
            paragraph += 1
    return tuple(sentences)


def _split_line(line: str, base: int) -> list[tuple[int, int]]:
    cuts = [0]
    for match in _BOUNDARY.finditer(line):
        head = line[cuts[-1] : match.start() + 1]  # with its stop
        if _ABBREVIATION.search(head[-16:]):  # only the last word can be an abbreviation
            continue
        if _CLOCK_END.search(head[-6:]) and _CLOCK_DAY.match(line, match.end()):
            continue
        # A dateline such as "MOSCOW, May 25. /TASS/." or a very short fragment stays with its sentence.
        if fewer_words(head[:200], _MIN_WORDS):
            continue
        cuts.append(match.end())
    cuts.append(len(line))
    spans: list[tuple[int, int]] = []
    for start, end in itertools.pairwise(_bounded(line, cuts)):
        piece = line[start:end]
        stripped_left = len(piece) - len(piece.lstrip())
        stripped_right = len(piece.rstrip())
        if piece.strip():
            spans.append((base + start + stripped_left, base + start + stripped_right))
    return spans


def _bounded(line: str, cuts: list[int]) -> list[int]:
    """Cuts with no piece longer than `_MAX_SENTENCE`: run-on text is cut at a space, so that no
    "sentence" of a malformed file costs more than a long real one."""
    bounded = [cuts[0]]
    for end in cuts[1:]:
        while end - bounded[-1] > _MAX_SENTENCE:
            space = line.rfind(" ", bounded[-1] + 1, bounded[-1] + _MAX_SENTENCE)
            bounded.append(space + 1 if space > bounded[-1] else bounded[-1] + _MAX_SENTENCE)
        bounded.append(end)
    return bounded
