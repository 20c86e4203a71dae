"""Finding an article's publication date in its text or URL, or inferring a lower bound."""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from . import knowledge
from .clauses import way_at
from .dates import MONTHS, TemporalExpression, find
from .models import DateOrigin, PartialDate
from .rules import load_cues
from .text import Sentence, fewer_words, split_sentences

_HEAD = 3000
# "this year marks the 75th anniversary of relations established in 1949": the year is 2024
_ANNIVERSARY = re.compile(
    r"\bthis year (?:marks|is|celebrates|commemorates)\b[^.;]{0,40}?\b(?P<nth>\d{1,3})(?:st|nd|rd|th) anniversary\b"
    r"[^.;]{0,160}?\b(?P<year>1[5-9]\d\d|20\d\d)\b",
    re.IGNORECASE,
)
_DIGIT = re.compile(r"\d")
_LABEL = re.compile(r"\b(?P<label>published|posted|updated|last updated|release date|released|date)\b\s*:?", re.I)
# the place of "MOSCOW, May 25 (Xinhua) --" or of "MOSCOW (Sputnik - 27th March, 2019)"
_DATELINE_OPENING = re.compile(r"\s*(?:[A-Z][A-Za-z.'’ /-]{1,40}[,.]|[A-Z][A-Z.'’ /-]{1,40}\s+\()")
_STAMP_WORDS = 10  # a timestamp line is no longer than this; a bare date line is shorter still
_CLOCK = re.compile(r"\b\d{1,2}:\d\d\b")
_WEEKDAY = re.compile(r"\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b")
_URL_PATTERNS = [
    re.compile(r"(?<!\d)(?P<year>(?:19|20)\d\d)[/_-](?P<month>[01]\d)[/_-](?P<day>[0-3]\d)(?!\d)"),
    re.compile(r"/(?P<year>(?:19|20)\d\d)/(?P<month>[01]\d)(?P<day>[0-3]\d)/"),
    re.compile(r"/(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)/(?P<day>[0-3]\d)/"),
    re.compile(r"/(?P<year>(?:19|20)\d\d)(?P<month>[01]\d)/(?P<day>[0-3]\d)/"),  # China Daily: /a/202505/09/
    re.compile(r"(?<!\d)(?P<year>(?:19|20)\d\d)(?P<month>[01]\d)(?P<day>[0-3]\d)(?!\d)"),
    # a stamp run into its clock time and an id, opening a path segment: /201702091050499264-russia-china/
    re.compile(r"/(?P<year>(?:19|20)\d\d)(?P<month>[01]\d)(?P<day>[0-3]\d)(?:[01]\d|2[0-3])[0-5]\d\d*(?=[-_/.]|$)"),
    re.compile(r"/(?P<day>[0-3]?\d)-(?P<monthname>[A-Za-z]{3,9})-(?P<year>(?:19|20)\d\d)/"),
    # Al Jazeera and others write the month and day without a leading zero: /2022/9/1/
    re.compile(r"/(?P<year>(?:19|20)\d\d)/(?P<month>1[0-2]|0?[1-9])/(?P<day>3[01]|[12]\d|0?[1-9])/"),
    re.compile(r"/(?P<year>(?:19|20)\d\d)/(?P<month>[01]?\d)/"),
]


@dataclass(frozen=True)
class Found:
    """A publication date with where it came from and why it was chosen."""

    date: PartialDate | None
    origin: DateOrigin
    note: str | None
    certain: bool = True


def date_from_url(url: str | None) -> PartialDate | None:
    """The date a page's URL carries (`/2018/06/08/`, `-20240704.htm`, `/15-May-2019/`), if any."""
    if not url:
        return None
    path = re.sub(r"^[a-z]+://[^/]+", "", url)
    for pattern in _URL_PATTERNS:
        match = pattern.search(path)
        if not match:
            continue
        parts = match.groupdict()
        month = MONTHS.get((parts.get("monthname") or "").lower()[:3]) if parts.get("monthname") else None
        month = month or int(parts["month"])
        year = int(parts["year"])
        if not 1995 <= year <= 2100 or not 1 <= month <= 12:
            continue
        if parts.get("day") is None:
            return PartialDate(year=year, month=month)
        try:
            return PartialDate.of(dt.date(year, month, int(parts["day"])))
        except ValueError:
            continue
    return None


