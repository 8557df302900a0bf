"""The GraphQL execution context: graphql-core's, with two shortcuts that give the same answer.

An answer of many small objects (the explorer's neighbourhood: 500 nodes and as many
relationships, about 3,500 fields) spends most of its time in the executor's work per field,
not in Jiandu: building the resolve info, calling strawberry's wrapper around a plain
attribute read, checking whether the result is awaitable, dispatching on the return type.

- **Plain leaf fields.** A field strawberry marks as basic (no resolver, no permission class,
  no field extension, hence no arguments) whose type is a scalar or an enum is answered by
  reading the attribute and coercing it, as graphql-core would, without that work. Whatever
  is not an ordinary value (None, an exception, a read or a coercion that raises, a coercion
  to nothing) goes the ordinary way, which reads the attribute again and reports the error
  (or null) exactly as before: the shortcut only ever answers what the ordinary way would
  answer with a value.
- **Abstract types.** The object type of a value returned where an interface or a union is
  expected depends, for a non-generic strawberry type that is not ``strawberry.cast``, on its
  class alone: it is resolved the ordinary way once per (abstract type, class), then reused.

- **Answers at hand.** A resolver marked with ``quick`` (a relationship's ``from`` and
  ``to``, whose ends the explorer's subgraph already holds) is asked first, without
  strawberry's work per call, for an answer it has at hand; when it has none it runs the
  ordinary way. Only fields without arguments, permission classes or field extensions are
  marked in the schema (``quicken``); graphql-core middleware still wraps them.

Where graphql-core middleware is installed, the first two shortcuts stand aside.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from graphql import (
    GraphQLAbstractType,
    GraphQLFieldResolver,
    GraphQLLeafType,
    GraphQLObjectType,
    GraphQLResolveInfo,
    GraphQLSchema,
    Undefined,
    is_leaf_type,
    is_non_null_type,
)
from graphql.pyutils import Path
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext
from strawberry.types.base import StrawberryObjectDefinition
from strawberry.types.cast import get_strawberry_type_cast

_NO = object()
NOT_HELD = _NO  # what a ``quick`` answer returns when it has nothing at hand


def quick(resolver: Callable[..., Any], held: Callable[[Any], Any]) -> None:
    """Mark ``resolver`` (root, info) as answered by ``held(root)`` when that has the answer
    at hand (anything but ``NOT_HELD``), exactly as ``resolver`` would answer it."""
    resolver._jiandu_quick = held  # type: ignore[attr-defined]


def quicken(schema: GraphQLSchema) -> int:
    """Let the fields whose resolvers are marked with ``quick`` ask it first; how many."""
    count = 0
    for named in schema.type_map.values():
        if not isinstance(named, GraphQLObjectType):
            continue
        for field in named.fields.values():
            definition = (field.extensions or {}).get("strawberry-definition")
            if definition is None or field.args or field.resolve is None:
                continue
            if getattr(field.resolve, "_jiandu_asks_first", False):
                continue  # quickened before
            base = definition.base_resolver
            held = getattr(getattr(base, "wrapped_func", None), "_jiandu_quick", None)
            if held is None or definition.permission_classes or definition.extensions:
                continue
            field.resolve = _asking_first(held, field.resolve)
            count += 1
    return count


def _asking_first(held: Callable[[Any], Any], ordinary: GraphQLFieldResolver) -> Any:
    def resolve(source: Any, info: GraphQLResolveInfo[Any], **args: Any) -> Any:
        try:
            found = held(source)
        except Exception:
            found = _NO
        return ordinary(source, info, **args) if found is _NO else found

    resolve._jiandu_asks_first = True  # type: ignore[attr-defined]
    return resolve


class _Leaf:
    """How to answer one plain leaf field: the attribute and the leaf type."""

    __slots__ = ("attribute", "leaf")

    def __init__(self, attribute: str, leaf: GraphQLLeafType) -> None:
        self.attribute = attribute
        self.leaf = leaf


def _plain_leaf(parent_type: GraphQLObjectType, name: str, schema: Any) -> _Leaf | None:
    field_def = schema.get_field(parent_type, name)
    if field_def is None or field_def.args:
        return None
    if not getattr(field_def.resolve, "_is_default", False):
        return None
    definition = (field_def.extensions or {}).get("strawberry-definition")
    if definition is None or not definition.is_basic_field:
        return None
    if definition.default_resolver is not getattr:
        return None
    return_type = field_def.type
    base = return_type.of_type if is_non_null_type(return_type) else return_type
    if not is_leaf_type(base):
        return None
    return _Leaf(definition.python_name, base)


class _Plans:
    """What the shortcuts learnt about one schema, kept on it."""

    def __init__(self) -> None:
        self.leaves: dict[tuple[str, str], _Leaf | None] = {}
        self.runtime: dict[tuple[str, type], GraphQLObjectType] = {}


def _plans(schema: Any) -> _Plans:
    plans = getattr(schema, "_jiandu_plans", None)
    if plans is None:
        plans = schema._jiandu_plans = _Plans()
    return plans


class FastExecutionContext(StrawberryGraphQLCoreExecutionContext):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._plans = _plans(self.schema)
        manager = self.middleware_manager  # strawberry always passes one, mostly empty
        self._bare = manager is None or not manager.middlewares

    def execute_field(
        self,
        parent_type: GraphQLObjectType,
        source: Any,
        field_details_list: Any,
        path: Path,
        position_context: Any,
    ) -> Any:
        if self._bare:
            name = field_details_list[0].node.name.value
            leaves = self._plans.leaves
            plan = leaves.get((parent_type.name, name), _NO)
            if plan is _NO:
                plan = leaves[parent_type.name, name] = _plain_leaf(parent_type, name, self.schema)
            if plan is not None:
                answer = _leaf_answer(plan, source)  # type: ignore[arg-type]
                if answer is not _NO:
                    return answer
        return super().execute_field(
            parent_type, source, field_details_list, path, position_context
        )

    def complete_abstract_value(
        self,
        return_type: GraphQLAbstractType,
        field_details_list: Any,
        info: GraphQLResolveInfo[Any],
        path: Path,
        result: Any,
        position_context: Any,
    ) -> Any:
        key = (return_type.name, type(result))
        runtime = self._plans.runtime.get(key)
        if runtime is None:
            if not self._bare or not _by_class(return_type, result):
                return super().complete_abstract_value(
                    return_type, field_details_list, info, path, result, position_context
                )
            resolve_type = return_type.resolve_type or self.type_resolver
            name = resolve_type(result, info, return_type)
            if self.is_awaitable(name):
                close = getattr(name, "close", None)
                if close is not None:
                    close()
                return super().complete_abstract_value(
                    return_type, field_details_list, info, path, result, position_context
                )
            runtime = self.ensure_valid_runtime_type(
                name, return_type, field_details_list, info, result
            )
            self._plans.runtime[key] = runtime
        return self.complete_object_value(
            runtime, field_details_list, info, path, result, position_context
        )


def _leaf_answer(plan: _Leaf, source: Any) -> Any:
    """The field's answer, or ``_NO`` when it is to be found the ordinary way."""
    try:
        value = getattr(source, plan.attribute)
        if value is None or value is Undefined or isinstance(value, Exception):
            return _NO
        coerced = plan.leaf.coerce_output_value(value)
    except Exception:
        return _NO
    if coerced is None or coerced is Undefined:
        return _NO
    return coerced


def _by_class(abstract: GraphQLAbstractType, value: Any) -> bool:
    """Whether ``value``'s object type, where ``abstract`` is expected, follows from its
    class alone: strawberry's own resolution (no ``resolve_type`` of the interface's) of a
    non-generic strawberry type, not cast."""
    own = (abstract.extensions or {}).get("strawberry-definition")
    if own is None or getattr(own, "resolve_type", None) is not None:
        return False
    definition = getattr(type(value), "__strawberry_definition__", None)
    if not isinstance(definition, StrawberryObjectDefinition):
        return False
    if definition.is_graphql_generic:
        return False
    return get_strawberry_type_cast(value) is None
