"""Planted red flags among sentence-change files, for the verification of commutation,
parole and temporary execution outside prison (减刑、假释、暂予监外执行核查)."""

from __future__ import annotations

from graph.model.enums import CaseKind, CaseStage, SentenceChange
from loaders.demo.cases import Case, CaseDraw, emit_case, new_case
from loaders.demo.days import year
from loaders.demo.patterns import PlantedPattern, pattern
from loaders.demo.penalty import Sentence, natural_sentence, offender
from loaders.demo.world import World

C = SentenceChange
SAME_PAIR_FILES = 12
REPEAT_OFFENDER = "刘建国(罪犯编号5199000001)"
DOUBTFUL_CERTIFICATE = "仪陇县中医医院诊断证明书(编号2022-990001):高血压1级(病情稳定,生活自理)"
# court, change, offence class, eligibility line, served share (at most half a point above it)
AT_THE_LINE = (
    ("510700", C.COMMUTATION, "职务犯罪", 0.3, 0.302),
    ("511300", C.PAROLE, "职务犯罪", 0.5, 0.501),
    ("511500", C.COMMUTATION, "金融犯罪", 0.3, 0.3),
    ("510100", C.PAROLE, "金融犯罪", 0.5, 0.503),
    ("510500", C.COMMUTATION, "涉黑", 0.3, 0.304),
    ("510000", C.COMMUTATION, "涉黑", 0.3, 0.301),
)
REDUCTIONS = ((0.31, 12), (0.42, 12), (0.53, 11), (0.64, 12))  # served share, months reduced
DOUBTFUL = (("511300", "职务犯罪"), ("511100", "盗窃"))  # court, offence class
SENTENCE_FILES = SAME_PAIR_FILES + len(REDUCTIONS) + len(AT_THE_LINE) + len(DOUBTFUL)


def _file(
    world: World,
    draw: CaseDraw,
    court: str,
    sentence: Sentence,
    filed: int,
    approvers: tuple[str, str] | None = None,
    prison: str | None = None,
) -> Case:
    agency = world.by_id[f"agency:{court}:COURT"]
    case = new_case(
        world, agency, CaseKind.PENALTY_EXECUTION, CaseStage.PENALTY, sentence.cause, filed,
        filed + 25, sentence,
    )  # fmt: skip
    case.flags["gang_related"] = sentence.gang
    if approvers is None:
        unit = world.by_id[prison] if prison else world.prisons[filed % len(world.prisons)]
        approvers = draw.approvers(agency, unit, filed)
    case.handlers = [(approvers[0], "审判长"), (approvers[1], "提请审批人")]
    emit_case(world, case)
    return case


def plant_sentence_files(
    world: World, draw: CaseDraw, judge: str, approver: str
) -> list[PlantedPattern]:
    today = world.today
    pair = [judge, approver]
    for k in range(SAME_PAIR_FILES):
        filed = today - 1400 + 110 * k
        sentence = natural_sentence(world, year(filed))
        pair.append(_file(world, draw, "511100", sentence, filed, (judge, approver)).id)

    repeated = []
    for k, (served, reduced) in enumerate(REDUCTIONS):
        sentence = Sentence(C.COMMUTATION, "诈骗", REPEAT_OFFENDER, served, 0.2, reduced)
        filed = today - 1300 + 310 * k
        repeated.append(
            _file(world, draw, "510100", sentence, filed, prison="agency:510100:PRISON:chengdu").id
        )

    line = []
    for k, (court, change, offence, eligible, served) in enumerate(AT_THE_LINE):
        months = 8 if change is C.COMMUTATION else None
        sentence = Sentence(change, offence, offender(world), served, eligible, months)
        line.append(_file(world, draw, court, sentence, today - 800 + 110 * k).id)

    doubtful = []
    for k, (court, offence) in enumerate(DOUBTFUL):
        sentence = Sentence(C.TEMPORARY_EXECUTION, offence, offender(world), 0.15 + 0.05 * k)
        sentence.medical_certificate = DOUBTFUL_CERTIFICATE
        doubtful.append(_file(world, draw, court, sentence, today - 700 + 180 * k).id)

    return [
        pattern("same_approvers", pair),
        pattern("repeated_reductions", [world.offenders[REPEAT_OFFENDER], *repeated]),
        pattern("reduction_at_the_line", line),
        pattern("doubtful_medical_certificate", doubtful),
    ]
