"""Typed reads of stored properties, one view per node kind and relationship type.

Generated from ``graph/model/kinds.py`` by ``python -m graph.model.views_source``; do not
edit. ``views.Finding(node).found_on`` reads what ``node.props.get("found_on")`` reads, but a
misspelt field fails ``mypy --strict``. Enumerations read as their stored code (the member's
name); partial dates as written. A required field reads as its type, any other as optional;
a list field reads as a list (empty when absent).
"""

from __future__ import annotations

from typing import Any, ClassVar, cast

from graph.model.enums import NodeKind, RelType
from graph.model.records import Node, Rel


class NodeView:
    """A node's properties, read by name; ``KIND`` is the kind the view reads."""

    __slots__ = ("node",)
    KIND: ClassVar[NodeKind]

    def __init__(self, node: Node) -> None:
        self.node = node

    @property
    def id(self) -> str:
        return self.node.id

    @property
    def _p(self) -> dict[str, Any]:
        return self.node.props

    @property
    def valid_from(self) -> str | None:
        """有效期起"""
        return cast("str | None", self._p.get("valid_from"))

    @property
    def valid_to(self) -> str | None:
        """有效期止(含)"""
        return cast("str | None", self._p.get("valid_to"))

    @property
    def source(self) -> str | None:
        """来源"""
        return cast("str | None", self._p.get("source"))

    @property
    def recorded_by(self) -> str | None:
        """记录人"""
        return cast("str | None", self._p.get("recorded_by"))

    @property
    def recorded_at(self) -> str | None:
        """记录时间"""
        return cast("str | None", self._p.get("recorded_at"))


class RelView:
    """A relationship's properties, read by name; ``TYPE`` is the type the view reads."""

    __slots__ = ("rel",)
    TYPE: ClassVar[RelType]

    def __init__(self, rel: Rel) -> None:
        self.rel = rel

    @property
    def id(self) -> str:
        return self.rel.id

    @property
    def start(self) -> str:
        return self.rel.start

    @property
    def end(self) -> str:
        return self.rel.end

    @property
    def _p(self) -> dict[str, Any]:
        return self.rel.props

    @property
    def valid_from(self) -> str | None:
        """有效期起"""
        return cast("str | None", self._p.get("valid_from"))

    @property
    def valid_to(self) -> str | None:
        """有效期止(含)"""
        return cast("str | None", self._p.get("valid_to"))

    @property
    def source(self) -> str | None:
        """来源"""
        return cast("str | None", self._p.get("source"))

    @property
    def recorded_by(self) -> str | None:
        """记录人"""
        return cast("str | None", self._p.get("recorded_by"))

    @property
    def recorded_at(self) -> str | None:
        """记录时间"""
        return cast("str | None", self._p.get("recorded_at"))


class Region(NodeView):
    """Region 行政区划"""

    __slots__ = ()
    KIND = NodeKind.Region

    @property
    def code(self) -> str:
        """区划代码"""
        return cast("str", self._p["code"])

    @property
    def name(self) -> str:
        """名称"""
        return cast("str", self._p["name"])

    @property
    def level(self) -> str:
        """层级"""
        return cast("str", self._p["level"])

    @property
    def parent_code(self) -> str | None:
        """上级区划代码"""
        return cast("str | None", self._p.get("parent_code"))


class Agency(NodeView):
    """Agency 机关"""

    __slots__ = ()
    KIND = NodeKind.Agency

    @property
    def name(self) -> str:
        """名称"""
        return cast("str", self._p["name"])

    @property
    def kind(self) -> str:
        """机关类别"""
        return cast("str", self._p["kind"])

    @property
    def level(self) -> str:
        """层级"""
        return cast("str", self._p["level"])

    @property
    def region_code(self) -> str:
        """所在区划"""
        return cast("str", self._p["region_code"])

    @property
    def cross_region(self) -> bool | None:
        """跨区域机构"""
        return cast("bool | None", self._p.get("cross_region"))

    @property
    def merged_into(self) -> str | None:
        """已合并至"""
        return cast("str | None", self._p.get("merged_into"))


class Post(NodeView):
    """Post 职务"""

    __slots__ = ()
    KIND = NodeKind.Post

    @property
    def title(self) -> str:
        """职务名称"""
        return cast("str", self._p["title"])

    @property
    def region_code(self) -> str:
        """所在区划"""
        return cast("str", self._p["region_code"])


class Official(NodeView):
    """Official 人员"""

    __slots__ = ()
    KIND = NodeKind.Official

    @property
    def name(self) -> str:
        """姓名"""
        return cast("str", self._p["name"])

    @property
    def role(self) -> str:
        """人员类别"""
        return cast("str", self._p["role"])

    @property
    def region_code(self) -> str | None:
        """所在区划"""
        return cast("str | None", self._p.get("region_code"))

    @property
    def gender(self) -> str | None:
        """性别"""
        return cast("str | None", self._p.get("gender"))

    @property
    def id_number(self) -> str | None:
        """身份证号"""
        return cast("str | None", self._p.get("id_number"))

    @property
    def phone(self) -> str | None:
        """联系电话"""
        return cast("str | None", self._p.get("phone"))

    @property
    def address(self) -> str | None:
        """住址"""
        return cast("str | None", self._p.get("address"))

    @property
    def pool_level(self) -> str | None:
        """执法监督人才库层级"""
        return cast("str | None", self._p.get("pool_level"))

    @property
    def expertise(self) -> list[str]:
        """评查专长"""
        return cast("list[str]", self._p.get("expertise") or [])

    @property
    def available(self) -> bool | None:
        """可参加评查"""
        return cast("bool | None", self._p.get("available"))

    @property
    def merged_into(self) -> str | None:
        """已合并至"""
        return cast("str | None", self._p.get("merged_into"))


