"""Events read from short articles: type, date, status and evidence."""

from __future__ import annotations

import re
from typing import Any

import pytest

from sinorus_timeline.documents import make_document
from sinorus_timeline.extract import extract
from sinorus_timeline.models import Document, Event, EventType, PartialDate, Status
from sinorus_timeline.rules import load_rules

M = EventType


def document(text: str, pub: str | None) -> Document:
    return make_document(text.encode(), "case.txt", option=PartialDate.parse(pub) if pub else None)


def events_of(text: str, pub: str | None) -> list[Event]:
    return extract(document(text, pub))


def _in_order(rows: Any) -> list[tuple[str, str | None]]:
    return sorted(rows, key=lambda row: (row[0], row[1] or ""))  # an undated event first


def pairs(events: list[Event]) -> list[tuple[str, str | None]]:
    return _in_order((e.type.value, str(e.date) if e.date else None) for e in events)


def case(pub: str, text: str, expected: list[tuple[EventType, str | None]], *, xfail: str | None = None) -> Any:
    marks = [pytest.mark.xfail(reason=xfail, strict=True)] if xfail else []
    return pytest.param(pub, text, expected, marks=marks, id=text[:48])


CASES = [
    # "The Nth anniversary of" a dated event falls N years on; a celebration's own day stays.
    case(
        "2021-06-29",
        "The treaty was signed in Moscow on July 16, 2001 by Jiang Zemin and Vladimir Putin. Officials in "
        "Beijing are preparing a gala to mark the 20th anniversary of the treaty.",
        [(M.AGREEMENT, "2001-07-16"), (M.ANNIVERSARY, "2021-07-16")],
    ),
    case(
        "2019-06-06",
        "Xi Jinping and Vladimir Putin attended a gala in Moscow on Wednesday to celebrate the 70th "
        "anniversary of diplomatic ties.",
        [(M.ANNIVERSARY, "2019-06-05")],
    ),
    # Talks held where a signing is dated share its day; a third term secured is an election.
    case(
        "2023-03-22",
        "Putin and Xi on Tuesday signed two joint statements after talks in the Kremlin.",
        [(M.AGREEMENT, "2023-03-21"), (M.MEETING, "2023-03-21")],
    ),
    case(
        "2023-03-22",
        "Xi Jinping secured an unprecedented third term as president earlier this month.",
        [(M.ELECTION, "2023-03")],
    ),
    # History told in passing between the news and an undated sentence does not date it.
    case(
        "2021-06-29",
        "Xi Jinping and Vladimir Putin held a video conference on Monday and agreed to extend the treaty. The "
        "treaty, signed on July 16, 2001, laid the legal foundation for relations. The two leaders also "
        "issued a joint statement.",
        [(M.AGREEMENT, "2021-06-28"), (M.CALL, "2021-06-28")],
    ),
    # Many visits counted are no one visit; a summit's host city may come before its name.
    case(
        "2024-02-10",
        "Since 2013, Xi Jinping has visited Russia eight times, more than any other country.",
        [],
    ),
    case(
        "2024-02-10",
        "Putin's 2018 visit to Qingdao for the SCO summit was followed by Xi's trip to Vladivostok for the "
        "Eastern Economic Forum that September.",
        [(M.FORUM, "2018-09"), (M.SUMMIT, "2018-06-09"), (M.VISIT, "2018"), (M.VISIT, "2018-09")],
    ),
    # "Their third meeting this year" is a count of this year's meetings as of the report, not another
    # meeting; the dated meeting stays.
    case(
        "2024-10-23",
        "Putin and Xi met in Kazan on Tuesday. It was their third meeting this year.",
        [(M.MEETING, "2024-10-22"), (M.MEETING_COUNT, "2024-10-23")],
    ),
    case(
        "2022-11-16",
        "Putin and Xi held their first in-person meeting since the pandemic in February 2022.",
        [(M.MEETING, "2022-02")],
    ),
    # "After the talks" refers to the talks reported, not to a call named in between; an office
    # taken at an undated time ("since he became president") is no event.
    case(
        "2025-05-09",
        "Xi Jinping held talks with Vladimir Putin in Moscow on Thursday. It is Xi's 11th visit to Russia "
        "since he became president. The two leaders also held a phone call on Feb. 24 this year. Over 20 "
        "cooperation documents were signed after the talks.",
        [(M.AGREEMENT, "2025-05-08"), (M.CALL, "2025-02-24"), (M.MEETING, "2025-05-08"), (M.VISIT, "2025-05-08")],
    ),
    # A date after "since" starts a period: it does not date the trip before it.
    case(
        "2024-08-22",
        "Li Qiang arrived in Moscow on Tuesday for a two-day official visit, his first trip to Russia since "
        "becoming premier in March last year.",
        [(M.VISIT, "2024-08-20")],
    ),
    # Wire reports with datelines.
    case(
        "2024-06-05",
        "MOSCOW, June 4 (Xinhua) -- Chinese Vice Premier Ding Xuexiang met Russian Prime Minister Mikhail "
        "Mishustin on Tuesday.",
        [(M.MEETING, "2024-06-04")],
    ),
    case(
        "2023-10-19",
        "BEIJING, Oct. 18 (Reuters) - Russian President Vladimir Putin held talks with Chinese President Xi "
        "Jinping in Beijing on Wednesday, the Kremlin said.",
        [(M.MEETING, "2023-10-18")],
    ),
    case(
        "2023-10-19",
        "ASTANA, Oct 14 (Reuters) - Putin met Kazakh President Kassym-Jomart Tokayev on Friday. The two leaders "
        "discussed energy and transit.",
        [(M.MEETING, "2023-10-13")],
    ),
    case(
        "2023-03-22",
        "MOSCOW, March 21 (Xinhua) -- Chinese President Xi Jinping held talks with Russian President Vladimir "
        "Putin in the Kremlin on Tuesday. The two sides signed a joint statement on deepening their comprehensive "
        "strategic partnership. The talks lasted more than four hours.",
        [(M.AGREEMENT, "2023-03-21"), (M.MEETING, "2023-03-21")],
    ),
    case(
        "2024-05-17",
        "BEIJING, May 16 (Xinhua) -- Chinese President Xi Jinping on Thursday hosted a welcome ceremony for "
        "Russian President Vladimir Putin, who is on a state visit to China.",
        [(M.VISIT, "2024-05-16")],
    ),
    # Visits, calls, agreements.
    case(
        "2023-03-22",
        "Chinese President Xi Jinping arrived in Moscow on Monday for a three-day state visit to Russia.",
        [(M.VISIT, "2023-03-20")],
    ),
    case(
        "2022-02-05",
        "Russian President Vladimir Putin arrived in Beijing on Friday for the opening of the Winter Olympics.",
        [(M.VISIT, "2022-02-04")],
    ),
    case(
        "2019-06-03",
        "Xi Jinping will pay a state visit to Russia from June 5 to 7, the foreign ministry announced.",
        [(M.VISIT, "2019-06-05")],
    ),
    case(
        "2021-06-29",
        "Chinese President Xi Jinping held a video call with Russian President Vladimir Putin on Monday.",
        [(M.CALL, "2021-06-28")],
    ),
    case(
        "2021-06-29",
        "The two presidents spoke by telephone on Monday and agreed to extend the friendship treaty.",
        [(M.CALL, "2021-06-28"), (M.AGREEMENT, "2021-06-28")],
    ),
    case(
        "2019-06-05",
        "In a phone call on Monday, Lavrov and Wang Yi discussed the situation on the Korean Peninsula.",
        [(M.CALL, "2019-06-03")],
    ),
    case(
        "2022-02-05",
        "Xi Jinping and Vladimir Putin signed a joint statement on February 4, 2022, in Beijing.",
        [(M.AGREEMENT, "2022-02-04")],
    ),
    case(
        "2014-05-21",
        "Gazprom and CNPC signed a 30-year gas supply contract worth $400 billion on Wednesday in Shanghai.",
        [(M.AGREEMENT, "2014-05-21")],
    ),
    case(
        "2024-05-18",
        "Putin and Xi issued a joint statement on Thursday pledging a new era of partnership.",
        [(M.AGREEMENT, "2024-05-16")],
    ),
    case(
        "2014-05-14",
        "Putin will meet Xi in Shanghai on Tuesday next week to discuss a long-delayed gas deal.",
        [(M.MEETING, "2014-05-20")],
    ),
    case(
        "2023-03-15",
        "Xi will travel to Moscow next week for talks with Putin, the foreign ministry said.",
        [(M.MEETING, "2023-03-20")],
    ),
    # A statement's own date does not date the plan it announces.
    case("2023-03-22", "Chinese leader Xi Jinping said on Wednesday he would visit Moscow soon.", [(M.VISIT, None)]),
    # Trade told one way, and a second figure of its sentence; a month a figure is compared with
    # dates neither it nor the narrative after it.
    case(
        "2019-05-14",
        "Russian exports to China in April climbed by 8 percent, outpacing the 3 percent rise seen in March.\n\n"
        "China's imports from Russia showed a 2 percent fall, compared to the 1 percent fall in March.\n\n"
        "In 2017 trade amounted to $84 billion, which rose to $107 billion in 2018.",
        [(M.TRADE, "2019-04"), (M.TRADE, "2019-04"), (M.TRADE, "2017"), (M.TRADE, "2018")],
    ),
    # A dateline with the place and the agency but no date: the lead is of the publication day; without
    # a dateline a lead in the past tense says nothing of its day.
    case("2021-06-28", "MOSCOW (Reuters) - Xi Jinping and Vladimir Putin held a video call.", [(M.CALL, "2021-06-28")]),
    case("2021-06-28", "Xi Jinping and Vladimir Putin held a video call.", [(M.CALL, None)]),
    # Readout words: a teleconference, talks held by telephone, a contract agreed, a leader received,
    # a change in trade told as a noun.
    case(
        "2019-12-03",
        "Xi Jinping and Vladimir Putin took part in the launch ceremony via teleconference on Monday.\n\n"
        "Putin said he had held discussions with Xi Jinping by telephone in August.\n\n"
        "Gazprom and CNPC agreed a gas supply contract in Shanghai on Wednesday.\n\n"
        "Xi said on Sunday it was a pleasure to receive President Putin in Hangzhou.\n\n"
        "Officials reported a four-percent increase in trade turnover last year.",
        [
            (M.CALL, "2019-12-02"),
            (M.CALL, "2019-08"),
            (M.AGREEMENT, "2019-11-27"),
            (M.MEETING, "2019-12-01"),
            (M.TRADE, "2018"),
        ],
    ),
    # One side's trade with a third country is not of the relationship.
    case(
        "2022-04-20",
        "China's trade with Ukraine climbed by 5 percent in 2021.\n\n"
        "China's trade with Russia climbed by 35 percent in 2021.",
        [(M.TRADE, "2021")],
    ),
    # A meeting of one side with a third country's leader is not of the relationship.
    case(
        "2017-09-03",
        "On Monday, Putin will hold talks with Egypt’s president.\n\nOn Tuesday, Xi Jinping met the president of "
        "Russia in Beijing.\n\nOn Friday, Putin held talks with China’s premier in Moscow.",
        [(M.MEETING, "2017-08-29"), (M.MEETING, "2017-09-01")],
    ),
    # A third country's leader or minister who travels, or meets one side, is not of the relationship.
    case(
        "2019-04-10",
        "Egypt’s foreign minister, Sameh Shoukry, will pay a visit to Moscow from April 14 and will hold "
        "a meeting with Sergei Lavrov on April 15.\n\nTalks between Sergei Lavrov and Wang Yi will be "
        "held in Beijing on April 18.",
        [(M.MEETING, "2019-04-18")],
    ),
    # A bare weekday read a week off the edition of the summit its sentence names: the edition's week.
    case(
        "2015-07-09",
        "Putin is to meet Xi Jinping on Wednesday ahead of the BRICS summit in Ufa.",
        [(M.MEETING, "2015-07-08"), (M.SUMMIT, "2015-07-08")],
    ),
    # "On the eve of" an event dated in the sentence or by the reference data: the day before it.
    case(
        "2017-09-03",
        "The two ministers held talks on the eve of the economic forum, due in Vladivostok on September 6-7.",
        [(M.MEETING, "2017-09-05"), (M.FORUM, "2017-09-06")],
    ),
    case(
        "2018-06-12",
        "Xi Jinping met Vladimir Putin on the eve of the SCO summit in Qingdao.",
        [(M.MEETING, "2018-06-08"), (M.SUMMIT, "2018-06-09")],
    ),
    # Recurring events dated by the reference data.
    case(
        "2019-11-02",
        "The premier said the two sides had reached new consensus at the 24th regular meeting between the Chinese "
        "premier and the Russian prime minister not long ago.",
        [(M.MEETING, "2019-09-17")],
    ),
    case(
        "2023-10-19",
        "Putin attended the third Belt and Road Forum for International Cooperation in Beijing.",
        [(M.FORUM, "2023-10-17")],
    ),
    case(
        "2019-06-05",
        "Putin and Xi held talks on the sidelines of the BRICS summit in Johannesburg.",
        [(M.MEETING, "2018-07-25"), (M.SUMMIT, "2018-07-25")],
    ),
    case(
        "2023-10-19",
        "Putin and Xi held talks on the sidelines of the BRICS summit in Johannesburg.",
        [(M.MEETING, "2023-08-22"), (M.SUMMIT, "2023-08-22")],
    ),
    case(
        "2019-06-05",
        "Putin attended the second Belt and Road Forum for International Cooperation in Beijing in April.",
        [(M.FORUM, "2019-04")],
    ),
    case(
        "2023-10-19",
        "Putin last visited China in April 2019 to attend the second Belt and Road Forum.",
        [(M.FORUM, "2019-04"), (M.VISIT, "2019-04")],
    ),
    case(
        "2024-07-04",
        "Xi and Putin met in Astana on Wednesday on the sidelines of the SCO summit.",
        [(M.MEETING, "2024-07-03"), (M.SUMMIT, "2024-07-03")],
    ),
    case(
        "2018-09-12",
        "Xi and Putin met on the sidelines of the Eastern Economic Forum in Vladivostok on Tuesday.",
        [(M.FORUM, "2018-09-11"), (M.MEETING, "2018-09-11")],
    ),
    case(
        "2024-10-24",
        "Putin hosted Xi at the 16th BRICS Summit in Kazan this week.",
        [(M.MEETING, "2024-10-22"), (M.SUMMIT, "2024-10-22")],
    ),
    case(
        "2015-05-10",
        "Xi Jinping attended the grand military parade on Red Square on Saturday to mark the 70th anniversary "
        "of the victory in the Great Patriotic War.",
        [(M.ANNIVERSARY, "2015-05-09")],
    ),
    case(
        "2025-05-09",
        "Xi Jinping watched the Victory Day parade on Red Square in Moscow on Friday.",
        [(M.ANNIVERSARY, "2025-05-09")],
    ),
    case(
        "2019-06-16",
        "Xi celebrated his 66th birthday on Saturday with Putin in Dushanbe, where the two leaders attended a "
        "regional summit.",
        [(M.OTHER, "2019-06-15"), (M.SUMMIT, "2019-06-15")],
    ),
    # Awards, elections, anniversaries, history.
    case(
        "2019-06-05",
        "The Russian leader presented Xi with the Order of St. Andrew on Wednesday.",
        [(M.AWARD, "2019-06-05")],
    ),
    case(
        "2019-06-07",
        "Xi was awarded an honorary doctorate by St. Petersburg State University on Thursday.",
        [(M.AWARD, "2019-06-06")],
    ),
    case(
        "2024-03-20",
        "Vladimir Putin was re-elected president on March 17 with a record share of the vote.",
        [(M.ELECTION, "2024-03-17")],
    ),
    case(
        "2024-05-18",
        "Putin, who was sworn in for a fifth term on May 7, flew to Beijing on Wednesday evening.",
        [(M.ELECTION, "2024-05-07"), (M.VISIT, "2024-05-15")],
    ),
    case(
        "2019-06-05",
        "This year marks the 70th anniversary of the establishment of diplomatic relations between China and Russia.",
        [(M.ANNIVERSARY, "2019")],
    ),
    case(
        "2019-06-05",
        "The Soviet Union established diplomatic relations with the People's Republic of China on October 2, 1949.",
        [(M.DIPLOMATIC, "1949-10-02")],
    ),
    case(
        "2019-06-05", "The Shanghai Cooperation Organization was founded in 2001 in Shanghai.", [(M.FOUNDING, "2001")]
    ),
    case(
        "2023-10-19",
        "Putin and Xi met in Beijing in February 2022, weeks before Russian troops entered Ukraine.",
        [(M.MEETING, "2022-02")],
    ),
    # Trade and counts.
    case(
        "2019-06-05",
        "Last year, bilateral trade between China and Russia reached $107 billion, customs data showed.",
        [(M.TRADE, "2018")],
    ),
    case(
        "2019-06-05",
        "Bilateral trade rose 27 percent to $107 billion in 2018, according to Chinese customs.",
        [(M.TRADE, "2018")],
    ),
    case("2023-03-22", "The two leaders have met more than 40 times since 2013.", [(M.MEETING_COUNT, "2023-03-22")]),
    case("2023-03-22", "It was their 41st meeting since Xi came to power.", [(M.MEETING_COUNT, "2023-03-22")]),
    # A plan dated after publication does not date the talks the next sentence reports as done.
    case(
        "2015-05-08",
        "Xi Jinping arrived in Moscow on Friday. A military parade will be held on Saturday.\n\n"
        "Putin praised the friendship of the two nations after talks with Xi at the Kremlin.",
        [(M.VISIT, "2015-05-08"), (M.MEETING, "2015-05-08")],
    ),
    # A present perfect with no date near it reports the day's news; one of experience does not.
    case(
        "2016-06-25",
        "President Xi Jinping has held talks with President Vladimir Putin at the Great Hall of the People.",
        [(M.MEETING, "2016-06-25")],
    ),
    case("2016-06-25", "Xi Jinping has met Vladimir Putin many times in Moscow.", []),
    # "After the talks" are the talks of the news, not those of a flashback ("had met ... on May 2").
    case(
        "2024-05-16",
        "Vladimir Putin has arrived in Beijing for a state visit.\n\n"
        "The two leaders had met in Astana on May 2.\n\n"
        "After the talks, Xi Jinping and Putin signed a joint statement on the partnership.",
        [(M.VISIT, "2024-05-16"), (M.MEETING, "2024-05-02"), (M.MEETING, "2024-05-16"), (M.AGREEMENT, "2024-05-16")],
    ),
    # A lead told without a date is the event the next paragraph dates.
    case(
        "2024-05-17",
        "Xi Jinping hosted Vladimir Putin for talks in Beijing.\n\n"
        "The Chinese president hosted Putin for official talks in the Great Hall of the People on Thursday.",
        [(M.MEETING, "2024-05-16")],
    ),
    # An aside in brackets keeps its date to itself; a bare date in brackets still dates the event.
    case(
        "2014-06-16",
        "Xi Jinping and Vladimir Putin watched the signing of the gas contract (talks on the route first began "
        "back in the 1990s) in Shanghai.",
        [(M.AGREEMENT, None)],
    ),
    case(
        "2023-03-25",
        "Xi Jinping and Vladimir Putin held talks in the Kremlin (on March 21) with their delegations.",
        [(M.MEETING, "2023-03-21")],
    ),
    # A clause set off by commas keeps its date; "met ... before" is experience, not the day's news.
    case(
        "2013-03-25",
        "Xi Jinping, who became president this month, has met Vladimir Putin before in Moscow.",
        [(M.ELECTION, "2013-03"), (M.MEETING, None)],
    ),
    # "a visit that will take him to the forum later this week": the forum's date, not the visit's.
    case(
        "2019-06-06",
        "Xi Jinping presented two pandas to the Moscow zoo on Wednesday.\n\nXi held talks with Vladimir Putin at "
        "the start of a three-day visit that will take him to the economic forum in St Petersburg later this week.",
        [(M.VISIT, "2019-06-05"), (M.FORUM, "2019-06-03")],
    ),
    # A year opening a name in another clause dates the thing named; one beside the event keeps its year.
    case(
        "2023-12-20",
        "Li Qiang and Mikhail Mishustin held talks in Beijing on December 19.\n\n"
        "Following the talks, the two premiers closed the 2022-2023 China-Russia Sports Exchange Year.",
        [(M.MEETING, "2023-12-19")],
    ),
    case(
        "2022-02-05",
        "Xi Jinping and Vladimir Putin met before the 2022 Winter Olympics opening ceremony.",
        [(M.MEETING, "2022")],
    ),
    # "have met" is the report's news until a later sentence names the day, just before publication.
    case(
        "2022-09-16",
        "Xi Jinping and Vladimir Putin have met in Samarkand.\n\nThe meeting started on Thursday in Uzbekistan.",
        [(M.MEETING, "2022-09-15")],
    ),
    # Limits of the rules above: another meeting long before the news stays apart, a month does not undo a
    # day, a background present perfect is no news, a clause that does not look ahead keeps the date.
    case(
        "2024-05-17",
        "Xi Jinping held talks with Vladimir Putin in Beijing. Xi and Putin met in Moscow in March 2023.",
        [(M.MEETING, None), (M.MEETING, "2023-03")],
    ),
    case(
        "2024-05-17",
        "Putin and Xi signed a joint statement on Tuesday. The two leaders also held talks. "
        "The talks in May were the latest of more than 40 meetings.",
        [(M.AGREEMENT, "2024-05-14"), (M.MEETING, "2024-05-14"), (M.MEETING_COUNT, "2024-05-17")],
    ),
    case(
        "2024-05-17",
        "Russia and China have signed a treaty on good-neighbourliness that remains the basis of ties.",
        [],
    ),
    case("2024-05-17", "Putin has met Xi in person more than any other world leader.", [(M.MEETING, None)]),
    case(
        "2024-05-17",
        "Xi and Putin signed a joint statement that deepens their partnership during talks in Beijing on Thursday.",
        [(M.AGREEMENT, "2024-05-16"), (M.MEETING, "2024-05-16")],
    ),
    case(
        "2024-05-17",
        "Xi Jinping held talks with Vladimir Putin, who arrived in Beijing on Thursday, at the Great Hall.",
        [(M.VISIT, "2024-05-16")],
    ),
    case(
        "2022-02-05",
        "Putin, in Beijing for the 2022 Winter Olympics, held talks with Xi Jinping.",
        [(M.MEETING, "2022")],
    ),
    case(
        "2024-05-17",
        "Xi Jinping and Vladimir Putin signed a joint statement, which was published on Friday.",
        [(M.AGREEMENT, None)],
    ),
    # "..., their first meeting this year" counts the meeting the sentence has just dated.
    case(
        "2014-02-08",
        "On Thursday, Xi Jinping met Vladimir Putin in Sochi, their first meeting this year.",
        [(M.MEETING, "2014-02-06")],
    ),
    # "During their talks, ..." refers back: the main clause's date is of what was discussed; one in
    # the phrase itself still dates the talks.
    case(
        "2014-02-08",
        "On Thursday, Xi Jinping met Vladimir Putin in Sochi.\n\n"
        "During their talks, the two leaders reviewed the achievements in bilateral ties in the past year.",
        [(M.MEETING, "2014-02-06")],
    ),
    case(
        "2014-02-08",
        "On Thursday, Xi Jinping met Vladimir Putin in Sochi.\n\nDuring their talks on Friday, they reviewed ties.",
        [(M.MEETING, "2014-02-06"), (M.MEETING, "2014-02-07")],
    ),
    # A habit with a written date still gives the dated event.
    case(
        "2019-06-05",
        "The two leaders usually meet in June, and they met on June 5, 2019, in Moscow.",
        [(M.MEETING, "2019-06-05")],
    ),
]


