"""Enumerations of the model.

A member's *name* is the stable English code (stored, exported, used in the API); its
*value* is the Chinese label that people read.
"""

from __future__ import annotations

import enum
from typing import Self


class Labeled(enum.Enum):
    @property
    def label(self) -> str:
        return str(self.value)

    @classmethod
    def parse(cls, text: str) -> Self:
        """The member named ``text``, or whose Chinese label is ``text``."""
        if text in cls.__members__:
            return cls.__members__[text]
        return cls(text)


class NodeKind(Labeled):
    Region = "行政区划"
    Agency = "机关"
    Post = "职务"
    Official = "人员"
    Case = "案件"
    Complaint = "涉法涉诉信访"
    SupervisionAction = "监督活动"
    Finding = "问题"
    Rectification = "整改"
    Accountability = "问责"
    InterventionRecord = "干预司法记录"
    Clearance = "澄清正名"
    Agreement = "协议"
    JointMeeting = "联席会议"
    Notification = "通报"
    Indicator = "指标"
    Measurement = "指标测量值"
    Investigation = "调查研判"
    Evidence = "证据材料"
    PatternWatch = "模式监视"
    Inquiry = "研判线索"
    Duty = "权责事项"
    Guidance = "执法司法标准和类案指引"
    Report = "检举控告"
    Incident = "暴力抗法袭警辱警事件"
    ChecklistItem = "督察事项"
    Training = "培训"


class RelType(Labeled):
    PART_OF = "隶属"
    LOCATED_IN = "位于"
    GUIDES = "业务指导(条)"
    COORDINATES = "统筹协调(块)"
    POST_IN = "职务所在机关"
    HOLDS = "任职"
    MEMBER_OF = "所属机关"
    HANDLED_BY = "承办机关"
    HANDLED = "承办"
    PARTY_TO = "案件当事人"
    INVOLVES = "跨区域涉及"
    FILED = "信访人"
    CONCERNS = "涉及"
    AGAINST = "针对"
    ASSIGNED_TO = "交由办理"
    CONDUCTED_BY = "实施主体"
    TARGETS = "监督对象"
    REVIEWED_BY = "评查人员"
    FOUND = "发现问题"
    REQUIRES = "要求整改"
    LED_TO = "导致问责"
    RECOGNIZED_BY = "结果互认"
    INTERVENED_IN = "过问案件"
    RECORDS = "记录"
    BY = "干预人"
    RECORDED_BY = "记录人"
    CLEARS = "澄清"
    FOLLOWS = "源于"
    SIGNED_BY = "签署方"
    IMPLEMENTS = "落实"
    UNDER = "依据协议"
    ATTENDED_BY = "参会"
    DECIDED = "会议决定"
    SENT_TO = "通报对象"
    REPORTS_ON = "通报内容"
    MEASURES = "测量指标"
    FOR_REGION = "测量地区"
    INCLUDES = "纳入研判"
    ATTACHED_TO = "附于"
    RAISED = "监视发现"
    EXAMINED_IN = "研判于"
    DUTY_OF = "权力责任清单"
    BREACHES = "违反权责事项"
    ISSUED_BY = "制定机关"
    CITES = "依据标准指引"
    UNCOVERED = "督察发现"
    LOOKS_BACK_AT = "回头看"
    ORGANIZED_BY = "举办单位"
    TRAINED = "参加培训"
    IN_POOL = "入库"


class RegionLevel(Labeled):
    PROVINCE = "省"
    CITY = "市(州)"
    COUNTY = "县(区)"


class AgencyKind(Labeled):
    COMMISSION = "政法委"
    COURT = "法院"
    PROCURATORATE = "检察院"
    POLICE = "公安"
    STATE_SECURITY = "国家安全"
    JUSTICE = "司法行政"
    PRISON = "监狱/戒毒"
    DISCIPLINE = "纪委监委"
    ORGANIZATION = "组织部"
    CONGRESS = "人大(监察司法委)"
    CPPCC = "政协"
    MEDIA = "媒体"


class OfficialRole(Labeled):
    JUDICIAL = "司法人员"
    LEADER = "领导干部"
    INTERNAL = "内部人员"
    LAWYER = "律师"
    PARTY = "当事人"
    RELATED = "特殊关系人"
    INTERMEDIARY = "中介组织人员"


