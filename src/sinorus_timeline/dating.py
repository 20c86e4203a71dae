"""Dating a trigger: by the dates of its sentence, by reference data, or by what it refers to.

Each function takes a `Candidate` (an event being built) and, when it finds a date, sets the date,
how it was found (`dated_by`) and a one-line `resolution` a user can check.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cache, lru_cache

from . import gazetteer, knowledge
from .dates import TemporalExpression
from .models import EventType, PartialDate, Qualifier, Status, family
from .rules import CuePattern, PatternRule, load_cues
from .text import Sentence, fewer_words

DATING_ROLES = {"dateline", "stamp"}
MAX_REACH = 220  # characters (commas weigh more) beyond which a date belongs to another clause
# Events that take place somewhere over some days: an undated one beside them shares their date.
HAPPENINGS = {EventType.SUMMIT, EventType.FORUM, EventType.VISIT, EventType.MEETING, EventType.CALL}
# Summits and forums are named as places of other events ("met on the sidelines of the forum on
# Tuesday"): they do not stand between an event and its date.
_GATHERINGS = {EventType.SUMMIT, EventType.FORUM}
_WHEN_FAMILIES = {
    "visit": EventType.VISIT,
    "trip": EventType.VISIT,
    "stay": EventType.VISIT,
    "talks": EventType.MEETING,
    "meeting": EventType.MEETING,
    "summit": EventType.SUMMIT,
    "forum": EventType.FORUM,
    "call": EventType.CALL,
    "conversation": EventType.CALL,
}


@cache  # asked for a hundred times an article
def cue(name: str) -> CuePattern:
    """A pattern of `resources/cues.toml`."""
    return load_cues("cues.toml")[name]


@dataclass
class Candidate:
    """An event being built from one trigger in one sentence."""

    kind: EventType
    rule: PatternRule
    sentence: Sentence
    start: int
    end: int
    date: PartialDate | None = None
    date_end: PartialDate | None = None
    qualifier: Qualifier | None = None
    date_text: str | None = None
    resolution: str | None = None
    dated_by: str | None = None
    status: Status = Status.HAPPENED
    participants: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    key: str | None = None
    label: str | None = None
    count: int | None = None
    count_since: str | None = None
    count_qualifier: str | None = None
    value: str | None = None
    confidence: float = 0.5
    anchor_free: bool = False
    # The first day the reference data gives for the edition named, when the text's coarser date is kept
    known_start: dt.date | None = None


def apply(candidate: Candidate, expression: TemporalExpression, how: str, clause: bool = False) -> None:
    candidate.date = expression.clause_date if clause else expression.date
    candidate.date_end = None if clause else expression.date_end
    candidate.qualifier = expression.qualifier
    candidate.date_text = expression.text
    candidate.dated_by = how
    candidate.anchor_free = expression.anchor is None
    anchor = {None: "as written", "publication": "against the publication date"}.get(
        expression.anchor, "against the date before it"
    )
    candidate.resolution = f"{expression.text!r} resolved {anchor}" + (" (the clause it introduces)" if clause else "")


def date_from_sentence(candidate: Candidate, inside: list[TemporalExpression], siblings: list[Candidate]) -> None:
    """The nearest date of the trigger's clause; statements' dates ("said on Monday") count less,
    and a date is not reached across another kind of event that stands between."""
    text = candidate.sentence.text
    best: tuple[float, TemporalExpression, bool] | None = None
    future = bool(
        cue("modal").search(
            text[
                max(0, candidate.start - candidate.sentence.start - 70) : candidate.end - candidate.sentence.start + 40
            ]
        )
    )
    offset = candidate.sentence.start
    local = candidate.start - offset
    referring = cue("during").search(text)
    if referring is not None and not referring.start() <= local < referring.end():
        referring = None  # the trigger is not the event "during ..." refers back to
    for expression in inside:
        if expression.type != "DATE" or expression.date is None or expression.role in DATING_ROLES:
            continue
        if expression.role == "reporting" and future:
            continue  # "will meet ..., an adviser said on Wednesday": Wednesday dates the statement
        low, high = sorted((expression.start, candidate.start))
        standing = [s for s in siblings if low < s.start < high and family(s.kind) != family(candidate.kind)]
        if any(s.kind not in _GATHERINGS for s in standing):
            continue  # another event stands between ("after he became president last week")
        if expression.start > candidate.start and any(_told_within(candidate, s) for s in standing):
            continue  # "a visit that will see him attend the forum later this week": the forum's date
        if _in_aside(text, expression.start - offset, expression.end - offset, local):
            continue  # "(initial talks began back in the 1990s)": an aside's date stays in the aside
        if referring is not None and "," in text[referring.end() : max(referring.end(), expression.start - offset)]:
            continue  # "During their talks, they reviewed ties in the past year": the talks already reported
        if _in_name(text, expression.start - offset, expression.end - offset, local):
            continue  # "announced the end of the 2022-2023 Sports Exchange Year": part of a name
        after = text[expression.end - candidate.sentence.start :]
        if candidate.kind != EventType.ANNIVERSARY and cue("marks").match(after):
            continue  # "this year marks the 75th anniversary": the year belongs to the anniversary
        clause = expression.clause_date is not None and expression.end <= candidate.start
        if expression.end <= candidate.start:
            between = text[expression.end - candidate.sentence.start : candidate.start - candidate.sentence.start]
        else:
            between = text[candidate.end - candidate.sentence.start : expression.start - candidate.sentence.start]
        if expression.end > candidate.start and cue("since_period").search(between):
            continue  # "his first trip since becoming premier in March": March starts a period, not the trip
        score = len(between) + 25 * between.count(",") + 60 * between.count(";")
        score += 60 * (expression.role == "reporting") + 50 * (expression.value == "PRESENT_REF")
        if cue("since_before").search(
            text[max(0, expression.start - candidate.sentence.start - 12) : expression.start - candidate.sentence.start]
        ):
            continue  # "since 2013" dates a state of affairs, not an event
        if score <= MAX_REACH and (best is None or score < best[0]):
            best = (score, expression, clause)
    if best is not None:
        apply(candidate, best[1], "text", clause=best[2])


def _in_name(text: str, start: int, end: int, trigger: int) -> bool:
    """The date opens a proper name ("the 2022-2023 China-Russia Sports Exchange Year") in a clause
    after the trigger's: it dates the thing named, not the event ("met before the 2022 Winter
    Olympics" keeps its year)."""
    if start < trigger or "," not in text[trigger:start]:
        return False  # "Putin, in Beijing for the 2022 Winter Olympics, held talks": the year is his stay's
    if not cue("name_opening").search(text, max(0, start - 8), start):
        return False
    name = cue("name_after").match(text, end)
    # "the 2018 SCO summit": the trigger is the name's head noun, and the date is its own
    return name is not None and not end <= trigger <= name.end() + 1


