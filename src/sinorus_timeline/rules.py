"""Loading and validating the rule files kept as data in `resources/`."""

from __future__ import annotations

import itertools
import re
import sys
import tomllib
from collections.abc import Iterator
from functools import cache, cached_property, lru_cache
from importlib import resources
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from . import openings
from .errors import RulesError


class PatternRule(BaseModel):
    """A named regular expression with the examples that the tests run."""

    model_config = ConfigDict(extra="forbid")

    id: str
    kind: str
    pattern: str
    examples: list[list[str]] = Field(default_factory=list)
    counter_examples: list[str] = Field(default_factory=list)
    priority: int = 0
    fallback: bool = False
    needs_date: bool = False
    confidence: float = 0.7
    status: str | None = None
    hint: list[str] | None = None


class RuleFile(BaseModel):
    """A rules file: a vocabulary of reusable pieces and an ordered list of rules."""

    model_config = ConfigDict(extra="forbid")

    vocabulary: dict[str, str] = Field(default_factory=dict)
    rule: list[PatternRule] = Field(default_factory=list)


LANGUAGE = "en"  # the folder of `resources/` whose words, cues and weights the engine reads


def read_resource(name: str) -> str:
    """The text of a file shipped in the package's `resources/` folder for the language read."""
    folder = resources.files("sinorus_timeline").joinpath("resources").joinpath(LANGUAGE)
    return folder.joinpath(name).read_text(encoding="utf-8")


@cache
def load_rules(name: str) -> RuleFile:
    """Load, validate and expand a TOML rules file; a bad entry fails naming file and rule."""
    try:
        raw: dict[str, Any] = tomllib.loads(read_resource(name))
        rules = RuleFile.model_validate(raw)
    except (tomllib.TOMLDecodeError, ValidationError) as error:
        raise RulesError(f"rules file {name} is invalid: {error}") from error
    for rule in rules.rule:
        rule.pattern = expand(rule.pattern, rules.vocabulary)
        short = [w for w in rule.hint or [] if w.endswith("*") and len(w) - 1 < _STEM]
        if short:
            raise RulesError(f"rules file {name}, rule {rule.id}: hint prefixes need {_STEM} letters: {short}")
        unknown = [w for w in rule.hint or [] if w.startswith("#") and w not in NUMBER_HINTS]
        if unknown:
            raise RulesError(f"rules file {name}, rule {rule.id}: unknown number hints {unknown}")
        try:
            re.compile(rule.pattern)
        except re.error as error:
            raise RulesError(f"rules file {name}, rule {rule.id}: bad pattern: {error}") from error
    return rules


def expand(pattern: str, vocabulary: dict[str, str]) -> str:
    """Replace each `{NAME}` of the vocabulary in `pattern`, leaving regex braces alone."""
    for name, value in vocabulary.items():
        pattern = pattern.replace("{" + name + "}", value)
    return pattern


class Cue(BaseModel):
    """A named pattern the extractor reads around a trigger, with examples that must match."""

    model_config = ConfigDict(extra="forbid")

    pattern: str
    examples: list[str] = Field(default_factory=list)


class TwoWayPattern:
    """A pattern as written and, when it is case-blind and can be, lowered for lower-case text: the
    engine compares letters without regard to case at a cost, and the same pattern in lower case
    over lower-case text finds the same spans two to three times faster. Either is tried only
    where one of its literal openings is (see `openings`)."""

    def __init__(self, source: str, flags: int) -> None:
        self.source = source
        self.flags = flags
        self.folded = compile_lowered(source, flags & ~re.IGNORECASE) if flags & re.IGNORECASE else None

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        """The pattern as written, with its flags, compiled when first needed."""
        return re.compile(self.source, self.flags)

    @cached_property
    def _lowered(self) -> openings.Gated:
        assert self.folded is not None
        return openings.gated(self.folded)

    @cached_property
    def _as_written(self) -> openings.Gated:
        return openings.gated(self.pattern)