class Case(NodeView):
    """Case 案件"""

    __slots__ = ()
    KIND = NodeKind.Case

    @property
    def case_number(self) -> str:
        """案号"""
        return cast("str", self._p["case_number"])

    @property
    def cause(self) -> str:
        """案由"""
        return cast("str", self._p["cause"])

    @property
    def kind(self) -> str:
        """案件类别"""
        return cast("str", self._p["kind"])

    @property
    def stage(self) -> str:
        """办案阶段"""
        return cast("str", self._p["stage"])

    @property
    def region_code(self) -> str:
        """所在区划"""
        return cast("str", self._p["region_code"])

    @property
    def filed_on(self) -> str | None:
        """立案日期"""
        return cast("str | None", self._p.get("filed_on"))

    @property
    def closed_on(self) -> str | None:
        """结案日期"""
        return cast("str | None", self._p.get("closed_on"))

    @property
    def private_enterprise(self) -> bool | None:
        """涉民营企业"""
        return cast("bool | None", self._p.get("private_enterprise"))

    @property
    def major_sensitive(self) -> bool | None:
        """重大敏感"""
        return cast("bool | None", self._p.get("major_sensitive"))

    @property
    def gang_related(self) -> bool | None:
        """涉黑涉恶"""
        return cast("bool | None", self._p.get("gang_related"))

    @property
    def petition_related(self) -> bool | None:
        """涉法涉诉信访"""
        return cast("bool | None", self._p.get("petition_related"))

    @property
    def cross_region(self) -> bool | None:
        """川渝跨区域"""
        return cast("bool | None", self._p.get("cross_region"))

    @property
    def sentence_change(self) -> str | None:
        """刑罚变更类别"""
        return cast("str | None", self._p.get("sentence_change"))

    @property
    def offence_class(self) -> str | None:
        """罪名类别"""
        return cast("str | None", self._p.get("offence_class"))

    @property
    def months_reduced(self) -> int | None:
        """减刑月数"""
        return cast("int | None", self._p.get("months_reduced"))

    @property
    def served_ratio(self) -> float | None:
        """已执行刑期比例"""
        return cast("float | None", self._p.get("served_ratio"))

    @property
    def eligible_ratio(self) -> float | None:
        """法定起始比例"""
        return cast("float | None", self._p.get("eligible_ratio"))

    @property
    def medical_certificate(self) -> str | None:
        """病情诊断"""
        return cast("str | None", self._p.get("medical_certificate"))

    @property
    def green_channel_on(self) -> str | None:
        """纳入绿色通道日期"""
        return cast("str | None", self._p.get("green_channel_on"))

    @property
    def green_channel_reason(self) -> str | None:
        """绿色通道事由"""
        return cast("str | None", self._p.get("green_channel_reason"))


class Complaint(NodeView):
    """Complaint 涉法涉诉信访"""

    __slots__ = ()
    KIND = NodeKind.Complaint

    @property
    def number(self) -> str:
        """信访编号"""
        return cast("str", self._p["number"])

    @property
    def channel(self) -> str:
        """信访渠道"""
        return cast("str", self._p["channel"])

    @property
    def status(self) -> str:
        """办理状态"""
        return cast("str", self._p["status"])

    @property
    def received_on(self) -> str:
        """登记日期"""
        return cast("str", self._p["received_on"])

    @property
    def region_code(self) -> str:
        """所在区划"""
        return cast("str", self._p["region_code"])

    @property
    def summary(self) -> str | None:
        """诉求摘要"""
        return cast("str | None", self._p.get("summary"))

    @property
    def accepted_on(self) -> str | None:
        """受理日期"""
        return cast("str | None", self._p.get("accepted_on"))

    @property
    def finished_on(self) -> str | None:
        """办结日期"""
        return cast("str | None", self._p.get("finished_on"))

    @property
    def extended(self) -> bool | None:
        """已延期"""
        return cast("bool | None", self._p.get("extended"))

    @property
    def found_false(self) -> bool | None:
        """经查不实"""
        return cast("bool | None", self._p.get("found_false"))


