"""Finding temporal expressions in text and resolving them against a publication date.

Two stages, as in HeidelTime: the rules of `resources/en/dates.toml` find spans and read their parts;
resolvers then turn the parts into values, using the publication date (never today) and, for
phrases such as "the day after", the expression before them.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache, cached_property
from typing import Literal

from pydantic import BaseModel, Field

from .models import PartialDate, Qualifier
from .rules import PatternRule, RuleSet, load_cues, load_rules, words_of
from .text import Sentence, fewer_words, split_sentences

TimexType = Literal["DATE", "TIME", "DURATION", "SET"]

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
NUMBERS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "a hundred": 100,
}
QUALIFIERS = {
    "early": Qualifier.EARLY,
    "beginning": Qualifier.EARLY,
    "start": Qualifier.EARLY,
    "first": Qualifier.EARLY,
    "earlier": Qualifier.EARLY,
    "mid": Qualifier.MID,
    "middle": Qualifier.MID,
    "late": Qualifier.LATE,
    "end": Qualifier.LATE,
    "second": Qualifier.LATE,
    "later": Qualifier.LATE,
}
MODS = {Qualifier.EARLY: "START", Qualifier.MID: "MID", Qualifier.LATE: "END"}


@cache
def _cue(name: str) -> re.Pattern[str]:
    """A tense or reporting cue of `resources/en/tense.toml`, compiled case-insensitively."""
    return load_cues("tense.toml")[name].pattern


# "MOSCOW, May 25 (Xinhua)", "BEIJING, (APP - 17th Oct, 2023)", "MOSCOW (Sputnik - 27th March, 2019)"
# "BEIJING, ", "ST. PETERSBURG, Russia, " (a city and its country or state), "MOSCOW (Reuters "
_DATELINE_HEAD = re.compile(
    r"^\s*(?:(?:[A-Z][A-Za-z.'’ /-]{1,40}[,.]\s*){1,2}(?:\([^)]*)?|[A-Z][A-Z.'’ /-]{1,40}\s+\([^)]*)$"
)
_DATELINE_TAIL = re.compile(
    r"^[\s.,]*(?::\s|--|–|—|-\s|/[A-Za-z]+/|\((?:Xinhua|Reuters|AP|AFP|TASS|Sputnik|IANS)\)|INTERFAX|\))"
)
_RATE = re.compile(r"(?:\d|million|billion|cents|percent|%)\S*(?:\s+[a-z]+)?\s+$")
_QUARTER_VALUE = re.compile(r"(\d{4})-Q([1-4])")
_LINE_REACH = 300
# A page stamp opens its line with the word ("Updated 2023-03-23") or follows it with a colon
# ("Date: ..."); "Data released by the customs on Monday ..." is a sentence.
_STAMP_LINE = re.compile(
    r"^\W*(?:last\s+)?(?:published|updated|posted|released|date)\b|\b(?:published|updated|posted|released|date)\s*:",
    re.IGNORECASE,
)


class TemporalExpression(BaseModel):
    """A temporal expression found in a text, with its TimeML value and its calendar reading."""

    start: int
    end: int
    text: str
    type: TimexType = "DATE"
    value: str
    date: PartialDate | None = None
    date_end: PartialDate | None = None
    qualifier: Qualifier | None = None
    mod: str | None = None
    anchor: str | None = None
    role: str | None = None
    rule: str
    # For "Oct 2, the day after Mao announced ...": the date of the clause the phrase introduces.
    clause_date: PartialDate | None = None
    # The last day or year of a range read as one ("April 24 and 25", "from 1991 to 1997"), which
    # TimeML marks as a timex of its own.
    last: TemporalExpression | None = Field(default=None, exclude=True)

    @property
    def resolved(self) -> bool:
        """True when the expression has a calendar date."""
        return self.date is not None


@dataclass
class _Context:
    published: PartialDate | None
    sentence: Sentence
    span: tuple[int, int]  # the expression's offsets in the text
    previous: TemporalExpression | None
    quarter: tuple[int, int] | None = None  # the quarter (year, number) the text last named
    # A results story compares the quarter and also the months of the year to date ("For the nine
    # months, net was $5 million, up from $4 million a year earlier"): then "a year earlier" is a year.
    whole_year: bool = False
    year_at: int | None = None  # the year of the last date the text gave before the expression

    @cached_property
    def tense(self) -> str | None:
        """Read only for the expressions whose value depends on it (bare months, weekdays, ...)."""
        return _tense(self.sentence, *self.span)


@cache
def _compiled() -> RuleSet:
    return RuleSet(load_rules("dates.toml").rule)


def find(
    text: str, published: PartialDate | None = None, offset: int = 0, sentences: list[Sentence] | None = None
) -> list[TemporalExpression]:
    """Every temporal expression of `text` (from `offset` on), resolved against `published`.

    `sentences`, when given, limits the search to those sentences of `text`.
    """
    found: list[TemporalExpression] = []
    quarter: tuple[int, int] | None = None
    periods: list[tuple[int, bool]] = []  # (offset, whole year?) of the periods a results story names
    year_at: int | None = None
    for sentence in split_sentences(text, offset) if sentences is None else sentences:
        previous = found[-1] if found else None
        if quarter is not None:
            named = [(sentence.start + m.start(), not m["quarter"]) for m in _PERIOD.finditer(sentence.text)]
            periods = periods[-1:] + named  # the last period of the sentences before still holds
        for start, end, rule, match in _candidates(sentence):
            whole_year = next((whole for at, whole in reversed(periods) if at < start), False)
            context = _Context(published, sentence, (start, end), previous, quarter, whole_year, year_at)
            expression = _resolve(rule, match, start, end, text, context)
            if expression is None:
                continue
            if expression.type == "DURATION" and _is_rate(text, sentence, start):
                expression.type = "SET"  # "$2 million a year", "700 seats a week": a rate, not a stretch of time
            expression.role = _role(text, sentence, start, end)
            _read_apposition(expression, previous, text)
            _read_comparison(expression, previous, context, text)
            found.append(expression)
            if expression.date is not None and expression.type == "DATE":
                previous, year_at = expression, expression.date.year
                quarter = _reported_quarter(expression, context, quarter)
    return found


def _is_rate(text: str, sentence: Sentence, start: int) -> bool:
    """ "a year" after an amount or a count: "$2 million a year", "700 seats a week"."""
    return text.startswith(("a ", "an "), start) and bool(_RATE.search(text[max(sentence.start, start - 30) : start]))


def _read_apposition(expression: TemporalExpression, previous: TemporalExpression | None, text: str) -> None:
    """ "on Oct 2, the day after Mao announced ..." names Oct 2 and dates the clause to Oct 1."""
    if expression.rule != "day-offset" or previous is None or previous.date is None:
        return
    between = text[previous.end : expression.start]
    following = text[expression.end : expression.end + 2]
    if not re.fullmatch(r"\s*,\s*", between) or not re.match(r"\s[A-Za-z]", following):
        return
    shifted = expression.date
    expression.date, expression.value = previous.date, previous.value
    if shifted is not None and previous.date.day is not None and shifted.day is not None:
        gap = shifted.first_day() - previous.date.first_day()
        expression.clause_date = PartialDate.of(previous.date.first_day() - gap)


def _reported_quarter(
    expression: TemporalExpression, context: _Context, quarter: tuple[int, int] | None
) -> tuple[int, int] | None:
    """The quarter a results story is about: one named outright and already over when it was written.

    An earlier quarter named after it is background ("after a flat second quarter"), unless it is
    another company's fiscal one.
    """
    named = _QUARTER_VALUE.fullmatch(expression.value)
    if named is None or expression.rule != "quarter" or expression.anchor == "quarter":
        return quarter
    year, number = int(named[1]), int(named[2])
    published = context.published
    current = published.year * 4 + (published.month - 1) // 3 if published and published.month else None
    # Not over yet: a forecast, not the quarter reported; but results for the quarter in progress
    # are of a fiscal quarter ("reported a decline in fourth-quarter earnings" in November).
    if current is not None and year * 4 + number > current + (context.tense == "past"):
        return quarter
    if quarter is not None and (year, number) < quarter and "fiscal" not in expression.text.lower():
        return quarter
    return year, number


_YEAR_BACK = re.compile(r"(?:a|one) year (?:ago|earlier|before)", re.IGNORECASE)
# What a results story's comparisons are about: the quarter, or the months of the year so far.
_PERIOD = re.compile(
    r"\b(?:(?P<quarter>quarter|three months|three-month)|(?:six|nine|six-month|nine-month) months|six-month|nine-month"
    r"|first half|year to date|year-to-date|for the year)\b",
    re.IGNORECASE,
)
_AMOUNT_COMPARED = re.compile(
    r"\b(?:compared with|compared to|versus|from)\b[^.;]*\$[\d.,]+(?:\s+(?:million|billion))?[^.;$]*$"
)


def _read_comparison(
    expression: TemporalExpression, previous: TemporalExpression | None, context: _Context, text: str
) -> None:
    """ "up from $5 million a year earlier": the period just named (or the quarter the results
    are for), a year before, at the precision it was named with."""
    quarter, sentence = context.quarter, context.sentence
    if expression.text.lower() == "last year" and quarter is not None and not context.whole_year:
        # "net of $5 million, compared with $3 million last year": last year's same quarter
        if _AMOUNT_COMPARED.search(text[max(sentence.start, expression.start - 80) : expression.start]):
            _take(expression, _quarter(quarter[0] - 1, quarter[1]), "quarter")
        return
    if not _YEAR_BACK.fullmatch(expression.text):
        return
    apposition = previous is not None and re.fullmatch(r"\s*,\s*", text[previous.end : expression.start])
    named = previous is not None and previous.start >= sentence.start and previous.anchor != "quarter"
    # "the company said Friday that net fell from a year earlier": not a year before the statement
    if previous is not None and named and not apposition and previous.role != "reporting":
        shifted = _year_before(previous)
        if shifted is not None:
            _take(expression, shifted, f"expression:{previous.start}")
            return
    if quarter is not None and context.whole_year:  # the months of the year to date, a year before
        _take(expression, _year(quarter[0] - 1), "quarter")
    elif quarter is not None:
        _take(expression, _quarter(quarter[0] - 1, quarter[1]), "quarter")


def _year_before(expression: TemporalExpression) -> TemporalExpression | None:
    """The same period one year earlier: 1989-Q3 -> 1988-Q3, 1989-09-30 -> 1988-09-30."""
    named = re.fullmatch(r"(\d{4})(-(?:\d\d(?:-\d\d)?|Q[1-4]|H[12]|SU|FA|WI|SP))", expression.value)
    if named is None or expression.date is None:
        return None
    year = int(named[1]) - 1
    result = _blank(f"{year:04d}{named[2]}")
    result.date = _year_earlier(expression.date)
    result.date_end = _year_earlier(expression.date_end) if expression.date_end else None
    return result


def _year_earlier(date: PartialDate) -> PartialDate:
    day = date.day
    if day is not None and date.month == 2 and day == 29:
        day = 28  # no 29 February the year before
    return PartialDate(year=date.year - 1, month=date.month, day=day)


def _take(expression: TemporalExpression, reading: TemporalExpression, anchor: str) -> None:
    expression.value, expression.date, expression.date_end = reading.value, reading.date, reading.date_end
    expression.anchor = anchor


@cache
def _orders() -> dict[str, int]:
    return {hinted.rule.id: number for number, hinted in enumerate(_compiled().rules)}


def rule_order(rule: PatternRule) -> int:
    """A rule's place in dates.toml: on equal spans the earlier rule wins."""
    return _orders()[rule.id]


