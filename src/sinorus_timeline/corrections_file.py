"""The corrections file: where it is, reading it, and adding one correction safely.

The file is TOML an analyst may also edit by hand, so a new correction is appended as text: comments
and hand edits stay as they are. Writes hold a lock on a sidecar `.lock` file and replace the file
atomically, so two commands at once both land and a reader never sees half a file. A file that does
not parse is never written over.
"""

from __future__ import annotations

import contextlib
import os
import re
import tomllib
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .corrections import Correction, Corrections, EventRef
from .documents import bundled_seeds

FILE_NAME = "corrections.toml"
HEADER = """\
# Corrections to the timeline, applied after every extraction (see the README, "Corrections").
# Each [[correction]] finds its event again by the article ("file") and the sentence ("evidence"),
# then by the type, date and id the event had, so it survives new releases of the rules.
# A correction that no longer matches any event is reported on every run; edit or delete it here.
"""
_ORDER = ("action", "note", "file", "evidence", "start", "end", "date", "type", "title", "places", "participants")
_REF_ORDER = ("file", "evidence", "type", "date", "id")
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")


def data_dir(environ: Mapping[str, str]) -> Path:
    """The user's data folder for this tool: `$XDG_DATA_HOME` or `~/.local/share`."""
    base = environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "sinorus-timeline"


def default_location(paths: list[str], environ: Mapping[str, str]) -> Path:
    """`corrections.toml` in the corpus folder, or beside the input files (their common folder);
    the user's data folder for the bundled articles, whose folder belongs to the package."""
    folders = [Path(p).resolve() if Path(p).is_dir() else Path(p).resolve().parent for p in paths if p != "-"]
    if not paths:
        return data_dir(environ) / FILE_NAME
    if not folders:  # standard input only
        return Path.cwd() / FILE_NAME
    common = Path(os.path.commonpath(folders))
    seeds = bundled_seeds().resolve()
    if common == seeds or seeds in common.parents:
        return data_dir(environ) / FILE_NAME
    return common / FILE_NAME


def input_names(paths: list[str]) -> set[str]:
    """The file names a run reads (without reading them): what corrections can be about."""
    from .documents import iter_paths

    names = {"stdin"} if "-" in paths else set()
    files = [Path(p) for p in paths if p != "-"] or [bundled_seeds()]
    return names | {path.name for path in iter_paths(files) if path.is_file()}


def load(path: Path) -> Corrections:
    """The corrections in `path` (none when it does not exist), or `InputError` naming the entry."""
    if not path.exists():
        return Corrections(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise _error(path, f"cannot read it ({error})") from error
    return parse(text, path)


def parse(text: str, path: Path) -> Corrections:
    """Corrections from the file's text; every problem names the file and the entry."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise _error(path, f"not valid TOML ({error})") from error
    unknown = sorted(set(data) - {"correction"})
    if unknown:
        raise _error(path, f"unknown table {unknown[0]!r}; every entry is a [[correction]]")
    entries = data.get("correction", [])
    if not isinstance(entries, list):
        raise _error(path, "'correction' must be an array of tables: [[correction]]")
    corrections = Corrections(path)
    for number, entry in enumerate(entries, start=1):
        try:
            corrections.entries.append(Correction.model_validate(entry))
        except ValidationError as error:
            first = error.errors()[0]
            where = ".".join(str(part) for part in first["loc"])
            message = first["msg"].removeprefix("Value error, ")
            raise _error(path, f"correction {number}: {where + ': ' if where else ''}{message}") from error
    return corrections


def _error(path: Path, message: str) -> Exception:
    from .errors import InputError

    return InputError(f"{path}: {message} — fix the file by hand; it was not changed")


def append(path: Path, correction: Correction, comment: str | None = None) -> int:
    """Add a correction at the end of the file (created if need be); returns its number."""
    from .errors import InputError

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with _locked(path):
            existing = path.read_text(encoding="utf-8") if path.exists() else ""
            existing = existing if existing.strip() else HEADER
            number = len(parse(existing, path).entries) + 1
            text = existing.rstrip("\n") + "\n\n" + render(correction, comment)
            parse(text, path)  # what is written must read back
            _replace(path, text)
    except OSError as error:
        raise InputError(f"cannot write {path} ({error.strerror or error}); it was not changed") from error
    return number


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    """An exclusive lock on `path.lock` for one read-change-write (none where fcntl is missing)."""
    with open(path.with_name(path.name + ".lock"), "a", encoding="utf-8") as lock:
        try:
            import fcntl
        except ImportError:  # Windows: no advisory locks; writes are still atomic
            yield
            return
        fcntl.flock(lock.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock.fileno(), fcntl.LOCK_UN)


def _replace(path: Path, text: str) -> None:
    import tempfile

    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        os.chmod(temporary, path.stat().st_mode if path.exists() else 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def render(correction: Correction, comment: str | None = None) -> str:
    """One `[[correction]]` block, keys in a readable order, references as sub-tables."""
    data = correction.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
    data["action"] = correction.action
    lines = [f"# {_CONTROL.sub(' ', comment)}"] if comment else []  # a comment cannot escape anything
    lines.append("[[correction]]")
    lines += [f"{key} = {_value(data[key])}" for key in _ORDER if key in data]
    if correction.event is not None:
        lines += ["[correction.event]", *_ref_lines(correction.event)]
    for ref in correction.events:
        lines += ["[[correction.events]]", *_ref_lines(ref)]
    return "\n".join(lines) + "\n"


def _ref_lines(ref: EventRef) -> list[str]:
    data = ref.model_dump(mode="json", exclude_none=True)
    return [f"{key} = {_value(data[key])}" for key in _REF_ORDER if key in data]


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, list):
        return "[" + ", ".join(_value(item) for item in value) + "]"
    return _string(str(value))


def _string(text: str) -> str:
    """A TOML basic string: quotes, backslashes and control characters escaped."""
    escaped = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r"}
    out = []
    for char in text:
        if char in escaped:
            out.append(escaped[char])
        elif _CONTROL.match(char):
            out.append(f"\\u{ord(char):04X}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'
