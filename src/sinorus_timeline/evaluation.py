"""Scoring extracted events against a user's annotated gold file (one JSON object a line).

A gold row has `file`, `type`, `date` (with optional `date_alt`), `evidence` and optionally
`optional: true`. A prediction matches a gold row of the same file when their types are of the
same kind (summit/forum; visit/meeting/call; diplomatic/founding) and their evidence sentences
share most words or their dates agree. Each row and each prediction is used at most once.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

from .errors import InputError
from .models import Event, EventType, family

_WORD = re.compile(r"[a-z0-9]+")
_OVERLAP = 0.6


@dataclass
class Score:
    """Recall, precision and date accuracy, with the rows behind them."""

    required: int = 0
    predicted: int = 0
    found_required: int = 0
    matched: int = 0
    dates_right: int = 0
    types_right: int = 0
    misses: list[str] = field(default_factory=list)
    false_positives: list[str] = field(default_factory=list)
    wrong_dates: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        """Required gold rows found, over required gold rows."""
        return self.found_required / self.required if self.required else 1.0

    @property
    def precision(self) -> float:
        """Predictions matching a gold row, over all predictions."""
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def date_accuracy(self) -> float:
        """Matched pairs whose date is one the gold row accepts."""
        return self.dates_right / self.matched if self.matched else 0.0

    @property
    def type_accuracy(self) -> float:
        """Matched pairs with exactly the gold type."""
        return self.types_right / self.matched if self.matched else 0.0

    def summary(self) -> dict[str, Any]:
        """The figures as a JSON-ready mapping."""
        return {
            "recall": round(self.recall, 3),
            "precision": round(self.precision, 3),
            "date_accuracy": round(self.date_accuracy, 3),
            "type_accuracy": round(self.type_accuracy, 3),
            "predicted": self.predicted,
            "required": self.required,
            "misses": self.misses,
            "false_positives": self.false_positives,
            "wrong_dates": self.wrong_dates,
        }


def read_gold(text: str, name: str) -> list[dict[str, Any]]:
    """Gold rows from JSON Lines (or one JSON array); a bad line fails naming the line."""
    text = text.strip()
    if not text:
        return []
    try:
        rows = (
            json.loads(text)
            if text.startswith("[")
            else [json.loads(line) for line in text.splitlines() if line.strip()]
        )
    except json.JSONDecodeError as error:
        raise InputError(f"{name}: not JSON Lines (line {error.lineno}: {error.msg})") from error
    for number, row in enumerate(rows, start=1):
        if not isinstance(row, dict) or not {"file", "type", "evidence"} <= set(row):
            raise InputError(f"{name}: row {number} needs file, type and evidence")
    return list(rows)


def _words(text: str) -> set[str]:
    return set(_WORD.findall(text.lower()))


def _same_sentence(a: str, b: str) -> bool:
    first, second = _words(a), _words(b)
    if not first or not second:
        return False
    return len(first & second) / min(len(first), len(second)) >= _OVERLAP


def _kind(name: str) -> str:
    try:
        return family(EventType(name))
    except ValueError:
        return name


def _predictions_by_file(events: list[Event]) -> dict[str, list[dict[str, Any]]]:
    """Each event once per file it cites, with that file's evidence."""
    by_file: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for event in events:
        seen: set[str] = set()
        for source in event.sources:
            name = PurePath(source.file).name
            if name in seen:
                continue
            seen.add(name)
            by_file[name].append(
                {
                    "type": event.type.value,
                    "date": str(event.date) if event.date else None,
                    "evidence": source.evidence,
                    "title": event.title,
                }
            )
    return by_file


def score(gold: list[dict[str, Any]], events: list[Event]) -> Score:
    """Match predictions to gold rows file by file and count what agrees."""
    result = Score(required=sum(1 for row in gold if not row.get("optional")))
    predictions = _predictions_by_file(events)
    gold_by_file: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in gold:
        gold_by_file[PurePath(str(row["file"])).name].append(row)
    for name in sorted(set(gold_by_file) | set(predictions)):
        _score_file(name, gold_by_file.get(name, []), predictions.get(name, []), result)
    return result


def _score_file(name: str, rows: list[dict[str, Any]], preds: list[dict[str, Any]], result: Score) -> None:
    result.predicted += len(preds)
    pairs = []
    for g, row in enumerate(rows):
        accepted = {row.get("date"), *row.get("date_alt", [])}
        for p, pred in enumerate(preds):
            if _kind(pred["type"]) != _kind(str(row["type"])):
                continue
            sentence, date = _same_sentence(pred["evidence"], str(row["evidence"])), pred["date"] in accepted
            if sentence or date:
                weight = 10 * (not row.get("optional")) + 2 * date + sentence + (pred["type"] == row["type"])
                pairs.append((-weight, g, p, date))
    used_rows: set[int] = set()
    used_preds: set[int] = set()
    for _, g, p, date in sorted(pairs):
        if g in used_rows or p in used_preds:
            continue
        used_rows.add(g)
        used_preds.add(p)
        row, pred = rows[g], preds[p]
        result.matched += 1
        result.found_required += not row.get("optional")
        result.dates_right += date
        result.types_right += pred["type"] == row["type"]
        if not date:
            result.wrong_dates.append(
                f"{name}: {row.get('title', row['type'])!r}: gold {row.get('date')} got {pred['date']}"
            )
    for g, row in enumerate(rows):
        if g not in used_rows and not row.get("optional"):
            result.misses.append(f"{name}: {row['type']} {row.get('date')} {row.get('title', '')!r}")
    for p, pred in enumerate(preds):
        if p not in used_preds:
            result.false_positives.append(f"{name}: {pred['type']} {pred['date']} {pred['title']!r}")
