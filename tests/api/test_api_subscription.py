"""The deadlineAlerts subscription over a real websocket (graphql-transport-ws) on a real
uvicorn server: what a subscriber hears as items go overdue, only in its jurisdiction;
resuming from a cursor; refused connections and operations; authentication off."""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import jwt
import pytest
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import ClientConnection, connect
from websockets.typing import Subprotocol

from api.auth import ALGORITHM, ISSUER
from api.graphql_ws import MAX_SUBSCRIPTIONS
from graph.store import GraphStore
from schema.generic.ids import to_global
from tests.api.api_client import data, gid
from tests.api.api_harness import SECRET, Host, Server, serve, settings
from tests.worlds.petitioning import plus, server_today
from tests.worlds.sample import write_sample

PROTOCOL = Subprotocol("graphql-transport-ws")
TODAY, DEADLINE = "2099-07-02", "2099-06-30"
ALERTS = """
subscription($today: String, $after: String, $every: Int = 1) {
  deadlineAlerts(today: $today, intervalSeconds: $every, after: $after) {
    day cursor entries { node { id } due alert daysLeft }
  }
}"""
OPEN = """
mutation($case: ID!, $lead: ID!) {
  openSupervision(caseId: $case, leadAgencyId: $lead, deadline: "2099-06-30",
                  reasons: ["疑难复杂"]) { action { id } }
}"""

REGISTER = """
mutation($region: String!, $petitioner: ID!) {
  registerPetition(number: "XF-2021-900", channel: VISIT, regionCode: $region,
                   receivedOn: "2021-01-04", petitionerId: $petitioner) { complaint { id } }
}"""
PETITIONER = to_global("Official", "official:petitioner")


@pytest.fixture(scope="module")
def host() -> Iterator[Host]:
    """The API server of tests/conftest.py, with websockets switched on."""
    running = Host(websockets=True)
    running.start()
    yield running
    running.stop()


def ws_url(server: Server) -> str:
    return "ws" + server.url.removeprefix("http") + "/graphql"


def send(ws: ClientConnection, message: dict[str, Any]) -> None:
    ws.send(json.dumps(message))


def receive(ws: ClientConnection, timeout: float = 20) -> dict[str, Any]:
    message: dict[str, Any] = json.loads(ws.recv(timeout=timeout))
    return message


def closed_with(ws: ClientConnection) -> tuple[int, str]:
    """The code and reason the server closed the connection with."""
    with pytest.raises(ConnectionClosed) as closed:
        ws.recv(timeout=20)
    frame = closed.value.rcvd
    assert frame is not None
    return frame.code, frame.reason


@contextmanager
def initialised(server: Server, payload: dict[str, Any] | None) -> Iterator[ClientConnection]:
    with connect(ws_url(server), subprotocols=[PROTOCOL], open_timeout=20) as ws:
        assert ws.subprotocol == PROTOCOL
        send(ws, {"type": "connection_init", "payload": payload})
        yield ws


def bearer(server: Server, role: str, region: str | None) -> dict[str, Any]:
    return {"Authorization": f"Bearer {server.token(role, region)}"}


@contextmanager
def subscribed(
    server: Server, role: str, region: str | None, **variables: Any
) -> Iterator[ClientConnection]:
    with initialised(server, bearer(server, role, region)) as ws:
        assert receive(ws) == {"type": "connection_ack"}
        send(
            ws,
            {"id": "1", "type": "subscribe", "payload": {"query": ALERTS, "variables": variables}},
        )
        yield ws


def alerts(ws: ClientConnection) -> dict[str, Any]:
    message = receive(ws)
    assert (message["type"], message["id"]) == ("next", "1"), message
    assert "errors" not in message["payload"], message
    found: dict[str, Any] = message["payload"]["data"]["deadlineAlerts"]
    return found


def entries_until(ws: ClientConnection, node_id: str) -> list[dict[str, Any]]:
    """Every entry heard until one about ``node_id`` arrives."""
    heard: list[dict[str, Any]] = []
    while all(e["node"]["id"] != node_id for e in heard):
        heard += alerts(ws)["entries"]
    return heard


