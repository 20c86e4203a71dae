#!/usr/bin/env python3
"""Benchmark `timeline` against `dateparser.search_dates`, the tool a Python user would reach for.

    python bench/bench.py [--articles 2000] [--extra FOLDER] [--baseline-sample 200]

Builds a corpus of N unique article copies (the bundled seeds, plus any folder given), then measures
in one run: cold extraction with one and with all cores (articles/s, MB/s), a warm `timeline list`
from the cache (and that its output is identical), peak memory, `timeline --version` start-up,
`timeline dates` (the date engine alone), and `search_dates` over a sample of the same articles
(before and after the cold runs).
Prints a Markdown table of ratios against the baseline measured in this run. No timing here is an
assertion: the numbers are for reading.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sinorus_timeline.documents import bundled_seeds, read_manifest


def build_corpus(folder: Path, count: int, extra: Path | None) -> int:
    """Copy the sample articles (and `extra`) until `count` files, each made unique by a last line."""
    sources = sorted(bundled_seeds().glob("*.txt"))
    if extra is not None:
        sources += sorted(p for p in extra.rglob("*.txt") if p.is_file())
    facts = {**read_manifest(bundled_seeds()), **(read_manifest(extra) if extra else {})}
    manifest_lines = []
    size = 0
    for number in range(count):
        source = sources[number % len(sources)]
        name = f"{number:06d}_{source.name}"
        text = source.read_text(encoding="utf-8") + f"\nCopy {number} of the benchmark corpus.\n"
        (folder / name).write_text(text, encoding="utf-8")
        size += len(text.encode())
        stated = facts.get(source.name)
        if stated is not None and stated.published is not None:
            manifest_lines.append(f'["{name}"]\npublished = "{stated.published}"\n')
    (folder / "sources.toml").write_text("\n".join(manifest_lines), encoding="utf-8")
    return size


def run(args: list[str], cache: Path) -> tuple[float, int, str]:
    """Wall time, peak memory (KiB) and stdout of one `timeline` run in a fresh process."""
    env = {**os.environ, "TIMELINE_CACHE_DIR": str(cache)}
    command = [sys.executable, "-m", "sinorus_timeline", *args]
    timer = shutil.which("time") or "/usr/bin/time"
    wrapped = [timer, "-f", "%M", *command] if Path(timer).exists() else command
    start = time.perf_counter()
    result = subprocess.run(wrapped, capture_output=True, text=True, env=env, check=False)
    elapsed = time.perf_counter() - start
    if result.returncode not in (0, 1):
        raise SystemExit(f"timeline failed: {result.stderr[-500:]}")
    peak = int(result.stderr.strip().splitlines()[-1]) if wrapped is not command else 0
    return elapsed, peak, result.stdout


def baseline(folder: Path, sample: int) -> tuple[float, int]:
    """Seconds per article of `dateparser.search_dates` over a sample, and the dates it returned."""
    import dateparser.search  # the library users would reach for

    files = sorted(folder.glob("*.txt"))[:sample]
    found = 0
    start = time.perf_counter()
    for path in files:
        matches = dateparser.search.search_dates(path.read_text(encoding="utf-8"), languages=["en"]) or []
        found += len(matches)
    return (time.perf_counter() - start) / len(files), found


def startup(cache: Path, repeats: int = 7) -> float:
    """Median wall time of `timeline --version`."""
    return statistics.median(run(["--version"], cache)[0] for _ in range(repeats))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--extra", type=Path, default=None, help="a folder of more articles to copy")
    parser.add_argument("--baseline-sample", type=int, default=200)
    arguments = parser.parse_args()
    cores = os.cpu_count() or 1
    with tempfile.TemporaryDirectory() as work:
        root = Path(work)
        corpus = root / "corpus"
        corpus.mkdir()
        size = build_corpus(corpus, arguments.articles, arguments.extra)
        n, megabytes = arguments.articles, size / 1e6
        # The baseline is measured before and after the cold runs and averaged: on a shared or
        # virtual machine the speed drifts, and a ratio should not depend on which side it fell.
        sample = min(arguments.baseline_sample, n)
        before, baseline_found = baseline(corpus, sample)
        cold_one, peak_one, out_one = run(["list", str(corpus), "--format", "jsonl", "-j", "1"], root / "c1")
        cold_all, peak_all, out_all = run(["list", str(corpus), "--format", "jsonl", "-j", str(cores)], root / "c2")
        after, _ = baseline(corpus, sample)
        per_article = (before + after) / 2
        base_rate = 1 / per_article
        warm, peak_warm, out_warm = run(["list", str(corpus), "--format", "jsonl"], root / "c2")
        dates_time, _, out_dates = run(["dates", str(corpus), "--format", "jsonl"], root / "c4")
        start = startup(root / "c3")
    identical = out_one == out_all == out_warm
    rows = [
        (
            "search_dates (baseline, 1 core)",
            f"{base_rate:,.1f} articles/s",
            "1.0×",
            f"{baseline_found} matches; {1 / before:,.1f} before, {1 / after:,.1f} after the cold runs",
        ),
        (
            "cold extraction, 1 job",
            f"{n / cold_one:,.1f} articles/s, {megabytes / cold_one:.2f} MB/s",
            f"{(n / cold_one) / base_rate:.1f}×",
            f"peak {peak_one / 1024:.0f} MB",
        ),
        (
            f"cold extraction, {cores} jobs",
            f"{n / cold_all:,.1f} articles/s, {megabytes / cold_all:.2f} MB/s",
            f"{(n / cold_all) / base_rate:.1f}×",
            f"peak {peak_all / 1024:.0f} MB (main process)",
        ),
        ("warm list (cache)", f"{warm:.2f} s", f"{warm / cold_all:.2f} of cold", f"peak {peak_warm / 1024:.0f} MB"),
        (
            "timeline dates (date engine alone, 1 core)",
            f"{n / dates_time:,.1f} articles/s",
            f"{(n / dates_time) / base_rate:.1f}×",
            f"{len(out_dates.splitlines()) / n:.0f} expressions an article",
        ),
        ("timeline --version", f"{start * 1000:.0f} ms", "", ""),
    ]
    print(
        f"{n} articles, {megabytes:.1f} MB; baseline over {min(arguments.baseline_sample, n)} of them; "
        f"outputs identical: {identical}; {len(out_one.splitlines())} events\n"
    )
    print("| measure | result | ratio | notes |\n|---|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    print(
        json.dumps(
            {
                "articles": n,
                "cold_1": cold_one,
                "cold_all": cold_all,
                "warm": warm,
                "dates": dates_time,
                "baseline_per_article": per_article,
                "baseline_before_after": [before, after],
                "startup": start,
                "identical": identical,
            }
        ),
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
