"""``jiandu load`` killed with SIGKILL at random points (issue 14), on both stores.

The demo (``JIANDU_BENCH_KILL_CASES`` cases, default 5,000; the issue's size is 100,000) is
exported, then loaded once without interruption into a fresh embedded store, whose export is
the reference. On each store, one load of that export is then killed ``JIANDU_BENCH_KILLS``
times (default 20), each time at a random point of its writing, and run again by the same
command, as an operator would, until it finishes. After every kill the store is reopened and
must be consistent:

- its audit chain verifies;
- the interrupted import is reported (``loaders.journal.unfinished``), naming the files;
- nothing written by an earlier run is lost: no kind or type holds fewer records than before
  the run that was killed;
- on the embedded store, which writes a load in one transaction, nothing of the killed run is
  there at all.

At the end the same command finishes the load, says first that the earlier import did not
finish, and the store's export must equal the reference file for file. Any failure exits 1.

The kill points: 20 fractions drawn uniformly from (0, 1), sorted. On Neo4j a load commits
batch by batch, so a point is a number of records: the run is killed as soon as the store
holds that fraction of the load's records. On the embedded store nothing is visible until the
commit, so a point is a time: that fraction of the writing time of the uninterrupted load,
from the import's start entry to its commit. A kill that comes after the commit (the run was
quicker this time) interrupted nothing: the embedded store then holds the whole load, so the
point is tried again on an empty store, 10 % earlier (at most 4 times).

Figures: the kills that landed while the load was writing, the mismatches (0), and the time of
the load that finished it against the uninterrupted one.
"""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench.neo4j_tool import server_tool, unavailable
from bench.report import emit
from bench.served import ROOT
from graph.adapters.embedded import EmbeddedStore
from graph.adapters.neo4j import Neo4jStore
from graph.audit import verify
from graph.errors import JianduError
from graph.store import GraphStore
from loaders.demo.generator import write_demo
from loaders.export import export_store
from loaders.journal import unfinished

CASES = int(os.environ.get("JIANDU_BENCH_KILL_CASES", "5000"))
KILLS = int(os.environ.get("JIANDU_BENCH_KILLS", "20"))
POLL = 0.1  # seconds between looks at the store while a load runs
RETRIES = 4  # embedded: runs at one point that may commit before the kill

Open = Callable[[], GraphStore]


class Failed(Exception):
    pass


def _command(store: str, source: Path) -> list[str]:
    return [sys.executable, "-m", "jiandu.cli", "--store", store, "load", "--no-progress",
            str(source)]  # fmt: skip


def _digest(directory: Path) -> dict[str, str]:
    return {
        str(p.relative_to(directory)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(directory.rglob("*"))
        if p.is_file()
    }


def _held(store: GraphStore) -> dict[str, int]:
    """Records held by kind and type (those with any)."""
    counts = store.counts()
    held = {k.name: n for k, n in counts.nodes.items()} | {
        t.name: n for t, n in counts.rels.items()
    }
    return {name: n for name, n in held.items() if n}


def _peek(reopen: Open, look: Callable[[GraphStore], object]) -> object:
    try:
        with reopen() as store:
            return look(store)
    except JianduError:  # not created yet, or not reachable for a moment
        return None


def _writing(reopen: Open, before: int) -> bool:
    """Whether the running load has written its start entry (one more unfinished import)."""
    found = _peek(reopen, lambda s: len(unfinished(s)))
    return isinstance(found, int) and found > before


def _reference(source: Path, work: Path) -> tuple[dict[str, str], float, float, int]:
    """The uninterrupted load: the digest of its export, its seconds in all and from its start
    entry to its commit, and the records it holds."""
    where = work / "whole"
    started = time.monotonic()
    proc = subprocess.Popen(_command(str(where), source), cwd=ROOT, stderr=subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL)  # fmt: skip
    reopen = lambda: EmbeddedStore(where, read_only=True)  # noqa: E731
    writing_from = committed = None
    while proc.poll() is None:
        if writing_from is None and _writing(reopen, 0):
            writing_from = time.monotonic()
        elif writing_from is not None and committed is None and not _writing(reopen, 0):
            committed = time.monotonic()  # its finish entry is in: the load has committed
        time.sleep(POLL)
    ended = time.monotonic()
    if proc.returncode != 0:
        raise Failed(f"the uninterrupted load failed ({proc.returncode})")
    with EmbeddedStore(where, read_only=True) as store:
        export_store(store, work / "whole-export", progress=False)
        held = sum(_held(store).values())
    writing = (committed or ended) - (writing_from or started)
    return _digest(work / "whole-export"), ended - started, writing, held


def _kill_run(
    backend: str,
    url: str,
    reopen: Open,
    source: Path,
    point: float,
    writing_seconds: float,
    total: int,
    rng_note: str,
) -> bool:
    """One run of the load, killed at ``point`` (a fraction of the load). Whether the kill
    landed while it was writing (False: the run finished first)."""
    before_held = _peek(reopen, _held) or {}
    assert isinstance(before_held, dict)
    pending = _peek(reopen, lambda s: len(unfinished(s)))
    before_pending = pending if isinstance(pending, int) else 0
    proc = subprocess.Popen(_command(url, source), cwd=ROOT, stderr=subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL)  # fmt: skip
    while proc.poll() is None and not _writing(reopen, before_pending):
        time.sleep(POLL)
    began = time.monotonic()
    if backend == "neo4j":
        target = point * total
        while proc.poll() is None:
            held = _peek(reopen, lambda s: sum(_held(s).values()))
            if isinstance(held, int) and held >= target:
                break
            time.sleep(POLL)
    else:
        while proc.poll() is None and time.monotonic() - began < point * writing_seconds:
            time.sleep(0.01)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=60)
    with reopen() as store:
        if not verify(store.audit_entries(), store.audit_head()).ok:
            raise Failed(f"{backend} {rng_note}: the audit chain does not verify")
        after_held = _held(store)
        left = unfinished(store)
    lost = {k: (n, after_held.get(k, 0)) for k, n in before_held.items()
            if after_held.get(k, 0) < n}  # fmt: skip
    if lost:
        raise Failed(f"{backend} {rng_note}: records lost by the kill: {lost}")
    complete = sum(after_held.values()) == total
    # A kill after the load's last commit (while it prints its report) interrupted nothing.
    landed = proc.returncode == -signal.SIGKILL and not (complete and not left)
    if not complete:
        if not left or not left[-1].files[0]["path"].startswith(str(source)):
            raise Failed(f"{backend} {rng_note}: the interrupted import is not reported")
        if backend == "embedded" and after_held != before_held:
            raise Failed(f"{backend} {rng_note}: part of a killed load is in the store")
    print(
        f"# bench_kill: {backend} {rng_note}: "
        f"{'killed' if landed else 'finished before the kill'} "
        f"{time.monotonic() - began:.1f} s into its writing; "
        f"{sum(after_held.values()):,} of {total:,} records held",
        file=sys.stderr,
        flush=True,
    )
    return landed


