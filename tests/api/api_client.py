"""Posting GraphQL and reading answers, for the API tests."""

from __future__ import annotations

from typing import Any

import httpx

from schema.generic.ids import to_global


def gid(store_id: str) -> str:
    """The global id of a node of the sample graphs (their ids start with the kind)."""
    prefix = store_id.split(":")[0]
    kinds = {
        "region": "Region",
        "agency": "Agency",
        "official": "Official",
        "case": "Case",
        "complaint": "Complaint",
        "rectification": "Rectification",
        "action": "SupervisionAction",
        "agreement": "Agreement",
    }
    return to_global(kinds[prefix], store_id)


def gql(client: httpx.Client, query: str, **variables: Any) -> dict[str, Any]:
    """The JSON answer to ``query`` (any status)."""
    response = client.post("/graphql", json={"query": query, "variables": variables})
    body: dict[str, Any] = response.json()
    return body


def data(client: httpx.Client, query: str, **variables: Any) -> dict[str, Any]:
    """The data of an answer that must have no errors."""
    body = gql(client, query, **variables)
    assert "errors" not in body, body["errors"]
    result: dict[str, Any] = body["data"]
    return result


def codes(body: dict[str, Any]) -> list[str]:
    return [e["extensions"]["code"] for e in body.get("errors", [])]
