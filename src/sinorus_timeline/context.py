"""Dating a trigger its own sentence leaves undated: candidates from around it, scored.

Where a date may come from (an origin): an earlier event the sentence refers to ("during the
talks", "the meeting"), another dated event of the same sentence, an event or a date of the
sentences just before, the date line heading the block of a chronology, or the publication day
for the news a lead reports ("Xi has met Putin"). Each origin is a candidate; vetoes rule some out
and named features weigh the rest, with weights in the `[context]` table of
`resources/en/anchoring.toml`. The cheapest candidate within reach dates the trigger.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache

from .clauses import look_apart, way_at
from .dates import TemporalExpression
from .dating import HAPPENINGS, WHEN_FAMILIES, Candidate, apply, cue, told_as_done, told_within
from .models import EventType, PartialDate, family
from .scoring import Model, parse_model, stage_table

# Events that happen somewhere: one that takes its date from another takes its place too.
_PLACED = {EventType.MEETING, EventType.AGREEMENT, EventType.VISIT, EventType.SUMMIT, EventType.FORUM}


@dataclass
class Origin:
    """Where a date may come from: an event told elsewhere, or a temporal expression."""

    source: str  # one of ORIGINS
    position: int  # where the text tells it: how far back it is
    event: Candidate | None = None
    expression: TemporalExpression | None = None

    @property
    def date(self) -> PartialDate | None:
        return self.event.date if self.event is not None else self.expression.date if self.expression else None

    def described(self) -> str:
        """The origin as `show --why` lists it."""
        if self.event is not None:
            return f"{self.source}: the {self.event.kind.value} dated {self.event.date}"
        if self.expression is not None:
            return f"{self.source}: {self.expression.text!r}"
        return self.source


@dataclass
class Around:
    """What surrounds a trigger: the cues of its sentence and the publication date."""

    candidate: Candidate
    reference: PartialDate | None
    referred_kind: EventType | None  # "during the talks": the kind of event referred to
    during: bool  # the reference is a "during ..." phrase (a definite "the meeting" is not)
    dated_narrative: bool  # the two sentences before name a date
    block: TemporalExpression | None  # the date line heading the trigger's block of a chronology
    writes_a_date: bool  # the sentence writes a date that could not be read ("Feb 29" with no leap year near)


@dataclass
class Setting:
    """One origin of a date for one trigger."""

    around: Around
    origin: Origin

    @property
    def candidate(self) -> Candidate:
        return self.around.candidate

    @property
    def event(self) -> Candidate:
        assert self.origin.event is not None
        return self.origin.event


def _kind_differs(s: Setting) -> float:
    """ "after the talks": a call of the same family is a worse match than talks."""
    return float(s.origin.source == "referred_event" and s.event.kind != s.around.referred_kind)


def _characters_back(s: Setting) -> float:
    return float(abs(s.candidate.start - s.origin.position))


def _background(s: Setting) -> float:
    """A date years before the article, told in passing ("the treaty, signed in 2001, ..."), is
    history, not the narrative's time."""
    date, reference = s.origin.date, s.around.reference
    return float(
        s.origin.source == "narrative_date"
        and date is not None
        and reference is not None
        and date.year < reference.year - 1
    )


def _before_the_block(s: Setting) -> float:
    """Under a chronology's date line, an event told before that line is another entry's."""
    block = s.around.block
    return float(block is not None and s.origin.event is not None and s.origin.position < block.start)


def _statement_date(s: Setting) -> float:
    """ "..., a spokesman said on Wednesday": the day of a statement is not the narrative's time."""
    return float(s.origin.expression is not None and s.origin.expression.role == "reporting")


FEATURES: dict[str, Callable[[Setting], float]] = {
    "statement_date": _statement_date,
    "before_the_block": _before_the_block,
    "kind_differs": _kind_differs,
    "characters_back": _characters_back,
    "background_date": _background,
}


def _not_referred(s: Setting) -> bool:
    """The event referred to is of the kind named ("during the visit") or the trigger's own ("the meeting")."""
    if s.origin.source != "referred_event":
        return False
    wanted = s.around.referred_kind or s.candidate.kind
    same = family(s.event.kind) == family(wanted) if s.around.during else s.event.kind == wanted
    return not same


def _flashback(s: Setting) -> bool:
    """ "had met two days earlier": a past perfect is not the talks referred to, nor the narrative's time."""
    if not (s.origin.source == "narrative_event" or (s.origin.source == "referred_event" and s.around.during)):
        return False
    event = s.event
    local = event.start - event.sentence.start
    trigger = event.sentence.text[local : event.end - event.sentence.start].split()
    head = event.sentence.text[max(0, local - 30) : local] + (trigger[0] if trigger else "")
    return bool(cue("past_perfect").search(head))


