"""Pydantic models shared by every stage: partial dates, documents, sources and events."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from enum import StrEnum
from functools import total_ordering
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_serializer, model_validator

_PARTIAL = re.compile(r"^(?:(\d{3})X|(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?)$")


class Held(BaseModel):
    """A model held by the ten thousand: its instances share one record of which fields are set.

    Pydantic keeps a set of field names per instance (about 700 bytes for an event), used only for
    `exclude_unset`, which nothing here asks for; sharing it (every field counts as set) keeps a big
    corpus's events in a third less memory.
    """

    def model_post_init(self, context: Any, /) -> None:
        # Run for each of the hundred thousand models a big timeline loads: one lookup, no call.
        shared = _EVERY_FIELD.get(type(self))
        object.__setattr__(self, "__pydantic_fields_set__", shared if shared is not None else _every_field(type(self)))

    def __setstate__(self, state: dict[Any, Any]) -> None:
        super().__setstate__(state)
        object.__setattr__(self, "__pydantic_fields_set__", _every_field(type(self)))


_EVERY_FIELD: dict[type[BaseModel], set[str]] = {}


def _every_field(model: type[BaseModel]) -> set[str]:
    shared = _EVERY_FIELD.get(model)
    if shared is None:
        shared = _EVERY_FIELD[model] = set(model.model_fields)
    return shared


class Qualifier(StrEnum):
    """Where inside its period a date falls, as the text says it."""

    EARLY = "early"
    MID = "mid"
    LATE = "late"


@total_ordering
class PartialDate(Held):
    """A date known to the year, month or day, or only to the decade (`199X`).

    Serialised as its canonical string (`2023`, `2023-10`, `2023-10-18`, `199X`).
    """

    model_config = ConfigDict(frozen=True)

    year: int = Field(ge=1, le=9999)
    month: int | None = Field(default=None, ge=1, le=12)
    day: int | None = Field(default=None, ge=1, le=31)
    decade: bool = False

    @model_validator(mode="before")
    @classmethod
    def _from_string(cls, value: Any) -> Any:
        if isinstance(value, str):
            return cls._parse_fields(value)
        if isinstance(value, dt.date):
            return {"year": value.year, "month": value.month, "day": value.day}
        return value

    @model_validator(mode="after")
    def _check(self) -> PartialDate:
        if self.day is not None and self.month is None:
            raise ValueError("a day needs a month")
        if self.decade and (self.month is not None or self.year % 10):
            raise ValueError("a decade is a year divisible by ten, without month")
        if self.day is not None and self.month is not None:
            last = calendar.monthrange(self.year, self.month)[1]
            if self.day > last:
                raise ValueError(f"{self.year}-{self.month:02d} has no day {self.day}")
        return self

    @model_serializer
    def _to_string(self) -> str:
        return str(self)

    @staticmethod
    def _parse_fields(text: str) -> dict[str, Any]:
        match = _PARTIAL.match(text.strip())
        if not match:
            raise ValueError(f"not a partial date: {text!r} (use 2023, 2023-10, 2023-10-18 or 199X)")
        decade, year, month, day = match.groups()
        if decade:
            return {"year": int(decade) * 10, "decade": True}
        return {
            "year": int(year),
            "month": int(month) if month else None,
            "day": int(day) if day else None,
        }

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Read a canonical string such as `2023-10` or `199X`."""
        return cls.model_validate(text)

    @classmethod
    def of(cls, day: dt.date) -> PartialDate:
        """A day-precise partial date."""
        return cls(year=day.year, month=day.month, day=day.day)

    @property
    def precision(self) -> str:
        """`decade`, `year`, `month` or `day`."""
        if self.decade:
            return "decade"
        if self.month is None:
            return "year"
        return "month" if self.day is None else "day"

    def first_day(self) -> dt.date:
        """The earliest day the date can mean."""
        return dt.date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> dt.date:
        """The latest day the date can mean."""
        if self.decade:
            return dt.date(self.year + 9, 12, 31)
        if self.month is None:
            return dt.date(self.year, 12, 31)
        if self.day is None:
            return dt.date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])
        return dt.date(self.year, self.month, self.day)

    def as_date(self) -> dt.date | None:
        """The calendar day, when the date is day-precise."""
        return self.first_day() if self.day is not None else None

    def contains(self, other: PartialDate) -> bool:
        """True when every day `other` can mean lies within this date."""
        return self.first_day() <= other.first_day() and other.last_day() <= self.last_day()

    def overlaps(self, other: PartialDate) -> bool:
        """True when the two dates can mean a common day."""
        return self.first_day() <= other.last_day() and other.first_day() <= self.last_day()

    def truncate(self, precision: str) -> PartialDate:
        """The same date at a coarser precision (`year`, `month`)."""
        if precision == "year":
            return PartialDate(year=self.year)
        if precision == "month" and self.month is not None:
            return PartialDate(year=self.year, month=self.month)
        return self

    def _key(self) -> tuple[dt.date, int]:
        rank = {"decade": 0, "year": 1, "month": 2, "day": 3}[self.precision]
        return (self.first_day(), rank)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self._key() < other._key()

    def __str__(self) -> str:
        if self.decade:
            return f"{self.year // 10:03d}X"
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        return text

    def __hash__(self) -> int:
        return hash((self.year, self.month, self.day, self.decade))

    def __eq__(self, other: object) -> bool:
        # Dates are compared at every fold and merge: their four fields, not a generic model check.
        if not isinstance(other, PartialDate):
            return NotImplemented
        return (self.year, self.month, self.day, self.decade) == (other.year, other.month, other.day, other.decade)


