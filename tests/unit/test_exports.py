"""Export formats: iCalendar, TimelineJS3 JSON and the self-contained HTML page."""

from __future__ import annotations

import datetime as dt
import html
import io
import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from sinorus_timeline.exports import PAGE_TITLE, date_text, write_html, write_ics, write_timelinejs
from sinorus_timeline.models import Event, EventType, PartialDate, Qualifier, Source, Status

TRICKY_TITLE = "Talks, again; Путин и Си — 习近平 \\ “quoted” <b>&</b>"


def _source(file: str, evidence: str, start: int = 0) -> Source:
    return Source(
        file=file, path=f"in/{file}", document_id=file, evidence=evidence, start=start, end=start + len(evidence)
    )


def _events() -> list[Event]:
    return [
        Event(
            id="day1",
            type=EventType.MEETING,
            title=TRICKY_TITLE,
            date=PartialDate.parse("2023-03-21"),
            places=["Moscow", "Kremlin"],
            participants=["Xi Jinping", "Vladimir Putin"],
            confidence=0.9,
            sources=[
                _source("a.txt", "Xi met Putin in the Kremlin, again; at length."),
                _source("b.txt", "The two leaders met " + "at great length " * 12 + "in Moscow."),
            ],
        ),
        Event(
            id="month1",
            type=EventType.VISIT,
            title="Visit to Beijing",
            date=PartialDate.parse("2023-10"),
            date_qualifier=Qualifier.LATE,
            status=Status.PLANNED,
            sources=[_source("c.txt", "Putin will visit Beijing in late October.")],
        ),
        Event(
            id="span1",
            type=EventType.FORUM,
            title="3rd Belt and Road Forum",
            date=PartialDate.parse("2023-10-17"),
            date_end=PartialDate.parse("2023-10-18"),
            places=["Beijing"],
            sources=[_source("c.txt", "The forum opened on 17 October.", 50)],
        ),
        Event(
            id="decade1",
            type=EventType.FORUM,
            title="Border talks in the nineties",
            date=PartialDate.parse("199X"),
            sources=[_source("d.txt", "In the 1990s the border was settled.")],
        ),
        Event(
            id="undated1",
            type=EventType.AGREEMENT,
            title="An agreement nobody dated",
            sources=[_source("d.txt", "They signed an agreement.", 90)],
        ),
    ]


def _written(writer: Any, events: list[Event]) -> str:
    stream = io.StringIO(newline="")
    writer(events, stream)
    return stream.getvalue()


# --- shared wording ---


@pytest.mark.parametrize(
    ("event_id", "expected"),
    [
        ("day1", "21 March 2023"),
        ("month1", "late October 2023"),
        ("span1", "17–18 October 2023"),
        ("decade1", "the 1990s"),
        ("undated1", "undated"),
    ],
)
def test_date_text_is_a_date_in_words(event_id: str, expected: str) -> None:
    event = next(e for e in _events() if e.id == event_id)
    assert date_text(event) == expected


# --- iCalendar ---


def _calendar(text: str) -> Any:
    icalendar = pytest.importorskip("icalendar")
    return icalendar.Calendar.from_ical(text)


def test_ics_has_one_vevent_per_dated_event() -> None:
    calendar = _calendar(_written(write_ics, _events()))
    uids = [str(vevent["UID"]) for vevent in calendar.walk("VEVENT")]
    assert uids == [f"{uid}@sinorus-timeline" for uid in ("day1", "month1", "span1")]  # a decade says no day
    assert str(calendar["VERSION"]) == "2.0"
    assert "sinorus-timeline" in str(calendar["PRODID"])


def test_ics_dates_are_all_day_from_first_day_with_exclusive_end() -> None:
    vevents = {str(v["UID"]).split("@")[0]: v for v in _calendar(_written(write_ics, _events())).walk("VEVENT")}
    starts_ends = {uid: (v.decoded("DTSTART"), v.decoded("DTEND")) for uid, v in vevents.items()}
    assert starts_ends == {
        "day1": (dt.date(2023, 3, 21), dt.date(2023, 3, 22)),
        "month1": (dt.date(2023, 10, 1), dt.date(2023, 11, 1)),  # the whole month
        "span1": (dt.date(2023, 10, 17), dt.date(2023, 10, 19)),
    }
    assert all(not isinstance(start, dt.datetime) for start, _ in starts_ends.values())


