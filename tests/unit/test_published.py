"""Publication dates found in a page's URL or text, or inferred as a lower bound."""

from __future__ import annotations

import pytest

from sinorus_timeline import published
from sinorus_timeline.models import DateOrigin, PartialDate
from sinorus_timeline.published import date_from_url, find_published


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.example.com/world/2018/06/08/xi-putin-story.html", "2018-06-08"),
        ("http://www.xinhuanet.com/english/2021-06/28/c_1310034.htm", "2021-06-28"),
        ("https://news.example.ru/politics/article-20240704.htm", "2024-07-04"),
        ("https://www.example.pk/news/15-May-2019/xi-meets-putin", "2019-05-15"),
        ("http://en.people.cn/n/2015/0510/c90883-8890617.html", "2015-05-10"),
        ("https://example.com/2019/06/summit-analysis/", "2019-06"),
        ("https://www.example.com/news/2022/9/1/war-games-explained", "2022-09-01"),
        ("https://example.com/news/2023_10_18_story", "2023-10-18"),
        ("http://www.example.com.cn/a/202505/09/WS681da5a8a310a04af22be64e.html", "2025-05-09"),
        ("https://example.com/politics/201702091050499264-ties/", "2017-02-09"),  # run into 10:50 and an id
        ("https://example.com/politics/201702093450499264-ties/", None),  # no 34:50: an id, not a stamp
        ("https://example.com/news/xi-putin-talks", None),
        ("https://example.com/2019/13/40/story", None),  # no month 13: nothing is made up
        ("https://example.com/1985/06/08/archive", None),  # before the web: not a publication date
        ("https://2018.example.com/story", None),  # the host is not the path
        ("", None),
        (None, None),
    ],
)
def test_date_from_url(url: str | None, expected: str | None) -> None:
    date = date_from_url(url)
    assert (str(date) if date else None) == expected


def test_published_label_line() -> None:
    text = "Xi and Putin hold talks in Moscow\nPublished: 2019/6/5 18:13\nThe two leaders met on Wednesday.\n"
    found = find_published(text, 0, None)
    assert found.date == PartialDate.parse("2019-06-05")
    assert found.origin == DateOrigin.TEXT
    assert found.certain is True
    assert found.note is not None and "Published" in found.note


def test_published_label_beats_updated_label() -> None:
    text = "Updated: 2019-06-07\nPublished: 2019-06-05\nThe two leaders met in Moscow on Wednesday.\n"
    assert find_published(text, 0, None).date == PartialDate.parse("2019-06-05")


def test_timestamp_line() -> None:
    text = (
        "Xi and Putin hold talks in Moscow\n2019-06-05 18:13\nThe two leaders met on Wednesday and discussed trade.\n"
    )
    found = find_published(text, 0, None)
    assert found.date == PartialDate.parse("2019-06-05")
    assert found.note is not None and "timestamp" in found.note


def test_wire_dateline_takes_the_year_from_the_text() -> None:
    text = (
        "BEIJING, Oct 18 (Reuters) - Chinese President Xi Jinping met Russian President Vladimir Putin on "
        "Wednesday.\nThe two leaders last met in Moscow in March 2023, when they signed two joint statements.\n"
    )
    found = find_published(text, 0, None)
    assert found.date == PartialDate.parse("2023-10-18")
    assert found.origin == DateOrigin.TEXT
    assert found.note is not None and "dateline" in found.note


def test_wire_dateline_takes_the_year_from_the_url() -> None:
    text = "MOSCOW, March 21 (Xinhua) -- Xi Jinping held talks with Vladimir Putin in the Kremlin on Tuesday.\n"
    found = find_published(text, 0, "http://news.example.cn/2023-03/21/c_112.htm")
    assert found.date == PartialDate.parse("2023-03-21")


def test_wire_dateline_without_any_year_is_unknown() -> None:
    text = "MOSCOW, March 21 (Xinhua) -- Xi Jinping held talks with Vladimir Putin in the Kremlin on Tuesday.\n"
    found = find_published(text, 0, None)
    assert found.date is None
    assert found.origin == DateOrigin.UNKNOWN
    assert found.note is not None and "no year" in found.note


def test_wire_dateline_takes_the_year_of_a_milestone_anniversary_over_an_older_year() -> None:
    text = (
        "BEIJING, May 16. /TASS/. Xi Jinping and Vladimir Putin signed a statement on the 75th anniversary "
        "of the establishment of diplomatic ties between the two countries. They first met in 2013.\n"
    )
    found = find_published(text, 0, None)
    assert found.date == PartialDate.parse("2024-05-16")
    assert found.note is not None and "75th anniversary" in found.note


