"""The `timeline` command: a thin layer that parses options, calls the core and picks a writer.

Core modules are imported inside the commands so that `--help` and `--version` start fast.
"""

from __future__ import annotations

import functools
import gc
import importlib
import os
import sys
from pathlib import Path
from typing import IO, TYPE_CHECKING, Annotated, Any

import typer

from . import __version__

if TYPE_CHECKING:
    from .corpus import Corpus, Options
    from .corrections import Corrections
    from .models import Event, PartialDate, Source
    from .timeline import Filters

# Typer's parser exceptions live in click or, in newer releases, in Typer's own copy of it.
_parser_errors = importlib.import_module(typer.BadParameter.__module__)
_UsageError: type[Exception] = _parser_errors.UsageError
_NoArgsIsHelp: type[Exception] = getattr(_parser_errors, "NoArgsIsHelpError", _UsageError)
_ParserExit: type[Exception] = getattr(_parser_errors, "Exit", typer.Exit)
_ParserAbort: type[Exception] = getattr(_parser_errors, "Abort", typer.Abort)

app = typer.Typer(
    name="timeline",
    help="Read news articles about China–Russia relations and print a dated, sourced timeline.\n\n"
    "With no PATHS, the bundled sample articles are read.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
)

Paths = Annotated[list[str] | None, typer.Argument(help="Article files, folders, or - for standard input.")]
Year = Annotated[str | None, typer.Option("--year", help="Only events within this year, e.g. 2023.")]
From = Annotated[str | None, typer.Option("--from", help="Only events on or after: 2019, 2019-06, 'June 2019'.")]
To = Annotated[str | None, typer.Option("--to", help="Only events on or before: 2019, 2019-06, 'June 2019'.")]
Types = Annotated[
    list[str] | None, typer.Option("--type", help="Only this event type (repeatable): summit, visit, ...")
]
Status = Annotated[
    list[str] | None, typer.Option("--status", help="Only this status (repeatable): happened, planned, cancelled.")
]
Who = Annotated[str | None, typer.Option("--who", help="Only events with a participant matching this text.")]
Where = Annotated[str | None, typer.Option("--where", help="Only events at a place matching this text.")]
Grep = Annotated[str | None, typer.Option("--grep", help="Only events whose title or evidence matches this regex.")]
Limit = Annotated[int | None, typer.Option("--limit", min=0, help="Print at most this many events.")]
Reverse = Annotated[bool, typer.Option("--reverse", help="Newest first.")]
MinConfidence = Annotated[
    float, typer.Option("--min-confidence", min=0.0, max=1.0, help="Only events at least this sure.")
]
Published = Annotated[str | None, typer.Option("--published", help="Publication date of a single article or stdin.")]
Jobs = Annotated[
    int | None, typer.Option("--jobs", "-j", min=1, help="Worker processes for extraction (default: all cores).")
]
NoCache = Annotated[
    bool, typer.Option("--no-cache", help="Extract every article again; do not read or fill the cache.")
]
FormatOption = Annotated[str, typer.Option("--format", "-f", help="table, csv, tsv, json, jsonl or md.")]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"timeline {__version__}")
        raise typer.Exit()


_settings: dict[str, Any] = {}


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
    max_bytes: Annotated[
        int, typer.Option("--max-bytes", min=1, help="Skip article files larger than this (default 5,000,000).")
    ] = 5_000_000,
    dask: Annotated[
        str | None,
        typer.Option(
            "--dask",
            envvar="TIMELINE_DASK",
            metavar="ADDRESS",
            help="Extract on this Dask cluster (tcp://host:8786) instead of local processes; needs the dask extra.",
        ),
    ] = None,
    color: Annotated[
        str,
        typer.Option(
            "--color", "--colour", help="auto (colour on a terminal unless NO_COLOR is set), always or never."
        ),
    ] = "auto",
    corrections: Annotated[
        Path | None,
        typer.Option("--corrections", help="The corrections file (default: corrections.toml beside the articles)."),
    ] = None,
) -> None:
    """Read news articles about China–Russia relations and print a dated, sourced timeline."""
    from .errors import UsageError
    from .terminal import COLOR_CHOICES

    _settings["max_bytes"] = max_bytes
    _settings["dask"] = dask
    if color.strip().lower() not in COLOR_CHOICES:
        raise UsageError(f"--color {color!r} is not one of: {', '.join(COLOR_CHOICES)}")
    _settings["color"] = color.strip().lower()
    _settings["corrections"] = corrections
    _loaded.clear()  # a new invocation in the same process reads the file afresh


