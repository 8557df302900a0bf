"""Request limits: each refuses with QUERY_TOO_LARGE, says which limit, before any resolver."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from graph.store import GraphStore
from schema.generic.ids import to_global
from schema.limits import Limits
from tests.api.api_client import codes, gql
from tests.api.api_harness import Host, Server, serve, settings

LIMITS = Limits(
    max_depth=6,
    max_cost=2_000,
    max_aliases=3,
    max_page_size=50,
    max_query_bytes=2_000,
    max_variables_bytes=2_000,
    max_body_bytes=50_000,
)


@pytest.fixture
def limited(host: Host, store: GraphStore) -> Iterator[Server]:
    with serve(host, store, settings(limits=LIMITS)) as running:
        yield running


def refusal(server: Server, query: str, **variables: object) -> dict[str, object]:
    with server.client() as c:
        body = gql(c, query, **variables)
    assert codes(body) == ["QUERY_TOO_LARGE"], body
    assert server.store.calls["list_nodes"] == 0 and server.store.calls["neighbours"] == 0
    errors = body["errors"]
    assert isinstance(errors, list)
    extensions: dict[str, object] = errors[0]["extensions"]
    return extensions


def test_depth(limited: Server) -> None:
    deep = (
        "{ cases(first: 1) { nodes { complaints(first: 1) { cases(first: 1) {"
        " complaints(first: 1) { cases(first: 1) { caseNumber } } } } } } }"
    )
    assert refusal(limited, deep)["limit"] == "depth"
    with limited.client() as c:
        assert codes(gql(c, "{ cases { nodes { complaints { number } } } }")) == []


def test_cost(limited: Server) -> None:
    costly = "{ cases(first: 50) { nodes { complaints(first: 50) { number } } } }"
    assert refusal(limited, costly) == {"code": "QUERY_TOO_LARGE", "limit": "cost", "max": 2_000}


def test_fragments_that_multiply_cost_what_they_expand_to_and_are_measured_once(
    limited: Server,
) -> None:
    """Thirty fragments, each spreading the next twice: 1.3 KB that expands to 2**30 fields.
    The cost counts the expansion (so it is refused), and measuring it takes one visit per
    fragment: walking every expansion would not finish within the client's time-out."""
    levels = 30
    fragments = [f"fragment F{i} on Query {{ ...F{i + 1} ...F{i + 1} }}" for i in range(levels)]
    document = "\n".join(["{ ...F0 }", *fragments, f"fragment F{levels} on Query {{ __typename }}"])
    assert len(document.encode()) < LIMITS.max_query_bytes
    with limited.client(timeout=10) as c:
        body = gql(c, document)
    assert codes(body) == ["QUERY_TOO_LARGE"]
    assert body["errors"][0]["extensions"]["limit"] == "cost"
    # ``__typename`` costs 1 like any field (were it free, this would cost nothing).
    assert f"could resolve {2**levels} fields" in body["errors"][0]["message"]


def test_walks_cost_the_work_their_hops_ask_for(limited: Server) -> None:
    """A walk adds 10 ** hops (4 from a variable, the most a walk may take), and a
    neighbourhood's limit multiplies what it selects; the budget here is 2,000."""
    assert refusal(limited, "{ conflictedAssignments(hops: 4) { caseId } }")["limit"] == "cost"
    variable = "query($h: Int!) { conflictedAssignments(hops: $h) { caseId } }"
    assert refusal(limited, variable, h=1)["limit"] == "cost"
    twice = (
        "{ a: conflictedAssignments(hops: 3) { caseId }"
        ' b: findReviewers(reviewId: "r", hops: 3) { excluded { reasons } } }'
    )
    assert refusal(limited, twice)["limit"] == "cost"
    wide = '{ neighbourhood(id: "x", depth: 3, limit: 500) { nodes { storeId } } }'
    assert refusal(limited, wide)["limit"] == "cost"  # 1 + 1,000 + 500 × 2
    with limited.client() as c:
        assert codes(gql(c, "{ conflictedAssignments(hops: 3) { caseId } }")) == []
        assert codes(gql(c, variable, h=1)) == ["QUERY_TOO_LARGE"]
        narrow = "query($id: ID!) { neighbourhood(id: $id, depth: 3, limit: 400) { truncated } }"
        absent = to_global("Case", "case:x")
        assert codes(gql(c, narrow, id=absent)) == ["NOT_FOUND"]  # within the budget: it runs


