"""Small supervision graphs for the API tests, written straight into a store."""

from __future__ import annotations

from typing import Any

from graph.model.enums import RelType
from graph.model.records import Rel, rel_id
from graph.model.validate import make_node
from graph.store import Batch, GraphStore

REGIONS = [
    ("region:510000", "510000", "四川省", "PROVINCE", None),
    ("region:510100", "510100", "成都市", "CITY", "510000"),
    ("region:510104", "510104", "锦江区", "COUNTY", "510100"),
    ("region:510400", "510400", "攀枝花市", "CITY", "510000"),
    ("region:500000", "500000", "重庆市", "PROVINCE", None),
    ("region:500105", "500105", "江北区", "COUNTY", "500000"),
]
AGENCIES = [
    ("agency:sc-commission", "四川省委政法委", "COMMISSION", "PROVINCE", "510000"),
    ("agency:cq-commission", "重庆市委政法委", "COMMISSION", "PROVINCE", "500000"),
    ("agency:cd-court", "成都市中级人民法院", "COURT", "CITY", "510100"),
    ("agency:jj-police", "成都市公安局锦江区分局", "POLICE", "COUNTY", "510104"),
    ("agency:pzh-court", "攀枝花市中级人民法院", "COURT", "CITY", "510400"),
    ("agency:jb-court", "重庆市江北区人民法院", "COURT", "COUNTY", "500105"),
]
PERSONAL = {
    "id_number": "510104199001011234",
    "phone": "13812345678",
    "address": "四川省成都市锦江区某街1号",
}


def nodes() -> list[Any]:
    out = [
        make_node("Region", i, {"code": c, "name": n, "level": lv, "parent_code": p})
        for i, c, n, lv, p in REGIONS
    ]
    out += [
        make_node("Agency", i, {"name": n, "kind": k, "level": lv, "region_code": r})
        for i, n, k, lv, r in AGENCIES
    ]
    out += [
        make_node(
            "Official",
            "official:judge",
            {"name": "张法官", "role": "JUDICIAL", "region_code": "510100", **PERSONAL},
        ),
        make_node(
            "Official",
            "official:petitioner",
            {"name": "李某", "role": "PARTY", "region_code": "510104", **PERSONAL},
        ),
        make_node(
            "Official", "official:pzh", {"name": "王某", "role": "LEADER", "region_code": "510400"}
        ),
    ]
    cases = [
        ("case:cd-1", "(2021)川0104刑初1号", "盗窃", "CRIMINAL", "TRIAL", "510104", {}),
        (
            "case:cd-2",
            "(2021)川01民初2号",
            "合同纠纷",
            "CIVIL",
            "TRIAL",
            "510100",
            {"private_enterprise": True},
        ),
        (
            "case:pzh-1",
            "(2021)川04刑初3号",
            "诈骗",
            "CRIMINAL",
            "FILED",
            "510400",
            {"major_sensitive": True},
        ),
        (
            "case:cq-1",
            "(2021)渝0105民初4号",
            "借款纠纷",
            "CIVIL",
            "TRIAL",
            "500105",
            {"cross_region": True},
        ),
    ]
    out += [
        make_node(
            "Case",
            i,
            {
                "case_number": num,
                "cause": cause,
                "kind": kind,
                "stage": stage,
                "region_code": region,
                "filed_on": "2021-03",
                **extra,
            },
        )
        for i, num, cause, kind, stage, region, extra in cases
    ]
    out += [
        make_node(
            "Complaint",
            "complaint:1",
            {
                "number": "XF-2021-001",
                "channel": "VISIT",
                "status": "REGISTERED",
                "received_on": "2021-04-02",
                "region_code": "510104",
                "summary": "反映审判拖延",
            },
        ),
        make_node(
            "Rectification",
            "rectification:1",
            {
                "title": "规范立案登记",
                "status": "ISSUED",
                "issued_on": "2021-05-01",
                "deadline": "2021-06-30",
                "region_code": "510104",
            },
        ),
        make_node(
            "SupervisionAction",
            "action:1",
            {
                "title": "挂牌督办合同纠纷案",
                "kind": "CASE_SUPERVISION",
                "status": "ONGOING",
                "region_code": "510100",
                "supervision_status": "PROPOSED",
                "listed": True,
            },
        ),
    ]
    agreements = [
        ("agreement:one", "川渝指导意见", "ONE", "PROVINCE_PROVINCE"),
        ("agreement:cd-cq", "成都中院—江北法院司法协作协议", "BILATERAL", "CITY_DISTRICT"),
        ("agreement:pzh-cq", "攀枝花中院—江北法院协作协议", "BILATERAL", "CITY_DISTRICT"),
    ]
    out += [
        make_node(
            "Agreement",
            i,
            {"title": t, "tier": tier, "level_pair": pair, "signed_on": "2020-05-15"},
        )
        for i, t, tier, pair in agreements
    ]
    return out


