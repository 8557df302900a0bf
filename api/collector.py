"""The garbage collector runs between requests, not in the middle of one.

CPython's cycle collector starts when enough container objects have been allocated, which on
a server is in the middle of building an answer: a young collection then walks every object
that answer holds so far (25–40 ms for a depth-2 neighbourhood at a million cases, the p99).
Between two requests the young generation holds only what outlived the last one (cached
records, a few hundred objects of reference cycles), so the same collection takes well under
a millisecond there.

``settle`` prepares the process once, after the store is open: one full collection, then
everything alive is frozen (the embedded store's topology is millions of long-lived objects
that a full collection would walk for seconds) and the automatic threshold raised, so that
it only fires within a request that allocates a very large answer. ``CollectBetweenRequests``
then collects whenever the last HTTP request in flight has finished and enough has been
allocated since the last collection: the young generation, the middle one every
``MIDDLE_EVERY`` of those, and the old one every ``OLD_EVERY`` of those."""

from __future__ import annotations

import gc

from starlette.types import ASGIApp, Receive, Scope, Send

# Young objects (allocations less deallocations) that make a collection worth it between
# requests; the automatic threshold for a collection during one (CPython's default is 700).
BETWEEN = 2_000
DURING = 100_000
MIDDLE_EVERY = 10  # young collections per collection of the middle generation (as CPython)
OLD_EVERY = 100  # middle collections per full collection (CPython: 10, and a size rule)


def settle() -> None:
    """Collect once, freeze what is alive, and leave collections to between requests."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(DURING, MIDDLE_EVERY, OLD_EVERY)


def collect_if_due() -> int | None:
    """Collect the generations that are due; the oldest collected, or None."""
    young, middle, old = gc.get_count()
    if young < BETWEEN or not gc.isenabled():
        return None
    generation = 0
    if middle >= MIDDLE_EVERY:
        generation = 2 if old >= OLD_EVERY else 1
    gc.collect(generation)
    return generation


class CollectBetweenRequests:
    """ASGI middleware: after the last HTTP request in flight ends (its answer already
    handed to the server), the collections that are due. WebSocket connections and the
    lifespan pass through uncounted: a subscription lasts as long as its connection."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.in_flight = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        self.in_flight += 1
        try:
            await self.app(scope, receive, send)
        finally:
            self.in_flight -= 1
            if self.in_flight == 0:
                collect_if_due()