def test_an_anaphoric_year_reads_the_year_named_sentences_before() -> None:
    """Every date of the article is found once, so "that year" follows the year named four
    sentences earlier, not the publication year."""
    text = (
        "In 1998 the two countries settled the last stretch of their long border.\n"
        "Engineers mapped the river islands one by one.\n"
        "Surveyors marked the new line with stone posts.\n"
        "Officials described the work as slow but thorough.\n"
        "That year Jiang Zemin and Boris Yeltsin signed a joint statement on the border in Moscow.\n"
    )
    assert pairs(events_of(text, "2024-05-16")) == [("agreement", "1998")]


@pytest.mark.parametrize(("pub", "text", "expected"), CASES)
def test_extract(pub: str, text: str, expected: list[tuple[EventType, str | None]]) -> None:
    doc = document(text, pub)
    found = extract(doc)
    assert pairs(found) == _in_order((kind.value, date) for kind, date in expected)
    for event in found:
        assert [doc.text[s.start : s.end] for s in event.sources] == [s.evidence for s in event.sources]


def test_case_table_is_large() -> None:
    assert len(CASES) >= 25


NO_EVENT = [
    ("2014-05-20", "Over the past year, Xi Jinping and Vladimir Putin exchanged letters for many times."),
    ("2020-07-24", "A senator said the two countries will send a clear message to Washington."),
    # negation
    ("2019-06-05", "Xi did not meet Putin on Tuesday, the Kremlin said."),
    ("2019-06-05", "Xi never visited Moscow last year, officials said."),
    ("2023-10-19", "Putin declined to attend the summit in Johannesburg this year, citing security concerns."),
    ("2019-06-05", "Russia and China have never signed a formal alliance treaty, officials stress."),
    ("2019-06-05", "Xi Jinping did not attend the Victory Day parade in Moscow this year."),
    ("2019-06-05", "Xi and Putin failed to reach agreement on the pipeline route on Tuesday."),
    # habits
    ("2019-06-05", "The two leaders usually meet twice a year."),
    ("2019-06-05", "The two leaders usually meet several times a year."),
    ("2019-06-05", "Putin and Xi often speak by telephone before major summits."),
    ("2019-06-05", "The two presidents regularly hold talks by video link."),
    # headlines, fragments and captions
    ("2019-06-05", "Xi arrives in Moscow for three-day state visit"),
    ("2019-06-05", "Putin and Xi sign gas deal on Wednesday"),
    ("2019-06-05", "Xi and Putin meet in Moscow on Wednesday"),
    ("2019-06-05", "Xi met Putin."),
    ("2019-06-05", "Xi and Putin shake hands in the Kremlin on Wednesday. (Xinhua/Li Tao)"),
    # nothing happened
    ("2019-06-05", "The project will meet the needs of both countries for decades."),
    ("2019-06-05", "Readers can visit our website for more coverage of the talks."),
]


