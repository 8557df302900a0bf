"""SQL for ``list_nodes`` on the embedded store: conditions, keyset pages and their count.

Every condition the API sends becomes a condition on an indexed column of the kind table
(``embedded_schema``): equality, membership and ranges on the field's (field, id) index; a
region prefix on the table's clustering key ``rc``; ``HAS`` on ``has_values``; ``CONTAINS`` on
a search field through the full-text index. A condition on anything else (a field outside
the model, a personal field) is checked row by row by ``jd_match`` (Python, on the JSON
properties), with the same meaning as the Python reference ``matches``.

The order is walked as segments, so that one plain (field, id) index serves it: ascending is
the nodes with a value by (value, id), then those without by id; descending is the exact
reverse. A page reads its rows from the cursor on, and never the pages before it.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from graph.adapters.embedded_schema import KindTable, column
from graph.adapters.embedded_text import match as text_match
from graph.model.kinds import NODES, FieldType
from graph.store import AnyOf, Condition, Op, Where

_SCALAR = (str, int, float)
_INLINE = 64  # longer IN lists are passed as one JSON array


def matches(id_: str, props: dict[str, Any], cond: Condition) -> bool:
    """The meaning of a condition, in Python: the reference for every SQL form below."""
    if isinstance(cond, AnyOf):
        return any(matches(id_, props, c) for c in cond.conditions)
    value = id_ if cond.field == "id" else props.get(cond.field)
    op, want = cond.op, cond.value
    if op is Op.EQ:
        return bool(value == want) if want is not None else value is None
    if value is None:
        return False
    if op is Op.IN:
        return value in want
    if op is Op.HAS:
        return isinstance(value, list) and want in value
    if op is Op.CONTAINS:
        return isinstance(value, str) and str(want).lower() in value.lower()
    if op is Op.PREFIX:
        return isinstance(value, str) and value.startswith(str(want))
    try:
        return bool(value >= want) if op is Op.GTE else bool(value <= want)
    except TypeError:
        return False


def _jd_match(props: str, cond: str) -> bool:
    field, op, want = json.loads(cond)
    return matches("", json.loads(props), Where(field, Op(op), want))


def _jd_value(props: str, field: str) -> Any:
    value = json.loads(props).get(field)
    return value if isinstance(value, _SCALAR) else None


def _jd_contains(value: Any, text: str) -> bool:
    return isinstance(value, str) and text in value.lower()


def register(db: sqlite3.Connection) -> None:
    """The Python functions the SQL below calls."""
    db.create_function("jd_match", 2, _jd_match, deterministic=True)
    db.create_function("jd_value", 2, _jd_value, deterministic=True)
    db.create_function("jd_contains", 2, _jd_contains, deterministic=True)


def _sql_value(value: Any) -> Any:
    return int(value) if isinstance(value, bool) else value


def _prefix_end(prefix: str) -> str | None:
    """The smallest string after every string starting with ``prefix``."""
    last = ord(prefix[-1])
    return None if last >= 0x10FFFF else prefix[:-1] + chr(last + 1)


class Compiled:
    """Conditions on one kind table as SQL: ``where`` with its ``params``."""

    def __init__(self, table: KindTable, conditions: Sequence[Condition]) -> None:
        self.table = table
        self.needs_props = False
        self.params: list[Any] = []
        parts = [self._condition(c) for c in conditions]
        self.where = " AND ".join(parts) if parts else "1"

    def _condition(self, cond: Condition) -> str:
        if isinstance(cond, AnyOf):
            if not cond.conditions:
                return "0"
            return "(" + " OR ".join(self._condition(c) for c in cond.conditions) + ")"
        if cond.field == "id":
            return self._on(cond, "k.id", None)
        if cond.field in self.table.fields:
            return self._on(cond, f"k.{column(cond.field)}", cond.field)
        if cond.op is Op.HAS:
            return self._has(cond)
        return self._fallback(cond)

    def _fallback(self, cond: Where) -> str:
        self.needs_props = True
        self.params.append(json.dumps([cond.field, cond.op.value, cond.value], default=str))
        return "jd_match(nd.props, ?)"

    def _on(self, cond: Where, col: str, field: str | None) -> str:
        op, want = cond.op, cond.value
        region = field is not None and field == self.table.region
        if op is Op.EQ:
            if want is None:
                return f"{col} IS NULL"
            if not isinstance(want, _SCALAR):
                return self._fallback(cond)
            if region and isinstance(want, str) and want:
                col = "k.rc"
            self.params.append(_sql_value(want))
            return f"{col} = ?"
        if op is Op.IN:
            return self._in(cond, col, region)
        if op is Op.HAS:
            return self._has(cond)
        if op is Op.CONTAINS:
            return self._contains(cond, col, field)
        if op is Op.PREFIX:
            return self._prefix(str(want), col, field, region)
        return self._range(op, want, col)

    def _in(self, cond: Where, col: str, region: bool) -> str:
        try:
            wanted = list(cond.value)
        except TypeError:
            return self._fallback(cond)
        if not all(v is None or isinstance(v, _SCALAR) for v in wanted):
            return self._fallback(cond)
        values = [_sql_value(v) for v in wanted if v is not None]
        if not values:
            return "0"
        if region and all(isinstance(v, str) and v for v in values):
            col = "k.rc"
        if len(values) <= _INLINE:
            self.params += values
            return f"{col} IN ({', '.join('?' * len(values))})"
        self.params.append(json.dumps(values, ensure_ascii=False))
        return f"{col} IN (SELECT value FROM json_each(?))"

    def _has(self, cond: Where) -> str:
        if not isinstance(cond.value, _SCALAR):
            return self._fallback(cond)
        self.params += [self.table.kind.name, cond.field, _sql_value(cond.value)]
        return "k.n IN (SELECT n FROM has_values WHERE kind = ? AND field = ? AND value = ?)"

    def _contains(self, cond: Where, col: str, field: str | None) -> str:
        text = str(cond.value).lower()
        query = text_match([field], text) if field in self.table.search else None
        if query is None:
            self.params.append(text)
            return f"jd_contains({col}, ?)"
        self.params.append(query.expression)
        found = f"k.n IN (SELECT rowid FROM {self.table.text} WHERE {self.table.text} MATCH ?)"
        if query.exact:
            return found
        self.params.append(text)
        return f"({found} AND jd_contains({col}, ?))"

    def _prefix(self, prefix: str, col: str, field: str | None, region: bool) -> str:
        if not prefix:
            return f"typeof({col}) = 'text'"
        if region:
            col = "k.rc"
            spec = NODES[self.table.kind].field(field or "")
            if spec is not None and spec.type is FieldType.CODE and len(prefix) == 6:
                self.params.append(prefix)  # a whole code: its subtree is itself
                return f"{col} = ?"
        end = _prefix_end(prefix)
        if end is None:
            self.params += [prefix, len(prefix), prefix]
            return f"({col} >= ? AND substr({col}, 1, ?) = ?)"
        self.params += [prefix, end]
        return f"({col} >= ? AND {col} < ?)"

    def _range(self, op: Op, want: Any, col: str) -> str:
        if isinstance(want, bool | int | float):
            self.params.append(_sql_value(want))
            # Numbers sort before text in SQLite: '' bounds the numbers from above.
            return f"({col} >= ? AND {col} < '')" if op is Op.GTE else f"{col} <= ?"
        if isinstance(want, str):
            self.params.append(want)
            return f"{col} >= ?" if op is Op.GTE else f"({col} <= ? AND {col} >= '')"
        return "0"


@dataclass(frozen=True)
class Key:
    """A row's place in a list: whether its sort value is missing, the value, its id."""

    missing: bool
    value: Any
    id: str


