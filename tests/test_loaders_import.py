"""Loading JSON Lines, CSV and XLSX into the real embedded store (docs/data-format.md)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from graph.adapters.embedded import EmbeddedStore
from graph.model.enums import NodeKind, RelType
from graph.model.kinds import NODES, RELS
from graph.model.records import Node
from graph.model.validate import make_node
from graph.store import Batch
from loaders.errors import LoadFailed
from loaders.importer import load_paths
from loaders.records import ENVELOPE


@pytest.fixture
def store(tmp_path: Path) -> Iterator[EmbeddedStore]:
    s = EmbeddedStore(tmp_path / "store")
    yield s
    s.close()


def write_jsonl(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")
    return path


def state(store: EmbeddedStore) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    """Every node with its version and every relationship, in a fixed order."""
    nodes = [
        (n.kind, n.id, n.props, n.version)
        for kind in NodeKind
        for chunk in store.scan_nodes(kind)
        for n in chunk
    ]
    rels = [
        (r.type, r.id, r.start, r.end, r.props)
        for type_ in RelType
        for chunk in store.scan_rels(type_)
        for r in chunk
    ]
    return nodes, rels


def props(record: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in record.items() if k not in ENVELOPE}


def failure(store: EmbeddedStore, paths: list[Path], **options: Any) -> list[str]:
    """The error lines of a load that must fail, having checked that it changed nothing."""
    before = state(store)
    with pytest.raises(LoadFailed) as caught:
        load_paths(store, paths, progress=False, **options)
    assert state(store) == before
    assert str(caught.value).splitlines() == [str(e) for e in caught.value.errors]
    return [str(e) for e in caught.value.lines]


REGION = {
    "type": "Region",
    "id": "region:510104",
    "code": "510104",
    "name": "锦江区",
    "level": "县(区)",
}
AGENCY = {
    "type": "Agency",
    "id": "agency:jj-court",
    "name": "成都市锦江区人民法院",
    "kind": "法院",
    "level": "COUNTY",
    "region_code": "510104",
}
CASE = {
    "type": "Case",
    "id": "case:2021-123",
    "case_number": "(2021)川0104刑初123号",
    "cause": "盗窃罪",
    "kind": "刑事",
    "stage": "TRIAL",
    "region_code": "510104",
    "filed_on": "2021-03",
    "private_enterprise": True,
}
JUDGE = {
    "type": "Official",
    "id": "official:zhang",
    "name": "张敏",
    "role": "司法人员",
    "expertise": ["刑事", "CIVIL"],
    "available": True,
}


def test_jsonl_mixes_nodes_and_relationships_whose_ends_come_later(
    store: EmbeddedStore, tmp_path: Path
) -> None:
    path = write_jsonl(
        tmp_path / "mixed.jsonl",
        [
            {"type": "HANDLED_BY", "from": CASE["id"], "to": AGENCY["id"], "valid_from": "2021"},
            {
                "type": "HANDLED",
                "id": "h1",
                "from": JUDGE["id"],
                "to": CASE["id"],
                "role": "审判长",
            },
            CASE,
            {"type": "LOCATED_IN", "from": AGENCY["id"], "to": REGION["id"]},
            AGENCY,
            JUDGE,
            REGION,
        ],
    )
    report = load_paths(store, [path], progress=False)
    assert (report.rows, report.nodes.created, report.rels.created, report.rejected) == (7, 4, 3, 0)
    case = store.get_nodes([CASE["id"]])[CASE["id"]]
    assert case.props["kind"] == "CRIMINAL" and case.props["filed_on"] == "2021-03"
    assert store.get_nodes([JUDGE["id"]])[JUDGE["id"]].props["expertise"] == ["CRIMINAL", "CIVIL"]
    handled_by = store.get_rels([f"{CASE['id']}|HANDLED_BY|{AGENCY['id']}"])
    assert [r.props for r in handled_by.values()] == [{"valid_from": "2021"}]
    assert store.get_rels(["h1"])["h1"].props == {"role": "审判长"}


def test_csv_one_file_per_kind_and_a_mixed_file(store: EmbeddedStore, tmp_path: Path) -> None:
    (tmp_path / "Region.csv").write_text(
        "id,code,name,level\nregion:510104,510104,锦江区,县(区)\n", "utf-8-sig"
    )
    (tmp_path / "人员.csv").write_text(
        'id,name,role,expertise,available\nofficial:zhang,张敏,司法人员,"刑事;民事",是\n', "utf-8"
    )
    (tmp_path / "mixed.csv").write_text(
        "type,id,from,to,name,kind,level,region_code,role\n"
        "MEMBER_OF,,official:zhang,agency:jj-court,,,,,审判员\n"
        "Agency,agency:jj-court,,,成都市锦江区人民法院,法院,县(区),510104,\n"
        "LOCATED_IN,,agency:jj-court,region:510104,,,,,\n",
        "utf-8",
    )
    report = load_paths(store, [tmp_path], progress=False)
    assert (report.nodes.created, report.rels.created) == (3, 2)
    zhang = store.get_nodes(["official:zhang"])["official:zhang"]
    assert zhang.props == {
        "name": "张敏",
        "role": "JUDICIAL",
        "expertise": ["CRIMINAL", "CIVIL"],
        "available": True,
    }
    member = store.get_rels(["official:zhang|MEMBER_OF|agency:jj-court"])
    assert [r.props for r in member.values()] == [{"role": "审判员"}]


def test_csv_saved_by_chinese_excel_as_gbk_loads(store: EmbeddedStore, tmp_path: Path) -> None:
    path = tmp_path / "Region.csv"
    path.write_bytes("id,code,name,level\nregion:510104,510104,锦江区,县(区)\n".encode("gbk"))
    load_paths(store, [path], progress=False)
    assert store.get_nodes(["region:510104"])["region:510104"].props["name"] == "锦江区"


def make_workbook(path: Path, sheets: dict[str, list[list[Any]]]) -> Path:
    book = openpyxl.Workbook()
    del book[book.sheetnames[0]]
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


CASE_COLUMNS = ["id", "case_number", "cause", "kind", "stage", "region_code", "filed_on"]
CASE_ROW = ["case:1", "(2021)川0104刑初1号", "诈骗罪", "刑事", "审判", 510104, dt.date(2021, 3, 4)]


def test_xlsx_sheets_per_kind_with_cells_typed_by_excel(
    store: EmbeddedStore, tmp_path: Path
) -> None:
    path = make_workbook(
        tmp_path / "四川.xlsx",
        {
            "行政区划": [
                ["id", "code", "name", "level"],
                ["region:510104", 510104.0, "锦江区", "县(区)"],
            ],
            "Case": [
                [
                    *CASE_COLUMNS,
                    "private_enterprise",
                    "months_reduced",
                    "served_ratio",
                    "recorded_at",
                ],
                [*CASE_ROW, True, 6.0, 0.5, dt.datetime(2021, 3, 4, 9, 30)],
                [],
                [1002, 2021.0, "盗窃罪", "CRIMINAL", "FILED", 510104.0, 2021, False, 3, 1.0, None],
            ],
            "links": [
                ["type", "from", "to", "valid_from"],
                ["INVOLVES", "case:1", "region:510104", dt.datetime(2021, 5, 1)],
            ],
        },
    )
    report = load_paths(store, [path], progress=False)
    assert (report.nodes.created, report.rels.created) == (3, 1)
    nodes = store.get_nodes(["region:510104", "case:1", "1002"])
    assert nodes["region:510104"].props["code"] == "510104"
    assert nodes["case:1"].props == {
        "case_number": "(2021)川0104刑初1号",
        "cause": "诈骗罪",
        "kind": "CRIMINAL",
        "stage": "TRIAL",
        "region_code": "510104",
        "filed_on": "2021-03-04",
        "private_enterprise": True,
        "months_reduced": 6,
        "served_ratio": 0.5,
        "recorded_at": "2021-03-04T09:30:00",
    }
    assert nodes["1002"].props["case_number"] == "2021"
    assert nodes["1002"].props["filed_on"] == "2021"
    assert nodes["1002"].props["served_ratio"] == 1.0
    involves = store.get_rels(["case:1|INVOLVES|region:510104"])
    assert [r.props for r in involves.values()] == [{"valid_from": "2021-05-01"}]


def test_every_bad_row_is_named_and_nothing_is_imported(
    store: EmbeddedStore, tmp_path: Path
) -> None:
    store.write(Batch(nodes=[make_node(NodeKind.Region, "agency:x", props(REGION))]))
    path = write_jsonl(
        tmp_path / "bad.jsonl",
        [
            REGION,
            {**CASE, "stage": "宣判", "region_code": "51010"},
            {"type": "Suspect", "id": "s1"},
            {**JUDGE, "id": "has space", "name": ""},
            {"type": "HANDLED_BY", "from": CASE["id"], "to": "agency:nowhere"},
            {"type": "LOCATED_IN", "from": REGION["id"], "to": REGION["id"]},
            {**REGION, "name": "青羊区"},
            {**AGENCY, "id": "agency:x"},
            {"type": "HOLDS", "from": "official:zhang"},
        ],
    )
    with path.open("a", encoding="utf-8") as f:
        f.write('{"type": "Case", "id": \n[1, 2]\n')
    p = str(path)
    assert failure(store, [path]) == [
        f"{p}:2: stage: '宣判' is not one of CLUE, FILED, INVESTIGATION, PROSECUTION_REVIEW, "
        "TRIAL, EXECUTION, PENALTY",
        f"{p}:2: region_code: '51010' is not a 6-digit region code",
        f"{p}:3: type: 'Suspect' is neither a node kind nor a relationship type",
        f"{p}:4: id: must be 1–200 characters with no spaces and no '|'",
        f"{p}:4: name: required",
        f"{p}:5: to: no node 'agency:nowhere' in the store or this import",
        f"{p}:6: type: LOCATED_IN cannot link Region to Region",
        f"{p}:7: id: 'region:510104' is also at {p}:1 with other content",
        f"{p}:8: id: 'agency:x' is already a Region in the store, not an Agency",
        f"{p}:9: to: required",
        f"{p}:10: row: not JSON: Expecting value at column 25",
        f"{p}:11: row: not a JSON object",
    ]


def test_rows_of_csv_and_sheets_are_numbered_as_their_files_number_them(
    store: EmbeddedStore, tmp_path: Path
) -> None:
    csv_path = tmp_path / "Region.csv"
    csv_path.write_text(
        'id,code,name,level\n\nregion:1,510104,"锦江\n区",县(区)\nregion:2,5101,青羊区,县(区),,x\n',
        "utf-8",
    )
    book = make_workbook(
        tmp_path / "book.xlsx",
        {"Region": [[], ["id", "code", "name", "level"], ["region:3", 510105, "青羊区", "镇"]]},
    )
    assert failure(store, [csv_path, book]) == [
        f"{csv_path}:5: row: 6 cells but the header has 4 columns",
        f"{book}[Region]:3: level: '镇' is not one of PROVINCE, CITY, COUNTY",
    ]


def test_a_file_that_cannot_be_read_fails_the_load_even_when_skipping(
    store: EmbeddedStore, tmp_path: Path
) -> None:
    good = write_jsonl(tmp_path / "good.jsonl", [REGION])
    untyped = tmp_path / "regions.csv"
    untyped.write_text("id,code,code\nregion:1,510104,510104\n", "utf-8")
    not_excel = tmp_path / "Region.xlsx"
    not_excel.write_text("id,code\n", "utf-8")
    missing = tmp_path / "missing.jsonl"
    (tmp_path / "notes.txt").write_text("说明", "utf-8")
    assert failure(store, [good, missing, tmp_path / "notes.txt"]) == [
        f"{missing}: file: no such file or directory",
        f"{tmp_path / 'notes.txt'}: file: not one of .jsonl, .ndjson, .csv, .xlsx",
    ]
    lines = failure(store, [good, untyped, not_excel], skip_invalid=True)
    assert lines[:2] == [
        f"{untyped}:1: code: appears twice in the header",
        f"{untyped}:1: type: no such column, and the name is not a node kind or relationship type",
    ]
    assert lines[2].startswith(f"{not_excel}: file: not an Excel workbook")


def test_skip_invalid_imports_the_rest_and_sets_the_bad_rows_aside(
    store: EmbeddedStore, tmp_path: Path
) -> None:
    path = tmp_path / "Case.csv"
    path.write_text(
        "id,case_number,cause,kind,stage,region_code\n"
        "case:1,(2021)川0104刑初1号,诈骗罪,刑事,审判,510104\n"
        "case:2,(2021)川0104刑初2号,盗窃罪,刑事,庭审,510104\n"
        "case:3,(2021)川0104刑初3号,抢劫罪,刑事,审判,510104\n",
        "utf-8",
    )
    links = write_jsonl(
        tmp_path / "links.jsonl",
        [
            REGION,
            {"type": "INVOLVES", "from": "case:1", "to": REGION["id"]},
            {"type": "INVOLVES", "from": "case:2", "to": REGION["id"]},
            {"type": "INVOLVES", "from": "case:3", "to": "region:000000"},
        ],
    )
    rejects = tmp_path / "out" / "rejects.csv"
    report = load_paths(store, [path, links], skip_invalid=True, rejects=rejects, progress=False)
    assert (report.nodes.created, report.rels.created, report.rejected) == (3, 1, 3)
    assert report.rejects == rejects
    assert set(store.get_nodes(["case:1", "case:2", "case:3"])) == {"case:1", "case:3"}
    assert [str(e) for e in report.errors] == [
        f"{path}:3: stage: '庭审' is not one of CLUE, FILED, INVESTIGATION, PROSECUTION_REVIEW, "
        "TRIAL, EXECUTION, PENALTY",
        f"{links}:3: from: node 'case:2' is rejected (at {path}:3)",
        f"{links}:4: to: no node 'region:000000' in the store or this import",
    ]
    text = rejects.read_text("utf-8-sig")
    assert text.splitlines()[0] == (
        "type,id,case_number,cause,kind,stage,region_code,from,to,error"
    )
    rejects.write_text(text.replace("庭审", "审判"), "utf-8")
    write_jsonl(tmp_path / "region.jsonl", [{**REGION, "id": "region:000000"}])
    again = load_paths(store, [rejects, tmp_path / "region.jsonl"], progress=False)
    assert (again.nodes.created, again.rels.created, again.rejected) == (2, 2, 0)


def test_rejects_are_written_in_the_format_their_name_says(
    store: EmbeddedStore, tmp_path: Path
) -> None:
    bad = {**CASE, "stage": "庭审"}
    path = write_jsonl(tmp_path / "cases.jsonl", [REGION, bad])
    report = load_paths(store, [path], skip_invalid=True, progress=False)
    assert report.rejects == tmp_path / "cases.rejects.jsonl"
    [row] = [json.loads(line) for line in report.rejects.read_text("utf-8").splitlines()]
    assert row == {**bad, "error": str(report.errors[0])}
    book = make_workbook(tmp_path / "Case.xlsx", {"Case": [list(bad)[1:], list(bad.values())[1:]]})
    as_xlsx = load_paths(store, [book], skip_invalid=True, progress=False).rejects
    assert as_xlsx == tmp_path / "Case.rejects.xlsx"
    sheet = openpyxl.load_workbook(as_xlsx).active
    assert sheet is not None
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert rows[0] == ["type", *list(bad)[1:], "error"]
    assert rows[1][:3] == ["Case", bad["id"], bad["case_number"]]
    assert rows[1][-1] == f"{book}[Case]:2: stage: '庭审' is not one of CLUE, FILED, " + (
        "INVESTIGATION, PROSECUTION_REVIEW, TRIAL, EXECUTION, PENALTY"
    )


def test_reimporting_the_same_file_changes_nothing(store: EmbeddedStore, tmp_path: Path) -> None:
    records = [REGION, AGENCY, {"type": "LOCATED_IN", "from": AGENCY["id"], "to": REGION["id"]}]
    path = write_jsonl(tmp_path / "data.jsonl", records)
    load_paths(store, [path], progress=False)
    before = state(store)
    again = load_paths(store, [path], progress=False)
    assert (again.nodes.unchanged, again.rels.unchanged) == (2, 1)
    assert (again.nodes.created, again.nodes.updated, again.rels.created) == (0, 0, 0)
    assert state(store) == before
    write_jsonl(path, [REGION, {**AGENCY, "name": "成都市锦江区法院"}, records[2]])
    changed = load_paths(store, [path], progress=False)
    assert (changed.nodes.updated, changed.nodes.unchanged, changed.rels.unchanged) == (1, 1, 1)
    versions = {n.id: n.version for n in store.get_nodes([REGION["id"], AGENCY["id"]]).values()}
    assert versions == {REGION["id"]: 1, AGENCY["id"]: 2}


def test_a_directory_loads_every_file_under_it_but_earlier_rejects(
    store: EmbeddedStore, tmp_path: Path
) -> None:
    (tmp_path / "nodes").mkdir()
    (tmp_path / "rels").mkdir()
    write_jsonl(tmp_path / "rels" / "a.jsonl", [{"type": "PART_OF", "from": "r:2", "to": "r:1"}])
    write_jsonl(tmp_path / "nodes" / "Region.jsonl", [{**REGION, "id": "r:1"}])
    (tmp_path / "nodes" / "Region.csv").write_text(
        "id,code,name,level\nr:2,510104,锦江区,县(区)\n", "utf-8"
    )
    write_jsonl(tmp_path / "nodes" / "Region.rejects.jsonl", [{"type": "Nothing"}])
    (tmp_path / "nodes" / "~$Region.xlsx").write_text("Excel's lock file", "utf-8")
    report = load_paths(store, [tmp_path], progress=False)
    assert (report.nodes.created, report.rels.created, len(report.files)) == (2, 1, 3)


def test_generated_relationship_ids_may_be_written_out(
    store: EmbeddedStore, tmp_path: Path
) -> None:
    ends = {"from": AGENCY["id"], "to": REGION["id"]}
    generated = f"{AGENCY['id']}|LOCATED_IN|{REGION['id']}"
    path = write_jsonl(
        tmp_path / "ids.jsonl",
        [
            REGION,
            AGENCY,
            {"type": "LOCATED_IN", "id": generated, **ends, "valid_to": "2019"},
            {"type": "LOCATED_IN", "id": f"{generated}|2020", **ends, "valid_from": "2020"},
        ],
    )
    load_paths(store, [path], progress=False)
    assert set(store.get_rels([generated, f"{generated}|2020"])) == {generated, f"{generated}|2020"}
    write_jsonl(path, [{"type": "LOCATED_IN", "id": f"{generated}|a b", **ends}])
    assert failure(store, [path]) == [f"{path}:1: id: must be 1–400 characters with no spaces"]


def test_progress_stays_off_when_stderr_is_not_a_terminal(
    store: EmbeddedStore, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    load_paths(store, [write_jsonl(tmp_path / "r.jsonl", [REGION])], progress=True)
    assert capsys.readouterr().err == ""


def test_no_field_of_the_model_is_named_like_the_envelope() -> None:
    names = {f.name for spec in NODES.values() for f in spec.fields}
    names |= {f.name for spec in RELS.values() for f in spec.fields}
    assert not names & ENVELOPE


def test_nodes_written_directly_compare_equal_to_loaded_ones(
    store: EmbeddedStore, tmp_path: Path
) -> None:
    direct: Node = make_node(NodeKind.Region, REGION["id"], props(REGION))
    store.write(Batch(nodes=[direct]))
    report = load_paths(store, [write_jsonl(tmp_path / "r.jsonl", [REGION])], progress=False)
    assert report.nodes.unchanged == 1


def test_a_kind_written_in_kind_is_pointed_to_type(store: EmbeddedStore, tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "k.jsonl", [{"kind": "Region", "id": "r:1"}])
    assert failure(store, [path]) == [
        f"{path}:1: type: required (a node kind or relationship type; `kind` is a field)"
    ]


def test_the_rejects_file_may_not_be_an_input(store: EmbeddedStore, tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "a.jsonl", [REGION])
    assert failure(store, [path], skip_invalid=True, rejects=path) == [
        f"{path}: rejects: is one of the files to load"
    ]


def test_a_file_that_stops_making_sense_fails_the_load_even_when_skipping(
    store: EmbeddedStore, tmp_path: Path
) -> None:
    path = tmp_path / "Region.csv"
    path.write_text(
        'id,code,name,level\nr:1,510104,锦江区,县(区)\nr:2,510105,"青羊区' + "区" * 200_000,
        "utf-8",
    )
    assert failure(store, [path], skip_invalid=True) == [
        f"{path}:3: file: cannot be read on (field larger than field limit (131072))"
    ]


# -- ledgers as commissions keep them (issue 15) -----------------------------------------


def test_a_ledger_with_chinese_headers_and_dates_loads_as_it_is(
    store: EmbeddedStore, tmp_path: Path
) -> None:
    """案件.csv with Chinese headers, no ids and dates written the Chinese way; 人员.xlsx
    with the envelope in Chinese too; and a 承办机关 link by the cases' derived ids."""
    (tmp_path / "案件.csv").write_text(
        "案号,案由,案件类别,办案阶段,所在区划,立案日期,结案日期\n"
        "(2023)川0104刑初12号,盗窃罪,刑事,审判,510104,2023年3月4日,2023.6.30\n"
        "(2023)川0104 刑初13号,诈骗罪,刑事,审判,510104,20230305,\n",
        "utf-8",
    )
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "记录"
    sheet.append(["类型", "标识", "起点", "终点", "名称", "机关类别", "层级", "所在区划"])
    sheet.append(
        ["机关", "agency:jj-court", None, None, "成都市锦江区人民法院", "法院", "县(区)", "510104"]
    )
    sheet.append(["承办机关", None, "case:(2023)川0104刑初12号", "agency:jj-court"])
    book.save(tmp_path / "人员.xlsx")

    report = load_paths(store, [tmp_path], progress=False)
    assert (report.nodes.created, report.rels.created) == (3, 1)
    found = store.get_nodes(["case:(2023)川0104刑初12号", "case:(2023)川0104刑初13号"])
    first, second = found["case:(2023)川0104刑初12号"], found["case:(2023)川0104刑初13号"]
    assert (first.props["filed_on"], first.props["closed_on"]) == ("2023-03-04", "2023-06-30")
    assert (
        first.props["kind"] == "CRIMINAL" and first.props["case_number"] == "(2023)川0104刑初12号"
    )
    assert second.props["filed_on"] == "2023-03-05" and "closed_on" not in second.props
    assert store.get_rels(["case:(2023)川0104刑初12号|HANDLED_BY|agency:jj-court"])
    # Loading the same ledger again finds the same nodes.
    again = load_paths(store, [tmp_path / "案件.csv"], progress=False)
    assert (again.nodes.created, again.nodes.unchanged) == (0, 2)


