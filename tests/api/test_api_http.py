"""GraphQL over HTTP: methods, media types, status codes, authentication, health, metrics."""

from __future__ import annotations

import datetime as dt
import json
import logging
import time
from collections.abc import Iterator

import httpx
import jwt
import pytest
from prometheus_client.parser import text_string_to_metric_families

from graph.store import GraphStore
from tests.api.api_client import codes, gid
from tests.api.api_harness import SECRET, Host, Server, serve, settings
from tests.worlds.sample import write_sample

RESPONSE_JSON = "application/graphql-response+json"
QUERY = "query($id: ID!) { node(id: $id) { id } }"


def test_post_json_answers_with_data(server: Server) -> None:
    write_sample(server.store)
    with server.client() as c:
        r = c.post("/graphql", json={"query": QUERY, "variables": {"id": gid("case:cd-1")}})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("application/json")
    assert r.json() == {"data": {"node": {"id": gid("case:cd-1")}}}


def test_graphql_response_media_type_when_accepted(server: Server) -> None:
    with server.client() as c:
        ok = c.post(
            "/graphql", json={"query": "{ me { role } }"}, headers={"accept": RESPONSE_JSON}
        )
        bad = c.post("/graphql", json={"query": "{ nope }"}, headers={"accept": RESPONSE_JSON})
        legacy = c.post(
            "/graphql", json={"query": "{ nope }"}, headers={"accept": "application/json"}
        )
    assert ok.status_code == 200 and ok.headers["content-type"].startswith(RESPONSE_JSON)
    assert bad.status_code == 400 and "data" not in bad.json()
    assert codes(bad.json()) == ["GRAPHQL_VALIDATION_FAILED"]
    assert legacy.status_code == 200 and "data" not in legacy.json()


def test_syntax_error_is_a_request_error(server: Server) -> None:
    with server.client() as c:
        r = c.post("/graphql", json={"query": "{ me { "}, headers={"accept": RESPONSE_JSON})
    assert r.status_code == 400
    assert codes(r.json()) == ["GRAPHQL_PARSE_FAILED"]


def test_bad_variable_is_bad_user_input(server: Server) -> None:
    with server.client() as c:
        r = c.post(
            "/graphql",
            json={
                "query": "query($n: Int) { cases(first: $n) { totalCount } }",
                "variables": {"n": "x"},
            },
            headers={"accept": RESPONSE_JSON},
        )
    assert r.status_code == 400
    assert codes(r.json()) == ["BAD_USER_INPUT"]


def test_get_serves_queries_and_refuses_mutations(server: Server) -> None:
    with server.client() as c:
        q = c.get("/graphql", params={"query": "{ me { role } }"})
        m = c.get(
            "/graphql",
            params={"query": 'mutation { unlink(id: "x") { id } }'},
        )
        v = c.get(
            "/graphql",
            params={"query": QUERY, "variables": json.dumps({"id": gid("case:cd-1")})},
        )
    assert q.status_code == 200 and q.json() == {"data": {"me": {"role": "admin"}}}
    assert m.status_code == 405 and m.headers["allow"] == "POST"
    assert v.status_code == 200 and v.json() == {"data": {"node": None}}


def test_post_needs_a_json_body(server: Server) -> None:
    with server.client() as c:
        text = c.post("/graphql", content="{ me { role } }", headers={"content-type": "text/plain"})
        none = c.post("/graphql", content=b"{}", headers={"content-type": ""})
        broken = c.post("/graphql", content=b"{", headers={"content-type": "application/json"})
        array = c.post("/graphql", json=[{"query": "{ me { role } }"}])
    assert text.status_code == 415
    assert none.status_code == 415
    assert broken.status_code == 400
    assert array.status_code == 400


def test_unacceptable_media_type_is_406(server: Server) -> None:
    with server.client() as c:
        r = c.post("/graphql", json={"query": "{ me { role } }"}, headers={"accept": "text/csv"})
    assert r.status_code == 406


