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


PK = "PRIMARY KEY"  # the access path of a condition on the rowid ``n``


@dataclass(frozen=True)
class Part:
    """One condition as SQL, and the index that finds its rows (None: SQLite's choice)."""

    sql: str
    params: tuple[Any, ...]
    access: str | None
    # The same condition checked row by row, without its index (a text search: the exact
    # check alone), for a walk along another index that meets it often: the full-text
    # query would otherwise gather every match of a common term before the first row.
    checked: tuple[str, tuple[Any, ...]] | None = None


class Compiled:
    """Conditions on one kind table as SQL: ``where`` with its ``params``, and each top-level
    condition apart (``parts``), for the planner."""

    def __init__(self, table: KindTable, conditions: Sequence[Condition]) -> None:
        self.table = table
        self.needs_props = False
        self.parts: list[Part] = []
        # Fields a condition gives a value: the nodes without one cannot match.
        self.valued = {
            c.field
            for c in conditions
            if isinstance(c, Where) and not (c.op is Op.EQ and c.value is None)
        }
        for cond in conditions:
            self.params: list[Any] = []
            self._access: str | None = None
            self._checked: tuple[str, tuple[Any, ...]] | None = None
            sql = self._search(cond) if isinstance(cond, AnyOf) else None
            if sql is None:
                sql = self._condition(cond)
                if isinstance(cond, AnyOf):
                    self._access = None  # several indexes: SQLite's choice
            self.parts.append(Part(sql, tuple(self.params), self._access, self._checked))
        self.where, self.params = self.checking(set())

    @property
    def join(self) -> str:
        """The join to the nodes' properties, when a condition reads them."""
        return " JOIN nodes AS nd ON nd.n = k.n" if self.needs_props else ""

    def select(self, first: str = "") -> str:
        """The rowids of the nodes meeting the conditions (and ``first``, an SQL condition
        placed before them, whose parameters come before ``params``)."""
        return f"SELECT k.n FROM {self.table.name} AS k{self.join} WHERE {first}{self.where}"

    def checking(self, indexes: set[int]) -> tuple[str, list[Any]]:
        """The WHERE clause and its parameters, the parts numbered in ``indexes`` checked row
        by row where they can be (``Part.checked``)."""
        sqls: list[str] = []
        params: list[Any] = []
        for i, p in enumerate(self.parts):
            sql, args = p.checked if i in indexes and p.checked else (p.sql, p.params)
            sqls.append(sql)
            params += args
        return (" AND ".join(sqls) if sqls else "1"), params

    def _condition(self, cond: Condition) -> str:
        if isinstance(cond, AnyOf):
            if not cond.conditions:
                return self._never()
            return "(" + " OR ".join(self._condition(c) for c in cond.conditions) + ")"
        if cond.field == "id":
            self._access = self.table.index("_id")
            return self._on(cond, "k.id", None)
        if cond.field in self.table.fields:
            indexed = cond.field in self.table.indexed
            self._access = self.table.index(cond.field) if indexed else None
            return self._on(cond, f"k.{column(cond.field)}", cond.field)
        if cond.op is Op.HAS:
            return self._has(cond)
        return self._fallback(cond)

    def _search(self, cond: AnyOf) -> str | None:
        """``AnyOf`` CONTAINS of one text over search fields (the API's ``search``): one
        full-text query over all those fields."""
        if not cond.conditions:
            return None
        texts = {str(c.value).lower() for c in cond.conditions if isinstance(c, Where)}
        fields = [c.field for c in cond.conditions if isinstance(c, Where)]
        if (
            len(texts) != 1
            or len(fields) != len(cond.conditions)
            or any(c.op is not Op.CONTAINS for c in cond.conditions if isinstance(c, Where))
            or not set(fields) <= set(self.table.search)
        ):
            return None
        (text,) = texts
        query = text_match(fields, text)
        if query is None:
            return None
        found = self._text(query.expression)
        checks = " OR ".join(f"jd_contains(k.{column(f)}, ?)" for f in fields)
        self._checked = (f"({checks})", (text,) * len(fields))
        if query.exact:
            return found
        self.params += [text] * len(fields)
        return f"({found} AND ({checks}))"

    def _text(self, expression: str) -> str:
        self._access = PK
        self.params.append(expression)
        return f"k.n IN (SELECT rowid FROM {self.table.text} WHERE {self.table.text} MATCH ?)"

    def _fallback(self, cond: Where) -> str:
        self.needs_props = True
        self._access = None
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
                col = self._rc()
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

    def _rc(self) -> str:
        self._access = self.table.index("_rc")
        return "k.rc"

    def _in(self, cond: Where, col: str, region: bool) -> str:
        try:
            wanted = list(cond.value)
        except TypeError:
            return self._fallback(cond)
        if not all(v is None or isinstance(v, _SCALAR) for v in wanted):
            return self._fallback(cond)
        values = [_sql_value(v) for v in wanted if v is not None]
        if not values:
            return self._never()
        if region and all(isinstance(v, str) and v for v in values):
            col = self._rc()
        if len(values) <= _INLINE:
            self.params += values
            return f"{col} IN ({', '.join('?' * len(values))})"
        self.params.append(json.dumps(values, ensure_ascii=False))
        return f"{col} IN (SELECT value FROM json_each(?))"

    def _has(self, cond: Where) -> str:
        if not isinstance(cond.value, _SCALAR):
            return self._fallback(cond)
        self._access = PK
        self.params += [self.table.kind.name, cond.field, _sql_value(cond.value)]
        return "k.n IN (SELECT n FROM has_values WHERE kind = ? AND field = ? AND value = ?)"

    def _contains(self, cond: Where, col: str, field: str | None) -> str:
        text = str(cond.value).lower()
        query = text_match([field], text) if field in self.table.search else None
        if query is None:
            self._access = None
            self.params.append(text)
            return f"jd_contains({col}, ?)"
        found = self._text(query.expression)
        if query.exact:
            return found
        self.params.append(text)
        return f"({found} AND jd_contains({col}, ?))"

    def _prefix(self, prefix: str, col: str, field: str | None, region: bool) -> str:
        if not prefix:
            self._access = None
            return f"typeof({col}) = 'text'"
        if region:
            col = self._rc()
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
        return self._never()

    def _never(self) -> str:
        self._access = None
        return "0"


