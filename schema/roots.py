"""The three roots, joined from the features in this order; each feature package says which
fields it adds (``QUERY``, ``MUTATION``, ``SUBSCRIPTION``)."""

from __future__ import annotations

from collections.abc import Iterable
from types import ModuleType
from typing import Any

from schema import cooperation, evidence, explore, joint, petitioning, review, supervision
from schema.fields import Root, RootField, build_root
from schema.generic import mutations, queries

FEATURES: tuple[ModuleType, ...] = (
    supervision,
    joint,
    evidence,
    review,
    petitioning,
    cooperation,
    explore,
)
NAMES = {Root.QUERY: "QUERY", Root.MUTATION: "MUTATION", Root.SUBSCRIPTION: "SUBSCRIPTION"}


def _fields(feature: ModuleType, root: Root) -> Iterable[RootField]:
    found: tuple[RootField, ...] = getattr(feature, NAMES[root], ())
    return found


def _features(root: Root) -> list[Iterable[RootField]]:
    return [_fields(feature, root) for feature in FEATURES]


Query: Any = build_root(Root.QUERY, "Reads.", queries.QUERY, *_features(Root.QUERY))
Mutation: Any = build_root(
    Root.MUTATION, "Writes, all audited.", mutations.MUTATION, *_features(Root.MUTATION)
)
Subscription: Any = build_root(
    Root.SUBSCRIPTION,
    "Pushed over websocket (graphql-transport-ws) at /graphql.",
    supervision.SUBSCRIPTION,
)
