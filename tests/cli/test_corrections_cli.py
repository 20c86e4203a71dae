"""Corrections from the command line: they survive a cleared cache, show their mark, and are reported
when they no longer match."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sinorus_timeline.documents import bundled_seeds


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sinorus_timeline", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
        check=False,
    )


def jsonl(*args: str) -> list[dict[str, object]]:
    result = run(*args, "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A copy of the bundled articles and their manifest, in a folder of the test's own."""
    folder = tmp_path / "corpus"
    shutil.copytree(bundled_seeds(), folder)
    return folder


def forum(corpus: Path) -> dict[str, object]:
    return jsonl("list", str(corpus), "--type", "forum", "--year", "2023")[0]


def test_a_fix_survives_clearing_the_cache_and_is_marked(corpus: Path) -> None:
    event = forum(corpus)
    fixed = run("fix", str(event["id"])[:7], str(corpus), "--date", "2023-10-18", "--type", "summit")
    assert fixed.returncode == 0, fixed.stderr
    assert fixed.stderr.startswith("correction 1 (fix ") and str(corpus / "corrections.toml") in fixed.stderr
    assert run("cache", "clear").returncode == 0
    listed = jsonl("list", str(corpus))
    after = next(e for e in listed if e["id"] == event["id"])
    assert (after["date"], after["date_end"], after["type"], after["corrected"]) == ("2023-10-18", None, "summit", True)
    assert not any(e["corrected"] for e in listed if e["id"] != event["id"])
    table = run("list", str(corpus), "--year", "2023").stdout
    assert any(line.split("\t", 1)[1].startswith("18 October 2023\tsummit\t* ") for line in table.splitlines())
    rows = list(csv.DictReader(io.StringIO(run("export", "--csv", str(corpus)).stdout)))
    assert {row["id"]: row["corrected"] for row in rows}[str(event["id"])] == "true"
    assert "corrected:    yes" in run("show", str(event["id"]), str(corpus)).stdout


def test_reject_merge_add_and_the_list_of_corrections(corpus: Path) -> None:
    events = jsonl("list", str(corpus), "--year", "2023")
    rejected, kept, absorbed = events[0], events[1], events[2]
    assert run("reject", str(rejected["id"]), str(corpus)).returncode == 0
    assert run("merge", str(kept["id"]), str(absorbed["id"]), str(corpus)).returncode == 0
    article = corpus / "002_09066598112111c2.txt"
    sentence = "The discussions centered on enhancing cooperation"
    added = run(
        "add", str(corpus), "--date", "2023-10-18", "--type", "meeting", "--title", "Talks at the forum",
        "--source", str(article), "--evidence", sentence,
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    after = {str(e["id"]): e for e in jsonl("list", str(corpus), "--year", "2023")}
    assert str(rejected["id"]) not in after and str(absorbed["id"]) not in after
    merged_files = {s["file"] for s in after[str(kept["id"])]["sources"]}  # type: ignore[attr-defined]
    assert merged_files >= {s["file"] for s in absorbed["sources"]}  # type: ignore[attr-defined]
    new = next(e for e in after.values() if e["title"] == "Talks at the forum")
    source = new["sources"][0]  # type: ignore[index]
    text = article.read_text(encoding="utf-8")
    assert text[source["start"] : source["end"]] == sentence and new["corrected"] is True
    listed = [json.loads(line) for line in run("corrections", str(corpus), "--format", "jsonl").stdout.splitlines()]
    assert [(c["number"], c["action"], c["state"]) for c in listed] == [
        (1, "reject", "applied"),
        (2, "merge", "applied"),
        (3, "add", "applied"),
    ]


def test_a_stale_correction_is_reported_on_every_run(corpus: Path) -> None:
    event = forum(corpus)
    assert run("reject", str(event["id"]), str(corpus)).returncode == 0
    path = corpus / "corrections.toml"
    path.write_text(path.read_text(encoding="utf-8").replace("It is telling", "It was telling"), encoding="utf-8")
    result = run("list", str(corpus))
    assert result.returncode == 0
    warnings = [line for line in result.stderr.splitlines() if "no longer matches" in line]
    assert len(warnings) == 1 and warnings[0].startswith("warning: correction 1 (reject ")
    assert str(event["id"]) in result.stdout or "Belt and Road" in result.stdout  # the event is back
    assert "It was telling" in path.read_text(encoding="utf-8")  # never deleted


def test_a_bad_corrections_file_is_one_line_and_left_alone(corpus: Path) -> None:
    path = corpus / "corrections.toml"
    path.write_text("[[correction]\n", encoding="utf-8")
    for args in (["list", str(corpus)], ["reject", "4cc", str(corpus)], ["corrections", str(corpus)]):
        result = run(*args)
        assert result.returncode == 1
        assert result.stderr.count("\n") == 1 and "corrections.toml" in result.stderr
        assert "Traceback" not in result.stderr
    assert path.read_text(encoding="utf-8") == "[[correction]\n"


def test_set_published_and_option_to_choose_the_file(corpus: Path, tmp_path: Path) -> None:
    chosen = tmp_path / "mine.toml"
    article = corpus / "001_a967972d020f599d.txt"
    result = run("set-published", str(article), "2019-06-06", str(corpus), "--corrections", str(chosen))
    assert result.returncode == 0, result.stderr
    assert chosen.exists() and not (corpus / "corrections.toml").exists()
    record = next(r for r in jsonl("--corrections", str(chosen), "sources", str(corpus)) if r["file"] == article.name)
    assert (record["published"], record["published_origin"]) == ("2019-06-06", "correction")


def test_bundled_articles_keep_their_corrections_in_the_data_folder(tmp_path: Path) -> None:
    env_data = Path(os.environ["XDG_DATA_HOME"]) / "sinorus-timeline" / "corrections.toml"
    event = jsonl("list", "--type", "forum", "--year", "2023")[0]
    try:
        assert run("fix", str(event["id"]), "--title", "The forum").returncode == 0
        assert env_data.exists() and not (bundled_seeds() / "corrections.toml").exists()
        assert jsonl("list", "--type", "forum", "--year", "2023")[0]["title"] == "The forum"
    finally:
        env_data.unlink(missing_ok=True)


@pytest.mark.slow
def test_two_fixes_at_once_both_land(corpus: Path) -> None:
    events = jsonl("list", str(corpus), "--year", "2023")
    commands = [
        [sys.executable, "-m", "sinorus_timeline", "fix", str(e["id"]), str(corpus), "--title", f"Title {n}"]
        for n, e in enumerate(events[:2])
    ]
    processes = [subprocess.Popen(c, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for c in commands]
    assert all(p.wait(timeout=120) == 0 for p in processes)
    titles = {e["title"] for e in jsonl("list", str(corpus), "--year", "2023")}
    assert {"Title 0", "Title 1"} <= titles