def _err(message: str) -> None:
    """One line on stderr, whatever the message (library errors can span several lines)."""
    sys.stderr.write(" ".join(message.split()) + "\n")


def _parse_date(text: str | None, option: str) -> PartialDate | None:
    if text is None:
        return None
    from .dates import parse_date_option
    from .errors import UsageError

    try:
        return parse_date_option(text)
    except ValueError as error:
        raise UsageError(f"{option} {text!r} is not a date — use 2019, 2019-06, 2019-06-05 or 'June 2019'") from error


def _filters(
    year: str | None,
    start: str | None,
    end: str | None,
    types: list[str] | None,
    statuses: list[str] | None,
    who: str | None,
    where: str | None,
    grep: str | None,
    min_confidence: float,
) -> Filters:
    import re

    from .errors import UsageError
    from .models import EventType, Status
    from .timeline import Filters

    if year is not None and not re.fullmatch(r"\d{4}", year.strip()):
        raise UsageError(f"--year {year!r} is not a year — use four digits, e.g. --year 2023")
    first, last = _parse_date(start, "--from"), _parse_date(end, "--to")
    if year is not None:
        first = last = _parse_date(year.strip(), "--year")
    if first is not None and last is not None and first.first_day() > last.last_day():
        raise UsageError(f"--from {start} is after --to {end}: no date lies between them")
    if grep is not None:
        try:
            re.compile(grep)
        except re.error as error:
            raise UsageError(f"--grep {grep!r} is not a valid regular expression ({error})") from error
    return Filters(
        start=first,
        end=last,
        types=frozenset(_choice(EventType, t, "--type") for t in types or []),
        statuses=frozenset(_choice(Status, s, "--status") for s in statuses or []),
        who=who,
        where=where,
        grep=grep,
        min_confidence=min_confidence,
    )


def _choice(enum: Any, value: str, option: str) -> Any:
    from .errors import UsageError

    try:
        return enum(value.strip().lower())
    except ValueError:
        allowed = ", ".join(member.value for member in enum)
        raise UsageError(f"{option} {value!r} is not one of: {allowed}") from None


@functools.cache
def _stdin() -> bytes:
    """Standard input, read once however many passes a command makes over its inputs; one byte past
    --max-bytes is enough to know it is too long."""
    return sys.stdin.buffer.read(_settings.get("max_bytes", 5_000_000) + 1)


def _options(published: str | None, jobs: int | None = 1, no_cache: bool = True) -> Options:
    from .cache import ExtractionCache
    from .corpus import Options

    return Options(
        published=_parse_date(published, "--published"),
        jobs=jobs if jobs is not None else (os.cpu_count() or 1),
        cache=None if no_cache else ExtractionCache(),
        read_stdin=_stdin,
        max_bytes=_settings.get("max_bytes", 5_000_000),
        dask=_settings.get("dask"),
        progress=_progress_bar() if sys.stderr.isatty() else None,
    )


class _ProgressBar:
    """A bar on stderr for runs over many articles, drawn once the first batch is through."""

    def __init__(self) -> None:
        self._bar: Any = None
        self._task: Any = None

    def __call__(self, done: int, expected: int | None) -> None:
        if self._bar is None:
            if expected is not None and expected <= done:
                return  # one batch was the whole run: nothing to watch
            from rich.console import Console
            from rich.progress import Progress

            self._bar = Progress(console=Console(stderr=True), transient=True)
            self._bar.start()
            self._task = self._bar.add_task("reading articles", total=expected)
        self._bar.update(self._task, completed=done, total=expected)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None


_bars: list[_ProgressBar] = []


