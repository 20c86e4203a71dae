"""Corrections made by hand that survive re-extraction.

A correction finds its event again by the article and the sentence the event was read from (then
its type, date and id as tie-breakers), never by id alone: a new release of the rules may give the
same happening another id. Corrections are applied in file order to the merged timeline, after
extraction and merging, so the cache never holds corrected data. A correction whose sentence is gone
is reported, never dropped. Publication dates are the exception: they are facts about an article,
so they are stated before extraction, as a manifest's are.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, model_validator

from .documents import Article, Facts
from .models import Document, Event, EventType, PartialDate, Source
from .timeline import sort_events

Action = Literal["fix", "reject", "merge", "add", "published"]
State = Literal["applied", "no match", "not read"]
_CHANGES = ("date", "type", "title", "places", "participants")
_SPACE = re.compile(r"\s+")


class EventRef(BaseModel):
    """How a correction finds its event: the article and sentence, then the type, date and id it had."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    file: str
    evidence: str
    type: EventType | None = None
    date: PartialDate | None = None
    id: str | None = None


class Correction(BaseModel):
    """One entry of the corrections file: what to do, to which event, and the new values."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    action: Action
    event: EventRef | None = None  # fix, reject
    events: list[EventRef] = []  # merge: the first absorbs the others
    file: str | None = None  # published: the article; add: the article the event is read in
    evidence: str | None = None  # add: the sentence, as the article has it
    start: int | None = None  # add: where the sentence was in the article's text
    end: int | None = None
    date: PartialDate | None = None
    type: EventType | None = None
    title: str | None = None
    places: list[str] | None = None
    participants: list[str] | None = None
    note: str | None = None  # why, in the analyst's words

    @model_validator(mode="after")
    def _complete(self) -> Correction:
        needs = {
            "fix": self.event is not None and any(getattr(self, name) is not None for name in _CHANGES),
            "reject": self.event is not None,
            "merge": len(self.events) >= 2,
            "add": self.type is not None and bool(self.title) and (self.evidence is None or self.file is not None),
            "published": self.file is not None and self.date is not None,
        }
        if not needs[self.action]:
            raise ValueError(f"{self.action} needs {_NEEDS[self.action]}")
        return self

    def describe(self) -> str:
        """A short reminder of the correction: `reject 002.txt: 'Xi and Putin met …'`."""
        if self.action == "published":
            return f"published {self.file} = {self.date}"
        if self.action == "add":
            return f"add {self.type.value if self.type else '?'} {_clip(self.title or '')!r}"
        refs = [self.event] if self.event is not None else self.events
        return f"{self.action} " + " + ".join(f"{r.file}: {_clip(r.evidence)!r}" for r in refs if r is not None)

    def changes(self) -> str:
        """The new values, as `date=2023-10-18 type=summit`."""
        values = {name: getattr(self, name) for name in _CHANGES if getattr(self, name) is not None}
        return " ".join(f"{k}={'; '.join(v) if isinstance(v, list) else v}" for k, v in values.items())


_NEEDS = {
    "fix": "an [correction.event] and at least one of date, type, title, places, participants",
    "reject": "an [correction.event]",
    "merge": "two or more [[correction.events]]",
    "add": "a type and a title (and a file when it gives evidence)",
    "published": "a file and a date",
}


@dataclass(frozen=True)
class Outcome:
    """What became of one correction in this run."""

    number: int
    correction: Correction
    state: State
    events: tuple[str, ...] = ()

    def describe(self) -> str:
        """`correction 3 (reject 002.txt: 'Xi and …')`."""
        return f"correction {self.number} ({self.correction.describe()})"


@dataclass
class Corrections:
    """The corrections of one file, in file order (numbered from 1)."""

    path: Path
    entries: list[Correction] = field(default_factory=list)

    @cached_property
    def published(self) -> dict[str, PartialDate]:
        """Publication dates set by hand, by article file name or path from the file's folder (a
        later entry wins)."""
        return {c.file: c.date for c in self.entries if c.action == "published" and c.file and c.date}

    def restate(self, article: Article) -> Article:
        """The article with its corrected publication date stated, when it has one."""
        if not self.published:
            return article
        keys = [relative_name(article.path, self.path.parent), article.file or Path(article.path).name]
        date = next((self.published[key] for key in keys if key in self.published), None)
        if date is None:
            return article
        return replace(article, stated=replace(article.stated or Facts(), corrected=date))


def relative_name(path: str, folder: Path) -> str:
    """The article's path from the corrections file's folder (`2023/index.html`), else its name:
    saved pages in different folders often share a name."""
    try:
        return Path(path).resolve().relative_to(folder.resolve()).as_posix()
    except (ValueError, OSError):
        return Path(path).name


def reference(event: Event) -> EventRef:
    """How to find this event again after the rules change: its first source, type, date and id."""
    source = event.sources[0]
    return EventRef(file=source.file, evidence=source.evidence, type=event.type, date=event.date, id=event.id)


def apply(
    events: list[Event], corrections: Corrections, inputs: set[str], documents: list[Document] | None = None
) -> tuple[list[Event], list[Outcome]]:
    """The corrected timeline, and what became of each correction.

    `inputs` are the file names read in this run: a correction about an article not read is left
    alone ("not read"), one about an article read whose sentence is gone is "no match".
    """
    current = list(events)
    inputs = inputs | {s.file for e in events for s in e.sources}
    by_file = {d.file: d for d in documents or []}
    outcomes = []
    for number, correction in enumerate(corrections.entries, start=1):
        state, touched = _apply_one(current, correction, inputs, by_file)
        outcomes.append(Outcome(number, correction, state, touched))
    return sort_events(current), outcomes


def _apply_one(
    events: list[Event], correction: Correction, inputs: set[str], documents: dict[str, Document]
) -> tuple[State, tuple[str, ...]]:
    """Apply one correction to `events` in place."""
    if correction.action == "published":
        return ("applied" if Path(correction.file or "").name in inputs else "not read"), ()
    if correction.action == "add":
        if correction.file is not None and correction.file not in inputs:
            return "not read", ()  # an event read in an article belongs to the runs that read it
        added = added_event(correction, documents.get(correction.file or ""))
        events.append(added)
        return "applied", (added.id,)
    refs = [correction.event] if correction.event is not None else correction.events
    found: list[list[int]] = []
    for ref in refs:
        if ref is None:
            continue
        if ref.file not in inputs:
            return "not read", ()
        hits = find(events, ref)
        if not hits:
            return "no match", ()
        found.append(hits)
    touched = tuple(events[i].id for hits in found for i in hits)
    if correction.action == "merge":
        _merge(events, [hits[0] for hits in found])
    else:
        for index in sorted(found[0], reverse=True):
            if correction.action == "reject":
                del events[index]
            else:
                events[index] = _fixed(events[index], correction)
    return "applied", touched


def find(events: list[Event], ref: EventRef) -> list[int]:
    """Indices of the events `ref` means: a source with the same file and sentence (or a sentence
    that now holds it, or is held by it, as when sentence splitting changes), best type, date and
    id first. Several are returned only when nothing tells them apart."""
    wanted = _normal(ref.evidence)
    same = [i for i, e in enumerate(events) if any(_same_sentence(s, ref.file, wanted) for s in e.sources)]
    if not same:
        same = [i for i, e in enumerate(events) if any(_near_sentence(s, ref.file, wanted) for s in e.sources)]
    if not same:
        return []

    def score(index: int) -> tuple[bool, bool, bool]:
        event = events[index]
        return (event.type == ref.type, event.date == ref.date, event.id == ref.id)

    best = max(score(i) for i in same)
    return [i for i in same if score(i) == best]


def _normal(text: str) -> str:
    return _SPACE.sub(" ", text).strip().casefold()


def _same_sentence(source: Source, file: str, wanted: str) -> bool:
    return source.file == file and _normal(source.evidence) == wanted


def _near_sentence(source: Source, file: str, wanted: str) -> bool:
    if source.file != file:
        return False
    have = _normal(source.evidence)
    short, long = sorted((have, wanted), key=len)
    return len(short) >= 20 and len(short) * 2 >= len(long) and short in long


def _fixed(event: Event, correction: Correction) -> Event:
    update: dict[str, object] = {"corrected": True}
    if correction.date is not None:  # the analyst's date settles the span and any disagreement
        update.update(date=correction.date, date_end=None, date_qualifier=None, date_conflicts=[])
    for name in ("type", "title", "places", "participants"):
        value = getattr(correction, name)
        if value is not None:
            update[name] = value
    return event.model_copy(update=update)


def _merge(events: list[Event], indices: list[int]) -> None:
    """The first event absorbs the others: their sources, places and people; their dates, when
    different, become the first's conflicting dates."""
    first, others = events[indices[0]], [events[i] for i in indices[1:] if i != indices[0]]
    if not others:
        return
    group = [first, *others]
    dates = [e.date for e in group if e.date is not None]
    date = first.date or (dates[0] if dates else None)
    conflicts = sorted({d for e in group for d in [e.date, *e.date_conflicts] if d is not None and d != date})
    merged = first.model_copy(
        update={
            "date": date,
            "date_conflicts": conflicts,
            "places": list(dict.fromkeys(p for e in group for p in e.places)),
            "participants": list(dict.fromkeys(p for e in group for p in e.participants)),
            "sources": sorted({s for e in group for s in e.sources}, key=lambda s: (s.file, s.start, s.path)),
            "confidence": max(e.confidence for e in group),
            "corrected": True,
        }
    )
    events[indices[0]] = merged
    for index in sorted({i for i in indices[1:] if i != indices[0]}, reverse=True):
        del events[index]


def added_event(correction: Correction, document: Document | None = None) -> Event:
    """The event an `add` correction describes; its id depends on what it says, not on its place."""
    said = [correction.date, correction.type, correction.title, correction.file, correction.evidence]
    identity = "add|" + "|".join("" if value is None else str(value) for value in said)
    sources = []
    if correction.file is not None and correction.evidence:
        sources.append(
            Source(
                file=correction.file,
                path=document.path if document else correction.file,
                document_id=document.id if document else "",
                evidence=correction.evidence,
                start=correction.start if correction.start is not None else -1,
                end=correction.end if correction.end is not None else -1,
                url=document.url if document else None,
                outlet=document.outlet if document else None,
                title=document.title if document else None,
                published=str(document.published) if document and document.published else None,
            )
        )
    return Event(
        id=hashlib.sha1(identity.encode()).hexdigest()[:10],
        type=correction.type or EventType.OTHER,
        title=correction.title or "",
        date=correction.date,
        places=correction.places or [],
        participants=correction.participants or [],
        confidence=1.0,
        sources=sources,
        corrected=True,
    )


def _clip(text: str, width: int = 48) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
