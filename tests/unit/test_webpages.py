"""Saved web pages: main text without menus or footers, the date from the markup, no network."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

import pytest

from sinorus_timeline.corpus import read_corpus
from sinorus_timeline.documents import Facts, make_document
from sinorus_timeline.errors import InputError
from sinorus_timeline.extract import extract
from sinorus_timeline.models import DateOrigin, Document, Event, PartialDate
from sinorus_timeline.webpages import is_html, read_page

NEWS_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Xi and Putin hold talks in Moscow | Example News</title>
<meta property="og:title" content="Xi and Putin hold talks in Moscow">
<meta property="article:published_time" content="2023-03-21T09:30:00+03:00">
<link rel="canonical" href="https://news.example.com/world/xi-putin-talks">
</head>
<body>
<header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav></header>
<main>
<article>
<h1>Xi and Putin hold talks in Moscow</h1>
<p class="byline">By Jane Doe, <time datetime="2023-03-21">March 21, 2023</time></p>
<p>Chinese President Xi Jinping held talks with Russian President Vladimir Putin in the Kremlin on Tuesday,
the second day of his state visit to Russia.</p>
<p>The two leaders signed a joint statement on deepening their comprehensive strategic partnership on Tuesday,
according to the Kremlin.</p>
</article>
</main>
<aside><p>Most read: Putin and Xi held a summit in Beijing on October 18, 2023, and signed a gas deal.</p></aside>
<footer><p>Related: Xi Jinping met Vladimir Putin in Beijing on February 4, 2022.</p>
<p>© 2023 Example News. All rights reserved.</p></footer>
</body>
</html>
"""

# No date in the markup: the dateline in the text gives it.
DATELINE_PAGE = """<!DOCTYPE html>
<html><head><title>Putin calls Xi</title></head>
<body><nav><a href="/">Home</a> · <a href="/news">News</a></nav>
<article><h1>Putin and Xi talk by phone ahead of the SCO summit</h1>
<p>MOSCOW, June 15, 2022 -- Russian President Vladimir Putin held a phone call with Chinese President
Xi Jinping on Wednesday, the Kremlin said.</p>
<p>The two leaders discussed trade and energy cooperation and agreed to stay in close contact.</p>
</article></body></html>
"""


def page_events(raw: str, path: str = "news.html", stated: Facts | None = None) -> tuple[str, list[Event], Document]:
    document = make_document(raw.encode(), path, stated)
    return document.text, extract(document), document


def test_main_text_only_and_evidence_points_into_it() -> None:
    text, events, _ = page_events(NEWS_PAGE)
    assert "Home" not in text and "Most read" not in text and "Related" not in text and "©" not in text
    assert text.startswith("Xi and Putin hold talks in Moscow\n\n")
    assert events
    for event in events:
        for source in event.sources:
            assert text[source.start : source.end] == source.evidence
    dates = {str(e.date) for e in events}
    assert "2022-02-04" not in dates and "2023-10-18" not in dates  # footer and sidebar give nothing


def test_markup_date_title_and_canonical_url() -> None:
    _, events, document = page_events(NEWS_PAGE)
    assert document.published == PartialDate.parse("2023-03-21")
    assert document.published_origin == DateOrigin.HTML
    assert document.title == "Xi and Putin hold talks in Moscow"
    assert document.url == "https://news.example.com/world/xi-putin-talks"
    talks = [e for e in events if e.type.value in {"meeting", "visit"}]
    assert talks and all(str(e.date) == "2023-03-21" for e in talks)  # "on Tuesday" of 21 March 2023


def test_a_stated_date_wins_over_the_markup() -> None:
    document = make_document(NEWS_PAGE.encode(), "news.html", Facts(published=PartialDate.parse("2023-03-22")))
    assert document.published == PartialDate.parse("2023-03-22")
    assert document.published_origin == DateOrigin.MANIFEST
    option = make_document(NEWS_PAGE.encode(), "news.html", None, PartialDate.parse("2023-03-20"))
    assert option.published_origin == DateOrigin.OPTION


def test_without_markup_date_the_text_rules_read_the_dateline() -> None:
    _, events, document = page_events(DATELINE_PAGE, "call.htm")
    assert document.published == PartialDate.parse("2022-06-15")
    assert document.published_origin == DateOrigin.TEXT
    assert any(e.type.value == "call" and str(e.date) == "2022-06-15" for e in events)


@pytest.mark.parametrize(
    "raw",
    [
        "<html><body><nav><a href='/'>Home</a></nav></body></html>",
        "<html><head><title>Nothing</title></head><body></body></html>",
        "https://news.example.com/2023/03/21/xi-putin",  # a URL, never downloaded
        "   \n",
    ],
)
def test_a_page_without_article_text_is_refused(raw: str) -> None:
    with pytest.raises(InputError, match=r"bad\.html"):
        read_page(raw.encode(), "bad.html")


def test_nothing_touches_the_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("network access")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    page = read_page(NEWS_PAGE.encode(), "news.html")
    assert page.published == PartialDate.parse("2023-03-21")
    with pytest.raises(InputError):
        read_page(b"https://news.example.com/2023/03/21/xi-putin", "url.html")


def test_is_html_by_suffix_or_by_the_start_of_stdin() -> None:
    assert is_html("a/b/Page.HTM", b"anything")
    assert is_html("stdin", b"\n  <!DOCTYPE html><html></html>")
    assert not is_html("stdin", b"MOSCOW, March 21 -- <b>talks</b>")
    assert not is_html("notes.txt", b"<html></html>")


def test_folders_read_pages_and_bad_pages_cost_one_problem(tmp_path: Path) -> None:
    (tmp_path / "news.html").write_text(NEWS_PAGE, encoding="utf-8")
    (tmp_path / "menu.htm").write_text("<html><body><nav>Home</nav></body></html>", encoding="utf-8")
    corpus = read_corpus([str(tmp_path)])
    assert [d.file for d in corpus.documents] == ["news.html"]
    assert corpus.events
    assert len(corpus.problems) == 1 and "menu.htm" in corpus.problems[0]


def test_html_libraries_are_imported_only_when_a_page_is_met() -> None:
    code = (
        "import sys; import sinorus_timeline.cli, sinorus_timeline.corpus; "
        "assert 'trafilatura' not in sys.modules and 'htmldate' not in sys.modules, 'imported'"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