class SupervisionAction(NodeView):
    """SupervisionAction 监督活动"""

    __slots__ = ()
    KIND = NodeKind.SupervisionAction

    @property
    def title(self) -> str:
        """名称"""
        return cast("str", self._p["title"])

    @property
    def kind(self) -> str:
        """监督方式"""
        return cast("str", self._p["kind"])

    @property
    def status(self) -> str:
        """状态"""
        return cast("str", self._p["status"])

    @property
    def region_code(self) -> str:
        """所在区划"""
        return cast("str", self._p["region_code"])

    @property
    def level(self) -> str | None:
        """层级"""
        return cast("str | None", self._p.get("level"))

    @property
    def started_on(self) -> str | None:
        """开始日期"""
        return cast("str | None", self._p.get("started_on"))

    @property
    def ended_on(self) -> str | None:
        """结束日期"""
        return cast("str | None", self._p.get("ended_on"))

    @property
    def review_type(self) -> str | None:
        """评查类型"""
        return cast("str | None", self._p.get("review_type"))

    @property
    def sampling(self) -> str | None:
        """抽查方式"""
        return cast("str | None", self._p.get("sampling"))

    @property
    def supervision_status(self) -> str | None:
        """督办状态"""
        return cast("str | None", self._p.get("supervision_status"))

    @property
    def deadline(self) -> str | None:
        """办理期限"""
        return cast("str | None", self._p.get("deadline"))

    @property
    def listed(self) -> bool | None:
        """挂牌督办"""
        return cast("bool | None", self._p.get("listed"))

    @property
    def key_attention(self) -> bool | None:
        """重点关注"""
        return cast("bool | None", self._p.get("key_attention"))

    @property
    def score(self) -> float | None:
        """评查得分"""
        return cast("float | None", self._p.get("score"))

    @property
    def grade(self) -> str | None:
        """评查等次"""
        return cast("str | None", self._p.get("grade"))

    @property
    def deductions(self) -> list[str]:
        """扣分明细(评查项:扣分)"""
        return cast("list[str]", self._p.get("deductions") or [])

    @property
    def escalated_on(self) -> str | None:
        """逾期提级督办日期"""
        return cast("str | None", self._p.get("escalated_on"))

    @property
    def workstream(self) -> str | None:
        """三同步工作"""
        return cast("str | None", self._p.get("workstream"))

    @property
    def selection_reasons(self) -> list[str]:
        """列入督办理由"""
        return cast("list[str]", self._p.get("selection_reasons") or [])

    @property
    def coordination_topics(self) -> list[str]:
        """协调事项"""
        return cast("list[str]", self._p.get("coordination_topics") or [])

    @property
    def coordination_summary(self) -> str | None:
        """协调纪要"""
        return cast("str | None", self._p.get("coordination_summary"))

    @property
    def verification_conclusion(self) -> str | None:
        """核查结论"""
        return cast("str | None", self._p.get("verification_conclusion"))

    @property
    def conclusion_summary(self) -> str | None:
        """核查结论说明"""
        return cast("str | None", self._p.get("conclusion_summary"))

    @property
    def procuratorate_opinion(self) -> str | None:
        """检察意见"""
        return cast("str | None", self._p.get("procuratorate_opinion"))

    @property
    def opinion_by(self) -> str | None:
        """提出检察意见的检察院"""
        return cast("str | None", self._p.get("opinion_by"))

    @property
    def opinion_on(self) -> str | None:
        """检察意见日期"""
        return cast("str | None", self._p.get("opinion_on"))

    @property
    def correction(self) -> str | None:
        """纠正措施"""
        return cast("str | None", self._p.get("correction"))

    @property
    def corrected_on(self) -> str | None:
        """纠正日期"""
        return cast("str | None", self._p.get("corrected_on"))

    @property
    def observations(self) -> str | None:
        """旁听意见"""
        return cast("str | None", self._p.get("observations"))

    @property
    def approved_by(self) -> str | None:
        """督办审批人"""
        return cast("str | None", self._p.get("approved_by"))

    @property
    def approved_on(self) -> str | None:
        """督办审批日期"""
        return cast("str | None", self._p.get("approved_on"))

    @property
    def unannounced(self) -> bool | None:
        """暗访"""
        return cast("bool | None", self._p.get("unannounced"))

    @property
    def concealed(self) -> bool | None:
        """结束前对被查单位保密"""
        return cast("bool | None", self._p.get("concealed"))

    @property
    def conductor_ids(self) -> list[str]:
        """实施主体标识"""
        return cast("list[str]", self._p.get("conductor_ids") or [])

    @property
    def scope_regions(self) -> list[str]:
        """范围:区划"""
        return cast("list[str]", self._p.get("scope_regions") or [])

    @property
    def scope_levels(self) -> list[str]:
        """范围:层级"""
        return cast("list[str]", self._p.get("scope_levels") or [])

    @property
    def scope_agency_kinds(self) -> list[str]:
        """范围:机关类别"""
        return cast("list[str]", self._p.get("scope_agency_kinds") or [])

    @property
    def scope_case_kinds(self) -> list[str]:
        """范围:案件类别"""
        return cast("list[str]", self._p.get("scope_case_kinds") or [])

    @property
    def scope_flags(self) -> list[str]:
        """范围:案件标记"""
        return cast("list[str]", self._p.get("scope_flags") or [])

    @property
    def period_from(self) -> str | None:
        """范围:立案日期起"""
        return cast("str | None", self._p.get("period_from"))

    @property
    def period_to(self) -> str | None:
        """范围:立案日期止"""
        return cast("str | None", self._p.get("period_to"))

    @property
    def sample_size(self) -> int | None:
        """抽查数量"""
        return cast("int | None", self._p.get("sample_size"))

    @property
    def sample_round(self) -> int | None:
        """滚动评查轮次"""
        return cast("int | None", self._p.get("sample_round"))

    @property
    def feedback(self) -> str | None:
        """督察反馈意见"""
        return cast("str | None", self._p.get("feedback"))

    @property
    def feedback_on(self) -> str | None:
        """督察反馈日期"""
        return cast("str | None", self._p.get("feedback_on"))

    @property
    def rectify_by(self) -> str | None:
        """反馈问题整改期限"""
        return cast("str | None", self._p.get("rectify_by"))

    @property
    def rectified_count(self) -> int | None:
        """回头看:已整改问题数"""
        return cast("int | None", self._p.get("rectified_count"))

    @property
    def unrectified_count(self) -> int | None:
        """回头看:整改不到位问题数"""
        return cast("int | None", self._p.get("unrectified_count"))


