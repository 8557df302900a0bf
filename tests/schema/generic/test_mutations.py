"""Writing: create and update every kind, lifecycle moves, links, deletes; errors with codes;
optimistic concurrency; a failed mutation changes nothing; every change is audited."""

from __future__ import annotations

from typing import Any

import pytest

from graph.model.enums import NodeKind
from graph.model.kinds import FieldType
from schema.errors import camel
from schema.generic.ids import to_global
from schema.generic.inputs import writable
from tests.api.api_client import codes, data, gid, gql
from tests.api.api_harness import Server
from tests.worlds.sample import write_sample
from workflows.generic import OWN_WRITERS

SAMPLE_VALUES = {
    FieldType.STR: "测试",
    FieldType.TEXT: "测试说明",
    FieldType.CODE: "510104",
    FieldType.INT: 3,
    FieldType.FLOAT: 0.5,
    FieldType.BOOL: True,
    FieldType.DATE: "2021-05",
    FieldType.DATETIME: "2021-05-01T08:00:00+00:00",
}


def minimal_props(kind: NodeKind) -> dict[str, Any]:
    """A value for each required field that an input may set."""
    out: dict[str, Any] = {}
    for f in writable(kind):
        if not f.required:
            continue
        value = next(iter(f.enum)).name if f.enum is not None else SAMPLE_VALUES[f.type]
        out[f.name] = [value] if f.many else value
    return out


def minimal_input(kind: NodeKind) -> dict[str, Any]:
    return {camel(name): value for name, value in minimal_props(kind).items()}


def create(c: Any, kind: NodeKind, input_: dict[str, Any]) -> dict[str, Any]:
    return gql(
        c,
        f"mutation($input: Create{kind.name}Input!) {{ create{kind.name}(input: $input) "
        "{ id storeId version recordedBy source } }",
        input=input_,
    )


@pytest.mark.parametrize(
    "kind", [k for k in NodeKind if k not in OWN_WRITERS], ids=lambda k: k.name
)
def test_every_kind_can_be_created_updated_and_read(server: Server, kind: NodeKind) -> None:
    with server.client("admin") as c:
        created = create(c, kind, minimal_input(kind))["data"][f"create{kind.name}"]
        assert created["version"] == 1 and created["recordedBy"] == "admin@all"
        assert created["source"] == "api"
        changed = data(
            c,
            f"mutation($id: ID!, $input: Update{kind.name}Input!) "
            f"{{ update{kind.name}(id: $id, version: 1, input: $input) {{ version validFrom }} }}",
            id=created["id"],
            input={"validFrom": "2021"},
        )
        read = data(c, "query($id: ID!) { node(id: $id) { version validFrom } }", id=created["id"])
    assert changed[f"update{kind.name}"] == {"version": 2, "validFrom": "2021"}
    assert read["node"] == {"version": 2, "validFrom": "2021"}


def test_validation_errors_name_every_bad_field(server: Server) -> None:
    bad = {
        **minimal_input(NodeKind.Case),
        "regionCode": "5101",
        "validFrom": "2021",
        "validTo": "2020",
    }
    with server.client() as c:
        body = create(c, NodeKind.Case, bad)
        not_a_date = create(
            c, NodeKind.Case, {**minimal_input(NodeKind.Case), "filedOn": "2021-13"}
        )
    assert body["data"] == {"createCase": None}
    error = body["errors"][0]
    assert error["extensions"]["code"] == "VALIDATION" and error["path"] == ["createCase"]
    fields = {f["field"] for f in error["extensions"]["fields"]}
    assert fields == {"regionCode", "validTo"}
    assert codes(not_a_date) == ["BAD_USER_INPUT"] and "data" not in not_a_date
    assert server.store.inner.counts().nodes[NodeKind.Case] == 0


