"""Output formats: CSV/TSV, JSON, JSON Lines and Markdown."""

from __future__ import annotations

import csv
import io
import json

import pytest
from pydantic import TypeAdapter

from sinorus_timeline.models import DateOrigin, Document, Event, EventType, PartialDate, Qualifier, Source, Status
from sinorus_timeline.writers import (
    COLUMNS,
    DATED_ONLY,
    WRITERS,
    Format,
    document_record,
    event_row,
    table_cells,
    write_delimited,
    write_json,
    write_jsonl,
    write_markdown,
    write_records,
)


def _source(file: str, evidence: str, start: int = 0) -> Source:
    return Source(
        file=file, path=f"in/{file}", document_id=file, evidence=evidence, start=start, end=start + len(evidence)
    )


def _events() -> list[Event]:
    return [
        Event(
            id="e1",
            type=EventType.MEETING,
            title="Meeting: Xi and Putin | Kremlin talks",
            date=PartialDate.parse("2023-03-21"),
            date_end=PartialDate.parse("2023-03-22"),
            date_qualifier=Qualifier.EARLY,
            date_conflicts=[PartialDate.parse("2023-03"), PartialDate.parse("2023")],
            places=["Moscow", "Kremlin"],
            participants=["Xi Jinping", "Vladimir Putin"],
            confidence=0.85,
            sources=[
                _source("a.txt", "Xi met Putin in the Kremlin."),
                _source("b.txt", "The two met."),
                _source("a.txt", "Again, in the Kremlin.", 40),
            ],
        ),
        Event(
            id="e2",
            type=EventType.TRADE,
            title='=HYPERLINK("http://evil")',
            value="-$5 billion",
            date=PartialDate.parse("2018"),
            status=Status.PLANNED,
            sources=[_source("c.txt", "@trade line\twith a tab\nand a newline")],
        ),
        Event(
            id="e3",
            type=EventType.MEETING_COUNT,
            title="The leaders have met 40 times",
            count=40,
            count_since="2013",
            count_qualifier="more than",
            confidence=0.7,
        ),
    ]


def test_csv_header_with_zero_events() -> None:
    stream = io.StringIO()
    write_delimited([], stream, ",")
    rows = list(csv.reader(io.StringIO(stream.getvalue())))
    assert rows == [list(COLUMNS)]


def test_tsv_header_with_zero_events() -> None:
    stream = io.StringIO()
    WRITERS[Format.TSV]([], stream)
    assert stream.getvalue() == "\t".join(COLUMNS) + "\n"


def test_csv_rows() -> None:
    stream = io.StringIO()
    write_delimited(_events(), stream, ",")
    rows = list(csv.DictReader(io.StringIO(stream.getvalue())))
    assert [r["id"] for r in rows] == ["e1", "e2", "e3"]
    first = rows[0]
    assert first["date"] == "2023-03-21"
    assert first["date_end"] == "2023-03-22"
    assert first["date_qualifier"] == "early"
    assert first["participants"] == "Xi Jinping; Vladimir Putin"
    assert first["files"] == "a.txt; b.txt"  # each file once, in order
    assert first["date_conflicts"] == "2023-03; 2023"
    assert first["evidence"] == "Xi met Putin in the Kremlin."
    assert first["confidence"] == "0.85"
    third = rows[2]
    assert (third["count"], third["count_since"], third["count_qualifier"]) == ("40", "2013", "more than")
    assert third["date"] == ""
    assert third["files"] == ""


def test_csv_neutralises_formula_cells() -> None:
    stream = io.StringIO()
    write_delimited(_events(), stream, ",")
    row = list(csv.DictReader(io.StringIO(stream.getvalue())))[1]
    assert row["title"] == '\'=HYPERLINK("http://evil")'
    assert row["value"] == "'-$5 billion"
    assert row["evidence"].startswith("'@trade")
    assert row["confidence"] == "0.5"  # plain numbers are left alone


def test_negative_numbers_are_not_quoted() -> None:
    event = Event(id="n", type=EventType.TRADE, title="t", value="-12.5")
    stream = io.StringIO()
    write_delimited([event], stream, ",")
    (row,) = csv.DictReader(io.StringIO(stream.getvalue()))
    assert row["value"] == "-12.5"


def test_tsv_has_no_tabs_or_newlines_inside_cells() -> None:
    stream = io.StringIO()
    write_delimited(_events(), stream, "\t")
    lines = stream.getvalue().splitlines()
    assert len(lines) == 4
    assert all(line.count("\t") == len(COLUMNS) - 1 for line in lines)


def test_json_parses_back() -> None:
    stream = io.StringIO()
    write_json(_events(), stream)
    events = TypeAdapter(list[Event]).validate_json(stream.getvalue())
    assert events == _events()
    raw = json.loads(stream.getvalue())
    assert raw[0]["date"] == "2023-03-21"
    assert raw[0]["date_conflicts"] == ["2023-03", "2023"]


def test_json_empty_list() -> None:
    stream = io.StringIO()
    write_json([], stream)
    assert json.loads(stream.getvalue()) == []