class Finding(NodeView):
    """Finding 问题"""

    __slots__ = ()
    KIND = NodeKind.Finding

    @property
    def title(self) -> str:
        """问题"""
        return cast("str", self._p["title"])

    @property
    def category(self) -> str:
        """问题类别"""
        return cast("str", self._p["category"])

    @property
    def severity(self) -> str:
        """严重程度"""
        return cast("str", self._p["severity"])

    @property
    def found_on(self) -> str:
        """发现日期"""
        return cast("str", self._p["found_on"])

    @property
    def region_code(self) -> str:
        """所在区划"""
        return cast("str", self._p["region_code"])

    @property
    def evidence(self) -> str | None:
        """证据摘要"""
        return cast("str | None", self._p.get("evidence"))


class Rectification(NodeView):
    """Rectification 整改"""

    __slots__ = ()
    KIND = NodeKind.Rectification

    @property
    def title(self) -> str:
        """整改事项"""
        return cast("str", self._p["title"])

    @property
    def status(self) -> str:
        """整改状态"""
        return cast("str", self._p["status"])

    @property
    def issued_on(self) -> str:
        """下达日期"""
        return cast("str", self._p["issued_on"])

    @property
    def deadline(self) -> str:
        """整改期限"""
        return cast("str", self._p["deadline"])

    @property
    def region_code(self) -> str:
        """所在区划"""
        return cast("str", self._p["region_code"])

    @property
    def submitted_on(self) -> str | None:
        """提交日期"""
        return cast("str | None", self._p.get("submitted_on"))

    @property
    def closed_on(self) -> str | None:
        """销号日期"""
        return cast("str | None", self._p.get("closed_on"))

    @property
    def escalated_on(self) -> str | None:
        """逾期提级日期"""
        return cast("str | None", self._p.get("escalated_on"))

    @property
    def escalated_to(self) -> list[str]:
        """提级对象(条、块)"""
        return cast("list[str]", self._p.get("escalated_to") or [])


class Accountability(NodeView):
    """Accountability 问责"""

    __slots__ = ()
    KIND = NodeKind.Accountability

    @property
    def measure(self) -> str:
        """问责方式"""
        return cast("str", self._p["measure"])

    @property
    def decided_on(self) -> str:
        """决定日期"""
        return cast("str", self._p["decided_on"])

    @property
    def region_code(self) -> str:
        """所在区划"""
        return cast("str", self._p["region_code"])

    @property
    def description(self) -> str | None:
        """说明"""
        return cast("str | None", self._p.get("description"))


class InterventionRecord(NodeView):
    """InterventionRecord 干预司法记录"""

    __slots__ = ()
    KIND = NodeKind.InterventionRecord

    @property
    def occurred_on(self) -> str:
        """过问时间"""
        return cast("str", self._p["occurred_on"])

    @property
    def relation(self) -> str:
        """干预人关系"""
        return cast("str", self._p["relation"])

    @property
    def manner(self) -> str:
        """过问方式"""
        return cast("str", self._p["manner"])

    @property
    def classification(self) -> str:
        """性质"""
        return cast("str", self._p["classification"])

    @property
    def stage(self) -> str:
        """案件阶段"""
        return cast("str", self._p["stage"])

    @property
    def region_code(self) -> str:
        """所在区划"""
        return cast("str", self._p["region_code"])

    @property
    def intervener_post(self) -> str | None:
        """干预人职务"""
        return cast("str | None", self._p.get("intervener_post"))

    @property
    def request(self) -> str | None:
        """过问内容"""
        return cast("str | None", self._p.get("request"))


class Clearance(NodeView):
    """Clearance 澄清正名"""

    __slots__ = ()
    KIND = NodeKind.Clearance

    @property
    def decided_on(self) -> str:
        """澄清日期"""
        return cast("str", self._p["decided_on"])

    @property
    def region_code(self) -> str:
        """所在区划"""
        return cast("str", self._p["region_code"])

    @property
    def description(self) -> str | None:
        """说明"""
        return cast("str | None", self._p.get("description"))


class Agreement(NodeView):
    """Agreement 协议"""

    __slots__ = ()
    KIND = NodeKind.Agreement

    @property
    def title(self) -> str:
        """协议名称"""
        return cast("str", self._p["title"])

    @property
    def tier(self) -> str:
        """层次"""
        return cast("str", self._p["tier"])

    @property
    def level_pair(self) -> str:
        """签署层级"""
        return cast("str", self._p["level_pair"])

    @property
    def signed_on(self) -> str:
        """签署日期"""
        return cast("str", self._p["signed_on"])

    @property
    def domain(self) -> str | None:
        """领域"""
        return cast("str | None", self._p.get("domain"))

    @property
    def mechanisms(self) -> list[str]:
        """协作机制"""
        return cast("list[str]", self._p.get("mechanisms") or [])


