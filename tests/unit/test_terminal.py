"""Colour choice: the flag first, then NO_COLOR, then whether the stream is a terminal."""

from __future__ import annotations

import io

import pytest

from sinorus_timeline.terminal import colour_wanted, console, plain_rows


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    ("choice", "tty", "environ", "expected"),
    [
        ("auto", True, {}, True),
        ("auto", False, {}, False),
        ("auto", True, {"NO_COLOR": "1"}, False),
        ("auto", True, {"NO_COLOR": "0"}, False),  # any non-empty value
        ("auto", True, {"NO_COLOR": ""}, True),  # empty means unset
        ("never", True, {}, False),
        ("always", False, {}, True),
        ("always", True, {"NO_COLOR": "1"}, True),  # the explicit flag wins
    ],
)
def test_colour_wanted(choice: str, tty: bool, environ: dict[str, str], expected: bool) -> None:
    stream = Terminal() if tty else io.StringIO()
    assert colour_wanted(choice, stream, environ) is expected


def test_plain_rows_are_tab_separated_and_bold_only_with_colour() -> None:
    assert plain_rows(["a", "b"], [["1", "x\ty"]], colour=False) == "a\tb\n1\tx y\n"
    assert plain_rows(["a"], [], colour=True) == "\x1b[1ma\x1b[0m\n"


def test_console_without_colour_writes_no_escape_codes_even_on_a_terminal() -> None:
    stream = Terminal()
    console(stream, colour=False).print("[bold red]hello[/]")
    assert stream.getvalue() == "hello\n"
    coloured = Terminal()
    console(coloured, colour=True).print("[bold red]hello[/]")
    assert "\x1b[" in coloured.getvalue()
