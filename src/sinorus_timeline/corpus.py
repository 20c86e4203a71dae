"""A run's input: articles from files, folders, JSON Lines dumps or stdin, extracted in batches.

Articles are read lazily and extracted a batch at a time, from the cache when it has them and in
worker processes when it does not, so memory holds a few batches, not the corpus.
"""

from __future__ import annotations

import contextlib
import gzip
import json
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from .cache import ExtractionCache, article_key, timeline_key
from .documents import MAX_BYTES, Article, Facts, bundled_seeds, decode, facts_from, iter_paths, read_article
from .errors import InputError, UsageError
from .models import Document, Event, PartialDate
from .text import one_line
from .timeline import merge

STDIN = "-"
BATCH = 256
_CORPUS_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson")


@dataclass
class Options:
    """How to read and extract: a stated publication date, worker processes, a cache."""

    published: PartialDate | None = None
    jobs: int = 1
    cache: ExtractionCache | None = None
    read_stdin: Callable[[], bytes] | None = None
    max_bytes: int = MAX_BYTES
    dask: str | None = None  # a Dask scheduler's address: extract there instead of in local processes
    progress: Callable[[int, int | None], None] | None = None  # told (articles done, articles expected)
    # Publication dates set in the corrections file are stated before extraction, as a manifest's are.
    restate: Callable[[Article], Article] | None = None


@dataclass
class Corpus:
    """The documents read (without their text), their events, and one message per bad input."""

    documents: list[Document] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    keys: list[str] = field(default_factory=list)
    cache: ExtractionCache | None = None
    expected: int | None = None  # how many articles the inputs hold, when known before reading them


def is_corpus_file(path: Path) -> bool:
    """A JSON Lines dump of many articles rather than one article."""
    return path.name.endswith(_CORPUS_SUFFIXES)


def iter_articles(paths: list[str], options: Options, corpus: Corpus) -> Iterator[Article]:
    """Every readable article of the inputs, in order; unreadable ones go to `corpus.problems`."""
    articles = _read_articles(paths, options, corpus)
    return articles if options.restate is None else map(options.restate, articles)


def _read_articles(paths: list[str], options: Options, corpus: Corpus) -> Iterator[Article]:
    names = paths or [str(bundled_seeds())]
    files = _once(list(iter_paths([Path(n) for n in names if n != STDIN], corpus.problems)), corpus)
    dumps = any(is_corpus_file(f) for f in files)
    single = len(files) + names.count(STDIN) == 1 and not dumps
    corpus.expected = None if dumps else len(files) + names.count(STDIN)
    if options.published is not None and not single:
        raise UsageError("--published applies to one article — state dates for many in a sources.toml manifest")
    if STDIN in names:
        raw = options.read_stdin() if options.read_stdin is not None else b""
        try:
            if len(raw) > options.max_bytes:
                raise InputError(f"stdin: over the {options.max_bytes:,}-byte limit — split it or raise --max-bytes")
            _, warning = decode(raw, "stdin")
            yield Article(raw, "stdin", Facts(), options.published, warning=warning)
        except InputError as error:
            corpus.problems.append(str(error))
    manifests: dict[str, dict[str, Facts]] = {}
    stamps = options.cache.stamps() if options.cache is not None and files else None
    for path in files:
        if is_corpus_file(path):
            yield from _corpus_lines(path, corpus, options.max_bytes)
            continue
        try:
            article = read_article(path, manifests, options.published, options.max_bytes, stamps)
        except InputError as error:
            corpus.problems.append(str(error))
            continue
        if article.warning:
            corpus.warnings.append(article.warning)
        yield article
    if stamps is not None and (stamps.fresh or stamps.fresh_manifests) and options.cache is not None:
        options.cache.put_stamps(stamps)


def _once(files: list[Path], corpus: Corpus) -> list[Path]:
    """Each file once, however often it is named ("a.txt a.txt", a folder and a file in it)."""
    seen: dict[str, Path] = {}
    for path in files:
        key = os.path.realpath(path)
        if key in seen:
            corpus.warnings.append(f"{path}: named more than once — read once")
            continue
        seen[key] = path
    return list(seen.values())


def iter_documents(paths: list[str], options: Options, corpus: Corpus) -> Iterator[Document]:
    """Every readable article of the inputs as a document with its text."""
    for article in iter_articles(paths, options, corpus):
        try:
            yield article.document()
        except InputError as error:
            corpus.problems.append(str(error))


