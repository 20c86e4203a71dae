"""The project's exceptions, each carrying the exit code the CLI should use."""

from __future__ import annotations


class TimelineError(Exception):
    """Base class: a problem the user can act on; `exit_code` is what the CLI returns."""

    exit_code = 1


class InputError(TimelineError):
    """An article could not be read: missing, empty, binary, undecodable or too large."""

    exit_code = 1


class UsageError(TimelineError):
    """A bad option value, such as an impossible date or an unknown format."""

    exit_code = 2


class RulesError(TimelineError):
    """A rules or reference file shipped with the package is invalid."""

    exit_code = 3


class NotFoundError(TimelineError):
    """An event id that no event has."""

    exit_code = 1
