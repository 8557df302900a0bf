"""api.collector: the cycle collector runs when the last HTTP request in flight has ended,
not while one is being answered, and only when enough was allocated since it last ran."""

from __future__ import annotations

import asyncio
import gc
import weakref
from collections.abc import Iterator
from typing import Any

import pytest

from api import collector
from api.collector import BETWEEN, CollectBetweenRequests, collect_if_due


class Cycle:
    def __init__(self) -> None:
        self.me = self


@pytest.fixture
def manual() -> Iterator[None]:
    """No automatic collection while the test runs (as in the middle of a request)."""
    was = gc.get_threshold()
    gc.collect()
    gc.set_threshold(10**9)
    try:
        yield
    finally:
        gc.set_threshold(*was)


def _garbage(n: int) -> weakref.ref[Cycle]:
    """``n`` objects in reference cycles, unreachable; a weak reference to one of them."""
    cycles = [Cycle() for _ in range(n)]
    first = weakref.ref(cycles[0])
    del cycles
    return first


def test_nothing_is_collected_below_the_threshold(manual: None) -> None:
    gc.collect()
    left = _garbage(10)
    assert collect_if_due() is None
    assert left() is not None


def test_the_young_generation_is_collected_once_enough_was_allocated(manual: None) -> None:
    left = _garbage(BETWEEN + 100)
    assert collect_if_due() == 0
    assert left() is None
    assert gc.get_count()[0] < BETWEEN


def test_older_generations_follow_their_own_rhythm(
    manual: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(collector, "MIDDLE_EVERY", 2)
    monkeypatch.setattr(collector, "OLD_EVERY", 2)
    gc.collect()
    done = []
    for _ in range(9):
        _garbage(BETWEEN + 10)
        done.append(collect_if_due())
    # the middle generation after every second young collection, the old one after every
    # second middle one
    assert done == [0, 0, 1, 0, 0, 1, 0, 0, 2]


def test_the_middleware_collects_after_the_last_request_in_flight(manual: None) -> None:
    left: list[weakref.ref[Cycle]] = []
    release = asyncio.Event()

    async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["path"] == "/slow":
            await release.wait()
        else:
            left.append(_garbage(BETWEEN * 2))
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})

    middleware = CollectBetweenRequests(app)

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        pass

    def request(path: str) -> Any:
        return middleware({"type": "http", "path": path}, receive, send)

    async def run() -> None:
        slow = asyncio.create_task(request("/slow"))
        await asyncio.sleep(0)
        await request("/fast")  # ends while /slow is still in flight: no collection
        assert middleware.in_flight == 1
        assert left[0]() is not None
        release.set()
        await slow  # the last one in flight: collected now
        assert middleware.in_flight == 0
        assert left[0]() is None

    asyncio.run(run())


def test_websockets_and_the_lifespan_are_not_counted(manual: None) -> None:
    seen: list[int] = []
    middleware = CollectBetweenRequests(lambda *_: _record(seen, middleware))

    async def run() -> None:
        await middleware({"type": "websocket", "path": "/graphql"}, None, None)
        await middleware({"type": "lifespan"}, None, None)

    asyncio.run(run())
    assert seen == [0, 0]


async def _record(seen: list[int], middleware: CollectBetweenRequests) -> None:
    seen.append(middleware.in_flight)
