"""Export formats for other tools: iCalendar, TimelineJS3 JSON and one self-contained HTML page."""

from __future__ import annotations

import calendar
import datetime as dt
import json
import re
from collections import Counter
from html import escape
from typing import IO, Any

from .models import Event, PartialDate, Qualifier, Source, Status

PAGE_TITLE = "China–Russia timeline"
_ONE_DAY = dt.timedelta(days=1)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_ICS_STATUS = {Status.HAPPENED: "CONFIRMED", Status.PLANNED: "TENTATIVE", Status.CANCELLED: "CANCELLED"}


# --- shared wording --------------------------------------------------------------------------------


def date_text(event: Event) -> str:
    """The event's date as a reader writes it: "late April 2019", "17–18 October 2023", "1990s"."""
    if event.date is None:
        return "undated"
    return human_date(event.date, event.date_end, event.date_qualifier)


def human_date(date: PartialDate, end: PartialDate | None = None, qualifier: Qualifier | None = None) -> str:
    """A date, a span or a qualified date in words: "1 October 1949", "30 June – 2 July 2023",
    "January–March 2022", "mid-May 2023", "the 1990s"."""
    if end is not None and end != date:
        return _human_span(date, end)
    text = _human(date)
    if qualifier is None:
        return text
    return f"mid-{text}" if qualifier == Qualifier.MID else f"{qualifier.value} {text}"


def _human(date: PartialDate, year: bool = True, month: bool = True) -> str:
    if date.decade:
        return f"the {date.year}s"
    parts = [str(date.day)] if date.day is not None else []
    if date.month is not None and month:
        parts.append(calendar.month_name[date.month])
    if year:
        parts.append(str(date.year))
    return " ".join(parts)


def _human_span(first: PartialDate, last: PartialDate) -> str:
    """ "17–18 October 2023" within a month, "30 June – 2 July 2023" within a year, both dates in full else."""
    if first.precision == last.precision and first.year == last.year and not first.decade:
        if first.precision == "day" and first.month == last.month:
            return f"{first.day}–{_human(last)}"
        if first.precision == "month":
            return f"{_human(first, year=False)}–{_human(last)}"
        if first.precision == "day":
            return f"{_human(first, year=False)} – {_human(last)}"
    return f"{_human(first)} – {_human(last)}"


def _details(event: Event) -> list[tuple[str, str]]:
    """Labelled facts about an event, empty ones left out, in the order every format shows them."""
    count = ""
    if event.count is not None:
        count = " ".join(filter(None, [event.count_qualifier, str(event.count)]))
        count += f" since {event.count_since}" if event.count_since else ""
    rows = [
        ("date", date_text(event)),
        ("other dates given", ", ".join(map(str, event.date_conflicts))),
        ("type", event.type.value),
        ("status", event.status.value),
        ("places", ", ".join(event.places)),
        ("participants", ", ".join(event.participants)),
        ("meetings", count),
        ("value", event.value or ""),
        ("confidence", f"{event.confidence:.2f}"),
        ("corrected", "by hand (corrections file)" if event.corrected else ""),
    ]
    return [(label, value) for label, value in rows if value]


# --- iCalendar (RFC 5545) ------------------------------------------------------------------------


def _ics_text(text: str) -> str:
    """A TEXT value escaped per RFC 5545 §3.3.11; other control characters are not allowed there."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")
    return _CONTROL.sub(" ", text)


def _fold(line: str) -> str:
    """One content line folded at 75 octets (RFC 5545 §3.1), never inside a UTF-8 character."""
    parts: list[str] = []
    current, size = "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > 75:
            parts.append(current)
            current, size = " ", 1  # the leading space of a continuation line counts too
        current += char
        size += width
    parts.append(current)
    return "".join(part + "\r\n" for part in parts)


def _ics_date(day: dt.date) -> str:
    return day.strftime("%Y%m%d")


def _ics_stamp(events: list[Event]) -> str:
    """DTSTAMP from the data, not the clock, so the same events always give the same file."""
    days = [(e.date_end or e.date).first_day() for e in events if e.date is not None]
    return f"{_ics_date(max(days))}T000000Z" if days else "19700101T000000Z"


def on_a_calendar(event: Event) -> bool:
    """A day or a month can be put on a calendar; a year or a decade says too little to."""
    return event.date is not None and event.date.precision in {"day", "month"}


def _ics_end(event: Event, start: PartialDate) -> dt.date:
    """DTEND is exclusive: the day after the span's last day; a month is a month-long span."""
    last = (event.date_end or start).last_day()
    return max(last, start.first_day()) + _ONE_DAY


def _ics_description(event: Event) -> str:
    lines = [f"{label}: {value}" for label, value in _details(event)]
    for number, source in enumerate(event.sources, 1):
        lines.append(f"source {number}: {source.file} [{source.start}:{source.end}]: {source.evidence}")
    return "\n".join(lines)


