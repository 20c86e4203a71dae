"""PartialDate parsing, ordering and arithmetic; Event serialisation."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from pydantic import ValidationError

from sinorus_timeline.models import (
    Event,
    EventType,
    PartialDate,
    Qualifier,
    Source,
    Status,
    family,
)


@pytest.mark.parametrize(
    ("text", "year", "month", "day", "decade", "precision"),
    [
        ("2023", 2023, None, None, False, "year"),
        ("2023-10", 2023, 10, None, False, "month"),
        ("2023-10-18", 2023, 10, 18, False, "day"),
        ("199X", 1990, None, None, True, "decade"),
        ("0995", 995, None, None, False, "year"),
        (" 2024-02-29 ", 2024, 2, 29, False, "day"),
    ],
)
def test_parse_canonical(
    text: str, year: int, month: int | None, day: int | None, decade: bool, precision: str
) -> None:
    date = PartialDate.parse(text)
    assert (date.year, date.month, date.day, date.decade) == (year, month, day, decade)
    assert date.precision == precision


@pytest.mark.parametrize(
    "text",
    [
        "2023-13",
        "2023-00",
        "2023-02-30",
        "2023-04-31",
        "2023-02-29",
        "abc",
        "",
        "23",
        "2023-1",
        "2023/10/18",
        "2023-10-18T10:00",
        "19XX",
        "20235",
    ],
)
def test_parse_rejects(text: str) -> None:
    with pytest.raises(ValueError):
        PartialDate.parse(text)


def test_parse_rejects_is_a_validation_error() -> None:
    with pytest.raises(ValidationError, match="no day 30"):
        PartialDate.parse("2023-02-30")


def test_constructor_checks() -> None:
    with pytest.raises(ValidationError, match="a day needs a month"):
        PartialDate(year=2020, day=3)
    with pytest.raises(ValidationError, match="decade"):
        PartialDate(year=1995, decade=True)
    with pytest.raises(ValidationError, match="decade"):
        PartialDate(year=1990, month=5, decade=True)


@pytest.mark.parametrize("text", ["2023", "2023-10", "2023-10-18", "199X", "200X", "0001", "2024-02-29"])
def test_str_round_trip(text: str) -> None:
    date = PartialDate.parse(text)
    assert str(date) == text
    assert PartialDate.parse(str(date)) == date


def test_from_datetime_date_and_of() -> None:
    day = dt.date(2019, 6, 5)
    assert PartialDate.model_validate(day) == PartialDate.parse("2019-06-05")
    assert PartialDate.of(day) == PartialDate.parse("2019-06-05")
    assert PartialDate.of(day).as_date() == day
    assert PartialDate.parse("2019-06").as_date() is None


def test_equality_and_hash() -> None:
    assert PartialDate.parse("2023-10") == PartialDate(year=2023, month=10)
    assert PartialDate.parse("2023-10") != PartialDate.parse("2023-10-01")
    assert PartialDate.parse("2020") != PartialDate.parse("202X")
    assert len({PartialDate.parse("2023-10"), PartialDate(year=2023, month=10), PartialDate.parse("2023")}) == 2


def test_frozen() -> None:
    date = PartialDate.parse("2023")
    with pytest.raises(ValidationError):
        date.year = 2024  # type: ignore[misc]


def test_sorting_mixed_list() -> None:
    texts = ["2023-10-18", "199X", "2023", "2023-10", "2022-12-31", "1995", "2023-01-01", "2023-09"]
    ordered = [str(d) for d in sorted(PartialDate.parse(t) for t in texts)]
    # Ordered by first day; on the same first day the coarser precision comes first.
    assert ordered == ["199X", "1995", "2022-12-31", "2023", "2023-01-01", "2023-09", "2023-10", "2023-10-18"]


def test_ordering_operators() -> None:
    assert PartialDate.parse("2023") < PartialDate.parse("2023-01")
    assert PartialDate.parse("2023-01") < PartialDate.parse("2023-01-01")
    assert PartialDate.parse("2023-12-31") < PartialDate.parse("2024")
    assert PartialDate.parse("2024") > PartialDate.parse("202X")
    assert PartialDate.parse("2023-10") <= PartialDate.parse("2023-10")
    assert max(PartialDate.parse(t) for t in ["2019", "2019-06-05", "2018-12"]) == PartialDate.parse("2019-06-05")
    assert PartialDate.parse("2023").__lt__("2024") is NotImplemented


@pytest.mark.parametrize(
    ("outer", "inner", "expected"),
    [
        ("2023", "2023-10-18", True),
        ("2023-10", "2023-10-18", True),
        ("2023-10", "2023-10", True),
        ("202X", "2023-10", True),
        ("202X", "2029-12-31", True),
        ("202X", "2030", False),
        ("2023-10-18", "2023-10", False),
        ("2023-10", "2023-11-01", False),
        ("2023", "2024-01", False),
    ],
)
def test_contains(outer: str, inner: str, expected: bool) -> None:
    assert PartialDate.parse(outer).contains(PartialDate.parse(inner)) is expected


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("2023-10", "2023-10-18", True),
        ("2023-10-18", "2023-10", True),
        ("2023", "202X", True),
        ("2023", "201X", False),
        ("2023-10-18", "2023-10-19", False),
        ("2023-10", "2023-11", False),
        ("199X", "2000", False),
        ("2023-12-31", "2023", True),
    ],
)
def test_overlaps_is_symmetric(a: str, b: str, expected: bool) -> None:
    first, second = PartialDate.parse(a), PartialDate.parse(b)
    assert first.overlaps(second) is expected
    assert second.overlaps(first) is expected


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("2023", dt.date(2023, 1, 1), dt.date(2023, 12, 31)),
        ("2023-10", dt.date(2023, 10, 1), dt.date(2023, 10, 31)),
        ("2023-04", dt.date(2023, 4, 1), dt.date(2023, 4, 30)),
        ("2023-10-18", dt.date(2023, 10, 18), dt.date(2023, 10, 18)),
        ("199X", dt.date(1990, 1, 1), dt.date(1999, 12, 31)),
        ("2024-02", dt.date(2024, 2, 1), dt.date(2024, 2, 29)),
        ("2023-02", dt.date(2023, 2, 1), dt.date(2023, 2, 28)),
        ("2000-02", dt.date(2000, 2, 1), dt.date(2000, 2, 29)),
        ("1900-02", dt.date(1900, 2, 1), dt.date(1900, 2, 28)),
    ],
)
def test_first_and_last_day(text: str, first: dt.date, last: dt.date) -> None:
    date = PartialDate.parse(text)
    assert date.first_day() == first
    assert date.last_day() == last


def test_truncate() -> None:
    day = PartialDate.parse("2023-10-18")
    assert day.truncate("year") == PartialDate.parse("2023")
    assert day.truncate("month") == PartialDate.parse("2023-10")
    assert day.truncate("day") == day
    assert PartialDate.parse("2023").truncate("month") == PartialDate.parse("2023")


def test_family_groups_related_types() -> None:
    assert family(EventType.VISIT) == family(EventType.MEETING) == family(EventType.CALL)
    assert family(EventType.SUMMIT) == family(EventType.FORUM)
    assert family(EventType.SUMMIT) != family(EventType.MEETING)
    assert family(EventType.TRADE) == "trade"


def _event() -> Event:
    source = Source(
        file="a.txt",
        path="in/a.txt",
        document_id="abc123",
        evidence="Xi met Putin on Wednesday.",
        start=10,
        end=36,
        date_text="Wednesday",
        resolution="'Wednesday' resolved against the publication date",
    )
    return Event(
        id="e1",
        type=EventType.MEETING,
        title="Meeting: Xi and Putin",
        date=PartialDate.parse("2023-10-18"),
        date_end=PartialDate.parse("2023-10-19"),
        date_qualifier=Qualifier.LATE,
        date_conflicts=[PartialDate.parse("2023-10"), PartialDate.parse("199X")],
        status=Status.PLANNED,
        places=["Beijing"],
        participants=["Xi Jinping", "Vladimir Putin"],
        key="brf:2023-10-17",
        confidence=0.8,
        sources=[source],
    )


def test_event_dates_serialise_as_strings() -> None:
    data = json.loads(_event().model_dump_json())
    assert data["date"] == "2023-10-18"
    assert data["date_end"] == "2023-10-19"
    assert data["date_conflicts"] == ["2023-10", "199X"]
    assert data["date_qualifier"] == "late"
    assert data["type"] == "meeting"
    assert data["status"] == "planned"
    assert _event().model_dump(mode="json")["date"] == "2023-10-18"


def test_event_json_round_trip() -> None:
    event = _event()
    again = Event.model_validate_json(event.model_dump_json())
    assert again == event
    assert isinstance(again.date, PartialDate)
    assert again.date_conflicts[1].decade is True


def test_undated_event_round_trip() -> None:
    event = Event(id="x", type=EventType.OTHER, title="Something")
    data = json.loads(event.model_dump_json())
    assert data["date"] is None
    assert Event.model_validate_json(event.model_dump_json()) == event


def test_event_rejects_unknown_fields_and_bad_confidence() -> None:
    with pytest.raises(ValidationError):
        Event.model_validate({"id": "x", "type": "meeting", "title": "t", "colour": "red"})
    with pytest.raises(ValidationError):
        Event(id="x", type=EventType.MEETING, title="t", confidence=1.5)
    with pytest.raises(ValidationError):
        Event.model_validate({"id": "x", "type": "meeting", "title": "t", "date": "2023-02-30"})
