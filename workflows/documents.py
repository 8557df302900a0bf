"""The official documents the work runs on, drafted from the records (公文, GB/T 9704 parts):

- 督办函: a case put under supervision (a CASE_SUPERVISION action), to the unit it is
  assigned to, from the body that leads it;
- 交办函: a petition (complaint) handed to the unit it is assigned to;
- 整改通知书: a rectification, to the responsible unit, from the body whose action found the
  problem;
- 评查报告: a case review (one review or a campaign with its reviews), from the body that
  conducted it;
- 干预司法情况季度报告: a commission's quarterly report on the records under the three
  regulations in its region, to the commission above it;
- 通报: a notification, to the bodies it is sent to.

A use case returns an ``OfficialDocument``: issuing authority, document number, title,
recipient, body paragraphs, signature, date, copies; ``reports.official`` lays it out and
prints it. Document numbers are derived from the records, so the same record always gets the
same number: the year, and the document's place among the issuer's documents of its kind
that year (``川政法督〔2024〕3号``). No personal data enters a document: people appear by
post, never by name or number.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from graph.errors import FieldError, NotFound, ValidationError
from graph.model import views
from graph.model.enums import (
    ActionKind,
    AgencyKind,
    CaseKind,
    FindingCategory,
    InterventionClass,
    InterventionManner,
    InterventionRelation,
    NodeKind,
    RelType,
    Severity,
)
from graph.model.records import Node
from graph.store import Direction, GraphStore, Op, Where
from workflows.access import Permission
from workflows.bodies import LEAD
from workflows.petitioning.interventions import quarter_bounds, quarterly_reports
from workflows.reading import every, in_period, in_region, linked, require
from workflows.usecase import use_case

ABBREVIATIONS = {"51": "川", "50": "渝"}
QUARTERS = {
    1: ("01-01", "03-31"),
    2: ("04-01", "06-30"),
    3: ("07-01", "09-30"),
    4: ("10-01", "12-31"),
}
NUMERALS = "一二三四五六七八九十"


@dataclass(frozen=True)
class OfficialDocument:
    kind: str  # 督办函, 交办函, 整改通知书, 评查报告, 干预司法情况报告, 通报
    issuer: str  # 发文机关
    number: str  # 发文字号
    title: str
    recipient: str  # 主送机关
    paragraphs: tuple[str, ...]
    date: str  # 成文日期, ISO
    signer: str = ""  # 发文机关署名 (the issuer when empty)
    attachments: tuple[str, ...] = ()
    copies_to: tuple[str, ...] = ()  # 抄送
    source_id: str = ""
    tables: tuple[tuple[str, tuple[str, ...], tuple[tuple[str, ...], ...]], ...] = field(
        default_factory=tuple
    )

    @property
    def signed_by(self) -> str:
        return self.signer or self.issuer

    @property
    def date_cn(self) -> str:
        year, month, day = self.date[:10].split("-")
        return f"{int(year)}年{int(month)}月{int(day)}日"


def cn_date(value: str | None) -> str:
    if not value:
        return "(日期不详)"
    parts = value[:10].split("-")
    units = ("年", "月", "日")
    return "".join(f"{int(p)}{u}" for p, u in zip(parts, units, strict=False))


def abbreviation(region_code: str, name: str) -> str:
    """The issuer's short form in a document number: 川 for Sichuan's provincial bodies, 渝
    for Chongqing's, else the first character of its name (成 for 成都市委政法委)."""
    if region_code.endswith("0000") and region_code[:2] in ABBREVIATIONS:
        return ABBREVIATIONS[region_code[:2]]
    name = name.removeprefix("中共").removeprefix("中国共产党")
    for province in ("四川省", "重庆市"):
        name = name.removeprefix(province)
    return name[:1]


def _number(store: GraphStore, issuer: Node, word: str, year: str, ordinal: int) -> str:
    agency = views.Agency(issuer)
    body = "政法" if agency.kind == AgencyKind.COMMISSION.name else ""
    region = store.list_nodes(NodeKind.Region, [Where("code", Op.EQ, agency.region_code)]).items
    name = str(region[0].props["name"]) if region else agency.name
    short = abbreviation(agency.region_code, name)
    return f"{short}{body}{word}〔{year}〕{ordinal}号"


