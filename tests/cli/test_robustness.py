"""The `timeline` command on bad, odd, damaged and big inputs: one line per problem, no traceback,
nothing clobbered, and the good input still read.

Fast tests run by default; the ones marked `slow` (concurrency, big files, many files) take minutes.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from sinorus_timeline.documents import MAX_BYTES

CACHE_FILE = "extractions.sqlite3"

GOOD = (
    "---\npublished: 2023-03-22\n---\n"
    "Chinese President Xi Jinping met Russian President Vladimir Putin in Moscow on March 21, 2023.\n"
)
# Windows-1252: é is 0xE9 and the en dash 0x96, neither valid UTF-8 here.
LATIN1 = (
    "---\npublished: 2024-06-06\n---\n"
    "Café diplomacy \u2013 Chinese President Xi Jinping held a phone call with Russian President Vladimir Putin "
    "on June 5, 2024, the Kremlin said.\n"
).encode("cp1252")


def run(
    *args: str,
    stdin: bytes | None = None,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    timeout: float = 120,
    preexec_fn: Any = None,
) -> subprocess.CompletedProcess[str]:
    """Run the command as a user would; stdout and stderr decoded as UTF-8."""
    result = subprocess.run(
        [sys.executable, "-m", "sinorus_timeline", *args],
        input=stdin,
        capture_output=True,
        cwd=cwd,
        env={**os.environ, **(env or {})},
        timeout=timeout,
        check=False,
        preexec_fn=preexec_fn,
    )
    return subprocess.CompletedProcess(
        result.args, result.returncode, result.stdout.decode("utf-8"), result.stderr.decode("utf-8")
    )


def events_of(stdout: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in stdout.splitlines()]


def files_of(event: dict[str, Any]) -> set[str]:
    return {source["file"] for source in event["sources"]}


def assert_one_line(result: subprocess.CompletedProcess[str], prefix: str = "error: ") -> str:
    """Exactly one stderr line, starting with `prefix`, and no traceback."""
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(prefix), lines[0]
    return lines[0]


# --- a folder of good and bad files ---------------------------------------------------------------


def test_mixed_folder_reads_the_good_names_the_bad_and_exits_1(tmp_path: Path) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"PK\x03\x04\x14\x00\x00\x00\x08\x00binary\x00payload\xff\xfe")
    (folder / "latin1.txt").write_bytes(LATIN1)

    result = run("list", str(folder), "--format", "jsonl")

    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    events = events_of(result.stdout)
    meetings = [e for e in events if "good.txt" in files_of(e)]
    assert [(e["type"], e["date"]) for e in meetings] == [("meeting", "2023-03-21")]
    # The Windows-1252 file is read, not skipped, and decoded correctly.
    calls = [e for e in events if "latin1.txt" in files_of(e)]
    assert calls, result.stdout
    assert any("Café diplomacy – Chinese" in s["evidence"] for e in calls for s in e["sources"])

    lines = result.stderr.splitlines()
    assert len(lines) == 3, result.stderr
    for name, prefix in (("empty.txt", "error: "), ("binary.txt", "error: "), ("latin1.txt", "warning: ")):
        naming = [line for line in lines if name in line]
        assert len(naming) == 1, (name, result.stderr)
        assert naming[0].startswith(prefix), naming[0]
    assert "read as Windows-1252" in next(line for line in lines if "latin1.txt" in line)
    assert not any("good.txt" in line for line in lines)


def test_missing_path_beside_a_good_file_is_named_and_the_good_one_read(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    result = run("list", str(tmp_path / "missing.txt"), str(good), "--format", "jsonl")
    assert result.returncode == 1
    assert "missing.txt" in assert_one_line(result)
    assert [e["date"] for e in events_of(result.stdout)] == ["2023-03-21"]


@pytest.mark.parametrize(
    ("args", "stdin", "code", "needle"),
    [
        (["list", "{tmp}/missing.txt"], None, 1, "missing.txt"),
        (["list", "--year", "20x3"], None, 2, "--year"),
        (["list", "--year", "99999"], None, 2, "--year"),
        (["list", "--format", "xml"], None, 2, "--format"),
        (["export", "--format", "csv"], None, 2, "--format"),
        (["list", "-", "--format", "jsonl"], b"PK\x03\x04\x00\x00\x00binary\x00", 1, "stdin"),
        (["list", "-", "--format", "jsonl"], b"", 1, "stdin"),
    ],
    ids=["missing-path", "year-letters", "year-five-digits", "format", "export-format", "binary-stdin", "empty-stdin"],
)
def test_bad_input_or_option_gives_one_line_and_a_non_zero_exit(
    tmp_path: Path, args: list[str], stdin: bytes | None, code: int, needle: str
) -> None:
    result = run(*(arg.replace("{tmp}", str(tmp_path)) for arg in args), stdin=stdin)
    assert result.returncode == code, result.stderr
    assert needle in assert_one_line(result)


def test_bad_front_matter_date_names_the_file_and_the_others_are_read(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "bad-date.txt").write_text(GOOD.replace("2023-03-22", "2023-13-45"), encoding="utf-8")
    result = run("list", str(tmp_path), "--format", "jsonl")
    assert "Traceback" not in result.stderr
    assert result.returncode == 1, result.stderr
    assert "bad-date.txt" in assert_one_line(result)
    assert [e["date"] for e in events_of(result.stdout)] == ["2023-03-21"]


def test_the_same_article_under_two_names_gives_no_duplicate_ids(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "copy-of-a.txt").write_text(GOOD, encoding="utf-8")
    result = run("list", str(tmp_path), "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    ids = [e["id"] for e in events_of(result.stdout)]
    assert ids and len(ids) == len(set(ids)), ids


def test_ids_do_not_depend_on_how_the_folder_is_named_or_on_articles_that_join(tmp_path: Path) -> None:
    corpus = tmp_path / "dir"
    corpus.mkdir()
    (corpus / "a.txt").write_text(
        "---\npublished: 2023-03-22\nurl: https://example.com/a\noutlet: Example\ntitle: Xi in Moscow\n---\n"
        "Chinese President Xi Jinping met Russian President Vladimir Putin in Moscow on March 21, 2023.\n",
        encoding="utf-8",
    )
    (corpus / "b.txt").write_text(
        "---\npublished: 2023-10-18\n---\nXi Jinping and Vladimir Putin held talks in Beijing on October 18, 2023.\n",
        encoding="utf-8",
    )

    def ids(*args: str, cwd: Path = tmp_path) -> list[str]:
        result = run("list", *args, "--format", "jsonl", "--no-cache", cwd=cwd)
        assert result.returncode == 0, result.stderr
        return sorted(e["id"] for e in events_of(result.stdout))

    first = ids("dir")
    assert first and ids("./dir") == first == ids(str(corpus))
    moved = tmp_path / "elsewhere"
    corpus.rename(moved)
    assert ids(str(moved)) == first
    (moved / "c.txt").write_text(  # a later report of the March meeting joins it
        "---\npublished: 2023-03-25\n---\nXi Jinping met Vladimir Putin in Moscow on March 21, 2023.\n",
        encoding="utf-8",
    )
    assert ids(str(moved)) == first
    listed = events_of(run("list", str(moved), "--format", "jsonl", "--no-cache").stdout)
    march = next(e for e in listed if e["date"] == "2023-03-21")
    assert sorted(s["file"] for s in march["sources"]) == ["a.txt", "c.txt"]
    cited = next(s for s in march["sources"] if s["file"] == "a.txt")
    assert (cited["url"], cited["outlet"], cited["title"]) == ("https://example.com/a", "Example", "Xi in Moscow")
    shown = run("show", march["id"][:7], str(moved), "--no-cache").stdout
    assert "  url:        https://example.com/a\n" in shown and "  outlet:     Example\n" in shown


# --- a damaged cache ------------------------------------------------------------------------------


def articles_folder(root: Path, count: int) -> Path:
    """`count` distinct short articles, each reporting one meeting; several report the same day."""
    folder = root / f"articles-{count}"
    folder.mkdir()
    first = dt.date(2015, 1, 1)
    for number in range(count):
        day = first + dt.timedelta(days=number % max(1, count // 3))
        (folder / f"a{number:05d}.txt").write_text(
            f"---\npublished: {day + dt.timedelta(days=1)}\ntitle: Report {number}\n---\n"
            f"Chinese President Xi Jinping met Russian President Vladimir Putin in Moscow on "
            f"{day:%B} {day.day}, {day.year}.\n",
            encoding="utf-8",
        )
    return folder


@pytest.mark.parametrize(
    "garbage",
    [b"this is not a database\n" * 200, b"SQLite format 3\x00" + bytes(range(256)) * 40],
    ids=["text", "sqlite-header-then-garbage"],
)
def test_corrupt_cache_file_is_set_aside_and_the_output_is_unchanged(tmp_path: Path, garbage: bytes) -> None:
    folder = articles_folder(tmp_path, 12)
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / CACHE_FILE).write_bytes(garbage)
    env = {"TIMELINE_CACHE_DIR": str(cache)}

    reference = run("list", str(folder), "--format", "jsonl", "--no-cache", env=env)
    assert reference.returncode == 0 and reference.stderr == "", reference.stderr
    assert (cache / CACHE_FILE).read_bytes() == garbage  # --no-cache does not touch the cache

    result = run("list", str(folder), "--format", "jsonl", env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout == reference.stdout
    line = assert_one_line(result, "warning: ")
    assert "corrupt" in line and CACHE_FILE in line
    assert (cache / "extractions.corrupt").read_bytes() == garbage  # set aside, not deleted
    with contextlib.closing(sqlite3.connect(cache / CACHE_FILE)) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)

    again = run("list", str(folder), "--format", "jsonl", env=env)
    assert (again.returncode, again.stdout, again.stderr) == (0, reference.stdout, "")


def test_damaged_rows_in_the_cache_give_one_warning_line_and_the_same_output(tmp_path: Path) -> None:
    folder = articles_folder(tmp_path, 12)
    cache = tmp_path / "cache"
    env = {"TIMELINE_CACHE_DIR": str(cache)}
    reference = run("list", str(folder), "--format", "jsonl", env=env)
    assert reference.returncode == 0 and reference.stderr == "", reference.stderr
    with contextlib.closing(sqlite3.connect(cache / CACHE_FILE)) as connection:
        tables = [row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        for table in tables:
            columns = [row[1] for row in connection.execute(f"PRAGMA table_info({table})") if row[1] != "key"]
            for column in columns:
                connection.execute(f"UPDATE {table} SET {column} = 'garbage'")
        connection.commit()
    if not tables:  # not the bug: a cache with nothing to damage
        pytest.fail(f"precondition: the cache {cache / CACHE_FILE} holds no table")

    result = run("list", str(folder), "--format", "jsonl", env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout == reference.stdout
    assert_one_line(result, "warning: ")


# --- exports never clobber ------------------------------------------------------------------------

KEPT = "id,date\nkeep-me,2000\n"


def test_export_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    target.write_text(KEPT, encoding="utf-8")
    result = run("export", "--csv", "-o", str(target), cwd=tmp_path)
    assert result.returncode == 2
    assert "out.csv" in assert_one_line(result)
    assert target.read_text(encoding="utf-8") == KEPT
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv"]


@contextlib.contextmanager
def read_only(folder: Path) -> Iterator[None]:
    """Make `folder` unwritable: permissions, or the immutable flag where root ignores permissions."""
    folder.chmod(0o555)
    immutable = False
    try:
        probe = folder / ".probe"
        try:
            probe.write_bytes(b"")
        except OSError:
            pass
        else:  # root: permissions do not stop it
            probe.unlink()
            chattr = shutil.which("chattr")
            if chattr is None or subprocess.run([chattr, "+i", str(folder)], capture_output=True).returncode:
                pytest.skip("cannot make a folder read-only here (root, and no chattr +i)")
            immutable = True
        yield
    finally:
        if immutable:
            subprocess.run(["chattr", "-i", str(folder)], check=True)
        folder.chmod(0o755)


def test_forced_export_into_a_read_only_folder_fails_cleanly(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    target = folder / "out.csv"
    target.write_text(KEPT, encoding="utf-8")
    with read_only(folder):
        result = run("export", "--csv", "-o", str(target), "--force", cwd=tmp_path)
        listing = sorted(p.name for p in folder.iterdir())
    assert result.returncode != 0
    assert_one_line(result)
    assert target.read_text(encoding="utf-8") == KEPT
    assert listing == ["out.csv"]  # no temporary file left behind


def _file_size_limit() -> None:  # runs in the child: a "disk" that fills after 1 KiB
    import resource
    import signal

    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG instead
    resource.setrlimit(resource.RLIMIT_FSIZE, (1024, 1024))


@pytest.mark.skipif(sys.platform == "win32", reason="needs POSIX resource limits")
def test_export_failing_midway_keeps_the_old_file_and_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    target.write_text(KEPT, encoding="utf-8")
    full = run("export", "--csv", "--no-cache")
    assert full.returncode == 0 and len(full.stdout.encode()) > 4 * 1024  # the export is bigger than the "disk"
    result = run("export", "--csv", "-o", str(target), "--force", "--no-cache", preexec_fn=_file_size_limit)
    assert result.returncode != 0
    assert_one_line(result)
    assert target.read_text(encoding="utf-8") == KEPT
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv"]


# --- slow: concurrency, big files, many files -----------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("articles", [0, 600], ids=["bundled", "600-articles"])
def test_two_runs_at_once_on_a_fresh_cache_agree(tmp_path: Path, articles: int) -> None:
    paths = [str(articles_folder(tmp_path, articles))] if articles else []
    args = [sys.executable, "-m", "sinorus_timeline", "list", *paths, "--format", "jsonl"]
    reference = run("list", *paths, "--format", "jsonl", "--no-cache", timeout=600)
    assert reference.returncode == 0, reference.stderr
    for round_number in range(3):
        env = {**os.environ, "TIMELINE_CACHE_DIR": str(tmp_path / f"cache-{round_number}")}
        processes = [subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env) for _ in range(2)]
        outputs = [process.communicate(timeout=600) for process in processes]
        for process, (stdout, stderr) in zip(processes, outputs, strict=True):
            text = stderr.decode()
            assert process.returncode == 0, text
            assert "locked" not in text.lower() and "Traceback" not in text, text
            assert stdout.decode() == reference.stdout
        after = run("list", *paths, "--format", "jsonl", env={"TIMELINE_CACHE_DIR": env["TIMELINE_CACHE_DIR"]})
        assert (after.returncode, after.stdout, after.stderr) == (0, reference.stdout, "")


SENTENCE = "Xi Jinping met Vladimir Putin in Moscow on March 21, 2023."
HEAD = "---\npublished: 2023-03-22\n---\n"


def repeated_article(path: Path, size: int, separator: str = " ") -> Path:
    """One sentence repeated, as one paragraph, to about `size` bytes."""
    times = (size - len(HEAD) - 1) // (len(SENTENCE) + len(separator))
    path.write_text(HEAD + (SENTENCE + separator) * times + "\n", encoding="utf-8")
    return path


@pytest.mark.slow
def test_a_nine_megabyte_file_is_refused_clearly_or_read_as_one_event(tmp_path: Path) -> None:
    big = repeated_article(tmp_path / "big.txt", 9_000_000)
    started = time.monotonic()
    result = run("list", str(big), "--format", "jsonl", "--no-cache", timeout=600)
    if big.stat().st_size > MAX_BYTES:
        assert result.returncode == 1
        line = assert_one_line(result)
        assert "big.txt" in line and "limit" in line, line
        assert result.stdout == ""
        assert time.monotonic() - started < 30
    else:
        assert result.returncode == 0, result.stderr
        assert [(e["type"], e["date"]) for e in events_of(result.stdout)] == [("meeting", "2023-03-21")]


@pytest.mark.slow
@pytest.mark.parametrize(
    "separator",
    [pytest.param(" ", id="spaced"), pytest.param("", id="run-on")],
)
def test_a_file_just_under_the_size_limit_gives_one_meeting_in_time(tmp_path: Path, separator: str) -> None:
    big = repeated_article(tmp_path / "just-under.txt", MAX_BYTES - 1000, separator)
    assert MAX_BYTES - 2000 < big.stat().st_size <= MAX_BYTES
    try:
        result = run("list", str(big), "--format", "jsonl", "--no-cache", timeout=120)
    except subprocess.TimeoutExpired:
        raise AssertionError(f"{big.stat().st_size:,} bytes not read within 120 s") from None
    assert result.returncode == 0, result.stderr
    events = events_of(result.stdout)
    assert [(e["type"], e["date"]) for e in events] == [("meeting", "2023-03-21")]


@pytest.mark.slow
def test_twenty_thousand_tiny_files_are_read_in_bounded_memory(tmp_path: Path) -> None:
    count = 20_000
    folder = tmp_path / "many"
    first = dt.date(2000, 1, 1)
    days = set()
    for number in range(count):
        day = first + dt.timedelta(days=number % 9000)
        days.add(day)
        sub = folder / f"{number // 1000:02d}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"a{number:05d}.txt").write_text(
            f"---\npublished: {day + dt.timedelta(days=1)}\ntitle: Report {number}\n---\n"
            f"Chinese President Xi Jinping met Russian President Vladimir Putin in Moscow on "
            f"{day:%B} {day.day}, {day.year}.\n",
            encoding="utf-8",
        )
    command = [sys.executable, "-m", "sinorus_timeline", "list", str(folder), "--format", "jsonl"]
    rss_file = tmp_path / "rss.txt"
    timer = Path("/usr/bin/time")
    if timer.exists():
        command = [str(timer), "-f", "%M", "-o", str(rss_file), *command]
    env = {**os.environ, "TIMELINE_CACHE_DIR": str(tmp_path / "cache")}
    result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=1200, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stderr == ""
    events = events_of(result.stdout)
    assert sum(len(e["sources"]) for e in events) == count
    assert len(events) == len(days)  # reports of one day's meeting from several files are one event
    if timer.exists():
        peak_kib = int(rss_file.read_text().split()[-1])
        assert peak_kib < 300 * 1024, f"peak RSS {peak_kib / 1024:.0f} MiB"
