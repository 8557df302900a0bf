"""Case supervision over HTTP: supervision opened, moved and warned about; repeat petitions
and silent units; coordination; clearance; permissions and jurisdiction (of the lead agency
and of the unit assigned); generic moves on actions without a lifecycle."""

from __future__ import annotations

from typing import Any

from graph.model.records import Node
from graph.model.validate import make_node
from graph.store import Batch
from schema.generic.ids import to_global
from tests.api.api_client import as_other, codes, data, gid, gql
from tests.api.api_harness import Server
from tests.worlds.petitioning import CD_COMMISSION, write_world
from tests.worlds.sample import link, write_sample

DEADLINE = "2099-06-30"
OPEN = """
mutation($case: ID!, $lead: ID!, $deadline: String!, $listed: Boolean) {
  openSupervision(
    caseId: $case, leadAgencyId: $lead, deadline: $deadline, title: "督办", listed: $listed,
    reasons: ["疑难复杂：事实认定争议较大"]
  ) {
    action { id version supervisionStatus deadline } caseId assigneeId alert
  }
}"""
MOVE = """
mutation($id: ID!, $version: Int!, $move: String!, $unit: ID) {
  moveSupervision(id: $id, version: $version, move: $move, assigneeId: $unit) {
    action { version supervisionStatus } assigneeId
  }
}"""
DEADLINES = """
query($today: String!) {
  deadlineEntries(today: $today) {
    node { id } due alert daysLeft responsibleIds
  }
}"""


def open_supervision(
    c: Any, case: str = "case:cd-1", listed: bool = False, lead: str = "agency:sc-commission"
) -> dict[str, Any]:
    # Proposed by a colleague, so that the caller approves it by assigning it (交办).
    opened: dict[str, Any] = data(
        c, OPEN, as_other(c), case=gid(case), lead=gid(lead), deadline=DEADLINE, listed=listed
    )["openSupervision"]
    return opened


def test_a_supervision_is_opened_assigned_and_a_stale_move_conflicts(server: Server) -> None:
    write_sample(server.store)
    with server.client("supervisor") as c:
        opened = open_supervision(c)
        action = opened["action"]
        assigned = data(
            c, MOVE, id=action["id"], version=1, move="assign", unit=gid("agency:jj-police")
        )["moveSupervision"]
        stale = gql(c, MOVE, id=action["id"], version=1, move="urge")
        wrong = gql(c, MOVE, id=action["id"], version=2, move="close")
    assert opened["caseId"] == gid("case:cd-1") and opened["alert"] is None
    assert action["version"] == 1 and action["deadline"] == DEADLINE
    assert assigned == {
        "action": {"version": 2, "supervisionStatus": "ASSIGNED"},
        "assigneeId": gid("agency:jj-police"),
    }
    assert codes(stale) == ["CONFLICT"]
    assert codes(wrong) == ["INVALID_TRANSITION"]


def test_deadline_entries_warn_about_an_overdue_supervision_in_jurisdiction(
    server: Server,
) -> None:
    write_sample(server.store)
    with server.client("supervisor") as c:
        action_id = open_supervision(c)["action"]["id"]
    with server.client("viewer", "510000") as c:
        overdue = data(c, DEADLINES, today="2099-07-02")["deadlineEntries"]
        before = data(c, DEADLINES, today="2099-01-01")["deadlineEntries"]
    with server.client("viewer", "500000") as c:
        elsewhere = data(c, DEADLINES, today="2099-07-02")["deadlineEntries"]
    mine = [e for e in overdue if e["node"]["id"] == action_id]
    assert [(e["due"], e["alert"], e["daysLeft"]) for e in mine] == [(DEADLINE, "OVERDUE", -2)]
    assert all(e["node"]["id"] != action_id for e in before + elsewhere)


def test_opening_a_supervision_needs_the_permission_and_the_jurisdiction(server: Server) -> None:
    write_sample(server.store)
    writes = server.store.calls["write"]
    with server.client("viewer") as c:
        refused = gql(
            c, OPEN, case=gid("case:cd-1"), lead=gid("agency:sc-commission"), deadline=DEADLINE
        )
    with server.client("supervisor", "510400") as c:
        hidden = gql(
            c, OPEN, case=gid("case:cd-1"), lead=gid("agency:sc-commission"), deadline=DEADLINE
        )
    assert codes(refused) == ["FORBIDDEN"]
    assert codes(hidden) == ["NOT_FOUND"]
    assert server.store.calls["write"] == writes