def _ordinal(nodes: Sequence[Node], target: Node, date_field: str) -> int:
    """The target's place, from 1, among ``nodes`` and itself by (date, id)."""
    ranked = sorted(
        {n.id: n for n in [*nodes, target]}.values(),
        key=lambda n: (str(n.props.get(date_field) or ""), n.id),
    )
    return 1 + [n.id for n in ranked].index(target.id)


def _conductors(store: GraphStore, action_id: str) -> list[Node]:
    """The bodies conducting an action, the lead first."""
    found = linked(store, [action_id], [RelType.CONDUCTED_BY], Direction.OUT, [NodeKind.Agency])
    ordered = sorted(
        found.get(action_id, []), key=lambda n: (n.rel.props.get("role") != LEAD, n.node.id)
    )
    return [n.node for n in ordered]


def _one(
    store: GraphStore, id_: str, rel: RelType, direction: Direction, kind: NodeKind
) -> Node | None:
    found = linked(store, [id_], [rel], direction, [kind]).get(id_, [])
    return sorted((n.node for n in found), key=lambda n: n.id)[0] if found else None


def _issued_by(store: GraphStore, issuer: Node, kind: ActionKind, year: str) -> list[Node]:
    """The actions of ``kind`` the issuer conducts, started in ``year``."""
    found = linked(
        store, [issuer.id], [RelType.CONDUCTED_BY], Direction.IN, [NodeKind.SupervisionAction]
    )
    return [
        n.node
        for n in found.get(issuer.id, [])
        if n.node.props.get("kind") == kind.name
        and str(n.node.props.get("started_on") or "").startswith(year)
    ]


def _case_line(case: Node | None) -> str:
    if case is None:
        return "有关案件"
    c = views.Case(case)
    return f"{c.case_number}{c.cause}({CaseKind[c.kind].label})案"


@use_case(Permission.READ, sees=["action_id"])
def supervision_letter(*, store: GraphStore, action_id: str) -> OfficialDocument:
    """督办函 of a case under supervision."""
    action = require(store, action_id, NodeKind.SupervisionAction, "action_id")
    a = views.SupervisionAction(action)
    if a.kind != ActionKind.CASE_SUPERVISION.name:
        raise ValidationError(
            FieldError("action_id", f"'{action_id}' is not a case supervision (督办)")
        )
    conductors = _conductors(store, action.id)
    if not conductors:
        raise ValidationError(FieldError("action_id", f"'{action_id}' has no body conducting it"))
    issuer = conductors[0]
    case = _one(store, action.id, RelType.TARGETS, Direction.OUT, NodeKind.Case)
    # To the unit it is assigned to; before that, to the unit handling the case.
    unit = _one(store, action.id, RelType.ASSIGNED_TO, Direction.OUT, NodeKind.Agency) or (
        case and _one(store, case.id, RelType.HANDLED_BY, Direction.OUT, NodeKind.Agency)
    )
    day = str(a.started_on or a.deadline or "")[:10]
    if len(day) != 10:
        raise ValidationError(FieldError("action_id", "has neither a start day nor a deadline"))
    year = day[:4]
    number = _number(
        store,
        issuer,
        "督",
        year,
        _ordinal(
            _issued_by(store, issuer, ActionKind.CASE_SUPERVISION, year),
            action,
            "started_on",
        ),
    )
    listed = "挂牌督办" if a.listed else "督办"
    reasons = [r for r in (a.selection_reasons or []) if r]
    body = [
        f"{views.Agency(unit).name if unit else '你单位'}办理的{_case_line(case)}，"
        f"经研究，决定列为{listed}案件。现将有关事项函告如下：",
        "一、请高度重视，依法、公正、高效办理该案，严格落实办案责任制，确保案件质量和效果。",
        f"二、请于{cn_date(a.deadline)}前将办理进展和结果书面报送{views.Agency(issuer).name}；"
        "办理中遇有重大情况，及时报告。",
        "三、逾期未办结的，将依照有关规定提级督办，并视情予以通报。",
    ]
    if reasons:
        body.insert(1, "列入督办的理由：" + "；".join(reasons) + "。")
    return OfficialDocument(
        kind="督办函",
        issuer=views.Agency(issuer).name,
        number=number,
        title=f"关于{listed}{_case_line(case)}的函",
        recipient=views.Agency(unit).name if unit else "有关单位",
        paragraphs=tuple(body),
        date=day,
        copies_to=tuple(views.Agency(c).name for c in conductors[1:]),
        source_id=action.id,
    )


