"""A certificate's wording judged with negation and severity in mind."""

from __future__ import annotations

import pytest

from workflows.petitioning.certificates import mild_terms


@pytest.mark.parametrize(
    ("text", "mild"),
    [
        ("高血压1级(病情稳定,生活自理)", ["1级", "生活自理", "病情稳定"]),
        ("轻度贫血", ["轻度"]),
        ("脑梗死后遗症, 不能生活自理", []),
        ("瘫痪在床, 生活无法自理", []),
        ("慢性肾衰竭(尿毒症期), 无法生活自理", []),  # found by the demo's natural wording
        ("偏瘫, 难以生活自理", []),
        ("无发热, 生活自理", ["生活自理"]),  # the negation belongs to another word
        ("交通事故致一级伤残", []),
        ("肢体残疾一级", []),
        ("肝癌晚期, 病情稳定", ["病情稳定"]),  # the severity sits in another clause
        ("肝癌晚期病情稳定", []),  # … or in the same one
        ("非轻度认知障碍", []),
        ("病情未稳定", []),
        ("生活不能自理", []),
        ("原诊断不能生活自理, 现复查生活自理", ["生活自理"]),  # one affirmed occurrence is enough
        ("", []),
    ],
)
def test_mild_wording_is_what_the_certificate_affirms(text: str, mild: list[str]) -> None:
    assert mild_terms(text) == mild


def test_the_cues_come_from_the_rules() -> None:
    assert mild_terms("不能生活自理", negations=("未",)) == ["生活自理"]
    assert mild_terms("一级伤残", severe=()) == ["一级"]
