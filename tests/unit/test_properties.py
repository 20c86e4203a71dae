"""Properties that must hold for any input: date finding, partial dates, merging and evidence.

Generated with hypothesis. The runs are derandomized and keep no example database, so a run is
reproducible and leaves no files in the repository; examples are few enough for a fast test run.
"""

from __future__ import annotations

import calendar
import random

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from sinorus_timeline import dates, timeline
from sinorus_timeline.documents import make_document
from sinorus_timeline.extract import extract
from sinorus_timeline.models import Document, Event, EventType, PartialDate, Source

FAST = settings(
    max_examples=50,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
FIND = settings(FAST, max_examples=300)  # dates.find alone is quick: search wider


# --- strategies -----------------------------------------------------------------------------------


@st.composite
def partial_dates(draw: st.DrawFn, min_year: int = 1900, max_year: int = 2100) -> PartialDate:
    """A valid partial date at any precision: decade, year, month or day."""
    precision = draw(st.sampled_from(["decade", "year", "month", "day"]))
    if precision == "decade":
        decade = draw(st.integers(max(1, (min_year + 9) // 10), max_year // 10))
        return PartialDate(year=decade * 10, decade=True)
    year = draw(st.integers(min_year, max_year))
    if precision == "year":
        return PartialDate(year=year)
    month = draw(st.integers(1, 12))
    if precision == "month":
        return PartialDate(year=year, month=month)
    day = draw(st.integers(1, calendar.monthrange(year, month)[1]))
    return PartialDate(year=year, month=month, day=day)


MONTH_NAMES = list(calendar.month_name)[1:]
WEEKDAY_NAMES = list(calendar.day_name)

# Pieces of text that the date rules read, mixed with arbitrary text so that the resolvers run.
_DATE_FRAGMENTS = st.one_of(
    st.builds("{} {}, {}".format, st.sampled_from(MONTH_NAMES), st.integers(0, 40), st.integers(1400, 2199)),
    st.builds("{} {}".format, st.integers(0, 40), st.sampled_from(MONTH_NAMES)),
    st.builds("{} {}-{}".format, st.sampled_from(MONTH_NAMES), st.integers(1, 31), st.integers(1, 31)),
    st.builds("{:04d}-{:02d}-{:02d}".format, st.integers(1400, 2199), st.integers(0, 13), st.integers(0, 32)),
    st.builds("{}/{}/{}".format, st.integers(1400, 2199), st.integers(0, 13), st.integers(0, 32)),
    st.builds("{} {}".format, st.sampled_from(["early", "mid", "late", "the end of"]), st.integers(1400, 2199)),
    st.builds("{}-{}".format, st.integers(1400, 2199), st.integers(1400, 2199)),
    st.builds("the {}0s".format, st.integers(140, 219)),
    st.builds(
        "{} {}s ago".format,
        st.one_of(st.integers(0, 999).map(str), st.sampled_from(["a", "two", "ninety", "a few"])),
        st.sampled_from(["day", "week", "month", "year", "decade"]),
    ),
    st.builds(
        "{} {}".format,
        st.sampled_from(["last", "next", "this", "the previous", "the following", "the past"]),
        st.sampled_from(["week", "month", "year", "quarter", "weekend"]),
    ),
    st.builds("{}on {}".format, st.sampled_from(["", "last ", "next ", "this past "]), st.sampled_from(WEEKDAY_NAMES)),
    st.sampled_from(
        [
            "yesterday",
            "today",
            "tomorrow",
            "the day before yesterday",
            "the day after",
            "a week later",
            "the previous day",
            "the first quarter of last year",
            "the second half of next year",
            "last spring",
            "at 10:30 a.m.",
            "in the morning",
            "every year",
            "for three decades",
            "Feb 29, 2100",
            "December 31-2",
            "Sept. 9",
            "MOSCOW, March 21 (Xinhua) -- ",
            "Published: 2019/6/5",
            "\n",
            ". ",
        ]
    ),
)
TEXTS = st.lists(st.one_of(st.text(max_size=30), _DATE_FRAGMENTS), max_size=12).map(" ".join)

# Sentences of a synthetic article: each names an event the extractor knows, dated in several ways.
_TEMPLATES = [
    "Chinese President Xi Jinping met Russian President Vladimir Putin in {place} on {date}.",
    "Xi Jinping held talks with Vladimir Putin in {place} on {weekday}.",
    "Putin and Xi spoke by phone on {date}, the Kremlin said.",
    "The two leaders signed a joint statement on {date}.",
    "Putin will visit China on {date} to attend the Belt and Road Forum.",
    "Xi and Putin have met more than {count} times since 2013.",
    "Russian Prime Minister Mikhail Mishustin held talks with Chinese Premier Li Qiang in {place} {relative}.",
    "Bilateral trade between China and Russia reached ${count} billion in {year}.",
    "The SCO summit was held in Astana in {month} {year}.",
    "Both sides marked the anniversary of the establishment of diplomatic relations {relative}.",
    "Analysts said the partnership had no limits, but gave few details.",
]
_PLACES = ["Moscow", "Beijing", "Kazan", "Astana", "Vladivostok", "Shanghai"]
_RELATIVE = ["last week", "yesterday", "on Tuesday", "next month", "last year", "the day before", "in June"]


@st.composite
def date_texts(draw: st.DrawFn) -> str:
    year = draw(st.integers(2000, 2030))
    month = draw(st.integers(1, 12))
    day = draw(st.integers(1, calendar.monthrange(year, month)[1]))
    name = MONTH_NAMES[month - 1]
    spelling = draw(st.sampled_from(["{n} {d}, {y}", "{d} {n} {y}", "{n} {d}", "{y}-{m:02d}-{d:02d}", "{n} {y}"]))
    return spelling.format(n=name, d=day, y=year, m=month)


@st.composite
def sentences(draw: st.DrawFn, shared: tuple[str, ...] = ()) -> str:
    """One template sentence; `shared` dates, common to the articles of a corpus, make reports merge."""
    template = draw(st.sampled_from(_TEMPLATES))
    return template.format(
        place=draw(st.sampled_from(_PLACES)),
        date=draw(date_texts() if not shared or draw(st.integers(0, 3)) == 0 else st.sampled_from(shared)),
        weekday=draw(st.sampled_from(WEEKDAY_NAMES)),
        count=draw(st.integers(2, 400)),
        relative=draw(st.sampled_from(_RELATIVE)),
        year=draw(st.integers(2000, 2030)),
        month=draw(st.sampled_from(MONTH_NAMES)),
    )


@st.composite
def articles(
    draw: st.DrawFn, index: int = 0, shared: tuple[str, ...] = (), published_pool: tuple[PartialDate, ...] = ()
) -> Document:
    """A short article: optional front matter and dateline, then template sentences."""
    dates_published = st.sampled_from(published_pool) if published_pool else partial_dates(2000, 2030)
    published = draw(st.one_of(st.none(), dates_published))
    body = draw(st.lists(sentences(shared), min_size=1, max_size=6))
    separators = draw(st.lists(st.sampled_from([" ", "\n", "\n\n"]), min_size=len(body), max_size=len(body)))
    text = "".join(sentence + separator for sentence, separator in zip(body, separators, strict=True))
    if draw(st.booleans()):
        text = "BEIJING, " + draw(date_texts()) + " (Xinhua) -- " + text
    # The title keeps the bytes, and so the document ids, of the articles of one run apart.
    head = f"---\ntitle: Article {index}\n" + (f"published: {published}\n" if published else "") + "---\n"
    return make_document((head + text).encode(), f"folder/article-{index}.txt")


@st.composite
def corpora(draw: st.DrawFn) -> tuple[list[Document], list[Event]]:
    count = draw(st.integers(2, 5))
    shared = tuple(draw(st.lists(date_texts(), min_size=1, max_size=3)))
    published_pool = tuple(draw(st.lists(partial_dates(2000, 2030), min_size=1, max_size=2)))
    documents = [draw(articles(index, shared, published_pool)) for index in range(count)]
    return documents, [event for document in documents for event in extract(document)]


_PEOPLE = ["Xi Jinping", "Vladimir Putin", "Li Qiang", "Mikhail Mishustin"]
_EVENT_DATES = ["2023", "2023-10", "2023-10-17", "2023-10-18", "2023-11", "2024-10-17", "202X"]


@st.composite
def generated_events(draw: st.DrawFn) -> list[Event]:
    """Events built directly, crowded onto few dates, people and documents so that many could merge."""
    events = []
    for number in range(draw(st.integers(1, 10))):
        document = draw(st.sampled_from("abcd"))
        date = draw(st.sampled_from([None, *_EVENT_DATES]))
        source = Source(
            file=f"{document}.txt",
            path=f"in/{document}.txt",
            document_id=document,
            evidence="Xi met Putin.",
            start=number,
            end=number + 13,
        )
        events.append(
            Event(
                id=f"e{number:02d}",
                type=draw(st.sampled_from([EventType.MEETING, EventType.VISIT, EventType.FORUM])),
                title=f"event {number}",
                date=PartialDate.parse(date) if date else None,
                participants=draw(st.lists(st.sampled_from(_PEOPLE), unique=True, max_size=2)),
                places=draw(st.lists(st.sampled_from(["Beijing", "Moscow"]), unique=True, max_size=2)),
                key=draw(st.sampled_from([None, None, "belt_and_road_forum:2023-10-17"])),
                confidence=draw(st.sampled_from([0.5, 0.7, 0.9])),
                sources=[source],
            )
        )
    return events


EVENT_LISTS = st.one_of(corpora().map(lambda corpus: corpus[1]), generated_events())


def documents_of(texts: dict[str, str]) -> list[Document]:
    return [make_document(text.encode(), name) for name, text in texts.items()]


def events_of(documents: list[Document]) -> list[Event]:
    return [event for document in documents for event in extract(document)]


# Three reports of one meeting: one names Xi, one Putin, one both. Each single-name report is the
# same event as the joint one, so all three are one event.
THREE_REPORTS = {
    "a.txt": "---\npublished: 2023-12-30\n---\nChinese President Xi Jinping held talks in Moscow in March 2023, "
    "officials said.\n",
    "b.txt": "---\npublished: 2023-12-30\n---\nRussian President Vladimir Putin held talks in Moscow in March 2023, "
    "officials said.\n",
    "c.txt": "---\npublished: 2023-12-30\n---\nXi Jinping and Vladimir Putin held talks in Moscow in March 2023, "
    "officials said.\n",
}


def summary(events: list[Event]) -> list[tuple[str, str | None, str | None, tuple[str, ...]]]:
    """What merging decides: ids, dates and which sources each event holds, in output order."""
    return [
        (
            e.id,
            str(e.date) if e.date else None,
            str(e.date_end) if e.date_end else None,
            tuple(f"{s.document_id}:{s.start}" for s in e.sources),
        )
        for e in events
    ]


# --- dates.find ------------------------------------------------------------------------------------

FEB_29 = ("Xi Jinping met Vladimir Putin on Feb 29, officials said.", PartialDate(year=2022, month=3, day=5))
DECADES_AGO = (
    "Xi Jinping said the two peoples first traded 300 decades ago.",
    PartialDate(year=2023, month=10, day=19),
)


@FIND
@given(text=TEXTS, published=st.one_of(st.none(), partial_dates()))
@example(text=FEB_29[0], published=FEB_29[1])
@example(text=DECADES_AGO[0], published=DECADES_AGO[1])
def test_find_never_raises_and_spans_are_consistent(text: str, published: PartialDate | None) -> None:
    for expression in dates.find(text, published):
        assert 0 <= expression.start < expression.end <= len(text)
        assert text[expression.start : expression.end] == expression.text
        if expression.date is not None:
            assert isinstance(expression.date, PartialDate)
            assert PartialDate.parse(str(expression.date)) == expression.date
        if expression.date_end is not None:
            assert expression.date is not None, f"{expression.text!r}: an end without a start"
            assert PartialDate.parse(str(expression.date_end)) == expression.date_end
            assert expression.date.first_day() <= expression.date_end.first_day(), expression


@FIND
@given(text=st.text(max_size=200), published=st.one_of(st.none(), partial_dates()))
def test_find_on_arbitrary_unicode(text: str, published: PartialDate | None) -> None:
    for expression in dates.find(text, published):
        assert 0 <= expression.start < expression.end <= len(text)
        assert text[expression.start : expression.end] == expression.text


@pytest.mark.parametrize("published", ["2022-03-05", "1900-01-01", "2101-06-01"])
def test_feb_29_without_a_year_does_not_crash(published: str) -> None:
    """No leap year within a year of the article: 'Feb 29' reads as no date, and the meeting is kept."""
    document = make_document(f"---\npublished: {published}\n---\n{FEB_29[0]}\n".encode(), "leap.txt")
    events = extract(document)
    assert [e.type for e in events] == [EventType.MEETING]
    assert events[0].date is None


def test_decades_ago_reaching_before_year_one_does_not_crash() -> None:
    """'300 decades ago' from 2023 would be year -977: not a date, and the rest of the text is still read."""
    text = f"{DECADES_AGO[0]} Chinese President Xi Jinping met Vladimir Putin on Tuesday."
    document = make_document(f"---\npublished: 2023-10-19\n---\n{text}\n".encode(), "ago.txt")
    events = extract(document)
    assert all(e.date is None or e.date.year >= 1 for e in events)
    assert any(e.type == EventType.MEETING and str(e.date) == "2023-10-17" for e in events)


# --- PartialDate -----------------------------------------------------------------------------------


@FAST
@given(date=partial_dates(1, 9999))
def test_partial_date_round_trips_through_its_string(date: PartialDate) -> None:
    assert PartialDate.parse(str(date)) == date
    assert PartialDate.model_validate_json(date.model_dump_json()) == date
    assert date.first_day() <= date.last_day()
    assert date.contains(date)


@FAST
@given(a=partial_dates(1, 9999), b=partial_dates(1, 9999), c=partial_dates(1, 9999))
def test_partial_date_order_is_total_and_follows_first_day(a: PartialDate, b: PartialDate, c: PartialDate) -> None:
    assert sum([a < b, a == b, b < a]) == 1
    assert (a <= b) == (not b < a)
    if a.first_day() < b.first_day():
        assert a < b
    if a < b:
        assert a.first_day() <= b.first_day()
    if a == b:
        assert hash(a) == hash(b)
    if a < b and b < c:
        assert a < c
    ordered = sorted([c, b, a])
    assert [d.first_day() for d in ordered] == sorted(d.first_day() for d in ordered)


# --- timeline.merge --------------------------------------------------------------------------------


@FAST
@given(events=EVENT_LISTS, seed=st.integers(0, 2**32 - 1))
def test_merge_does_not_depend_on_input_order(events: list[Event], seed: int) -> None:
    shuffled = list(events)
    random.Random(seed).shuffle(shuffled)
    assert summary(timeline.merge(shuffled)) == summary(timeline.merge(events))
    assert summary(timeline.merge(list(reversed(events)))) == summary(timeline.merge(events))


@FAST
@given(events=EVENT_LISTS)
@example(events=events_of(documents_of(THREE_REPORTS)))
def test_merge_is_idempotent(events: list[Event]) -> None:
    once = timeline.merge(events)
    assert summary(timeline.merge(once)) == summary(once)


def test_three_reports_of_one_meeting_become_one_event() -> None:
    events = events_of(documents_of(THREE_REPORTS))
    if len(events) != 3 or {e.type for e in events} != {EventType.MEETING}:  # not the bug: a changed extractor
        pytest.fail(f"precondition: three meeting reports expected, got {[(e.type, e.date) for e in events]}")
    merged = timeline.merge(events)
    assert [sorted(s.file for s in e.sources) for e in merged] == [["a.txt", "b.txt", "c.txt"]]


def test_the_same_article_saved_twice_gives_distinct_ids_in_any_order() -> None:
    text = "---\npublished: 2023-03-22\n---\nChinese President Xi Jinping met Vladimir Putin in Moscow on March 21.\n"
    first = extract(make_document(text.encode(), "x/a.txt"))
    second = extract(make_document(text.encode(), "y/copy.txt"))
    if not first:  # not the bug: a changed extractor
        pytest.fail("precondition: the article should give a meeting")
    merged = timeline.merge(first + second)
    assert len({e.id for e in merged}) == len(merged)
    assert summary(timeline.merge(second + first)) == summary(merged)


def _report(number: int, document: str, date: str | None, person: str, key: str | None = None) -> Event:
    source = Source(
        file=f"{document}.txt", path=f"in/{document}.txt", document_id=document, evidence="x", start=0, end=1
    )
    return Event(
        id=f"e{number:02d}",
        type=EventType.VISIT,
        title=f"visit {number}",
        date=PartialDate.parse(date) if date else None,
        participants=[person],
        key=key,
        sources=[source],
    )


def test_merge_is_idempotent_when_a_key_joins_reports_of_disjoint_people() -> None:
    """The keyed pair combines to (2023, Xi and Putin), which matches the first report: one event."""
    key = "belt_and_road_forum:2023-10-17"
    events = [
        _report(0, "a", "2023", "Xi Jinping"),
        _report(2, "b", None, "Xi Jinping", key),
        _report(3, "c", "2023", "Vladimir Putin", key),
    ]
    once = timeline.merge(events)
    assert summary(timeline.merge(once)) == summary(once)
    assert len(once) == 1 and len(once[0].sources) == 3


@FAST
@given(events=EVENT_LISTS)
def test_merge_keeps_every_source_exactly_once(events: list[Event]) -> None:
    before = sorted((s.document_id, s.start, s.end) for e in events for s in e.sources)
    after = sorted((s.document_id, s.start, s.end) for e in timeline.merge(events) for s in e.sources)
    assert after == before


# --- evidence --------------------------------------------------------------------------------------


@FAST
@given(document=articles())
def test_evidence_is_the_text_at_the_source_offsets(document: Document) -> None:
    for event in extract(document):
        for source in event.sources:
            assert 0 <= source.start < source.end <= len(document.text)
            assert source.evidence == document.text[source.start : source.end]
            assert source.document_id == document.id
            assert source.path == document.path
        if event.date is not None and event.date_end is not None:
            assert event.date.first_day() <= event.date_end.first_day()


@FAST
@given(corpus=corpora())
def test_merged_evidence_still_points_into_its_article(corpus: tuple[list[Document], list[Event]]) -> None:
    documents, events = corpus
    texts = {d.id: d.text for d in documents}
    for event in timeline.merge(events):
        for source in event.sources:
            assert source.evidence == texts[source.document_id][source.start : source.end]
