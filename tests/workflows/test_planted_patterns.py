"""Every pattern planted in the 1,000-case demo (docs/demo-data.md) is found, exactly, by the
use case that serves it — on both backends. The demo is written once per backend."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from graph.store import GraphStore
from loaders.demo import PlantedPattern
from tests.worlds.demo import BACKENDS, demo_in
from workflows.cooperation import agreements
from workflows.joint import recognition
from workflows.petitioning import interventions, petitions, sentences
from workflows.petitioning.sentences import RedFlagKind
from workflows.review import reviewers
from workflows.supervision import deadlines

CASES = 1000


@dataclass(frozen=True)
class Demo:
    store: GraphStore
    today: str
    planted: dict[str, PlantedPattern]

    def ids(self, name: str) -> tuple[str, ...]:
        return self.planted[name].ids


@pytest.fixture(scope="module", params=BACKENDS)
def demo(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Demo]:
    with demo_in(request, tmp_path_factory, CASES) as world:
        planted = {p.name: p for p in world.report.planted}
        yield Demo(world.store, world.report.today, planted)


def test_every_planted_pattern_has_a_test(demo: Demo) -> None:
    tested = {name.removeprefix("test_") for name in globals() if name.startswith("test_")}
    assert set(demo.planted) <= tested


def test_repeat_petitioner(demo: Demo) -> None:
    petitioner, case, *complaints = demo.ids("repeat_petitioner")
    groups = petitions.repeat_petitions(store=demo.store)
    assert {(g.by, g.key_id) for g in groups} == {("petitioner", petitioner), ("case", case)}
    assert all(g.complaint_ids == sorted(complaints) for g in groups)
    assert all(len(g.agency_ids) == 4 for g in groups)


def test_frequent_intervener(demo: Demo) -> None:
    official, *records_and_cases = demo.ids("frequent_intervener")
    found = interventions.repeated_interveners(store=demo.store)
    assert [i.official.id for i in found] == [official]
    assert found[0].duty == 0 and found[0].improper == len(found[0].record_ids)
    assert {*found[0].record_ids, *found[0].case_ids} == set(records_and_cases)


def test_conflicted_reviewer(demo: Demo) -> None:
    reviewer, case, review = demo.ids("conflicted_reviewer")
    found = reviewers.conflicted_assignments(store=demo.store)
    assert {(c.review_id, c.case_id) for c in found} == {(review, case)}
    colleague = "的同事"
    direct = {c.official_id for c in found if any(colleague not in r for r in c.reasons)}
    assert direct == {reviewer}
    # Serving beside the planted reviewer when he moved to the commission is a conflict too.
    assert all(all(colleague in r for r in c.reasons) for c in found if c.official_id != reviewer)
    search = reviewers.find_reviewers(store=demo.store, review_id=review)
    excluded = {e.official_id: e.reasons for e in search.excluded}
    assert "本案承办人" in excluded[reviewer]
    assert reviewer not in {c.official.id for c in search.candidates}


def _flags(demo: Demo, kind: RedFlagKind) -> list[sentences.RedFlag]:
    return sentences.sentence_red_flags(store=demo.store, kinds=[kind])


def test_same_approvers(demo: Demo) -> None:
    judge, approver, *files = demo.ids("same_approvers")
    found = _flags(demo, RedFlagKind.SAME_APPROVERS)
    assert [(f.official_ids, f.case_ids) for f in found] == [
        (sorted([judge, approver]), sorted(files))
    ]
    assert all(p.node_ids[1] in files for p in found[0].evidence)


def test_repeated_reductions(demo: Demo) -> None:
    found = _flags(demo, RedFlagKind.REPEATED_REDUCTIONS)
    offender, *files = demo.ids("repeated_reductions")
    assert [(f.official_ids, f.case_ids) for f in found] == [([offender], sorted(files))]


def test_reduction_at_the_line(demo: Demo) -> None:
    found = _flags(demo, RedFlagKind.AT_THE_LINE)
    assert sorted(c for f in found for c in f.case_ids) == sorted(demo.ids("reduction_at_the_line"))
    assert all(f.sensitive for f in found)


def test_doubtful_medical_certificate(demo: Demo) -> None:
    found = _flags(demo, RedFlagKind.DOUBTFUL_CERTIFICATE)
    assert [f.case_ids for f in found] == [sorted(demo.ids("doubtful_medical_certificate"))]


def test_cross_region_without_agreement(demo: Demo) -> None:
    _, chongqing_county, *cases = demo.ids("cross_region_without_agreement")
    found = agreements.cross_region_without_agreement(store=demo.store)
    assert sorted(u.case.id for u in found) == sorted(cases)
    assert all(chongqing_county in u.involved_ids for u in found)


def test_overdue_unit(demo: Demo) -> None:
    found = deadlines.overdue_units(store=demo.store, today=demo.today)
    assert len(found) == 1
    unit = found[0]
    linked = {
        unit.agency.id,
        *unit.rectification_ids,
        *unit.finding_ids,
        *unit.action_ids,
        *unit.accountability_ids,
    }
    assert linked == set(demo.ids("overdue_unit"))
    alerts = deadlines.deadline_entries(store=demo.store, today=demo.today)
    overdue_here = {e.node.id for e in alerts if unit.agency.id in e.responsible_ids}
    assert set(unit.rectification_ids) <= overdue_here


def test_duplicated_inspection(demo: Demo) -> None:
    found = recognition.duplicate_inspections(store=demo.store)
    assert len(found) == 1
    duplicate = found[0]
    assert duplicate.recommendation == recognition.JOINT
    ids = {duplicate.target_id, *duplicate.action_ids, *duplicate.finding_ids}
    assert ids == set(demo.ids("duplicated_inspection"))
