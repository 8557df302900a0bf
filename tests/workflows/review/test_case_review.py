"""Case review campaigns: scope, sampling (random, stratified, rolling, dragnet), launching
reviews, single reviews (escalated, cross, special) and scoring by rubric."""

from __future__ import annotations

import pytest

from graph.errors import Conflict, InvalidTransition, ValidationError
from graph.model.enums import AgencyKind, NodeKind, RelType
from graph.model.validate import make_node, make_rel
from graph.store import Batch, Direction, GraphStore
from tests.worlds.county_court import ACTOR, TODAY, add_case, build
from workflows.petitioning import petitions
from workflows.review import campaigns, reviewers, reviews, scoring
from workflows.review.rubrics import rubric_for

# civil cases in 锦江区 (成都) and 涪城区 (绵阳), one criminal, one outside the period
CASES = [(f"case:c{i}", "court:510104", f"2023-0{i + 1}-10") for i in range(6)]
CASES += [(f"case:m{i}", "court:510703", f"2023-0{i + 2}-20") for i in range(4)]
SCOPE = [*CASES, ("case:civil", "court:510104", "2023-03-01")]


@pytest.fixture
def world(store: GraphStore) -> GraphStore:
    build(store)
    for id_, unit, filed in CASES:
        add_case(store, id_, unit, filed)
    add_case(store, "case:crim", "court:510703", "2023-04-01", kind="CRIMINAL")
    add_case(store, "case:old", "court:510703", "2021-04-01")
    return store


def _campaign(store: GraphStore, sampling: str, size: int | None) -> str:
    return campaigns.open_campaign(
        store=store,
        actor=ACTOR,
        today=TODAY,
        title="第二次“万案大评查”",
        lead_agency_id="commission:510000",
        scope=campaigns.CampaignScope(
            regions=["510100", "510700"],
            levels=["COUNTY"],
            agency_kinds=["法院"],
            case_kinds=["CIVIL"],
            period_from="2023-01-01",
            period_to="2023-12",
        ),
        sampling=sampling,
        sample_size=size,
        started_on="2024-03-01",
    ).id


def _launch(store: GraphStore, campaign: str, cases: list[str]) -> None:
    node = store.get_nodes([campaign])[campaign]
    campaigns.launch_reviews(
        store=store,
        actor=ACTOR,
        today=TODAY,
        campaign_id=campaign,
        version=node.version,
        case_ids=cases,
    )


def test_stratified_sample_is_proportional_and_repeatable(world: GraphStore) -> None:
    campaign = _campaign(world, "分层抽查", 5)
    sample = campaigns.draw_sample(store=world, campaign_id=campaign, seed=7)
    assert sample.in_scope == 11 and sample.round == 1
    assert sample.strata == {"510100": 3, "510700": 2}
    assert campaigns.draw_sample(store=world, campaign_id=campaign, seed=7) == sample
    random = _campaign(world, "RANDOM", 4)
    drawn = campaigns.draw_sample(store=world, campaign_id=random, seed=1).case_ids
    assert len(drawn) == 4 and set(drawn) <= {c for c, _, _ in SCOPE}


def test_rolling_rounds_cover_the_scope_then_dragnet_takes_the_rest(world: GraphStore) -> None:
    campaign = _campaign(world, "ROLLING", 4)
    by_filing = [c for c, _, _ in sorted(SCOPE, key=lambda c: c[2])]
    first = campaigns.draw_sample(store=world, campaign_id=campaign, seed=0)
    assert first.case_ids == sorted(by_filing[:4])
    _launch(world, campaign, first.case_ids)
    second = campaigns.draw_sample(store=world, campaign_id=campaign, seed=0)
    assert (second.round, second.already_reviewed) == (2, 4)
    assert second.case_ids == sorted(by_filing[4:8])
    _launch(world, campaign, second.case_ids)
    parts = world.neighbours([campaign], rel_types=[RelType.PART_OF], direction=Direction.IN)
    rounds = sorted(n.node.get("sample_round") for n in parts[campaign])
    assert rounds == [1] * 4 + [2] * 4
    dragnet = _campaign(world, "拉网式", None)
    assert len(campaigns.draw_sample(store=world, campaign_id=dragnet, seed=0).case_ids) == 11


def test_launching_refuses_cases_outside_or_reviewed_and_stale_versions(world: GraphStore) -> None:
    campaign = _campaign(world, "DRAGNET", None)
    with pytest.raises(ValidationError) as raised:
        _launch(world, campaign, ["case:c0", "case:crim", "case:old"])
    assert [e.field for e in raised.value.errors] == ["case_ids.case:crim", "case_ids.case:old"]
    _launch(world, campaign, ["case:c0"])
    with pytest.raises(ValidationError, match="already reviewed"):
        _launch(world, campaign, ["case:c0"])
    with pytest.raises(Conflict):
        campaigns.launch_reviews(
            store=world,
            actor=ACTOR,
            today=TODAY,
            campaign_id=campaign,
            version=1,
            case_ids=["case:c1"],
        )
    with pytest.raises(ValidationError) as raised:
        _campaign(world, "RANDOM", None)
    assert raised.value.errors[0].field == "sample_size"


