"""One notion of "the same happening", used to fold one article's reports and to merge articles.

Two reports tell one happening when they are of the same type and either name the same edition of
a recurring event, or have dates that agree (equal, or one within the other, a year never standing
for a finer date) and nothing that tells them apart: another count or figure, other people (neither
report's people among the other's), or other places for a visit or meeting. A visit or meeting that
names no one and nowhere ("the talks in May") is, in its own article, the one told before; from
another article it is tied to one only by the very same date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from . import gazetteer
from .models import EventType, PartialDate

_COARSE = {"year", "decade"}
_PLACED = {EventType.VISIT, EventType.MEETING}  # a visit to Moscow is not one to Beijing


@dataclass(frozen=True)
class Report:
    """What decides whether two reports are one happening, apart from where they come from."""

    kind: EventType
    key: str | None
    date: PartialDate | None
    date_end: PartialDate | None
    count: int | None
    count_since: str | None
    value: str | None
    people: frozenset[str]
    places: frozenset[str]
    # the span (date to date_end) was written in the text or given by the reference data, not borrowed
    # from another event: only such a span is known to hold a day another report names (a merged
    # report does not say, so its span holds none)
    span_written: bool = False


def same_happening(a: Report, b: Report, one_article: bool = False) -> bool:
    """True when the two reports tell one happening (`one_article`: both told by one article)."""
    if a.kind != b.kind:
        return False
    if a.key is not None and a.key == b.key:
        return True
    if not dates_agree(a, b):
        return False
    if a.kind == EventType.MEETING_COUNT:
        return a.count == b.count and (a.count_since == b.count_since or None in {a.count_since, b.count_since})
    if a.kind == EventType.TRADE:
        return a.value == b.value
    if a.people and b.people and not (a.people <= b.people or b.people <= a.people):
        return False
    if not one_article and a.kind in _PLACED and a.date != b.date and (_bare(a) or _bare(b)):
        return False  # "the navies visited each other's vessels on Monday" is not a visit of that month
    return not (a.kind in _PLACED and a.places and b.places and not places_agree(a.places, b.places))


def _bare(report: Report) -> bool:
    """A report naming no one and nowhere: only its date could tie it to a happening."""
    return not report.people and not report.places


def places_agree(a: frozenset[str], b: frozenset[str]) -> bool:
    """The two reports name a place in common, or one names the country of a city the other names
    ("Beijing" and "China"; "Moscow" and "St. Petersburg" are two places)."""
    return any(x == y or x in gazetteer.regions(y) or y in gazetteer.regions(x) for x in a for y in b)


def dates_agree(a: Report, b: Report) -> bool:
    """The same first day (or month, or year), or one report's days within the other's; a year or
    decade agrees only with itself ("this year" and "on May 25" may well be two events)."""
    if a.date is None or b.date is None:
        return False
    if a.date == b.date:
        return True
    if a.date.precision in _COARSE or b.date.precision in _COARSE:
        return a.date == b.date
    first_a, last_a = a.date.first_day(), (a.date_end or a.date).last_day()
    first_b, last_b = b.date.first_day(), (b.date_end or b.date).last_day()
    return _holds(a, first_a, last_a, b, first_b, last_b) or _holds(b, first_b, last_b, a, first_a, last_a)


def _holds(wide: Report, first: dt.date, last: dt.date, narrow: Report, start: dt.date, end: dt.date) -> bool:
    """`wide`'s days hold `narrow`'s: a month holds its days; a span of days must be written."""
    if not (first <= start and end <= last):
        return False
    return wide.date_end is None or wide.span_written or narrow.date_end is not None
