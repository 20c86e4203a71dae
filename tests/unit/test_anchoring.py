"""Choosing a trigger's date among the dates of its sentence: the cases, the model file, the ablation."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from types import ModuleType

import pytest

from sinorus_timeline import anchoring, scoring
from sinorus_timeline.documents import make_document
from sinorus_timeline.extract import extract
from sinorus_timeline.models import PartialDate

# (what the case shows, publication date, text, (type, date) of each event). Each feature and veto
# of `resources/en/anchoring.toml` is named by at least one case that fails when it is switched off.
Outcome = Callable[[str, str], list[tuple[str, str | None]]]
BrokenBy = Callable[[ModuleType, object, list[tuple[str, str, str, list[tuple[str, str | None]]]]], list[str]]

CASES: list[tuple[str, str, str, list[tuple[str, str | None]]]] = [
    (
        "of_the_conjunct_before",
        "2020-04-20",
        "Xi Jinping will hold talks with Vladimir Putin on May 8 and the anniversary celebrations in the Russian "
        "capital with thousands of veterans on May 9.",
        [("anniversary", "2020-05-09"), ("meeting", "2020-05-08")],
    ),
    (
        "characters",
        "2023-03-23",
        "On Monday the weather turned cold in Moscow and Xi Jinping met Vladimir Putin in the Kremlin on Tuesday.",
        [("meeting", "2023-03-21")],
    ),
    (
        "clauses_between",
        "2019-05-10",
        "Ties had warmed by 2018, and Xi Jinping met Vladimir Putin in Beijing in late April 2019.",
        [("meeting", "2019-04")],
    ),
    (
        "clauses_between",
        "2017-07-10",
        "Relations had cooled by 2016; Xi Jinping then held talks with Vladimir Putin in Moscow in early July.",
        [("meeting", "2017-07")],
    ),
    (
        "statement_date",
        "2023-03-25",
        "At Tuesday's press briefing the spokesman praised the talks between Xi Jinping and Vladimir Putin held in "
        "Moscow in March.",
        [("meeting", "2023-03")],
    ),
    (
        "clauses_between",
        "2023-03-25",
        "The Kremlin said on Friday Xi Jinping had met Vladimir Putin at a dinner in the Kremlin in March.",
        [("meeting", "2023-03")],
    ),
    (
        "tenses_disagree",
        "2015-07-08",
        "Xi Jinping held talks with Vladimir Putin in Ufa on Monday and Narendra Modi is expected to visit Moscow.",
        [("meeting", "2015-07-06"), ("visit", None)],
    ),
    (
        "time_of_writing",
        "2023-10-19",
        "Putin is now on a state visit to China that began on Tuesday.",
        [("visit", "2023-10-17")],
    ),
    (
        "refers_back",
        "2023-10-19",
        "Putin arrived in Beijing on Tuesday for a state visit.\n\nAsked about Putin's visit, the spokesman said that "
        "relations between the two countries had grown much stronger in trade and energy this year.",
        [("visit", "2023-10-17")],
    ),
    (
        "ahead_of_a_perfect",
        "2017-07-04",
        "Rosneft and Sinopec have just signed an agreement on the first oil deliveries in December 2019.",
        [("agreement", "2017-07-04")],
    ),
    (
        "closes_a_name",
        "2023-03-23",
        "Xi Jinping and Vladimir Putin attended the Vision 2030 forum in Moscow on Tuesday.",
        [("forum", "2023-03-21")],
    ),
    (
        "comparison_baseline",
        "2020-04-17",
        "In the first quarter of this year, trade between China and Russia increased by 3.4 percent over the same "
        "period last year.",
        [("trade", "2020-01")],
    ),
    (
        "comparison_baseline",
        "2020-04-17",
        "Trade between China and Russia grew by 3.4 percent over last year to 25 billion dollars in the first "
        "quarter of this year.",
        [("trade", "2020-01")],
    ),
    (
        "in_an_opening_clause",
        "2018-04-03",
        "Stepping into office last month, the new envoy praised Xi Jinping's trip to Moscow.",
        [("visit", None)],
    ),
    (
        "in_a_purpose",
        "2013-03-20",
        "On Dec 31, 2006, Hu Jintao and Vladimir Putin exchanged messages to celebrate the new year of 2007.",
        [("diplomatic", "2006-12-31")],
    ),
    (
        "reach",
        "2023-03-22",
        "Xi Jinping met Vladimir Putin in the Kremlin and they talked at length about energy, trade, security in "
        "Central Asia, the war in Ukraine, cooperation in space and the Arctic, the price of grain and fertiliser, "
        "the railway across Mongolia, and the gas pipeline whose first section was finished in 2019.",
        [("meeting", None)],
    ),
    (
        "document_date",
        "2023-03-22",
        "MOSCOW, March 22 (Reuters) - Xi Jinping held talks with Vladimir Putin in the Kremlin in the first "
        "meeting of the two leaders since last September.",
        [("meeting", None)],
    ),
    (
        "tenses_disagree",
        "2023-03-16",
        "Xi Jinping will visit Moscow, an aide to the Chinese leader said on Wednesday.",
        [("visit", None)],
    ),
    (
        "event_between",
        "2023-10-18",
        "Putin travelled to Beijing after Xi Jinping was re-elected as president in March.",
        [("election", "2023-03"), ("visit", None)],
    ),
    (
        "later_event_of_its_own",
        "2019-06-03",
        "Xi Jinping will make a state visit to Russia that will see him attend the economic forum in St Petersburg on "
        "Friday.",
        [("forum", "2019-06-07"), ("visit", None)],
    ),
    (
        "tenses_disagree",
        "2023-10-16",
        "Putin began a visit to Beijing that will see him attend a forum of Asian leaders on Wednesday.",
        [("forum", "2023-10-18"), ("visit", None)],
    ),
    (
        "aside",
        "2023-03-22",
        "The treaty (whose first draft dates from 1996) was signed by Xi Jinping and Vladimir Putin in Moscow.",
        [("agreement", None)],
    ),
    (
        "aside",
        "2023-03-22",
        "Vladimir Putin, who turned 70 in October, held talks with Xi Jinping in Moscow on Tuesday.",
        [("meeting", "2023-03-21")],
    ),
    (
        "aside",  # a clause on the trigger's own word describes it
        "2021-06-28",
        "The principles are set out in this agreement, which Putin signed with Jiang Zemin in 2001.",
        [("agreement", "2001")],
    ),
    (
        "reported_before",
        "2023-03-23",
        "Xi Jinping met Vladimir Putin in Moscow on Tuesday.\n\n"
        "During the talks, they praised the progress made in 2022.",
        [("meeting", "2023-03-21")],
    ),
    (
        "opens_a_name",
        "2022-12-30",
        "Xi Jinping and Vladimir Putin held a video call, closing the 2022-2023 Sports Exchange Year.",
        [("call", None)],
    ),
    (
        "names_what_is_acted_on",
        "2021-06-29",
        "On Monday, Xi Jinping and Vladimir Putin agreed on the renewal of the 2001 friendship treaty by video link.",
        [("agreement", "2021-06-28"), ("call", "2021-06-28")],
    ),
    (
        "marks_an_anniversary",
        "2019-06-06",
        "Xi Jinping and Vladimir Putin met in Moscow, and this year marks the 70th anniversary of diplomatic ties.",
        [("anniversary", "2019"), ("meeting", None)],
    ),
    (
        "starts_a_period",
        "2022-09-16",
        "Xi Jinping held talks with Vladimir Putin in Samarkand, their first meeting since the war in Ukraine "
        "began in February.",
        [("meeting", None)],
    ),
    (
        "bounds_a_period",
        "2023-03-22",
        "Xi Jinping held talks with Vladimir Putin, his partner since 2013, in the Kremlin.",
        [("meeting", None)],
    ),
    (
        "bounds_a_period",
        "2018-09-12",
        "Xi Jinping was the first Chinese leader to attend the economic forum since its debut in 2015, and he spoke "
        "there on Tuesday.",
        [("forum", "2018-09-11")],
    ),
]


@pytest.mark.parametrize(("shows", "pub", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_case(shows: str, pub: str, text: str, expected: list[tuple[str, str | None]], outcome: Outcome) -> None:
    assert outcome(pub, text) == sorted(expected, key=str)


def _switched_off(name: str) -> scoring.Model:
    base = anchoring.model()
    return dataclasses.replace(base, reach=float("inf")) if name == "reach" else base.without(name)


_NAMES = ["reach", *anchoring.FEATURES, *anchoring.VETOES]


@pytest.mark.parametrize("name", _NAMES)
def test_every_feature_and_veto_earns_its_place(name: str, broken_by: BrokenBy) -> None:
    """Switched off, each one breaks a written case: none is dead weight or shadowed by another."""
    assert broken_by(anchoring, _switched_off(name), CASES), f"switching off {name} changes no case"


def test_every_name_has_a_case() -> None:
    assert {c[0] for c in CASES} == set(_NAMES)


def test_the_resolution_says_why_the_date_won() -> None:
    document = make_document(
        b"The Kremlin said on Friday that Xi Jinping met Vladimir Putin in Moscow in March.",
        "case.txt",
        option=PartialDate.parse("2023-03-25"),
    )
    (event,) = extract(document)
    assert event.sources[0].resolution == (
        "'March' resolved against the publication date; the date of its sentence that fits best "
        "(29 characters away), over 'Friday' (17 characters away, in a clause 1 away, the date of a statement)"
    )


def test_a_which_clause_on_the_event_itself_dates_it(outcome: Outcome) -> None:
    """Neither an aside nor a reference back: the clause tells when the meeting takes place."""
    text = (
        "Li Keqiang expects that following the meeting of the two prime ministers, which will be held in Beijing "
        "on December 17, several agreements will be signed."
    )
    assert outcome("2015-12-10", text) == [("agreement", "2015-12-17"), ("meeting", "2015-12-17")]
    text = "Xi Jinping and Vladimir Putin signed a joint statement, which was published on Friday."
    assert outcome("2024-05-20", text) == [("agreement", None)]
