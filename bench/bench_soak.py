"""A soak (issue 14): a mixed read/write load at about half the measured capacity for
``JIANDU_SOAK_MINUTES`` (default 30) on the 2,000-case demo in the embedded store, served as
``jiandu serve`` runs it. Reports, per minute on stderr and as figures on stdout: the server's
RSS (the last minute against the first, and against the middle one: caches fill in the first
minutes, a leak goes on growing), errors (anything but data or CONFLICT) and the p99 latency
(the last minute against the first).

The mix, per request: 50 % ``node(id)``, 25 % a filtered page of cases, 10 % a neighbourhood of
depth 2, 15 % an update of a case's cause with the version just read (a CONFLICT, when two
writers meet, is an answer, not an error). Capacity is measured first with 8 closed-loop
clients for 15 s; the soak then paces 4 clients to half of it.

Before that, a warm-up fills the server's bounded caches, so that the soak's RSS from its first
minute is the steady state (a leak then shows as growth, and caches filling do not): 8 clients
read every case and its neighbourhood once, then send updates (each read, then written with its
version), until the RSS grows by less than ``PLATEAU_KIB`` in a minute, for at most
``JIANDU_SOAK_WARMUP_MINUTES`` (default 15). Without it, the RSS of a cold server grows by
about half in the first 15 minutes: SQLite's page cache (64 MiB) taking the pages of the
growing audit trail, and the record caches taking every record read.
"""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from bench.bench_api import _free_port
from bench.report import emit, percentile
from bench.served import ROOT, Client, _ready

SECRET = "bench-soak-" + "k" * 40
CASES = 2_000
NODE = "query($id: ID!) { node(id: $id) { id version ... on Case { caseNumber cause } } }"
PAGE = """query($r: String!) { cases(filter: {region: $r}, first: 20) {
  nodes { id caseNumber filedOn } } }"""
AROUND = "query($id: ID!) { neighbourhood(id: $id, depth: 2, limit: 200) { nodes { id } } }"
UPDATE = """mutation($id: ID!, $v: Int!, $c: String!) {
  updateCase(id: $id, version: $v, input: {cause: $c}) { version } }"""
REGIONS = ("510104", "510105", "510106", "510107", "510100", "511300", "500105")


def _rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


class Mix:
    def __init__(self, ids: list[str], seed: int) -> None:
        self.ids = ids
        self.rng = random.Random(seed)

    def one(self, client: Client) -> tuple[float, str]:
        """One request of the mix: its seconds and its outcome (ok, CONFLICT or an error)."""
        r, case = self.rng.random(), self.ids[self.rng.randrange(len(self.ids))]
        started = time.perf_counter()
        try:
            if r < 0.5:
                outcome = _outcome(client.send(client.encode(NODE, {"id": case})))
            elif r < 0.75:
                region = REGIONS[self.rng.randrange(len(REGIONS))]
                outcome = _outcome(client.send(client.encode(PAGE, {"r": region})))
            elif r < 0.85:
                outcome = _outcome(client.send(client.encode(AROUND, {"id": case})))
            else:
                _, _, read = client.send(client.encode(NODE, {"id": case}))
                version = read["data"]["node"]["version"]
                cause = f"soak {self.rng.randrange(10**6)}"
                sent = client.encode(UPDATE, {"id": case, "v": version, "c": cause})
                outcome = _outcome(client.send(sent))
        except Exception as exc:  # a dropped connection, a bad answer: an error of the soak
            outcome = f"error: {type(exc).__name__}"
        return time.perf_counter() - started, outcome


def _outcome(answer: tuple[float, int, dict[str, Any]]) -> str:
    _, status, body = answer
    errors = body.get("errors") or []
    if status != 200:
        return f"error: HTTP {status}"
    if not errors:
        return "ok"
    codes = {e.get("extensions", {}).get("code") for e in errors}
    return "CONFLICT" if codes == {"CONFLICT"} else f"error: {sorted(map(str, codes))}"


