"""list_nodes on Neo4j: keyset pages whose cost follows the page, not the kind.

A page walks its stretches (``cypher_list``) in order. When something must be checked on the
way (conditions), the first ``BUDGET`` nodes of a stretch are read in index order and
checked. When they hold too few matches the conditions are selective: each condition that an
index serves counts its nodes, up to ``CAP``, and the smallest set under the cap is fetched
and sorted. Failing that, the walk goes on in index order until the page is full. A list of
ids given by the caller is always fetched directly; so are the nodes lacking the sort value
when the full-text index counts fewer than ``CAP`` of them.

``has_previous`` and ``has_next`` look for one match beyond each end of the page; the total
is counted only when asked for. All the queries of one page run in one read transaction.

The counts of the seeks (and of the kind) are the planner's statistics, not part of any
answer: they are kept across pages (``Estimates``), so the pages of a list after its first
ask no index to count, and skip the scan when a condition is known to be too rare for the
first ``BUDGET`` nodes to hold a page (a stale count costs time, never a wrong page).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import neo4j

from graph.adapters.cypher_list import Bound, Key, Listing, Seek, Stretch
from graph.store import PageRequest, decode_cursor

BUDGET = 2_000  # nodes read in order before asking the indexes of the conditions
CAP = 10_000  # a condition matching more nodes than this does not drive the page

Row = tuple[neo4j.graph.Node, Any]


@dataclass(frozen=True)
class Found:
    rows: list[Row]
    total: int | None
    has_next: bool
    has_previous: bool


class Estimates:
    """How many nodes each seek finds (capped), kept across pages: for ``TTL`` seconds (other
    processes write too), until this store writes, ``SIZE`` of them at most."""

    TTL = 60.0
    SIZE = 10_000

    def __init__(self) -> None:
        # Under the key's hash: a key names a list's conditions, ids and all (a colliding
        # hash could only cost a page time).
        self._found: dict[int, tuple[int, float]] = {}
        self._lock = threading.Lock()

    def get(self, key: str) -> int | None:
        found = self._found.get(hash(key))
        if found is None or time.monotonic() - found[1] > self.TTL:
            return None
        return found[0]

    def put(self, key: str, count: int) -> None:
        with self._lock:
            if len(self._found) >= self.SIZE:
                self._found.clear()
            self._found[hash(key)] = (count, time.monotonic())

    def clear(self) -> None:
        with self._lock:
            self._found.clear()


class _Reader:
    """The queries of one page, in one transaction."""

    def __init__(
        self,
        tx: neo4j.ManagedTransaction,
        listing: Listing,
        descending: bool,
        estimates: Estimates | None = None,
    ) -> None:
        self.tx = tx
        self.listing = listing
        self.descending = descending
        self.estimates = estimates or Estimates()
        self._counted: dict[int, int] = {}  # id(seek): its probe's count

    def run(self, query: tuple[str, dict[str, Any]]) -> neo4j.Record:
        text, params = query
        record = self.tx.run(text, params).single(strict=True)
        assert record is not None
        return record

    def _counts(self, seeks: Sequence[Seek]) -> list[int]:
        """How many nodes each seek finds, up to ``CAP``; each counted once per page."""
        kind = self.listing.kind.name
        todo = []
        for s in seeks:
            if id(s) not in self._counted:
                known = self.estimates.get(f"{kind} {s!r}")
                if known is None:
                    todo.append(s)
                else:
                    self._counted[id(s)] = known
        if todo:
            record = self.run(self.listing.probes(todo, CAP))
            for s, c in zip(todo, record["counts"], strict=True):
                self._counted[id(s)] = int(c)
                self.estimates.put(f"{kind} {s!r}", int(c))
            self.estimates.put(kind, int(record["kind"]))
        return [self._counted[id(s)] for s in seeks]

    def _scanned(self) -> str:
        listing = self.listing
        return f"{listing.kind.name} scan {listing.order_by} {self.descending} {listing.where!r}"

    def hopeless(self, size: int | None) -> bool:
        """Whether the first ``BUDGET`` nodes in order cannot hold ``size`` matches, as far
        as what is already known tells (asking nothing): a scan of the same list found fewer
        before, or some condition's nodes are too rare in the kind. Then no scan is made."""
        listing = self.listing
        kind = listing.kind.name
        scanned = self.estimates.get(self._scanned())
        if scanned is not None and scanned < (size or 1):
            return True
        total = self.estimates.get(kind)
        if total is None or not listing.candidates:
            return False
        known = [self.estimates.get(f"{kind} {c.seek!r}") for c in listing.candidates]
        rarest = min((k for k in known if k is not None), default=None)
        return rarest is not None and rarest < CAP and rarest * BUDGET < (size or 1) * total

    def driver(self, own: Sequence[Seek] = (), *, capped: bool = True) -> Seek | None:
        """The seek to find the matches with: the caller's ids, or the one that finds the
        fewest nodes (serving more conditions on a tie), if fewer than ``CAP`` (``capped``)."""
        listing = self.listing
        if listing.ids is not None and listing.ids[0] <= CAP:
            return listing.ids[1]
        options = [(c.seek, c.serves) for c in listing.candidates] + [(s, 1) for s in own]
        if not options:
            return None
        counts = self._counts([s for s, _ in options])
        best = min(range(len(options)), key=lambda i: (counts[i], -options[i][1]))
        return options[best][0] if counts[best] < CAP or not capped else None

    def stretch(self, stretch: Stretch, down: bool, size: int | None) -> list[Row]:
        listing = self.listing
        if stretch.hint is None or not (listing.where or stretch.rest):
            return list(self.run(listing.walk(stretch, down, size))["rows"])
        small = listing.ids is not None and listing.ids[0] <= CAP
        if not (small or stretch.own or self.hopeless(size)):
            record = self.run(listing.scan(stretch, down, size, BUDGET))
            rows = list(record["rows"])
            if (size is not None and len(rows) >= size) or record["walked"] < BUDGET:
                return rows
            # BUDGET nodes in order held only these matches: remembered for the next pages.
            self.estimates.put(self._scanned(), len(rows))
        chosen = self.driver(stretch.own)
        if chosen is not None:
            return list(self.run(listing.sought(stretch, down, size, chosen))["rows"])
        return list(self.run(listing.walk(stretch, down, size))["rows"])

    def fetch(
        self, start: Bound | None, stop: Bound | None, forward: bool, size: int | None
    ) -> list[Row]:
        """Up to ``size`` matches from ``start`` towards ``stop`` (excluded), in the
        listing's order (``forward``) or against it."""
        down = self.descending == forward
        lo, hi = (stop, start) if down else (start, stop)
        stretches = self.listing.stretches(lo, hi)
        rows: list[Row] = []
        for stretch in reversed(stretches) if down else stretches:
            want = None if size is None else size - len(rows)
            if want == 0:
                break
            rows += self.stretch(stretch, down, want)
        return rows

    def beyond(self, bound: Bound | None, forward: bool) -> bool:
        """Whether a match lies at ``bound`` or past it, going ``forward`` or back."""
        return bound is not None and bool(self.fetch(Bound(bound.key, True), None, forward, 1))


