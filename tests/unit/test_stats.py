"""Counts for the terminal pictures and the meeting-count claims check."""

from __future__ import annotations

from sinorus_timeline.models import Event, EventType, PartialDate, Source
from sinorus_timeline.stats import Claim, events_per_type, events_per_year, meeting_claims, sources_per_outlet


def _source(document_id: str, evidence: str = "A sentence.") -> Source:
    return Source(
        file=f"{document_id}.txt",
        path=f"in/{document_id}.txt",
        document_id=document_id,
        evidence=evidence,
        start=0,
        end=len(evidence),
    )


def _event(event_id: str, kind: EventType, date: str | None, *documents: str) -> Event:
    return Event(
        id=event_id,
        type=kind,
        title=f"event {event_id}",
        date=PartialDate.parse(date) if date else None,
        sources=[_source(d) for d in documents],
    )


def _events() -> list[Event]:
    return [
        _event("a", EventType.FORUM, "2023-10-17", "d1", "d2"),
        _event("b", EventType.VISIT, "2023-03", "d1"),
        _event("c", EventType.VISIT, "2019", "d3"),
        _event("d", EventType.FOUNDING, "199X", "d3"),
        _event("e", EventType.FOUNDING, "1991", "d4"),
        _event("f", EventType.AGREEMENT, None, "d4"),
    ]


def test_events_per_year_lists_years_with_events_decades_apart_and_undated_last() -> None:
    assert events_per_year(_events()) == [("199X", 1), ("1991", 1), ("2019", 1), ("2023", 2), ("undated", 1)]


def test_events_per_year_without_undated_or_events() -> None:
    assert events_per_year(_events()[:2]) == [("2023", 2)]
    assert events_per_year([]) == []


def test_events_per_type_most_frequent_first_then_by_name() -> None:
    assert events_per_type(_events()) == [("founding", 2), ("visit", 2), ("agreement", 1), ("forum", 1)]


def test_sources_per_outlet_counts_every_source_and_unknown_documents() -> None:
    outlets = {"d1": "Xinhua", "d2": "TASS", "d3": "Xinhua"}
    assert sources_per_outlet(_events(), outlets) == [("Xinhua", 4), ("unknown", 2), ("TASS", 1)]
    assert sources_per_outlet(_events(), {}) == [("unknown", 7)]


def _claim_event(
    event_id: str, date: str | None, count: int, since: str | None = "2013", qualifier: str | None = None
) -> Event:
    return Event(
        id=event_id,
        type=EventType.MEETING_COUNT,
        title=f"met {count} times",
        date=PartialDate.parse(date) if date else None,
        count=count,
        count_since=since,
        count_qualifier=qualifier,
        participants=["Xi Jinping", "Vladimir Putin"],
        sources=[_source(event_id, f"They have met {count} times.")],
    )


def test_meeting_claims_in_date_order_with_their_source() -> None:
    events = [
        _claim_event("late", "2023-10-19", 42),
        _claim_event("early", "2023-10", 40, qualifier="at least"),
        _event("other", EventType.FORUM, "2023-10-17", "x"),
    ]
    claims = meeting_claims(events)
    assert [c.count for c in claims] == [40, 42]
    assert claims[0] == Claim(
        date=PartialDate.parse("2023-10"),
        count=40,
        qualifier="at least",
        since="2013",
        who="Xi Jinping; Vladimir Putin",
        file="early.txt",
        evidence="They have met 40 times.",
        contradicts=False,
    )
    assert not any(c.contradicts for c in claims)


def test_a_lower_later_count_contradicts_even_with_at_least() -> None:
    events = [
        _claim_event("first", "2019-06-05", 30),
        _claim_event("second", "2023-10-19", 42),
        _claim_event("third", "2024-05-16", 40, qualifier="at least"),
        _claim_event("fourth", "2024-07", 43),
    ]
    assert [(c.count, c.contradicts) for c in meeting_claims(events)] == [
        (30, False),
        (42, False),
        (40, True),
        (43, False),
    ]


def test_since_years_decide_which_claims_are_compared() -> None:
    events = [
        _claim_event("all", "2019", 50, since=None),
        _claim_event("since2020", "2020-05", 10, since="2020"),  # a shorter period than all time: fine
        _claim_event("since2013", "2023-10-19", 42, since="2013"),
        _claim_event("all_again", "2024", 41, since=None),  # all time, yet fewer than 42 since 2013
        _claim_event("since2010", "2025", 20, since="2010"),  # a longer period than since 2013, yet fewer
    ]
    flags = {c.file: c.contradicts for c in meeting_claims(events)}
    assert flags == {
        "all.txt": False,
        "since2020.txt": False,
        "since2013.txt": False,
        "all_again.txt": True,
        "since2010.txt": True,
    }


def test_overlapping_dates_and_undated_claims_are_not_flagged() -> None:
    events = [
        _claim_event("month", "2023-10", 42),
        _claim_event("day", "2023-10-19", 40),  # may have been written before the month's article
        _claim_event("undated", None, 5),
    ]
    claims = meeting_claims(events)
    assert [(c.file, c.contradicts) for c in claims] == [
        ("month.txt", False),
        ("day.txt", False),
        ("undated.txt", False),
    ]