def test_dateline_with_the_outlet_and_date_in_brackets() -> None:
    text = "Headline\n\nMOSCOW (Pakistan Point News / Sputnik - 27th March, 2019) The premiers will meet in Beijing.\n"
    assert find_published(text, 0, None).date == PartialDate.parse("2019-03-27")


def test_a_title_with_an_aside_in_brackets_is_no_dateline() -> None:
    text = "Analysis\n\nThe treaty (whose first draft dates from 1996) was signed by Xi and Putin in Moscow.\n"
    assert find_published(text, 0, None).origin != DateOrigin.TEXT


def test_tass_dateline() -> None:
    text = (
        "MOSCOW, May 25. /TASS/. Russian Prime Minister Mikhail Mishustin will visit China next week, the "
        "government said. The trip was agreed in 2024 during talks in Beijing.\n"
    )
    assert find_published(text, 0, None).date == PartialDate.parse("2024-05-25")


def test_dateline_beats_header_date_line_with_weekday() -> None:
    # The page header shows the site's date of today; the dateline says when the story was filed.
    text = (
        "Friday, October 20, 2023\n"
        "MOSCOW, Oct. 18 (Xinhua) -- Russian President Vladimir Putin held talks with Chinese President Xi "
        "Jinping in Beijing on Wednesday.\n"
    )
    found = find_published(text, 0, None)
    assert found.date == PartialDate.parse("2023-10-18")
    assert found.note is not None and "dateline" in found.note


def test_full_dateline_beats_header_date_line_with_weekday() -> None:
    text = (
        "Friday, October 20, 2023\n"
        "MOSCOW, October 18, 2023 (Xinhua) -- Russian President Vladimir Putin held talks with Chinese "
        "President Xi Jinping in Beijing on Wednesday.\n"
    )
    assert find_published(text, 0, None).date == PartialDate.parse("2023-10-18")


def test_lone_date_line_is_used() -> None:
    text = "October 20, 2023\nThe two leaders held long talks in Beijing on Friday about energy.\n"
    found = find_published(text, 0, None)
    assert found.date == PartialDate.parse("2023-10-20")
    assert found.origin == DateOrigin.TEXT


def test_url_day_is_used_when_the_text_prints_none() -> None:
    text = "Xi Jinping held talks with Vladimir Putin on Tuesday in Moscow for several hours.\n"
    found = find_published(text, 0, "https://example.com/2019/06/05/story.html")
    assert found.date == PartialDate.parse("2019-06-05")
    assert found.origin == DateOrigin.URL


def test_no_date_at_all_is_unknown() -> None:
    text = "The two leaders have met many times and their ties are said to be strong.\n"
    found = find_published(text, 0, None)
    assert found.date is None
    assert found.origin == DateOrigin.UNKNOWN


def test_only_years_give_an_inferred_lower_bound() -> None:
    text = (
        "Relations improved in 2001 with a treaty of friendship. Trade grew strongly in 2014 and again in "
        "2019, analysts said, while ties of the 1990s were cooler.\n"
    )
    found = find_published(text, 0, None)
    assert found.date == PartialDate.parse("2019")  # the latest year; decades do not count
    assert found.origin == DateOrigin.INFERRED
    assert found.certain is False


def test_full_date_inside_a_body_sentence_is_not_the_publication_date() -> None:
    text = (
        "The two countries signed their treaty of good-neighbourliness on July 16, 2001, in Moscow, which set "
        "the basis for relations.\n"
    )
    found = find_published(text, 0, None)
    assert found.origin == DateOrigin.INFERRED
    assert found.date == PartialDate.parse("2001")
    assert found.certain is False


def test_search_starts_at_the_body() -> None:
    head = "---\ntitle: Published 1999-01-01 notes\n---\n"
    text = head + "Published: 2019/6/5 18:13\nBody text of the story follows here.\n"
    assert find_published(text, len(head), None).date == PartialDate.parse("2019-06-05")


def test_full_dateline_with_mixed_case_wire_tag() -> None:
    text = (
        "NEW YORK, Oct. 18, 2023 /PRNewswire/ -- A trade group said on Wednesday that its members' exports "
        "to Russia rose sharply in the third quarter.\n"
    )
    found = find_published(text, 0, None)
    assert found.date == PartialDate.parse("2023-10-18")