class JointMeeting(NodeView):
    """JointMeeting 联席会议"""

    __slots__ = ()
    KIND = NodeKind.JointMeeting

    @property
    def title(self) -> str:
        """会议名称"""
        return cast("str", self._p["title"])

    @property
    def kind(self) -> str:
        """会议类别"""
        return cast("str", self._p["kind"])

    @property
    def held_on(self) -> str:
        """召开日期"""
        return cast("str", self._p["held_on"])

    @property
    def region_code(self) -> str:
        """所在区划"""
        return cast("str", self._p["region_code"])

    @property
    def agenda(self) -> str | None:
        """议题"""
        return cast("str | None", self._p.get("agenda"))

    @property
    def decisions(self) -> list[str]:
        """会议决定"""
        return cast("list[str]", self._p.get("decisions") or [])


class Notification(NodeView):
    """Notification 通报"""

    __slots__ = ()
    KIND = NodeKind.Notification

    @property
    def subject(self) -> str:
        """通报事项"""
        return cast("str", self._p["subject"])

    @property
    def recipient(self) -> str:
        """通报对象"""
        return cast("str", self._p["recipient"])

    @property
    def sent_on(self) -> str:
        """通报日期"""
        return cast("str", self._p["sent_on"])

    @property
    def region_code(self) -> str:
        """所在区划"""
        return cast("str", self._p["region_code"])

    @property
    def feedback(self) -> str | None:
        """反馈意见"""
        return cast("str | None", self._p.get("feedback"))

    @property
    def feedback_on(self) -> str | None:
        """反馈日期"""
        return cast("str | None", self._p.get("feedback_on"))

    @property
    def adoption(self) -> str | None:
        """意见采纳情况"""
        return cast("str | None", self._p.get("adoption"))

    @property
    def handling(self) -> str | None:
        """意见办理情况"""
        return cast("str | None", self._p.get("handling"))

    @property
    def decided_on(self) -> str | None:
        """采纳决定日期"""
        return cast("str | None", self._p.get("decided_on"))


class Indicator(NodeView):
    """Indicator 指标"""

    __slots__ = ()
    KIND = NodeKind.Indicator

    @property
    def code(self) -> str:
        """指标编码"""
        return cast("str", self._p["code"])

    @property
    def name(self) -> str:
        """指标名称"""
        return cast("str", self._p["name"])

    @property
    def level(self) -> str:
        """指标层级"""
        return cast("str", self._p["level"])

    @property
    def weight(self) -> float | None:
        """权重"""
        return cast("float | None", self._p.get("weight"))

    @property
    def reference_low(self) -> float | None:
        """参考区间下限"""
        return cast("float | None", self._p.get("reference_low"))

    @property
    def reference_high(self) -> float | None:
        """参考区间上限"""
        return cast("float | None", self._p.get("reference_high"))

    @property
    def polarity(self) -> str | None:
        """方向"""
        return cast("str | None", self._p.get("polarity"))

    @property
    def unit(self) -> str | None:
        """单位"""
        return cast("str | None", self._p.get("unit"))

    @property
    def definition(self) -> str | None:
        """指标定义"""
        return cast("str | None", self._p.get("definition"))

    @property
    def measure(self) -> str | None:
        """图谱计算方法"""
        return cast("str | None", self._p.get("measure"))

    @property
    def platform(self) -> str | None:
        """数据来源平台"""
        return cast("str | None", self._p.get("platform"))


class Measurement(NodeView):
    """Measurement 指标测量值"""

    __slots__ = ()
    KIND = NodeKind.Measurement

    @property
    def period(self) -> str:
        """统计期间"""
        return cast("str", self._p["period"])

    @property
    def value(self) -> float:
        """数值"""
        return cast("float", self._p["value"])

    @property
    def region_code(self) -> str:
        """所在区划"""
        return cast("str", self._p["region_code"])


class Investigation(NodeView):
    """Investigation 调查研判"""

    __slots__ = ()
    KIND = NodeKind.Investigation

    @property
    def name(self) -> str:
        """名称"""
        return cast("str", self._p["name"])

    @property
    def description(self) -> str | None:
        """说明"""
        return cast("str | None", self._p.get("description"))

    @property
    def region_code(self) -> str | None:
        """所在区划"""
        return cast("str | None", self._p.get("region_code"))


class PatternWatch(NodeView):
    """PatternWatch 模式监视"""

    __slots__ = ()
    KIND = NodeKind.PatternWatch

    @property
    def pattern(self) -> str:
        """监视模式"""
        return cast("str", self._p["pattern"])

    @property
    def assignee(self) -> str:
        """研判责任人"""
        return cast("str", self._p["assignee"])

    @property
    def active(self) -> bool:
        """启用"""
        return cast("bool", self._p["active"])

    @property
    def region_code(self) -> str | None:
        """所在区划"""
        return cast("str | None", self._p.get("region_code"))

    @property
    def min_count(self) -> int | None:
        """阈值"""
        return cast("int | None", self._p.get("min_count"))

    @property
    def max_hops(self) -> int | None:
        """最大跳数"""
        return cast("int | None", self._p.get("max_hops"))

    @property
    def last_run_on(self) -> str | None:
        """最近运行日期"""
        return cast("str | None", self._p.get("last_run_on"))