def test_the_lead_agency_must_lie_in_the_callers_jurisdiction(server: Server) -> None:
    write_world(server.store)
    writes = server.store.calls["write"]
    with server.client("supervisor", "510100") as c:
        above = gql(
            c, OPEN, case=gid("case:cd-1"), lead=gid("agency:sc-commission"), deadline=DEADLINE
        )
        after = server.store.calls["write"]
        own = open_supervision(c, lead=CD_COMMISSION)
    assert codes(above) == ["NOT_FOUND"]
    assert "leadAgencyId" in above["errors"][0]["message"]
    assert after == writes
    assert own["action"]["version"] == 1


def test_an_item_is_assigned_only_to_a_unit_in_the_callers_jurisdiction(server: Server) -> None:
    write_world(server.store)
    with server.client("supervisor", "510100") as c:
        action = open_supervision(c, lead=CD_COMMISSION)["action"]
        writes = server.store.calls["write"]
        elsewhere = gql(
            c, MOVE, id=action["id"], version=1, move="assign", unit=gid("agency:pzh-court")
        )
        after = server.store.calls["write"]
        own = data(c, MOVE, id=action["id"], version=1, move="assign", unit=gid("agency:jj-police"))
    assert codes(elsewhere) == ["NOT_FOUND"]
    assert "assigneeId" in elsewhere["errors"][0]["message"]
    assert after == writes
    assert own["moveSupervision"]["assigneeId"] == gid("agency:jj-police")


def test_a_hidden_or_absent_action_is_named_as_the_client_wrote_it(server: Server) -> None:
    write_world(server.store)
    with server.client("supervisor", "510100") as c:
        action = open_supervision(c, lead=CD_COMMISSION)["action"]
    with server.client("supervisor", "510400") as c:
        hidden = gql(c, MOVE, id=action["id"], version=1, move="urge")
        absent = gql(c, MOVE, id=to_global("SupervisionAction", "nowhere"), version=1, move="urge")
    for refused in (hidden, absent):
        assert codes(refused) == ["NOT_FOUND"]
        assert refused["errors"][0]["extensions"]["field"] == "id"
        assert refused["errors"][0]["message"].startswith("id: no node")


def petition(number: int) -> Node:
    return make_node(
        "Complaint",
        f"complaint:r{number}",
        {
            "number": f"XF-2021-10{number}",
            "channel": "LETTER",
            "status": "REGISTERED",
            "received_on": f"2021-0{number}-01",
            "region_code": "510104",
        },
    )


def test_repeat_petitions_group_by_petitioner_and_by_case(server: Server) -> None:
    write_sample(server.store)
    extra = [petition(n) for n in (5, 6)]
    server.store.write(
        Batch(
            nodes=extra,
            rels=[
                rel
                for p in extra
                for rel in (
                    link("CONCERNS", p.id, "case:cd-1"),
                    link("FILED", "official:petitioner", p.id),
                )
            ],
        )
    )
    with server.client("viewer") as c:
        groups = data(c, "{ repeatPetitions { by keyId complaintIds spanDays } }")
    with server.client("viewer", "510400") as c:
        elsewhere = data(c, "{ repeatPetitions { by } }")
    complaints = sorted(gid(i) for i in ("complaint:1", "complaint:r5", "complaint:r6"))
    assert sorted(
        (g["by"], g["keyId"], sorted(g["complaintIds"]), g["spanDays"])
        for g in groups["repeatPetitions"]
    ) == [
        ("case", gid("case:cd-1"), complaints, 60),
        ("petitioner", to_global("Official", "official:petitioner"), complaints, 60),
    ]
    assert elsewhere["repeatPetitions"] == []


def test_a_generic_move_on_an_action_without_a_lifecycle_is_a_validation_error(
    server: Server,
) -> None:
    batch = make_node(
        "SupervisionAction",
        "action:batch",
        {
            "title": "民营企业案件督办批次",
            "kind": "CASE_SUPERVISION",
            "status": "ONGOING",
            "region_code": "510000",
            "scope_flags": ["private_enterprise"],
        },
    )
    server.store.write(Batch(nodes=[batch]))
    with server.client("supervisor") as c:
        body = gql(
            c,
            "mutation($id: ID!) { transitionCaseSupervision(id: $id, version: 1, move: ASSIGN) "
            "{ version } }",
            id=gid("action:batch"),
        )
        after = data(c, "query($id: ID!) { node(id: $id) { version } }", id=gid("action:batch"))
    assert codes(body) == ["VALIDATION"]
    assert body["errors"][0]["extensions"]["fields"][0]["field"] == "id"
    assert after["node"] == {"version": 1}


COORDINATE = """
mutation($id: ID!, $version: Int!, $entries: [CoordinationEntry!]!) {
  recordCoordination(id: $id, version: $version, entries: $entries) {
    version coordinationTopics coordinationSummary
  }
}"""