def _vevent(event: Event, start: PartialDate, stamp: str) -> list[str]:
    lines = [
        "BEGIN:VEVENT",
        f"UID:{_ics_text(event.id)}@sinorus-timeline",
        f"DTSTAMP:{stamp}",
        f"DTSTART;VALUE=DATE:{_ics_date(start.first_day())}",
        f"DTEND;VALUE=DATE:{_ics_date(_ics_end(event, start))}",
        f"SUMMARY:{_ics_text(event.title)}",
        f"CATEGORIES:{_ics_text(event.type.value)}",
        f"STATUS:{_ICS_STATUS[event.status]}",
        "TRANSP:TRANSPARENT",  # a past summit should not mark anyone busy
    ]
    if event.places:
        lines.append(f"LOCATION:{_ics_text(', '.join(event.places))}")
    lines.append(f"DESCRIPTION:{_ics_text(_ics_description(event))}")
    return [*lines, "END:VEVENT"]


def write_ics(events: list[Event], stream: IO[str]) -> None:
    """An iCalendar file with one all-day VEVENT per dated event, CRLF line endings."""
    stamp = _ics_stamp(events)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//sinorus-timeline//timeline//EN",
        "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME:{_ics_text(PAGE_TITLE)}",
    ]
    for event in events:
        # A calendar entry needs a day or a month; the others are left out here and the CLI counts them.
        if event.date is not None and on_a_calendar(event):
            lines.extend(_vevent(event, event.date, stamp))
    lines.append("END:VCALENDAR")
    stream.write("".join(_fold(line) for line in lines))


# --- TimelineJS3 ---------------------------------------------------------------------------------


def _timelinejs_date(date: PartialDate) -> dict[str, str]:
    """A TimelineJS date object with only the fields the date knows; a decade as its first year."""
    fields = {"year": str(date.year)}
    if date.month is not None:
        fields["month"] = str(date.month)
    if date.day is not None:
        fields["day"] = str(date.day)
    if date.decade:
        fields["display_date"] = f"{date.year}s"
    return fields


def _markup(text: str) -> str:
    """Text for TimelineJS, which renders headlines and bodies as HTML; quotes need no escaping there."""
    return escape(text, quote=False)


def _html_summary(event: Event) -> str:
    """The slide body: facts, then every source with its sentence, all HTML-escaped."""
    facts = "".join(f"<li>{_markup(label)}: {_markup(value)}</li>" for label, value in _details(event))
    sources = "".join(
        f"<li><b>{_markup(source.file)}</b>: “{_markup(source.evidence)}”</li>" for source in event.sources
    )
    return f"<ul>{facts}</ul><p>Sources:</p><ol>{sources}</ol>" if sources else f"<ul>{facts}</ul>"


def _timelinejs_slide(event: Event, start: PartialDate) -> dict[str, Any]:
    slide: dict[str, Any] = {"start_date": _timelinejs_date(start)}
    if event.date_end and event.date_end != start:
        slide["end_date"] = _timelinejs_date(event.date_end)
    slide["text"] = {"headline": _markup(event.title), "text": _html_summary(event)}
    slide["group"] = event.type.value
    slide["unique_id"] = event.id
    return slide


def write_timelinejs(events: list[Event], stream: IO[str]) -> None:
    """The JSON object TimelineJS3 loads: a title slide and one slide per dated event."""
    # TimelineJS needs a start date on every slide, so undated events are left out; the CLI warns.
    slides = [_timelinejs_slide(e, e.date) for e in events if e.date is not None]
    files = {source.file for event in events if event.date is not None for source in event.sources}
    title = {"text": {"headline": _markup(PAGE_TITLE), "text": f"{len(slides)} events from {len(files)} articles"}}
    stream.write(json.dumps({"title": title, "events": slides}, ensure_ascii=False, indent=2) + "\n")


# --- one self-contained HTML page ------------------------------------------------------------------

