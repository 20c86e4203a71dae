"""Where a pattern can start: the literal openings of its matches, read from its parse.

Python's engine skips fast to where a pattern opening on a literal can match, but a rule that
opens on `\\b` or a look-behind is tried at every character, each time through all of its
alternatives. The few openings every match must begin with ("met", "talk", "held", a digit),
looked for first as one plain alternation, give the only places where such a rule can start; it
is then tried at those places alone. The matches are the same, found three to four times faster
for the rules with many alternatives.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from re import _constants as sre  # type: ignore[attr-defined]  # the parse tree's codes
from re import _parser  # type: ignore[attr-defined]  # the standard library's own regex parser
from typing import Any, NamedTuple

_WANTED = 4  # atoms of an opening worth reading: longer ones narrow the places little more
_MOST = 160  # openings listed at most; past that, openings stop an atom shorter
_CLASS_MOST = 12  # a character class wider than this (`\w`, `[A-Z]`) could open anywhere
_RARE = 3  # an opening with this many characters (not classes), or one on a digit or a sign, is rare in prose
_DIGIT = r"[\d]"  # as the pattern means it: any Unicode digit, not only 0-9
_CATEGORIES = {sre.CATEGORY_DIGIT: r"\d", sre.CATEGORY_SPACE: r"\s", sre.CATEGORY_WORD: r"\w"}
_DIGITS = tuple("0123456789")  # the digits of ASCII text
_COMMON_MARKS = ",.;:!?'\"()-–—’‘“”/&"  # punctuation: openings on these are everywhere

Atoms = tuple[str, ...]  # an opening as pieces of regex, one per character
Openings = set[tuple[Atoms, bool]]  # each opening, and whether what follows it may still extend it


def openings(pattern: str, flags: int = 0) -> list[Atoms] | None:
    """The openings every non-empty match of `pattern` begins with, or None when they are unknown
    (a case-blind part, a wide class, a back-reference) or a match could begin with anything."""
    try:
        tree = _parser.parse(pattern, flags)
    except (re.error, RecursionError):
        return None
    if tree.state.flags & re.IGNORECASE:
        return None
    found = _sequence(list(tree))
    if found is None or any(not atoms for atoms, _ in found):
        return None
    return sorted({atoms for atoms, _ in found})


class Gate(NamedTuple):
    """The openings of a pattern as one alternation, and the same for text holding only ASCII."""

    any_text: re.Pattern[str]
    ascii_text: re.Pattern[str]  # a leading `\\d` spelt as ten digits: the engine then skips to them


def gate(pattern: re.Pattern[str]) -> Gate | None:
    """One alternation of `pattern`'s openings, or None when looking for them first would not pay:
    unknown openings, ones that begin on a wide class, or short ones ("a", "in") prose is full of."""
    found = openings(pattern.pattern, pattern.flags)
    if found is None or not all(_rare(atoms) for atoms in found):
        return None
    in_ascii = [(digit, *atoms[1:]) for atoms in found for digit in (_DIGITS if atoms[0] == _DIGIT else atoms[:1])]
    flags = pattern.flags & re.ASCII  # what `\\s`, `\\w` and `\\d` mean
    any_text = re.compile(_alternation(found), flags)
    return Gate(any_text, any_text if in_ascii == found else re.compile(_alternation(in_ascii), flags))


def _rare(atoms: Atoms) -> bool:
    """An opening that prose holds seldom: three characters or more, or one on a digit or a sign."""
    first = atoms[0]
    if first == _DIGIT:
        return True
    if first.startswith("["):
        return False  # a class like [\\w-]: found everywhere
    char = first[-1]  # a literal, escaped or not
    letters = sum(not atom.startswith("[") for atom in atoms)
    return letters >= _RARE or char.isdigit() or not (char.isalpha() or char.isspace() or char in _COMMON_MARKS)


def _alternation(found: list[Atoms]) -> str:
    """The openings as a tree of alternatives by their first atom ("m(?:e(?:et|t))"): the engine tries
    each letter once at a place, not once per opening that starts with it. An alternation whose
    every branch opens on a literal lets the engine skip to those letters."""
    if any(not atoms for atoms in found):
        return ""  # an opening ends here: the shorter one already places the pattern
    heads: dict[str, list[Atoms]] = {}
    for atoms in found:
        heads.setdefault(atoms[0], []).append(atoms[1:])
    branches = [head + _group(_alternation(rests)) for head, rests in heads.items()]
    return "|".join(branches)


def _group(alternation: str) -> str:
    return f"(?:{alternation})" if "|" in alternation else alternation


class Gated:
    """A pattern tried only where one of its openings is, when looking for them first pays."""

    __slots__ = ("gate", "pattern")

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.gate = gate(pattern)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """`pattern.finditer(text)`."""
        return self.pattern.finditer(text) if self.gate is None else _finditer(self.pattern, self.gate, text)

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        """`pattern.search(text, pos, endpos)`."""
        if self.gate is None:
            return self.pattern.search(text, pos, endpos)
        return _search(self.pattern, self.gate, text, pos, endpos)


# One per compiled pattern, by identity: hashing a compiled pattern hashes its whole program. Each
# entry holds its pattern, so no identity is reused; there is one per rule, cue or name pattern.
_GATED: dict[int, Gated] = {}


def gated(pattern: re.Pattern[str]) -> Gated:
    """The pattern with its gate, read from the pattern once."""
    known = _GATED.get(id(pattern))
    if known is None:
        known = _GATED[id(pattern)] = Gated(pattern)
    return known


def _finditer(pattern: re.Pattern[str], opening: Gate, text: str) -> Iterator[re.Match[str]]:
    at = 0
    while (match := _search(pattern, opening, text, at, sys.maxsize)) is not None:
        yield match
        at = match.end()  # never empty: every match holds an opening


def _search(pattern: re.Pattern[str], opening: Gate, text: str, pos: int, endpos: int) -> re.Match[str] | None:
    # Trying a pattern at a place sees the text before it, as a search does (`\b`, look-behinds).
    scan = (opening.ascii_text if text.isascii() else opening.any_text).search
    while (hit := scan(text, pos, endpos)) is not None:
        found = pattern.match(text, hit.start(), endpos)
        if found is not None:
            return found
        pos = hit.start() + 1  # an opening may begin inside the one just tried
    return None


def _sequence(items: list[tuple[Any, Any]]) -> Openings | None:
    """The openings of items matched one after another."""
    state: Openings = {((), True)}
    for op, value in items:
        if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
            continue  # matches no character
        if not any(growing and len(atoms) < _WANTED for atoms, growing in state):
            break
        parts = _item(op, value)
        if parts is None:  # an unknown piece: the openings end before it
            return {(atoms, False) for atoms, _ in state}
        extended: Openings = set()
        for atoms, growing in state:
            if not growing or len(atoms) >= _WANTED:
                extended.add((atoms, False))
                continue
            for more, whole in parts:
                joined = atoms + more
                extended.add((joined[:_WANTED], False) if len(joined) >= _WANTED else (joined, whole))
        shortened = _shortened(extended)
        if shortened is None:
            return {(atoms, False) for atoms, _ in state}
        state = shortened
    return state


def _shortened(found: Openings) -> Openings | None:
    """At most `_MOST` openings: when there are more, each is cut an atom shorter until they fit."""
    longest = max((len(atoms) for atoms, _ in found), default=0)
    while len(found) > _MOST and longest > 1:
        longest -= 1
        found = {(atoms[:longest], growing and len(atoms) <= longest) for atoms, growing in found}
    return found if len(found) <= _MOST else None


def _item(op: Any, value: Any) -> Openings | None:
    """The openings of one piece of a parse, each marked whole when it is all the piece matches."""
    if op == sre.LITERAL:
        return {((re.escape(chr(value)),), True)}
    if op == sre.IN:
        return _class(value)
    if op == sre.SUBPATTERN:
        _, added, removed, inner = value
        return None if added or removed else _sequence(list(inner))
    if op == sre.ATOMIC_GROUP:
        return _sequence(list(value))
    if op == sre.BRANCH:
        union: Openings = set()
        for branch in value[1]:
            found = _sequence(list(branch))
            if found is None:
                return None
            union |= found
        return _shortened(union)
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        least, most, inner = value
        once = _sequence(list(inner))
        if once is None or (least, most) == (1, 1):
            return once
        if (least, most) == (0, 1):  # optional: what follows may open the match instead
            return once | {((), True)}
        cut = {(atoms, False) for atoms, _ in once}  # repeated: only the first time through is known
        return cut | {((), True)} if least == 0 else cut
    return None


_CATEGORIES = {sre.CATEGORY_DIGIT: r"\d", sre.CATEGORY_SPACE: r"\s", sre.CATEGORY_WORD: r"\w"}


def _class(members: list[tuple[Any, Any]]) -> Openings | None:
    """A character class: its characters when there are few ("[Tt]"), else the class as one atom,
    which may continue an opening ("a[\\s-]day") but does not begin one (see `gate`)."""
    chars: set[str] = set()
    spelt: list[str] = []
    countable = True
    for op, value in members:
        if op == sre.LITERAL:
            chars.add(chr(value))
            spelt.append(re.escape(chr(value)))
        elif op == sre.RANGE:
            countable = countable and value[1] - value[0] < _CLASS_MOST
            chars.update(chr(code) for code in range(value[0], value[1] + 1) if countable)
            spelt.append(f"{re.escape(chr(value[0]))}-{re.escape(chr(value[1]))}")
        elif op == sre.CATEGORY and value in _CATEGORIES:
            countable = False
            spelt.append(_CATEGORIES[value])
        else:
            return None  # a negated class, a category of another kind
    if countable and len(chars) <= _CLASS_MOST:
        return {((re.escape(char),), True) for char in chars}
    return {(("[" + "".join(spelt) + "]",), True)}
