"""Every node kind and relationship type of the supervision graph, with typed fields.

This table is the model: validation, the loaders, the documentation (docs/data-model.md)
and the Neo4j labels all read it.
"""

from __future__ import annotations

import builtins
import enum
from dataclasses import dataclass

from graph.model import enums as e
from graph.model.enums import NodeKind as K
from graph.model.enums import RelType as R


class FieldType(enum.Enum):
    STR = "string"
    TEXT = "text"
    INT = "integer"
    FLOAT = "number"
    BOOL = "boolean"
    DATE = "partial date"
    DATETIME = "date-time"
    ENUM = "enumeration"
    CODE = "region code"


@dataclass(frozen=True)
class Field:
    name: str
    type: FieldType
    label: str
    required: bool = False
    many: bool = False
    enum: builtins.type[e.Labeled] | None = None
    personal: bool = False


def _f(
    name: str,
    type_: FieldType | type[e.Labeled],
    label: str,
    *,
    required: bool = False,
    many: bool = False,
    personal: bool = False,
) -> Field:
    if isinstance(type_, FieldType):
        return Field(name, type_, label, required, many, None, personal)
    return Field(name, FieldType.ENUM, label, required, many, type_, personal)


S, T, INT, F, B, D, DT, C = (
    FieldType.STR,
    FieldType.TEXT,
    FieldType.INT,
    FieldType.FLOAT,
    FieldType.BOOL,
    FieldType.DATE,
    FieldType.DATETIME,
    FieldType.CODE,
)

# Every node and every relationship may carry these.
VALIDITY = (
    _f("valid_from", D, "有效期起"),
    _f("valid_to", D, "有效期止(含)"),
)
PROVENANCE = (
    _f("source", S, "来源"),
    _f("recorded_by", S, "记录人"),
    _f("recorded_at", DT, "记录时间"),
)
COMMON = VALIDITY + PROVENANCE


@dataclass(frozen=True)
class NodeSpec:
    kind: K
    fields: tuple[Field, ...]
    search: tuple[str, ...] = ("name",)
    doc: str = ""

    def field(self, name: str) -> Field | None:
        return _FIELD_INDEX[self.kind].get(name)


@dataclass(frozen=True)
class RelSpec:
    type: R
    ends: tuple[tuple[K, K], ...]
    fields: tuple[Field, ...] = ()
    doc: str = ""

    def allows(self, start: K, end: K) -> bool:
        return (start, end) in ALLOWED_ENDS[self.type]

    def field(self, name: str) -> Field | None:
        return _REL_FIELD_INDEX[self.type].get(name)


def _pairs(starts: tuple[K, ...], ends: tuple[K, ...]) -> tuple[tuple[K, K], ...]:
    return tuple((s, t) for s in starts for t in ends)


