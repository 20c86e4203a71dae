"""Merging reports across articles, filtering, sorting and finding events."""

from __future__ import annotations

import random
from typing import Any

import pytest

from sinorus_timeline.errors import NotFoundError
from sinorus_timeline.models import Event, EventType, PartialDate, Source, Status
from sinorus_timeline.timeline import Filters, find_event, matches, merge, same_event, select, sort_events


def make(
    id: str,
    doc: str,
    date: str | None,
    type: EventType = EventType.MEETING,
    *,
    people: tuple[str, ...] = ("Xi Jinping", "Vladimir Putin"),
    places: tuple[str, ...] = (),
    evidence: str = "Xi met Putin.",
    **fields: Any,
) -> Event:
    source = Source(
        file=f"{doc}.txt",
        path=f"in/{doc}.txt",
        document_id=doc,
        evidence=evidence,
        start=0,
        end=len(evidence),
        published=fields.pop("published", None),
    )
    return Event(
        id=id,
        type=type,
        title=fields.pop("title", f"{type.value} {id}"),
        date=PartialDate.parse(date) if date else None,
        participants=list(people),
        places=list(places),
        sources=[source],
        **fields,
    )


def test_a_merged_event_keeps_its_id_when_a_later_report_joins() -> None:
    first = make("f9", "docA", "2023-10-18", published="2023-10-18")
    later = make("a0", "docB", "2023-10-18", published="2023-10-20")
    (alone,) = merge([first])
    (joined,) = merge([first, later])
    assert alone.id == joined.id == "f9"  # the earliest published report's id, whatever the order
    assert merge([later, first])[0].id == "f9"


def test_copies_of_one_article_are_one_report_with_every_copy_as_source() -> None:
    original = make("e1", "docA", "2023-10-18")
    copy = original.model_copy(update={"sources": [original.sources[0].model_copy(update={"file": "copy.txt"})]})
    (event,) = merge([original, copy])
    assert event.id == "e1"
    assert sorted(s.file for s in event.sources) == ["copy.txt", "docA.txt"]


def test_reports_from_two_articles_merge() -> None:
    a = make("a1", "docA", "2023-10", people=("Xi Jinping", "Vladimir Putin"), places=("Beijing",), confidence=0.6)
    b = make(
        "b1",
        "docB",
        "2023-10-18",
        people=("Vladimir Putin",),
        places=("Beijing", "Great Hall of the People"),
        confidence=0.8,
    )
    merged = merge([a, b])
    assert len(merged) == 1
    event = merged[0]
    assert event.date == PartialDate.parse("2023-10-18")  # the most precise date wins
    assert {s.document_id for s in event.sources} == {"docA", "docB"}
    assert len(event.sources) == 2
    assert event.participants == ["Xi Jinping", "Vladimir Putin"]
    assert set(event.places) == {"Beijing", "Great Hall of the People"}
    assert event.id == "a1"  # a report's id: neither is dated, so the smaller
    assert event.confidence == pytest.approx(0.8)  # the best report's: more reports do not make a date surer
    assert event.date_conflicts == []


def test_events_of_one_document_never_merge() -> None:
    a = make("a1", "docA", "2023-10-18")
    b = make("a2", "docA", "2023-10-18")
    assert not same_event(a, b)
    assert {e.id for e in merge([a, b])} == {"a1", "a2"}


