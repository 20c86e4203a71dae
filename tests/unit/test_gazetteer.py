"""People and places: aliases, offices held at a date, and where a country counts as a place."""

from __future__ import annotations

import datetime as dt

import pytest

from sinorus_timeline import gazetteer
from sinorus_timeline.errors import RulesError
from sinorus_timeline.gazetteer import find_people, find_places, holder, last_election, offices, unique


def people(text: str, when: dt.date | None = None) -> list[str]:
    return [m.name for m in find_people(text, when)]


def places(text: str) -> list[tuple[str, str]]:
    return [(m.name, m.kind) for m in find_places(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Xi met Putin in Moscow.", ["Xi Jinping", "Vladimir Putin"]),
        ("Sergey Lavrov and Wang Yi spoke by phone.", ["Sergei Lavrov", "Wang Yi"]),
        ("Vladimir V. Putin greeted Dmitri Medvedev.", ["Vladimir Putin", "Dmitry Medvedev"]),
        ("Putin’s aide Yuri Ushakov briefed reporters.", ["Vladimir Putin", "Yuri Ushakov"]),
        ("Xinhua and Xiamen officials said Xiang agreed.", []),  # aliases match whole words only
        ("Li Qiang met Mishustin, while Li Keqiang had retired.", ["Li Qiang", "Mikhail Mishustin", "Li Keqiang"]),
        ("Anti-Putin protests and O'Putin posters; Putin spoke.", ["Vladimir Putin"]),  # inside a word: not a name
        ("The pro-Xi Jinping camp", []),
        (
            "The Xi-Putin summit followed the Lavrov–Wang Yi talks.",
            ["Xi Jinping", "Vladimir Putin", "Sergei Lavrov", "Wang Yi"],
        ),
    ],
)
def test_people_by_alias(text: str, expected: list[str]) -> None:
    assert people(text) == expected


def test_mentions_carry_offsets() -> None:
    text = "On Monday, Xi Jinping met Putin."
    for mention in find_people(text, None):
        assert mention.kind == "person"
        assert text[mention.start : mention.end] in {"Xi Jinping", "Putin"}


@pytest.mark.parametrize(
    ("text", "when", "expected"),
    [
        ("The Chinese leader met Putin.", dt.date(2010, 5, 1), ["Hu Jintao", "Vladimir Putin"]),
        ("The Chinese leader met Putin.", dt.date(2020, 5, 1), ["Xi Jinping", "Vladimir Putin"]),
        ("The Chinese leader met Putin.", dt.date(2000, 5, 1), ["Jiang Zemin", "Vladimir Putin"]),
        ("Xi thanked his Russian counterpart.", dt.date(2010, 5, 1), ["Xi Jinping", "Dmitry Medvedev"]),
        ("Xi thanked his Russian counterpart.", dt.date(2015, 5, 1), ["Xi Jinping", "Vladimir Putin"]),
        ("The Kremlin leader spoke first.", dt.date(1995, 5, 1), ["Boris Yeltsin"]),
        ("The Russian foreign minister arrived.", dt.date(2020, 5, 1), ["Sergei Lavrov"]),
        ("The Chinese leader met Putin.", None, ["Vladimir Putin"]),  # no date: no office lookup
        ("The Chinese President Xi Jinping spoke.", dt.date(2020, 5, 1), ["Xi Jinping"]),  # the name follows
    ],
)
def test_people_by_office_at_a_date(text: str, when: dt.date | None, expected: list[str]) -> None:
    assert people(text, when) == expected


def test_every_role_names_its_hint_words_in_its_examples() -> None:
    import re
    import tomllib

    from sinorus_timeline.rules import Words, read_resource

    for role in tomllib.loads(read_resource("roles.toml"))["role"]:
        for example in role["examples"]:
            assert re.search(role["pattern"], example), (role["office"], example)
            assert not Words(example).keys.isdisjoint(role["hint"]), (role["office"], example)


def test_office_boundaries() -> None:
    assert holder("President of China", dt.date(2013, 3, 13)) == "Hu Jintao"
    assert holder("President of China", dt.date(2013, 3, 14)) == "Xi Jinping"  # the end day is the successor's
    assert holder("President of Russia", dt.date(2010, 1, 1)) == "Dmitry Medvedev"
    assert holder("President of Russia", dt.date(2024, 1, 1)) == "Vladimir Putin"
    assert holder("President of China", dt.date(1980, 1, 1)) is None
    assert holder("Emperor of Mars", dt.date(2020, 1, 1)) is None


def test_offices_table() -> None:
    terms = offices()
    assert any(t.name == "Xi Jinping" and t.role == "President of China" and t.end is None for t in terms)
    assert all(t.end is None or t.start <= t.end for t in terms)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("China and Russia signed a deal.", []),  # countries as actors are not places
        ("Putin flew to China for talks in Beijing.", [("China", "country"), ("Beijing", "city")]),
        ("Xi arrived in Russia and then visited Kazan.", [("Russia", "country"), ("Kazan", "city")]),
        ("Xi visited Russia in March.", [("Russia", "country")]),
        ("He travelled to the U.S. and Kiev.", [("United States", "country"), ("Kyiv", "city")]),
        ("Russia and China agreed; the US objected.", []),
        ("They met at the Kremlin and then in Moscow.", [("Kremlin", "venue"), ("Moscow", "city")]),
        ("Officials in Xinjiang and Siberia welcomed it.", [("Xinjiang", "region"), ("Siberia", "region")]),
        ("Leaders gathered in Washington, D.C. for talks.", [("Washington", "city")]),
    ],
)
def test_places(text: str, expected: list[tuple[str, str]]) -> None:
    assert places(text) == expected


