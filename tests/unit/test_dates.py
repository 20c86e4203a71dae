"""Temporal expressions: what `dates.find` reads in news sentences, and how it resolves them."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from sinorus_timeline.dates import TemporalExpression, find, parse_date_option, timeml
from sinorus_timeline.models import PartialDate, Qualifier
from sinorus_timeline.rules import load_rules


def _find(text: str, pub: str | None) -> list[TemporalExpression]:
    return find(text, PartialDate.parse(pub) if pub else None)


def case(sentence: str, pub: str, value: str, span: str, **extra: Any) -> Any:
    """One row: the sentence, its publication date, the expected value and the span it is read from.

    `extra` holds further expected attributes of the expression (date, date_end, type, qualifier);
    dates are given as canonical strings.
    """
    return pytest.param(sentence, pub, value, span, extra, id=f"{span}@{pub}")


CASES = [
    # A bare month after a plan, a hope or an invitation is the one ahead; after a past verb, the one before.
    case("Putin is now planning a trip to Beijing in October.", "2023-03-22", "2023-10", "October"),
    case("Putin accepted an invitation to visit China in October.", "2023-03-22", "2023-10", "October"),
    case("Putin hopes to travel to China in October.", "2023-03-22", "2023-10", "October"),
    case("Xi travelled to Moscow in October.", "2023-03-22", "2022-10", "October"),
    # An attribution closing the sentence says nothing of the clause's tense; a main verb does.
    case(
        "Putin will fly to China at the end of August and early September, the Kremlin said.",
        "2025-05-13",
        "2025-09",
        "early September",
    ),
    case("In September, the firm announced plans to buy a rival.", "1989-10-20", "1989-09", "September"),
    # A schedule and a wish look ahead.
    case(
        "Tuesday's schedule includes the regular meeting of the heads of government.",
        "2024-02-05",
        "2024-02-06",
        "Tuesday",
    ),
    case("Xi wished Russia a successful presidential election in March.", "2024-02-05", "2024-03", "March"),
    # "pledged to" looks ahead from the pledge, which a date before it dates.
    case("The two nations on Monday pledged to promote a fairer world order.", "2014-10-14", "2014-10-13", "Monday"),
    # Full dates in several spellings.
    case("The two sides signed the roadmap on March 3, 2021, in Moscow.", "2021-03-10", "2021-03-03", "March 3, 2021"),
    case(
        "The pipeline deal was sealed on 3 March 2021 after years of talks.", "2021-03-10", "2021-03-03", "3 March 2021"
    ),
    case("Officials initialled the text on 2021-03-03 in Harbin.", "2021-03-10", "2021-03-03", "2021-03-03"),
    case("The customs pact took effect on 2021/3/3, the ministry said.", "2021-03-10", "2021-03-03", "2021/3/3"),
    case(
        "Delegates gathered on Wednesday, March 3, 2021, in Kazan.",
        "2021-03-10",
        "2021-03-03",
        "Wednesday, March 3, 2021",
    ),
    case("The accord was ratified on Dec. 27, 2019, by the Duma.", "2020-01-10", "2019-12-27", "Dec. 27, 2019"),
    case("Moscow hosted the talks on 16.05.2024 amid heavy security.", "2024-05-20", "2024-05-16", "16.05.2024"),
    case(
        "The deal was struck on the night of 4-5 July 2021 in Minsk.",
        "2021-07-10",
        "2021-07-04",
        "4-5 July 2021",
        date_end="2021-07-05",
    ),
    # A month and day without a year: the year follows the tense of the clause.
    case("The envoys met in Beijing on March 3 to discuss grain exports.", "2021-06-10", "2021-03-03", "March 3"),
    case("The envoys will meet in Beijing on March 3 to discuss grain exports.", "2021-06-10", "2022-03-03", "March 3"),
    case(
        "The envoys met in Beijing on December 20 to discuss grain exports.", "2022-01-05", "2021-12-20", "December 20"
    ),
    case("Lavrov will travel to Beijing on January 9 for consultations.", "2021-12-20", "2022-01-09", "January 9"),
    # A plan reported in the past tense ("said he would travel") still looks ahead.
    case("The ministry said the premier would travel to Kazan in October.", "2023-09-13", "2023-10", "October"),
    case("Aides said he would also attend the expo in June, after the summit.", "2022-03-02", "2022-06", "June"),
    case("The contract was signed on June 8th in Tianjin.", "2021-07-10", "2021-06-08", "June 8th"),
    case(
        "The naval drills ran from July 14 to 17 in the Sea of Japan.",
        "2023-07-20",
        "2023-07-14",
        "July 14 to 17",
        date_end="2023-07-17",
    ),
    # Month and year; a bare month after a preposition.
    case("The bridge across the Amur opened in June 2019 after delays.", "2020-01-01", "2019-06", "June 2019"),
    case(
        "Ties deepened in late March 2019, diplomats said.",
        "2020-01-10",
        "2019-03",
        "late March 2019",
        qualifier=Qualifier.LATE,
    ),
    case("The ministers met in October to review the energy dialogue.", "2023-12-05", "2023-10", "October"),
    case("The ministers met in October to review the energy dialogue.", "2023-05-05", "2022-10", "October"),
    case("The ministers will meet in February to review the energy dialogue.", "2023-11-20", "2024-02", "February"),
    case("The expo will open this November in Shanghai.", "2018-04-01", "2018-11", "this November"),
    case("Imports have doubled since last March, traders say.", "2019-06-05", "2019-03", "last March"),
    case(
        "Putin visited Harbin in late April for the trade fair.",
        "2024-06-01",
        "2024-04",
        "late April",
        qualifier=Qualifier.LATE,
    ),
    # Qualified years, decades, year ranges.
    case(
        "The railway link was completed in early 2019 after delays.",
        "2020-05-05",
        "2019",
        "early 2019",
        qualifier=Qualifier.EARLY,
    ),
    case("Border talks stalled in the 1990s amid mutual suspicion.", "2020-05-05", "199X", "the 1990s", date="199X"),
    case(
        "Archives show the plan was drafted in the early 1950s by Soviet advisers.",
        "2020-01-10",
        "195X",
        "the early 1950s",
        qualifier=Qualifier.EARLY,
    ),
    case(
        "Trade slumped during the 2014–2016 downturn in commodity prices.",
        "2020-06-01",
        "2014",
        "2014–2016",
        date_end="2016",
    ),
    # Weekdays: past tense looks back, future looks ahead, the same weekday is the day itself.
    case("Xi held talks with Putin on Monday in the Kremlin.", "2023-03-22", "2023-03-20", "Monday"),
    case("Xi will hold talks with Putin on Friday in the Kremlin.", "2023-03-22", "2023-03-24", "Friday"),
    case("Xi held talks with Putin on Wednesday in the Kremlin.", "2023-03-22", "2023-03-22", "Wednesday"),
    case("Xi will hold talks with Putin on Wednesday in the Kremlin.", "2023-03-22", "2023-03-22", "Wednesday"),
    case("Xi held talks with Putin last Monday in the Kremlin.", "2023-03-22", "2023-03-20", "last Monday"),
    case("Xi will hold talks with Putin next Friday in the Kremlin.", "2023-03-22", "2023-03-24", "next Friday"),
    # "70 years since victory" names a span, not a past verb; the future verb far before still rules.
    case(
        "Moscow will stage a parade of tanks and troops to mark 70 years since victory on Saturday.",
        "2015-05-08",
        "2015-05-09",
        "Saturday",
    ),
    case(
        "The navy will bring its newest corvettes and frigates to the harbour for the review, which opens to the "
        "public from noon on Sunday.",
        "2019-07-24",
        "2019-07-28",
        "Sunday",
    ),
    case(
        "Lavrov held talks in Beijing on Thursday and Friday with his counterpart.",
        "2024-05-18",
        "2024-05-16",
        "Thursday and Friday",
        date="2024-05-16",
        date_end="2024-05-17",
    ),
    case(
        "The ministers met at the Kremlin on Saturday morning to sign the protocol.",
        "2015-05-10",
        "2015-05-09",
        "Saturday morning",
        date="2015-05-09",
    ),
    # Today, yesterday, tomorrow, across month and year ends.
    case("The ministers spoke today about the grain corridor.", "2022-07-04", "2022-07-04", "today"),
    case("The ministers spoke yesterday about the grain corridor.", "2022-07-01", "2022-06-30", "yesterday"),
    case("The ministers will speak tomorrow about the grain corridor.", "2022-12-31", "2023-01-01", "tomorrow"),
    case(
        "Xi held a video call with Putin today, Friday, on energy supplies.",
        "2025-08-08",
        "2025-08-08",
        "today, Friday",
    ),
    # Weeks, months, years relative to the publication date.
    case(
        "Wang Yi travelled to Moscow last week for strategic consultations.",
        "2023-03-22",
        "2023-W11",
        "last week",
        date="2023-03-13",
        date_end="2023-03-19",
    ),
    case(
        "Wang Yi will travel to Moscow next week for strategic consultations.",
        "2023-03-22",
        "2023-W13",
        "next week",
        date="2023-03-27",
        date_end="2023-04-02",
    ),
    case(
        "Wang Yi travelled to Moscow last week for strategic consultations.",
        "2024-01-03",
        "2023-W52",
        "last week",
        date="2023-12-25",
        date_end="2023-12-31",
    ),
    case("Wang Yi travelled to Moscow last month for strategic consultations.", "2023-01-15", "2022-12", "last month"),
    case("Putin flies to Beijing next month for the forum.", "2023-12-10", "2024-01", "next month"),
    case("Trade is expected to grow further this year, customs officials said.", "2023-03-22", "2023", "this year"),
    case("Last year, bilateral trade hit a record high.", "2024-01-10", "2023", "Last year"),
    case("The gas contract was signed two years ago in Shanghai.", "2024-05-17", "2022", "two years ago"),
    case("Deliveries resumed three months ago after a long pause.", "2024-02-10", "2023-11", "three months ago"),
    case(
        "A new round of talks is expected later this year, officials said.",
        "2022-02-10",
        "2022",
        "later this year",
        qualifier=Qualifier.LATE,
    ),
    case(
        "The delegation arrived in Harbin on May 9, 2015. The next day, it left for Moscow.",
        "2015-05-20",
        "2015-05-10",
        "The next day",
    ),
    # Quarters, halves, seasons.
    case(
        "Exports rose sharply in the third quarter of 2022, the data showed.",
        "2023-01-10",
        "2022-Q3",
        "the third quarter of 2022",
        date="2022-07",
        date_end="2022-09",
    ),
    case(
        "Exports rose sharply in the first quarter, the data showed.",
        "2023-06-10",
        "2023-Q1",
        "the first quarter",
        date="2023-01",
        date_end="2023-03",
    ),
    case(
        "Exports fell in the fourth quarter of last year, the data showed.",
        "2023-06-10",
        "2022-Q4",
        "the fourth quarter of last year",
    ),
    case(
        "Imports jumped in the first half of 2024, according to customs.",
        "2024-09-01",
        "2024-H1",
        "the first half of 2024",
        date="2024",
        date_end="2024-06",
    ),
    case(
        "Growth should pick up in the second half of this year, economists say.",
        "2024-03-01",
        "2024-H2",
        "the second half of this year",
        date="2024-07",
        date_end="2024-12",
    ),
    case(
        "The drills are planned for next summer near Vladivostok.", "2024-03-01", "2025-SU", "next summer", date="2025"
    ),
    case("The forum was held in the autumn of 2017 in Moscow.", "2024-03-01", "2017-FA", "the autumn of 2017"),
    case("Heating bills soared last winter across the region.", "2020-06-01", "2019-WI", "last winter"),
    # Durations, sets, the present, clock times.
    case(
        "For the past five years, the two sides have deepened energy ties.",
        "2024-03-01",
        "P5Y",
        "the past five years",
        type="DURATION",
        date=None,
    ),
    case("Banks agreed a 25-year loan to build the plant.", "2020-06-01", "P25Y", "25-year", type="DURATION"),
    case(
        "Grain shipments have grown over the past decade.",
        "2020-06-01",
        "P10Y",
        "the past decade",
        type="DURATION",
    ),
    case(
        "Leaders of the bloc gather every year to review progress.",
        "2024-03-01",
        "P1Y",
        "every year",
        type="SET",
        date=None,
    ),
    case("The commission meets annually in rotating capitals.", "2020-06-01", "P1Y", "annually", type="SET"),
    case("Now the partnership faces a new test.", "2024-03-01", "PRESENT_REF", "Now", date="2024-03-01"),
    case(
        "The talks began at 10:30 a.m. local time.",
        "2024-03-01",
        "2024-03-01T10:30",
        "10:30 a.m.",
        type="TIME",
        date=None,
    ),
    case("The talks began at 3 p.m. local time.", "2024-03-01", "2024-03-01T15:00", "3 p.m.", type="TIME"),
]


# TimeML conventions (TempEval-3): references to the present, past and future; durations.
CASES += [
    case("Grain prices are now higher than in spring.", "2021-06-10", "PRESENT_REF", "now"),
    case("The current talks on fishing quotas stalled.", "2021-06-10", "PRESENT_REF", "current", date=None),
    case("Officials recently visited the border crossing.", "2021-06-10", "PAST_REF", "recently", date=None),
    case("Trade may double in the future, the envoy said.", "2021-06-10", "FUTURE_REF", "the future", date=None),
    case("Cross-border trade swelled in recent years.", "2021-06-10", "PAST_REF", "recent years", date=None),
    case("The envoys talked for five hours in Harbin.", "2021-06-10", "PT5H", "five hours", type="DURATION"),
    case("After a 16-hour flight the delegation landed.", "2021-06-10", "PT16H", "16-hour", type="DURATION"),
    case("The lease runs for at least 20 more years.", "2021-06-10", "P20Y", "at least 20 more years", type="DURATION"),
    case("The region was ruled from Moscow for centuries.", "2021-06-10", "PXCE", "centuries", type="DURATION"),
    case("Prices have climbed in recent months, traders said.", "2021-06-10", "PXM", "recent months", type="DURATION"),
    case("Troops will reach the border within weeks.", "2021-06-10", "PXW", "weeks", type="DURATION"),
    case(
        "Costs will be spread over the next three quarters.",
        "2021-06-10",
        "P3Q",
        "the next three quarters",
        type="DURATION",
    ),
    case("Tariffs may stay for a couple of years.", "2021-06-10", "P2Y", "a couple of years", type="DURATION"),
    case("Revenue was $5 million in the year ended March 31.", "2021-06-10", "P1Y", "the year", type="DURATION"),
    case("Three days later the convoy crossed.", "2021-06-10", "P3D", "Three days", type="DURATION"),
    # Before or after an event, not a date: TimeML marks the stretch of time.
    case("The port reopened a month after the storm hit.", "2021-06-10", "P1M", "a month", type="DURATION"),
    case("One year after he was elected, the mayor quit.", "2021-06-10", "P1Y", "One year", type="DURATION"),
]

# Results news: "a year ago" and "the latest period" are read against the quarter the story reports.
RESULTS = "The miner reported third-quarter profit of $5 million. "
CASES += [
    case(RESULTS + "Sales rose from $3 million a year earlier.", "2021-10-28", "2020-Q3", "a year earlier"),
    case(RESULTS + "Ore output fell from a year ago.", "2021-10-28", "2020-Q3", "a year ago"),
    case(
        RESULTS + "Rail freight earned $2 million, compared with $3 million last year.",
        "2021-10-28",
        "2020-Q3",
        "last year",
    ),
    case(RESULTS + "The mine was bought last year.", "2021-10-28", "2020", "last year"),
    case(RESULTS + "Costs in the latest period rose.", "2021-10-28", "2021-Q3", "the latest period"),
    case(RESULTS + "In the year-ago period it lost money.", "2021-10-28", "2020-Q3", "the year-ago period"),
    case(RESULTS + "In the 2020 period it lost money.", "2021-10-28", "2020-Q3", "the 2020 period"),
    case(RESULTS + "For the quarter a year ago, it lost money.", "2021-10-28", "2020-Q3", "the quarter a year ago"),
    case(
        RESULTS + "Net in the year-earlier third quarter fell.",
        "2021-10-28",
        "2020-Q3",
        "the year-earlier third quarter",
    ),
    case(
        "For the six months ended Aug. 12, net fell from $4 million a year earlier.",
        "2021-10-28",
        "2020-08-12",
        "a year earlier",
    ),
    case(
        "Steel output will slump through the third quarter of 2022. Costs fell from a year ago.",
        "2021-10-28",
        "2020",
        "a year ago",
    ),
    # The year to date compared with the year before: a year, not the quarter.
    case(
        RESULTS + "For the nine months, net rose to $9 million from $7 million a year earlier.",
        "2021-10-28",
        "2020",
        "a year earlier",
    ),
    case(
        RESULTS + "In the first nine months, sales rose. The year-ago figures were restated.",
        "2021-10-28",
        "2020",
        "year-ago",
    ),
    case(RESULTS + "Nine-month net fell from the 2020 period.", "2021-10-28", "2020", "the 2020 period"),
    case(
        RESULTS + "The miner said Friday that ore sales fell from a year earlier.",
        "2021-10-28",
        "2020-Q3",
        "a year earlier",
    ),
    case(
        RESULTS + "In the first half of 2021, sales rose from a year earlier.",
        "2021-10-28",
        "2020-H1",
        "a year earlier",
    ),
    # An earlier quarter named later is background; another company's fiscal quarter is news.
    case(
        RESULTS + "After a flat second quarter, sales rose. Costs fell from a year ago.",
        "2021-10-28",
        "2020-Q3",
        "a year ago",
    ),
    case(
        RESULTS + "A rival posted a fiscal second-quarter loss. The latest period had charges.",
        "2021-10-28",
        "2021-Q2",
        "The latest period",
    ),
    case(RESULTS + "This quarter's loss includes charges.", "2021-10-28", "2021-Q3", "This quarter"),
    case("Profit should rise this quarter, the bank said.", "2021-10-28", "2021-Q4", "this quarter"),
    # A quarter named by its last day: the three months to that day.
    case("Profit will rise in the quarter ending Dec. 31.", "2021-11-02", "2021-Q4", "the quarter"),
    case("In the quarter ended Feb. 28, sales fell.", "2021-11-02", "2021-Q1", "the quarter"),
    # A quarter in progress reported as over is a fiscal one: the story is about it.
    case(
        "The grocer reported lower fourth-quarter earnings. Sales in the latest period rose.",
        "2021-11-02",
        "2021-Q4",
        "the latest period",
    ),
    case("Profit fell in the fourth quarter, the bank said.", "2022-01-20", "2021-Q4", "the fourth quarter"),
    case("Profit may rise in the fourth quarter, the bank said.", "2021-10-20", "2021-Q4", "the fourth quarter"),
    case(
        "Exports could rise as soon as next year's first quarter.", "2021-10-20", "2022-Q1", "next year's first quarter"
    ),
]

# Tense across a long clause; "expected", "planned", "as soon as" look ahead.
CASES += [
    case(
        "Closing of the purchase of the Harbin grain terminal, which is expected in December, needs approval.",
        "2021-10-28",
        "2021-12",
        "December",
    ),
    case(
        "Colonel Ivanova will be named commander of the joint Sino-Russian orbital mission in December.",
        "2021-03-04",
        "2021-12",
        "December",
    ),
    case(
        "The ferry operator planned to leave Harbin on Thursday for Khabarovsk.", "2021-09-29", "2021-09-30", "Thursday"
    ),
    case(
        "The convoy could cross the border as soon as Tuesday, officials said.", "2021-09-27", "2021-09-28", "Tuesday"
    ),
    case("The port handled 2 million tonnes in the year ended March 31.", "2021-11-01", "2021-03-31", "March 31"),
    case("Local elections are due in April across the region.", "2013-03-22", "2013-04", "April"),
    case("Prices peaked at the end of last month.", "2013-03-22", "2013-02", "the end of last month"),
    # "last February" in March is a year back: the month just gone would be "last month".
    case("Two helicopters crashed last February near the border.", "2021-03-01", "2020-02", "last February"),
    case("Two helicopters crashed this past February.", "2021-03-01", "2021-02", "this past February"),
    case("The court will hear the case the week of March 6.", "2021-02-24", "2021-W09", "the week of March 6"),
    case(
        "The envoy was recalled last October; his post was filled that same day.",
        "2021-02-06",
        "2020-10-XX",
        "that same day",
    ),
    # Modals look ahead; a capitalised word ending in -ed ("United") is no past verb.
    case("Both states can take part in the summit in April.", "2021-12-05", "2022-04", "April"),
    case("The deal may have been signed in March, officials said.", "2021-02-10", "2020-03", "March"),
    case(
        "His office announced that the envoy would be travelling to the United States Thursday.",
        "2021-04-07",
        "2021-04-08",
        "Thursday",
    ),
    # "an unspecified date" is an adjective, "a hundred" a number: neither is a past verb.
    case("The bonus would be paid on a still unspecified date in January.", "2021-10-26", "2022-01", "January"),
    case(
        "Shops can't find tenants. Flats worth a hundred million roubles in October are worth half that now.",
        "2022-01-08",
        "2021-10",
        "October",
    ),
    case(
        "Brokers said funds were likely to buy the shares as soon as trading opened Monday.",
        "2021-09-29",
        "2021-10-04",
        "Monday",
    ),
    case("The offer had been due to expire Friday, the bank said.", "2021-10-04", "2021-10-01", "Friday"),
    case("The ministry announced a three-day trip starting from Monday.", "2025-03-28", "2025-03-31", "Monday"),
    case(
        'Xinhua said the leaders "agreed to jointly push for a settlement" at a closed meeting Monday evening.',
        "2017-07-04",
        "2017-07-03TEV",
        "Monday evening",
    ),
    case("Lawyers say little when the case is heard in May.", "2021-03-29", "2021-05", "May"),
    # "until" sets a deadline ahead, unless the sentence opens with it or the clause looks back.
    case("Customs officials postponed until Tuesday any ruling on the cargo.", "2021-09-29", "2021-10-05", "Tuesday"),
    case("Until Tuesday, the two banks had not settled in roubles.", "2021-09-29", "2021-09-28", "Tuesday"),
    case("The drills lasted until Tuesday, the ministry said.", "2021-09-29", "2021-09-28", "Tuesday"),
    case("Ten of the members had filed their reports by Tuesday.", "2021-09-29", "2021-09-28", "Tuesday"),
    case("The ministry gave the firm until mid-November to reply.", "2021-10-30", "2021-11", "mid-November"),
]

# Years and decades in words, centuries, holidays, weekends, seasons, year ends.
CASES += [
    case("The treaty was signed in nineteen ninety-six in Shanghai.", "1998-02-27", "1996", "nineteen ninety-six"),
    case("Talks resumed in January nineteen ninety-seven.", "1998-02-27", "1997-01", "January nineteen ninety-seven"),
    case("The link should open by the year two thousand.", "1998-02-27", "2000", "the year two thousand"),
    case("Border trade boomed in the nineties.", "2005-02-27", "199X", "the nineties", date="199X"),
    case("The monastery dates from the 11th century.", "2005-02-27", "10", "the 11th century", date=None),
    case("The ferry sank on Thanksgiving Day off the coast.", "2000-01-07", "1999-11-25", "Thanksgiving Day"),
    case("The envoy will be home by Christmas.", "1998-10-26", "1998-12-25", "Christmas"),
    case("Pilgrims gathered on Easter Sunday in Moscow.", "2024-04-10", "2024-03-31", "Easter Sunday"),
    case("Rail traffic was halted over the weekend.", "1990-08-13", "1990-W32-WE", "the weekend"),
    case("The talks will resume over the weekend.", "1990-08-13", "1990-W33-WE", "the weekend"),
    case(
        "Orders were weak in the early summer.", "1989-10-26", "1989-SU", "the early summer", qualifier=Qualifier.EARLY
    ),
    case("Shipments rose this past spring.", "1989-10-26", "1989-SP", "this past spring"),
    case("The bank hopes to close the deal by year-end.", "1989-11-02", "1989", "year-end", mod="END"),
    case("The index has risen 12% since year-end.", "1989-10-30", "1988", "year-end", mod="END"),
    case("He left Harbin in June 1998 and returned later that year.", "2000-01-28", "1998", "later that year"),
    case("Output slowed earlier in the year.", "1989-10-26", "1989", "earlier in the year"),
    case("Sales for the full year rose 4%.", "1989-11-02", "1989", "the full year"),
    case("In fiscal 1989, the port earned $7 million.", "1989-11-02", "1989", "fiscal 1989"),
    case("For the year, grain volume was flat.", "1989-11-02", "1989", "the year"),
    case(
        "The talks ended on Wednesday evening.", "2000-03-30", "2000-03-29TEV", "Wednesday evening", date="2000-03-29"
    ),
    case("Sales should grow in the current fiscal year.", "1989-11-02", "1989", "the current fiscal year"),
    case("Shipments start early next year.", "1989-10-27", "1990", "early next year", qualifier=Qualifier.EARLY),
    case("The pact was signed nearly four years ago.", "1998-02-27", "1994", "nearly four years ago", mod="APPROX"),
    case("A decade ago, the crossing was closed.", "1998-02-27", "1988", "A decade ago"),
    case("Police reopened the October shooting case.", "1999-04-19", "1998-10", "October"),
    case("Traders shrugged off yesterday's rate cut.", "1999-04-19", "1999-04-18", "yesterday"),
    case("Exports rose in the first half of the year.", "2013-09-01", "2013-H1", "the first half of the year"),
    case(
        "Demand should hold through the first two quarters of 2014.",
        "2013-09-01",
        "2014-H1",
        "the first two quarters of 2014",
    ),
    case("Hate crimes rose over the past year, police said.", "1998-03-03", "1997", "the past year"),
    case(
        "The boy was rescued six weeks ago off Florida.",
        "2000-01-06",
        "1999-W47",
        "six weeks ago",
        date="1999-11-22",
        date_end="1999-11-28",
    ),
    case("The border post closed a few days ago.", "2013-09-01", "PAST_REF", "a few days ago", date=None),
    case("The ferry to Harbin sails every Monday.", "2013-09-01", "XXXX-WXX-1", "every Monday", type="SET"),
    case("The commission meets twice a year in Beijing.", "2013-09-01", "P1Y", "twice a year", type="SET"),
    case("The pipeline saves $2 million a year in fees.", "2013-09-01", "P1Y", "a year", type="SET"),
    case("The route adds 700 seats a week.", "2013-09-01", "P1W", "a week", type="SET"),
    case("Job figures for January beat forecasts.", "1998-02-06", "1998-01", "January"),
    case("Analysts revised December's trade data.", "1998-02-06", "1997-12", "December"),
    case(
        "The offer will expire at 5 p.m. EST Tuesday.",
        "2000-04-03",
        "2000-04-04T17:00",
        "5 p.m. EST Tuesday",
        type="TIME",
    ),
    case(
        "The kidnappers struck at 10 p.m. Wednesday, police said.",
        "1998-02-13",
        "1998-02-11T22:00",
        "10 p.m. Wednesday",
        type="TIME",
    ),
]

NOT_TEMPORAL = [
    ("The 6-year-old boy waved a flag at the border.", "6-year"),
    ("As previously agreed, the customs posts stay open.", "previously"),
    ("The ministers will meet again soon.", "soon"),
    ("The current account surplus narrowed.", "current"),
    ("The quarter-to-quarter comparison was flattering.", "quarter"),
    ("Turnout was a quarter of the electorate.", "quarter"),
    ("Two thousand people marched in Harbin.", "thousand"),
    ("Young people in today's China travel widely.", "today"),
    ("Shares were sold at 90% of the then current price.", "current"),
    ("Turnout rose to about three-quarters of voters.", "quarter"),
    ("After the fall of the Berlin Wall, trade changed.", "fall"),
]


@pytest.mark.parametrize(("sentence", "word"), NOT_TEMPORAL)
def test_words_timeml_leaves_unmarked(sentence: str, word: str) -> None:
    assert [e.text for e in _find(sentence, "2024-03-01") if word in e.text] == []


@pytest.mark.parametrize(("sentence", "pub", "value", "span", "extra"), CASES)
def test_find(sentence: str, pub: str, value: str, span: str, extra: dict[str, Any]) -> None:
    found = _find(sentence, pub)
    by_text = {e.text: e for e in found}
    assert span in by_text, f"expected {span!r} among {[e.text for e in found]}"
    expression = by_text[span]
    assert expression.value == value
    assert sentence[expression.start : expression.end] == span
    for attribute, expected in extra.items():
        actual = getattr(expression, attribute)
        if attribute in {"date", "date_end"}:
            assert (str(actual) if actual is not None else None) == expected, attribute
        else:
            assert actual == expected, attribute
    if "type" not in extra:
        assert expression.type == "DATE"
    if expression.type == "DATE" and value[:4].isdigit() and "date" not in extra:
        # A calendar value always comes with a calendar reading of the same year.
        assert expression.date is not None
        assert expression.date.year == int(value[:4])


def test_case_table_is_large() -> None:
    assert len(CASES) >= 45


def test_timeml_marks_each_end_of_a_range() -> None:
    text = "The envoy spoke Friday and Thursday. Tariffs rose from 1991 to 1997. The forum met on May 4 and 5."
    found = _find(text, "1998-06-05")
    # Events are dated by the range as one.
    assert [e.text for e in found] == ["Friday and Thursday", "1991 to 1997", "May 4 and 5"]
    marked = [(e.text, e.value, text[e.start : e.end]) for e in timeml(found)]
    assert marked == [
        ("Friday", "1998-06-05", "Friday"),
        ("Thursday", "1998-06-04", "Thursday"),
        ("1991", "1991", "1991"),
        ("1997", "1997", "1997"),
        ("May 4", "1998-05-04", "May 4"),
        ("5", "1998-05-05", "5"),
    ]


def test_a_range_naming_two_months_is_one_date_and_two_timexes() -> None:
    text = "The navies held drills between July 21 and August 2. Talks ran from December 30 to January 2."
    found = _find(text, "2017-08-10")
    assert [(e.text, str(e.date), str(e.date_end)) for e in found] == [
        ("July 21 and August 2", "2017-07-21", "2017-08-02"),
        ("December 30 to January 2", "2016-12-30", "2017-01-02"),
    ]
    assert [(e.text, e.value) for e in timeml(found)] == [
        ("July 21", "2017-07-21"),
        ("August 2", "2017-08-02"),
        ("December 30", "2016-12-30"),
        ("January 2", "2017-01-02"),
    ]


def test_offsets_respect_the_start_offset() -> None:
    text = "HEADER LINE WITHOUT DATES\nXi visited Moscow on March 21, 2023, for talks."
    offset = text.index("Xi")
    found = find(text, None, offset)
    assert [e.text for e in found] == ["March 21, 2023"]
    assert text[found[0].start : found[0].end] == "March 21, 2023"


NEGATIVES = [
    "You may leave now.",
    "We met at 10 Downing St.",
    "The $2018 fee was waived for visiting scholars.",
    "It cost 2019 yuan to ship each crate to Harbin.",
    "He ranked 70th in the survey of influential figures.",
    "The resolution passed by a 2-1 vote in the committee.",
    "Sat on the committee for years, he knew its habits.",
    "Some 2020 troops took part in the exercise.",
    "Article No. 2019 of the code sets out the rules.",
    "The convoy carried 2,018 tonnes of grain.",
    "Trade reached 2019.5 billion yuan.",
    "Grain exports reached 2018 tons.",
    "Bilateral trade rose 2.5% in value.",
    "The March of the Volunteers was played at the ceremony.",
    "The May Day holiday saw record travel.",
    "Xi and Putin may meet again soon.",
    "The ratio stood at 3/4 of the total.",
    "He scored 12 of 20 in the quiz.",
    "They signed it in Sun Island Park in Harbin.",
    "The delegation will march on to Harbin.",
    "Russia delivered S-400 systems and Su-35 jets to China.",
    "The two countries share a 4,209-kilometre border.",
    "The 2000 km pipeline crosses Siberia.",
    "The index closed at 3,051.5 points.",
    "Passengers on flight SU2021 to Beijing were delayed by fog.",
    "The Hang Seng index rose 2019 points after the announcement.",
]


@pytest.mark.parametrize("sentence", NEGATIVES)
def test_no_calendar_date(sentence: str) -> None:
    # "now" is the publication date by definition (PRESENT_REF); anything else with a date is a false reading.
    dated = [
        e for e in _find(sentence, "2024-03-01") if e.type == "DATE" and e.date is not None and e.value != "PRESENT_REF"
    ]
    assert dated == []


def test_modal_may_is_not_a_month() -> None:
    for sentence in ["You may leave now.", "Xi and Putin may meet again soon.", "Officials said talks may resume."]:
        found = _find(sentence, "2024-03-01")
        assert all("may" not in e.text.lower() for e in found)
        assert all(e.date is None or e.date.month is None or e.value == "PRESENT_REF" for e in found)


UNANCHORED = [
    ("Xi held talks with Putin on Monday in the Kremlin.", "Monday", "XXXX-XX-XX"),
    ("The ministers spoke yesterday about the grain corridor.", "yesterday", "XXXX-XX-XX"),
    ("The ministers spoke today about the grain corridor.", "today", "PRESENT_REF"),
    ("Wang Yi travelled to Moscow last week for strategic consultations.", "last week", "XXXX-WXX"),
    ("Wang Yi travelled to Moscow last month for strategic consultations.", "last month", "XXXX-XX"),
    ("Last year, bilateral trade hit a record high.", "Last year", "XXXX"),
    ("The gas contract was signed two years ago in Shanghai.", "two years ago", "XXXX"),
    ("The envoys met in Beijing on March 3 to discuss grain exports.", "March 3", "XXXX-03-03"),
    ("The ministers met in October to review the energy dialogue.", "October", "XXXX-10"),
    ("The expo will open this November in Shanghai.", "this November", "XXXX-11"),
    ("Exports rose sharply in the first quarter of this year.", "the first quarter of this year", "XXXX-Q1"),
    ("Imports jumped in the first half of next year.", "the first half of next year", "XXXX-H1"),
    ("The drills are planned for next summer near Vladivostok.", "next summer", "XXXX-SU"),
    ("The talks began at 10:30 a.m. local time.", "10:30 a.m.", "XXXX-XX-XXT10:30"),
]


@pytest.mark.parametrize(("sentence", "span", "value"), UNANCHORED)
def test_relative_without_publication_date_stays_unresolved(sentence: str, span: str, value: str) -> None:
    found = _find(sentence, None)
    expression = next(e for e in found if e.text == span)
    assert expression.date is None
    assert expression.value == value
    today = dt.date.today()
    for e in found:  # never today's date in any form
        assert str(today.year) not in e.value
        assert e.date is None


@pytest.mark.parametrize(
    ("sentence", "pub", "span"),
    [
        ("Xi held talks with Putin on Monday in the Kremlin.", "2023", "Monday"),
        ("Xi held talks with Putin on Monday in the Kremlin.", "2023-03", "Monday"),
        ("The ministers spoke yesterday about the grain corridor.", "2023-03", "yesterday"),
        ("Wang Yi travelled to Moscow last week for talks.", "2023-03", "last week"),
        ("Wang Yi travelled to Moscow last month for talks.", "2023", "last month"),
    ],
)
def test_coarse_publication_date_does_not_invent_days(sentence: str, pub: str, span: str) -> None:
    expression = next(e for e in _find(sentence, pub) if e.text == span)
    assert expression.date is None


def test_coarse_publication_date_still_gives_the_year() -> None:
    expression = next(e for e in _find("The ministers met in October in Moscow.", "2023") if e.text == "October")
    assert expression.date == PartialDate.parse("2023-10")


def test_roles_dateline_and_reporting() -> None:
    text = "MOSCOW, May 25 (Xinhua) -- The talks were held on Tuesday, the Kremlin said on Wednesday."
    found = {e.text: e for e in _find(text, "2023-05-25")}
    assert found["May 25"].role == "dateline"
    assert found["Wednesday"].role == "reporting"
    assert found["Tuesday"].role is None
    assert found["Tuesday"].date == PartialDate.parse("2023-05-23")


@pytest.mark.parametrize(
    "text",
    [
        "VLADIVOSTOK, Russia, Sept. 11 (Xinhua) -- Xi Jinping met Vladimir Putin on Tuesday.",
        "KAZAN, Russia, Oct 22 (Reuters) - Putin and Xi held talks before the BRICS summit.",
        "Vladivostok, Sept 11 : Xi Jinping met Vladimir Putin on Tuesday.",
        "VLADIVOSTOK, Sept 11. Xi Jinping met Vladimir Putin on Tuesday.",
    ],
)
def test_a_dateline_may_name_the_country_after_the_city(text: str) -> None:
    dated = next(e for e in _find(text, "2018-09-11") if e.date is not None and e.text.startswith(("Sept", "Oct")))
    assert dated.role == "dateline"


def test_a_sentence_opening_on_a_place_and_date_is_no_dateline() -> None:
    dated = next(e for e in _find("In Vladivostok, on Sept 11. Xi met Putin.", "2018-09-11") if e.text == "Sept 11")
    assert dated.role != "dateline"


def test_without_a_publication_date_a_month_and_day_take_the_year_the_text_is_at() -> None:
    text = "Chronology of 2019. The envoys met in March. Putin and Xi meet on April 26 in Beijing."
    found = {e.text: e for e in find(text, None)}
    assert found["April 26"].date == PartialDate.parse("2019-04-26")
    assert found["April 26"].anchor == "previous"
    assert find("Putin and Xi meet on April 26 in Beijing.", None)[0].date is None  # no year anywhere before


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a day written with its year sets the year of the past told right after it
        ("The year was launched on Jan 1, 2006. The presidents attended its opening on March 21.", "2006-03-21"),
        # a year alone does not: news after background
        ("The treaty was signed in 2001. The presidents extended it on March 21.", "2013-03-21"),
        # nor does a date of the publication year, nor a clause that looks ahead
        ("The fair opened on Jan 10, 2013. The presidents attended it on March 21.", "2013-03-21"),
        ("The talks were held on May 5, 2012. The presidents will meet again on March 29.", "2013-03-29"),
    ],
)
def test_a_month_and_day_in_a_narrative_of_a_past_year(text: str, expected: str) -> None:
    found = [e for e in _find(text, "2013-03-23") if e.text.startswith("March")]
    assert str(found[0].date) == expected


def test_day_offset_after_a_date_reads_the_clause() -> None:
    text = "Moscow recognised the new government on Oct 2, 1949, the day after Mao proclaimed it in Beijing."
    found = {e.text: e for e in _find(text, "2024-01-01")}
    offset = found["the day after"]
    # The phrase names Oct 2 again and dates the clause it introduces to the day before.
    assert offset.date == PartialDate.parse("1949-10-02")
    assert offset.clause_date == PartialDate.parse("1949-10-01")


def _rule_examples() -> list[Any]:
    params = []
    for rule in load_rules("dates.toml").rule:
        for number, (text, pub, expected) in enumerate(rule.examples):
            params.append(pytest.param(text, pub, expected, id=f"{rule.id}-{number}"))
    return params


@pytest.mark.parametrize(("text", "pub", "expected"), _rule_examples())
def test_rule_examples(text: str, pub: str, expected: str) -> None:
    values = [e.value for e in find(text, PartialDate.parse(pub))]
    assert expected in values


def _rule_counter_examples() -> list[Any]:
    return [
        pytest.param(rule.id, text, id=f"{rule.id}-{number}")
        for rule in load_rules("dates.toml").rule
        for number, text in enumerate(rule.counter_examples)
    ]


@pytest.mark.parametrize(("rule_id", "text"), _rule_counter_examples())
def test_rule_counter_examples_find_nothing_of_that_rule(rule_id: str, text: str) -> None:
    assert [e.text for e in find(text, PartialDate.parse("2024-03-01")) if e.rule == rule_id] == []


def test_every_date_rule_has_an_example() -> None:
    rules = load_rules("dates.toml").rule
    assert rules
    assert [r.id for r in rules if not r.examples] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2019", "2019"),
        ("2019-06", "2019-06"),
        ("2019-06-05", "2019-06-05"),
        ("June 2019", "2019-06"),
        ("5 June 2019", "2019-06-05"),
        ("June 5, 2019", "2019-06-05"),
        ("  2019-06  ", "2019-06"),
    ],
)
def test_parse_date_option(text: str, expected: str) -> None:
    assert str(parse_date_option(text)) == expected


def test_parse_date_option_rejects_nonsense() -> None:
    with pytest.raises(ValueError, match="not a date"):
        parse_date_option("not a date")


@pytest.mark.parametrize(
    ("text", "published"),
    [("They met tomorrow and next week.", "9999-12-31"), ("They met yesterday and last week.", "0001-01-01")],
)
def test_a_date_past_the_calendar_edge_is_no_date(text: str, published: str) -> None:
    """Resolved against the first or last day of the calendar, 'tomorrow' has no day: no date, no crash."""
    assert all(e.date is None for e in _find(text, published) if e.text in {"tomorrow", "yesterday"})