def test_anniversary_this_year_fixes_the_year() -> None:
    text = "Analysis\n\nThis year marks the 75th anniversary of diplomatic relations, established in 1949.\n"
    found = find_published(text, 0, None)
    assert found.date == PartialDate.parse("2024")
    assert found.origin.value == "inferred" and found.certain
    assert "75th anniversary" in (found.note or "")


def test_latest_year_is_only_a_lower_bound() -> None:
    found = find_published("Analysis\n\nThe two leaders met in 2019 and again in 2021.\n", 0, None)
    assert found.date == PartialDate.parse("2021")
    assert not found.certain


@pytest.mark.parametrize(
    ("first", "looked_at"),
    [
        ("Published: 2024-05-17 10:42", True),
        ("October 19, 2023", True),
        ("MOSCOW, May 25 (Xinhua) -- The talks between the two leaders were held in the Kremlin on Tuesday.", True),
        ("The report released on October 19, 2023 said that trade between the two countries rose sharply.", True),
        (
            "The visit is significant as this year marks the 75th anniversary of diplomatic relations between them.",
            False,
        ),
    ],
)
def test_only_paragraph_openings_that_can_date_the_article_are_read(first: str, looked_at: bool) -> None:
    assert published._may_date_the_article(first) is looked_at


def test_a_long_opening_sentence_is_not_read_for_the_publication_date() -> None:
    text = (
        "Xi and Putin met again this week.\n"
        "The visit is significant as on October 1, 2024 the two marked 75 years of ties between their nations.\n"
    )
    found = published.find_published(text, 0, None)
    assert found.origin == DateOrigin.INFERRED  # a date inside the story is not when it was published


def test_a_day_first_dashed_stamp() -> None:
    text = "Talks in Moscow\nNews Desk | Updated: 14-03-2024 10:05 IST\nThe ministers met on Wednesday.\n"
    found = find_published(text, 0, None)
    assert found.date == PartialDate.parse("2024-03-14")
    assert found.origin == DateOrigin.TEXT


def test_a_readout_without_a_date_of_its_own_is_of_the_day_its_lead_opens_on() -> None:
    text = (
        "Premier Meets Prime Minister\n\nOn the morning of March 4, 2018 local time, the premier met the Russian "
        "prime minister in Beijing. The two sides agreed to hold the years of friendship in 2019 and 2020.\n"
    )
    found = find_published(text, 0, None)
    assert found.date == PartialDate.parse("2018-03-04")  # the years ahead do not say it was written later
    assert found.origin == DateOrigin.INFERRED
    assert found.certain


def test_a_caption_closing_on_its_day_dates_the_page() -> None:
    text = "Leaders sign deals\n\nThe two presidents attend a signing ceremony in Beijing, Nov. 9, 2014.\n"
    assert find_published(text, 0, None).date == PartialDate.parse("2014-11-09")


def test_a_lead_on_history_is_not_the_day_of_writing() -> None:
    text = (
        "A partnership examined\n\nOn May 8, 2015, the two leaders signed a statement in Moscow. Since then trade "
        "grew strongly and reached a record in 2023.\n"
    )
    found = find_published(text, 0, None)
    assert found.date == PartialDate.parse("2023")
    assert found.certain is False


def test_a_title_closing_on_its_day_dates_the_page() -> None:
    text = "Spokesperson's Regular Press Conference on March 3, 2017\n\nQ: Will the minister travel to Moscow?\n"
    assert find_published(text, 0, None).date == PartialDate.parse("2017-03-03")


def test_the_lead_may_follow_a_headline_that_ends_like_a_sentence() -> None:
    text = "The minister meets the secretary.\nOn May 4, 2026, the minister met the secretary in Beijing.\n"
    assert find_published(text, 0, None).date == PartialDate.parse("2026-05-04")


def test_a_yearless_dateline_takes_the_year_in_which_its_lead_s_weekday_falls() -> None:
    text = (
        "Trade rises\n\nBEIJING, April 13 (Reuters) - Trade with Russia rose 28% in January-March, a customs "
        "spokesman said on Wednesday. Trade had reached 190 billion yuan in January-March 2021.\n"
    )
    found = find_published(text, 0, None)
    assert found.date == PartialDate.parse("2022-04-13")  # a Wednesday; 2021-04-13 was a Tuesday
