"""An unannounced visit (暗访) over HTTP, on both stores: hidden from the visited unit, by
id, in lists and from the unit's own relationships, until it is finished; seen by those who
conduct it and by supervisors; its findings wait for its end; its secrecy cannot be lifted
by the generic mutations."""

from __future__ import annotations

from tests.api.api_client import codes, data, gid, gql
from tests.api.api_harness import Server
from tests.worlds.joint import COURT, RECORD_FINDING, write_scene

COMMISSION = "agency:cd-commission"
VISIT = """
mutation($by: [ID!]!, $to: [ID!]!) {
  openUnannouncedVisit(title: "暗访锦江区法院立案窗口", conductorIds: $by, targetIds: $to,
                       startedOn: "2024-03-01") {
    action { id version kind unannounced concealed status }
  }
}"""
SEE = """
query($id: ID!, $unit: ID!) {
  node(id: $id) { id }
  supervisionActions(filter: {kind: VISIT}) { nodes { id } }
  unit: node(id: $unit) { ... on Agency { supervisionActions { id } } }
}"""
FINISH = """
mutation($id: ID!, $version: Int!) {
  finishAction(actionId: $id, version: $version) { version concealed status }
}"""
REVEAL = """
mutation($id: ID!, $version: Int!) {
  updateSupervisionAction(id: $id, version: $version, input: {concealed: false}) { id }
}"""


LINKAGE = "{ unitLinkage { agency { id } externalActionIds } }"


def _in_reports(c: object, action: str) -> bool:
    """Whether the visit shows in the reports that list actions by region."""
    linkage = data(c, LINKAGE)["unitLinkage"]  # type: ignore[arg-type]
    return any(action in row["externalActionIds"] for row in linkage)


def _sees(c: object, action: str) -> tuple[bool, bool, bool]:
    found = data(c, SEE, id=action, unit=gid(COURT))  # type: ignore[arg-type]
    listed = [n["id"] for n in found["supervisionActions"]["nodes"]]
    related = [n["id"] for n in (found["unit"] or {}).get("supervisionActions", [])]
    return found["node"] is not None, action in listed, action in related


def test_an_unannounced_visit_stays_hidden_from_the_visited_until_it_is_over(
    server: Server,
) -> None:
    write_scene(server.store)
    with server.client("supervisor", "510100", agency=COMMISSION) as commission:
        opened = data(commission, VISIT, by=[gid(COMMISSION)], to=[gid(COURT)])
        action = opened["openUnannouncedVisit"]["action"]
        by_commission = _sees(commission, action["id"])
        early = gql(
            commission, RECORD_FINDING, action=action["id"], concerns=[gid(COURT)], on="2024-03-01"
        )
        reveal = gql(commission, REVEAL, id=action["id"], version=1)
    with server.client("supervisor", "510100", agency=COURT) as court:
        by_court = _sees(court, action["id"])
        court_reports = _in_reports(court, action["id"])
    with server.client("supervisor", "510100", agency=COMMISSION) as commission:
        commission_reports = _in_reports(commission, action["id"])
    with server.client("supervisor", "510100") as supervisor:
        by_supervisor = _sees(supervisor, action["id"])
        finished = data(supervisor, FINISH, id=action["id"], version=1)["finishAction"]
    with server.client("supervisor", "510100", agency=COURT) as court:
        after = _sees(court, action["id"])
    assert (action["kind"], action["unannounced"], action["concealed"]) == ("VISIT", True, True)
    assert by_commission == (True, True, True)
    assert by_supervisor == (True, True, True)
    assert by_court == (False, False, False)
    # Reports that list actions by region leave it out too (workflows.concealment).
    assert (court_reports, commission_reports) == (False, True)
    assert codes(early) == ["VALIDATION"]
    assert early["errors"][0]["extensions"]["fields"][0]["field"] == "actionId"
    assert codes(reveal) == ["VALIDATION"]
    assert (finished["concealed"], finished["status"]) == (None, "COMPLETED")
    assert after == (True, True, True)
