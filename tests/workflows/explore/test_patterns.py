"""Every named pattern on both backends: it finds the small instance planted beside a near
miss (tests/worlds/exploration.py), keeps to the caller's jurisdiction, and on the
demo dataset finds the anchor of the planted pattern it names."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from graph.errors import ValidationError
from graph.model.enums import NodeKind
from graph.model.records import Node
from graph.model.validate import make_node
from graph.store import Batch, GraphStore
from loaders.demo import DemoData, DemoReport
from tests.worlds import demo_truth as truth
from tests.worlds.demo import BACKENDS, demo_in
from tests.worlds.exploration import CODE, HITS, PARAMETERS, TODAY, access, write_patterns
from workflows.explore.captions import caption
from workflows.explore.investigations import saved_investigation
from workflows.explore.patterns import (
    PATTERNS,
    Found,
    PatternName,
    _finish,
    pattern,
    pattern_names,
)
from workflows.usecase import call

DEMO_CASES = 200
REGIONS = ("510104", "500101")


def anchors(store: GraphStore, name: PatternName, **kwargs: int) -> list[str]:
    found = call(pattern, store=store, access=access(store), name=name, today=TODAY, **kwargs)
    return [m.anchor.id for m in found]


def test_every_pattern_finds_its_instance_and_not_the_near_miss(store: GraphStore) -> None:
    write_patterns(store)
    assert set(HITS) == {p.name.name for p in pattern_names()}
    for name in PatternName:
        found = call(
            pattern,
            store=store,
            access=access(store),
            name=name,
            today=TODAY,
            **PARAMETERS.get(name.name, {}),
        )
        assert [m.anchor.id for m in found] == [HITS[name.name]], name
        match = found[0]
        shown = {n.id for n in match.nodes}
        assert match.nodes[0].id == match.anchor.id and match.explanation
        assert all(r.start in shown and r.end in shown for r in match.rels), name
        assert match.rels, f"{name}: the match shows no relationship"


def test_parameters_change_what_a_pattern_finds(store: GraphStore) -> None:
    write_patterns(store)
    complaints = PatternName.OFFICIAL_COMPLAINTS_ACROSS_CASES
    assert anchors(store, complaints, min_count=2) == ["official:accused", "official:near"]
    assert anchors(store, PatternName.SAME_APPROVERS) == []
    # Two petitions: the near-miss petitioner, and the case two complaints concern.
    assert anchors(store, PatternName.REPEAT_PETITIONER, min_count=2) == [
        "official:petitioner", "case:nc1", "official:twice",
    ]  # fmt: skip
    assert len(anchors(store, complaints, min_count=2, first=1)) == 1
    with pytest.raises(ValidationError) as caught:
        anchors(store, PatternName.REVIEWER_LINKED_TO_CASE, max_hops=9)
    assert [e.field for e in caught.value.errors] == ["max_hops"]


def test_a_pattern_keeps_to_the_callers_jurisdiction(store: GraphStore) -> None:
    write_patterns(store)
    mine = access(store, "viewer", CODE)
    elsewhere = access(store, "viewer", "510400")
    name = PatternName.AGENCY_REPEATED_OVERDUE
    assert [
        m.anchor.id for m in call(pattern, store=store, access=mine, name=name, today=TODAY)
    ] == [HITS[name.name]]
    assert call(pattern, store=store, access=elsewhere, name=name, today=TODAY) == []


# -- the demo --------------------------------------------------------------------------------


@pytest.fixture(scope="module", params=BACKENDS)
def demo(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[GraphStore, DemoReport]]:
    with demo_in(request, tmp_path_factory, DEMO_CASES) as world:
        yield world.store, world.report


def test_every_planted_pattern_of_the_demo_is_found_by_its_named_pattern(
    demo: tuple[GraphStore, DemoReport],
) -> None:
    """Each finds its plant, and exactly the anchors the answer key gives for the raw records
    (tests/worlds/demo_truth.py): the natural hits beside the plant, and nothing else."""
    store, report = demo
    named = {p.planted: p.name for p in PATTERNS.values() if p.planted}
    assert set(named) == {p.name for p in report.planted}
    expected = anchors_by_the_answer_key(report.today)
    for planted in report.planted:
        found = call(
            pattern, store=store, access=access(store), name=named[planted.name], today=report.today
        )
        anchored = {m.anchor.id for m in found}
        assert planted.ids[0] in anchored, planted.name
        if planted.name in expected:
            assert anchored == expected[planted.name], planted.name


def anchors_by_the_answer_key(today: str) -> dict[str, set[str]]:
    """The anchor of every match each named pattern must show on the demo (the reviewer
    pattern, a graph rule with hops, is left to the hand-built world)."""
    raw = truth.Dataset(list(DemoData(cases=DEMO_CASES, today=today).batches()))
    uncovered = truth.uncovered_cross_region(raw)
    return {
        "overdue_unit": set(truth.overdue_units(raw, today)),
        "repeat_petitioner": {key for _, key, _ in truth.repeat_petitions(raw)},
        "frequent_intervener": set(truth.repeated_improper(raw)),
        "same_approvers": {pair[0] for pair, _ in truth.same_approvers(raw)},
        "repeated_reductions": {offender for offender, _ in truth.repeated_reductions(raw)},
        "reduction_at_the_line": truth.at_the_line(raw),
        "doubtful_medical_certificate": {min(g) for g in truth.doubtful_certificates(raw)},
        "cross_region_without_agreement": {
            "region:" + str(raw.nodes[c].props["region_code"]) for c in uncovered
        },
        "duplicated_inspection": {target for target, _ in truth.duplicate_inspections(raw)},
    }


def test_the_demo_holds_a_saved_investigation_of_a_planted_pattern(
    demo: tuple[GraphStore, DemoReport],
) -> None:
    store, report = demo
    overdue = next(p for p in report.planted if p.name == "overdue_unit")
    # The unit's prefecture: the actions on it are led by its county's commission or the
    # prefecture's (loaders.demo.inspections.conductors).
    unit_region = access(store, "viewer", str(overdue.ids[0]).split(":")[1][:4] + "00")
    found = call(
        saved_investigation, store=store, access=unit_region, id_="investigation:overdue_unit"
    )
    assert found is not None
    assert {i.node.id for i in found.items} == set(overdue.ids)


def test_matches_are_kept_in_order_reading_the_anchors_a_chunk_at_a_time(
    store: GraphStore,
) -> None:
    """The anchors are read in chunks until ``first`` visible matches are kept: with half of
    them outside the caller's jurisdiction and some gone from the store, the matches kept
    are the first visible ones in the order found, whatever chunk they fall in."""
    people = [
        make_node(
            NodeKind.Official,
            f"o{i:03d}",
            {"name": f"人{i}", "role": "JUDICIAL", "region_code": REGIONS[i % 2]},
        )
        for i in range(300)
    ]
    store.write(Batch(nodes=people))
    found = [Found(f"o{i:03d}", str(i), (f"o{i:03d}",)) for i in range(300)]
    found.insert(150, Found("o000", "again", ("o000",)))  # an anchor found twice
    found.insert(250, Found("gone", "gone", ("gone",)))
    # Visible anchors first in their chunks (o000, o100, o200): none may be skipped.
    who = access(store, region="510100")
    wanted = [f for f in found if f.anchor != "gone" and int(f.anchor[1:]) % 2 == 0][:120]
    kept = _finish(store, who, found, 120)
    assert [(m.anchor.id, m.explanation) for m in kept] == [
        (f.anchor, f.explanation) for f in wanted
    ]
    assert len(_finish(store, who, found, 1_000)) == 151  # every visible match, both o000


def test_an_explanation_written_from_the_anchor_is_written_only_for_the_matches_kept(
    store: GraphStore,
) -> None:
    """A finder may leave its text to be written from the anchor's record (its caption): the
    matches kept get it, written from the anchor's record, and no other anchor is asked for
    one."""
    people = [
        make_node(
            NodeKind.Official,
            f"p{i:03d}",
            {"name": f"张{i}", "role": "JUDICIAL", "region_code": "510100"},
        )
        for i in range(40)
    ]
    store.write(Batch(nodes=people))
    written: list[str] = []

    def explain(anchor: Node) -> str:
        written.append(anchor.id)
        return f"{caption(anchor)}: {anchor.id}"

    found = [Found(f"p{i:03d}", explain, (f"p{i:03d}",)) for i in range(40)]
    kept = _finish(store, access(store, region="510100"), found, 5)
    assert written == [f"p{i:03d}" for i in range(5)]
    records = store.get_nodes([f"p{i:03d}" for i in range(5)])
    assert [m.explanation for m in kept] == [f"{caption(n)}: {i}" for i, n in records.items()]
    assert all(m.explanation.startswith("张") for m in kept)
