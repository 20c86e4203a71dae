"""Sentences to typed, dated events with their evidence, driven by the rule files.

For each sentence: find triggers (`resources/events.toml`, `counts.toml`), drop negated and
habitual ones, date each trigger by the nearest temporal expression of its clause, else by the
reference data of recurring events, else by what the sentence or the text just before it is
about. Reports of one event within an article are then folded into one.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from functools import cache

from . import dates, gazetteer, knowledge
from .dates import TemporalExpression
from .models import Document, Event, EventType, PartialDate, Qualifier, Source, Status, family
from .rules import PatternRule, load_rules
from .text import Sentence, split_sentences

_NEGATION = re.compile(r"\b(?:not|never|no|n't|without|denied|refused to|declined to|failed to)\s+(?:\w+\s+){0,2}$", re.I)
_MODAL = re.compile(
    r"\b(?:will|shall|would|could|may|might|to be held|is to|are to|set to|expected to|scheduled to|due to"
    r"|plans? to|planning to|upcoming|forthcoming|poised|hopes? to|aims? to|intends? to|looks? forward to"
    r"|ready to|is to|preparations? for|prepare for|next|invited to|sure to|bound to|likely to|going to)\b",
    re.I,
)
_CANCELLED = re.compile(r"\b(?:cancel(?:l)?ed|called off|postponed|scrapped)\b", re.I)
_HABITUAL = re.compile(r"\b(?:usually|often|regularly|customary|every year|each year|annually|frequently|tradition|several times a year|routinely)\b", re.I)
_DURING = re.compile(r"\b(?:during|in the course of|on the sidelines of|at)\s+(?:his|her|their|the|this|[A-Z][\w’']+[’']s)\s+(?:(?:state|official|recent)\s+)?(?P<what>visit|trip|stay|talks|meeting|summit|forum|call|conversation)\b", re.I)
_GROUP = re.compile(r"\b(?:the two (?:leaders|presidents|heads of state|men|sides|strongmen)|both (?:leaders|presidents)|the pair|the two)\b|\b(?:he|she) and [A-Z]", re.I)
_DEFINITE = re.compile(r"(?:\b(?:the|this|that|these|his|her|their|its)|[’']s)\s+(?:[\w-]+\s+){0,2}$", re.I)
# "leaders meet in a regional summit": attending the summit, not a meeting of its own
_ATTENDING = re.compile(r"\s+(?:in|at)\s+(?:a|an)\s+(?:[\w-]+\s+){0,2}(?:summit|forum|conference)\b", re.I)
_SINCE = re.compile(r"\bsince\b[^.;]{0,80}?\b(?P<year>(?:19|20)\d\d)\b", re.I)
_MONEY = re.compile(
    r"(?:US)?\$\s?\d[\d.,]*\s*(?:billion|trillion|million|bn|mn)?|\d[\d.,]*\s*(?:billion|trillion|million)\s+(?:US\s+)?(?:dollars|yuan|rubles|roubles)",
    re.I,
)
_CAPTION = re.compile(r"\((?:[A-Z][\w]+/[^)]*|Photo[^)]*|File photo[^)]*)\)\s*$")
_END_PUNCTUATION = ('.', '!', '?', '"', '”', '’', "'", ')')
_DATING_ROLES = {"dateline", "stamp"}
_MAX_REACH = 220  # characters (commas weigh more) beyond which a date belongs to another clause
# Events that take place somewhere over some days: an undated one beside them shares their date.
_HAPPENINGS = {EventType.SUMMIT, EventType.FORUM, EventType.VISIT, EventType.MEETING, EventType.CALL}
_WHEN_FAMILIES = {
    "visit": EventType.VISIT, "trip": EventType.VISIT, "stay": EventType.VISIT, "talks": EventType.MEETING,
    "meeting": EventType.MEETING, "summit": EventType.SUMMIT, "forum": EventType.FORUM,
    "call": EventType.CALL, "conversation": EventType.CALL,
}


@dataclass
class Candidate:
    """An event being built from one trigger in one sentence."""

    kind: EventType
    rule: PatternRule
    sentence: Sentence
    start: int
    end: int
    date: PartialDate | None = None
    date_end: PartialDate | None = None
    qualifier: Qualifier | None = None
    date_text: str | None = None
    resolution: str | None = None
    dated_by: str | None = None
    status: Status = Status.HAPPENED
    participants: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    key: str | None = None
    label: str | None = None
    count: int | None = None
    count_since: str | None = None
    count_qualifier: str | None = None
    value: str | None = None
    confidence: float = 0.5
    anchor_free: bool = False


@cache
def _triggers() -> list[tuple[PatternRule, re.Pattern[str]]]:
    rules = load_rules("events.toml").rule
    return [(rule, re.compile(rule.pattern, re.I)) for rule in rules]


@cache
def _counts() -> list[tuple[PatternRule, re.Pattern[str]]]:
    return [(rule, re.compile(rule.pattern, re.I)) for rule in load_rules("counts.toml").rule]


def extract(document: Document) -> list[Event]:
    """The events of one document, each with its evidence sentence, not merged with others."""
    reference = document.published if document.published_certain else None
    sentences = split_sentences(document.text, document.body_start)
    expressions = dates.find(document.text, reference, document.body_start)
    built: list[Candidate] = []
    for index, sentence in enumerate(sentences):
        if _is_furniture(sentence):
            continue
        inside = [e for e in expressions if sentence.start <= e.start < sentence.end]
        candidates = _sentence_candidates(sentence, inside, reference)
        before = _recent_expressions(expressions, sentences, index)
        for candidate in candidates:
            _date_from_context(candidate, candidates, built, before)
        built.extend(_dedupe_sentence(candidates))
    kept = _fold(built)
    return [_to_event(candidate, document) for candidate in kept if _worth_reporting(candidate)]


def _is_furniture(sentence: Sentence) -> bool:
    """Headlines, captions and page chrome: lines that do not end as a sentence does."""
    text = sentence.text.rstrip()
    return len(text.split()) < 6 or not text.endswith(_END_PUNCTUATION) or bool(_CAPTION.search(text))


def _sentence_candidates(
    sentence: Sentence, inside: list[TemporalExpression], reference: PartialDate | None
) -> list[Candidate]:
    text = sentence.text
    candidates = [c for c in _trigger_candidates(sentence) if not _negated(text, c.start - sentence.start)]
    counts = _count_candidates(sentence, reference, inside)
    if counts:  # "have met 40 times" is a count, not a meeting
        candidates = [c for c in candidates if c.kind != EventType.MEETING or not counts[0].start <= c.start < counts[0].end]
    candidates += counts
    if any(not c.rule.fallback for c in candidates):
        candidates = [c for c in candidates if not c.rule.fallback]
    candidates = _drop_anniversary_objects(candidates)
    candidates = [c for c in candidates if not (c.kind == EventType.MEETING and _ATTENDING.match(text, c.end - sentence.start))]
    when = reference.first_day() if reference is not None else None
    people = gazetteer.find_people(text, when)
    places = [p.name for p in gazetteer.find_places(text)]
    for candidate in candidates:
        if candidate.kind != EventType.MEETING_COUNT:
            _date_from_sentence(candidate, inside, candidates)
        _date_from_series(candidate, inside, reference)
        _date_from_elections(candidate, people, reference)
        candidate.participants = gazetteer.unique([p.name for p in people]) or candidate.participants
        candidate.places = gazetteer.unique(candidate.places + places)
        candidate.status = _status(candidate, reference)
    if _HABITUAL.search(text):  # "they usually meet twice a year": only a written date makes it an event
        return [c for c in candidates if c.dated_by == "text" and c.date_text and c.anchor_free]
    return [c for c in candidates if c.dated_by == "text" or not c.rule.needs_date]


def _trigger_candidates(sentence: Sentence) -> list[Candidate]:
    found = []
    mentions = knowledge.series_in(sentence.text)
    for rule, pattern in _triggers():
        for match in pattern.finditer(sentence.text):
            kind = EventType(rule.kind)
            for series, mention in mentions:  # "Conference on Interaction ... in Asia" is a summit
                if mention.start() <= match.start() < mention.end() and kind in {EventType.FORUM, EventType.SUMMIT}:
                    kind = EventType(series.kind)
            found.append(Candidate(kind, rule, sentence, sentence.start + match.start(),
                                   sentence.start + match.end(), confidence=rule.confidence))
    for series, mention in mentions:  # "watch the Victory Day parade": the series names the event
        kind = EventType(series.kind)
        if not any(c.kind == kind for c in found):
            found.append(Candidate(kind, _series_rule(), sentence, sentence.start + mention.start(),
                                   sentence.start + mention.end(), confidence=0.7))
    return found


@cache
def _series_rule() -> PatternRule:
    return PatternRule(id="recurring-event", kind="other", pattern="", priority=2, confidence=0.7)


def _negated(text: str, offset: int) -> bool:
    return bool(_NEGATION.search(text[max(0, offset - 40) : offset]))


def _drop_anniversary_objects(candidates: list[Candidate]) -> list[Candidate]:
    """In "the 70th anniversary of the establishment of relations", the anniversary is the event."""
    spans = []
    for candidate in candidates:
        if candidate.kind == EventType.ANNIVERSARY:
            rest = candidate.sentence.text[candidate.end - candidate.sentence.start :]
            clause = re.match(r"\s+of\b[^,;]*", rest)
            if clause:
                spans.append((candidate.end, candidate.end + clause.end()))
    return [c for c in candidates if not any(start <= c.start < end for start, end in spans)]


def _count_candidates(
    sentence: Sentence, reference: PartialDate | None, inside: list[TemporalExpression]
) -> list[Candidate]:
    text = sentence.text
    for rule, pattern in _counts():
        match = pattern.search(text)
        if not match:
            continue
        parts = match.groupdict()
        count = _count_value(parts)
        if count is None or count < 2:
            continue
        candidate = Candidate(EventType.MEETING_COUNT, rule, sentence, sentence.start + match.start(),
                              sentence.start + match.end(), confidence=rule.confidence)
        candidate.count, candidate.count_qualifier = count, parts.get("qual")
        since = _SINCE.search(text)
        candidate.count_since = since.group("year") if since else None
        day = [e for e in inside if e.date is not None and e.date.day is not None and e.role not in _DATING_ROLES]
        if day:
            _apply(candidate, day[0], "text")
        elif reference is not None:
            candidate.date, candidate.dated_by = reference, "publication"
            candidate.resolution = "a count as of the publication date"
        return [candidate]
    return []


def _count_value(parts: dict[str, str | None]) -> int | None:
    if parts.get("ordinal"):
        return knowledge.ordinal_value(parts["ordinal"] or "") or _word_ordinal(parts["ordinal"] or "")
    raw = (parts.get("count") or "").lower()
    if raw.isdigit():
        return int(raw)
    return {"a dozen": 12, "dozens of": 24}.get(raw) or dates.NUMBERS.get(raw)


def _word_ordinal(text: str) -> int | None:
    return {"twentieth": 20, "thirtieth": 30, "fortieth": 40}.get(text.lower())


def _apply(candidate: Candidate, expression: TemporalExpression, how: str, clause: bool = False) -> None:
    candidate.date = expression.clause_date if clause else expression.date
    candidate.date_end = None if clause else expression.date_end
    candidate.qualifier = expression.qualifier
    candidate.date_text = expression.text
    candidate.dated_by = how
    candidate.anchor_free = expression.anchor is None
    anchor = {None: "as written", "publication": "against the publication date"}.get(
        expression.anchor, "against the date before it"
    )
    candidate.resolution = f"{expression.text!r} resolved {anchor}" + (" (the clause it introduces)" if clause else "")


def _date_from_sentence(candidate: Candidate, inside: list[TemporalExpression], siblings: list[Candidate]) -> None:
    """The nearest date of the trigger's clause; statements' dates ("said on Monday") count less,
    and a date is not reached across another kind of event that stands between."""
    text = candidate.sentence.text
    best: tuple[float, TemporalExpression, bool] | None = None
    future = bool(_MODAL.search(text[max(0, candidate.start - candidate.sentence.start - 70) : candidate.end - candidate.sentence.start + 40]))
    for expression in inside:
        if expression.type != "DATE" or expression.date is None or expression.role in _DATING_ROLES:
            continue
        if expression.role == "reporting" and future:
            continue  # "will meet ..., an adviser said on Wednesday": Wednesday dates the statement
        low, high = sorted((expression.start, candidate.start))
        if any(low < s.start < high and family(s.kind) != family(candidate.kind) for s in siblings):
            continue
        after = text[expression.end - candidate.sentence.start :]
        if candidate.kind != EventType.ANNIVERSARY and re.match(r"\s+(?:marks|marked|will mark|is marked)\b", after):
            continue  # "this year marks the 75th anniversary": the year belongs to the anniversary
        clause = expression.clause_date is not None and expression.end <= candidate.start
        if expression.end <= candidate.start:
            between = text[expression.end - candidate.sentence.start : candidate.start - candidate.sentence.start]
        else:
            between = text[candidate.end - candidate.sentence.start : expression.start - candidate.sentence.start]
        score = len(between) + 25 * between.count(",") + 60 * between.count(";")
        score += 60 * (expression.role == "reporting") + 50 * (expression.value == "PRESENT_REF")
        score += 80 * bool(re.search(r"\bsince\s+$", text[: expression.start - candidate.sentence.start]))
        if score <= _MAX_REACH and (best is None or score < best[0]):
            best = (score, expression, clause)
    if best is not None:
        _apply(candidate, best[1], "text", clause=best[2])


def _date_from_series(candidate: Candidate, inside: list[TemporalExpression], reference: PartialDate | None) -> None:
    """Name the edition of a recurring event and, when the sentence gives no date, take its dates."""
    if candidate.kind not in {EventType.SUMMIT, EventType.FORUM, EventType.ANNIVERSARY, EventType.MEETING, EventType.VISIT}:
        return
    text = candidate.sentence.text
    mentions = knowledge.series_in(text)
    local = candidate.start - candidate.sentence.start
    if candidate.kind in {EventType.ANNIVERSARY}:
        mentions = [(s, m) for s, m in mentions if s.kind == "anniversary"]
    if not mentions:
        _date_from_city(candidate, reference)
        return
    series, match = min(mentions, key=lambda pair: abs(pair[1].start() - local))
    number = knowledge.ordinal_before(text, match.start()) or knowledge.consecutive_ordinal(text)
    city = next((p.name for p in gazetteer.find_places(text[match.start() : match.end() + 40]) if p.kind == "city"), None)
    year = next((e.date.year for e in inside if e.date is not None and e.anchor is None and e.rule in {"year", "month-year"}), None)
    future = bool(_MODAL.search(text))
    edition = knowledge.find_edition([series.id], number=number, city=city, year=year, reference=reference, future=future)
    if edition is None:
        if candidate.kind in {EventType.SUMMIT, EventType.FORUM}:
            candidate.label = series.name
        return
    _use_edition(candidate, edition, series.name)


def _use_edition(candidate: Candidate, edition: knowledge.Edition, series_name: str) -> None:
    candidate.key = edition.key
    candidate.places = gazetteer.unique(candidate.places + [edition.city])
    if candidate.kind in {EventType.SUMMIT, EventType.FORUM}:
        candidate.label = edition.label(series_name)
    start, end = PartialDate.of(edition.start), PartialDate.of(edition.end)
    span = PartialDate(year=edition.start.year, month=edition.start.month)
    if candidate.date is not None and (candidate.date.overlaps(start) or candidate.date.overlaps(end) or candidate.date.contains(span)):
        return
    if candidate.date is not None:
        candidate.confidence -= 0.2  # the text and the reference data disagree: keep the text's date
        return
    candidate.date, candidate.date_end = start, end if end != start else None
    candidate.dated_by = "reference"
    candidate.resolution = f"reference data: {edition.label(series_name)}, {edition.start} to {edition.end}"


def _date_from_city(candidate: Candidate, reference: PartialDate | None) -> None:
    """"a regional summit in Dushanbe": the summit held there nearest before (or after) the article."""
    if candidate.kind != EventType.SUMMIT or candidate.date is not None or reference is None:
        return
    text = candidate.sentence.text
    cities = [p.name for p in gazetteer.find_places(text) if p.kind == "city"]
    summits = [s.id for s in knowledge.all_series() if s.kind == "summit"]
    for city in cities:
        edition = knowledge.find_edition(summits, city=city, reference=reference, future=bool(_MODAL.search(text)))
        if edition is not None and abs(edition.start.year - reference.year) <= 1:
            _use_edition(candidate, edition, knowledge.series_by_id(edition.series).name)
            candidate.confidence -= 0.1
            return


def _date_from_elections(candidate: Candidate, people: list[gazetteer.Mention], reference: PartialDate | None) -> None:
    """"since they were re-elected": the latest election each named leader won before the article."""
    if candidate.kind != EventType.ELECTION or candidate.date is not None or reference is None:
        return
    won = [gazetteer.last_election(p.name, reference.last_day()) for p in people]
    days = sorted({day for day in won if day is not None and day.year >= reference.year - 1})
    if not days:
        return
    months = {(day.year, day.month) for day in days}
    if len(months) == 1:
        year, month = months.pop()
        candidate.date = PartialDate.of(days[0]) if len(days) == 1 else PartialDate(year=year, month=month)
    else:
        candidate.date = PartialDate(year=days[-1].year)
    candidate.dated_by = "reference"
    candidate.resolution = "reference data: the latest election won before the article, " + ", ".join(map(str, days))


def _status(candidate: Candidate, reference: PartialDate | None) -> Status:
    text = candidate.sentence.text
    local = candidate.start - candidate.sentence.start
    window = text[max(0, local - 70) : local + 40]
    if _CANCELLED.search(window):
        return Status.CANCELLED
    if not _MODAL.search(window):
        return Status.HAPPENED
    if candidate.date is not None and reference is not None and candidate.date.last_day() < reference.first_day():
        return Status.HAPPENED
    return Status.PLANNED


def _recent_expressions(
    expressions: list[TemporalExpression], sentences: list[Sentence], index: int
) -> list[TemporalExpression]:
    """Dates of the two sentences before this one: the time the narrative is at."""
    if index == 0:
        return []
    first = sentences[max(0, index - 2)].start
    return [
        e for e in expressions
        if first <= e.start < sentences[index].start and e.type == "DATE" and e.date is not None
        and e.role not in _DATING_ROLES and e.date.precision in {"day", "month"}
    ]


def _date_from_context(
    candidate: Candidate, siblings: list[Candidate], earlier: list[Candidate], before: list[TemporalExpression]
) -> None:
    """An undated trigger takes the date of the event it refers to or of the narrative around it."""
    if candidate.date is not None:
        return
    text = candidate.sentence.text
    during = _DURING.search(text)
    if during:
        wanted = family(_WHEN_FAMILIES[during.group("what").lower()])
        match = next((c for c in reversed(earlier) if family(c.kind) == wanted and c.date is not None), None)
        if match is not None:
            _inherit(candidate, match, f"during the {during.group('what').lower()} dated {match.date}")
            return
    local = candidate.start - candidate.sentence.start
    if _DEFINITE.search(text[max(0, local - 40) : local]):
        same = next((c for c in reversed(earlier) if c.kind == candidate.kind and c.date is not None), None)
        if same is not None:  # "The meeting underscored ...": the meeting already reported
            _inherit(candidate, same, f"refers back to the {same.kind.value} dated {same.date}")
            candidate.date_end = same.date_end
            return
    dated = [c for c in siblings if c.date is not None and c is not candidate and c.kind in _HAPPENINGS]
    if dated:
        nearest = min(dated, key=lambda c: abs(c.start - candidate.start))
        _inherit(candidate, nearest, f"same sentence as the {nearest.kind.value} dated {nearest.date}")
        return
    recent = [c for c in earlier[-4:] if c.kind in _HAPPENINGS and c.date is not None
              and c.sentence.start >= (before[0].start if before else candidate.sentence.start) - 400]
    if recent and before and recent[-1].sentence.end >= before[-1].start:
        _inherit(candidate, recent[-1], f"the text just before speaks of the {recent[-1].kind.value} dated {recent[-1].date}")
        return
    if before:
        _apply(candidate, before[-1], "context")
        candidate.resolution = f"no date in the sentence; the text just before speaks of {before[-1].text!r}"
        candidate.confidence -= 0.15


def _inherit(candidate: Candidate, source: Candidate, why: str) -> None:
    candidate.date, candidate.date_end, candidate.qualifier = source.date, source.date_end, source.qualifier
    candidate.date_text, candidate.dated_by = source.date_text, "context"
    candidate.resolution = f"no date in the sentence; {why}"
    candidate.confidence -= 0.1
    if candidate.key is None and family(candidate.kind) == family(source.kind):
        candidate.key = source.key


def _dedupe_sentence(candidates: list[Candidate]) -> list[Candidate]:
    """One event per family and date in a sentence: the most specific trigger wins."""
    best: dict[tuple[str, str], Candidate] = {}
    for candidate in candidates:
        slot = (family(candidate.kind), str(candidate.date))
        current = best.get(slot)
        if current is None or candidate.rule.priority > current.rule.priority:
            best[slot] = candidate
    return sorted(best.values(), key=lambda c: c.start)


def _same_event(a: Candidate, b: Candidate) -> bool:
    if a.kind != b.kind:
        return False
    if a.key is not None and a.key == b.key:
        return True
    if a.date is None or b.date is None:
        return False
    range_a = (a.date, a.date_end or a.date)
    range_b = (b.date, b.date_end or b.date)
    if not (range_a[0].first_day() <= range_b[1].last_day() and range_b[0].first_day() <= range_a[1].last_day()):
        return False
    if a.date.precision == "day" and b.date.precision == "day" and a.date != b.date:
        return _spans_text_range(a, b) or _spans_text_range(b, a)
    coarse = {"year", "decade"}
    if a.date != b.date and (a.date.precision in coarse or b.date.precision in coarse):
        return False  # "this year" and "on May 25" may well be two events
    if a.kind in {EventType.MEETING_COUNT}:
        return a.count == b.count
    people_a, people_b = set(a.participants), set(b.participants)
    return not people_a or not people_b or people_a <= people_b or people_b <= people_a


def _spans_text_range(wide: Candidate, narrow: Candidate) -> bool:
    """A span the text or reference data gives ("next week", "October 22-24") holds a day within it."""
    if wide.date is None or wide.date_end is None or narrow.date is None or wide.dated_by not in {"text", "reference"}:
        return False
    return wide.date.first_day() <= narrow.date.first_day() <= wide.date_end.last_day() and narrow.date_end is None


def _fold(candidates: list[Candidate]) -> list[Candidate]:
    """Reports of one event within an article become one; an undated mention of an event already
    reported is the same event told again."""
    kept: list[Candidate] = []
    for candidate in candidates:
        twin = next((k for k in kept if _same_event(k, candidate)), None)
        if twin is None and candidate.date is None:
            twin = next((k for k in reversed(kept) if k.kind == candidate.kind), None)
        if twin is None:
            kept.append(candidate)
            continue
        twin.participants = gazetteer.unique(twin.participants + candidate.participants)
        twin.places = gazetteer.unique(twin.places + candidate.places)
        if candidate.date is not None and (twin.date is None or twin.date.contains(candidate.date) and twin.date != candidate.date):
            twin.date, twin.date_end, twin.dated_by = candidate.date, candidate.date_end, candidate.dated_by
        twin.key = twin.key or candidate.key
        twin.label = twin.label or candidate.label
    return kept


def _worth_reporting(candidate: Candidate) -> bool:
    """An undated event is kept only when it names who took part and is not an aside."""
    if candidate.date is not None:
        return True
    return len(candidate.participants) >= 1 and candidate.kind not in {EventType.OTHER, EventType.FOUNDING}


def _to_event(candidate: Candidate, document: Document) -> Event:
    sentence = candidate.sentence
    source = Source(
        file=document.file, path=document.path, document_id=document.id, evidence=sentence.text,
        start=sentence.start, end=sentence.end, date_text=candidate.date_text, resolution=candidate.resolution,
    )
    identity = f"{document.id}:{candidate.kind.value}:{candidate.start}"
    confidence = candidate.confidence + {"text": 0.1, "reference": 0.0, "publication": 0.0, "context": -0.05}.get(
        candidate.dated_by or "", -0.3
    )
    return Event(
        id=hashlib.sha1(identity.encode()).hexdigest()[:10],
        type=candidate.kind,
        title=_title(candidate),
        date=candidate.date,
        date_end=candidate.date_end if candidate.date_end != candidate.date else None,
        date_qualifier=candidate.qualifier,
        status=candidate.status,
        places=candidate.places,
        participants=candidate.participants,
        count=candidate.count,
        count_since=candidate.count_since,
        count_qualifier=candidate.count_qualifier,
        value=_money(candidate) if candidate.kind == EventType.TRADE else None,
        key=candidate.key,
        confidence=round(min(0.99, max(0.05, confidence)), 2),
        sources=[source],
    )


def _money(candidate: Candidate) -> str | None:
    match = _MONEY.search(candidate.sentence.text, candidate.start - candidate.sentence.start)
    return match.group().strip() if match else None


def _title(candidate: Candidate) -> str:
    who = " and ".join(candidate.participants[:3])
    if candidate.kind == EventType.MEETING_COUNT:
        qualifier = f"{candidate.count_qualifier} " if candidate.count_qualifier else ""
        since = f" since {candidate.count_since}" if candidate.count_since else ""
        return f"{who or 'The leaders'} have met {qualifier}{candidate.count} times{since}"
    if candidate.label and candidate.kind in {EventType.SUMMIT, EventType.FORUM}:
        return candidate.label + (f" — {who}" if who else "")
    text = candidate.sentence.text
    local = candidate.start - candidate.sentence.start
    phrase = re.split(r"[,;:.()“”\"]", text[local:])[0]
    words = phrase.split()
    snippet = " ".join(words[:10]) + ("…" if len(words) > 10 else "")
    label = candidate.kind.value.replace("_", " ").capitalize()
    return f"{label}: {snippet}" + (f" — {who}" if who else "")
