"""The composition root: which store to open, from flags and the environment."""

from __future__ import annotations

import os

from graph.store import GraphStore

DEFAULT_STORE = "data"
NEO4J_SCHEMES = ("bolt://", "bolt+s://", "bolt+ssc://", "neo4j://", "neo4j+s://", "neo4j+ssc://")


def store_url(flag: str | None = None) -> str:
    """The store to use: the flag, else JIANDU_STORE, else JIANDU_NEO4J_URI, else ./data."""
    return (
        flag
        or os.environ.get("JIANDU_STORE")
        or os.environ.get("JIANDU_NEO4J_URI")
        or DEFAULT_STORE
    )


def is_neo4j(url: str) -> bool:
    return url.startswith(NEO4J_SCHEMES)


def open_store(url: str | None = None, *, read_only: bool = False) -> GraphStore:
    target = store_url(url)
    if is_neo4j(target):
        from graph.adapters.neo4j import Neo4jStore

        return Neo4jStore.from_env(target)
    from graph.adapters.embedded import EmbeddedStore

    return EmbeddedStore(target, read_only=read_only)
