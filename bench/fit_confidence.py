#!/usr/bin/env python3
"""Fit the confidence model (`resources/en/confidence.toml`) on the annotated articles a developer studies.

    python bench/fit_confidence.py [--eval ../shared/eval] [--salt S] [--write]

Each event extracted from the studied half of the second development set (split by a hash of the
file name, as `dev_scores.py` splits it) is labelled 1 when the scorer's
matching finds it with the gold date, else 0. A logistic regression with an L2 penalty is fitted by
gradient descent on the features `confidence.py` defines. Prints how often events at or above 0.8
and 0.9 are right on the fitted part and on the half only measured; `--write` stores the weights.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import math
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

from sinorus_timeline import confidence
from sinorus_timeline.corpus import Corpus, Options, iter_documents
from sinorus_timeline.extract import extract_with_features

HERE = Path(__file__).resolve().parent.parent
Row = tuple[dict[str, float], int]


def studied(name: str, salt: str) -> bool:
    return int(hashlib.sha256((salt + name).encode()).hexdigest(), 16) % 2 == 0


def labelled(score: Any, gold: list[dict[str, Any]], paths: list[Path]) -> list[Row]:
    """(features, right) for every event of the articles, right by the scorer's own pairing."""
    by_file: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in gold:
        by_file[row["file"]].append(row)
    rows: list[Row] = []
    for document in iter_documents([str(p) for p in paths], Options(), Corpus()):
        found = extract_with_features(document)
        right = _pair(score, by_file[document.file], [event for event, _ in found])
        rows += [(features, int(index in right)) for index, (_, features) in enumerate(found)]
    return rows


def _pair(score: Any, golds: list[dict[str, Any]], events: list[Any]) -> set[int]:
    """The indices of the events the scorer matches to a gold row with the gold date."""
    pairs = []
    for gi, g in enumerate(golds):
        accepted = {g.get("date")} | set(g.get("date_alt", []))
        for pi, event in enumerate(events):
            if score.family(event.type.value) != score.family(g["type"]):
                continue
            sentence = score.same_sentence(event.sources[0].evidence, g["evidence"])
            exact = (str(event.date) if event.date else None) in accepted
            if sentence or exact:
                weight = 2 * exact + sentence + (event.type.value == g["type"]) + 10 * (not g.get("optional"))
                pairs.append((weight, gi, pi, exact))
    used_g: set[int] = set()
    used_p: set[int] = set()
    right = set()
    for _, gi, pi, exact in sorted(pairs, key=lambda t: (-t[0], t[1], t[2])):
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            if exact:
                right.add(pi)
    return right


def fit(rows: list[Row], penalty: float = 1.0, steps: int = 4000, rate: float = 0.1) -> dict[str, float]:
    """Logistic regression by gradient descent; the bias is not penalised."""
    names = list(confidence.FEATURES)
    weights = dict.fromkeys(names, 0.0)
    for _ in range(steps):
        gradient = dict.fromkeys(names, 0.0)
        for features, label in rows:
            error = _sigmoid(sum(weights[n] * features[n] for n in names)) - label
            for name in names:
                gradient[name] += error * features[name]
        for name in names:
            shrink = 0.0 if name == "bias" else penalty * weights[name]
            weights[name] -= rate * (gradient[name] + shrink) / len(rows)
    return {name: round(value, 3) for name, value in weights.items()}


def _sigmoid(x: float) -> float:
    return 1 / (1 + math.exp(-x))


def calibration(rows: list[Row], weights: dict[str, float]) -> str:
    parts = []
    for floor in (0.9, 0.8, 0.5):
        kept = [
            label for features, label in rows if _sigmoid(sum(weights[n] * v for n, v in features.items())) >= floor
        ]
        parts.append(f">={floor}: {sum(kept) / len(kept) if kept else 0:.2f} of {len(kept)}")
    return ", ".join(parts) + f" (all: {sum(label for _, label in rows) / len(rows):.2f} of {len(rows)})"


def write(weights: dict[str, float], count: int) -> None:
    lines = [
        "# Weights of the confidence model (confidence.py): the log-odds that an event is right and rightly",
        f"# dated. Fitted by bench/fit_confidence.py on {count} events of studied annotated articles",
        f"# ({dt.date.today().isoformat()}); fit again after changing the extractor.",
        "",
        "[weight]",
        *(f"{name} = {value}" for name, value in weights.items()),
    ]
    (HERE / "src" / "sinorus_timeline" / "resources" / "en" / "confidence.toml").write_text("\n".join(lines) + "\n")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval", type=Path, default=HERE.parent / "shared" / "eval")
    parser.add_argument("--salt", default="")
    parser.add_argument("--write", action="store_true", help="store the fitted weights")
    parser.add_argument("--also", type=Path, action="append", default=[], help="another studied set to fit on")
    parser.add_argument("--measure", type=Path, action="append", default=[], help="a set only to measure on")
    options = parser.parse_args()
    sys.path.insert(0, str(options.eval))
    import score  # type: ignore[import-not-found]

    dev2 = sorted((options.eval / "dev2" / "articles").glob("*.txt"))
    gold = [
        *score.load(str(options.eval / "seeds.gold.jsonl")),
        *score.load(str(options.eval / "dev" / "gold.jsonl")),
        *score.load(str(options.eval / "dev2" / "gold.jsonl")),
    ]
    # only the second set: the seeds and the first set were tuned on, and would teach it to be too sure
    fitted_on = [p for p in dev2 if studied(p.name, options.salt)]
    train = labelled(score, gold, fitted_on)
    held = labelled(score, gold, [p for p in dev2 if not studied(p.name, options.salt)])
    for folder in options.also:
        train += labelled(score, score.load(str(folder / "gold.jsonl")), sorted((folder / "articles").glob("*.txt")))
    weights = fit(train)
    print("weights:", weights)
    print("studied  ", calibration(train, weights))
    print("other half", calibration(held, weights))
    for folder in options.measure:
        rows = labelled(score, score.load(str(folder / "gold.jsonl")), sorted((folder / "articles").glob("*.txt")))
        print(f"{folder.name:<10}", calibration(rows, weights))
    if options.write:
        write(weights, len(train))
    return 0


if __name__ == "__main__":
    sys.exit(main())
