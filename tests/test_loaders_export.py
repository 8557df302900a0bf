"""Export writes the load format; export → load into an empty store gives the same graph."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.adapters.embedded import EmbeddedStore
from graph.model import enums as e
from graph.model.enums import NodeKind, RelType
from graph.model.records import Node, Rel, rel_id
from graph.model.validate import make_node, make_rel
from graph.store import Batch
from loaders.export import export_store
from loaders.importer import load_paths

Graph = tuple[list[tuple[object, ...]], list[tuple[object, ...]]]


def graph(store: EmbeddedStore) -> Graph:
    """Nodes (kind, id, props) and relationships (type, id, from, to, props): no versions."""
    nodes = [
        (n.kind, n.id, n.props)
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


def files(directory: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(directory)): p.read_bytes()
        for p in sorted(directory.rglob("*"))
        if p.is_file()
    }


def round_trip(nodes: list[Node], rels: list[Rel], fmt: str, workdir: Path) -> None:
    """Write the records, export, load the export into an empty store, export that again."""
    with EmbeddedStore(workdir / "source") as source:
        source.write(Batch(nodes=nodes, rels=rels))
        export_store(source, workdir / "export", fmt=fmt)
        expected = graph(source)
    with EmbeddedStore(workdir / "copy") as copy:
        report = load_paths(copy, [workdir / "export"], progress=False)
        assert graph(copy) == expected
        assert report.nodes.created + report.rels.created == len(nodes) + len(rels)
        export_store(copy, workdir / "again", fmt=fmt)
    assert files(workdir / "again") == files(workdir / "export")


MEETING = make_node(
    NodeKind.JointMeeting,
    "meeting:2021-1",
    {
        "title": '川渝政法合作联席会议, 第"一"次\n(成都)',
        "kind": "川渝政法合作联席会议",
        "held_on": "2021-04",
        "region_code": "510100",
        "decisions": ["建立线索移送机制;每季度通报", "[试点]跨区域评查", "联合督办"],
        "recorded_at": "2021-04-02T09:30:00+08:00",
    },
)
AGREEMENT = make_node(
    NodeKind.Agreement,
    "agreement:1",
    {
        "title": "川渝法院司法协作框架协议",
        "tier": "N",
        "level_pair": "PROVINCE_PROVINCE",
        "signed_on": "2020-05-15",
        "mechanisms": ["违法线索互联", "RESULT_RECOGNITION"],
    },
)
CASE = make_node(
    NodeKind.Case,
    "case:1",
    {
        "case_number": "[2021]川01执恢12号",
        "cause": "减刑;假释",
        "kind": "PENALTY_EXECUTION",
        "stage": "PENALTY",
        "region_code": "510100",
        "months_reduced": 7,
        "served_ratio": 0.1 + 0.2,
        "gang_related": False,
        "filed_on": "2021",
    },
)
OFFICIAL = make_node(
    NodeKind.Official, "official:李", {"name": "李 华", "role": "LEADER", "expertise": ["刑事"]}
)
AGENCY = make_node(
    NodeKind.Agency,
    "agency:cd",
    {"name": "成都市委政法委", "kind": "COMMISSION", "level": "CITY", "region_code": "510100"},
)


def sample_rels() -> list[Rel]:
    attended = RelType.ATTENDED_BY
    return [
        make_rel(attended, "a1", MEETING.id, OFFICIAL.id, {"valid_from": "2021-04-01"}),
        make_rel(RelType.SIGNED_BY, "s1", AGREEMENT.id, AGENCY.id, {"source": "协议文本"}),
        make_rel(RelType.UNDER, "u1", MEETING.id, AGREEMENT.id, {}),
        make_rel(RelType.HANDLED, "h1", OFFICIAL.id, CASE.id, {"role": "承办人"}),
        Rel(attended, rel_id(attended, MEETING.id, AGENCY.id), MEETING.id, AGENCY.id, {}),
        Rel(attended, rel_id(attended, MEETING.id, AGENCY.id, "2"), MEETING.id, AGENCY.id, {}),
    ]


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_export_then_load_gives_the_same_graph(fmt: str, tmp_path: Path) -> None:
    round_trip([MEETING, AGREEMENT, CASE, OFFICIAL, AGENCY], sample_rels(), fmt, tmp_path)


def test_export_writes_a_file_for_every_kind_in_id_order(tmp_path: Path) -> None:
    with EmbeddedStore(tmp_path / "store") as store:
        store.write(
            Batch(
                nodes=[
                    OFFICIAL,
                    AGENCY,
                    make_node(
                        NodeKind.Agency,
                        "agency:0",
                        {
                            "name": "四川省委政法委",
                            "kind": "COMMISSION",
                            "level": "PROVINCE",
                            "region_code": "510000",
                        },
                    ),
                ]
            )
        )
        report = export_store(store, tmp_path / "out", fmt="csv")
    assert (report.nodes, report.rels, len(report.files)) == (3, 0, len(NodeKind) + len(RelType))
    agencies = (tmp_path / "out" / "nodes" / "Agency.csv").read_text("utf-8-sig").splitlines()
    assert agencies == [
        "id,name,kind,level,region_code,cross_region,merged_into,valid_from,valid_to,source,"
        "recorded_by,recorded_at",
        "agency:0,四川省委政法委,COMMISSION,PROVINCE,510000,,,,,,,",
        "agency:cd,成都市委政法委,COMMISSION,CITY,510100,,,,,,,",
    ]
    assert (tmp_path / "out" / "rels" / "HANDLED.csv").read_bytes() == (
        b"\xef\xbb\xbfid,from,to,role,valid_from,valid_to,source,recorded_by,recorded_at\r\n"
    )


def test_an_unknown_format_is_refused(tmp_path: Path) -> None:
    with EmbeddedStore(tmp_path / "store") as store, pytest.raises(ValueError, match="xml"):
        export_store(store, tmp_path / "out", fmt="xml")


# -- property: any graph of these kinds survives export → load -----------------------------

TEXT = st.text(
    st.sampled_from([*"监督案件川渝 ;,\"'[]|\n\r\t", "\u2028", "a", "Z", "9"]), max_size=10
)
PARTIAL_DATE = st.builds(
    lambda d, n: d.isoformat()[:n], st.dates(dt.date(1949, 1, 1)), st.sampled_from([4, 7, 10])
)
FLOAT = st.floats(allow_nan=False, allow_infinity=False)


def labels(enum_: type[e.Labeled]) -> st.SearchStrategy[str]:
    return st.sampled_from([m.label for m in enum_] + [m.name for m in enum_])


def official(i: int) -> st.SearchStrategy[Node]:
    props = st.fixed_dictionaries(
        {"name": TEXT.filter(str.strip), "role": labels(e.OfficialRole)},
        optional={
            "expertise": st.lists(labels(e.CaseKind), max_size=3),
            "available": st.booleans(),
            "valid_from": PARTIAL_DATE,
            "recorded_at": st.datetimes().map(dt.datetime.isoformat),
        },
    )
    return props.map(lambda p: make_node(NodeKind.Official, f"official:{i}", p))


def meeting(i: int) -> st.SearchStrategy[Node]:
    props = st.fixed_dictionaries(
        {
            "title": TEXT.filter(str.strip),
            "kind": labels(e.MeetingKind),
            "held_on": PARTIAL_DATE,
            "region_code": st.from_regex(r"\A5[01]\d{4}\Z"),
        },
        optional={"agenda": TEXT, "decisions": st.lists(TEXT, max_size=3)},
    )
    return props.map(lambda p: make_node(NodeKind.JointMeeting, f"会议:{i}", p))


def indicator(i: int) -> st.SearchStrategy[Node]:
    props = st.fixed_dictionaries(
        {
            "code": TEXT.filter(str.strip),
            "name": TEXT.filter(str.strip),
            "level": labels(e.IndicatorLevel),
        },
        optional={"weight": FLOAT, "reference_low": FLOAT},
    )
    return props.map(lambda p: make_node(NodeKind.Indicator, f"indicator:{i}", p))


@st.composite
def graphs(draw: st.DrawFn) -> tuple[list[Node], list[Rel]]:
    people = [draw(official(i)) for i in range(draw(st.integers(1, 3)))]
    meetings = [draw(meeting(i)) for i in range(draw(st.integers(1, 3)))]
    indicators = [draw(indicator(i)) for i in range(draw(st.integers(0, 3)))]
    rels: dict[str, Rel] = {}
    for type_, starts, ends in (
        (RelType.ATTENDED_BY, meetings, people),
        (RelType.PART_OF, indicators, indicators),
    ):
        for _ in range(draw(st.integers(0, 4)) if starts and ends else 0):
            start, end = draw(st.sampled_from(starts)), draw(st.sampled_from(ends))
            props: dict[str, Any] = draw(
                st.fixed_dictionaries({}, optional={"valid_to": PARTIAL_DATE, "source": TEXT})
            )
            given = draw(st.sampled_from(["", "r1", "r2", "2"]))
            rel = make_rel(type_, given or "x", start.id, end.id, props)
            if given in ("", "2"):
                rel = Rel(
                    type_, rel_id(type_, start.id, end.id, given), start.id, end.id, rel.props
                )
            rels[rel.id] = rel
    return [*people, *meetings, *indicators], list(rels.values())


@settings(max_examples=40, deadline=None)
@given(graphs(), st.sampled_from(["jsonl", "csv"]))
def test_any_graph_survives_export_and_load(
    records: tuple[list[Node], list[Rel]], fmt: str
) -> None:
    with tempfile.TemporaryDirectory() as workdir:
        round_trip(*records, fmt, Path(workdir))


def test_exporting_again_replaces_the_files_and_leaves_no_partial_ones(tmp_path: Path) -> None:
    with EmbeddedStore(tmp_path / "store") as store:
        store.write(Batch(nodes=[OFFICIAL]))
        first = export_store(store, tmp_path / "a")
        second = export_store(store, tmp_path / "a")
    assert first.files == second.files
    assert not list((tmp_path / "a").rglob(".*"))
