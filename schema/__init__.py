"""The GraphQL schema (strawberry), generated from the model table; ``sdl()`` prints it."""

from __future__ import annotations

import functools
import logging
from typing import Any

import strawberry
from graphql import GraphQLError
from graphql.validation import NoSchemaIntrospectionCustomRule
from strawberry.schema.config import StrawberryConfig
from strawberry.types import ExecutionContext

from schema.cache import DocumentCache, QueryCache
from schema.errors import is_unexpected
from schema.execution import FastExecutionContext, quicken
from schema.generic.nodes import TYPES
from schema.generic.scalars import SCALARS
from schema.limits import Limits, limit_rule
from schema.roots import Mutation, Query, Subscription

log = logging.getLogger("jiandu.api")

CACHE_SIZE = 512
DEFAULT_LIMITS = Limits()


class JianduSchema(strawberry.Schema):
    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        # Domain and request errors are answers, not faults: only the unexpected are logged.
        context = execution_context.context if execution_context else None
        request_id = getattr(context, "request_id", "")
        for error in errors:
            if is_unexpected(error):
                log.error(
                    "unexpected error",
                    exc_info=error.original_error,
                    extra={"fields": {"request_id": request_id, "path": error.path}},
                )


@functools.cache
def build(
    limits: Limits = DEFAULT_LIMITS, *, introspection: bool = True, shortcuts: bool = True
) -> JianduSchema:
    """The schema with ``limits`` enforced, parse and validation results cached (one per
    set of limits: building one takes a good part of a second). ``shortcuts``: executed
    with ``schema.execution``'s shortcuts (the same answers, faster); off only to compare."""
    rules: list[Any] = [limit_rule(limits)]
    if not introspection:
        rules.append(NoSchemaIntrospectionCustomRule)
    cache = DocumentCache(rules, CACHE_SIZE)
    schema = JianduSchema(
        query=Query,
        mutation=Mutation,
        subscription=Subscription,
        types=list(TYPES.values()),
        config=StrawberryConfig(scalar_map=SCALARS),
        extensions=[lambda: QueryCache(cache)],
        execution_context_class=FastExecutionContext if shortcuts else None,
    )
    if shortcuts:
        quicken(schema._schema)
    return schema


def sdl() -> str:
    """The schema in GraphQL SDL, as committed in ``schema.graphql``."""
    return build().as_str() + "\n"
