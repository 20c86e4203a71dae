"""A SQLite cache of per-article extraction results, keyed by the article and the extractor.

The cache only accelerates: the articles stay the source of truth and results with and without
it are identical. A corrupt, locked or unwritable cache is set aside or bypassed with a warning.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
import time
import zlib
from collections.abc import Iterable, Sequence
from functools import cache
from importlib import resources
from pathlib import Path

from pydantic import TypeAdapter, ValidationError

from . import __version__
from .documents import Article, Stamp, Stamps
from .models import Document, Event
from .webpages import is_html, reader_version

CACHE_ENV = "TIMELINE_CACHE_DIR"
FILE_NAME = "extractions.sqlite3"
_EVENTS = TypeAdapter(list[Event])
_TIMELINES_KEPT = 8
_OPEN_ATTEMPTS = 5
_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS article (key TEXT PRIMARY KEY, document BLOB NOT NULL, events BLOB NOT NULL);"
    "CREATE TABLE IF NOT EXISTS timeline (key TEXT PRIMARY KEY, events BLOB NOT NULL);"
    "CREATE TABLE IF NOT EXISTS stamp"
    " (path TEXT PRIMARY KEY, signature TEXT NOT NULL, digest TEXT NOT NULL, warning TEXT);"
    "CREATE TABLE IF NOT EXISTS manifest (path TEXT PRIMARY KEY, signature TEXT NOT NULL, facts TEXT NOT NULL)"
)


def cache_dir() -> Path:
    """`$TIMELINE_CACHE_DIR`, else the user's cache folder (XDG) for this tool."""
    override = os.environ.get(CACHE_ENV)
    if override:
        return Path(override).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "sinorus-timeline"


@cache
def extractor_version() -> str:
    """The package version and a digest of every rule and reference file and of the code itself: a
    new release of the rules, or a changed rule of code between releases, re-extracts every article."""
    digest = hashlib.sha256(__version__.encode())
    package = resources.files("sinorus_timeline")
    for path in sorted(Path(str(package)).glob("*.py")):
        digest.update(path.name.encode() + path.read_bytes())
    for folder in ("resources", "data"):
        root = Path(str(package)) / folder
        if not root.is_dir():
            root = Path(__file__).resolve().parents[2] / folder
        for path in sorted(root.rglob("*")):  # resources/ holds a folder per language
            if path.is_file():
                digest.update(path.relative_to(root).as_posix().encode() + path.read_bytes())
    return digest.hexdigest()[:16]


def _compressed_json(events: list[Event]) -> bytes:
    """The events as one compressed JSON array, written an event at a time: the timeline of ten
    thousand articles holds every source's sentence, and the whole text is never in memory at once."""
    packer = zlib.compressobj(1)
    parts = [packer.compress(b"[")]
    for number, event in enumerate(events):
        parts.append(packer.compress((b"," if number else b"") + event.model_dump_json().encode()))
    parts.append(packer.compress(b"]") + packer.flush())
    return b"".join(parts)


def article_key(article: Article) -> str:
    """What an extraction depends on: the bytes, where they are, what the user stated, the rules."""
    stated = article.stated
    facts = "" if stated is None else f"{stated.published}|{stated.url}|{stated.title}|{stated.outlet}"
    if stated is not None and stated.corrected is not None:  # only then, so that older keys stay valid
        facts += f"|corrected {stated.corrected}"
    parts = [
        article.sha256(),
        article.path,
        article.file or "",
        facts,
        str(article.option),
        extractor_version(),
    ]
    if is_html(article.path, article.raw or b""):  # a page's text is what the HTML libraries extract
        parts.append(reader_version())
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def timeline_key(keys: list[str]) -> str:
    """The merged timeline of a set of articles, whatever their order."""
    return hashlib.sha256("\n".join(sorted(keys)).encode()).hexdigest()