def _bound(cursor: str | None, name: str) -> Bound | None:
    if cursor is None:
        return None
    key = decode_cursor(cursor, name)
    found: Key = (bool(key[0]), key[1], str(key[2]))
    return Bound(found, False)


def list_page(
    tx: neo4j.ManagedTransaction,
    listing: Listing,
    page: PageRequest,
    estimates: Estimates | None = None,
) -> Found:
    """One page of ``listing``, as the port's ``list_nodes`` defines it."""
    after, before = _bound(page.after, "after"), _bound(page.before, "before")
    reader = _Reader(tx, listing, page.descending, estimates)
    if page.first is not None:
        rows = reader.fetch(after, before, True, page.first + 1)
        more = len(rows) > page.first
        rows = rows[: page.first]
        cut = page.last is not None and len(rows) > page.last
        if page.last is not None:
            rows = rows[len(rows) - page.last :] if page.last else []
        has_next = more or reader.beyond(before, True)
        has_previous = cut or reader.beyond(after, False)
    elif page.last is not None:
        rows = reader.fetch(before, after, False, page.last + 1)
        more = len(rows) > page.last
        rows = rows[: page.last][::-1]
        has_previous = more or reader.beyond(after, False)
        has_next = reader.beyond(before, True)
    else:
        rows = reader.fetch(after, before, True, None)
        has_next, has_previous = reader.beyond(before, True), reader.beyond(after, False)
    total = None
    if page.count:
        total = int(reader.run(listing.count(reader.driver(capped=False)))["total"])
    return Found(rows, total, has_next, has_previous)
