"""One slow request does not hold up the others, and none runs past its time budget (issue
14): a use case runs in a worker thread, so while one waits in the store, other clients are
answered (on both stores: the embedded one answers single reads on the event loop, which must
stay free); at the budget the client gets TIMEOUT and the work stops at its next store
call."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from graph.store import GraphStore
from schema.limits import Limits
from tests.api.api_client import codes, data, gid, gql
from tests.api.api_harness import Host, Server, serve, settings
from tests.worlds.sample import write_sample

AROUND = "query($id: ID!) { neighbourhood(id: $id, depth: 2) { nodes { id } } }"
QUICK = "query($id: ID!) { node(id: $id) { id } me { role } }"


def test_a_request_waiting_in_the_store_does_not_hold_up_another(server: Server) -> None:
    write_sample(server.store)
    entered, release = threading.Event(), threading.Event()
    real = server.store.expand

    def slow_expand(*args: Any, **kwargs: Any) -> Any:
        entered.set()
        release.wait(timeout=20)  # never forever, even when the test fails
        return real(*args, **kwargs)

    server.store.expand = slow_expand  # type: ignore[method-assign]
    slow: dict[str, Any] = {}

    def ask_slowly() -> None:
        with server.client() as c:
            slow["body"] = gql(c, AROUND, id=gid("case:cd-1"))

    asker = threading.Thread(target=ask_slowly)
    asker.start()
    try:
        assert entered.wait(timeout=10), "the slow request never reached the store"
        with server.client(timeout=5) as c:
            try:
                quick = data(c, QUICK, id=gid("case:cd-2"))
            except httpx.TimeoutException:
                quick = None
        still_waiting = asker.is_alive()
    finally:
        release.set()
        asker.join(timeout=20)
    assert quick == {"node": {"id": gid("case:cd-2")}, "me": {"role": "admin"}}
    assert still_waiting, "the quick request was answered while the slow one still waited"
    assert codes(slow["body"]) == []


@pytest.fixture
def hurried(host: Host, store: GraphStore) -> Iterator[Server]:
    with serve(host, store, settings(limits=Limits(request_seconds=1))) as running:
        yield running


def test_a_request_past_its_budget_is_answered_and_its_work_stops(hurried: Server) -> None:
    write_sample(hurried.store)
    release, calls_after = threading.Event(), []
    real_expand, real_get = hurried.store.expand, hurried.store.get_nodes

    def slow_expand(*args: Any, **kwargs: Any) -> Any:
        release.wait(timeout=20)
        return real_expand(*args, **kwargs)

    def counted_get(ids: Any) -> Any:
        if release.is_set():
            calls_after.append(ids)
        return real_get(ids)

    hurried.store.expand = slow_expand  # type: ignore[method-assign]
    hurried.store.get_nodes = counted_get  # type: ignore[method-assign]
    try:
        with hurried.client(timeout=15) as c:
            response = c.post(
                "/graphql", json={"query": AROUND, "variables": {"id": gid("case:cd-1")}}
            )
        answered_first = not release.is_set()
    finally:
        release.set()
    assert answered_first, "the client was answered while the store call still ran"
    assert response.status_code == 504
    assert codes(response.json()) == ["TIMEOUT"]
    # The abandoned work stops at its next store call instead of reading on.
    with hurried.client() as c:
        assert data(c, "{ me { role } }") == {"me": {"role": "admin"}}
    assert calls_after == []
