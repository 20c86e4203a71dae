"""Pure functions over events: merging reports across articles, filtering and sorting."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field

from .errors import NotFoundError
from .happening import Report, same_happening
from .models import Event, EventType, PartialDate, Qualifier, Status

_COARSE = {"year", "decade"}


@dataclass(frozen=True)
class Filters:
    """What `list` and `export` keep: every given condition must hold."""

    start: PartialDate | None = None
    end: PartialDate | None = None
    types: frozenset[EventType] = field(default_factory=frozenset)
    statuses: frozenset[Status] = field(default_factory=frozenset)
    who: str | None = None
    where: str | None = None
    grep: str | None = None
    min_confidence: float = 0.0


def _documents(event: Event) -> set[str]:
    return {source.document_id for source in event.sources}


def _document_ids(event: Event) -> tuple[str, ...]:
    return (event.sources[0].document_id,) if len(event.sources) == 1 else tuple(sorted(_documents(event)))


def _dates_agree(a: PartialDate, b: PartialDate) -> bool:
    """No conflict: the same date, or a coarser one that holds the finer ("2024" and 2024-05-16)."""
    return a == b or a.contains(b) or b.contains(a)


def signature(event: Event, shared: dict[tuple[str, ...], frozenset[str]] | None = None) -> Report:
    """What `same_happening` compares; `shared` lets equal name sets be one object across thousands of reports."""
    shared = {} if shared is None else shared
    people, places = tuple(event.participants), tuple(event.places)
    return Report(
        event.type,
        event.key,
        event.date,
        event.date_end,
        event.count,
        event.count_since,
        event.value,
        shared.get(people) or shared.setdefault(people, frozenset(people)),
        shared.get(places) or shared.setdefault(places, frozenset(places)),
    )


def same_event(a: Event, b: Event) -> bool:
    """True when two events from different articles report the same happening."""
    return not _documents(a) & _documents(b) and same_happening(signature(a), signature(b))


def merge(events: list[Event]) -> list[Event]:
    """One event per real happening: reports from several articles become one event with all
    sources. The most precise date wins; dates that disagree are kept in `date_conflicts`.
    The result does not depend on the order of `events`, and merging it again changes nothing."""
    # the same article read twice (a copy under another name, a syndicated line of a dump) gives
    # events of the same id: each is one report with the sources of every copy
    alike: dict[str, list[Event]] = {}
    for event in sorted(events, key=lambda e: e.id):
        alike.setdefault(event.id, []).append(event)
    groups = list(alike.values())
    while True:
        # A combined event carries its group's best date and all its people, so it may match a
        # report none of its members matched: regroup until nothing more joins.
        combined = [_combine(group) for group in groups]
        joined = _connected(combined)
        if len(joined) == len(combined):
            joined = _coarse_into_fine(combined)
            if len(joined) == len(combined):
                return sort_events(combined)
        groups = [[event for index in members for event in groups[index]] for members in joined]


def _connected(ordered: list[Event]) -> list[list[int]]:
    """The indices of `ordered` grouped into connected reports of one happening each."""
    parent = list(range(len(ordered)))

    def root(index: int) -> int:
        while parent[index] != index:
            parent[index] = parent[parent[index]]
            index = parent[index]
        return index

    # Most reports share their names and come from one article: build each set once.
    names: dict[tuple[str, ...], frozenset[str]] = {}
    signatures = [signature(event, names) for event in ordered]
    documents = [names.get(ids) or names.setdefault(ids, frozenset(ids)) for ids in map(_document_ids, ordered)]
    verdicts: dict[tuple[Report, Report], bool] = {}  # per bucket: memory stays bounded

    def matches_group(index: int, group: dict[Report, list[frozenset[str]]]) -> bool:
        # Reports are compared by signature (copies of one report share it), so a bucket holding
        # hundreds of copies costs one comparison per distinct report, not one per copy.
        mine = signatures[index]
        for theirs, sources in group.items():
            pair = (mine, theirs)
            if pair not in verdicts:
                verdicts[pair] = same_happening(mine, theirs)
            if verdicts[pair] and any(not documents[index] & other for other in sources):
                return True
        return False

    for members in _buckets(ordered).values():
        verdicts.clear()
        # The events of this bucket by the group they joined, then by signature.
        joined: dict[int, dict[Report, list[frozenset[str]]]] = {}
        for index in members:
            # Join every group holding an event this one matches: the groups are the connected
            # reports, whatever the order.
            for group in list(joined):
                if root(group) != root(index) and matches_group(index, joined[group]):
                    parent[root(index)] = root(group)
            joined.setdefault(root(index), {}).setdefault(signatures[index], []).append(documents[index])
    groups: dict[int, list[int]] = {}
    for index in range(len(ordered)):
        groups.setdefault(root(index), []).append(index)
    return list(groups.values())


def _coarse_into_fine(events: list[Event]) -> list[list[int]]:
    """A report dated only by its year or month joins the one report of its kind and people that the
    corpus dates within that period ("Putin re-elected in 2024" and "Putin re-elected on March 17,
    2024"); with two or more it could mean, or none, it stays apart."""
    finer: dict[tuple[str, int], list[int]] = {}
    for index, event in enumerate(events):
        if event.date is not None and event.date.precision in {"month", "day"}:
            finer.setdefault((event.type.value, event.date.year), []).append(index)
    into: dict[int, int] = {}
    for index, event in enumerate(events):
        date = event.date
        if date is None or date.precision not in {"year", "month"} or not event.participants or event.key:
            continue
        people = set(event.participants)
        held = [
            other
            for other in finer.get((event.type.value, date.year), [])
            if other != index
            and _rank(events[other].date) > _rank(date)
            and date.contains(events[other].date or date)
            and people <= set(events[other].participants)
            and not _documents(event) & _documents(events[other])
            and _alike_but_for_the_date(event, events[other])
        ]
        if len(held) == 1:
            into[index] = held[0]
    if not into:
        return [[index] for index in range(len(events))]
    groups: dict[int, list[int]] = {}
    for index in range(len(events)):
        groups.setdefault(into.get(index, index), []).append(index)
    return list(groups.values())


def _alike_but_for_the_date(coarse: Event, fine: Event) -> bool:
    """Nothing but the date tells the two apart: the same count, figure, people and places."""
    told = coarse.model_copy(update={"date": fine.date, "date_end": fine.date_end, "key": None})
    return same_happening(signature(told), signature(fine.model_copy(update={"key": None})))


def _buckets(events: list[Event]) -> dict[tuple[str, ...], list[int]]:
    """Events that could be the same: same type and edition, or same type and a date that agrees.

    Dates agree when equal or when a day lies in a month (see `_dates_agree`), so each dated event
    sits in the bucket of its own date, and a month's bucket also takes that month's days when the
    month itself is reported. Comparing only within buckets keeps merging near-linear on a corpus of
    thousands of articles, and each bucket small.
    """
    buckets: dict[tuple[str, ...], list[int]] = {}
    days: dict[tuple[str, ...], list[int]] = {}
    for index, event in enumerate(events):
        if event.key:
            buckets.setdefault(("key", event.type.value, event.key), []).append(index)
        if event.date is not None:
            buckets.setdefault(("date", event.type.value, str(event.date)), []).append(index)
            if event.date.precision == "day":
                month = str(event.date.truncate("month"))
                days.setdefault(("date", event.type.value, month), []).append(index)
    for reported, members in days.items():
        if reported in buckets:
            buckets[reported].extend(members)
    return buckets


def _combine(group: list[Event]) -> Event:
    if len(group) == 1:
        return group[0]
    dated = [e for e in group if e.date is not None]
    best = max(dated, key=lambda e: (_rank(e.date), e.confidence, e.id)) if dated else group[0]
    lead = max(group, key=lambda e: (e.confidence, e.id))
    conflicts = sorted(
        {e.date for e in dated if e.date is not None and best.date is not None and not _dates_agree(e.date, best.date)}
    )
    kinds = Counter(e.type for e in group)
    statuses = {e.status for e in group}
    sources = sorted({s for e in group for s in e.sources}, key=lambda s: (s.file, s.start, s.path))
    first = min(group, key=_first_told)
    people, places = _union(e.participants for e in group), _union(e.places for e in group)
    return lead.model_copy(
        update={
            "title": _named_title(lead.title, people, places),
            "id": first.id,
            "type": max(kinds, key=lambda k: (kinds[k], k.value)),
            "date": best.date,
            "date_end": best.date_end,
            "date_qualifier": best.date_qualifier,
            "date_conflicts": conflicts,
            "status": Status.HAPPENED if Status.HAPPENED in statuses else min(statuses),
            "places": places,
            "participants": people,
            "key": next((e.key for e in group if e.key), None),
            # the best report's: more reports of a happening do not make its date surer (on the
            # annotated articles, merged events were rightly dated less often than single ones)
            "confidence": round(max(e.confidence for e in group), 2),
            "sources": sources,
        }
    )


def _first_told(event: Event) -> tuple[str, str]:
    """The report a merged event keeps the id of: the earliest published (a later article that joins
    leaves the id as it was), then the smallest id."""
    published = [s.published for s in event.sources if s.published]
    return (min(published) if published else "9999", event.id)


def _named_title(title: str, people: list[str], places: list[str]) -> str:
    """The lead report's title, with who took part (or where) when the other reports name them and it
    does not."""
    if not (people or places) or any(name in title for name in [*people, *places]):
        return title
    return f"{title} — {' and '.join(people[:3]) if people else places[0]}"


def _rank(date: PartialDate | None) -> int:
    return {"decade": 0, "year": 1, "month": 2, "day": 3}[date.precision] if date else -1


def _union(lists: object) -> list[str]:
    seen: dict[str, None] = {}
    for names in sorted(lists, key=len, reverse=True):  # type: ignore[call-overload]
        for name in names:
            seen.setdefault(name, None)
    return list(seen)


# Where in its period a qualified date sorts: "late 2023" after the spring, "mid-May" after May 10.
_WITHIN = {Qualifier.EARLY: 0.0, Qualifier.MID: 1 / 3, Qualifier.LATE: 2 / 3}


def _placed_on(event: Event) -> dt.date:
    """The day a date sorts on: its first, or for "early/mid/late" the start of that part of it."""
    assert event.date is not None
    first = event.date.first_day()
    if event.date_qualifier is None:
        return first
    span = ((event.date_end or event.date).last_day() - first).days
    return first + dt.timedelta(days=int(span * _WITHIN[event.date_qualifier]))


def sort_events(events: list[Event], reverse: bool = False) -> list[Event]:
    """Chronological order; undated events last (first with `reverse`)."""
    dated = sorted(
        (e for e in events if e.date is not None),
        key=lambda e: (_placed_on(e), e.date, e.type.value, e.title, e.id),
        reverse=reverse,
    )
    undated = sorted((e for e in events if e.date is None), key=lambda e: (e.type.value, e.title, e.id))
    return dated + undated


def matches(event: Event, filters: Filters) -> bool:
    """True when the event meets every condition of `filters`."""
    if (filters.start or filters.end) and event.date is None:
        return False
    if event.date is not None:
        last = (event.date_end or event.date).last_day()
        if filters.start and last < filters.start.first_day():
            return False
        if filters.end and event.date.first_day() > filters.end.last_day():
            return False
    if filters.types and event.type not in filters.types:
        return False
    if filters.statuses and event.status not in filters.statuses:
        return False
    if event.confidence < filters.min_confidence:
        return False
    if filters.who and not any(filters.who.lower() in name.lower() for name in event.participants):
        return False
    if filters.where and not any(filters.where.lower() in name.lower() for name in event.places):
        return False
    if filters.grep:
        pattern = re.compile(filters.grep, re.I)
        texts = [event.title, *(s.evidence for s in event.sources)]
        if not any(pattern.search(text) for text in texts):
            return False
    return True


def select(events: list[Event], filters: Filters, limit: int | None = None, reverse: bool = False) -> list[Event]:
    """Filtered, sorted and limited events."""
    kept = sort_events([e for e in events if matches(e, filters)], reverse=reverse)
    return kept[:limit] if limit is not None else kept


def find_event(events: list[Event], wanted: str) -> Event:
    """The event with this id, or the one event whose id starts with it; else `NotFoundError`
    saying so (an ambiguous prefix lists the events it fits)."""
    exact = [e for e in events if e.id == wanted]
    if exact:
        return exact[0]
    prefixed = [e for e in events if e.id.startswith(wanted)] if wanted else []
    if len(prefixed) == 1:
        return prefixed[0]
    if not prefixed:
        raise NotFoundError(f"no event has id {wanted!r} — `timeline list --format jsonl` shows the ids")
    shown = "; ".join(f"{e.id} ({e.title})" for e in prefixed[:_LISTED])
    more = f"; and {len(prefixed) - _LISTED} more" if len(prefixed) > _LISTED else ""
    raise NotFoundError(f"the id {wanted!r} fits {len(prefixed)} events: {shown}{more} — give more of it")


_LISTED = 5  # the events an ambiguous id prefix names