def test_escalated_review_of_a_petition_case_is_led_by_the_level_above(world: GraphStore) -> None:
    complaint = petitions.register_petition(
        store=world,
        actor=ACTOR,
        today=TODAY,
        number="XF1",
        channel="VISIT",
        region_code="510104",
        received_on="2024-01-05",
        petitioner_id="party:p",
        case_id="case:civil",
    ).complaint.id
    node = reviews.open_review(
        store=world,
        actor=ACTOR,
        today=TODAY,
        case_id="case:civil",
        review_type="提级评查",
        complaint_ids=[complaint],
    )
    leads = world.neighbours([node.id], rel_types=[RelType.CONDUCTED_BY])[node.id]
    assert [n.node.id for n in leads] == ["commission:510100"]
    targets = world.neighbours([node.id], rel_types=[RelType.TARGETS])[node.id]
    assert {n.node.id for n in targets} == {"case:civil", complaint}
    assert node.get("review_type") == "ESCALATED"
    with pytest.raises(ValidationError) as raised:
        reviews.open_review(
            store=world,
            actor=ACTOR,
            today=TODAY,
            case_id="case:civil",
            review_type="ESCALATED",
            lead_agency_id="commission:510104",
        )
    assert raised.value.errors[0].field == "lead_agency_id"
    with pytest.raises(ValidationError) as raised:
        reviews.open_review(
            store=world, actor=ACTOR, today=TODAY, case_id="case:civil", review_type="SPECIAL"
        )
    assert raised.value.errors[0].field == "lead_agency_id"


def _review(store: GraphStore, review_type: str, case: str = "case:civil") -> str:
    return reviews.open_review(
        store=store,
        actor=ACTOR,
        today=TODAY,
        case_id=case,
        review_type=review_type,
        lead_agency_id="commission:510100",
    ).id


def _assign(store: GraphStore, review_id: str, **kw: object) -> reviewers.Assignment:
    node = store.get_nodes([review_id])[review_id]
    return reviewers.assign_reviewers(
        store=store,
        actor=ACTOR,
        today=TODAY,
        review_id=review_id,
        version=node.version,
        **kw,  # type: ignore[arg-type]
    )


def test_routine_review_excludes_and_explains(world: GraphStore) -> None:
    search = reviewers.find_reviewers(store=world, review_id=_review(world, "ROUTINE"))
    assert search.candidates == []
    reasons = {e.official_id: e.reasons for e in search.excluded}
    assert set(reasons) == {"reviewer:f", "reviewer:g", "reviewer:h"}
    assert reasons["reviewer:f"] == ["暂不能参加评查"]
    assert reasons["reviewer:g"] == ["评查专长不含民事案件"]
    assert any("锦江区人民法院" in r for r in reasons["reviewer:h"])


def test_cross_review_balances_load_and_refuses_conflicts(world: GraphStore) -> None:
    first = _review(world, "交叉评查")
    search = reviewers.find_reviewers(store=world, review_id=first)
    assert [c.official.id for c in search.candidates] == [
        "reviewer:c",
        "reviewer:d",
        "reviewer:e",
    ]
    assert _assign(world, first, count=1).reviewer_ids == ["reviewer:c"]
    second = _review(world, "CROSS")
    assert _assign(world, second, count=2).reviewer_ids == ["reviewer:d", "reviewer:e"]
    roles = world.neighbours([second], rel_types=[RelType.REVIEWED_BY])[second]
    assert sorted(n.rel.get("role") for n in roles) == ["评查员", "评查组长"]
    routine = _review(world, "ROUTINE")
    with pytest.raises(ValidationError) as raised:
        _assign(world, routine, reviewer_ids=["reviewer:h", "reviewer:c"])
    fields = [e.field for e in raised.value.errors]
    assert fields == ["reviewer_ids.reviewer:h", "reviewer_ids.reviewer:c"]
    assert "承办机关" in raised.value.errors[0].reason
    with pytest.raises(Conflict):
        reviewers.assign_reviewers(
            store=world, actor=ACTOR, today=TODAY, review_id=first, version=1, count=1
        )
    assert reviewers.conflicted_assignments(store=world) == []


def test_interveners_and_nearby_people_are_conflicted(world: GraphStore) -> None:
    from workflows.petitioning import interventions, petitions

    interventions.record_intervention(
        store=world,
        actor=ACTOR,
        today=TODAY,
        case_id="case:civil",
        intervener_id="reviewer:c",
        recorder_id="judge:a",
        occurred_on="2023-04-01",
        relation="本人",
        manner="电话",
        classification="违规过问",
    )
    petitions.register_petition(
        store=world,
        actor=ACTOR,
        today=TODAY,
        number="XF1",
        channel="ONLINE",
        region_code="510104",
        received_on="2024-01-05",
        petitioner_id="party:p",
        case_id="case:civil",
        against_ids=["reviewer:e"],
    )
    cross = _review(world, "CROSS")
    search = reviewers.find_reviewers(store=world, review_id=cross)
    reasons = {e.official_id: e.reasons for e in search.excluded}
    assert "曾过问本案" in reasons["reviewer:c"]
    assert reasons["reviewer:e"] == ["在关系图中距本案2步"]
    assert [c.official.id for c in search.candidates] == ["reviewer:d"]
    near = reviewers.find_reviewers(store=world, review_id=cross, hops=1)
    assert "reviewer:e" in {c.official.id for c in near.candidates}


