"""Sentences to typed, dated events with their evidence, driven by the rule files.

For each sentence: find triggers (`resources/en/events.toml`, `counts.toml`), drop negated and
habitual ones, date each trigger by the nearest temporal expression of its clause, else by the
reference data of recurring events, else by what the sentence or the text just before it is
about. Reports of one event within an article are then folded into one.
"""

from __future__ import annotations

import bisect
import hashlib
import re
from collections.abc import Collection
from functools import cache

from . import anchoring, confidence, context, dates, dating, gazetteer, knowledge, structure, titles
from .clauses import clauses_apart
from .dates import TemporalExpression
from .dating import DATING_ROLES, Candidate, cue
from .happening import Report, same_happening
from .models import Document, Event, EventType, PartialDate, Source, family
from .rules import PatternRule, RuleSet, Words, groups_in, load_rules, words_of
from .text import Sentence, fewer_words, split_sentences

# "the previous 2019 forum": the words between a determiner and the trigger name the event
_NOUN_LEAD = re.compile(r"\b(?:the|a|an|his|her|their|its|this)\s+((?:[\w’'-]+\s+){1,3})$", re.I)
_LEAST_ORDINAL_COUNT = 10
_NAME_REACH = 150  # characters around a trigger within which people and places belong to it
# "visited Russia eight times", "exchanged letters many times" is no one event
_REPEATABLE = {EventType.VISIT, EventType.MEETING, EventType.CALL, EventType.DIPLOMATIC}
_END_PUNCTUATION = (".", "!", "?", '"', "”", "’", "'", ")")


@cache
def _triggers() -> RuleSet:
    return RuleSet(load_rules("events.toml").rule, re.I)


@cache
def _counts() -> RuleSet:
    return RuleSet(load_rules("counts.toml").rule, re.I)


def extract(document: Document) -> list[Event]:
    """The events of one document, each with its evidence sentence, not merged with others."""
    return [_to_event(candidate, document) for candidate in _reported(document)]


def extract_with_features(document: Document) -> list[tuple[Event, dict[str, float]]]:
    """The events of one document, each with the features its confidence was modelled from."""
    return [(_to_event(c, document), confidence.features(c)) for c in _reported(document)]


def considered(document: Document, start: int, kind: EventType) -> list[tuple[str, str]] | None:
    """For `show --why`: every date weighed for the event of `kind` told in the sentence at `start`,
    with its verdict; None when the document holds no such event."""
    told = [c for c in _reported(document) if c.sentence.start == start and family(c.kind) == family(kind)]
    found = next((c for c in told if c.kind == kind), told[0] if told else None)
    return None if found is None else [weighed() for weighed in found.considered]


def _reported(document: Document) -> list[Candidate]:
    """The candidates of one document that become events, folded within it."""
    reference = document.published if document.published_certain else None
    expressions = document_dates(document)
    every = split_sentences(document.text, document.body_start)
    heads, date_lines = structure.block_heads(every, document.text, expressions)
    # a chronology's short lines under a date line are read: "17th SCO summit" is an event there
    kept = [i for i, s in enumerate(every) if i not in date_lines and (heads[i] is not None or not _is_furniture(s))]
    sentences, blocks = [every[i] for i in kept], [heads[i] for i in kept]
    triggers, counts = _triggers(), _counts()
    words = [words_of(s.text) for s in sentences]
    triggered = [
        _trigger_candidates(s, w) if triggers.may_fire(w) or knowledge.may_name_series(w) else []
        for s, w in zip(sentences, words, strict=True)
    ]
    counted = [counts.may_fire(w) for w in words]
    starts = [e.start for e in expressions]  # in text order: a sentence's dates are one slice
    stamp = _stamp(expressions, starts, sentences, reference) if sentences else None
    # "MOSCOW, May 25 /TASS/. ...": the place a report is datelined, for the events its lead tells
    stamp_places = _dateline_places(document.text, stamp)
    built: list[Candidate] = []
    told: set[EventType] = set()  # the kinds of event reported so far
    figures: list[Sentence] = []  # sentences that report trade figures only: their dates are periods
    for index, sentence in enumerate(sentences):
        if not triggered[index] and not counted[index]:
            continue
        inside = expressions[bisect.bisect_left(starts, sentence.start) : bisect.bisect_left(starts, sentence.end)]
        candidates = _sentence_candidates(sentence, triggered[index], inside, reference, blocks[index], told)
        for candidate in candidates:
            _the_pair_named_before(candidate, built)
        first = sentences[max(0, index - 2)].start if index else sentence.start
        before = dating.recent_expressions(
            expressions[bisect.bisect_left(starts, first) : bisect.bisect_left(starts, sentence.start)]
        )
        # "From January to April, trade rose 20%": the period of a figure dates the figures that follow
        # it, not the narrative's other events
        told_of_events = [e for e in before if not any(f.start <= e.start < f.end for f in figures[-2:])]
        lead = stamp if sentence.paragraph == sentences[0].paragraph else None
        if lead is not None:
            _place_of_the_dateline(candidates, stamp_places)
        for candidate in candidates:
            narrative = before if candidate.kind == EventType.TRADE else told_of_events
            context.date_from_context(
                candidate, candidates, built, narrative, reference, blocks[index], lead, inside, stamp
            )
            if dating.date_anniversary(candidate, reference):
                candidate.status = dating.status(candidate, reference)
        reported = _dedupe_sentence(candidates)
        built.extend(reported)
        told.update(c.kind for c in reported)
        if reported and all(c.kind == EventType.TRADE for c in reported):
            figures.append(sentence)
    _add_hosts(built)
    _add_the_two_sides(built, document.text)
    return [candidate for candidate in _fold(built, reference) if _worth_reporting(candidate)]