@pytest.mark.parametrize(("pub", "text"), NO_EVENT, ids=[text[:40] for _, text in NO_EVENT])
def test_no_event(pub: str, text: str) -> None:
    assert events_of(text, pub) == []


@pytest.mark.parametrize(
    ("pub", "text", "kind", "status"),
    [
        (
            "2024-06-05",
            "MOSCOW, June 4 (Xinhua) -- Chinese Vice Premier Ding Xuexiang met Russian Prime Minister "
            "Mikhail Mishustin on Tuesday.",
            M.MEETING,
            Status.HAPPENED,
        ),
        (
            "2019-06-03",
            "Xi Jinping will pay a state visit to Russia from June 5 to 7, the foreign ministry announced.",
            M.VISIT,
            Status.PLANNED,
        ),
        ("2019-06-05", "The summit was cancelled on Tuesday after the talks collapsed.", M.SUMMIT, Status.CANCELLED),
        pytest.param(
            "2019-06-05",
            "The summit in Bishkek was cancelled on Tuesday after the talks collapsed.",
            M.SUMMIT,
            Status.CANCELLED,
            id="cancelled-after-place",
        ),
        (
            "2023-03-22",
            "Chinese leader Xi Jinping said on Wednesday he would visit Moscow soon.",
            M.VISIT,
            Status.PLANNED,
        ),
        # A planned event whose date has passed by publication is reported as having happened.
        (
            "2019-06-10",
            "Xi Jinping was scheduled to visit Russia from June 5 to 7, officials said.",
            M.VISIT,
            Status.HAPPENED,
        ),
        pytest.param(
            "2017-05-25",
            "Analysts expect Putin to visit Beijing in July for talks on energy cooperation.",
            M.VISIT,
            Status.PLANNED,
            id="expect-to-visit",
        ),
        # the trigger's own words tell the plan, however long the invitee's title
        pytest.param(
            "2021-03-02",
            "Putin has invited Wang Yi and his delegation to Sochi this summer.",
            M.VISIT,
            Status.PLANNED,
            id="invitation",
        ),
        # the clause's verb lies beyond the few words after the trigger
        pytest.param(
            "2020-09-09",
            "During the meeting in Moscow, Sergei Lavrov and Wang Yi will discuss vaccines and trade.",
            M.MEETING,
            Status.PLANNED,
            id="verb-of-the-clause-further-on",
        ),
    ],
)
def test_status(pub: str, text: str, kind: EventType, status: Status) -> None:
    found = [e for e in events_of(text, pub) if e.type == kind]
    assert len(found) == 1
    assert found[0].status == status