def _progress_bar() -> _ProgressBar:
    bar = _ProgressBar()
    _bars.append(bar)
    return bar


def _close_progress() -> None:
    while _bars:
        _bars.pop().close()


def _merged(
    paths: list[str] | None, published: str | None, jobs: int | None, no_cache: bool, corrected: bool = True
) -> tuple[list[Event], Corpus]:
    """The merged timeline with the corrections file applied (`corrected=False`: as extracted)."""
    from .corpus import merged_timeline

    options = _options(published, jobs, no_cache)
    options.restate = _corrections(paths).restate
    try:
        events, corpus = merged_timeline(paths or [], options)
    finally:
        _close_progress()
    _report(corpus)
    return (_corrected(events, paths, corpus) if corrected else events), corpus


def _read(paths: list[str] | None, published: str | None, jobs: int | None = None, no_cache: bool = False) -> Corpus:
    from .corpus import read_corpus

    options = _options(published, jobs, no_cache)
    options.restate = _corrections(paths).restate
    try:
        corpus = read_corpus(paths or [], options)
    finally:
        _close_progress()
    _report(corpus)
    return corpus


_loaded: dict[Path, Corrections] = {}


def _corrections_path(paths: list[str] | None) -> Path:
    from .corrections_file import default_location

    chosen: Path | None = _settings.get("corrections")
    return chosen if chosen is not None else default_location(paths or [], os.environ)


def _corrections(paths: list[str] | None) -> Corrections:
    """The corrections file of these inputs, read once a run."""
    from .corrections_file import load

    path = _corrections_path(paths)
    if path not in _loaded:
        _loaded[path] = load(path)
    return _loaded[path]


def _corrected(events: list[Event], paths: list[str] | None, corpus: Corpus) -> list[Event]:
    """The timeline with the corrections applied; a correction whose event is gone costs one line."""
    from .corrections import apply
    from .corrections_file import input_names

    book = _corrections(paths)
    if not book.entries:
        return events
    corrected, outcomes = apply(events, book, input_names(paths or []), corpus.documents)
    for outcome in outcomes:
        if outcome.state == "no match":
            _err(f"warning: {outcome.describe()} no longer matches any event — edit or delete it in {book.path}")
    return corrected


def _report(corpus: Corpus) -> None:
    for warning in corpus.warnings:
        _err(f"warning: {warning}")
    for problem in corpus.problems:
        _err(f"error: {problem}")


def _finish(corpus: Corpus) -> None:
    if corpus.problems:
        raise typer.Exit(1)


def _format(value: str, allowed: set[str]) -> str:
    from .errors import UsageError

    value = value.strip().lower()
    if value not in allowed:
        raise UsageError(f"--format {value!r} is not one of: {', '.join(sorted(allowed))}")
    return value


def _write_events(events: list[Event], fmt: str, stream: IO[str]) -> None:
    from .writers import WRITERS, Format

    if fmt == "table":
        _print_table(events, stream)
    else:
        WRITERS[Format(fmt)](events, stream)


def _print_table(events: list[Event], stream: IO[str]) -> None:
    from .writers import TABLE_HEADERS, table_cells

    _print_rows(TABLE_HEADERS, [table_cells(e) for e in events], stream)
    if not events and stream.isatty():
        _err("no events match")
    if any(event.corrected for event in events) and stream.isatty():
        _err("* corrected by hand: `timeline corrections` lists the corrections")


@app.command("list")
def list_command(
    paths: Paths = None,
    year: Year = None,
    from_: From = None,
    to: To = None,
    types: Types = None,
    status: Status = None,
    who: Who = None,
    where: Where = None,
    grep: Grep = None,
    limit: Limit = None,
    reverse: Reverse = False,
    min_confidence: MinConfidence = 0.0,
    published: Published = None,
    fmt: FormatOption = "table",
    jobs: Jobs = None,
    no_cache: NoCache = False,
) -> None:
    """Print the merged timeline, oldest first.

    Example: timeline list --year 2023 --type forum --format jsonl
    """
    from .timeline import select

    fmt = _format(fmt, {"table", "csv", "tsv", "json", "jsonl", "md"})
    filters = _filters(year, from_, to, types, status, who, where, grep, min_confidence)
    events, corpus = _merged(paths, published, jobs, no_cache)
    _write_events(select(events, filters, limit, reverse), fmt, sys.stdout)
    _finish(corpus)


