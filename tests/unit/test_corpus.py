"""Reading a run's inputs: folders, JSON Lines dumps, stdin, worker processes."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from sinorus_timeline import documents
from sinorus_timeline.cache import ExtractionCache
from sinorus_timeline.corpus import Options, read_corpus, timeline_of
from sinorus_timeline.errors import UsageError
from sinorus_timeline.models import PartialDate

ARTICLE = "BEIJING, Oct 18 (Reuters) - Xi Jinping and Vladimir Putin held talks in Beijing on Wednesday.\n"


def _line(identity: str, published: str | None = "2023-10-18") -> str:
    record = {"id": identity, "text": ARTICLE, "url": f"https://example.com/{identity}"}
    if published:
        record["published"] = published
    return json.dumps(record)


def test_jsonl_corpus_one_document_a_line(tmp_path: Path) -> None:
    dump = tmp_path / "dump.jsonl"
    dump.write_text("\n".join([_line("a1"), _line("a2"), "not json", json.dumps({"id": "x"})]) + "\n")
    corpus = read_corpus([str(dump)])
    assert [d.file for d in corpus.documents] == ["a1", "a2"]
    assert all(d.path.startswith(str(dump) + "#") for d in corpus.documents)
    assert len(corpus.problems) == 2 and "line 3" in corpus.problems[0]
    meeting = next(e for e in corpus.events if e.type.value == "meeting")
    assert str(meeting.date) == "2023-10-18"
    assert meeting.sources[0].file == "a1"


def test_gzipped_corpus(tmp_path: Path) -> None:
    dump = tmp_path / "dump.jsonl.gz"
    with gzip.open(dump, "wt", encoding="utf-8") as stream:
        stream.write(_line("g1") + "\n")
    corpus = read_corpus([str(dump)])
    assert [d.file for d in corpus.documents] == ["g1"]


def test_a_bad_byte_costs_its_line_only(tmp_path: Path) -> None:
    dump = tmp_path / "dump.jsonl"
    lines = [_line(f"a{i}").encode() for i in range(5)]
    lines[1] = lines[1].replace(b"Beijing", b"Beij\xffing", 1)
    dump.write_bytes(b"\n".join(lines) + b"\n")
    corpus = read_corpus([str(dump)])
    assert [d.file for d in corpus.documents] == ["a0", "a2", "a3", "a4"]
    assert corpus.problems == [f"{dump} line 2: not UTF-8 — skipped"]


def test_a_line_over_the_limit_is_skipped_unread(tmp_path: Path) -> None:
    dump = tmp_path / "dump.jsonl.gz"
    with gzip.open(dump, "wb") as stream:  # a line of 3 MB without end, then a good one
        stream.write(b"x" * 3_000_000 + b"\n" + _line("g1").encode() + b"\n")
    corpus = read_corpus([str(dump)], Options(max_bytes=1000))
    assert [d.file for d in corpus.documents] == ["g1"]
    assert corpus.problems == [f"{dump} line 1: over the 1,000-byte limit — skipped (raise --max-bytes)"]


def test_bad_lines_are_counted_after_the_first_ones(tmp_path: Path) -> None:
    dump = tmp_path / "dump.jsonl"
    dump.write_text("not json\n" * 500 + _line("a1") + "\n")
    corpus = read_corpus([str(dump)])
    assert [d.file for d in corpus.documents] == ["a1"]
    assert len(corpus.problems) == 21
    assert corpus.problems[-1] == f"{dump}: 480 more bad lines not listed (500 in all)"


def test_stdin_over_the_limit_is_refused() -> None:
    corpus = read_corpus(["-"], Options(max_bytes=20, read_stdin=ARTICLE.encode))
    assert corpus.documents == []
    assert corpus.problems == ["stdin: over the 20-byte limit — split it or raise --max-bytes"]


def test_control_characters_in_names_and_text_are_shown_not_obeyed(tmp_path: Path) -> None:
    dump = tmp_path / "dump.jsonl"
    record = {
        "id": "bad\nname\x1b[2J",
        "text": "Xi Jinping and \x1b[31mVladimir Putin\x1b[0m held talks in Beijing on 18 October 2023.",
        "title": "A\rB",
    }
    dump.write_text(json.dumps(record) + "\n")
    corpus = read_corpus([str(dump)])
    document = corpus.documents[0]
    assert document.file == "bad\ufffdname\ufffd[2J" and document.title == "A\ufffdB"
    evidence = corpus.events[0].sources[0].evidence
    assert "\x1b" not in evidence and "\ufffd[31m" in evidence


def test_worker_processes_give_the_same_timeline() -> None:
    one = read_corpus([], Options(jobs=1))
    two = read_corpus([], Options(jobs=2))
    assert [e.model_dump() for e in timeline_of(one)] == [e.model_dump() for e in timeline_of(two)]


def test_published_option_needs_a_single_article(tmp_path: Path) -> None:
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(ARTICLE)
    with pytest.raises(UsageError):
        read_corpus([str(tmp_path)], Options(published=PartialDate.parse("2023-10-18")))


def test_stdin_document() -> None:
    corpus = read_corpus(["-"], Options(published=PartialDate.parse("2023-10-19"), read_stdin=ARTICLE.encode))
    assert [d.file for d in corpus.documents] == ["stdin"]
    assert any(str(e.date) == "2023-10-18" for e in corpus.events)


def test_bad_files_are_reported_and_the_rest_read(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text("---\npublished: 2023-10-19\n---\n" + ARTICLE)
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01PDF")
    corpus = read_corpus([str(tmp_path), str(tmp_path / "missing.txt")])
    assert [d.file for d in corpus.documents] == ["good.txt"]
    assert len(corpus.problems) == 3


# --- stamps: an unchanged file is not read again ----------------------------------------------------


@pytest.fixture
def settled_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Stamp files however new they are (the tests write them a moment before reading)."""
    monkeypatch.setattr(documents, "_SETTLED_NS", -(10**12))


