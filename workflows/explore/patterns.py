"""Named pattern queries an investigator runs with parameters, each an anchor node, a Chinese
explanation and the small subgraph that shows it.

Four answer the investigator's questions of issue 7; the others find, one each, the patterns
planted in the demo dataset (docs/demo-data.md). Where the supervision workflows already
detect a pattern, its use case is the finder (``workflows/petitioning/petitions.py``,
``petitioning/interventions.py``, ``review/reviewers.py``, ``petitioning/sentences.py``,
``cooperation/agreements.py``, ``supervision/deadlines.py``, ``joint/recognition.py``); this
module only turns their answers into matches the caller may see. The default thresholds are
rules (``workflows/rules.py``).
"""

from __future__ import annotations

import enum
import functools
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from graph.model import views
from graph.model.enums import NodeKind, RelType
from graph.model.records import Node, Rel
from graph.store import Condition, Direction, GraphStore, Op, Where
from workflows import rules
from workflows.access import Access
from workflows.cooperation import agreements
from workflows.days import day
from workflows.explore.bounds import MAX_WALK, within_range
from workflows.explore.captions import caption
from workflows.joint import recognition
from workflows.petitioning import interventions, petitions, sentences
from workflows.petitioning.sentences import RedFlagKind
from workflows.reading import at_once, every, in_region, linked
from workflows.review import reviewers
from workflows.supervision import deadlines
from workflows.usecase import use_case

MAX_HOPS = MAX_WALK


class PatternName(enum.Enum):
    OFFICIAL_COMPLAINTS_ACROSS_CASES = "人员涉多案信访"
    AGENCY_REPEATED_OVERDUE = "整改反复逾期"
    CASE_INTERVENTION_FLAWED_REVIEW = "过问后评查不合格"
    REVIEWER_LINKED_TO_CASE = "评查人员与案件关联"
    REPEAT_PETITIONER = "重复信访"
    FREQUENT_INTERVENER = "多次违规过问"
    SAME_APPROVERS = "同一审批人"
    REPEATED_REDUCTIONS = "反复减刑"
    REDUCTION_AT_THE_LINE = "踩点减刑"
    DOUBTFUL_MEDICAL_CERTIFICATE = "病情证明存疑"
    CROSS_REGION_WITHOUT_AGREEMENT = "无协议跨区域案件"
    DUPLICATED_INSPECTION = "重复检查"

    @property
    def label(self) -> str:
        return str(self.value)


@dataclass(frozen=True)
class Query:
    """What a finder is asked: the region (the caller's), the day, and the two parameters."""

    store: GraphStore
    region: str | None
    today: str
    min_count: int | None
    max_hops: int | None

    def count(self, default: int) -> int:
        return default if self.min_count is None else self.min_count


@dataclass(frozen=True)
class Found:
    anchor: str
    # The text, or how to write it from the anchor's record: a finder that would read every
    # anchor for its caption leaves that to ``_finish``, which reads only those it shows.
    explanation: str | Callable[[Node], str]
    node_ids: tuple[str, ...]


@dataclass(frozen=True)
class PatternMatch:
    anchor: Node
    explanation: str
    nodes: list[Node]
    rels: list[Rel]


@dataclass(frozen=True)
class Pattern:
    name: PatternName
    description: str
    planted: str | None  # the demo's planted pattern it finds (docs/demo-data.md)
    find: Callable[[Query], list[Found]]


# -- finders ---------------------------------------------------------------------------------


