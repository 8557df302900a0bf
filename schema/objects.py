"""Building GraphQL object and input types whose fields refer to generated types (the node
types and enums made from the model table cannot be written as static annotations): one
builder for outputs, one for inputs."""

from __future__ import annotations

from dataclasses import dataclass
from types import GenericAlias
from typing import Any, Optional

import strawberry
from strawberry.types.unset import UNSET


def list_of(type_: Any) -> Any:
    return GenericAlias(list, (type_,))


def maybe(type_: Any) -> Any:
    return Optional[type_]  # noqa: UP045 - a runtime type object for strawberry


IDS = list_of(strawberry.ID)

REQUIRED: Any = object()


@dataclass(frozen=True)
class InputField:
    """An input field: its type, description, default (REQUIRED: none) and GraphQL name."""

    type: Any
    description: str | None = None
    default: Any = REQUIRED
    name: str | None = None

    def member(self) -> Any:
        if self.default is REQUIRED:
            return strawberry.field(name=self.name, description=self.description)
        return strawberry.field(name=self.name, default=self.default, description=self.description)


def optional(type_: Any, description: str | None = None, name: str | None = None) -> InputField:
    """An input field that may be left out (UNSET) or given as null."""
    return InputField(maybe(type_), description, UNSET, name)


def output(name: str, description: str, **fields: Any) -> Any:
    """A GraphQL object type with these fields (name → type), in this order."""
    return strawberry.type(type(name, (), {"__annotations__": fields}), description=description)


def input_object(name: str, description: str, **fields: Any) -> Any:
    """A GraphQL input type with these fields, in this order: each a type (required, no
    description) or an ``InputField``."""
    hints: dict[str, Any] = {}
    members: dict[str, Any] = {}
    for field_name, spec in fields.items():
        if isinstance(spec, InputField):
            hints[field_name] = spec.type
            members[field_name] = spec.member()
        else:
            hints[field_name] = spec
    return strawberry.input(
        type(name, (), {**members, "__annotations__": hints}), description=description
    )