def _told_within(candidate: Candidate, other: Candidate) -> bool:
    """`other` comes later, in a clause of its own about what is ahead ("a visit that will see him
    attend the forum"): its date is not the candidate's."""
    if other.start <= candidate.end:
        return False
    offset = candidate.sentence.start
    clause = cue("relative").search(candidate.sentence.text, candidate.end - offset, other.start - offset)
    # only a clause that looks ahead ("that will see him attend"): "a statement that deepens their
    # partnership during talks on Thursday" is dated by the talks
    return clause is not None and bool(cue("modal").search(candidate.sentence.text, clause.end(), other.start - offset))


def _in_aside(text: str, start: int, end: int, trigger: int) -> bool:
    """The date [start, end) sits in a parenthesis of its own words, or in a clause set off by commas
    (", who took office this month,"), that does not hold the trigger; a bare date in brackets
    ("on Tuesday (March 21)") is no aside."""
    clause = cue("relative_clause").search(text, 0, start)
    if clause is not None:
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


def date_from_series(candidate: Candidate, inside: list[TemporalExpression], reference: PartialDate | None) -> None:
    """Name the edition of a recurring event and, when the sentence gives no date, take its dates."""
    if candidate.kind not in {
        EventType.SUMMIT,
        EventType.FORUM,
        EventType.ANNIVERSARY,
        EventType.MEETING,
        EventType.VISIT,
    }:
        return
    text = candidate.sentence.text
    mentions = knowledge.series_in(text)
    local = candidate.start - candidate.sentence.start
    if candidate.kind in {EventType.ANNIVERSARY}:
        mentions = [(s, m) for s, m in mentions if s.kind == "anniversary"]
    if not mentions:
        date_from_city(candidate, reference)
        return
    series, match = min(mentions, key=lambda pair: abs(pair[1].start() - local))
    number = knowledge.ordinal_before(text, match.start()) or knowledge.consecutive_ordinal(text)
    place = next((p.name for p in gazetteer.find_places(text[match.end() : match.end() + 40])), None)
    host = cue("host_before").search(text[max(0, match.start() - 50) : match.start()])
    if place is None and host:  # "Putin's 2018 visit to Qingdao for the SCO summit"
        place = next((p.name for p in gazetteer.find_places(f"in {host.group('city')}")), None)
    year = candidate.date.year if candidate.date is not None and candidate.date.precision != "decade" else None
    future = bool(cue("modal").search(text))
    edition = knowledge.find_edition(
        [series.id], number=number, city=place, year=year, reference=reference, future=future
    )
    if edition is None:
        if candidate.kind in {EventType.SUMMIT, EventType.FORUM}:
            candidate.label = series.name
        return
    use_edition(candidate, edition, series.name)