class PartyRole(Labeled):
    """How a person stands in a case (the dated PARTY_TO relationship)."""

    SUSPECT = "犯罪嫌疑人"
    DEFENDANT = "被告人"
    OFFENDER = "罪犯"
    VICTIM = "被害人"
    PLAINTIFF = "原告"
    RESPONDENT = "被告"
    THIRD_PARTY = "第三人"
    APPLICANT = "申请人"
    PETITIONER = "信访人"


class CaseKind(Labeled):
    CRIMINAL = "刑事"
    CIVIL = "民事"
    ADMINISTRATIVE = "行政"
    ENFORCEMENT = "执行"
    PENALTY_EXECUTION = "刑罚执行"


class CaseStage(Labeled):
    CLUE = "线索核查"
    FILED = "立案"
    INVESTIGATION = "侦查"
    PROSECUTION_REVIEW = "审查起诉"
    TRIAL = "审判"
    EXECUTION = "执行"
    PENALTY = "刑罚执行"


class SentenceChange(Labeled):
    COMMUTATION = "减刑"
    PAROLE = "假释"
    TEMPORARY_EXECUTION = "暂予监外执行"


class ComplaintChannel(Labeled):
    VISIT = "来访"
    LETTER = "来信"
    ONLINE = "网上信访"
    PHONE = "电话"
    REFERRAL = "转交办"


class ComplaintStatus(Labeled):
    REGISTERED = "登记"
    ACCEPTED = "受理"
    HANDLING = "办理"
    RESOLVED = "化解"
    CORRECTED = "依法纠错"
    TERMINATED = "依法终结"
    NOT_ACCEPTED = "不予受理"


class ActionKind(Labeled):
    CASE_REVIEW = "案件评查"
    CASE_SUPERVISION = "案件督办"
    CASE_COORDINATION = "案件协调"
    INSPECTION = "执法检查"
    PATROL = "执法巡查"
    VISIT = "明查暗访"
    POLITICAL_INSPECTION = "政治督察"
    DISCIPLINE_PATROL = "纪律作风督查巡查"
    SENTENCE_VERIFICATION = "减刑假释暂予监外执行核查"
    HEARING_ATTENDANCE = "旁听庭审"
    SELF_INSPECTION = "单位内部监督"
    WORKSTREAM = "三同步工作"
    LOOK_BACK = "回头看"


class ReviewType(Labeled):
    ROUTINE = "常规评查"
    SPECIAL = "专项评查"
    CROSS = "交叉评查"
    ESCALATED = "提级评查"
    CAMPAIGN = "集中评查"


class Sampling(Labeled):
    RANDOM = "随机抽查"
    STRATIFIED = "分层抽查"
    ROLLING = "滚动式"
    DRAGNET = "拉网式"


class Workstream(Labeled):
    """The "three synchronisations" (三同步) of a supervised major case, lawful handling first."""

    LAWFUL = "依法办理"
    OPINION = "舆论引导"
    SOCIAL = "社会面管控"


class CoordinationTopic(Labeled):
    """What a case coordination may record; evidence, facts and verdicts are never among them."""

    JURISDICTION = "管辖争议"
    PROCEDURE = "程序衔接"
    TIME_LIMIT = "办案期限"
    COOPERATION = "部门协作配合"
    OPINION = "舆论引导"
    STABILITY = "社会面管控"
    RISK = "风险评估"


class ActionStatus(Labeled):
    PLANNED = "计划"
    ONGOING = "进行中"
    COMPLETED = "已完成"


class SupervisionStatus(Labeled):
    PROPOSED = "立项"
    ASSIGNED = "交办"
    URGED = "催办"
    PROGRESS_REPORTED = "进展报告"
    COMPLETION_REPORTED = "办结报告"
    RETURNED = "退回重办"
    CLOSED = "办结"
    PUBLISHED = "通报"


class FindingCategory(Labeled):
    SELECTIVE = "选择性执法"
    EXCESSIVE = "过度执法"
    PROFIT_DRIVEN = "趋利执法"
    WORK_STYLE = "作风问题"
    PROCEDURAL = "程序瑕疵"
    SUBSTANTIVE = "实体错误"
    DISCIPLINE = "执法纪律问题"


class Severity(Labeled):
    MINOR = "一般"
    SERIOUS = "较重"
    GRAVE = "严重"