@app.command("extract")
def extract_command(
    paths: Paths = None,
    published: Published = None,
    fmt: FormatOption = "jsonl",
    jobs: Jobs = None,
    no_cache: NoCache = False,
) -> None:
    """Print each article's events, not merged, one JSON object a line.

    Example: timeline extract articles/*.txt --format jsonl > events.jsonl
    """
    fmt = _format(fmt, {"json", "jsonl"})
    corpus = _read(paths, published, jobs, no_cache)
    _write_events(corpus.events, fmt, sys.stdout)
    _finish(corpus)


@app.command("export")
def export_command(
    paths: Paths = None,
    csv: Annotated[bool, typer.Option("--csv", help="Comma-separated values.")] = False,
    json: Annotated[bool, typer.Option("--json", help="A JSON array.")] = False,
    jsonl: Annotated[bool, typer.Option("--jsonl", help="JSON Lines.")] = False,
    md: Annotated[bool, typer.Option("--md", help="A Markdown table.")] = False,
    ics: Annotated[bool, typer.Option("--ics", help="iCalendar: one all-day event per dated event.")] = False,
    timelinejs: Annotated[bool, typer.Option("--timelinejs", help="The JSON that TimelineJS loads.")] = False,
    html: Annotated[bool, typer.Option("--html", help="One self-contained HTML page, filterable by type.")] = False,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file (default: stdout).")] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing output file.")] = False,
    year: Year = None,
    from_: From = None,
    to: To = None,
    types: Types = None,
    status: Status = None,
    who: Who = None,
    where: Where = None,
    grep: Grep = None,
    limit: Limit = None,
    reverse: Reverse = False,
    min_confidence: MinConfidence = 0.0,
    published: Published = None,
    jobs: Jobs = None,
    no_cache: NoCache = False,
) -> None:
    """Export the merged timeline as CSV, JSON, JSON Lines, Markdown, iCalendar, TimelineJS or HTML.

    Example: timeline export --csv --year 2023 -o timeline-2023.csv
    """
    from .errors import UsageError
    from .exports import on_a_calendar
    from .timeline import select
    from .writers import DATED_ONLY

    flags = {"csv": csv, "json": json, "jsonl": jsonl, "md": md, "ics": ics, "timelinejs": timelinejs, "html": html}
    chosen = [name for name, on in flags.items() if on]
    if len(chosen) != 1:
        raise UsageError("choose one format: " + ", ".join(f"--{name}" for name in flags))
    if output is not None and output.exists() and not force:
        raise UsageError(f"{output} exists — pass --force to overwrite it")
    filters = _filters(year, from_, to, types, status, who, where, grep, min_confidence)
    merged, corpus = _merged(paths, published, jobs, no_cache)
    events = select(merged, filters, limit, reverse)
    undated = sum(event.date is None for event in events)
    if chosen[0] in DATED_ONLY and undated:
        _err(f"warning: {undated} undated events left out: --{chosen[0]} places events on a calendar")
    coarse = sum(event.date is not None and not on_a_calendar(event) for event in events)
    if chosen[0] == "ics" and coarse:
        _err(f"warning: {coarse} events dated only to a year left out: --ics places events on days")
    if output is None:
        _write_events(events, chosen[0], sys.stdout)
    else:
        _write_atomically(output, lambda stream: _write_events(events, chosen[0], stream))
        _err(f"wrote {len(events)} events to {output}")
    _finish(corpus)


def _write_atomically(path: Path, write: Any) -> None:
    """Write to a temporary file beside `path`, then rename: a reader never sees half a file."""
    import tempfile

    from .errors import InputError

    folder = path.resolve().parent
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=folder)
    except OSError as error:
        raise InputError(f"cannot write {path} ({error.strerror}) — choose a writable folder") from error
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            write(stream)
        os.replace(temporary, path)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise InputError(f"cannot write {path} ({error.strerror}); the old file is unchanged") from error
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