def test_a_coordination_records_topics_and_refuses_deciding_the_evidence(server: Server) -> None:
    write_sample(server.store)
    with server.client("supervisor") as c:
        action_id = open_supervision(c)["action"]["id"]
        refused = gql(
            c,
            COORDINATE,
            id=action_id,
            version=1,
            entries=[
                {"topic": "办案期限", "text": "十日内移送"},
                {"topic": "证据", "text": "证据确实充分"},
            ],
        )
        recorded = data(
            c,
            COORDINATE,
            id=action_id,
            version=1,
            entries=[{"topic": "办案期限", "text": "十日内移送"}],
        )["recordCoordination"]
    assert codes(refused) == ["VALIDATION"]
    assert [f["field"] for f in refused["errors"][0]["extensions"]["fields"]] == ["entries.证据"]
    assert recorded["version"] == 2
    assert recorded["coordinationTopics"] == ["TIME_LIMIT"]
    assert recorded["coordinationSummary"].endswith("办案期限:十日内移送")


def test_the_attention_list_holds_listed_supervisions_only(server: Server) -> None:
    write_sample(server.store)
    with server.client("supervisor") as c:
        listed = open_supervision(c, "case:cd-1", listed=True)["action"]["id"]
        unlisted = open_supervision(c, "case:pzh-1")["action"]["id"]
        found = data(c, 'query { attentionList(today: "2099-06-25") { action { id } alert } }')
    alerts = {e["action"]["id"]: e["alert"] for e in found["attentionList"]}
    assert alerts[listed] == "WARNING"
    assert unlisted not in alerts


FIND_FALSE = """
mutation($id: ID!) {
  findFalse(id: $id, version: 1, decidedOn: "2021-08-01") {
    clearance { id decidedOn } officialId complaintId
  }
}"""


def test_a_petition_found_false_clears_the_official_it_accused(server: Server) -> None:
    write_sample(server.store)
    resolved = make_node(
        "Complaint",
        "complaint:false",
        {
            "number": "XF-2021-200",
            "channel": "LETTER",
            "status": "RESOLVED",
            "received_on": "2021-05-01",
            "finished_on": "2021-07-01",
            "region_code": "510104",
        },
    )
    server.store.write(
        Batch(nodes=[resolved], rels=[link("AGAINST", resolved.id, "official:judge")])
    )
    with server.client("supervisor") as c:
        open_petition = gql(c, FIND_FALSE, id=gid("complaint:1"))
        cleared = data(c, FIND_FALSE, id=gid("complaint:false"))["findFalse"]
        listed = data(c, "{ clearedOfficials { official { id } clearances { clearance { id } } } }")
    assert codes(open_petition) == ["INVALID_TRANSITION"]
    assert [(x["officialId"], x["complaintId"], x["clearance"]["decidedOn"]) for x in cleared] == [
        (to_global("Official", "official:judge"), gid("complaint:false"), "2021-08-01")
    ]
    assert listed["clearedOfficials"] == [
        {
            "official": {"id": to_global("Official", "official:judge")},
            "clearances": [{"clearance": {"id": cleared[0]["clearance"]["id"]}}],
        }
    ]


def rectification(number: int) -> Node:
    return make_node(
        "Rectification",
        f"rectification:o{number}",
        {
            "title": f"整改{number}",
            "status": "ISSUED",
            "issued_on": "2021-03-01",
            "deadline": "2021-06-30",
            "region_code": "510104",
        },
    )


OVERDUE_UNITS = (
    "query($today: String!) { overdueUnits(today: $today) { agency { id } rectificationIds } }"
)


def test_a_unit_with_three_overdue_rectifications_is_named(server: Server) -> None:
    write_sample(server.store)
    ordered = [rectification(n) for n in range(3)]
    server.store.write(
        Batch(
            nodes=ordered,
            rels=[link("ASSIGNED_TO", r.id, "agency:jj-police") for r in ordered],
        )
    )
    with server.client("viewer") as c:
        on_time = data(c, OVERDUE_UNITS, today="2021-06-30")["overdueUnits"]
        late = data(c, OVERDUE_UNITS, today="2021-07-01")["overdueUnits"]
    assert on_time == []
    assert late == [
        {
            "agency": {"id": gid("agency:jj-police")},
            "rectificationIds": [to_global("Rectification", r.id) for r in ordered],
        }
    ]


def test_silent_units_are_the_case_handling_units_of_the_jurisdiction(server: Server) -> None:
    write_sample(server.store)
    with server.client("viewer", "510100") as c:
        found = data(c, '{ silentUnits(today: "2021-12-31") { agency { id kind } } }')
    assert sorted(u["agency"]["id"] for u in found["silentUnits"]) == sorted(
        gid(a) for a in ("agency:cd-court", "agency:jj-police")
    )
