"""The commands that write and list the corrections file: fix, reject, merge, add, set-published,
corrections. A thin layer like `cli.py`, whose app and helpers it uses."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from . import cli
from .cli import Jobs, NoCache, Paths, Published, app

if TYPE_CHECKING:
    from .corrections import Correction, Outcome
    from .models import Event

EventId = Annotated[str, typer.Argument(metavar="ID", help="An event id (or its first characters).")]
CorrectionsFile = Annotated[
    Path | None,
    typer.Option("--corrections", help="The corrections file (default: corrections.toml beside the articles)."),
]
Date = Annotated[str | None, typer.Option("--date", help="The date: 2023, 2023-10, 2023-10-18 or 'October 2023'.")]
Kind = Annotated[str | None, typer.Option("--type", help="The event type: summit, visit, meeting, ...")]
Title = Annotated[str | None, typer.Option("--title", help="A short description.")]
Places = Annotated[list[str] | None, typer.Option("--place", help="A place (repeatable; replaces the places).")]
People = Annotated[list[str] | None, typer.Option("--person", help="A participant (repeatable; replaces them).")]
Note = Annotated[str | None, typer.Option("--note", help="Why, in your words; kept in the file.")]


def _use(corrections: Path | None) -> None:
    if corrections is not None:
        cli._settings["corrections"] = corrections


def _timeline(
    paths: list[str] | None, published: str | None, jobs: int | None, no_cache: bool
) -> tuple[list[Event], list[Event], list[Outcome]]:
    """The timeline as extracted, as corrected, and what became of each correction."""
    from .corrections import apply
    from .corrections_file import input_names

    raw, corpus = cli._merged(paths, published, jobs, no_cache, corrected=False)
    book = cli._corrections(paths)
    corrected, outcomes = apply(raw, book, input_names(paths or []), corpus.documents)
    return raw, corrected, outcomes


def _originals(
    event_ids: list[str], paths: list[str] | None, published: str | None, jobs: int | None, no_cache: bool
) -> list[Event]:
    """The events as extracted that the ids (as `list` shows them, corrections applied) stand for."""
    from .errors import UsageError
    from .timeline import find_event

    raw, corrected, outcomes = _timeline(paths, published, jobs, no_cache)
    added = {i for outcome in outcomes if outcome.correction.action == "add" for i in outcome.events}
    originals = []
    for event_id in event_ids:
        event = find_event(corrected, event_id)
        original = next((e for e in raw if e.id == event.id), None)
        if event.id in added or original is None or not original.sources:
            path = cli._corrections_path(paths)
            raise UsageError(f"event {event.id} was added by hand — change its [[correction]] in {path}")
        originals.append(original)
    return originals


def _save(paths: list[str] | None, correction: Correction, comment: str) -> None:
    from .corrections_file import append

    path = cli._corrections_path(paths)
    number = append(path, correction, comment)
    cli._err(f"correction {number} ({correction.describe()}) saved in {path}")


@app.command("fix")
def fix_command(
    event_id: EventId,
    paths: Paths = None,
    date: Date = None,
    kind: Kind = None,
    title: Title = None,
    places: Places = None,
    people: People = None,
    note: Note = None,
    corrections: CorrectionsFile = None,
    published: Published = None,
    jobs: Jobs = None,
    no_cache: NoCache = False,
) -> None:
    """Correct an event's date, type, title, places or people; the correction survives new rules.

    Example: timeline fix 4cc99d5fcf --date 2023-10-18 --note 'the forum opened on the 18th'
    """
    from .corrections import Correction, reference
    from .errors import UsageError
    from .models import EventType

    _use(corrections)
    if date is None and kind is None and title is None and not places and not people:
        raise UsageError("say what to change: --date, --type, --title, --place or --person")
    new_date = cli._parse_date(date, "--date")
    new_type = cli._choice(EventType, kind, "--type") if kind is not None else None
    [original] = _originals([event_id], paths, published, jobs, no_cache)
    correction = Correction(
        action="fix",
        event=reference(original),
        date=new_date,
        type=new_type,
        title=title,
        places=places or None,
        participants=people or None,
        note=note,
    )
    _save(paths, correction, f"fix {original.id}")


@app.command("reject")
def reject_command(
    event_id: EventId,
    paths: Paths = None,
    note: Note = None,
    corrections: CorrectionsFile = None,
    published: Published = None,
    jobs: Jobs = None,
    no_cache: NoCache = False,
) -> None:
    """Leave an event out of the timeline: a wrong reading, not a real happening.

    Example: timeline reject 4cc99d5fcf --note 'an opinion, not an event'
    """
    from .corrections import Correction, reference

    _use(corrections)
    [original] = _originals([event_id], paths, published, jobs, no_cache)
    _save(paths, Correction(action="reject", event=reference(original), note=note), f"reject {original.id}")


@app.command("merge")
def merge_command(
    first: Annotated[str, typer.Argument(metavar="ID1", help="The event that stays.")],
    second: Annotated[str, typer.Argument(metavar="ID2", help="The event merged into it.")],
    paths: Paths = None,
    note: Note = None,
    corrections: CorrectionsFile = None,
    published: Published = None,
    jobs: Jobs = None,
    no_cache: NoCache = False,
) -> None:
    """Merge two events that report the same happening: ID1 keeps its date and takes ID2's sources.

    Example: timeline merge 4cc99d5fcf 9b1e02aa41
    """
    from .corrections import Correction, reference
    from .errors import UsageError

    _use(corrections)
    kept, merged = _originals([first, second], paths, published, jobs, no_cache)
    if kept.id == merged.id:
        raise UsageError(f"{first} and {second} are the same event")
    correction = Correction(action="merge", events=[reference(kept), reference(merged)], note=note)
    _save(paths, correction, f"merge {kept.id} {merged.id}")


@app.command("add")
def add_command(
    paths: Paths = None,
    date: Date = None,
    kind: Kind = None,
    title: Title = None,
    places: Places = None,
    people: People = None,
    source: Annotated[Path | None, typer.Option("--source", help="The article that reports the event.")] = None,
    evidence: Annotated[
        str | None, typer.Option("--evidence", help="The sentence of --source that reports it, as written.")
    ] = None,
    note: Note = None,
    corrections: CorrectionsFile = None,
) -> None:
    """Add an event the extractor missed.

    Example: timeline add --date 2023-10-18 --type meeting --title 'Xi and Putin talks' --source a.txt --evidence '...'
    """
    from .corrections import Correction
    from .errors import UsageError
    from .models import EventType

    _use(corrections)
    if kind is None or not title:
        raise UsageError("an added event needs --type and --title (and --date when it is known)")
    if (source is None) != (evidence is None):
        raise UsageError("give --source and --evidence together: the article and its sentence")
    span = _locate(source, evidence) if source is not None and evidence is not None else None
    correction = Correction(
        action="add",
        date=cli._parse_date(date, "--date"),
        type=cli._choice(EventType, kind, "--type"),
        title=title,
        places=places or None,
        participants=people or None,
        file=span[0] if span else None,
        evidence=evidence,
        start=span[1] if span else None,
        end=span[2] if span else None,
        note=note,
    )
    _save(paths, correction, "add")


def _locate(source: Path, evidence: str) -> tuple[str, int, int]:
    """The article's name and where the sentence is in its text (a web page's extracted text)."""
    from .documents import load_path
    from .errors import UsageError

    document = load_path(source, {}, None)
    start = document.text.find(evidence)
    if start < 0:
        raise UsageError(f"--evidence is not in {source} — copy the sentence exactly as the article has it")
    return document.file, start, start + len(evidence)


@app.command("set-published")
def set_published_command(
    file: Annotated[str, typer.Argument(metavar="FILE", help="The article (its file name is what counts).")],
    date: Annotated[str, typer.Argument(metavar="DATE", help="2023, 2023-10 or 2023-10-19.")],
    paths: Annotated[
        list[str] | None, typer.Argument(help="The corpus FILE belongs to (default: FILE itself).")
    ] = None,
    note: Note = None,
    corrections: CorrectionsFile = None,
) -> None:
    """Set an article's publication date, against which "on Wednesday" and "last week" are resolved.

    Example: timeline set-published articles/xinhua-0321.txt 2023-03-21
    """
    from .corrections import Correction, relative_name
    from .corrections_file import input_names
    from .errors import UsageError

    _use(corrections)
    corpus = paths or [file]
    name = Path(file).name
    if not paths and not Path(file).is_file():
        raise UsageError(f"{file}: no such article file — give the path of the article")
    if name not in input_names(corpus):
        raise UsageError(f"{file} is not among the articles of {' '.join(corpus)} — give its corpus as PATHS")
    key = relative_name(file, cli._corrections_path(corpus).parent)
    correction = Correction(action="published", file=key, date=cli._parse_date(date, "DATE"), note=note)
    _save(corpus, correction, "set-published")


@app.command("corrections")
def corrections_command(
    paths: Paths = None,
    fmt: cli.FormatOption = "table",
    corrections: CorrectionsFile = None,
    published: Published = None,
    jobs: Jobs = None,
    no_cache: NoCache = False,
) -> None:
    """List the corrections file's entries and what became of each: applied, no match, not read.

    Example: timeline corrections articles/ --format jsonl
    """
    _use(corrections)
    fmt = cli._format(fmt, {"table", "jsonl"})
    _, _, outcomes = _timeline(paths, published, jobs, no_cache)
    cli._err(f"corrections file: {cli._corrections_path(paths)}")
    if fmt == "jsonl":
        for outcome in outcomes:
            record = {
                "number": outcome.number,
                "state": outcome.state,
                "events": list(outcome.events),
                **outcome.correction.model_dump(mode="json", exclude_none=True),
            }
            sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
        return
    rows = [_row(outcome) for outcome in outcomes]
    cli._print_rows(["#", "action", "state", "events", "correction", "changes"], rows, sys.stdout)


def _row(outcome: Outcome) -> list[str]:
    correction = outcome.correction
    events = " ".join(outcome.events)
    return [str(outcome.number), correction.action, outcome.state, events, correction.describe(), correction.changes()]
