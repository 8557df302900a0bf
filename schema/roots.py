"""The three roots, joined from the features in this order; each feature package says which
fields it adds (``QUERY``, ``MUTATION``, ``SUBSCRIPTION``)."""

from __future__ import annotations

from collections.abc import Iterable
from types import ModuleType
from typing import Any

from schema import areas
from schema.fields import Root, RootField, build_root
from schema.generic import mutations, queries
from schema.subscription import Subscription as Subscription


def _legacy(module: ModuleType, root: Root) -> Iterable[RootField]:
    fields = module.query_fields() if root is Root.QUERY else module.mutation_fields()
    return [RootField(root, name, f, module.__name__) for name, f in fields.items()]


def _features(root: Root) -> list[Iterable[RootField]]:
    return [_legacy(area, root) for area in areas.AREAS]


Query: Any = build_root(Root.QUERY, "Reads.", queries.QUERY, *_features(Root.QUERY))
Mutation: Any = build_root(
    Root.MUTATION, "Writes, all audited.", mutations.MUTATION, *_features(Root.MUTATION)
)