@app.command("show")
def show_command(
    event_id: Annotated[str, typer.Argument(metavar="ID", help="An event id (or its first characters).")],
    paths: Paths = None,
    published: Published = None,
    jobs: Jobs = None,
    no_cache: NoCache = False,
    fmt: FormatOption = "text",
    why: Annotated[
        bool, typer.Option("--why", help="For each source, every date weighed for the event and its verdict.")
    ] = False,
) -> None:
    """Show one event with every source and its evidence.

    Example: timeline show 3fa2c1 --why
    """
    from .timeline import find_event

    fmt = _format(fmt, {"text", "json"})
    events, corpus = _merged(paths, published, jobs, no_cache)
    event = find_event(events, event_id)
    weighed = _weighed(event, published) if why else None
    if fmt == "json" and weighed is not None:
        import json as json_module

        record = event.model_dump(mode="json")
        record["considered"] = [[list(pair) for pair in pairs] for pairs in weighed]
        sys.stdout.write(json_module.dumps(record, indent=2, ensure_ascii=False) + "\n")
    elif fmt == "json":
        sys.stdout.write(event.model_dump_json(indent=2) + "\n")
    else:
        _print_event(event, sys.stdout, weighed)
    _finish(corpus)


def _weighed(event: Event, published: str | None) -> list[list[tuple[str, str]]]:
    """For each source of the event, the dates weighed for it, read again from its article."""
    from .corpus import Corpus, iter_documents
    from .extract import considered

    found: list[list[tuple[str, str]]] = []
    for source in event.sources:
        documents = iter_documents([source.path], _options(published), Corpus())
        document = next((d for d in documents if d.id == source.document_id), None)
        pairs = considered(document, source.start, event.type) if document is not None else None
        found.append(pairs if pairs is not None else [("-", "the article no longer tells of it")])
    return found


def _print_event(event: Event, stream: IO[str], weighed: list[list[tuple[str, str]]] | None = None) -> None:
    from .exports import date_text
    from .webpages import HTML_SUFFIXES

    lines = [
        f"id:           {event.id}",
        f"type:         {event.type.value} ({event.status.value})",
        f"title:        {event.title}",
        f"date:         {date_text(event) if event.date else 'unknown'}",
    ]
    if event.date_conflicts:
        lines.append(f"other dates:  {', '.join(map(str, event.date_conflicts))} (sources disagree)")
    lines += [
        f"places:       {', '.join(event.places) or '-'}",
        f"participants: {', '.join(event.participants) or '-'}",
        f"confidence:   {event.confidence:.2f}",
    ]
    if event.corrected:
        lines.append("corrected:    yes, by the corrections file (`timeline corrections` lists them)")
    if event.count is not None:
        lines.append(
            f"count:        {event.count_qualifier or ''} {event.count} since {event.count_since or '?'}".strip()
        )
    if event.value:
        lines.append(f"value:        {event.value}")
    for number, source in enumerate(event.sources, start=1):
        # A web page's offsets count into its extracted main text, not into the markup.
        within = " of the extracted text" if source.path.lower().endswith(HTML_SUFFIXES) else ""
        lines += [
            f"source {number}:     {source.path} [{source.start}:{source.end}{within}]",
            *(f"  {label}{value}" for label, value in _cited(source)),
            f"  date:       {source.date_text or '-'} — {source.resolution or 'no date'}",
            f"  evidence:   {source.evidence}",
        ]
        if weighed is not None:
            lines += [f"  weighed:    {what} — {verdict}" for what, verdict in weighed[number - 1]] or [
                "  weighed:    no date anywhere near it"
            ]
    stream.write("\n".join(lines) + "\n")


def _cited(source: Source) -> list[tuple[str, str]]:
    """What a reader cites an article by, as far as it is known."""
    said = [("title:      ", source.title), ("outlet:     ", source.outlet), ("url:        ", source.url)]
    said.append(("published:  ", source.published))
    return [(label, value) for label, value in said if value]


