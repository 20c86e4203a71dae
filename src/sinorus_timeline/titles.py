"""Titles of events from their structure, with the templates of `resources/en/titles.toml`."""

from __future__ import annotations

import re
import tomllib
from functools import cache

from .errors import RulesError
from .rules import read_resource

_PLACEHOLDER = re.compile(r"\{(\w+)\}")
FACTS = frozenset({"who", "people", "first", "place", "value", "phrase"})


@cache
def _templates() -> tuple[dict[str, dict[str, list[str]]], list[str]]:
    """The templates by status and event type, and the default list; checked when first read."""
    try:
        raw = tomllib.loads(read_resource("titles.toml"))
        default = raw.pop("default")
        tables = {status: dict(kinds) for status, kinds in raw.items()}
    except (tomllib.TOMLDecodeError, KeyError, TypeError, ValueError) as error:
        raise RulesError(f"rules file titles.toml is invalid: {error}") from error
    for template in [*default, *(t for kinds in tables.values() for ts in kinds.values() for t in ts)]:
        unknown = set(_PLACEHOLDER.findall(template)) - FACTS
        if not isinstance(template, str) or unknown:
            raise RulesError(f"rules file titles.toml: {template!r} names unknown facts {sorted(unknown)}")
    return tables, default


def title(kind: str, status: str, facts: dict[str, str]) -> str:
    """The first template of the event's type and status whose every fact is known, else the default."""
    tables, default = _templates()
    for template in [*tables.get(status, {}).get(kind, []), *default]:
        if all(facts.get(name) for name in _PLACEHOLDER.findall(template)):
            return template.format(**facts)
    return facts.get("phrase") or kind.replace("_", " ").capitalize()
