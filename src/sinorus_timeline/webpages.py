"""Reading saved HTML pages: the main text and title through trafilatura, the date through htmldate.

The article of an HTML page is its extracted main text (headline and paragraphs, one paragraph a
line, separated by blank lines): events are read from it and evidence offsets count into it, so
menus, related links and footers never produce events. Nothing here touches the network: both
libraries get the page's bytes, never a URL, and are imported only when a page is met.
"""

from __future__ import annotations

import functools
import logging
from dataclasses import dataclass

from .errors import InputError
from .models import PartialDate

HTML_SUFFIXES = (".html", ".htm")
_SNIFF = (b"<!doctype html", b"<html")
_MIN_WORDS = 5


@dataclass(frozen=True)
class Page:
    """What a saved web page gives: its main text, headline, canonical URL and publication date."""

    text: str
    title: str | None
    url: str | None
    published: PartialDate | None


def is_html(path: str, raw: bytes) -> bool:
    """An `.html`/`.htm` file, or standard input that starts as an HTML document does."""
    if path.lower().endswith(HTML_SUFFIXES):
        return True
    return path == "stdin" and raw.lstrip()[:20].lower().startswith(_SNIFF)


@functools.cache
def reader_version() -> str:
    """The versions of the libraries that read pages: a new one may extract other text."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return f"trafilatura {version('trafilatura')}, htmldate {version('htmldate')}"
    except PackageNotFoundError:
        return "unknown"


def read_page(raw: bytes, name: str) -> Page:
    """The page's main text and metadata, or `InputError` when it has no article text."""
    _quiet_libraries()
    import htmldate
    import trafilatura

    if not raw.strip():
        raise InputError(f"{name}: the file is empty — nothing to read")
    # Bytes, never a str: given a string that looks like a URL, htmldate would download it.
    extracted = trafilatura.bare_extraction(
        raw, with_metadata=True, include_comments=False, include_tables=False, include_images=False
    )
    if isinstance(extracted, dict):  # only with as_dict=True, which is not asked for
        raise InputError(f"{name}: the HTML page could not be read")
    body = extracted.text if extracted is not None else None
    # A page of links alone yields a word or two ("Home"): that is no article.
    if extracted is None or not body or len(body.split()) < _MIN_WORDS:
        raise InputError(f"{name}: no article text found in the HTML page — save the article page itself")
    paragraphs = [line.strip() for line in body.splitlines() if line.strip()]
    # Markup only (meta tags, <time>, JSON-LD, the canonical URL): dates printed in the text are
    # left to the project's own rules, which know datelines and "Published:" lines.
    found = htmldate.find_date(raw, extensive_search=False, original_date=True, outputformat="%Y-%m-%d")
    return Page(
        text="\n\n".join(paragraphs) + "\n",
        title=extracted.title,
        url=extracted.url,
        published=_date(found),
    )


def _date(found: str | None) -> PartialDate | None:
    try:
        return PartialDate.parse(found) if found else None
    except ValueError:
        return None


def _quiet_libraries() -> None:
    """The libraries log parse problems; without a handler Python would print them on stderr."""
    for name in ("trafilatura", "htmldate", "courlan", "justext"):
        logger = logging.getLogger(name)
        if not logger.handlers:
            logger.addHandler(logging.NullHandler())
        logger.propagate = False
