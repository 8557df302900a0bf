"""A schema-driven fuzz of the API (issue 14): every query and mutation of the schema, with
arguments built from their types in several variants (empty, extreme, malformed, plausible),
sent over HTTP as admin to each store holding the sample graph. No answer may be a 5xx, carry
an error without a code or with INTERNAL_SERVER_ERROR, or put null in a non-null field (which
GraphQL reports as an error too). The fields come from the schema itself, so a field added
later is fuzzed without a line here."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
from graphql import (
    GraphQLEnumType,
    GraphQLField,
    GraphQLInputObjectType,
    GraphQLInputType,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLScalarType,
    GraphQLUnionType,
    ast_from_value,
    get_named_type,
    print_ast,
)

import schema
from tests.api.api_client import gid
from tests.api.api_harness import Server
from tests.worlds.sample import write_sample

# Values by scalar, per variant: what a careless or hostile client sends, and something
# plausible. IDs include a real node of each common kind, a foreign id and garbage.
SCALARS: dict[str, list[Any]] = {
    "String": ["", "~>", "2024-13-45", "9999-12-31", "2024-06-30", "x" * 300],
    "Int": [0, -1, 2_147_483_647, 3, -2_147_483_648],
    "Float": [0.0, -1.5, 1e300],
    "Boolean": [True, False],
    "ID": ["", "bm90IGFuIGlk", "Q2FzZTpub3BlCg==", "case:cd-1"],
    "PartialDate": ["2024", "2024-06", "2024-06-30"],
}
VARIANTS = 5
CLIENTS = 3
NODE_IDS = ["case:cd-1", "agency:cd-court", "official:judge", "complaint:1", "action:1"]


def scalar_value(name: str, variant: int) -> Any:
    if name == "ID":
        ids = [*SCALARS["ID"][:3], *(gid(i) for i in NODE_IDS)]
        return ids[variant % len(ids)]
    values = SCALARS.get(name, SCALARS["String"])
    return values[variant % len(values)]


def value_for(type_: GraphQLInputType, variant: int, depth: int = 0) -> Any:
    """A value of ``type_`` for this variant (required input fields only, beyond the top)."""
    if isinstance(type_, GraphQLNonNull):
        return value_for(type_.of_type, variant, depth)
    if isinstance(type_, GraphQLList):
        if variant % 3 == 0:
            return []
        return [value_for(type_.of_type, variant + k, depth) for k in range(1 + variant % 2)]
    if isinstance(type_, GraphQLEnumType):
        names = list(type_.values)
        return type_.values[names[variant % len(names)]].value
    if isinstance(type_, GraphQLInputObjectType):
        return {
            name: value_for(f.type, variant + i, depth + 1)
            for i, (name, f) in enumerate(type_.fields.items())
            if isinstance(f.type, GraphQLNonNull) or (depth == 0 and variant % 2 == 1)
        }
    assert isinstance(type_, GraphQLScalarType)
    return scalar_value(type_.name, variant)


def selection(field: GraphQLField) -> str:
    """``__typename`` and every scalar field without required arguments, one level down."""
    named = get_named_type(field.type)
    if isinstance(named, GraphQLScalarType | GraphQLEnumType):
        return ""
    if isinstance(named, GraphQLUnionType):
        return "{ __typename }"
    assert isinstance(named, GraphQLObjectType | GraphQLInterfaceType)
    leaves = [
        name
        for name, f in named.fields.items()
        if isinstance(get_named_type(f.type), GraphQLScalarType | GraphQLEnumType)
        and not any(isinstance(a.type, GraphQLNonNull) for a in f.args.values())
    ]
    return "{ " + " ".join(["__typename", *leaves]) + " }"


def document(operation: str, name: str, field: GraphQLField, variant: int) -> str:
    arguments = []
    for i, (arg_name, arg) in enumerate(field.args.items()):
        required = isinstance(arg.type, GraphQLNonNull)
        if not required and variant % 2 == 0:
            continue
        literal = ast_from_value(value_for(arg.type, variant + i), arg.type)
        if literal is not None:
            arguments.append(f"{arg_name}: {print_ast(literal)}")
    args = f"({', '.join(arguments)})" if arguments else ""
    return f"{operation} {{ {name}{args} {selection(field)} }}"


def faults(c: httpx.Client, query: str) -> list[str]:
    response = c.post("/graphql", json={"query": query})
    if response.status_code >= 500:
        return [f"HTTP {response.status_code}"]
    body = response.json()
    out = []
    for error in body.get("errors", []):
        code = (error.get("extensions") or {}).get("code")
        if code in (None, "INTERNAL_SERVER_ERROR"):
            out.append(f"{code}: {error.get('message')}")
    return out


def fuzz(server: Server, operation: str, fields: dict[str, GraphQLField]) -> list[str]:
    """Every document, sent by CLIENTS clients at once (as a server meets them)."""
    queries = [
        document(operation, name, field, variant)
        for name, field in sorted(fields.items())
        for variant in range(VARIANTS)
    ]

    def send(share: list[str]) -> list[str]:
        with server.client(timeout=30) as c:
            return [f"{q}\n    → {f}" for q in share for f in faults(c, q)]

    with ThreadPoolExecutor(CLIENTS) as pool:
        shares = pool.map(send, [queries[k::CLIENTS] for k in range(CLIENTS)])
        return [f for share in shares for f in share]


def run(server: Server, pick: Callable[[Any], Any], operation: str) -> None:
    write_sample(server.store)
    root = pick(schema.build()._schema)
    found = fuzz(server, operation, root.fields)
    assert not found, f"{len(found)} faults:\n" + "\n".join(found[:30])


def test_every_query_answers_bad_arguments_with_a_code(server: Server) -> None:
    run(server, lambda s: s.query_type, "query")


def test_every_mutation_answers_bad_arguments_with_a_code(server: Server) -> None:
    run(server, lambda s: s.mutation_type, "mutation")
