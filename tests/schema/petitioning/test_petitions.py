"""Petitions over HTTP: registration, the lifecycle and its time limits (15 days to accept, 60
to finish, once 30 more), invalid moves, stale versions, jurisdiction, partial dates."""

from __future__ import annotations

import datetime as dt
from typing import Any

from graph.model.records import Node
from graph.model.validate import make_node
from schema.generic.ids import to_global
from tests.api.api_client import codes, data, gid, gql
from tests.api.api_harness import Server
from tests.worlds.petitioning import plus, server_today, version, write_world
from tests.worlds.sample import link

ITEM = """
complaint { id version status receivedOn acceptedOn extended }
clock { acceptBy finishBy acceptedLate finishedLate due alert }
petitionerId caseIds
"""
REGISTER = f"""
mutation(
  $on: String!, $region: String!, $petitioner: ID!, $case: ID, $against: [ID!], $unit: ID
) {{
  registerPetition(
    number: "XF-2099-001", channel: LETTER, regionCode: $region, receivedOn: $on,
    petitionerId: $petitioner, caseId: $case, againstIds: $against,
    assignedToId: $unit, summary: "反映审判拖延"
  ) {{ {ITEM} }}
}}"""
MOVE = f"""
mutation($id: ID!, $version: Int!, $move: ComplaintMove!) {{
  movePetition(id: $id, version: $version, move: $move, note: "依法处理") {{ {ITEM} }}
}}"""
EXTEND = f"""
mutation($id: ID!, $version: Int!) {{
  extendPetition(id: $id, version: $version, reason: "案情复杂") {{ {ITEM} }}
}}"""
OF_CASE = f"""
query($case: ID!, $today: String!) {{ petitionsOfCase(caseId: $case, today: $today) {{ {ITEM} }} }}
"""
PETITIONER = to_global("Official", "official:petitioner")
JUDGE = to_global("Official", "official:judge")


def complaint(id_: str, **props: Any) -> Node:
    return make_node(
        "Complaint",
        id_,
        {"number": id_.upper(), "channel": "VISIT", "region_code": "510104", **props},
    )


def register(client: Any, received_on: str, **variables: Any) -> dict[str, Any]:
    given = {
        "region": "510104",
        "petitioner": PETITIONER,
        "case": gid("case:cd-1"),
        "against": [JUDGE],
        "unit": gid("agency:jj-police"),
        **variables,
    }
    return gql(client, REGISTER, on=received_on, **given)


def test_a_petition_registered_late_is_overdue_then_accepted_late_and_extended_once(
    server: Server,
) -> None:
    write_world(server.store)
    received = (server_today() - dt.timedelta(days=20)).isoformat()
    with server.client("supervisor") as c:
        item = register(c, received)["data"]["registerPetition"]
        related = data(
            c,
            "query($id: ID!) { node(id: $id) { ... on Case { petitionRelated } } }",
            id=gid("case:cd-1"),
        )["node"]
        cid = item["complaint"]["id"]
        accepted = data(c, MOVE, id=cid, version=1, move="ACCEPT")["movePetition"]
        extended = data(c, EXTEND, id=cid, version=2)["extendPetition"]
        again = gql(c, EXTEND, id=cid, version=3)
        after = version(c, cid)
    assert (
        item["complaint"]["status"] == "REGISTERED" and item["complaint"]["receivedOn"] == received
    )
    assert item["clock"] == {
        "acceptBy": plus(received, 15),
        "finishBy": None,
        "acceptedLate": False,
        "finishedLate": False,
        "due": plus(received, 15),
        "alert": "OVERDUE",
    }
    assert item["petitionerId"] == PETITIONER and item["caseIds"] == [gid("case:cd-1")]
    assert related == {"petitionRelated": True}
    on = accepted["complaint"]["acceptedOn"]
    assert accepted["complaint"]["status"] == "ACCEPTED"
    assert accepted["clock"]["acceptedLate"] is True
    assert accepted["clock"]["finishBy"] == accepted["clock"]["due"] == plus(on, 60)
    assert accepted["clock"]["alert"] is None
    assert extended["complaint"]["extended"] is True
    assert extended["clock"]["finishBy"] == plus(on, 90)
    assert codes(again) == ["INVALID_TRANSITION"]
    assert again["errors"][0]["extensions"]["move"] == "extend"
    assert after == 3


