"""Small graphs for the exploration tests, written straight into a store.

``write_web`` builds the neighbourhood and path scene (Chengdu nodes linked to one another
directly and through a Panzhihua court that a Chengdu-scoped caller does not see);
``write_patterns`` plants one small instance of every named pattern beside a near miss."""

from __future__ import annotations

from typing import Any

from graph.model.enums import NodeKind as K
from graph.model.enums import RelType as R
from graph.model.records import Node, Rel, rel_id
from graph.model.validate import make_node, make_rel
from graph.store import Batch, GraphStore
from workflows.access import Access, Principal, Role, SharedItems

TODAY = "2024-06-30"
PERSONAL = {"id_number": "510104199001011234", "phone": "13812345678"}


class Scene:
    """Nodes and relationships gathered, then written in one batch."""

    def __init__(self) -> None:
        self.nodes: list[Node] = []
        self.rels: list[Rel] = []

    def node(self, node_kind: K, id_: str, /, **props: Any) -> str:
        self.nodes.append(make_node(node_kind, id_, props))
        return id_

    def link(self, type_: R, start: str, end: str, /, key: str = "", **props: Any) -> Rel:
        rel = make_rel(type_, rel_id(type_, start, end, key), start, end, props)
        self.rels.append(rel)
        return rel

    def region(self, code: str, name: str, level: str = "COUNTY") -> str:
        return self.node(K.Region, f"region:{code}", code=code, name=name, level=level)

    def agency(self, id_: str, name: str, body: str, code: str, level: str = "COUNTY") -> str:
        return self.node(K.Agency, id_, name=name, kind=body, level=level, region_code=code)

    def official(self, id_: str, name: str, code: str, role: str = "JUDICIAL", **p: Any) -> str:
        return self.node(K.Official, id_, name=name, role=role, region_code=code, **p)

    def case(self, id_: str, code: str, case_kind: str = "CIVIL", **props: Any) -> str:
        props = {"filed_on": "2022-01-10", "stage": "TRIAL", **props}
        return self.node(
            K.Case, id_, case_number=f"(2022){id_}号", cause="合同纠纷", kind=case_kind,
            region_code=code, **props,
        )  # fmt: skip

    def complaint(self, id_: str, code: str, received: str = "2022-05-01", **props: Any) -> str:
        return self.node(
            K.Complaint, id_, number=f"XF-{id_}", channel="LETTER", status="REGISTERED",
            received_on=received, region_code=code, **props,
        )  # fmt: skip

    def action(self, id_: str, mode: str, code: str, start: str, end: str, **props: Any) -> str:
        return self.node(
            K.SupervisionAction, id_, title=f"{id_}监督", kind=mode, status="COMPLETED",
            region_code=code, started_on=start, ended_on=end, **props,
        )  # fmt: skip

    def write(self, store: GraphStore) -> None:
        store.write(Batch(nodes=self.nodes, rels=self.rels))


def access(store: GraphStore, role: str = "admin", region: str | None = None) -> Access:
    return Access(Principal(f"{role}@{region or 'all'}", Role(role), region), SharedItems(store))


# -- neighbourhood and paths -----------------------------------------------------------------


def write_web(store: GraphStore) -> Scene:
    """Jinjiang officials x, y and z; x and y share the Panzhihua court (hidden from Chengdu)
    and, one step longer, a Jinjiang case and court; z is linked only through Panzhihua."""
    s = Scene()
    s.region("510104", "锦江区")
    s.region("510400", "攀枝花市", "CITY")
    s.agency("court:jj", "锦江区人民法院", "COURT", "510104")
    s.agency("court:pzh", "攀枝花市中级人民法院", "COURT", "510400", "CITY")
    s.agency("police:jj", "成都市公安局锦江区分局", "POLICE", "510104")
    s.agency("proc:jj", "锦江区人民检察院", "PROCURATORATE", "510104")
    for id_, name in (("official:x", "徐某"), ("official:y", "杨某"), ("official:z", "张某")):
        s.official(id_, name, "510104", **PERSONAL)
    s.official("official:alone", "孤某", "510104")
    s.case("case:3", "510104")
    s.case("case:4", "510104")
    s.link(R.LOCATED_IN, "court:jj", "region:510104")
    s.link(R.LOCATED_IN, "police:jj", "region:510104")
    s.link(R.LOCATED_IN, "proc:jj", "region:510104")
    s.link(R.LOCATED_IN, "court:pzh", "region:510400")
    s.link(R.MEMBER_OF, "official:x", "court:pzh", valid_from="2020-01-01")
    s.link(R.MEMBER_OF, "official:y", "court:pzh", valid_from="2020-01-01")
    s.link(R.MEMBER_OF, "official:z", "court:pzh", valid_from="2020-01-01")
    s.link(R.HANDLED, "official:x", "case:3", role="承办法官", valid_from="2022-01-10")
    s.link(R.HANDLED_BY, "case:3", "court:jj")
    s.link(R.HANDLED_BY, "case:4", "court:jj")
    s.link(R.HANDLED_BY, "case:4", "police:jj")
    # x served in the Jinjiang procuratorate until 2019 and in its police since 2021.
    s.link(R.MEMBER_OF, "official:x", "proc:jj", valid_from="2015-01-01", valid_to="2019-12-31")
    s.link(R.MEMBER_OF, "official:x", "police:jj", valid_from="2021-01-01")
    s.link(R.MEMBER_OF, "official:y", "court:jj", valid_from="2018-01-01")
    s.write(store)
    return s