def use_edition(candidate: Candidate, edition: knowledge.Edition, series_name: str) -> None:
    candidate.key = edition.key
    candidate.places = gazetteer.unique([*candidate.places, edition.city])
    if candidate.kind in {EventType.SUMMIT, EventType.FORUM}:
        candidate.label = edition.label(series_name)
    start, end = _day(edition.start), _day(edition.end)
    if candidate.date is not None:
        first = candidate.date.first_day()
        last = (candidate.date_end or candidate.date).last_day()
        if not (first <= edition.end and edition.start <= last):
            candidate.confidence -= 0.2  # the text and the reference data disagree: keep the text's date
            return
        wider = candidate.date_end is not None and (last - first) > (edition.end - edition.start)
        if not (wider and first <= edition.start and edition.end <= last):
            candidate.known_start = edition.start  # tells whether "this year's forum" is still ahead
            return  # a month or a day as written stays; only a written span ("this week") is narrowed
        written = candidate.date_text  # "this week" holds the summit: the reference data says which days
        candidate.resolution = f"{written!r} holds the {edition.label(series_name)}, {edition.start} to {edition.end}"
        candidate.date, candidate.date_end = start, end if end != start else None
        candidate.dated_by = "reference"
        return
    candidate.date, candidate.date_end = start, end if end != start else None
    candidate.dated_by = "reference"
    candidate.resolution = f"reference data: {edition.label(series_name)}, {edition.start} to {edition.end}"


@lru_cache(maxsize=512)
def _day(day: dt.date) -> PartialDate:
    """A reference day as a (frozen, so shareable) partial date: editions are named again and again."""
    return PartialDate.of(day)


def date_from_city(candidate: Candidate, reference: PartialDate | None) -> None:
    """ "a regional summit in Dushanbe": the summit held there nearest before (or after) the article."""
    if candidate.kind != EventType.SUMMIT or candidate.date is not None or reference is None:
        return
    text = candidate.sentence.text
    cities = [p.name for p in gazetteer.find_places(text) if p.kind == "city"]
    summits = [s.id for s in knowledge.all_series() if s.kind == "summit"]
    for city in cities:
        edition = knowledge.find_edition(
            summits, city=city, reference=reference, future=bool(cue("modal").search(text))
        )
        if edition is not None and abs(edition.start.year - reference.year) <= 1:
            use_edition(candidate, edition, knowledge.series_by_id(edition.series).name)
            candidate.confidence -= 0.1
            return


def date_from_elections(candidate: Candidate, people: list[gazetteer.Mention], reference: PartialDate | None) -> None:
    """ "since they were re-elected": the latest election each named leader won before the article."""
    if candidate.kind != EventType.ELECTION or candidate.date is not None or reference is None:
        return
    local = candidate.start - candidate.sentence.start
    trigger = candidate.sentence.text[local : local + candidate.end - candidate.start]
    if not re.search(r"elect|vote|won", trigger, re.I):
        return  # an inauguration or a taking of office is not the election day
    won = [gazetteer.last_election(p.name, reference.last_day()) for p in people]
    days = sorted({day for day in won if day is not None and day.year >= reference.year - 1})
    if not days:
        return
    months = {(day.year, day.month) for day in days}
    if len(months) == 1:
        year, month = months.pop()
        candidate.date = PartialDate.of(days[0]) if len(days) == 1 else PartialDate(year=year, month=month)
    else:
        candidate.date = PartialDate(year=days[-1].year)
    candidate.dated_by = "reference"
    candidate.resolution = "reference data: the latest election won before the article, " + ", ".join(map(str, days))


