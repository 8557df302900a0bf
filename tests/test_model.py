from pathlib import Path

import pytest

from graph.errors import ValidationError
from graph.model import doc, views, views_source
from graph.model.enums import CaseKind, NodeKind, RelType
from graph.model.kinds import NODES, RELS, node_fields
from graph.model.validate import make_node, make_rel

ROOT = Path(__file__).resolve().parents[1]


def test_data_model_page_is_current() -> None:
    committed = (ROOT / "docs" / "data-model.md").read_text(encoding="utf-8")
    assert committed == doc.render(), "run: python -m graph.model.doc > docs/data-model.md"


def test_typed_views_are_current() -> None:
    committed = (ROOT / "graph" / "model" / "views.py").read_text(encoding="utf-8")
    assert committed == views_source.render(), "run: python -m graph.model.views_source"


def test_a_view_reads_what_the_properties_hold() -> None:
    finding = make_node(
        NodeKind.Finding,
        "finding:1",
        {
            "title": "程序瑕疵",
            "category": "PROCEDURAL",
            "severity": "MINOR",
            "found_on": "2021-03",
            "region_code": "510104",
        },
    )
    view = views.Finding(finding)
    assert (view.id, view.found_on, view.region_code) == ("finding:1", "2021-03", "510104")
    assert view.evidence is None and view.valid_to is None


def test_every_kind_and_type_is_specified_and_documented() -> None:
    page = doc.render()
    assert set(NODES) == set(NodeKind) and set(RELS) == set(RelType)
    for kind in NodeKind:
        assert f"### {kind.name} {kind.label}" in page
    for type_ in RelType:
        assert f"| `{type_.name}` | {type_.label} |" in page


def test_enum_parses_code_or_chinese_label() -> None:
    assert CaseKind.parse("CIVIL") is CaseKind.CIVIL
    assert CaseKind.parse("民事") is CaseKind.CIVIL
    assert CaseKind.CIVIL.label == "民事"
    with pytest.raises(ValueError):
        CaseKind.parse("军事")


def test_text_cells_are_canonicalised() -> None:
    node = make_node(
        "Case",
        "case:1",
        {
            "case_number": " (2023)川0104刑初123号 ",
            "cause": "盗窃罪",
            "kind": "刑事",
            "stage": "TRIAL",
            "region_code": "510104",
            "filed_on": "2023-02",
            "private_enterprise": "是",
            "months_reduced": "6",
            "served_ratio": "0.5",
        },
    )
    assert node.kind is NodeKind.Case
    assert node.props == {
        "case_number": "(2023)川0104刑初123号",
        "cause": "盗窃罪",
        "kind": "CRIMINAL",
        "stage": "TRIAL",
        "region_code": "510104",
        "filed_on": "2023-02",
        "private_enterprise": True,
        "months_reduced": 6,
        "served_ratio": 0.5,
    }


def test_every_bad_field_is_named() -> None:
    with pytest.raises(ValidationError) as caught:
        make_node(
            "Case",
            "case:1",
            {
                "case_number": "x",
                "kind": "军事",
                "stage": "TRIAL",
                "region_code": "51",
                "colour": 1,
            },
        )
    fields = {e.field for e in caught.value.errors}
    assert fields == {"colour", "cause", "kind", "region_code"}


@pytest.mark.parametrize(
    ("raw", "field"),
    [
        ({"filed_on": "2023-13"}, "filed_on"),
        ({"filed_on": "2023-02-30"}, "filed_on"),
        ({"valid_from": "2022", "valid_to": "2021"}, "valid_to"),
        ({"months_reduced": "6.5"}, "months_reduced"),
        ({"private_enterprise": "maybe"}, "private_enterprise"),
    ],
)
def test_bad_values(raw: dict[str, str], field: str) -> None:
    base = {"case_number": "x", "cause": "y", "kind": "CIVIL", "stage": "TRIAL"}
    with pytest.raises(ValidationError) as caught:
        make_node("Case", "case:1", {**base, "region_code": "510104", **raw})
    assert [e.field for e in caught.value.errors] == [field]


def test_list_fields_accept_lists_and_semicolon_text() -> None:
    raw = {"title": "协议", "tier": "N", "level_pair": "CITY_DISTRICT", "signed_on": "2020-06"}
    a = make_node("Agreement", "ag:1", {**raw, "mechanisms": "违法线索互联;RESULT_RECOGNITION"})
    b = make_node("Agreement", "ag:1", {**raw, "mechanisms": ["CLUE_LINK", "处理结果互认"]})
    assert a.props["mechanisms"] == b.props["mechanisms"] == ["CLUE_LINK", "RESULT_RECOGNITION"]


def test_relationship_records_carry_validity_and_provenance() -> None:
    rel = make_rel(
        "MEMBER_OF",
        "m1",
        "official:1",
        "agency:1",
        {"role": "庭长", "valid_from": "2019", "valid_to": "2021-06", "source": "组织部"},
    )
    assert rel.props == {
        "role": "庭长",
        "valid_from": "2019",
        "valid_to": "2021-06",
        "source": "组织部",
    }
    with pytest.raises(ValidationError):
        make_rel("MEMBER_OF", "m 1", "official:1", "agency:1", {})


def test_personal_fields_are_marked() -> None:
    personal = {f.name for f in node_fields(NodeKind.Official) if f.personal}
    assert personal == {"id_number", "phone", "address"}
