"""The answer to a GraphQL query as an Excel 台账 (issue 15): the first list in the answer (a
connection's nodes or edges, a pattern's matches, a report's table) becomes the rows, each
field selected under it a column, headed by the field's Chinese label.

The query says which list, which filters and which columns, so any list of the API can be
handed upwards as it is seen on screen; it runs as the caller, so personal fields are masked
for roles that read them masked, and unmasked reads are recorded as for any request.

A label is the head of the field's description (``案号``, ``立案日期``); a nested field is
headed by its path of labels (``承办机关·名称``); a field with no Chinese description by its
name as selected (an alias when one is given). A list of values is one cell, joined by ``;``.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator, Mapping
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLSchema,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
    get_named_type,
    parse,
)
from openpyxl import Workbook
from openpyxl.styles import Font

MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_HAN = re.compile(r"[\u4e00-\u9fff]")

Path = tuple[str, ...]


def label(description: str | None) -> str | None:
    """The Chinese head of a description: up to the first space or colon; None when it has
    no Chinese."""
    if not description:
        return None
    head = re.split(r"\s|:|：", description.strip(), maxsplit=1)[0]
    return head if _HAN.search(head) else None


def labels(schema: GraphQLSchema, query: str, operation_name: str | None) -> dict[Path, str]:
    """The label of every field the operation selects, by its path of response keys."""
    document: DocumentNode = parse(query)
    fragments = {
        d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
    }
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    chosen = next(
        (
            o
            for o in operations
            if operation_name is None or (o.name and o.name.value == operation_name)
        ),
        None,
    )
    root = schema.query_type
    out: dict[Path, str] = {}
    if chosen is None or root is None:
        return out

    def walk(selections: SelectionSetNode, parent: Any, path: Path, seen: frozenset[str]) -> None:
        for selection in selections.selections:
            if isinstance(selection, FieldNode):
                key = selection.alias.value if selection.alias else selection.name.value
                fields = getattr(parent, "fields", {})
                definition = fields.get(selection.name.value)
                here = (*path, key)
                head = label(definition.description) if definition is not None else None
                out.setdefault(here, head or key)
                if selection.selection_set is not None and definition is not None:
                    walk(selection.selection_set, get_named_type(definition.type), here, seen)
            elif isinstance(selection, InlineFragmentNode):
                condition = selection.type_condition
                typed = schema.get_type(condition.name.value) if condition else parent
                walk(selection.selection_set, typed or parent, path, seen)
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                fragment = fragments.get(name)
                if fragment is not None and name not in seen:
                    typed = schema.get_type(fragment.type_condition.name.value)
                    walk(fragment.selection_set, typed or parent, path, seen | {name})

    walk(chosen.selection_set, root, (), frozenset())
    return out


def first_table(data: Any, path: Path = ()) -> tuple[Path, list[dict[str, Any]]] | None:
    """The first list of objects in the answer, in the order of the answer, and its path; a
    connection's edges give their nodes."""
    if isinstance(data, list):
        rows = [r for r in data if isinstance(r, dict)]
        if rows:
            if all(set(r) <= {"node", "cursor"} and isinstance(r.get("node"), dict) for r in rows):
                return (*path, "node"), [r["node"] for r in rows]
            return path, rows
        return None
    if isinstance(data, dict):
        for key, value in data.items():
            found = first_table(value, (*path, key))
            if found is not None:
                return found
    return None


def _cells(row: Mapping[str, Any], path: Path = ()) -> Iterator[tuple[Path, Any]]:
    for key, value in row.items():
        here = (*path, key)
        if isinstance(value, dict):
            yield from _cells(value, here)
        elif isinstance(value, list):
            items = [
                (v.get("caption") or v.get("name") or v.get("id") or str(v))
                if isinstance(v, dict)
                else v
                for v in value
            ]
            yield here, ";".join("" if v is None else str(v) for v in items)
        else:
            yield here, value


def workbook(
    schema: GraphQLSchema, query: str, operation_name: str | None, data: Any
) -> tuple[bytes, int]:
    """The XLSX file of the answer's first list, and its number of rows."""
    found = first_table(data)
    named = labels(schema, query, operation_name)
    book = Workbook(write_only=True)
    if found is None:
        sheet = book.create_sheet("结果")
        sheet.append(["(无数据)"])
        return _saved(book), 0
    path, rows = found
    table_path = tuple(k for k in path)
    flat = [dict(_cells(r)) for r in rows]
    columns = list(dict.fromkeys(c for r in flat for c in r))
    title = named.get(table_path[:1], table_path[0] if table_path else "结果")
    sheet = book.create_sheet(_sheet_title(title))
    headers = []
    for column in columns:
        parts = [named.get((*table_path, *column[: i + 1]), column[i]) for i in range(len(column))]
        headers.append("·".join(parts))
    bold = Font(bold=True)
    sheet.append([_bolded(book, h, bold) for h in headers])
    for row in flat:
        sheet.append([row.get(c) for c in columns])
    return _saved(book), len(flat)


def _bolded(book: Workbook, text: str, font: Font) -> Any:
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(book.worksheets[-1], value=text)
    cell.font = font
    return cell


def _sheet_title(text: str) -> str:
    cleaned = re.sub(r"[\[\]:*?/\\]", "_", text)[:31]
    return cleaned or "结果"


def _saved(book: Workbook) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
