"""Any list of the API as an Excel 台账 (issue 15): POST the query to /graphql/xlsx and get
its first list as rows under Chinese headers, with the filters of the query, as the caller
sees it (personal fields masked for a viewer, unmasked reads recorded for an admin)."""

from __future__ import annotations

import io
from typing import Any

import openpyxl

from tests.api.api_client import data
from tests.api.api_harness import Server
from tests.worlds.sample import write_sample

CASES = """query($region: String) {
  cases(filter: {region: $region}, first: 50) {
    totalCount
    nodes { caseNumber cause kindLabel filedOn handlingAgencies { caption } } } }"""
OFFICIALS = "{ officials(first: 50) { edges { node { name idNumber phone } } } }"
AUDIT = """{ auditLog(first: 100) { edges { node { operation target } } } }"""
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def sheet(content: bytes) -> list[list[Any]]:
    book = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
    rows = [list(r) for r in book.worksheets[0].iter_rows(values_only=True)]
    book.close()
    width = len(rows[0])
    return [r + [None] * (width - len(r)) for r in rows]  # read-only sheets drop empty tails


def test_a_filtered_list_is_a_sheet_with_chinese_headers(server: Server) -> None:
    write_sample(server.store)
    with server.client("viewer", "510100") as c:
        response = c.post("/graphql/xlsx", json={"query": CASES, "variables": {"region": "510104"}})
        seen = data(c, CASES, region="510104")["cases"]["nodes"]
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == XLSX
    assert "attachment" in response.headers["content-disposition"]
    rows = sheet(response.content)
    assert rows[0] == ["案号", "案由", "案件类别(中文)", "立案日期", "承办机关"]
    assert [r[0] for r in rows[1:]] == [c["caseNumber"] for c in seen]
    assert len(rows) - 1 == len(seen) > 0
    assert rows[1][1] == seen[0]["cause"]


def test_personal_fields_are_as_the_caller_reads_them(server: Server) -> None:
    write_sample(server.store)
    with server.client("viewer", "510100") as c:
        masked = sheet(c.post("/graphql/xlsx", json={"query": OFFICIALS}).content)
    with server.client("admin") as c:
        plain = sheet(c.post("/graphql/xlsx", json={"query": OFFICIALS}).content)
        audit = [e["node"] for e in data(c, AUDIT)["auditLog"]["edges"]]
    assert masked[0] == plain[0] == ["姓名", "身份证号", "联系电话"]
    assert "510104199001011234" in {r[1] for r in plain[1:]}
    assert "510104199001011234" not in {r[1] for r in masked[1:]}
    assert any(e["operation"] == "read.personal" for e in audit)


def test_a_bad_query_is_answered_as_graphql_would(server: Server) -> None:
    with server.client("viewer") as c:
        bad = c.post("/graphql/xlsx", json={"query": "{ nope }"})
        wrong = c.get("/graphql/xlsx")
    assert bad.status_code == 400
    assert bad.json()["errors"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
    assert wrong.status_code == 405