def _add_the_two_sides(built: list[Candidate], text: str) -> None:
    """ "Bilateral trade rose", "trade between the two countries": the two countries the article
    names most, where it names two clearly more than any other."""
    undone = [
        c
        for c in built
        if c.kind == EventType.TRADE and not c.participants and cue("two_sides").search(c.sentence.text)
    ]
    if undone:
        pair = gazetteer.main_parties(text)
        for candidate in undone:
            candidate.parties = pair


def document_dates(document: Document) -> list[dates.TemporalExpression]:
    """Every temporal expression of the document, found and resolved once: what `timeline dates`
    lists is what dates the events ("that year" reads the year before it, in any sentence)."""
    reference = document.published if document.published_certain else None
    return dates.find(document.text, reference, document.body_start)


def _stamp(
    expressions: list[TemporalExpression], starts: list[int], sentences: list[Sentence], reference: PartialDate | None
) -> TemporalExpression | None:
    """The dateline or date line standing alone, up to the end of the opening paragraph, that shows
    the article is a report of its day (within a day or two of the publication date, which a crawler
    may have stamped late), not an analysis written later."""
    if reference is None:
        return None
    lead = [s for s in sentences[:50] if s.paragraph == sentences[0].paragraph]
    upto = expressions[: bisect.bisect_left(starts, lead[-1].end)]
    dated = next((e for e in upto if e.role in DATING_ROLES and _same_days(e.date, reference)), None)
    if dated is not None or reference.day is None:
        return dated
    place = cue("place_dateline").match(sentences[0].text)  # "BEIJING (RIA Novosti): ...": of its day
    if place is None:
        return None
    start = sentences[0].start
    text = place.group().rstrip(" :—–-")
    return TemporalExpression(
        start=start,
        end=start + len(text),
        text=text,
        value=str(reference),
        date=reference,
        role="dateline",
        rule="place",
    )


def _same_days(date: PartialDate | None, reference: PartialDate) -> bool:
    """A day within _STAMP_LAG days of the publication date (or the very date, if it is coarser)."""
    if date is None or date.day is None or reference.day is None:
        return date == reference
    return abs((date.first_day() - reference.first_day()).days) <= _STAMP_LAG


_STAMP_LAG = 2  # days between a report's dateline and the date its page was stamped with


def _is_furniture(sentence: Sentence) -> bool:
    """Headlines, captions and page chrome: lines that do not end as a sentence does."""
    text = sentence.text.rstrip()
    return fewer_words(text, 6) or not text.endswith(_END_PUNCTUATION) or bool(cue("caption").search(text))