@use_case(Permission.READ, sees=["complaint_id"])
def handover_letter(*, store: GraphStore, complaint_id: str) -> OfficialDocument:
    """交办函 of a petition handed to the unit it is assigned to."""
    complaint = require(store, complaint_id, NodeKind.Complaint, "complaint_id")
    c = views.Complaint(complaint)
    unit = _one(store, complaint.id, RelType.ASSIGNED_TO, Direction.OUT, NodeKind.Agency)
    if unit is None:
        raise ValidationError(
            FieldError("complaint_id", f"'{complaint_id}' is not assigned to a unit yet")
        )
    issuer = _commission(store, c.region_code) or unit
    if issuer.id == unit.id:  # handed to the commission itself: from the one above it
        issuer = _parent_commission(store, c.region_code) or unit
    day = str(c.received_on)[:10]
    same_year = [
        n
        for n in every(
            store,
            NodeKind.Complaint,
            [
                Where("region_code", Op.EQ, c.region_code),
                *in_period("received_on", day[:4], day[:4]),
            ],
        )
    ]
    case = _one(store, complaint.id, RelType.CONCERNS, Direction.OUT, NodeKind.Case)
    body = [
        f"{cn_date(c.received_on)}，我委收到涉法涉诉信访事项(编号{c.number})，"
        f"反映{_case_line(case)}有关问题。按照“属地管理、分级负责”和“谁主管、谁负责”的原则，"
        "现交你单位依法处理。",
        "请依法按程序及时受理、办理，做到事要解决、案结事了；对信访人反映的问题，"
        "依法依规作出处理意见并答复信访人。",
        "请于办结后十五日内将处理结果书面报送我委。",
    ]
    return OfficialDocument(
        kind="交办函",
        issuer=views.Agency(issuer).name,
        number=_number(store, issuer, "访", day[:4], _ordinal(same_year, complaint, "received_on")),
        title="关于交办涉法涉诉信访事项的函",
        recipient=views.Agency(unit).name,
        paragraphs=tuple(body),
        date=day,
        source_id=complaint.id,
    )


def _commission(store: GraphStore, region_code: str) -> Node | None:
    """The political-legal commission of a region."""
    found = store.list_nodes(
        NodeKind.Agency,
        [
            Where("region_code", Op.EQ, region_code),
            Where("kind", Op.EQ, AgencyKind.COMMISSION.name),
        ],
    ).items
    return sorted(found, key=lambda n: n.id)[0] if found else None


