"""`python -m sinorus_timeline` runs the `timeline` command."""

from .cli import main

main()