@pytest.mark.parametrize(
    ("date", "end", "expected"),
    [
        ("2023-06-30", "2023-07-02", "30 June – 2 July 2023"),
        ("2023-12-30", "2024-01-02", "30 December 2023 – 2 January 2024"),
        ("2022-01", "2022-03", "January–March 2022"),
        ("2019-04", None, "April 2019"),
        ("1949-10-01", None, "1 October 1949"),
    ],
)
def test_spans_and_dates_in_words(date: str, end: str | None, expected: str) -> None:
    from sinorus_timeline.exports import human_date

    assert human_date(PartialDate.parse(date), PartialDate.parse(end) if end else None) == expected


def test_ics_text_fields_round_trip() -> None:
    vevents = {str(v["UID"]).split("@")[0]: v for v in _calendar(_written(write_ics, _events())).walk("VEVENT")}
    day = vevents["day1"]
    assert str(day["SUMMARY"]) == TRICKY_TITLE
    assert str(day["LOCATION"]) == "Moscow, Kremlin"
    assert [str(c) for c in day["CATEGORIES"].cats] == ["meeting"]
    description = str(day["DESCRIPTION"])
    assert "date: 21 March 2023" in description
    assert "participants: Xi Jinping, Vladimir Putin" in description
    assert "source 1: a.txt [0:46]: Xi met Putin in the Kremlin, again; at length." in description
    assert "b.txt" in description and "in Moscow." in description
    month = vevents["month1"]
    assert "date: late October 2023" in str(month["DESCRIPTION"])
    assert str(month["STATUS"]) == "TENTATIVE"


def test_ics_lines_are_folded_crlf_and_reproducible() -> None:
    text = _written(write_ics, _events())
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    assert "\n" not in text.replace("\r\n", "")
    lines = text.split("\r\n")[:-1]
    assert max(len(line.encode("utf-8")) for line in lines) <= 75
    assert any(line.startswith(" ") for line in lines)  # the long description was folded
    assert text == _written(write_ics, list(_events()))
    assert "DTSTAMP:20231018T000000Z" in text  # the latest date in the data, not the clock


def test_ics_folding_never_splits_a_multibyte_character() -> None:
    event = Event(id="x", type=EventType.OTHER, title="习" * 80, date=PartialDate.parse("2024-05"))
    text = _written(write_ics, [event])
    text.encode("utf-8").decode("utf-8")
    assert all(len(line.encode("utf-8")) <= 75 for line in text.split("\r\n"))
    assert str(_calendar(text).walk("VEVENT")[0]["SUMMARY"]) == "习" * 80


def test_ics_without_dated_events_is_an_empty_calendar() -> None:
    text = _written(write_ics, [e for e in _events() if e.date is None])
    assert "BEGIN:VEVENT" not in text
    assert "DTSTAMP" not in text
    assert _calendar(text).walk("VEVENT") == []


# --- TimelineJS ---


def test_timelinejs_slides_have_dates_at_their_precision() -> None:
    data = json.loads(_written(write_timelinejs, _events()))
    assert data["title"]["text"]["headline"] == PAGE_TITLE
    slides = {slide["unique_id"]: slide for slide in data["events"]}
    assert list(slides) == ["day1", "month1", "span1", "decade1"]
    assert slides["day1"]["start_date"] == {"year": "2023", "month": "3", "day": "21"}
    assert slides["month1"]["start_date"] == {"year": "2023", "month": "10"}
    assert slides["decade1"]["start_date"] == {"year": "1990", "display_date": "1990s"}
    assert slides["span1"]["end_date"] == {"year": "2023", "month": "10", "day": "18"}
    assert "end_date" not in slides["day1"]
    assert {uid: s["group"] for uid, s in slides.items()} == {
        "day1": "meeting",
        "month1": "visit",
        "span1": "forum",
        "decade1": "forum",
    }


def test_timelinejs_text_is_html_escaped_and_cites_sources() -> None:
    slides = {s["unique_id"]: s for s in json.loads(_written(write_timelinejs, _events()))["events"]}
    assert slides["span1"]["text"]["headline"] == "3rd Belt and Road Forum"
    day = slides["day1"]["text"]
    assert day["headline"] == html.escape(TRICKY_TITLE, quote=False)
    assert "<b>" not in day["headline"]
    assert "<b>a.txt</b>" in day["text"] and "Xi met Putin in the Kremlin, again; at length." in day["text"]


