"""Mappings for ledgers as commissions keep them (台账), one TOML file per source
(docs/mappings.md): which column is which field, which local spelling is which code, how
dates are written, and which column names another node, an agency by its name within a
region or a person by 身份证号, which becomes a relationship.

``jiandu load --mapping FILE ledger.xlsx`` reads each row of the ledger through the mapping
into the load format (one node, and one relationship per named node), so that the rest of
the load is the same as for any file: all or nothing, every error named by file, line and
the column as the ledger writes it. A name that matches no node, or several, is an error
that lists the nearest candidates.
"""

from __future__ import annotations

import datetime as dt
import difflib
import tomllib
from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graph.errors import FieldError, ValidationError
from graph.model.enums import NodeKind, RelType
from graph.model.kinds import NODES, RELS, FieldType
from graph.model.records import Node
from graph.store import GraphStore
from loaders.records import FROM, ID, TO, TYPE, blank, kind_named, natural_id
from loaders.tables import Row, Table

CANDIDATES = 3  # nearest names listed when a name resolves to nothing


@dataclass(frozen=True)
class Link:
    """A column that names another node: a relationship of ``type`` between the row's node
    and the node of kind ``to`` whose field ``by`` holds the cell's text (within the region
    in column ``within``, when given); ``incoming``: the named node is the start."""

    column: str
    type: RelType
    to: NodeKind
    by: str
    within: str | None = None
    incoming: bool = False


@dataclass(frozen=True)
class LedgerMapping:
    source: str  # the mapping file, for messages
    kind: NodeKind
    columns: dict[str, str]  # column as written → field
    values: dict[str, dict[str, str]]  # field → {as written → as stored}
    date_formats: tuple[str, ...]
    links: tuple[Link, ...] = ()
    id_column: str | None = None

    @classmethod
    def read(cls, path: Path) -> LedgerMapping:
        """The mapping in ``path``, or ValidationError naming the file and the setting."""
        where = str(path)
        try:
            raw = tomllib.loads(path.read_text("utf-8"))
        except OSError as exc:
            raise ValidationError(FieldError(where, f"cannot read: {exc}")) from None
        except tomllib.TOMLDecodeError as exc:
            raise ValidationError(FieldError(where, f"not TOML: {exc}")) from None
        return cls.parse(raw, where)

    @classmethod
    def parse(cls, raw: Mapping[str, Any], where: str) -> LedgerMapping:
        errors: list[FieldError] = []

        def bad(key: str, reason: str) -> None:
            errors.append(FieldError(f"{where}: {key}", reason))

        known = {"kind", "id", "columns", "values", "dates", "links"}
        for key in sorted(set(raw) - known):
            bad(key, f"no such setting (one of {', '.join(sorted(known))})")
        kind = kind_named(str(raw.get("kind", "")))
        if not isinstance(kind, NodeKind):
            bad("kind", "required: the node kind each row is (Case or 案件, …)")
            raise ValidationError(errors)
        fields = {f.name: f for f in NODES[kind].fields}
        columns_raw = raw.get("columns", {})
        columns: dict[str, str] = {}
        if not isinstance(columns_raw, dict) or not columns_raw:
            bad("columns", "required: a table of column = field")
        else:
            for column, name in columns_raw.items():
                if name not in fields:
                    bad(f"columns.{column}", f"'{name}' is not a field of {kind.name}")
                else:
                    columns[column] = str(name)
        values: dict[str, dict[str, str]] = {}
        for name, spellings in (raw.get("values") or {}).items():
            if name not in fields:
                bad(f"values.{name}", f"not a field of {kind.name}")
            elif not isinstance(spellings, dict):
                bad(f"values.{name}", "expected a table of as written = as stored")
            else:
                values[name] = {str(k): str(v) for k, v in spellings.items()}
        formats = (raw.get("dates") or {}).get("formats", [])
        if not isinstance(formats, list) or not all(isinstance(f, str) for f in formats):
            bad("dates.formats", "expected a list of strptime formats")
            formats = []
        links = []
        for i, spec in enumerate(raw.get("links") or []):
            link = _link(spec, kind, f"links.{i}", bad)
            if link is not None:
                links.append(link)
        id_column = raw.get("id")
        if id_column is not None and not isinstance(id_column, str):
            bad("id", "expected the column that holds the id")
        if errors:
            raise ValidationError(errors)
        return cls(where, kind, columns, values, tuple(formats), tuple(links), id_column)

    # -- reading a ledger -------------------------------------------------------------------

    def apply(self, table: Table, names: Names) -> Table:
        """The ledger's table read as load-format rows (the same line numbers)."""
        problems = list(table.problems)
        return Table(table.label, None, self._rows(table, names), table.cells, tuple(problems))

    def _rows(self, table: Table, names: Names) -> Iterator[Row]:
        for row in table.rows:
            if row.problem is not None:
                yield row
                continue
            yield from self.rows_of(row, names)

    def rows_of(self, row: Row, names: Names) -> Iterator[Row]:
        values: dict[str, Any] = {TYPE: self.kind.name}
        for column, name in self.columns.items():
            cell = row.values.get(column)
            if blank(cell):
                continue
            values[name] = self._value(name, cell)
        id_ = row.values.get(self.id_column) if self.id_column else None
        if blank(id_):
            id_ = natural_id(self.kind, values)
        if id_ is None:
            yield Row(row.line, values, FieldError(self.id_column or ID, "no id, and none made"))
            return
        values[ID] = id_
        yield Row(row.line, values)
        for link in self.links:
            text = row.values.get(link.column)
            if blank(text):
                continue
            within = row.values.get(link.within) if link.within else None
            found = names.resolve(link.to, link.by, str(text).strip(), within)
            if isinstance(found, FieldError):
                yield Row(row.line, {}, FieldError(link.column, found.reason))
                continue
            start, end = (found, id_) if link.incoming else (id_, found)
            yield Row(row.line, {TYPE: link.type.name, FROM: start, TO: end})

    def _value(self, name: str, cell: Any) -> Any:
        text = cell.strip() if isinstance(cell, str) else cell
        spelled = self.values.get(name, {})
        if isinstance(text, str) and text in spelled:
            return spelled[text]
        spec = NODES[self.kind].field(name)
        if isinstance(text, str) and self.date_formats and spec and spec.type is FieldType.DATE:
            for form in self.date_formats:
                try:
                    return dt.datetime.strptime(text, form).date().isoformat()
                except ValueError:
                    continue
        return cell


