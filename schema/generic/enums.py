"""GraphQL enums of the model: each value is the stored English code and carries its Chinese
label as its description; objects also expose labels as ``…Label`` fields."""

from __future__ import annotations

import enum
from typing import Any

import strawberry

from graph.model import enums as model_enums
from graph.model.enums import Labeled
from graph.model.lifecycle import CASE_SUPERVISION, COMPLAINT, RECTIFICATION, Machine

# The functional Enum API, typed loosely: the names are made at run time.
new_enum: Any = enum.Enum


def _labeled(cls: type[Labeled]) -> Any:
    values = [(m.name, strawberry.enum_value(m.name, description=m.label)) for m in cls]
    graphql_enum = new_enum(cls.__name__, values)
    return strawberry.enum(
        graphql_enum,
        description=f"{cls.__name__}: stored codes; each value's description is its label.",
    )


def _moves(name: str, machine: Machine[Any]) -> Any:
    values = [
        (move.upper(), strawberry.enum_value(move, description=label))
        for move, label in machine.moves.items()
    ]
    moves = new_enum(name, values)
    return strawberry.enum(moves, description=f"The moves of the {machine.name} lifecycle.")


LABELED: dict[type[Labeled], Any] = {
    cls: _labeled(cls)
    for cls in vars(model_enums).values()
    if isinstance(cls, type) and issubclass(cls, Labeled) and cls is not Labeled
}
NodeKindEnum = LABELED[model_enums.NodeKind]
RelTypeEnum = LABELED[model_enums.RelType]

MOVES: dict[model_enums.NodeKind, Any] = {
    model_enums.NodeKind.Complaint: _moves("ComplaintMove", COMPLAINT),
    model_enums.NodeKind.Rectification: _moves("RectificationMove", RECTIFICATION),
    model_enums.NodeKind.SupervisionAction: _moves("CaseSupervisionMove", CASE_SUPERVISION),
}


@strawberry.enum(description="Sort order.")
class SortDirection(enum.Enum):
    ASC = "asc"
    DESC = "desc"


@strawberry.enum(description="Which relationships of a node: leaving it, reaching it, or both.")
class LinkDirection(enum.Enum):
    OUT = "out"
    IN = "in"
    BOTH = "both"


def code(value: object) -> Any:
    """The stored code of an input enum value (inputs arrive as members of the GraphQL enum)."""
    return value.value if isinstance(value, enum.Enum) else value