def test_other_methods_are_405(server: Server) -> None:
    with server.client() as c:
        assert c.put("/graphql", json={"query": "{ me { role } }"}).status_code == 405


def test_no_token_is_401(server: Server) -> None:
    with server.anonymous() as c:
        r = c.post("/graphql", json={"query": "{ me { role } }"})
    assert r.status_code == 401
    assert r.headers["www-authenticate"].startswith("Bearer")
    assert codes(r.json()) == ["UNAUTHENTICATED"]


@pytest.mark.parametrize(
    "header",
    [
        "Bearer not-a-token",
        "Basic dXNlcjpwYXNz",
        "Bearer " + jwt.encode({"sub": "x", "role": "admin", "iss": "jiandu"}, SECRET * 2, "HS256"),
    ],
)
def test_invalid_token_is_401(server: Server, header: str) -> None:
    with server.anonymous() as c:
        r = c.post("/graphql", json={"query": "{ me { role } }"}, headers={"authorization": header})
    assert r.status_code == 401


def test_expired_token_and_unknown_role_are_401(server: Server) -> None:
    now = dt.datetime.now(dt.UTC)
    expired = jwt.encode(
        {
            "sub": "x",
            "role": "admin",
            "iss": "jiandu",
            "iat": now - dt.timedelta(hours=2),
            "exp": now - dt.timedelta(hours=1),
        },
        SECRET,
        "HS256",
    )
    rogue = jwt.encode(
        {
            "sub": "x",
            "role": "root",
            "iss": "jiandu",
            "iat": now,
            "exp": now + dt.timedelta(hours=1),
        },
        SECRET,
        "HS256",
    )
    with server.anonymous() as c:
        for token in (expired, rogue):
            r = c.post(
                "/graphql",
                json={"query": "{ me { role } }"},
                headers={"authorization": f"Bearer {token}"},
            )
            assert r.status_code == 401


def test_token_carries_role_and_region(server: Server) -> None:
    with server.client("investigator", "510100") as c:
        r = c.post("/graphql", json={"query": "{ me { subject role region permissions } }"})
    me = r.json()["data"]["me"]
    assert me["role"] == "investigator" and me["region"] == "510100"
    assert me["permissions"] == ["INVESTIGATE", "READ", "READ_PERSONAL"]


@pytest.fixture
def open_server(host: Host, store: GraphStore) -> Iterator[Server]:
    with serve(host, store, settings(auth=False, jwt_secret=None, graphiql=True)) as running:
        yield running


def test_auth_off_acts_as_admin_and_serves_graphiql(open_server: Server) -> None:
    with open_server.anonymous() as c:
        me = c.post("/graphql", json={"query": "{ me { role } }"})
        ide = c.get("/graphql", headers={"accept": "text/html"})
    assert me.json() == {"data": {"me": {"role": "admin"}}}
    assert ide.status_code == 200 and "graphiql" in ide.text.lower()


def test_graphiql_is_off_by_default_with_auth(server: Server) -> None:
    with server.client() as c:
        r = c.get("/graphql", headers={"accept": "text/html"})
    assert "graphiql" not in r.text.lower()


def test_introspection_can_be_switched_off(host: Host, store: GraphStore) -> None:
    query = {"query": "{ __schema { queryType { name } } }"}
    with serve(host, store, settings(introspection=False)) as off, off.client() as c:
        refused = c.post("/graphql", json=query)
    with serve(host, store, settings()) as on, on.client() as c:
        allowed = c.post("/graphql", json=query)
    assert set(codes(refused.json())) == {"GRAPHQL_VALIDATION_FAILED"}
    assert "introspection" in refused.json()["errors"][0]["message"]
    assert allowed.json() == {"data": {"__schema": {"queryType": {"name": "Query"}}}}