def _not_a_happening(s: Setting) -> bool:
    """Only summits, forums, visits, meetings and calls lend their dates; a signing lends its day to
    talks, and the signing just told to another ("also signed a series of agreements")."""
    if s.origin.source not in {"sentence_event", "narrative_event"}:
        return False
    if s.event.kind == EventType.AGREEMENT and s.origin.source == "sentence_event":
        return s.candidate.kind != EventType.MEETING
    if s.event.kind == EventType.AGREEMENT:
        return s.candidate.kind != EventType.AGREEMENT
    return s.event.kind not in HAPPENINGS


def _before_or_after_it(s: Setting) -> bool:
    """ "Ahead of the APEC summit, Putin met Xi", "met after the talks": some day before or after the
    event named, not its date."""
    if s.origin.source != "sentence_event":
        return False
    sentence = s.candidate.sentence
    named = s.event.start - sentence.start
    return bool(cue("ahead_of").search(sentence.text, max(0, named - 30), named))


def _own_clause_ahead(s: Setting) -> bool:
    return s.origin.source == "sentence_event" and told_within(s.candidate, s.event)


def _other_tense(s: Setting) -> bool:
    """ "Xi met Putin on Tuesday, and Modi is expected to visit the city": a clause that looks ahead
    does not share the date of one that looks back, in its sentence or in the narrative before."""
    sentence = s.candidate.sentence
    if s.origin.source == "narrative_date":  # a date before the report cannot date what it looks ahead to
        date, reference = s.origin.date, s.around.reference
        if date is None or reference is None or date.last_day() >= reference.first_day():
            return False
        return way_at(sentence.text, s.candidate.start - sentence.start) == "ahead"
    if s.origin.source == "sentence_event":
        return look_apart(sentence.text, s.candidate.start - sentence.start, s.event.start - sentence.start)
    own, other = (way_at(c.sentence.text, c.start - c.sentence.start) for c in (s.candidate, s.event))
    return bool(own) and bool(other) and own != other


def _ahead_of_done(s: Setting) -> bool:
    """A date after publication ("the parade on Saturday", "has arrived for the forum on Friday") cannot
    date what a sentence reports as done."""
    date, reference = s.origin.date, s.around.reference
    if date is None or reference is None:
        return False
    return date.first_day() > reference.last_day() and told_as_done(s.candidate)


def _not_news(s: Setting) -> bool:
    """ "Xi Jinping has met with Putin", with no date near: the news the report brings, when a lead
    names who acted and tells no experience, habit or plan."""
    if s.origin.source != "publication_day":
        return False
    candidate = s.candidate
    text, local = candidate.sentence.text, candidate.start - candidate.sentence.start
    perfect = cue("news_perfect").search(text[max(0, local - 20) : local])
    # "have just signed" is the news of the moment whoever acted (companies are no participants)
    named = bool(candidate.participants) or (perfect is not None and "just" in perfect.group().lower())
    return not (
        named
        and perfect is not None
        and not any(cue(name).search(text) for name in ("experience", "habitual", "modal"))
    )


def _not_the_lead(s: Setting) -> bool:
    """ "Putin met Li Keqiang in the Kremlin." opening a report datelined that day tells that day's
    news (only the opening paragraph is offered the dateline); told as a plan, a habit or an
    experience, or with a date of its own that could not be read, it does not."""
    if s.origin.source != "lead_day":
        return False
    candidate = s.candidate
    return not (
        not s.around.writes_a_date
        and bool(candidate.participants)
        and told_as_done(candidate)
        and not any(cue(name).search(candidate.sentence.text) for name in ("experience", "habitual"))
    )


def _not_near_term(s: Setting) -> bool:
    """ "your upcoming visit", "the recent talks", undated: the publication year, as near as the text
    allows; a plain undated mention is not."""
    if s.origin.source != "publication_year":
        return False
    candidate = s.candidate
    local = candidate.start - candidate.sentence.start
    return not cue("near_term").search(candidate.sentence.text, max(0, local - 30), local)


def _not_an_occasion(s: Setting) -> bool:
    """ "the Russian leader said at a meeting with Han Zheng": in a report of its day, the meeting
    where the remarks it reports were made is of that day, unless the text dates it otherwise."""
    if s.origin.source != "occasion_day":
        return False
    candidate = s.candidate
    text, local = candidate.sentence.text, candidate.start - candidate.sentence.start
    return not (cue("occasion").search(text[max(0, local - 60) : local]) and told_as_done(candidate))


