"""People and places: reference tables from `data/` and the office phrases of `resources/en/roles.toml`."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import tomllib
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from . import openings
from .errors import RulesError
from .rules import CuePattern, load_cues, read_resource, words_of


@dataclass(frozen=True)
class Office:
    """One term of one person in one office."""

    name: str
    role: str
    start: dt.date
    end: dt.date | None


@dataclass(frozen=True)
class Mention:
    """A person or place named in a sentence, with its canonical name and offsets."""

    name: str
    start: int
    end: int
    kind: str


def data_dir() -> Path:
    """The reference data folder: inside the installed package, else beside the source tree."""
    packaged = Path(str(resources.files("sinorus_timeline"))) / "data"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "data"


def read_table(name: str, columns: list[str]) -> list[dict[str, str]]:
    """Rows of a TSV reference file; a missing column fails naming the file and the row."""
    path = data_dir() / name
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise RulesError(f"reference file {path} cannot be read: {error}") from error
    rows = list(csv.DictReader(io.StringIO(text), delimiter="\t", quoting=csv.QUOTE_NONE))
    for number, row in enumerate(rows, start=2):
        missing = [column for column in columns if row.get(column) is None]
        if missing:
            raise RulesError(f"{path}, line {number}: missing {', '.join(missing)}")
    return rows


def _day(text: str, end: bool = False) -> dt.date | None:
    if not text:
        return None
    if len(text) == 4:
        return dt.date(int(text), 12, 31) if end else dt.date(int(text), 1, 1)
    return dt.date.fromisoformat(text)


@cache
def offices() -> list[Office]:
    """Every office term of `data/people.tsv`."""
    rows = read_table("people.tsv", ["name", "aliases", "role", "term_start", "term_end"])
    terms = []
    for row in rows:
        start = _day(row["term_start"]) or dt.date(1900, 1, 1)
        terms.append(Office(row["name"], row["role"], start, _day(row["term_end"], end=True)))
    return terms


def _alias_pattern(aliases: Iterable[str]) -> re.Pattern[str]:
    # Opening on the names themselves lets the engine skip to their first letters; the character
    # before a name is checked by `_named` instead. Names are grouped by their first letter, so a
    # place in the text meets one group, not every name; longer names first, so the longest wins.
    by_initial: dict[str, list[str]] = {}
    for alias in sorted(aliases, key=len, reverse=True):
        by_initial.setdefault(alias[0], []).append(alias[1:])
    groups = [
        re.escape(initial) + "(?:" + "|".join(map(re.escape, rests)) + ")" for initial, rests in by_initial.items()
    ]
    return re.compile("(?:" + "|".join(groups) + r")(?![\w-])")


_INSIDE_A_WORD = re.compile(r"[\w’'-]")  # a name does not start after one of these ("anti-Putin")


def _named(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """The names of an alias pattern in `text` that start a word, left to right without overlaps."""
    at = 0
    while (match := pattern.search(text, at)) is not None:
        start = match.start()
        if start > 0 and _INSIDE_A_WORD.match(text, start - 1):
            at = start + 1  # a shorter name may still start further in
            continue
        yield match
        at = match.end()


@cache
def _people() -> tuple[re.Pattern[str], dict[str, str]]:
    aliases: dict[str, str] = {}
    for row in read_table("people.tsv", ["name", "aliases"]):
        for alias in [row["name"], *row["aliases"].split("|")]:
            if alias.strip():
                aliases[alias.strip()] = row["name"]
    return _alias_pattern(aliases), aliases


@cache
def _places() -> tuple[re.Pattern[str], dict[str, tuple[str, str]]]:
    aliases: dict[str, tuple[str, str]] = {}
    for row in read_table("places.tsv", ["name", "aliases", "kind"]):
        for alias in [row["name"], *row["aliases"].split("|")]:
            if alias.strip():
                aliases[alias.strip()] = (row["name"], row["kind"])
    return _alias_pattern(aliases), aliases


@cache
def _countries() -> dict[str, str]:
    """The country each place of `data/places.tsv` lies in."""
    rows = read_table("places.tsv", ["name", "aliases", "kind"])
    return {row["name"]: row["country"] for row in rows if row.get("country")}


@cache
def _cities() -> dict[str, str]:
    """The city each venue of `data/places.tsv` is in ("Kremlin": "Moscow")."""
    rows = read_table("places.tsv", ["name", "aliases", "kind"])
    return {row["name"]: row["city"] for row in rows if row.get("city")}


def regions(name: str) -> set[str]:
    """A place, its city and the country it lies in: "Beijing" is also "China", the Kremlin is Moscow."""
    return {name} | {region for region in (_cities().get(name), _countries().get(name)) if region}


@cache
def _nationality() -> dict[str, str]:
    """The country each person of `data/people.tsv` serves."""
    return {row["name"]: row["country"] for row in read_table("people.tsv", ["name", "country"]) if row["country"]}


def visitor(people: list[str], place: str) -> str:
    """Who of the people is the one visiting `place`: the first not of its country ("Putin visits
    Beijing", though Xi is named first), else the first."""
    at = regions(place) if place else set()
    nationality = _nationality()
    return next((name for name in people if nationality.get(name) not in at), next(iter(people), ""))


@cache
def _kinds() -> dict[str, str]:
    """The kind of each place of `data/places.tsv` (city, country, venue, ...)."""
    return {canonical: kind for canonical, kind in _places()[1].values()}


def main_place(names: list[str]) -> str:
    """The place a title names: the first city, else the first place ("Moscow", not "Kremlin")."""
    kinds = _kinds()
    return next((name for name in names if kinds.get(name) == "city"), next(iter(names), ""))


def with_cities(names: list[str]) -> list[str]:
    """Places with the city of each venue after it: "the Kremlin" is in Moscow."""
    cities = _cities()
    return unique([found for name in names for found in (name, cities.get(name, name))])


@cache
def _roles() -> list[tuple[re.Pattern[str], str, frozenset[str]]]:
    try:
        data = tomllib.loads(read_resource("roles.toml"))
        return [(re.compile(role["pattern"]), role["office"], frozenset(role["hint"])) for role in data["role"]]
    except (tomllib.TOMLDecodeError, KeyError, re.error) as error:
        raise RulesError(f"rules file roles.toml is invalid: {error}") from error


@cache
def _heads_of_state() -> dict[str, str]:
    """The head of state's office of each side (`resources/en/hosts.toml`), checked against data/people.tsv."""
    try:
        hosts = {h["country"]: h["head_of_state"] for h in tomllib.loads(read_resource("hosts.toml"))["host"]}
    except (tomllib.TOMLDecodeError, KeyError, TypeError) as error:
        raise RulesError(f"rules file hosts.toml is invalid: {error}") from error
    known = {office.role for office in offices()}
    unknown = sorted(set(hosts.values()) - known)
    if unknown:
        raise RulesError(f"rules file hosts.toml names offices data/people.tsv does not have: {', '.join(unknown)}")
    return hosts


def host_of_visit(visitors: list[str], places: list[str], when: dt.date) -> str | None:
    """The head of state who hosts a visit by the other side's head of state to a place in their country."""
    heads = _heads_of_state()
    visiting = {country for country, office in heads.items() if holder(office, when) in visitors}
    visited = {country for place in places for country in regions(place) if country in heads}
    hosts = visited - visiting
    if not visiting or len(hosts) != 1:
        return None
    return holder(heads[hosts.pop()], when)


def holder(role: str, when: dt.date) -> str | None:
    """Who held an office on a day, according to `data/people.tsv`."""
    for office in offices():
        if office.role == role and office.start <= when and (office.end is None or when < office.end):
            return office.name
    return None


_NAME_PAIR = re.compile(r"\b([A-Z][\w’']*)([-–])(?=[A-Z])")  # "Xi-Putin", not "Anti-Putin"


def find_people(text: str, when: dt.date | None) -> list[Mention]:
    """People named in `text`, by alias or, when `when` is known, by office ("the Russian leader")."""
    pattern, aliases = _people()
    # "the Xi-Putin summit", "Lavrov–Wang talks": a pair of names joined by a dash is two names
    paired = _NAME_PAIR.sub(lambda m: m.group(1) + (" " if m.group(1) in aliases else m.group(2)), text)
    found = [Mention(aliases[m.group()], m.start(), m.end(), "person") for m in _named(pattern, paired)]
    if when is not None:
        words = words_of(text).keys
        for role_pattern, role, hint in _roles():
            if hint.isdisjoint(words):
                continue
            for match in openings.gated(role_pattern).finditer(text):
                name = holder(role, when)
                if name:
                    found.append(Mention(name, match.start(), match.end(), "person"))
    return sorted(found, key=lambda mention: mention.start)


def find_places(text: str) -> list[Mention]:
    """Places named in `text`; countries only where the text goes to or is in them."""
    pattern, aliases = _places()
    found = []
    for match in _named(pattern, text):
        name, kind = aliases[match.group()]
        if kind == "country" and not _TOWARDS.search(text, max(0, match.start() - 80), match.start()):
            continue
        if _voice().match(text, match.end()):
            continue  # "a Kremlin adviser said", "Beijing's spokesman": who speaks, not where it happened
        found.append(Mention(name, match.start(), match.end(), kind))
    return found


@cache
def _voice() -> CuePattern:
    return load_cues("cues.toml")["place_as_voice"]


@cache
def _parties() -> tuple[re.Pattern[str], dict[str, str]]:
    """Countries by name (`data/places.tsv`) or adjective (`resources/en/countries.toml`)."""
    names = {
        alias.strip(): row["name"]
        for row in read_table("places.tsv", ["name", "aliases", "kind"])
        if row["kind"] == "country"
        for alias in [row["name"], *row["aliases"].split("|")]
        if alias.strip()
    }
    try:
        raw = tomllib.loads(read_resource("countries.toml"))
        adjectives, not_before = raw["adjectives"], [str(word) for word in raw["not_before"]]
        named = {str(word): str(country) for country, words in adjectives.items() for word in words}
    except (tomllib.TOMLDecodeError, KeyError, AttributeError, TypeError) as error:
        raise RulesError(f"rules file countries.toml is invalid: {error}") from error
    unknown = sorted(set(named.values()) - set(names.values()))
    if unknown:
        raise RulesError(
            f"rules file countries.toml names countries data/places.tsv does not have: {', '.join(unknown)}"
        )
    names.update(named)
    # unlike a place, a party may stand in a compound: "Sino-Russian", "Russian-Chinese"
    words = "|".join(map(re.escape, sorted(names, key=len, reverse=True)))
    currency = "|".join(map(re.escape, not_before))
    return re.compile(rf"(?<![\w.])(?:{words})(?!\w)(?!\s+(?:{currency})\b)"), names


def find_parties(text: str) -> list[str]:
    """The countries a text names, by name or adjective, in the order first named."""
    pattern, names = _parties()
    return unique([names[match.group()] for match in pattern.finditer(text)])


def sides() -> set[str]:
    """The two countries whose relations the timeline follows (`resources/en/hosts.toml`)."""
    return set(_heads_of_state())


def main_parties(text: str) -> list[str]:
    """The two countries a text names most (each at least twice, and either more often than any
    third), else none: who "the two countries" are."""
    pattern, names = _parties()
    counts = Counter(names[match.group()] for match in pattern.finditer(text))
    ranked = counts.most_common(3)
    if len(ranked) < 2 or ranked[1][1] < 2 or (len(ranked) == 3 and ranked[2][1] * 2 > ranked[1][1]):
        return []
    return [ranked[0][0], ranked[1][0]]


_TOWARDS = re.compile(r"\b(?:in|to|into|visit(?:ed|ing|s)?|at)\s+(?:the\s+)?$")


def unique(names: list[str]) -> list[str]:
    """Names in first-seen order without repeats."""
    return list(dict.fromkeys(names))


@cache
def _elections() -> list[tuple[str, dt.date, dt.date]]:
    rows = read_table("elections.tsv", ["country", "office", "date", "winner", "took_office"])
    return [
        (row["winner"], dt.date.fromisoformat(row["date"]), dt.date.fromisoformat(row["took_office"])) for row in rows
    ]


def last_election(name: str, before: dt.date, taking_office: bool = False) -> dt.date | None:
    """The day of the latest election `name` won on or before a day (`data/elections.tsv`), or with
    `taking_office`, the day the term it won began (an inauguration, a swearing-in)."""
    days = [took if taking_office else day for winner, day, took in _elections() if winner == name]
    days = [day for day in days if day <= before]
    return max(days) if days else None
