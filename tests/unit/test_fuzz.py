"""Fuzzing the reader and the extractor: any bytes are either refused with `InputError` or read.

Random bytes and mutations of the bundled articles (byte flips, insertions, deletions, truncations,
splices) go through `make_document` and `extract` for a fixed time budget. The random generator is
seeded, so a failure names the seed and case number that reproduce it; `TIMELINE_FUZZ_SEED` and
`TIMELINE_FUZZ_SECONDS` change the seed and the budget of each test.
"""

from __future__ import annotations

import os
import random
import time
import traceback
from collections.abc import Callable
from pathlib import Path

import pytest

from sinorus_timeline.documents import bundled_seeds, make_document
from sinorus_timeline.errors import InputError
from sinorus_timeline.extract import extract
from sinorus_timeline.models import PartialDate

pytestmark = pytest.mark.slow

SEED = int(os.environ.get("TIMELINE_FUZZ_SEED", "20231019"))
SECONDS = float(os.environ.get("TIMELINE_FUZZ_SECONDS", "10"))

# Bytes that matter to the reader: encodings, line ends, front matter, dates and event words.
TOKENS = [
    b"\x00",
    b"\xff",
    b"\xfe\xff",
    b"\xef\xbb\xbf",
    b"\x80",
    b"\xc3",
    b"\xe2\x80\x94",
    b"\xf0\x9f\x98\x80",
    b"\r",
    b"\r\n",
    b"\n\n",
    b"\t",
    b"---\n",
    b"published: 2023-10\n",
    b"published: 2023-13-45\n",
    b"url: https://example.com/2015/0510/x.htm\n",
    b"Published: 2019/6/5\n",
    b"MOSCOW, March 21 (Xinhua) -- ",
    b"March 21",
    b"Feb 29",
    b"on Tuesday",
    b"last week",
    b"the day after",
    b"2023",
    b"1990s",
    b"999 decades ago",
    b"early October",
    b"the first quarter of next year",
    b"Xi Jinping met Vladimir Putin",
    b"held talks",
    b"the Belt and Road Forum",
    b"have met 42 times since 2013",
    b"$240 billion",
    b"the 70th anniversary of",
    b". ",
    b"?! ",
    b"\xe2\x80\x9c",
    b"(",
    b")",
]


# Inputs every run starts with, before the random ones: the edges of the reader's rules.
EDGES = [
    b"",
    b" \n\t\r\n",
    b"\xef\xbb\xbf",
    b"\x00",
    b"text then a NUL \x00",
    b"---\n---\n",
    b"---\n",
    b"---\npublished: 2023-10\n---\n",
    b"---\npublished: 2023-10-17\n---\nXi Jinping met Vladimir Putin in Beijing on Tuesday, officials said.\n",
    b"---\npublished: 2023-13-45\n---\nXi Jinping met Vladimir Putin in Beijing on Tuesday, officials said.\n",
    b"---\npublished: yesterday\n---\nXi Jinping met Vladimir Putin in Beijing on Tuesday, officials said.\n",
    b"\xef\xbb\xbf---\r\npublished: 2023\r\n---\r\nXi Jinping met Vladimir Putin in Beijing in May, they said.\r\n",
    b"Xi Jinping met Vladimir Putin in Beijing on Tuesday, officials said." * 2000,
    b"Caf\xe9 talks: Xi Jinping met Vladimir Putin in Moscow on March 21, 2023, officials said.\n",
    b"\n" * 10000,
    b"." * 10000,
]


def seeds() -> list[bytes]:
    paths = sorted(bundled_seeds().glob("*.txt"))
    assert len(paths) == 5, f"five bundled articles expected in {bundled_seeds()}"
    return [path.read_bytes() for path in paths]


def random_option(rng: random.Random) -> PartialDate | None:
    choice = rng.randrange(5)
    year = rng.randint(1900, 2100)
    if choice == 0:
        return None
    if choice == 1:
        return PartialDate(year=year)
    if choice == 2:
        return PartialDate(year=year, month=rng.randint(1, 12))
    if choice == 3:
        return PartialDate(year=year - year % 10, decade=True)
    month = rng.randint(1, 12)
    return PartialDate(year=year, month=month, day=rng.randint(1, 28 if month == 2 else 30))