class Inquiry(NodeView):
    """Inquiry 研判线索"""

    __slots__ = ()
    KIND = NodeKind.Inquiry

    @property
    def pattern(self) -> str:
        """模式"""
        return cast("str", self._p["pattern"])

    @property
    def anchor_id(self) -> str:
        """命中对象"""
        return cast("str", self._p["anchor_id"])

    @property
    def explanation(self) -> str:
        """命中说明"""
        return cast("str", self._p["explanation"])

    @property
    def status(self) -> str:
        """研判状态"""
        return cast("str", self._p["status"])

    @property
    def assignee(self) -> str:
        """研判责任人"""
        return cast("str", self._p["assignee"])

    @property
    def opened_on(self) -> str:
        """立线日期"""
        return cast("str", self._p["opened_on"])

    @property
    def region_code(self) -> str | None:
        """所在区划"""
        return cast("str | None", self._p.get("region_code"))

    @property
    def decision(self) -> str | None:
        """研判结论"""
        return cast("str | None", self._p.get("decision"))

    @property
    def decided_on(self) -> str | None:
        """结论日期"""
        return cast("str | None", self._p.get("decided_on"))


class Report(NodeView):
    """Report 检举控告"""

    __slots__ = ()
    KIND = NodeKind.Report

    @property
    def number(self) -> str:
        """编号"""
        return cast("str", self._p["number"])

    @property
    def received_on(self) -> str:
        """受理日期"""
        return cast("str", self._p["received_on"])

    @property
    def due_on(self) -> str:
        """核查期限"""
        return cast("str", self._p["due_on"])

    @property
    def status(self) -> str:
        """核查结论"""
        return cast("str", self._p["status"])

    @property
    def region_code(self) -> str:
        """所在区划"""
        return cast("str", self._p["region_code"])

    @property
    def summary(self) -> str | None:
        """反映问题"""
        return cast("str | None", self._p.get("summary"))

    @property
    def concluded_on(self) -> str | None:
        """办结日期"""
        return cast("str | None", self._p.get("concluded_on"))


class Incident(NodeView):
    """Incident 暴力抗法袭警辱警事件"""

    __slots__ = ()
    KIND = NodeKind.Incident

    @property
    def kind(self) -> str:
        """事件类别"""
        return cast("str", self._p["kind"])

    @property
    def occurred_on(self) -> str:
        """发生日期"""
        return cast("str", self._p["occurred_on"])

    @property
    def handling(self) -> str:
        """处理结果"""
        return cast("str", self._p["handling"])

    @property
    def region_code(self) -> str:
        """所在区划"""
        return cast("str", self._p["region_code"])

    @property
    def description(self) -> str | None:
        """经过"""
        return cast("str | None", self._p.get("description"))

    @property
    def handled_on(self) -> str | None:
        """处理日期"""
        return cast("str | None", self._p.get("handled_on"))


class Duty(NodeView):
    """Duty 权责事项"""

    __slots__ = ()
    KIND = NodeKind.Duty

    @property
    def title(self) -> str:
        """权责事项"""
        return cast("str", self._p["title"])

    @property
    def region_code(self) -> str:
        """所在区划"""
        return cast("str", self._p["region_code"])

    @property
    def category(self) -> str | None:
        """事项类别"""
        return cast("str | None", self._p.get("category"))

    @property
    def basis(self) -> str | None:
        """设定依据"""
        return cast("str | None", self._p.get("basis"))


class Guidance(NodeView):
    """Guidance 执法司法标准和类案指引"""

    __slots__ = ()
    KIND = NodeKind.Guidance

    @property
    def title(self) -> str:
        """名称"""
        return cast("str", self._p["title"])

    @property
    def kind(self) -> str:
        """类别"""
        return cast("str", self._p["kind"])

    @property
    def issued_on(self) -> str:
        """发布日期"""
        return cast("str", self._p["issued_on"])

    @property
    def region_code(self) -> str:
        """所在区划"""
        return cast("str", self._p["region_code"])

    @property
    def summary(self) -> str | None:
        """要旨"""
        return cast("str | None", self._p.get("summary"))

    @property
    def case_kinds(self) -> list[str]:
        """适用案件类别"""
        return cast("list[str]", self._p.get("case_kinds") or [])


class Evidence(NodeView):
    """Evidence 证据材料"""

    __slots__ = ()
    KIND = NodeKind.Evidence

    @property
    def name(self) -> str:
        """文件名"""
        return cast("str", self._p["name"])

    @property
    def document(self) -> str:
        """材料类型"""
        return cast("str", self._p["document"])

    @property
    def sha256(self) -> str:
        """SHA-256"""
        return cast("str", self._p["sha256"])

    @property
    def size(self) -> int:
        """字节数"""
        return cast("int", self._p["size"])

    @property
    def media_type(self) -> str:
        """文件类型"""
        return cast("str", self._p["media_type"])

    @property
    def uploaded_at(self) -> str:
        """上传时间"""
        return cast("str", self._p["uploaded_at"])

    @property
    def uploaded_by(self) -> str:
        """上传人"""
        return cast("str", self._p["uploaded_by"])

    @property
    def region_code(self) -> str:
        """所在区划"""
        return cast("str", self._p["region_code"])

    @property
    def description(self) -> str | None:
        """说明"""
        return cast("str | None", self._p.get("description"))