def _on(
    backend: str,
    url: str,
    reopen: Open,
    source: Path,
    work: Path,
    reference: tuple[dict[str, str], float, float, int],
) -> bool:
    whole, whole_seconds, writing_seconds, total = reference
    rng = random.Random(14)
    points = sorted(rng.random() for _ in range(KILLS))
    landed = 0
    for i, point in enumerate(points, 1):
        for _ in range(RETRIES):
            note = f"kill {i}/{KILLS} at {point:.2f}"
            hit = _kill_run(backend, url, reopen, source, point, writing_seconds, total, note)
            if hit or backend != "embedded":
                break
            # The run committed before its kill (this run was quicker than the reference):
            # the embedded store holds the whole load, and any later run would write nothing.
            # Start again from an empty store, a little earlier.
            shutil.rmtree(url)
            point *= 0.9
        landed += hit
    pending = _peek(reopen, lambda s: bool(unfinished(s)))
    started = time.monotonic()
    done = subprocess.run(_command(url, source), cwd=ROOT, capture_output=True, text=True)
    finishing = time.monotonic() - started
    if done.returncode != 0:
        raise Failed(f"{backend}: the load that finishes failed: {done.stderr[-500:]}")
    said = "did not finish" in done.stderr
    if said != pending:
        raise Failed(f"{backend}: the last load {'did not say' if pending else 'said'} that an "
                     "earlier import did not finish")  # fmt: skip
    with reopen() as store:
        ok = verify(store.audit_entries(), store.audit_head()).ok and not unfinished(store)
        export_store(store, work / f"{backend}-export", progress=False)
    ours = _digest(work / f"{backend}-export")
    mismatches = sorted(f for f in whole.keys() | ours.keys() if whole.get(f) != ours.get(f))
    load = os.getloadavg()[0]
    print(
        f"# bench_kill: {backend}: {landed} of {KILLS} kills landed while writing; the load "
        f"that finished {'said first' if said else 'had nothing to say'} that an earlier "
        f"import did not finish; mismatching files {mismatches or 'none'}; load average {load:.2f}",
        file=sys.stderr,
        flush=True,
    )
    emit(f"kill.{backend}.kills_landed", landed, "kills", KILLS)
    emit(f"kill.{backend}.export_mismatches", len(mismatches), "files")
    emit(f"kill.{backend}.finishing_load", finishing, "s", whole_seconds)
    return bool(ok and not mismatches and landed)


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="jiandu-bench-kill-"))
    good = True
    try:
        with EmbeddedStore(work / "demo") as demo:
            write_demo(demo, cases=CASES, seed=14, progress=False)
            export_store(demo, work / "export", progress=False)
        shutil.rmtree(work / "demo")
        source = work / "export"
        reference = _reference(source, work)
        print(
            f"# bench_kill: {CASES:,} cases, {reference[3]:,} records; the uninterrupted "
            f"load took {reference[1]:.1f} s, {reference[2]:.1f} s of it writing",
            file=sys.stderr,
            flush=True,
        )
        if os.environ.get("JIANDU_BENCH_EMBEDDED") != "0":
            where = work / "embedded"
            good &= _on("embedded", str(where), lambda: EmbeddedStore(where, read_only=True),
                        source, work, reference)  # fmt: skip
        why = unavailable()
        if why is not None:
            print(f"# bench_kill: Neo4j skipped ({why})", file=sys.stderr)
        else:
            with server_tool().Neo4jServer(long_running=True) as server:
                good &= _on("neo4j", server.uri, lambda: Neo4jStore(server.uri), source, work,
                            reference)  # fmt: skip
    except Failed as failed:
        print(f"# bench_kill: FAILED: {failed}", file=sys.stderr)
        good = False
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if not good:
        sys.exit(1)


if __name__ == "__main__":
    main()
