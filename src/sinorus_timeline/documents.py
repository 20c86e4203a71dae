"""Reading articles: bytes to text, front matter, the `sources.toml` manifest, and titles."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import stat
import time
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from .errors import InputError, UsageError
from .models import DateOrigin, Document, PartialDate
from .text import one_line, visible
from .webpages import HTML_SUFFIXES, is_html, read_page

MANIFEST = "sources.toml"
ARTICLE_SUFFIXES = {".txt", ".text", ".md", ".markdown", *HTML_SUFFIXES}
MAX_BYTES = 5_000_000
_FRONT_MATTER = re.compile(r"\A(?:\ufeff)?---[ \t]*\r?\n(?P<body>(?:.*\r?\n)*?)---[ \t]*(?:\r?\n|\Z)")
_KEY_VALUE = re.compile(r"^\s*(?P<key>[A-Za-z_][\w-]*)\s*:\s*(?P<value>.*?)\s*$")


@dataclass
class Facts:
    """What a user states about an article: front matter, manifest entry or command-line option."""

    published: PartialDate | None = None
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    extra: dict[str, str] = field(default_factory=dict)
    corrected: PartialDate | None = None  # a publication date set in the corrections file


def bundled_seeds() -> Path:
    """The folder of sample articles shipped with the package (or beside the source tree)."""
    packaged = Path(str(resources.files("sinorus_timeline"))) / "seeds"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "seeds"


def decode(raw: bytes, name: str) -> tuple[str, str | None]:
    """Text of an article's bytes, and a warning when it was not UTF-8; binary is refused."""
    if not raw or raw.isspace():
        raise InputError(f"{name}: the file is empty — nothing to read")
    if b"\x00" in raw[:8192]:
        raise InputError(f"{name}: looks like a binary file (NUL bytes) — give a text article")
    try:
        return _lines(raw.decode("utf-8-sig")), None
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
        return _lines(text), f"{name}: not UTF-8, read as Windows-1252"


def _lines(text: str) -> str:
    """One line ending: Windows' CR LF and the lone CR of old Mac files and some web exports are LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def read_front_matter(text: str) -> tuple[Facts, int]:
    """Facts from a `---` block at the very top, and the offset where the article starts."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return Facts(), 0
    values: dict[str, str] = {}
    for line in match.group("body").splitlines():
        pair = _KEY_VALUE.match(line)
        if pair:
            values[pair.group("key").lower()] = pair.group("value").strip().strip("\"'")
    return facts_from(values, "front matter"), match.end()


def facts_from(values: dict[str, Any], where: str) -> Facts:
    """Facts from a mapping of front-matter or manifest keys; unknown keys are kept."""
    facts = Facts()
    for key, value in values.items():
        text = value.isoformat() if isinstance(value, dt.date) else str(value)
        if key == "published":
            facts.published = parse_published(text, where)
        elif key in {"url", "title", "outlet"}:
            setattr(facts, key, one_line(text))
        else:
            facts.extra[key] = text
    return facts


def parse_published(text: str, where: str) -> PartialDate:
    """A stated publication date (`2018`, `2023-10`, `2023-10-17`), or a clear error."""
    try:
        return PartialDate.parse(text[:10] if re.match(r"\d{4}-\d\d-\d\dT", text) else text)
    except ValueError as error:
        raise UsageError(f"{where}: published {text!r} is not a date — use 2018, 2023-10 or 2023-10-17") from error


def read_manifest(folder: Path, stamps: Stamps | None = None) -> dict[str, Facts]:
    """The `sources.toml` beside some articles: one table of facts per file name.

    With `stamps`, a manifest unchanged since an earlier run is not parsed again (a big one takes a
    tenth of a second); its facts come back as they were stored."""
    path = folder / MANIFEST
    try:
        status = os.stat(path)
    except OSError:
        return {}
    if not stat.S_ISREG(status.st_mode):
        return {}
    where, signature = os.path.abspath(path), _signature(status)
    known = stamps.manifests.get(where) if stamps is not None else None
    if known is not None and known[0] == signature:
        return _facts_from_json(known[1])
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise InputError(f"{path}: not a valid manifest ({error}) — see the README's manifest section") from error
    manifest: dict[str, Facts] = {}
    for name, values in data.items():
        if isinstance(values, dict):
            manifest[name] = facts_from(values, f"{path} [{name}]")
    if stamps is not None and _settled(status):
        stamps.fresh_manifests[where] = (signature, _facts_to_json(manifest))
    return manifest


def _facts_to_json(manifest: dict[str, Facts]) -> str:
    return json.dumps(
        {
            name: [str(f.published) if f.published else None, f.url, f.title, f.outlet, f.extra]
            for name, f in manifest.items()
        }
    )


