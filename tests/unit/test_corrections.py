"""Corrections find their event again by article and sentence, whatever the rules did to its id."""

from __future__ import annotations

from pathlib import Path

import pytest

from sinorus_timeline.corrections import Correction, Corrections, EventRef, apply, find, reference
from sinorus_timeline.documents import Article, Facts, make_document
from sinorus_timeline.models import DateOrigin, Event, EventType, PartialDate, Source

TALKS = "Xi Jinping held talks with Vladimir Putin in the Kremlin on Tuesday."
SIGNED = "The two leaders signed a joint statement on Tuesday."


def event(id: str, type: EventType, date: str | None, evidence: str, file: str = "wire.txt", title: str = "t") -> Event:
    source = Source(file=file, path=f"in/{file}", document_id="d", evidence=evidence, start=0, end=len(evidence))
    return Event(id=id, type=type, title=title, date=PartialDate.parse(date) if date else None, sources=[source])


def timeline() -> list[Event]:
    return [
        event("aaa", EventType.MEETING, "2023-03-21", TALKS),
        event("bbb", EventType.VISIT, "2023-03-21", TALKS),  # a second event read in the same sentence
        event("ccc", EventType.AGREEMENT, "2023-03-21", SIGNED),
        event("ddd", EventType.MEETING, "2023-03-21", TALKS, file="other.txt"),
    ]


def book(*entries: Correction) -> Corrections:
    return Corrections(Path("corrections.toml"), list(entries))


def fix(ref: EventRef, **changes: object) -> Correction:
    return Correction.model_validate({"action": "fix", "event": ref.model_dump(), **changes})


def test_reference_is_the_first_source_and_the_event_as_it_was() -> None:
    ref = reference(timeline()[0])
    assert (ref.file, ref.evidence, ref.type, ref.id) == ("wire.txt", TALKS, "meeting", "aaa")
    assert str(ref.date) == "2023-03-21"


def test_the_type_tells_apart_two_events_of_one_sentence() -> None:
    events = timeline()
    assert [events[i].id for i in find(events, reference(events[1]))] == ["bbb"]
    assert [events[i].id for i in find(events, reference(events[0]))] == ["aaa"]


def test_a_fix_survives_a_new_id_and_a_new_date_from_new_rules() -> None:
    correction = fix(reference(timeline()[0]), date="2023-03-22", title="Talks in the Kremlin")
    # New rules: every id changes, the meeting is now dated to the month and the sentence's spacing differs.
    renewed = [e.model_copy(update={"id": e.id.upper()}) for e in timeline()]
    renewed[0] = renewed[0].model_copy(
        update={
            "date": PartialDate.parse("2023-03"),
            "sources": [renewed[0].sources[0].model_copy(update={"evidence": TALKS.replace(" in the", "  in the")})],
        }
    )
    corrected, outcomes = apply(renewed, book(correction), {"wire.txt", "other.txt"})
    assert outcomes[0].state == "applied" and outcomes[0].events == ("AAA",)
    talks = next(e for e in corrected if e.id == "AAA")
    assert (str(talks.date), talks.title, talks.corrected) == ("2023-03-22", "Talks in the Kremlin", True)
    assert not any(e.corrected for e in corrected if e.id != "AAA")


def test_a_sentence_split_differently_still_matches() -> None:
    longer = TALKS + " It was their first meeting since the war."
    renewed = [event("new", EventType.MEETING, "2023-03-21", longer)]
    corrected, outcomes = apply(renewed, book(fix(reference(timeline()[0]), type="summit")), {"wire.txt"})
    assert outcomes[0].state == "applied" and corrected[0].type == EventType.SUMMIT


def test_a_correction_whose_sentence_is_gone_is_reported_not_dropped() -> None:
    correction = Correction(action="reject", event=reference(timeline()[2]))
    others = [e for e in timeline() if e.id != "ccc"]
    corrected, outcomes = apply(others, book(correction), {"wire.txt", "other.txt"})
    assert outcomes[0].state == "no match" and len(corrected) == 3
    assert outcomes[0].describe().startswith("correction 1 (reject wire.txt: 'The two leaders signed")


