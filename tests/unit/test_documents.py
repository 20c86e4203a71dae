"""Reading articles: decoding, front matter, the manifest, date precedence and titles."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from sinorus_timeline.documents import (
    Facts,
    decode,
    facts_from,
    guess_title,
    iter_paths,
    load_path,
    make_document,
    parse_published,
    read_front_matter,
    read_manifest,
)
from sinorus_timeline.errors import InputError, UsageError
from sinorus_timeline.models import DateOrigin, PartialDate

BODY = "BEIJING, Oct. 18 (Xinhua) -- Chinese President Xi Jinping held talks with Vladimir Putin on Wednesday.\n"
FRONT = (
    "---\n"
    "published: 2023-10-18\n"
    'title: "Xi and Putin meet in Beijing"\n'
    "outlet: 'Example Daily'\n"
    "URL: https://example.com/2023/10/18/story.html\n"
    "author: Jane Doe\n"
    "section:   World  \n"
    "---\n"
)


def test_front_matter_keys_and_body_offset() -> None:
    text = FRONT + BODY
    facts, start = read_front_matter(text)
    assert facts.published == PartialDate.parse("2023-10-18")
    assert facts.title == "Xi and Putin meet in Beijing"  # quotes stripped
    assert facts.outlet == "Example Daily"
    assert facts.url == "https://example.com/2023/10/18/story.html"  # keys are case-insensitive
    assert facts.extra == {"author": "Jane Doe", "section": "World"}  # unknown keys kept
    assert start == len(FRONT)
    assert text[start:] == BODY


def test_front_matter_with_bom_and_crlf() -> None:
    text = "\ufeff---\r\npublished: 2021\r\n---\r\nBody text of the article.\r\n"
    facts, start = read_front_matter(text)
    assert facts.published == PartialDate.parse("2021")
    assert text[start:].startswith("Body text")


@pytest.mark.parametrize(
    "text",
    [
        BODY,
        "Intro line\n---\npublished: 2020\n---\nBody.\n",  # not at the very top
        "---\npublished: 2020\nno closing fence\n",
        "",
    ],
)
def test_no_front_matter(text: str) -> None:
    facts, start = read_front_matter(text)
    assert start == 0
    assert facts == Facts()


def test_front_matter_bad_date_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="not a date"):
        read_front_matter("---\npublished: yesterday\n---\nBody.\n")


@pytest.mark.parametrize(
    ("text", "expected"),
    [("2018", "2018"), ("2023-10", "2023-10"), ("2023-10-17", "2023-10-17"), ("2023-10-17T09:30:00Z", "2023-10-17")],
)
def test_parse_published(text: str, expected: str) -> None:
    assert str(parse_published(text, "test")) == expected


def test_facts_from_accepts_toml_dates() -> None:
    import datetime as dt

    facts = facts_from({"published": dt.date(2019, 6, 5), "outlet": "TASS", "lang": "en"}, "manifest")
    assert facts.published == PartialDate.parse("2019-06-05")
    assert facts.outlet == "TASS"
    assert facts.extra == {"lang": "en"}


def test_document_offsets_point_into_the_text_as_given() -> None:
    raw = (FRONT + BODY).encode()
    document = make_document(raw, "folder/story.txt")
    assert document.file == "story.txt"
    assert document.path == "folder/story.txt"
    assert document.text == FRONT + BODY
    assert document.body_start == len(FRONT)
    assert document.text[document.body_start :] == BODY
    assert document.title == "Xi and Putin meet in Beijing"
    assert document.extra == {"author": "Jane Doe", "section": "World"}
    assert document.published_origin == DateOrigin.FRONT_MATTER


def test_document_id_is_a_content_hash() -> None:
    first = make_document(BODY.encode(), "a.txt")
    second = make_document(BODY.encode(), "b/other.txt")
    third = make_document((BODY + "More.\n").encode(), "a.txt")
    assert first.id == second.id
    assert first.id != third.id
    assert len(first.id) == 16


def test_manifest_from_folder(tmp_path: Path) -> None:
    (tmp_path / "sources.toml").write_text(
        'stray = "top-level keys are not articles"\n'
        '["story.txt"]\npublished = "2019-06"\noutlet = "Xinhua"\nurl = "https://x.cn/a.htm"\nlang = "en"\n'
        '["other.txt"]\npublished = 2020-01-02\n',
        encoding="utf-8",
    )
    manifest = read_manifest(tmp_path)
    assert set(manifest) == {"story.txt", "other.txt"}
    assert manifest["story.txt"].published == PartialDate.parse("2019-06")
    assert manifest["story.txt"].outlet == "Xinhua"
    assert manifest["story.txt"].extra == {"lang": "en"}
    assert manifest["other.txt"].published == PartialDate.parse("2020-01-02")  # a TOML date


def test_manifest_missing_is_empty(tmp_path: Path) -> None:
    assert read_manifest(tmp_path) == {}


def test_manifest_invalid_toml(tmp_path: Path) -> None:
    (tmp_path / "sources.toml").write_text('["a.txt"\npublished = \n', encoding="utf-8")
    with pytest.raises(InputError, match="not a valid manifest"):
        read_manifest(tmp_path)


def test_manifest_bad_date(tmp_path: Path) -> None:
    (tmp_path / "sources.toml").write_text('["a.txt"]\npublished = "June-ish"\n', encoding="utf-8")
    with pytest.raises(UsageError, match=r"a\.txt"):
        read_manifest(tmp_path)


# The text itself prints 2021-03-03 on a labelled line.
TEXT_WITH_DATE = "Published: 2021/3/3 10:15\nXi held talks with Putin in Moscow on Wednesday.\n"


def _front(date: str) -> str:
    return f"---\npublished: {date}\n---\n"


@pytest.mark.parametrize(
    ("front", "manifest", "option", "expected", "origin"),
    [
        (_front("2020-01"), "2019", "2018-05", "2018-05", DateOrigin.OPTION),
        (_front("2020-01"), "2019", None, "2020-01", DateOrigin.FRONT_MATTER),
        ("", "2019", None, "2019", DateOrigin.MANIFEST),
        ("", None, None, "2021-03-03", DateOrigin.TEXT),
        ("", None, "2018-05", "2018-05", DateOrigin.OPTION),
        (_front("2020-01"), None, None, "2020-01", DateOrigin.FRONT_MATTER),
    ],
)
def test_publication_date_precedence(
    front: str, manifest: str | None, option: str | None, expected: str, origin: DateOrigin
) -> None:
    stated = Facts(published=PartialDate.parse(manifest)) if manifest else None
    document = make_document(
        (front + TEXT_WITH_DATE).encode(), "a.txt", stated, PartialDate.parse(option) if option else None
    )
    assert str(document.published) == expected
    assert document.published_origin == origin
    assert document.published_certain is True
    if origin != DateOrigin.TEXT:
        assert document.published_note is not None
        assert "stated by the user" in document.published_note


def test_precedence_through_load_path(tmp_path: Path) -> None:
    (tmp_path / "sources.toml").write_text('["a.txt"]\npublished = "2019"\noutlet = "Xinhua"\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text(TEXT_WITH_DATE, encoding="utf-8")
    (tmp_path / "b.txt").write_text(_front("2020-01") + TEXT_WITH_DATE, encoding="utf-8")
    manifests: dict[str, dict[str, Facts]] = {}
    a = load_path(tmp_path / "a.txt", manifests, None)
    assert (str(a.published), a.published_origin, a.outlet) == ("2019", DateOrigin.MANIFEST, "Xinhua")
    b = load_path(tmp_path / "b.txt", manifests, None)
    assert (str(b.published), b.published_origin) == ("2020-01", DateOrigin.FRONT_MATTER)
    c = load_path(tmp_path / "a.txt", manifests, PartialDate.parse("2017"))
    assert (str(c.published), c.published_origin) == ("2017", DateOrigin.OPTION)
    assert list(manifests) == [str(tmp_path.resolve())]  # read once per folder


def test_front_matter_url_wins_over_manifest() -> None:
    front = "---\nurl: https://a.example/x\ntitle: Front title words here now\n---\n"
    stated = Facts(url="https://b.example/y", title="Manifest title", outlet="Manifest outlet", extra={"k": "m"})
    document = make_document((front + "Body of it all.\n").encode(), "a.txt", stated)
    assert document.url == "https://a.example/x"
    assert document.title == "Front title words here now"
    assert document.outlet == "Manifest outlet"
    assert document.extra == {"k": "m"}


@pytest.mark.parametrize("raw", [b"", b"   \n\t\n", b"\n"])
def test_empty_file_is_refused(raw: bytes) -> None:
    with pytest.raises(InputError, match="empty"):
        decode(raw, "empty.txt")
    with pytest.raises(InputError, match=r"empty\.txt"):
        make_document(raw, "dir/empty.txt")


def test_binary_file_is_refused() -> None:
    raw = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))
    with pytest.raises(InputError, match="binary"):
        decode(raw, "picture.png")


def test_utf8_decodes_without_warning_and_drops_bom() -> None:
    text, warning = decode("\ufeffPutin’s visit to Beijing".encode(), "a.txt")
    assert text == "Putin’s visit to Beijing"
    assert warning is None


def test_cp1252_decodes_with_warning() -> None:
    raw = "Putin’s visit — “historic”, said café owners".encode("cp1252")
    text, warning = decode(raw, "old.txt")
    assert text == "Putin’s visit — “historic”, said café owners"
    assert warning is not None
    assert "old.txt" in warning
    assert "Windows-1252" in warning


@pytest.mark.parametrize(
    ("text", "start", "expected"),
    [
        (
            "Xi and Putin pledge deeper ties in Moscow\nThe two leaders met.\n",
            0,
            "Xi and Putin pledge deeper ties in Moscow",
        ),
        (
            "Short\n   Russia and China sign new gas supply deal   \nBody.\n",
            0,
            "Russia and China sign new gas supply deal",
        ),
        ("The two leaders met on Monday in Moscow for talks.\n", 0, None),  # ends as a sentence
        ("Xi and Putin met in 2023 in Moscow for talks\n", 0, None),  # a line with a year is a date line
        ("Key points:\nXi:\n", 0, None),
        (
            "Ignored headline with five words\nAnother headline with five words here\n",
            33,
            "Another headline with five words here",
        ),
        ("", 0, None),
    ],
)
def test_guess_title(text: str, start: int, expected: str | None) -> None:
    assert guess_title(text, start) == expected


def test_load_path_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        load_path(tmp_path / "nope.txt", {}, None)


def test_load_path_directory_is_not_a_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not a regular file"):
        load_path(tmp_path, {}, None)


def test_load_path_reads_article(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_bytes(BODY.encode())
    document = load_path(path, {}, PartialDate.parse("2023-10-18"))
    assert document.text == BODY
    assert document.file == "story.txt"
    assert document.path == str(path)


def test_iter_paths_skips_manifest_and_other_files(tmp_path: Path) -> None:
    for name in ["b.txt", "a.md", "sources.toml", "image.png", "notes.TXT"]:
        (tmp_path / name).write_text("x", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.text").write_text("x", encoding="utf-8")
    found = [p.relative_to(tmp_path).as_posix() for p in iter_paths([tmp_path])]
    assert found == ["a.md", "b.txt", "notes.TXT", "sub/c.text"]
    single = tmp_path / "image.png"
    assert list(iter_paths([single])) == [single]  # a file named directly is always read


def test_iter_paths_walks_deep_folders_and_not_into_link_loops(tmp_path: Path) -> None:
    deep = tmp_path
    for _ in range(1100):  # deeper than Python's recursion limit
        deep = deep / "d"
        deep.mkdir()
    (deep / "a.txt").write_text("x", encoding="utf-8")
    (tmp_path / "d" / "loop").symlink_to(tmp_path)
    try:
        assert list(iter_paths([tmp_path])) == [deep / "a.txt"]
    finally:  # pytest's own clean-up would recurse as deep as the folders go
        (deep / "a.txt").unlink()
        (tmp_path / "d" / "loop").unlink()
        while deep != tmp_path:
            deep.rmdir()
            deep = deep.parent


def test_iter_paths_reports_a_folder_it_cannot_list(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "a.txt").write_text("x", encoding="utf-8")
    (tmp_path / "b.txt").write_text("x", encoding="utf-8")
    scandir = os.scandir

    def refusing(path: str) -> object:
        if path.endswith("locked"):
            raise PermissionError(13, "Permission denied")
        return scandir(path)

    monkeypatch.setattr(os, "scandir", refusing)
    problems: list[str] = []
    assert list(iter_paths([tmp_path], problems)) == [tmp_path / "b.txt"]
    assert problems == [f"{tmp_path / 'locked'}: cannot read the folder (Permission denied) — skipped"]


def test_a_manifest_unchanged_since_an_earlier_run_is_not_parsed_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    from sinorus_timeline import documents
    from sinorus_timeline.documents import Stamps

    manifest = tmp_path / "sources.toml"
    manifest.write_text(
        '["a.txt"]\npublished = "2019-06"\noutlet = "Xinhua"\nlang = "en"\n["b.txt"]\nurl = "https://x.cn/b"\n',
        encoding="utf-8",
    )
    monkeypatch.setattr(documents, "_SETTLED_NS", -1)  # as if written long ago
    stamps = Stamps()
    first = read_manifest(tmp_path, stamps)
    assert list(stamps.fresh_manifests) == [os.path.abspath(manifest)]
    stamps.manifests.update(stamps.fresh_manifests)

    def no_parsing(text: str) -> None:
        raise AssertionError("parsed again")

    monkeypatch.setattr(tomllib, "loads", no_parsing)  # the module documents.py reads manifests with
    assert read_manifest(tmp_path, Stamps(manifests=stamps.manifests)) == first
    manifest.write_text('["a.txt"]\npublished = "2020"\n', encoding="utf-8")  # changed: read again
    monkeypatch.undo()
    again = read_manifest(tmp_path, Stamps(manifests=stamps.manifests))
    assert again["a.txt"].published == PartialDate.parse("2020") and "b.txt" not in again


def test_a_manifest_just_written_is_not_remembered(tmp_path: Path) -> None:
    from sinorus_timeline.documents import Stamps

    (tmp_path / "sources.toml").write_text('["a.txt"]\npublished = "2019"\n', encoding="utf-8")
    stamps = Stamps()
    assert read_manifest(tmp_path, stamps)["a.txt"].published == PartialDate.parse("2019")
    assert stamps.fresh_manifests == {}  # it may still be being written
