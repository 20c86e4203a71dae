"""The clauses of a sentence, each with its kind, tense and mood.

A small chunker, not a parser: enclosures (brackets, quotation marks, paired dashes) are clauses of
their own; the rest is cut at commas, semicolons and colons and before the words that open a clause
("which", "while", "after he became ..."), and a chunk without a verb of its own ("On Tuesday",
"China's leader", "after the talks") stays with the clause it belongs to. Each clause then reads its
tense and mood from the cues of `resources/en/clauses.toml` and `resources/en/tense.toml`. Anchoring
asks two things of it: how many clauses lie between an event and a date, and whether the two
clauses look the same way in time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache, lru_cache

from .rules import CuePattern, load_cues

# What a clause is, as the anchoring features read it.
MAIN, COORDINATE, ASIDE, QUOTED, RELATIVE, SUBORDINATE, PARTICIPIAL, REPORTED, ATTRIBUTION, PLAN = (
    "main",
    "coordinate",
    "aside",
    "quoted",
    "relative",
    "subordinate",
    "participial",
    "reported",
    "attribution",
    "plan",  # what was agreed, decided or promised: "agreed to hold talks in May"
)
# Clauses told inside another: a clause after them is one step from the clause they sit in.
_NESTED = frozenset({RELATIVE, PLAN})
# Moods in order of precedence: a clause with a plan and a past verb ("had planned to") is a plan.
MOODS = ("planned", "future", "hypothetical", "perfect", "past", "present")
AHEAD = frozenset({"planned", "future", "hypothetical"})
BEHIND = frozenset({"perfect", "past"})
# An enclosure that takes most of the sentence is the sentence (a quotation told whole), not an aside.
_MOST = 0.6


@cache
def _cue(name: str) -> CuePattern:
    if name == "past":
        return load_cues("tense.toml")[name]
    return load_cues("clauses.toml")[name]


@dataclass(frozen=True)
class Clause:
    """A clause of a sentence: offsets into the sentence's text, what it is, how it tells time."""

    start: int
    end: int
    kind: str
    mood: str
    negated: bool = False
    opener: str = ""  # the subordinator or relative word that opens it, lower-cased
    number: int = 0  # which clause of the sentence: a clause resumed after an aside keeps its number

    @property
    def way(self) -> str:
        """'ahead', 'behind' or '' (a present or no verb): which way in time the clause looks."""
        return "ahead" if self.mood in AHEAD else "behind" if self.mood in BEHIND else ""


def mood_of(text: str) -> tuple[str, bool]:
    """The mood of a clause's text and whether its verb is negated."""
    negated = _cue("negated").search(text) is not None
    for mood in MOODS[:-1]:
        if _cue(mood).search(text) is not None:
            return mood, negated
    return "present", negated


@lru_cache(maxsize=256)  # a sentence with several events is chunked once
def clauses(text: str) -> tuple[Clause, ...]:
    """The clauses of a sentence, in order, covering all of it."""
    chunks: list[_Chunk] = []
    position = 0
    for start, end, kind in [*_enclosures(text), (len(text), len(text), "")]:
        _add_open_text(text, position, start, chunks)
        if kind:
            chunks.append(_Chunk(start, end, kind, enclosed=True))
        position = end
    numbers: list[int] = []
    level = -1  # the number of the last clause of the sentence's own line, which nested ones do not move on
    for chunk in chunks:
        if chunk.resumes is not None:
            numbers.append(numbers[chunk.resumes])
        elif chunk.enclosed or chunk.kind in _NESTED:
            numbers.append(level + 1)  # "Xi (in Moscow) met ..., after ...": the aside is one step aside
        else:  # a sentence that opens on a quotation goes on in another clause
            level = level + 1 if level >= 0 else len(numbers)
            numbers.append(level)
    found = [_clause(text, chunk, number) for chunk, number in zip(chunks, numbers, strict=True)]
    for index, clause in enumerate(found):
        # who said it closes the sentence or opens what was said: "Lavrov has confirmed the visit." reports nothing
        closing = index == len(found) - 1 or found[index + 1].kind == REPORTED
        if clause.kind == ATTRIBUTION and not (closing and (index or len(found) > 1)):
            found[index] = replace(clause, kind=MAIN)
    return tuple(found)


def index_at(chunks: tuple[Clause, ...], offset: int) -> int:
    """The index of the clause holding `offset` (the last one for an offset past the end)."""
    for index, clause in enumerate(chunks):
        if offset < clause.end:
            return index
    return len(chunks) - 1


def way_at(text: str, offset: int) -> str:
    """Which way in time the clause holding `offset` looks: 'ahead', 'behind' or ''."""
    chunks = clauses(text)
    return chunks[index_at(chunks, offset)].way


def _pair(text: str, one: int, other: int) -> tuple[Clause, Clause]:
    chunks = clauses(text)
    return chunks[index_at(chunks, one)], chunks[index_at(chunks, other)]


def clauses_apart(text: str, one: int, other: int) -> int:
    """How many clauses lie between the words at two offsets of a sentence (0: the same clause)."""
    first, second = _pair(text, one, other)
    return abs(first.number - second.number)


def look_apart(text: str, one: int, other: int) -> bool:
    """Whether the words at two offsets of a sentence sit in different clauses that look different
    ways in time ("arrived on Tuesday, and Xi is to arrive ...")."""
    first, second = _pair(text, one, other)
    return first.number != second.number and bool(first.way) and bool(second.way) and first.way != second.way


@dataclass
class _Chunk:
    start: int
    end: int
    kind: str = ""
    opener: str = ""
    enclosed: bool = False
    resumes: int | None = None  # the index of the chunk this one goes on with
    resumed_verb: bool = False  # the clause it goes on with has its verb