def _keys_and_events(folder: Path, cache: ExtractionCache) -> tuple[list[str], list[tuple[str, str]]]:
    corpus = read_corpus([str(folder)], Options(cache=cache))
    return corpus.keys, sorted((e.type.value, str(e.date)) for e in timeline_of(corpus))


def test_a_stamped_file_is_not_read_again_and_gives_the_same_result(
    tmp_path: Path, settled_at_once: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "talks.txt").write_text("---\npublished: 2023-10-19\n---\n" + ARTICLE, encoding="utf-8")
    (folder / "latin.txt").write_bytes(b"---\npublished: 2023-10-19\n---\nCaf\xe9 " + ARTICLE.encode())
    cache = ExtractionCache(tmp_path / "cache")
    first = _keys_and_events(folder, cache)
    assert len(cache.stamps().known) == 2

    opened: list[str] = []
    real_open = open

    def watching_open(file: object, *args: object, **kwargs: object) -> object:
        opened.append(str(file))
        return real_open(file, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr("builtins.open", watching_open)
    corpus = read_corpus([str(folder)], Options(cache=ExtractionCache(tmp_path / "cache")))
    assert not [name for name in opened if name.endswith(".txt")]  # answered by stamps and stored results
    assert corpus.warnings == ["latin.txt: not UTF-8, read as Windows-1252"]  # the stamp keeps the warning
    monkeypatch.undo()
    assert _keys_and_events(folder, ExtractionCache(tmp_path / "cache")) == first


def test_a_changed_file_is_read_again_even_at_the_same_size(tmp_path: Path, settled_at_once: None) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    article = folder / "talks.txt"
    article.write_text("---\npublished: 2023-10-19\n---\n" + ARTICLE, encoding="utf-8")
    cache = ExtractionCache(tmp_path / "cache")
    keys, events = _keys_and_events(folder, cache)
    article.write_text("---\npublished: 2023-10-19\n---\n" + ARTICLE.replace("Wednesday", "Tuesday  "), "utf-8")
    assert article.stat().st_size == len(("---\npublished: 2023-10-19\n---\n" + ARTICLE).encode())
    changed_keys, changed_events = _keys_and_events(folder, ExtractionCache(tmp_path / "cache"))
    assert changed_keys != keys
    assert changed_events != events and ("meeting", "2023-10-17") in changed_events


def test_a_file_written_a_moment_ago_is_not_stamped(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "talks.txt").write_text(ARTICLE, encoding="utf-8")
    cache = ExtractionCache(tmp_path / "cache")
    read_corpus([str(folder)], Options(cache=cache))
    assert cache.stamps().known == {}
