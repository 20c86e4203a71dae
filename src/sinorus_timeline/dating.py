"""Dating a trigger: by the dates of its sentence, by reference data, or by what it refers to.

Each function takes a `Candidate` (an event being built) and, when it finds a date, sets the date,
how it was found (`dated_by`) and a one-line `resolution` a user can check.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache, lru_cache

from . import gazetteer, knowledge
from .clauses import way_at
from .dates import WEEKDAYS, TemporalExpression
from .models import EventType, PartialDate, Qualifier, Status
from .rules import CuePattern, PatternRule, load_cues
from .text import Sentence

DATING_ROLES = {"dateline", "stamp"}
# Events that take place somewhere over some days: an undated one beside them shares their date.
HAPPENINGS = {EventType.SUMMIT, EventType.FORUM, EventType.VISIT, EventType.MEETING, EventType.CALL}
WHEN_FAMILIES = {
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
    """A pattern of `resources/en/cues.toml`."""
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
    # the countries a trade figure is between ("Sino-Russian trade"); shown as its participants when
    # no one is named but, not being people, they never keep an undated mention
    parties: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    key: str | None = None
    label: str | None = None
    count: int | None = None
    count_since: str | None = None
    count_qualifier: str | None = None
    value: str | None = None
    confidence: float = 0.5  # the trigger rule's own
    anchor_free: bool = False
    origin: str | None = None  # the kind of origin around the sentence that dated it (context.ORIGINS)
    doubts: set[str] = field(default_factory=set)  # what weighs against it (features of `confidence`)
    mentions: int = 1  # how many times the article tells of it
    # each date weighed, and its verdict, as `show --why` tells them (formatted only when asked for)
    considered: list[Callable[[], tuple[str, str]]] = field(default_factory=list)
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


def told_within(candidate: Candidate, other: Candidate) -> bool:
    """`other` comes later, in a clause of its own about what is ahead ("a visit that will see him
    attend the forum"): its date is not the candidate's."""
    if other.start <= candidate.end:
        return False
    offset = candidate.sentence.start
    clause = cue("relative").search(candidate.sentence.text, candidate.end - offset, other.start - offset)
    # only a clause that looks ahead ("that will see him attend"): "a statement that deepens their
    # partnership during talks on Thursday" is dated by the talks
    return clause is not None and bool(cue("modal").search(candidate.sentence.text, clause.end(), other.start - offset))


def date_from_series(
    candidate: Candidate,
    inside: list[TemporalExpression],
    reference: PartialDate | None,
    heading: PartialDate | None = None,
) -> None:
    """Name the edition of a recurring event and, when the sentence gives no date, take its dates;
    a chronology's date line (`heading`) says which year's edition an undated line means."""
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
    if cue("first_since").match(text, match.end()):  # "the first SCO summit since its expansion"
        number = None
    place = next((p.name for p in gazetteer.find_places(text[match.end() : match.end() + 40])), None)
    host = cue("host_before").search(text[max(0, match.start() - 50) : match.start()])
    if place is None and host:  # "Putin's 2018 visit to Qingdao for the SCO summit"
        place = next((p.name for p in gazetteer.find_places(f"in {host.group('city')}")), None)
    dated = candidate.date or heading
    year = dated.year if dated is not None and dated.precision != "decade" else None
    future = bool(cue("modal").search(text))
    edition = knowledge.find_edition(
        [series.id], number=number, city=place, year=year, reference=reference, future=future
    )
    if edition is None:
        if candidate.kind in {EventType.SUMMIT, EventType.FORUM}:
            candidate.label = series.name
        return
    use_edition(candidate, edition, series.name)
    if candidate.dated_by == "reference" and candidate.kind in {EventType.MEETING, EventType.VISIT}:
        _after_the_edition(candidate, text, match.start(), edition, series.name)
        if not _on_the_eve(candidate, text, match.start(), edition, series.name):
            _ahead_of_the_edition(candidate, text, match.start())
        _done_before_the_edition(candidate, edition, reference)


def _done_before_the_edition(candidate: Candidate, edition: knowledge.Edition, reference: PartialDate | None) -> None:
    """ "has arrived to take part in the APEC summit", reported before the summit opens: what is told
    as done came before it, on some day the edition does not give."""
    if (
        candidate.dated_by == "reference"
        and reference is not None
        and edition.start > reference.last_day()
        and told_as_done(candidate)
    ):
        candidate.date = candidate.date_end = candidate.dated_by = candidate.resolution = None


def _after_the_edition(
    candidate: Candidate, text: str, mention: int, edition: knowledge.Edition, series_name: str
) -> None:
    """ "met ... after the SCO summit": on the summit's last day, not through it."""
    if (
        cue("after_before").search(text, max(0, mention - 30), mention)
        and candidate.start < candidate.sentence.start + mention
    ):
        candidate.date, candidate.date_end = _day(edition.end), None
        candidate.resolution = f"reference data: after the {edition.label(series_name)}, which ended {edition.end}"


def _ahead_of_the_edition(candidate: Candidate, text: str, mention: int) -> None:
    """ "Ahead of the APEC summit, Putin met Xi": some day before it, which the edition does not give;
    what is around the sentence may."""
    if cue("ahead_of").search(text, max(0, mention - 30), mention):
        candidate.date = candidate.date_end = candidate.dated_by = candidate.resolution = None


def _on_the_eve(candidate: Candidate, text: str, mention: int, edition: knowledge.Edition, series_name: str) -> bool:
    """ "met on the eve of the SCO summit": the day before it opened."""
    local = candidate.start - candidate.sentence.start
    if not (local < mention and cue("eve_of").search(text, local, mention)):
        return False
    candidate.date, candidate.date_end = _day(edition.start - dt.timedelta(days=1)), None
    candidate.resolution = (
        f"reference data: on the eve of the {edition.label(series_name)}, which opened {edition.start}"
    )
    return True


def day_before(candidate: Candidate, between: str) -> None:
    """ "met on the eve of the summit, due on September 4-5": the day before the date of what it precedes."""
    date = candidate.date
    if date is None or date.precision != "day" or not cue("eve_of").search(between):
        return
    candidate.date, candidate.date_end = _day(date.first_day() - dt.timedelta(days=1)), None
    candidate.resolution = f"{candidate.resolution}; the day before, on the eve of what it dates"


_EDITION_EVE = 3  # days before an edition opens when leaders arrive and meet on its sidelines


def _weekday_of_the_edition(candidate: Candidate, edition: knowledge.Edition, series_name: str) -> None:
    """ "is to meet leaders on Wednesday ahead of the summit": which week a bare weekday means is a
    guess; of its reading and the same day a week off, the one at the edition's days is meant."""
    date, text = candidate.date, (candidate.date_text or "").lower()
    if date is None or date.day is None or text.removeprefix("on ") not in WEEKDAYS:
        return
    early, late = edition.start - dt.timedelta(days=_EDITION_EVE), edition.end
    day = date.first_day()
    if early <= day <= late:
        return
    for shift in (-7, 7):
        other = day + dt.timedelta(days=shift)
        if early <= other <= late:
            candidate.date, candidate.date_end = _day(other), None
            candidate.resolution = (
                f"{candidate.date_text!r} read as {day}, but the week of the {edition.label(series_name)} "
                f"({edition.start} to {edition.end}) has it on {other}"
            )
            return


def use_edition(candidate: Candidate, edition: knowledge.Edition, series_name: str) -> None:
    candidate.key = edition.key
    if edition.city:  # an edition held by video link has no place
        candidate.places = gazetteer.unique([*candidate.places, edition.city])
    if candidate.kind in {EventType.SUMMIT, EventType.FORUM}:
        candidate.label = edition.label(series_name)
    start, end = _day(edition.start), _day(edition.end)
    _weekday_of_the_edition(candidate, edition, series_name)
    if candidate.date is not None:
        first = candidate.date.first_day()
        last = (candidate.date_end or candidate.date).last_day()
        if not (first <= edition.end and edition.start <= last):
            if candidate.anchor_free or candidate.kind not in {EventType.SUMMIT, EventType.FORUM}:
                candidate.doubts.add("disagrees_with_reference")  # keep the date as written
                return
            # "is to meet leaders on Wednesday" read as next week: which way a weekday points is a
            # guess, the days of the edition are known
            candidate.resolution = (
                f"{candidate.date_text!r} read as {candidate.date}, but the reference data has the "
                f"{edition.label(series_name)} on {edition.start} to {edition.end}"
            )
            candidate.date, candidate.date_end = start, end if end != start else None
            candidate.dated_by = "reference"
            return
        wider = candidate.date_end is not None and (last - first) > (edition.end - edition.start)
        # a visit "on June 8-10" that takes in the summit of June 9-10 is longer than the summit
        if candidate.kind == EventType.VISIT or not (wider and first <= edition.start and edition.end <= last):
            candidate.known_start = edition.start  # tells whether "this year's forum" is still ahead
            return  # a month or a day as written stays; only a written span ("this week") is narrowed
        written = candidate.date_text  # "this week" holds the summit: the reference data says which days
        candidate.resolution = f"{written!r} holds the {edition.label(series_name)}, {edition.start} to {edition.end}"
        candidate.date, candidate.date_end = start, end if end != start else None
        candidate.dated_by = "reference"
        return
    candidate.date, candidate.date_end = start, end if end != start else None
    candidate.dated_by = "reference"
    days = f"{edition.start} to {edition.end}" if edition.end != edition.start else f"on {edition.start}"
    candidate.resolution = f"reference data: {edition.label(series_name)}, {days}"


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
            candidate.doubts.add("edition_by_city")
            return


def date_from_elections(candidate: Candidate, people: list[gazetteer.Mention], reference: PartialDate | None) -> None:
    """ "since they were re-elected": the latest election each named leader won before the article;
    "after he was sworn in": the day the term it won began."""
    if candidate.kind != EventType.ELECTION or candidate.date is not None or reference is None:
        return
    local = candidate.start - candidate.sentence.start
    trigger = candidate.sentence.text[local : local + candidate.end - candidate.start]
    # an inauguration or a taking of office is not the election day
    taking_office = not cue("election_day").search(trigger)
    won = [gazetteer.last_election(p.name, reference.last_day(), taking_office) for p in people]
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
    what = "term begun" if taking_office else "election won"
    candidate.resolution = f"reference data: the latest {what} before the article, " + ", ".join(map(str, days))


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
    # the trigger's own words may tell the plan: "invited the Russian president to"
    end = max(local + 25, candidate.end - candidate.sentence.start)
    if cue("modal").search(candidate.sentence.text[max(0, local - 60) : end]):
        return False
    # "During the meeting, the ministers will discuss ...": the clause's verb lies further on
    return way_at(candidate.sentence.text, local) != "ahead"


def recent_expressions(expressions: list[TemporalExpression]) -> list[TemporalExpression]:
    """Of the dates of the two sentences before a trigger's, those that say when the narrative is."""
    return [
        e
        for e in expressions
        if e.type == "DATE"
        and e.date is not None
        and e.role not in DATING_ROLES
        and e.role != "baseline"  # "up 5 percent over May": what a figure is compared with
        and e.date.precision in {"day", "month"}
    ]


_NTH_ANNIVERSARY = re.compile(knowledge.ORDINAL + r"\s+anniversary\b", re.I)


def date_from_milestone(candidate: Candidate) -> None:
    """ "the 75th anniversary of Victory in the Great Patriotic War", undated: the reference data
    dates the victory (1945-05-09), so the anniversary falls 75 years on (2020-05-09)."""
    if candidate.kind != EventType.ANNIVERSARY:
        return
    text, local = candidate.sentence.text, candidate.start - candidate.sentence.start
    found = next(knowledge.milestone_anniversaries(text, max(0, local - 40), local + 40), None)
    # "the 75th anniversary of the victory in the war of 1941-1945": a date told of the milestone
    of_the_milestone = (
        candidate.date_text is not None and found is not None and text.find(candidate.date_text) > found.start
    )
    if found is not None and (candidate.date is None or of_the_milestone):
        candidate.date, candidate.dated_by = found.date, "reference"
        milestone = found.milestone
        candidate.resolution = (
            f"reference data: {milestone.title}, {milestone.date}; the {found.words.rsplit(' ', 1)[0]} falls "
            f"{found.years} years on"
        )


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