def _official_complaints(q: Query) -> list[Found]:
    """The store groups the region's complaints by the officials and by the cases they name
    (``GraphStore.link_groups``); only the officials kept are read."""
    named, out_ = [RelType.AGAINST, RelType.CONCERNS], Direction.OUT

    def groups(where: list[Condition], kind: NodeKind) -> dict[str, list[str]]:
        return q.store.link_groups(
            NodeKind.Complaint, where, rel_types=named, direction=out_, node_kinds=[kind]
        )

    named_by = groups(in_region(q.region), NodeKind.Official)
    # The cases named only by the complaints that name an official (a few of them).
    naming = sorted({c for cids in named_by.values() for c in cids})
    cases: dict[str, set[str]] = defaultdict(set)
    if naming:
        for case_id, cids in groups([Where("id", Op.IN, naming)], NodeKind.Case).items():
            for cid in cids:
                cases[cid].add(case_id)
    spans = {
        oid: (cids, sorted(set().union(*(cases[c] for c in cids))))
        for oid, cids in named_by.items()
    }
    kept = {oid: s for oid, s in spans.items() if len(s[1]) >= q.count(rules.ACROSS_CASES)}
    out = []
    for oid, (cids, spanned) in kept.items():
        text = f"被{len(cids)}件信访反映, 涉及{len(spanned)}个案件"
        out.append(Found(oid, functools.partial(_captioned, text), (oid, *cids, *spanned)))
    return sorted(out, key=lambda f: (-len(f.node_ids), f.anchor))


def _captioned(text: str, anchor: Node) -> str:
    return f"{caption(anchor)}{text}"


def _overdue(q: Query) -> list[Found]:
    found = deadlines.overdue_units(
        store=q.store, today=q.today, region=q.region, least=q.count(rules.OVERDUE_RECTIFICATIONS)
    )
    return [
        Found(
            u.agency.id,
            f"{caption(u.agency)}有{len(u.rectification_ids)}项整改逾期未完成(截至{q.today}), "
            f"问责{len(u.accountability_ids)}人次",
            (
                u.agency.id,
                *u.rectification_ids,
                *u.finding_ids,
                *u.action_ids,
                *u.accountability_ids,
            ),
        )
        for u in found
    ]


def _flawed_after_intervention(q: Query) -> list[Found]:
    found = interventions.interventions_on_flawed_cases(store=q.store, region=q.region)
    by_case: dict[str, list[interventions.FlawedCaseIntervention]] = defaultdict(list)
    for f in found:
        by_case[f.case_id].append(f)
    out = []
    for cid, items in sorted(by_case.items()):
        records = sorted({f.record.id for f in items})
        if len(records) < q.count(rules.FLAWED_AFTER):
            continue
        grades = "、".join(sorted({f.grade for f in items}))
        people = sorted({f.intervener_id for f in items if f.intervener_id})
        reviews = sorted({f.review_id for f in items})
        text = f"案件被过问{len(records)}次, 其后评查等次为{grades}"
        out.append(Found(cid, text, (cid, *records, *people, *reviews)))
    return out


def _reviewer_linked(q: Query) -> list[Found]:
    hops = 0 if q.max_hops is None else q.max_hops
    found = reviewers.conflicted_assignments(store=q.store, region=q.region, hops=hops)
    units = linked(q.store, {c.case_id for c in found}, [RelType.HANDLED_BY], Direction.OUT)
    return [
        Found(
            c.official_id,
            "评查人员与被评查案件存在关联: " + "; ".join(c.reasons),
            (
                c.official_id,
                c.review_id,
                c.case_id,
                *(n.node.id for n in units.get(c.case_id, [])),
            ),
        )
        for c in found
    ]


def _repeat_petitioner(q: Query) -> list[Found]:
    found = petitions.repeat_petitions(
        store=q.store, region=q.region, min_count=q.count(rules.REPEAT_PETITIONS)
    )
    who = {"petitioner": "同一信访人", "case": "同一案件"}
    return [
        Found(
            g.key_id,
            f"{who[g.by]}在{g.span_days}天内信访{len(g.complaint_ids)}次, "
            f"涉及{len(g.agency_ids)}个机关",
            (g.key_id, *g.complaint_ids, *g.agency_ids),
        )
        for g in found
    ]


def _frequent_intervener(q: Query) -> list[Found]:
    found = interventions.repeated_interveners(
        store=q.store, region=q.region, min_improper=q.count(rules.REPEATED_IMPROPER)
    )
    return [
        Found(
            i.official.id,
            f"{caption(i.official)}违规过问{i.improper}次, 涉及{len(i.case_ids)}个案件",
            (i.official.id, *i.record_ids, *i.case_ids),
        )
        for i in found
    ]


