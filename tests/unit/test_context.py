"""Dating a trigger from around its sentence: the cases, and an ablation of every origin, feature and veto."""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType

import pytest

from sinorus_timeline import context, scoring
from sinorus_timeline.documents import make_document
from sinorus_timeline.errors import RulesError
from sinorus_timeline.extract import extract
from sinorus_timeline.models import PartialDate

# (the origin, feature or veto the case shows, publication date, text, (type, date) of each event)
Outcome = Callable[[str, str], list[tuple[str, str | None]]]
BrokenBy = Callable[[ModuleType, object, list[tuple[str, str, str, list[tuple[str, str | None]]]]], list[str]]

CASES: list[tuple[str, str, str, list[tuple[str, str | None]]]] = [
    (
        "referred_event",
        "2023-10-19",
        "Putin arrived in Beijing on Tuesday for a state visit.\n\n"
        "Officials worked on Wednesday to prepare the documents.\n\n"
        "During the visit, the two sides signed 20 agreements.",
        [("agreement", "2023-10-17"), ("visit", "2023-10-17")],
    ),
    (
        "sentence_event",
        "2023-03-23",
        "On Tuesday Xi Jinping and Vladimir Putin signed a joint statement after talks in the Kremlin.",
        [("agreement", "2023-03-21"), ("meeting", "2023-03-21")],
    ),
    (
        "narrative_event",
        "2017-05-16",
        "Putin left Moscow on Saturday morning.\n\nHe attended the Belt and Road Forum in Beijing.\n\n"
        "He held talks with Xi Jinping.",
        [("forum", "2017-05-14"), ("meeting", "2017-05")],  # some day of the forum's two: its month
    ),
    (
        "narrative_date",
        "2023-10-19",
        "Officials gathered in Beijing on Tuesday.\n\nXi Jinping and Vladimir Putin held talks.",
        [("meeting", "2023-10-17")],
    ),
    (
        "publication_day",
        "2023-10-19",
        "Chinese President Xi Jinping has held talks with Vladimir Putin in Beijing.",
        [("meeting", "2023-10-19")],
    ),
    (
        "lead_day",
        "2017-11-29",
        "Talks in the Kremlin\nNovember 29, 2017, 14:00\n\nVladimir Putin met with Li Keqiang in the Kremlin.\n\n"
        "They discussed trade and energy at length.",
        [("meeting", "2017-11-29")],
    ),
    (
        "not_the_lead",
        "2017-11-29",
        "Talks in the Kremlin\nNovember 29, 2017, 14:00\n\nVladimir Putin will meet with Li Keqiang in the Kremlin.\n\n"
        "Officials described the relations as warm and growing.",
        [("meeting", None)],
    ),
    (
        "publication_year",
        "2019-05-14",
        "Putin said he is looking forward to Xi Jinping's upcoming state visit to Russia.",
        [("visit", "2019")],
    ),
    (
        "not_near_term",
        "2019-05-14",
        "Putin said he is looking forward to a state visit by Xi Jinping to Russia.",
        [("visit", None)],
    ),
    (
        "block_date",
        "2017-07-01",
        "Key moments\n\nJune 8, 2017\nAstana, Kazakhstan\nPutin's working visit\n"
        "May 14, 2017\nBeijing\nPutin's state visit to China\n",
        [("visit", "2017-05-14"), ("visit", "2017-06-08")],
    ),
    (
        "kind_differs",
        "2023-03-23",
        "Xi Jinping held talks with Vladimir Putin in Moscow on Tuesday.\n\n"
        "Putin then spoke by phone with Xi on Wednesday.\n\nDuring the talks, Putin praised the friendship.",
        [("call", "2023-03-22"), ("meeting", "2023-03-21")],
    ),
    (
        "characters_back",
        "2023-10-19",
        "Putin flew to Beijing on Monday.\n\nOn Tuesday, the forum opened.\n\n"
        "Xi Jinping and Vladimir Putin held talks.",
        [("meeting", "2023-10-17"), ("visit", "2023-10-16")],
    ),
    (
        "before_the_block",
        "2017-07-01",
        "Xi Jinping will begin a state visit to Russia on July 3.\n\n"
        "June 25, 2016\nBeijing\nPutin's state visit to China\nSept 3, 2015\nBeijing\nState visit and parade\n",
        [("visit", "2015-09-03"), ("visit", "2016-06-25"), ("visit", "2017-07-03")],
    ),
    (
        "statement_date",
        "2023-03-23",
        "Xi Jinping flew to Moscow for a state visit that began on Monday.\n\n"
        "Relations will grow stronger still, a spokesman said on Wednesday.\n\n"
        "The two leaders held talks in the Kremlin.",
        [("meeting", "2023-03-20"), ("visit", "2023-03-20")],
    ),
    (
        "background_date",
        "2023-10-19",
        "Putin arrived in Beijing on Tuesday for a state visit.\n\n"
        "The two countries signed their friendship treaty in July 2001.\n\nHe held talks with Xi Jinping.",
        [("agreement", "2001-07"), ("meeting", "2023-10-17"), ("visit", "2023-10-17")],
    ),
    (
        "unanchored_narrative",
        "2019-06-20",
        "Xi Jinping attended a regional summit in Dushanbe.\n\nHe then held talks with Putin.",
        [("meeting", None), ("summit", "2019-06-15")],
    ),
    (
        "not_referred",
        "2023-10-19",
        "The forum opened in Beijing on Wednesday.\n\n"
        "Putin praised the gathering in a long speech to the delegates.\n\n"
        "Experts in Moscow saw little that was new in the speeches of the leaders.\n\n"
        "During the visit, the two sides signed 20 agreements.",
        [("forum", "2023-10-18")],
    ),
    (
        "flashback",
        "2016-06-26",
        "Putin arrived in Beijing on Saturday.\n\nThe two leaders had met at the SCO summit in Tashkent.\n\n"
        "During the talks, they signed a joint statement.",
        [
            ("agreement", "2016-06-25"),
            ("meeting", "2016-06-23"),
            ("meeting", "2016-06-25"),
            ("summit", "2016-06-23"),
            ("visit", "2016-06-25"),
        ],
    ),
    (
        "not_a_happening",
        "2023-10-19",
        "The two countries signed a gas deal in 2014, a Russian official said on Monday.\n\n"
        "Xi Jinping held talks with Vladimir Putin in the Kremlin.",
        [("agreement", "2014"), ("meeting", "2023-10-16")],
    ),
    (
        "other_tense",
        "2023-10-16",
        "Putin began a visit to Beijing that will see him attend a forum of Asian leaders on Wednesday.",
        [("forum", "2023-10-18"), ("visit", None)],
    ),
    (
        "lead_day",
        "2021-06-28",
        "BEIJING (Xinhua): During a video call, Xi Jinping and Vladimir Putin discussed the Afghan situation.",
        [("call", "2021-06-28")],
    ),
    (
        "before_or_after_it",
        "2014-11-12",
        "November 9, 2014, Beijing\n\nAhead of the APEC summit, Vladimir Putin met with Xi Jinping.",
        [("meeting", None), ("summit", "2014-11-10")],  # some day before the summit: not its date
    ),
    (
        "own_clause_ahead",
        "2019-06-03",
        "Xi Jinping will make a state visit to Russia that will see him attend the economic forum in St Petersburg on "
        "Friday.",
        [("forum", "2019-06-07"), ("visit", None)],
    ),
    (
        "ahead_of_done",
        "2023-10-19",
        "Xi Jinping and Vladimir Putin will attend a gala on Saturday.\n\nThe two leaders held talks in Beijing.",
        [],
    ),
    (
        "ahead_of_done",
        "2019-04-25",
        "Vladimir Putin has arrived in Beijing to attend a forum of Asian leaders on April 26.",
        [("forum", "2019-04-26"), ("visit", "2019-04-25")],
    ),
    (
        "occasion_day",
        "2021-03-03",
        "MOSCOW, March 3 (Reuters) - Trade between the two countries grew by a tenth.\n\n"
        "The ties are at their best, Sergei Lavrov said at a meeting with Wang Yi.",
        [("meeting", "2021-03-03")],
    ),
    (
        "not_an_occasion",
        "2021-03-03",
        "MOSCOW, March 3 (Reuters) - Trade between the two countries grew by a tenth.\n\n"
        "Sergei Lavrov is expected to meet Wang Yi, his spokeswoman said at a briefing.",
        [("meeting", None)],
    ),
    (
        "not_news",
        "2023-10-19",
        "Xi Jinping has visited Russia since taking office.",
        [("visit", None)],
    ),
    (
        "other_tense",
        "2015-07-08",
        "The BRICS leaders held talks in Ufa on Monday.\n\nXi Jinping will visit Moscow for a state visit.",
        [("meeting", "2015-07-06"), ("visit", None)],
    ),
    (
        "other_tense",
        "2015-07-08",
        "On Monday the BRICS ministers were busy in Ufa.\n\nXi Jinping will visit Moscow for a state visit.",
        [("visit", None)],
    ),
]


