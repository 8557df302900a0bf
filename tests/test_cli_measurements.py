"""``jiandu measurements FILE``: a platform's export, with Chinese headers, imported all or
nothing into the embedded store; an error names the file, the line and the field, and the
same export imported twice changes nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from graph.model.enums import NodeKind
from jiandu.cli import main
from jiandu.config import open_store
from tests.worlds.sample import write_sample
from workflows.changes import Change

EXPORT = "指标编码,区划代码,统计期间,数值\nT1.1,510100,2024-Q1,0.92\nT1.1,510100,2024-Q2,93%\n"


def _store(path: Path) -> str:
    with open_store(str(path)) as store:
        write_sample(store)
        change = Change("test")
        change.create(
            NodeKind.Indicator,
            {
                "code": "T1.1",
                "name": "审限内结案率",
                "level": "BONUS",
                "weight": 0.05,
                "reference_low": 0.8,
                "reference_high": 1.0,
                "polarity": "HIGHER_BETTER",
                "unit": "%",
                "platform": "平台",
            },
            "indicator:T1.1",
        )
        change.commit(store)
    return str(path)


def test_an_export_is_imported_once_and_a_bad_line_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = _store(tmp_path / "store")
    good = tmp_path / "平台导出.csv"
    good.write_text(EXPORT, "utf-8")
    bad = tmp_path / "bad.csv"
    bad.write_text(EXPORT + "T1.1,510100,2024-Q5,0.9\nNOPE,510100,2024,0.9\n", "utf-8")

    assert main(["--store", store, "measurements", str(bad)]) == 2
    _, err = capsys.readouterr()
    assert str(bad) in err and "line 4.period" in err and "line 5.code" in err
    with open_store(store) as s:
        assert s.counts().nodes.get(NodeKind.Measurement, 0) == 0

    assert main(["--store", store, "measurements", str(good)]) == 0
    out, _ = capsys.readouterr()
    assert "2 measurements" in out and "2 new" in out
    assert main(["--store", store, "measurements", "--json", str(good)]) == 0
    again = json.loads(capsys.readouterr()[0])
    assert again == {
        "created": 0,
        "updated": 0,
        "unchanged": 2,
        "platform": "政法跨部门大数据办案平台",
    }