class ChecklistItem(NodeView):
    """ChecklistItem 督察事项"""

    __slots__ = ()
    KIND = NodeKind.ChecklistItem

    @property
    def question(self) -> str:
        """督察事项"""
        return cast("str", self._p["question"])

    @property
    def region_code(self) -> str:
        """所在区划"""
        return cast("str", self._p["region_code"])

    @property
    def basis(self) -> str | None:
        """依据"""
        return cast("str | None", self._p.get("basis"))

    @property
    def result(self) -> str | None:
        """督察结论"""
        return cast("str | None", self._p.get("result"))

    @property
    def note(self) -> str | None:
        """情况说明"""
        return cast("str | None", self._p.get("note"))

    @property
    def answered_on(self) -> str | None:
        """核查日期"""
        return cast("str | None", self._p.get("answered_on"))


class Training(NodeView):
    """Training 培训"""

    __slots__ = ()
    KIND = NodeKind.Training

    @property
    def title(self) -> str:
        """培训名称"""
        return cast("str", self._p["title"])

    @property
    def held_on(self) -> str:
        """开班日期"""
        return cast("str", self._p["held_on"])

    @property
    def level(self) -> str:
        """举办层级"""
        return cast("str", self._p["level"])

    @property
    def hours(self) -> float:
        """学时"""
        return cast("float", self._p["hours"])

    @property
    def region_code(self) -> str:
        """所在区划"""
        return cast("str", self._p["region_code"])

    @property
    def ended_on(self) -> str | None:
        """结业日期"""
        return cast("str | None", self._p.get("ended_on"))

    @property
    def topic(self) -> str | None:
        """培训主题"""
        return cast("str | None", self._p.get("topic"))


class PartOf(RelView):
    """PART_OF 隶属"""

    __slots__ = ()
    TYPE = RelType.PART_OF


class LocatedIn(RelView):
    """LOCATED_IN 位于"""

    __slots__ = ()
    TYPE = RelType.LOCATED_IN


class Guides(RelView):
    """GUIDES 业务指导(条)"""

    __slots__ = ()
    TYPE = RelType.GUIDES


class Coordinates(RelView):
    """COORDINATES 统筹协调(块)"""

    __slots__ = ()
    TYPE = RelType.COORDINATES


class PostIn(RelView):
    """POST_IN 职务所在机关"""

    __slots__ = ()
    TYPE = RelType.POST_IN


class Holds(RelView):
    """HOLDS 任职"""

    __slots__ = ()
    TYPE = RelType.HOLDS

    @property
    def role(self) -> str | None:
        """角色"""
        return cast("str | None", self._p.get("role"))


class MemberOf(RelView):
    """MEMBER_OF 所属机关"""

    __slots__ = ()
    TYPE = RelType.MEMBER_OF

    @property
    def role(self) -> str | None:
        """角色"""
        return cast("str | None", self._p.get("role"))


class HandledBy(RelView):
    """HANDLED_BY 承办机关"""

    __slots__ = ()
    TYPE = RelType.HANDLED_BY


class Handled(RelView):
    """HANDLED 承办"""

    __slots__ = ()
    TYPE = RelType.HANDLED

    @property
    def role(self) -> str | None:
        """角色"""
        return cast("str | None", self._p.get("role"))


class PartyTo(RelView):
    """PARTY_TO 案件当事人"""

    __slots__ = ()
    TYPE = RelType.PARTY_TO

    @property
    def party_role(self) -> str:
        """当事人身份"""
        return cast("str", self._p["party_role"])


class Involves(RelView):
    """INVOLVES 跨区域涉及"""

    __slots__ = ()
    TYPE = RelType.INVOLVES


class Filed(RelView):
    """FILED 信访人"""

    __slots__ = ()
    TYPE = RelType.FILED


class Concerns(RelView):
    """CONCERNS 涉及"""

    __slots__ = ()
    TYPE = RelType.CONCERNS


class Against(RelView):
    """AGAINST 针对"""

    __slots__ = ()
    TYPE = RelType.AGAINST


class AssignedTo(RelView):
    """ASSIGNED_TO 交由办理"""

    __slots__ = ()
    TYPE = RelType.ASSIGNED_TO


class ConductedBy(RelView):
    """CONDUCTED_BY 实施主体"""

    __slots__ = ()
    TYPE = RelType.CONDUCTED_BY

    @property
    def role(self) -> str | None:
        """角色"""
        return cast("str | None", self._p.get("role"))


class Targets(RelView):
    """TARGETS 监督对象"""

    __slots__ = ()
    TYPE = RelType.TARGETS


class ReviewedBy(RelView):
    """REVIEWED_BY 评查人员"""

    __slots__ = ()
    TYPE = RelType.REVIEWED_BY

    @property
    def role(self) -> str | None:
        """角色"""
        return cast("str | None", self._p.get("role"))


class Found(RelView):
    """FOUND 发现问题"""

    __slots__ = ()
    TYPE = RelType.FOUND


class Requires(RelView):
    """REQUIRES 要求整改"""

    __slots__ = ()
    TYPE = RelType.REQUIRES


