"""Ledgers loaded through a mapping file (docs/mappings.md), on both stores: the two worked
examples of the page load as it says; a name that resolves to nothing or to several nodes
is an error naming the file, the line and the column as the ledger writes it, with the
nearest candidates, and nothing is written; a mistake in the mapping names the setting."""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl
import pytest

from graph.errors import ValidationError
from graph.model.validate import make_node
from graph.store import Batch, GraphStore
from loaders.errors import LoadFailed
from loaders.importer import check_paths, load_paths
from loaders.mapping import LedgerMapping
from workflows.explore.xref import pairs_among

DOC = Path(__file__).resolve().parents[1] / "docs" / "mappings.md"
PEOPLE = [
    make_node(
        "Official",
        "official:zhang",
        {
            "name": "张某",
            "role": "PARTY",
            "region_code": "510104",
            "id_number": "510104199001011234",
        },
    )
]
AGENCIES = [
    make_node(
        "Agency",
        agency_id,
        {"name": name, "kind": "COURT", "level": "COUNTY", "region_code": code},
    )
    for agency_id, name, code in [
        ("agency:jj-court", "成都市锦江区人民法院", "510104"),
        ("agency:qy-court", "成都市青羊区人民法院", "510105"),
        ("agency:twin-1", "人民法院", "510106"),
        ("agency:twin-2", "人民法院", "510107"),
    ]
]


def toml_blocks() -> list[str]:
    """The mapping files of the page's two examples, as the page gives them."""
    return re.findall(r"```toml\n(.*?)```", DOC.read_text("utf-8"), re.S)


def ledger(path: Path, rows: list[list[object]]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["案号", "案由", "案件类型", "审理阶段", "区划", "立案时间", "承办单位"])
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def mapping(tmp_path: Path, text: str, name: str = "案件台账.toml") -> LedgerMapping:
    path = tmp_path / name
    path.write_text(text, "utf-8")
    return LedgerMapping.read(path)


def test_the_two_worked_examples_load_as_the_page_says(store: GraphStore, tmp_path: Path) -> None:
    store.write(Batch(nodes=[*AGENCIES, *PEOPLE]))
    cases, petitions = toml_blocks()
    book = ledger(
        tmp_path / "锦江区案件台账.xlsx",
        [
            [
                "(2023)川0104刑初12号",
                "盗窃罪",
                "刑事案件",
                "一审",
                "510104",
                "2023年3月4日",
                "成都市锦江区人民法院",
            ]
        ],
    )
    report = load_paths(store, [book], progress=False, mapping=mapping(tmp_path, cases))
    assert (report.nodes.created, report.rels.created) == (1, 1)
    case_id = "case:(2023)川0104刑初12号"
    case = store.get_nodes([case_id])[case_id]
    assert (case.props["kind"], case.props["stage"], case.props["filed_on"]) == (
        "CRIMINAL", "TRIAL", "2023-03-04",
    )  # fmt: skip
    assert store.get_rels([f"{case_id}|HANDLED_BY|agency:jj-court"])

    ledger_csv = tmp_path / "信访台账.csv"
    ledger_csv.write_text(
        re.search(r"```\n(信访编号.*?)```", DOC.read_text("utf-8"), re.S).group(1), "utf-8"
    )
    report = load_paths(
        store, [ledger_csv], progress=False, mapping=mapping(tmp_path, petitions, "信访.toml")
    )
    complaint = "complaint:XF2023510104000001"
    assert (report.nodes.created, report.rels.created) == (1, 2)
    assert store.get_nodes([complaint])[complaint].props["received_on"] == "2023-05-06"
    assert store.get_rels(
        [f"official:zhang|FILED|{complaint}", f"{complaint}|CONCERNS|{case_id}"]
    ).keys() == {f"official:zhang|FILED|{complaint}", f"{complaint}|CONCERNS|{case_id}"}


