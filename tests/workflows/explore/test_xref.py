"""Likely duplicates (issue 15) on both stores: a hand-built world with duplicates planted
the ways real sources make them, and near misses around each rule; the exact set found, the
scores and the evidence, over HTTP too, where a viewer sees only pairs it may see and no
personal value in the evidence."""

from __future__ import annotations

import itertools
import random
from typing import Any

import pytest

from graph.model.enums import NodeKind
from graph.model.records import Node
from graph.model.validate import make_node
from graph.store import Batch, GraphStore
from tests.api.api_client import data
from tests.api.api_harness import Server
from tests.worlds.exploration import access
from workflows.explore.xref import likely_duplicates, pairs_among
from workflows.usecase import call

ID = "510104199001011234"


def person(id_: str, name: str, region: str = "510104", **personal: str) -> Any:
    return make_node(
        "Official", id_, {"name": name, "role": "PARTY", "region_code": region, **personal}
    )


def agency(id_: str, name: str, region: str, kind: str = "COURT") -> Any:
    level = "CITY" if region.endswith("00") else "COUNTY"
    return make_node(
        "Agency", id_, {"name": name, "kind": kind, "level": level, "region_code": region}
    )


WORLD = [
    # the same person from two sources, the second with a lower-case check letter
    person("official:p1", "张敏", id_number="51010419900101123X", phone="13800000001"),
    person("official:p1-copy", "张敏", id_number="51010419900101123x"),
    # a slip in the check digit
    person("official:p2", "李强", id_number=ID),
    person("official:p2-slip", "李强", id_number="510104199001011235"),
    # same name and phone, no id number on one
    person("official:p3", "王芳", phone="13900000003"),
    person("official:p3-copy", "王芳", phone="13900000003", id_number="510106198502021111"),
    # same name, same birth date, another id number
    person("official:p4", "赵伟", id_number="510104197703030011"),
    person("official:p4-other", "赵伟", id_number="510107197703030022"),
    # near misses: same name only; same id number prefix under another name; same phone,
    # another name
    person("official:n1", "刘洋", id_number="510104200001010011"),
    person("official:n1-other", "刘洋", id_number="510104200102020022"),
    person("official:n2", "陈静", id_number="510104199505050011", phone="13700000007"),
    person("official:n2-other", "陈晶", id_number="510104199505050012", phone="13700000007"),
    # agencies: full-width brackets and spaces; an abbreviation; near misses in another
    # region and of another kind
    agency("agency:a1", "成都市锦江区人民法院(执行局)", "510104"),
    agency("agency:a1-copy", "成都市锦江区人民法院 （执行局）", "510104"),
    agency("agency:a2", "成都市锦江区人民检察院", "510104", "PROCURATORATE"),
    agency("agency:a2-short", "锦江区人民检察院", "510104", "PROCURATORATE"),
    agency("agency:n3", "成都市青羊区人民法院", "510105"),
    agency("agency:n4", "成都市锦江区司法局", "510104", "JUSTICE"),
]
EXPECTED = {
    ("official:p1", "official:p1-copy"): (1.0, ("同一身份证号",)),
    ("official:p2", "official:p2-slip"): (
        0.95,
        ("同名, 身份证号仅校验位不同", "同名, 身份证号所载出生日期相同"),
    ),
    ("official:p3", "official:p3-copy"): (0.9, ("同名同电话",)),
    ("official:p4", "official:p4-other"): (0.8, ("同名, 身份证号所载出生日期相同",)),
    ("agency:a1", "agency:a1-copy"): (0.95, ("同一区划(510104)内名称相同",)),
}


def test_planted_duplicates_are_found_with_their_evidence_and_no_near_miss(
    store: GraphStore,
) -> None:
    store.write(Batch(nodes=WORLD))
    found = call(likely_duplicates, store=store, access=access(store))
    got = {d.ids: (d.score, d.evidence) for d in found}
    abbreviated = got.pop(("agency:a2", "agency:a2-short"))
    assert got == EXPECTED
    assert 0.6 <= abbreviated[0] < 0.95 and "名称相近" in abbreviated[1][0]
    assert [d.score for d in found] == sorted((d.score for d in found), reverse=True)
    strict = call(likely_duplicates, store=store, access=access(store), min_score=0.9)
    assert {d.ids for d in strict} == {k for k, (s, _) in EXPECTED.items() if s >= 0.9}