@app.command("eval")
def eval_command(
    gold: Annotated[Path, typer.Argument(help="Gold events, one JSON object a line (file, type, date, evidence).")],
    paths: Paths = None,
    published: Published = None,
    jobs: Jobs = None,
    no_cache: NoCache = False,
    fmt: FormatOption = "text",
    show: Annotated[bool, typer.Option("--show", help="List each miss, false positive and wrong date.")] = False,
) -> None:
    """Score the extractor on your own annotated articles: recall, precision, date accuracy.

    Example: timeline eval gold.jsonl articles/ --show
    """
    import json as json_module

    from .errors import InputError
    from .evaluation import read_gold, score

    fmt = _format(fmt, {"text", "json"})
    try:
        rows = read_gold(gold.read_text(encoding="utf-8"), str(gold))
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"{gold}: cannot read the gold file ({error})") from error
    corpus = _read(paths, published, jobs, no_cache)
    result = score(rows, corpus.events)
    if fmt == "json":
        sys.stdout.write(json_module.dumps(result.summary(), indent=2, ensure_ascii=False) + "\n")
    else:
        if show:
            for label, lines in (
                ("miss", result.misses),
                ("false positive", result.false_positives),
                ("wrong date", result.wrong_dates),
            ):
                for line in lines:
                    sys.stdout.write(f"{label}: {line}\n")
        sys.stdout.write(
            f"recall {result.recall:.3f}  precision {result.precision:.3f}  date accuracy {result.date_accuracy:.3f}"
            f"  type accuracy {result.type_accuracy:.3f}  ({result.predicted} predicted, {result.required} required)\n"
        )
    _finish(corpus)


@app.command("dates")
def dates_command(
    paths: Paths = None,
    published: Published = None,
    fmt: FormatOption = "table",
    types: Annotated[str | None, typer.Option("--types", help="Only these types, e.g. DATE,TIME.")] = None,
) -> None:
    """List every temporal expression in each article, with its value and what it was resolved against.

    Example: timeline dates article.txt --published 2023-10-19 --format jsonl
    """
    from .dates import timeml
    from .extract import document_dates

    fmt = _format(fmt, {"table", "json", "jsonl"})
    from .corpus import Corpus, iter_documents
    from .writers import write_records

    wanted = {t.strip().upper() for t in types.split(",")} if types else None
    corpus = Corpus()
    records: list[dict[str, Any]] = []
    options = _options(published)
    options.restate = _corrections(paths).restate
    for document in iter_documents(paths or [], options, corpus):
        reference = document.published if document.published_certain else None
        for expression in timeml(document_dates(document)):
            if wanted and expression.type not in wanted:
                continue
            record = {"file": document.file, **expression.model_dump(mode="json")}
            record["anchor"] = expression.anchor and (
                f"publication {reference}" if expression.anchor == "publication" else expression.anchor
            )
            record["sentence"] = _sentence_around(document.text, expression.start, expression.end)
            records.append(record)
    _report(corpus)
    if fmt == "table":
        _print_dates(records, sys.stdout)
    else:
        write_records(records, sys.stdout, as_lines=fmt == "jsonl")
    _finish(corpus)


def _sentence_around(text: str, start: int, end: int) -> str:
    stop = text.rfind(". ", 0, start)
    left = max(text.rfind("\n", 0, start), stop + 1 if stop >= 0 else -1)  # the character before the sentence
    right_candidates = [i for i in (text.find("\n", end), text.find(". ", end)) if i >= 0]
    right = min(right_candidates) + 1 if right_candidates else len(text)
    return text[left + 1 : right].strip()


def _print_dates(records: list[dict[str, Any]], stream: IO[str]) -> None:
    headers = ["file", "text", "type", "value", "mod", "anchor", "sentence"]
    _print_rows(headers, [[str(r.get(h) or "") for h in headers] for r in records], stream)


