"""A run's input: the articles named on the command line (files, folders, stdin) as documents."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .documents import Facts, bundled_seeds, decode, iter_paths, load_path, make_document
from .errors import InputError, UsageError
from .extract import extract
from .models import Document, Event, PartialDate
from .timeline import merge

STDIN = "-"


@dataclass
class Corpus:
    """The documents read, and one message per input that could not be read."""

    documents: list[Document] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def read_corpus(
    paths: list[str], published: PartialDate | None = None, read_stdin: Callable[[], bytes] | None = None
) -> Corpus:
    """Read every article; a bad one is reported in `problems` and the rest are still read."""
    names = paths or [str(bundled_seeds())]
    expanded = [Path(n) for n in names if n != STDIN]
    files = list(iter_paths(expanded))
    count = len(files) + names.count(STDIN)
    if published is not None and count > 1:
        raise UsageError("--published applies to one article — state dates for many in a sources.toml manifest")
    corpus = Corpus()
    if STDIN in names:
        _read_stdin(corpus, read_stdin, published)
    manifests: dict[Path, dict[str, Facts]] = {}
    for path in files:
        try:
            document = load_path(path, manifests, published)
        except InputError as error:
            corpus.problems.append(str(error))
            continue
        _note_encoding(corpus, path)
        corpus.documents.append(document)
    return corpus


def _read_stdin(corpus: Corpus, read_stdin: Callable[[], bytes] | None, published: PartialDate | None) -> None:
    raw = read_stdin() if read_stdin is not None else b""
    try:
        corpus.documents.append(make_document(raw, "stdin", Facts(), published))
    except InputError as error:
        corpus.problems.append(str(error))


def _note_encoding(corpus: Corpus, path: Path) -> None:
    try:
        _, warning = decode(path.read_bytes(), path.name)
    except (InputError, OSError):
        return
    if warning:
        corpus.warnings.append(warning)


def extract_corpus(corpus: Corpus) -> list[Event]:
    """Every article's events, in article order, not merged."""
    return [event for document in corpus.documents for event in extract(document)]


def timeline_of(corpus: Corpus) -> list[Event]:
    """The merged, sorted timeline of a corpus."""
    return merge(extract_corpus(corpus))


def events_per_document(events: list[Event]) -> dict[str, int]:
    """How many events cite each document id."""
    counts: dict[str, int] = {}
    for event in events:
        for document_id in {source.document_id for source in event.sources}:
            counts[document_id] = counts.get(document_id, 0) + 1
    return counts