class RectificationStatus(Labeled):
    ISSUED = "下达"
    IN_PROGRESS = "整改中"
    SUBMITTED = "提交"
    ACCEPTED = "验收通过"
    RETURNED = "退回"
    CLOSED = "销号"


class AccountabilityMeasure(Labeled):
    REMINDER = "谈话提醒"
    CRITICISM = "批评教育"
    SELF_EXAMINATION = "责令检查"
    PARTY_DISCIPLINE = "党纪处分"
    GOVERNMENT_SANCTION = "政务处分"
    CLUE_TRANSFER = "移送纪委监委线索"


class InterventionRelation(Labeled):
    SELF = "本人"
    STAFF = "身边工作人员"
    RELATIVE = "亲属"
    ORGANIZATION = "以组织名义"


class InterventionManner(Labeled):
    IN_PERSON = "当面"
    PHONE = "电话"
    WRITTEN = "书面"
    MESSAGE = "短信/微信"
    THROUGH_OTHERS = "托人转达"


class InterventionClass(Labeled):
    DUTY = "履职过问"
    IMPROPER = "违规过问"


class AgreementTier(Labeled):
    ONE = "1(指导意见)"
    N = "n(框架协议)"
    BILATERAL = "双边/多边协议"


class LevelPair(Labeled):
    PROVINCE_PROVINCE = "省—市(省级)"
    CITY_DISTRICT = "市(州)—区县"
    CITY_CITY = "市(州)—市(州)"
    COUNTY_DISTRICT = "县—区县"


class Mechanism(Labeled):
    CLUE_LINK = "违法线索互联"
    STANDARD_SHARE = "监管标准互通"
    EVIDENCE_ASSIST = "调查取证互助"
    DISCRETION_ALIGN = "裁量尺度互融"
    RESULT_RECOGNITION = "处理结果互认"


class MeetingKind(Labeled):
    SUPERVISION = "执法监督联席会议"
    COOPERATION = "川渝政法合作联席会议"


class Recipient(Labeled):
    CONGRESS = "人大"
    CPPCC = "政协"
    MEDIA = "新闻媒体"


class IndicatorLevel(Labeled):
    LEVEL1 = "一级指标"
    LEVEL2 = "二级指标"
    LEVEL3 = "三级指标"
    BONUS = "加分项"


class ChecklistResult(Labeled):
    COMPLIANT = "符合"
    PARTLY = "部分符合"
    NONCOMPLIANT = "不符合"


class Polarity(Labeled):
    HIGHER_BETTER = "越高越好"
    LOWER_BETTER = "越低越好"


class EvidenceKind(Labeled):
    RECTIFICATION_REPORT = "整改报告"
    REVIEW_SHEET = "评查表"
    RETAINED_RECORD = "留存材料"
    EVIDENCE = "证据"
    VERIFICATION = "核查材料"
    OTHER = "其他"


class FeedbackAdoption(Labeled):
    PENDING = "待研究"
    ADOPTED = "采纳"
    PARTLY_ADOPTED = "部分采纳"
    NOT_ADOPTED = "不予采纳"


class VerificationConclusion(Labeled):
    COMPLIANT = "核查无问题"
    IRREGULAR = "存在问题需纠正"


class SentenceCorrection(Labeled):
    RECONSIDERED = "重新审理裁定"
    REVOKED = "撤销原裁定"
    RETURNED_TO_PRISON = "收监执行"
    OTHER = "其他纠正措施"


class InquiryStatus(Labeled):
    OPEN = "待研判"
    IN_PROGRESS = "研判中"
    ACTED_ON = "已处置"
    NO_ISSUE = "经研判无问题"


class GuidanceKind(Labeled):
    STANDARD = "执法司法标准"
    CASE_GUIDANCE = "类案指引"


class ReportStatus(Labeled):
    RECEIVED = "受理"
    TRUE = "属实"
    FALSE = "失实"
    FALSE_ACCUSATION = "诬告陷害"


class IncidentKind(Labeled):
    VIOLENT_RESISTANCE = "暴力抗法"
    ASSAULT = "袭警"
    INSULT = "辱警"


class IncidentHandling(Labeled):
    PENDING = "待处理"
    PROSECUTED = "依法追究刑事责任"
    ADMINISTRATIVE = "治安管理处罚"
    EDUCATED = "批评教育"
