"""The sample graph with the bodies joint supervision needs (a city commission, discipline
body, people's congress, a media body), and the joint-supervision writes over HTTP."""

from __future__ import annotations

from typing import Any

import httpx

from graph.model.validate import make_node
from graph.store import Batch, GraphStore
from tests.api.api_client import data, gid
from tests.worlds.sample import write_sample

COURT = "agency:cd-court"
BODIES = [
    ("agency:cd-commission", "成都市委政法委", "COMMISSION", "CITY", "510100"),
    ("agency:cd-discipline", "成都市纪委监委", "DISCIPLINE", "CITY", "510100"),
    ("agency:cd-congress", "成都市人大常委会", "CONGRESS", "CITY", "510100"),
    ("agency:sc-media", "四川法治报社", "MEDIA", "PROVINCE", "510000"),
]

OPEN_ACTION = """
mutation($kind: ActionKind!, $conductors: [ID!]!, $targets: [ID!]!, $start: String!,
         $end: String) {
  openAction(kind: $kind, title: "监督", conductorIds: $conductors, targetIds: $targets,
             startedOn: $start, endedOn: $end) {
    action { id version status kind startedOn } conductorIds targets { id } joint
  }
}"""
RECORD_FINDING = """
mutation($action: ID!, $concerns: [ID!]!, $on: String) {
  recordFinding(actionId: $action, title: "办案拖延", category: WORK_STYLE, severity: SERIOUS,
                concernsIds: $concerns, foundOn: $on) {
    id foundOn regionCode categoryLabel
  }
}"""
RECOGNIZE = """
mutation($finding: ID!, $by: ID!, $on: String) {
  recognizeFinding(findingId: $finding, byId: $by, scope: "政治督察、执法监督结果互认",
                   recognizedOn: $on) {
    finding { id }
    recognitions { byId by { id } byKind scope recognizedOn }
  }
}"""


def write_scene(store: GraphStore) -> None:
    write_sample(store)
    store.write(
        Batch(
            nodes=[
                make_node("Agency", i, {"name": n, "kind": k, "level": lv, "region_code": r})
                for i, n, k, lv, r in BODIES
            ]
        )
    )


def open_action(
    c: httpx.Client,
    kind: str,
    conductors: list[str],
    targets: list[str],
    start: str,
    end: str | None = None,
) -> dict[str, Any]:
    opened: dict[str, Any] = data(
        c,
        OPEN_ACTION,
        kind=kind,
        conductors=[gid(i) for i in conductors],
        targets=[gid(i) for i in targets],
        start=start,
        end=end,
    )["openAction"]
    return opened


def record_finding(
    c: httpx.Client, action_id: str, concerns: list[str], on: str | None = None
) -> dict[str, Any]:
    found: dict[str, Any] = data(
        c, RECORD_FINDING, action=action_id, concerns=[gid(i) for i in concerns], on=on
    )["recordFinding"]
    return found
