"""Files on record over HTTP, on both stores: a GraphQL multipart upload (attachEvidence), the
download at /files/{id} within jurisdiction, the limits and refusals of both; rectification
items and their progress; recurrences; official documents at /documents/{kind}."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from graph.blobs import BlobStore
from graph.store import GraphStore
from schema.generic.ids import to_global
from schema.limits import Limits
from tests.api.api_client import ATTACH, REPORT_PDF, attach_report, codes, data, gid, gql, upload
from tests.api.api_harness import Host, Server, serve, settings
from tests.schema.joint.test_duties import ordered
from tests.schema.joint.test_recognition_and_findings import MOVE, inspect
from tests.workflows.joint.test_evidence import _attach, _finding, _move, _rectification
from tests.workflows.test_documents import _world
from tests.worlds.county_court import build
from tests.worlds.joint import COURT

ITEM = """
mutation($id: ID!, $title: String!, $deadline: String!) {
  addRectificationItem(rectificationId: $id, title: $title, deadline: $deadline) {
    rectification { id regionCode } partOfId responsibleAgencyId items finishedItems progress
  }
}"""
FILES = "query($id: ID!) { evidenceOf(targetId: $id) { evidence { name document } downloadPath } }"
READ = """
query($id: ID!) {
  node(id: $id) {
    ... on Rectification { files(first: 5) { name sha256 } items(first: 5) { id } }
  }
}"""


def test_a_report_goes_up_and_comes_back_within_jurisdiction(server: Server) -> None:
    rid = ordered(server)
    with server.client("supervisor", "510100") as c:
        attached = attach_report(c, rid)
        listed = data(c, FILES, id=rid)["evidenceOf"]
        read = data(c, READ, id=rid)["node"]
        got = c.get(attached["downloadPath"])
    with server.client("viewer", "510400") as other:
        hidden = other.get(attached["downloadPath"])
        hidden_list = gql(other, FILES, id=rid)
    with server.anonymous() as nobody:
        anonymous = nobody.get(attached["downloadPath"])
    digest = hashlib.sha256(REPORT_PDF).hexdigest()
    assert attached["evidence"] | {"id": None} == {
        "id": None,
        "name": "整改报告.pdf",
        "document": "RECTIFICATION_REPORT",
        "sha256": digest,
        "size": len(REPORT_PDF),
        "mediaType": "application/pdf",
        "uploadedBy": "supervisor@510100",
        "regionCode": "510100",
    }
    assert attached["targetId"] == rid
    # ordered() put one report on record already: the same bytes, stored once.
    assert listed[1:] == [
        {
            "evidence": {"name": "整改报告.pdf", "document": "RECTIFICATION_REPORT"},
            "downloadPath": attached["downloadPath"],
        }
    ]
    assert read["files"] == [{"name": "整改报告.pdf", "sha256": digest}] * 2
    assert got.status_code == 200 and got.content == REPORT_PDF
    assert got.headers["content-type"] == "application/pdf"
    assert got.headers["content-disposition"].startswith("attachment;")
    assert "UTF-8''%E6%95%B4%E6%94%B9" in got.headers["content-disposition"]
    assert got.headers["x-content-type-options"] == "nosniff"
    assert "sandbox" in got.headers["content-security-policy"]
    assert hidden.status_code == 404 and codes(hidden_list) == ["NOT_FOUND"]
    assert anonymous.status_code == 401


def test_acceptance_waits_for_the_report(server: Server) -> None:
    rid = ordered(server)  # ordered() attaches the report: take a fresh rectification instead
    with server.client("supervisor", subject="commission-staff") as c:
        item = data(c, ITEM, id=rid, title="建立台账", deadline="2099-06-20")[
            "addRectificationItem"
        ]
    iid = item["rectification"]["id"]
    with server.client("supervisor", "510100", agency=COURT) as court:
        submitted = gql(court, MOVE, id=iid, version=1, move="SUBMIT")
    with server.client("supervisor", "510100", subject="checker") as checker:
        refused = gql(checker, MOVE, id=iid, version=2, move="ACCEPT")
        whole_refused = gql(checker, MOVE, id=rid, version=1, move="ACCEPT")
        attach_report(checker, iid)
        accepted = data(checker, MOVE, id=iid, version=2, move="ACCEPT")
        whole = data(checker, READ, id=rid)["node"]
    assert (item["partOfId"], item["responsibleAgencyId"]) == (rid, gid(COURT))
    assert (item["items"], item["progress"]) == (0, 0.0)
    assert "errors" not in submitted
    assert codes(refused) == ["VALIDATION"]
    assert refused["errors"][0]["extensions"]["fields"][0]["field"] == "move"
    assert codes(whole_refused) == ["INVALID_TRANSITION"]  # not submitted yet
    assert accepted["moveRectification"]["rectification"]["status"] == "ACCEPTED"
    assert whole["items"] == [{"id": iid}]


def test_bad_uploads_are_refused_with_the_reason(server: Server) -> None:
    rid = ordered(server)
    with server.client("supervisor", "510100") as c:
        no_preflight = upload(
            c, ATTACH, {"file": ("a.pdf", REPORT_PDF)}, False, target=rid, document="EVIDENCE"
        )
        html = upload(
            c,
            ATTACH,
            {"file": ("a.pdf", b"<html><script>x()</script>")},
            target=rid,
            document="EVIDENCE",
        ).json()
        wrong_kind = upload(
            c, ATTACH, {"file": ("a.pdf", REPORT_PDF)}, target=rid, document="REVIEW_SHEET"
        ).json()
        not_a_file = gql(c, ATTACH, target=rid, file="inline text", document="EVIDENCE")
        operations = json.dumps({"query": ATTACH, "variables": {"target": rid, "file": None}})
        headers = {"GraphQL-Preflight": "1"}
        bad_map = c.post(
            "/graphql",
            data={"operations": operations, "map": json.dumps({"0": ["query"]})},
            files={"0": ("a.pdf", REPORT_PDF)},
            headers=headers,
        )
        missing_part = c.post(
            "/graphql",
            data={"operations": operations, "map": json.dumps({"1": ["variables.file"]})},
            files={"0": ("a.pdf", REPORT_PDF)},
            headers=headers,
        )
        no_operations = c.post("/graphql", files={"0": ("a.pdf", REPORT_PDF)}, headers=headers)
        listed = data(c, FILES, id=rid)["evidenceOf"]
    with server.client("supervisor", "510700") as other:
        elsewhere = upload(
            other, ATTACH, {"file": ("a.pdf", REPORT_PDF)}, target=rid, document="EVIDENCE"
        ).json()
    with server.client("viewer", "510100") as viewer:
        read_only = upload(
            viewer, ATTACH, {"file": ("a.pdf", REPORT_PDF)}, target=rid, document="EVIDENCE"
        ).json()
    assert no_preflight.status_code == 400 and "GraphQL-Preflight" in no_preflight.text
    assert codes(html) == ["VALIDATION"]
    assert html["errors"][0]["extensions"]["fields"] == [
        {"field": "file", "reason": "the content of 'a.pdf' is not a PDF file"}
    ]
    assert wrong_kind["errors"][0]["extensions"]["fields"][0]["field"] == "document"
    assert codes(not_a_file) == ["VALIDATION"]
    for refused in (bad_map, missing_part, no_operations):
        assert refused.status_code == 400, refused.text
    assert codes(elsewhere) == ["NOT_FOUND"]
    assert codes(read_only) == ["FORBIDDEN"]
    # Only ordered()'s report is on record.
    assert [f["evidence"]["document"] for f in listed] == ["RECTIFICATION_REPORT"]


def test_an_upload_over_the_limit_is_refused_before_it_is_read(
    host: Host, store: GraphStore
) -> None:
    with serve(host, store, settings(limits=Limits(max_upload_bytes=2_000))) as server:
        rid = ordered(server)
        with server.client("supervisor", "510100") as c:
            big = upload(
                c,
                ATTACH,
                {"file": ("a.pdf", REPORT_PDF + b"0" * 4_000)},
                target=rid,
                document="EVIDENCE",
            )
            small = upload(
                c, ATTACH, {"file": ("b.pdf", REPORT_PDF)}, target=rid, document="EVIDENCE"
            )
    assert big.status_code == 413
    assert "errors" not in small.json()


def test_recurrences_over_http(server: Server) -> None:
    scene = inspect(server)
    query = "{ recurrences { finding { id } earlier { id } unitId rectificationId } }"
    with server.client("supervisor") as c:
        none_yet: Any = data(c, query)["recurrences"]
    assert none_yet == [] and scene.finding


def test_a_recurrence_over_http(server: Server, tmp_path: Path) -> None:
    """Each field of a recurrence as the workflow found it, fields asked in any mix; none out
    of the caller's jurisdiction."""
    store = server.store
    build(store)
    first = _finding(store, "2024-01-10")
    rid = _rectification(store, first, "2024-01-11", "2024-03-31")
    _attach(store, BlobStore(tmp_path / "blobs"), rid)
    _move(store, rid, "submit", "2024-02-01")
    _move(store, rid, "accept", "2024-02-05")
    again = _finding(store, "2024-05-01", case=True)
    whole = """{ recurrences {
      finding { id title foundOn } earlier { id storeId } unitId rectificationId __typename
    } }"""
    with server.client("viewer", "510104") as c:
        (found,) = data(c, whole)["recurrences"]
        units = data(c, "{ recurrences { unitId } }")["recurrences"]
        earlier = data(c, "{ r: recurrences { e: earlier { id } } }")["r"]
    with server.client("viewer", "510700") as other:
        elsewhere = data(other, whole)["recurrences"]
    finding = to_global("Finding", again)
    assert found == {
        "finding": {"id": finding, "title": "超期羁押", "foundOn": "2024-05-01"},
        "earlier": {"id": to_global("Finding", first), "storeId": first},
        "unitId": to_global("Agency", "court:510104"),
        "rectificationId": to_global("Rectification", rid),
        "__typename": "Recurrence",
    }
    assert units == [{"unitId": found["unitId"]}]
    assert earlier == [{"e": {"id": found["earlier"]["id"]}}]
    assert elsewhere == []