def _facts_from_json(stored: str) -> dict[str, Facts]:
    dates: dict[str, PartialDate] = {}  # a manifest names few distinct dates: each is read once
    manifest = {}
    for name, (published, url, title, outlet, extra) in json.loads(stored).items():
        date = (
            None
            if published is None
            else dates.get(published) or dates.setdefault(published, PartialDate.parse(published))
        )
        manifest[name] = Facts(date, url, title, outlet, extra)
    return manifest


def make_document(raw: bytes, path: str, stated: Facts | None = None, option: PartialDate | None = None) -> Document:
    """A document from an article's bytes, with the publication date chosen by precedence.

    A date stated by the user (option, corrections file, front matter, manifest) wins over a web page's
    markup, which wins over one found in the text. A web page's text is its extracted main text.
    """
    name = Path(path).name
    page = Facts()  # what a saved web page's markup says: below the user's word, above the text
    if is_html(path, raw):
        text, page = _html_article(raw, name)
        front, body_start = Facts(), 0
    else:
        text, _ = decode(raw, name)
        try:
            front, body_start = read_front_matter(text)
        except UsageError as error:  # a bad date in one file's front matter is that file's problem
            raise InputError(f"{name}: {error}") from error
    stated = stated or Facts()
    url = front.url or stated.url or page.url
    document = Document(
        id=hashlib.sha256(raw).hexdigest()[:16],
        path=path,
        file=one_line(name),
        text=visible(text),
        body_start=body_start,
        url=url,
        title=front.title or stated.title or page.title or guess_title(text, body_start),
        outlet=front.outlet or stated.outlet,
        extra={**stated.extra, **front.extra},
    )
    for date, origin in (
        (option, DateOrigin.OPTION),
        (stated.corrected, DateOrigin.CORRECTION),
        (front.published, DateOrigin.FRONT_MATTER),
        (stated.published, DateOrigin.MANIFEST),
    ):
        if date is not None:
            document.published, document.published_origin = date, origin
            document.published_note = (
                "set by hand in the corrections file"
                if origin == DateOrigin.CORRECTION
                else f"stated by the user ({origin.value.replace('_', ' ')})"
            )
            return document
    if page.published is not None:
        document.published, document.published_origin = page.published, DateOrigin.HTML
        document.published_note = "page markup (meta tags, <time>, JSON-LD), read by htmldate"
        return document
    from .published import find_published  # the date engine: not needed when the cache answers

    found = find_published(text, body_start, url)
    document.published, document.published_origin = found.date, found.origin
    document.published_note, document.published_certain = found.note, found.certain
    return document


def _html_article(raw: bytes, name: str) -> tuple[str, Facts]:
    """A saved web page's extracted main text, and its title, URL and date as page facts."""
    page = read_page(raw, name)
    return page.text, Facts(published=page.published, url=page.url, title=page.title)


def guess_title(text: str, start: int) -> str | None:
    """The first headline-like line: five to thirty words, not ending as a sentence does."""
    for line in text[start:].splitlines()[:40]:
        words = line.split()
        if 5 <= len(words) <= 30 and not line.rstrip().endswith((".", ":", ")")) and not re.search(r"\d{4}", line):
            return line.strip()
    return None


def iter_paths(paths: list[Path], problems: list[str] | None = None) -> Iterator[Path]:
    """Article files named directly or found in folders (sorted; the manifest is not an article).

    A folder that cannot be listed (no permission, a path too long) goes to `problems` and the walk
    goes on; links to folders are not followed, so a link loop cannot trap it."""
    for path in paths:
        if path.is_dir():
            found = sorted(_files_under(str(path), problems if problems is not None else []))
            yield from (path.joinpath(*parts) for parts in found)
        else:
            yield path


def _files_under(top: str, problems: list[str]) -> Iterator[tuple[str, ...]]:
    """Article files below a folder as path parts, walked with a stack: depth costs no recursion."""
    stack: list[tuple[str, tuple[str, ...]]] = [(top, ())]
    while stack:
        folder, parts = stack.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError as error:
            problems.append(f"{folder}: cannot read the folder ({error.strerror or error}) — skipped")
            continue
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                stack.append((entry.path, (*parts, entry.name)))
            elif _is_article(entry):
                yield (*parts, entry.name)


def _is_article(entry: os.DirEntry[str]) -> bool:
    return entry.is_file() and os.path.splitext(entry.name)[1].lower() in ARTICLE_SUFFIXES and entry.name != MANIFEST