def test_different_types_do_not_merge() -> None:
    a = make("a1", "docA", "2023-10-18", EventType.MEETING)
    b = make("b1", "docB", "2023-10-18", EventType.VISIT)
    assert len(merge([a, b])) == 2


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (dict(date="2023-10-18"), dict(date="2023-10-19"), False),  # two different days
        (dict(date="2023"), dict(date="2023-10-18"), False),  # a year is too coarse to say
        (dict(date="2023"), dict(date="2023"), True),
        (dict(date="2023-10-18"), dict(date=None), False),  # undated without a key
        (dict(date="2023-10-18", people=("Xi Jinping",)), dict(date="2023-10-18", people=("Joe Biden",)), False),
        (dict(date="2023-10-18", people=()), dict(date="2023-10-18", people=("Joe Biden",)), True),
        (dict(date="2023-10-18", places=("Moscow",)), dict(date="2023-10-18", places=("Beijing",)), False),
        (dict(date="2023-10-18", places=("Moscow",)), dict(date="2023-10-18", places=("Moscow", "Kremlin")), True),
    ],
)
def test_same_event_rules(a: dict[str, Any], b: dict[str, Any], expected: bool) -> None:
    first = make("a1", "docA", **a)
    second = make("b1", "docB", **b)
    assert same_event(first, second) is expected
    assert same_event(second, first) is expected


def test_places_only_separate_visits_and_meetings() -> None:
    a = make("a1", "docA", "2023-10-18", EventType.AGREEMENT, places=("Moscow",))
    b = make("b1", "docB", "2023-10-18", EventType.AGREEMENT, places=("Beijing",))
    assert same_event(a, b)


def test_counts_and_trade_merge_on_their_figures() -> None:
    count, trade = EventType.MEETING_COUNT, EventType.TRADE
    assert same_event(
        make("a", "A", "2023-03", count, people=(), count=40), make("b", "B", "2023-03-22", count, people=(), count=40)
    )
    assert not same_event(
        make("a", "A", "2023-03", count, people=(), count=40), make("b", "B", "2023-03", count, people=(), count=41)
    )
    assert same_event(
        make("a", "A", "2018", trade, people=(), value="$107 billion"),
        make("b", "B", "2018", trade, people=(), value="$107 billion"),
    )
    assert not same_event(
        make("a", "A", "2018", trade, people=(), value="$107 billion"),
        make("b", "B", "2018", trade, people=(), value="$100 billion"),
    )


def test_same_key_with_disagreeing_dates_merges_and_records_conflicts() -> None:
    key = "belt_and_road_forum:2023-10-17"
    a = make("a1", "docA", "2023-10-17", EventType.FORUM, key=key, confidence=0.7)
    b = make("b1", "docB", "2023-09", EventType.FORUM, key=key, confidence=0.9)
    c = make("c1", "docC", None, EventType.FORUM, key=key)
    merged = merge([a, b, c])
    assert len(merged) == 1
    event = merged[0]
    assert event.date == PartialDate.parse("2023-10-17")
    assert event.date_conflicts == [PartialDate.parse("2023-09")]
    assert event.key == key
    assert len(event.sources) == 3


def _corpus() -> list[Event]:
    return [
        make("a1", "docA", "2023-10"),
        make("b1", "docB", "2023-10-18", people=("Vladimir Putin",)),
        make("c1", "docC", "2023-10-18", people=("Xi Jinping",), places=("Beijing",)),
        make("d1", "docD", "2019-06-05", EventType.VISIT, places=("Moscow",)),
        make("e1", "docE", "2019-06", EventType.VISIT, places=("Moscow",)),
        make("f1", "docF", "2019-06-05", EventType.VISIT, places=("St. Petersburg",)),
        make("g1", "docG", None, EventType.CALL),
        make("h1", "docH", "2014", EventType.AGREEMENT, key="gas"),
        make("i1", "docI", "2014-05-21", EventType.AGREEMENT, key="gas"),
        make("j1", "docA", "2023-10-18", EventType.FORUM),
    ]


def _shape(events: list[Event]) -> list[tuple[str, str | None, int]]:
    return [(e.id, str(e.date) if e.date else None, len(e.sources)) for e in events]


def test_merge_does_not_depend_on_input_order() -> None:
    events = _corpus()
    expected = _shape(merge(events))
    rng = random.Random(20231018)
    for _ in range(20):
        shuffled = events[:]
        rng.shuffle(shuffled)
        assert _shape(merge(shuffled)) == expected


def test_merge_is_idempotent() -> None:
    once = merge(_corpus())
    twice = merge(once)
    assert _shape(twice) == _shape(once)
    assert [e.date_conflicts for e in twice] == [e.date_conflicts for e in once]


