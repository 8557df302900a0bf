"""Every detector on the 3,000-case demo (docs/demo-data.md), on both backends: it finds
exactly what the answer key (tests/worlds/demo_truth.py) works out from the generator's raw
records. That is the pattern planted for it and the natural hits beside it: the demo's
natural data reaches every threshold, so a false match or a missed one fails here, not only a
missing plant. The demo is written once per backend."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from graph.store import GraphStore
from loaders.demo import DemoData, PlantedPattern
from tests.worlds import demo_truth as truth
from tests.worlds.demo import BACKENDS, demo_in
from workflows.cooperation import agreements
from workflows.joint import recognition
from workflows.petitioning import interventions, petitions, sentences
from workflows.petitioning.sentences import RedFlagKind
from workflows.review import reviewers
from workflows.supervision import deadlines

CASES = 3000


@functools.cache
def answers(today: str) -> truth.Dataset:
    return truth.Dataset(list(DemoData(cases=CASES, today=today).batches()))


@dataclass(frozen=True)
class Demo:
    store: GraphStore
    today: str
    planted: dict[str, PlantedPattern]

    def ids(self, name: str) -> tuple[str, ...]:
        return self.planted[name].ids

    @property
    def raw(self) -> truth.Dataset:
        return answers(self.today)


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
    found = {(g.by, g.key_id, frozenset(g.complaint_ids)) for g in groups}
    assert found == truth.repeat_petitions(demo.raw)
    planted = [g for g in groups if g.key_id in (petitioner, case)]
    assert {(g.by, g.key_id) for g in planted} == {("petitioner", petitioner), ("case", case)}
    assert all(g.complaint_ids == sorted(complaints) for g in planted)
    assert all(len(g.agency_ids) == 4 for g in planted)
    natural = {g.by for g in groups if g.key_id not in (petitioner, case)}
    assert natural == {"petitioner", "case"}


def test_frequent_intervener(demo: Demo) -> None:
    official, *records_and_cases = demo.ids("frequent_intervener")
    found = interventions.repeated_interveners(store=demo.store)
    assert {i.official.id: i.improper for i in found} == truth.repeated_improper(demo.raw)
    assert found[0].official.id == official and len(found) > 1  # natural ones beside it
    assert found[0].duty == 0 and found[0].improper == len(found[0].record_ids)
    assert {*found[0].record_ids, *found[0].case_ids} == set(records_and_cases)


def test_conflicted_reviewer(demo: Demo) -> None:
    reviewer, case, review = demo.ids("conflicted_reviewer")
    found = reviewers.conflicted_assignments(store=demo.store)
    assert {(c.review_id, c.case_id, c.official_id) for c in found} == truth.conflicted_reviews(
        demo.raw
    )
    assert (review, case, reviewer) in {(c.review_id, c.case_id, c.official_id) for c in found}
    assert {c.review_id for c in found} - {review}, "no natural conflict in the demo"
    assert all(c.reasons for c in found)
    search = reviewers.find_reviewers(store=demo.store, review_id=review)
    excluded = {e.official_id: e.reasons for e in search.excluded}
    assert "本案承办人" in excluded[reviewer]
    assert reviewer not in {c.official.id for c in search.candidates}


def _flags(demo: Demo, kind: RedFlagKind) -> list[sentences.RedFlag]:
    return sentences.sentence_red_flags(store=demo.store, kinds=[kind])


def test_same_approvers(demo: Demo) -> None:
    judge, approver, *files = demo.ids("same_approvers")
    found = _flags(demo, RedFlagKind.SAME_APPROVERS)
    assert {(tuple(f.official_ids), frozenset(f.case_ids)) for f in found} == truth.same_approvers(
        demo.raw
    )
    [planted] = [f for f in found if f.official_ids == sorted([judge, approver])]
    assert planted.case_ids == sorted(files) and len(found) > 1
    assert all(p.node_ids[1] in files for p in planted.evidence)


def test_repeated_reductions(demo: Demo) -> None:
    found = _flags(demo, RedFlagKind.REPEATED_REDUCTIONS)
    offender, *files = demo.ids("repeated_reductions")
    assert {(f.official_ids[0], frozenset(f.case_ids)) for f in found} == (
        truth.repeated_reductions(demo.raw)
    )
    assert (offender, frozenset(files)) in {
        (f.official_ids[0], frozenset(f.case_ids)) for f in found
    }
    assert len(found) > 1


def test_reduction_at_the_line(demo: Demo) -> None:
    found = _flags(demo, RedFlagKind.AT_THE_LINE)
    flagged = {c for f in found for c in f.case_ids}
    assert flagged == truth.at_the_line(demo.raw)
    planted = set(demo.ids("reduction_at_the_line"))
    assert planted < flagged
    assert all(f.sensitive for f in found if set(f.case_ids) <= planted)


def test_doubtful_medical_certificate(demo: Demo) -> None:
    found = _flags(demo, RedFlagKind.DOUBTFUL_CERTIFICATE)
    assert {frozenset(f.case_ids) for f in found} == truth.doubtful_certificates(demo.raw)
    assert sorted(demo.ids("doubtful_medical_certificate")) in [f.case_ids for f in found]
    assert len(found) > 1


def test_cross_region_without_agreement(demo: Demo) -> None:
    _, chongqing_county, *cases = demo.ids("cross_region_without_agreement")
    found = agreements.cross_region_without_agreement(store=demo.store)
    assert {u.case.id for u in found} == truth.uncovered_cross_region(demo.raw)
    assert set(cases) < {u.case.id for u in found}
    assert all(chongqing_county in u.involved_ids for u in found if u.case.id in cases)


def test_overdue_unit(demo: Demo) -> None:
    found = deadlines.overdue_units(store=demo.store, today=demo.today)
    assert {u.agency.id: frozenset(u.rectification_ids) for u in found} == truth.overdue_units(
        demo.raw, demo.today
    )
    [unit] = [u for u in found if u.agency.id == demo.ids("overdue_unit")[0]]
    assert len(found) > 1
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
    assert {(d.target_id, frozenset(d.action_ids)) for d in found} == (
        truth.duplicate_inspections(demo.raw)
    )
    [duplicate] = [d for d in found if d.target_id == demo.ids("duplicated_inspection")[0]]
    assert len(found) > 1
    assert duplicate.recommendation == recognition.JOINT
    ids = {duplicate.target_id, *duplicate.action_ids, *duplicate.finding_ids}
    assert ids == set(demo.ids("duplicated_inspection"))
