"""A run's input: articles from files, folders, JSON Lines dumps or stdin, extracted in batches.

Articles are read lazily and extracted a batch at a time, from the cache when it has them and in
worker processes when it does not, so memory holds a few batches, not the corpus.
"""

from __future__ import annotations

import gzip
import json
import multiprocessing
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from .cache import ExtractionCache, article_key, timeline_key
from .documents import MAX_BYTES, Article, Facts, bundled_seeds, decode, facts_from, iter_paths, read_article
from .errors import InputError, UsageError
from .extract import extract
from .models import Document, Event, PartialDate
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


def is_corpus_file(path: Path) -> bool:
    """A JSON Lines dump of many articles rather than one article."""
    return path.name.endswith(_CORPUS_SUFFIXES)


def iter_articles(paths: list[str], options: Options, corpus: Corpus) -> Iterator[Article]:
    """Every readable article of the inputs, in order; unreadable ones go to `corpus.problems`."""
    articles = _read_articles(paths, options, corpus)
    return articles if options.restate is None else map(options.restate, articles)


def _read_articles(paths: list[str], options: Options, corpus: Corpus) -> Iterator[Article]:
    names = paths or [str(bundled_seeds())]
    files = list(iter_paths([Path(n) for n in names if n != STDIN]))
    single = len(files) + names.count(STDIN) == 1 and not any(is_corpus_file(f) for f in files)
    if options.published is not None and not single:
        raise UsageError("--published applies to one article — state dates for many in a sources.toml manifest")
    if STDIN in names:
        raw = options.read_stdin() if options.read_stdin is not None else b""
        try:
            _, warning = decode(raw, "stdin")
            yield Article(raw, "stdin", Facts(), options.published, warning=warning)
        except InputError as error:
            corpus.problems.append(str(error))
    manifests: dict[Path, dict[str, Facts]] = {}
    for path in files:
        if is_corpus_file(path):
            yield from _corpus_lines(path, corpus)
            continue
        try:
            article = read_article(path, manifests, options.published, options.max_bytes)
        except InputError as error:
            corpus.problems.append(str(error))
            continue
        if article.warning:
            corpus.warnings.append(article.warning)
        yield article


def iter_documents(paths: list[str], options: Options, corpus: Corpus) -> Iterator[Document]:
    """Every readable article of the inputs as a document with its text."""
    for article in iter_articles(paths, options, corpus):
        try:
            yield article.document()
        except InputError as error:
            corpus.problems.append(str(error))


def _corpus_lines(path: Path, corpus: Corpus) -> Iterator[Article]:
    """One article per line of a JSON Lines dump: `text`, optional `id`, `url`, `published`, `title`,
    `outlet`. Evidence then points at `FILE#ID`."""
    opener = gzip.open if path.name.endswith(".gz") else open
    try:
        with opener(path, "rt", encoding="utf-8") as stream:
            for number, line in enumerate(stream, start=1):
                if not line.strip():
                    continue
                try:
                    yield _corpus_article(path, number, line)
                except (InputError, UsageError, ValueError) as error:
                    corpus.problems.append(f"{path} line {number}: {error}")
    except (OSError, UnicodeDecodeError, EOFError) as error:
        corpus.problems.append(f"{path}: cannot read the corpus ({error})")


def _corpus_article(path: Path, number: int, line: str) -> Article:
    record = json.loads(line)
    if not isinstance(record, dict) or not isinstance(record.get("text"), str):
        raise InputError("each line needs a JSON object with a 'text' string")
    identity = str(record.get("id") or f"{path.name}:{number}")
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


def _pool(jobs: int) -> Executor:
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    return ProcessPoolExecutor(max_workers=jobs, mp_context=context)


def _extract_batch(documents: list[Document], options: Options, pool: Executor | None) -> list[list[Event]]:
    if pool is not None and len(documents) > 1:
        return list(pool.map(extract, documents, chunksize=max(1, len(documents) // (options.jobs * 4))))
    return [extract(d) for d in documents]


def extract_all(
    articles: Iterable[Article], options: Options, corpus: Corpus
) -> Iterator[tuple[Document, list[Event]]]:
    """Each article's document and events, in input order: stored results first, the rest extracted."""
    pool: Executor | None = None
    try:
        for batch in _batches(articles, BATCH):
            keys = [article_key(a) for a in batch]
            stored = options.cache.get_many(keys) if options.cache is not None else {}
            documents: dict[str, Document] = {}
            for article, key in zip(batch, keys, strict=True):
                if key not in stored:
                    try:
                        documents[key] = article.document()
                    except InputError as error:
                        corpus.problems.append(str(error))
            if options.jobs > 1 and len(documents) > 1 and pool is None:
                pool = _pool(options.jobs)
            results = _extract_batch(list(documents.values()), options, pool)
            fresh = {
                key: (document.model_copy(update={"text": ""}), events)
                for (key, document), events in zip(documents.items(), results, strict=True)
            }
            if options.cache is not None and fresh:
                options.cache.put_many((key, document, events) for key, (document, events) in fresh.items())
            for key in keys:
                found = stored.get(key) or fresh.get(key)
                if found is not None:
                    corpus.keys.append(key)
                    yield found
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
    """The merged, sorted timeline of a corpus (from the cache when it holds this very set)."""
    if corpus.cache is None:
        return merge(corpus.events)
    key = timeline_key(corpus.keys)
    stored = corpus.cache.get_timeline(key)
    if stored is not None:
        return stored
    merged = merge(corpus.events)
    corpus.cache.put_timeline(key, merged)
    return merged


def merged_timeline(paths: list[str], options: Options) -> tuple[list[Event], Corpus]:
    """The merged timeline, and the corpus read for it.

    With a cache, a first cheap pass only hashes the articles: when the cache holds the timeline of
    exactly this set, nothing is parsed at all. Otherwise the articles are read and extracted.
    """
    if options.cache is not None:
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