def test_official_documents_over_http(server: Server, tmp_path: Path) -> None:
    ids = _world(server.store, tmp_path)
    notice = "/documents/rectification-notice?id=" + to_global(
        "Rectification", ids["rectification"]
    )
    quarterly = "/documents/intervention-report?region=510100&year=2024&quarter=2"
    with server.client("viewer", "510100") as c:
        pdf = c.get(notice)
        html = c.get(notice + "&format=html")
        report = c.get(quarterly + "&format=html")
        wrong_kind = c.get("/documents/rectification-notice?id=" + gid(COURT))
        unknown = c.get("/documents/memo?id=x")
        missing = c.get("/documents/intervention-report?region=510100")
    with server.client("viewer", "510700") as other:
        hidden = other.get(notice)
        elsewhere = other.get(quarterly)
    with server.anonymous() as nobody:
        anonymous = nobody.get(notice)
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF-")
    assert pdf.headers["content-type"] == "application/pdf"
    assert html.status_code == 200 and "整改通知书" in html.text and "锦江区人民法院" in html.text
    assert report.status_code == 200 and "成政法报〔2024〕2号" in report.text
    assert [r.status_code for r in (wrong_kind, unknown, missing)] == [404, 404, 400]
    assert hidden.status_code == 404 and elsewhere.status_code == 403
    assert anonymous.status_code == 401