_NONNULL, _NULL, _ALL = "nonnull", "null", "all"


class Listing:
    """The nodes of one kind table matching some conditions, in one order."""

    def __init__(
        self,
        db: sqlite3.Connection,
        table: KindTable,
        conditions: Sequence[Condition],
        order_by: str,
        descending: bool,
    ) -> None:
        self.db = db
        self.compiled = Compiled(table, conditions)
        self.descending = descending
        self.order_params: list[Any] = []
        if order_by == "id":
            self.expr = "k.id"
            self.segments = [_ALL]
        else:
            if order_by in table.fields:
                self.expr = f"k.{column(order_by)}"
            else:
                self.compiled.needs_props = True
                self.expr = "jd_value(nd.props, ?)"
                self.order_params = [order_by]
            self.segments = [_NULL, _NONNULL] if descending else [_NONNULL, _NULL]
        join = " JOIN nodes AS nd ON nd.n = k.n" if self.compiled.needs_props else ""
        self.source = f"FROM {table.name} AS k{join} WHERE {self.compiled.where}"

    def count(self) -> int:
        sql = f"SELECT count(*) {self.source}"
        return int(self.db.execute(sql, self.compiled.params).fetchone()[0])

    def key(self, missing: bool, value: Any, id_: str) -> Key:
        return Key(missing, _sql_value(value), id_)

    def row_key(self, row: tuple[int, str, Any]) -> Key:
        """The key of a row ``walk`` returned."""
        return Key(row[2] is None, row[2], row[1])

    def _segment_of(self, key: Key) -> str:
        if self.segments == [_ALL]:
            return _ALL
        return _NULL if key.missing else _NONNULL

    def walk(
        self,
        forward: bool,
        start: Key | None,
        stop: Key | None = None,
        limit: int | None = None,
        inclusive: bool = False,
    ) -> list[tuple[int, str, Any]]:
        """Rows (n, id, sort value) in list order (``forward``) or its reverse, after
        ``start`` (or at it, ``inclusive``) and before ``stop``, at most ``limit``."""
        segments = self.segments if forward else self.segments[::-1]
        desc = self.descending != (not forward)
        first = segments.index(self._segment_of(start)) if start is not None else 0
        last = segments.index(self._segment_of(stop)) if stop is not None else len(segments) - 1
        rows: list[tuple[int, str, Any]] = []
        for i in range(first, last + 1):
            if limit is not None and len(rows) >= limit:
                break
            seg = segments[i]
            bounds: list[str] = []
            params: list[Any] = []
            if seg != _ALL:
                bounds.append(f"{self.expr} IS {'NOT ' if seg == _NONNULL else ''}NULL")
                params += self.order_params
            if i == first and start is not None:
                bounds.append(self._after(seg, desc, start, inclusive, params))
            if i == last and stop is not None:
                bounds.append(self._after(seg, not desc, stop, False, params))
            direction = " DESC" if desc else ""
            order = f"k.id{direction}"
            order_params: list[Any] = []
            if seg == _NONNULL:
                order = f"{self.expr}{direction}, {order}"
                order_params = self.order_params
            sql = f"SELECT k.n, k.id, {self.expr if seg != _ALL else 'k.id'} {self.source}"
            select_params = self.order_params if seg != _ALL else []
            if bounds:
                sql += " AND " + " AND ".join(bounds)
            sql += f" ORDER BY {order}"
            args = [*select_params, *self.compiled.params, *params, *order_params]
            if limit is not None:
                sql += " LIMIT ?"
                args.append(limit - len(rows))
            rows += self.db.execute(sql, args).fetchall()
        return rows

    def _after(self, seg: str, desc: bool, key: Key, inclusive: bool, params: list[Any]) -> str:
        op = ("<" if desc else ">") + ("=" if inclusive else "")
        if seg == _NONNULL:
            params += [*self.order_params, key.value, key.id]
            return f"({self.expr}, k.id) {op} (?, ?)"
        params.append(key.id)
        return f"k.id {op} ?"
