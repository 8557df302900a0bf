"""Chengdu and Chongqing's Jiangbei district under a cooperation agreement in force (and one
that ended), each side with work of its own that the agreement does not share."""

from __future__ import annotations

from typing import Any

from graph.model.validate import make_node, make_rel
from graph.store import Batch, GraphStore

NOW, OLD = "agreement:cd-jb", "agreement:cd-jb-2020"
CD_COMM, CD_COURT, CD_POLICE = "agency:cd-comm", "agency:cd-court", "agency:cd-police"
MY_COMM = "agency:my-comm"  # Mianyang: Sichuan, outside the agreement's areas
CQ_COMM, JB_COMM, JB_COURT = "agency:cq-comm", "agency:jb-comm", "agency:jb-court"
YB_COURT = "agency:yb-court"  # Yubei: Chongqing, outside the agreement's areas
CD_CASE, JB_CASE = "case:cd-own", "case:jb-own"
CD_ACTION, JB_ACTION, OLD_ACTION = "action:cd-own", "action:jb-own", "action:old"
CD_OFFICIAL = "official:cd-judge"

REGIONS = [
    ("510000", "四川省", "PROVINCE", None),
    ("510100", "成都市", "CITY", "510000"),
    ("510104", "锦江区", "COUNTY", "510100"),
    ("510700", "绵阳市", "CITY", "510000"),
    ("500000", "重庆市", "PROVINCE", None),
    ("500105", "江北区", "COUNTY", "500000"),
    ("500112", "渝北区", "COUNTY", "500000"),
]
AGENCIES = [
    (CD_COMM, "成都市委政法委", "COMMISSION", "CITY", "510100"),
    (CD_COURT, "成都市中级人民法院", "COURT", "CITY", "510100"),
    (CD_POLICE, "成都市公安局锦江区分局", "POLICE", "COUNTY", "510104"),
    (MY_COMM, "绵阳市委政法委", "COMMISSION", "CITY", "510700"),
    (CQ_COMM, "重庆市委政法委", "COMMISSION", "PROVINCE", "500000"),
    (JB_COMM, "江北区委政法委", "COMMISSION", "COUNTY", "500105"),
    (JB_COURT, "重庆市江北区人民法院", "COURT", "COUNTY", "500105"),
    (YB_COURT, "重庆市渝北区人民法院", "COURT", "COUNTY", "500112"),
]


def _action(id_: str, title: str, code: str, started: str, ended: str) -> Any:
    return make_node(
        "SupervisionAction",
        id_,
        {
            "title": title,
            "kind": "INSPECTION",
            "status": "COMPLETED",
            "region_code": code,
            "started_on": started,
            "ended_on": ended,
        },
    )


def write_border(store: GraphStore) -> None:
    nodes = [
        make_node("Region", f"region:{c}", {"code": c, "name": n, "level": lv, "parent_code": p})
        for c, n, lv, p in REGIONS
    ]
    nodes += [
        make_node("Agency", i, {"name": n, "kind": k, "level": lv, "region_code": r})
        for i, n, k, lv, r in AGENCIES
    ]
    nodes += [
        make_node(
            "Agreement",
            NOW,
            {
                "title": "成都市—江北区执法监督协作协议",
                "tier": "BILATERAL",
                "level_pair": "CITY_DISTRICT",
                "signed_on": "2025-01-01",
                "valid_to": "2099-12-31",
            },
        ),
        make_node(
            "Agreement",
            OLD,
            {
                "title": "成都市—江北区协作协议(2020)",
                "tier": "BILATERAL",
                "level_pair": "CITY_DISTRICT",
                "signed_on": "2020-01-01",
                "valid_to": "2024-12-31",
            },
        ),
        make_node(
            "Case",
            CD_CASE,
            {
                "case_number": "(2025)川0104刑初7号",
                "cause": "盗窃",
                "kind": "CRIMINAL",
                "stage": "TRIAL",
                "region_code": "510104",
                "filed_on": "2025-02-01",
            },
        ),
        make_node(
            "Case",
            JB_CASE,
            {
                "case_number": "(2025)渝0105民初8号",
                "cause": "借款纠纷",
                "kind": "CIVIL",
                "stage": "TRIAL",
                "region_code": "500105",
                "filed_on": "2025-02-01",
            },
        ),
        make_node(
            "Official",
            CD_OFFICIAL,
            {"name": "赵法官", "role": "JUDICIAL", "region_code": "510100"},
        ),
        _action(CD_ACTION, "成都市执法检查", "510100", "2025-02-01", "2025-02-10"),
        _action(JB_ACTION, "江北区执法检查", "500105", "2025-02-01", "2025-02-10"),
        _action(OLD_ACTION, "2021年联合检查", "500105", "2021-05-01", "2021-05-10"),
    ]
    rels = [
        ("SIGNED_BY", NOW, CD_COMM),
        ("SIGNED_BY", NOW, JB_COMM),
        ("SIGNED_BY", OLD, CD_COMM),
        ("SIGNED_BY", OLD, JB_COMM),
        ("HANDLED_BY", CD_CASE, CD_POLICE),
        ("HANDLED_BY", JB_CASE, JB_COURT),
        ("HANDLED", CD_OFFICIAL, CD_CASE),
        ("CONDUCTED_BY", CD_ACTION, CD_COMM),
        ("TARGETS", CD_ACTION, CD_COURT),
        ("CONDUCTED_BY", JB_ACTION, JB_COMM),
        ("TARGETS", JB_ACTION, JB_COURT),
        ("CONDUCTED_BY", OLD_ACTION, JB_COMM),
        ("CONDUCTED_BY", OLD_ACTION, CD_COMM),
        ("UNDER", OLD_ACTION, OLD),
    ]
    store.write(Batch(nodes=nodes, rels=[make_rel(t, None, a, b, {}) for t, a, b in rels]))