def test_merge_of_the_corpus() -> None:
    merged = merge(_corpus())
    # a1 + b1 + c1 (same meeting), d1 + e1 (same visit), h1 + i1 (same key); f1 is elsewhere
    assert sorted(len(e.sources) for e in merged) == [1, 1, 1, 2, 2, 3]
    meeting = next(e for e in merged if e.type == EventType.MEETING)
    assert meeting.date == PartialDate.parse("2023-10-18")
    gas = next(e for e in merged if e.key == "gas")
    assert gas.date == PartialDate.parse("2014-05-21")
    assert gas.date_conflicts == []  # a year that holds the day is no conflict


def test_a_date_outside_the_other_is_a_conflict() -> None:
    merged = merge(
        [
            make("h1", "docH", "2013", EventType.AGREEMENT, key="gas"),
            make("i1", "docI", "2014-05-21", EventType.AGREEMENT, key="gas"),
        ]
    )
    assert [e.date_conflicts for e in merged] == [[PartialDate.parse("2013")]]


def test_a_year_only_report_joins_the_one_report_the_corpus_dates_within_it() -> None:
    lone = [
        make("a1", "docA", "2024", EventType.ELECTION, people=("Vladimir Putin",)),
        make("b1", "docB", "2024-03-17", EventType.ELECTION, people=("Vladimir Putin",)),
    ]
    assert [len(e.sources) for e in merge(lone)] == [2]
    two = [*lone, make("c1", "docC", "2024-12-01", EventType.ELECTION, people=("Vladimir Putin",))]
    assert sorted(len(e.sources) for e in merge(two)) == [1, 1, 1]  # two it could mean: it stays apart


def test_merge_keeps_happened_over_planned() -> None:
    a = make("a1", "docA", "2023-10-18", status=Status.PLANNED)
    b = make("b1", "docB", "2023-10-18", status=Status.HAPPENED)
    assert merge([a, b])[0].status == Status.HAPPENED
    c = make("c1", "docC", "2023-10-18", status=Status.PLANNED)
    d = make("d1", "docD", "2023-10-18", status=Status.CANCELLED)
    assert merge([c, d])[0].status == Status.CANCELLED


def test_merge_empty() -> None:
    assert merge([]) == []


def test_sort_events_undated_last() -> None:
    events = [
        make("u1", "A", None),
        make("x1", "B", "2023-10-18"),
        make("x2", "C", "2019"),
        make("x3", "D", "2019-06-05"),
        make("x4", "E", "199X"),
    ]
    assert [e.id for e in sort_events(events)] == ["x4", "x2", "x3", "x1", "u1"]
    assert [e.id for e in sort_events(events, reverse=True)] == ["x1", "x3", "x2", "x4", "u1"]


