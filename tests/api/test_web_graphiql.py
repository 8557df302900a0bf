"""GraphiQL at /graphql in Debian's headless Chromium with every other host cut off, as on
an isolated network: it opens, answers a query, signs in with a token (the page's field or
GraphiQL's headers editor), keeps its history, shows the explorer plugin, and runs a
subscription over the websocket at /graphql with the token in connection_init.

What GraphiQL shows is compared with what the API answers to a plain HTTP client."""

from __future__ import annotations

import json
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, WebSocket

from api.graphiql import GRAPHIQL
from graph.adapters.embedded import EmbeddedStore
from graph.store import GraphStore
from loaders.demo import write_demo
from tests.api.api_client import codes, data
from tests.api.api_harness import Host, Server, serve, settings
from tests.api.graphiql_page import GraphiQL
from tests.api.offline import is_local
from tests.schema.explore.page import chromium

pytestmark = pytest.mark.browser

WHO = "query Who { me { subject role region } stats { nodes { kind count } } }"
ALERTS = 'subscription Alerts { deadlineAlerts(today: "2099-07-02", intervalSeconds: 1) { day } }'


@pytest.fixture(scope="module")
def host() -> Iterator[Host]:
    """The API server, with websockets switched on for subscriptions."""
    running = Host(websockets=True)
    running.start()
    yield running
    running.stop()


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[GraphStore]:
    with EmbeddedStore(tmp_path_factory.mktemp("graphiql") / "store") as opened:
        write_demo(opened, cases=200)
        yield opened


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as running:
        yield running


@pytest.fixture
def open_server(host: Host, store: GraphStore) -> Iterator[Server]:
    """Authentication off: GraphiQL is on, as by default."""
    with serve(host, store, settings(auth=False, jwt_secret=None, graphiql=True)) as running:
        yield running


@pytest.fixture
def guarded_server(host: Host, store: GraphStore) -> Iterator[Server]:
    """Authentication on, and GraphiQL switched on for it."""
    with serve(host, store, settings(graphiql=True)) as running:
        yield running


def graphiql_on(browser: Browser, server: Server) -> Iterator[GraphiQL]:
    """GraphiQL open on ``server``; at the end, it must have reached no other host."""
    tab = GraphiQL(browser, server.url)
    tab.open()
    yield tab
    tab.close()
    assert tab.isolation.attempted == []
    assert all(is_local(url) for url in tab.isolation.requested)


@pytest.fixture
def graphiql(browser: Browser, open_server: Server) -> Iterator[GraphiQL]:
    yield from graphiql_on(browser, open_server)


@pytest.fixture
def guarded_graphiql(browser: Browser, guarded_server: Server) -> Iterator[GraphiQL]:
    yield from graphiql_on(browser, guarded_server)


def served_paths(tab: GraphiQL) -> set[str]:
    return {urlsplit(url).path for url in tab.isolation.requested}


def test_graphiql_opens_and_answers_a_query_with_no_other_host(
    graphiql: GraphiQL, open_server: Server
) -> None:
    assert {f"/graphiql/vendor/{name}" for name in GRAPHIQL.vendor} <= served_paths(graphiql)
    shown = graphiql.run(WHO, "Who")
    with open_server.anonymous() as c:
        assert shown == {"data": data(c, WHO)}
    assert shown["data"]["me"]["role"] == "admin"
    assert shown["data"]["stats"]["nodes"], "the demo's counts are shown"
    assert graphiql.errors == []


def test_the_explorer_plugin_and_the_history_are_there(graphiql: GraphiQL) -> None:
    graphiql.run(WHO, "Who")
    history = graphiql.show_plugin("Show History")
    assert "Who" in history.splitlines()
    explorer = graphiql.show_plugin("Show GraphiQL Explorer")
    # The explorer lists the root fields it read from the schema.
    assert {"me", "stats", "cases", "officials"} <= set(explorer.split())
    graphiql.screenshot("graphiql-explorer.png")
    assert graphiql.errors == []


def test_with_authentication_a_token_in_the_page_signs_in(
    guarded_graphiql: GraphiQL, guarded_server: Server
) -> None:
    refused = guarded_graphiql.run(WHO, "Who")
    assert codes(refused) == ["UNAUTHENTICATED"]

    guarded_graphiql.use_token(guarded_server.token("supervisor", "510000"))
    shown = guarded_graphiql.run(WHO, "Who")
    with guarded_server.client("supervisor", "510000") as c:
        assert shown == {"data": data(c, WHO)}
    assert shown["data"]["me"] == {
        "subject": "supervisor@510000",
        "role": "supervisor",
        "region": "510000",
    }
    # Before the token, the browser logged the API's refusals (401): expected.
    assert all("401" in e for e in guarded_graphiql.errors), guarded_graphiql.errors


def test_a_token_in_the_headers_editor_signs_in_and_wins_over_the_page(
    guarded_graphiql: GraphiQL, guarded_server: Server
) -> None:
    guarded_graphiql.write_headers({"Authorization": f"Bearer {guarded_server.token('viewer')}"})
    assert guarded_graphiql.run(WHO, "Who")["data"]["me"]["role"] == "viewer"

    guarded_graphiql.use_token(guarded_server.token("admin"))
    assert guarded_graphiql.run(WHO, "Who")["data"]["me"]["role"] == "viewer"
    guarded_graphiql.write_headers({})
    assert guarded_graphiql.run(WHO, "Who")["data"]["me"]["role"] == "admin"
    assert all("401" in e for e in guarded_graphiql.errors), guarded_graphiql.errors


def test_a_subscription_runs_over_the_websocket_with_the_token(
    guarded_graphiql: GraphiQL, guarded_server: Server
) -> None:
    token = guarded_server.token("supervisor", "510000")
    sockets: list[WebSocket] = []
    sent: list[dict[str, object]] = []

    def opened(socket: WebSocket) -> None:
        sockets.append(socket)
        socket.on("framesent", lambda frame: sent.append(json.loads(frame)))

    guarded_graphiql.page.on("websocket", opened)
    guarded_graphiql.use_token(token)
    guarded_graphiql.start(ALERTS, "Alerts")
    assert guarded_graphiql.answer() == {"data": {"deadlineAlerts": {"day": "2099-07-02"}}}
    guarded_graphiql.stop()

    assert [s.url for s in sockets] == [guarded_server.url.replace("http", "ws", 1) + "/graphql"]
    init = next(m for m in sent if m["type"] == "connection_init")
    assert init["payload"] == {"Authorization": f"Bearer {token}"}
    assert any(m["type"] == "subscribe" for m in sent)
    assert all("401" in e for e in guarded_graphiql.errors), guarded_graphiql.errors