def _sentence_candidates(
    sentence: Sentence,
    raw: list[Candidate],
    inside: list[TemporalExpression],
    reference: PartialDate | None,
    block: TemporalExpression | None = None,
    told: Collection[EventType] = (),
) -> list[Candidate]:
    text = sentence.text
    words = words_of(text)
    candidates = [c for c in raw if not _negated(text, c.start - sentence.start)]
    counts = _count_candidates(sentence, words, reference, inside)
    if counts:  # "have met 40 times" is a count, not a meeting
        candidates = [
            c for c in candidates if c.kind != EventType.MEETING or not counts[0].start <= c.start < counts[0].end
        ]
    candidates += counts
    if any(not c.rule.fallback for c in candidates):
        candidates = [c for c in candidates if not c.rule.fallback]
    candidates = _drop_anniversary_objects(candidates)
    candidates = [
        c
        for c in candidates
        if not (c.kind == EventType.MEETING and cue("attending").match(text, c.end - sentence.start))
        and not (c.kind in _REPEATABLE and cue("repeated").match(text, c.end - sentence.start))
    ]
    candidates = [c for c in candidates if not _with_a_third_country(c)]
    if not candidates:
        return []
    when = reference.first_day() if reference is not None else None
    people = gazetteer.find_people(text, when)
    places = gazetteer.find_places(text)
    for candidate in candidates:
        if candidate.kind != EventType.MEETING_COUNT:
            anchoring.date_from_sentence(candidate, inside, candidates, candidate.kind in told, reference)
        dating.date_from_series(candidate, inside, reference, block.date if block else None)
        dating.date_from_milestone(candidate)
        dating.date_from_elections(candidate, people, reference)
        candidate.participants = _near(candidate, people) or candidate.participants
        if candidate.kind == EventType.TRADE:  # "Russian-Chinese trade", "Chinese exports to Russia"
            candidate.parties = gazetteer.find_parties(text)
        candidate.places = gazetteer.with_cities(candidate.places + _near(candidate, places))
        candidate.status = dating.status(candidate, reference)
    if not any(e.date is not None and e.date.day is not None for e in inside):
        candidates = [c for c in candidates if not _counted_again(c)]
    # "his 11th visit since he became president": an office taken at some undated time is no event here
    candidates = [
        c
        for c in candidates
        if not (
            c.kind == EventType.ELECTION
            and c.date is None
            and cue("since_clause").search(text[max(0, c.start - sentence.start - 30) : c.start - sentence.start])
        )
    ]
    if cue("habitual").search(text):  # "they usually meet twice a year": only a written date makes it an event
        return [c for c in candidates if c.dated_by == "text" and c.date_text and c.anchor_free]
    return [c for c in candidates if c.dated_by == "text" or not c.rule.needs_date]


_PAIR_REACH = 12  # the events told before among which "the two leaders" find who they are


_AT_THE_DATELINE = {EventType.MEETING, EventType.AGREEMENT, EventType.SUMMIT, EventType.FORUM}


def _dateline_places(text: str, stamp: TemporalExpression | None) -> list[str]:
    """The city a dateline names before its date ("BEIJING, Nov. 9 (Xinhua) --")."""
    if stamp is None or stamp.role != "dateline":
        return []
    line_start = text.rfind("\n", 0, stamp.start) + 1
    head = text[line_start : stamp.end]
    return [m.name for m in gazetteer.find_places(head.title()) if m.kind == "city"][:1]


def _place_of_the_dateline(candidates: list[Candidate], places: list[str]) -> None:
    for candidate in candidates:
        if places and not candidate.places and candidate.kind in _AT_THE_DATELINE:
            candidate.places = list(places)


def _the_pair_named_before(candidate: Candidate, built: list[Candidate]) -> None:
    """ "The two leaders held talks": the pair is that of the latest event told with two or more people."""
    if len(candidate.participants) >= 2:
        return
    text, local = candidate.sentence.text, candidate.start - candidate.sentence.start
    pair = cue("pair_reference").search(text, max(0, local - _NAME_REACH), local + _NAME_REACH)
    if pair is None:
        return
    before = next((c for c in reversed(built[-_PAIR_REACH:]) if len(c.participants) >= 2), None)
    if before is not None:
        candidate.participants = gazetteer.unique([*candidate.participants, *before.participants])


