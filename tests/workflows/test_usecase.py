"""The one runner of use cases (workflows.usecase.call): permission, visibility, jurisdiction
and places, in that order, and what it passes on (actor, today, access, region)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from graph.adapters.embedded import EmbeddedStore
from graph.errors import Forbidden, NotFound
from graph.model.enums import NodeKind
from graph.store import GraphStore
from tests.worlds.county_court import add_case, build
from workflows import usecase
from workflows.access import Access, Principal, Role, SharedItems
from workflows.access import Permission as P
from workflows.days import today as deployment_day


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[GraphStore]:
    store = EmbeddedStore(Path(tmp_path_factory.mktemp("usecase")) / "store")
    build(store)
    add_case(store, "case:chengdu", "court:510104", "2024-01-10")
    add_case(store, "case:mianyang", "court:510703", "2024-01-11")
    yield store
    store.close()


def access(store: GraphStore, role: str, region: str | None) -> Access:
    return Access(Principal(f"{role}@{region}", Role(role), region), SharedItems(store))


@usecase.use_case(P.WRITE, owns=["case_id"], places=[(NodeKind.Case, "region_code")])
def touch(
    store: GraphStore, *, actor: str, today: str, case_id: str, region_code: str | None = None
) -> dict[str, Any]:
    return {"actor": actor, "today": today, "case": case_id}


@usecase.use_case(P.READ, sees=["ids"], scoped=True)
def look(store: GraphStore, *, access: Access, region: str | None, ids: list[str]) -> Any:
    return {"region": region, "scoped": access.scoped, "ids": ids}


def test_a_missing_day_is_the_deployments_and_a_given_day_is_kept(world: GraphStore) -> None:
    admin = access(world, "admin", None)
    for absent in ({}, {"today": None}):
        done = usecase.call(touch, store=world, access=admin, case_id="case:chengdu", **absent)
        assert done["today"] == deployment_day()
    given = usecase.call(
        touch, store=world, access=admin, case_id="case:chengdu", today="2020-02-02"
    )
    assert given == {"actor": "admin@None", "today": "2020-02-02", "case": "case:chengdu"}


def test_the_permission_comes_first(world: GraphStore) -> None:
    with pytest.raises(Forbidden):
        # Even about a node that does not exist: the role decides before anything is read.
        usecase.call(touch, store=world, access=access(world, "viewer", None), case_id="x")


def test_a_hidden_node_reads_as_absent_and_names_its_argument(world: GraphStore) -> None:
    chengdu = access(world, "supervisor", "510100")
    for id_ in ("case:mianyang", "case:nowhere"):
        with pytest.raises(NotFound) as refused:
            usecase.call(look, store=world, access=chengdu, ids=["case:chengdu", id_])
        assert refused.value.field == "ids.1"
    seen = usecase.call(look, store=world, access=chengdu, ids=["case:chengdu"])
    assert seen == {"region": "510100", "scoped": True, "ids": ["case:chengdu"]}


def test_owned_nodes_and_new_places_lie_in_the_jurisdiction(world: GraphStore) -> None:
    county = access(world, "supervisor", "510104")
    assert usecase.call(touch, store=world, access=county, case_id="case:chengdu")["case"]
    with pytest.raises(Forbidden, match="region_code '510100'"):
        usecase.call(
            touch, store=world, access=county, case_id="case:chengdu", region_code="510100"
        )


def test_a_use_case_without_a_declaration_cannot_be_called(world: GraphStore) -> None:
    def bare(store: GraphStore) -> None: ...

    with pytest.raises(TypeError, match="declares no access"):
        usecase.call(bare, store=world, access=access(world, "admin", None))


def test_a_declaration_naming_no_argument_fails_where_it_is_made() -> None:
    with pytest.raises(TypeError, match="no argument case"):

        @usecase.use_case(P.READ, owns=["case"])
        def wrong(store: GraphStore, *, case_id: str) -> None: ...