def test_a_correction_about_an_article_not_read_is_left_alone() -> None:
    correction = Correction(action="reject", event=reference(timeline()[3]))
    only_wire = [e for e in timeline() if e.sources[0].file == "wire.txt"]
    _, outcomes = apply(only_wire, book(correction), {"wire.txt"})
    assert outcomes[0].state == "not read"


def test_reject_merge_and_add() -> None:
    events = timeline()
    corrections = book(
        Correction(action="reject", event=reference(events[1])),
        Correction(action="merge", events=[reference(events[0]), reference(events[3])]),
        Correction(action="add", type="call", title="Phone call", date="2023-04-01"),
    )
    corrected, outcomes = apply(events, corrections, {"wire.txt", "other.txt"})
    assert [o.state for o in outcomes] == ["applied"] * 3
    ids = [e.id for e in corrected]
    assert "bbb" not in ids and "ddd" not in ids
    merged = next(e for e in corrected if e.id == "aaa")
    assert {s.file for s in merged.sources} == {"wire.txt", "other.txt"} and merged.corrected
    added = next(e for e in corrected if e.type == EventType.CALL)
    assert added.corrected and str(added.date) == "2023-04-01" and outcomes[2].events == (added.id,)


def test_corrections_apply_in_file_order() -> None:
    ref = reference(timeline()[2])
    _, outcomes = apply(
        timeline(), book(Correction(action="reject", event=ref), fix(ref, title="x")), {"wire.txt", "other.txt"}
    )
    assert [o.state for o in outcomes] == ["applied", "no match"]


@pytest.mark.parametrize(
    "entry",
    [
        {"action": "fix", "event": {"file": "a.txt", "evidence": "x"}},  # nothing to change
        {"action": "reject"},
        {"action": "merge", "events": [{"file": "a.txt", "evidence": "x"}]},
        {"action": "add", "title": "no type"},
        {"action": "add", "type": "call", "title": "t", "evidence": "a sentence without its file"},
        {"action": "published", "file": "a.txt"},
        {"action": "delete", "event": {"file": "a.txt", "evidence": "x"}},
        {"action": "reject", "event": {"file": "a.txt", "evidence": "x"}, "colour": "red"},
    ],
)
def test_incomplete_corrections_are_refused(entry: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        Correction.model_validate(entry)


def test_a_corrected_publication_date_is_stated_before_extraction() -> None:
    corrections = book(Correction(action="published", file="wire.txt", date="2023-03-22"))
    raw = b"---\npublished: 2023-03-21\n---\n" + TALKS.encode()
    article = corrections.restate(Article(raw, "in/wire.txt", Facts(published=PartialDate.parse("2023-03-20"))))
    document = article.document()
    assert (str(document.published), document.published_origin) == ("2023-03-22", DateOrigin.CORRECTION)
    untouched = corrections.restate(Article(raw, "in/other.txt"))
    assert untouched.document().published_origin == DateOrigin.FRONT_MATTER
    option = make_document(raw, "in/wire.txt", article.stated, PartialDate.parse("2023-01-01"))
    assert option.published_origin == DateOrigin.OPTION  # --published still wins


def test_a_publication_date_for_one_of_two_pages_with_the_same_name(tmp_path: Path) -> None:
    corrections = Corrections(tmp_path / "corrections.toml", [])
    corrections.entries.append(Correction(action="published", file="2023/index.html", date="2023-03-22"))
    first = corrections.restate(Article(b"x", str(tmp_path / "2023" / "index.html")))
    second = corrections.restate(Article(b"x", str(tmp_path / "2024" / "index.html")))
    assert first.stated is not None and str(first.stated.corrected) == "2023-03-22"
    assert second.stated is None


def test_an_added_event_from_an_article_not_read_is_not_added() -> None:
    add = Correction(action="add", type="call", title="Call", file="other.txt", evidence="A call.", start=0, end=7)
    wire_only = [e for e in timeline() if e.sources[0].file == "wire.txt"]
    corrected, outcomes = apply(wire_only, book(add), {"wire.txt"})
    assert outcomes[0].state == "not read" and len(corrected) == len(wire_only)
    corrected, outcomes = apply(timeline(), book(add), {"wire.txt", "other.txt"})
    assert outcomes[0].state == "applied" and corrected[-1].sources[0].start == 0