# -- the named patterns ----------------------------------------------------------------------

HITS = {
    "OFFICIAL_COMPLAINTS_ACROSS_CASES": "official:accused",
    "AGENCY_REPEATED_OVERDUE": "agency:overdue",
    "CASE_INTERVENTION_FLAWED_REVIEW": "case:flawed",
    "REVIEWER_LINKED_TO_CASE": "official:reviewer",
    "REPEAT_PETITIONER": "official:petitioner",
    "FREQUENT_INTERVENER": "official:intervener",
    "SAME_APPROVERS": "official:ap1",
    "REPEATED_REDUCTIONS": "official:offender1",
    "REDUCTION_AT_THE_LINE": "case:line",
    "DOUBTFUL_MEDICAL_CERTIFICATE": "case:med1",
    "CROSS_REGION_WITHOUT_AGREEMENT": "region:510104",
    "DUPLICATED_INSPECTION": "agency:inspected",
}
# Parameters the small instances are sized for (the defaults elsewhere).
PARAMETERS: dict[str, dict[str, int]] = {"SAME_APPROVERS": {"min_count": 3}}
CODE = "510104"


def _complaints_across_cases(s: Scene) -> None:
    s.official("official:accused", "被反映人", CODE)
    s.official("official:near", "近似人", CODE)
    for k in range(3):
        for who, prefix, case in (
            ("official:accused", "ac", f"case:ac{k}"),
            # The near miss: three complaints about two cases only.
            ("official:near", "nc", f"case:nc{min(k, 1)}"),
        ):
            if k < 2 or prefix == "ac":
                s.case(case, CODE)
            cid = s.complaint(f"complaint:{prefix}{k}", CODE)
            s.link(R.AGAINST, cid, who)
            s.link(R.CONCERNS, cid, case)


def _overdue(s: Scene) -> None:
    s.agency("agency:overdue", "逾期单位", "POLICE", CODE)
    s.agency("agency:timely", "按期单位", "POLICE", CODE)
    for unit, statuses in (
        ("agency:overdue", ("ISSUED", "IN_PROGRESS", "RETURNED")),
        ("agency:timely", ("ISSUED", "IN_PROGRESS", "ACCEPTED")),
    ):
        for k, status in enumerate(statuses):
            rid = f"rectification:{unit.split(':')[1]}{k}"
            s.node(
                K.Rectification, rid, title="整改", status=status, issued_on="2023-01-01",
                deadline="2023-03-01", region_code=CODE,
            )  # fmt: skip
            s.link(R.ASSIGNED_TO, rid, unit)


def _intervention(s: Scene, id_: str, case: str, by: str, classification: str) -> None:
    s.node(
        K.InterventionRecord, id_, occurred_on="2022-03-01", relation="SELF", manner="PHONE",
        classification=classification, stage="TRIAL", region_code=CODE,
    )  # fmt: skip
    s.link(R.RECORDS, id_, case)
    s.link(R.BY, id_, by)


def _flawed_review(s: Scene) -> None:
    s.official("official:asker", "过问人", CODE, role="LEADER")
    for case, grade in (("case:flawed", "不合格"), ("case:sound", "合格")):
        s.case(case, CODE)
        _intervention(s, f"intervention:{case}", case, "official:asker", "DUTY")
        review = f"action:review-{case}"
        s.action(review, "CASE_REVIEW", CODE, "2022-06-01", "2022-06-20", grade=grade)
        s.link(R.TARGETS, review, case)


def _reviewer(s: Scene) -> None:
    s.agency("court:reviewed", "被评查法院", "COURT", CODE)
    s.official("official:reviewer", "关联评查人", CODE)
    s.official("official:clean", "无关评查人", CODE)
    for case, reviewer in (
        ("case:reviewed", "official:reviewer"),
        ("case:clean", "official:clean"),
    ):
        s.case(case, CODE)
        s.link(R.HANDLED_BY, case, "court:reviewed")
        s.action(f"action:{case}", "CASE_REVIEW", CODE, "2023-06-01", "2023-06-20", grade="合格")
        s.link(R.TARGETS, f"action:{case}", case)
        s.link(R.REVIEWED_BY, f"action:{case}", reviewer)
    s.link(R.HANDLED, "official:reviewer", "case:reviewed", role="承办法官")


def _petitions(s: Scene) -> None:
    for who, count in (("official:petitioner", 3), ("official:twice", 2)):
        s.official(who, "信访人", CODE, role="PARTY")
        for k in range(count):
            cid = s.complaint(f"complaint:{who.split(':')[1]}{k}", CODE, f"2023-0{k + 1}-01")
            s.link(R.FILED, who, cid)


