"""What ``jiandu demo``, ``load`` and ``export`` print (issue 15): a report a person reads,
never a Python repr, and with ``--json`` the same figures for machines; the exit status says
how it went (``jiandu --help`` lists them)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jiandu.cli import main, parser

CASE = {
    "type": "Case",
    "id": "case:cli-1",
    "case_number": "(2024)川0104刑初1号",
    "cause": "盗窃",
    "kind": "CRIMINAL",
    "stage": "TRIAL",
    "region_code": "510104",
}


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_load_and_export_print_what_a_person_reads(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "cases.jsonl"
    source.write_text(json.dumps(CASE, ensure_ascii=False) + "\n", "utf-8")
    store = str(tmp_path / "store")

    status, out, _ = _run(capsys, "--store", store, "load", "--no-progress", str(source))
    assert status == 0
    assert "Report(" not in out and "Tally(" not in out
    lines = out.splitlines()
    assert lines[0].startswith("Loaded 1 rows from 1 file in ")
    assert lines[1].split() == ["created", "updated", "unchanged"]
    assert lines[2].split() == ["nodes", "1", "0", "0"]
    assert lines[3].split() == ["relationships", "0", "0", "0"]

    status, out, _ = _run(capsys, "--store", store, "load", "--json", str(source))
    report = json.loads(out)
    assert status == 0
    assert report["nodes"] == {"created": 0, "updated": 0, "unchanged": 1}
    assert report["rows"] == 1 and report["files"] == [str(source)] and report["errors"] == []

    status, out, _ = _run(capsys, "--store", store, "export", str(tmp_path / "out"))
    assert status == 0 and out.startswith("Exported 1 nodes and 0 relationships in ")
    status, out, _ = _run(capsys, "--store", store, "export", "--json", str(tmp_path / "j"))
    assert json.loads(out)["nodes"] == 1


def test_a_bad_row_is_named_and_the_status_is_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "cases.jsonl"
    source.write_text(json.dumps({**CASE, "kind": "NOT_A_KIND"}) + "\n", "utf-8")
    status, out, err = _run(
        capsys, "--store", str(tmp_path / "store"), "load", "--no-progress", str(source)
    )
    assert status == 2 and out == ""
    assert f"{source}:1" in err and "kind" in err and "nothing was changed" in err


def test_demo_reports_as_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = _run(
        capsys, "--store", str(tmp_path / "store"), "demo", "--cases", "200", "--json"
    )
    report = json.loads(out)
    assert status == 0 and report["cases"] == 200
    assert report["nodes"]["Case"] == 200
    assert report["planted"]["repeat_petitioner"][0] == "official:000001"


def test_the_help_lists_the_exit_statuses() -> None:
    assert "exit status: 0 done; 1 " in parser().format_help()


def test_graph_writes_an_investigation_that_networkx_reads_back(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import networkx as nx

    from graph.adapters.embedded import EmbeddedStore
    from loaders.demo import write_demo

    store = tmp_path / "store"
    with EmbeddedStore(store) as opened:
        planted = {p.name: p for p in write_demo(opened, cases=200).planted}
    out = tmp_path / "inv.gexf"
    status, printed, _ = _run(
        capsys, "--store", str(store), "graph", "--investigation", "investigation:overdue_unit",
        "--format", "gexf", "-o", str(out),
    )  # fmt: skip
    assert status == 0 and printed.endswith(f"written to {out}\n")
    graph = nx.read_gexf(out)
    assert set(graph.nodes) == set(planted["overdue_unit"].ids)
    assert graph.number_of_edges() > 0
    status, _, err = _run(capsys, "--store", str(store), "graph", "case:none")
    assert status == 1 and "case:none" in err
    # The same investigation drawn to PNG by Chromium: a real image of the canvas's size.
    png = tmp_path / "inv.png"
    status, printed, _ = _run(
        capsys, "--store", str(store), "graph", "--investigation", "investigation:overdue_unit",
        "--format", "png", "-o", str(png),
    )  # fmt: skip
    header = png.read_bytes()[:24]
    assert status == 0 and header[:8] == b"\x89PNG\r\n\x1a\n"
    assert (int.from_bytes(header[16:20], "big"), int.from_bytes(header[20:24], "big")) == (
        1200,
        900,
    )


def test_table_writes_a_ledger_with_chinese_headers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import openpyxl

    source = tmp_path / "cases.jsonl"
    source.write_text(json.dumps(CASE, ensure_ascii=False) + "\n", "utf-8")
    store = str(tmp_path / "store")
    _run(capsys, "--store", store, "load", "--no-progress", str(source))
    out = tmp_path / "台账.xlsx"
    query = "{ cases(first: 10) { nodes { caseNumber cause filedOn } } }"
    status, printed, _ = _run(capsys, "--store", store, "table", query, str(out))
    assert status == 0 and printed == f"1 rows written to {out}\n"
    rows = list(
        openpyxl.load_workbook(out, read_only=True).worksheets[0].iter_rows(values_only=True)
    )
    assert rows[0] == ("案号", "案由", "立案日期")
    assert rows[1][:2] == ("(2024)川0104刑初1号", "盗窃") and len(rows) == 2
    status, _, err = _run(capsys, "--store", store, "table", "{ nope }", str(out))
    assert status == 2 and "nope" in err


def test_xref_lists_likely_duplicates_with_their_evidence(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [
        {"type": "Official", "id": f"official:{n}", "name": "张敏", "role": "PARTY",
         "region_code": "510104", "id_number": "51010419900101123X"}
        for n in ("a", "b")
    ]  # fmt: skip
    source = tmp_path / "people.jsonl"
    source.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    store = str(tmp_path / "store")
    _run(capsys, "--store", store, "load", "--no-progress", str(source))
    status, out, _ = _run(capsys, "--store", store, "xref")
    assert status == 0
    assert out.splitlines() == [
        "1.00  人员  official:a  official:b  同一身份证号",
        "1 likely duplicates (score ≥ 0.6)",
    ]
    status, out, _ = _run(capsys, "--store", store, "xref", "--json", "--kind", "Agency")
    assert status == 0 and json.loads(out) == []
