"""The README's examples are what the bundled articles give: run each and compare."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

README = Path(__file__).resolve().parents[2] / "README.md"


def _examples() -> list[tuple[list[str], list[str]]]:
    """(command arguments, lines shown) of each `$ timeline list` and `$ timeline show` block."""
    found = []
    for block in re.findall(r"```console\n(.*?)```", README.read_text(encoding="utf-8"), re.S):
        command, *shown = block.rstrip("\n").split("\n")
        words = command.split()
        if words[:2] == ["$", "timeline"] and words[2] in {"list", "show"}:
            found.append((words[2:], shown))
    return found


def _run(args: list[str]) -> list[str]:
    result = subprocess.run(
        [sys.executable, "-m", "sinorus_timeline", *args, "--no-cache"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=True,
    )
    return result.stdout.splitlines()


def test_the_readme_shows_a_list_and_a_show_example() -> None:
    assert sorted(args[0] for args, _ in _examples()) == ["list", "show"]


@pytest.mark.parametrize(("args", "shown"), _examples(), ids=lambda value: " ".join(value)[:40])
def test_a_readme_example_is_what_the_bundled_articles_give(args: list[str], shown: list[str]) -> None:
    printed = _run(args)
    if args[0] == "list":  # the README shows the tab-separated table after `column -t` (empty cells vanish)
        cells = [[cell for cell in line.split("\t") if cell] for line in printed]
        assert [re.split(r"\s{2,}", line.strip()) for line in shown] == cells
        return
    # `show`: the lines up to the "..." that elides the rest, with the path to the seeds shortened
    kept = shown[: shown.index("  ...")] if "  ..." in shown else shown
    shortened = [re.sub(r"^(source \d+:\s+)\S*/seeds/", r"\1.../seeds/", line) for line in printed]
    assert shortened[: len(kept)] == kept
