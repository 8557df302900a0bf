"""What the petitioning and supervision API tests add to the sample graph
(tests/worlds/sample.py), and days counted as the server counts them."""

from __future__ import annotations

import datetime as dt
from typing import Any

import httpx

from graph.model.records import Node
from graph.model.validate import make_node
from graph.store import Batch, GraphStore
from tests.api.api_client import data
from tests.worlds.sample import write_sample
from workflows.days import today

CD_COMMISSION = "agency:cd-commission"
NODE = "query($id: ID!) { node(id: $id) { version } }"


def write_world(store: GraphStore, *extra: Node, rels: list[Any] | None = None) -> None:
    """The sample graph, the commission of 成都市, and ``extra`` nodes and relationships."""
    write_sample(store)
    commission = make_node(
        "Agency",
        CD_COMMISSION,
        {"name": "成都市委政法委", "kind": "COMMISSION", "level": "CITY", "region_code": "510100"},
    )
    store.write(Batch(nodes=[commission, *extra], rels=rels or []))


def version(client: httpx.Client, global_id: str) -> int | None:
    found = data(client, NODE, id=global_id)["node"]
    return None if found is None else int(found["version"])


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def plus(text: str, days: int) -> str:
    return (day(text) + dt.timedelta(days=days)).isoformat()


def server_today() -> dt.date:
    """The day the server dates writes by (the deployment's day, ``workflows.days.today``)."""
    return day(today())
