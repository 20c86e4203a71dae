"""Choosing the date of a trigger from the dates of its sentence: candidates scored by named features.

Every date of the sentence is a candidate. Vetoes rule a candidate out (it sits in an aside the
trigger is not in, it bounds a period, another event stands between); features add to its cost
(the text between, the clause breaks crossed, a date that says when something was said). The
cheapest candidate within reach dates the trigger, and its features write the resolution. Which
vetoes apply, the weights and the reach live in `resources/en/anchoring.toml`, validated at load
against the features and vetoes defined here.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, cached_property

from .clauses import clauses_apart, look_apart
from .dates import TemporalExpression
from .dating import DATING_ROLES, Candidate, apply, cue, day_before, told_within
from .models import EventType, PartialDate, family
from .scoring import Model, parse_model, stage_table
from .text import fewer_words

# Summits and forums are named as places of other events ("met on the sidelines of the forum on
# Tuesday"): they do not stand between an event and its date.
_GATHERINGS = {EventType.SUMMIT, EventType.FORUM}


class Setting:
    """One candidate date of a trigger's sentence, with what the features and vetoes read."""

    def __init__(
        self,
        candidate: Candidate,
        expression: TemporalExpression,
        siblings: list[Candidate],
        future: bool,
        referring: bool,
        told_before: bool = False,
        reference: PartialDate | None = None,
    ) -> None:
        self.candidate, self.expression, self.siblings = candidate, expression, siblings
        self.reference = reference  # the publication date
        self.told_before = told_before  # an event of the trigger's kind is reported earlier in the article
        self.future = future  # a plan or a forecast is told around the trigger
        self.referring = referring  # the trigger is the event "during the talks, ..." refers back to
        offset = candidate.sentence.start
        self.text = candidate.sentence.text
        self.trigger = candidate.start - offset  # offsets within the sentence
        self.start, self.end = expression.start - offset, expression.end - offset
        self.after = expression.end > candidate.start  # the date comes after the trigger
        self.own_end = candidate.end - offset  # where the trigger's words end
        # the trigger's end nearest the date: "this agreement, which Putin signed ... in 2001" spans
        # a clause boundary, and its verb is in the date's clause
        self.near = self.own_end - 1 if self.after else self.trigger

    @cached_property
    def between(self) -> str:
        """The text between the trigger and the date."""
        if not self.after:
            return self.text[self.end : self.trigger]
        return self.text[self.own_end : self.start]

    @cached_property
    def standing(self) -> list[Candidate]:
        """Events of another family whose triggers stand between the trigger and the date."""
        low, high = sorted((self.expression.start, self.candidate.start))
        kind = family(self.candidate.kind)
        return [s for s in self.siblings if low < s.start < high and family(s.kind) != kind]


def _document_date(s: Setting) -> bool:
    return s.expression.role in DATING_ROLES


def _event_between(s: Setting) -> bool:
    """Another kind of event stands between ("after he became president last week"), unless the date
    opens the sentence and so frames all it tells ("In February, they declared ... during his visit")."""
    return not _fronted(s) and any(other.kind not in _GATHERINGS for other in s.standing)


def _fronted(s: Setting) -> bool:
    """The date opens the sentence as an adverbial set off by a comma: "In February, ..."."""
    return bool(cue("fronted_date").match(s.text[: s.start])) and s.text.startswith(",", s.end)


def _later_event_of_its_own(s: Setting) -> bool:
    return s.after and any(told_within(s.candidate, other) for other in s.standing)


def _aside(s: Setting) -> bool:
    """The date sits in a clause set off by commas (", who took office this month,") or in a
    parenthesis of its own words that does not hold the trigger; "on Tuesday (March 21)" is no aside."""
    text, start, end, trigger = s.text, s.start, s.end, s.trigger
    clause = cue("relative_clause").search(text, 0, start)
    # "this agreement, which Putin signed in 2001": the trigger runs into the clause, which tells it;
    # so does a clause of when it takes place ("the meeting of the premiers, which will be held on
    # Monday"), but "a statement, which was published on Friday" tells another happening
    describes = clause is not None and (trigger <= clause.start() < s.own_end or _told_by_a_which_clause(s))
    if clause is not None and not describes:
        closing = text.find(",", end)
        closing = closing if closing > 0 else len(text)  # ", which was published on Friday."
        if not clause.start() < trigger < closing:
            return True
    opening = text.rfind("(", 0, start)
    if opening < 0 or ")" in text[opening:start]:
        return False
    closing = text.find(")", end)
    if closing < 0 or "(" in text[end:closing] or opening < trigger < closing:
        return False
    return not fewer_words(text[opening + 1 : start] + " " + text[end:closing], 4)


