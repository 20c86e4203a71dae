#!/usr/bin/env python3
"""Score the extractor on the annotated corpora, with the second development set in two halves.

    python bench/dev_scores.py [--eval ../shared/eval] [--salt S] [--show studied|measured]

Runs `timeline extract` on the seeds and the first development set and `timeline list` on the second
(as the team measures them), then scores each with the eval folder's `score.py`. The second set is
split by a hash of each file name (and the salt, to rotate the split): rules are studied on one half
and only measured on the other, so a gap between the two says a rule fits sentences, not language.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent.parent


def half(name: str, salt: str) -> str:
    """'studied' or 'measured': a stable split by file name."""
    digest = hashlib.sha256((salt + name).encode()).hexdigest()
    return "studied" if int(digest, 16) % 2 == 0 else "measured"


def run(args: list[str]) -> list[dict[str, Any]]:
    """The events `timeline ARGS --format jsonl` prints."""
    with tempfile.TemporaryDirectory() as cache:
        out = subprocess.run(
            [sys.executable, "-m", "sinorus_timeline", *args, "--format", "jsonl"],
            capture_output=True,
            text=True,
            check=True,
            env={"TIMELINE_CACHE_DIR": cache, "PATH": "/usr/bin:/bin"},
        ).stdout
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def part(gold: list[dict[str, Any]], pred: list[dict[str, Any]], side: str, salt: str) -> tuple[list[Any], list[Any]]:
    """The gold rows and the predictions' sources of one half."""
    golds = [g for g in gold if half(g["file"], salt) == side]
    preds = []
    for event in pred:
        keep = [s for s in event.get("sources", []) if half(str(s.get("file", "")).rsplit("/", 1)[-1], salt) == side]
        if keep:
            preds.append({**event, "sources": keep})
    return golds, preds


def right_dates(score: Any, gold: list[dict[str, Any]], pred: list[dict[str, Any]]) -> list[tuple[float, bool]]:
    """(confidence, found with the right date) for each prediction, by the scorer's own matching:
    a prediction is right when its best match has the gold date."""
    right = []
    for index, event in enumerate(pred):
        alone = pred[:index] + pred[index + 1 :]
        with_it, without_it = score.score(gold, pred), score.score(gold, alone)
        matched_more = with_it["predicted"] - len(with_it["false_positives"]) > without_it["predicted"] - len(
            without_it["false_positives"]
        )
        dated_more = len(with_it["wrong_dates"]) <= len(without_it["wrong_dates"])
        right.append((float(event.get("confidence", 0.0)), matched_more and dated_more))
    return right


def calibration(pairs: list[tuple[float, bool]]) -> str:
    """How often events at or above each confidence are found with the right date."""
    parts = []
    for floor in (0.9, 0.8, 0.0):
        kept = [ok for confidence, ok in pairs if confidence >= floor]
        share = sum(kept) / len(kept) if kept else 0.0
        parts.append(f">={floor:.1f}: {share:.2f} of {len(kept)}")

    return "right date at confidence " + ", ".join(parts)


def line(label: str, result: dict[str, Any]) -> str:
    keys = ("recall", "precision", "f1", "date_accuracy", "people_f1", "place_accuracy", "rows_per_happening")
    return f"{label:<16}" + "  ".join(f"{k.split('_')[0]} {result[k]:.3f}" for k in keys)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval", type=Path, default=HERE.parent / "shared" / "eval")
    parser.add_argument("--salt", default="", help="rotates the split of the second set")
    parser.add_argument("--show", choices=["studied", "measured"], help="list the misses of one half")
    parser.add_argument("--calibration", action="store_true", help="how often confident events are right")
    parser.add_argument(
        "--also", type=Path, action="append", default=[], help="another annotated set (DIR/articles, DIR/gold.jsonl)"
    )
    options = parser.parse_args()
    sys.path.insert(0, str(options.eval))
    import score  # type: ignore[import-not-found]

    seeds = run(["extract", *map(str, sorted((HERE / "seeds").glob("*.txt")))])
    print(line("seeds", score.score(score.load(str(options.eval / "seeds.gold.jsonl")), seeds)))
    dev = run(["extract", *map(str, sorted((options.eval / "dev" / "articles").glob("*.txt")))])
    print(line("dev", score.score(score.load(str(options.eval / "dev" / "gold.jsonl")), dev)))
    gold = score.load(str(options.eval / "dev2" / "gold.jsonl"))
    pred = run(["list", str(options.eval / "dev2" / "articles")])
    print(line("dev2", score.score(gold, pred)))
    for side in ("studied", "measured"):
        golds, preds = part(gold, pred, side, options.salt)
        result = score.score(golds, preds)
        print(line(f"dev2 {side}", result))
        if options.calibration:
            print(f"{'':16}{calibration(right_dates(score, golds, preds))}")
        if options.show == side:
            for key in ("misses", "false_positives", "wrong_dates"):
                for entry in result[key]:
                    print(f"  {key}: {entry}")
    for folder in options.also:
        golds = score.load(str(folder / "gold.jsonl"))
        preds = run(["list", str(folder / "articles")])
        print(line(folder.name, score.score(golds, preds)))
        if options.calibration:
            print(f"{'':16}{calibration(right_dates(score, golds, preds))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
