"""The `timeline` command end to end: data on stdout, one-line errors on stderr, exit codes."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from sinorus_timeline import __version__
from sinorus_timeline.writers import COLUMNS

ARTICLE = (
    "MOSCOW, March 21 (Xinhua) -- Chinese President Xi Jinping held talks with Russian President "
    "Vladimir Putin in the Kremlin on Tuesday.\n\n"
    "The two leaders signed a joint statement on deepening their partnership on Tuesday.\n"
)


def run(*args: str, stdin: bytes | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run the installed command as a user would, from another folder."""
    return subprocess.run(
        [sys.executable, "-m", "sinorus_timeline", *args],
        input=stdin.decode() if stdin is not None else None,
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
        check=False,
    )


@pytest.fixture(scope="module")
def seeds_2023(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, object]]:
    """`timeline list --year 2023 --format jsonl` on the bundled articles, run from an empty folder."""
    result = run("list", "--year", "2023", "--format", "jsonl", cwd=tmp_path_factory.mktemp("elsewhere"))
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_version() -> None:
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"timeline {__version__}"


def test_seeds_2023_has_the_belt_and_road_forum_with_both_sources(seeds_2023: list[dict[str, object]]) -> None:
    forums = [e for e in seeds_2023 if e["type"] == "forum" and "Belt and Road" in str(e["title"])]
    assert len(forums) == 1
    files = {source["file"] for source in forums[0]["sources"]}  # type: ignore[attr-defined]
    assert files == {"000_af4bfe3403959047.txt", "002_09066598112111c2.txt"}
    assert str(forums[0]["date"]).startswith("2023-10")


def test_year_filter_keeps_only_that_year(seeds_2023: list[dict[str, object]]) -> None:
    assert seeds_2023
    assert all(str(e["date"]).startswith("2023") for e in seeds_2023)


def test_piped_table_has_no_escape_codes_or_borders() -> None:
    result = run("list", "--year", "2023")
    assert result.returncode == 0
    assert "\x1b[" not in result.stdout
    assert "│" not in result.stdout and "─" not in result.stdout
    assert result.stdout.splitlines()[0].split("\t") == ["id", "date", "type", "event", "where", "who", "sources"]


def test_stdin_with_published_date() -> None:
    result = run("list", "-", "--published", "2023-03-21", "--format", "jsonl", stdin=ARTICLE.encode())
    assert result.returncode == 0, result.stderr
    events = [json.loads(line) for line in result.stdout.splitlines()]
    meeting = next(e for e in events if e["type"] == "meeting")
    assert meeting["date"] == "2023-03-21"
    assert meeting["sources"][0]["file"] == "stdin"