def opened(server: Server, case: str, lead: str) -> str:
    with server.client("supervisor") as c:
        action: str = data(c, OPEN, case=gid(case), lead=gid(lead))["openSupervision"]["action"][
            "id"
        ]
    return action


def overdue_petition(server: Server, region: str) -> str:
    """A petition received in 2021 and never accepted: overdue ever since."""
    with server.client("supervisor") as c:
        item = data(c, REGISTER, region=region, petitioner=PETITIONER)["registerPetition"]
    complaint: str = item["complaint"]["id"]
    return complaint


def test_items_going_overdue_reach_the_subscribers_of_their_jurisdiction_only(
    server: Server,
) -> None:
    write_sample(server.store)
    with (
        subscribed(server, "viewer", "510000", today=TODAY) as sichuan,
        subscribed(server, "viewer", "500000", today=TODAY) as chongqing,
    ):
        first, first_elsewhere = alerts(sichuan), alerts(chongqing)
        # Each subscriber reads until its own item that comes after the other's: a leak of
        # the other's would arrive before it or with it.
        theirs = opened(server, "case:cq-1", "agency:cq-commission")
        mine = opened(server, "case:cd-1", "agency:sc-commission")
        petition = overdue_petition(server, "500105")
        heard = entries_until(sichuan, mine)
        heard_elsewhere = entries_until(chongqing, petition)
    with subscribed(server, "viewer", "510000", today=TODAY, after=first["cursor"]) as resumed:
        since_cursor = alerts(resumed)

    # The first message holds everything alerting: the sample's open rectification and its
    # petition not accepted within 15 days of 2021-04-02.
    assert first["day"] == TODAY
    assert {e["node"]["id"]: (e["due"], e["alert"]) for e in first["entries"]} == {
        gid("rectification:1"): ("2021-06-30", "OVERDUE"),
        gid("complaint:1"): (plus("2021-04-02", 15), "OVERDUE"),
    }
    assert first_elsewhere["entries"] == []
    assert [(e["due"], e["alert"], e["daysLeft"]) for e in heard if e["node"]["id"] == mine] == [
        (DEADLINE, "OVERDUE", -2)
    ]
    assert theirs in {e["node"]["id"] for e in heard_elsewhere}
    assert {theirs, petition}.isdisjoint(e["node"]["id"] for e in heard)
    assert mine not in {e["node"]["id"] for e in heard_elsewhere}
    assert [e["node"]["id"] for e in since_cursor["entries"]] == [mine]


def test_a_day_before_the_deadline_the_item_is_in_its_warning_period(server: Server) -> None:
    write_sample(server.store)
    mine = opened(server, "case:cd-1", "agency:sc-commission")
    with subscribed(server, "viewer", None, today=plus(DEADLINE, -1)) as ws:
        first = alerts(ws)
    assert [(e["alert"], e["daysLeft"]) for e in first["entries"] if e["node"]["id"] == mine] == [
        ("WARNING", 1)
    ]


def test_connections_without_a_valid_token_are_refused(server: Server) -> None:
    with initialised(server, None) as ws:
        missing = closed_with(ws)
    with initialised(server, {"Authorization": "Bearer not-a-token"}) as ws:
        forged = closed_with(ws)
    with connect(ws_url(server), subprotocols=[PROTOCOL], open_timeout=20) as ws:
        send(ws, {"id": "1", "type": "subscribe", "payload": {"query": ALERTS}})
        early = closed_with(ws)
    with connect(ws_url(server), open_timeout=20) as ws:
        no_protocol = closed_with(ws)
    with initialised(server, bearer(server, "viewer", None)) as ws:
        receive(ws)
        send(ws, {"type": "connection_init"})
        twice = closed_with(ws)
    assert missing[0] == forged[0] == 4403
    assert "bearer token is required" in missing[1]
    assert early == (4401, "Unauthorized")
    assert no_protocol[0] == 4406
    assert twice[0] == 4429