@use_case(Permission.READ, sees=["rectification_id"])
def rectification_notice(*, store: GraphStore, rectification_id: str) -> OfficialDocument:
    """整改通知书 of a rectification."""
    node = require(store, rectification_id, NodeKind.Rectification, "rectification_id")
    r = views.Rectification(node)
    finding = _one(store, node.id, RelType.REQUIRES, Direction.IN, NodeKind.Finding)
    if finding is None:
        whole = _one(store, node.id, RelType.PART_OF, Direction.OUT, NodeKind.Rectification)
        finding = whole and _one(store, whole.id, RelType.REQUIRES, Direction.IN, NodeKind.Finding)
    if finding is None:
        raise ValidationError(FieldError("rectification_id", "answers no finding"))
    f = views.Finding(finding)
    action = _one(store, finding.id, RelType.FOUND, Direction.IN, NodeKind.SupervisionAction)
    conductors = _conductors(store, action.id) if action else []
    unit = _one(store, node.id, RelType.ASSIGNED_TO, Direction.OUT, NodeKind.Agency)
    issuer = conductors[0] if conductors else _commission(store, r.region_code)
    if issuer is None or unit is None:
        raise ValidationError(
            FieldError("rectification_id", "has no issuing body or no responsible unit")
        )
    items = linked(store, [node.id], [RelType.PART_OF], Direction.IN, [NodeKind.Rectification])
    parts = sorted(
        (n.node for n in items.get(node.id, [])), key=lambda n: (str(n.props["deadline"]), n.id)
    )
    mode = ActionKind[views.SupervisionAction(action).kind].label if action else "监督"
    year = str(r.issued_on)[:4]
    # Its place among the rectifications issued that year in the issuer's region.
    same = list(
        every(
            store,
            NodeKind.Rectification,
            [*in_region(views.Agency(issuer).region_code), *in_period("issued_on", year, year)],
        )
    )
    ordinal = _ordinal(same, node, "issued_on")
    body = [
        f"{cn_date(f.found_on)}，{views.Agency(issuer).name}在{mode}中发现你单位存在以下问题："
        f"{f.title}(问题类别：{FindingCategory[f.category].label}；严重程度：{Severity[f.severity].label})。",
        f"根据有关规定，现责令你单位于{cn_date(r.deadline)}前完成整改，"
        "并将整改报告及有关证明材料报送我委。整改报告应当写明问题成因、整改措施、整改结果和长效机制。",
    ]
    if parts:
        body.append("整改事项分解如下：")
        body += [
            f"({NUMERALS[i] if i < 10 else i + 1}){views.Rectification(p).title}，"
            f"{cn_date(views.Rectification(p).deadline)}前完成。"
            for i, p in enumerate(parts)
        ]
    body.append("逾期未完成整改或整改不到位的，将依照有关规定予以通报，并视情追究相关人员责任。")
    return OfficialDocument(
        kind="整改通知书",
        issuer=views.Agency(issuer).name,
        number=_number(store, issuer, "整改", year, ordinal),
        title="整改通知书",
        recipient=views.Agency(unit).name,
        paragraphs=tuple(body),
        date=str(r.issued_on)[:10],
        source_id=node.id,
    )


@use_case(Permission.READ, sees=["action_id"])
def review_report(*, store: GraphStore, action_id: str) -> OfficialDocument:
    """评查报告 of a case review: one review, or a campaign with the reviews under it."""
    action = require(store, action_id, NodeKind.SupervisionAction, "action_id")
    a = views.SupervisionAction(action)
    if a.kind != ActionKind.CASE_REVIEW.name:
        raise ValidationError(FieldError("action_id", f"'{action_id}' is not a case review (评查)"))
    conductors = _conductors(store, action.id)
    if not conductors:
        raise ValidationError(FieldError("action_id", f"'{action_id}' has no body conducting it"))
    issuer = conductors[0]
    under = linked(
        store, [action.id], [RelType.PART_OF], Direction.IN, [NodeKind.SupervisionAction]
    )
    reviews = sorted((n.node for n in under.get(action.id, [])), key=lambda n: n.id) or [action]
    scored = [r for r in reviews if r.props.get("score") is not None]
    grades = Counter(str(r.props.get("grade") or "未评定") for r in reviews)
    deductions: Counter[str] = Counter()
    for r in reviews:
        for item in r.props.get("deductions") or []:
            deductions[str(item).split(":")[0].split("：")[0]] += 1
    cases = linked(
        store, [r.id for r in reviews], [RelType.TARGETS], Direction.OUT, [NodeKind.Case]
    )
    found = linked(
        store, [r.id for r in reviews], [RelType.FOUND], Direction.OUT, [NodeKind.Finding]
    )
    problems = sorted({views.Finding(n.node).title for ns in found.values() for n in ns})
    day = str(a.ended_on or a.started_on or "")[:10]
    if len(day) != 10:
        raise ValidationError(FieldError("action_id", "has no start or end day"))
    year = day[:4]
    mean = sum(float(r.props["score"]) for r in scored) / len(scored) if scored else None
    body = [
        f"按照工作安排，{views.Agency(issuer).name}于{cn_date(a.started_on)}至{cn_date(a.ended_on)}"
        f"组织开展了{a.title}。现将评查情况报告如下。",
        f"一、基本情况。本次共评查案件{sum(len(v) for v in cases.values()) or len(reviews)}件"
        + (f"，平均得分{mean:.1f}分" if mean is not None else "")
        + "。评查等次分布："
        + "，".join(f"{g}{n}件" for g, n in sorted(grades.items()))
        + "。",
        "二、发现的主要问题。"
        + (
            "主要扣分事项：" + "；".join(f"{k}({n}件)" for k, n in deductions.most_common(5)) + "。"
            if deductions
            else ""
        )
        + ("评查发现的问题：" + "；".join(problems[:8]) + "。" if problems else "")
        + ("评查未发现问题。" if not deductions and not problems else ""),
        "三、整改要求。对评查发现的问题，有关单位要逐案逐项整改，于评查报告印发之日起30日内"
        "报送整改报告；对评查为不合格的案件，依照有关规定启动责任倒查。",
    ]
    table_rows = tuple(
        (
            _case_line(next((n.node for n in cases.get(r.id, [])), None)),
            str(r.props.get("score") if r.props.get("score") is not None else "—"),
            str(r.props.get("grade") or "—"),
        )
        for r in reviews[:40]
    )
    return OfficialDocument(
        kind="评查报告",
        issuer=views.Agency(issuer).name,
        number=_number(
            store,
            issuer,
            "评查",
            year,
            _ordinal(_issued_by(store, issuer, ActionKind.CASE_REVIEW, year), action, "started_on"),
        ),
        title=f"关于{a.title}情况的报告",
        recipient="各有关单位",
        paragraphs=tuple(body),
        date=day,
        copies_to=tuple(views.Agency(c).name for c in conductors[1:]),
        source_id=action.id,
        tables=(("附表：案件评查结果", ("案件", "得分", "等次"), table_rows),),
    )


