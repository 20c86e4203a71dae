"""Counts behind the terminal pictures: events per year and type, sources per outlet, meeting-count claims."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace

from .models import Event, EventType, PartialDate

UNDATED = "undated"
UNKNOWN_OUTLET = "unknown"


def _year_slot(date: PartialDate) -> tuple[int, int, str]:
    """Sort key ending in the label: a decade (`199X`) sorts just before its first year."""
    return (date.year, 0, str(date)) if date.decade else (date.year, 1, str(date.year))


def events_per_year(events: list[Event]) -> list[tuple[str, int]]:
    """Events per year that has any, oldest first, then `undated`.

    Empty years are left out: the bundled articles alone reach from 1949 to 2024. A decade-precise event
    is counted under its own label (`199X`), not under its first year."""
    slots = Counter(_year_slot(event.date) for event in events if event.date is not None)
    rows = [(label, n) for (_, _, label), n in sorted(slots.items())]
    undated = sum(1 for event in events if event.date is None)
    return [*rows, (UNDATED, undated)] if undated else rows


def events_per_type(events: list[Event]) -> list[tuple[str, int]]:
    """Events per type, most frequent first, ties by name."""
    kinds = Counter(event.type.value for event in events)
    return sorted(kinds.items(), key=lambda item: (-item[1], item[0]))


def sources_per_outlet(events: list[Event], outlets: dict[str, str]) -> list[tuple[str, int]]:
    """Cited sentences per outlet (`outlets` maps document id to outlet name), most cited first.

    Every source of every event counts once, so an article that yields many events weighs more;
    documents missing from `outlets` count as `unknown`."""
    counts = Counter(outlets.get(s.document_id) or UNKNOWN_OUTLET for event in events for s in event.sources)
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


@dataclass(frozen=True)
class Claim:
    """One "Xi and Putin have met N times" statement, where it was read, and whether it clashes."""

    date: PartialDate | None
    count: int
    qualifier: str | None
    since: str | None
    who: str
    file: str
    evidence: str
    contradicts: bool = False


def _claim(event: Event, count: int) -> Claim:
    first = event.sources[0] if event.sources else None
    return Claim(
        date=event.date,
        count=count,
        qualifier=event.count_qualifier,
        since=event.count_since,
        who="; ".join(event.participants),
        file=first.file if first else "",
        evidence=first.evidence if first else "",
    )


def _since_year(claim: Claim) -> int | None:
    return int(claim.since) if claim.since and claim.since.isdigit() else None


def _covers(later: Claim, earlier: Claim) -> bool:
    """True when the later claim counts over at least the earlier claim's period, so it must not be lower.

    No since-year means all meetings ever, which covers any period; "since 2020" does not cover an all-time
    count or "since 2013", so a lower number there is no contradiction."""
    if later.since is None or later.since == earlier.since:
        return True
    later_year, earlier_year = _since_year(later), _since_year(earlier)
    return later_year is not None and earlier_year is not None and later_year <= earlier_year


def _before(a: Claim, b: Claim) -> bool:
    """True when `a` is surely earlier: its last possible day precedes `b`'s first (so 2023-10 is not
    before 2023-10-19)."""
    return a.date is not None and b.date is not None and a.date.last_day() < b.date.first_day()


def _contradicts(claim: Claim, earlier: list[Claim]) -> bool:
    """A later claim contradicts when it counts fewer meetings than a comparable earlier claim.

    Counts only grow, so the qualifier does not excuse it: "at least 38" or "more than 38" after "42"
    is still flagged, since the later article chose a number below what was already claimed."""
    return any(_before(old, claim) and _covers(claim, old) and claim.count < old.count for old in earlier)


def meeting_claims(events: list[Event]) -> list[Claim]:
    """The `meeting_count` events with a count, oldest first (undated last), each flagged if it contradicts."""
    claims = [_claim(e, e.count) for e in events if e.type == EventType.MEETING_COUNT and e.count is not None]
    dated = sorted((c for c in claims if c.date is not None), key=lambda c: (c.date, c.count, c.file))
    undated = sorted((c for c in claims if c.date is None), key=lambda c: (c.count, c.file))
    # Undated claims have no place in the sequence, so they are never flagged.
    return [replace(claim, contradicts=_contradicts(claim, dated)) for claim in dated] + undated