def test_a_stale_version_is_a_conflict_and_overwrites_nothing(server: Server) -> None:
    write_sample(server.store)
    update = """mutation($id: ID!, $v: Int!, $cause: String) {
        updateCase(id: $id, version: $v, input: {cause: $cause}) { version cause } }"""
    with server.client() as c:
        first = data(c, update, id=gid("case:cd-1"), v=1, cause="抢劫")
        stale = gql(c, update, id=gid("case:cd-1"), v=1, cause="诈骗")
        read = data(
            c,
            "query($id: ID!) { node(id: $id) { ... on Case { cause version } } }",
            id=gid("case:cd-1"),
        )
    assert first["updateCase"] == {"version": 2, "cause": "抢劫"}
    assert codes(stale) == ["CONFLICT"] and stale["data"] == {"updateCase": None}
    assert read["node"] == {"cause": "抢劫", "version": 2}


def test_a_used_store_id_is_a_conflict(server: Server) -> None:
    write_sample(server.store)
    with server.client() as c:
        body = create(c, NodeKind.Case, {**minimal_input(NodeKind.Case), "storeId": "case:cd-1"})
    assert codes(body) == ["CONFLICT"]
    assert server.store.inner.get_nodes(["case:cd-1"])["case:cd-1"].props["cause"] == "盗窃"


def test_update_clears_with_null_and_refuses_required_nulls(server: Server) -> None:
    write_sample(server.store)
    update = """mutation($id: ID!, $input: UpdateCaseInput!) {
        updateCase(id: $id, version: 1, input: $input) { privateEnterprise } }"""
    with server.client() as c:
        cleared = data(c, update, id=gid("case:cd-2"), input={"privateEnterprise": None})
        refused = gql(
            c,
            update.replace("version: 1", "version: 2"),
            id=gid("case:cd-2"),
            input={"cause": None},
        )
    assert cleared["updateCase"] == {"privateEnterprise": None}
    assert codes(refused) == ["VALIDATION"]
    assert refused["errors"][0]["extensions"]["fields"] == [
        {"field": "cause", "reason": "required"}
    ]


MOVE = """mutation($id: ID!, $v: Int!, $move: ComplaintMove!) {
    transitionComplaint(id: $id, version: $v, move: $move, on: "2021-04-10") {
      status statusLabel acceptedOn finishedOn version } }"""


def test_lifecycle_moves_and_invalid_transitions(server: Server) -> None:
    write_sample(server.store)
    with server.client("supervisor") as c:
        accepted = data(c, MOVE, id=gid("complaint:1"), v=1, move="ACCEPT")
        invalid = gql(c, MOVE, id=gid("complaint:1"), v=2, move="RESOLVE")
        handled = data(c, MOVE, id=gid("complaint:1"), v=2, move="HANDLE")
    assert accepted["transitionComplaint"] == {
        "status": "ACCEPTED",
        "statusLabel": "受理",
        "acceptedOn": "2021-04-10",
        "finishedOn": None,
        "version": 2,
    }
    error = invalid["errors"][0]["extensions"]
    assert error["code"] == "INVALID_TRANSITION" and error["state"] == "ACCEPTED"
    assert error["allowed"] == ["handle"]
    assert handled["transitionComplaint"]["status"] == "HANDLING"


def test_case_supervision_and_rectification_lifecycles(server: Server) -> None:
    write_sample(server.store)
    with server.client("supervisor") as c:
        assigned = data(
            c,
            """mutation($id: ID!) {
                transitionCaseSupervision(id: $id, version: 1, move: ASSIGN) {
                  supervisionStatus } }""",
            id=gid("action:1"),
        )
        submitted = data(
            c,
            """mutation($id: ID!) { transitionRectification(id: $id, version: 1, move: SUBMIT,
                on: "2021-06-01") { status submittedOn } }""",
            id=gid("rectification:1"),
        )
    assert assigned["transitionCaseSupervision"] == {"supervisionStatus": "ASSIGNED"}
    assert submitted["transitionRectification"] == {
        "status": "SUBMITTED",
        "submittedOn": "2021-06-01",
    }


def test_created_lifecycles_start_in_their_first_state(server: Server) -> None:
    with server.client() as c:
        body = gql(
            c,
            "mutation($input: CreateComplaintInput!) { createComplaint(input: $input) { status } }",
            input=minimal_input(NodeKind.Complaint),
        )
        refused = gql(
            c,
            "mutation($id: ID!) { updateComplaint(id: $id, version: 1, input: {}) { status } }",
            id=to_global("Complaint", "complaint:none"),
        )
    assert body["data"]["createComplaint"] == {"status": "REGISTERED"}
    assert codes(refused) == ["NOT_FOUND"]