@app.command("text")
def text_command(paths: Paths = None, published: Published = None) -> None:
    """Print each article's text as it is read: evidence offsets count into it. A web page's text is
    its extracted main text.

    Example: timeline text saved-page.html
    """
    from .corpus import Corpus, iter_documents

    corpus = Corpus()
    for document in iter_documents(paths or [], _options(published), corpus):
        sys.stdout.write(document.text if document.text.endswith("\n") else document.text + "\n")
    _report(corpus)
    _finish(corpus)


@app.command("sources")
def sources_command(
    paths: Paths = None,
    published: Published = None,
    fmt: FormatOption = "table",
    jobs: Jobs = None,
    no_cache: NoCache = False,
) -> None:
    """List each article: title, publication date, where that date came from, number of events.

    Example: timeline sources articles/ --format jsonl
    """
    from .corpus import events_per_document
    from .writers import document_record, write_records

    fmt = _format(fmt, {"table", "json", "jsonl"})
    corpus = _read(paths, published, jobs, no_cache)
    counts = events_per_document(corpus.events)
    records = [document_record(d, counts.get(d.id, 0)) for d in corpus.documents]
    if fmt == "table":
        _print_sources(records, sys.stdout)
    else:
        write_records(records, sys.stdout, as_lines=fmt == "jsonl")
    _finish(corpus)


def _print_sources(records: list[dict[str, Any]], stream: IO[str]) -> None:
    keys = ["file", "published", "published_origin", "published_note", "events", "title"]
    rows = [[str(r[k]) if r[k] is not None else ("?" if k == "published" else "") for k in keys] for r in records]
    _print_rows(["file", "published", "from", "why", "events", "title"], rows, stream)


@app.command("stats")
def stats_command(
    paths: Paths = None, published: Published = None, jobs: Jobs = None, no_cache: NoCache = False
) -> None:
    """Bar charts of the timeline: events per year and per type, sources per outlet.

    Example: timeline stats articles/
    """
    from .corpus import timeline_of
    from .stats import events_per_type, events_per_year, sources_per_outlet

    corpus = _read(paths, published, jobs, no_cache)
    events = _corrected(timeline_of(corpus), paths, corpus)
    outlets = {d.id: d.outlet for d in corpus.documents if d.outlet}
    charts = [
        ("events per year", events_per_year(events)),
        ("events per type", events_per_type(events)),
        ("sources per outlet", sources_per_outlet(events, outlets)),
    ]
    for title, rows in charts:
        _print_bars(title, rows, sys.stdout)
    _finish(corpus)


def _print_bars(title: str, rows: list[tuple[str, int]], stream: IO[str]) -> None:
    """A bar chart in a terminal; `label<TAB>count` lines when piped."""
    if not stream.isatty():
        stream.write(f"# {title}\n" + "".join(f"{label}\t{count}\n" for label, count in rows))
        return
    from rich.table import Table

    widest = max((count for _, count in rows), default=1)
    table = Table(title=title, show_header=False, box=None)
    for label, count in rows:
        table.add_row(label, "█" * max(1, round(40 * count / widest)), str(count))
    _console(stream).print(table)


@app.command("meetings")
def meetings_command(
    paths: Paths = None,
    published: Published = None,
    jobs: Jobs = None,
    no_cache: NoCache = False,
    fmt: FormatOption = "table",
) -> None:
    """Meeting-count claims over time: who said how many meetings, when, from which source.

    A claim lower than an earlier one is flagged as contradicting it.
    Example: timeline meetings --format jsonl
    """
    import dataclasses
    import json as json_module

    from .corpus import timeline_of
    from .stats import meeting_claims

    fmt = _format(fmt, {"table", "jsonl"})
    corpus = _read(paths, published, jobs, no_cache)
    claims = meeting_claims(_corrected(timeline_of(corpus), paths, corpus))
    if fmt == "jsonl":
        for claim in claims:
            record = {**dataclasses.asdict(claim), "date": str(claim.date) if claim.date else None}
            sys.stdout.write(json_module.dumps(record, ensure_ascii=False) + "\n")
    else:
        headers = ["date", "count", "since", "who", "contradicts", "file", "evidence"]
        rows = [
            [
                str(c.date or "?"),
                f"{c.qualifier + ' ' if c.qualifier else ''}{c.count}",
                c.since or "",
                c.who,
                "yes" if c.contradicts else "",
                c.file,
                c.evidence,
            ]
            for c in claims
        ]
        _print_rows(headers, rows, sys.stdout)
    _finish(corpus)