@use_case(Permission.READ, places=[(NodeKind.InterventionRecord, "region_code")])
def intervention_report(
    *, store: GraphStore, region_code: str, year: int, quarter: int
) -> OfficialDocument:
    """干预司法情况季度报告: a commission's quarterly report on the records under the three
    regulations (三个规定) in its region, to the commission above."""
    since, until = quarter_bounds(year, quarter)
    issuer = _commission(store, region_code)
    if issuer is None:
        raise NotFound(
            field="region_code", detail=f"no political-legal commission in '{region_code}'"
        )
    # Each case-handling unit's own report for the quarter, zero reports included.
    units = quarterly_reports(store=store, year=year, quarter=quarter, region=region_code)
    records = list(
        every(
            store,
            NodeKind.InterventionRecord,
            [*in_region(region_code), *in_period("occurred_on", since, until)],
            order_by="occurred_on",
        )
    )
    improper = [
        r for r in records if r.props.get("classification") == InterventionClass.IMPROPER.name
    ]
    by = Counter(InterventionRelation[str(r.props["relation"])].label for r in records)
    how = Counter(InterventionManner[str(r.props["manner"])].label for r in records)
    parent = _parent_commission(store, region_code)
    quarter_cn = NUMERALS[quarter - 1]
    body = [
        f"按照防止干预司法“三个规定”和有关填报要求，现将{year}年第{quarter_cn}季度本地区"
        "领导干部干预司法活动、插手具体案件处理，司法机关内部人员过问案件等情况报告如下。",
        f"一、总体情况。本季度全地区共记录过问案件情况{len(records)}件，其中履职过问"
        f"{len(records) - len(improper)}件，违规过问{len(improper)}件；"
        f"应报告单位{len(units)}个，其中零报告{sum(1 for u in units if u.zero)}个(见附表)。",
        "二、过问人关系："
        + ("，".join(f"{k}{n}件" for k, n in by.most_common()) or "无")
        + "；过问方式："
        + ("，".join(f"{k}{n}件" for k, n in how.most_common()) or "无")
        + "。",
        (
            "三、违规过问情况。"
            + "；".join(
                f"{cn_date(views.InterventionRecord(r).occurred_on)}，"
                f"{views.InterventionRecord(r).intervener_post or '有关人员'}以"
                f"{InterventionManner[views.InterventionRecord(r).manner].label}方式过问案件"
                for r in improper[:10]
            )
            + "。上述情况已按规定全面如实记录、随案入卷，并移送有关部门处理。"
            if improper
            else "三、违规过问情况。本季度未发现违规过问案件情况。"
        ),
        "四、下一步工作。持续抓好“三个规定”的宣传教育和记录报告，做到“全面记录、逢问必录”，"
        "对违规过问的及时通报、严肃问责。",
    ]
    issued_on = until
    rows = tuple(
        (views.Agency(u.agency).name, str(u.duty), str(u.improper), "是" if u.zero else "")
        for u in sorted(units, key=lambda u: (u.zero, views.Agency(u.agency).name))
    )
    return OfficialDocument(
        kind="干预司法情况报告",
        issuer=views.Agency(issuer).name,
        number=_number(store, issuer, "报", str(year), quarter),
        title=f"关于{year}年第{quarter_cn}季度干预司法活动、插手具体案件处理情况的报告",
        recipient=views.Agency(parent).name if parent else "中央政法委",
        paragraphs=tuple(body),
        date=issued_on,
        source_id=f"{region_code}/{year}Q{quarter}",
        tables=(("附表：各单位报告情况", ("单位", "履职过问", "违规过问", "零报告"), rows),),
    )


