"""The confidence model: its weights file, and what it says of events found in different ways."""

from __future__ import annotations

import pytest

from sinorus_timeline import confidence
from sinorus_timeline.documents import make_document
from sinorus_timeline.errors import RulesError
from sinorus_timeline.extract import extract_with_features
from sinorus_timeline.models import PartialDate


def scored(text: str, pub: str = "2023-03-23") -> list[tuple[str, str | None, float]]:
    document = make_document(text.encode(), "case.txt", option=PartialDate.parse(pub))
    return [(e.type.value, str(e.date) if e.date else None, e.confidence) for e, _ in extract_with_features(document)]


def test_the_weights_file_names_every_feature() -> None:
    assert set(confidence.weights()) == set(confidence.FEATURES)


@pytest.mark.parametrize(
    ("raw", "needle"),
    [
        ({"weight": {"bias": 1.0}}, "missing"),
        ({"weight": {**dict.fromkeys(confidence.FEATURES, 0.0), "luck": 1.0}}, "unknown ['luck']"),
        ({"weight": {**dict.fromkeys(confidence.FEATURES, 0.0), "bias": "high"}}, "bias"),
        ({"weights": {}}, "weight"),
    ],
    ids=["missing", "unknown", "not a number", "wrong table"],
)
def test_a_bad_weights_file_fails_naming_the_entry(raw: dict[str, object], needle: str) -> None:
    with pytest.raises(RulesError, match=r"confidence\.toml") as error:
        confidence.parse_weights(raw)
    assert needle in str(error.value)


def test_a_date_read_in_the_sentence_is_surer_than_none() -> None:
    (dated,) = scored("Xi Jinping held talks with Vladimir Putin in the Kremlin on Tuesday.")
    (undated,) = scored("Officials spoke of the ties.\n\nXi Jinping held talks with Vladimir Putin in the Kremlin.")
    assert dated[1] == "2023-03-21" and undated[1] is None
    assert dated[2] > undated[2]


def test_a_day_is_surer_than_a_year() -> None:
    (day,) = scored("Xi Jinping held talks with Vladimir Putin in the Kremlin on Tuesday.")
    (year,) = scored("Xi Jinping held talks with Vladimir Putin in the Kremlin this year.")
    assert (day[1], year[1]) == ("2023-03-21", "2023")
    assert year[2] < day[2]


def test_confidence_stays_between_the_bounds() -> None:
    events = scored("Xi Jinping held talks with Vladimir Putin on Tuesday and they signed 14 agreements.")
    assert events and all(0.05 <= c <= 0.99 for _, _, c in events)
