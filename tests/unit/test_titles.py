"""Titles written from an event's structure with the templates of `resources/en/titles.toml`."""

from __future__ import annotations

import re

import pytest

from sinorus_timeline import titles
from sinorus_timeline.documents import make_document
from sinorus_timeline.errors import RulesError
from sinorus_timeline.extract import extract
from sinorus_timeline.models import PartialDate
from sinorus_timeline.rules import read_resource

FACTS = {"who": "", "people": "", "first": "", "place": "", "value": "", "phrase": "Signed a deal"}


def test_the_first_template_whose_facts_are_all_known() -> None:
    facts = {**FACTS, "who": "Xi Jinping and Vladimir Putin", "people": "Xi Jinping and Vladimir Putin"}
    assert titles.title("meeting", "happened", {**facts, "place": "Moscow"}) == (
        "Xi Jinping and Vladimir Putin meet in Moscow"
    )
    assert titles.title("meeting", "happened", facts) == "Xi Jinping and Vladimir Putin meet"
    assert titles.title("meeting", "planned", facts) == "Xi Jinping and Vladimir Putin to meet"


def test_the_default_names_who_or_where() -> None:
    assert titles.title("agreement", "happened", {**FACTS, "people": "Li Qiang"}) == "Signed a deal — Li Qiang"
    assert titles.title("agreement", "happened", {**FACTS, "place": "Harbin"}) == "Signed a deal — Harbin"
    assert titles.title("agreement", "happened", FACTS) == "Signed a deal"


def test_a_template_naming_an_unknown_fact_fails_at_load(monkeypatch: pytest.MonkeyPatch) -> None:
    titles._templates.cache_clear()
    monkeypatch.setattr(titles, "read_resource", lambda name: 'default = ["{phrase} by {whom}"]\n')
    with pytest.raises(RulesError, match="whom"):
        titles.title("call", "happened", FACTS)
    titles._templates.cache_clear()


def test_every_template_names_known_facts() -> None:
    assert set(re.findall(r"\{(\w+)\}", read_resource("titles.toml"))) <= titles.FACTS


def test_titles_of_an_article_have_no_type_prefix_and_are_not_cut() -> None:
    text = (
        "MOSCOW, March 21 (Xinhua) -- Chinese President Xi Jinping held talks with Russian President Vladimir "
        "Putin in the Kremlin on Tuesday, and the two sides signed a joint statement on deepening their "
        "comprehensive strategic partnership of coordination for a new era in all fields of cooperation.\n\n"
        "Xi Jinping spoke with Vladimir Putin by phone in January."
    )
    events = extract(make_document(text.encode(), "case.txt", option=PartialDate.parse("2023-03-21")))
    assert events
    for event in events:
        assert not re.match(r"(?:Meeting|Visit|Call|Agreement|Trade|Other|Summit|Forum|Diplomatic):", event.title)
        assert not event.title.endswith("…")
    assert "Xi Jinping and Vladimir Putin meet in Moscow" in {e.title for e in events}  # the city, not the venue