def test_jsonl_one_line_per_event() -> None:
    stream = io.StringIO()
    write_jsonl(_events(), stream)
    lines = stream.getvalue().splitlines()
    assert len(lines) == 3
    assert [Event.model_validate_json(line) for line in lines] == _events()
    stream = io.StringIO()
    write_jsonl([], stream)
    assert stream.getvalue() == ""


def test_markdown_escapes_pipes() -> None:
    stream = io.StringIO()
    write_markdown(_events(), stream)
    lines = stream.getvalue().splitlines()
    assert lines[0] == "| id | date | type | event | where | who | sources |"
    assert lines[1] == "|---|---|---|---|---|---|---|"
    assert len(lines) == 5
    assert "Xi and Putin \\| Kremlin talks" in lines[2]
    for line in lines[2:]:
        unescaped = line.replace("\\|", "")
        assert unescaped.count("|") == 8  # seven cells, whatever the text holds


def test_markdown_cells_have_no_newlines() -> None:
    event = Event(id="x", type=EventType.OTHER, title="two\nlines | here")
    stream = io.StringIO()
    write_markdown([event], stream)
    assert stream.getvalue().splitlines()[2].startswith("| x | ? | other | two lines \\| here |")


def test_markdown_shows_html_as_text() -> None:
    event = Event(id="x", type=EventType.OTHER, title='Talks <script>alert("x")</script> & <b>more</b>')
    stream = io.StringIO()
    write_markdown([event], stream)
    row = stream.getvalue().splitlines()[2]
    assert "<script>" not in row and "<b>" not in row
    assert '&lt;script&gt;alert("x")&lt;/script&gt; &amp; &lt;b&gt;more&lt;/b&gt;' in row


def _cited_event() -> Event:
    cited = _source("a.txt", "Xi met Putin.").model_copy(
        update={"url": "https://example.com/a(1)", "outlet": "Example News", "title": "Xi meets Putin"}
    )
    hostile = _source("b.txt", "They met.").model_copy(update={"url": "javascript:alert(1)", "outlet": "<b>X</b>"})
    plain = _source("c.txt", "They met again.")
    return Event(id="e9", type=EventType.MEETING, title="Xi and Putin meet", sources=[cited, hostile, plain])


def test_markdown_links_each_source_to_its_address() -> None:
    stream = io.StringIO()
    write_markdown([_cited_event()], stream)
    sources = stream.getvalue().splitlines()[2].rsplit(" | ", 1)[1]
    assert sources == "[Example News](<https://example.com/a%281%29>); &lt;b&gt;X&lt;/b&gt;; c.txt |"


def test_csv_cites_each_source_file() -> None:
    stream = io.StringIO()
    write_delimited([_cited_event()], stream, ",")
    (row,) = csv.DictReader(io.StringIO(stream.getvalue()))
    assert row["files"] == "a.txt; b.txt; c.txt"
    assert row["urls"] == "https://example.com/a(1); javascript:alert(1); "
    assert row["outlets"] == "Example News; <b>X</b>; "
    assert row["titles"] == "Xi meets Putin; ; "


def test_table_cells() -> None:
    first, second, third = (table_cells(e) for e in _events())
    assert first == [
        "e1",
        "21–22 March 2023",
        "meeting",
        "Meeting: Xi and Putin | Kremlin talks",
        "Moscow; Kremlin",
        "Xi Jinping; Vladimir Putin",
        "a.txt; b.txt",
    ]
    assert second[1:3] == ["2018", "trade (planned)"]
    assert third[1] == "?"


def test_event_row_covers_every_column() -> None:
    for event in _events():
        row = event_row(event)
        assert list(row) == list(COLUMNS)
        assert all(isinstance(value, str) for value in row.values())


@pytest.mark.parametrize("fmt", [f for f in Format if f != Format.TABLE and f not in DATED_ONLY])
def test_every_file_format_has_a_writer(fmt: Format) -> None:
    stream = io.StringIO()
    WRITERS[fmt](_events(), stream)
    assert "Kremlin talks" in stream.getvalue()
    assert "The leaders have met 40 times" in stream.getvalue()


def test_document_record_and_records() -> None:
    document = Document(
        id="d1",
        path="in/a.txt",
        file="a.txt",
        title="T",
        published=PartialDate.parse("2023-10"),
        published_origin=DateOrigin.MANIFEST,
        published_note="stated",
        outlet="TASS",
    )
    record = document_record(document, 3)
    assert record["published"] == "2023-10"
    assert record["published_origin"] == "manifest"
    assert record["events"] == 3
    stream = io.StringIO()
    write_records([record, record], stream, as_lines=True)
    assert [json.loads(line) for line in stream.getvalue().splitlines()] == [record, record]
    stream = io.StringIO()
    write_records([record], stream, as_lines=False)
    assert json.loads(stream.getvalue()) == [record]


def test_corrected_events_are_marked() -> None:
    plain = _events()[0]
    corrected = plain.model_copy(update={"corrected": True})
    assert table_cells(corrected)[3] == "* " + table_cells(plain)[3]
    assert (event_row(plain)["corrected"], event_row(corrected)["corrected"]) == ("false", "true")
    assert json.loads(corrected.model_dump_json())["corrected"] is True