def test_link_and_unlink_are_audited(server: Server) -> None:
    write_sample(server.store)
    with server.client("supervisor") as c:
        linked = data(
            c,
            """mutation($from: ID!, $to: ID!) {
               link(input: {type: HANDLED, from: $from, to: $to, role: "承办人",
                 validFrom: "2021-03"}) {
                 id type role validFrom from { storeId } to { storeId } } }""",
            **{"from": gid("official:judge"), "to": gid("case:cd-1")},
        )["link"]
        wrong = gql(
            c,
            "mutation($from: ID!, $to: ID!) { link(input: {type: HANDLED_BY, from: $from, to: $to})"
            " { id } }",
            **{"from": gid("official:judge"), "to": gid("case:cd-1")},
        )
        unknown_field = gql(
            c,
            "mutation($from: ID!, $to: ID!) { link(input: {type: HANDLED_BY, from: $from, to: $to,"
            ' scope: "x"}) { id } }',
            **{"from": gid("case:cd-1"), "to": gid("agency:cd-court")},
        )
        handlers = data(
            c,
            "query($id: ID!) { node(id: $id) { ... on Case { handlers { name } } } }",
            id=gid("case:cd-1"),
        )
        gone = data(c, "mutation($id: ID!) { unlink(id: $id) { id } }", id=linked["id"])
        log = data(
            c,
            "query($t: ID!) { auditLog(target: $t) { nodes { operation actor } } }",
            t=linked["id"],
        )
    assert linked["type"] == "HANDLED" and linked["role"] == "承办人"
    assert linked["from"] == {"storeId": "official:judge"} and linked["to"] == {
        "storeId": "case:cd-1"
    }
    assert codes(wrong) == ["VALIDATION"] and codes(unknown_field) == ["VALIDATION"]
    assert handlers["node"]["handlers"] == [{"name": "张法官"}]
    assert gone["unlink"]["id"] == linked["id"]
    assert log["auditLog"]["nodes"] == [
        {"operation": "link", "actor": "supervisor@all"},
        {"operation": "unlink", "actor": "supervisor@all"},
    ]


def test_delete_removes_the_node_and_its_relationships(server: Server) -> None:
    write_sample(server.store)
    delete = "mutation($id: ID!, $v: Int!) { deleteNode(id: $id, version: $v) { id } }"
    with server.client("admin") as c:
        stale = gql(c, delete, id=gid("complaint:1"), v=7)
        done = data(c, delete, id=gid("complaint:1"), v=1)
        again = gql(c, delete, id=gid("complaint:1"), v=1)
    assert codes(stale) == ["CONFLICT"]
    assert done["deleteNode"]["id"] == gid("complaint:1")
    assert codes(again) == ["NOT_FOUND"]
    inner = server.store.inner
    assert inner.get_nodes(["complaint:1"]) == {}
    assert inner.neighbours(["official:petitioner"]).get("official:petitioner") == []
    entry = inner.audit_entries(target="complaint:1")[-1]
    assert entry.record.operation == "delete" and entry.record.after is None
    assert len(entry.record.before["rels"]) == 3


def test_each_mutation_appends_one_audit_entry_with_before_and_after(server: Server) -> None:
    write_sample(server.store)
    with server.client("supervisor") as c:
        data(c, MOVE, id=gid("complaint:1"), v=1, move="ACCEPT")
        gql(c, MOVE, id=gid("complaint:1"), v=1, move="ACCEPT")
    entries = server.store.inner.audit_entries()
    assert [e.record.operation for e in entries] == ["transition:accept"]
    record = entries[0].record
    assert record.actor == "supervisor@all" and record.target == "complaint:1"
    assert record.before is not None and record.after is not None
    assert (
        record.before["props"]["status"] == "REGISTERED"
        and record.after["props"]["status"] == "ACCEPTED"
    )
    assert record.after["version"] == 2