def _add_hosts(built: list[Candidate]) -> None:
    """A head of state's visit to the other side is also its host's, when the article names the host."""
    named = {name for candidate in built for name in candidate.participants}
    for candidate in built:
        if candidate.kind != EventType.VISIT or candidate.date is None or not candidate.participants:
            continue
        host = gazetteer.host_of_visit(candidate.participants, candidate.places, candidate.date.first_day())
        if host is not None and host in named and host not in candidate.participants:
            candidate.participants = [*candidate.participants, host]


def _with_a_third_country(candidate: Candidate) -> bool:
    """ "Putin will hold talks with India's prime minister": one side meets a third country's leader;
    "Egypt's president will visit": a third country's leader travels or meets; "China's trade with
    Ukraine": one side trades with a third country."""
    text, local = candidate.sentence.text, candidate.start - candidate.sentence.start
    matches: list[re.Match[str] | None] = []
    if candidate.kind == EventType.TRADE:  # "China's trade with Ukraine climbed"
        matches.append(cue("third_trade_partner").match(text, local))
    if candidate.kind in {EventType.MEETING, EventType.CALL}:
        matches.append(cue("third_counterpart").match(text, candidate.end - candidate.sentence.start))
    if candidate.kind in {EventType.VISIT, EventType.MEETING}:
        matches.append(cue("third_visitor").search(text, 0, local))
    return any(_names_a_country(match) for match in matches) or _trade_of_a_third_country(candidate)


def _trade_of_a_third_country(candidate: Candidate) -> bool:
    """ "Trade between China and the United States fell": a figure of one side with a third country,
    the other side unnamed (a sentence naming both sides may compare them with a third)."""
    if candidate.kind != EventType.TRADE:
        return False
    parties, sides = set(gazetteer.find_parties(candidate.sentence.text)), gazetteer.sides()
    return bool(parties - sides) and not sides <= parties


def _names_a_country(match: re.Match[str] | None) -> bool:
    country = match and (match.group("country") or match.groupdict().get("of"))
    return bool(country) and any(place.kind == "country" for place in gazetteer.find_places(f"in {country}"))


def _counted_again(candidate: Candidate) -> bool:
    """ "It was their third meeting this year" (no day in the sentence): the meeting is one reported."""
    local = candidate.start - candidate.sentence.start
    return (
        candidate.kind == EventType.MEETING
        and (candidate.date is None or candidate.date.month is None)
        and bool(cue("counted").search(candidate.sentence.text[max(0, local - 50) : local]))
    )


def _near(candidate: Candidate, mentions: list[gazetteer.Mention]) -> list[str]:
    """Names within the trigger's reach: a long sentence often speaks of several events."""
    local = candidate.start - candidate.sentence.start
    close = [m.name for m in mentions if abs(m.start - local) <= _NAME_REACH]
    return gazetteer.unique(close)


def _trigger_candidates(sentence: Sentence, words: Words) -> list[Candidate]:
    found = []
    mentions = knowledge.series_in(sentence.text)
    for hinted in _triggers().active(words):
        rule = hinted.rule
        for match in hinted.finditer(sentence.text, words):
            kind = EventType(rule.kind)
            for series, mention in mentions:  # "Conference on Interaction ... in Asia" is a summit
                if mention.start() <= match.start() < mention.end() and kind in {EventType.FORUM, EventType.SUMMIT}:
                    kind = EventType(series.kind)
            # a rule may say which part of its match tells the event (`trigger`)
            start, end = match.span("trigger") if match.re.groupindex.get("trigger") else match.span()
            found.append(
                Candidate(
                    kind, rule, sentence, sentence.start + start, sentence.start + end, confidence=rule.confidence
                )
            )
    for series, mention in mentions:  # "watch the Victory Day parade": the series names the event
        kind = EventType(series.kind)
        if not any(c.kind == kind for c in found):
            found.append(
                Candidate(
                    kind,
                    _series_rule(),
                    sentence,
                    sentence.start + mention.start(),
                    sentence.start + mention.end(),
                    confidence=0.7,
                )
            )
    return found


@cache
def _series_rule() -> PatternRule:
    return PatternRule(id="recurring-event", kind="other", pattern="", priority=2, confidence=0.7)