def _interveners(s: Scene) -> None:
    s.official("official:intervener", "多次过问人", CODE, role="LEADER")
    s.official("official:once", "一次过问人", CODE, role="LEADER")
    s.case("case:asked", CODE)
    for k, (by, classification) in enumerate(
        (
            ("official:intervener", "IMPROPER"),
            ("official:intervener", "IMPROPER"),
            ("official:once", "IMPROPER"),
            ("official:once", "DUTY"),
        )
    ):
        _intervention(s, f"intervention:iv{k}", "case:asked", by, classification)


def _file(s: Scene, id_: str, **props: Any) -> str:
    """A sentence-change file decided by the Chengdu intermediate court."""
    props = {"case_number": f"(2022){id_}号", "cause": "罪犯某减刑", "filed_on": "2022-01", **props}
    s.node(K.Case, id_, kind="PENALTY_EXECUTION", stage="PENALTY", region_code="510100", **props)
    s.link(R.HANDLED_BY, id_, "court:cd")
    return id_


def _sentences(s: Scene) -> None:
    s.agency("court:cd", "成都市中级人民法院", "COURT", "510100", "CITY")
    for official in ("official:ap1", "official:ap2", "official:ap3", "official:ap4"):
        s.official(official, "审批人", "510100")
    for k in range(3):
        _file(s, f"case:pair{k}")
        s.link(R.HANDLED, "official:ap1", f"case:pair{k}")
        s.link(R.HANDLED, "official:ap2", f"case:pair{k}")
        if k < 2:
            s.link(R.HANDLED, "official:ap3", f"case:pair{k}")
            s.link(R.HANDLED, "official:ap4", f"case:pair{k}")
    commutation = {"sentence_change": "COMMUTATION", "months_reduced": 10}
    for offender, files in (("5100000001", 3), ("5100000002", 2)):
        person = s.official(f"official:offender{offender[-1]}", "罪犯某", "510104", "PARTY")
        for k in range(files):
            id_ = f"case:rr{k + 1}" if offender.endswith("1") else f"case:rn{k + 1}"
            cause = f"罪犯某(罪犯编号{offender})减刑"
            _file(s, id_, cause=cause, filed_on=f"202{k + 1}-03-01", **commutation)
            s.link(R.PARTY_TO, person, id_, party_role="OFFENDER")
    _file(s, "case:line", served_ratio=0.305, eligible_ratio=0.3, offence_class="职务犯罪")
    _file(s, "case:above", served_ratio=0.32, eligible_ratio=0.3)
    temporary = {"sentence_change": "TEMPORARY_EXECUTION"}
    shared = "诊断证明书(编号T-1): 高血压"
    _file(s, "case:med1", medical_certificate=shared, **temporary)
    _file(s, "case:med2", medical_certificate=shared, **temporary)
    _file(s, "case:med3", medical_certificate="诊断证明书(编号T-9): 肝癌晚期", **temporary)


def _cross_region(s: Scene) -> None:
    s.region("500105", "江北区")
    s.region("510400", "攀枝花市", "CITY")
    s.node(
        K.Agreement, "agreement:pzh", title="攀枝花—江北协作协议", tier="BILATERAL",
        level_pair="CITY_DISTRICT", signed_on="2020-05-15",
    )  # fmt: skip
    for case, code in (("case:uncovered", CODE), ("case:covered", "510400")):
        s.case(case, code, cross_region=True)
        s.link(R.INVOLVES, case, "region:500105")
    s.link(R.UNDER, "case:covered", "agreement:pzh")
    # What covers a case is the agreement's parties' areas, not the UNDER link alone.
    s.agency("agency:pzh-court", "攀枝花市中级人民法院", "COURT", "510400", "CITY")
    s.agency("agency:jb-court", "江北区人民法院", "COURT", "500105")
    s.link(R.SIGNED_BY, "agreement:pzh", "agency:pzh-court")
    s.link(R.SIGNED_BY, "agreement:pzh", "agency:jb-court")


def _inspections(s: Scene) -> None:
    for unit, periods in (
        ("agency:inspected", (("2023-03-01", "2023-03-20"), ("2023-03-10", "2023-03-25"))),
        ("agency:apart", (("2023-03-01", "2023-03-20"), ("2023-09-10", "2023-09-25"))),
    ):
        s.agency(unit, "被检查单位", "PROCURATORATE", CODE)
        for kind, (start, end) in zip(("INSPECTION", "PATROL"), periods, strict=True):
            action = s.action(f"action:{unit.split(':')[1]}-{kind}", kind, CODE, start, end)
            s.link(R.TARGETS, action, unit)


def write_patterns(store: GraphStore) -> None:
    s = Scene()
    s.region(CODE, "锦江区")
    s.region("510100", "成都市", "CITY")
    for part in (
        _complaints_across_cases,
        _overdue,
        _flawed_review,
        _reviewer,
        _petitions,
        _interveners,
        _sentences,
        _cross_region,
        _inspections,
    ):
        part(s)
    s.write(store)
