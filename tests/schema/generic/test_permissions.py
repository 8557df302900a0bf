"""The permission matrix (docs/permissions.md), role by role, and jurisdiction scoping;
each rule has a test that it allows what it should and one that it refuses the rest."""

from __future__ import annotations

from typing import Any

import pytest

from graph.model.enums import NodeKind
from tests.api.api_client import codes, data, gid, gql
from tests.api.api_harness import Server
from tests.schema.generic.test_mutations import MOVE, create, minimal_input
from tests.worlds.sample import write_sample

UPDATE = "mutation($id: ID!, $v: Int!) { updateCase(id: $id, version: $v, input: {}) { id } }"
LINK = "mutation($f: ID!, $t: ID!) { link(input: {type: HANDLED, from: $f, to: $t}) { id } }"
ROLES = ["viewer", "investigator", "supervisor", "admin"]
OFFICIAL = "query($id: ID!) { node(id: $id) { ... on Official { name idNumber phone address } } }"


@pytest.fixture
def sample(server: Server) -> Server:
    write_sample(server.store)
    return server


def by_role(flags: list[bool]) -> list[tuple[str, bool]]:
    return list(zip(ROLES, flags, strict=True))


def allowed(body: dict[str, Any]) -> bool:
    assert codes(body) in ([], ["FORBIDDEN"]), body
    return not codes(body)


@pytest.mark.parametrize("role", ROLES)
def test_every_role_reads(sample: Server, role: str) -> None:
    with sample.client(role) as c:
        got = data(c, "{ cases { totalCount } }")
    assert got["cases"]["totalCount"] == 4


@pytest.mark.parametrize(("role", "unmasked"), by_role([False, True, True, True]))
def test_personal_data_is_masked_unless_the_role_allows(
    sample: Server, role: str, unmasked: bool
) -> None:
    with sample.client(role) as c:
        official = data(c, OFFICIAL, id=gid("official:petitioner"))["node"]
    if unmasked:
        assert official == {
            "name": "李某",
            "idNumber": "510104199001011234",
            "phone": "13812345678",
            "address": "四川省成都市锦江区某街1号",
        }
    else:
        assert official == {
            "name": "李某",
            "idNumber": "5101**********1234",
            "phone": "138****5678",
            "address": "四川省成都市*******",
        }


@pytest.mark.parametrize(("role", "may"), by_role([False, False, True, True]))
def test_writing_supervision_records(sample: Server, role: str, may: bool) -> None:
    with sample.client(role) as c:
        stale = gql(c, UPDATE, id=gid("case:cd-1"), v=7)
        assert codes(stale) == (["CONFLICT"] if may else ["FORBIDDEN"]), "role before version"
        assert allowed(gql(c, UPDATE, id=gid("case:cd-1"), v=1)) is may
        assert allowed(create(c, NodeKind.Case, minimal_input(NodeKind.Case))) is may
        assert (
            allowed(
                gql(
                    c,
                    LINK,
                    f=gid("official:judge"),
                    t=gid("case:cd-1"),
                )
            )
            is may
        )


@pytest.mark.parametrize(("role", "may"), by_role([False, False, True, True]))
def test_lifecycle_moves(sample: Server, role: str, may: bool) -> None:
    with sample.client(role) as c:
        assert allowed(gql(c, MOVE, id=gid("complaint:1"), v=1, move="ACCEPT")) is may


@pytest.mark.parametrize(("role", "may"), by_role([False, False, False, True]))
def test_writing_reference_data(sample: Server, role: str, may: bool) -> None:
    with sample.client(role) as c:
        assert allowed(create(c, NodeKind.Agency, minimal_input(NodeKind.Agency))) is may
        assert allowed(create(c, NodeKind.Region, minimal_input(NodeKind.Region))) is may


@pytest.mark.parametrize(("role", "may"), by_role([False, False, False, True]))
def test_deleting(sample: Server, role: str, may: bool) -> None:
    with sample.client(role) as c:
        body = gql(
            c, "mutation($id: ID!) { deleteNode(id: $id, version: 1) { id } }", id=gid("case:pzh-1")
        )
    assert allowed(body) is may


@pytest.mark.parametrize(("role", "may"), by_role([False, False, True, True]))
def test_reading_the_audit_log(sample: Server, role: str, may: bool) -> None:
    with sample.client(role) as c:
        assert allowed(gql(c, "{ auditLog { nodes { seq } } }")) is may
        assert allowed(gql(c, "{ auditChain { ok } }")) is may


CASES = "{ cases(orderBy: {field: ID}) { totalCount nodes { storeId } } }"