def _unanchored_narrative(s: Setting) -> bool:
    """An event just before sets the narrative's time only where the text there names a date too:
    "Putin flew in after a summit. This is his fourth trip" does not date the trip by the summit."""
    return s.origin.source == "narrative_event" and not s.around.dated_narrative


VETOES: dict[str, Callable[[Setting], bool]] = {
    "not_near_term": _not_near_term,
    "not_the_lead": _not_the_lead,
    "not_an_occasion": _not_an_occasion,
    "unanchored_narrative": _unanchored_narrative,
    "not_referred": _not_referred,
    "flashback": _flashback,
    "not_a_happening": _not_a_happening,
    "own_clause_ahead": _own_clause_ahead,
    "before_or_after_it": _before_or_after_it,
    "other_tense": _other_tense,
    "ahead_of_done": _ahead_of_done,
    "not_news": _not_news,
}


_REFERENCE_REACH = 60  # events told before: "during the talks" refers to one of these

# The kinds of origin each veto can rule out: only those are asked (a dozen origins a trigger).
_RULES_OUT = {
    "not_near_term": {"publication_year"},
    "not_the_lead": {"lead_day"},
    "not_an_occasion": {"occasion_day"},
    "unanchored_narrative": {"narrative_event"},
    "not_referred": {"referred_event"},
    "flashback": {"narrative_event", "referred_event"},
    "not_a_happening": {"sentence_event", "narrative_event"},
    "own_clause_ahead": {"sentence_event"},
    "before_or_after_it": {"sentence_event"},
    "other_tense": {"sentence_event", "narrative_event", "narrative_date"},
    "ahead_of_done": {"narrative_date", "sentence_event", "narrative_event"},
    "not_news": {"publication_day"},
}

ORIGINS = (
    "referred_event",
    "block_date",
    "sentence_event",
    "narrative_event",
    "narrative_date",
    "publication_day",
    "lead_day",
    "occasion_day",
    "publication_year",
)


@cache
def model() -> Model:
    """The model that dates a trigger from around its sentence."""
    return parse_model(stage_table("context"), FEATURES, VETOES, "anchoring.toml [context]", ORIGINS)


def origins(
    candidate: Candidate,
    siblings: list[Candidate],
    earlier: list[Candidate],
    before: list[TemporalExpression],
    block: TemporalExpression | None,
    reference: PartialDate | None,
    referring: bool,
    stamp: TemporalExpression | None = None,
    report: TemporalExpression | None = None,
) -> list[Origin]:
    """Every place a date for the trigger may come from."""
    # a reference reaches back through the events of a long article, not through a whole corpus dump
    recent = earlier[-_REFERENCE_REACH:] if referring else []
    found = [Origin("referred_event", e.start, event=e) for e in recent if e.date is not None]
    found += [Origin("sentence_event", s.start, event=s) for s in siblings if s is not candidate and s.date]
    found += [Origin("narrative_event", e.sentence.end, event=e) for e in earlier[-4:] if e.date is not None]
    found += [Origin("narrative_date", e.start, expression=e) for e in before]
    if block is not None:
        found.append(Origin("block_date", block.start, expression=block))
    if reference is not None and reference.day is not None:
        found.append(Origin("publication_day", candidate.start))
    if stamp is not None:
        found.append(Origin("lead_day", stamp.start, expression=stamp))
    if report is not None:
        found.append(Origin("occasion_day", report.start, expression=report))
    if reference is not None:
        found.append(Origin("publication_year", candidate.start))
    return found