def _filterable() -> list[Event]:
    return [
        make(
            "m2019",
            "A",
            "2019-06-05",
            EventType.MEETING,
            places=("Moscow",),
            evidence="Xi met Putin in Moscow.",
            confidence=0.9,
        ),
        make(
            "v2023",
            "B",
            "2023-03-20",
            EventType.VISIT,
            places=("Moscow", "Kremlin"),
            date_end=PartialDate.parse("2023-03-22"),
            evidence="Xi began a state visit to Russia.",
            confidence=0.8,
        ),
        make(
            "s2024",
            "C",
            "2024-10-22",
            EventType.SUMMIT,
            places=("Kazan",),
            people=("Vladimir Putin",),
            evidence="The BRICS summit opened in Kazan.",
            status=Status.PLANNED,
            confidence=0.6,
            title="16th BRICS summit (Kazan)",
        ),
        make(
            "c2022",
            "D",
            "2022-12-30",
            EventType.CALL,
            people=("Xi Jinping", "Vladimir Putin"),
            evidence="The two leaders held a video call.",
            confidence=0.4,
        ),
        make("undated", "E", None, EventType.CALL, evidence="They spoke by phone.", confidence=0.3),
    ]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (Filters(), ["m2019", "c2022", "v2023", "s2024", "undated"]),
        (Filters(start=PartialDate.parse("2023"), end=PartialDate.parse("2023")), ["v2023"]),  # --year 2023
        (Filters(start=PartialDate.parse("2022-12-30")), ["c2022", "v2023", "s2024"]),
        (Filters(end=PartialDate.parse("2022-12")), ["m2019", "c2022"]),
        (Filters(start=PartialDate.parse("2023-03-22"), end=PartialDate.parse("2023-03-22")), ["v2023"]),  # date_end
        (Filters(start=PartialDate.parse("2023-03-23"), end=PartialDate.parse("2024-10-21")), []),
        (Filters(types=frozenset({EventType.CALL})), ["c2022", "undated"]),
        (Filters(types=frozenset({EventType.CALL, EventType.SUMMIT})), ["c2022", "s2024", "undated"]),
        (Filters(statuses=frozenset({Status.PLANNED})), ["s2024"]),
        (Filters(who="putin"), ["m2019", "c2022", "v2023", "s2024", "undated"]),
        (Filters(who="Xi Jin"), ["m2019", "c2022", "v2023", "undated"]),
        (Filters(where="moscow"), ["m2019", "v2023"]),
        (Filters(where="kremlin"), ["v2023"]),
        (Filters(grep="state visit|video call"), ["c2022", "v2023"]),
        (Filters(grep="brics"), ["s2024"]),  # the title counts too
        (Filters(min_confidence=0.6), ["m2019", "v2023", "s2024"]),
        (Filters(who="putin", where="moscow", types=frozenset({EventType.VISIT})), ["v2023"]),
    ],
)
def test_filters(filters: Filters, expected: list[str]) -> None:
    assert [e.id for e in select(_filterable(), filters)] == expected
    assert sorted(e.id for e in _filterable() if matches(e, filters)) == sorted(expected)


def test_select_limit_and_reverse() -> None:
    events = _filterable()
    assert [e.id for e in select(events, Filters(), limit=2)] == ["m2019", "c2022"]
    assert [e.id for e in select(events, Filters(), reverse=True)] == ["s2024", "v2023", "c2022", "m2019", "undated"]
    assert [e.id for e in select(events, Filters(), limit=1, reverse=True)] == ["s2024"]
    assert select(events, Filters(), limit=0) == []


def test_find_event_by_id_and_prefix() -> None:
    events = [make("abc123", "A", "2020"), make("abd456", "B", "2021"), make("xyz789", "C", "2022")]
    assert find_event(events, "abc123") is events[0]
    assert find_event(events, "abc") is events[0]
    assert find_event(events, "xy") is events[2]
    with pytest.raises(NotFoundError, match=r"the id 'ab' fits 2 events: abc123 \(.*\); abd456 \(.*\) — give more"):
        find_event(events, "ab")
    for wanted, among in (("nothing", events), ("abc", [])):
        with pytest.raises(NotFoundError, match="no event has id"):
            find_event(among, wanted)


def test_a_qualified_date_sorts_within_its_period() -> None:
    late = make("a1", "docA", "2023", date_qualifier="late")
    spring = make("b1", "docB", "2023-03-20", EventType.VISIT)
    november = make("c1", "docC", "2023-11-05", EventType.CALL)
    year = make("d1", "docD", "2023", EventType.AGREEMENT)
    assert [e.id for e in sort_events([november, late, spring, year])] == ["d1", "b1", "a1", "c1"]


def test_a_merged_title_names_who_the_other_reports_name() -> None:
    named = make("a1", "docA", "2023-03-21", EventType.AGREEMENT, people=("Xi Jinping",), title="Signed a statement")
    other = make("b1", "docB", "2023-03-21", EventType.AGREEMENT, people=(), title="A statement was signed")
    (merged,) = merge(
        [named.model_copy(update={"participants": []}), other.model_copy(update={"participants": ["Xi Jinping"]})]
    )
    assert "Xi Jinping" in merged.title