def _told_by_a_which_clause(s: Setting) -> bool:
    """ "the meeting of the heads of government of the two countries, which will be held on Monday":
    only the trigger's complement stands before the clause the date is in, which tells the trigger."""
    return s.after and bool(cue("complement_then_which").pattern.fullmatch(s.text, s.own_end, s.start))


def _reported_before(s: Setting) -> bool:
    """ "During their talks, they reviewed ties in the past year": the talks are already reported."""
    if not s.referring or _told_by_a_which_clause(s):
        return False
    during = cue("during").search(s.text)
    return during is not None and "," in s.text[during.end() : max(during.end(), s.start)]


def _opens_a_name(s: Setting) -> bool:
    """The date opens a proper name in a clause after the trigger's ("announced the end of the
    2022-2023 China-Russia Sports Exchange Year"); "met before the 2022 Winter Olympics" keeps it."""
    text, start, trigger = s.text, s.start, s.trigger
    if start < trigger or "," not in text[trigger:start]:
        return False  # "Putin, in Beijing for the 2022 Winter Olympics, held talks": the year is his stay's
    if not cue("name_opening").search(text, max(0, start - 8), start):
        return False
    name = cue("name_after").match(text, s.end)
    # "the 2018 SCO summit": the trigger is the name's head noun, and the date is its own
    return name is not None and not s.end <= trigger <= name.end() + 1


def _names_what_is_acted_on(s: Setting) -> bool:
    """ "announced the extension of the 2001 Good-Neighbourliness Treaty on Monday": the year is the
    treaty's, the thing extended, renewed or carried out, and not the day it was."""
    if not s.expression.text.isdigit() or not cue("acted_on").search(s.text, max(0, s.start - 40), s.start):
        return False
    return cue("name_after").match(s.text, s.end) is not None or s.text[s.end : s.end + 1] == " "


def _closes_a_name(s: Setting) -> bool:
    """ "the Vostok 2022 drills that started on Thursday", "Expo 2020": a year after a name is part of it."""
    return s.expression.text.isdigit() and bool(cue("name_before_year").search(s.text, max(0, s.start - 30), s.start))


def _comparison_baseline(s: Setting) -> bool:
    """ "up 3.4 percent over the same period last year": the date of what a figure is compared with."""
    return s.expression.role == "baseline"


def _in_an_opening_clause(s: Setting) -> bool:
    """ "Stepping into office last month, Wei revealed the purpose of his trip": a date in an opening
    clause of its own (a participle or a subordinator, up to the comma) dates that clause."""
    return not s.after and "," in s.text[s.end : s.trigger] and bool(cue("opening_clause").match(s.text[: s.start]))


def _in_a_purpose(s: Setting) -> bool:
    """ "exchanged messages to celebrate the new year of 2007": a date after an infinitive of purpose
    is of the purpose."""
    return s.after and bool(cue("purpose").search(s.between))


def _marks_an_anniversary(s: Setting) -> bool:
    """ "this year marks the 75th anniversary": the year belongs to the anniversary."""
    return s.candidate.kind != EventType.ANNIVERSARY and bool(cue("marks").match(s.text[s.end :]))


def _starts_a_period(s: Setting) -> bool:
    """ "his first trip since becoming premier in March": March starts a period, not the trip."""
    return s.after and bool(cue("since_period").search(s.between))


def _bounds_a_period(s: Setting) -> bool:
    """ "since 2013", "until 2030" date a state of affairs or a plan, not an event."""
    return bool(cue("since_before").search(s.text[max(0, s.start - 40) : s.start]))


def _ahead_of_a_perfect(s: Setting) -> bool:
    """ "have just signed an agreement on gas supplies in December 2019", reported in 2017: what a
    perfect tells as done cannot be dated after the report; the date is of something it names."""
    date, reference = s.expression.date, s.reference
    if date is None or reference is None or date.first_day() <= reference.last_day():
        return False
    return bool(cue("news_perfect").search(s.text, max(0, s.trigger - 25), s.trigger))


VETOES: dict[str, Callable[[Setting], bool]] = {
    "document_date": _document_date,
    "event_between": _event_between,
    "later_event_of_its_own": _later_event_of_its_own,
    "aside": _aside,
    "reported_before": _reported_before,
    "opens_a_name": _opens_a_name,
    "names_what_is_acted_on": _names_what_is_acted_on,
    "marks_an_anniversary": _marks_an_anniversary,
    "closes_a_name": _closes_a_name,
    "comparison_baseline": _comparison_baseline,
    "in_an_opening_clause": _in_an_opening_clause,
    "in_a_purpose": _in_a_purpose,
    "starts_a_period": _starts_a_period,
    "bounds_a_period": _bounds_a_period,
    "ahead_of_a_perfect": _ahead_of_a_perfect,
}


def _refers_back(s: Setting) -> float:
    """ "Talking about the foreign minister's visit, ... this year": a definite mention of a kind of
    event reported before refers to it; only a date close by dates it anew."""
    local = s.trigger
    return float(s.told_before and bool(cue("definite").search(s.text[max(0, local - 40) : local])))


