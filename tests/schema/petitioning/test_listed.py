"""The listed and special supervision of typical cases over HTTP: 挂牌督办 and 重点关注,
escalation of overdue items, the three workstreams (三同步), the private-enterprise batch."""

from __future__ import annotations

import datetime as dt
from typing import Any

from graph.model.validate import make_node
from tests.api.api_client import as_other, codes, data, gid, gql
from tests.api.api_harness import Server
from tests.worlds.petitioning import CD_COMMISSION, server_today, version, write_world
from tests.worlds.sample import link

DEADLINE = "2099-06-30"
OPEN = """
mutation($case: ID!, $lead: ID!) {
  openSupervision(caseId: $case, leadAgencyId: $lead, deadline: "2099-06-30",
                  reasons: ["疑难复杂"]) {
    action { id version }
  }
}"""
ATTENTION = """
mutation($id: ID!, $version: Int!, $listed: Boolean, $key: Boolean) {
  setAttention(id: $id, version: $version, listed: $listed, keyAttention: $key) {
    action { version listed keyAttention } caseId alert
  }
}"""
ESCALATE = """
mutation { escalateOverdue {
  action { id escalatedOn level conductedBy { id } } alert
} }"""
PLAN = """
mutation($id: ID!, $version: Int!, $owners: [WorkstreamOwner!]!) {
  planWorkstreams(id: $id, version: $version, owners: $owners) {
    workstream workstreamLabel ownerId action { id version status }
  }
}"""
STREAMS = """
query($id: ID!) { workstreams(actionId: $id) { workstream ownerId action { id status } } }"""
MOVE_STREAM = """
mutation($id: ID!, $version: Int!, $move: WorkstreamMove!) {
  moveWorkstream(id: $id, version: $version, move: $move) { version status endedOn }
}"""
CANDIDATES = """
query($year: Int!, $today: String!) {
  privateEnterpriseCandidates(year: $year, today: $today) { case { id } reasons }
}"""
BATCH = """
mutation($year: Int!, $lead: ID!, $cases: [ID!]!) {
  openPrivateEnterpriseBatch(
    year: $year, leadAgencyId: $lead, deadline: "2099-06-30", caseIds: $cases
  ) {
    batch { id title scopeFlags periodFrom }
    items { action { selectionReasons deadline } caseId }
  }
}"""


def open_supervision(client: Any, case: str, lead: str = CD_COMMISSION) -> dict[str, Any]:
    opened: dict[str, Any] = data(client, OPEN, as_other(client), case=gid(case), lead=gid(lead))[
        "openSupervision"
    ]
    return opened["action"]


def test_key_attention_is_only_for_petition_related_cases(server: Server) -> None:
    related = make_node(
        "Case",
        "case:related",
        {
            "case_number": "(2021)川0104民初9号",
            "cause": "合同纠纷",
            "kind": "CIVIL",
            "stage": "TRIAL",
            "region_code": "510104",
            "petition_related": True,
        },
    )
    write_world(server.store, related)
    with server.client("supervisor") as c:
        plain = open_supervision(c, "case:cd-1")
        refused = gql(c, ATTENTION, id=plain["id"], version=1, key=True)
        listed = data(c, ATTENTION, id=plain["id"], version=1, listed=True)["setAttention"]
        stale = gql(c, ATTENTION, id=plain["id"], version=1, listed=False)
        marked = open_supervision(c, "case:related")
        key = data(c, ATTENTION, id=marked["id"], version=1, key=True)["setAttention"]
        attention = data(c, 'query { attentionList(today: "2099-01-01") { action { id } } }')
    assert codes(refused) == ["VALIDATION"]
    assert refused["errors"][0]["extensions"]["fields"][0]["field"] == "keyAttention"
    assert listed["action"] == {"version": 2, "listed": True, "keyAttention": None}
    assert codes(stale) == ["CONFLICT"]
    assert key["action"]["keyAttention"] is True and key["caseId"] == gid("case:related")
    # Listed first (action:1 of the sample is listed, with no deadline), then key attention.
    assert [a["action"]["id"] for a in attention["attentionList"]] == [
        plain["id"],
        gid("action:1"),
        marked["id"],
    ]


def overdue_supervision(id_: str, region: str) -> Any:
    return make_node(
        "SupervisionAction",
        id_,
        {
            "title": "逾期督办",
            "kind": "CASE_SUPERVISION",
            "status": "ONGOING",
            "supervision_status": "ASSIGNED",
            "region_code": region,
            "level": "CITY",
            "deadline": "2021-06-30",
        },
    )


def test_overdue_supervisions_of_the_jurisdiction_are_escalated_once(server: Server) -> None:
    late = overdue_supervision("action:late", "510100")
    write_world(
        server.store,
        late,
        rels=[
            link("TARGETS", late.id, "case:cd-2"),
            link("CONDUCTED_BY", late.id, CD_COMMISSION),
        ],
    )
    with server.client("supervisor", "500000") as c:
        elsewhere = data(c, ESCALATE)["escalateOverdue"]
    with server.client("viewer", "510100") as c:
        refused = gql(c, ESCALATE)
    with server.client("supervisor", "510100") as c:
        untouched = version(c, gid(late.id))
        escalated = data(c, ESCALATE)["escalateOverdue"]
        again = data(c, ESCALATE)["escalateOverdue"]
    with server.client("viewer") as c:
        conductors = data(
            c,
            "query($id: ID!) { node(id: $id) { ... on SupervisionAction { conductedBy { id } } } }",
            id=gid(late.id),
        )["node"]["conductedBy"]
    assert elsewhere == [] and untouched == 1
    assert codes(refused) == ["FORBIDDEN"]
    [item] = escalated
    assert item["alert"] == "OVERDUE"
    action = item["action"]
    assert action["id"] == gid(late.id) and action["level"] == "PROVINCE"
    assert abs(dt.date.fromisoformat(action["escalatedOn"]) - server_today()) <= dt.timedelta(1)
    # The commission above joins; the caller of 成都市 sees only its own.
    assert action["conductedBy"] == [{"id": gid(CD_COMMISSION)}]
    assert sorted(c["id"] for c in conductors) == sorted(
        gid(a) for a in (CD_COMMISSION, "agency:sc-commission")
    )
    assert again == []