_CLAUSE_END = re.compile(r"[;.]|,\s+(?:but|while|and)\b")


def status(candidate: Candidate, reference: PartialDate | None) -> Status:
    """Cancelled, planned (a plan, a hope, or a date after publication) or happened."""
    text = candidate.sentence.text
    local = candidate.start - candidate.sentence.start
    rest = text[candidate.end - candidate.sentence.start :]
    clause_end = _CLAUSE_END.search(rest)
    after = rest[: clause_end.start() if clause_end else 60]
    if cue("cancelled").search(text[max(0, local - 60) : local] + " " + after):
        return Status.CANCELLED
    if candidate.date is not None and reference is not None and candidate.date.first_day() > reference.last_day():
        return Status.PLANNED
    if candidate.known_start is not None and reference is not None and candidate.known_start > reference.last_day():
        return Status.PLANNED  # "the forum this year", and the reference data says it is in October
    if told_as_done(candidate):
        return Status.HAPPENED
    if candidate.date is not None and reference is not None and candidate.date.last_day() < reference.first_day():
        return Status.HAPPENED
    return Status.PLANNED


def told_as_done(candidate: Candidate) -> bool:
    """No plan, hope or condition around the trigger: the sentence reports the event as done."""
    local = candidate.start - candidate.sentence.start
    return not cue("modal").search(candidate.sentence.text[max(0, local - 60) : local + 25])


def recent_expressions(expressions: list[TemporalExpression]) -> list[TemporalExpression]:
    """Of the dates of the two sentences before a trigger's, those that say when the narrative is."""
    return [
        e
        for e in expressions
        if e.type == "DATE"
        and e.date is not None
        and e.role not in DATING_ROLES
        and e.date.precision in {"day", "month"}
    ]


def date_from_context(
    candidate: Candidate,
    siblings: list[Candidate],
    earlier: list[Candidate],
    before: list[TemporalExpression],
    reference: PartialDate | None = None,
) -> None:
    """An undated trigger takes the date of the event it refers to or of the narrative around it."""
    if candidate.date is not None or candidate.kind == EventType.MEETING_COUNT:
        return
    text = candidate.sentence.text
    during = cue("during").search(text)
    if during:
        kind = _WHEN_FAMILIES[during.group("what").lower()]
        # "had met two days earlier": a flashback is not the talks the narrative speaks of
        dated = [c for c in reversed(earlier) if c.date is not None and not _flashback(c)]
        # "after the talks": the talks reported, before a call of the same family mentioned since
        match = next((c for c in dated if c.kind == kind), None) or next(
            (c for c in dated if family(c.kind) == family(kind)), None
        )
        if match is not None:
            inherit(candidate, match, f"during the {during.group('what').lower()} dated {match.date}")
            return
    local = candidate.start - candidate.sentence.start
    if cue("definite").search(text[max(0, local - 40) : local]):
        same = next((c for c in reversed(earlier) if c.kind == candidate.kind and c.date is not None), None)
        if same is not None:  # "The meeting underscored ...": the meeting already reported
            inherit(candidate, same, f"refers back to the {same.kind.value} dated {same.date}")
            candidate.date_end = same.date_end
            return
    dated = [
        c
        for c in siblings
        if c.date is not None and c is not candidate and c.kind in HAPPENINGS and not _told_within(candidate, c)
    ]
    if not dated and candidate.kind == EventType.MEETING:  # "signed two statements on Tuesday after talks"
        dated = [c for c in siblings if c.date is not None and c.kind == EventType.AGREEMENT]
    if dated:
        nearest = min(dated, key=lambda c: abs(c.start - candidate.start))
        inherit(candidate, nearest, f"same sentence as the {nearest.kind.value} dated {nearest.date}")
        return
    recent = [
        c
        for c in earlier[-4:]
        if c.kind in HAPPENINGS
        and c.date is not None
        and c.sentence.start >= (before[0].start if before else candidate.sentence.start) - 400
    ]
    ahead = bool(before) and _ahead(before[-1], candidate, reference)
    if (
        recent
        and before
        and (recent[-1].sentence.end >= before[-1].start or _background(before[-1], recent[-1], reference) or ahead)
    ):
        inherit(
            candidate, recent[-1], f"the text just before speaks of the {recent[-1].kind.value} dated {recent[-1].date}"
        )
        return
    if before and not ahead:
        apply(candidate, before[-1], "context")
        candidate.resolution = f"no date in the sentence; the text just before speaks of {before[-1].text!r}"
        candidate.confidence -= 0.15
    elif reference is not None and reference.day is not None and _news_of_the_day(candidate):
        candidate.date, candidate.date_end, candidate.dated_by = reference, None, "news"
        candidate.resolution = "no date in the sentence; told in the present perfect as the news of the publication day"
        candidate.confidence -= 0.15