def test_extract_gives_unmerged_events_in_the_scorer_shape(tmp_path: Path) -> None:
    article = tmp_path / "wire.txt"
    article.write_text("---\npublished: 2023-03-21\n---\n" + ARTICLE, encoding="utf-8")
    result = run("extract", str(article), "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    events = [json.loads(line) for line in result.stdout.splitlines()]
    assert {e["type"] for e in events} >= {"meeting", "agreement"}
    for event in events:
        source = event["sources"][0]
        text = article.read_text(encoding="utf-8")
        assert text[source["start"] : source["end"]] == source["evidence"]


def test_sources_reports_where_each_date_came_from() -> None:
    result = run("sources", "--format", "jsonl")
    assert result.returncode == 0
    records = {r["file"]: r for r in map(json.loads, result.stdout.splitlines())}
    assert records["000_af4bfe3403959047.txt"]["published"] == "2023-10"
    assert records["000_af4bfe3403959047.txt"]["published_origin"] == "manifest"
    assert records["002_09066598112111c2.txt"]["published"] == "2023-10-19"
    assert records["002_09066598112111c2.txt"]["published_origin"] == "text"


def test_export_csv_reads_back_and_refuses_to_overwrite(tmp_path: Path) -> None:
    target = tmp_path / "timeline.csv"
    first = run("export", "--csv", "--year", "2023", "-o", str(target))
    assert first.returncode == 0, first.stderr
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert rows and list(rows[0]) == list(COLUMNS)
    again = run("export", "--csv", "-o", str(target))
    assert again.returncode == 2
    assert "--force" in again.stderr
    assert run("export", "--csv", "-o", str(target), "--force").returncode == 0


def test_show_prints_every_source() -> None:
    listed = run("list", "--type", "forum", "--year", "2023", "--format", "jsonl")
    event = json.loads(listed.stdout.splitlines()[0])
    shown = run("show", event["id"][:7])
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.count("evidence:") == len(event["sources"])


@pytest.mark.parametrize(
    ("args", "code", "needle"),
    [
        (["list", "/no/such/place"], 1, "/no/such/place"),
        (["list", "--year", "20x3"], 2, "--year"),
        (["list", "--format", "xml"], 2, "--format"),
        (["list", "--from", "the day after"], 2, "--from"),
        (["list", "--bogus"], 2, "--bogus"),
        (["show", "no-such-id"], 1, "no-such-id"),
    ],
)
def test_bad_input_gives_one_line_and_an_exit_code(args: list[str], code: int, needle: str) -> None:
    result = run(*args)
    assert result.returncode == code
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and needle in lines[0]
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("content", [b"", b"\x00\x01\x02binary\x00", b"   \n"])
def test_unreadable_file_is_named_and_others_still_read(tmp_path: Path, content: bytes) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    good = tmp_path / "good.txt"
    good.write_text("---\npublished: 2023-03-21\n---\n" + ARTICLE, encoding="utf-8")
    result = run("list", str(tmp_path), "--format", "jsonl")
    assert result.returncode == 1
    assert "bad.txt" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert any(json.loads(line)["type"] == "meeting" for line in result.stdout.splitlines())


def test_binary_stdin_is_refused() -> None:
    result = run("list", "-", stdin=b"\x00\x00\x00")
    assert result.returncode == 1
    assert "binary" in result.stderr


def test_every_command_has_help_with_an_example() -> None:
    for command in ["list", "extract", "export", "show", "sources"]:
        result = run(command, "--help")
        assert result.returncode == 0
        assert "Example:" in result.stdout


def test_exports_read_back_with_the_same_events(tmp_path: Path) -> None:
    listed = [json.loads(line) for line in run("list", "--format", "jsonl").stdout.splitlines()]
    dated = {e["id"] for e in listed if e["date"]}
    on_days = {e["id"] for e in listed if e["date"] and len(e["date"]) > 4}  # a month or a day
    paths = {}
    for flag in ("csv", "ics", "timelinejs", "html"):
        paths[flag] = tmp_path / f"timeline.{flag}"
        result = run("export", f"--{flag}", "-o", str(paths[flag]))
        assert result.returncode == 0, result.stderr
        if flag == "ics":
            left = f"warning: {len(dated - on_days)} events dated only to a year left out: --ics places events on days"
            assert left in result.stderr.splitlines()
    rows = list(csv.DictReader(io.StringIO(paths["csv"].read_text(encoding="utf-8"))))
    assert {r["id"] for r in rows} >= dated
    icalendar = pytest.importorskip("icalendar")
    calendar = icalendar.Calendar.from_ical(paths["ics"].read_bytes())
    uids = {str(c["UID"]).split("@")[0] for c in calendar.walk("VEVENT")}
    assert uids == on_days
    timeline = json.loads(paths["timelinejs"].read_text(encoding="utf-8"))
    assert {e["unique_id"] for e in timeline["events"]} == dated
    page = paths["html"].read_text(encoding="utf-8")
    assert "Belt and Road Forum" in page
    assert "http://" not in page and "https://" not in page


def test_stats_and_meetings() -> None:
    stats = run("stats")
    assert stats.returncode == 0 and "# events per year" in stats.stdout
    meetings = run("meetings", "--format", "jsonl")
    claims = [json.loads(line) for line in meetings.stdout.splitlines()]
    assert sorted(c["count"] for c in claims) == [40, 42]
    assert not any(c["contradicts"] for c in claims)


def test_max_bytes_skips_big_files_and_reads_the_rest() -> None:
    result = run("--max-bytes", "5000", "list", "--no-cache", "--format", "jsonl")
    assert result.returncode == 1
    assert len(result.stderr.strip().splitlines()) == 2  # the two bundled articles over 5,000 bytes
    assert all("--max-bytes" in line for line in result.stderr.strip().splitlines())
    files = {s["file"] for e in map(json.loads, result.stdout.splitlines()) for s in e["sources"]}
    assert files and all(name.startswith(("000_", "001_", "003_")) for name in files)


@pytest.mark.parametrize(("choice", "escapes"), [("never", False), ("always", True)])  # auto: the test above
def test_color_option_on_piped_output(choice: str, escapes: bool) -> None:
    table = run("--color", choice, "list", "--year", "2023")
    assert table.returncode == 0, table.stderr
    assert ("\x1b[" in table.stdout) is escapes
    if escapes:  # only the header is styled: the rows stay plain tab-separated text
        assert table.stdout.splitlines()[0] == "\x1b[1mid\tdate\ttype\tevent\twhere\twho\tsources\x1b[0m"
        assert "\x1b[" not in "".join(table.stdout.splitlines()[1:])
        for machine in (["--format", "jsonl"], ["--format", "csv"]):  # data formats never carry colour
            assert "\x1b[" not in run("--color", choice, "list", "--year", "2023", *machine).stdout


def test_bad_color_is_a_usage_error() -> None:
    result = run("--color", "sometimes", "list")
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "auto, always, never" in result.stderr


def test_shell_completion_script_and_answers() -> None:
    script = run("--show-completion", "bash")
    assert script.returncode == 0
    assert "_TIMELINE_COMPLETE" in script.stdout
    env = {**os.environ, "_TIMELINE_COMPLETE": "complete_bash", "COMP_WORDS": "timeline li", "COMP_CWORD": "1"}
    answer = subprocess.run(
        [sys.executable, "-m", "sinorus_timeline"], capture_output=True, text=True, env=env, timeout=60, check=False
    )
    assert answer.stdout.split() == ["list"]


NEWS_PAGE = (
    "<!DOCTYPE html><html><head><title>Xi and Putin hold talks in Moscow</title>"
    '<meta property="article:published_time" content="2023-03-21T09:30:00+03:00"></head>'
    "<body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav><article><h1>Xi and Putin hold talks</h1>"
    "<p>Chinese President Xi Jinping held talks with Russian President Vladimir Putin in the Kremlin on Tuesday, "
    "the second day of his state visit to Russia.</p></article>"
    "<footer><p>Related: Xi Jinping met Vladimir Putin in Beijing on February 4, 2022.</p></footer></body></html>"
)


def test_html_pages_in_a_folder_and_on_stdin(tmp_path: Path) -> None:
    (tmp_path / "news.html").write_text(NEWS_PAGE, encoding="utf-8")
    (tmp_path / "menu.htm").write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>", encoding="utf-8")
    listed = run("list", str(tmp_path), "--format", "jsonl")
    assert listed.returncode == 1  # one page could not be read; the other was
    assert listed.stderr.count("\n") == 1 and "menu.htm" in listed.stderr
    events = [json.loads(line) for line in listed.stdout.splitlines()]
    meeting = next(e for e in events if e["type"] in {"meeting", "visit"})
    shown = run("show", meeting["id"], str(tmp_path / "news.html"))
    assert "of the extracted text]" in shown.stdout
    text = run("text", str(tmp_path / "news.html")).stdout  # what the offsets count into
    source = meeting["sources"][0]
    assert text[source["start"] : source["end"]] == source["evidence"] and "Home" not in text
    sources = run("sources", str(tmp_path / "news.html"), "--format", "jsonl")
    record = json.loads(sources.stdout)
    assert (record["published"], record["published_origin"]) == ("2023-03-21", "html")
    piped = run("list", "-", "--format", "jsonl", stdin=NEWS_PAGE.encode())
    assert piped.returncode == 0, piped.stderr
    assert {e["id"] for e in map(json.loads, piped.stdout.splitlines())}


def test_dates_marks_each_end_of_a_range_with_its_sentence(tmp_path: Path) -> None:
    article = tmp_path / "wire.txt"
    article.write_text("Envoys met on Monday and Tuesday. Trade grew from 2015 to 2019.\n", encoding="utf-8")
    result = run("dates", str(article), "--published", "2021-03-26", "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["text"], r["value"]) for r in rows] == [
        ("Monday", "2021-03-22"),
        ("Tuesday", "2021-03-23"),
        ("2015", "2015"),
        ("2019", "2019"),
    ]
    assert rows[0]["sentence"] == "Envoys met on Monday and Tuesday."


def _corpora() -> list[Path]:
    """The bundled articles, and the annotated development articles when they sit beside the checkout."""
    top = Path(__file__).resolve().parents[2]
    found = [top / "seeds"]
    found += [p for p in (top.parent / "shared" / "eval" / "dev" / "articles",) if p.is_dir()]
    return found


@pytest.mark.parametrize("folder", _corpora(), ids=lambda p: p.parent.name if p.name == "articles" else p.name)
def test_dates_and_extract_give_the_same_value_for_every_expression(folder: Path) -> None:
    """An event dated by an expression of its text carries the value `timeline dates` lists for it."""
    listed = run("dates", str(folder), "--format", "jsonl")
    extracted = run("extract", str(folder), "--format", "jsonl")
    assert listed.returncode == 0 and extracted.returncode == 0, listed.stderr + extracted.stderr
    # by offset, as a range ("May 25-26") is listed by its parts; by text, for a date read in another sentence
    values: dict[tuple[str, int | str], set[str | None]] = {}
    for line in listed.stdout.splitlines():
        row = json.loads(line)
        for key in ((row["file"], row["start"]), (row["file"], row["text"])):
            values.setdefault(key, set()).update((row["date"], row["clause_date"]))
    checked = 0
    for line in extracted.stdout.splitlines():
        event = json.loads(line)
        for source in event["sources"]:
            written = source["date_text"]
            if written and (source["resolution"] or "").startswith(f"{written!r} resolved"):
                at = source["evidence"].find(written)
                key = (source["file"], source["start"] + at if at >= 0 else written)
                assert event["date"] in values[key], (source["file"], written, event["date"])
                checked += 1
    assert checked >= 10


def test_show_why_lists_every_date_weighed_and_its_verdict(tmp_path: Path) -> None:
    article = tmp_path / "talks.txt"
    article.write_text(
        "Talks\n\nThe Kremlin said on Friday that Xi Jinping held talks with Vladimir Putin in Moscow in March.\n"
    )
    listed = run("list", str(article), "--published", "2023-03-25", "--format", "jsonl")
    (event,) = [json.loads(line) for line in listed.stdout.splitlines()]
    shown = run("show", event["id"], str(article), "--published", "2023-03-25", "--why")
    assert shown.returncode == 0, shown.stderr
    weighed = [line.strip() for line in shown.stdout.splitlines() if line.strip().startswith("weighed:")]
    assert weighed == [
        "weighed:    'Friday' in its sentence — cost 117 "
        "(17 characters away, in a clause 1 away, the date of a statement)",
        "weighed:    'March' in its sentence — cost 34 (34 characters away)",
    ]
    as_json = json.loads(
        run("show", event["id"], str(article), "--published", "2023-03-25", "--why", "-f", "json").stdout
    )
    assert as_json["considered"] == [[[w.split("— ")[0][12:].strip(), w.split("— ")[1]] for w in weighed]]


def test_a_period_that_ends_before_it_starts_is_a_usage_error() -> None:
    result = run("list", "--from", "2024", "--to", "2019")
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == ["error: --from 2024 is after --to 2019: no date lies between them"]
    assert result.stdout == ""


def test_a_file_named_twice_or_inside_a_folder_named_is_read_once(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("---\npublished: 2023-03-22\n---\n" + ARTICLE, encoding="utf-8")
    once = run("list", str(article), "--format", "jsonl")
    for args in ((str(article), str(article)), (str(tmp_path), str(article)), (str(article), f"{tmp_path}/./a.txt")):
        again = run("list", *args, "--format", "jsonl")
        assert again.returncode == 0
        assert again.stdout == once.stdout
        assert "named more than once — read once" in again.stderr


def test_old_mac_line_endings_keep_their_front_matter_and_dates(tmp_path: Path) -> None:
    article = tmp_path / "cr.txt"
    text = "---\npublished: 2023-03-22\n---\n" + ARTICLE
    article.write_bytes(text.replace("\n", "\r").encode())
    crlf = tmp_path / "crlf.txt"
    crlf.write_bytes(text.replace("\n", "\r\n").encode())
    lf = tmp_path / "lf.txt"
    lf.write_text(text, encoding="utf-8")
    outputs = []
    for path in (article, crlf, lf):
        events = [json.loads(line) for line in run("extract", str(path), "--format", "jsonl").stdout.splitlines()]
        outputs.append([(e["type"], e["date"], e["sources"][0]["evidence"]) for e in events])
    assert outputs[0] == outputs[1] == outputs[2] != []
