"""Limits on a request: depth, cost, aliases, page size and query size.

Depth, cost, aliases and literal page sizes are checked by one validation rule, so a
request over a limit fails before any resolver runs, and the verdict is cached with the
rest of validation (the rule class is made once per schema, keeping the cache key stable).
Page sizes given through variables are checked when the field resolves.

Cost: every field costs 1, ``__typename`` included; a field that takes ``first``/``last``
(a connection or a relationship list) multiplies the cost of what is selected under it by
that page size (the default page size when absent, the maximum when it comes from a
variable); ``nodes(ids:)`` multiplies by the number of ids, and ``neighbourhood(limit:)`` by
its limit. A field that walks the graph (``hops``, ``maxHops``, ``depth``) adds the work of
the walk, ``WALK_FANOUT ** hops``: 10 for one hop, 10,000 for four (the most a walk may
take, ``MAX_WALK``), and the maximum when the number comes from a variable; so that a handful
of the heaviest walks fills the budget of one request. The introspection fields
``__schema`` and ``__type`` are free.

A fragment spread costs what the fragment would cost inlined there, so a fragment spreading
another twice, twenty levels deep, costs 2**20. Each fragment is measured once and its
measure reused at every spread, so the analysis stays linear in the size of the document
however the spreads multiply.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from graphql import (
    FieldNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLInterfaceType,
    GraphQLObjectType,
    InlineFragmentNode,
    IntValueNode,
    ListValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    ValidationContext,
    ValidationRule,
    get_named_type,
)

from graph.errors import QueryTooLarge
from workflows.explore.bounds import MAX_WALK

DEFAULT_PAGE_SIZE = 20
WALK_ARGUMENTS = ("hops", "maxHops", "depth")
WALK_FANOUT = 10
NEIGHBOURHOOD_LIMIT_PAGES = 10  # neighbourhood(limit:) is at most 10 × the page size limit


@dataclass(frozen=True)
class Limits:
    max_depth: int = 10
    max_cost: int = 200_000
    max_aliases: int = 30
    max_page_size: int = 100
    max_query_bytes: int = 20_000
    max_variables_bytes: int = 200_000  # the variables, as compact JSON: else 413
    max_body_bytes: int = 1_000_000  # a POST body (query, variables and all): else 413
    max_upload_bytes: int = 21 * 1024 * 1024  # a multipart body with its files: else 413
    request_seconds: int = 30  # the time budget of a request: then TIMEOUT (HTTP 504)

    def page_size(self, first: int | None, argument: str = "first") -> int:
        """The page size to use for ``first`` (or ``last``), or QueryTooLarge past the limit."""
        if first is None:
            return min(DEFAULT_PAGE_SIZE, self.max_page_size)
        if first < 0:
            raise QueryTooLarge(f"{argument}: must not be negative")
        if first > self.max_page_size:
            raise QueryTooLarge(
                f"{argument}: {first} is over the page size limit of {self.max_page_size}"
            )
        return first


def variables_size(variables: Any) -> int:
    """The size of a request's variables as compact UTF-8 JSON, the form the limit counts (an
    uploaded file counts as null: the upload limit holds it)."""
    if not variables:
        return 0
    text = json.dumps(variables, ensure_ascii=False, separators=(",", ":"), default=lambda _: None)
    return len(text.encode())


def too_large(message: str, limit: str, maximum: int, nodes: Any = None) -> GraphQLError:
    return GraphQLError(
        message,
        nodes,
        extensions={"code": QueryTooLarge.code, "limit": limit, "max": maximum},
    )


class _Measure:
    """Depth and cost of one operation, walking fragments as if inlined."""

    def __init__(self, context: ValidationContext, limits: Limits) -> None:
        self.context = context
        self.limits = limits
        self.oversized: list[tuple[FieldNode, str, int]] = []
        self.fragments: dict[str, tuple[int, int]] = {}  # measured once each

    def selection(
        self, selection_set: SelectionSetNode | None, parent: Any, seen: frozenset[str]
    ) -> tuple[int, int]:
        if selection_set is None or parent is None:
            return 0, 0
        depth = cost = 0
        for node in selection_set.selections:
            if isinstance(node, FieldNode):
                d, c = self.field(node, parent, seen)
            elif isinstance(node, InlineFragmentNode):
                inner = parent
                if node.type_condition is not None:
                    inner = self.context.schema.get_type(node.type_condition.name.value)
                d, c = self.selection(node.selection_set, inner, seen)
            elif isinstance(node, FragmentSpreadNode):
                name = node.name.value
                fragment = self.context.get_fragment(name)
                if fragment is None or name in seen:  # a cycle: NoFragmentCycles reports it
                    continue
                if name not in self.fragments:
                    inner = self.context.schema.get_type(fragment.type_condition.name.value)
                    self.fragments[name] = self.selection(
                        fragment.selection_set, inner, seen | {name}
                    )
                d, c = self.fragments[name]
            else:
                continue
            depth, cost = max(depth, d), cost + c
        return depth, cost

    def field(self, node: FieldNode, parent: Any, seen: frozenset[str]) -> tuple[int, int]:
        name = node.name.value
        if name == "__typename":
            return 1, 1
        if name.startswith("__") or not isinstance(
            parent, GraphQLObjectType | GraphQLInterfaceType
        ):
            return 0, 0
        definition = parent.fields.get(name)
        if definition is None:
            return 0, 0
        child = get_named_type(definition.type)
        d, c = self.selection(node.selection_set, child, seen)
        walk = self.walk(node, definition.args)
        return d + 1, 1 + walk + self.multiplier(node, definition.args) * c

    def walk(self, node: FieldNode, args: dict[str, Any]) -> int:
        """The work of the graph walk a field asks for: WALK_FANOUT to the power of its hops
        (a literal, the argument's default, or MAX_WALK from a variable)."""
        given = {a.name.value: a.value for a in node.arguments or ()}
        for name in WALK_ARGUMENTS:
            if name not in args:
                continue
            value = given.get(name)
            if value is None:
                default = args[name].default_value
                hops = default if isinstance(default, int) else 0
            elif isinstance(value, IntValueNode):
                hops = int(value.value)
            else:
                hops = MAX_WALK
            # Past MAX_WALK the use case refuses the argument: count one step more, no power.
            return int(WALK_FANOUT ** min(max(hops, 0), MAX_WALK + 1))
        return 0

    def multiplier(self, node: FieldNode, args: dict[str, Any]) -> int:
        given = {a.name.value: a.value for a in node.arguments or ()}
        if "ids" in args:
            ids = given.get("ids")
            return len(ids.values) if isinstance(ids, ListValueNode) else self.limits.max_page_size
        sizes = [self.page(node, arg, given.get(arg)) for arg in ("first", "last") if arg in args]
        if "limit" in args and node.name.value == "neighbourhood":
            limit = given.get("limit")
            default = args["limit"].default_value
            if isinstance(limit, IntValueNode):
                sizes.append(int(limit.value))
            else:
                sizes.append(default if limit is None and isinstance(default, int) else 0)
                if limit is not None:  # a variable: the most it may be
                    sizes[-1] = NEIGHBOURHOOD_LIMIT_PAGES * self.limits.max_page_size
        if not sizes:
            return 1
        return max(sizes)

    def page(self, node: FieldNode, arg: str, value: Any) -> int:
        if value is None:
            return DEFAULT_PAGE_SIZE
        if isinstance(value, IntValueNode):
            size = int(value.value)
            if size > self.limits.max_page_size:
                self.oversized.append((node, arg, size))
            return size
        return self.limits.max_page_size


def limit_rule(limits: Limits) -> type[ValidationRule]:
    """The validation rule enforcing ``limits`` (depth, cost, aliases, literal page sizes)."""

    class LimitRule(ValidationRule):
        def __init__(self, context: ValidationContext) -> None:
            super().__init__(context)
            self.aliases = 0

        def enter_field(self, node: FieldNode, *_: Any) -> None:
            if node.alias is not None:
                self.aliases += 1
                if self.aliases == limits.max_aliases + 1:
                    self.report_error(
                        too_large(
                            f"more than {limits.max_aliases} aliases in one request",
                            "aliases",
                            limits.max_aliases,
                            node,
                        )
                    )

        def enter_operation_definition(self, node: OperationDefinitionNode, *_: Any) -> None:
            root = self.context.schema.get_root_type(node.operation)
            measure = _Measure(self.context, limits)
            depth, cost = measure.selection(node.selection_set, root, frozenset())
            for field, arg, size in measure.oversized:
                self.report_error(
                    too_large(
                        f"{field.name.value}({arg}: {size}) is over the page size limit of "
                        f"{limits.max_page_size}",
                        "pageSize",
                        limits.max_page_size,
                        field,
                    )
                )
            if depth > limits.max_depth:
                self.report_error(
                    too_large(
                        f"the query is {depth} levels deep; the limit is {limits.max_depth}",
                        "depth",
                        limits.max_depth,
                        node,
                    )
                )
            if cost > limits.max_cost:
                self.report_error(
                    too_large(
                        f"the query could resolve {cost} fields; the limit is {limits.max_cost}",
                        "cost",
                        limits.max_cost,
                        node,
                    )
                )

    return LimitRule
