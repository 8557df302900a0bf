"""A small supervision graph for the workflow tests: three levels of regions and commissions,
a county court with two judges, a pool of reviewers, a civil case and its petitioner."""

from __future__ import annotations

from typing import Any

from graph.model.enums import NodeKind as K
from graph.model.enums import RelType as R
from graph.model.records import rel_id
from graph.model.validate import make_node, make_rel
from graph.store import Batch, GraphStore

TODAY = "2024-06-30"
ACTOR = "tester"

REGIONS = {
    "510000": ("四川省", "PROVINCE", None),
    "510100": ("成都市", "CITY", "510000"),
    "510104": ("锦江区", "COUNTY", "510100"),
    "510700": ("绵阳市", "CITY", "510000"),
    "510703": ("涪城区", "COUNTY", "510700"),
}
AGENCIES = {
    "commission:510000": ("四川省委政法委", "COMMISSION", "PROVINCE", "510000"),
    "commission:510100": ("成都市委政法委", "COMMISSION", "CITY", "510100"),
    "commission:510104": ("锦江区委政法委", "COMMISSION", "COUNTY", "510104"),
    "commission:510700": ("绵阳市委政法委", "COMMISSION", "CITY", "510700"),
    "court:510104": ("锦江区人民法院", "COURT", "COUNTY", "510104"),
    "court:510100": ("成都市中级人民法院", "COURT", "CITY", "510100"),
    "court:510703": ("涪城区人民法院", "COURT", "COUNTY", "510703"),
    "police:510104": ("成都市公安局锦江区分局", "POLICE", "COUNTY", "510104"),
    "procuratorate:510104": ("锦江区人民检察院", "PROCURATORATE", "COUNTY", "510104"),
    "discipline:510100": ("成都市纪委监委", "DISCIPLINE", "CITY", "510100"),
    "congress:510100": ("成都市人大常委会", "CONGRESS", "CITY", "510100"),
    "cppcc:510100": ("政协成都市委员会", "CPPCC", "CITY", "510100"),
    "media:510000": ("四川法治报社", "MEDIA", "PROVINCE", "510000"),
}
# id: name, role, region, extra props, memberships (agency, from, to)
OFFICIALS: dict[str, tuple[str, str, str, dict[str, Any], list[tuple[str, str, str | None]]]] = {
    "judge:a": ("王法官", "JUDICIAL", "510104", {}, [("court:510104", "2018-01-01", None)]),
    "judge:b": ("李法官", "JUDICIAL", "510104", {}, [("court:510104", "2019-01-01", None)]),
    "reviewer:c": (
        "赵评查",
        "INTERNAL",
        "510700",
        {"pool_level": "CITY", "expertise": ["CIVIL"], "available": True},
        [("commission:510700", "2015-01-01", None)],
    ),
    "reviewer:d": (
        "钱评查",
        "JUDICIAL",
        "510703",
        {"pool_level": "COUNTY", "expertise": ["CIVIL", "CRIMINAL"], "available": True},
        [("court:510703", "2016-01-01", None)],
    ),
    "reviewer:e": (
        "孙评查",
        "INTERNAL",
        "510000",
        {"pool_level": "PROVINCE", "expertise": ["CIVIL"], "available": True},
        [("commission:510000", "2010-01-01", None)],
    ),
    "reviewer:f": (
        "周评查",
        "INTERNAL",
        "510100",
        {"pool_level": "CITY", "expertise": ["CIVIL"], "available": False},
        [("commission:510100", "2012-01-01", None)],
    ),
    "reviewer:g": (
        "吴评查",
        "INTERNAL",
        "510100",
        {"pool_level": "CITY", "expertise": ["CRIMINAL"], "available": True},
        [("commission:510100", "2012-01-01", None)],
    ),
    "reviewer:h": (
        "郑评查",
        "INTERNAL",
        "510100",
        {"pool_level": "CITY", "expertise": ["CIVIL"], "available": True},
        [("court:510104", "2014-01-01", "2019-06-30"), ("commission:510100", "2019-07-01", None)],
    ),
    "party:p": ("陈信访", "PARTY", "510104", {}, []),
    "leader:l": ("冯主任", "LEADER", "510100", {}, [("congress:510100", "2017-01-01", None)]),
}
CASES = {
    "case:civil": {
        "case_number": "(2023)川0104民初1号",
        "cause": "民间借贷纠纷",
        "kind": "CIVIL",
        "stage": "TRIAL",
        "region_code": "510104",
        "filed_on": "2023-03-01",
    },
    "case:criminal": {
        "case_number": "(2023)川0104刑初2号",
        "cause": "诈骗罪",
        "kind": "CRIMINAL",
        "stage": "TRIAL",
        "region_code": "510104",
        "filed_on": "2023-05-01",
        "private_enterprise": True,
    },
}
HANDLING = {"case:civil": ("court:510104", ["judge:a"]), "case:criminal": ("court:510104", [])}


def build(store: GraphStore) -> None:
    """Write the small world in one batch."""
    nodes, rels = [], []
    for code, (name, level, parent) in REGIONS.items():
        props = {"code": code, "name": name, "level": level, "parent_code": parent}
        nodes.append(make_node(K.Region, f"region:{code}", props))
        if parent:
            rels.append(make_rel(R.PART_OF, None, f"region:{code}", f"region:{parent}", {}))
    for id_, (name, kind, level, code) in AGENCIES.items():
        props = {"name": name, "kind": kind, "level": level, "region_code": code}
        nodes.append(make_node(K.Agency, id_, props))
        rels.append(make_rel(R.LOCATED_IN, None, id_, f"region:{code}", {}))
    for id_, (name, role, code, extra, spells) in OFFICIALS.items():
        props = {"name": name, "role": role, "region_code": code, **extra}
        nodes.append(make_node(K.Official, id_, props))
        for agency, start, end in spells:
            dates = {"valid_from": start, "valid_to": end}
            rels.append(
                make_rel(R.MEMBER_OF, rel_id(R.MEMBER_OF, id_, agency, start), id_, agency, dates)
            )
    for id_, props in CASES.items():
        nodes.append(make_node(K.Case, id_, props))
        agency, handlers = HANDLING[id_]
        rels.append(make_rel(R.HANDLED_BY, None, id_, agency, {}))
        rels += [make_rel(R.HANDLED, None, h, id_, {"role": "承办法官"}) for h in handlers]
    store.write(Batch(nodes=nodes, rels=rels))


def add_case(
    store: GraphStore,
    id_: str,
    unit: str,
    filed_on: str,
    kind: str = "CIVIL",
    **flags: Any,
) -> None:
    """One more case handled by ``unit`` (no handlers)."""
    code = AGENCIES[unit][3]
    props = {
        "case_number": f"({filed_on[:4]}){id_}号",
        "cause": "买卖合同纠纷",
        "kind": kind,
        "stage": "TRIAL",
        "region_code": code,
        "filed_on": filed_on,
        **flags,
    }
    store.write(
        Batch(
            nodes=[make_node(K.Case, id_, props)],
            rels=[make_rel(R.HANDLED_BY, None, id_, unit, {})],
        )
    )