def test_over_http_a_viewer_sees_its_pairs_and_no_personal_value(server: Server) -> None:
    server.store.write(
        Batch(
            nodes=[*WORLD, person("official:far", "张敏", "510400", id_number="51010419900101123X")]
        )
    )
    query = """{ likelyDuplicates(kinds: [Official]) {
      nodeKind score evidence nodes { storeId ... on Official { idNumber } } } }"""
    with server.client("viewer", "510100") as c:
        mine = data(c, query)["likelyDuplicates"]
    with server.client("admin") as c:
        every = data(c, query)["likelyDuplicates"]
    pairs = {tuple(n["storeId"] for n in d["nodes"]) for d in mine}
    assert ("official:p1", "official:p1-copy") in pairs
    assert not any("official:far" in p for p in pairs)  # 510400 lies outside 510100
    assert any("official:far" in {n["storeId"] for n in d["nodes"]} for d in every)
    text = str(mine)
    assert "51010419900101123X" not in text and "13800000001" not in text


def _rules(a: dict[str, str], b: dict[str, str]) -> list[tuple[float, str]]:
    """The documented rules for one pair of people, read off the module's docstring."""
    name_a, name_b = a.get("name", "").strip(), b.get("name", "").strip()
    num_a = a.get("id_number", "").strip().upper()
    num_b = b.get("id_number", "").strip().upper()
    phone_a, phone_b = a.get("phone", "").strip(), b.get("phone", "").strip()
    same_name = bool(name_a) and name_a == name_b
    full = len(num_a) == 18 and len(num_b) == 18
    out = []
    if num_a and num_a == num_b:
        out.append((1.0, "同一身份证号"))
    if same_name and full and num_a != num_b and num_a[:17] == num_b[:17]:
        out.append((0.95, "同名, 身份证号仅校验位不同"))
    if same_name and phone_a and phone_a == phone_b:
        out.append((0.9, "同名同电话"))
    if same_name and full and num_a != num_b and num_a[6:14] == num_b[6:14]:
        out.append((0.8, "同名, 身份证号所载出生日期相同"))
    return out


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_people_pairs_follow_the_rules_pair_by_pair(seed: int) -> None:
    """``pairs_among`` (a load's check, before validation: a name may be missing; keys
    counted, shared ones grouped, the check-digit pairs found among the birth-date groups)
    against every pair of a crowd judged rule by rule: few names, numbers and phones, so
    that every rule and every mix of rules occurs; padding, a lower check letter, short
    numbers and missing values among them."""
    rng = random.Random(seed)
    names = ["张敏", "李强", " 李强", "王芳", ""]
    births = ["19900101", "19851212", "20000229"]
    people = []
    for k in range(300):
        props: dict[str, str] = {"name": rng.choice(names)}
        shape = rng.random()
        if shape < 0.8:
            number = rng.choice(["510104", "510105"]) + rng.choice(births)
            number += rng.choice(["123", "124"]) + rng.choice(["4", "5", "x", "X"])
            props["id_number"] = number if rng.random() < 0.8 else f" {number} "
        elif shape < 0.9:
            props["id_number"] = rng.choice(["5101041990", "ABC"])  # not 18 characters
        if rng.random() < 0.5:
            props["phone"] = rng.choice(["13800000001", "13800000002", " 13800000001"])
        people.append(Node(NodeKind.Official, f"official:c{k:03d}", props))
    want = {}
    for a, b in itertools.combinations(people, 2):
        found = _rules(a.props, b.props)
        if found:
            key = tuple(sorted((a.id, b.id)))
            want[key] = (max(s for s, _ in found), "; ".join(w for _, w in found))
    got = {(i, j): (score, why) for i, j, score, why in pairs_among(people)}
    assert got == want
    assert {why for _, why in want.values()} >= {
        "同一身份证号",
        "同名, 身份证号仅校验位不同; 同名, 身份证号所载出生日期相同",
        "同名同电话",
        "同名, 身份证号所载出生日期相同",
    }