def test_inauguration_is_not_dated_by_the_election_day() -> None:
    found = events_of(
        "Russian President Vladimir Putin wrapped up a two-day state visit to China on Friday, his "
        "first foreign trip since his inauguration.",
        "2024-05-18",
    )
    assert ("visit", "2024-05-17") in pairs(found)
    assert ("election", "2024-03-17") not in pairs(found)


def test_a_swearing_in_is_dated_by_the_term_it_began() -> None:
    found = events_of(
        "The trip to Beijing is his first since he was sworn in for a new term as president, Putin said.", "2024-05-16"
    )
    assert ("election", "2024-05-07") in pairs(found)
    found = events_of("Putin, who was re-elected for a fifth term, plans to visit Beijing.", "2024-05-16")
    assert ("election", "2024-03-17") in pairs(found)


def test_meeting_on_the_sidelines_takes_the_day_the_sentence_gives() -> None:
    found = events_of(
        "Xi and Putin met on the sidelines of the Eastern Economic Forum in Vladivostok on Tuesday.", "2018-09-12"
    )
    (meeting,) = [e for e in found if e.type == M.MEETING]
    assert (meeting.date, meeting.date_end) == (PartialDate.parse("2018-09-11"), None)


def test_talks_of_other_people_told_without_a_date_stay_apart() -> None:
    text = "Wang Yi met Sergei Lavrov in Moscow.\n\nXi Jinping met Vladimir Putin in Beijing on Thursday."
    found = extract(document(text, "2024-05-17"))
    dated = sorted((e.participants[0], str(e.date)) for e in found)
    assert dated == [("Wang Yi", "None"), ("Xi Jinping", "2024-05-16")]