def test_a_scoped_user_sees_its_subtree_and_what_is_shared_with_it(sample: Server) -> None:
    with (
        sample.client("viewer", "510100") as chengdu,
        sample.client("viewer", "510400") as panzhihua,
    ):
        cd = data(chengdu, CASES)["cases"]
        pzh = data(panzhihua, CASES)["cases"]
        cd_agreements = data(chengdu, "{ agreements(orderBy: {field: ID}) { nodes { storeId } } }")
        pzh_agreements = data(
            panzhihua, "{ agreements(orderBy: {field: ID}) { nodes { storeId } } }"
        )
    # case:cq-1 lies in Chongqing but stands UNDER an agreement a Chengdu court signed.
    assert [n["storeId"] for n in cd["nodes"]] == ["case:cd-1", "case:cd-2", "case:cq-1"]
    assert cd["totalCount"] == 3
    assert [n["storeId"] for n in pzh["nodes"]] == ["case:pzh-1"]
    assert [n["storeId"] for n in cd_agreements["agreements"]["nodes"]] == [
        "agreement:cd-cq",
        "agreement:one",
    ]
    assert [n["storeId"] for n in pzh_agreements["agreements"]["nodes"]] == [
        "agreement:one",
        "agreement:pzh-cq",
    ]


def test_a_hidden_object_reads_as_absent(sample: Server) -> None:
    update = 'mutation($id: ID!) { updateCase(id: $id, version: 1, input: {cause: "x"}) { id } }'
    with sample.client("supervisor", "510100") as c:
        node = data(c, "query($id: ID!) { node(id: $id) { id } }", id=gid("case:pzh-1"))
        changed = gql(c, update, id=gid("case:pzh-1"))
        linked = gql(
            c,
            LINK,
            f=gid("official:judge"),
            t=gid("case:pzh-1"),
        )
        implemented = data(
            c,
            "query($id: ID!) { node(id: $id) { ... on Agreement { implementedBy { storeId } } } }",
            id=gid("agreement:one"),
        )
        filtered = data(
            c,
            "query($a: ID!) { cases(filter: {agency: $a}) { totalCount } }",
            a=gid("agency:pzh-court"),
        )
    assert node == {"node": None}
    assert codes(changed) == ["NOT_FOUND"] and codes(linked) == ["NOT_FOUND"]
    assert implemented["node"]["implementedBy"] == [{"storeId": "agreement:cd-cq"}]
    assert filtered["cases"]["totalCount"] == 0
    assert sample.store.inner.get_nodes(["case:pzh-1"])["case:pzh-1"].props["cause"] == "诈骗"


def test_reference_regions_are_public(sample: Server) -> None:
    with sample.client("viewer", "510104") as c:
        got = data(c, "{ regions { totalCount } }")
    assert got["regions"]["totalCount"] == 6


def test_a_scoped_user_writes_only_inside_its_jurisdiction(sample: Server) -> None:
    update = """mutation($id: ID!, $r: String) {
        updateCase(id: $id, version: 1, input: {regionCode: $r}) { regionCode } }"""
    with sample.client("supervisor", "510100") as c:
        inside = create(c, NodeKind.Case, {**minimal_input(NodeKind.Case), "regionCode": "510104"})
        outside = create(c, NodeKind.Case, {**minimal_input(NodeKind.Case), "regionCode": "510402"})
        moved_out = gql(c, update, id=gid("case:cd-2"), r="510402")
        shared = gql(c, update, id=gid("case:cq-1"), r="500105")
        agreement = create(c, NodeKind.Agreement, minimal_input(NodeKind.Agreement))
    assert not codes(inside)
    assert codes(outside) == ["FORBIDDEN"] and codes(moved_out) == ["FORBIDDEN"]
    assert codes(shared) == ["FORBIDDEN"] and codes(agreement) == ["FORBIDDEN"]
    assert sample.store.inner.get_nodes(["case:cd-2"])["case:cd-2"].props["region_code"] == "510100"


def test_scoped_counts_and_audit_log(sample: Server) -> None:
    with sample.client("supervisor") as everyone:
        data(everyone, MOVE, id=gid("complaint:1"), v=1, move="ACCEPT")
        create(everyone, NodeKind.Case, {**minimal_input(NodeKind.Case), "regionCode": "510402"})
    with sample.client("supervisor", "510100") as c:
        stats = data(c, "{ stats { nodes { kind count } rels { type } } }")["stats"]
        log = data(c, "{ auditLog { nodes { target operation } } }")["auditLog"]["nodes"]
    counts = {n["kind"]: n["count"] for n in stats["nodes"]}
    assert counts["Case"] == 3 and counts["Region"] == 6 and stats["rels"] == []
    assert log == [{"target": "complaint:1", "operation": "transition:accept"}]