def _negated(text: str, offset: int) -> bool:
    return bool(cue("negation").search(text[max(0, offset - 40) : offset]))


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
    sentence: Sentence, words: Words, reference: PartialDate | None, inside: list[TemporalExpression]
) -> list[Candidate]:
    text = sentence.text
    for hinted in _counts().active(words):
        rule = hinted.rule
        match = next(hinted.finditer(text, words), None)
        if match is None:
            continue
        parts = groups_in(text, match)
        count = _count_value(parts)
        if count is None or count < 2:
            continue
        period = _counted_period(sentence, inside, sentence.start + match.end())
        if parts.get("ordinal") and count < _LEAST_ORDINAL_COUNT and not cue("since").search(text) and not period:
            continue  # "their second meeting in two months" counts a short run; "... this year" a period
        candidate = Candidate(
            EventType.MEETING_COUNT,
            rule,
            sentence,
            sentence.start + match.start(),
            sentence.start + match.end(),
            confidence=rule.confidence,
        )
        candidate.count, candidate.count_qualifier = count, parts.get("qual")
        since = cue("since").search(text)
        candidate.count_since = since.group("year") if since else None
        day = [e for e in inside if e.date is not None and e.date.day is not None and e.role not in DATING_ROLES]
        if period is not None and reference is not None and period.date is not None and period.date.contains(reference):
            period = None  # "their third meeting this year": counted as of the publication date
        if day:
            dating.apply(candidate, day[0], "text")
        elif period is not None:  # "five meetings last year": the meetings of that year
            dating.apply(candidate, period, "text")
            candidate.resolution = f"a count of the period {period.text!r}, resolved {period.date}"
        elif reference is not None:
            candidate.date, candidate.dated_by = reference, "publication"
            candidate.resolution = "a count as of the publication date"
        return [candidate]
    return []


def _counted_period(sentence: Sentence, inside: list[TemporalExpression], count_end: int) -> TemporalExpression | None:
    """The year or month a count is of: one after the count in its clause ("met five times last
    year") or opening the sentence ("In 2019 alone, they met five times"); not one that bounds it
    ("since 2013"), dates another event ("the talks in May were the latest of 40 meetings"), or says
    when a text was written or what a figure is compared with."""
    text = sentence.text
    for expression in inside:
        if expression.type != "DATE" or expression.date is None or expression.date.day is not None:
            continue
        if expression.role in DATING_ROLES or expression.role == "baseline":
            continue
        local = expression.start - sentence.start
        if cue("bounding_clause").search(text[max(0, local - 90) : local]):
            continue
        after = expression.start >= count_end and clauses_apart(text, count_end - sentence.start - 1, local) == 0
        if after or cue("fronted_date").match(text[:local]):
            return expression
    return None


def _count_value(parts: dict[str, str | None]) -> int | None:
    if parts.get("ordinal"):
        return knowledge.ordinal_value(parts["ordinal"] or "") or _word_ordinal(parts["ordinal"] or "")
    raw = (parts.get("count") or "").lower()
    if raw.isdigit():
        return int(raw)
    return {"a dozen": 12, "dozens of": 24}.get(raw) or dates.NUMBERS.get(raw)


def _word_ordinal(text: str) -> int | None:
    return {"twentieth": 20, "thirtieth": 30, "fortieth": 40}.get(text.lower())


def _dedupe_sentence(candidates: list[Candidate]) -> list[Candidate]:
    """One event per family and date in a sentence: the most specific trigger wins."""
    best: dict[tuple[str, str], Candidate] = {}
    for candidate in candidates:
        slot = (family(candidate.kind), str(candidate.date))
        current = best.get(slot)
        if current is None or candidate.rule.priority > current.rule.priority:
            best[slot] = candidate
    kept = list(best.values())
    # "met on Thursday, their first meeting this year": the year holds the day, one event
    kept = [c for c in kept if not any(_holds(c, other) for other in kept)]
    return sorted(kept, key=lambda c: c.start)


def _holds(wide: Candidate, narrow: Candidate) -> bool:
    """`wide` counts ("their first meeting this year") the event of its family the sentence has just
    dated more finely."""
    return (
        wide is not narrow
        and family(wide.kind) == family(narrow.kind)
        and wide.date is not None
        and narrow.date is not None
        and wide.date_end is None
        and wide.date != narrow.date
        and wide.date.contains(narrow.date)
        and narrow.start < wide.start
        and _counted_again(wide)  # not "Putin's 2018 visit ... Xi's trip that September": two visits
    )


def _same_event(a: Candidate, b: Candidate) -> bool:
    return a.kind == b.kind and same_happening(_report(a), _report(b), one_article=True)  # (kind first: most differ)