def test_a_date_read_in_a_later_sentence_replaces_a_borrowed_one_and_says_where_it_was_read() -> None:
    text = (
        "Xi Jinping and Vladimir Putin have met on the sidelines of a regional summit.\n\n"
        "Xi and Putin are attending a two-day summit of the Shanghai Cooperation Organization."
    )
    summit = next(e for e in extract(document(text, "2022-09-16")) if e.type == M.SUMMIT)
    assert (str(summit.date), str(summit.date_end)) == ("2022-09-15", "2022-09-16")
    assert summit.sources[0].resolution is not None
    assert "in another sentence: “Xi and Putin are attending" in summit.sources[0].resolution


def test_count_details() -> None:
    (event,) = events_of("The two leaders have met more than 40 times since 2013.", "2023-03-22")
    assert (event.type, event.count, event.count_qualifier, event.count_since) == (
        M.MEETING_COUNT,
        40,
        "more than",
        "2013",
    )


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("By our count, the two presidents held six meetings last year.", "2022"),
        ("Xi Jinping told Putin it was their third official meeting this year.", "2023-03-22"),
        ("In 2019 alone, Xi and Putin met five times.", "2019"),
        ("The two leaders have met more than 40 times since 2013.", "2023-03-22"),
        ("Since Xi was elected to his first term in 2013, he and Putin have met 40 times.", "2023-03-22"),
    ],
)
def test_a_count_is_dated_by_the_period_it_counts(text: str, date: str) -> None:
    (event,) = [e for e in events_of(text, "2023-03-22") if e.type == M.MEETING_COUNT]
    assert str(event.date) == date