def _corpus_lines(path: Path, corpus: Corpus, max_bytes: int = MAX_BYTES) -> Iterator[Article]:
    """One article per line of a JSON Lines dump: `text`, optional `id`, `url`, `published`, `title`,
    `outlet`. Evidence then points at `FILE#ID`.

    Lines are read in pieces of at most `max_bytes` (a gzip bomb or a line without end never fills
    memory) and decoded one by one: a bad byte costs its line, not the rest of the dump. After
    _BAD_LINES_SHOWN bad lines, the rest are only counted."""
    opener = gzip.open if path.name.endswith(".gz") else open
    bad = 0

    def problem(number: int, message: str) -> None:
        nonlocal bad
        bad += 1
        if bad <= _BAD_LINES_SHOWN:
            corpus.problems.append(f"{path} line {number}: {message}")

    try:
        with opener(path, "rb") as stream:
            for number, line in enumerate(_bounded_lines(stream, max_bytes), start=1):
                if line is None:
                    problem(number, f"over the {max_bytes:,}-byte limit — skipped (raise --max-bytes)")
                    continue
                if not line.strip():
                    continue
                try:
                    yield _corpus_article(path, number, line.decode("utf-8"))
                except UnicodeDecodeError:
                    problem(number, "not UTF-8 — skipped")
                except (InputError, UsageError, ValueError) as error:
                    problem(number, str(error))
    except (OSError, EOFError) as error:
        corpus.problems.append(f"{path}: cannot read the corpus ({error})")
    if bad > _BAD_LINES_SHOWN:
        corpus.problems.append(f"{path}: {bad - _BAD_LINES_SHOWN:,} more bad lines not listed ({bad:,} in all)")


class _Readable(Protocol):
    def readline(self, size: int = -1, /) -> bytes: ...


_BAD_LINES_SHOWN = 20  # a dump of millions of bad lines reports the first ones and a count


def _bounded_lines(stream: _Readable, limit: int) -> Iterator[bytes | None]:
    """The lines of a binary stream, each read in pieces of at most `limit` bytes; a longer line is
    skipped to its end and given as None."""
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        if len(line) <= limit or line.endswith(b"\n"):
            yield line
            continue
        while line and not line.endswith(b"\n"):  # drain the rest of the long line, piece by piece
            line = stream.readline(limit + 1)
        yield None


def _corpus_article(path: Path, number: int, line: str) -> Article:
    record = json.loads(line)
    if not isinstance(record, dict) or not isinstance(record.get("text"), str):
        raise InputError("each line needs a JSON object with a 'text' string")
    identity = one_line(str(record.get("id") or f"{path.name}:{number}"))
    facts = facts_from({k: v for k, v in record.items() if k in {"url", "published", "title", "outlet"} and v}, "line")
    raw = record["text"].encode("utf-8")
    decode(raw, identity)
    return Article(raw, f"{path}#{identity}", facts, file=identity)


