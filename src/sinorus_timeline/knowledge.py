"""Recurring events by edition (`data/recurring_events.tsv`): dating "the third Belt and Road Forum"."""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache

from . import openings
from .errors import RulesError
from .gazetteer import read_table
from .models import PartialDate
from .rules import Words, compile_lowered, read_resource, words_of

ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
}
ORDINAL = r"(?P<ordinal>\d{1,2}(?:st|nd|rd|th)|" + "|".join(ORDINALS) + r")"


@dataclass(frozen=True)
class Series:
    """A recurring event: how texts name it and what type of event it is."""

    id: str
    name: str
    kind: str
    pattern: re.Pattern[str]
    folded: re.Pattern[str] | None = None  # the pattern for lower-case text, when it does not mind case


@dataclass(frozen=True)
class Edition:
    """One edition of a recurring event."""

    series: str
    number: int | None
    start: dt.date
    end: dt.date
    city: str
    country: str

    @property
    def key(self) -> str:
        """A stable identity used to merge reports of the same edition."""
        return f"{self.series}:{self.start.isoformat()}"

    def label(self, series_name: str) -> str:
        """A display name such as `3rd Belt and Road Forum for International Cooperation (Beijing)`."""
        prefix = f"{ordinal_text(self.number)} " if self.number else f"{self.start.year} "
        return f"{prefix}{series_name} ({self.city or 'by video link'})"


def ordinal_text(number: int) -> str:
    """`1st`, `2nd`, `3rd`, `11th`."""
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def ordinal_value(text: str) -> int | None:
    """The number an ordinal word or figure stands for."""
    text = text.lower()
    if text[:-2].isdigit():
        return int(text[:-2])
    return ORDINALS.get(text)


@cache
def _series_file() -> tuple[list[Series], frozenset[str]]:
    """The recurring events of `resources/en/series.toml`, and the words one of which every pattern
    needs (its `hints`), read and checked once."""
    try:
        data = tomllib.loads(read_resource("series.toml"))
        series = [
            Series(s["id"], s["name"], s["kind"], re.compile(s["pattern"], re.I), compile_lowered(s["pattern"]))
            for s in data["series"]
        ]
        hints = data["hints"]
    except (tomllib.TOMLDecodeError, KeyError, re.error) as error:
        raise RulesError(f"rules file series.toml is invalid: {error}") from error
    if not isinstance(hints, list) or not all(isinstance(h, str) and h == h.lower() for h in hints):
        raise RulesError("rules file series.toml is invalid: hints must be a list of lower-case words")
    return series, frozenset(hints)


def all_series() -> list[Series]:
    """The recurring events of `resources/en/series.toml`."""
    return _series_file()[0]


@cache
def editions_of(series_id: str) -> list[Edition]:
    """The editions of one series, in table order."""
    return [e for e in editions() if e.series == series_id]


@cache
def editions() -> list[Edition]:
    """Every edition of `data/recurring_events.tsv`."""
    rows = read_table("recurring_events.tsv", ["series", "edition", "start", "end", "city", "country"])
    return [
        Edition(
            row["series"],
            int(row["edition"]) if row["edition"] else None,
            dt.date.fromisoformat(row["start"]),
            dt.date.fromisoformat(row["end"] or row["start"]),
            row["city"],
            row["country"],
        )
        for row in rows
    ]


def series_by_id(series_id: str) -> Series:
    """The series with this id."""
    return next(series for series in all_series() if series.id == series_id)


def _hints() -> frozenset[str]:
    """Words one of which every series pattern needs: most sentences name no recurring event at all."""
    return _series_file()[1]


def may_name_series(words: Words) -> bool:
    """False when a sentence with these words cannot name a recurring event."""
    return not _hints().isdisjoint(words.keys)


@lru_cache(maxsize=64)
def series_in(text: str) -> list[tuple[Series, re.Match[str]]]:
    """Recurring events named in a sentence, in order of mention."""
    words = words_of(text)
    if _hints().isdisjoint(words.keys):
        return []
    lowered = words.lowered if len(words.lowered) == len(text) else None  # same offsets: matches read as spans
    found = [
        (series, match)
        for series in all_series()
        for match in (
            openings.gated(series.folded).finditer(lowered)
            if series.folded is not None and lowered is not None
            else openings.gated(series.pattern).finditer(text)
        )
    ]
    return sorted(found, key=lambda pair: pair[1].start())


_ORDINAL_BEFORE = re.compile(ORDINAL + r"\s+(?:\w+\s+){0,1}$", re.I)
_CONSECUTIVE = re.compile(r"\bfor the " + ORDINAL + r"\s+(?:consecutive|straight|successive)\s+time\b", re.I)


def ordinal_before(text: str, start: int) -> int | None:
    """The ordinal just before a mention ("the third Belt and Road Forum", "the 16th BRICS Summit")."""
    match = _ORDINAL_BEFORE.search(text, max(0, start - 30), start)
    return ordinal_value(match.group("ordinal")) if match else None