def date_from_context(
    candidate: Candidate,
    siblings: list[Candidate],
    earlier: list[Candidate],
    before: list[TemporalExpression],
    reference: PartialDate | None = None,
    block: TemporalExpression | None = None,
    lead: TemporalExpression | None = None,
    inside: Sequence[TemporalExpression] = (),
    report: TemporalExpression | None = None,
) -> None:
    """An undated trigger takes the date of what it refers to, or of the narrative around it."""
    if candidate.date is not None or candidate.kind == EventType.MEETING_COUNT:
        return
    text, local = candidate.sentence.text, candidate.start - candidate.sentence.start
    during = cue("during").search(text)
    definite = cue("definite").search(text[max(0, local - 40) : local])
    kind = WHEN_FAMILIES[during.group("what").lower()] if during else None
    around = Around(
        candidate,
        reference,
        kind,
        during is not None,
        bool(before),
        block,
        any(e.type == "DATE" and e.date is None for e in inside),
    )
    weights = model()
    scored = []
    for origin in origins(
        candidate, siblings, earlier, before, block, reference, bool(during or definite), lead, report
    ):
        if origin.source not in weights.origins:
            continue
        setting = Setting(around, origin)
        asked = _asked(weights.vetoes, origin.source)
        vetoed = next((name for name in asked if VETOES[name](setting)), None)
        if vetoed is not None:
            candidate.considered.append(functools.partial(_weighed, origin, f"ruled out: {vetoed}"))
            continue
        features = sum(weight * FEATURES[name](setting) for name, weight in weights.weights.items())
        cost = weights.origins[origin.source] + features
        candidate.considered.append(functools.partial(_weighed, origin, cost))
        if cost <= weights.reach:
            scored.append((cost, origin))
    if scored:
        _take(candidate, min(scored, key=lambda pair: pair[0])[1], reference)


@functools.lru_cache(maxsize=64)
def _asked(vetoes: tuple[str, ...], source: str) -> tuple[str, ...]:
    """The vetoes that can rule out an origin of this kind, in the file's order."""
    return tuple(name for name in vetoes if source in _RULES_OUT[name])


def _weighed(origin: Origin, verdict: str | float) -> tuple[str, str]:
    return origin.described(), verdict if isinstance(verdict, str) else f"cost {verdict:g}"


def _take(candidate: Candidate, origin: Origin, reference: PartialDate | None) -> None:
    candidate.origin = origin.source
    if origin.event is not None:
        _inherit(candidate, origin.event, _SAYS[origin.source].format(event=origin.event))
    elif origin.expression is not None and origin.source == "block_date":
        apply(candidate, origin.expression, "block")
        candidate.resolution = f"no date in the sentence; the date line {origin.expression.text!r} heads its block"
    elif origin.expression is not None and origin.source in {"lead_day", "occasion_day"}:
        candidate.date, candidate.date_end, candidate.dated_by = origin.expression.date, None, "news"
        candidate.date_text = origin.expression.text
        candidate.resolution = f"no date in the sentence; {_SAYS[origin.source]} {origin.expression.text!r}"
    elif origin.expression is not None:
        apply(candidate, origin.expression, "context")
        candidate.resolution = f"no date in the sentence; the text just before speaks of {origin.expression.text!r}"
    elif origin.source == "publication_year" and reference is not None:
        candidate.date, candidate.date_end, candidate.dated_by = PartialDate(year=reference.year), None, "news"
        candidate.resolution = f"no date in the sentence; {_SAYS[origin.source]}"
    else:
        candidate.date, candidate.date_end, candidate.dated_by = reference, None, "news"
        candidate.resolution = f"no date in the sentence; {_SAYS[origin.source]}"


_SAYS = {
    "referred_event": "refers back to the {event.kind.value} dated {event.date}",
    "sentence_event": "same sentence as the {event.kind.value} dated {event.date}",
    "narrative_event": "the text just before speaks of the {event.kind.value} dated {event.date}",
    "publication_day": "told in the present perfect as the news of the publication day",
    "lead_day": "told as done in the opening paragraph of a report datelined",
    "occasion_day": "the occasion of remarks told in a report datelined",
    "publication_year": "told as upcoming or recent: the year of publication",
}


def _within_the_span(candidate: Candidate, source: Candidate) -> bool:
    """An event of another kind inside a happening of several days within one month."""
    date, end = source.date, source.date_end
    return (
        candidate.kind != source.kind
        and date is not None
        and end is not None
        and date.precision == "day"
        and end != date
        and (date.year, date.month) == (end.year, end.month)
    )


def _inherit(candidate: Candidate, source: Candidate, why: str) -> None:
    candidate.date, candidate.date_end, candidate.qualifier = source.date, source.date_end, source.qualifier
    candidate.date_text, candidate.dated_by = source.date_text, "context"
    candidate.resolution = f"no date in the sentence; {why}"
    if _within_the_span(candidate, source):
        # talks or a signing during a visit of several days: some day of it, so only its month is known
        assert source.date is not None
        candidate.date, candidate.date_end = source.date.truncate("month"), None
        candidate.resolution += ", on a day of it the text does not give"
    if candidate.key is None and family(candidate.kind) == family(source.kind):
        candidate.key = source.key
    if not candidate.places and candidate.kind in _PLACED:  # "during the talks, they signed": where the talks were
        candidate.places = list(source.places)