@dataclass(frozen=True)
class Key:
    """A row's place in a list: whether its sort value is missing, the value, its id."""

    missing: bool
    value: Any
    id: str


_NONNULL, _NULL, _ALL = "nonnull", "null", "all"


class Estimates:
    """How many rows each condition matches, probed on its index up to CAP rows and kept
    until the next write: the planner's statistics (SQLite's own know no skew)."""

    CAP = 20_000

    def __init__(self) -> None:
        self._counts: dict[tuple[str, str, tuple[Any, ...]], int] = {}

    def clear(self) -> None:
        self._counts.clear()

    def count(self, db: sqlite3.Connection, table: KindTable, part: Part) -> int:
        key = (table.name, part.sql, part.params)
        found = self._counts.get(key)
        if found is None:
            if len(self._counts) > 10_000:
                self._counts.clear()
            sql = (
                f"SELECT count(*) FROM (SELECT 1 FROM {table.name} AS k {_hint(part.access)} "
                f"WHERE {part.sql} LIMIT {self.CAP})"
            )
            found = self._counts[key] = int(db.execute(sql, part.params).fetchone()[0])
        return found


def _hint(access: str | None) -> str:
    if access is None:
        return ""
    return "NOT INDEXED" if access == PK else f"INDEXED BY {access}"


class Listing:
    """The nodes of one kind table matching some conditions, in one order.

    The plan: each condition's rows are counted on its own index (``Estimates``, up to
    ``Estimates.CAP``). A page then walks the order's index, checking the conditions on the
    way, unless the rarest condition has fewer rows than that walk is expected to read (all
    conditions independent): then it reads that condition's rows and sorts them. The count
    reads the rarest condition's index."""

    def __init__(
        self,
        db: sqlite3.Connection,
        table: KindTable,
        conditions: Sequence[Condition],
        order_by: str,
        descending: bool,
        *,
        size: int,
        estimates: Estimates,
    ) -> None:
        self.db = db
        self.table = table
        self.size = max(size, 1)
        self.estimates = estimates
        self.compiled = Compiled(table, conditions)
        self.descending = descending
        self.order_params: list[Any] = []
        self.order_index: str | None = None
        if order_by == "id":
            self.expr = "k.id"
            self.segments = [_ALL]
            self.order_index = table.index("_id")
        else:
            if order_by in table.fields:
                self.expr = f"k.{column(order_by)}"
                if order_by in table.indexed:
                    self.order_index = table.index(order_by)
            else:
                self.compiled.needs_props = True
                self.expr = "jd_value(nd.props, ?)"
                self.order_params = [order_by]
            self.segments = [_NULL, _NONNULL] if descending else [_NONNULL, _NULL]
            if order_by in self.compiled.valued:
                self.segments = [_NONNULL]
        self.join = self.compiled.join
        self._rarest: tuple[int, str | None] | None = None
        self._walk_hint = ""
        self._where, self._params = self.compiled.where, self.compiled.params

    def _source(self, hint: str, where: str | None = None) -> str:
        return f"FROM {self.table.name} AS k {hint}{self.join} WHERE {where or self.compiled.where}"

    def rarest(self) -> tuple[int, str | None]:
        """The fewest rows a condition matches (capped) and its index (None: no condition)."""
        if self._rarest is None:
            counted = [
                (self.estimates.count(self.db, self.table, p), p.access)
                for p in self.compiled.parts
                if p.access is not None
            ]
            self._rarest = min(counted, key=lambda c: c[0]) if counted else (self.size, None)
        return self._rarest

    def plan(self, rows: int | None) -> None:
        """Choose how the walks below read, for a page of about ``rows`` rows."""
        found, access = self.rarest()
        walk_hint = _hint(self.order_index)
        if access is not None and found < Estimates.CAP:
            counts = [
                self.estimates.count(self.db, self.table, p)
                for p in self.compiled.parts
                if p.access is not None
            ]
            selectivity = 1.0
            for c in counts:
                selectivity *= min(1.0, max(c, 1) / self.size)
            along_order = (rows if rows is not None else self.size) / selectivity
            if self.order_index is None or 2 * found < along_order:
                walk_hint = _hint(access)
        if self.order_index is not None and walk_hint == _hint(self.order_index):
            # Walking the order: a common text term is checked on the rows met, not gathered.
            common = {
                i
                for i, p in enumerate(self.compiled.parts)
                if p.checked is not None
                and self.estimates.count(self.db, self.table, p) >= Estimates.CAP
            }
            self._where, self._params = self.compiled.checking(common)
        self._walk_hint = walk_hint

    def count(self) -> int:
        found, access = self.rarest()
        hint = _hint(access) if found < Estimates.CAP else ""
        sql = f"SELECT count(*) {self._source(hint)}"
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
            source = self._source(self._walk_hint, self._where)
            sql = f"SELECT k.n, k.id, {self.expr if seg != _ALL else 'k.id'} {source}"
            select_params = self.order_params if seg != _ALL else []
            if bounds:
                sql += " AND " + " AND ".join(bounds)
            sql += f" ORDER BY {order}"
            args = [*select_params, *self._params, *params, *order_params]
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