def test_bad_operations_get_an_error_with_its_code_and_the_connection_stays(
    server: Server,
) -> None:
    with initialised(server, bearer(server, "viewer", "510100")) as ws:
        assert receive(ws) == {"type": "connection_ack"}
        send(ws, {"id": "q", "type": "subscribe", "payload": {"query": "{ me { subject } }"}})
        query = receive(ws)
        send(
            ws,
            {
                "id": "i",
                "type": "subscribe",
                "payload": {"query": ALERTS, "variables": {"every": 0}},
            },
        )
        interval = receive(ws)
        send(
            ws,
            {
                "id": "d",
                "type": "subscribe",
                "payload": {"query": ALERTS, "variables": {"today": "2099-13-01"}},
            },
        )
        day = receive(ws)
        send(ws, {"type": "ping"})
        pong = receive(ws)
        send(ws, {"type": "no-such-message"})
        unknown = closed_with(ws)

    def error(message: dict[str, Any]) -> tuple[str, str, str]:
        [e] = message["payload"]
        fields = e["extensions"].get("fields", [{"field": ""}])
        return message["type"], e["extensions"]["code"], fields[0]["field"]

    assert error(query) == ("error", "BAD_REQUEST", "")
    assert error(interval) == ("error", "VALIDATION", "intervalSeconds")
    assert error(day) == ("error", "VALIDATION", "today")
    assert pong == {"type": "pong"}
    assert unknown[0] == 4400


def test_a_completed_subscription_stops_and_its_id_can_be_used_again(server: Server) -> None:
    write_sample(server.store)
    with subscribed(server, "viewer", None, today=TODAY) as ws:
        alerts(ws)
        send(ws, {"id": "1", "type": "complete"})
        opened(server, "case:cd-1", "agency:sc-commission")
        time.sleep(2.5)  # more than two polls of the completed subscription
        send(ws, {"type": "ping"})
        assert receive(ws) == {"type": "pong"}
        send(ws, {"id": "1", "type": "subscribe", "payload": {"query": ALERTS}})
        again = alerts(ws)
    # Without `today` the feed runs on the server's day, when the sample's items are overdue.
    assert abs(dt.date.fromisoformat(again["day"]) - server_today()) <= dt.timedelta(1)
    assert {gid("rectification:1"), gid("complaint:1")} <= {
        e["node"]["id"] for e in again["entries"]
    }


def test_with_authentication_off_every_connection_acts_as_an_admin(
    host: Host, store: GraphStore
) -> None:
    write_sample(store)
    with serve(host, store, settings(auth=False)) as running, initialised(running, None) as ws:
        assert receive(ws) == {"type": "connection_ack"}
        send(
            ws,
            {
                "id": "1",
                "type": "subscribe",
                "payload": {"query": ALERTS, "variables": {"today": TODAY}},
            },
        )
        first = alerts(ws)
    assert {e["node"]["id"] for e in first["entries"]} == {
        gid("rectification:1"),
        gid("complaint:1"),
    }


def test_a_connection_ends_when_its_token_does(server: Server) -> None:
    now = dt.datetime.now(dt.UTC)  # a token with seconds to live (the CLI gives hours)
    claims = {"iss": ISSUER, "sub": "brief", "role": "viewer", "iat": now}
    token = jwt.encode({**claims, "exp": now + dt.timedelta(seconds=3)}, SECRET, ALGORITHM)
    with initialised(server, {"Authorization": f"Bearer {token}"}) as ws:
        assert receive(ws) == {"type": "connection_ack"}
        send(ws, {"id": "1", "type": "subscribe", "payload": {"query": ALERTS}})
        heard = receive(ws)
        code, reason = closed_with(ws)
    assert heard["type"] == "next"
    assert code == 4403 and "expired" in reason


def test_a_connection_runs_at_most_so_many_subscriptions_at_once(server: Server) -> None:
    with initialised(server, bearer(server, "viewer", None)) as ws:
        assert receive(ws) == {"type": "connection_ack"}
        for i in range(MAX_SUBSCRIPTIONS + 1):
            variables = {"every": 3600}
            send(
                ws,
                {
                    "id": str(i),
                    "type": "subscribe",
                    "payload": {"query": ALERTS, "variables": variables},
                },
            )
        errors = []
        while not errors:
            message = receive(ws)
            if message["type"] == "error":
                errors.append(message)
    [refused] = errors
    assert refused["id"] == str(MAX_SUBSCRIPTIONS)
    extensions = refused["payload"][0]["extensions"]
    assert (extensions["code"], extensions["limit"]) == ("QUERY_TOO_LARGE", "subscriptions")