def test_count_is_not_also_a_meeting() -> None:
    found = events_of("Xi told Putin that he had met him 40 times in the past decade.", "2023-03-22")
    assert [e.type for e in found] == [M.MEETING_COUNT]
    assert found[0].count == 40


def test_trade_value() -> None:
    (event,) = events_of(
        "In 2018, bilateral trade between China and Russia reached $107.06 billion, customs data showed.", "2019-06-05"
    )
    assert event.value == "$107.06 billion"


def test_participants_and_places() -> None:
    (event,) = events_of(
        "Chinese President Xi Jinping arrived in Moscow on Monday for a three-day state visit to Russia.", "2023-03-22"
    )
    assert event.participants == ["Xi Jinping"]
    assert event.places == ["Moscow", "Russia"]


def test_office_names_resolve_at_the_publication_date() -> None:
    (event,) = events_of(
        "The Chinese president held talks with the Russian president in Moscow on Tuesday.", "2010-09-29"
    )
    assert event.participants == ["Hu Jintao", "Dmitry Medvedev"]


def test_no_publication_date_leaves_relative_dates_unresolved() -> None:
    found = events_of(
        "Chinese President Xi Jinping held a video call with Russian President Vladimir Putin on Monday.", None
    )
    assert [(e.type, e.date) for e in found] == [(M.CALL, None)]
    # an absolute date needs no publication date
    found = events_of("Xi Jinping and Vladimir Putin signed a joint statement on February 4, 2022, in Beijing.", None)
    assert pairs(found) == [("agreement", "2022-02-04")]


def test_uncertain_publication_date_is_not_used_to_resolve() -> None:
    # Only years in the text: the publication date is inferred (a lower bound) and must not date "Monday".
    text = "Trade grew strongly in 2019, analysts said. Xi held a video call with Putin on Monday about energy.\n"
    doc = make_document(text.encode(), "case.txt")
    assert doc.published_certain is False
    found = [e for e in extract(doc) if e.type == M.CALL]
    assert [e.date for e in found] == [None]


def test_same_event_told_twice_in_one_article_is_one_event() -> None:
    text = (
        "Chinese President Xi Jinping held talks with Russian President Vladimir Putin in Moscow on Tuesday. "
        "The meeting in Moscow lasted more than three hours, officials said.\n"
    )
    found = events_of(text, "2023-03-22")
    assert pairs(found) == [("meeting", "2023-03-21")]


ARTICLE = (
    "---\n"
    "title: Xi and Putin meet in Moscow\n"
    "outlet: Example Wire\n"
    "---\n"
    "Xi and Putin pledge deeper ties\n"
    "\n"
    "MOSCOW, March 21 (Xinhua) -- Chinese President Xi Jinping held talks with Russian President Vladimir Putin "
    "in the Kremlin on Tuesday.\n"
    "\n"
    "The two sides signed a joint statement on deepening their partnership. Xi invited Putin to attend the "
    "third Belt and Road Forum in Beijing.\n"
    "\n"
    "The two leaders have met more than 40 times since 2013. Bilateral trade reached $190 billion last year.\n"
)


def test_evidence_points_into_the_document() -> None:
    doc = document(ARTICLE, "2023-03-22")
    found = extract(doc)
    assert len(found) >= 4
    for event in found:
        (source,) = event.sources
        assert doc.text[source.start : source.end] == source.evidence
        assert source.start >= doc.body_start
        assert source.file == "case.txt"
        assert source.document_id == doc.id
        assert re.fullmatch(r"[0-9a-f]{10}", event.id)
    assert len({e.id for e in found}) == len(found)


def test_full_article() -> None:
    doc = document(ARTICLE, "2023-03-22")
    assert doc.title == "Xi and Putin meet in Moscow"
    found = extract(doc)
    assert pairs(found) == [
        ("agreement", "2023-03-21"),
        ("forum", "2023-10-17"),
        ("meeting", "2023-03-21"),
        ("meeting_count", "2023-03-22"),
        ("trade", "2022"),
        ("visit", "2023-10-17"),  # the invitation: a visit planned for the forum
    ]
    by_type = {e.type: e for e in found}
    assert by_type[M.FORUM].key == "belt_and_road_forum:2023-10-17"
    assert by_type[M.MEETING].status == Status.HAPPENED
    assert by_type[M.VISIT].status == Status.PLANNED
    assert by_type[M.TRADE].value == "$190 billion"


def test_event_dated_after_publication_has_not_happened() -> None:
    found = events_of("Xi invited Putin to attend the third Belt and Road Forum in Beijing.", "2023-03-22")
    (forum,) = [e for e in found if e.type == M.FORUM]
    assert forum.date == PartialDate.parse("2023-10-17")
    assert forum.status == Status.PLANNED


def test_extract_is_deterministic() -> None:
    first = extract(document(ARTICLE, "2023-03-22"))
    second = extract(document(ARTICLE, "2023-03-22"))
    assert [e.model_dump() for e in first] == [e.model_dump() for e in second]