def test_a_party_to_the_case_never_reviews_it_whatever_the_hops(world: GraphStore) -> None:
    party = {"party_role": "VICTIM", "valid_from": "2023-01-10"}
    world.write(Batch(rels=[make_rel(RelType.PARTY_TO, None, "reviewer:d", "case:civil", party)]))
    cross = _review(world, "CROSS")
    search = reviewers.find_reviewers(store=world, review_id=cross, hops=0)
    reasons = {e.official_id: e.reasons for e in search.excluded}
    assert reasons["reviewer:d"] == ["本案当事人(被害人)"]
    assert "reviewer:d" not in {c.official.id for c in search.candidates}


def test_scoring_by_deduction_into_the_agency_kind_grades(world: GraphStore) -> None:
    cross = _review(world, "CROSS")
    node = world.get_nodes([cross])[cross]
    with pytest.raises(ValidationError, match="no reviewer"):
        scoring.score_review(
            store=world,
            actor=ACTOR,
            today=TODAY,
            review_id=cross,
            version=node.version,
            deductions={},
        )
    node = _assign(world, cross, count=1).review
    with pytest.raises(ValidationError) as raised:
        scoring.score_review(
            store=world,
            actor=ACTOR,
            today=TODAY,
            review_id=cross,
            version=node.version,
            deductions={"FOO": 1, "FILING": 11},
        )
    assert [e.field for e in raised.value.errors] == ["deductions.FOO", "deductions.FILING"]
    scored = scoring.score_review(
        store=world,
        actor=ACTOR,
        today=TODAY,
        review_id=cross,
        version=node.version,
        deductions={"PROCEDURE": 10, "EVIDENCE": 8, "LAW": 0},
    )
    assert (scored.score, scored.grade, scored.flawed) == (82.0, "合格", False)
    assert scored.review.get("deductions") == ["PROCEDURE:10", "EVIDENCE:8"]
    assert scored.review.get("status") == "COMPLETED"
    with pytest.raises(InvalidTransition):
        scoring.score_review(
            store=world,
            actor=ACTOR,
            today=TODAY,
            review_id=cross,
            version=scored.review.version,
            deductions={},
        )


def test_grade_scales_differ_by_agency_kind() -> None:
    procuratorate = rubric_for(AgencyKind.PROCURATORATE).scale
    court = rubric_for(AgencyKind.COURT).scale
    assert [procuratorate.grade(s) for s in (95, 80, 65, 40)] == [
        "优质",
        "合格",
        "基本合格",
        "不合格",
    ]
    assert [court.grade(s) for s in (95, 80, 65, 40)] == ["优秀", "合格", "瑕疵", "不合格"]
    assert court.flawed == {"瑕疵", "不合格"}


def test_a_post_held_in_the_handling_unit_is_service_there_too(world: GraphStore) -> None:
    """Service is read from every record of it: a reviewer whose years at the court are kept
    only as a post held (HOLDS → Post → POST_IN), with no membership, is conflicted as a member
    would be; a post held elsewhere is not."""
    q = make_node(
        NodeKind.Official,
        "reviewer:q",
        {
            "name": "王评查", "role": "INTERNAL", "region_code": "510100", "pool_level": "CITY",
            "expertise": ["CIVIL"], "available": True,
        },
    )  # fmt: skip
    posts = [
        make_node(NodeKind.Post, "post:jj-court", {"title": "审判员", "region_code": "510104"}),
        make_node(NodeKind.Post, "post:cd-comm", {"title": "干部", "region_code": "510100"}),
    ]
    dated = {"valid_from": "2014-01-01", "valid_to": "2019-06-30"}
    rels = [
        make_rel(RelType.POST_IN, None, "post:jj-court", "court:510104", {}),
        make_rel(RelType.POST_IN, None, "post:cd-comm", "commission:510100", {}),
        make_rel(RelType.HOLDS, None, "reviewer:q", "post:jj-court", dated),
        make_rel(RelType.HOLDS, None, "reviewer:q", "post:cd-comm", {"valid_from": "2019-07-01"}),
    ]
    world.write(Batch(nodes=[q, *posts], rels=rels))
    search = reviewers.find_reviewers(store=world, review_id=_review(world, "ROUTINE"))
    reasons = {e.official_id: e.reasons for e in search.excluded}
    assert reasons["reviewer:q"] == ["曾在或现在承办机关锦江区人民法院任职(2014-01-01至2019-06-30)"]
