"""The models of both dating stages: one strict loader of `resources/en/anchoring.toml`."""

from __future__ import annotations

from typing import Any

import pytest

from sinorus_timeline import anchoring, context, scoring
from sinorus_timeline.errors import RulesError


def _raw() -> dict[str, Any]:
    return {
        "reach": 200,
        "feature": {name: {"why": "x", "weight": 1} for name in anchoring.FEATURES},
        "veto": {name: {"why": "x"} for name in anchoring.VETOES},
    }


def test_the_model_file_loads_every_name() -> None:
    model = scoring.parse_model(_raw(), anchoring.FEATURES, anchoring.VETOES, "anchoring.toml [sentence]")
    assert set(model.weights) == set(anchoring.FEATURES) and set(model.vetoes) == set(anchoring.VETOES)


@pytest.mark.parametrize(
    ("change", "needle"),
    [
        (lambda raw: raw["feature"].update(closeness={"why": "x", "weight": 1}), "unknown ['closeness']"),
        (lambda raw: raw["veto"].pop("aside"), "missing ['aside']"),
        (lambda raw: raw["feature"]["clauses_between"].update(weight="heavy"), "clauses_between"),
        (lambda raw: raw.update(extra=1), "extra"),
        (lambda raw: raw["veto"]["aside"].update(enabled="maybe"), "aside"),
    ],
    ids=["unknown feature", "missing veto", "weight not a number", "unknown key", "enabled not a boolean"],
)
def test_a_bad_model_file_fails_naming_the_entry(change: Any, needle: str) -> None:
    raw = _raw()
    change(raw)
    with pytest.raises(RulesError, match=r"anchoring\.toml") as error:
        scoring.parse_model(raw, anchoring.FEATURES, anchoring.VETOES, "anchoring.toml [sentence]")
    assert needle in str(error.value)


def test_the_shipped_file_names_every_stage_s_entries() -> None:
    assert set(anchoring.model().weights) == set(anchoring.FEATURES)
    assert set(context.model().origins) == set(context.ORIGINS)


def test_a_veto_switched_off_in_the_file_does_not_apply() -> None:
    raw = _raw()
    raw["veto"]["aside"]["enabled"] = False
    assert (
        "aside"
        not in scoring.parse_model(raw, anchoring.FEATURES, anchoring.VETOES, "anchoring.toml [sentence]").vetoes
    )