def test_a_name_that_resolves_to_none_or_to_several_is_named_and_nothing_is_written(
    store: GraphStore, tmp_path: Path
) -> None:
    store.write(Batch(nodes=AGENCIES))
    cases = toml_blocks()[0].replace('within = "区划"\n', "")
    book = ledger(
        tmp_path / "台账.xlsx",
        [
            [
                "(2023)川0104刑初1号",
                "盗窃罪",
                "刑事案件",
                "一审",
                "510104",
                "2023年3月4日",
                "锦江区人民法院",
            ],
            [
                "(2023)川0104刑初2号",
                "盗窃罪",
                "刑事案件",
                "一审",
                "510104",
                "2023年3月4日",
                "人民法院",
            ],
            [
                "(2023)川0104刑初3号",
                "盗窃罪",
                "刑事案件",
                "一审",
                "510104",
                "2023年3月4日",
                "成都市锦江区人民法院",
            ],
        ],
    )
    before = store.counts()
    with pytest.raises(LoadFailed) as caught:
        load_paths(store, [book], progress=False, mapping=mapping(tmp_path, cases))
    lines = [str(e) for e in caught.value.lines]
    label = f"{book}[Sheet]"
    assert lines == [
        f"{label}:2: 承办单位: no Agency named '锦江区人民法院'; "
        "nearest: 成都市锦江区人民法院, 人民法院, 成都市青羊区人民法院",
        f"{label}:3: 承办单位: '人民法院' names 2 Agency nodes: agency:twin-1, agency:twin-2",
    ]
    assert store.counts() == before
    # Within the row's region the name is one court.
    within = mapping(tmp_path, toml_blocks()[0])
    other = ledger(
        tmp_path / "台账2.xlsx",
        [
            [
                "(2023)川0104刑初4号",
                "盗窃罪",
                "刑事案件",
                "一审",
                "510106",
                "2023年3月4日",
                "人民法院",
            ]
        ],
    )
    load_paths(store, [other], progress=False, mapping=within)
    assert store.get_rels(["case:(2023)川0104刑初4号|HANDLED_BY|agency:twin-1"])


def test_a_mistake_in_the_mapping_names_the_file_and_the_setting(tmp_path: Path) -> None:
    text = """
kind = "案件"
colour = "red"
[columns]
"案由" = "reason"
[[links]]
column = "承办单位"
type = "HANDLED_BY"
to = "Official"
by = "name"
"""
    with pytest.raises(ValidationError) as caught:
        mapping(tmp_path, text)
    where = str(tmp_path / "案件台账.toml")
    assert [(e.field, e.reason) for e in caught.value.errors] == [
        (f"{where}: colour", "no such setting (one of columns, dates, id, kind, links, values)"),
        (f"{where}: columns.案由", "'reason' is not a field of Case"),
        (f"{where}: links.0.type", "HANDLED_BY does not link Case to Official"),
    ]


def test_check_reports_on_the_data_and_writes_nothing(store: GraphStore, tmp_path: Path) -> None:
    store.write(Batch(nodes=AGENCIES))
    book = ledger(
        tmp_path / "台账.xlsx",
        [
            [
                "(2023)川0104刑初1号",
                "盗窃罪",
                "刑事案件",
                "一审",
                "510104",
                "2023年3月4日",
                "锦江区人民法院",
            ],
            ["(2023)川0104刑初2号", "盗窃罪", "刑事案件", "一审", "510104", "2023年3月4日", None],
            [
                "川0104刑初3号",
                "盗窃罪",
                "刑事案件",
                "一审",
                "510104",
                "2023年3月4日",
                "成都市锦江区人民法院",
            ],
            [
                "(2023)川0104刑初4号",
                "盗窃罪",
                "刑事案件",
                "一审",
                "510104",
                "2023年3月4日",
                "成都市锦江区人民法院",
            ],
        ],
    )
    before = store.counts()
    report = check_paths(store, [book], progress=False, mapping=mapping(tmp_path, toml_blocks()[0]))
    assert store.counts() == before
    assert [(e.line, e.field) for e in report.refused] == [(2, "承办单位")]
    # The first case's agency is refused (an unknown name), so a load would leave it without.
    assert report.without_agency == ["case:(2023)川0104刑初1号", "case:(2023)川0104刑初2号"]
    assert report.malformed_numbers == [("case:川0104刑初3号", "川0104刑初3号")]
    assert report.per_unit == {"agency:jj-court": 2}
    assert not report.clean and "Rows refused: 1" in str(report)

    dated = tmp_path / "案件.csv"
    dated.write_text(
        "案号,案由,案件类别,办案阶段,所在区划,立案日期,结案日期\n"
        "(2023)川0104刑初5号,盗窃罪,刑事,审判,510104,2023年3月4日,2023年1月2日\n",
        "utf-8",
    )
    people = tmp_path / "人员.csv"
    people.write_text(
        "标识,姓名,人员类别,所在区划,身份证号\n"
        "official:a,张敏,当事人,510104,51010419900101123X\n"
        "official:b,张敏,当事人,510104,51010419900101123x\n",
        "utf-8",
    )
    report = check_paths(store, [dated, people], progress=False, duplicates=pairs_among)
    assert report.out_of_order == [
        ("case:(2023)川0104刑初5号", "filed_on", "2023-03-04", "closed_on", "2023-01-02")
    ]
    assert report.duplicates == [("official:a", "official:b", 1.0, "同一身份证号")]
    assert report.as_json()["likely_duplicates"][0]["ids"] == ["official:a", "official:b"]
