"""Cases: kind, stage, cause, case number, dates, flags, the handling unit and handlers, and
the cross-region ones (INVOLVES the other side's region and often its unit, UNDER an
agreement of the partnership that covers the two areas; a few are filed before their areas'
partnership was signed, and so stand under no agreement: natural gaps in coverage).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from graph.model.enums import (
    AgencyKind,
    CaseKind,
    CaseStage,
    NodeKind,
    PartyRole,
    RegionLevel,
    RelType,
    SentenceChange,
)
from graph.model.records import Props
from loaders.demo.agencies import FINANCIAL_COURT
from loaders.demo.days import between, iso, year
from loaders.demo.penalty import Sentence, eligible_ratio, natural_sentence
from loaders.demo.pick import Weighted, number
from loaders.demo.regions import SICHUAN
from loaders.demo.staff import link_party, offender_of
from loaders.demo.vocab import CAUSES, CITY_POPULATION, FINANCIAL_CAUSES, GANG_CAUSE, GANG_PRONE
from loaders.demo.workload import regional_load
from loaders.demo.world import Agency, Partnership, World

K, S = CaseKind, CaseStage
KINDS = Weighted(
    [
        (K.CRIMINAL, 30),
        (K.CIVIL, 45),
        (K.ADMINISTRATIVE, 5),
        (K.ENFORCEMENT, 15),
        (K.PENALTY_EXECUTION, 5),
    ]
)
_TRIAL = Weighted([(S.FILED, 20), (S.TRIAL, 80)])
STAGES = {
    K.CRIMINAL: Weighted(
        [
            (S.CLUE, 8),
            (S.FILED, 12),
            (S.INVESTIGATION, 25),
            (S.PROSECUTION_REVIEW, 20),
            (S.TRIAL, 35),
        ]
    ),
    K.CIVIL: _TRIAL,
    K.ADMINISTRATIVE: _TRIAL,
    K.ENFORCEMENT: Weighted([(S.EXECUTION, 1)]),
    K.PENALTY_EXECUTION: Weighted([(S.PENALTY, 1)]),
}
POLICE_STAGES = frozenset({S.CLUE, S.FILED, S.INVESTIGATION})
CLOSED_SHARE = {
    S.CLUE: 0.3, S.FILED: 0.1, S.INVESTIGATION: 0.2, S.PROSECUTION_REVIEW: 0.3, S.TRIAL: 0.7,
    S.EXECUTION: 0.6, S.PENALTY: 0.9,
}  # fmt: skip
COURT_TYPES = {K.CRIMINAL: "刑", K.CIVIL: "民", K.ADMINISTRATIVE: "行"}
HANDLER_ROLES = {
    AgencyKind.POLICE: ("主办侦查员", "协办侦查员"),
    AgencyKind.PROCURATORATE: ("承办检察官", "检察官助理"),
    AgencyKind.COURT: ("承办法官", "合议庭成员"),
}
CROSS_REGION_SHARE = 0.05
HABIT_SHARE, MOST_PAIRED = 0.5, 6  # a court reuses its last pair of approvers
AGAIN_SHARE, AGAIN_DAYS = 0.25, (300, 720)  # an offender commuted again, this long after
EARLY_SHARE = 0.15  # a cross-region case filed before its areas' agreement was signed
FLAGS = (
    "private_enterprise",
    "major_sensitive",
    "gang_related",
    "petition_related",
    "cross_region",
)
_CAUSES = {kind: Weighted(pairs) for kind, pairs in CAUSES.items()}


@dataclass
class Case:
    id: str
    kind: CaseKind
    stage: CaseStage
    agency: Agency
    cause: str
    filed: int
    closed: int | None = None
    number: str = ""
    handlers: list[tuple[str, str]] = field(default_factory=list)
    flags: dict[str, bool] = field(default_factory=dict)
    sentence: Sentence | None = None
    partner: Partnership | None = None
    covered: bool = True  # False: the partnership was signed after the case was filed
    involves: list[str] = field(default_factory=list)

    @property
    def region(self) -> str:
        return self.agency.code


def new_case(
    world: World,
    agency: Agency,
    kind: CaseKind,
    stage: CaseStage,
    cause: str,
    filed: int,
    closed: int | None = None,
    sentence: Sentence | None = None,
) -> Case:
    """A case with the next id and every flag false."""
    case = Case(world.next_id("case"), kind, stage, agency, cause, filed, closed, sentence=sentence)
    case.flags = dict.fromkeys(FLAGS, False)
    return case


class CaseDraw:
    """Draws natural cases; built once, after the agencies and their staff exist."""

    def __init__(self, world: World) -> None:
        self.world = world
        load = regional_load(world)
        self.regions = Weighted(sorted(load.items()))
        cities = [(c, CITY_POPULATION[c] * 0.85) for c in sorted(CITY_POPULATION)]
        self.penalty_courts = Weighted([*cities, (SICHUAN, sum(w for _, w in cities) * 0.15)])

    def unit(self, kind: CaseKind, stage: CaseStage, cause: str, filed: int) -> Agency:
        world = self.world
        if kind is K.PENALTY_EXECUTION:
            return world.agency(self.penalty_courts.pick(world.rng), AgencyKind.COURT)
        region = self.regions.pick(world.rng)
        if kind is K.CRIMINAL and stage in POLICE_STAGES:
            return world.agency(region, AgencyKind.POLICE)
        if stage is S.PROSECUTION_REVIEW:
            return world.agency(region, AgencyKind.PROCURATORATE)
        if cause in FINANCIAL_CAUSES:
            court = world.by_id[FINANCIAL_COURT]
            if filed >= court.opened and world.rng.random() < 0.1:
                return court
        return world.agency(region, AgencyKind.COURT)

    def draw(self) -> Case:
        world = self.world
        rng = world.rng
        kind = KINDS.pick(rng)
        stage = STAGES[kind].pick(rng)
        filed = between(rng, world.first_day, world.today)
        sentence = natural_sentence(world, year(filed)) if kind is K.PENALTY_EXECUTION else None
        cause = sentence.cause if sentence else _CAUSES[kind].pick(rng)
        agency = self.unit(kind, stage, cause, filed)
        if sentence is not None and sentence.change is SentenceChange.COMMUTATION:
            agency, filed = self.commuted_again(sentence, agency, filed)
            cause = sentence.cause
        filed = max(filed, agency.opened)
        case = new_case(world, agency, kind, stage, cause, filed, sentence=sentence)
        if rng.random() < CLOSED_SHARE[stage]:
            closed = filed + number(rng, 20, 360)
            case.closed = closed if closed <= world.today else None
        gang = cause == GANG_CAUSE or (cause in GANG_PRONE and rng.random() < 0.25)
        case.flags["private_enterprise"] = rng.random() < (0.03 if kind is K.CRIMINAL else 0.06)
        case.flags["major_sensitive"] = rng.random() < (0.03 if kind is K.CRIMINAL else 0.01)
        case.flags["gang_related"] = gang or (sentence is not None and sentence.gang)
        if kind is K.PENALTY_EXECUTION:
            prison = world.prisons[int(rng.random() * len(world.prisons))]
            judge, approver = self.approvers(agency, prison, filed)
            case.handlers = [(judge, "审判长"), (approver, "提请审批人")]
        else:
            roles = HANDLER_ROLES[agency.kind]
            first = handler(world, agency, filed)
            case.handlers = [(first, "执行法官" if kind is K.ENFORCEMENT else roles[0])]
            second = handler(world, agency, filed)
            if second != first and rng.random() < 0.4:
                case.handlers.append((second, roles[1]))
        if rng.random() < CROSS_REGION_SHARE:
            case.partner = covering_partner(world, agency, filed)
            if case.partner is None and rng.random() < EARLY_SHARE:
                case.partner, case.covered = later_partner(world, agency, filed), False
        return case

    def commuted_again(self, sentence: Sentence, court: Agency, day: int) -> tuple[Agency, int]:
        """Now and then a commutation is the next one of an offender commuted before (one of
        the last five drawn), by the same court, 300 to 720 days after; so that some natural
        offenders reach three commutations within three years and others just miss."""
        world, rng = self.world, self.world.rng
        if world.commuted and rng.random() < AGAIN_SHARE:
            recent = world.commuted[-5:]
            offender, last, offence, served, court_id = recent[int(rng.random() * len(recent))]
            again = last + number(rng, *AGAIN_DAYS)
            if again <= world.today:
                sentence.offender, sentence.offence_class = offender, offence
                sentence.eligible_ratio = eligible_ratio(SentenceChange.COMMUTATION, offence)
                sentence.served_ratio = round(min(0.95, served + 0.05 + rng.random() * 0.1), 3)
                court, day = world.by_id[court_id], again
        world.commuted.append(
            (sentence.offender, day, sentence.offence_class, sentence.served_ratio, court.id)
        )
        return court, day

    def approvers(self, court: Agency, prison: Agency, day: int) -> tuple[str, str]:
        """A judge and a prison officer. A court often sends the next file through the pair
        that signed its last one (when both are in post), so that natural pairs reach the
        threshold (five); none signs more than six (the planted pair signs twelve)."""
        world = self.world
        pairs, habit = world.approver_pairs, world.habits.get(court.id)
        pair = habit
        if (
            pair is None
            or pairs[pair] >= MOST_PAIRED
            or world.rng.random() >= HABIT_SHARE
            or not all(world.officials[o].start <= day for o in pair)
        ):
            for _ in range(6):
                pair = (handler(world, court, day), handler(world, prison, day))
                if pairs[pair] < MOST_PAIRED:
                    break
        assert pair is not None
        pairs[pair] += 1
        world.habits[court.id] = pair
        return pair


def handler(world: World, agency: Agency, day: int) -> str:
    """A line officer in post on ``day`` (the agency's first officer always is)."""
    staff = agency.staff
    officer = world.officials[staff[int(world.rng.random() * len(staff))]]
    return officer.id if officer.start <= day else staff[0]


def covering_partner(world: World, agency: Agency, day: int) -> Partnership | None:
    if agency.level is RegionLevel.PROVINCE or agency.id == FINANCIAL_COURT:
        return None
    areas = {agency.code, world.geo.city_of(agency.code)}
    pairs = [p for area in sorted(areas) for p in world.partners.get(area, ()) if p.signed <= day]
    return pairs[int(world.rng.random() * len(pairs))] if pairs else None


def later_partner(world: World, agency: Agency, day: int) -> Partnership | None:
    """A partnership of the unit's areas signed after ``day``: the case predates it."""
    if agency.level is RegionLevel.PROVINCE or agency.id == FINANCIAL_COURT:
        return None
    areas = {agency.code, world.geo.city_of(agency.code)}
    pairs = [p for area in sorted(areas) for p in world.partners.get(area, ()) if p.signed > day]
    return pairs[int(world.rng.random() * len(pairs))] if pairs else None


def case_number(world: World, case: Case) -> str:
    agency, y = case.agency, year(case.filed)
    abbr = world.geo.abbreviation(agency.code)
    if agency.kind is AgencyKind.POLICE:
        word = "受案" if case.stage is S.CLUE else "(刑)立"
        return f"{abbr}公{word}字〔{y}〕{_serial(world, agency, y, word)}号"
    if agency.kind is AgencyKind.PROCURATORATE:
        return f"{abbr}检刑诉〔{y}〕{_serial(world, agency, y, '诉')}号"
    if case.kind is K.ENFORCEMENT:
        kind = "执"
    elif case.kind is K.PENALTY_EXECUTION:
        kind = "刑更"
    else:
        appeal = agency.level is not RegionLevel.COUNTY and world.rng.random() < 0.4
        kind = COURT_TYPES[case.kind] + ("终" if appeal else "初")
    return f"({y}){court_code(agency)}{kind}{_serial(world, agency, y, kind)}号"


def court_code(court: Agency) -> str:
    """川 for the high court, 川01 for 成都中院, 川0104 for 锦江区法院, 渝87 for 成渝金融法院."""
    province = "川" if court.code.startswith("51") else "渝"
    if court.id == FINANCIAL_COURT:
        return province + "87"
    if court.level is RegionLevel.PROVINCE:
        return province
    return province + court.code[2 : 4 if court.level is RegionLevel.CITY else 6]


def _serial(world: World, agency: Agency, y: int, kind: str) -> int:
    """Numbers rise with gaps: the demo holds a sample of each unit's cases."""
    key = f"{agency.id}|{y}|{kind}"
    serial = world.serials.get(key, 0) + number(world.rng, 1, 9)
    world.serials[key] = serial
    return serial


def emit_case(world: World, case: Case) -> None:
    sink, pair = world.sink, case.partner
    if pair is not None:
        other = pair.chongqing if case.region.startswith("51") else pair.sichuan
        case.involves = [f"region:{other}"]
        counterpart = world.agencies.get((other, case.agency.kind))
        if counterpart is not None and world.rng.random() < 0.5:
            case.involves.append(counterpart.id)
    case.flags["cross_region"] = bool(case.involves)
    case.number = case.number or case_number(world, case)
    props: Props = {
        "case_number": case.number,
        "cause": case.cause,
        "kind": case.kind.name,
        "stage": case.stage.name,
        "region_code": case.region,
        "filed_on": iso(case.filed),
    }
    if case.closed is not None:
        props["closed_on"] = iso(case.closed)
    props.update(case.flags)
    if case.sentence is not None:
        props.update(case.sentence.props())
    sink.node(NodeKind.Case, case.id, props)
    sink.rel(RelType.HANDLED_BY, case.id, case.agency.id)
    for official, role in case.handlers:
        dates: Props = {"role": role, "valid_from": iso(case.filed)}
        if case.closed is not None:
            dates["valid_to"] = iso(case.closed)
        sink.rel(RelType.HANDLED, official, case.id, dates)
    for target in case.involves:
        sink.rel(RelType.INVOLVES, case.id, target)
    if case.sentence is not None:
        offender = offender_of(world, case.sentence.offender, case.region)
        link_party(world, offender, case.id, PartyRole.OFFENDER, iso(case.filed))
    if pair is not None and case.covered:
        kind = case.agency.kind
        agreement = pair.agreements.get(kind, pair.agreements[AgencyKind.COMMISSION])
        sink.rel(RelType.UNDER, case.id, agreement)
