"""Recurring events by edition: series patterns, ordinals and picking the one edition meant."""

from __future__ import annotations

import datetime as dt
import tomllib

import pytest

from sinorus_timeline.knowledge import (
    all_series,
    consecutive_ordinal,
    editions,
    find_edition,
    ordinal_before,
    ordinal_text,
    ordinal_value,
    series_by_id,
    series_in,
)
from sinorus_timeline.models import PartialDate
from sinorus_timeline.rules import read_resource


def test_a_regular_meeting_held_by_video_link_has_no_city() -> None:
    edition = find_edition(["heads_of_government_meeting"], number=26)
    assert edition is not None
    assert edition.start == edition.end == dt.date(2021, 11, 30)
    assert edition.label("regular meeting") == "26th regular meeting (by video link)"


def test_third_belt_and_road_forum() -> None:
    edition = find_edition(["belt_and_road_forum"], number=3)
    assert edition is not None
    assert (edition.start, edition.end) == (dt.date(2023, 10, 17), dt.date(2023, 10, 18))
    assert edition.city == "Beijing"
    assert edition.key == "belt_and_road_forum:2023-10-17"
    assert edition.label("Belt and Road Forum for International Cooperation") == (
        "3rd Belt and Road Forum for International Cooperation (Beijing)"
    )


@pytest.mark.parametrize(
    ("reference", "future", "expected_start"),
    [
        ("2019-01", False, dt.date(2018, 7, 25)),  # the one before the article
        ("2024-01", False, dt.date(2023, 8, 22)),
        ("2023", False, dt.date(2023, 8, 22)),  # a year-precise reference reaches to its end
        ("2017-01", False, None),  # none held there yet
        ("2017-01", True, dt.date(2018, 7, 25)),  # the next one
        ("2019-01", True, dt.date(2023, 8, 22)),
        ("2023-08-23", True, dt.date(2023, 8, 22)),  # under way on the day
        ("2025-01", True, None),
    ],
)
def test_brics_in_johannesburg(reference: str, future: bool, expected_start: dt.date | None) -> None:
    edition = find_edition(["brics_summit"], city="johannesburg", reference=PartialDate.parse(reference), future=future)
    assert (edition.start if edition else None) == expected_start


def test_ambiguous_clues_without_a_reference_give_nothing() -> None:
    assert find_edition(["brics_summit"], city="Johannesburg") is None
    assert find_edition(["brics_summit"], number=99) is None


def test_year_and_city_clues() -> None:
    edition = find_edition(["brics_summit"], city="Johannesburg", year=2018)
    assert edition is not None and edition.number == 10
    sco = find_edition(["sco_summit", "brics_summit"], city="Ufa", year=2015, reference=PartialDate.parse("2015-12"))
    assert sco is not None and sco.start == dt.date(2015, 7, 9)  # the later of the two Ufa summits


def test_editions_table() -> None:
    rows = editions()
    assert rows
    assert all(e.start <= e.end for e in rows)
    known = {s.id for s in all_series()}
    assert {e.series for e in rows} <= known
    parade = [e for e in rows if e.series == "victory_day_parade"]
    assert parade and all(e.number is None for e in parade)
    label = parade[0].label("Victory Day parade in Moscow")
    assert label == f"{parade[0].start.year} Victory Day parade in Moscow (Moscow)"


@pytest.mark.parametrize(
    ("text", "mention", "expected"),
    [
        ("Putin attended the third Belt and Road Forum in Beijing.", "Belt", 3),
        ("the 16th BRICS Summit in Kazan", "BRICS", 16),
        ("The 2nd Belt and Road Forum opened.", "Belt", 2),
        ("the twentieth SCO summit", "SCO", 20),
        ("the third annual Eastern Economic Forum", "Eastern", 3),  # one word may stand between
        ("a forum in Beijing", "forum", None),
        ("the third and most important Belt and Road Forum", "Belt", None),  # too far from the name
    ],
)
def test_ordinal_before(text: str, mention: str, expected: int | None) -> None:
    assert ordinal_before(text, text.index(mention)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Xi attended the forum for the fifth consecutive time.", 5),
        ("He came for the 3rd straight time.", 3),
        ("It was held for the eleventh successive time.", 11),
        ("Putin visited for the first time.", None),
        ("They met a third time in a row.", None),
    ],
)
def test_consecutive_ordinal(text: str, expected: int | None) -> None:
    assert consecutive_ordinal(text) == expected


@pytest.mark.parametrize(
    ("number", "text"),
    [
        (1, "1st"),
        (2, "2nd"),
        (3, "3rd"),
        (4, "4th"),
        (11, "11th"),
        (12, "12th"),
        (13, "13th"),
        (21, "21st"),
        (22, "22nd"),
        (101, "101st"),
        (111, "111th"),
        (112, "112th"),
    ],
)
def test_ordinal_text_and_value(number: int, text: str) -> None:
    assert ordinal_text(number) == text
    assert ordinal_value(text) == number


def test_ordinal_value_words() -> None:
    assert ordinal_value("Third") == 3
    assert ordinal_value("twentieth") == 20
    assert ordinal_value("umpteenth") is None


def _series_examples() -> list[object]:
    data = tomllib.loads(read_resource("series.toml"))
    return [
        pytest.param(entry["id"], example, id=f"{entry['id']}-{number}")
        for entry in data["series"]
        for number, example in enumerate(entry.get("examples", []))
    ]


@pytest.mark.parametrize(("series_id", "example"), _series_examples())
def test_series_examples_match_their_pattern(series_id: str, example: str) -> None:
    assert series_by_id(series_id).pattern.search(example)
    assert series_id in [series.id for series, _ in series_in(example)]


def test_every_series_has_an_example_and_a_known_kind() -> None:
    data = tomllib.loads(read_resource("series.toml"))
    assert [entry["id"] for entry in data["series"] if not entry.get("examples")] == []
    assert {s.kind for s in all_series()} <= {"summit", "forum", "anniversary", "meeting", "visit"}


def test_series_in_orders_mentions() -> None:
    text = "After the SCO summit in Astana, Xi flew home before the BRICS summit in Kazan."
    assert [series.id for series, _ in series_in(text)] == ["sco_summit", "brics_summit"]
    assert series_in("The two leaders spoke about grain.") == []


def test_series_patterns_ignore_case() -> None:
    assert series_in("the eastern economic forum")
    assert series_by_id("spief").pattern.search("at SPIEF this year")


def test_milestones_are_found_by_their_aliases_whatever_the_case() -> None:
    from sinorus_timeline.knowledge import milestone_in

    found = milestone_in("on the 70th anniversary of China-Russia Diplomatic Relations this autumn")
    assert found is not None and found.key == "prc_ussr_diplomatic_relations" and str(found.date) == "1949-10-02"
    assert milestone_in("on the anniversary of their first meeting") is None


def test_a_report_of_the_edition_s_week_speaks_of_it_whatever_its_tense() -> None:
    edition = find_edition(["apec_leaders_meeting"], reference=PartialDate.parse("2014-11-09"))
    assert edition is not None and edition.city == "Beijing"
    # a month says too little of how near: the latest edition before it, as for any past tense
    coarse = find_edition(["apec_leaders_meeting"], reference=PartialDate.parse("2014-11"))
    assert coarse is not None and coarse.city == "Beijing"
    earlier = find_edition(["apec_leaders_meeting"], reference=PartialDate.parse("2014-10-20"))
    assert earlier is not None and earlier.city == "Bali"