@dataclass
class Article:
    """An article's bytes and what the user stated about it, before any reading of its text.

    A file whose stamp is known comes without its bytes (`raw` is None): its digest says what they
    are, and they are read only if the article has to be extracted."""

    raw: bytes | None
    path: str
    stated: Facts | None = None
    option: PartialDate | None = None
    file: str | None = None
    warning: str | None = None
    digest: str | None = None  # sha256 of the bytes

    def content(self) -> bytes:
        """The article's bytes, read now if they were left on disk."""
        if self.raw is None:
            try:
                with open(self.path, "rb") as stream:
                    self.raw = stream.read()
            except OSError as error:
                raise InputError(f"{self.path}: cannot read ({error.strerror})") from error
        return self.raw

    def sha256(self) -> str:
        """The digest of the bytes, without reading them when the stamp gave it."""
        if self.digest is None:
            self.digest = hashlib.sha256(self.content()).hexdigest()
        return self.digest

    def document(self) -> Document:
        """The document: text decoded, front matter read, publication date chosen."""
        document = make_document(self.content(), self.path, self.stated, self.option)
        return document.model_copy(update={"file": self.file}) if self.file else document


@dataclass(frozen=True)
class Stamp:
    """What was learnt from a file's bytes, under its metadata: while size, times and inode stay
    the same, the digest and the decoding warning stand without reading the file again."""

    signature: str
    digest: str
    warning: str | None


@dataclass
class Stamps:
    """Stamps known from earlier runs (by absolute path) and the ones taken in this run."""

    known: dict[str, Stamp] = field(default_factory=dict)
    fresh: dict[str, Stamp] = field(default_factory=dict)
    # Manifests read before, by absolute path: (signature, their facts as JSON), and the fresh ones.
    manifests: dict[str, tuple[str, str]] = field(default_factory=dict)
    fresh_manifests: dict[str, tuple[str, str]] = field(default_factory=dict)


# A file changed within its timestamps' resolution of being read could keep the same stamp:
# only files left alone for this long are stamped.
_SETTLED_NS = 2_000_000_000


def _settled(status: os.stat_result) -> bool:
    return time.time_ns() - max(status.st_mtime_ns, status.st_ctime_ns) > _SETTLED_NS


def _signature(status: os.stat_result) -> str:
    return f"{status.st_size}:{status.st_mtime_ns}:{status.st_ctime_ns}:{status.st_ino}:{status.st_dev}"


def read_article(
    path: Path,
    manifests: dict[str, dict[str, Facts]],
    option: PartialDate | None,
    max_bytes: int = MAX_BYTES,
    stamps: Stamps | None = None,
) -> Article:
    """Read one article file, or raise `InputError` naming it; the text itself is read later.

    With `stamps`, a file whose stamp still holds is not read at all."""
    try:
        status = path.stat()  # one system call answers exists, is-a-file and size
    except FileNotFoundError:
        raise InputError(f"{path}: no such file or folder") from None
    except OSError as error:
        raise InputError(f"{path}: cannot read ({error.strerror})") from error
    if not stat.S_ISREG(status.st_mode):
        raise InputError(f"{path}: not a regular file")
    size = status.st_size
    if size > max_bytes:
        raise InputError(f"{path}: {size:,} bytes is over the {max_bytes:,}-byte limit — split it or raise --max-bytes")
    named = str(path)
    parent, name = os.path.split(named)
    if parent not in manifests:  # one manifest per folder, however the folder was named
        folder = path.parent.resolve()
        shared = manifests.get(str(folder))
        manifests[parent] = shared if shared is not None else read_manifest(folder, stamps)
        manifests[str(folder)] = manifests[parent]
    stated = manifests[parent].get(name)
    where = os.path.abspath(named) if stamps is not None else ""
    signature = _signature(status)
    known = stamps.known.get(where) if stamps is not None else None
    if known is not None and known.signature == signature:
        return Article(None, str(path), stated, option, warning=known.warning, digest=known.digest)
    try:
        with open(path, "rb") as stream:
            raw = stream.read()
    except OSError as error:
        raise InputError(f"{path}: cannot read ({error.strerror})") from error
    _, warning = decode(raw, path.name)
    if is_html(str(path), raw):
        warning = None  # a page declares its own encoding, which trafilatura reads
    digest = hashlib.sha256(raw).hexdigest()
    if stamps is not None and _settled(status):
        stamps.fresh[where] = Stamp(signature, digest, warning)
    return Article(raw, str(path), stated, option, warning=warning, digest=digest)


def load_path(path: Path, manifests: dict[str, dict[str, Facts]], option: PartialDate | None) -> Document:
    """Read one article file into a document, or raise `InputError` naming it."""
    return read_article(path, manifests, option).document()