def _clauses_between(s: Setting) -> float:
    return clauses_apart(s.text, s.near, s.start)


def _tenses_disagree(s: Setting) -> float:
    """ "arrived on Tuesday while Xi was set to arrive Wednesday": a clause that looks ahead does not
    take its date from one that looks back, nor the other way round."""
    return float(look_apart(s.text, s.near, s.start))


def _of_the_conjunct_before(s: Setting) -> float:
    """ "talks set for September 2 and the celebrations on September 3": a date just before "and the"
    closes the conjunct before the trigger, and is that conjunct's."""
    return float(not s.after and bool(cue("conjunct_opening").pattern.fullmatch(s.between)))


FEATURES: dict[str, Callable[[Setting], float]] = {
    "of_the_conjunct_before": _of_the_conjunct_before,
    "clauses_between": _clauses_between,
    "tenses_disagree": _tenses_disagree,
    "refers_back": _refers_back,
    "characters": lambda s: len(s.between),
    "statement_date": lambda s: float(s.expression.role == "reporting"),
    "time_of_writing": lambda s: float(s.expression.value == "PRESENT_REF"),
}

# How each feature reads in a resolution, with its count.
_SAYS = {
    "characters": "{:g} characters away",
    "clauses_between": "in a clause {:g} away",
    "tenses_disagree": "a clause of another tense",
    "statement_date": "the date of a statement",
    "time_of_writing": "the time of writing",
    "refers_back": "a mention of an event told before",
    "of_the_conjunct_before": "closing the conjunct before",
}


@cache
def model() -> Model:
    """The model that picks a date of the trigger's own sentence."""
    return parse_model(stage_table("sentence"), FEATURES, VETOES, "anchoring.toml [sentence]")


@dataclass
class Choice:
    """A candidate date that passed every veto, with its cost and the features that made it."""

    expression: TemporalExpression
    cost: float
    features: dict[str, float]

    def features_said(self) -> str:
        return ", ".join(_SAYS[name].format(value) for name, value in self.features.items() if value)


def explanation(best: Choice, runner_up: Choice | None) -> str:
    """Why the date won, in the words of its features, and over which other date."""
    said = best.features_said()
    why = "the date of its sentence that fits best" + (f" ({said})" if said else "")
    if runner_up is not None:
        why += f", over {runner_up.expression.text!r} ({runner_up.features_said() or 'as near'})"
    return why


def score(setting: Setting, weights: Model) -> Choice | str:
    """The candidate with its cost, or why it is ruled out (a veto's name, or "beyond reach")."""
    vetoed = next((name for name in weights.vetoes if VETOES[name](setting)), None)
    if vetoed is not None:
        return vetoed
    features = {name: FEATURES[name](setting) for name in weights.weights}
    cost = sum(weights.weights[name] * value for name, value in features.items())
    return Choice(setting.expression, cost, features) if cost <= weights.reach else "beyond reach"


def _weighed(expression: TemporalExpression, choice: Choice | str) -> tuple[str, str]:
    what = f"{expression.text!r} in its sentence"
    if isinstance(choice, str):
        return what, f"ruled out: {choice}"
    return what, f"cost {choice.cost:g} ({choice.features_said() or 'no features'})"


def date_from_sentence(
    candidate: Candidate,
    inside: list[TemporalExpression],
    siblings: list[Candidate],
    told_before: bool = False,
    reference: PartialDate | None = None,
) -> None:
    """Date the trigger by the cheapest date of its sentence that no veto rules out; `told_before`:
    an event of its kind is reported earlier in the article."""
    weights = model()
    text, local = candidate.sentence.text, candidate.start - candidate.sentence.start
    future = bool(cue("modal").search(text[max(0, local - 70) : candidate.end - candidate.sentence.start + 40]))
    referring = cue("during").search(text)
    # the trigger is the event "during their talks, ..." refers back to
    refers = referring is not None and referring.start() <= local < referring.end()
    choices = []
    for expression in inside:
        if expression.type != "DATE" or expression.date is None:
            continue
        choice = score(Setting(candidate, expression, siblings, future, refers, told_before, reference), weights)
        candidate.considered.append(functools.partial(_weighed, expression, choice))
        if not isinstance(choice, str):
            choices.append(choice)
    if not choices:
        return
    best, *others = sorted(choices, key=lambda c: c.cost)  # stable: of equal costs, the first written
    clause = best.expression.clause_date is not None and best.expression.end <= candidate.start
    apply(candidate, best.expression, "text", clause=clause)
    candidate.resolution = f"{candidate.resolution}; {explanation(best, others[0] if others else None)}"
    if best.expression.start > candidate.end:
        day_before(
            candidate, text[candidate.end - candidate.sentence.start : best.expression.start - candidate.sentence.start]
        )