NODES: dict[K, NodeSpec] = {
    spec.kind: spec
    for spec in (
        NodeSpec(
            K.Region,
            (
                _f("code", C, "区划代码", required=True),
                _f("name", S, "名称", required=True),
                _f("level", e.RegionLevel, "层级", required=True),
                _f("parent_code", C, "上级区划代码"),
            ),
            search=("name", "code"),
            doc="An administrative division (GB/T 2260); codes change, hence validity dates.",
        ),
        NodeSpec(
            K.Agency,
            (
                _f("name", S, "名称", required=True),
                _f("kind", e.AgencyKind, "机关类别", required=True),
                _f("level", e.RegionLevel, "层级", required=True),
                _f("region_code", C, "所在区划", required=True),
                _f("cross_region", B, "跨区域机构"),
                _f("merged_into", S, "已合并至"),
            ),
            doc="A political-legal body or a body it reports to (人大, 政协, 媒体).",
        ),
        NodeSpec(
            K.Post,
            (
                _f("title", S, "职务名称", required=True),
                _f("region_code", C, "所在区划", required=True),
            ),
            search=("title",),
            doc="A position in an agency, apart from who holds it.",
        ),
        NodeSpec(
            K.Official,
            (
                _f("name", S, "姓名", required=True),
                _f("role", e.OfficialRole, "人员类别", required=True),
                _f("region_code", C, "所在区划"),
                _f("gender", S, "性别"),
                _f("id_number", S, "身份证号", personal=True),
                _f("phone", S, "联系电话", personal=True),
                _f("address", S, "住址", personal=True),
                _f("pool_level", e.RegionLevel, "执法监督人才库层级"),
                _f("expertise", e.CaseKind, "评查专长", many=True),
                _f("available", B, "可参加评查"),
                _f("merged_into", S, "已合并至"),
            ),
            doc="A person: officer, leader, lawyer, party, petitioner or related person.",
        ),
        NodeSpec(
            K.Case,
            (
                _f("case_number", S, "案号", required=True),
                _f("cause", S, "案由", required=True),
                _f("kind", e.CaseKind, "案件类别", required=True),
                _f("stage", e.CaseStage, "办案阶段", required=True),
                _f("region_code", C, "所在区划", required=True),
                _f("filed_on", D, "立案日期"),
                _f("closed_on", D, "结案日期"),
                _f("private_enterprise", B, "涉民营企业"),
                _f("major_sensitive", B, "重大敏感"),
                _f("gang_related", B, "涉黑涉恶"),
                _f("petition_related", B, "涉法涉诉信访"),
                _f("cross_region", B, "川渝跨区域"),
                _f("sentence_change", e.SentenceChange, "刑罚变更类别"),
                _f("offence_class", S, "罪名类别"),
                _f("months_reduced", INT, "减刑月数"),
                _f("served_ratio", F, "已执行刑期比例"),
                _f("eligible_ratio", F, "法定起始比例"),
                _f("medical_certificate", S, "病情诊断"),
                _f("green_channel_on", D, "纳入绿色通道日期"),
                _f("green_channel_reason", T, "绿色通道事由"),
            ),
            search=("case_number", "cause"),
            doc="A case at any stage, from clue to penalty execution.",
        ),
        NodeSpec(
            K.Complaint,
            (
                _f("number", S, "信访编号", required=True),
                _f("channel", e.ComplaintChannel, "信访渠道", required=True),
                _f("status", e.ComplaintStatus, "办理状态", required=True),
                _f("received_on", D, "登记日期", required=True),
                _f("region_code", C, "所在区划", required=True),
                _f("summary", T, "诉求摘要"),
                _f("accepted_on", D, "受理日期"),
                _f("finished_on", D, "办结日期"),
                _f("extended", B, "已延期"),
                _f("found_false", B, "经查不实"),
            ),
            search=("number", "summary"),
            doc="A petition about a case (涉法涉诉信访); the petitioner is an Official via FILED.",
        ),
        NodeSpec(
            K.SupervisionAction,
            (
                _f("title", S, "名称", required=True),
                _f("kind", e.ActionKind, "监督方式", required=True),
                _f("status", e.ActionStatus, "状态", required=True),
                _f("region_code", C, "所在区划", required=True),
                _f("level", e.RegionLevel, "层级"),
                _f("started_on", D, "开始日期"),
                _f("ended_on", D, "结束日期"),
                _f("review_type", e.ReviewType, "评查类型"),
                _f("sampling", e.Sampling, "抽查方式"),
                _f("supervision_status", e.SupervisionStatus, "督办状态"),
                _f("deadline", D, "办理期限"),
                _f("listed", B, "挂牌督办"),
                _f("key_attention", B, "重点关注"),
                _f("score", F, "评查得分"),
                _f("grade", S, "评查等次"),
                _f("deductions", S, "扣分明细(评查项:扣分)", many=True),
                _f("escalated_on", D, "逾期提级督办日期"),
                _f("workstream", e.Workstream, "三同步工作"),
                _f("selection_reasons", S, "列入督办理由", many=True),
                _f("coordination_topics", e.CoordinationTopic, "协调事项", many=True),
                _f("coordination_summary", T, "协调纪要"),
                _f("verification_conclusion", e.VerificationConclusion, "核查结论"),
                _f("conclusion_summary", T, "核查结论说明"),
                _f("procuratorate_opinion", T, "检察意见"),
                _f("opinion_by", S, "提出检察意见的检察院"),
                _f("opinion_on", D, "检察意见日期"),
                _f("correction", e.SentenceCorrection, "纠正措施"),
                _f("corrected_on", D, "纠正日期"),
                _f("observations", T, "旁听意见"),
                _f("approved_by", S, "督办审批人"),
                _f("approved_on", D, "督办审批日期"),
                _f("unannounced", B, "暗访"),
                _f("concealed", B, "结束前对被查单位保密"),
                _f("conductor_ids", S, "实施主体标识", many=True),
                _f("scope_regions", C, "范围:区划", many=True),
                _f("scope_levels", e.RegionLevel, "范围:层级", many=True),
                _f("scope_agency_kinds", e.AgencyKind, "范围:机关类别", many=True),
                _f("scope_case_kinds", e.CaseKind, "范围:案件类别", many=True),
                _f("scope_flags", S, "范围:案件标记", many=True),
                _f("period_from", D, "范围:立案日期起"),
                _f("period_to", D, "范围:立案日期止"),
                _f("sample_size", INT, "抽查数量"),
                _f("sample_round", INT, "滚动评查轮次"),
                _f("feedback", T, "督察反馈意见"),
                _f("feedback_on", D, "督察反馈日期"),
                _f("rectify_by", D, "反馈问题整改期限"),
                _f("rectified_count", INT, "回头看:已整改问题数"),
                _f("unrectified_count", INT, "回头看:整改不到位问题数"),
            ),
            search=("title",),
            doc=(
                "A supervision action of any mode; several CONDUCTED_BY = joint supervision. "
                "A campaign or yearly batch carries the scope_* fields and its reviews or "
                "supervisions are PART_OF it; a 三同步 workstream is a WORKSTREAM action "
                "PART_OF its case supervision."
            ),
        ),
        NodeSpec(
            K.Finding,
            (
                _f("title", S, "问题", required=True),
                _f("category", e.FindingCategory, "问题类别", required=True),
                _f("severity", e.Severity, "严重程度", required=True),
                _f("found_on", D, "发现日期", required=True),
                _f("region_code", C, "所在区划", required=True),
                _f("evidence", T, "证据摘要"),
            ),
            search=("title",),
            doc="What a supervision action found.",
        ),
        NodeSpec(
            K.Rectification,
            (
                _f("title", S, "整改事项", required=True),
                _f("status", e.RectificationStatus, "整改状态", required=True),
                _f("issued_on", D, "下达日期", required=True),
                _f("deadline", D, "整改期限", required=True),
                _f("region_code", C, "所在区划", required=True),
                _f("submitted_on", D, "提交日期"),
                _f("closed_on", D, "销号日期"),
                _f("escalated_on", D, "逾期提级日期"),
                _f("escalated_to", S, "提级对象(条、块)", many=True),
            ),
            search=("title",),
            doc="A rectification ordered for a finding; overdue is derived from its deadline.",
        ),
        NodeSpec(
            K.Accountability,
            (
                _f("measure", e.AccountabilityMeasure, "问责方式", required=True),
                _f("decided_on", D, "决定日期", required=True),
                _f("region_code", C, "所在区划", required=True),
                _f("description", T, "说明"),
            ),
            search=("description",),
            doc="Accountability of an official for a finding (incl. clue transfer to 纪委监委).",
        ),
        NodeSpec(
            K.InterventionRecord,
            (
                _f("occurred_on", D, "过问时间", required=True),
                _f("relation", e.InterventionRelation, "干预人关系", required=True),
                _f("manner", e.InterventionManner, "过问方式", required=True),
                _f("classification", e.InterventionClass, "性质", required=True),
                _f("stage", e.CaseStage, "案件阶段", required=True),
                _f("region_code", C, "所在区划", required=True),
                _f("intervener_post", S, "干预人职务"),
                _f("request", T, "过问内容"),
            ),
            search=("request",),
            doc="A record under the three regulations (三个规定) of someone asking about a case.",
        ),
        NodeSpec(
            K.Clearance,
            (
                _f("decided_on", D, "澄清日期", required=True),
                _f("region_code", C, "所在区划", required=True),
                _f("description", T, "说明"),
            ),
            search=("description",),
            doc="An official's name cleared after a false or malicious complaint.",
        ),
        NodeSpec(
            K.Agreement,
            (
                _f("title", S, "协议名称", required=True),
                _f("tier", e.AgreementTier, "层次", required=True),
                _f("level_pair", e.LevelPair, "签署层级", required=True),
                _f("signed_on", D, "签署日期", required=True),
                _f("domain", e.AgencyKind, "领域"),
                _f("mechanisms", e.Mechanism, "协作机制", many=True),
            ),
            search=("title",),
            doc="An agreement of the Sichuan–Chongqing '1+n' system.",
        ),
        NodeSpec(
            K.JointMeeting,
            (
                _f("title", S, "会议名称", required=True),
                _f("kind", e.MeetingKind, "会议类别", required=True),
                _f("held_on", D, "召开日期", required=True),
                _f("region_code", C, "所在区划", required=True),
                _f("agenda", T, "议题"),
                _f("decisions", S, "会议决定", many=True),
            ),
            search=("title",),
            doc="A joint meeting that plans supervision or cooperation.",
        ),
        NodeSpec(
            K.Notification,
            (
                _f("subject", S, "通报事项", required=True),
                _f("recipient", e.Recipient, "通报对象", required=True),
                _f("sent_on", D, "通报日期", required=True),
                _f("region_code", C, "所在区划", required=True),
                _f("feedback", T, "反馈意见"),
                _f("feedback_on", D, "反馈日期"),
                _f("adoption", e.FeedbackAdoption, "意见采纳情况"),
                _f("handling", T, "意见办理情况"),
                _f("decided_on", D, "采纳决定日期"),
            ),
            search=("subject",),
            doc=(
                "A notification to 人大, 政协 or the media, their feedback, and whether it "
                "was adopted and how it was handled."
            ),
        ),
        NodeSpec(
            K.Indicator,
            (
                _f("code", S, "指标编码", required=True),
                _f("name", S, "指标名称", required=True),
                _f("level", e.IndicatorLevel, "指标层级", required=True),
                _f("weight", F, "权重"),
                _f("reference_low", F, "参考区间下限"),
                _f("reference_high", F, "参考区间上限"),
                _f("polarity", e.Polarity, "方向"),
                _f("unit", S, "单位"),
                _f("definition", T, "指标定义"),
                _f("measure", S, "图谱计算方法"),
                _f("platform", S, "数据来源平台"),
            ),
            search=("name", "code"),
            doc=(
                "An indicator of the evaluation system; PART_OF builds the tree. A leaf is "
                "computed from the graph (`measure` names the method) or fed by measurements "
                "imported from a platform (`platform`)."
            ),
        ),
        NodeSpec(
            K.Measurement,
            (
                _f("period", S, "统计期间", required=True),
                _f("value", F, "数值", required=True),
                _f("region_code", C, "所在区划", required=True),
            ),
            search=("period",),
            doc="The value of an indicator for a region and a period.",
        ),
        NodeSpec(
            K.Investigation,
            (
                _f("name", S, "名称", required=True),
                _f("description", T, "说明"),
                _f("region_code", C, "所在区划"),
            ),
            doc=(
                "A named set of nodes saved from the explorer, each placed by INCLUDES; "
                "region_code is the jurisdiction of whoever saved it (none: unscoped)."
            ),
        ),
        NodeSpec(
            K.PatternWatch,
            (
                _f("pattern", S, "监视模式", required=True),
                _f("assignee", S, "研判责任人", required=True),
                _f("active", B, "启用", required=True),
                _f("region_code", C, "所在区划"),
                _f("min_count", INT, "阈值"),
                _f("max_hops", INT, "最大跳数"),
                _f("last_run_on", D, "最近运行日期"),
            ),
            search=("pattern",),
            doc=(
                "A named pattern watched in a jurisdiction (region_code; none: unscoped): each "
                "new match RAISED an Inquiry for the assignee."
            ),
        ),
        NodeSpec(
            K.Inquiry,
            (
                _f("pattern", S, "模式", required=True),
                _f("anchor_id", S, "命中对象", required=True),
                _f("explanation", T, "命中说明", required=True),
                _f("status", e.InquiryStatus, "研判状态", required=True),
                _f("assignee", S, "研判责任人", required=True),
                _f("opened_on", D, "立线日期", required=True),
                _f("region_code", C, "所在区划"),
                _f("decision", T, "研判结论"),
                _f("decided_on", D, "结论日期"),
            ),
            search=("explanation",),
            doc=(
                "An investigator's case opened by a watched pattern's new match: who works "
                "it, its state and the decision, EXAMINED_IN the investigation of its nodes."
            ),
        ),
        NodeSpec(
            K.Report,
            (
                _f("number", S, "编号", required=True),
                _f("received_on", D, "受理日期", required=True),
                _f("due_on", D, "核查期限", required=True),
                _f("status", e.ReportStatus, "核查结论", required=True),
                _f("region_code", C, "所在区划", required=True),
                _f("summary", T, "反映问题"),
                _f("concluded_on", D, "办结日期"),
            ),
            search=("number", "summary"),
            doc=(
                "A report (检举控告) against officers received by a discipline body (ASSIGNED_TO), "
                "verified within its time limit; one found false clears the officers' names."
            ),
        ),
        NodeSpec(
            K.Incident,
            (
                _f("kind", e.IncidentKind, "事件类别", required=True),
                _f("occurred_on", D, "发生日期", required=True),
                _f("handling", e.IncidentHandling, "处理结果", required=True),
                _f("region_code", C, "所在区划", required=True),
                _f("description", T, "经过"),
                _f("handled_on", D, "处理日期"),
            ),
            search=("description",),
            doc=(
                "暴力抗法、袭警辱警: an incident AGAINST officers, in a case it CONCERNS, and "
                "its handling."
            ),
        ),
        NodeSpec(
            K.Duty,
            (
                _f("title", S, "权责事项", required=True),
                _f("region_code", C, "所在区划", required=True),
                _f("category", S, "事项类别"),
                _f("basis", T, "设定依据"),
            ),
            search=("title",),
            doc="An item of an agency's power and responsibility list (权力责任清单), DUTY_OF it.",
        ),
        NodeSpec(
            K.Guidance,
            (
                _f("title", S, "名称", required=True),
                _f("kind", e.GuidanceKind, "类别", required=True),
                _f("issued_on", D, "发布日期", required=True),
                _f("region_code", C, "所在区划", required=True),
                _f("summary", T, "要旨"),
                _f("case_kinds", e.CaseKind, "适用案件类别", many=True),
            ),
            search=("title",),
            doc="A unified law-enforcement standard or a similar-case guidance, ISSUED_BY a body.",
        ),
        NodeSpec(
            K.Evidence,
            (
                _f("name", S, "文件名", required=True),
                _f("document", e.EvidenceKind, "材料类型", required=True),
                _f("sha256", S, "SHA-256", required=True),
                _f("size", INT, "字节数", required=True),
                _f("media_type", S, "文件类型", required=True),
                _f("uploaded_at", DT, "上传时间", required=True),
                _f("uploaded_by", S, "上传人", required=True),
                _f("region_code", C, "所在区划", required=True),
                _f("description", T, "说明"),
            ),
            search=("name",),
            doc=(
                "A file on record (整改报告, 评查表, 留存材料 …), ATTACHED_TO what it documents; "
                "its content lies in the blob store under its SHA-256."
            ),
        ),
        NodeSpec(
            K.ChecklistItem,
            (
                _f("question", S, "督察事项", required=True),
                _f("region_code", C, "所在区划", required=True),
                _f("basis", S, "依据"),
                _f("result", e.ChecklistResult, "督察结论"),
                _f("note", T, "情况说明"),
                _f("answered_on", D, "核查日期"),
            ),
            search=("question",),
            doc=(
                "An item of a political inspection round's checklist (督察清单), PART_OF its "
                "round; what a non-compliant item uncovered is a Finding (UNCOVERED)."
            ),
        ),
        NodeSpec(
            K.Training,
            (
                _f("title", S, "培训名称", required=True),
                _f("held_on", D, "开班日期", required=True),
                _f("level", e.RegionLevel, "举办层级", required=True),
                _f("hours", F, "学时", required=True),
                _f("region_code", C, "所在区划", required=True),
                _f("ended_on", D, "结业日期"),
                _f("topic", S, "培训主题"),
            ),
            search=("title",),
            doc=(
                "A training of law-enforcement supervision staff (以省带市促县), ORGANIZED_BY a "
                "commission; who took it is TRAINED."
            ),
        ),
    )
}