def _link(spec: Any, kind: NodeKind, key: str, bad: Any) -> Link | None:
    if not isinstance(spec, dict):
        bad(key, "expected a table with column, type, to and by")
        return None
    type_ = kind_named(str(spec.get("type", "")))
    to = kind_named(str(spec.get("to", "")))
    column, by = spec.get("column"), spec.get("by")
    if not isinstance(column, str):
        bad(f"{key}.column", "required: the column that names the node")
    if not isinstance(type_, RelType):
        bad(f"{key}.type", "required: a relationship type (HANDLED_BY or 承办机关, …)")
    if not isinstance(to, NodeKind):
        bad(f"{key}.to", "required: the node kind it names (Agency or 机关, …)")
    elif not isinstance(by, str) or by not in {f.name for f in NODES[to].fields}:
        bad(f"{key}.by", f"required: a field of {to.name} the column holds (name, id_number…)")
    if not (isinstance(column, str) and isinstance(type_, RelType) and isinstance(to, NodeKind)):
        return None
    if not isinstance(by, str):
        return None
    incoming = bool(spec.get("incoming", False))
    start, end = (to, kind) if incoming else (kind, to)
    if not RELS[type_].allows(start, end):
        bad(f"{key}.type", f"{type_.name} does not link {start.name} to {end.name}")
        return None
    within = spec.get("within")
    return Link(column, type_, to, by, within if isinstance(within, str) else None, incoming)


@dataclass
class Names:
    """Nodes of the store by the text of one field, read once per (kind, field)."""

    store: GraphStore
    _index: dict[tuple[NodeKind, str], dict[str, list[Node]]] = field(default_factory=dict)

    def _by(self, kind: NodeKind, by: str) -> dict[str, list[Node]]:
        key = (kind, by)
        if key not in self._index:
            index: dict[str, list[Node]] = defaultdict(list)
            for chunk in self.store.scan_nodes(kind):
                for node in chunk:
                    value = node.props.get(by)
                    if isinstance(value, str):
                        index[value.strip()].append(node)
            self._index[key] = index
        return self._index[key]

    def resolve(self, kind: NodeKind, by: str, text: str, within: Any) -> str | FieldError:
        """The id of the one node of ``kind`` whose ``by`` is ``text`` (in the region
        ``within`` and below, when given), or why not, with the nearest candidates."""
        index = self._by(kind, by)
        prefix = _prefix(within)
        found = [n for n in index.get(text, []) if not prefix or _region(n).startswith(prefix)]
        if len(found) == 1:
            return found[0].id
        where = f" in {within}" if prefix else ""
        if found:
            ids = ", ".join(n.id for n in found[:CANDIDATES])
            return FieldError(by, f"'{text}' names {len(found)} {kind.name} nodes{where}: {ids}")
        names = [
            name
            for name, nodes in index.items()
            if not prefix or any(_region(n).startswith(prefix) for n in nodes)
        ]
        near = difflib.get_close_matches(text, names, n=CANDIDATES, cutoff=0.4)
        hint = f"; nearest: {', '.join(near)}" if near else ""
        return FieldError(by, f"no {kind.name} named '{text}'{where}{hint}")


def _region(node: Node) -> str:
    return str(node.props.get("region_code", ""))


def _prefix(within: Any) -> str:
    """The code prefix of a region's subtree ('510100' → '5101'); '' for none."""
    if blank(within):
        return ""
    code = str(within).strip()
    if len(code) != 6 or not code.isdigit():
        return code
    for cut in (2, 4):
        if code[cut:] == "0" * (6 - cut):
            return code[:cut]
    return code