@cache
def _span_groups() -> dict[str, tuple[str, ...]]:
    """Per rule, the groups that mark the expression within its match ("in March": "March"), if any."""
    return {h.rule.id: tuple(g for g in ("span", "span2") if f"(?P<{g}>" in h.rule.pattern) for h in _compiled().rules}


def _candidates(sentence: Sentence) -> list[tuple[int, int, PatternRule, re.Match[str]]]:
    """Non-overlapping matches in a sentence: the longest wins, then the earliest rule."""
    rules = _compiled()
    words = words_of(sentence.text)
    if not rules.may_fire(words):
        return []
    matches: list[tuple[int, int, int, PatternRule, re.Match[str]]] = []
    for hinted in rules.active(words):
        rule = hinted.rule
        order = rule_order(rule)
        spans = _span_groups()[rule.id]
        for match in hinted.finditer(sentence.text, words):
            group = next((g for g in spans if match.group(g)), 0) if spans else 0
            start, end = match.span(group)
            if end > start:
                matches.append((start, end, order, rule, match))
    matches.sort(key=lambda m: (-(m[1] - m[0]), m[2], m[0]))
    taken: list[tuple[int, int]] = []
    chosen: list[tuple[int, int, PatternRule, re.Match[str]]] = []
    for start, end, _, rule, match in matches:
        if any(start < t_end and t_start < end for t_start, t_end in taken):
            continue
        taken.append((start, end))
        chosen.append((sentence.start + start, sentence.start + end, rule, match))
    chosen.sort(key=lambda c: c[0])
    return chosen


