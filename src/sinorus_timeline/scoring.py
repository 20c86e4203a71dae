"""The scored-candidate models of `resources/en/anchoring.toml`: one strict loader for both stages.

Each stage ("sentence", "context") has a reach, base costs for its kinds of origin, weighted
features and vetoes. A table must name exactly the features, vetoes and origins its stage defines:
an unknown, missing or misspelt name fails at load, naming the file and the entry.
"""

from __future__ import annotations

import tomllib
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .errors import RulesError
from .rules import read_resource


class _Feature(BaseModel):
    model_config = ConfigDict(extra="forbid")
    why: str
    weight: float


class _Veto(BaseModel):
    model_config = ConfigDict(extra="forbid")
    why: str
    enabled: bool = True


class _AnchoringFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    reach: float
    origin: dict[str, _Feature] = Field(default_factory=dict)
    feature: dict[str, _Feature]
    veto: dict[str, _Veto]


@dataclass(frozen=True)
class Model:
    """The weights of the features, the vetoes that apply, and the most cost a date may have."""

    reach: float
    weights: dict[str, float]
    vetoes: tuple[str, ...]
    origins: dict[str, float] = field(default_factory=dict)  # kinds of candidate, with their base costs

    def without(self, name: str) -> Model:
        """The model with one feature weighed at nothing, one veto switched off or one kind of
        origin left unused (for ablation)."""
        weights = {k: (0.0 if k == name else w) for k, w in self.weights.items()}
        origins = {k: w for k, w in self.origins.items() if k != name}
        return Model(self.reach, weights, tuple(v for v in self.vetoes if v != name), origins)


_STAGES = ("sentence", "context")


def parse_model(
    raw: dict[str, Any],
    features: Mapping[str, object],
    vetoes: Mapping[str, object],
    where: str,
    origins: Collection[str] = (),
) -> Model:
    """A model from one parsed table; unknown, missing or misspelt names fail naming the entry."""
    try:
        table = _AnchoringFile.model_validate(raw)
    except ValidationError as error:
        raise RulesError(f"rules file {where} is invalid: {error}") from error
    tables = (("origin", table.origin, origins), ("feature", table.feature, features), ("veto", table.veto, vetoes))
    for kind, given, known in tables:
        if set(given) != set(known):
            unknown, missing = sorted(set(given) - set(known)), sorted(set(known) - set(given))
            raise RulesError(f"rules file {where}: {kind} names unknown {unknown}, missing {missing}")
    weights = {key: entry.weight for key, entry in table.feature.items()}
    vetoed = tuple(key for key, entry in table.veto.items() if entry.enabled)
    return Model(table.reach, weights, vetoed, {key: entry.weight for key, entry in table.origin.items()})


@cache
def stage_table(stage: str) -> dict[str, Any]:
    """The table of `resources/en/anchoring.toml` for one stage of dating ("sentence", "context")."""
    try:
        raw = tomllib.loads(read_resource("anchoring.toml"))
    except tomllib.TOMLDecodeError as error:
        raise RulesError(f"rules file anchoring.toml is invalid: {error}") from error
    unknown = sorted(set(raw) - set(_STAGES))
    if unknown or stage not in raw:
        raise RulesError(f"rules file anchoring.toml: tables must be {list(_STAGES)}, found {sorted(raw)}")
    table: dict[str, Any] = raw[stage]
    return table