def _print_rows(headers: list[str], rows: list[list[str]], stream: IO[str]) -> None:
    """A table in a terminal; tab-separated lines with a header when piped."""
    from .terminal import plain_rows

    if not stream.isatty():
        stream.write(plain_rows(headers, rows, _colour(stream)))
        return
    from rich.table import Table

    table = Table(*headers, header_style="bold")
    for row in rows:
        table.add_row(*row)
    _console(stream).print(table)


def _colour(stream: IO[str]) -> bool:
    from .terminal import colour_wanted

    return colour_wanted(_settings.get("color", "auto"), stream, os.environ)


def _console(stream: IO[str]) -> Any:
    from .terminal import console

    return console(stream, _colour(stream))


cache_app = typer.Typer(help="Inspect or empty the cache of extraction results.", no_args_is_help=True)
app.add_typer(cache_app, name="cache")


@cache_app.command("info")
def cache_info_command(fmt: FormatOption = "text") -> None:
    """Where the cache is, how many articles it holds, and its size.

    Example: timeline cache info --format json
    """
    import json as json_module

    from .cache import ExtractionCache

    fmt = _format(fmt, {"text", "json"})
    store = ExtractionCache()
    info = store.info()
    for warning in store.warnings:
        _err(f"warning: {warning}")
    if fmt == "json":
        sys.stdout.write(json_module.dumps(info) + "\n")
    else:
        sys.stdout.write("".join(f"{key}: {value}\n" for key, value in info.items()))


@cache_app.command("clear")
def cache_clear_command() -> None:
    """Delete every stored extraction result (the articles are never touched).

    Example: timeline cache clear
    """
    from .cache import ExtractionCache

    store = ExtractionCache()
    removed = store.clear()
    for warning in store.warnings:
        _err(f"warning: {warning}")
    _err(f"removed {removed} cached results from {store.path}")


# The commands that write the corrections file register themselves on `app`.
from . import cli_corrections  # noqa: E402, F401


def _usage_error(error: Exception) -> None:
    context = getattr(error, "ctx", None)
    hint = f" — see `{context.command_path} --help`" if context is not None else ""
    message = error.format_message() if hasattr(error, "format_message") else str(error)
    _err(f"error: {message}{hint}")
    sys.exit(2)


def main() -> None:
    """Entry point: run the app; turn every error into one line on stderr and an exit code."""
    # Extraction makes many small objects and no cycles worth collecting often.
    gc.set_threshold(100_000, 50, 100)
    debug = "--debug" in sys.argv
    if debug:
        sys.argv.remove("--debug")
    from .errors import TimelineError

    try:
        code = app(standalone_mode=False, prog_name="timeline")
        sys.stdout.flush()  # a closed pipe shows here, inside the handlers, not at exit
    except _NoArgsIsHelp as error:
        context = getattr(error, "ctx", None)
        if context is not None and type(error) is not _UsageError:
            sys.stdout.write(context.get_help() + "\n")
            sys.exit(0)
        _usage_error(error)
    except TimelineError as error:
        _err(f"error: {error}")
        sys.exit(error.exit_code)
    except (_ParserExit, typer.Exit) as done:
        sys.exit(getattr(done, "exit_code", 0))
    except (_ParserAbort, typer.Abort):
        _err("error: interrupted")
        sys.exit(130)
    except _UsageError as error:
        _usage_error(error)
    except KeyboardInterrupt:
        _err("error: interrupted")
        sys.exit(130)
    except BrokenPipeError:  # `timeline list | head`: the reader has all it wanted
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(0)
    except Exception as error:  # the last resort: never a traceback unless asked
        if debug:
            raise
        _err(f"error: unexpected {type(error).__name__}: {error} — rerun with --debug to see the traceback")
        sys.exit(1)
    sys.exit(code if isinstance(code, int) else 0)