_ACTORS = (K.Agency, K.Official)
_REL_ROLE = (_f("role", S, "角色"),)

RELS: dict[R, RelSpec] = {
    spec.type: spec
    for spec in (
        RelSpec(
            R.PART_OF,
            (
                (K.Region, K.Region),
                (K.Indicator, K.Indicator),
                (K.SupervisionAction, K.SupervisionAction),
                (K.Rectification, K.Rectification),
                (K.ChecklistItem, K.SupervisionAction),
            ),
            doc=(
                "A region in its parent; an indicator in its parent; an action in its campaign; "
                "a rectification item in the rectification it is part of; a checklist item in "
                "its political inspection round."
            ),
        ),
        RelSpec(R.LOCATED_IN, ((K.Agency, K.Region),)),
        RelSpec(
            R.GUIDES,
            ((K.Agency, K.Agency),),
            doc="条: an upper agency guides a lower one of its system.",
        ),
        RelSpec(
            R.COORDINATES,
            ((K.Agency, K.Agency),),
            doc="块: a commission coordinates its region's units.",
        ),
        RelSpec(R.POST_IN, ((K.Post, K.Agency),)),
        RelSpec(
            R.HOLDS, ((K.Official, K.Post),), _REL_ROLE, doc="Who held a post, from when to when."
        ),
        RelSpec(
            R.MEMBER_OF,
            ((K.Official, K.Agency),),
            _REL_ROLE,
            doc="Shortcut of HOLDS→POST_IN, same dates.",
        ),
        RelSpec(R.HANDLED_BY, ((K.Case, K.Agency),)),
        RelSpec(R.HANDLED, ((K.Official, K.Case),), _REL_ROLE),
        RelSpec(
            R.PARTY_TO,
            ((K.Official, K.Case),),
            (_f("party_role", e.PartyRole, "当事人身份", required=True),),
            doc="A person who is a party to a case (被告人, 罪犯, 原告, 被害人, 申请人, 信访人 …), "
            "from the day given in valid_from: one relationship per role the person holds in it.",
        ),
        RelSpec(
            R.INVOLVES,
            ((K.Case, K.Region), (K.Case, K.Agency)),
            doc="A case crossing into another region.",
        ),
        RelSpec(R.FILED, ((K.Official, K.Complaint),), doc="The petitioner of a complaint."),
        RelSpec(
            R.CONCERNS,
            (
                *_pairs((K.Complaint, K.Finding), (K.Case, K.Agency, K.Official)),
                (K.Incident, K.Case),
            ),
        ),
        RelSpec(
            R.AGAINST,
            (
                *_pairs((K.Complaint, K.Accountability), _ACTORS),
                (K.Report, K.Official),
                (K.Incident, K.Official),
            ),
        ),
        RelSpec(
            R.ASSIGNED_TO,
            _pairs((K.Complaint, K.Rectification, K.SupervisionAction, K.Report), (K.Agency,)),
        ),
        RelSpec(
            R.CONDUCTED_BY,
            ((K.SupervisionAction, K.Agency),),
            _REL_ROLE,
            doc="Who conducts an action (牵头, 联合, 上级督办); several = joint supervision.",
        ),
        RelSpec(R.TARGETS, _pairs((K.SupervisionAction,), (K.Case, K.Agency, K.Complaint))),
        RelSpec(R.REVIEWED_BY, ((K.SupervisionAction, K.Official),), _REL_ROLE),
        RelSpec(R.FOUND, ((K.SupervisionAction, K.Finding),)),
        RelSpec(R.REQUIRES, ((K.Finding, K.Rectification),)),
        RelSpec(R.LED_TO, ((K.Finding, K.Accountability),)),
        RelSpec(
            R.RECOGNIZED_BY,
            _pairs((K.Finding,), (K.SupervisionAction, K.Agency)),
            (_f("scope", S, "互认范围"), _f("recognized_on", D, "互认日期")),
            doc="Mutual recognition of a finding by another body or action.",
        ),
        RelSpec(
            R.INTERVENED_IN, ((K.Official, K.Case),), doc="Shortcut of an intervention record."
        ),
        RelSpec(R.RECORDS, ((K.InterventionRecord, K.Case),)),
        RelSpec(R.BY, ((K.InterventionRecord, K.Official),)),
        RelSpec(
            R.RECORDED_BY, ((K.InterventionRecord, K.Official), (K.InterventionRecord, K.Agency))
        ),
        RelSpec(R.CLEARS, ((K.Clearance, K.Official),)),
        RelSpec(
            R.FOLLOWS,
            ((K.Clearance, K.Complaint), (K.Clearance, K.Report), (K.Clearance, K.Incident)),
        ),
        RelSpec(R.SIGNED_BY, ((K.Agreement, K.Agency),)),
        RelSpec(R.IMPLEMENTS, ((K.Agreement, K.Agreement),), doc="An 'n' agreement under the '1'."),
        RelSpec(R.UNDER, _pairs((K.SupervisionAction, K.JointMeeting, K.Case), (K.Agreement,))),
        RelSpec(R.ATTENDED_BY, _pairs((K.JointMeeting,), _ACTORS)),
        RelSpec(R.DECIDED, _pairs((K.JointMeeting,), (K.SupervisionAction, K.Agreement))),
        RelSpec(R.SENT_TO, ((K.Notification, K.Agency),)),
        RelSpec(R.REPORTS_ON, _pairs((K.Notification,), (K.SupervisionAction, K.Finding, K.Case))),
        RelSpec(R.MEASURES, ((K.Measurement, K.Indicator),)),
        RelSpec(R.FOR_REGION, ((K.Measurement, K.Region),)),
        RelSpec(
            R.INCLUDES,
            _pairs((K.Investigation,), tuple(K)),
            (_f("x", F, "横坐标"), _f("y", F, "纵坐标")),
            doc="A node of an investigation and where it sits on the explorer's canvas.",
        ),
        RelSpec(R.DUTY_OF, ((K.Duty, K.Agency),), doc="A duty on an agency's list."),
        RelSpec(R.BREACHES, ((K.Finding, K.Duty),), doc="A finding and the duty it breached."),
        RelSpec(
            R.ISSUED_BY, ((K.Guidance, K.Agency),), doc="A standard or guidance and its issuer."
        ),
        RelSpec(
            R.CITES,
            ((K.Finding, K.Guidance), (K.SupervisionAction, K.Guidance)),
            (_f("item", S, "评查项目"),),
            doc=(
                "A finding and the standard or guidance the work departed from; a review and "
                "the guidance a deduction on one of its rubric items (`item`) rests on."
            ),
        ),
        RelSpec(R.RAISED, ((K.PatternWatch, K.Inquiry),), doc="A watch and the inquiry it opened."),
        RelSpec(
            R.EXAMINED_IN,
            ((K.Inquiry, K.Investigation),),
            doc="An inquiry and the saved investigation of its match.",
        ),
        RelSpec(
            R.ATTACHED_TO,
            _pairs(
                (K.Evidence,),
                (
                    K.Finding,
                    K.Rectification,
                    K.InterventionRecord,
                    K.SupervisionAction,
                    K.Clearance,
                ),
            ),
            doc="A file on record and the record it documents.",
        ),
        RelSpec(
            R.UNCOVERED,
            ((K.ChecklistItem, K.Finding),),
            doc="A checklist item of a political inspection and the finding it uncovered.",
        ),
        RelSpec(
            R.LOOKS_BACK_AT,
            ((K.SupervisionAction, K.SupervisionAction),),
            doc="A 回头看 and the political inspection round whose feedback it checks.",
        ),
        RelSpec(R.ORGANIZED_BY, ((K.Training, K.Agency),), doc="A training and its organizer."),
        RelSpec(
            R.TRAINED,
            ((K.Official, K.Training),),
            (_f("hours", F, "完成学时"), _f("passed", B, "考核合格")),
            doc="A person who took a training, the hours completed and whether they passed.",
        ),
        RelSpec(
            R.IN_POOL,
            ((K.Official, K.Agency),),
            (_f("level", e.RegionLevel, "人才库层级"), _f("reason", S, "出库原因")),
            doc=(
                "Membership of the three-level talent pool (三级执法监督人才库) held by a "
                "commission, dated by valid_from and valid_to."
            ),
        ),
    )
}

_FIELD_INDEX: dict[K, dict[str, Field]] = {
    k: {f.name: f for f in spec.fields + COMMON} for k, spec in NODES.items()
}
_REL_FIELD_INDEX: dict[R, dict[str, Field]] = {
    t: {f.name: f for f in spec.fields + COMMON} for t, spec in RELS.items()
}


ALLOWED_ENDS: dict[R, frozenset[tuple[K, K]]] = {t: frozenset(s.ends) for t, s in RELS.items()}


def node_fields(kind: K) -> tuple[Field, ...]:
    return NODES[kind].fields + COMMON


def rel_fields(type_: R) -> tuple[Field, ...]:
    return RELS[type_].fields + COMMON


assert set(NODES) == set(K), "every node kind has a spec"
assert set(RELS) == set(R), "every relationship type has a spec"
