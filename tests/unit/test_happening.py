"""One notion of the same happening: the cases the fold within an article and the merge across articles share."""

from __future__ import annotations

import pytest

from sinorus_timeline.happening import Report, same_happening
from sinorus_timeline.models import EventType, PartialDate

M = EventType


def report(
    kind: EventType = M.MEETING,
    date: str | None = "2023-03-21",
    end: str | None = None,
    people: tuple[str, ...] = ("Xi Jinping", "Vladimir Putin"),
    places: tuple[str, ...] = (),
    key: str | None = None,
    count: int | None = None,
    written: bool = False,
) -> Report:
    return Report(
        kind,
        key,
        PartialDate.parse(date) if date else None,
        PartialDate.parse(end) if end else None,
        count,
        None,
        None,
        frozenset(people),
        frozenset(places),
        span_written=written,
    )


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        (report(), report(), True),
        (report(), report(kind=M.CALL), False),
        (report(date="2023-03"), report(), True),  # a month holds its days
        (report(date="2023"), report(), False),  # "this year" and "on March 21" may be two events
        (report(date="2023"), report(date="2023"), True),
        (report(date="2023-03-20"), report(), False),
        (report(date="2023-03-20", end="2023-03-22", written=True), report(), True),  # "March 20-22" holds the 21st
        (report(date="2023-03-20", end="2023-03-22"), report(), False),  # a span borrowed holds nothing
        (report(people=("Xi Jinping",)), report(), True),  # one report's people among the other's
        (report(people=("Xi Jinping", "Narendra Modi")), report(), False),
        (report(people=()), report(), True),
        (report(people=()), report(date="2023-03"), False),  # no one and nowhere: only the very same date ties it
        (report(people=(), places=("Moscow",)), report(date="2023-03"), True),
        (report(places=("Beijing",)), report(places=("China",)), True),  # a city is in its country
        (report(places=("Beijing",)), report(places=("Moscow",)), False),
        (report(places=("Moscow",)), report(places=("St. Petersburg",)), False),  # one country, two cities
        (report(kind=M.FORUM, date="2019", key="brf:2"), report(kind=M.FORUM, key="brf:2"), True),
        (report(kind=M.MEETING_COUNT, count=40), report(kind=M.MEETING_COUNT, count=42), False),
        (report(date=None), report(), False),
    ],
)
def test_same_happening(a: Report, b: Report, same: bool) -> None:
    assert same_happening(a, b) is same
    assert same_happening(b, a) is same  # the notion is symmetric


def test_in_one_article_a_bare_mention_is_the_event_told_before() -> None:
    assert same_happening(report(people=()), report(date="2023-03"), one_article=True)
