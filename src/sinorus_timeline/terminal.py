"""How human output looks: whether it is coloured, and the Rich console that prints it on a terminal.

Only the command line uses this module; the core never knows about terminals.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import IO, TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console

COLOR_CHOICES = ("auto", "always", "never")
BOLD, RESET = "\x1b[1m", "\x1b[0m"


def colour_wanted(choice: str, stream: IO[str], environ: Mapping[str, str]) -> bool:
    """`always` and `never` are the user's word; `auto` colours a terminal unless NO_COLOR is set.

    An explicit `--color always` wins over NO_COLOR, as a command-line flag wins over the environment.
    """
    if choice == "always":
        return True
    if choice == "never" or environ.get("NO_COLOR"):  # any non-empty value disables colour
        return False
    return stream.isatty()


def console(stream: IO[str], colour: bool) -> Console:
    """A Rich console writing to `stream`: no escape codes at all without colour, not even bold."""
    from rich.console import Console

    return Console(file=stream, color_system="standard" if colour else None, force_terminal=colour or None)


def plain_rows(headers: list[str], rows: list[list[str]], colour: bool) -> str:
    """Tab-separated lines with a header (bold only when colour was asked for)."""
    header = "\t".join(headers)
    lines = [f"{BOLD}{header}{RESET}" if colour else header]
    lines += ["\t".join(cell.replace("\t", " ") for cell in row) for row in rows]
    return "\n".join(lines) + "\n"