# --- HTML page ---


def test_html_lists_every_event_escaped_with_sources() -> None:
    page = _written(write_html, _events())
    assert f"<title>{PAGE_TITLE}</title>" in page
    for event in _events():
        assert html.escape(event.title) in page
        for source in event.sources:
            assert html.escape(source.evidence) in page
    assert "<b>&</b>" not in page
    headings = re.findall(r"<h2>(.*?)</h2>", page)
    assert headings == ["1990s", "2023", "Undated"]


def test_html_links_sources_to_their_articles() -> None:
    def source(file: str, url: str, title: str) -> Source:
        return Source(
            file=file, path=file, document_id=file, evidence="Xi met Putin.", start=0, end=13, url=url, title=title
        )

    event = Event(
        id="e1",
        type=EventType.MEETING,
        title="Xi and Putin meet",
        sources=[
            source("a.txt", "https://example.com/a?x=1&y=2", "Xi <in> Moscow"),
            source("b.txt", "javascript:alert(1)", "Bad"),
        ],
    )
    page = _written(write_html, [event])
    assert '<a href="https://example.com/a?x=1&amp;y=2" rel="noopener noreferrer">Xi &lt;in&gt; Moscow</a>' in page
    assert "javascript:" not in page and "Bad<br>" in page


def test_html_makes_no_external_requests() -> None:
    page = _written(write_html, _events())
    assert "http://" not in page and "https://" not in page
    assert "//" not in "".join(re.findall(r"""(?:src|href)\s*=\s*["']?([^"'\s>]*)""", page))
    assert not re.search(r"""\b(?:src|href)\s*=\s*["']?(?!#)""", page)
    assert "@import" not in page and "url(" not in page


def test_html_has_one_checkbox_per_type_and_a_count() -> None:
    page = _written(write_html, _events())
    assert sorted(re.findall(r'data-filter-type="([^"]+)"', page)) == ["agreement", "forum", "meeting", "visit"]
    assert '<span id="visible-count">5</span>' in page
    assert len(re.findall(r'<article class="event" data-type="forum"', page)) == 2


# --- the HTML page in a real browser ---


def _chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if not found:
        pytest.skip("chromium is not installed: the HTML page was not checked in a browser")
    return found


def _run_chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    command = [
        _chromium(),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={tmp_path / 'profile'}",
        *args,
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)


def _page(tmp_path: Path) -> Path:
    page = tmp_path / "timeline.html"
    page.write_text(_written(write_html, _events()), encoding="utf-8")
    return page


def test_html_renders_in_a_browser(tmp_path: Path) -> None:
    page = _page(tmp_path)
    screenshot = tmp_path / "page.png"
    _run_chromium(tmp_path, f"--screenshot={screenshot}", "--window-size=1200,2000", page.as_uri())
    assert screenshot.exists()
    assert screenshot.stat().st_size > 10_000


def test_html_filter_hides_a_type_in_a_browser(tmp_path: Path) -> None:
    page = _page(tmp_path)
    result = _run_chromium(tmp_path, "--dump-dom", page.as_uri() + "#hide=forum")
    articles = re.findall(r'<article class="event" data-type="([^"]+)"[^>]*?(\shidden(?:="")?)?>', result.stdout)
    hidden = ' hidden=""'
    assert sorted(articles) == [("agreement", ""), ("forum", hidden), ("forum", hidden), ("meeting", ""), ("visit", "")]
    assert '<span id="visible-count">3</span>' in result.stdout
    assert re.search(r'<section class="year" data-year="1990s" hidden', result.stdout)  # only forums in it


def test_corrected_events_say_so_in_every_export() -> None:
    corrected = _events()[0].model_copy(update={"corrected": True})
    for write in (write_ics, write_timelinejs, write_html):
        stream = io.StringIO()
        write([corrected], stream)
        assert "by hand" in stream.getvalue(), write.__name__


def test_a_qualified_date_in_words() -> None:
    from sinorus_timeline.exports import human_date
    from sinorus_timeline.models import Qualifier

    assert human_date(PartialDate.parse("2023-05"), None, Qualifier.MID) == "mid-May 2023"
    assert human_date(PartialDate.parse("2019"), None, Qualifier.LATE) == "late 2019"