def find_published(text: str, start: int, url: str | None) -> Found:
    """The most trustworthy publication date an article shows, by a fixed order of evidence.

    Labelled lines and timestamps beat datelines; a lone date line in the page header (the
    site's date of today) is used only when nothing else is there; a URL date is used when the
    text prints no full date; without any, the latest year mentioned is an inferred lower bound.
    """
    head = _head_expressions(text, start)
    expressions = [e for e in head if e.date is not None and e.type == "DATE"]
    full = [e for e in expressions if e.date is not None and e.date.day is not None]
    candidates: list[tuple[int, TemporalExpression, str]] = []
    for expression in full:
        line = _line_of(text, expression.start)
        label = _LABEL.search(line[: max(0, expression.start - _line_start(text, expression.start)) + 1])
        if label and label.group("label").lower() in {"published", "posted", "release date", "released", "date"}:
            candidates.append((0, expression, f"'{label.group('label')}' line"))
        elif _CLOCK.search(line) and fewer_words(line, _STAMP_WORDS + 1):
            candidates.append((1, expression, "timestamp line"))
        elif expression.role == "dateline":
            candidates.append((2, expression, "dateline"))
        elif label:
            candidates.append((3, expression, f"'{label.group('label')}' line"))
        elif fewer_words(line, 9) and not _WEEKDAY.search(line):
            candidates.append((4, expression, "date line"))
    url_date = date_from_url(url)
    if candidates:
        rank, best, why = min(candidates, key=lambda c: (c[0], c[1].start))
        if rank <= 3 or url_date is None:
            return Found(best.date, DateOrigin.TEXT, f"{why}: {best.text!r}")
    if url_date is not None and url_date.day is not None:
        return Found(url_date, DateOrigin.URL, f"URL: {url}")
    partial = _yearless_dateline(text, start, head, url_date)
    if partial is not None:
        return partial
    if url_date is not None:
        return Found(url_date, DateOrigin.URL, f"URL: {url}")
    furniture = [e for e in full if fewer_words(_line_of(text, e.start), 9)]
    if furniture:
        return Found(furniture[0].date, DateOrigin.TEXT, f"page date line: {furniture[0].text!r}")
    return _lead_day(text, start) or _infer(text, start)


_opening = load_cues("cues.toml")["lead_opening"]
_LEAD_SENTENCES = 4  # the headline and a line or two of page furniture may come before the lead
_SENTENCE_END = (".", "!", "?", "”", '"')


def _lead_day(text: str, start: int) -> Found | None:
    """A readout that prints no date of its own opens on the day it tells of ("On the afternoon of
    December 17, 2015, Premier Li co-chaired ..."), and a caption or title closes on it ("... in
    Beijing, Nov. 9, 2014.", "Regular Press Conference on February 4, 2016"): that day, unless the
    text tells of something done or under way in a later year (an analysis that opens on history)."""
    sentences = split_sentences(text, start)
    for sentence in sentences[:_LEAD_SENTENCES]:
        days = [e for e in find(text, None, start, [sentence]) if e.date is not None and e.date.day is not None]
        first = next((e for e in days if e.type == "DATE" and e.anchor is None), None)
        if first is None or first.date is None:
            continue
        if not _opens_or_closes(text, sentence, first):
            return None  # a date inside the sentence tells of history ("signed their treaty on July 16, 2001")
        if _later_year_told(text, start, sentences, first.date.year):
            return None
        return Found(first.date, DateOrigin.INFERRED, f"the day its opening lines tell of: {first.text!r}")
    return None


def _opens_or_closes(text: str, sentence: Sentence, date: TemporalExpression) -> bool:
    """The date opens a lead ("On December 17, 2015, ...") or closes a caption or a title ("... in
    Beijing, Nov. 9, 2014.", "... Press Conference on February 4, 2016")."""
    before = text[sentence.start : date.start]
    if _opening.match(before) and sentence.text.rstrip().endswith(_SENTENCE_END):
        return True
    closing = not text[date.end : sentence.end].strip(" .")
    return closing and (before.rstrip().endswith(",") or before.endswith(" on "))


def _later_year_told(text: str, start: int, sentences: list[Sentence], year: int) -> bool:
    """The text names a later year in a clause that does not look ahead ("in 2020 and 2021 the two
    should hold ..." looks ahead; "in 2023 trade grew" tells of the past)."""
    starts = [s.start for s in sentences]
    for expression in _all_dates(text, start):
        if expression.date is None or expression.date.year <= year or expression.rule == "decade":
            continue
        sentence = sentences[max(0, bisect.bisect_right(starts, expression.start) - 1)]
        if way_at(sentence.text, expression.start - sentence.start) != "ahead":
            return True
    return False


def _head_expressions(text: str, start: int) -> list[TemporalExpression]:
    """Date expressions of the article's first 3,000 characters where a publication date can be:
    the first sentence of each paragraph (datelines, stamp and byline lines), when it holds a digit
    and is short, labelled, or opens as a dateline does (what `find_published` ranks)."""
    sentences, paragraph = [], -1
    for sentence in split_sentences(text, start):  # the extractor splits the same text next: shared
        if sentence.start >= start + _HEAD:
            break
        if sentence.paragraph != paragraph and _DIGIT.search(sentence.text) and _may_date_the_article(sentence.text):
            sentences.append(sentence)
        paragraph = sentence.paragraph
    return find(text, None, start, sentences)