def _batches(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    batch: list[Article] = []
    for article in articles:
        batch.append(article)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _pool(options: Options) -> Executor:
    if options.dask is not None:
        return _dask_pool(options.dask)
    # Imported here: a run the cache answers starts no workers.
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    return ProcessPoolExecutor(max_workers=options.jobs, mp_context=context)


class _DaskPool(Executor):
    """Dask's own executor for a cluster, closing the connection when the run ends."""

    def __init__(self, address: str) -> None:
        from distributed import Client

        self.client = Client(address, timeout="10s", set_as_default=False)  # type: ignore[no-untyped-call]
        self.executor: Executor = self.client.get_executor(pure=False)  # type: ignore[no-untyped-call]
        self.workers = max(1, sum(self.client.nthreads().values()))  # type: ignore[no-untyped-call]

    def map(self, fn: Callable[..., Any], *iterables: Iterable[Any], **_: Any) -> Iterator[Any]:
        return self.executor.map(fn, *iterables)  # in order, as each result arrives

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        self.executor.shutdown(wait=wait)
        self.client.close()  # type: ignore[no-untyped-call]


def _dask_pool(address: str) -> Executor:
    try:
        import distributed  # noqa: F401
    except ImportError:
        raise UsageError("--dask needs Dask installed: pip install 'sinorus-timeline[dask]'") from None
    try:
        return _DaskPool(address)
    except (OSError, TimeoutError, ValueError) as error:
        raise InputError(f"cannot reach the Dask scheduler at {address} ({error})") from None


Extracted = tuple[Document, list[Event]] | str  # an article's text-less document and events, or its problem


def extract_chunk(articles: list[Article]) -> list[Extracted]:
    """The documents and events of several articles: one task of a worker pool or a cluster.

    Workers also read the text and find the publication date, so the main process only hashes."""
    from .extract import extract  # the rules: not needed when the cache answers

    results: list[Extracted] = []
    for article in articles:
        try:
            document = article.document()
        except InputError as error:
            results.append(str(error))
            continue
        results.append((document.model_copy(update={"text": ""}), extract(document)))
    return results


def _extract_batch(articles: list[Article], options: Options, pool: Executor | None) -> list[Extracted]:
    if pool is None or (len(articles) <= 1 and options.dask is None):
        return extract_chunk(articles)
    if options.dask is not None:
        for article in articles:  # a cluster's workers cannot read this machine's files
            with contextlib.suppress(InputError):  # reported when the worker tries again
                article.content()
    workers = pool.workers if isinstance(pool, _DaskPool) else options.jobs
    size = max(1, len(articles) // (workers * 4))
    chunks = [articles[i : i + size] for i in range(0, len(articles), size)]
    return [result for chunk in pool.map(extract_chunk, chunks) for result in chunk]


def extract_all(
    articles: Iterable[Article], options: Options, corpus: Corpus
) -> Iterator[tuple[Document, list[Event]]]:
    """Each article's document and events, in input order: stored results first, the rest extracted."""
    pool: Executor | None = None
    done = 0
    try:
        for batch in _batches(articles, BATCH):
            keys = [article_key(a) for a in batch]
            stored = options.cache.get_many(keys) if options.cache is not None else {}
            pending = {key: article for article, key in zip(batch, keys, strict=True) if key not in stored}
            if pool is None and pending and (options.dask is not None or (options.jobs > 1 and len(pending) > 1)):
                pool = _pool(options)
            fresh: dict[str, tuple[Document, list[Event]]] = {}
            for key, result in zip(pending, _extract_batch(list(pending.values()), options, pool), strict=True):
                if isinstance(result, str):
                    corpus.problems.append(result)
                else:
                    fresh[key] = result
            if options.cache is not None and fresh:
                options.cache.put_many((key, document, events) for key, (document, events) in fresh.items())
            for key in keys:
                found = stored.get(key) or fresh.get(key)
                if found is not None:
                    corpus.keys.append(key)
                    yield found
            done += len(batch)
            if options.progress is not None:
                options.progress(done, corpus.expected)
    finally:
        if pool is not None:
            pool.shutdown()


def read_corpus(paths: list[str], options: Options | None = None) -> Corpus:
    """Read and extract every article; bad inputs are reported in `problems`, the rest still read."""
    options = options or Options()
    corpus = Corpus(cache=options.cache)
    for document, events in extract_all(iter_articles(paths, options, corpus), options, corpus):
        corpus.documents.append(document)
        corpus.events.extend(events)
    if options.cache is not None:
        corpus.warnings.extend(options.cache.warnings)
    return corpus


def timeline_of(corpus: Corpus) -> list[Event]:
    """The merged, sorted timeline of a corpus (from the cache when it holds this very set).

    The per-article events are released once merged: over thousands of articles, keeping both
    would double what the run holds while the timeline is stored."""
    key = timeline_key(corpus.keys)
    merged = corpus.cache.get_timeline(key) if corpus.cache is not None else None
    if merged is None:
        merged = merge(corpus.events)
        corpus.events = []
        if corpus.cache is not None:
            corpus.cache.put_timeline(key, merged)
    corpus.events = []
    return merged


def merged_timeline(paths: list[str], options: Options) -> tuple[list[Event], Corpus]:
    """The merged timeline, and the corpus read for it.

    With a cache, a first cheap pass only hashes the articles: when the cache holds the timeline of
    exactly this set, nothing is parsed at all. Otherwise the articles are read and extracted.
    A cache holding no timeline at all (a first run) skips that pass.
    """
    if options.cache is not None and options.cache.holds_timelines():
        probe = Corpus(cache=options.cache)
        keys = [article_key(article) for article in iter_articles(paths, options, probe)]
        stored = options.cache.get_timeline(timeline_key(keys))
        if stored is not None:
            probe.keys = keys
            probe.warnings.extend(options.cache.warnings)
            return stored, probe
    corpus = read_corpus(paths, options)
    return timeline_of(corpus), corpus


def events_per_document(events: list[Event]) -> dict[str, int]:
    """How many events cite each document id."""
    counts: dict[str, int] = {}
    for event in events:
        for document_id in {source.document_id for source in event.sources}:
            counts[document_id] = counts.get(document_id, 0) + 1
    return counts
