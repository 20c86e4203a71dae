"""Output formats: one `Format` enum and one writer per format, all writing text to a stream."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from enum import StrEnum
from html import escape
from typing import IO, Any

from pydantic import TypeAdapter

from . import exports
from .models import Document, Event, Source

# Column names of CSV, TSV and Markdown, and what each holds; stable, documented in the README.
COLUMNS: dict[str, str] = {
    "id": "event id (use with `timeline show`)",
    "date": "when it happened: YYYY, YYYY-MM, YYYY-MM-DD or YYYX (a decade); empty if unknown",
    "date_end": "last day of a span",
    "date_qualifier": "early, mid or late",
    "type": "event type",
    "status": "happened, planned or cancelled",
    "title": "short description",
    "places": "places, separated by '; '",
    "participants": "people, separated by '; '",
    "count": "meeting count claimed",
    "count_since": "year the count starts",
    "count_qualifier": "at least, more than, nearly ...",
    "value": "trade figure as written",
    "confidence": "0 to 1",
    "date_conflicts": "other dates the sources give, separated by '; '",
    "files": "article files, separated by '; '",
    "urls": "each article's address, in the order of files ('' where unknown)",
    "outlets": "each article's outlet, in the order of files",
    "titles": "each article's headline, in the order of files",
    "evidence": "the first source's sentence",
    "corrected": "true when the corrections file changed or added the event",
}
_UNSAFE_START = ("=", "+", "-", "@", "\t", "\r")


class Format(StrEnum):
    """Output formats of `list` and `export`."""

    TABLE = "table"
    CSV = "csv"
    TSV = "tsv"
    JSON = "json"
    JSONL = "jsonl"
    MD = "md"
    ICS = "ics"
    TIMELINEJS = "timelinejs"
    HTML = "html"


def event_row(event: Event) -> dict[str, str]:
    """An event flattened to the text cells of `COLUMNS`."""
    data = event.model_dump(mode="json")
    row: dict[str, str] = {}
    for column in COLUMNS:
        if column == "files":
            value: Any = list(dict.fromkeys(s.file for s in event.sources))
        elif column in _CITED:
            value = [
                getattr(_first_source_of(event, f), _CITED[column]) or ""
                for f in dict.fromkeys(s.file for s in event.sources)
            ]
        elif column == "evidence":
            value = event.sources[0].evidence if event.sources else ""
        else:
            value = data.get(column)
        if isinstance(value, bool):
            row[column] = "true" if value else "false"
            continue
        row[column] = "; ".join(map(str, value)) if isinstance(value, list) else "" if value is None else str(value)
    return row


_CITED = {"urls": "url", "outlets": "outlet", "titles": "title"}


def _first_source_of(event: Event, file: str) -> Source:
    return next(s for s in event.sources if s.file == file)


def _safe_cell(text: str) -> str:
    """Spreadsheets run cells that start with = + - @ as formulas; a leading quote stops that."""
    return "'" + text if text.startswith(_UNSAFE_START) and not _is_number(text) else text


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def write_delimited(events: list[Event], stream: IO[str], delimiter: str) -> None:
    """CSV or TSV with a header row, present even with no events."""
    writer = csv.DictWriter(stream, fieldnames=list(COLUMNS), delimiter=delimiter, lineterminator="\n")
    writer.writeheader()
    for event in events:
        row = event_row(event)
        if delimiter == "\t":
            row = {k: v.replace("\t", " ").replace("\n", " ") for k, v in row.items()}
        writer.writerow({k: _safe_cell(v) for k, v in row.items()})


def write_json(events: list[Event], stream: IO[str]) -> None:
    """A JSON array of events."""
    stream.write(TypeAdapter(list[Event]).dump_json(events, indent=2).decode() + "\n")


def write_jsonl(events: list[Event], stream: IO[str]) -> None:
    """One JSON object per line."""
    for event in events:
        stream.write(event.model_dump_json() + "\n")


def _md_cell(text: str) -> str:
    """A cell as text, never markup: a title or file name holding HTML must not run when rendered."""
    return escape(text, quote=False).replace("|", "\\|").replace("\n", " ")


TABLE_HEADERS = ["id", "date", "type", "event", "where", "who", "sources"]
SHORT_ID = 7  # characters of an id a table shows; `show` takes any prefix that fits one event


def write_markdown(events: list[Event], stream: IO[str]) -> None:
    """A Markdown table: id, date, type, event, where, who, and the sources as links to the articles."""
    stream.write("| " + " | ".join(TABLE_HEADERS) + " |\n|" + "---|" * len(TABLE_HEADERS) + "\n")
    for event in events:
        cells = [_md_cell(c) for c in table_cells(event)[:-1]] + [_md_sources(event)]
        stream.write("| " + " | ".join(cells) + " |\n")


def _md_sources(event: Event) -> str:
    """Each source article once, as a link to its address when it has one."""
    cited = []
    for file in dict.fromkeys(s.file for s in event.sources):
        source = _first_source_of(event, file)
        name = _md_cell(source.outlet or file)
        address = (source.url or "").replace(" ", "%20").replace("(", "%28").replace(")", "%29")
        safe = address.startswith(("http://", "https://"))  # no javascript: or data: links
        cited.append(f"[{name}](<{_md_cell(address)}>)" if safe else name)
    return "; ".join(cited)


def table_cells(event: Event) -> list[str]:
    """The cells a human table shows: short id, date, type, event, where, who, sources."""
    date = exports.date_text(event) if event.date else "?"
    kind = event.type.value + ("" if event.status.value == "happened" else f" ({event.status.value})")
    files = "; ".join(dict.fromkeys(s.file for s in event.sources))
    title = f"* {event.title}" if event.corrected else event.title  # corrected by hand
    return [event.id[:SHORT_ID], date, kind, title, "; ".join(event.places), "; ".join(event.participants), files]


WRITERS: dict[Format, Callable[[list[Event], IO[str]], None]] = {
    Format.CSV: lambda events, stream: write_delimited(events, stream, ","),
    Format.TSV: lambda events, stream: write_delimited(events, stream, "\t"),
    Format.JSON: write_json,
    Format.JSONL: write_jsonl,
    Format.MD: write_markdown,
    Format.ICS: exports.write_ics,
    Format.TIMELINEJS: exports.write_timelinejs,
    Format.HTML: exports.write_html,
}
# Formats that can only place dated events: undated ones are left out, and the command says so.
DATED_ONLY = {Format.ICS, Format.TIMELINEJS}


def document_record(document: Document, events: int) -> dict[str, Any]:
    """What `timeline sources` reports about one article."""
    return {
        "file": document.file,
        "path": document.path,
        "title": document.title,
        "published": str(document.published) if document.published else None,
        "published_origin": document.published_origin.value,
        "published_note": document.published_note,
        "url": document.url,
        "outlet": document.outlet,
        "events": events,
        "id": document.id,
    }


def write_records(records: list[dict[str, Any]], stream: IO[str], as_lines: bool) -> None:
    """Plain records as JSON Lines or a JSON array."""
    if as_lines:
        for record in records:
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")
    else:
        stream.write(json.dumps(records, ensure_ascii=False, indent=2) + "\n")