def _may_date_the_article(first: str) -> bool:
    """A paragraph's first sentence that may hold the publication date: a short line (a stamp or a
    date line), a labelled one ("Published: ..."), or one opening as a dateline ("MOSCOW, May 25")."""
    return fewer_words(first, _STAMP_WORDS + 1) or bool(_LABEL.search(first) or _DATELINE_OPENING.match(first))


def _line_start(text: str, offset: int) -> int:
    return text.rfind("\n", 0, offset) + 1


def _line_of(text: str, offset: int) -> str:
    end = text.find("\n", offset)
    return text[_line_start(text, offset) : end if end >= 0 else len(text)]


def _yearless_dateline(
    text: str, start: int, expressions: list[TemporalExpression], url_date: PartialDate | None
) -> Found | None:
    """`MOSCOW, March 21 (Xinhua) --`: the day from the dateline, the year from the URL or text."""
    for expression in expressions:
        if expression.role != "dateline" or expression.date is not None:
            continue
        match = re.match(r"XXXX-(\d\d)-(\d\d)", expression.value)
        if not match:
            continue
        month, day = int(match.group(1)), int(match.group(2))
        year, why = (url_date.year, "URL") if url_date else _year_named(text, start)
        if year is None:
            return Found(None, DateOrigin.UNKNOWN, f"dateline {expression.text!r} gives no year")
        if url_date is None and why.startswith("latest year"):  # a year the reference data fixes stays
            year, why = _year_of_the_weekday(text, expression, year, month, day, why)
        try:
            date = PartialDate.of(dt.date(year, month, day))
        except ValueError:
            continue
        return Found(date, DateOrigin.TEXT, f"dateline {expression.text!r}, year from the {why}")
    return None


_WEEKDAY_YEARS = 6  # how far from the year the text names a dateline's weekday may move it


def _year_of_the_weekday(
    text: str, dateline: TemporalExpression, year: int, month: int, day: int, why: str
) -> tuple[int, str]:
    """A wire lead says what happened "on Wednesday", the day of its dateline: of the years near the
    one the text names, the nearest in which the dateline's day is that weekday ("BEIJING, April 13
    ... said on Wednesday": 2022, not the 2021 of a year-earlier figure)."""
    line_end = text.find("\n", dateline.end)
    named = _WEEKDAY.search(text, dateline.end, line_end if line_end >= 0 else len(text))
    if named is None:
        return year, why
    weekday = named.group().lower()
    for shift in sorted(range(-_WEEKDAY_YEARS, _WEEKDAY_YEARS + 1), key=lambda n: (abs(n), -n)):
        try:
            if dt.date(year + shift, month, day).strftime("%A").lower() == weekday:
                return year + shift, f"{why}, the year in which it was a {named.group()}"
        except ValueError:
            continue
    return year, why


def _year_named(text: str, start: int) -> tuple[int | None, str]:
    """The year a text without a dated line is of: an anniversary of a milestone the reference data
    knows ("the 75th anniversary of diplomatic relations": 2024), else the latest year it names."""
    anniversary = knowledge.milestone_anniversary(text, start)
    if anniversary is not None:
        year, what = anniversary
        return year, f"{what}, per the reference data"
    return _latest_year(text, start), "latest year in the text"


@lru_cache(maxsize=1)  # the fallbacks read every date of the same text: found once
def _all_dates(text: str, start: int) -> tuple[TemporalExpression, ...]:
    return tuple(find(text, None, start))


def _latest_year(text: str, start: int) -> int | None:
    years = [e.date.year for e in _all_dates(text, start) if e.date is not None and e.rule != "decade"]
    return max(years) if years else None


def _infer(text: str, start: int) -> Found:
    """No printed date: an anniversary "this year" fixes the year; otherwise the latest year the text
    mentions is a lower bound, shown but never used to resolve relative dates."""
    anniversary = _ANNIVERSARY.search(text, start)
    if anniversary:
        year = int(anniversary.group("year")) + int(anniversary.group("nth"))
        reason = f"this year marks the {anniversary.group('nth')}th anniversary of {anniversary.group('year')}"
        return Found(PartialDate(year=year), DateOrigin.INFERRED, reason, certain=True)
    latest = _latest_year(text, start)
    if latest is None:
        return Found(None, DateOrigin.UNKNOWN, "no date in the text, URL or metadata")
    return Found(PartialDate(year=latest), DateOrigin.INFERRED, f"latest year mentioned is {latest}", certain=False)
