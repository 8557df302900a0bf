"""The planted patterns as the generator reports them: what each is and how to find it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PlantedPattern:
    """``ids`` lists every node involved, the one to start from first."""

    name: str
    summary: str
    how_to_find: str
    ids: tuple[str, ...]


DESCRIPTIONS = {
    "repeat_petitioner": (
        "一名信访人就同一民间借贷案件反复信访8次, 指向区法院、承办法官和市中院, 由四个机关办理",
        "Officials of role PARTY by number of FILED complaints: this one has 8 about one case, "
        "AGAINST and ASSIGNED_TO four agencies; natural petitioners file at most 4.",
    ),
    "frequent_intervener": (
        "南充市人大常委会一名副主任十余次违规过问案件",
        "Officials by number of intervention records (BY, or INTERVENED_IN): this one has the "
        "most, all IMPROPER (违规过问); natural improper askers ask at most 3 times.",
    ),
    "conflicted_reviewer": (
        "评查人员评查的案件恰是其调任前在原法院承办的案件(利益冲突)",
        "REVIEWED_BY reviewers who HANDLED the reviewed case or were MEMBER_OF its handling unit "
        "on its filing date; now and then a natural reviewer served in that unit too.",
    ),
    "same_approvers": (
        "乐山市中级人民法院同一审判长与嘉州监狱同一审批民警共同经手12件刑罚变更案件",
        "Pairs of officials who both HANDLED the same PENALTY_EXECUTION cases: this pair "
        "shares 12; no natural pair shares more than 6.",
    ),
    "repeated_reductions": (
        "同一罪犯在约30个月内4次获减刑, 每次减刑11至12个月",
        "COMMUTATION cases grouped by their offender (PARTY_TO as OFFENDER; 罪犯编号5199000001 "
        "in cause): 4 files; natural offenders have up to 5.",
    ),
    "reduction_at_the_line": (
        "6件职务犯罪、金融犯罪、涉黑罪犯的减刑假释, 已执行刑期比例刚达法定起始比例(踩点减刑)",
        "PENALTY_EXECUTION cases with served_ratio - eligible_ratio below 0.01 (some natural "
        "files too); all six planted are of the three sensitive classes.",
    ),
    "doubtful_medical_certificate": (
        "两名罪犯的暂予监外执行使用同一编号的诊断证明书, 所载病情并非严重疾病",
        "TEMPORARY_EXECUTION cases sharing one medical_certificate (编号2022-990001); natural "
        "certificate numbers are unique, and some word a mild condition.",
    ),
    "cross_region_without_agreement": (
        "西昌市与重庆市城口县之间的6件跨区域案件, 两地之间没有任何协作协议",
        "Cases with cross_region true that no agreement in force covers: handled in 513401, "
        "they INVOLVES region:500229; no Agreement is SIGNED_BY units of 凉山州 or 西昌市 and "
        "of 城口县.",
    ),
    "overdue_unit": (
        "达州市公安局通川区分局5项整改均已逾期未完成",
        "Rectifications ASSIGNED_TO a unit with a deadline before the reference date and a "
        "status other than ACCEPTED or CLOSED: 5 here; natural units have at most 4.",
    ),
    "duplicated_inspection": (
        "省委政法委政治督察与德阳市委政法委执法检查在重叠时段检查同一检察院, 发现同一问题且未互认",
        "Pairs of unit-level actions that TARGETS one agency in overlapping started_on to "
        "ended_on periods with no RECOGNIZED_BY between them; some natural ones do too.",
    ),
}


def pattern(name: str, ids: list[str]) -> PlantedPattern:
    summary, how = DESCRIPTIONS[name]
    return PlantedPattern(name, summary, how, tuple(ids))