def _tense(sentence: Sentence, start: int, end: int) -> str | None:
    """`future` or `past` by the tense marker nearest the expression in its clause, else None."""
    local_start, local_end = start - sentence.start, end - sentence.start
    before = _unquoted(sentence.text[max(0, local_start - 140) : local_start])
    after = sentence.text[local_end : local_end + 70]
    # (the tails only: searched often)
    if _cue("deadline").search(before[-20:]) and not _cue("had").search(before[-60:]):
        return "future"  # "by the middle of October", "until Tuesday": a deadline ahead (unless "had ... by")
    if _cue("starting").search(before[-30:]):
        return "future"  # "announced Wang's three-day trip starting from Monday": when it is to begin
    if _cue("as_soon_as").search(before[-50:]):
        return "future"  # "as soon as trading opened Monday": the earliest time ahead, whatever the verb
    if _cue("when_present").search(before[-60:]):
        return "future"  # "when the case is heard in May": a present tense after "when" speaks of what is to come
    if _cue("had_been_due").search(before[-80:]):
        return "past"  # "it had been due to expire Friday": a plan that was, not one that is
    best: tuple[int, str] | None = None
    for tense, pattern in (("future", _cue("future")), ("past", _cue("past"))):
        for match in pattern.finditer(before):
            if tense == "past" and _cue("not_past").search(before, max(0, match.start() - 25), match.start()):
                continue  # "will be held": a passive future
            if tense == "past" and _cue("reporting_verb").fullmatch(match.group()) and "that" in before[match.end() :]:
                continue  # "said that on Friday they will": the date belongs to what was said
            if tense == "past" and match.group().endswith("ed") and _not_a_past_verb(before, match):
                continue  # "on a still unspecified date", "a hundred": no past verb
            if (
                tense == "past"
                and match.group().lower() == "since"
                and _cue("span_since").search(before, max(0, match.start() - 12), match.start())
            ):
                continue  # "to mark 70 years since victory": a span named, no past verb
            distance = len(before) - match.end()
            if best is None or distance < best[0]:
                best = (distance, tense)
        for match in pattern.finditer(after):
            if tense == "future" and _cue("past_verb_of_a_plan").match(match.group()):
                continue  # "on Monday pledged to promote ...": the pledge is the date's, and it is past
            if tense == "past" and _attribution(after, match):
                continue  # "will go ... in early September, the Kremlin said.": the attribution's tense
            distance = match.start() + 20  # what follows counts less than what precedes
            if best is None or distance < best[0]:
                best = (distance, tense)
    return best[1] if best else None


_QUOTED = re.compile(r"“[^“”]*”|\"[^\"]*\"")


def _unquoted(before: str) -> str:
    """The text before a date with each quotation closed before it blanked out: the tense of what
    was said ("agreed "to jointly push for" talks") is not the tense of the clause the date is in."""
    return _QUOTED.sub(lambda match: " " * len(match.group()), before) if ("”" in before or '"' in before) else before


def _attribution(after: str, match: re.Match[str]) -> bool:
    """The past verb closes the sentence as its attribution (", the Kremlin said."), which says
    nothing of the tense of the clause the date is in."""
    return (
        bool(_cue("reporting_verb").fullmatch(match.group()))
        and "," in after[: match.start()]
        and bool(_cue("sentence_close").match(after, match.end()))
    )


def _not_a_past_verb(before: str, match: re.Match[str]) -> bool:
    """An -ed word that is a number or an adjective: "a hundred", "the proposed merger"."""
    return bool(_cue("not_a_verb").match(match.group())) or bool(
        _cue("attributive").search(before, max(0, match.start() - 20), match.start())
    )


def _dateline_tail(head: str, tail: str) -> bool:
    """What follows a dateline's date: a dash, an agency, or after a city in capitals a full stop
    ("BEIJING, December 16. Prime Minister ...")."""
    capitals = head.split(",")[0].strip()
    return bool(_DATELINE_TAIL.match(tail)) or (
        len(capitals) > 2 and capitals.isupper() and bool(_FULL_STOP_TAIL.match(tail))
    )


_FULL_STOP_TAIL = re.compile(r"\.\s+[A-Z]")


def _role(text: str, sentence: Sentence, start: int, end: int) -> str | None:
    """`dateline`, `stamp` or `reporting` for dates that say when a text or a statement was made;
    `baseline` for what a figure is compared with ("up 3 percent over the same period last year")."""
    # Datelines and stamp lines are short: look no further than _LINE_REACH around the date.
    reach = max(0, start - _LINE_REACH)
    line_start = text.rfind("\n", reach, start) + 1 or reach
    line_end = text.find("\n", end, end + _LINE_REACH)
    short = (start - line_start < _LINE_REACH and line_end >= 0) or end + _LINE_REACH >= len(text)
    line = text[line_start : line_end if line_end >= 0 else min(len(text), end + _LINE_REACH)]
    head = text[line_start:start]
    if start - line_start < 70 and _DATELINE_HEAD.match(head) and _dateline_tail(head, text[end : end + 25]):
        return "dateline"
    if _STAMP_LINE.search(line[:40]) or (short and fewer_words(line, 9) and not line.rstrip().endswith(".")):
        return "stamp"
    before = text[max(sentence.start, start - 60) : start]
    if _cue("reporting_before").search(before) or _cue("reporting_after").match(text[end : end + 30]):
        return "reporting"
    if _cue("compared_with").search(before):
        return "baseline"
    return None


def _resolve(
    rule: PatternRule, match: re.Match[str], start: int, end: int, text: str, context: _Context
) -> TemporalExpression | None:
    parts = _read_words({key: value for key, value in match.groupdict().items() if value})
    resolver = _RESOLVERS[rule.kind]
    try:
        result = resolver(parts, context)
        if result is None:
            return None
        result.start, result.end, result.text, result.rule = start, end, text[start:end], rule.id
        if rule.kind in _RANGE_KINDS and (last := _range_end(parts, match, context, result, text)) is not None:
            result.last = last
    except (ValueError, OverflowError):  # "900 decades ago", "tomorrow" of 9999-12-31: outside the calendar
        return None
    qualifier = _qualifier(parts.get("qual"))
    if qualifier and result.qualifier is None and rule.kind in {"month", "year", "decade", "month_day"}:
        result.qualifier = qualifier
        result.mod = MODS[qualifier]
    return result


_RANGE_KINDS = frozenset({"year", "month_day", "weekday"})  # the kinds whose rules read ranges


def _range_end(
    parts: dict[str, str], match: re.Match[str], context: _Context, result: TemporalExpression, text: str
) -> TemporalExpression | None:
    """The range's last part as an expression: "25" of "April 24 and 25", "1997" of "1991 to 1997"."""
    group = next((g for g in ("day2", "weekday2", "year2") if g in parts), None)
    if group is None or result.type != "DATE" or result.date is None:
        return None
    if group == "weekday2":  # read on its own: "statements made Friday and Thursday"
        last = _resolve_weekday({"weekday": parts[group], "rel": parts.get("rel", "")}, context)
    elif result.date_end is not None and result.date_end.precision == result.date.precision:
        last = _blank(str(result.date_end))
        last.date = result.date_end
    else:
        return None
    if last is None:
        return None
    # "July 28" of "July 21 and July 28": the last part opens with its own month when it names one
    opening = match.start("month2") if group == "day2" and "month2" in parts else match.start(group)
    last.start, last.end = context.sentence.start + opening, context.sentence.start + match.end(group)
    last.text = text[last.start : last.end]
    last.rule, last.anchor = result.rule, result.anchor
    return last


def timeml(expressions: list[TemporalExpression]) -> list[TemporalExpression]:
    """The expressions as TimeML marks them: each end of a range on its own."""
    marked: list[TemporalExpression] = []
    for expression in expressions:
        if expression.last is None:
            marked.append(expression)
            continue
        head = _RANGE_LINK.sub("", expression.text[: expression.last.start - expression.start])
        first = {"end": expression.start + len(head), "text": head, "date_end": None, "last": None}
        marked.append(expression.model_copy(update=first))
        marked.append(expression.last)
    return marked


_RANGE_LINK = re.compile(r"\s*(?:-|–|—|\band|\bto|\bthrough)\s*$")


_DECADE_WORDS = ["twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties", "nineties"]
_ORDINALS = [
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh",
    "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth",
    "twentieth", "twenty-first",
]  # fmt: skip


