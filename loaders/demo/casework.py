"""Supervision of single cases: reviews (routine, special, cross, escalated, campaign),
supervision (督办; listed = 挂牌督办), coordination, verification of sentence changes and
attendance at hearings; flagged cases (涉民营企业, 重大敏感, 涉法涉诉信访) draw more of it."""

from __future__ import annotations

from graph.model.enums import (
    ActionKind,
    AgencyKind,
    CaseKind,
    CaseStage,
    FindingCategory,
    RegionLevel,
    ReviewType,
    Sampling,
    SupervisionStatus,
)
from loaders.demo.actions import Action, campaign_for, emit_action, pick_reviewers, reviewer_roles
from loaders.demo.cases import Case
from loaders.demo.days import between, iso, year
from loaders.demo.findings import draw_finding, emit_finding, follow_up, recognize
from loaders.demo.pick import Weighted, number, one_of
from loaders.demo.world import Agency, World

A, RT = ActionKind, ReviewType
BY_CASE = {
    "penalty": Weighted([(A.SENTENCE_VERIFICATION, 80), (A.CASE_REVIEW, 20)]),
    "trial": Weighted(
        [
            (A.HEARING_ATTENDANCE, 15),
            (A.CASE_REVIEW, 55),
            (A.CASE_SUPERVISION, 22),
            (A.CASE_COORDINATION, 8),
        ]
    ),
    "other": Weighted([(A.CASE_REVIEW, 65), (A.CASE_SUPERVISION, 25), (A.CASE_COORDINATION, 10)]),
}
REVIEW_TYPES = Weighted(
    [(RT.ROUTINE, 40), (RT.SPECIAL, 15), (RT.CROSS, 20), (RT.ESCALATED, 10), (RT.CAMPAIGN, 15)]
)
SAMPLINGS = Weighted(
    [
        (Sampling.RANDOM, 40),
        (Sampling.STRATIFIED, 20),
        (Sampling.ROLLING, 25),
        (Sampling.DRAGNET, 15),
    ]
)
OPEN_SUPERVISION = Weighted(
    [
        (SupervisionStatus.ASSIGNED, 30), (SupervisionStatus.URGED, 20),
        (SupervisionStatus.PROGRESS_REPORTED, 25), (SupervisionStatus.COMPLETION_REPORTED, 15),
        (SupervisionStatus.RETURNED, 10),
    ]
)  # fmt: skip
GRADES = {
    AgencyKind.PROCURATORATE: ("优质", "合格", "基本合格", "不合格"),
    AgencyKind.COURT: ("优秀", "合格", "瑕疵", "不合格"),
}
DEFAULT_GRADES = ("优秀", "合格", "基本合格", "不合格")
VERIFICATION_FINDINGS = Weighted(
    [(FindingCategory.SUBSTANTIVE, 40), (FindingCategory.PROCEDURAL, 60)]
)
# About one case in thirteen is supervised, flagged and sentence-change cases more often.
BASE_SHARE, FLAGGED_SHARE = 0.04, 0.15
FINDING_SHARE = {
    A.CASE_SUPERVISION: 0.4, A.CASE_COORDINATION: 0.15, A.SENTENCE_VERIFICATION: 0.6,
    A.HEARING_ATTENDANCE: 0.35,
}  # fmt: skip


def commission(world: World, code: str) -> Agency:
    return world.agency(code, AgencyKind.COMMISSION)


def upper_commission(world: World, agency: Agency) -> Agency:
    """The commission one level above the unit's own (the province stays the province)."""
    region = world.geo.by_code[agency.code]
    if region.level is RegionLevel.PROVINCE or region.parent is None:
        return commission(world, agency.code)
    return commission(world, region.parent)


def grade(kind: AgencyKind, score: float) -> str:
    names = GRADES.get(kind, DEFAULT_GRADES)
    return names[0 if score >= 90 else 1 if score >= 75 else 2 if score >= 60 else 3]


def review(world: World, case: Case, action: Action, review_type: ReviewType) -> None:
    """Fill in a case review: who conducts it, its reviewers, its score once finished."""
    rng, unit = world.rng, case.agency
    pool = unit.city
    if review_type is RT.CAMPAIGN:
        action.campaign = campaign_for(world, A.CASE_REVIEW, action.started)
        if action.campaign is None:
            review_type = RT.ROUTINE
    if review_type is RT.ESCALATED:
        action.conductors = [upper_commission(world, unit)]
        pool = action.lead.city
    elif review_type is RT.CROSS:
        action.conductors = [commission(world, unit.city)]
        others = [c.code for c in world.geo.cities if c.code != unit.city]
        pool = others[int(rng.random() * len(others))]
    action.reviewers = reviewer_roles(pick_reviewers(world, pool, case, number(rng, 1, 3)))
    action.extra = {"review_type": review_type.name, "sampling": SAMPLINGS.pick(rng).name}
    if action.ended is not None and action.ended <= world.today:
        score = round(55 + rng.random() * 45, 1)
        action.extra |= {"score": score, "grade": grade(unit.kind, score)}


