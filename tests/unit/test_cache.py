"""The extraction cache: keys, round trips, and failures that must never stop a run."""

from __future__ import annotations

import importlib.resources
import os
import sqlite3
from pathlib import Path

import pytest

from sinorus_timeline.cache import ExtractionCache, article_key, extractor_version, timeline_key
from sinorus_timeline.corpus import Options, read_corpus, timeline_of
from sinorus_timeline.documents import Article, Facts
from sinorus_timeline.extract import extract
from sinorus_timeline.models import PartialDate

TEXT = "MOSCOW, March 21 (Xinhua) -- Xi Jinping held talks with Vladimir Putin in the Kremlin on Tuesday.\n"


def article(published: str = "2023-03-21", text: str = TEXT) -> Article:
    return Article(text.encode(), "wire.txt", Facts(), PartialDate.parse(published))


def test_key_depends_on_text_date_place_and_extractor() -> None:
    base = article_key(article())
    assert base == article_key(article())
    assert base != article_key(article("2023-03-22"))
    assert base != article_key(article(text=TEXT + "More.\n"))
    assert base != article_key(Article(TEXT.encode(), "elsewhere/wire.txt", Facts(), PartialDate.parse("2023-03-21")))
    assert len(extractor_version()) == 16
    assert timeline_key(["b", "a"]) == timeline_key(["a", "b"]) != timeline_key(["a"])


def test_extractor_version_follows_the_code_and_the_rules(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:

    (tmp_path / "resources" / "en").mkdir(parents=True)
    (tmp_path / "extract.py").write_text("RULE = 1\n")
    (tmp_path / "resources" / "en" / "events.toml").write_text("[rule]\n")
    monkeypatch.setattr(importlib.resources, "files", lambda _: tmp_path)  # as cache.py reads its files
    versions = []
    for path, text in (
        (None, ""),
        (tmp_path / "extract.py", "RULE = 2\n"),
        (tmp_path / "resources" / "en" / "events.toml", ""),
    ):
        if path is not None:
            path.write_text(text)
        extractor_version.cache_clear()
        versions.append(extractor_version())
    extractor_version.cache_clear()
    assert len(set(versions)) == 3


def test_round_trip(tmp_path: Path) -> None:
    store = ExtractionCache(tmp_path)
    document = article().document()
    events = extract(document)
    key = article_key(article())
    store.put_many([(key, document, events)])
    found = store.get_many([key, "absent"])
    assert list(found) == [key]
    assert found[key][1] == events
    assert found[key][0].published == document.published
    assert store.info()["entries"] == 1
    assert store.clear() == 1
    assert store.get_many([key]) == {}
    assert store.warnings == []


def test_corrupt_cache_is_moved_aside_and_rebuilt(tmp_path: Path) -> None:
    (tmp_path / "extractions.sqlite3").write_bytes(b"this is not a database at all" * 100)
    store = ExtractionCache(tmp_path)
    document = article().document()
    key = article_key(article())
    store.put_many([(key, document, extract(document))])
    assert key in store.get_many([key])
    assert any("corrupt" in w for w in store.warnings)
    assert (tmp_path / "extractions.corrupt").exists()


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root writes to read-only folders")
def test_read_only_folder_is_bypassed(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        store = ExtractionCache(folder / "inner")
        store.put_many([("k", article().document(), [])])
        assert store.get_many(["k"]) == {}
        assert store.warnings
    finally:
        folder.chmod(0o700)


class _Failing:
    """A connection whose writes fail as on a full disk."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection

    def execute(self, sql: str, *args: object) -> object:
        if sql.startswith(("BEGIN", "ROLLBACK")):
            return self.connection.execute(sql)
        raise sqlite3.OperationalError("database or disk is full")

    def executemany(self, sql: str, rows: object) -> object:
        raise sqlite3.OperationalError("database or disk is full")


def test_full_disk_costs_a_warning_not_the_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = ExtractionCache(tmp_path)
    connection = store._connect()
    assert connection is not None
    monkeypatch.setattr(store, "_connect", lambda: _Failing(connection))
    store.put_many([("k", article().document(), [])])
    assert any("could not be written" in w for w in store.warnings)


def test_results_identical_with_and_without_cache(tmp_path: Path) -> None:
    cold = read_corpus([], Options(cache=ExtractionCache(tmp_path)))
    warm = read_corpus([], Options(cache=ExtractionCache(tmp_path)))
    none = read_corpus([], Options())
    assert [e.model_dump() for e in cold.events] == [e.model_dump() for e in warm.events]
    assert [e.model_dump() for e in none.events] == [e.model_dump() for e in warm.events]
    assert [d.model_dump() for d in none.documents] == [d.model_dump() for d in warm.documents]
    assert ExtractionCache(tmp_path).info()["entries"] == len(none.documents)
    first, second = timeline_of(cold), timeline_of(warm)
    assert (
        [e.model_dump() for e in first]
        == [e.model_dump() for e in second]
        == [e.model_dump() for e in timeline_of(none)]
    )


def test_a_first_run_does_not_hash_the_articles_twice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from sinorus_timeline import corpus as corpus_module

    hashed: list[str] = []
    counting = article_key  # what corpus.py calls

    def key(article: Article) -> str:
        hashed.append(article.path)
        return counting(article)

    monkeypatch.setattr(corpus_module, "article_key", key)
    store = ExtractionCache(tmp_path / "cache")
    assert not store.holds_timelines()
    first, _ = corpus_module.merged_timeline([], Options(cache=store))
    articles = len(hashed)
    assert articles > 0  # hashed once, to store each article's events
    assert store.holds_timelines()
    hashed.clear()
    second, _ = corpus_module.merged_timeline([], Options(cache=ExtractionCache(tmp_path / "cache")))
    assert len(hashed) == articles  # the stored timeline is found by the keys alone
    assert [e.model_dump() for e in first] == [e.model_dump() for e in second]