def test_the_acceptance_limit_warns_three_days_ahead_and_is_overdue_the_day_after(
    server: Server,
) -> None:
    write_world(server.store)
    received = "2021-04-02"  # complaint:1 of the sample, about case:cd-1
    limit = plus(received, 15)
    days = {-4: None, -3: "WARNING", 0: "WARNING", 1: "OVERDUE"}
    with server.client("viewer") as c:
        seen = {
            offset: data(c, OF_CASE, case=gid("case:cd-1"), today=plus(limit, offset))[
                "petitionsOfCase"
            ]
            for offset in days
        }
    for offset, alert in days.items():
        [item] = seen[offset]
        assert item["complaint"]["id"] == gid("complaint:1")
        assert (item["clock"]["acceptBy"], item["clock"]["due"]) == (limit, limit)
        assert item["clock"]["alert"] == alert, offset


def test_the_handling_limit_is_sixty_days_from_acceptance_and_ninety_once_extended(
    server: Server,
) -> None:
    accepted_on = "2021-05-01"
    plain = complaint(
        "complaint:plain", status="ACCEPTED", received_on="2021-04-20", accepted_on=accepted_on
    )
    longer = complaint(
        "complaint:longer",
        status="HANDLING",
        received_on="2021-04-20",
        accepted_on=accepted_on,
        extended=True,
    )
    finished = complaint(
        "complaint:finished",
        status="RESOLVED",
        received_on="2021-04-20",
        accepted_on=accepted_on,
        finished_on=plus(accepted_on, 61),
    )
    write_world(
        server.store,
        plain,
        longer,
        finished,
        rels=[link("CONCERNS", n.id, "case:cd-2") for n in (plain, longer, finished)],
    )
    today = plus(accepted_on, 58)
    with server.client("viewer") as c:
        found = data(c, OF_CASE, case=gid("case:cd-2"), today=today)["petitionsOfCase"]
    clocks = {i["complaint"]["id"]: i["clock"] for i in found}
    assert clocks[gid("complaint:plain")]["finishBy"] == plus(accepted_on, 60)
    assert clocks[gid("complaint:plain")]["alert"] == "WARNING"
    assert clocks[gid("complaint:longer")]["finishBy"] == plus(accepted_on, 90)
    assert clocks[gid("complaint:longer")]["alert"] is None
    assert clocks[gid("complaint:finished")]["finishedLate"] is True
    assert clocks[gid("complaint:finished")]["due"] is None


def test_an_extension_after_the_limit_is_refused_and_changes_nothing(server: Server) -> None:
    old = complaint(
        "complaint:old", status="ACCEPTED", received_on="2021-04-20", accepted_on="2021-05-01"
    )
    write_world(server.store, old)
    writes = server.store.calls["write"]
    with server.client("supervisor") as c:
        late = gql(c, EXTEND, id=gid("complaint:old"), version=1)
        after = version(c, gid("complaint:old"))
    assert codes(late) == ["VALIDATION"]
    assert late["errors"][0]["extensions"]["fields"][0]["field"] == "today"
    assert after == 1 and server.store.calls["write"] == writes


def test_an_invalid_move_and_a_stale_version_change_nothing(server: Server) -> None:
    write_world(server.store)
    cid = gid("complaint:1")
    with server.client("supervisor") as c:
        writes = server.store.calls["write"]
        invalid = gql(c, MOVE, id=cid, version=1, move="RESOLVE")
        unchanged = version(c, cid)
        data(c, MOVE, id=cid, version=1, move="ACCEPT")
        stale = gql(c, MOVE, id=cid, version=1, move="HANDLE")
        status = data(
            c, "query($id: ID!) { node(id: $id) { version ... on Complaint { status } } }", id=cid
        )["node"]
    assert codes(invalid) == ["INVALID_TRANSITION"]
    assert invalid["errors"][0]["extensions"]["allowed"] == ["accept", "reject"]
    assert unchanged == 1
    assert server.store.calls["write"] == writes + 1
    assert codes(stale) == ["CONFLICT"]
    assert status == {"version": 2, "status": "ACCEPTED"}


