"""A graph for the case review API tests: courts in two prefectures with cases to sample, a
case with a handler, and a reviewer pool where each kind of conflict of interest is planted
once beside reviewers with none."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from graph.model.enums import RelType
from graph.model.records import Rel, rel_id
from graph.model.validate import make_node, make_rel
from graph.store import Batch, GraphStore
from tests.worlds.sample import link

# code: name, level, parent
REGIONS = {
    "510000": ("四川省", "PROVINCE", None),
    "510100": ("成都市", "CITY", "510000"),
    "510104": ("锦江区", "COUNTY", "510100"),
    "510400": ("攀枝花市", "CITY", "510000"),
    "510700": ("绵阳市", "CITY", "510000"),
    "510703": ("涪城区", "COUNTY", "510700"),
}
# id: name, kind, level, region
AGENCIES = {
    "agency:sc-commission": ("四川省委政法委", "COMMISSION", "PROVINCE", "510000"),
    "agency:cd-commission": ("成都市委政法委", "COMMISSION", "CITY", "510100"),
    "agency:jj-commission": ("锦江区委政法委", "COMMISSION", "COUNTY", "510104"),
    "agency:my-commission": ("绵阳市委政法委", "COMMISSION", "CITY", "510700"),
    "agency:pzh-commission": ("攀枝花市委政法委", "COMMISSION", "CITY", "510400"),
    "agency:jj-court": ("锦江区人民法院", "COURT", "COUNTY", "510104"),
    "agency:fc-court": ("涪城区人民法院", "COURT", "COUNTY", "510703"),
    "agency:cd-court": ("成都市中级人民法院", "COURT", "CITY", "510100"),
    "agency:jj-procuratorate": ("锦江区人民检察院", "PROCURATORATE", "COUNTY", "510104"),
}


@dataclass(frozen=True)
class Person:
    name: str
    region: str
    spells: list[tuple[str, str, str | None]]
    pool: str | None = None
    expertise: list[str] = field(default_factory=lambda: ["CIVIL"])
    role: str = "INTERNAL"
    phone: str | None = None


OFFICIALS = {
    "official:handler": Person(
        "王法官",
        "510104",
        [("agency:jj-court", "2018-01-01", None), ("agency:fc-court", "2010-01-01", "2017-12-31")],
        role="JUDICIAL",
    ),
    # served in the handling court before moving to 绵阳
    "official:former": Person(
        "郑评查",
        "510700",
        [
            ("agency:jj-court", "2012-01-01", "2016-06-30"),
            ("agency:my-commission", "2016-07-01", None),
        ],
        "CITY",
    ),
    # beside the handler at 涪城区人民法院, 2014 to 2017
    "official:colleague": Person(
        "钱评查", "510703", [("agency:fc-court", "2014-01-01", "2020-12-31")], "COUNTY"
    ),
    "official:intervener": Person(
        "赵评查", "510700", [("agency:my-commission", "2015-01-01", None)], "CITY"
    ),
    # accused by a petition about the case: two hops away
    "official:nearby": Person(
        "孙评查", "510400", [("agency:pzh-commission", "2015-01-01", None)], "CITY"
    ),
    "official:r1": Person(
        "周评查",
        "510400",
        [("agency:pzh-commission", "2011-01-01", None)],
        "CITY",
        ["CIVIL", "CRIMINAL"],
        phone="13812345678",
    ),
    "official:r2": Person(
        "吴评查", "510700", [("agency:my-commission", "2013-01-01", None)], "CITY"
    ),
    "official:r3": Person(
        "冯评查", "510000", [("agency:sc-commission", "2010-01-01", None)], "PROVINCE"
    ),
    "official:cd-reviewer": Person(
        "陈评查",
        "510100",
        [("agency:cd-commission", "2012-01-01", None)],
        "CITY",
        ["CIVIL", "CRIMINAL"],
    ),
}
CONFLICTED = ("official:former", "official:colleague", "official:intervener", "official:nearby")
CLEAN_CROSS = ("official:r1", "official:r2", "official:r3")


@dataclass(frozen=True)
class CaseRow:
    unit: str
    kind: str
    filed_on: str


CASES = {
    **{f"case:jj-{i}": CaseRow("agency:jj-court", "CIVIL", f"2023-0{i}-10") for i in range(1, 7)},
    **{
        f"case:fc-{i}": CaseRow("agency:fc-court", "CIVIL", f"2023-0{i + 1}-20")
        for i in range(1, 5)
    },
    "case:crim": CaseRow("agency:fc-court", "CRIMINAL", "2023-04-01"),
    "case:old": CaseRow("agency:jj-court", "CIVIL", "2021-04-01"),
    "case:city": CaseRow("agency:cd-court", "CIVIL", "2023-05-05"),
    "case:target": CaseRow("agency:jj-court", "CIVIL", "2022-11-02"),
    "case:pro": CaseRow("agency:jj-procuratorate", "CRIMINAL", "2023-02-02"),
}
TARGET = "case:target"


def region_of(case_id: str) -> str:
    return AGENCIES[CASES[case_id].unit][3]


def _dated(type_: RelType, start: str, end: str, since: str, until: str | None) -> Rel:
    dates = {"valid_from": since, "valid_to": until}
    return make_rel(type_, rel_id(type_, start, end, since), start, end, dates)


def write_review_world(store: GraphStore) -> None:
    nodes: list[Any] = []
    rels: list[Any] = []
    for code, (name, level, parent) in REGIONS.items():
        region = {"code": code, "name": name, "level": level, "parent_code": parent}
        nodes.append(make_node("Region", f"region:{code}", region))
    for id_, (name, kind, level, code) in AGENCIES.items():
        agency = {"name": name, "kind": kind, "level": level, "region_code": code}
        nodes.append(make_node("Agency", id_, agency))
    for id_, p in OFFICIALS.items():
        props: dict[str, Any] = {"name": p.name, "role": p.role, "region_code": p.region}
        if p.pool is not None:
            props |= {"pool_level": p.pool, "expertise": p.expertise, "available": True}
        if p.phone is not None:
            props["phone"] = p.phone
        nodes.append(make_node("Official", id_, props))
        rels += [_dated(RelType.MEMBER_OF, id_, a, since, until) for a, since, until in p.spells]
    for id_, row in CASES.items():
        case = {
            "case_number": f"({row.filed_on[:4]}){id_}号",
            "cause": "买卖合同纠纷",
            "kind": row.kind,
            "stage": "TRIAL",
            "region_code": region_of(id_),
            "filed_on": row.filed_on,
        }
        nodes.append(make_node("Case", id_, case))
        rels.append(link("HANDLED_BY", id_, row.unit))
    nodes.append(
        make_node(
            "Complaint",
            "complaint:near",
            {
                "number": "XF-2024-001",
                "channel": "LETTER",
                "status": "REGISTERED",
                "received_on": "2024-01-05",
                "region_code": "510104",
            },
        )
    )
    rels += [
        link("HANDLED", "official:handler", TARGET),
        link("INTERVENED_IN", "official:intervener", TARGET),
        link("CONCERNS", "complaint:near", TARGET),
        link("AGAINST", "complaint:near", "official:nearby"),
    ]
    store.write(Batch(nodes=nodes, rels=rels))