class ExtractionCache:
    """Stored extraction results; every failure becomes a warning and the cache steps aside."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder or cache_dir()
        self.path = self.folder / FILE_NAME
        self.warnings: list[str] = []
        self._connection: sqlite3.Connection | None = None
        self._broken = False

    def _connect(self) -> sqlite3.Connection | None:
        if self._connection is not None or self._broken:
            return self._connection
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            self._connection = self._open()
        except sqlite3.DatabaseError as error:
            self._connection = self._rebuild(error)
        except OSError as error:
            self._bypass(f"cannot create the cache folder {self.folder} ({error.strerror})")
        return self._connection

    def _open(self) -> sqlite3.Connection:
        for attempt in range(_OPEN_ATTEMPTS):  # another run may be creating the same file right now
            try:
                return self._open_once()
            except sqlite3.OperationalError as error:
                if "locked" not in str(error) or attempt == _OPEN_ATTEMPTS - 1:
                    raise
                time.sleep(0.2 * (attempt + 1))
        raise sqlite3.OperationalError("unreachable")

    def _open_once(self) -> sqlite3.Connection:
        connection = sqlite3.connect(self.path, timeout=10, isolation_level=None)
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("PRAGMA synchronous=NORMAL")
        connection.executescript(_SCHEMA)
        connection.execute("SELECT count(*) FROM article LIMIT 1").fetchone()
        return connection

    def _rebuild(self, error: sqlite3.DatabaseError) -> sqlite3.Connection | None:
        """A corrupt cache file is moved aside (never deleted) and a new one started."""
        if isinstance(error, sqlite3.OperationalError):
            self._bypass(f"cache {self.path} is unavailable ({error}); running without it")
            return None
        aside = self.path.with_suffix(".corrupt")
        try:
            self.path.replace(aside)
            for suffix in ("-wal", "-shm"):
                Path(str(self.path) + suffix).unlink(missing_ok=True)
            connection = self._open()
        except (OSError, sqlite3.DatabaseError) as again:
            self._bypass(f"cache {self.path} is corrupt and cannot be rebuilt ({again}); running without it")
            return None
        self.warnings.append(f"cache {self.path} was corrupt ({error}); moved to {aside.name} and rebuilt")
        return connection

    def _bypass(self, message: str) -> None:
        self._broken = True
        self._connection = None
        self.warnings.append(message)

    def get_many(self, keys: list[str]) -> dict[str, tuple[Document, list[Event]]]:
        """Stored documents and events for the keys that have them."""
        connection = self._connect()
        found: dict[str, tuple[Document, list[Event]]] = {}
        if connection is None or not keys:
            return found
        try:
            for start in range(0, len(keys), 500):
                chunk = keys[start : start + 500]
                marks = ",".join("?" * len(chunk))
                query = f"SELECT key, document, events FROM article WHERE key IN ({marks})"
                for key, document, events in connection.execute(query, chunk):
                    found[key] = (Document.model_validate_json(document), _EVENTS.validate_json(events))
        except (sqlite3.DatabaseError, ValidationError) as error:
            self._bypass(f"cache {self.path} could not be read ({error}); running without it")
            return {}
        return found

    def put_many(self, items: Iterable[tuple[str, Document, list[Event]]]) -> None:
        """Store results; a full disk or a read-only folder costs a warning, not the run."""
        rows = [(key, document.model_dump_json(), _EVENTS.dump_json(events)) for key, document, events in items]
        self._write("INSERT OR REPLACE INTO article (key, document, events) VALUES (?, ?, ?)", rows)

    def holds_timelines(self) -> bool:
        """Whether any merged timeline is stored (none in a new cache: no need to look for one)."""
        connection = self._connect()
        if connection is None:
            return False
        try:
            return connection.execute("SELECT 1 FROM timeline LIMIT 1").fetchone() is not None
        except sqlite3.DatabaseError as error:
            self._bypass(f"cache {self.path} could not be read ({error}); running without it")
            return False

    def get_timeline(self, key: str) -> list[Event] | None:
        """A merged timeline stored for exactly this set of articles."""
        connection = self._connect()
        if connection is None:
            return None
        try:
            row = connection.execute("SELECT events FROM timeline WHERE key = ?", (key,)).fetchone()
            if row is None:
                return None
            stored = row[0].encode() if isinstance(row[0], str) else bytes(row[0])
            return _EVENTS.validate_json(stored if stored[:1] == b"[" else zlib.decompress(stored))
        except (sqlite3.DatabaseError, ValidationError, zlib.error) as error:
            self._bypass(f"cache {self.path} could not be read ({error}); running without it")
            return None

    def put_timeline(self, key: str, events: list[Event]) -> None:
        """Store a merged timeline (only the latest few are kept)."""
        self._write("INSERT OR REPLACE INTO timeline (key, events) VALUES (?, ?)", [(key, _compressed_json(events))])
        self._write(
            f"DELETE FROM timeline WHERE rowid NOT IN (SELECT rowid FROM timeline ORDER BY rowid DESC "
            f"LIMIT {_TIMELINES_KEPT})",
            [()],
        )

    def _write(self, statement: str, rows: Sequence[tuple[object, ...]]) -> None:
        connection = self._connect()
        if connection is None or not rows:
            return
        try:
            connection.execute("BEGIN IMMEDIATE")
            connection.executemany(statement, rows)
            connection.execute("COMMIT")
        except sqlite3.DatabaseError as error:
            with contextlib.suppress(sqlite3.DatabaseError):
                connection.execute("ROLLBACK")
            self._bypass(f"cache {self.path} could not be written ({error}); results were not stored")

    def stamps(self) -> Stamps:
        """The files read in earlier runs, with what their bytes were (see `documents.Stamp`)."""
        connection = self._connect()
        stamps = Stamps()
        if connection is None:
            return stamps
        try:
            for path, signature, digest, warning in connection.execute("SELECT * FROM stamp"):
                stamps.known[path] = Stamp(signature, digest, warning)
            for path, signature, facts in connection.execute("SELECT path, signature, facts FROM manifest"):
                stamps.manifests[path] = (signature, facts)
        except sqlite3.DatabaseError as error:
            self._bypass(f"cache {self.path} could not be read ({error}); running without it")
            return Stamps()
        return stamps

    def put_stamps(self, stamps: Stamps) -> None:
        """Keep the stamps taken in this run."""
        rows = [(path, s.signature, s.digest, s.warning) for path, s in stamps.fresh.items()]
        self._write("INSERT OR REPLACE INTO stamp (path, signature, digest, warning) VALUES (?, ?, ?, ?)", rows)
        manifests = [(path, signature, facts) for path, (signature, facts) in stamps.fresh_manifests.items()]
        self._write("INSERT OR REPLACE INTO manifest (path, signature, facts) VALUES (?, ?, ?)", manifests)
        stamps.known.update(stamps.fresh)
        stamps.fresh.clear()
        stamps.manifests.update(stamps.fresh_manifests)
        stamps.fresh_manifests.clear()

    def info(self) -> dict[str, object]:
        """Where the cache is, how many results it holds and how big it is."""
        connection = self._connect()
        entries = 0
        if connection is not None:
            try:
                entries = int(connection.execute("SELECT count(*) FROM article").fetchone()[0])
            except sqlite3.DatabaseError as error:
                self._bypass(f"cache {self.path} could not be read ({error})")
        size = sum(p.stat().st_size for p in self.folder.glob(FILE_NAME + "*") if p.is_file())
        return {"path": str(self.path), "entries": entries, "bytes": size, "extractor": extractor_version()}

    def clear(self) -> int:
        """Delete every stored result; returns how many there were."""
        connection = self._connect()
        if connection is None:
            return 0
        try:
            count = int(connection.execute("SELECT count(*) FROM article").fetchone()[0])
            connection.execute("DELETE FROM article")
            connection.execute("DELETE FROM timeline")
            connection.execute("DELETE FROM stamp")
            connection.execute("DELETE FROM manifest")
            connection.execute("VACUUM")
        except sqlite3.DatabaseError as error:
            self._bypass(f"cache {self.path} could not be cleared ({error})")
            return 0
        return count

    def close(self) -> None:
        """Close the database connection."""
        if self._connection is not None:
            self._connection.close()
            self._connection = None
