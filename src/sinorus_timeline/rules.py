"""Loading and validating the rule files kept as data in `resources/`."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from functools import cache, lru_cache
from importlib import resources
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

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


def read_resource(name: str) -> str:
    """The text of a file shipped in the package's `resources/` folder."""
    return resources.files("sinorus_timeline").joinpath("resources").joinpath(name).read_text(encoding="utf-8")


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


@cache
def load_cues(name: str) -> dict[str, re.Pattern[str]]:
    """Compiled case-insensitive cue patterns of a TOML file's `[cue.NAME]` tables."""
    try:
        raw = tomllib.loads(read_resource(name))
        cues = {key: Cue.model_validate(value) for key, value in raw.get("cue", {}).items()}
    except (tomllib.TOMLDecodeError, ValidationError) as error:
        raise RulesError(f"rules file {name} is invalid: {error}") from error
    compiled = {}
    for key, cue in cues.items():
        try:
            compiled[key] = re.compile(cue.pattern, re.I)
        except re.error as error:
            raise RulesError(f"rules file {name}, cue {key}: bad pattern: {error}") from error
    return compiled


_TOKEN = re.compile(r"[a-z0-9]+")
_DIGIT = re.compile(r"\d")
_FEATURES_PARTS = {
    "decade": r"(?<!\d)\d{3}0[’']?s\b|[’']\d0s\b",
    "year": r"(?<!\d)\d{4}(?!\d)",
    "clock": r"\d:\d\d|\d\s*[ap]\.m\.",
}
_FEATURES = re.compile("|".join(f"(?P<{name}>{part})" for name, part in _FEATURES_PARTS.items()), re.I)
_STEM = 4  # a prefix hint needs this many letters, or it would find itself everywhere


class Words:
    """The lower-case words of a sentence, read once so that every rule's hint is a set lookup."""

    def __init__(self, text: str) -> None:
        self.lowered = text.lower()
        words = set(_TOKEN.findall(self.lowered))
        self.keys = words
        if _DIGIT.search(text):  # most sentences hold no number: no need to look for years or times
            self.keys |= {f"#{match.lastgroup}" for match in _FEATURES.finditer(text)}


@lru_cache(maxsize=64)  # about one article: shared within it, not across copies
def words_of(text: str) -> Words:
    """The words of a sentence, shared by the date rules and the event rules that both read it."""
    return Words(text)


class HintedPattern:
    """A rule's pattern with its hint words: the pattern runs only on sentences holding one."""

    def __init__(self, rule: PatternRule, flags: int = 0) -> None:
        self.rule = rule
        self.pattern = re.compile(rule.pattern, flags)
        self.exact = frozenset(w for w in rule.hint or [] if not w.endswith("*"))
        # "establish*" is looked for anywhere in the sentence: a rule may try a sentence in vain, never miss one
        self.prefixes = tuple(w[:-1] for w in rule.hint or [] if w.endswith("*"))


class RuleSet:
    """Rules indexed by their hint words: a sentence meets only the rules its words can fire."""

    def __init__(self, rules: list[PatternRule], flags: int = 0) -> None:
        self.rules = [HintedPattern(rule, flags) for rule in rules]
        self.always = [i for i, r in enumerate(self.rules) if not r.exact and not r.prefixes]
        self.by_word: dict[str, list[int]] = {}
        self.by_prefix: dict[str, list[int]] = {}
        for index, rule in enumerate(self.rules):
            for word in rule.exact:
                self.by_word.setdefault(word, []).append(index)
            for prefix in rule.prefixes:
                self.by_prefix.setdefault(prefix, []).append(index)
        self._gate = None if self.always else _gate(self.by_word.keys(), self.by_prefix.keys())

    def may_fire(self, text: str) -> bool:
        """False when no rule can fire on `text`: one scan instead of reading its words."""
        return self._gate is None or self._gate.search(text.lower()) is not None

    def active(self, words: Words) -> list[HintedPattern]:
        """The rules worth trying on a sentence with these words, in file order."""
        chosen = set(self.always)
        for word in words.keys & self.by_word.keys():
            chosen.update(self.by_word[word])
        for prefix, indices in self.by_prefix.items():
            if prefix in words.lowered:
                chosen.update(indices)
        return [self.rules[i] for i in sorted(chosen)]


def _gate(words: Iterable[str], prefixes: Iterable[str]) -> re.Pattern[str]:
    """One pattern finding any hint in lower-case text, with the same word bounds as `Words`."""
    features = {f"#{name}" for name in _FEATURES.groupindex}
    plain = sorted((w for w in words if w not in features), key=len, reverse=True)
    parts = [r"(?<![a-z0-9])(?:" + "|".join(map(re.escape, plain)) + r")(?![a-z0-9])"] if plain else []
    parts += [re.escape(prefix) for prefix in prefixes]
    parts += [f"(?:{_FEATURES_PARTS[w[1:]]})" for w in sorted(features & set(words))]
    return re.compile("|".join(parts) or r"(?!)")
