"""The corrections file: where it lives, reading it, and appending safely without losing hand edits."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sinorus_timeline.corrections import Correction, EventRef
from sinorus_timeline.corrections_file import FILE_NAME, append, default_location, input_names, load, parse, render
from sinorus_timeline.documents import bundled_seeds
from sinorus_timeline.errors import InputError

AWKWARD = 'He said "yes" \\ no\ttab\x7f and a line\nbreak, “quotes” and 中文'


def reject(evidence: str = "Xi met Putin in Moscow on Tuesday.") -> Correction:
    ref = EventRef(file="wire.txt", evidence=evidence, type="meeting", date="2023-03-21", id="abc")
    return Correction(action="reject", event=ref, note="not an event")


def test_render_reads_back_whatever_the_text() -> None:
    corrections = [
        reject(AWKWARD),
        Correction(action="merge", events=[reject().event, reject(AWKWARD).event]),
        Correction(action="add", type="call", title=AWKWARD, date="2023-04", places=["Moscow", "Beijing"]),
        Correction(action="published", file="a b.txt", date="2019-06-05"),
    ]
    text = "".join(render(c) + "\n" for c in corrections)
    assert parse(text, Path("x.toml")).entries == corrections


def test_append_keeps_comments_and_numbers_entries(tmp_path: Path) -> None:
    path = tmp_path / FILE_NAME
    assert append(path, reject(), "first") == 1
    path.write_text(path.read_text(encoding="utf-8") + "# my own note\n", encoding="utf-8")
    assert append(path, reject("Another sentence entirely.")) == 2
    text = path.read_text(encoding="utf-8")
    assert "# my own note" in text and "# first" in text
    assert [c.event.evidence for c in load(path).entries if c.event] == [
        "Xi met Putin in Moscow on Tuesday.",
        "Another sentence entirely.",
    ]
    assert sorted(p.name for p in tmp_path.iterdir()) == [FILE_NAME, FILE_NAME + ".lock"]  # no temporary left


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        ("[[correction]\naction = 'reject'\n", "not valid TOML"),
        ("[[correction]]\naction = 'reject'\n", "correction 1: reject needs"),
        ("[[correction]]\naction = 'fix'\ncolour = 'red'\n[correction.event]\nfile='a'\nevidence='b'\n", "colour"),
        ("[[corection]]\naction = 'reject'\n", "unknown table 'corection'"),
    ],
)
def test_a_bad_file_is_named_and_never_written_over(tmp_path: Path, content: str, needle: str) -> None:
    path = tmp_path / FILE_NAME
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=needle) as error:
        load(path)
    assert str(path) in str(error.value)
    with pytest.raises(InputError):
        append(path, reject())
    assert path.read_text(encoding="utf-8") == content


def test_a_missing_file_is_no_corrections(tmp_path: Path) -> None:
    assert load(tmp_path / FILE_NAME).entries == []


def test_threads_appending_at_once_all_land(tmp_path: Path) -> None:
    path = tmp_path / FILE_NAME
    threads = [threading.Thread(target=append, args=(path, reject(f"Sentence number {n}."))) for n in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(load(path).entries) == 12


def test_default_location(tmp_path: Path) -> None:
    environ = {"XDG_DATA_HOME": str(tmp_path / "data")}
    corpus = tmp_path / "corpus"
    (corpus / "sub").mkdir(parents=True)
    for name in ("a.txt", "sub/b.txt"):
        (corpus / name).write_text("x", encoding="utf-8")
    assert default_location([str(corpus)], environ) == corpus.resolve() / FILE_NAME
    assert default_location([str(corpus / "a.txt"), str(corpus / "sub/b.txt")], environ) == corpus.resolve() / FILE_NAME
    assert default_location([str(corpus / "sub/b.txt")], environ) == (corpus / "sub").resolve() / FILE_NAME
    bundled = tmp_path / "data" / "sinorus-timeline" / FILE_NAME
    assert default_location([], environ) == bundled
    assert default_location([str(bundled_seeds())], environ) == bundled
    assert default_location([], {"HOME": "/nowhere"}).name == FILE_NAME


def test_input_names_without_reading(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    (tmp_path / "b.html").write_text("x", encoding="utf-8")
    assert input_names([str(tmp_path), "-", str(tmp_path / "missing.txt")]) == {"a.txt", "b.html", "stdin"}
    assert "000_af4bfe3403959047.txt" in input_names([])


@given(st.text(min_size=1), st.text(min_size=1), st.lists(st.text(), max_size=3))
@settings(max_examples=200, deadline=None)
def test_any_text_reads_back(evidence: str, title: str, places: list[str]) -> None:
    corrections = [
        reject(evidence),
        Correction(action="add", type="other", title=title, places=places, file="a.txt", evidence=evidence),
    ]
    text = "".join(render(c, comment=title.splitlines()[0] if title.splitlines() else None) for c in corrections)
    assert parse(text, Path("x.toml")).entries == corrections