def test_variables_size(limited: Server) -> None:
    """Variables past JIANDU_MAX_VARIABLES_BYTES are refused before parsing the query."""
    with limited.client() as c:
        response = c.post(
            "/graphql",
            json={
                "query": "query($t: String!) { search(text: $t) { storeId } }",
                "variables": {"t": "案" * 700},
            },
        )
    assert response.status_code == 413, response.text
    assert "variables are over 2000 bytes" in response.text
    assert limited.store.calls["list_nodes"] == 0


def test_aliases(limited: Server) -> None:
    aliased = "{ a: me { role } b: me { role } c: me { role } d: me { role } }"
    assert refusal(limited, aliased)["limit"] == "aliases"


def test_page_size_literal_and_variable(limited: Server) -> None:
    assert refusal(limited, "{ cases(first: 51) { totalCount } }")["limit"] == "pageSize"
    with limited.client() as c:
        body = gql(c, "query($n: Int) { cases(first: $n) { totalCount } }", n=51)
    assert codes(body) == ["QUERY_TOO_LARGE"] and body["data"] is None
    assert "page size limit of 50" in body["errors"][0]["message"]


def test_query_size(limited: Server) -> None:
    with limited.client() as c:
        r = c.post("/graphql", json={"query": "{ me { role } }" + " " * 2_000})
    assert r.status_code == 413 and codes(r.json()) == ["QUERY_TOO_LARGE"]


def test_body_size_declared_or_streamed(limited: Server) -> None:
    def body(pad: int) -> bytes:  # padded in ``extensions``, which the server ignores
        return json.dumps({"query": "{ me { role } }", "extensions": {"pad": "x" * pad}}).encode()

    def chunks(data: bytes) -> Iterator[bytes]:  # no Content-Length: sent chunked
        yield from (data[i : i + 4096] for i in range(0, len(data), 4096))

    headers = {"content-type": "application/json"}
    with limited.client() as c:
        declared = c.post("/graphql", content=body(60_000), headers=headers)
        streamed = c.post("/graphql", content=chunks(body(60_000)), headers=headers)
        under = c.post("/graphql", content=chunks(body(40_000)), headers=headers)
    assert declared.status_code == streamed.status_code == 413
    assert codes(declared.json()) == codes(streamed.json()) == ["QUERY_TOO_LARGE"]
    assert "over 50000 bytes" in streamed.json()["errors"][0]["message"]
    assert under.status_code == 200 and codes(under.json()) == []


def test_introspection_is_exempt_from_depth_and_cost(limited: Server) -> None:
    query = "{ __schema { types { name fields { name type { ofType { ofType { name } } } } } } }"
    with limited.client() as c:
        assert codes(gql(c, query)) == []


def test_parse_and_validation_are_cached_by_query_text(monkeypatch: pytest.MonkeyPatch) -> None:
    import asyncio

    import schema.cache
    from schema import build

    calls: list[object] = []
    real = schema.cache.validate_document

    def counting(*args: object) -> object:
        calls.append(args)
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(schema.cache, "validate_document", counting)
    # Limits of its own: a schema is built once per set of limits, with its own cache.
    built = build(Limits(max_depth=6, max_cost=2_000, max_aliases=4, max_page_size=50))
    for query in ("{ nope }", "{ nope }", "{ cases(first: 51) { totalCount } }", "{ nope }"):
        result = asyncio.run(built.execute(query))
        assert result.errors
    assert len(calls) == 2