def random_bytes(rng: random.Random) -> bytes:
    size = rng.choice([0, 1, 2, 8, 64, 512, 4096])
    kind = rng.randrange(4)
    if kind == 0:  # anything at all
        return rng.randbytes(size)
    if kind == 1:  # printable ASCII and line breaks
        return bytes(
            rng.choice(b"abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.,-\n") for _ in range(size)
        )
    if kind == 2:  # random code points, valid UTF-8
        return "".join(chr(rng.randint(1, 0x2FFFF)) for _ in range(size // 4)).encode("utf-8", "surrogatepass")
    return b"".join(rng.choice(TOKENS) + rng.choice([b" ", b"", b"\n"]) for _ in range(size // 16 + 1))


def mutate(data: bytes, rng: random.Random, corpus: list[bytes]) -> bytes:
    """One to eight random edits of the kinds a damaged or odd file shows."""
    buffer = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        position = rng.randint(0, len(buffer))
        kind = rng.randrange(8)
        if kind == 0 and buffer:  # flip bits of a byte
            index = min(position, len(buffer) - 1)
            buffer[index] ^= 1 << rng.randrange(8)
        elif kind == 1:  # insert random bytes
            buffer[position:position] = rng.randbytes(rng.randint(1, 16))
        elif kind == 2:  # insert a meaningful token
            buffer[position:position] = rng.choice(TOKENS)
        elif kind == 3:  # delete a span
            del buffer[position : position + rng.randint(1, 64)]
        elif kind == 4:  # truncate
            del buffer[position:]
        elif kind == 5 and buffer:  # duplicate a span
            start = rng.randrange(len(buffer))
            buffer[position:position] = buffer[start : start + rng.randint(1, 200)]
        elif kind == 6:  # splice in a piece of another article
            other = rng.choice(corpus)
            start = rng.randrange(len(other))
            buffer[position:position] = other[start : start + rng.randint(1, 400)]
        else:  # replace a span by a token
            buffer[position : position + rng.randint(1, 12)] = rng.choice(TOKENS)
    return bytes(buffer)


def check(raw: bytes, option: PartialDate | None) -> None:
    """Read and extract; `InputError` is the one allowed refusal. Evidence must point into the text."""
    try:
        document = make_document(raw, "fuzz.txt", option=option)
    except InputError:
        return
    for event in extract(document):
        for source in event.sources:
            assert 0 <= source.start < source.end <= len(document.text), source
            assert source.evidence == document.text[source.start : source.end]
        if event.date is not None and event.date_end is not None:
            assert event.date.first_day() <= event.date_end.first_day(), event


def fuzz(name: str, make: Callable[[random.Random], bytes], tmp_path: Path, first: list[bytes] | None = None) -> int:
    """Run the `first` inputs, then random ones until the budget is spent; any exception but
    `InputError` is a finding, reported with a file holding the input that raised it."""
    rng = random.Random(f"{SEED}:{name}")
    deadline = time.monotonic() + SECONDS
    failures: dict[str, str] = {}
    queue = list(first or [])
    cases = 0
    while queue or time.monotonic() < deadline:
        raw, option = (queue.pop(0) if queue else make(rng)), random_option(rng)
        cases += 1
        try:
            check(raw, option)
        except Exception as error:  # everything but InputError is a finding
            where = traceback.extract_tb(error.__traceback__)[-1]
            signature = f"{type(error).__name__} at {Path(where.filename).name}:{where.lineno}"
            if signature not in failures:
                sample = tmp_path / f"{name}-{cases}.bin"
                sample.write_bytes(raw)
                failures[signature] = f"{signature}: {error!s:.300} (case {cases}, option {option}, input {sample})"
    assert not failures, f"{len(failures)} distinct failures in {cases} cases (seed {SEED}):\n" + "\n".join(
        failures.values()
    )
    return cases


def test_random_bytes_are_refused_or_read(tmp_path: Path) -> None:
    cases = fuzz("random", random_bytes, tmp_path, first=EDGES)
    assert cases > 50, f"only {cases} cases ran in {SECONDS} s"


def test_mutated_articles_are_refused_or_read(tmp_path: Path) -> None:
    corpus = seeds()
    cases = fuzz("mutated", lambda rng: mutate(rng.choice(corpus), rng, corpus), tmp_path)
    assert cases > 50, f"only {cases} cases ran in {SECONDS} s"


def test_every_seed_unchanged_is_read() -> None:
    """The fuzz starts from articles the extractor reads well: each gives events."""
    for raw in seeds():
        assert extract(make_document(raw, "fuzz.txt"))
