"""How sure an event is: a logistic model over how it was found and dated.

Confidence is the chance that the event is one an analyst would chart and that its date is right.
The features say how the trigger was found (its rule's own confidence), where the date came from
(its sentence, the reference data, a chronology's date line, the narrative around, the publication
day, nowhere), how precise it is, whether it is a plan, and what weighs against it. The weights live
in `resources/en/confidence.toml`, fitted on the annotated articles by `bench/fit_confidence.py`, and
are checked at load against the features defined here.
"""

from __future__ import annotations

import math
import tomllib
from collections.abc import Callable
from functools import cache

from pydantic import BaseModel, ConfigDict, ValidationError

from .dating import Candidate
from .errors import RulesError
from .models import EventType, Status
from .rules import read_resource


def _dated_by(how: str) -> Callable[[Candidate], float]:
    return lambda c: float(c.origin is None and c.dated_by == how)


def _origin(source: str) -> Callable[[Candidate], float]:
    return lambda c: float(c.origin == source)


def _precision(level: str) -> Callable[[Candidate], float]:
    return lambda c: float(c.date is not None and c.date.precision == level)


def _family(*kinds: EventType) -> Callable[[Candidate], float]:
    return lambda c: float(c.kind in kinds)


FEATURES: dict[str, Callable[[Candidate], float]] = {
    "bias": lambda c: 1.0,
    "rule": lambda c: c.confidence,
    "in_its_sentence": _dated_by("text"),
    "reference_data": _dated_by("reference"),
    "count_as_of_publication": _dated_by("publication"),
    "referred_event": _origin("referred_event"),
    "sentence_event": _origin("sentence_event"),
    "narrative_event": _origin("narrative_event"),
    "narrative_date": _origin("narrative_date"),
    "block_date": _origin("block_date"),
    "publication_day": _origin("publication_day"),
    "lead_day": _origin("lead_day"),
    "day": _precision("day"),
    "month": _precision("month"),
    "year": _precision("year"),
    "planned": lambda c: float(c.status == Status.PLANNED),
    "two_participants": lambda c: float(len(c.participants) >= 2),
    "told_again": lambda c: float(c.mentions >= 2),
    "gathering": _family(EventType.SUMMIT, EventType.FORUM),
    "encounter": _family(EventType.VISIT, EventType.MEETING, EventType.CALL),
    "agreement": _family(EventType.AGREEMENT),
    "anniversary": _family(EventType.ANNIVERSARY),
    "trade": _family(EventType.TRADE),
    "meeting_count": _family(EventType.MEETING_COUNT),
    "disagrees_with_reference": lambda c: float("disagrees_with_reference" in c.doubts),
    "edition_by_city": lambda c: float("edition_by_city" in c.doubts),
}


class _Weights(BaseModel):
    model_config = ConfigDict(extra="forbid")
    weight: dict[str, float]


def parse_weights(raw: dict[str, object], name: str = "confidence.toml") -> dict[str, float]:
    """The weights of a parsed file; a missing or unknown feature fails naming it."""
    try:
        weights = _Weights.model_validate(raw).weight
    except ValidationError as error:
        raise RulesError(f"rules file {name} is invalid: {error}") from error
    if set(weights) != set(FEATURES):
        unknown, missing = sorted(set(weights) - set(FEATURES)), sorted(set(FEATURES) - set(weights))
        raise RulesError(f"rules file {name}: feature names unknown {unknown}, missing {missing}")
    return weights


@cache
def weights() -> dict[str, float]:
    """The weights of `resources/en/confidence.toml`."""
    try:
        raw = tomllib.loads(read_resource("confidence.toml"))
    except tomllib.TOMLDecodeError as error:
        raise RulesError(f"rules file confidence.toml is invalid: {error}") from error
    return parse_weights(raw)


def features(candidate: Candidate) -> dict[str, float]:
    """The value of every feature for one event."""
    return {name: feature(candidate) for name, feature in FEATURES.items()}


@cache
def _weighted() -> tuple[tuple[float, Callable[[Candidate], float]], ...]:
    """The features with a weight other than nothing, each beside its weight (asked for per event)."""
    given = weights()
    return tuple((given[name], feature) for name, feature in FEATURES.items() if given[name])


def confidence(candidate: Candidate) -> float:
    """The modelled chance, between 0.05 and 0.99, that the event is right and rightly dated."""
    score = sum(weight * feature(candidate) for weight, feature in _weighted())
    return round(min(0.99, max(0.05, 1 / (1 + math.exp(-score)))), 2)