def _matches(cue: CuePattern, text: str, low: int, high: int) -> list[re.Match[str]]:
    """Every match in `text[low:high]`, in one pass of the pattern as written (no lowering per call)."""
    return list(cue.pattern.finditer(text, low, high))


def _enclosures(text: str) -> list[tuple[int, int, str]]:
    found = []
    for match in _matches(_cue("enclosure"), text, 0, len(text)):
        start, end = match.span()
        if text[start].isspace():  # a dash pair starts at its space
            start += 1
        if end - start < _MOST * len(text):
            found.append((start, end, ASIDE if match.group("aside") else QUOTED))
    return found


def _add_open_text(text: str, low: int, high: int, chunks: list[_Chunk]) -> None:
    """Chunk `text[low:high]` (outside enclosures) and add the chunks: cut at the marks and before
    the words that open a clause; a chunk with no verb of its own joins the clause it is part of."""
    opening = not chunks and _cue("participle").match(text, low, high)
    starts = [(low, PARTICIPIAL if opening else "", "")]
    for match in _matches(_cue("boundary"), text, low, high):
        if match.group("mark"):
            starts.append((match.end(), "", ""))
        elif kind := _opened_kind(text, match.start(), match.group("word").lower(), high):
            starts.append((match.start(), kind, match.group("word").lower()))
    starts += [(match.end(), REPORTED, "") for match in _matches(_cue("reported_bare"), text, low, high)]
    starts += [(match.end(), PLAN, "to") for match in _matches(_cue("plan_complement"), text, low, high)]
    starts.sort()
    for (start, kind, opener), (end, _, _) in zip(starts, [*starts[1:], (high, "", "")], strict=False):
        if not text[start:end].strip(" ,;:"):
            continue
        chunk, last = _Chunk(start, end, kind, opener), chunks[-1] if chunks else None
        if last is not None and not last.enclosed and not kind and _joins(text, chunk, last):
            last.end = end
            continue
        if not kind:
            chunk.resumes = _resumed(text, chunk, chunks)
            if chunk.resumes is not None:
                chunk.kind = chunks[chunk.resumes].kind
                chunk.resumed_verb = _has_verb(text, chunks[chunk.resumes])
        chunks.append(chunk)


def _resumed(text: str, chunk: _Chunk, chunks: list[_Chunk]) -> int | None:
    """The chunk a clause goes on with after an aside or a relative clause: "Xi (in Moscow) met
    Putin", "Medvedev, who is now deputy chairman, met Xi": one of the two parts has no verb."""
    if len(chunks) < 2 or not (chunks[-1].enclosed or chunks[-1].kind == RELATIVE):
        return None
    index = len(chunks) - 2
    while index > 0 and chunks[index].enclosed:
        index -= 1
    before = chunks[index]
    if before.enclosed or before.kind == RELATIVE or (_has_verb(text, before) and _has_verb(text, chunk)):
        return None
    return index if before.resumes is None else before.resumes


def _joins(text: str, chunk: _Chunk, last: _Chunk) -> bool:
    """A chunk with no verb belongs to the clause before ("met Xi, China's leader, on Monday"), and
    so does a clause after a phrase without a verb ("On Tuesday, Xi met Putin")."""
    return not _has_verb(text, chunk) or (not last.kind and not _has_verb(text, last))


def _has_verb(text: str, chunk: _Chunk) -> bool:
    if chunk.resumed_verb:
        return True
    return _cue("finite_verb").search(text, chunk.start, chunk.end) is not None


def _opened_kind(text: str, start: int, word: str, high: int) -> str:
    """The kind of clause `word` opens at `start`, or '' when it opens none there ("after the
    talks", "that year", "as a guest")."""
    if word == "that":
        if _cue("reporting_that").search(text[:start]):
            return REPORTED
        # "That year they met" opens on a determiner: a relative "that" follows what it tells of
        return RELATIVE if start and _cue("relative_that").match(text, start, high) else ""
    if word in ("and", "but"):  # "the President and Foreign Minister Wang Yi will attend" joins no clauses
        cut = max(text.rfind(mark, 0, start) for mark in ",;:") + 1
        joined = _cue("finite_verb").search(text, cut, start) is not None
        return COORDINATE if joined and _cue("coordinator").match(text, start, high) else ""
    stop = _next_clause(text, start + len(word), high)
    if not _cue("free_opener").match(text, start) and _cue("finite_verb").search(text, start + len(word), stop) is None:
        return ""
    return RELATIVE if _cue("relative").match(text, start) else SUBORDINATE


def _next_clause(text: str, low: int, high: int) -> int:
    """Where the next clause surely begins: a mark, a word that always opens one, or "and" before a
    subject with a verb of its own ("after the talks and the two sides are to sign ...")."""
    for match in _matches(_cue("boundary"), text, low, high):
        if match.group("mark") or _cue("free_opener").match(text, match.start()):
            return match.start()
        if match.group("word").lower() in ("and", "but") and _cue("coordinator").match(text, match.start(), high):
            return match.start()
    return high


def _clause(text: str, chunk: _Chunk, number: int) -> Clause:
    words = text[chunk.start : chunk.end]
    mood, negated = mood_of(words)
    if chunk.kind == PLAN and mood not in AHEAD:
        mood = "planned"  # "to hold talks in May": what a decision looks ahead to
    kind = chunk.kind
    if not kind:
        kind = ATTRIBUTION if _cue("attribution").match(words) else MAIN
    return Clause(chunk.start, chunk.end, kind, mood, negated, chunk.opener, number)
