"""One slow request does not hold up the others (issue 14): a use case runs in a worker
thread, so while one waits in the store, other clients are answered. On both stores: the
embedded one answers single reads on the event loop, which must stay free."""

from __future__ import annotations

import threading
from typing import Any

import httpx

from tests.api.api_client import codes, data, gid, gql
from tests.api.api_harness import Server
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