def _parent_commission(store: GraphStore, region_code: str) -> Node | None:
    region = store.list_nodes(NodeKind.Region, [Where("code", Op.EQ, region_code)]).items
    if not region:
        return None
    parents = linked(store, [region[0].id], [RelType.PART_OF], Direction.OUT, [NodeKind.Region])
    for n in parents.get(region[0].id, []):
        return _commission(store, str(n.node.props["code"]))
    return None


@use_case(Permission.READ, sees=["notification_id"])
def notification_document(*, store: GraphStore, notification_id: str) -> OfficialDocument:
    """通报 of a notification, to the bodies it is sent to, on what it reports."""
    node = require(store, notification_id, NodeKind.Notification, "notification_id")
    n = views.Notification(node)
    issuer = _commission(store, n.region_code)
    if issuer is None:
        raise ValidationError(
            FieldError("notification_id", "no commission in its region to issue it")
        )
    sent = linked(store, [node.id], [RelType.SENT_TO], Direction.OUT, [NodeKind.Agency])
    recipients = sorted(views.Agency(x.node).name for x in sent.get(node.id, []))
    about = linked(store, [node.id], [RelType.REPORTS_ON], Direction.OUT)
    lines = []
    for x in sorted(about.get(node.id, []), key=lambda x: x.node.id):
        if x.node.kind is NodeKind.Finding:
            f = views.Finding(x.node)
            lines.append(
                f"{cn_date(f.found_on)}发现：{f.title}({FindingCategory[f.category].label})"
            )
        elif x.node.kind is NodeKind.SupervisionAction:
            act = views.SupervisionAction(x.node)
            lines.append(f"{ActionKind[act.kind].label}：{act.title}")
        elif x.node.kind is NodeKind.Case:
            lines.append(_case_line(x.node))
    year = str(n.sent_on)[:4]
    same = list(
        every(
            store,
            NodeKind.Notification,
            [Where("region_code", Op.EQ, n.region_code), *in_period("sent_on", year, year)],
        )
    )
    subject = n.subject.removesuffix("的通报").removesuffix("通报")
    body = [f"现将{subject}有关情况通报如下。"]
    body += [f"{NUMERALS[i] if i < 10 else i + 1}、{line}。" for i, line in enumerate(lines)]
    body.append(
        "各单位要引以为戒，举一反三，切实加强执法司法制约监督，确保严格规范公正文明执法司法。"
    )
    return OfficialDocument(
        kind="通报",
        issuer=views.Agency(issuer).name,
        number=_number(store, issuer, "通", year, _ordinal(same, node, "sent_on")),
        title=f"关于{subject}的通报",
        recipient="、".join(recipients) or "各有关单位",
        paragraphs=tuple(body),
        date=str(n.sent_on)[:10],
        source_id=node.id,
    )


# The documents by the name the CLI and /documents/{kind} use: the use case, the argument
# naming the record, and the record's kind (None: the quarterly report, by region and quarter).
KINDS: dict[str, tuple[Callable[..., OfficialDocument], str, NodeKind | None]] = {
    "supervision-letter": (supervision_letter, "action_id", NodeKind.SupervisionAction),
    "handover-letter": (handover_letter, "complaint_id", NodeKind.Complaint),
    "rectification-notice": (rectification_notice, "rectification_id", NodeKind.Rectification),
    "review-report": (review_report, "action_id", NodeKind.SupervisionAction),
    "notification": (notification_document, "notification_id", NodeKind.Notification),
    "intervention-report": (intervention_report, "", None),
}