def _supervision_status(world: World, action: Action) -> SupervisionStatus:
    """Closed or published once finished; proposed in its first fortnight; else in progress."""
    rng = world.rng
    if action.ended is not None and action.ended <= world.today:
        return SupervisionStatus.CLOSED if rng.random() < 0.7 else SupervisionStatus.PUBLISHED
    if world.today - action.started < 15:
        return SupervisionStatus.PROPOSED
    return OPEN_SUPERVISION.pick(rng)


def _supervision(world: World, case: Case, action: Action) -> None:
    rng = world.rng
    action.assigned = case.agency.id
    action.ended = action.started + number(rng, 30, 240)
    action.extra = {
        "supervision_status": _supervision_status(world, action).name,
        "deadline": iso(action.started + one_of(rng, (60, 90))),
        "listed": rng.random() < (0.35 if case.flags["petition_related"] else 0.15),
        "key_attention": rng.random() < 0.25,
    }
    if case.flags["private_enterprise"]:
        action.campaign = campaign_for(
            world, A.CASE_SUPERVISION, action.started, year(action.started)
        )


def _kind(world: World, case: Case) -> ActionKind | None:
    rng = world.rng
    if case.kind is CaseKind.PENALTY_EXECUTION:
        return BY_CASE["penalty"].pick(rng) if rng.random() < FLAGGED_SHARE else None
    flags = case.flags
    flagged = flags["private_enterprise"] or flags["major_sensitive"] or flags["petition_related"]
    if rng.random() >= (FLAGGED_SHARE if flagged else BASE_SHARE):
        return None
    court_trial = case.agency.kind is AgencyKind.COURT and case.stage is CaseStage.TRIAL
    return BY_CASE["trial" if court_trial else "other"].pick(rng)


def supervise_case(world: World, case: Case, complaints: list[str]) -> None:
    kind = _kind(world, case)
    if kind is None:
        return
    rng = world.rng
    started = case.filed + number(rng, 30, 400)
    if started > world.today:
        started = between(rng, case.filed, world.today)
    lead = commission(world, case.agency.code)
    action = Action(kind, "", [lead], [case.id], started, started + number(rng, 10, 60))
    if kind is A.CASE_REVIEW:
        review(world, case, action, REVIEW_TYPES.pick(rng))
        if complaints and rng.random() < 0.3:
            action.targets.append(complaints[0])
        action.title = f"{case.number}案件评查"
    elif kind is A.CASE_SUPERVISION:
        _supervision(world, case, action)
        action.title = f"{case.number}案件督办"
    elif kind is A.CASE_COORDINATION:
        action.conductors = [upper_commission(world, case.agency)]
        action.ended = started + number(rng, 5, 20)
        action.title = f"{case.number}案件协调"
    elif kind is A.SENTENCE_VERIFICATION:
        action.conductors.append(world.agency(case.agency.code, AgencyKind.PROCURATORATE))
        ids = pick_reviewers(world, case.agency.city, case, number(rng, 1, 2))
        action.reviewers = reviewer_roles(ids)
        action.title = f"{case.cause}案件核查"
    else:
        action.ended = action.started
        action.title = f"旁听{case.number}庭审"
    emit_action(world, action)
    _find(world, case, action)


def _finding_share(action: Action) -> float:
    """Reviews that scored low find something most of the time."""
    if action.kind is not A.CASE_REVIEW:
        return FINDING_SHARE[action.kind]
    score = action.extra.get("score")
    return 0.5 if score is None else 0.95 if score < 75 else 0.55


def _find(world: World, case: Case, action: Action) -> None:
    rng = world.rng
    if action.started > world.today:
        return
    if rng.random() >= _finding_share(action):
        return
    officer = case.handlers[0][0]
    concerns = [case.id, officer] if rng.random() < 0.3 else [case.id]
    verification = action.kind is A.SENTENCE_VERIFICATION
    evidence = f"案卷{case.number}第{number(rng, 3, 240)}页"
    finding = draw_finding(
        world, action, case.agency, concerns, evidence=evidence, accused=officer,
        categories=VERIFICATION_FINDINGS if verification else None,
    )  # fmt: skip
    emit_finding(world, finding)
    partner = next((i for i in case.involves if i.startswith("agency:")), None)
    if partner is not None and rng.random() < 0.5:
        recognize(world, finding, partner, "川渝处理结果互认", finding.found)
    follow_up(world, finding)