class CuePattern(TwoWayPattern):
    """A case-blind cue. It is looked for in lower-case text without the flag; on a hit, the match
    is read from the text itself, so groups keep their case."""

    def __init__(self, pattern: str) -> None:
        super().__init__(pattern, re.IGNORECASE)
        if self.folded is None:
            self.pattern.search("")  # compiled now, so that a bad pattern fails when the cues load

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        """The first match in `text[pos:endpos]`, as `re.Pattern.search`."""
        if self.folded is not None:
            lowered = text.lower()
            if len(lowered) == len(text):
                hit = self._lowered.search(lowered, pos, endpos)
                return None if hit is None else self.pattern.search(text, hit.start(), endpos)
        return self._as_written.search(text, pos, endpos)

    def match(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        """A match starting at `pos`, as `re.Pattern.match`."""
        if self.folded is not None:
            lowered = text.lower()
            if len(lowered) == len(text) and self.folded.match(lowered, pos, endpos) is None:
                return None
        return self.pattern.match(text, pos, endpos)


@cache
def load_cues(name: str) -> dict[str, CuePattern]:
    """Compiled case-insensitive cue patterns of a TOML file's `[cue.NAME]` tables."""
    try:
        raw = tomllib.loads(read_resource(name))
        cues = {key: Cue.model_validate(value) for key, value in raw.get("cue", {}).items()}
    except (tomllib.TOMLDecodeError, ValidationError) as error:
        raise RulesError(f"rules file {name} is invalid: {error}") from error
    compiled = {}
    for key, cue in cues.items():
        try:
            compiled[key] = CuePattern(cue.pattern)
        except re.error as error:
            raise RulesError(f"rules file {name}, cue {key}: bad pattern: {error}") from error
    return compiled


_TOKEN = re.compile(r"[a-z0-9]+")
_NUMBER = re.compile(r"\d+")  # starts with a digit class: the engine skips to digits without trying each place
_DECADE_END = re.compile(r"[’']?s\b", re.I)  # after "1990" or "’90"
_CLOCK_END = re.compile(r":\d\d|\s*[ap]\.m\.", re.I)  # after a digit
_APOSTROPHES = "’'"
NUMBER_HINTS = frozenset({"#decade", "#year", "#clock", "#number"})
_STEM = 4  # a prefix hint needs this many letters, or it would find itself everywhere


class Words:
    """The lower-case words of a sentence, read once so that every rule's hint is a set lookup."""

    def __init__(self, text: str) -> None:
        self.lowered = text.lower()
        self.rules: dict[int, list[HintedPattern]] = {}  # what each rule set chose for this sentence
        words = set(_TOKEN.findall(self.lowered))
        self.keys = words
        for number in _NUMBER.finditer(text):
            self.keys.add(_number_feature(text, number.start(), number.end()))


def _number_feature(text: str, start: int, end: int) -> str:
    """What a run of digits is for the hints: a `#decade` ("1990s", "’90s"), a `#year` (four digits),
    a `#clock` time ("9:30", "9 a.m."), or `#number`."""
    digits = end - start
    after_apostrophe = digits == 2 and start > 0 and text[start - 1] in _APOSTROPHES
    if (digits == 4 or after_apostrophe) and text[end - 1] == "0" and _DECADE_END.match(text, end):
        return "#decade"
    if digits == 4:
        return "#year"
    return "#clock" if _CLOCK_END.match(text, end) else "#number"


@lru_cache(maxsize=1024)  # a long article's sentences: shared within it, not across copies
def words_of(text: str) -> Words:
    """The words of a sentence, shared by the date rules and the event rules that both read it."""
    return Words(text)


class HintedPattern(TwoWayPattern):
    """A rule's pattern with its hint words: the pattern runs only on sentences holding one."""

    def __init__(self, rule: PatternRule, flags: int = 0) -> None:
        super().__init__(rule.pattern, flags)
        self.rule = rule
        self.exact = frozenset(w for w in rule.hint or [] if not w.endswith("*"))
        # "establish*" is looked for anywhere in the sentence: a rule may try a sentence in vain, never miss one
        self.prefixes = tuple(w[:-1] for w in rule.hint or [] if w.endswith("*"))

    def finditer(self, text: str, words: Words) -> Iterator[re.Match[str]]:
        """The pattern's matches in a sentence (`words` are its words). On lower-case text when
        that is safe: read spans from the matches, and groups from the sentence at those spans."""
        if self.folded is not None and len(words.lowered) == len(text):
            return self._lowered.finditer(words.lowered)
        return self._as_written.finditer(text)


def groups_in(text: str, match: re.Match[str]) -> dict[str, str | None]:
    """A match's named groups as `text` writes them (a match found in lower-cased text is lower case)."""
    return {
        name: text[match.start(name) : match.end(name)] if match.start(name) >= 0 else None
        for name in match.re.groupindex
    }


def compile_lowered(pattern: str, flags: int = 0) -> re.Pattern[str] | None:
    """A case-blind `pattern` compiled for lower-case text (no flag needed), or None when it minds case."""
    lowered = lower_case_pattern(pattern)
    return re.compile(lowered, flags) if lowered is not None else None


_NUMBERED = re.compile(r"\\x([0-9a-fA-F]{2})|\\u([0-9a-fA-F]{4})")


def lower_case_pattern(pattern: str) -> str | None:
    """`pattern` for lower-case text: letters lowered, except in escapes and group names.

    None when a part of it minds case (`(?-i:...)`) or an escape names a letter by number."""
    if "(?-i" in pattern or "(?i" in pattern:
        return None
    parts: list[str] = []
    at = 0
    while at < len(pattern):
        if pattern[at] == "\\":
            named = _NUMBERED.match(pattern, at)
            if named is not None:  # "\\x27": kept when it names a character without case
                char = chr(int(named.group(1) or named.group(2), 16))
                if char.lower() != char.upper():
                    return None
                parts.append(named.group())
                at = named.end()
                continue
            if pattern[at + 1 : at + 2] in ("x", "u", "U", "N", "0"):
                return None
            parts.append(pattern[at : at + 2])
            at += 2
        elif pattern.startswith(("(?P<", "(?P="), at):
            close = pattern.index(">" if pattern[at + 3] == "<" else ")", at)
            parts.append(pattern[at : close + 1])
            at = close + 1
        else:
            parts.append(pattern[at].lower())
            at += 1
    return "".join(parts)


_RULE_SETS = itertools.count()


class RuleSet:
    """Rules indexed by their hint words: a sentence meets only the rules its words can fire."""

    def __init__(self, rules: list[PatternRule], flags: int = 0) -> None:
        self.rules = [HintedPattern(rule, flags) for rule in rules]
        # A set of rules is a bit mask over `rules`: a sentence's rules are the union of its words' masks.
        self._always = sum(1 << i for i, r in enumerate(self.rules) if not r.exact and not r.prefixes)
        self._by_word: dict[str, int] = {}
        by_prefix: dict[str, int] = {}
        for index, rule in enumerate(self.rules):
            for word in rule.exact:
                self._by_word[word] = self._by_word.get(word, 0) | 1 << index
            for prefix in rule.prefixes:
                by_prefix[prefix] = by_prefix.get(prefix, 0) | 1 << index
        self._words = frozenset(self._by_word)
        self._prefixes = tuple(by_prefix.items())
        # Any prefix at all, in one scan that skips to the prefixes' first letters.
        self._any_prefix = re.compile("|".join(map(re.escape, by_prefix))) if by_prefix else None
        self._chosen: dict[int, list[HintedPattern]] = {0: []}  # few distinct sets recur sentence after sentence
        self._number = next(_RULE_SETS)  # names this set in a sentence's `Words.rules`, unlike an id() reused

    def may_fire(self, words: Words) -> bool:
        """False when no rule can fire on a sentence with these words: set lookups, no pattern run.
        The rules that can are kept with the words, for `active` to hand out next."""
        return bool(self.active(words))

    def active(self, words: Words) -> list[HintedPattern]:
        """The rules worth trying on a sentence with these words, in file order (a shared list: read only)."""
        chosen = words.rules.get(self._number)
        if chosen is not None:
            return chosen
        mask = self._always
        for word in words.keys & self._words:
            mask |= self._by_word[word]
        if self._any_prefix is not None and self._any_prefix.search(words.lowered):
            for prefix, bits in self._prefixes:
                if prefix in words.lowered:
                    mask |= bits
        chosen = self._chosen.get(mask)
        if chosen is None:
            chosen = self._chosen[mask] = [rule for i, rule in enumerate(self.rules) if mask >> i & 1]
        words.rules[self._number] = chosen
        return chosen