# Rule examples are often clause fragments; the extractor treats a line without final punctuation as a
# headline, so each example is made a sentence before extracting.
def _as_sentence(text: str) -> str:
    text = text.strip()
    if not text.endswith((".", "!", "?")):
        text += "."
    return text[0].upper() + text[1:]


def _trigger_examples() -> list[Any]:
    params = []
    for rule in load_rules("events.toml").rule:
        for number, example in enumerate(rule.examples):
            params.append(pytest.param(rule.id, rule.kind, example[0], id=f"{rule.id}-{number}"))
    return params


@pytest.mark.parametrize(("rule_id", "kind", "example"), _trigger_examples())
def test_trigger_examples_match_their_pattern(rule_id: str, kind: str, example: str) -> None:
    rule = next(r for r in load_rules("events.toml").rule if r.id == rule_id)
    assert re.search(rule.pattern, example, re.I)


def test_a_forum_dated_this_year_is_planned_when_the_reference_data_puts_it_ahead() -> None:
    text = "Xi Jinping invited Vladimir Putin to China this year for the third Belt and Road Forum."
    forum = next(e for e in events_of(_as_sentence(text), "2023-03-22") if e.type == M.FORUM)
    assert (str(forum.date), forum.status) == ("2023", Status.PLANNED)


@pytest.mark.parametrize(("rule_id", "kind", "example"), _trigger_examples())
@pytest.mark.parametrize("pub", ["2019-06-05", "2023-10-19"])
def test_trigger_examples_give_an_event_of_their_kind(rule_id: str, kind: str, example: str, pub: str) -> None:
    found = events_of(_as_sentence(example), pub)
    assert kind in [e.type.value for e in found], f"{rule_id}: {pairs(found)}"


def _counter_examples() -> list[Any]:
    return [
        pytest.param(rule.id, text, id=f"{rule.id}-{number}")
        for rule in load_rules("events.toml").rule
        for number, text in enumerate(rule.counter_examples)
    ]


@pytest.mark.parametrize(("rule_id", "text"), _counter_examples())
def test_trigger_counter_examples_do_not_match(rule_id: str, text: str) -> None:
    rule = next(r for r in load_rules("events.toml").rule if r.id == rule_id)
    assert not re.search(rule.pattern, text, re.I)


def _count_examples() -> list[Any]:
    return [
        pytest.param(text, int(count), id=f"{rule.id}-{number}")
        for rule in load_rules("counts.toml").rule
        for number, (text, count) in enumerate(rule.examples)
    ]


@pytest.mark.parametrize(("text", "count"), _count_examples())
def test_count_examples(text: str, count: int) -> None:
    found = [e for e in events_of(_as_sentence(text), "2019-06-05") if e.type == M.MEETING_COUNT]
    assert [e.count for e in found] == [count]
    assert found[0].date == PartialDate.parse("2019-06-05")  # a count is as of the publication date


@pytest.mark.parametrize(
    "text",
    [
        "Both sides will work for the success of the Astana gathering, the first SCO summit since the bloc expanded.",
        "Both sides will work for the success of the first SCO summit to be held after the enlargement.",
    ],
)
def test_the_first_edition_since_something_is_no_edition_number(text: str) -> None:
    (summit,) = [e for e in events_of(text, "2017-05-20") if e.type == M.SUMMIT]
    assert summit.date is None or summit.date.year >= 2017  # not the 1st SCO summit of 2001


def test_a_recurring_event_under_a_date_line_is_that_year_s_edition() -> None:
    """A chronology's heading line "G20 summit" under "Sept 4, 2016" is the 2016 summit, though the
    article is of 2017 and a 2017 summit came before it."""
    text = "Milestones\n\nSept 4, 2016\nHangzhou\nG20 summit\nMay 14, 2017\nBeijing\nA forum for cooperation\n"
    found = events_of(text, "2017-07-30")
    assert [(e.type.value, str(e.date), e.places) for e in found] == [
        ("summit", "2016-09-04", ["Hangzhou"]),
        ("forum", "2017-05-14", []),
    ]


@pytest.mark.parametrize(
    ("head", "expected"),
    [("MOSCOW, Nov. 29 (Xinhua) -- ", "2017-11-29"), ("", None)],
    ids=["a report of the day", "no dateline: maybe written later"],
)
def test_the_lead_of_a_datelined_report_tells_the_day_s_news(head: str, expected: str | None) -> None:
    text = f"Kremlin talks\n\n{head}Vladimir Putin met with Li Keqiang in the Kremlin.\n\nThey spoke of trade.\n"
    assert pairs(events_of(text, "2017-11-29")) == [("meeting", expected)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Xi Jinping congratulated Vladimir Putin on the 75th anniversary of victory over Nazi Germany.", "2020-05-09"),
        ("Putin sent Xi Jinping his greetings on the 70th anniversary of the founding of the PRC.", "2019-10-01"),
        ("Putin sent Xi Jinping his greetings on the 70th anniversary of their friendship.", None),
        (
            "Xi Jinping marked the 75th anniversary of victory over Nazi Germany in the war of 1941-1945.",
            "2020-05-09",
        ),
    ],
    ids=["victory", "founding", "nothing the reference data knows", "a date of the milestone itself"],
)
def test_an_anniversary_of_a_milestone_falls_that_many_years_after_it(text: str, expected: str | None) -> None:
    found = [e for e in events_of(text, "2020-06-01") if e.type == M.ANNIVERSARY]
    assert [str(e.date) if e.date else None for e in found] == [expected]


def test_a_visit_that_takes_in_a_summit_keeps_its_own_days() -> None:
    """The summit of June 9-10 lies within the visit of June 8-10: the visit is not narrowed to it."""
    text = "Putin recalled his state visit to China on June 8-10, which took in the SCO summit in Qingdao."
    visits = [e for e in events_of(text, "2018-06-20") if e.type == M.VISIT]
    assert [(str(e.date), str(e.date_end)) for e in visits] == [("2018-06-08", "2018-06-10")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Vladimir Putin met Xi Jinping in Bishkek after the SCO summit.", ("2019-06-14", None)),
        ("Vladimir Putin met Xi Jinping in Bishkek during the SCO summit.", ("2019-06-13", "2019-06-14")),
    ],
    ids=["after: its last day", "during: its days"],
)
def test_a_meeting_after_a_summit_is_on_its_last_day(text: str, expected: tuple[str, str | None]) -> None:
    (meeting,) = [e for e in events_of(text, "2019-06-15") if e.type == M.MEETING]
    assert (str(meeting.date), str(meeting.date_end) if meeting.date_end else None) == expected


