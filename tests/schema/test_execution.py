"""schema.execution: its shortcuts give the answers graphql-core's own execution gives, errors
and nulls included, on a small schema made to break them and on Jiandu's own schema over the
demo; and they are taken."""

from __future__ import annotations

import asyncio
import enum
import json
from collections.abc import Iterator
from typing import Any

import pytest
import strawberry

from graph.adapters.embedded import EmbeddedStore
from graph.model.enums import NodeKind
from graph.store import PageRequest
from loaders.demo import write_demo
from schema import build
from schema.context import Context
from schema.execution import NOT_HELD, FastExecutionContext, quick, quicken
from schema.generic.ids import to_global
from schema.limits import Limits
from workflows.access import Access, Principal, Role, SharedItems


@strawberry.enum
class Colour(enum.Enum):
    RED = "red"
    BLUE = "blue"


@strawberry.interface
class Thing:
    name: str


class Broken(Exception):
    pass


class Never(strawberry.BasePermission):
    message = "never"

    def has_permission(self, source: Any, info: strawberry.Info, **kwargs: Any) -> bool:
        return False


HELD: list[str] = []  # the roots a ``quick`` answer was asked for


def _twin(root: Any, info: strawberry.Info) -> str:
    return f"{root.name}-{info.field_name}"


def _twin_at_hand(root: Any) -> Any:
    HELD.append(root.name)
    if root.name == "a":
        return "a-twin"  # what the resolver answers
    if root.name == "c":
        raise Broken("not at hand either")  # the ordinary way answers
    return NOT_HELD


def _guarded(root: Any, info: strawberry.Info) -> str:
    return "secret"


quick(_twin, _twin_at_hand)
quick(_guarded, lambda root: "secret")  # never asked: the field has a permission class


@strawberry.type
class Box(Thing):
    colour: Colour
    size: int | None
    label: str

    @strawberry.field
    def double(self, times: int = 2) -> int:
        return (self.size or 0) * times

    twin: str = strawberry.field(resolver=_twin)
    guarded: str = strawberry.field(resolver=_guarded, permission_classes=[Never])


@strawberry.type
class Bag(Thing):
    weight: float


class Odd(Box):
    """A Box whose fields misbehave: a property that raises, a required one that is None."""

    @property
    def label(self) -> str:  # type: ignore[override]
        raise Broken("no label")


def _odd(name: str | None) -> Any:
    odd = Odd.__new__(Odd)
    odd.__dict__.update(name=name, colour=Colour.BLUE, size=None)
    return odd


@strawberry.type
class Query:
    @strawberry.field
    def things(self) -> list[Thing | None]:
        return [
            Box(name="a", colour=Colour.RED, size=3, label="一"),
            Bag(name="b", weight=1.5),
            _odd("x"),
            Box(name="c", colour="green", size=1, label="三"),  # type: ignore[arg-type]
        ]

    @strawberry.field
    def boxes(self) -> list[Box | None]:
        return [Box(name="d", colour=Colour.BLUE, size=None, label="四"), _odd(None)]


TOY = """{
  things { __typename name ... on Box { twin colour size label double(times: 3) guarded }
           ... on Bag { weight } }
  boxes { name colour size label }
}"""


def _answer(schema: strawberry.Schema, query: str, **kwargs: Any) -> dict[str, Any]:
    result = asyncio.run(schema.execute(query, **kwargs))
    errors = sorted((json.dumps(e.path), e.message) for e in result.errors or [])
    return {"data": result.data, "errors": errors}


def test_the_shortcuts_answer_as_graphql_core_does_errors_and_nulls_included() -> None:
    plain = strawberry.Schema(query=Query, types=[Box, Bag])
    fast = strawberry.Schema(
        query=Query, types=[Box, Bag], execution_context_class=FastExecutionContext
    )
    assert quicken(fast._schema) == 1  # twin; not guarded, which has a permission class
    assert quicken(fast._schema) == 0  # once only
    expected = _answer(plain, TOY)
    assert expected["errors"], "the toy must break: a raising property, nulls, a bad enum"
    assert "never" in {message for _, message in expected["errors"]}
    assert not HELD
    assert _answer(fast, TOY) == expected
    assert sorted(set(HELD)) == ["a", "c", "x"]  # every Box that reached the field
    assert _answer(fast, TOY) == expected  # and again, from what the first answer learnt
    plans = fast._schema._jiandu_plans  # type: ignore[attr-defined]
    assert plans.leaves[("Box", "colour")] is not None
    assert plans.leaves[("Box", "double")] is None  # a resolver: the ordinary way
    assert {(name, cls.__name__) for name, cls in plans.runtime} >= {("Thing", "Box")}


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedStore]:
    store = EmbeddedStore(tmp_path_factory.mktemp("execution"))
    write_demo(store, cases=300)
    yield store
    store.close()


DOCUMENTS = [
    """query($id: ID!) { neighbourhood(id: $id, depth: 2, limit: 300) {
      nodes { id caption nodeKind nodeKindLabel __typename ... on Case { caseNumber kind } }
      relationships { id type typeLabel validFrom from { id caption } to { id } } truncated } }""",
    """{ cases(first: 30, orderBy: {field: FILED_ON, direction: DESC}) { totalCount
      edges { cursor node { id caseNumber cause filedOn kind kindLabel stage closedOn } }
      pageInfo { hasNextPage endCursor } } }""",
    """query($id: ID!) { node(id: $id) { id __typename ... on Case { caseNumber kind stage
      links(first: 20) { outgoing node { id nodeKind }
        relationship { id type from { id } to { id caption } } } } } }""",
    """{ officials(first: 20) { edges { node { id name role roleLabel } } } }""",
    """{ sentenceRedFlags { kind kindLabel caseIds sensitive summary
      evidence { nodes { id caption } relationships { id type } } } }""",
    """{ node(id: "bm90IGFuIGlk") { id } }""",
]


@pytest.mark.parametrize("role", [Role.ADMIN, Role.INVESTIGATOR])
def test_jiandu_answers_the_same_with_and_without_the_shortcuts(
    demo: EmbeddedStore, role: Role
) -> None:
    limits = Limits(request_seconds=600)
    shared = SharedItems(demo)
    first_case = _first(demo, NodeKind.Case)
    first_official = _first(demo, NodeKind.Official)
    for document in DOCUMENTS:
        for variables in (
            {"id": to_global("Case", first_case)},
            {"id": to_global("Official", first_official)},
        ):
            answers = []
            for shortcuts in (False, True):
                schema = build(limits, shortcuts=shortcuts)
                context = Context(
                    store=demo, access=Access(Principal("t", role), shared), limits=limits
                )
                answers.append(
                    _answer(
                        schema,
                        document,
                        variable_values=variables if "$id" in document else None,
                        context_value=context,
                    )
                )
            assert answers[0]["data"], document
            assert bool(answers[0]["errors"]) == ("bm90" in document), answers[0]["errors"]
            assert answers[1] == answers[0], document
    relationship = build(limits)._schema.type_map["Relationship"]
    for end in ("from", "to"):  # answered from the subgraph's ends when it holds them
        assert getattr(relationship.fields[end].resolve, "_jiandu_asks_first", False)  # type: ignore[attr-defined]


def _first(store: EmbeddedStore, kind: NodeKind) -> str:
    return store.list_nodes(kind, page=PageRequest(first=1, count=False)).items[0].id