def _capacity(port: int, token: str, ids: list[str], seconds: float) -> float:
    done = [0]
    lock = threading.Lock()
    end = time.monotonic() + seconds

    def client_loop(k: int) -> None:
        client, mix = Client(port, token), Mix(ids, k)
        try:
            while time.monotonic() < end:
                mix.one(client)
                with lock:
                    done[0] += 1
        finally:
            client.close()

    threads = [threading.Thread(target=client_loop, args=(k,)) for k in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return done[0] / seconds


PLATEAU_KIB = 1024  # RSS growth in a minute below which the warm-up ends


def _warm_up(port: int, pid: int, token: str, ids: list[str], minutes: float) -> None:
    stop = threading.Event()

    def writer(k: int) -> None:
        client, rng = Client(port, token), random.Random(1000 + k)
        try:
            for i in range(k, len(ids), 8):  # every case, and what is around it, read once
                client.send(client.encode(NODE, {"id": ids[i]}))
                client.send(client.encode(AROUND, {"id": ids[i]}))
            while not stop.is_set():
                case = ids[rng.randrange(len(ids))]
                _, _, read = client.send(client.encode(NODE, {"id": case}))
                version = read["data"]["node"]["version"]
                cause = f"warm {rng.randrange(10**6)}"
                client.send(client.encode(UPDATE, {"id": case, "v": version, "c": cause}))
        finally:
            client.close()

    threads = [threading.Thread(target=writer, args=(k,)) for k in range(8)]
    for t in threads:
        t.start()
    started, before = time.monotonic(), _rss_kib(pid)
    try:
        while time.monotonic() - started < minutes * 60:
            time.sleep(60)
            now = _rss_kib(pid)
            print(
                f"# bench_soak: warm-up minute {round((time.monotonic() - started) / 60)}: "
                f"RSS {now / 1024:.0f} MiB (+{(now - before) / 1024:.1f})",
                file=sys.stderr,
            )
            if now - before < PLATEAU_KIB:
                break
            before = now
    finally:
        stop.set()
        for t in threads:
            t.join()


def main() -> None:
    from api.auth import create_token
    from graph.adapters.embedded import EmbeddedStore
    from loaders.demo import write_demo
    from schema.generic.ids import to_global

    minutes = float(os.environ.get("JIANDU_SOAK_MINUTES", "30"))
    warm_up = float(os.environ.get("JIANDU_SOAK_WARMUP_MINUTES", "15"))
    token = create_token(role="admin", region=None, subject="soak", secret=SECRET, ttl_hours=3)
    env = {**os.environ, "JIANDU_JWT_SECRET": SECRET, "JIANDU_LOG_LEVEL": "WARNING",
           "JIANDU_AUTH": "on"}  # fmt: skip
    tmp = Path(tempfile.mkdtemp(prefix="jiandu-bench-soak-"))
    try:
        with EmbeddedStore(tmp / "store") as store:
            write_demo(store, cases=CASES)
        ids = [to_global("Case", f"case:{n:07d}") for n in range(1, CASES - 31)]
        port = _free_port()
        server = subprocess.Popen(
            [sys.executable, "-m", "jiandu.cli", "--store", str(tmp / "store"), "serve",
             "--port", str(port)],
            env=env, cwd=ROOT, stdout=sys.stderr,
        )  # fmt: skip
        try:
            deadline = time.monotonic() + 180
            while not _ready(port):
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("jiandu serve did not become ready")
                time.sleep(0.5)
            cold = _rss_kib(server.pid)
            _warm_up(port, server.pid, token, ids, warm_up)
            print(
                f"# bench_soak: RSS {cold / 1024:.0f} MiB cold, "
                f"{_rss_kib(server.pid) / 1024:.0f} MiB warm",
                file=sys.stderr,
            )
            _soak(port, server.pid, token, ids, minutes)
        finally:
            server.terminate()
            server.wait(timeout=60)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _soak(port: int, pid: int, token: str, ids: list[str], minutes: float) -> None:
    capacity = _capacity(port, token, ids, 15.0)
    rate = capacity / 2
    load = os.getloadavg()[0]
    print(
        f"# bench_soak: capacity {capacity:.0f} req/s; soaking at {rate:.0f} req/s "
        f"for {minutes:g} min; load average {load:.2f}",
        file=sys.stderr,
    )
    windows: list[dict[str, Any]] = []
    lock = threading.Lock()
    current: dict[str, Any] = {"latencies": [], "errors": 0, "conflicts": 0, "sent": 0}
    stop = threading.Event()
    clients = 4

    def client_loop(k: int) -> None:
        client, mix = Client(port, token), Mix(ids, 100 + k)
        interval = clients / rate
        due = time.monotonic()
        try:
            while not stop.is_set():
                took, outcome = mix.one(client)
                with lock:
                    current["latencies"].append(took)
                    current["sent"] += 1
                    if outcome == "CONFLICT":
                        current["conflicts"] += 1
                    elif outcome != "ok":
                        current["errors"] += 1
                        if current["errors"] <= 3:
                            print(f"# bench_soak: {outcome}", file=sys.stderr)
                due += interval
                pause = due - time.monotonic()
                if pause > 0:
                    time.sleep(pause)
                else:
                    due = time.monotonic()
        finally:
            client.close()

    threads = [threading.Thread(target=client_loop, args=(k,)) for k in range(clients)]
    for t in threads:
        t.start()
    end = time.monotonic() + minutes * 60
    try:
        while time.monotonic() < end:
            time.sleep(min(60.0, max(0.0, end - time.monotonic())))
            with lock:
                window = dict(current, rss=_rss_kib(pid), load=os.getloadavg()[0])
                current.update(latencies=[], errors=0, conflicts=0, sent=0)
            windows.append(window)
            print(
                f"# bench_soak: minute {len(windows)}: {window['sent']} requests, "
                f"p99 {percentile(window['latencies'], 99) * 1000:.1f} ms, "
                f"errors {window['errors']}, conflicts {window['conflicts']}, "
                f"RSS {window['rss'] / 1024:.0f} MiB, load {window['load']:.2f}",
                file=sys.stderr,
            )
    finally:
        stop.set()
        for t in threads:
            t.join()
    first, last = windows[0], windows[-1]
    emit("soak_capacity", capacity, "req/s")
    emit("soak_requests", sum(w["sent"] for w in windows), "requests")
    emit("soak_errors", sum(w["errors"] for w in windows), "errors")
    # The first minute is after the warm-up: the caches are full, so growth from it is a leak.
    emit("soak_rss_last_minute", last["rss"] / 1024, "MiB", first["rss"] / 1024)
    # The caches (SQLite's pages, the store's records) fill in the first minutes: growth that
    # goes on past the middle of the run is what a leak would show.
    middle = windows[len(windows) // 2]
    emit("soak_rss_last_vs_middle_minute", last["rss"] / 1024, "MiB", middle["rss"] / 1024)
    first_p99 = percentile(first["latencies"], 99) * 1000
    emit("soak_p99_last_minute", percentile(last["latencies"], 99) * 1000, "ms", first_p99)


if __name__ == "__main__":
    main()