def test_unique_keeps_first_seen_order() -> None:
    assert unique(["Moscow", "Beijing", "Moscow", "Kazan", "Beijing"]) == ["Moscow", "Beijing", "Kazan"]
    assert unique([]) == []


def test_last_election() -> None:
    assert last_election("Vladimir Putin", dt.date(2020, 1, 1)) == dt.date(2018, 3, 18)
    assert last_election("Vladimir Putin", dt.date(2024, 3, 17)) == dt.date(2024, 3, 17)  # on the day counts
    assert last_election("Xi Jinping", dt.date(2013, 3, 13)) is None
    assert last_election("Nobody Known", dt.date(2020, 1, 1)) is None


def test_last_term_begun() -> None:
    assert last_election("Vladimir Putin", dt.date(2024, 4, 1), taking_office=True) == dt.date(2018, 5, 7)
    assert last_election("Vladimir Putin", dt.date(2024, 5, 7), taking_office=True) == dt.date(2024, 5, 7)
    assert last_election("Donald Trump", dt.date(2025, 2, 1), taking_office=True) == dt.date(2025, 1, 20)


def test_data_dir_holds_the_reference_tables() -> None:
    folder = gazetteer.data_dir()
    for name in ["people.tsv", "places.tsv", "recurring_events.tsv", "elections.tsv"]:
        assert (folder / name).is_file()


@pytest.mark.parametrize(
    ("text", "places"),
    [
        ("He will meet Xi before the statement, a top Kremlin adviser said.", []),
        ("Beijing's spokesman welcomed the talks.", []),
        ("The two leaders met in the Kremlin on Tuesday.", ["Kremlin"]),
    ],
)
def test_a_place_that_speaks_is_no_place_of_the_event(text: str, places: list[str]) -> None:
    assert [m.name for m in find_places(text)] == places


def test_the_host_of_a_state_visit() -> None:
    from sinorus_timeline.gazetteer import host_of_visit

    assert host_of_visit(["Xi Jinping"], ["Moscow"], dt.date(2023, 3, 21)) == "Vladimir Putin"
    assert host_of_visit(["Vladimir Putin"], ["Harbin"], dt.date(2024, 5, 17)) == "Xi Jinping"
    assert host_of_visit(["Wang Yi"], ["Moscow"], dt.date(2023, 3, 21)) is None  # a minister's visit
    assert host_of_visit(["Xi Jinping"], ["Beijing"], dt.date(2023, 3, 21)) is None  # at home


def test_a_venue_lies_in_its_city_and_country() -> None:
    from sinorus_timeline.gazetteer import regions

    assert regions("Kremlin") == {"Kremlin", "Moscow", "Russia"}
    assert regions("Beijing") == {"Beijing", "China"}


def test_the_visitor_is_the_one_not_at_home() -> None:
    from sinorus_timeline.gazetteer import main_place, visitor

    assert visitor(["Xi Jinping", "Vladimir Putin"], "Beijing") == "Vladimir Putin"
    assert visitor(["Xi Jinping"], "Moscow") == "Xi Jinping"
    assert main_place(["Kremlin", "Moscow"]) == "Moscow"
    assert main_place(["Kremlin"]) == "Kremlin"


def test_find_parties_by_name_or_adjective() -> None:
    assert gazetteer.find_parties("Russian-Chinese trade grew, as did Sino-Indian trade") == [
        "Russia",
        "China",
        "India",
    ]
    assert gazetteer.find_parties("Chinese exports to the Russian Federation fell") == ["China", "Russia"]
    assert gazetteer.find_parties("a Prussian king and a Russianist") == []
    assert gazetteer.find_parties("Exports to Russia reached 9 billion U.S. dollars") == ["Russia"]  # a currency


def test_main_parties_are_the_two_named_clearly_most() -> None:
    text = "Russia and China met. Chinese and Russian firms traded. India watched."
    assert gazetteer.main_parties(text) == ["Russia", "China"]
    assert gazetteer.main_parties(text + " India, India and Indian firms.") == []  # a third as often
    assert gazetteer.main_parties("Russia traded with China.") == []  # named once each


def test_countries_file_names_only_known_countries(monkeypatch: pytest.MonkeyPatch) -> None:
    gazetteer._parties.cache_clear()
    fake = 'not_before = []\n[adjectives]\nAtlantis = ["Atlantean"]\n'
    monkeypatch.setattr(gazetteer, "read_resource", lambda name: fake)
    try:
        with pytest.raises(
            RulesError, match=r"countries\.toml names countries data/places\.tsv does not have: Atlantis"
        ):
            gazetteer.find_parties("Atlantean trade")
    finally:
        gazetteer._parties.cache_clear()