# The policy forbids every fetch (images, fonts, scripts, frames): the page must work offline and leak nothing.
_HEAD = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; \
script-src 'unsafe-inline'">
<title>{title}</title>
<style>
body {{ font: 15px/1.45 system-ui, sans-serif; margin: 0 auto; max-width: 60rem; padding: 0 1rem 3rem; color: #222; }}
header {{ position: sticky; top: 0; background: #fff; border-bottom: 1px solid #ccc; padding: .5rem 0; }}
h1 {{ font-size: 1.4rem; margin: .3rem 0; }}
#filters label {{ display: inline-block; margin: .1rem .8rem .1rem 0; white-space: nowrap; }}
h2 {{ font-size: 1.2rem; border-bottom: 2px solid #b22; margin-top: 1.5rem; }}
.event {{ border-left: 4px solid #ccc; padding: .3rem .8rem; margin: .8rem 0; }}
.event h3 {{ font-size: 1rem; margin: .1rem 0; }}
.when {{ font-weight: 600; color: #b22; }}
.type {{ font-size: .8rem; background: #eee; border-radius: 3px; padding: 0 .3rem; margin-left: .4rem; }}
dl {{ display: grid; grid-template-columns: max-content 1fr; gap: 0 .8rem; margin: .3rem 0; }}
dt {{ color: #666; }} dd {{ margin: 0; }}
.sources {{ margin: .3rem 0; padding-left: 1.4rem; font-size: .9rem; }}
.file {{ font-family: ui-monospace, monospace; }}
[hidden] {{ display: none !important; }}
</style>
</head>
<body>
<header>
<h1>{title}</h1>
<p><span id="visible-count">{count}</span> of {count} events shown</p>
<form id="filters">{filters}</form>
</header>
<main>
"""

# Hiding by checkbox; `#hide=forum,call` in the URL starts with those types hidden (links and tests use it).
_SCRIPT = """</main>
<script>
(function () {
  "use strict";
  var boxes = Array.prototype.slice.call(document.querySelectorAll("input[data-filter-type]"));
  var events = Array.prototype.slice.call(document.querySelectorAll(".event[data-type]"));
  var sections = Array.prototype.slice.call(document.querySelectorAll("section.year"));
  function update() {
    var shown = {};
    boxes.forEach(function (box) { shown[box.getAttribute("data-filter-type")] = box.checked; });
    var count = 0;
    events.forEach(function (el) {
      var visible = shown[el.getAttribute("data-type")] !== false;
      el.hidden = !visible;
      if (visible) { count += 1; }
    });
    sections.forEach(function (section) { section.hidden = !section.querySelector(".event:not([hidden])"); });
    document.getElementById("visible-count").textContent = String(count);
  }
  function fromHash() {
    var match = /^#hide=(.*)$/.exec(window.location.hash);
    var hidden = match ? decodeURIComponent(match[1]).split(",") : [];
    boxes.forEach(function (box) { box.checked = hidden.indexOf(box.getAttribute("data-filter-type")) < 0; });
    update();
  }
  boxes.forEach(function (box) { box.addEventListener("change", update); });
  window.addEventListener("hashchange", fromHash);
  fromHash();
})();
</script>
</body>
</html>
"""


def _filter_bar(events: list[Event]) -> str:
    """One checked checkbox per event type present, with how many events it holds."""
    kinds = Counter(event.type.value for event in events)
    return "".join(
        f'<label><input type="checkbox" data-filter-type="{escape(kind)}" checked> {escape(kind)} ({n})</label>'
        for kind, n in sorted(kinds.items())
    )


def _html_citation(source: Source) -> str:
    """The article's headline (or outlet), linked to its address when it is a web address, then a
    break; nothing when neither is known."""
    name = source.title or source.outlet
    url = source.url if source.url and source.url.startswith(("http://", "https://")) else None
    if url is not None:
        return (
            f'<a href="{escape(url)}" rel="noopener noreferrer">{escape(name or url)}</a>'
            + (f" ({escape(source.outlet)})" if source.outlet and name != source.outlet else "")
            + "<br>"
        )
    return f"{escape(name)}<br>" if name else ""


def _html_event(event: Event) -> str:
    facts = [(label, value) for label, value in _details(event) if label not in {"date", "type"}]
    rows = "".join(f"<dt>{escape(label)}</dt><dd>{escape(value)}</dd>" for label, value in facts)
    sources = "".join(
        f'<li>{_html_citation(s)}<span class="file">{escape(s.file)}</span> [{s.start}:{s.end}]'
        + (f" — date as written: “{escape(s.date_text)}”" if s.date_text else "")
        + f"<br><q>{escape(s.evidence)}</q></li>"
        for s in event.sources
    )
    return (
        f'<article class="event" data-type="{escape(event.type.value)}" id="event-{escape(event.id)}">'
        f'<div class="when">{escape(date_text(event))}<span class="type">{escape(event.type.value)}</span></div>'
        f"<h3>{escape(event.title)}</h3><dl>{rows}</dl>"
        f'<ol class="sources">{sources}</ol></article>\n'
    )


def _year_label(event: Event) -> str:
    """The heading an event is listed under: its year, its decade (`1990s`), or `Undated`."""
    if event.date is None:
        return "Undated"
    return f"{event.date.year}s" if event.date.decade else str(event.date.year)


def _by_year(events: list[Event]) -> list[tuple[str, list[Event]]]:
    """Events grouped under year headings in order of first day, undated ones last, each group kept in order."""
    dated = sorted((e for e in events if e.date is not None), key=lambda e: e.date or PartialDate(year=1))
    groups: dict[str, list[Event]] = {}
    for event in [*dated, *(e for e in events if e.date is None)]:
        groups.setdefault(_year_label(event), []).append(event)
    return list(groups.items())


def write_html(events: list[Event], stream: IO[str]) -> None:
    """One self-contained HTML page: events by year, a type filter, every source; no external requests."""
    stream.write(_HEAD.format(title=escape(PAGE_TITLE), count=len(events), filters=_filter_bar(events)))
    for label, group in _by_year(events):
        stream.write(f'<section class="year" data-year="{escape(label)}">\n<h2>{escape(label)}</h2>\n')
        stream.writelines(_html_event(event) for event in group)
        stream.write("</section>\n")
    stream.write(_SCRIPT)
