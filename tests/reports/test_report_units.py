"""The parts of the reports that need no demo: periods, scoring, charts, and the coverage
rules on a small graph built here (both backends)."""

from __future__ import annotations

import pytest

from graph.errors import ValidationError
from graph.model.enums import IndicatorLevel, NodeKind, Polarity, RegionLevel, RelType
from graph.model.records import Node, Rel, rel_id
from graph.model.validate import make_node, make_rel
from graph.store import Batch, GraphStore
from reports.agreements import AgreementNetwork, coverage_gaps, cross_region_cases
from reports.areas import Area
from reports.casework import Casework
from reports.charts import Series, bar_chart, num
from reports.indicators import IndicatorDef, Ratio, evaluate_tree, score
from reports.period import Period


def test_partial_dates_fall_in_the_periods_they_overlap() -> None:
    half = Period.parse("2021-07-01", "2021-12-31")
    assert half.contains("2021") and half.contains("2021-07") and half.contains("2021-12-31")
    assert not half.contains("2021-06") and not half.contains("2022") and not half.contains(None)
    assert half.overlaps("2021-06-20", "2021-07-02") and not half.overlaps("2021-05-01", "2021-06")
    assert [q.quarter_label for q in half.quarters()] == ["2021Q3", "2021Q4"]
    assert Period.parse("2021-02-10", "2021-04-01").quarters()[0] == Period(
        "2021-02-10", "2021-03-31"
    )


def test_a_bad_period_names_what_is_wrong() -> None:
    with pytest.raises(ValidationError) as caught:
        Period.parse("2021-13-01", "soon")
    assert [e.field for e in caught.value.errors] == ["from", "to"]


def test_scores_run_from_the_bad_end_to_the_good_end() -> None:
    up, down = Polarity.HIGHER_BETTER, Polarity.LOWER_BETTER
    assert score(1.0, (0.8, 1.0), up) == 100 and score(0.8, (0.8, 1.0), up) == 60
    assert score(0.9, (0.8, 1.0), up) == 80 and score(0.6, (0.8, 1.0), up) == 0
    assert score(0.0, (0.0, 0.1), down) == 100 and score(0.15, (0.0, 0.1), down) == 30
    assert score(None, (0.0, 1.0), up) is None
    assert Ratio(1, 3).value == 0.3333 and Ratio(0, 0).value is None


def _fixed(numerator: int, denominator: int) -> IndicatorDef:
    return IndicatorDef(
        f"L{numerator}{denominator}",
        "leaf",
        IndicatorLevel.LEVEL3,
        0.5,
        (0.0, 1.0),
        Polarity.HIGHER_BETTER,
        "%",
        measure=lambda cw, area, period: Ratio(numerator, denominator),
    )


def test_a_parent_passes_an_empty_childs_weight_to_its_siblings() -> None:
    tree = (
        IndicatorDef("A", "a", IndicatorLevel.LEVEL1, 1.0, children=(_fixed(1, 2), _fixed(0, 0))),
        IndicatorDef(
            "B", "bonus", IndicatorLevel.BONUS, 0.1, (0.0, 1.0), Polarity.HIGHER_BETTER,
            measure=lambda cw, area, period: Ratio(1, 1),
        ),
    )  # fmt: skip
    empty = Casework(Period("2021-01-01", "2021-12-31"), (), (), (), (), (), (), (), ())
    result = evaluate_tree(
        empty, Area("510000", "四川省", RegionLevel.PROVINCE), empty.period, tree
    )
    assert result.find("A").score == 80.0  # only the child with a value counts
    assert result.total == 80.0 + 0.1 * 100


def test_charts_are_the_same_bytes_for_the_same_figures() -> None:
    series = [Series("四川", "#c0392b", (3.0, 0.0)), Series("重庆", "#1f618d", (1.0, 2.5))]
    first = bar_chart("对照", ["甲", "乙"], series)
    assert first == bar_chart("对照", ["甲", "乙"], series)
    assert first.startswith("<svg") and "四川" in first and "<text" in first
    assert num(2.50) == "2.5" and num(3.0) == "3" and num(-0.0) == "0"


def _node(node_kind: NodeKind, id_: str, **props: object) -> Node:
    return make_node(node_kind, id_, props)


def _rel(type_: RelType, start: str, end: str) -> Rel:
    return make_rel(type_, rel_id(type_, start, end), start, end, {})


def _small_graph() -> Batch:
    """Two Sichuan counties of one prefecture and two Chongqing districts; the prefecture
    signs with district A in 2021 (a partial date); cases cross from both counties."""
    regions = [
        ("510000", "四川省", "PROVINCE", None), ("510100", "成都市", "CITY", "510000"),
        ("510104", "锦江区", "COUNTY", "510100"), ("510105", "青羊区", "COUNTY", "510100"),
        ("500000", "重庆市", "PROVINCE", None), ("500101", "甲区", "COUNTY", "500000"),
        ("500102", "乙区", "COUNTY", "500000"),
    ]  # fmt: skip
    nodes = [
        _node(NodeKind.Region, f"region:{c}", code=c, name=n, level=lv, parent_code=p)
        if p
        else _node(NodeKind.Region, f"region:{c}", code=c, name=n, level=lv)
        for c, n, lv, p in regions
    ]
    for code, level in (("510100", "CITY"), ("500101", "COUNTY"), ("510104", "COUNTY")):
        nodes.append(_node(NodeKind.Agency, f"agency:{code}", name=f"{code}政法委",
                           kind="COMMISSION", level=level, region_code=code))  # fmt: skip
    agreement = {"title": "协议", "tier": "BILATERAL", "level_pair": "CITY_DISTRICT"}
    nodes.append(
        _node(NodeKind.Agreement, "agreement:x", **agreement, signed_on="2021", domain="COMMISSION")
    )
    rels = [
        _rel(RelType.SIGNED_BY, "agreement:x", "agency:510100"),
        _rel(RelType.SIGNED_BY, "agreement:x", "agency:500101"),
    ]
    cases = [
        ("case:1", "510104", "500101", "2021-03-01"),
        ("case:2", "510104", "500102", "2021-05-01"),
        ("case:3", "510104", "500101", "2020-12-31"),
    ]
    for id_, here, there, filed in cases:
        props = {"case_number": id_, "cause": "纠纷", "kind": "CIVIL", "stage": "TRIAL"}
        nodes.append(
            _node(NodeKind.Case, id_, **props, region_code=here, filed_on=filed, cross_region=True)
        )
        rels.append(_rel(RelType.HANDLED_BY, id_, f"agency:{here}"))
        rels.append(_rel(RelType.INVOLVES, id_, f"region:{there}"))
    return Batch(nodes=nodes, rels=rels)


def test_a_prefecture_agreement_covers_its_counties_from_its_signing(store: GraphStore) -> None:
    store.write(_small_graph())
    network = AgreementNetwork.load(store)
    cases = cross_region_cases(store, network, Period("2020-01-01", "2021-12-31"))
    covered = {c.id: c.covered for c in cases}
    # case:1 is covered through the county's prefecture; case:2's district never signed;
    # case:3 was filed before the year the agreement was signed in.
    assert covered == {"case:1": True, "case:2": False, "case:3": False}
    gaps = coverage_gaps(network, cases)
    assert [(g.sichuan.code, g.chongqing.code, [c.id for c in g.cases]) for g in gaps] == [
        ("510104", "500101", ["case:3"]),
        ("510104", "500102", ["case:2"]),
    ]
