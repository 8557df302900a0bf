"""The cooperation report's words, tables and charts, built from its figures."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from reports.areas import Side
from reports.charts import (
    CHONGQING,
    PALETTE,
    SICHUAN,
    Series,
    bar_chart,
    hbar_chart,
    heatmap,
    line_chart,
    num,
)
from reports.document import Chart, Document, Note, Paragraph, Section, Table, pct, share
from reports.drawing import draw_network
from reports.indicators import Evaluation, IndicatorValue

if TYPE_CHECKING:
    from reports.agreements import AgreementView
    from reports.cooperation import CooperationReport, Count

TITLE = "川渝政法协作情况报告"
SIDE_COLORS = {Side.SICHUAN: SICHUAN, Side.CHONGQING: CHONGQING}
TOP_AGENCIES = 12


def _figure(report: CooperationReport, key: str) -> str:
    f = report.figure(key)
    return "—" if f.value is None else f"{num(f.value)}{f.unit}"


def _counts_table(caption: str, head: str, rows: Sequence[Count]) -> Table:
    return Table(caption, (head, "数量"), tuple((c.label, str(c.value)) for c in rows), (1,))


def _parties(a: AgreementView) -> str:
    return "、".join(p.name for p in a.parties)


def summary(report: CooperationReport) -> Section:
    r = report
    sc, cq = r.rectification
    text = (
        f"报告期内({r.period.label}),川渝“1+n”协作制度体系期末在效协议"
        f"{_figure(r, 'agreements_in_force')},其中期内新签{_figure(r, 'agreements_signed')};"
        f"召开联席会议{_figure(r, 'meetings_held')},开展川渝联合监督活动"
        f"{_figure(r, 'joint_actions')};两地立案跨区域案件{_figure(r, 'cross_region_cases')},"
        f"至期末已结案{_figure(r, 'cross_region_closed')},"
        f"其中{_figure(r, 'gap_cases')}发生在尚无协议覆盖的地区之间;"
        f"监督结果互认{_figure(r, 'recognitions')}"
        f"(跨区域{_figure(r, 'cross_region_recognitions')})。"
        f"期内到期整改事项按期完成率:四川{pct(sc.on_time_rate)},重庆{pct(cq.on_time_rate)}。"
    )
    rows = tuple((f.label, "—" if f.value is None else num(f.value), f.unit) for f in r.summary)
    return Section(
        "一、总体情况",
        (
            Paragraph(text),
            Table("主要数据", ("项目", "数值", "单位"), rows, (1,)),
            Chart("协议签署、联席会议与联合监督时间线(按月)", _timeline_chart(r), wide=False),
        ),
    )


def _timeline_chart(r: CooperationReport) -> str:
    months = sorted({e.day[:7] for e in r.timeline if len(e.day) >= 7})
    if not months:
        return bar_chart("时间线", ["—"], [Series("事件", PALETTE[0], (0.0,))])
    kinds = sorted({e.kind for e in r.timeline}, key=lambda k: k.name)
    series = [
        Series(
            k.label,
            PALETTE[i % len(PALETTE)],
            tuple(
                float(sum(1 for e in r.timeline if e.kind is k and e.day[:7] == m)) for m in months
            ),
        )
        for i, k in enumerate(kinds)
    ]
    labels = [m[2:].replace("-", ".") for m in months]
    return bar_chart("时间线", labels, series, stacked=True, height=200)


def agreements(report: CooperationReport) -> Section:
    a = report.agreements
    years = [y.year for y in a.signed_by_year]
    tiers = [c for c in a.signed_by_year[0].tiers] if a.signed_by_year else []
    series = [
        Series(t.label, PALETTE[i], tuple(float(y.tiers[i].value) for y in a.signed_by_year))
        for i, t in enumerate(tiers)
    ]
    signed = tuple(
        (
            x.signed_on,
            x.title,
            x.tier.label,
            x.level_pair.label,
            x.domain.label if x.domain else "",
            _parties(x),
        )
        for x in a.signed
    )
    return Section(
        "二、协议签署与在效情况",
        (
            Paragraph(
                f"截至{report.period.date_to},在效协议{len(a.in_force)}件:"
                + ",".join(f"{c.label}{c.value}件" for c in a.by_tier)
                + f"。报告期内新签{len(a.signed)}件。"
            ),
            Chart(
                "历年签署协议数(按层次)", bar_chart("历年签署协议数", years, series, stacked=True)
            ),
            Table(
                "在效协议分布",
                ("维度", "类别", "数量"),
                tuple(("签署层级", c.label, str(c.value)) for c in a.by_level_pair if c.value)
                + tuple(("领域", c.label, str(c.value)) for c in a.by_domain if c.value)
                + tuple(("协作机制", c.label, str(c.value)) for c in a.by_mechanism),
                (2,),
            ),
            Table(
                "报告期内新签协议",
                ("签署日期", "协议名称", "层次", "层级", "领域", "签署方"),
                signed,
            ),
        ),
    )


def meetings(report: CooperationReport) -> Section:
    m = report.meetings
    cooperation = [x for x in m.meetings if x.kind.name == "COOPERATION"]
    rows = tuple(
        (
            x.held_on,
            x.title,
            x.host,
            str(len(x.attendees)),
            ";".join(x.decisions),
            str(len(x.decided_agreements)),
        )
        for x in cooperation
    )
    return Section(
        "三、联席会议及其决定",
        (
            Paragraph(
                f"报告期内召开联席会议{len(m.meetings)}次("
                + ",".join(f"{c.label}{c.value}次" for c in m.by_kind)
                + f"),形成会议决定{m.decisions}项,决定签署协议{m.decided_agreements}件、"
                f"部署监督活动{m.decided_actions}项。"
            ),
            Table(
                "川渝政法合作联席会议",
                ("召开日期", "会议", "承办地", "参会单位", "会议决定", "决定协议"),
                rows,
                (3, 5),
            ),
            Note("执法监督联席会议逐次列于附表5。"),
        ),
    )


def actions(report: CooperationReport) -> Section:
    s = report.actions
    rows = tuple(
        (
            x.started_on or "",
            x.ended_on or "",
            x.title,
            "、".join(c.name for c in x.conductors),
            x.status.label,
            str(x.findings),
        )
        for x in s.cross_region
    )
    local = sum(c.value for c in s.joint_by_side)
    return Section(
        "四、联合监督活动",
        (
            Paragraph(
                f"报告期内开展川渝联合监督活动{len(s.cross_region)}项,发现问题{s.cross_region_findings}个;"
                f"两地各自开展的多部门联合监督{local}项("
                + ",".join(f"{c.label}{c.value}项" for c in s.joint_by_side)
                + ")。"
            ),
            Table(
                "川渝联合监督活动",
                ("开始", "结束", "活动", "实施单位", "状态", "发现问题"),
                rows,
                (5,),
            ),
            _counts_table("两地多部门联合监督(按方式)", "监督方式", s.joint_by_kind),
        ),
    )


def cross_region(report: CooperationReport) -> Section:
    c = report.cross_region
    sides = [s.side.label for s in c.by_side]
    chart = hbar_chart(
        "跨区域案件办理状态",
        sides,
        [
            Series("已结案", PALETTE[2], tuple(float(s.closed) for s in c.by_side)),
            Series("未结案", PALETTE[3], tuple(float(s.open) for s in c.by_side)),
        ],
    )
    rows = tuple(
        (
            s.side.label,
            str(s.filed),
            str(s.closed),
            str(s.open),
            share(s.closed, s.filed),
            str(s.covered),
            str(s.under_agreement),
        )
        for s in c.by_side
    )
    kinds = [k.label for k in c.by_side[0].by_kind] if c.by_side else []
    kind_rows = tuple(
        (label, *(str(s.by_kind[i].value) for s in c.by_side)) for i, label in enumerate(kinds)
    )
    gap_rows = tuple(
        (
            g.sichuan.name,
            g.chongqing.name,
            str(len(g.cases)),
            "、".join(x.case_number for x in g.cases),
        )
        for g in c.gaps
    )
    gap_text = (
        "以下地区之间有跨区域案件但立案时没有在效协议覆盖,建议优先补签协议:"
        + ";".join(f"{g.sichuan.name}—{g.chongqing.name}({len(g.cases)}件)" for g in c.gaps)
        + "。"
        if c.gaps
        else "期内立案的跨区域案件均有在效协议覆盖。"
    )
    return Section(
        "五、跨区域案件办理情况",
        (
            Paragraph(
                f"报告期内两地立案跨区域案件{len(c.cases)}件,涉及地区对{len(c.pairs)}个。{gap_text}"
            ),
            Chart("跨区域案件办理状态(按承办地)", chart),
            Table(
                "跨区域案件(按承办地)",
                ("承办地", "立案", "已结案", "未结案", "办结率", "有协议覆盖", "已关联协议"),
                rows,
                (1, 2, 3, 4, 5, 6),
            ),
            Table(
                "跨区域案件类别", ("案件类别", *sides), kind_rows, tuple(range(1, len(sides) + 1))
            ),
            Table("协议覆盖缺口", ("四川地区", "重庆区县", "案件数", "案号"), gap_rows, (2,)),
            Note(
                "口径:案件以立案日期计入报告期;办结以结案日期不晚于期末计;“有协议覆盖”指立案时"
                "两地(四川为案件所在县或其市州,重庆为区县)已有在效协议;“已关联协议”指案件记录了所依据的协议。"
            ),
        ),
    )


def recognitions(report: CooperationReport) -> Section:
    r = report.recognitions
    rows = tuple((x.recognized_on, x.finding_title, x.by_name, x.scope) for x in r.cross_region)
    return Section(
        "六、监督结果互认",
        (
            Paragraph(
                f"报告期内监督结果互认{len(r.recognitions)}次,其中川渝跨区域互认{len(r.cross_region)}次;"
                "互认的问题不再重复检查,直接纳入整改与问责。"
            ),
            _counts_table("互认范围", "范围", r.by_scope),
            Table("川渝跨区域互认明细", ("互认日期", "问题", "互认单位", "范围"), rows),
        ),
    )


def rectification(report: CooperationReport) -> Section:
    items = report.rectification
    rows = tuple(
        (
            r.side.label,
            str(r.issued),
            str(r.due),
            str(r.on_time),
            str(r.late),
            str(r.open_overdue),
            pct(r.on_time_rate),
            str(r.overdue_at_end),
        )
        for r in items
    )
    chart = hbar_chart(
        "期内到期整改事项完成情况",
        [r.side.label for r in items],
        [
            Series("按期完成", PALETTE[2], tuple(float(r.on_time) for r in items)),
            Series("逾期完成", PALETTE[3], tuple(float(r.late) for r in items)),
            Series("逾期未完成", PALETTE[1], tuple(float(r.open_overdue) for r in items)),
            Series(
                "未到期末/其他",
                "#bbb",
                tuple(float(r.due - r.on_time - r.late - r.open_overdue) for r in items),
            ),
        ],
    )
    return Section(
        "七、整改落实情况(川渝对照)",
        (
            Chart("期内到期整改事项完成情况", chart),
            Table(
                "整改落实",
                (
                    "地区",
                    "期内下达",
                    "期内到期",
                    "按期完成",
                    "逾期完成",
                    "逾期未完成",
                    "按期完成率",
                    "期末逾期在办",
                ),
                rows,
                (1, 2, 3, 4, 5, 6, 7),
            ),
            Note(
                "口径:完成指整改状态为验收通过或销号,且提交(无提交日期时为销号)日期不晚于期末;"
                "“期末逾期在办”含期前下达、期末仍逾期未完成的全部事项。"
            ),
        ),
        new_page=True,
    )


def _value(v: IndicatorValue) -> str:
    if v.value is None:
        return "—"
    shown = pct(v.value) if v.unit == "%" else f"{num(v.value)}{v.unit}"
    basis = f"({v.numerator}/{v.denominator})" if v.unit == "%" else ""
    return shown + basis


def _reference(v: IndicatorValue) -> str:
    if v.reference is None:
        return ""
    low, high = v.reference
    if v.unit == "%":
        return f"{low * 100:g}%–{high * 100:g}%"
    return f"{num(low)}–{num(high)}"


def _score(v: IndicatorValue) -> str:
    return "—" if v.score is None else num(v.score)


def _tree_rows(evaluations: Sequence[Evaluation]) -> tuple[tuple[str, ...], ...]:
    first = evaluations[0]
    rows = []
    for i, v in enumerate(first.walk()):
        others = [list(e.walk())[i] for e in evaluations]
        indent = "\u3000" * {"LEVEL2": 1, "LEVEL3": 2}.get(v.level.name, 0)
        direction = v.polarity.label if v.polarity else ""
        rows.append(
            (
                v.code,
                indent + v.name + ("(加分项)" if v.level.name == "BONUS" else ""),
                num(v.weight),
                _reference(v),
                direction,
                *(x for o in others for x in (_value(o), _score(o))),
            )
        )
    rows.append(
        ("", "综合得分", "", "", "", *(x for e in evaluations for x in ("", _score_total(e))))
    )
    return tuple(rows)


def _score_total(e: Evaluation) -> str:
    return "—" if e.total is None else num(e.total)


def indicators(report: CooperationReport) -> Section:
    s = report.indicators
    names = [e.area.name for e in s.sides]
    head: tuple[str, ...] = ("编码", "指标", "权重", "参考区间", "方向")
    head += tuple(x for n in names for x in (f"{n}数值", f"{n}得分"))
    leaves = [v for v in s.sides[0].walk() if v.leaf] if s.sides else []
    scores = [
        Series(
            e.area.name,
            SIDE_COLORS[Side.SICHUAN if e.area.code.startswith("51") else Side.CHONGQING],
            tuple(float(v.score or 0.0) for v in e.walk() if v.leaf),
        )
        for e in s.sides
    ]
    quarters = sorted({e.period for e in s.quarters}, key=lambda p: p.date_from)
    trend = [
        Series(
            name,
            SIDE_COLORS[side],
            tuple(
                next(
                    (
                        float(e.total)
                        for e in s.quarters
                        if e.period == q
                        and e.area.code.startswith(side.prefix)
                        and e.total is not None
                    ),
                    float("nan"),
                )
                for q in quarters
            ),
        )
        for side, name in zip(Side, names, strict=False)
    ]
    grade_labels = sorted({c.label for _, g in s.grades for c in g})
    grade_rows = tuple(
        (
            label,
            *(str(next((c.value for c in g if c.label == label), 0)) for _, g in s.grades),
        )
        for label in grade_labels
    )
    return Section(
        "八、指标评价(四川、重庆对照)",
        (
            Paragraph(
                "指标按“一级—二级—三级+加分项”分层设权,由图数据逐项计算;三级指标按参考区间与方向计分"
                "(区间不利端60分、有利端100分),上级指标为下级得分的加权平均,综合得分另加加分项。"
                "本报告不作排名。"
            ),
            Table("指标体系与得分", head, _tree_rows(s.sides), (2, *range(5, len(head)))),
            Chart(
                "三级指标得分对照",
                bar_chart("三级指标得分对照", [v.code for v in leaves], scores, max_value=100.0),
            ),
            Chart(
                "分季度综合得分",
                line_chart(
                    "分季度综合得分", [q.quarter_label for q in quarters], trend, max_value=100.0
                ),
            ),
            Table(
                "期内案件评查等次分布",
                ("评查等次", *(side.label for side, _ in s.grades)),
                grade_rows,
                (1, 2),
            ),
            Note(
                "指标口径:" + ";".join(f"{v.code} {v.name}:{v.definition}" for v in leaves) + "。"
            ),
        ),
        new_page=True,
    )


def network(report: CooperationReport) -> Section:
    n = report.network
    a = n.analytics
    links = [
        (x.sichuan_code, x.sichuan, x.chongqing_code, x.chongqing, len(x.domains)) for x in n.links
    ]
    drawing = draw_network(n.frameworks, links, n.prefectures, n.districts)
    top = tuple(
        (
            c.agency.name,
            c.agency.side.label if c.agency.side else "",
            str(c.degree),
            str(c.agreements),
            f"{c.betweenness:.4f}",
        )
        for c in a.agencies[:TOP_AGENCIES]
    )
    coverage = tuple(
        (
            c.kind.label,
            c.level.label,
            str(c.rows),
            str(c.columns),
            str(c.covered),
            share(c.covered, c.rows * c.columns),
        )
        for c in n.coverage
        if c.rows and c.columns
    )
    districts = [name for _, name in n.districts]
    index = {code: j for j, (code, _) in enumerate(n.districts)}
    grid = [[0] * len(districts) for _ in n.prefectures]
    rows = {code: i for i, (code, _) in enumerate(n.prefectures)}
    for link in n.links:
        i, j = rows.get(link.sichuan_code[:4] + "00"), index.get(link.chongqing_code)
        if i is not None and j is not None:
            grid[i][j] = max(grid[i][j], len(link.domains))
    largest = len(a.components[0].agencies) if a.components else 0
    return Section(
        "九、协作网络",
        (
            Chart("川渝“1+n”协作网络图(期末在效协议)", drawing, wide=True),
            Paragraph(
                f"以共同签署协议为联系,期末协作网络有机关{len(a.agencies)}个,"
                f"连通分量{len(a.components)}个(最大{largest}个机关),桥接联系{len(a.bridges)}条"
                "(断开即分裂网络的单一联系)。介数中心性高的机关是连接多个协作对的枢纽。"
            ),
            Table(
                "枢纽机关(按介数中心性)",
                ("机关", "地区", "协作伙伴数", "签署协议数", "介数中心性"),
                top,
                (2, 3, 4),
            ),
            Chart(
                "市州—区县协议覆盖矩阵(格内数字为协作领域数,含所辖县)",
                heatmap("覆盖矩阵", [name for _, name in n.prefectures], districts, grid, peak=5),
                wide=True,
            ),
            Table(
                "协议覆盖(按领域与层级:四川机关×重庆对应机关)",
                ("领域", "四川层级", "四川机关", "重庆机关", "有协议的对", "覆盖率"),
                coverage,
                (2, 3, 4, 5),
            ),
        ),
        new_page=True,
    )


def annexes(report: CooperationReport) -> tuple[Section, ...]:
    r = report
    in_force = tuple(
        (
            x.signed_on,
            x.title,
            x.tier.label,
            x.level_pair.label,
            "、".join(m.label for m in x.mechanisms),
            str(x.cases),
            str(x.actions),
            str(x.meetings),
        )
        for x in r.agreements.in_force
    )
    pairs = tuple(
        (
            p.sichuan.name,
            p.chongqing.name,
            str(len(p.cases)),
            str(sum(1 for c in p.cases if c.closed_by(r.period.date_to))),
            str(len(p.uncovered)),
        )
        for p in r.cross_region.pairs
    )
    gap_cases = tuple(
        (
            c.case_number,
            c.kind.label,
            c.filed_on,
            c.closed_on or "",
            c.handled_by.name if c.handled_by else "",
        )
        for g in r.cross_region.gaps
        for c in g.cases
    )
    events = tuple((e.day, e.kind.label, e.title, e.detail) for e in r.timeline)
    meetings_all = tuple(
        (m.held_on, m.title, m.kind.label, str(len(m.attendees)), str(len(m.decided_actions)))
        for m in r.meetings.meetings
    )
    return (
        Section(
            "附表1 在效协议一览",
            (
                Table(
                    "",
                    ("签署", "协议名称", "层次", "层级", "协作机制", "案件", "活动", "会议"),
                    in_force,
                    (5, 6, 7),
                ),
                Note(
                    "“案件/活动/会议”为记录依据该协议办理的案件、开展的监督活动和召开的会议数(不限报告期)。"
                ),
            ),
            new_page=True,
            annex=True,
        ),
        Section(
            "附表2 跨区域案件(按地区对)",
            (
                Table(
                    "", ("四川地区", "重庆区县", "立案", "已结案", "无协议覆盖"), pairs, (2, 3, 4)
                ),
            ),
            annex=True,
        ),
        Section(
            "附表3 无协议覆盖的跨区域案件",
            (Table("", ("案号", "类别", "立案日期", "结案日期", "承办单位"), gap_cases),),
            annex=True,
        ),
        Section("附表4 大事记", (Table("", ("日期", "事项", "名称", "说明"), events),), annex=True),
        Section(
            "附表5 联席会议一览",
            (Table("", ("日期", "会议", "类别", "参会单位", "部署活动"), meetings_all, (3, 4)),),
            annex=True,
        ),
        Section(
            "数据说明",
            (
                Paragraph(
                    "本报告全部数字由执法监督图数据库按统计期间计算,同一数据与期间生成同一报告。"
                    "部分日期只记到年或月,凡其范围与统计期间相交即计入;协议自签署之日起在效。"
                ),
                Paragraph("数据来源:" + ("、".join(r.sources) if r.sources else "未记录") + "。"),
            ),
            annex=True,
        ),
    )


def cooperation_document(report: CooperationReport) -> Document:
    sections = (
        summary(report),
        agreements(report),
        meetings(report),
        actions(report),
        cross_region(report),
        recognitions(report),
        rectification(report),
        indicators(report),
        network(report),
        *annexes(report),
    )
    return Document(TITLE, f"统计期间:{report.period.label}", sections)