def consecutive_ordinal(text: str) -> int | None:
    """ "for the third consecutive time": every edition attended, so the edition number."""
    match = _CONSECUTIVE.search(text)
    return ordinal_value(match.group("ordinal")) if match else None


_NEWS_DAYS = 7  # how far from an edition a report of its week may be written


def _days_apart(edition: Edition, reference: PartialDate) -> int:
    """Days between an edition and a publication date (0 when they overlap)."""
    if reference.day is None:
        return _NEWS_DAYS + 1  # only a day says how near
    day = reference.first_day()
    if edition.start <= day <= edition.end:
        return 0
    return min(abs((edition.start - day).days), abs((edition.end - day).days))


def find_edition(
    series_ids: list[str],
    *,
    number: int | None = None,
    city: str | None = None,
    year: int | None = None,
    reference: PartialDate | None = None,
    future: bool = False,
) -> Edition | None:
    """The one edition the clues point to, or None when they do not single one out.

    `city` may also name the host country.
    """
    candidates = [e for series_id in dict.fromkeys(series_ids) for e in editions_of(series_id)]
    if number is not None:
        candidates = [e for e in candidates if e.number == number]
    if city is not None:
        candidates = [e for e in candidates if city.lower() in {e.city.lower(), e.country.lower()}]
    if year is not None:
        candidates = [e for e in candidates if e.start.year == year]
    if len(candidates) <= 1 or reference is None:
        return candidates[0] if len(candidates) == 1 else None
    # a report written within days of an edition speaks of it, whatever its tense ("ahead of the summit")
    near = [e for e in candidates if _days_apart(e, reference) <= _NEWS_DAYS]
    if len(near) == 1:
        return near[0]
    if future:
        ahead = [e for e in candidates if e.end >= reference.first_day()]
        return min(ahead, key=lambda e: e.start) if ahead else None
    behind = [e for e in candidates if e.start <= reference.last_day()]
    return max(behind, key=lambda e: e.start) if behind else None


@dataclass(frozen=True)
class Milestone:
    """A founding moment of the relationship (`data/milestones.tsv`): its date and how texts name it."""

    key: str
    title: str
    date: PartialDate


@cache
def _milestones() -> tuple[dict[str, Milestone], re.Pattern[str]]:
    """Each milestone by alias, and one pattern that finds any alias (longest first)."""
    by_alias: dict[str, Milestone] = {}
    for row in read_table("milestones.tsv", ["key", "type", "date", "title", "aliases", "source"]):
        milestone = Milestone(row["key"], row["title"], PartialDate.parse(row["date"]))
        for alias in row["aliases"].split("|"):
            by_alias[alias.strip().lower()] = milestone
    aliases = sorted(by_alias, key=len, reverse=True)
    pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, aliases)) + r")\b", re.IGNORECASE)
    return by_alias, pattern


def milestone_in(text: str, start: int = 0, end: int | None = None) -> Milestone | None:
    """The first milestone `text[start:end]` names ("victory in the great patriotic war")."""
    by_alias, pattern = _milestones()
    match = pattern.search(text, start, len(text) if end is None else end)
    return by_alias[match.group().lower()] if match else None


_NTH_ANNIVERSARY_OF = re.compile(ORDINAL + r"\s+anniversary\s+of\b", re.IGNORECASE)
_OF_WHAT = 100  # characters after "the 75th anniversary of" within which its object is named


@dataclass(frozen=True)
class Anniversary:
    """ "the 75th anniversary of diplomatic ties": where the text says it, and of what milestone."""

    start: int
    words: str  # "75th anniversary of"
    years: int
    milestone: Milestone

    @property
    def date(self) -> PartialDate:
        """The day (or month) the anniversary falls on."""
        date = self.milestone.date
        try:
            return PartialDate(year=date.year + self.years, month=date.month, day=date.day)
        except ValueError:  # February 29 in a common year
            return PartialDate(year=date.year + self.years, month=date.month)


def milestone_anniversaries(text: str, start: int = 0, end: int | None = None) -> Iterator[Anniversary]:
    """Each "Nth anniversary of <a milestone the reference data knows>" opening in `text[start:end]`."""
    for match in _NTH_ANNIVERSARY_OF.finditer(text, start, len(text) if end is None else end):
        years = ordinal_value(match.group("ordinal"))
        milestone = milestone_in(text, match.end(), match.end() + _OF_WHAT)
        if years is not None and milestone is not None:
            yield Anniversary(match.start(), match.group(), years, milestone)


def milestone_anniversary(text: str, start: int = 0) -> tuple[int, str] | None:
    """The year of the first anniversary of a milestone `text` names, and how it was read."""
    found = next(milestone_anniversaries(text, start), None)
    return None if found is None else (found.date.year, f"{found.words} {found.milestone.title}")