def _read_words(parts: dict[str, str]) -> dict[str, str]:
    """Years and decades written in words ("nineteen ninety-six", "the nineties") as digits."""
    for key in ("yearw", "yearw2", "yearw3"):
        if key in parts:
            parts["year"] = str(_spelled_year(parts.pop(key)))
    if "decadew" in parts:
        parts["decade"] = str(1900 + 10 * (_DECADE_WORDS.index(parts.pop("decadew").lower()) + 2))
    if "qual2" in parts:
        parts["qual"] = parts.pop("qual2")
    return parts


def _spelled_year(text: str) -> int:
    """ "nineteen ninety-six" -> 1996, "nineteen oh five" -> 1905, "two thousand and one" -> 2001."""
    words = re.findall(r"[a-z]+", text.lower())
    if words[:2] == ["two", "thousand"]:
        rest = [w for w in words[2:] if w != "and"]
        return 2000 + sum(NUMBERS[w] for w in rest)
    tail = [w for w in words[1:] if w not in {"oh", "and"}]
    if tail == ["hundred"]:
        return 1900
    return 1900 + sum(NUMBERS[w] for w in tail if w != "hundred")


def _blank(value: str, kind: TimexType = "DATE") -> TemporalExpression:
    return TemporalExpression(start=0, end=0, text="", value=value, type=kind, rule="")


def _qualifier(text: str | None) -> Qualifier | None:
    if not text:
        return None
    for word in re.findall(r"[a-z]+", text.lower()):
        if word in QUALIFIERS:
            return QUALIFIERS[word]
    return None


def _month(text: str) -> int:
    return MONTHS[text.lower().rstrip(".")[:3] if text.lower().startswith("sept") else text.lower().rstrip(".")]


def _day(text: str) -> int:
    return int(re.sub(r"\D", "", text))


def _number(text: str) -> int | None:
    text = text.lower()
    if text.isdigit():
        return int(text)
    return NUMBERS.get(text)


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _narrative_year(context: _Context) -> int | None:
    """The year of a written date just before (its day or month written with its year, in this sentence
    or the one before), when it is earlier than the publication year and the clause tells the past."""
    previous, published = context.previous, context.published
    if previous is None or previous.date is None or published is None or previous.anchor is not None:
        return None
    if previous.date.month is None or previous.date.year >= published.year or context.tense != "past":
        return None
    if previous.start < context.sentence.start - _NARRATIVE_REACH:
        return None
    return previous.date.year


_NARRATIVE_REACH = 200  # characters back from the sentence to the written date that sets its year


def _pick_year(month: int, day: int | None, published: PartialDate, tense: str | None) -> int:
    """The year a month (and day) without one most likely means, given the publication date.

    A future clause or a bare month takes the nearest reading that fits the tense; a past day
    takes the nearest reading, one ahead of the article paying a penalty (past cues are weak).
    """
    if published.month is None:
        return published.year
    if day is None or published.day is None:
        here = published.year * 12 + published.month
        gaps = {year: year * 12 + month - here for year in (published.year - 1, published.year, published.year + 1)}
        penalty = 0
    else:
        reference = published.first_day()
        gaps = {}
        for year in (published.year - 1, published.year, published.year + 1):
            candidate = _safe_date(year, month, day)
            if candidate is not None:
                gaps[year] = (candidate - reference).days
        penalty = 90  # days
        if not gaps:  # "Feb 29" with no leap year within a year of the article
            return published.year
    if tense is None and day is None:
        tense = "past"  # a bare month with no tense cue is, in news, mostly one gone by

    def against(year: int) -> bool:
        gap = gaps[year]
        return (tense == "past" and gap > (7 if day else 0)) or (tense == "future" and gap < (-7 if day else 0))

    if day is None or tense == "future":  # the tense decides, the nearest fitting reading wins
        fitting = [year for year in gaps if not against(year)]
        return min(fitting or gaps, key=lambda year: abs(gaps[year]))
    return min(gaps, key=lambda year: abs(gaps[year]) + (penalty if against(year) else 0))


def _resolve_ymd(parts: dict[str, str], context: _Context) -> TemporalExpression | None:
    when = _safe_date(int(parts["year"]), int(parts["month"]), int(parts["day"]))
    if when is None:
        return None
    result = _blank(when.isoformat())
    result.date = PartialDate.of(when)
    return result


def _resolve_month_day(parts: dict[str, str], context: _Context) -> TemporalExpression | None:
    month, day = _month(parts["month"]), _day(parts["day"])
    year: int | None = int(parts["year"]) if "year" in parts else None
    published = context.published
    narrative = _narrative_year(context)
    if year is None and published is not None and narrative is not None and "rel" not in parts:
        # "launched on Jan 1, 2006. Leaders attended its opening ceremony on March 21": the year told
        year, anchor = narrative, "previous"
    elif year is None and published is not None:
        shift = {"last": -1, "next": 1, "this": 0}.get(parts.get("rel", ""))
        year = published.year + shift if shift is not None else _pick_year(month, day, published, context.tense)
        anchor = "publication"
    elif year is None and context.year_at is not None:
        # no publication date to read it against: "April 26" is of the year the text is at
        year, anchor = context.year_at, "previous"
    else:
        anchor = None
    if year is None:
        result = _blank(f"XXXX-{month:02d}-{day:02d}")
        result.anchor = "publication"
        return result if _safe_date(2000, month, day) else None
    when = _safe_date(year, month, day)
    if when is None:  # "Feb 29" with no leap year near: a date was written, none can be read
        return _blank(f"XXXX-{month:02d}-{day:02d}") if _safe_date(2000, month, day) else None
    result = _blank(when.isoformat())
    result.date, result.anchor = PartialDate.of(when), anchor
    if "day2" in parts:
        month2 = _month(parts["month2"]) if "month2" in parts else month
        # "from December 30 to January 2" runs into the next year
        last = _safe_date(year + (month2 < month), month2, _day(parts["day2"]))
        if last is not None and last > when:
            result.date_end = PartialDate.of(last)
    return result


def _resolve_month_range(parts: dict[str, str], context: _Context) -> TemporalExpression | None:
    """ "January-March" (a part of a year): the span of its months, in the year written, else the
    last such span that has ended by the publication date."""
    first, last = _month(parts["month"]), _month(parts["month2"])
    if last < first:
        return None  # "December-February" crosses a year: left unread rather than guessed
    published = context.published
    anchor = None
    if "year" in parts:
        year = int(parts["year"])
    elif published is None:
        return _blank(f"XXXX-{first:02d}")
    else:
        anchor = "publication"
        if "yrel" in parts:
            year = published.year + {"last": -1, "next": 1}.get(parts["yrel"], 0)
        else:
            year = published.year if published.month is None or last <= published.month else published.year - 1
    result = _blank(f"{year:04d}-{first:02d}")
    result.date, result.date_end, result.anchor = (
        PartialDate(year=year, month=first),
        PartialDate(year=year, month=last),
        anchor,
    )
    return result


