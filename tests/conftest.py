"""Shared pytest setup: a fixed terminal environment so output does not depend on the machine."""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType

import pytest


@pytest.fixture(autouse=True)
def _pinned_environment(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Same width, no colour and a dumb terminal for every test; a cache of the test run's own."""
    monkeypatch.setenv("TIMELINE_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "cache"))
    # Corrections of the bundled articles go to the user's data folder: never the real one in tests.
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path_factory.getbasetemp() / "data"))
    monkeypatch.setenv("COLUMNS", "120")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("TERM", "dumb")
    monkeypatch.delenv("FORCE_COLOR", raising=False)


# Written dating cases: (what the case shows, publication date, text, the (type, date) of each event).
DatingCase = tuple[str, str, str, list[tuple[str, str | None]]]


def _outcome(pub: str, text: str) -> list[tuple[str, str | None]]:
    """The (type, date) of each event extracted from `text` published on `pub`, in a stable order."""
    from sinorus_timeline.documents import make_document
    from sinorus_timeline.extract import extract
    from sinorus_timeline.models import PartialDate

    document = make_document(text.encode(), "case.txt", option=PartialDate.parse(pub))
    return sorted(((e.type.value, str(e.date) if e.date else None) for e in extract(document)), key=str)


@pytest.fixture
def outcome() -> Callable[[str, str], list[tuple[str, str | None]]]:
    """What the extractor makes of a short text: its events' types and dates."""
    return _outcome


@pytest.fixture
def broken_by(monkeypatch: pytest.MonkeyPatch) -> Callable[[ModuleType, object, list[DatingCase]], list[str]]:
    """The written cases that fail when a dating module's `model()` gives another model (an ablation)."""

    def broken(module: ModuleType, model: object, cases: list[DatingCase]) -> list[str]:
        monkeypatch.setattr(module, "model", lambda: model)
        return [shows for shows, pub, text, expected in cases if _outcome(pub, text) != sorted(expected, key=str)]

    return broken
