"""Parse and validation results, cached by query text.

strawberry's ParserCache and ValidationCache key their LRU caches by the parsed document,
and a graphql-core document hashes itself node by node on every lookup; keying both by the
query text costs one string hash. Validation here also runs the schema's own rules (limits,
introspection), fixed when the schema is built, so a cached verdict stays right.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from typing import Any

from graphql import DocumentNode, GraphQLError
from strawberry.extensions import SchemaExtension
from strawberry.schema.schema import validate_document


class DocumentCache:
    def __init__(self, rules: Sequence[Any], size: int) -> None:
        self.rules = tuple(rules)
        self.size = size
        self._lock = threading.Lock()
        self._entries: OrderedDict[str, tuple[DocumentNode, list[GraphQLError] | None]] = (
            OrderedDict()
        )

    def get(self, query: str) -> tuple[DocumentNode, list[GraphQLError] | None] | None:
        with self._lock:
            entry = self._entries.get(query)
            if entry is not None:
                self._entries.move_to_end(query)
            return entry

    def put(self, query: str, document: DocumentNode, errors: list[GraphQLError] | None) -> None:
        with self._lock:
            self._entries[query] = (document, errors)
            self._entries.move_to_end(query)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)


class QueryCache(SchemaExtension):
    """Skips parsing and validation of a query text seen before."""

    def __init__(self, cache: DocumentCache) -> None:
        self.cache = cache
        self.hit: tuple[DocumentNode, list[GraphQLError] | None] | None = None

    def on_parse(self) -> Iterator[None]:
        context = self.execution_context
        if context.query is not None:
            self.hit = self.cache.get(context.query)
        if self.hit is not None:
            context.graphql_document = self.hit[0]
        yield

    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        if self.hit is not None and self.hit[1] is not None:
            context.pre_execution_errors = self.hit[1]
        else:
            assert context.graphql_document is not None
            errors = validate_document(
                context.schema._schema,
                context.graphql_document,
                (*context.validation_rules, *self.cache.rules),
            )
            context.pre_execution_errors = errors
            if context.query is not None:
                self.cache.put(context.query, context.graphql_document, errors)
        yield