def _resolve_month(parts: dict[str, str], context: _Context) -> TemporalExpression | None:
    month = _month(parts.get("month") or parts["month2"])
    published = context.published
    anchor = None
    if "year" in parts:
        year: int | None = int(parts["year"])
    elif published is None:
        year = None
    elif "yrel" in parts:  # "June last year"
        anchor = "publication"
        year = published.year + {"last": -1, "next": 1}.get(parts["yrel"], 0)
    elif parts.get("rel", "").lower() == "that":  # "in 2018 ... that September": the year just named
        previous = context.previous
        if previous is None or previous.date is None or previous.date.decade:
            return None
        anchor, year = f"expression:{previous.start}", previous.date.year
    else:
        anchor = "publication"
        # "last February" written in March is a year back (the month just gone is "last month");
        # "this past February" is the one just gone.
        rel = parts.get("rel", "").lower()
        near = 0 if rel.startswith("this") else 1
        rel = rel.replace("this past", "last").replace("this coming", "next")
        if rel == "last":
            late = published.month is None or month >= published.month - near
            year = published.year - 1 if late else published.year
        elif rel == "next":
            early = published.month is not None and month <= published.month + near
            year = published.year + 1 if early else published.year
        elif rel == "this":
            year = published.year
        else:
            year = _pick_year(month, None, published, context.tense)
    if year is None:
        result = _blank(f"XXXX-{month:02d}")
        result.anchor = "publication"
        return result
    result = _blank(f"{year:04d}-{month:02d}")
    result.date, result.anchor = PartialDate(year=year, month=month), anchor
    return result


def _resolve_year(parts: dict[str, str], context: _Context) -> TemporalExpression | None:
    year = int(parts["year"])
    result = _blank(f"{year:04d}")
    result.date = PartialDate(year=year)
    if "year2" in parts and int(parts["year2"]) > year:
        result.date_end = PartialDate(year=int(parts["year2"]))
    return result


def _resolve_decade(parts: dict[str, str], context: _Context) -> TemporalExpression | None:
    decade = int(parts["decade"])
    result = _blank(f"{decade // 10:03d}X")
    result.date = PartialDate(year=decade, decade=True)
    return result


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def _week_expression(monday: dt.date, days: int = 7, suffix: str = "") -> TemporalExpression:
    iso = monday.isocalendar()
    result = _blank(f"{iso.year:04d}-W{iso.week:02d}{suffix}")
    result.date = PartialDate.of(monday)
    result.date_end = PartialDate.of(monday + dt.timedelta(days=days - 1))
    result.anchor = "publication"
    return result


def _resolve_weekday(parts: dict[str, str], context: _Context) -> TemporalExpression | None:
    target = WEEKDAYS.index(parts["weekday"].lower())
    published = context.published
    if published is None or published.day is None:
        result = _blank("XXXX-XX-XX")
        result.anchor = "publication"
        return result
    today = published.first_day()
    rel = parts.get("rel", "").lower().replace("this past", "last").replace("this coming", "next")
    previous = context.previous
    if rel.startswith("the ") and previous is not None and previous.date is not None and previous.date.day:
        today = previous.date.first_day()  # "from the previous Friday": the one before the day just named
        rel = "last"
    elif rel.startswith("the "):
        rel = "last"
    back = (today.weekday() - target) % 7
    ahead = (target - today.weekday()) % 7
    if rel == "last":
        when = today - dt.timedelta(days=back or 7)
    elif rel == "next":
        when = today + dt.timedelta(days=ahead or 7)
    elif back == 0:
        when = today
    elif context.tense == "future":
        when = today + dt.timedelta(days=ahead)
    else:  # news speaks mostly of days just gone
        when = today - dt.timedelta(days=back)
    # TimeML writes an evening as TEV; annotators leave a morning or a night as the day itself
    result = _blank(when.isoformat() + ("TEV" if parts.get("part") == "evening" else ""))
    result.date, result.anchor = PartialDate.of(when), "publication"
    if "weekday2" in parts:
        span = (WEEKDAYS.index(parts["weekday2"].lower()) - target) % 7
        if span:
            result.date_end = PartialDate.of(when + dt.timedelta(days=span))
    return result


def _resolve_day_beside(parts: dict[str, str], context: _Context) -> TemporalExpression | None:
    """ "the day before last Tuesday": the day named, then counted from."""
    if "weekday2" in parts:
        parts["weekday"] = parts["weekday2"]
    named = _resolve_weekday(parts, context) if "weekday" in parts else _resolve_month_day(parts, context)
    if named is None or named.date is None or named.date.day is None:
        return _blank("XXXX-XX-XX")
    days = {"day": 1, "two days": 2, "three days": 3}[parts["count"]] * (-1 if parts["direction"] == "before" else 1)
    when = named.date.first_day() + dt.timedelta(days=days)
    result = _blank(when.isoformat())
    result.date, result.anchor = PartialDate.of(when), named.anchor
    return result


def _resolve_day_of_month(parts: dict[str, str], context: _Context) -> TemporalExpression | None:
    """ "on the 19th": that day of the publication month, or of the month before when it is still ahead."""
    day, published = int(parts["day"]), context.published
    if published is None or published.day is None or published.month is None:
        result = _blank(f"XXXX-XX-{day:02d}")
        result.anchor = "publication"
        return result
    year, month = (
        (published.year, published.month)
        if day <= published.day
        else _shift_months(published.year, published.month, -1)
    )
    when = _safe_date(year, month, day)
    if when is None:
        return None
    result = _blank(when.isoformat())
    result.date, result.anchor = PartialDate.of(when), "publication"
    return result


def _resolve_week_of(parts: dict[str, str], context: _Context) -> TemporalExpression | None:
    """ "the week of March 6": the week that day falls in."""
    day = _resolve_month_day(parts, context)
    if day is None or day.date is None or day.date.day is None:
        return _blank("XXXX-WXX")
    result = _week_expression(_monday(day.date.first_day()))
    result.anchor = day.anchor
    return result


def _resolve_deictic(parts: dict[str, str], context: _Context) -> TemporalExpression | None:
    word = parts["deictic"].lower()
    shift = {
        "today": 0,
        "tonight": 0,
        "yesterday": -1,
        "tomorrow": 1,
        "the day before yesterday": -2,
        "the day after tomorrow": 2,
    }[word]
    published = context.published
    if published is None or published.day is None:
        result = _blank("PRESENT_REF" if shift == 0 else "XXXX-XX-XX")
        result.anchor = "publication"
        return result
    when = published.first_day() + dt.timedelta(days=shift)
    result = _blank(when.isoformat())
    result.date, result.anchor = PartialDate.of(when), "publication"
    return result


def _shift_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


_NEW_YEAR_AHEAD_FROM = 7  # a month from which "the new year" is the next one
_SHIFTS = {"this": 0, "current": 0, "same": 0, "last": -1, "previous": -1, "latest": -1, "next": 1, "following": 1}