def test_a_signing_told_after_another_takes_its_date() -> None:
    """In a history told year by year, "the two sides also signed ..." is of the signing just told
    (so one event with it), not of the news the article opened with."""
    text = (
        "Xi Jinping will visit Russia on Friday for the Victory Day celebrations.\n"
        "In September 1994, China and Russia signed a second joint statement on their partnership.\n"
        "The two sides also signed a series of important agreements on border security.\n"
    )
    signed = [str(e.date) for e in events_of(text, "2015-05-06") if e.type == M.AGREEMENT]
    assert signed == ["1994-09"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Putin is to host the BRICS summit in Ufa on Wednesday.", "2015-07-08"),  # a weekday's direction is a guess
        ("Putin hosted the BRICS summit in Ufa on July 15, 2015.", "2015-07-15"),  # a date as written stands
    ],
    ids=["relative", "as written"],
)
def test_the_days_of_a_known_edition_beat_a_weekday_read_the_wrong_way(text: str, expected: str) -> None:
    (summit,) = [e for e in events_of(text, "2015-07-09") if e.type == M.SUMMIT]
    assert str(summit.date) == expected


def test_the_lead_takes_the_day_of_its_dateline_when_the_page_was_stamped_a_day_earlier() -> None:
    text = "Mishustin in Beijing\n\nBEIJING, December 19. /TASS/. Mikhail Mishustin began his visit to Beijing.\n"
    document = make_document(f"---\npublished: 2023-12-18\n---\n{text}".encode(), "case.txt")
    assert pairs(extract(document)) == [("visit", "2023-12-19")]


def test_a_date_opening_the_sentence_frames_every_event_in_it() -> None:
    text = "In February, Putin and Xi Jinping announced a new partnership during Putin's visit to Beijing."
    assert pairs(events_of(text, "2022-12-26")) == [("diplomatic", "2022-02"), ("visit", "2022-02")]


def _participants(pub: str, text: str) -> dict[str, list[str]]:
    document = make_document(text.encode(), "case.txt", option=PartialDate.parse(pub))
    return {event.type.value: event.participants for event in extract(document)}


def test_the_two_leaders_are_the_pair_named_before() -> None:
    text = "Xi Jinping met Vladimir Putin in Moscow on Monday.\n\nThe two leaders signed a joint statement on Tuesday."
    assert sorted(_participants("2023-03-22", text)["agreement"]) == ["Vladimir Putin", "Xi Jinping"]


def test_a_state_visit_is_also_its_hosts_when_the_article_names_the_host() -> None:
    hosted = "Putin spoke with Xi Jinping by phone in January.\n\nXi Jinping arrived in Moscow on Tuesday."
    assert "Vladimir Putin" in _participants("2023-03-22", hosted)["visit"]
    unnamed = "Xi Jinping arrived in Moscow for a state visit on Tuesday."
    assert _participants("2023-03-22", unnamed)["visit"] == ["Xi Jinping"]


def _places(pub: str, text: str) -> dict[str, list[str]]:
    document = make_document(text.encode(), "case.txt", option=PartialDate.parse(pub))
    return {event.type.value: event.places for event in extract(document)}


def test_the_lead_of_a_datelined_report_is_where_it_is_datelined() -> None:
    text = "BEIJING, Nov. 9 (Xinhua) -- Xi Jinping held talks with Vladimir Putin on Sunday."
    assert _places("2014-11-09", text)["meeting"] == ["Beijing"]


def test_an_event_dated_by_the_talks_it_refers_to_is_where_they_were() -> None:
    text = (
        "Xi Jinping met Vladimir Putin in Kazan on Monday.\n\nDuring the talks, the two sides signed a joint statement."
    )
    assert _places("2024-10-23", text)["agreement"] == ["Kazan"]


def test_a_venue_is_in_its_city() -> None:
    text = "Xi Jinping held talks with Vladimir Putin in the Kremlin on Tuesday."
    assert _places("2023-03-22", text)["meeting"] == ["Kremlin", "Moscow"]


def test_a_trade_figure_is_between_the_countries_it_names() -> None:
    found = events_of("Sino-Russian trade rose by a tenth to 190 billion dollars in 2021.", "2022-01-14")
    assert [(e.type.value, e.participants) for e in found] == [("trade", ["China", "Russia"])]


def test_bilateral_trade_is_between_the_two_countries_the_article_names_most() -> None:
    text = (
        "Russia and China signed a gas deal on Monday. Russian and Chinese officials praised it.\n\n"
        "Bilateral trade rose by a tenth to 190 billion dollars in 2021."
    )
    trade = [e for e in events_of(text, "2022-02-07") if e.type == EventType.TRADE]
    assert [e.participants for e in trade] == [["Russia", "China"]]


def test_trade_of_one_side_with_a_third_country_is_no_event() -> None:
    text = "Trade between China and the United States fell by a fifth to 90 billion dollars in January."
    assert events_of(text, "2019-03-08") == []
    text = "Russia overtook Germany as China's partner: Russian-Chinese trade rose to 90 billion dollars in 2018."
    assert [e.type for e in events_of(text, "2019-03-08")] == [EventType.TRADE]


def test_what_is_done_before_a_summit_opens_is_not_dated_by_it() -> None:
    found = events_of("Vladimir Putin has arrived in Beijing to take part in the APEC summit.", "2014-11-09")
    assert sorted(pairs(found)) == [("summit", "2014-11-10"), ("visit", "2014-11-09")]


def test_a_figure_period_dates_the_figures_after_it_not_other_events() -> None:
    text = (
        "From January to April this year, trade between China and Russia rose by a fifth to 40 billion dollars.\n\n"
        "Imports from Russia rose faster, to 22 billion dollars.\n\n"
        "The treaty extension was announced during the latest video meeting between Xi Jinping and Vladimir Putin."
    )
    assert sorted(pairs(events_of(text, "2021-06-29"))) == [
        ("meeting", None),
        ("trade", "2021-01"),
        ("trade", "2021-01"),
    ]