def test_health_readiness_and_request_ids(server: Server) -> None:
    with server.anonymous() as c:
        health = c.get("/healthz")
        ready = c.get("/readyz")
        given = c.get("/healthz", headers={"x-request-id": "abc-123"})
    assert health.status_code == 200 and health.json() == {"status": "ok"}
    assert ready.status_code == 200 and ready.json()["status"] == "ready"
    assert len(health.headers["x-request-id"]) == 32
    assert given.headers["x-request-id"] == "abc-123"


def test_readyz_is_503_when_the_store_is_gone(server: Server) -> None:
    server.store.inner.close()
    with server.anonymous() as c:
        assert c.get("/readyz").status_code == 503


def test_metrics_count_requests_latency_and_errors(server: Server) -> None:
    with server.client() as c:
        c.post("/graphql", json={"query": "{ me { role } }"})
        c.post("/graphql", json={"query": "{ nope }"})
        c.post("/graphql", json={"query": 'mutation { unlink(id: "eA==") { id } }'})
        text = httpx.get(f"{server.url}/metrics").text
    samples = {
        (s.name, tuple(sorted(s.labels.items()))): s.value
        for family in text_string_to_metric_families(text)
        for s in family.samples
    }
    graphql = (("method", "POST"), ("route", "/graphql"), ("status", "200"))
    assert samples[("jiandu_http_requests_total", graphql)] == 3
    assert samples[("jiandu_http_request_duration_seconds_count", (("route", "/graphql"),))] == 3
    errors = "jiandu_graphql_errors_total"
    assert samples[(errors, (("code", "GRAPHQL_VALIDATION_FAILED"),))] == 1
    assert samples[(errors, (("code", "VALIDATION"),))] == 1


def test_logs_are_json_lines_with_the_request_id(
    server: Server, capsys: pytest.CaptureFixture[str]
) -> None:
    logger = logging.getLogger("jiandu.api")
    logger.setLevel(logging.INFO)
    err = ""
    try:
        with server.client() as c:
            c.post("/graphql", json={"query": "{ nope }"}, headers={"x-request-id": "log-me"})
        # The server writes its line once the response is sent: wait for it a moment.
        deadline = time.monotonic() + 5
        while '"log-me"' not in err and time.monotonic() < deadline:
            time.sleep(0.02)
            err += capsys.readouterr().err
    finally:
        logger.setLevel(logging.WARNING)
    lines = [json.loads(line) for line in err.splitlines() if line.startswith("{")]
    mine = [line for line in lines if line.get("request_id") == "log-me"]
    assert mine and mine[0]["status"] == 200 and mine[0]["errors"] == ["GRAPHQL_VALIDATION_FAILED"]
    assert mine[0]["subject"] == "admin@all"


def test_an_unexpected_error_is_coded_and_hides_its_details(server: Server) -> None:
    server.store.failure = RuntimeError("secret internals")
    with server.client() as c:
        r = c.post("/graphql", json={"query": QUERY, "variables": {"id": gid("case:cd-1")}})
    error = r.json()["errors"][0]
    assert r.status_code == 200 and r.json()["data"] == {"node": None}
    assert error["extensions"] == {
        "code": "INTERNAL_SERVER_ERROR",
        "requestId": r.headers["x-request-id"],
    }
    assert "secret" not in r.text and error["path"] == ["node"]


def test_an_unreachable_store_is_backend_unavailable(server: Server) -> None:
    from graph.errors import BackendUnavailable

    server.store.failure = BackendUnavailable("the store does not answer")
    with server.client() as c:
        body = c.post("/graphql", json={"query": "{ cases { totalCount } }"}).json()
    assert codes(body) == ["BACKEND_UNAVAILABLE"]


def test_head_is_answered_like_get(server: Server) -> None:
    with server.client() as c:
        r = c.head("/graphql", params={"query": "{ me { role } }"})
    assert r.status_code == 200 and r.content == b""