def _resolve_relative(parts: dict[str, str], context: _Context) -> TemporalExpression | None:
    rel = parts["rel"].lower().replace("the ", "")
    unit = parts["unit"].lower()
    if rel == "past" and unit == "year":
        rel = "last"  # TimeML reads "the past year" as last year, a date
    if rel in {"past", "coming"}:
        result = _blank(
            "P1" + {"week": "W", "month": "M", "year": "Y", "quarter": "Q", "weekend": "WE"}[unit], "DURATION"
        )
        return result
    base = context.published
    anchor = "publication"
    if rel in {"previous", "following", "same"} and context.previous is not None and context.previous.date:
        base, anchor = context.previous.date, "previous"
    # "the latest fiscal year" is the last one complete
    delta = _SHIFTS.get(rel, 0)
    if base is None or (rel == "new" and base.month is None):
        return _unanchored(unit)
    if rel == "new":  # "in the new year": the one ahead, or, early in a year, the one just begun
        delta = int(base.month is not None and base.month >= _NEW_YEAR_AHEAD_FROM)
    qualifier = _qualifier(parts.get("qual"))
    if unit == "year":
        result = _blank(f"{base.year + delta:04d}")
        result.date = PartialDate(year=base.year + delta)
    elif unit == "month":
        if base.month is None:
            return _unanchored(unit)
        year, month = _shift_months(base.year, base.month, delta)
        result = _blank(f"{year:04d}-{month:02d}")
        result.date = PartialDate(year=year, month=month)
    elif unit in {"week", "weekend"}:
        if base.day is None:
            return _unanchored(unit)
        monday = _monday(base.first_day()) + dt.timedelta(weeks=delta)
        if unit == "weekend":
            result = _week_expression(monday + dt.timedelta(days=5), 2)
            result.value = _week_expression(monday).value + "-WE"
        else:
            result = _week_expression(monday)
    elif rel == "this" and context.quarter is not None and context.tense != "future":
        result = _quarter(*context.quarter)  # results news: "this quarter's loss" is the quarter reported
    else:  # quarter
        if base.month is None:
            return _unanchored(unit)
        quarter_index = (base.year * 4 + (base.month - 1) // 3) + delta
        year, quarter = quarter_index // 4, quarter_index % 4 + 1
        result = _quarter(year, quarter)
    result.anchor = anchor
    if qualifier:
        result.qualifier, result.mod = qualifier, MODS[qualifier]
    return result


def _unanchored(unit: str) -> TemporalExpression:
    result = _blank({"year": "XXXX", "month": "XXXX-XX", "week": "XXXX-WXX"}.get(unit, "XXXX"))
    result.anchor = "publication"
    return result


def _year(year: int) -> TemporalExpression:
    result = _blank(f"{year:04d}")
    result.date = PartialDate(year=year)
    return result


def _quarter(year: int, quarter: int) -> TemporalExpression:
    result = _blank(f"{year:04d}-Q{quarter}")
    result.date = PartialDate(year=year, month=quarter * 3 - 2)
    result.date_end = PartialDate(year=year, month=quarter * 3)
    return result


def _resolve_ago(parts: dict[str, str], context: _Context) -> TemporalExpression | None:
    count = _number(parts["num"])
    published = context.published
    unit = parts["unit"]
    if count is None:  # "a few days ago", "several years ago": some time back
        return _blank("PAST_REF")
    if published is None:
        return _unanchored(unit)
    if unit in {"year", "decade"}:
        year = published.year - count * (10 if unit == "decade" else 1)
        result = _blank(f"{year:04d}")
        result.date = PartialDate(year=year)
    elif unit == "month" and published.month is not None:
        year, month = _shift_months(published.year, published.month, -count)
        result = _blank(f"{year:04d}-{month:02d}")
        result.date = PartialDate(year=year, month=month)
    elif unit == "week" and published.day is not None:  # "six weeks ago": that week
        result = _week_expression(_monday(published.first_day() - dt.timedelta(weeks=count)))
    elif unit == "day" and published.day is not None:
        when = published.first_day() - dt.timedelta(days=count)
        result = _blank(when.isoformat())
        result.date = PartialDate.of(when)
    else:
        return _unanchored(unit)
    result.anchor = "publication"
    if "approx" in parts:
        result.mod = "APPROX"
    return result


_SEASONS = {"spring": ("SP", 3), "summer": ("SU", 6), "autumn": ("FA", 9), "fall": ("FA", 9), "winter": ("WI", 12)}


def _resolve_season(parts: dict[str, str], context: _Context) -> TemporalExpression | None:
    if "rel" not in parts and "year" not in parts:
        return None  # a bare "spring" is as often a name or a verb ("prices fall") as a season
    season, first_month = _SEASONS[parts["season"].lower()]
    rel = parts.get("rel", "").lower()
    published = context.published
    if "year" in parts:
        year = int(parts["year"])
    elif published is None:
        return _blank(f"XXXX-{season}")
    elif rel in {"the", "the coming", "this past", "this coming"} and published.month is not None:
        # "in the summer", "this past spring": the one nearest the article that fits the tense
        year = published.year
        if rel != "this past" and (context.tense == "future" or rel.endswith("coming")):
            year += 1 if first_month + 2 < published.month else 0
        elif first_month > published.month:
            year -= 1
    else:
        year = published.year + {"last": -1, "next": 1}.get(rel, 0)
    result = _blank(f"{year:04d}-{season}")
    result.date = PartialDate(year=year)
    qualifier = _qualifier(parts.get("qual"))
    if qualifier:
        result.qualifier, result.mod = qualifier, MODS[qualifier]
    return result


def _resolve_century(parts: dict[str, str], context: _Context) -> TemporalExpression | None:
    ordinal = parts["ordinal"].lower()
    number = int(ordinal[:-2]) if ordinal[0].isdigit() else _ORDINALS.index(ordinal) + 1
    return _blank(f"{number - 1:02d}")  # TimeML: the 20th century is "19"


def _easter(year: int) -> dt.date:
    """Western Easter Sunday (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (b - (b + 8) // 25 + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    weekday = (32 + 2 * e + 2 * i - h - k) % 7
    shift = h + weekday - 7 * ((a + 11 * h + 22 * weekday) // 451) + 114
    return dt.date(year, shift // 31, shift % 31 + 1)


def _holiday(name: str, year: int) -> dt.date:
    """The date of a holiday American and British news name without a date."""
    name = name.lower().replace("’", "'")
    if name.startswith("thanksgiving"):  # the fourth Thursday of November
        first = dt.date(year, 11, 1)
        return first + dt.timedelta(days=(3 - first.weekday()) % 7 + 21)
    if name.startswith("election"):  # US: the Tuesday after the first Monday of November
        first = dt.date(year, 11, 2)
        return first + dt.timedelta(days=(1 - first.weekday()) % 7)
    if name.startswith("easter"):
        return _easter(year)
    fixed = {"christmas eve": (12, 24), "christmas": (12, 25), "new year's eve": (12, 31), "independence": (7, 4)}
    for prefix, (month, day) in fixed.items():
        if name.startswith(prefix):
            return dt.date(year, month, day)
    return dt.date(year, 1, 1)  # New Year's Day


def _resolve_holiday(parts: dict[str, str], context: _Context) -> TemporalExpression | None:
    name, published = parts["holiday"], context.published
    lead = dt.timedelta(days=7 if "week" in parts else 0)  # "Easter week" starts a week before Easter
    if "year" in parts:
        year = int(parts["year"])
    elif published is None or published.day is None:
        return _blank("XXXX-XX-XX")
    else:
        rel = parts.get("rel", "")
        today = published.first_day()
        years = [published.year - 1, published.year, published.year + 1]
        if rel == "last" or (not rel and context.tense == "past"):
            year = max(y for y in years if _holiday(name, y) - lead <= today)
        elif rel == "next" or context.tense == "future":
            year = min(y for y in years if _holiday(name, y) >= today)
        else:  # no tense to go by: the nearest
            year = min(years, key=lambda y: abs((_holiday(name, y) - today).days))
    when = _holiday(name, year)
    if lead:  # Holy Week, Monday to Easter Sunday
        return _week_expression(_monday(when))
    result = _blank(when.isoformat())
    result.date, result.anchor = PartialDate.of(when), None if "year" in parts else "publication"
    return result


def _resolve_weekend(parts: dict[str, str], context: _Context) -> TemporalExpression | None:
    """ "over the weekend": the last one in a past clause, the coming one in a future clause."""
    published = context.published
    if published is None or published.day is None:
        return _blank("XXXX-WXX-WE")
    today = published.first_day()
    monday = _monday(today)
    if context.tense == "future":
        monday += dt.timedelta(weeks=1 if today.weekday() == 6 else 0)
    elif today.weekday() < 5:
        monday -= dt.timedelta(weeks=1)
    result = _week_expression(monday + dt.timedelta(days=5), 2)
    result.value = _week_expression(monday).value + "-WE"
    return result


def _resolve_year_end(parts: dict[str, str], context: _Context) -> TemporalExpression | None:
    """ "by year-end" is this year's end; "since year-end", in a past clause, last year's."""
    published = context.published
    if published is None:
        return _blank("XXXX")
    year = published.year - (1 if context.tense == "past" and published.month != 12 else 0)
    result = _blank(f"{year:04d}")
    result.date, result.anchor = PartialDate(year=year), "publication"
    result.qualifier, result.mod = Qualifier.LATE, "END"
    return result


def _year_of(parts: dict[str, str], context: _Context) -> int | None:
    if "year" in parts:
        return int(parts["year"])
    if context.published is None:
        return None
    return context.published.year + {"last": -1, "next": 1}.get(parts.get("rel", ""), 0)


def _resolve_quarter(parts: dict[str, str], context: _Context) -> TemporalExpression | None:
    numbers = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
    published = context.published
    back = 1 if any(key.startswith("ago") for key in parts) else 0  # "the year-ago quarter"
    if "quarter" not in parts:
        return _quarter_in_view(parts, context, back)
    number = numbers[parts["quarter"].lower()]
    if "year2" in parts:
        year: int | None = int(parts["year2"])
    elif "rel2" in parts or "year" in parts or "rel" in parts:
        year = _year_of({"rel": parts.get("rel2", parts.get("rel", "")), **parts}, context)
    elif back and context.quarter is not None:
        year = context.quarter[0]
    else:
        year = _year_of(parts, context)
        ahead = published is not None and published.month is not None and number > (published.month - 1) // 3 + 1
        if year is not None and ahead and not back and context.tense != "future":
            year -= 1  # "profit fell in the fourth quarter" written in January: last year's fourth quarter
    if year is None:
        return _blank(f"XXXX-Q{number}")
    result = _quarter(year - back, number)
    if back:  # a comparison: not the quarter the text is about
        result.anchor = "quarter"
    return result


def _quarter_in_view(parts: dict[str, str], context: _Context, back: int) -> TemporalExpression:
    """ "the quarter", "the latest period": the quarter the text is about, else the last one complete."""
    published = context.published
    if "ended" in parts and published is not None and published.month is not None:
        # "the quarter ended July 31": the three months to July, most of them in the second quarter
        last = _month(parts["ended"])
        ahead = last > published.month and parts["end"] == "ended"  # ended in a month still ahead: last year
        year, middle = _shift_months(published.year - int(ahead), last, -1)
        result = _quarter(year, (middle - 1) // 3 + 1)
        result.anchor = "publication"
        return result
    if context.quarter is not None:
        year, number = context.quarter
    elif published is not None and published.month is not None:
        index = published.year * 4 + (published.month - 1) // 3 - 1
        year, number = index // 4, index % 4 + 1
    else:
        return _blank("XXXX-QX")
    if "year" in parts:  # "the 1988 period"
        year, back = int(parts["year"]), 0
    if context.whole_year and context.quarter is not None and (back or "year" in parts):
        result = _year(year - back)  # "the year-earlier period" of a nine-month figure: that year
    else:
        result = _quarter(year - back, number)
    result.anchor = "quarter" if context.quarter is not None else "publication"
    return result


def _resolve_half(parts: dict[str, str], context: _Context) -> TemporalExpression | None:
    half = 1 if parts["half"] == "first" else 2  # "the second half", "the last half"
    year = _year_of(parts, context)
    if year is None:
        return _blank(f"XXXX-H{half}")
    result = _blank(f"{year:04d}-H{half}")
    # the first half runs from the year's start, as the year itself does: "2026" to June; the second
    # starts in July
    result.date = PartialDate(year=year) if half == 1 else PartialDate(year=year, month=7)
    result.date_end = PartialDate(year=year, month=6 if half == 1 else 12)
    return result


def _precise(date: PartialDate, needed: str | None) -> bool:
    """True when `date` is known to the day (or month) an offset of that unit needs."""
    if needed == "day":
        return date.day is not None
    if needed == "month":
        return date.month is not None
    return not date.decade


def _resolve_offset(parts: dict[str, str], context: _Context) -> TemporalExpression | None:
    unit = parts.get("unit") or parts.get("unit2") or parts.get("unit3") or "day"
    if unit in {"morning", "afternoon", "evening", "night"}:
        unit = "day"  # "the next morning": the day after (annotators leave the part of day out)
    direction = next(
        (parts[k] for k in ("direction", "direction2", "direction3", "direction4") if k in parts), ""
    ).lower()
    sign = -1 if direction in {"before", "earlier", "previous", "preceding"} else 1
    if "eve" in parts:  # "on the eve": the day before
        sign = -1
    elif not direction:  # "earlier in the day", "that day": the day the text is speaking of
        sign = 0
    needed = {"day": "day", "week": "day", "month": "month"}.get(unit)
    previous = context.previous
    if previous is not None and previous.date is not None and _precise(previous.date, needed):
        base, anchor = previous.date, f"expression:{previous.start}"
    elif sign == 0 and unit == "day" and previous is not None and previous.date is not None and previous.date.month:
        # "killed last October ... crossed out that same day": a day of that month, which one unknown
        result = _blank(f"{previous.date}-XX")
        result.date, result.anchor = previous.date, f"expression:{previous.start}"
        return result
    elif context.published is not None and _precise(context.published, needed):
        base, anchor = context.published, "publication"
    else:
        return _unanchored(unit)
    if unit == "day" and base.day is not None:
        when = base.first_day() + dt.timedelta(days=sign)
        result = _blank(when.isoformat())
        result.date = PartialDate.of(when)
    elif unit == "year":
        result = _blank(f"{base.year + sign:04d}")
        result.date = PartialDate(year=base.year + sign)
    elif unit == "month" and base.month is not None:
        year, month = _shift_months(base.year, base.month, sign)
        result = _blank(f"{year:04d}-{month:02d}")
        result.date = PartialDate(year=year, month=month)
    elif unit == "week" and base.day is not None:
        when = base.first_day() + dt.timedelta(weeks=sign)
        result = _blank(when.isoformat())
        result.date = PartialDate.of(when)
    else:
        return _unanchored(unit)
    result.anchor = anchor
    return result


def _resolve_reference(parts: dict[str, str], context: _Context) -> TemporalExpression | None:
    if "current" in parts:  # "the current landscape": present, but too loose to date an event by
        return _blank("PRESENT_REF")
    if "present" in parts:
        result = _blank("PRESENT_REF")
        result.date, result.anchor = context.published, "publication"
        return result
    return _blank("PAST_REF" if "past" in parts else "FUTURE_REF")


_DURATION_LETTERS = {"day": "D", "week": "W", "month": "M", "quarter": "Q", "year": "Y", "hour": "H", "minute": "M"}


def _resolve_vague_duration(parts: dict[str, str], context: _Context) -> TemporalExpression | None:
    """ "for years", "in recent weeks", "for centuries": a duration of no stated length."""
    unit = (parts.get("units") or parts["units2"]).lower()
    letter = {"decades": "DE", "centuries": "CE"}.get(unit) or _DURATION_LETTERS[unit[:-1]]
    return _blank(f"PX{letter}", "DURATION")


def _resolve_duration(parts: dict[str, str], context: _Context) -> TemporalExpression | None:
    unit = (parts.get("unit") or parts.get("unit2") or "year").lower()
    number = parts.get("num", "1").lower()
    count = 2 if number == "a couple of" else _number(number)
    letter = _DURATION_LETTERS.get(unit, "Y")
    if unit == "decade":
        count = count * 10 if count else None
    if unit == "century":
        count = count * 100 if count else None
    time = "T" if unit in {"hour", "minute"} else ""  # P5M is five months, PT5M five minutes
    result = _blank(f"P{time}{count if count is not None else 'X'}{letter}", "DURATION")
    if "approx" in parts:
        result.mod = "APPROX"
    return result


def _resolve_time(parts: dict[str, str], context: _Context) -> TemporalExpression | None:
    published = context.published
    day = published.as_date() if published is not None else None
    prefix = day.isoformat() if day else "XXXX-XX-XX"
    if "part" in parts:
        return _blank(prefix + "T" + {"morning": "MO", "afternoon": "AF", "evening": "EV"}[parts["part"]], "TIME")
    return _blank(f"{prefix}T{_clock(parts)}", "TIME")


def _clock(parts: dict[str, str]) -> str:
    """ "10:30", "4 p.m.", "noon" as TimeML's hh:mm."""
    if "noon" in parts:
        return "12:00" if parts["noon"] == "noon" else "24:00"
    hour = int(parts.get("hour") or parts.get("hour2") or 0)
    minute = int(parts.get("minute") or parts.get("minute2") or "0")
    ampm = (parts.get("ampm") or parts.get("ampm2") or "").lower().replace(".", "")
    if ampm == "pm" and hour < 12:
        hour += 12
    if ampm == "am" and hour == 12:
        hour = 0
    return f"{hour:02d}:{minute:02d}"


def _resolve_day_part(parts: dict[str, str], context: _Context) -> TemporalExpression | None:
    """ "this morning", "last night", "yesterday afternoon": a part of a day near publication."""
    published = context.published
    part = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}[parts.get("part") or parts["part2"]]
    if published is None or published.day is None:
        return _blank(f"XXXX-XX-XXT{part}", "TIME")
    rel = (parts.get("rel") or parts["rel2"]).lower()
    shift = {"last": -1, "yesterday": -1, "tomorrow": 1}.get(rel, 0)
    day = published.first_day() + dt.timedelta(days=shift)
    result = _blank(f"{day.isoformat()}T{part}", "TIME")
    result.anchor = "publication"
    return result