def _red_flags(kind: RedFlagKind) -> Callable[[Query], list[Found]]:
    def find(q: Query) -> list[Found]:
        found = sentences.sentence_red_flags(
            store=q.store,
            region=q.region,
            kinds=[kind],
            repeated_reductions=q.count(rules.REPEATED_REDUCTIONS),
            same_approvers=q.count(rules.SAME_APPROVERS),
        )
        return [
            Found(
                (f.official_ids or f.case_ids)[0],
                f.summary,
                tuple(
                    dict.fromkeys(
                        [*f.official_ids, *f.case_ids, *(i for p in f.evidence for i in p.node_ids)]
                    )
                ),
            )
            for f in found
        ]

    return find


def _cross_region(q: Query) -> list[Found]:
    found = agreements.cross_region_without_agreement(store=q.store, region=q.region)
    by_region: dict[str, list[agreements.UncoveredCase]] = defaultdict(list)
    for u in found:
        by_region[views.Case(u.case).region_code].append(u)
    regions = {
        views.Region(r).code: r
        for r in every(q.store, NodeKind.Region, [Where("code", Op.IN, sorted(by_region))])
    }
    involved = {i for u in found for i in u.involved_ids}
    # Regions are public; the agencies on the other side may be hidden from the caller.
    named = {
        n.id: caption(n)
        for n in q.store.get_nodes(sorted(involved)).values()
        if n.kind is NodeKind.Region
    }
    out = []
    for code, cases in sorted(by_region.items()):
        region = regions.get(code)
        if region is None:
            continue
        others = sorted({i for u in cases for i in u.involved_ids})
        places = "、".join(named[i] for i in others if i in named)
        text = f"{caption(region)}{len(cases)}件川渝跨区域案件(涉及{places})未依据任何协作协议办理"
        ids = [region.id, *(u.case.id for u in cases), *others]
        ids += [i for u in cases for i in u.handling_unit_ids]
        out.append(Found(region.id, text, tuple(dict.fromkeys(ids))))
    return sorted(out, key=lambda f: (-len(f.node_ids), f.anchor))


def _duplicated(q: Query) -> list[Found]:
    found = recognition.duplicate_inspections(store=q.store, region=q.region)
    return [
        Found(d.target_id, d.reason, (d.target_id, *d.action_ids, *d.finding_ids)) for d in found
    ]


P = PatternName
PATTERNS: dict[PatternName, Pattern] = {
    p.name: p
    for p in (
        Pattern(
            P.OFFICIAL_COMPLAINTS_ACROSS_CASES,
            "信访反映(AGAINST 或 CONCERNS)同一人员、涉及不同案件不少于 minCount"
            f"(默认{rules.ACROSS_CASES})件",
            None,
            _official_complaints,
        ),
        Pattern(
            P.AGENCY_REPEATED_OVERDUE,
            "截至 today 逾期未完成的整改不少于 minCount"
            f"(默认{rules.OVERDUE_RECTIFICATIONS})项的单位, "
            "及其问题、监督活动和问责",
            "overdue_unit",
            _overdue,
        ),
        Pattern(
            P.CASE_INTERVENTION_FLAWED_REVIEW,
            f"案件被过问不少于 minCount(默认{rules.FLAWED_AFTER})次, "
            "其后评查等次落在最低两档(如瑕疵、不合格)",
            None,
            _flawed_after_intervention,
        ),
        Pattern(
            P.REVIEWER_LINKED_TO_CASE,
            "评查人员承办过、曾在承办单位任职、与承办人同期共事或过问过被评查案件; maxHops(默认0, "
            f"至多{MAX_HOPS})大于0时, 另查关系图中 maxHops 步内与案件相连的评查人员",
            "conflicted_reviewer",
            _reviewer_linked,
        ),
        Pattern(
            P.REPEAT_PETITIONER,
            f"同一信访人或同一案件的信访不少于 minCount(默认{rules.REPEAT_PETITIONS})件",
            "repeat_petitioner",
            _repeat_petitioner,
        ),
        Pattern(
            P.FREQUENT_INTERVENER,
            f"违规过问不少于 minCount(默认{rules.REPEATED_IMPROPER})次的人员",
            "frequent_intervener",
            _frequent_intervener,
        ),
        Pattern(
            P.SAME_APPROVERS,
            f"同一对人员共同经手的刑罚变更案件不少于 minCount(默认{rules.SAME_APPROVERS})件",
            "same_approvers",
            _red_flags(RedFlagKind.SAME_APPROVERS),
        ),
        Pattern(
            P.REPEATED_REDUCTIONS,
            f"同一罪犯三年内减刑不少于 minCount(默认{rules.REPEATED_REDUCTIONS})次",
            "repeated_reductions",
            _red_flags(RedFlagKind.REPEATED_REDUCTIONS),
        ),
        Pattern(
            P.REDUCTION_AT_THE_LINE,
            "已执行刑期比例高出法定起始比例不足0.01的减刑、假释(踩点减刑)",
            "reduction_at_the_line",
            _red_flags(RedFlagKind.AT_THE_LINE),
        ),
        Pattern(
            P.DOUBTFUL_MEDICAL_CERTIFICATE,
            "暂予监外执行的诊断证明编号重复使用, 或所载病情并非严重疾病",
            "doubtful_medical_certificate",
            _red_flags(RedFlagKind.DOUBTFUL_CERTIFICATE),
        ),
        Pattern(
            P.CROSS_REGION_WITHOUT_AGREEMENT,
            "川渝跨区域案件未依据(UNDER)任何协作协议, 按承办地区归并",
            "cross_region_without_agreement",
            _cross_region,
        ),
        Pattern(
            P.DUPLICATED_INSPECTION,
            "不同方式的监督活动在重叠期间检查同一对象、且互不认可对方结果",
            "duplicated_inspection",
            _duplicated,
        ),
    )
}


