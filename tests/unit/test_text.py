"""Sentence splitting with offsets into the original text."""

from __future__ import annotations

import pytest

from sinorus_timeline.text import Sentence, fewer_words, one_line, split_sentences, visible


def texts(text: str, offset: int = 0) -> list[str]:
    return [s.text for s in split_sentences(text, offset)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Mr. Xi arrived in Moscow on Monday. He met Putin later that day.",
            ["Mr. Xi arrived in Moscow on Monday.", "He met Putin later that day."],
        ),
        (
            "The U.S. and the EU imposed new sanctions on Moscow. China said it opposed the measures.",
            ["The U.S. and the EU imposed new sanctions on Moscow.", "China said it opposed the measures."],
        ),
        (
            "Gen. Li Shangfu met Gen. Sergei Shoigu in Moscow on Sunday. The two discussed military cooperation.",
            ["Gen. Li Shangfu met Gen. Sergei Shoigu in Moscow on Sunday.", "The two discussed military cooperation."],
        ),
        (
            "Putin visited Beijing on Feb. 4 for the Olympics. Xi hosted a banquet for him afterwards.",
            ["Putin visited Beijing on Feb. 4 for the Olympics.", "Xi hosted a banquet for him afterwards."],
        ),
        (
            "Relations warmed under Vladimir V. Putin in the 2000s. Trade grew fast.",
            ["Relations warmed under Vladimir V. Putin in the 2000s.", "Trade grew fast."],
        ),
        (
            'He said: "We are old friends and partners." Then he left the hall in a hurry.',
            ['He said: "We are old friends and partners."', "Then he left the hall in a hurry."],
        ),
        (
            "Trade rose 3.5 percent in 2023. The figure was reported by customs on Friday.",
            ["Trade rose 3.5 percent in 2023.", "The figure was reported by customs on Friday."],
        ),
        (
            "Did the two men meet in Beijing? Yes, they met last week for talks. Why does it matter so much?",
            ["Did the two men meet in Beijing?", "Yes, they met last week for talks.", "Why does it matter so much?"],
        ),
        (
            "Officials said the talks would resume soon. 2024 marks the 75th anniversary of ties.",
            ["Officials said the talks would resume soon.", "2024 marks the 75th anniversary of ties."],
        ),
        (
            "The offer expires at 9 a.m. Tuesday in Moscow. The talks began at 10 a.m. Then they broke off.",
            ["The offer expires at 9 a.m. Tuesday in Moscow.", "The talks began at 10 a.m.", "Then they broke off."],
        ),
        (
            "Lavrov flew to Beijing in May 2023.Wang Yi met him there.Talks went on late into the night.",
            ["Lavrov flew to Beijing in May 2023.", "Wang Yi met him there.", "Talks went on late into the night."],
        ),
        (
            "Analysts in Moscow weighed U.S.Policy toward Beijing, e.g.Sanctions on banks.",
            ["Analysts in Moscow weighed U.S.Policy toward Beijing, e.g.Sanctions on banks."],
        ),
        (
            "The ministers met in Harbin on Monday. they spoke of trade and energy.",  # no capital: no break
            ["The ministers met in Harbin on Monday. they spoke of trade and energy."],
        ),
    ],
)
def test_split(text: str, expected: list[str]) -> None:
    assert texts(text) == expected


def test_dateline_stays_in_its_sentence() -> None:
    text = (
        "MOSCOW, May 25. /TASS/. The visit of Russian Prime Minister Mikhail Mishustin to China will take place "
        "next week. Talks are planned in Beijing and Shanghai."
    )
    sentences = texts(text)
    assert sentences == [
        "MOSCOW, May 25. /TASS/. The visit of Russian Prime Minister Mikhail Mishustin to China will take place "
        "next week.",
        "Talks are planned in Beijing and Shanghai.",
    ]


def test_short_fragments_stay_with_the_next_sentence() -> None:
    assert texts("Short one. Another very short one here. This one is the third sentence of the text.") == [
        "Short one. Another very short one here.",
        "This one is the third sentence of the text.",
    ]


def test_line_breaks_end_sentences() -> None:
    text = "Xi and Putin hold talks\nThe two leaders met in the Kremlin for three hours\nThey signed two statements."
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == [
        "Xi and Putin hold talks",
        "The two leaders met in the Kremlin for three hours",
        "They signed two statements.",
    ]
    assert [s.paragraph for s in sentences] == [0, 1, 2]


def test_blank_lines_and_whitespace() -> None:
    text = "  Leading spaces here and there are trimmed away now.   \n\n \n  Second paragraph starts here with text.  "
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == [
        "Leading spaces here and there are trimmed away now.",
        "Second paragraph starts here with text.",
    ]
    assert [s.paragraph for s in sentences] == [0, 1]


@pytest.mark.parametrize(
    "text",
    [
        "Mr. Xi arrived in Moscow on Monday. He met Putin later that day.\n\nThe U.S. objected. Officials said so.",
        "MOSCOW, May 25. /TASS/. The visit will take place next week.\r\nTalks are planned in Beijing today.",
        "Putin’s “historic” trip began. “We are friends,” he said in Beijing on the first day of the visit.",
        "\n\n   \n",
        "",
        "One line without any end at all",
    ],
)
def test_offsets_point_into_the_text(text: str) -> None:
    sentences = split_sentences(text)
    previous_end = 0
    for sentence in sentences:
        assert text[sentence.start : sentence.end] == sentence.text
        assert sentence.text == sentence.text.strip()
        assert sentence.text
        assert sentence.start >= previous_end
        previous_end = sentence.end


def test_offset_argument_skips_the_head() -> None:
    head = "---\ntitle: A. B. C.\n---\n"
    text = head + "Xi met Putin in Moscow on Monday. They talked for hours about energy."
    sentences = split_sentences(text, len(head))
    assert [s.text for s in sentences] == ["Xi met Putin in Moscow on Monday.", "They talked for hours about energy."]
    assert sentences[0].start == len(head)
    assert all(text[s.start : s.end] == s.text for s in sentences)


def test_sentence_is_a_frozen_value() -> None:
    sentence = Sentence(0, 3, "Hi.", 0)
    assert sentence == Sentence(0, 3, "Hi.", 0)
    with pytest.raises(AttributeError):
        sentence.start = 1  # type: ignore[misc]


@pytest.mark.parametrize(
    ("text", "limit", "fewer"),
    [
        ("one two three", 4, True),
        ("one two three", 3, False),
        ("  a b  c  d ", 4, False),
        ("", 1, True),
        ("a\tb\nc", 3, False),
    ],
)
def test_fewer_words_counts_as_split_does(text: str, limit: int, fewer: bool) -> None:
    assert fewer_words(text, limit) is fewer
    assert fewer_words(text, limit) == (len(text.split()) < limit)


def test_control_characters_show_one_for_one() -> None:
    text = "Xi met \x1b[31mPutin\x1b[0m\x07 on\tMonday.\nThen \x9b2J left."
    shown = visible(text)
    assert len(shown) == len(text)  # offsets into the text still hold
    assert "\x1b" not in shown and "\x07" not in shown and "\x9b" not in shown
    assert "\t" in shown and "\n" in shown
    assert shown.count("\ufffd") == 4


def test_one_line_breaks_nothing() -> None:
    assert one_line("report\n2023\r.txt\u2028") == "report\ufffd2023\ufffd.txt\ufffd"
