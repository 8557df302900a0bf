"""Writes ``graph/model/views.py`` from the model table (``python -m graph.model.views_source``):
one typed view per node kind and relationship type, so that reading a property is checked by
mypy (a misspelt field is an attribute error, not a silent None). A test fails when the file
and the table differ."""

from __future__ import annotations

import sys
from pathlib import Path

from graph.model.kinds import COMMON, NODES, RELS, Field, FieldType

TARGET = Path(__file__).with_name("views.py")
SCALARS = {
    FieldType.STR: "str",
    FieldType.TEXT: "str",
    FieldType.CODE: "str",
    FieldType.DATE: "str",
    FieldType.DATETIME: "str",
    FieldType.ENUM: "str",
    FieldType.INT: "int",
    FieldType.FLOAT: "float",
    FieldType.BOOL: "bool",
}
HEADER = '''"""Typed reads of stored properties, one view per node kind and relationship type.

Generated from ``graph/model/kinds.py`` by ``python -m graph.model.views_source``; do not
edit. ``views.Finding(node).found_on`` reads what ``node.props.get("found_on")`` reads, but a
misspelt field fails ``mypy --strict``. Enumerations read as their stored code (the member's
name); partial dates as written. A required field reads as its type, any other as optional;
a list field reads as a list (empty when absent).
"""

from __future__ import annotations

from typing import Any, ClassVar, cast

from graph.model.enums import NodeKind, RelType
from graph.model.records import Node, Rel


class NodeView:
    """A node's properties, read by name; ``KIND`` is the kind the view reads."""

    __slots__ = ("node",)
    KIND: ClassVar[NodeKind]

    def __init__(self, node: Node) -> None:
        self.node = node

    @property
    def id(self) -> str:
        return self.node.id

    @property
    def _p(self) -> dict[str, Any]:
        return self.node.props
{common_node}

class RelView:
    """A relationship's properties, read by name; ``TYPE`` is the type the view reads."""

    __slots__ = ("rel",)
    TYPE: ClassVar[RelType]

    def __init__(self, rel: Rel) -> None:
        self.rel = rel

    @property
    def id(self) -> str:
        return self.rel.id

    @property
    def start(self) -> str:
        return self.rel.start

    @property
    def end(self) -> str:
        return self.rel.end

    @property
    def _p(self) -> dict[str, Any]:
        return self.rel.props
{common_rel}'''


def _annotation(f: Field) -> str:
    base = SCALARS[f.type]
    if f.many:
        return f"list[{base}]"
    return base if f.required else f"{base} | None"


def _getter(f: Field) -> str:
    if f.many:
        read = f'self._p.get("{f.name}") or []'
    elif f.required:
        read = f'self._p["{f.name}"]'
    else:
        read = f'self._p.get("{f.name}")'
    doc = f.label.replace('"', "'")
    return (
        f"\n    @property\n    def {f.name}(self) -> {_annotation(f)}:\n"
        f'        """{doc}"""\n        return cast("{_annotation(f)}", {read})\n'
    )


def _class(name: str, base: str, doc: str, fields: tuple[Field, ...], tag: str) -> str:
    body = "".join(_getter(f) for f in fields)
    return f'\n\nclass {name}({base}):\n    """{doc}"""\n\n    __slots__ = ()\n    {tag}\n{body}'


def _camel(type_name: str) -> str:
    return "".join(part.title() for part in type_name.split("_"))


def render() -> str:
    common = "".join(_getter(f) for f in COMMON)
    out = HEADER.replace("{common_node}", common).replace("{common_rel}", common)
    for kind, spec in NODES.items():
        tag = f"KIND = NodeKind.{kind.name}"
        out += _class(kind.name, "NodeView", f"{kind.name} {kind.label}", spec.fields, tag)
    for type_, rel in RELS.items():
        own = tuple(f for f in rel.fields if f.name not in {c.name for c in COMMON})
        tag = f"TYPE = RelType.{type_.name}"
        out += _class(_camel(type_.name), "RelView", f"{type_.name} {type_.label}", own, tag)
    return out


if __name__ == "__main__":
    text = render()
    if sys.argv[1:] == ["--check"]:
        sys.exit(0 if TARGET.read_text(encoding="utf-8") == text else 1)
    TARGET.write_text(text, encoding="utf-8")
