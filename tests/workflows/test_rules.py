"""The rules' numbers: set per deployment in a TOML file (JIANDU_RULES), checked name by name
and type by type, and documented in docs/rules.md."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from graph.errors import ValidationError
from graph.model.enums import AgencyKind, NodeKind
from workflows import rules

ROOT = Path(__file__).resolve().parents[2]


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "rules.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_file_sets_numbers_lists_and_days_by_kind(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        'REPEAT_PETITIONS = 4\nAT_THE_LINE_MARGIN = 1\nMILD_CONDITIONS = ["轻度"]\n'
        'REPORTING_KINDS = ["COURT"]\n[WARN_DAYS]\nRectification = 10\n',
    )
    assert rules.overrides(path) == {
        "REPEAT_PETITIONS": 4,
        "AT_THE_LINE_MARGIN": 1.0,
        "MILD_CONDITIONS": ("轻度",),
        "REPORTING_KINDS": (AgencyKind.COURT,),
        "WARN_DAYS": {**rules.WARN_DAYS, NodeKind.Rectification: 10},
    }


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("REPEAT_PETITON = 4", "REPEAT_PETITON"),
        ('REPEAT_PETITIONS = "4"', "REPEAT_PETITIONS"),
        ("REPEAT_PETITIONS = -1", "REPEAT_PETITIONS"),
        ("REPEAT_PETITIONS = true", "REPEAT_PETITIONS"),
        ("REPEAT_PETITIONS = 2.5", "REPEAT_PETITIONS"),
        ("MILD_CONDITIONS = [1]", "MILD_CONDITIONS"),
        ('REPORTING_KINDS = ["COURTS"]', "REPORTING_KINDS"),
        ("[WARN_DAYS]\nCase_ = 3", "WARN_DAYS.Case_"),
        ("WARN_DAYS = 3", "WARN_DAYS"),
        ("REPEAT_PETITIONS = ", "rules.toml"),
    ],
)
def test_a_wrong_setting_is_refused_naming_the_file_and_the_setting(
    tmp_path: Path, text: str, named: str
) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ValidationError) as refused:
        rules.overrides(path)
    assert str(path) in str(refused.value) and named in str(refused.value)


def test_a_deployments_file_becomes_the_use_cases_default(tmp_path: Path) -> None:
    path = write(tmp_path, "OVERDUE_RECTIFICATIONS = 5\nACCEPT_DAYS = 20\n")
    probe = (
        "import inspect; from workflows.supervision import deadlines; from workflows import rules;"
        "print(inspect.signature(deadlines.overdue_units).parameters['least'].default,"
        " rules.ACCEPT_DAYS)"
    )
    env = {**os.environ, "JIANDU_RULES": str(path)}
    done = subprocess.run(
        [sys.executable, "-c", probe], env=env, cwd=ROOT, capture_output=True, text=True
    )
    assert done.stdout.split() == ["5", "20"], done.stderr


def test_a_typo_in_the_deployments_file_stops_the_start_up(tmp_path: Path) -> None:
    path = write(tmp_path, "OVERDUE_RECTIFICATIONZ = 5\n")
    env = {**os.environ, "JIANDU_RULES": str(path)}
    done = subprocess.run(
        [sys.executable, "-c", "import workflows.rules"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert done.returncode != 0 and "OVERDUE_RECTIFICATIONZ" in done.stderr


def test_every_rule_is_documented_and_every_documented_rule_exists() -> None:
    table = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| `([A-Z_]+)` \|", table, flags=re.M))
    assert documented == set(rules.settable())
