"""Known patterns planted in the demo for later features to find (docs/demo-data.md).

Each is built from the same pieces as natural data, which reaches the same thresholds beside
it (docs/demo-data.md, "Natural hits"): the plant is the strongest instance, never the only one.
Dates are counted back from the reference date, so every pattern lies in the past.
"""

from __future__ import annotations

from graph.model.enums import (
    AccountabilityMeasure,
    ActionKind,
    AgencyKind,
    CaseKind,
    CaseStage,
    ComplaintChannel,
    ComplaintStatus,
    FindingCategory,
    InterventionClass,
    InterventionManner,
    InterventionRelation,
    OfficialRole,
    RectificationStatus,
    ReviewType,
    Severity,
)
from loaders.demo.actions import Action, emit_action, pick_reviewers, reviewer_roles
from loaders.demo.cases import Case, CaseDraw, emit_case, handler, new_case
from loaders.demo.complaints import Complaint, emit_complaint
from loaders.demo.days import ordinal
from loaders.demo.findings import (
    NATURAL_OVERDUE_CAP,
    Finding,
    emit_accountability,
    emit_finding,
    emit_rectification,
)
from loaders.demo.inspections import book, conductors
from loaders.demo.interventions import Intervention, emit_intervention
from loaders.demo.investigations import emit_investigation
from loaders.demo.patterns import PlantedPattern, pattern
from loaders.demo.pick import one_of
from loaders.demo.sentences import SENTENCE_FILES, plant_sentence_files
from loaders.demo.staff import emit_person, emit_spells, new_post
from loaders.demo.world import Agency, Official, Spell, World

K, A, M, R = AgencyKind, ActionKind, AccountabilityMeasure, RectificationStatus
PETITIONER, INTERVENER, REVIEWER, JUDGE, APPROVER = (f"official:{n:06d}" for n in range(1, 6))
OVERDUE_UNIT = "agency:511702:POLICE"
INSPECTED_TWICE = "agency:510600:PROCURATORATE"
RESERVOIR, LEAST_INTERVENTIONS = 64, 12
OVERDUE_KINDS = (A.INSPECTION, A.PATROL, A.VISIT, A.DISCIPLINE_PATROL, A.INSPECTION)
# unit in 西昌市, kind, stage, cause of the cross-region cases with no agreement
CROSS_REGION_CASES = (
    ("COURT", CaseKind.CIVIL, CaseStage.TRIAL, "买卖合同纠纷"),
    ("COURT", CaseKind.CIVIL, CaseStage.TRIAL, "民间借贷纠纷"),
    ("COURT", CaseKind.CRIMINAL, CaseStage.TRIAL, "诈骗罪"),
    ("COURT", CaseKind.ENFORCEMENT, CaseStage.EXECUTION, "买卖合同纠纷"),
    ("POLICE", CaseKind.CRIMINAL, CaseStage.INVESTIGATION, "诈骗罪"),
    ("POLICE", CaseKind.CRIMINAL, CaseStage.INVESTIGATION, "帮助信息网络犯罪活动罪"),
)
# The repeat petitioner's case, the reviewer's, the sentence files and the cross-region ones.
PLANTED_CASES = 2 + SENTENCE_FILES + len(CROSS_REGION_CASES)