def _news_of_the_day(candidate: Candidate) -> bool:
    """ "Xi Jinping has met with Putin", with no date anywhere near: the news the report brings."""
    text = candidate.sentence.text
    local = candidate.start - candidate.sentence.start
    # a lead names who acted ("Russia and China have signed a treaty that remains ..." is background)
    return (
        bool(candidate.participants)
        and bool(cue("news_perfect").search(text[max(0, local - 20) : local]))
        and not any(cue(name).search(text) for name in ("experience", "habitual", "modal"))
    )


_NTH_ANNIVERSARY = re.compile(knowledge.ORDINAL + r"\s+anniversary\b", re.I)


def date_anniversary(candidate: Candidate, reference: PartialDate | None) -> bool:
    """ "the 20th anniversary of the treaty" dated by the treaty (2001): the anniversary is 20 years on.

    Only when that lands near the publication year: "the meeting on Monday marked the 20th anniversary"
    is already dated by the day of the celebration. True when the date was moved."""
    if candidate.kind != EventType.ANNIVERSARY or candidate.date is None or reference is None:
        return False
    local = candidate.start - candidate.sentence.start
    nearby = candidate.sentence.text[max(0, local - 40) : local + 40]
    match = _NTH_ANNIVERSARY.search(nearby)
    years = knowledge.ordinal_value(match.group("ordinal")) if match else None
    date = candidate.date
    if match is None or years is None or date.decade or abs(date.year + years - reference.year) > 1:
        return False
    try:
        shifted = PartialDate(year=date.year + years, month=date.month, day=date.day)
    except ValueError:  # February 29 in a common year
        shifted = PartialDate(year=date.year + years, month=date.month)
    candidate.resolution = f"{candidate.resolution or 'dated ' + str(date)}; the {match.group()} falls {years} years on"
    candidate.date, candidate.date_end = shifted, None
    return True


def _background(expression: TemporalExpression, happening: Candidate, reference: PartialDate | None) -> bool:
    """A date years before the article, between the news and this sentence, is history told in
    passing ("the treaty, signed in 2001, ..."): the event reported just before is the one to follow."""
    if reference is None or expression.date is None or happening.date is None:
        return False
    return expression.date.year < reference.year - 1 and abs(happening.date.year - reference.year) <= 1


def _flashback(candidate: Candidate) -> bool:
    """The trigger's verb is in the past perfect ("had met", "had already signed")."""
    local = candidate.start - candidate.sentence.start
    trigger = candidate.sentence.text[local : candidate.end - candidate.sentence.start].split()
    head = candidate.sentence.text[max(0, local - 30) : local] + (trigger[0] if trigger else "")
    return bool(cue("past_perfect").search(head))


def _ahead(expression: TemporalExpression, candidate: Candidate, reference: PartialDate | None) -> bool:
    """A date after publication ("the parade on Saturday") cannot date what a sentence reports as done."""
    if reference is None or expression.date is None:
        return False
    return expression.date.first_day() > reference.last_day() and told_as_done(candidate)


def inherit(candidate: Candidate, source: Candidate, why: str) -> None:
    candidate.date, candidate.date_end, candidate.qualifier = source.date, source.date_end, source.qualifier
    candidate.date_text, candidate.dated_by = source.date_text, "context"
    candidate.resolution = f"no date in the sentence; {why}"
    candidate.confidence -= 0.1
    if candidate.key is None and family(candidate.kind) == family(source.kind):
        candidate.key = source.key
