"""The area of petitions, sentence-change verification, interventions and the rest of case
supervision: the Query and Mutation fields of its modules, merged."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from schema import case_supervision, interventions, petitions, sentence_flags

Fields = Callable[[], dict[str, Any]]
QUERIES: tuple[Fields, ...] = (
    petitions.query_fields,
    sentence_flags.query_fields,
    interventions.query_fields,
    case_supervision.query_fields,
)
MUTATIONS: tuple[Fields, ...] = (
    petitions.mutation_fields,
    interventions.mutation_fields,
    case_supervision.mutation_fields,
)


def query_fields() -> dict[str, Any]:
    return {name: f for fields in QUERIES for name, f in fields().items()}


def mutation_fields() -> dict[str, Any]:
    return {name: f for fields in MUTATIONS for name, f in fields().items()}
