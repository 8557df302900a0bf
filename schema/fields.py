"""The one way a feature adds a field to a root, and the roots built from the features.

    @mutation("互认: a body recognises a finding …", returns=FindingRecord)
    async def recognize_finding(info: Info, finding_id: strawberry.ID, scope: str) -> Any:

The resolver is named after its field (``recognize_finding`` answers ``recognizeFinding``),
so one grep leads from a GraphQL name to its Python. Its arguments are typed by its own
signature; ``returns`` and keyword overrides name the types a signature cannot spell
statically (the node, enum and output types generated from the model table). Each feature
package lists its fields (``QUERY``, ``MUTATION``, ``SUBSCRIPTION``) and ``schema.roots``
joins them: a field name given twice stops the start-up, naming both places.
"""

from __future__ import annotations

import enum
import inspect
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import strawberry


class Root(enum.Enum):
    QUERY = "Query"
    MUTATION = "Mutation"
    SUBSCRIPTION = "Subscription"


@dataclass(frozen=True)
class RootField:
    """A field of a root: its Python name (the GraphQL name in snake_case), the strawberry
    field, and where its resolver is defined."""

    root: Root
    name: str
    field: Any
    where: str


Resolver = Callable[..., Any]


def typed(resolver: Resolver, returns: Any = None, /, **types: Any) -> Resolver:
    """``resolver`` with ``returns`` and the argument ``types`` in place of what its signature
    says; every override must name one of its parameters."""
    names = inspect.signature(resolver).parameters
    unknown = sorted(set(types) - set(names))
    if unknown:
        raise TypeError(f"{_where(resolver)}: no parameter {', '.join(unknown)} to type")
    hints = {**resolver.__annotations__, **types}
    if returns is not None:
        hints["return"] = returns
    resolver.__annotations__ = hints
    return resolver


def root_field(
    root: Root, resolver: Resolver, description: str, returns: Any = None, **types: Any
) -> RootField:
    """The field ``resolver`` answers, named after it (see ``typed`` for the overrides)."""
    typed(resolver, returns, **types)
    make = strawberry.subscription if root is Root.SUBSCRIPTION else strawberry.field
    field = make(resolver=resolver, description=description)
    return RootField(root, resolver.__name__, field, _where(resolver))


def _declare(root: Root) -> Callable[..., Callable[[Resolver], RootField]]:
    def declare(
        description: str, /, *, returns: Any = None, **types: Any
    ) -> Callable[[Resolver], RootField]:
        def make(resolver: Resolver) -> RootField:
            return root_field(root, resolver, description, returns, **types)

        return make

    return declare


query = _declare(Root.QUERY)
mutation = _declare(Root.MUTATION)
subscription = _declare(Root.SUBSCRIPTION)


def build_root(root: Root, description: str, *groups: Iterable[RootField]) -> Any:
    """The root type with these fields in order; a field of another root, or a name given
    twice, is an error naming where each was defined."""
    members: dict[str, RootField] = {}
    for group in groups:
        for f in group:
            if f.root is not root:
                raise TypeError(f"{f.where}: a {f.root.value} field listed in {root.value}")
            if f.name in members:
                raise TypeError(
                    f"{root.value}.{f.name} is defined twice: {members[f.name].where} and {f.where}"
                )
            members[f.name] = f
    cls = type(root.value, (), {name: f.field for name, f in members.items()})
    return strawberry.type(cls, description=description)


def _where(resolver: Resolver) -> str:
    return f"{resolver.__module__}.{resolver.__qualname__}"
