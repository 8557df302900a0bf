"""以省带市促县 trainings and the dated three-level talent pool over HTTP, on both stores: who may
be trained by whom, admission only with enough training at the pool's level, one pool at a
time, and who was in the pool on a given day."""

from __future__ import annotations

from typing import Any

from tests.api.api_client import codes, data, gid, gql
from tests.api.api_harness import Server
from tests.worlds.joint import write_scene

PROVINCE, CITY = "agency:sc-commission", "agency:cd-commission"
JUDGE, PZH, PETITIONER = "official:judge", "official:pzh", "official:petitioner"
HOLD = """
mutation($by: ID!, $title: String!, $on: String!, $end: String, $hours: Float!) {
  holdTraining(organizerId: $by, title: $title, heldOn: $on, endedOn: $end, hours: $hours,
               topic: "执法监督业务") { id level regionCode hours organizer { id } }
}"""
TRAINEES = """
mutation($id: ID!, $trainees: [TraineeInput!]!) {
  recordTrainees(trainingId: $id, trainees: $trainees) { training { id version } traineeIds }
}"""
ADMIT = """
mutation($who: ID!, $pool: ID!, $on: String) {
  admitToTalentPool(officialId: $who, poolId: $pool, validFrom: $on) {
    official { id poolLevel } pool { id } level validFrom validTo trainingHours
  }
}"""
LEAVE = """
mutation($who: ID!, $on: String) {
  leaveTalentPool(officialId: $who, reason: "调离执法监督岗位", validTo: $on) { id poolLevel }
}"""
POOL = """
query($on: String, $level: RegionLevel) {
  talentPool(on: $on, level: $level) { official { id } pool { id } level validFrom validTo
                                       trainingHours }
}"""


def _fields(body: dict[str, Any]) -> list[str]:
    return [f["field"] for e in body["errors"] for f in e["extensions"].get("fields", [])]


def held(c: Any, by: str, title: str, hours: float = 24.0) -> str:
    made = data(c, HOLD, by=gid(by), title=title, on="2025-03-01", end="2025-03-03", hours=hours)
    return str(made["holdTraining"]["id"])


def test_training_admits_to_the_pool_and_membership_is_dated(server: Server) -> None:
    write_scene(server.store)
    with server.client("supervisor", "510000") as c:
        training = held(c, PROVINCE, "全省执法监督业务骨干培训班")
        trained = data(
            c,
            TRAINEES,
            id=training,
            trainees=[
                {"officialId": gid(JUDGE), "hours": 20},
                {"officialId": gid(PZH), "passed": False},
            ],
        )["recordTrainees"]
        city = data(c, ADMIT, who=gid(JUDGE), pool=gid(CITY), on="2025-04-01")
        refused = gql(c, ADMIT, who=gid(PZH), pool=gid(PROVINCE), on="2025-04-01")
        province = data(c, ADMIT, who=gid(JUDGE), pool=gid(PROVINCE), on="2025-06-01")
        in_may = data(c, POOL, on="2025-05-01")["talentPool"]
        in_july = data(c, POOL, on="2025-07-01")["talentPool"]
        city_only = data(c, POOL, on="2025-07-01", level="CITY")["talentPool"]
        left = data(c, LEAVE, who=gid(JUDGE), on="2025-09-01")["leaveTalentPool"]
        in_october = data(c, POOL, on="2025-10-01")["talentPool"]
    assert sorted(trained["traineeIds"]) == sorted([gid(JUDGE), gid(PZH)])
    admitted = city["admitToTalentPool"]
    assert admitted["official"]["poolLevel"] == "CITY" and admitted["trainingHours"] == 20.0
    # The Panzhihua leader took the training but did not pass it: no hours count.
    assert codes(refused) == ["VALIDATION"] and _fields(refused) == ["officialId"]
    assert province["admitToTalentPool"]["level"] == "PROVINCE"
    assert [(m["official"]["id"], m["level"], m["validTo"]) for m in in_may] == [
        (gid(JUDGE), "CITY", "2025-05-31")  # the later move up dates its end
    ]
    assert [(m["pool"]["id"], m["level"], m["validFrom"]) for m in in_july] == [
        (gid(PROVINCE), "PROVINCE", "2025-06-01")
    ]
    assert city_only == []
    assert left["poolLevel"] is None and in_october == []
    with server.client("supervisor", "510000") as c:
        history = data(
            c,
            "query($on: String) { talentPool(on: $on) { validFrom validTo } }",
            on="2025-05-31",
        )["talentPool"]
    assert history == [{"validFrom": "2025-04-01", "validTo": "2025-05-31"}]


def test_trainings_and_pools_refuse_what_their_rules_forbid(server: Server) -> None:
    write_scene(server.store)
    with server.client("supervisor", "510000") as c:
        by_court = gql(c, HOLD, by=gid("agency:cd-court"), title="t", on="2025-03-01", hours=8.0)
        too_long = gql(c, HOLD, by=gid(PROVINCE), title="t", on="2025-03-01", hours=500.0)
        backwards = gql(
            c, HOLD, by=gid(PROVINCE), title="t", on="2025-03-05", end="2025-03-01", hours=8.0
        )
        city_training = held(c, CITY, "成都市执法监督培训")
        outside = gql(c, TRAINEES, id=city_training, trainees=[{"officialId": gid(PZH)}])
        party = gql(c, TRAINEES, id=city_training, trainees=[{"officialId": gid(PETITIONER)}])
        over = gql(
            c, TRAINEES, id=city_training, trainees=[{"officialId": gid(JUDGE), "hours": 99}]
        )
        data(c, TRAINEES, id=city_training, trainees=[{"officialId": gid(JUDGE)}])
        twice = gql(c, TRAINEES, id=city_training, trainees=[{"officialId": gid(JUDGE)}])
        # City-level hours do not admit to the provincial pool.
        up = gql(c, ADMIT, who=gid(JUDGE), pool=gid(PROVINCE), on="2025-04-01")
        data(c, ADMIT, who=gid(JUDGE), pool=gid(CITY), on="2025-04-01")
        same = gql(c, ADMIT, who=gid(JUDGE), pool=gid(CITY), on="2025-05-01")
        not_member = gql(c, LEAVE, who=gid(PZH))
        generic_level = gql(
            c,
            """mutation($id: ID!) {
                 updateOfficial(id: $id, version: 2, input: {poolLevel: PROVINCE}) { id } }""",
            id=gid(JUDGE),
        )
        generic_training = gql(
            c,
            """mutation { createTraining(input: {title: "t", heldOn: "2025-01-01", level: CITY,
                 hours: 8, regionCode: "510100"}) { id } }""",
        )
    with server.client("supervisor", "510400") as other:
        foreign = gql(other, HOLD, by=gid(CITY), title="t", on="2025-03-01", hours=8.0)
    assert _fields(by_court) == ["organizerId"]
    assert _fields(too_long) == ["hours"] and _fields(backwards) == ["endedOn"]
    assert _fields(outside) == ["trainees.0.officialId"]
    assert _fields(party) == ["trainees.0.officialId"]
    assert _fields(over) == ["trainees.0.hours"]
    assert _fields(twice) == ["trainees.0.officialId"]
    assert _fields(up) == ["officialId"]
    assert _fields(same) == ["officialId"]
    assert _fields(not_member) == ["officialId"]
    assert codes(generic_level) == ["VALIDATION"]
    assert codes(generic_training) == ["VALIDATION"] or "errors" in generic_training
    assert codes(foreign) in (["FORBIDDEN"], ["NOT_FOUND"])
