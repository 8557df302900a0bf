"""The embedded store's SQLite layout, generated from the model table.

- ``nodes`` and ``rels`` hold every record (properties as JSON) under a small integer, the
  rowid, which is also the record's name in the in-memory topology.
- ``k_<Kind>`` holds, per node kind and under the node's rowid, the fields the API filters
  and sorts on as columns, and the node's region code (``rc``, '' without one). Each such
  field has an index on (field, id, rc): it serves both the field's filters and its order
  (ties by id), and a jurisdiction or region-subtree condition (a range of ``rc``) is checked
  on the index entry, without reading the row. (rc, id) and (id, rc) are indexed too, and
  each enumeration field on (field, rc) as well: a count of one value in a region (the
  commonest ``totalCount``: a case kind in a city) is then one contiguous range of one index,
  where (field, id, rc) reads every row of the value, in every region.
- ``has_values`` holds the items of list properties, for ``Op.HAS``.
- ``t_<Kind>`` is the kind's full-text index over its search fields (``embedded_text``).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from graph.adapters.embedded_text import tokenizer, tokens
from graph.model.enums import NodeKind
from graph.model.kinds import NODES, FieldType, node_fields

VERSION = "2"

BASE = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS nodes (
    n INTEGER PRIMARY KEY, id TEXT NOT NULL, kind TEXT NOT NULL, version INTEGER NOT NULL,
    valid_from TEXT, valid_to TEXT, props TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS rels (
    r INTEGER PRIMARY KEY, id TEXT NOT NULL, type TEXT NOT NULL, start INTEGER NOT NULL,
    end INTEGER NOT NULL, valid_from TEXT, valid_to TEXT, props TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS has_values (
    kind TEXT NOT NULL, field TEXT NOT NULL, value, n INTEGER NOT NULL,
    PRIMARY KEY (kind, field, value, n)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS has_values_n ON has_values (n);
CREATE TABLE IF NOT EXISTS audit (
    seq INTEGER PRIMARY KEY, at TEXT NOT NULL, actor TEXT NOT NULL, operation TEXT NOT NULL,
    target TEXT NOT NULL, before TEXT, after TEXT, prev_hash TEXT NOT NULL, hash TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS audit_target ON audit (target, seq);
CREATE INDEX IF NOT EXISTS audit_actor ON audit (actor, seq);
CREATE TABLE IF NOT EXISTS audit_head (
    one INTEGER PRIMARY KEY CHECK (one = 1), seq INTEGER NOT NULL, hash TEXT NOT NULL
);
"""

REGION_FIELD = {k: "code" if k is NodeKind.Region else "region_code" for k in NodeKind}
_SCALAR = (str, int, float)
_PLAIN = frozenset({str, int, float, bool, type(None)})
_dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def column(name: str) -> str:
    """The SQL name of a field's column in a kind table."""
    return f'"f_{name}"'


@dataclass(frozen=True)
class KindTable:
    kind: NodeKind
    name: str  # k_<Kind>
    text: str  # t_<Kind>, the full-text index
    region: str  # the field whose value is ``rc``
    fields: tuple[str, ...]  # the fields held as columns, in column order
    indexed: tuple[str, ...]  # those with an index on (field, id, rc)
    search: tuple[str, ...]
    by_region: tuple[str, ...] = ()  # those of them with an index on (field, rc) too

    def create(self) -> list[str]:
        cols = ", ".join(column(f) for f in self.fields)
        text_cols = ", ".join(f'"{f}"' for f in self.search)
        return [
            f"CREATE TABLE IF NOT EXISTS {self.name} (n INTEGER PRIMARY KEY, rc TEXT NOT NULL, "
            f"id TEXT NOT NULL, {cols})",
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {self.text} USING fts5({text_cols}, "
            f"content='', detail=column, prefix='1', tokenize={tokenizer()})",
            *self.indexes().values(),
        ]

    def indexes(self) -> dict[str, str]:
        """Every secondary index of the kind table by name: dropped and built again around a
        large load, when building them whole is faster than growing them row by row."""
        keys = {"_rc": "rc, id", "_id": "id, rc"}
        keys.update((f, f"{column(f)}, id, rc") for f in self.indexed)
        keys.update((f"{f}__rc", f"{column(f)}, rc") for f in self.by_region)
        return {
            self.index(name): f"CREATE INDEX IF NOT EXISTS {self.index(name)} "
            f"ON {self.name} ({key})"
            for name, key in keys.items()
        }

    def index(self, field: str) -> str:
        """The name of a field's index (``_rc``, ``_id``: the region's, the id's)."""
        return f"{self.name}_{field}"

    def insert(self) -> str:
        marks = ", ".join("?" * (3 + len(self.fields)))
        return f"INSERT INTO {self.name} VALUES ({marks})"

    def insert_text(self) -> str:
        cols = ", ".join(f'"{f}"' for f in self.search)
        return f"INSERT INTO {self.text} (rowid, {cols}) VALUES (?{', ?' * len(self.search)})"

    def delete_text(self) -> str:
        cols = ", ".join(f'"{f}"' for f in self.search)
        marks = ", ?" * len(self.search)
        return f"INSERT INTO {self.text} ({self.text}, rowid, {cols}) VALUES ('delete', ?{marks})"

    def row(self, n: int, id_: str, props: Mapping[str, Any]) -> tuple[Any, ...]:
        """The kind-table row of a node."""
        region = props.get(self.region)
        values = list(map(props.get, self.fields))
        if not _PLAIN.issuperset(map(type, values)):
            # Only a store written around the model holds lists or objects in these fields.
            values = [v if type(v) in _PLAIN else _dumps(v) for v in values]
        return (n, region if isinstance(region, str) else "", id_, *values)

    def text_row(self, n: int, props: Mapping[str, Any]) -> tuple[Any, ...] | None:
        """The full-text row of a node (None: nothing to index)."""
        found = list(map(tokens, map(props.get, self.search)))
        return (n, *found) if found.count(None) < len(found) else None


def _kind_table(kind: NodeKind) -> KindTable:
    spec = NODES[kind]
    fields = [f for f in node_fields(kind) if not f.many]
    names = [f.name for f in fields]
    names += [f for f in (*spec.search, REGION_FIELD[kind]) if f not in names]
    indexed = tuple(f.name for f in fields if not f.personal and f.type is not FieldType.TEXT)
    return KindTable(
        kind,
        f"k_{kind.name}",
        f"t_{kind.name}",
        REGION_FIELD[kind],
        tuple(names),
        indexed,
        spec.search,
        tuple(f.name for f in fields if f.name in indexed and f.type is FieldType.ENUM),
    )


TABLES: dict[NodeKind, KindTable] = {kind: _kind_table(kind) for kind in NodeKind}


def has_rows(kind: NodeKind, n: int, props: Mapping[str, Any]) -> list[tuple[Any, ...]]:
    """The ``has_values`` rows of a node: one per distinct item of each list property."""
    out: list[tuple[Any, ...]] = []
    for name, value in props.items():
        if isinstance(value, list):
            items = {_item(v) for v in value}
            out += [(kind.name, name, v, n) for v in items]
    return out


def _item(value: Any) -> Any:
    return value if value is None or isinstance(value, _SCALAR) else _dumps(value)


def create_all(execute: Callable[[str], Any]) -> None:
    for statement in BASE.split(";"):
        if statement.strip():
            execute(statement)
    for table in TABLES.values():
        for statement in table.create():
            execute(statement)
