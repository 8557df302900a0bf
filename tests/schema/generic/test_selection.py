"""asks_for and asks_only read the document as written: fields, aliases, fragments spread
anywhere (each read once), inline fragments, and a field selected more than once."""

from __future__ import annotations

from typing import Any

import pytest
import strawberry

from schema.generic.connections import asks_for, asks_only

SEEN: list[tuple[bool, bool]] = []


@strawberry.type
class Item:
    a: int = 1
    b: int = 2
    c: int = 3


@strawberry.type
class Box:
    items: list[Item]
    total: int = 0


@strawberry.type
class Query:
    @strawberry.field
    def box(self, info: strawberry.Info) -> Box:
        SEEN.append((asks_only(info, "items", frozenset({"a", "b"})), asks_for(info, "total")))
        return Box(items=[Item()])


SCHEMA = strawberry.Schema(Query)


@pytest.mark.parametrize(
    ("document", "only", "total"),
    [
        ("{ box { items { a b } } }", True, False),
        ("{ box { items { a } total } }", True, True),
        ("{ box { total } }", True, True),  # no items asked: nothing beyond a and b either
        ("{ box { items { a c } } }", False, False),
        ("{ box { items { a x: c } } }", False, False),
        ("{ box { items { a } again: items { c } } }", False, False),
        ("{ box { items { ...F } } } fragment F on Item { c }", False, False),
        ("{ box { items { ...F } } } fragment F on Item { a ...G } fragment G on Item { c }",
         False, False),
        ("{ box { items { ...F } } } fragment F on Item { a b }", True, False),
        ("{ box { items { ... on Item { c } } } }", False, False),
        ("{ box { ...B } } fragment B on Box { items { c } total }", False, True),
        ("{ box { ... on Box { items { a } } } }", True, False),
        ("{ box { items { c @skip(if: true) a } } }", False, False),  # conservative
        ("{ box { items { __typename a } } }", False, False),  # __typename not in this set
    ],
)  # fmt: skip
def test_what_a_selection_asks(document: str, only: bool, total: bool) -> None:
    SEEN.clear()
    result: Any = SCHEMA.execute_sync(document)
    assert result.errors is None
    assert [(only, total)] == SEEN