class LedTo(RelView):
    """LED_TO 导致问责"""

    __slots__ = ()
    TYPE = RelType.LED_TO


class RecognizedBy(RelView):
    """RECOGNIZED_BY 结果互认"""

    __slots__ = ()
    TYPE = RelType.RECOGNIZED_BY

    @property
    def scope(self) -> str | None:
        """互认范围"""
        return cast("str | None", self._p.get("scope"))

    @property
    def recognized_on(self) -> str | None:
        """互认日期"""
        return cast("str | None", self._p.get("recognized_on"))


class IntervenedIn(RelView):
    """INTERVENED_IN 过问案件"""

    __slots__ = ()
    TYPE = RelType.INTERVENED_IN


class Records(RelView):
    """RECORDS 记录"""

    __slots__ = ()
    TYPE = RelType.RECORDS


class By(RelView):
    """BY 干预人"""

    __slots__ = ()
    TYPE = RelType.BY


class RecordedBy(RelView):
    """RECORDED_BY 记录人"""

    __slots__ = ()
    TYPE = RelType.RECORDED_BY


class Clears(RelView):
    """CLEARS 澄清"""

    __slots__ = ()
    TYPE = RelType.CLEARS


class Follows(RelView):
    """FOLLOWS 源于"""

    __slots__ = ()
    TYPE = RelType.FOLLOWS


class SignedBy(RelView):
    """SIGNED_BY 签署方"""

    __slots__ = ()
    TYPE = RelType.SIGNED_BY


class Implements(RelView):
    """IMPLEMENTS 落实"""

    __slots__ = ()
    TYPE = RelType.IMPLEMENTS


class Under(RelView):
    """UNDER 依据协议"""

    __slots__ = ()
    TYPE = RelType.UNDER


class AttendedBy(RelView):
    """ATTENDED_BY 参会"""

    __slots__ = ()
    TYPE = RelType.ATTENDED_BY


class Decided(RelView):
    """DECIDED 会议决定"""

    __slots__ = ()
    TYPE = RelType.DECIDED


class SentTo(RelView):
    """SENT_TO 通报对象"""

    __slots__ = ()
    TYPE = RelType.SENT_TO


class ReportsOn(RelView):
    """REPORTS_ON 通报内容"""

    __slots__ = ()
    TYPE = RelType.REPORTS_ON


class Measures(RelView):
    """MEASURES 测量指标"""

    __slots__ = ()
    TYPE = RelType.MEASURES


class ForRegion(RelView):
    """FOR_REGION 测量地区"""

    __slots__ = ()
    TYPE = RelType.FOR_REGION


class Includes(RelView):
    """INCLUDES 纳入研判"""

    __slots__ = ()
    TYPE = RelType.INCLUDES

    @property
    def x(self) -> float | None:
        """横坐标"""
        return cast("float | None", self._p.get("x"))

    @property
    def y(self) -> float | None:
        """纵坐标"""
        return cast("float | None", self._p.get("y"))


class DutyOf(RelView):
    """DUTY_OF 权力责任清单"""

    __slots__ = ()
    TYPE = RelType.DUTY_OF


class Breaches(RelView):
    """BREACHES 违反权责事项"""

    __slots__ = ()
    TYPE = RelType.BREACHES


class IssuedBy(RelView):
    """ISSUED_BY 制定机关"""

    __slots__ = ()
    TYPE = RelType.ISSUED_BY


class Cites(RelView):
    """CITES 依据标准指引"""

    __slots__ = ()
    TYPE = RelType.CITES

    @property
    def item(self) -> str | None:
        """评查项目"""
        return cast("str | None", self._p.get("item"))


class Raised(RelView):
    """RAISED 监视发现"""

    __slots__ = ()
    TYPE = RelType.RAISED


class ExaminedIn(RelView):
    """EXAMINED_IN 研判于"""

    __slots__ = ()
    TYPE = RelType.EXAMINED_IN


class AttachedTo(RelView):
    """ATTACHED_TO 附于"""

    __slots__ = ()
    TYPE = RelType.ATTACHED_TO


class Uncovered(RelView):
    """UNCOVERED 督察发现"""

    __slots__ = ()
    TYPE = RelType.UNCOVERED


class LooksBackAt(RelView):
    """LOOKS_BACK_AT 回头看"""

    __slots__ = ()
    TYPE = RelType.LOOKS_BACK_AT


class OrganizedBy(RelView):
    """ORGANIZED_BY 举办单位"""

    __slots__ = ()
    TYPE = RelType.ORGANIZED_BY


class Trained(RelView):
    """TRAINED 参加培训"""

    __slots__ = ()
    TYPE = RelType.TRAINED

    @property
    def hours(self) -> float | None:
        """完成学时"""
        return cast("float | None", self._p.get("hours"))

    @property
    def passed(self) -> bool | None:
        """考核合格"""
        return cast("bool | None", self._p.get("passed"))


class InPool(RelView):
    """IN_POOL 入库"""

    __slots__ = ()
    TYPE = RelType.IN_POOL

    @property
    def level(self) -> str | None:
        """人才库层级"""
        return cast("str | None", self._p.get("level"))

    @property
    def reason(self) -> str | None:
        """出库原因"""
        return cast("str | None", self._p.get("reason"))