def test_registration_checks_its_inputs_and_the_jurisdiction(server: Server) -> None:
    write_world(server.store)
    tomorrow = (server_today() + dt.timedelta(days=2)).isoformat()
    yesterday = (server_today() - dt.timedelta(days=1)).isoformat()
    writes = server.store.calls["write"]
    with server.client("supervisor") as c:
        future = register(c, tomorrow)
        wrong_kind = register(c, yesterday, against=[gid("case:cd-2")])
    with server.client("viewer") as c:
        viewer = register(c, yesterday)
    with server.client("supervisor", "510400") as c:
        hidden_case = gql(
            c,
            REGISTER,
            on=yesterday,
            region="510400",
            petitioner=to_global("Official", "official:pzh"),
            case=gid("case:cd-1"),
        )
        elsewhere = gql(
            c,
            REGISTER,
            on=yesterday,
            region="510104",
            petitioner=to_global("Official", "official:pzh"),
        )
    assert codes(future) == ["VALIDATION"]
    assert future["errors"][0]["extensions"]["fields"][0]["field"] == "receivedOn"
    assert codes(wrong_kind) == ["VALIDATION"]
    assert wrong_kind["errors"][0]["extensions"]["fields"][0]["field"] == "againstIds.0"
    assert codes(viewer) == ["FORBIDDEN"]
    assert codes(hidden_case) == ["NOT_FOUND"]
    assert codes(elsewhere) == ["FORBIDDEN"]
    assert server.store.calls["write"] == writes


def test_petitions_of_a_case_are_hidden_outside_the_jurisdiction(server: Server) -> None:
    write_world(server.store)
    with server.client("viewer", "510100") as c:
        mine = data(c, OF_CASE, case=gid("case:cd-1"), today="2021-04-10")["petitionsOfCase"]
    with server.client("viewer", "510400") as c:
        hidden = gql(c, OF_CASE, case=gid("case:cd-1"), today="2021-04-10")
    assert [i["complaint"]["id"] for i in mine] == [gid("complaint:1")]
    assert codes(hidden) == ["NOT_FOUND"]


def test_partial_received_dates_count_from_the_first_day_of_their_period(server: Server) -> None:
    partial = [
        complaint("complaint:year", status="REGISTERED", received_on="2021"),
        complaint("complaint:month", status="REGISTERED", received_on="2021-03"),
    ]
    write_world(
        server.store,
        *partial,
        rels=[
            rel
            for p in partial
            for rel in (
                link("CONCERNS", p.id, "case:cd-1"),
                link("FILED", "official:petitioner", p.id),
            )
        ],
    )
    with server.client("viewer") as c:
        groups = data(
            c, "{ repeatPetitions { by firstReceived lastReceived spanDays complaintIds } }"
        )["repeatPetitions"]
        items = data(c, OF_CASE, case=gid("case:cd-1"), today="2021-03-20")["petitionsOfCase"]
    # complaint:1 of the sample was received on 2021-04-02.
    span = (dt.date(2021, 4, 2) - dt.date(2021, 1, 1)).days
    assert {(g["by"], g["firstReceived"], g["lastReceived"], g["spanDays"]) for g in groups} == {
        ("case", "2021", "2021-04-02", span),
        ("petitioner", "2021", "2021-04-02", span),
    }
    clocks = {i["complaint"]["receivedOn"]: i["clock"] for i in items}
    assert clocks["2021"]["acceptBy"] == plus("2021-01-01", 15)
    assert clocks["2021-03"]["acceptBy"] == plus("2021-03-01", 15)
    assert clocks["2021-03"]["alert"] == "OVERDUE"