@pytest.mark.parametrize(("shows", "pub", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_case(shows: str, pub: str, text: str, expected: list[tuple[str, str | None]], outcome: Outcome) -> None:
    assert outcome(pub, text) == sorted(expected, key=str)


_NAMES = [*context.ORIGINS, *context.FEATURES, *context.VETOES]


@pytest.mark.parametrize("name", _NAMES)
def test_every_origin_feature_and_veto_earns_its_place(name: str, broken_by: BrokenBy) -> None:
    """Left unused or switched off, each one breaks a written case."""
    assert broken_by(context, context.model().without(name), CASES), f"switching off {name} changes no case"


def test_every_name_has_a_case() -> None:
    assert {c[0] for c in CASES} == set(_NAMES)


def test_the_resolution_says_where_the_date_came_from() -> None:
    document = make_document(
        b"Key moments\n\nJune 8, 2017\nAstana\nPutin's working visit\nMay 14, 2017\nBeijing\nPutin's state visit\n",
        "case.txt",
        option=PartialDate.parse("2017-07-01"),
    )
    resolutions = sorted(e.sources[0].resolution or "" for e in extract(document))
    assert resolutions == [
        "no date in the sentence; the date line 'June 8, 2017' heads its block",
        "no date in the sentence; the date line 'May 14, 2017' heads its block",
    ]


def test_the_context_table_names_its_origins() -> None:
    raw = dict(scoring.stage_table("context"))
    raw["origin"] = {k: v for k, v in raw["origin"].items() if k != "block_date"}
    with pytest.raises(RulesError, match=r"origin names unknown \[\], missing \['block_date'\]"):
        scoring.parse_model(raw, context.FEATURES, context.VETOES, "anchoring.toml [context]", context.ORIGINS)


def test_what_happened_during_a_stay_of_several_days_takes_its_month_not_its_first_day(outcome: Outcome) -> None:
    text = "Putin paid a state visit to China on June 8-10.\n\nDuring the visit, the two sides signed 20 agreements."
    assert outcome("2018-06-20", text) == [("agreement", "2018-06"), ("visit", "2018-06-08")]
