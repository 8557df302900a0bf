"""Posting GraphQL and reading answers, for the API tests."""

from __future__ import annotations

import json
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


def gql(
    client: httpx.Client, query: str, _headers: dict[str, str] | None = None, **variables: Any
) -> dict[str, Any]:
    """The JSON answer to ``query`` (any status); ``_headers`` replace the client's."""
    response = client.post(
        "/graphql", json={"query": query, "variables": variables}, headers=_headers
    )
    body: dict[str, Any] = response.json()
    return body


def data(
    client: httpx.Client, query: str, _headers: dict[str, str] | None = None, **variables: Any
) -> dict[str, Any]:
    """The data of an answer that must have no errors."""
    body = gql(client, query, _headers, **variables)
    assert "errors" not in body, body["errors"]
    result: dict[str, Any] = body["data"]
    return result


def codes(body: dict[str, Any]) -> list[str]:
    return [e["extensions"]["code"] for e in body.get("errors", [])]


ATTACH = """
mutation($target: ID!, $file: Upload!, $document: EvidenceKind!) {
  attachEvidence(targetId: $target, file: $file, document: $document) {
    evidence { id name document sha256 size mediaType uploadedBy regionCode }
    targetId downloadPath
  }
}"""
REPORT_PDF = b"%PDF-1.4\n% report\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


def upload(
    client: httpx.Client,
    query: str,
    files: dict[str, tuple[str, bytes]],
    preflight: bool = True,
    **variables: Any,
) -> httpx.Response:
    """A GraphQL multipart request: each file (variable name → (file name, bytes)) sent as a
    part and mapped into the variables."""
    operation = {"query": query, "variables": {**variables, **dict.fromkeys(files)}}
    mapping = {str(i): [f"variables.{name}"] for i, name in enumerate(files)}
    parts = {
        str(i): (filename, content, "application/octet-stream")
        for i, (filename, content) in enumerate(files.values())
    }
    headers = {"GraphQL-Preflight": "1"} if preflight else {}
    return client.post(
        "/graphql",
        data={"operations": json.dumps(operation), "map": json.dumps(mapping)},
        files=parts,
        headers=headers,
    )


def attach_report(client: httpx.Client, target: str, content: bytes = REPORT_PDF) -> dict[str, Any]:
    """Put a 整改报告 on record for the rectification ``target`` (a global id)."""
    response = upload(
        client,
        ATTACH,
        {"file": ("整改报告.pdf", content)},
        target=target,
        document="RECTIFICATION_REPORT",
    )
    body: dict[str, Any] = response.json()
    assert "errors" not in body, body["errors"]
    attached: dict[str, Any] = body["data"]["attachEvidence"]
    return attached


def as_other(client: httpx.Client, subject: str = "proposer") -> dict[str, str]:
    """Headers that act as another person with the same role, region and agency as
    ``client``'s token: a proposal (立项) is approved by someone else (交办)."""
    import jwt

    from api.auth import create_token
    from tests.api.api_harness import SECRET

    token = client.headers["Authorization"].removeprefix("Bearer ")
    claims = jwt.decode(token, options={"verify_signature": False})
    fresh = create_token(
        role=claims["role"],
        region=claims.get("region"),
        subject=subject,
        secret=SECRET,
        ttl_hours=1,
        agency=claims.get("agency"),
    )
    return {"Authorization": f"Bearer {fresh}"}