def _report(candidate: Candidate) -> Report:
    """What `same_happening` compares of a candidate."""
    return Report(
        candidate.kind,
        candidate.key,
        candidate.date,
        candidate.date_end,
        candidate.count,
        candidate.count_since,
        _money(candidate) if candidate.kind == EventType.TRADE else None,  # two figures are two reports
        frozenset(candidate.participants),
        frozenset(candidate.places),
        span_written=candidate.dated_by in {"text", "reference", "block"},
    )


def _alike(a: Candidate, b: Candidate) -> bool:
    """The people of one are among the other's."""
    people_a, people_b = set(a.participants), set(b.participants)
    return people_a <= people_b or people_b <= people_a


def _fold(candidates: list[Candidate], reference: PartialDate | None) -> list[Candidate]:
    """Reports of one event within an article become one; an undated mention of an event already
    reported is the same event told again."""
    kept: list[Candidate] = []
    for candidate in candidates:
        twin = next((k for k in kept if _same_event(k, candidate)), None)
        if twin is None and candidate.date is None:
            twin = next((k for k in reversed(kept) if k.kind == candidate.kind), None)
        if twin is None and candidate.date is not None:
            told = next((i for i, k in enumerate(kept) if _told_before_its_date(k, candidate, reference)), None)
            if told is not None:  # the dated report stands, with whom and where the first telling named
                candidate.participants = gazetteer.unique(candidate.participants + kept[told].participants)
                candidate.places = gazetteer.unique(candidate.places + kept[told].places)
                kept[told] = candidate
                continue
        if twin is None:
            kept.append(candidate)
            continue
        if candidate.date is not None or candidate.dated_by is not None:
            twin.participants = gazetteer.unique(twin.participants + candidate.participants)
            twin.places = gazetteer.unique(twin.places + candidate.places)
            twin.parties = twin.parties or candidate.parties
        if candidate.date is not None and (
            twin.date is None
            or (twin.date.contains(candidate.date) and twin.date != candidate.date)
            or (
                twin.dated_by in _BORROWED
                and candidate.dated_by in _READ
                and _FINENESS[candidate.date.precision] >= _FINENESS[twin.date.precision]
            )
        ):
            twin.date, twin.date_end, twin.dated_by = candidate.date, candidate.date_end, candidate.dated_by
            twin.origin = candidate.origin
            twin.date_text = candidate.date_text
            # the date now comes from another sentence: say which, so the evidence still explains it
            where = candidate.sentence.text
            where = where if len(where) <= 100 else where[:99] + "…"
            twin.resolution = f"{candidate.resolution}, in another sentence: “{where}”"
        twin.key = twin.key or candidate.key
        twin.mentions += 1
        twin.label = twin.label or candidate.label
    return kept


_BORROWED = {"context", "news"}  # dates taken from around the sentence ...
_READ = {"text", "reference", "block"}  # ... yield to one read in it or in the reference data
_FINENESS = {"decade": 0, "year": 1, "month": 2, "day": 3}  # "the talks in May" does not undo "on Tuesday"
_NEWS_LAG_DAYS = 3  # a report's "have met" may tell of talks a day or two (and a time zone) before
_NEWS_DAYS = 7  # how far before the report the day of its news may be


def _told_before_its_date(first: Candidate, dated: Candidate, reference: PartialDate | None) -> bool:
    """ "Xi hosted Putin for talks in Beijing" in a headline or lead, then "... on Thursday": the
    event told first without a date is the one the later sentence dates. So is "have met", dated by
    the report's day, when a later sentence names a day just before it ("The meeting started on
    Thursday")."""
    if first.kind != dated.kind or first.status != dated.status:
        return False
    if first.dated_by == "news" and first.date is not None and dated.date is not None and dated.date.day:
        days_before = (first.date.first_day() - dated.date.first_day()).days
        return 0 < days_before <= _NEWS_LAG_DAYS and _alike(first, dated)
    if first.date is not None or first.dated_by is not None or reference is None or dated.date is None:
        return False
    # only the news of the report: "Xi and Putin met in Moscow in March 2023" is another meeting
    days_before = (reference.first_day() - dated.date.first_day()).days
    news = dated.date.day is not None and -1 <= days_before <= _NEWS_DAYS
    return news and bool(first.participants and dated.participants) and _alike(first, dated)


