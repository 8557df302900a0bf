"""Cells of CSV files and spreadsheets, as the fields of the model want them."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from graph.model.enums import NodeKind
from graph.model.kinds import NODES, Field
from loaders.cells import cell_text, sheet_value, text_cells


def field(kind: NodeKind, name: str) -> Field:
    found = NODES[kind].field(name)
    assert found is not None
    return found


@pytest.mark.parametrize(
    ("kind", "name", "cell", "value"),
    [
        (NodeKind.Region, "code", 510100.0, "510100"),
        (NodeKind.Case, "months_reduced", 6.0, 6),
        (NodeKind.Case, "served_ratio", 1.0, 1.0),
        (NodeKind.Case, "served_ratio", 2, 2),
        (NodeKind.Case, "filed_on", dt.datetime(2021, 3, 4, 15, 0), "2021-03-04"),
        (NodeKind.Case, "filed_on", 2021, "2021"),
        (NodeKind.Case, "recorded_at", dt.datetime(2021, 3, 4), "2021-03-04T00:00:00"),
        (NodeKind.Case, "cause", dt.datetime(2021, 3, 4), "2021-03-04"),
        (NodeKind.Case, "cause", dt.datetime(2021, 3, 4, 8, 5), "2021-03-04T08:05:00"),
        (NodeKind.Case, "private_enterprise", True, True),
    ],
)
def test_excel_typed_cells_become_what_their_field_wants(
    kind: NodeKind, name: str, cell: Any, value: Any
) -> None:
    converted = sheet_value(field(kind, name), cell)
    assert converted == value and type(converted) is type(value)


def test_ids_typed_as_numbers_are_text() -> None:
    assert sheet_value(None, 1002.0) == "1002"
    assert sheet_value(None, 1002) == "1002"


@pytest.mark.parametrize(
    ("items", "text"),
    [
        (["CRIMINAL", "CIVIL"], "CRIMINAL;CIVIL"),
        (["建立机制;每季度通报", "督办"], '["建立机制;每季度通报", "督办"]'),
        (["[试点]评查"], '["[试点]评查"]'),
        (["评查", "[试点]"], "评查;[试点]"),
    ],
)
def test_lists_are_joined_by_semicolons_unless_that_would_lose_them(
    items: list[str], text: str
) -> None:
    assert cell_text(items) == text
    assert text_cells(NodeKind.JointMeeting, {"decisions": text}) == {
        "decisions": items if text.startswith("[") else text
    }


def test_a_list_cell_that_only_looks_like_json_stays_text() -> None:
    values = {"decisions": "[2021]3号;督办"}
    assert text_cells(NodeKind.JointMeeting, values) == values