def _resolve_clock_day(parts: dict[str, str], context: _Context) -> TemporalExpression | None:
    """A clock time with its day: the day read as alone, the time added to it."""
    day = _resolve_weekday(parts, context) if "weekday" in parts else _resolve_month_day(parts, context)
    if day is None:
        return None
    result = _blank(f"{day.value}T{_clock(parts)}", "TIME")
    result.anchor = day.anchor
    return result


def _resolve_set(parts: dict[str, str], context: _Context) -> TemporalExpression | None:
    if "weekday" in parts:  # "every Monday": TimeML's weekly day
        return _blank(f"XXXX-WXX-{WEEKDAYS.index(parts['weekday'].lower()) + 1}", "SET")
    unit = (
        parts.get("unit")
        or parts.get("unit2")
        or {"annually": "year", "yearly": "year", "monthly": "month", "weekly": "week", "daily": "day"}[
            parts["adverb"].lower()
        ]
    )
    letter = {"day": "D", "week": "W", "month": "M", "year": "Y"}.get(unit, "Y")
    return _blank(f"P1{letter}", "SET")


_RESOLVERS = {
    "month_range": _resolve_month_range,
    "ymd": _resolve_ymd,
    "month_day": _resolve_month_day,
    "month": _resolve_month,
    "year": _resolve_year,
    "decade": _resolve_decade,
    "weekday": _resolve_weekday,
    "week_of": _resolve_week_of,
    "day_beside": _resolve_day_beside,
    "day_of_month": _resolve_day_of_month,
    "deictic": _resolve_deictic,
    "relative": _resolve_relative,
    "ago": _resolve_ago,
    "season": _resolve_season,
    "century": _resolve_century,
    "holiday": _resolve_holiday,
    "weekend": _resolve_weekend,
    "year_end": _resolve_year_end,
    "quarter": _resolve_quarter,
    "half": _resolve_half,
    "offset": _resolve_offset,
    "reference": _resolve_reference,
    "duration": _resolve_duration,
    "vague_duration": _resolve_vague_duration,
    "time": _resolve_time,
    "clock_day": _resolve_clock_day,
    "day_part": _resolve_day_part,
    "set": _resolve_set,
}


