"""A store that keeps to a request's time budget: every call first checks the deadline and
raises Timeout once it has passed, so that work abandoned by the API (which answers the
client at the deadline) stops at its next call to the store instead of running on. A call
already under way finishes; writes are one batch each, so none is left half done."""

from __future__ import annotations

import time

from graph.errors import Timeout
from graph.store import GraphStore
from graph.wrapper import StoreWrapper


class WithDeadline(StoreWrapper):
    def __init__(self, inner: GraphStore, seconds: float) -> None:
        super().__init__(inner)
        self.seconds = seconds
        self.deadline = time.monotonic() + seconds

    def _before(self, name: str) -> None:
        if time.monotonic() > self.deadline:
            raise Timeout(f"the request passed its time budget of {self.seconds:g} s")

    def close(self) -> None:
        """The request's view closes nothing: the store outlives it."""