def _worth_reporting(candidate: Candidate) -> bool:
    """An undated event is kept only when it names who took part and is not an aside."""
    if candidate.date is not None:
        return True
    return len(candidate.participants) >= 1 and candidate.kind not in {EventType.OTHER, EventType.FOUNDING}


_SHARED_DATES: dict[PartialDate, PartialDate] = {}


def _shared_date(date: PartialDate | None) -> PartialDate | None:
    """One object per date (they are frozen): a corpus of thousands of events names far fewer days."""
    if date is None:
        return None
    if len(_SHARED_DATES) > 50_000:
        _SHARED_DATES.clear()
    return _SHARED_DATES.setdefault(date, date)


def _to_event(candidate: Candidate, document: Document) -> Event:
    sentence = candidate.sentence
    source = Source(
        file=document.file,
        path=document.path,
        document_id=document.id,
        evidence=sentence.text,
        start=sentence.start,
        end=sentence.end,
        date_text=candidate.date_text,
        resolution=candidate.resolution,
        url=document.url,
        outlet=document.outlet,
        title=document.title,
        published=str(document.published) if document.published is not None else None,
    )
    # from the article's content and the event's place in it, not from the path: the same article
    # gives the same ids wherever it is and however its folder is named
    identity = f"{document.id}:{candidate.kind.value}:{candidate.start}"
    return Event(
        id=hashlib.sha1(identity.encode()).hexdigest()[:10],
        type=candidate.kind,
        title=_title(candidate),
        date=_shared_date(candidate.date),
        date_end=_shared_date(candidate.date_end) if candidate.date_end != candidate.date else None,
        date_qualifier=candidate.qualifier,
        status=candidate.status,
        places=candidate.places,
        participants=candidate.participants or candidate.parties,
        count=candidate.count,
        count_since=candidate.count_since,
        count_qualifier=candidate.count_qualifier,
        value=_money(candidate) if candidate.kind == EventType.TRADE else None,
        key=candidate.key,
        confidence=confidence.confidence(candidate),
        sources=[source],
    )


def _money(candidate: Candidate) -> str | None:
    """The sum a trade report gives after its trigger, else its change in percent."""
    text, local = candidate.sentence.text, candidate.start - candidate.sentence.start
    match = cue("money").search(text, local) or cue("percent").search(text, local)
    return match.group().strip() if match else None


_TITLE_LEAD = re.compile(r"\b(?:the|a|an|his|her|their|its|this)\s+((?:[\w’'-]+\s+){1,3})$", re.I)
_TITLE_END = re.compile(r"[,;:.()]")


def _title(candidate: Candidate) -> str:
    """A title from the event's structure (`resources/en/titles.toml`): who, what, where; never cut."""
    if candidate.kind == EventType.MEETING_COUNT:
        who = " and ".join(candidate.participants[:3])
        qualifier = f"{candidate.count_qualifier} " if candidate.count_qualifier else ""
        since = f" since {candidate.count_since}" if candidate.count_since else ""
        return f"{who or 'The leaders'} have met {qualifier}{candidate.count} times{since}"
    if candidate.label and candidate.kind in {EventType.SUMMIT, EventType.FORUM}:
        who = " and ".join(candidate.participants[:3])
        return candidate.label + (f" — {who}" if who else "")
    return titles.title(candidate.kind.value, candidate.status.value, _title_facts(candidate))


def _title_facts(candidate: Candidate) -> dict[str, str]:
    text = candidate.sentence.text
    local = candidate.start - candidate.sentence.start
    lead = _TITLE_LEAD.search(text[max(0, local - 40) : local])
    phrase = " ".join(((lead.group(1) if lead else "") + _TITLE_END.split(text[local:], maxsplit=1)[0]).split())
    people = candidate.participants
    place = gazetteer.main_place(candidate.places)
    return {
        "who": " and ".join(people[:3]) if len(people) >= 2 else "",
        "people": " and ".join(people[:3]),
        "first": gazetteer.visitor(people, place) if candidate.kind == EventType.VISIT else next(iter(people), ""),
        "place": place,
        "value": (_money(candidate) or "") if candidate.kind == EventType.TRADE else "",
        "phrase": phrase[:1].upper() + phrase[1:],
    }