def owners(*streams: str) -> list[dict[str, str]]:
    units = {"LAWFUL": "agency:cd-court", "OPINION": CD_COMMISSION, "SOCIAL": "agency:jj-police"}
    return [{"workstream": s, "ownerId": gid(units[s])} for s in streams]


def test_the_three_workstreams_start_together_and_move_start_then_complete(
    server: Server,
) -> None:
    write_world(server.store)
    with server.client("supervisor") as c:
        action = open_supervision(c, "case:cd-1")
        missing = gql(c, PLAN, id=action["id"], version=1, owners=owners("LAWFUL", "SOCIAL"))
        twice = gql(
            c, PLAN, id=action["id"], version=1, owners=owners("LAWFUL", "LAWFUL", "SOCIAL")
        )
        planned = data(
            c, PLAN, id=action["id"], version=1, owners=owners("SOCIAL", "OPINION", "LAWFUL")
        )["planWorkstreams"]
        listed = data(c, STREAMS, id=action["id"])["workstreams"]
        lawful = planned[0]["action"]["id"]
        early = gql(c, MOVE_STREAM, id=lawful, version=1, move="COMPLETE")
        started = data(c, MOVE_STREAM, id=lawful, version=1, move="START")["moveWorkstream"]
        done = data(c, MOVE_STREAM, id=lawful, version=2, move="COMPLETE")["moveWorkstream"]
        replan = gql(c, PLAN, id=action["id"], version=2, owners=owners("LAWFUL"))
    with server.client("viewer", "510400") as c:
        hidden = gql(c, STREAMS, id=action["id"])
    assert codes(missing) == ["VALIDATION"]
    assert missing["errors"][0]["extensions"]["fields"][0]["field"] == "owners"
    assert codes(twice) == ["VALIDATION"]
    assert twice["errors"][0]["extensions"]["fields"][0]["field"] == "owners.1.workstream"
    assert [(w["workstream"], w["workstreamLabel"], w["ownerId"]) for w in planned] == [
        ("LAWFUL", "依法办理", gid("agency:cd-court")),
        ("OPINION", "舆论引导", gid(CD_COMMISSION)),
        ("SOCIAL", "社会面管控", gid("agency:jj-police")),
    ]
    assert {w["action"]["status"] for w in planned} == {"PLANNED"}
    assert [(w["workstream"], w["action"]["id"]) for w in listed] == [
        (w["workstream"], w["action"]["id"]) for w in planned
    ]
    assert codes(early) == ["INVALID_TRANSITION"]
    assert early["errors"][0]["extensions"]["allowed"] == ["start"]
    assert started["status"] == "ONGOING"
    assert done["status"] == "COMPLETED" and done["endedOn"] is not None
    assert codes(replan) == ["VALIDATION"]
    assert codes(hidden) == ["NOT_FOUND"]


def test_the_private_enterprise_batch_takes_the_cases_the_rules_select(server: Server) -> None:
    pending = make_node(
        "Case",
        "case:pe",
        {
            "case_number": "(2020)川0104民初7号",
            "cause": "买卖合同纠纷",
            "kind": "CIVIL",
            "stage": "TRIAL",
            "region_code": "510104",
            "filed_on": "2020-01-10",
            "private_enterprise": True,
            "major_sensitive": True,
        },
    )
    write_world(server.store, pending)
    year_end = "2021-12-31"
    pending_days = (dt.date(2021, 12, 31) - dt.date(2020, 1, 10)).days
    with server.client("viewer", "510100") as c:
        found = data(c, CANDIDATES, year=2021, today=year_end)["privateEnterpriseCandidates"]
    with server.client("viewer", "510400") as c:
        elsewhere = data(c, CANDIDATES, year=2021, today=year_end)["privateEnterpriseCandidates"]
    with server.client("supervisor", "510100") as c:
        writes = server.store.calls["write"]
        unselected = gql(c, BATCH, year=2021, lead=gid(CD_COMMISSION), cases=[gid("case:cd-2")])
        unchanged = server.store.calls["write"] == writes
        batch = data(c, BATCH, year=2021, lead=gid(CD_COMMISSION), cases=[gid("case:pe")])[
            "openPrivateEnterpriseBatch"
        ]
        second = gql(c, BATCH, year=2021, lead=gid(CD_COMMISSION), cases=[gid("case:pe")])
    reasons = ["重大敏感", f"久拖未结(已{pending_days}天)"]
    assert found == [{"case": {"id": gid("case:pe")}, "reasons": reasons}]
    assert elsewhere == []
    assert codes(unselected) == ["VALIDATION"] and unchanged
    fields = [f["field"] for f in unselected["errors"][0]["extensions"]["fields"]]
    assert fields == ["caseIds.case:cd-2"]
    assert batch["batch"]["scopeFlags"] == ["private_enterprise"]
    assert batch["batch"]["periodFrom"] == "2021-01-01"
    assert batch["items"] == [
        {"action": {"selectionReasons": reasons, "deadline": DEADLINE}, "caseId": gid("case:pe")}
    ]
    assert codes(second) == ["VALIDATION"]
    assert second["errors"][0]["extensions"]["fields"][0]["field"] == "year"
