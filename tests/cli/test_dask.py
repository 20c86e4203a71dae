"""`--dask`: the same extraction on a Dask cluster gives the same timeline as a local run."""

from __future__ import annotations

import contextlib
import os
import select
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

distributed = pytest.importorskip("distributed", reason="the dask extra is not installed")

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=40
    )
    try:
        yield cluster.scheduler_address
    finally:
        cluster.close()


def _timeline(*args: str, cache: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "TIMELINE_CACHE_DIR": str(cache)}
    return subprocess.run(
        [sys.executable, "-m", "sinorus_timeline", *args], capture_output=True, text=True, env=env, timeout=300
    )


def test_a_cluster_run_equals_a_local_run(scheduler: str, tmp_path: Path) -> None:
    local = _timeline("list", "--format", "jsonl", "--no-cache", "-j", "1", cache=tmp_path / "a")
    remote = _timeline("--dask", scheduler, "list", "--format", "jsonl", "--no-cache", cache=tmp_path / "b")
    assert remote.returncode == 0, remote.stderr
    assert remote.stdout == local.stdout
    assert len(remote.stdout.splitlines()) > 20


def test_the_address_may_come_from_the_environment_and_fills_the_cache(scheduler: str, tmp_path: Path) -> None:
    env_run = subprocess.run(
        [sys.executable, "-m", "sinorus_timeline", "list", "--format", "jsonl"],
        capture_output=True,
        text=True,
        env={**os.environ, "TIMELINE_CACHE_DIR": str(tmp_path), "TIMELINE_DASK": scheduler},
        timeout=300,
    )
    warm = _timeline("list", "--format", "jsonl", cache=tmp_path)
    assert env_run.returncode == 0, env_run.stderr
    assert warm.stdout == env_run.stdout


def test_an_unreachable_scheduler_is_one_line_and_a_failure(tmp_path: Path) -> None:
    result = _timeline("--dask", "tcp://127.0.0.1:9", "list", "--no-cache", cache=tmp_path)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Dask scheduler" in result.stderr


def test_a_progress_bar_goes_to_a_terminal_stderr_only(tmp_path: Path) -> None:
    """With stderr a terminal, a long run draws a bar there; stdout (a pipe) stays plain data."""
    import pty

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    seed = sorted((Path(__file__).parents[2] / "seeds").glob("*.txt"))[0].read_text(encoding="utf-8")
    for number in range(600):  # more than two batches
        (corpus / f"{number:04d}.txt").write_text(f"{seed}\nCopy {number}.\n", encoding="utf-8")
    leader, follower = pty.openpty()
    stdout_file = tmp_path / "stdout.jsonl"  # a file, not a pipe: a full pipe would stall the run
    env = {**os.environ, "TIMELINE_CACHE_DIR": str(tmp_path / "cache"), "TERM": "xterm", "COLUMNS": "100"}
    env.pop("NO_COLOR", None)
    with stdout_file.open("wb") as sink:
        process = subprocess.Popen(
            [sys.executable, "-m", "sinorus_timeline", "list", str(corpus), "--format", "jsonl", "-j", "1"],
            stdout=sink,
            stderr=follower,
            env=env,
        )
    os.close(follower)
    drawn = b""
    deadline = time.monotonic() + 300
    with contextlib.suppress(OSError):  # the terminal closes when the process ends
        while time.monotonic() < deadline:
            ready, _, _ = select.select([leader], [], [], 1.0)
            if ready and not (chunk := os.read(leader, 4096)):
                break
            if ready:
                drawn += chunk
            elif process.poll() is not None:
                break
    process.wait(timeout=300)
    os.close(leader)
    stdout = stdout_file.read_bytes()
    assert process.returncode == 0
    assert b"reading articles" in drawn
    assert b"\x1b" not in stdout and stdout.count(b"\n") > 5
