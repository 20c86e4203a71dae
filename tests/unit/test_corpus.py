"""Reading a run's inputs: folders, JSON Lines dumps, stdin, worker processes."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

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
