"""Files for ``neo4j-admin database import full``: an empty Neo4j database filled offline,
far faster than through Bolt, holding exactly what ``Neo4jStore.write`` would have written.

Each node kind is one CSV file imported with the labels ``Entity`` and its kind; each
relationship type one file. Nodes carry ``id`` (the import's id, in the ``Entity`` id
space), ``version`` 1 and ``_missing`` (cypher_text.MISSING), as the adapter writes them.
Columns are typed from the model: strings (dates, enumerations and codes are strings in the
store), ``long``, ``double``, ``boolean`` and ``string[]`` for fields holding several values.
The audit trail's entries (``AuditEntry``), its head (``AuditHead``) and the meta node
(``JianduMeta``, saying every node has ``_missing`` for this model) are files too, so the
import is in the hash chain from the start and ``jiandu migrate`` has only the constraints
and indexes to build.

Strings are always quoted (a quote doubled inside), so an empty string stays one and a
missing value is an empty field; list items are joined by U+001F. Files whose strings hold
a line break are named to the importer as multi-line (``--multiline-fields``, format v2), the
others are read the fast way.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from graph.adapters.cypher import ENTITY, FOREIGN_IDS, META, VERSION, names_itself
from graph.adapters.cypher_text import MISSING, missing
from graph.adapters.neo4j_batch import audit_json
from graph.adapters.neo4j_schema import AUDIT_ENTRY, AUDIT_HEAD, MISSING_MARKED, model_fingerprint
from graph.audit import GENESIS, AuditRecord, chain
from graph.model.enums import NodeKind, RelType
from graph.model.kinds import FieldType, node_fields, rel_fields
from graph.model.records import Node, Rel

DATABASE = "neo4j"
ARRAY = "\x1f"  # between the items of a list value; refused inside an item
ARRAY_OPTION = "U+001F"
ID_SPACE = ENTITY
_TYPES = {FieldType.INT: "long", FieldType.FLOAT: "double", FieldType.BOOL: "boolean"}


class BulkValueError(ValueError):
    """A value the import files cannot carry (a list item holding U+001F)."""


@dataclass(frozen=True)
class BulkFiles:
    directory: Path
    arguments: list[str]
    """What follows ``neo4j-admin database import full`` (the database name last)."""
    nodes: int
    rels: int
    audit: int

    def command(self) -> str:
        """The command line an operator runs on the Neo4j host (the database stopped)."""
        quoted = " ".join(f"'{a}'" if any(c in a for c in " ;|&$") else a for a in self.arguments)
        return f"neo4j-admin database import full {quoted}"


def _column_type(type_: FieldType, many: bool) -> str:
    return "string[]" if many else _TYPES.get(type_, "string")


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, list | tuple):
        items = [str(v) for v in value]
        if any(ARRAY in item for item in items):
            raise BulkValueError("a list item holds U+001F, which the import files cannot carry")
        return _quoted(ARRAY.join(items))
    return _quoted(str(value))


class _File:
    """One CSV file: its header, then rows; remembers whether a string spans lines."""

    def __init__(self, path: Path, header: Sequence[str]) -> None:
        self.path = path
        self.multiline = False
        self._out = path.open("w", encoding="utf-8", newline="")
        self._out.write(",".join(header) + "\n")

    def row(self, cells: Sequence[str]) -> None:
        line = ",".join(cells)
        if not self.multiline and ("\n" in line or "\r" in line):
            self.multiline = True
        self._out.write(line + "\n")

    def close(self) -> None:
        self._out.close()

    def __enter__(self) -> _File:
        return self

    def __exit__(self, *exc: object) -> None:
        self._out.close()  # also when a value is refused half way through


def _node_file(directory: Path, kind: NodeKind, nodes: list[Node]) -> _File:
    fields = {f.name: f for f in node_fields(kind)}
    names = sorted({k for n in nodes for k in n.props})
    header = [f"id:ID({ID_SPACE})", f"{VERSION}:long", f"{MISSING}:string"]
    header += [f"{n}:{_column_type(fields[n].type, fields[n].many)}" for n in names]
    with _File(directory / f"nodes-{kind.name}.csv", header) as out:
        for node in nodes:
            cells = [_quoted(node.id), "1", _quoted(missing(kind, node.props))]
            cells += [_cell(node.props.get(n)) for n in names]
            out.row(cells)
    return out


def _rel_file(directory: Path, type_: RelType, rels: list[Rel]) -> _File:
    fields = {f.name: f for f in rel_fields(type_)}
    names = sorted({k for r in rels for k in r.props})
    header = [f":START_ID({ID_SPACE})", f":END_ID({ID_SPACE})", "id:string"]
    header += [f"{n}:{_column_type(fields[n].type, fields[n].many)}" for n in names]
    with _File(directory / f"rels-{type_.name}.csv", header) as out:
        for rel in rels:
            cells = [_quoted(rel.start), _quoted(rel.end), _quoted(rel.id)]
            cells += [_cell(rel.props.get(n)) for n in names]
            out.row(cells)
    return out


def _audit_files(directory: Path, records: Sequence[AuditRecord]) -> list[tuple[str, _File]]:
    entries = chain(records, 0, GENESIS)
    log = _File(
        directory / "audit-entries.csv",
        [":ID(Audit)", "seq:long", "at:string", "actor:string", "operation:string",
         "target:string", "before:string", "after:string", "prev_hash:string", "hash:string"],
    )  # fmt: skip
    for e in entries:
        r = e.record
        log.row([str(e.seq), str(e.seq), _quoted(r.at), _quoted(r.actor), _quoted(r.operation),
                 _quoted(r.target), _cell(audit_json(r.before)), _cell(audit_json(r.after)),
                 _quoted(e.prev_hash), _quoted(e.hash)])  # fmt: skip
    log.close()
    head = _File(
        directory / "audit-head.csv", [":ID(Audit)", "id:string", "seq:long", "hash:string"]
    )
    last = entries[-1] if entries else None
    head.row(["0", _quoted("head"), str(last.seq if last else 0),
              _quoted(last.hash if last else GENESIS)])  # fmt: skip
    head.close()
    return [(AUDIT_ENTRY, log), (AUDIT_HEAD, head)]


def _meta_file(directory: Path, foreign: bool) -> _File:
    meta = _File(
        directory / "meta.csv",
        [":ID(Meta)", "id:string", f"{MISSING_MARKED}:string", f"{FOREIGN_IDS}:boolean"],
    )
    meta.row(["0", _quoted("meta"), _quoted(model_fingerprint()), "true" if foreign else ""])
    meta.close()
    return meta


def write_files(
    directory: Path, nodes: Iterable[Node], rels: Iterable[Rel], audit: Sequence[AuditRecord]
) -> BulkFiles:
    """Writes the import files of these records (all new: ids unique, ends among ``nodes``)
    under ``directory`` and returns the importer's arguments."""
    directory.mkdir(parents=True, exist_ok=True)
    by_kind: dict[NodeKind, list[Node]] = defaultdict(list)
    for node in nodes:
        by_kind[node.kind].append(node)
    by_type: dict[RelType, list[Rel]] = defaultdict(list)
    foreign = False
    for rel in rels:
        by_type[rel.type].append(rel)
        foreign = foreign or not names_itself(rel)
    node_files = [
        (kind, _node_file(directory, kind, by_kind[kind]))
        for kind in sorted(by_kind, key=lambda k: k.name)
    ]
    rel_files = [
        (t, _rel_file(directory, t, by_type[t])) for t in sorted(by_type, key=lambda t: t.name)
    ]
    extra = [*_audit_files(directory, audit), (META, _meta_file(directory, foreign))]
    arguments = [f"--nodes={ENTITY}:{kind.name}={f.path}" for kind, f in node_files]
    arguments += [f"--nodes={label}={f.path}" for label, f in extra]
    arguments += [f"--relationships={t.name}={f.path}" for t, f in rel_files]
    every = [f for _, f in node_files] + [f for _, f in rel_files] + [f for _, f in extra]
    spanning = [str(f.path) for f in every if f.multiline]
    arguments += [f"--array-delimiter={ARRAY_OPTION}", "--id-type=string"]
    if spanning:
        arguments += [f"--multiline-fields={','.join(spanning)}", "--multiline-fields-format=v2"]
    arguments.append(DATABASE)
    return BulkFiles(
        directory,
        arguments,
        sum(len(v) for v in by_kind.values()),
        sum(len(v) for v in by_type.values()),
        len(audit),
    )