class DateOrigin(StrEnum):
    """Where a document's publication date came from."""

    OPTION = "option"
    CORRECTION = "correction"  # set by hand in the corrections file
    FRONT_MATTER = "front_matter"
    MANIFEST = "manifest"
    HTML = "html"  # a saved page's markup: meta tags, <time>, JSON-LD
    TEXT = "text"
    URL = "url"
    INFERRED = "inferred"
    UNKNOWN = "unknown"


class Document(BaseModel):
    """One article: its text, where it came from, and when it was published."""

    id: str
    path: str
    file: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: PartialDate | None = None
    published_origin: DateOrigin = DateOrigin.UNKNOWN
    published_note: str | None = None
    # Inference gives a lower bound only: it is shown, never used to resolve relative dates.
    published_certain: bool = True
    text: str = Field(default="", exclude=True, repr=False)
    body_start: int = Field(default=0, exclude=True)
    extra: dict[str, str] = Field(default_factory=dict)


class EventType(StrEnum):
    """The kinds of event a timeline holds."""

    SUMMIT = "summit"
    FORUM = "forum"
    VISIT = "visit"
    MEETING = "meeting"
    CALL = "call"
    AGREEMENT = "agreement"
    ANNIVERSARY = "anniversary"
    DIPLOMATIC = "diplomatic"
    FOUNDING = "founding"
    AWARD = "award"
    ELECTION = "election"
    MEETING_COUNT = "meeting_count"
    TRADE = "trade"
    OTHER = "other"


FAMILIES: tuple[frozenset[EventType], ...] = (
    frozenset({EventType.SUMMIT, EventType.FORUM}),
    frozenset({EventType.VISIT, EventType.MEETING, EventType.CALL}),
    frozenset({EventType.DIPLOMATIC, EventType.FOUNDING}),
)


def family(kind: EventType) -> str:
    """A name shared by event types that describe the same kind of happening."""
    for members in FAMILIES:
        if kind in members:
            return "+".join(sorted(members))
    return kind.value


class Status(StrEnum):
    """Whether an event had happened when the article was written."""

    HAPPENED = "happened"
    PLANNED = "planned"
    CANCELLED = "cancelled"


class Source(Held):
    """Where an event was read: the article, the sentence, and how its date was found."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    file: str
    path: str
    document_id: str
    evidence: str
    start: int
    end: int
    date_text: str | None = None
    resolution: str | None = None
    # what a reader cites: the article's address, outlet, headline and publication date
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    published: str | None = None


class Event(Held):
    """One dated, typed event with the sentences it was read from."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    type: EventType
    title: str
    date: PartialDate | None = None
    date_end: PartialDate | None = None
    date_qualifier: Qualifier | None = None
    date_conflicts: list[PartialDate] = Field(default_factory=list)
    status: Status = Status.HAPPENED
    places: list[str] = Field(default_factory=list)
    participants: list[str] = Field(default_factory=list)
    count: int | None = None
    count_since: str | None = None
    count_qualifier: str | None = None
    value: str | None = None
    key: str | None = None
    confidence: float = Field(default=0.5, ge=0.0, le=1.0)
    sources: list[Source] = Field(default_factory=list)
    corrected: bool = False  # changed or added by the analyst's corrections file
