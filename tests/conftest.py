"""Shared pytest setup: a fixed terminal environment so output does not depend on the machine."""

from __future__ import annotations

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