def rels() -> list[Any]:
    pairs = [
        ("LOCATED_IN", "agency:cd-court", "region:510100"),
        ("HANDLED_BY", "case:cd-1", "agency:jj-police"),
        ("HANDLED_BY", "case:cd-2", "agency:cd-court"),
        ("HANDLED_BY", "case:pzh-1", "agency:pzh-court"),
        ("HANDLED_BY", "case:cq-1", "agency:jb-court"),
        ("HANDLED", "official:judge", "case:cd-2"),
        ("CONCERNS", "complaint:1", "case:cd-1"),
        ("AGAINST", "complaint:1", "official:judge"),
        ("FILED", "official:petitioner", "complaint:1"),
        ("TARGETS", "action:1", "case:cd-2"),
        ("SIGNED_BY", "agreement:one", "agency:sc-commission"),
        ("SIGNED_BY", "agreement:one", "agency:cq-commission"),
        ("SIGNED_BY", "agreement:cd-cq", "agency:cd-court"),
        ("SIGNED_BY", "agreement:cd-cq", "agency:jb-court"),
        ("SIGNED_BY", "agreement:pzh-cq", "agency:pzh-court"),
        ("SIGNED_BY", "agreement:pzh-cq", "agency:jb-court"),
        ("IMPLEMENTS", "agreement:cd-cq", "agreement:one"),
        ("IMPLEMENTS", "agreement:pzh-cq", "agreement:one"),
        ("UNDER", "case:cq-1", "agreement:cd-cq"),
    ]
    return [link(t, s, e) for t, s, e in pairs]


def link(type_: str, start: str, end: str) -> Rel:
    return Rel(RelType[type_], rel_id(RelType[type_], start, end), start, end, {})


def write_sample(store: GraphStore) -> None:
    store.write(Batch(nodes=nodes(), rels=rels()))


def write_wide(store: GraphStore, *, cases: int, complaints: int, targets: int) -> None:
    """``cases`` cases in 510104, each with ``complaints`` complaints, each against
    ``targets`` officials: for counting round trips."""
    batch_nodes: list[Any] = []
    batch_rels: list[Any] = []
    officials = [
        make_node(
            "Official",
            f"official:w{t}",
            {"name": f"官员{t}", "role": "JUDICIAL", "region_code": "510104"},
        )
        for t in range(targets)
    ]
    batch_nodes += officials
    for c in range(cases):
        case_id = f"case:w{c:04d}"
        batch_nodes.append(
            make_node(
                "Case",
                case_id,
                {
                    "case_number": f"(2021)川0104民初{c}号",
                    "cause": "合同纠纷",
                    "kind": "CIVIL",
                    "stage": "TRIAL",
                    "region_code": "510104",
                },
            )
        )
        for k in range(complaints):
            complaint_id = f"complaint:w{c:04d}-{k}"
            batch_nodes.append(
                make_node(
                    "Complaint",
                    complaint_id,
                    {
                        "number": f"XF-{c}-{k}",
                        "channel": "LETTER",
                        "status": "REGISTERED",
                        "received_on": "2021-04",
                        "region_code": "510104",
                    },
                )
            )
            batch_rels.append(link("CONCERNS", complaint_id, case_id))
            batch_rels += [link("AGAINST", complaint_id, o.id) for o in officials]
    store.write(Batch(nodes=batch_nodes, rels=batch_rels))