def parse_date_option(text: str) -> PartialDate:
    """Read a user-given date: `2019`, `2019-06`, `2019-06-05`, `June 2019`, `5 June 2019`.

    Our own patterns first; dateparser for the long tail of spellings, with no guessing of
    missing parts (a missing day stays missing).
    """
    text = text.strip()
    try:
        return PartialDate.parse(text)
    except ValueError:
        pass
    for expression in find(text):
        if expression.date is not None and expression.start == 0 and expression.end == len(text):
            return expression.date
    return _dateparser_fallback(text)


def _dateparser_fallback(text: str) -> PartialDate:
    import dateparser  # imported here: it is slow to load and only the long tail needs it

    if not re.search(r"\d{4}", text):  # a relative phrase would be read against today: refuse it
        raise ValueError(f"not a date: {text!r}")

    settings = {"PREFER_DAY_OF_MONTH": "first", "RETURN_TIME_AS_PERIOD": False, "STRICT_PARSING": False}
    parsed = dateparser.parse(text, languages=["en"], settings=settings)
    if parsed is None:
        raise ValueError(f"not a date: {text!r}")
    has_day = bool(re.search(r"\b\d{1,2}(?:st|nd|rd|th)?\b(?!\d)", re.sub(r"\b\d{4}\b", "", text)))
    has_month = has_day or bool(re.search(r"[A-Za-z]{3,}", text)) or bool(re.search(r"\d[-/.]\d", text))
    if has_day:
        return PartialDate(year=parsed.year, month=parsed.month, day=parsed.day)
    if has_month:
        return PartialDate(year=parsed.year, month=parsed.month)
    return PartialDate(year=parsed.year)
