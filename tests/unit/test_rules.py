"""Loading and validating the rule files shipped in `resources/`."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator

import pytest
from pydantic import ValidationError

from sinorus_timeline import rules
from sinorus_timeline.errors import RulesError
from sinorus_timeline.rules import PatternRule, RuleFile, expand, load_cues, load_rules, read_resource


@pytest.fixture
def fresh_cache() -> Iterator[None]:
    """Tests that feed `load_rules` fake files must not leave them in its cache."""
    load_rules.cache_clear()
    load_cues.cache_clear()
    yield
    load_rules.cache_clear()
    load_cues.cache_clear()


@pytest.mark.parametrize("name", ["dates.toml", "events.toml", "counts.toml"])
def test_shipped_rule_files_load(name: str) -> None:
    loaded = load_rules(name)
    assert loaded.rule
    ids = [rule.id for rule in loaded.rule]
    assert len(ids) == len(set(ids)), "rule ids are unique"
    for rule in loaded.rule:
        assert "{" + "MONTH}" not in rule.pattern  # vocabulary expanded
        assert not any("{" + word + "}" in rule.pattern for word in loaded.vocabulary), rule.id
        re.compile(rule.pattern)


def test_load_rules_is_cached() -> None:
    assert load_rules("dates.toml") is load_rules("dates.toml")


def test_read_resource() -> None:
    assert "[[rule]]" in read_resource("events.toml")
    with pytest.raises(FileNotFoundError):
        read_resource("no-such-file.toml")


def test_expand_replaces_vocabulary_and_keeps_regex_braces() -> None:
    vocabulary = {"YEAR": r"(?:19|20)\d\d", "DAY": r"\d{1,2}"}
    assert expand(r"{DAY} of {YEAR}\d{2}", vocabulary) == r"\d{1,2} of (?:19|20)\d\d\d{2}"
    assert expand(r"{UNKNOWN} a{2,3}", vocabulary) == r"{UNKNOWN} a{2,3}"


def test_rule_file_validation() -> None:
    valid = RuleFile.model_validate({"vocabulary": {"A": "a"}, "rule": [{"id": "x", "kind": "year", "pattern": "a"}]})
    assert valid.rule[0].confidence == 0.7
    assert valid.rule[0].examples == []
    with pytest.raises(ValidationError):
        RuleFile.model_validate({"rule": [{"id": "x", "kind": "year"}]})  # no pattern
    with pytest.raises(ValidationError):
        RuleFile.model_validate({"rule": [{"id": "x", "kind": "year", "pattern": "a", "colour": "red"}]})
    with pytest.raises(ValidationError):
        RuleFile.model_validate({"rules": []})  # a misspelt table
    with pytest.raises(ValidationError):
        PatternRule.model_validate({"id": "x", "kind": "k", "pattern": "p", "examples": "not a list"})


def test_bad_pattern_names_the_rule(monkeypatch: pytest.MonkeyPatch, fresh_cache: None) -> None:
    fake = (
        "[vocabulary]\nOPEN = '(unclosed'\n\n"
        "[[rule]]\nid = 'good-one'\nkind = 'year'\npattern = '\\d{4}'\n\n"
        "[[rule]]\nid = 'broken-rule'\nkind = 'year'\npattern = '{OPEN} group'\n"
    )
    monkeypatch.setattr(rules, "read_resource", lambda name: fake)
    with pytest.raises(RulesError, match=r"fake\.toml, rule broken-rule: bad pattern") as error:
        load_rules("fake.toml")
    assert error.value.exit_code == 3


def test_invalid_toml_names_the_file(monkeypatch: pytest.MonkeyPatch, fresh_cache: None) -> None:
    monkeypatch.setattr(rules, "read_resource", lambda name: "[[rule]\nid = ")
    with pytest.raises(RulesError, match=r"rules file broken\.toml is invalid"):
        load_rules("broken.toml")


def test_unknown_key_names_the_file(monkeypatch: pytest.MonkeyPatch, fresh_cache: None) -> None:
    fake = "[[rule]]\nid = 'r1'\nkind = 'year'\npattern = 'x'\npriorty = 3\n"
    monkeypatch.setattr(rules, "read_resource", lambda name: fake)
    with pytest.raises(RulesError, match=r"(?s)typo\.toml is invalid.*priorty"):
        load_rules("typo.toml")


def test_a_valid_fake_file_loads_expanded(monkeypatch: pytest.MonkeyPatch, fresh_cache: None) -> None:
    fake = "[vocabulary]\nY = '(?:19|20)\\d\\d'\n\n[[rule]]\nid = 'r1'\nkind = 'year'\npattern = 'in {Y}'\n"
    monkeypatch.setattr(rules, "read_resource", lambda name: fake)
    loaded = load_rules("ok.toml")
    assert loaded.rule[0].pattern == r"in (?:19|20)\d\d"
    assert re.search(loaded.rule[0].pattern, "founded in 2001")


CUE_FILES = ["cues.toml", "tense.toml", "clauses.toml"]


def _cue_examples() -> list[object]:
    return [
        pytest.param(file, name, example, id=f"{file}-{name}-{number}")
        for file in CUE_FILES
        for name, entry in tomllib.loads(read_resource(file))["cue"].items()
        for number, example in enumerate(entry.get("examples", []))
    ]


@pytest.mark.parametrize(("file", "name", "example"), _cue_examples())
def test_cue_examples_match(file: str, name: str, example: str) -> None:
    assert load_cues(file)[name].search(example)


@pytest.mark.parametrize("file", CUE_FILES)
def test_every_cue_has_an_example(file: str) -> None:
    raw = tomllib.loads(read_resource(file))
    assert raw["cue"]
    assert [name for name, entry in raw["cue"].items() if not entry.get("examples")] == []


def test_bad_cue_pattern_names_the_cue(monkeypatch: pytest.MonkeyPatch, fresh_cache: None) -> None:
    fake = "[cue.fine]\npattern = 'ok'\n\n[cue.broken]\npattern = '[unclosed'\n"
    monkeypatch.setattr(rules, "read_resource", lambda name: fake)
    with pytest.raises(RulesError, match=r"fake\.toml, cue broken: bad pattern"):
        load_cues("fake.toml")


def test_unknown_number_hint_names_the_rule(monkeypatch: pytest.MonkeyPatch, fresh_cache: None) -> None:
    fake = "[[rule]]\nid = 'typo-hint'\nkind = 'year'\npattern = '\\d{4}'\nhint = ['#yaer']\n"
    monkeypatch.setattr(rules, "read_resource", lambda name: fake)
    with pytest.raises(RulesError, match=r"rule typo-hint: unknown number hints \['#yaer'\]"):
        load_rules("hints.toml")


@pytest.mark.parametrize(
    ("text", "feature"),
    [
        ("in the 1990s", "#decade"),
        ("in the ’90s", "#decade"),
        ("in the '90s", "#decade"),
        ("in 2023 they met", "#year"),
        ("the 1990 summit", "#year"),
        ("in FY2023", "#year"),
        ("at 9:30", "#clock"),
        ("at 9 a.m.", "#clock"),
        ("at 9 P.M.", "#clock"),
        ("42 deals", "#number"),
        ("the 90s club", "#number"),  # no apostrophe: not a decade
    ],
)
def test_words_name_what_numbers_are(text: str, feature: str) -> None:
    features = {key for key in rules.Words(text).keys if key.startswith("#")}
    assert feature in features
    assert features <= {feature, "#number"}


def test_words_of_a_sentence_without_numbers() -> None:
    words = rules.Words("Xi and Putin met in Moscow.")
    assert words.keys == {"xi", "and", "putin", "met", "in", "moscow"}


def test_rule_set_fires_only_on_hinted_sentences() -> None:
    rule_set = rules.RuleSet(
        [
            PatternRule(id="w", kind="k", pattern=r"\bmet\b", hint=["met"]),
            PatternRule(id="p", kind="k", pattern=r"\bsign\w*", hint=["sign*"]),
            PatternRule(id="y", kind="k", pattern=r"\d{4}", hint=["#year"]),
        ]
    )
    assert not rule_set.may_fire(rules.Words("They meet often and talk."))
    assert [h.rule.id for h in rule_set.active(rules.Words("They met and signed in 2023."))] == ["w", "p", "y"]
    assert [h.rule.id for h in rule_set.active(rules.Words("Signatures were counted."))] == ["p"]
    everywhere = rules.RuleSet([PatternRule(id="a", kind="k", pattern="x")])
    assert everywhere.may_fire(rules.Words("No hint at all."))


@pytest.mark.parametrize(
    ("pattern", "lowered"),
    [
        (r"\bMet\b(?!\s+[A-Z])", r"\bmet\b(?!\s+[a-z])"),
        (r"(?P<Count>\d+)\s+TIMES(?P=Count)", r"(?P<Count>\d+)\s+times(?P=Count)"),
        (r"\S+\W\B\D", r"\S+\W\B\D"),  # escapes keep their case: \S is not \s
        (r"(?-i:[A-Z]\w+) visited", None),  # a part that minds case cannot be lowered
        (r"\x41BC", None),  # a letter named by its code
        (r"Putin[’\x27]S\u2019", r"putin[’\x27]s\u2019"),  # an apostrophe named by its code has no case
    ],
)
def test_lower_case_pattern(pattern: str, lowered: str | None) -> None:
    assert rules.lower_case_pattern(pattern) == lowered


@pytest.mark.parametrize("name", ["events.toml", "counts.toml"])
def test_lowered_patterns_find_the_same_spans(name: str) -> None:
    """Every case-blind rule, run lower-cased, finds what it finds with the flag, sentence by sentence."""
    from sinorus_timeline.documents import bundled_seeds

    sentences = [
        line
        for path in sorted(bundled_seeds().glob("*.txt"))
        for line in re.split(r"(?<=[.!?])\s+", path.read_text(encoding="utf-8"))
    ]
    sentences += [example[0] for rule in load_rules(name).rule for example in rule.examples]
    sentences += ["THE TWO LEADERS MET IN MOSCOW AND SIGNED A DEAL.", "İstanbul talks with Putin were held."]
    checked = 0
    for rule in load_rules(name).rule:
        hinted = rules.HintedPattern(rule, re.IGNORECASE)
        for sentence in sentences:
            expected = [m.span() for m in hinted.pattern.finditer(sentence)]
            assert [m.span() for m in hinted.finditer(sentence, rules.Words(sentence))] == expected, (rule.id, sentence)
            checked += hinted.folded is not None
    assert checked > len(sentences)  # most rules do run lower-cased


def test_cue_pattern_reads_groups_from_the_text_itself() -> None:
    cue = rules.CuePattern(r"\b(?P<amount>US\$\s?\d+ (?:billion|million))")
    assert cue.folded is not None
    match = cue.search("Trade hit US$ 200 Billion last year.")
    assert match is not None and match.group("amount") == "US$ 200 Billion"
    assert cue.search("Trade hit 200 euros.") is None
    assert cue.match("US$ 5 million", 0) is not None and cue.match("paid US$ 5 million", 0) is None
    assert cue.search("x İstanbul US$ 3 billion") is not None  # lower-casing that changes length: the flag instead


def test_cue_pattern_minding_case_keeps_the_flag() -> None:
    cue = rules.CuePattern(r"\bto (?-i:[A-Z]\w+)")
    assert cue.folded is None
    assert cue.search("flew TO Moscow") is not None and cue.search("flew to moscow") is None


def test_groups_are_read_from_the_text_as_written() -> None:
    rule = PatternRule(id="n", kind="k", pattern=r"(?P<qual>more than)\s+(?P<count>\d+)(?P<unit> weeks)?\s+times")
    hinted = rules.HintedPattern(rule, re.IGNORECASE)
    text = "They have met More Than 40 times."
    match = next(hinted.finditer(text, rules.Words(text)))
    assert rules.groups_in(text, match) == {"qual": "More Than", "count": "40", "unit": None}