# -- the use cases ---------------------------------------------------------------------------


def pattern_names() -> list[Pattern]:
    """Every named pattern, in the order above."""
    return list(PATTERNS.values())


def _finish(
    store: GraphStore, access: Access, found: Sequence[Found], first: int
) -> list[PatternMatch]:
    # The anchors are read in order, a chunk at a time, until ``first`` matches are kept:
    # a pattern may find 17,000 officials, of which 50 are shown.
    order = list(dict.fromkeys(f.anchor for f in found))
    place = {anchor: i for i, anchor in enumerate(order)}
    anchors: dict[str, Node] = {}
    kept: list[Found] = []
    read, step = 0, max(2 * first, 100)
    for f in found:
        if len(kept) == first:
            break
        while read <= place[f.anchor]:
            anchors.update(store.get_nodes(order[read : read + step]))
            read += step
        anchor = anchors.get(f.anchor)
        if anchor is not None and access.can_see(anchor):
            kept.append(f)
    wanted = sorted({i for f in kept for i in f.node_ids})
    # The shown subgraph is the one each match's nodes induce, asked of the store once,
    # together with the nodes: those the caller may not see are then left out, with their
    # relationships.
    found_nodes, found_rels = at_once(
        store, lambda: store.get_nodes(wanted), lambda: store.rels_among(wanted)
    )
    nodes = {i: n for i, n in found_nodes.items() if access.can_see(n)}
    among = [r for r in found_rels if r.start in nodes and r.end in nodes]
    out = []
    for f in kept:
        members = [i for i in dict.fromkeys(f.node_ids) if i in nodes]
        inside = set(members)
        out.append(
            PatternMatch(
                access.present(anchors[f.anchor]),
                f.explanation
                if isinstance(f.explanation, str)
                else f.explanation(anchors[f.anchor]),
                [access.present(nodes[i]) for i in members],
                [r for r in among if r.start in inside and r.end in inside],
            )
        )
    return out


@use_case(scoped=True)
def pattern(
    *,
    store: GraphStore,
    access: Access,
    name: PatternName,
    today: str,
    min_count: int | None = None,
    max_hops: int | None = None,
    first: int = 50,
    region: str | None = None,
) -> list[PatternMatch]:
    """The matches of a named pattern in the caller's jurisdiction (``region``), at most
    ``first``; the caller's ``access`` keeps what each match shows to what it may see."""
    within_range(first, "first", 1)
    if min_count is not None:
        within_range(min_count, "min_count", 1)
    if max_hops is not None:
        within_range(max_hops, "max_hops", 0, MAX_HOPS)
    query = Query(store, region, day(today, "today"), min_count, max_hops)
    return _finish(store, access, PATTERNS[name].find(query), first)
