"""`jiandu load` killed with SIGKILL at random points, on both stores (issue 14): each time the
store reopens consistent (its audit chain verifies), the interrupted import is reported, and
running the same load again gives an export identical to an uninterrupted load."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from graph.adapters.embedded import EmbeddedStore
from graph.adapters.neo4j import Neo4jStore
from graph.audit import verify
from graph.errors import JianduError
from graph.store import GraphStore
from loaders.demo.generator import write_demo
from loaders.export import export_store
from loaders.journal import unfinished

ROOT = Path(__file__).resolve().parent.parent
KILLS = 3
CASES = 200


def load_command(store: str, source: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "jiandu.cli",
        "--store",
        store,
        "load",
        "--no-progress",
        str(source),
    ]


def files(directory: Path) -> dict[str, str]:
    return {
        str(p.relative_to(directory)): p.read_text("utf-8")
        for p in sorted(directory.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def exported(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[Path, dict[str, str], float]]:
    """A demo export, the export of an uninterrupted load of it, and how long that load took."""
    base = tmp_path_factory.mktemp("killed")
    with EmbeddedStore(base / "demo") as demo:
        write_demo(demo, cases=CASES, seed=14, progress=False)
        export_store(demo, base / "export", progress=False)
    started = time.monotonic()
    subprocess.run(
        load_command(str(base / "whole"), base / "export"),
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    took = time.monotonic() - started
    with EmbeddedStore(base / "whole", read_only=True) as whole:
        export_store(whole, base / "whole-export", progress=False)
    yield base / "export", files(base / "whole-export"), took


def kill_and_finish(
    url: str, reopen: Callable[[], GraphStore], exported: tuple[Path, dict[str, str], float]
) -> None:
    source, whole, took = exported
    rng = random.Random(14)
    reported = 0
    for _ in range(KILLS):
        proc = subprocess.Popen(load_command(url, source), cwd=ROOT, stderr=subprocess.DEVNULL)
        try:
            # Wait until the load has begun writing (its start is in the audit chain), then
            # kill it at a random point of what remains.
            deadline = time.monotonic() + 120
            while proc.poll() is None and time.monotonic() < deadline:
                try:
                    with reopen() as peek:
                        if unfinished(peek):
                            break
                except JianduError:  # the store is not there yet
                    pass
                time.sleep(0.05)
            time.sleep(rng.uniform(0, took / 2))
        finally:  # whatever happened above, no load outlives this test
            proc.send_signal(signal.SIGKILL)
            proc.wait(timeout=60)
        with reopen() as store:
            assert verify(store.audit_entries(), store.audit_head()).ok
            pending = unfinished(store)
        if proc.returncode == -signal.SIGKILL:
            reported += bool(pending)
            assert pending and pending[-1].files[0]["path"].startswith(str(source))
    assert reported, "no kill landed while the load was writing"
    done = subprocess.run(load_command(url, source), cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "did not finish" in done.stderr  # said before completing it
    with reopen() as store:
        assert unfinished(store) == []
        assert verify(store.audit_entries(), store.audit_head()).ok
        target = source.parent / f"after-{abs(hash(url))}"
        export_store(store, target, progress=False)
    assert files(target) == whole


def test_a_killed_embedded_load_is_consistent_and_finished_by_running_it_again(
    exported: tuple[Path, dict[str, str], float], tmp_path: Path
) -> None:
    where = tmp_path / "store"
    kill_and_finish(str(where), lambda: EmbeddedStore(where, read_only=True), exported)


def test_a_killed_neo4j_load_is_consistent_and_finished_by_running_it_again(
    exported: tuple[Path, dict[str, str], float], neo4j_uri: str
) -> None:
    kill_and_finish(neo4j_uri, lambda: Neo4jStore(neo4j_uri), exported)