def test_a_ledger_error_names_the_column_as_the_ledger_wrote_it(
    store: EmbeddedStore, tmp_path: Path
) -> None:
    ledger = tmp_path / "案件.csv"
    ledger.write_text(
        "案号,案由,案件类别,办案阶段,所在区划,立案日期\n"
        "(2023)川0104刑初12号,盗窃罪,刑事,审判,510104,2023年2月30日\n"
        "(2023)川0104刑初13号,诈骗罪,刑侦,审判,510104,2023年3月\n"
        "(2023)川0104刑初14号,诈骗罪,刑事,审判,510104,2023年3月\n",
        "utf-8",
    )
    assert failure(store, [ledger]) == [
        f"{ledger}:2: 立案日期: day is out of range for month",
        f"{ledger}:3: 案件类别: '刑侦' is not one of CRIMINAL, CIVIL, ADMINISTRATIVE, "
        "ENFORCEMENT, PENALTY_EXECUTION",
    ]
    both = tmp_path / "both.csv"
    both.write_text(
        "type,案号,case_number,cause,kind,stage,region_code,filed_on\n"
        "Case,(2023)川0104刑初15号,(2023)川0104刑初16号,盗窃罪,刑事,审判,510104,2023\n",
        "utf-8",
    )
    assert failure(store, [both]) == [f"{both}:2: 案号: given twice: also as 'case_number'"]
