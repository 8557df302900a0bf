"""Duplicate inspections and reusable findings on noisy data (issue 13): pairs just inside and
just outside the window, the same mode twice, a recognition between them, and dates kept as
written (a year or a month may be any of its days: a window holds only when it holds for
every one of them). Each test asserts the exact set found."""

from __future__ import annotations

from typing import Any

from graph.model.enums import RelType as R
from graph.model.validate import make_node, make_rel
from graph.store import Batch, GraphStore
from workflows.joint import recognition

TARGET = "agency:court"


def action(id_: str, kind: str, started: str, ended: str | None = None) -> Any:
    props = {"title": id_, "kind": kind, "status": "COMPLETED", "region_code": "510104"}
    return make_node(
        "SupervisionAction",
        id_,
        {**props, "started_on": started, **({"ended_on": ended} if ended else {})},
    )


def write_noise(store: GraphStore) -> None:
    nodes = [
        make_node(
            "Agency",
            TARGET,
            {"name": "锦江区法院", "kind": "COURT", "level": "COUNTY", "region_code": "510104"},
        ),
        make_node(
            "Agency",
            "agency:comm",
            {
                "name": "锦江区委政法委",
                "kind": "COMMISSION",
                "level": "COUNTY",
                "region_code": "510104",
            },
        ),
        # Ten days apart: duplicates with a window of 10, not of 9.
        action("a:inspection", "INSPECTION", "2025-03-01", "2025-03-10"),
        action("a:political", "POLITICAL_INSPECTION", "2025-03-20"),
        # A month as written, then a visit five days after the month's end.
        action("a:patrol-may", "PATROL", "2025-05"),
        action("a:visit", "VISIT", "2025-06-05"),
        # The same mode twice on consecutive days: not a duplicate of modes.
        action("a:same-1", "INSPECTION", "2025-08-01"),
        action("a:same-2", "INSPECTION", "2025-08-02"),
        # The second recognised the first's finding: the work was reused, not repeated.
        action("a:first", "INSPECTION", "2025-10-01", "2025-10-05"),
        action("a:second", "PATROL", "2025-10-06"),
        make_node(
            "Finding",
            "f:first",
            {
                "title": "问题",
                "category": "EXCESSIVE",
                "severity": "MINOR",
                "region_code": "510104",
                "found_on": "2025-10-05",
            },
        ),
        make_node(
            "Finding",
            "f:year",
            {
                "title": "年度问题",
                "category": "EXCESSIVE",
                "severity": "MINOR",
                "region_code": "510104",
                "found_on": "2024",
            },
        ),
    ]
    ids = [n.id for n in nodes if n.kind.name == "SupervisionAction"]
    rels = [make_rel(R.TARGETS, None, a, TARGET, {}) for a in ids]
    rels += [
        make_rel(R.CONDUCTED_BY, None, "a:second", "agency:comm", {}),
        make_rel(R.FOUND, None, "a:first", "f:first", {}),
        make_rel(R.FOUND, None, "a:inspection", "f:year", {}),
        make_rel(
            R.RECOGNIZED_BY,
            None,
            "f:first",
            "agency:comm",
            {"scope": "互认", "recognized_on": "2025-10-06"},
        ),
    ]
    store.write(Batch(nodes=nodes, rels=rels))


def runs(store: GraphStore, window: int) -> list[list[str]]:
    found = recognition.duplicate_inspections(store=store, window_days=window)
    return [d.action_ids for d in found]


def test_duplicates_are_found_inside_the_window_and_only_there(store: GraphStore) -> None:
    write_noise(store)
    assert runs(store, 10) == [["a:inspection", "a:political"]]
    assert runs(store, 9) == []
    # The patrol is dated by its month: it may have been on 1 May, 35 days before the visit,
    # so only a window of 35 days holds whichever day it was.
    assert runs(store, 35) == [["a:inspection", "a:political"], ["a:patrol-may", "a:visit"]]
    assert runs(store, 34) == [["a:inspection", "a:political"]]


def test_a_finding_dated_by_its_year_is_reusable_when_its_whole_year_is_in_the_window(
    store: GraphStore,
) -> None:
    write_noise(store)

    def reusable(action_id: str, window: int) -> list[str]:
        found = recognition.reusable_findings(store=store, action_id=action_id, window_days=window)
        return [r.finding.id for r in found]

    # "2024" may be its first day: 444 days before 2025-03-20, so only a window that long
    # holds whichever day it was.
    assert reusable("a:political", 444) == ["f:year"]
    assert reusable("a:political", 443) == []
    # The action that found it does not reuse its own finding.
    assert reusable("a:inspection", 400) == []