class Planter:
    def __init__(self, world: World) -> None:
        self.world = world
        self.patterns: list[PlantedPattern] = []
        self.nanchong: list[Case] = []
        self.any_cases: list[Case] = []

    def day(self, days_ago: int) -> int:
        return self.world.today - days_ago

    # -- before natural data -----------------------------------------------------------------

    def people(self) -> None:
        """The planted persons come first, so their ids are the same at every scale."""
        world = self.world
        emit_person(world, OfficialRole.PARTY, "511902", born=(1958, 1968))
        emit_person(world, OfficialRole.LEADER, "511300", born=(1963, 1970))
        pool = {"pool_level": "CITY", "expertise": [CaseKind.CIVIL.name], "available": True}
        emit_person(world, OfficialRole.INTERNAL, "510703", extra=pool)
        emit_person(world, OfficialRole.JUDICIAL, "511100")
        emit_person(world, OfficialRole.JUDICIAL, "511100")

    def posts(self) -> None:
        world = self.world

        def spell(agency: Agency, title: str, start: str, end: str | None = None) -> Spell:
            last = ordinal(end) if end else None
            return Spell(agency, new_post(world, agency, title), title, ordinal(start), last)

        unit = world.by_id
        careers = {
            INTERVENER: [spell(unit["agency:511300:CONGRESS"], "副主任", "2017-01-16")],
            REVIEWER: [
                spell(unit["agency:510703:COURT"], "审判员", "2016-03-01", "2021-06-30"),
                spell(unit["agency:510700:COMMISSION"], "执法监督科科员", "2021-07-01"),
            ],
            JUDGE: [spell(unit["agency:511100:COURT"], "审判员", "2015-04-01")],
            APPROVER: [spell(unit["agency:511100:PRISON:jiazhou"], "刑罚执行科民警", "2014-09-01")],
        }
        for id_, spells in careers.items():
            emit_spells(world, Official(id_, spells))

    def reserve(self) -> None:
        """Keep natural inspections away from the planted units' periods."""
        world = self.world
        book(world, INSPECTED_TWICE, self.day(600), self.day(575))
        for k in range(len(OVERDUE_KINDS)):
            book(world, OVERDUE_UNIT, self.day(1000 - 170 * k), self.day(986 - 170 * k))
        world.overdue[OVERDUE_UNIT] = NATURAL_OVERDUE_CAP

    def observe(self, case: Case) -> None:
        """Keep a few natural cases for the planted intervener (of 南充 when there are)."""
        if case.kind is CaseKind.PENALTY_EXECUTION:
            return
        if case.agency.city == "511300" and len(self.nanchong) < RESERVOIR:
            self.nanchong.append(case)
        if len(self.any_cases) < RESERVOIR:
            self.any_cases.append(case)

    # -- after natural data ------------------------------------------------------------------

    def plant(self, draw: CaseDraw) -> None:
        self._repeat_petitioner()
        self._frequent_intervener()
        self._conflicted_reviewer()
        self.patterns.extend(plant_sentence_files(self.world, draw, JUDGE, APPROVER))
        self._cross_region_without_agreement()
        self._overdue_unit()
        emit_investigation(self.world, self.patterns[-1])
        self._duplicated_inspection()

    def case(
        self,
        unit: str,
        kind: CaseKind,
        stage: CaseStage,
        cause: str,
        filed: int,
        closed: int | None = None,
    ) -> Case:
        world = self.world
        agency = world.by_id[unit]
        case = new_case(world, agency, kind, stage, cause, filed, closed)
        role = "承办法官" if agency.kind is K.COURT else "主办侦查员"
        case.handlers = [(handler(world, agency, filed), role)]
        return case

    def _repeat_petitioner(self) -> None:
        world = self.world
        case = self.case(
            "agency:511902:COURT", CaseKind.CIVIL, CaseStage.TRIAL, "民间借贷纠纷",
            self.day(1400), self.day(1100),
        )  # fmt: skip
        case.flags["petition_related"] = True
        emit_case(world, case)
        officer = case.handlers[0][0]
        against = ["agency:511902:COURT", officer, "agency:511900:COURT"]
        assigned = [
            "agency:511902:COURT", "agency:511902:COMMISSION", "agency:511900:COURT",
            "agency:511900:COMMISSION",
        ]  # fmt: skip
        channels = list(ComplaintChannel)
        ids = [PETITIONER, case.id]
        for k in range(8):
            received = self.day(1000 - 115 * k)
            c = Complaint(
                case, PETITIONER, received, against[k % 3], assigned[k % 4], channels[k % 5]
            )
            if k < 3:
                c.status, c.accepted = ComplaintStatus.TERMINATED, received + 7
                c.finished = received + 62
                # The accusation against the judge proved false: the judge's name is cleared.
                c.found_false = c.against == officer
            elif k < 6:
                c.status, c.finished = ComplaintStatus.NOT_ACCEPTED, received + 10
            else:
                c.status, c.accepted = ComplaintStatus.HANDLING, received + 6
                c.extended = k == 6
            ids.append(emit_complaint(world, c))
        self.patterns.append(pattern("repeat_petitioner", ids))

    def _frequent_intervener(self) -> None:
        world, rng = self.world, self.world.rng
        count = max(LEAST_INTERVENTIONS, max(world.interventions.values(), default=0) + 3)
        cases = self.nanchong or self.any_cases
        ids = [INTERVENER]
        for k in range(count):
            case = cases[k % len(cases)]
            occurred = case.filed + (min(case.closed or world.today, world.today) - case.filed) // 2
            record = Intervention(
                case, INTERVENER, occurred, InterventionClass.IMPROPER,
                InterventionRelation.SELF if k % 3 else InterventionRelation.STAFF,
                InterventionManner.PHONE if k % 2 else InterventionManner.IN_PERSON,
                "南充市人大常委会副主任", one_of(rng, ("请求关照当事人", "要求对当事人从轻处理")),
                case.handlers[0][0],
            )  # fmt: skip
            ids.append(emit_intervention(world, record))
            if case.id not in ids:
                ids.append(case.id)
        self.patterns.append(pattern("frequent_intervener", ids))

    def _conflicted_reviewer(self) -> None:
        world = self.world
        case = self.case(
            "agency:510703:COURT", CaseKind.CIVIL, CaseStage.TRIAL, "建设工程施工合同纠纷",
            ordinal("2020-09-10"), ordinal("2021-04-28"),
        )  # fmt: skip
        case.handlers = [(REVIEWER, "承办法官")]
        emit_case(world, case)
        started = max(ordinal("2021-09-01"), self.day(560))
        commission = world.by_id["agency:510700:COMMISSION"]
        action = Action(
            A.CASE_REVIEW, f"{case.number}案件评查", [commission], [case.id], started, started + 38
        )
        others = pick_reviewers(world, commission.city, case, 1)
        action.reviewers = reviewer_roles([REVIEWER, *others])
        action.extra = {"review_type": ReviewType.ESCALATED.name, "score": 92.5, "grade": "优秀"}
        emit_action(world, action)
        self.patterns.append(pattern("conflicted_reviewer", [REVIEWER, case.id, action.id]))

    def _cross_region_without_agreement(self) -> None:
        world = self.world
        ids = ["region:513401", "region:500229"]
        for k, (unit, kind, stage, cause) in enumerate(CROSS_REGION_CASES):
            case = self.case(f"agency:513401:{unit}", kind, stage, cause, self.day(900 - 140 * k))
            case.involves = ["region:500229", f"agency:500229:{unit}"]
            emit_case(world, case)
            ids.append(case.id)
        self.patterns.append(pattern("cross_region_without_agreement", ids))

    def _unit_finding(
        self, action: Action, unit: Agency, category: FindingCategory, title: str
    ) -> Finding:
        assert action.ended is not None
        finding = Finding(
            action, category, Severity.SERIOUS, action.ended + 3, unit, [unit.id], title,
            f"{action.kind.label}记录", unit.head_at(action.started),
        )  # fmt: skip
        emit_finding(self.world, finding)
        return finding

    def _overdue_unit(self) -> None:
        world = self.world
        unit = world.by_id[OVERDUE_UNIT]
        ids = [OVERDUE_UNIT]
        for k, kind in enumerate(OVERDUE_KINDS):
            started = self.day(1000 - 170 * k)
            action = Action(
                kind, f"{unit.name}{kind.label}", conductors(world, kind, unit), [unit.id],
                started, started + 14,
            )  # fmt: skip
            emit_action(world, action)
            finding = self._unit_finding(
                action, unit, FindingCategory.EXCESSIVE, "超范围查封扣押冻结财物"
            )
            issued = finding.found + 7
            returned = k % 2 == 1
            rect = emit_rectification(
                world, finding, issued=issued, deadline=issued + 60,
                status=R.RETURNED if returned else R.IN_PROGRESS,
                submitted=issued + 50 if returned else None,
            )  # fmt: skip
            ids += [action.id, finding.id, rect]
        # The fifth lapse in a row: the unit's head is ordered to explain himself.
        head = unit.head_at(finding.found)
        ids.append(
            emit_accountability(world, finding, M.SELF_EXAMINATION, finding.found + 30, head)
        )
        self.patterns.append(pattern("overdue_unit", ids))

    def _duplicated_inspection(self) -> None:
        world = self.world
        unit = world.by_id[INSPECTED_TWICE]
        province = world.by_id["agency:510000:COMMISSION"]
        city = world.by_id["agency:510600:COMMISSION"]
        ids = [INSPECTED_TWICE]
        for kind, lead, started in (
            (A.POLITICAL_INSPECTION, province, self.day(600)),
            (A.INSPECTION, city, self.day(593)),
        ):
            action = Action(
                kind, f"{unit.name}{kind.label}", [lead], [unit.id], started, started + 18
            )
            emit_action(world, action)
            finding = self._unit_finding(
                action, unit, FindingCategory.WORK_STYLE, "办案拖延、推诿扯皮"
            )
            ids += [action.id, finding.id]
        self.patterns.append(pattern("duplicated_inspection", ids))
