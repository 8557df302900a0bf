"""Case review rubrics and grade scales, per kind of handling agency (configurable).

A review starts from 100 and deducts per item, at most the item's weight; the score falls
into a grade of the agency kind's scale (e.g. 优质/合格/基本合格/不合格 for procuratorates,
优秀/合格/瑕疵/不合格 for courts). The lowest grades of each scale count as flawed.
"""

from __future__ import annotations

from dataclasses import dataclass

from graph.model.enums import AgencyKind


@dataclass(frozen=True)
class RubricItem:
    code: str
    label: str
    weight: float


@dataclass(frozen=True)
class GradeScale:
    """Grades from best to worst with the lowest score each needs; the last needs nothing."""

    grades: tuple[tuple[str, float], ...]
    flawed: frozenset[str]

    def grade(self, score: float) -> str:
        return next(name for name, least in self.grades if score >= least)


@dataclass(frozen=True)
class Rubric:
    items: tuple[RubricItem, ...]
    scale: GradeScale

    def item(self, code: str) -> RubricItem | None:
        return next((i for i in self.items if i.code == code), None)


def _scale(best: str, good: str, fair: str, failed: str) -> GradeScale:
    return GradeScale(
        ((best, 90.0), (good, 75.0), (fair, 60.0), (failed, 0.0)), frozenset({fair, failed})
    )


def _items(*rows: tuple[str, str, float]) -> tuple[RubricItem, ...]:
    items = tuple(RubricItem(*row) for row in rows)
    assert sum(i.weight for i in items) == 100, "a rubric's items share 100 points"
    return items


DEFAULT = Rubric(
    _items(
        ("PROCEDURE", "程序规范", 30),
        ("SUBSTANCE", "实体处理", 30),
        ("DOCUMENTS", "法律文书", 20),
        ("TIME_LIMIT", "办案时限", 10),
        ("FILE", "卷宗管理", 10),
    ),
    _scale("优秀", "合格", "基本合格", "不合格"),
)
RUBRICS: dict[AgencyKind, Rubric] = {
    AgencyKind.COURT: Rubric(
        _items(
            ("FILING", "立案审查", 10),
            ("PROCEDURE", "审理程序", 25),
            ("EVIDENCE", "证据审查", 20),
            ("LAW", "法律适用", 20),
            ("JUDGMENT", "裁判文书", 15),
            ("TIME_LIMIT", "审限管理", 10),
        ),
        _scale("优秀", "合格", "瑕疵", "不合格"),
    ),
    AgencyKind.PROCURATORATE: Rubric(
        _items(
            ("ACCEPTANCE", "受理审查", 10),
            ("EVIDENCE", "证据审查", 25),
            ("LAW", "法律适用", 20),
            ("OVERSIGHT", "诉讼监督", 15),
            ("DOCUMENTS", "文书制作", 15),
            ("TIME_LIMIT", "办案期限", 10),
            ("FILE", "卷宗归档", 5),
        ),
        _scale("优质", "合格", "基本合格", "不合格"),
    ),
    AgencyKind.POLICE: Rubric(
        _items(
            ("FILING", "受案立案", 15),
            ("MEASURES", "强制措施", 20),
            ("EVIDENCE", "调查取证", 25),
            ("PROPERTY", "涉案财物管理", 15),
            ("DOCUMENTS", "法律文书", 15),
            ("TIME_LIMIT", "办案期限", 10),
        ),
        _scale("优秀", "合格", "基本合格", "不合格"),
    ),
}


def rubric_for(kind: AgencyKind | None) -> Rubric:
    return RUBRICS.get(kind, DEFAULT) if kind is not None else DEFAULT


def is_flawed(grade: object) -> bool:
    """Whether a grade, on any scale, is one of its lowest two."""
    return any(grade in r.scale.flawed for r in (DEFAULT, *RUBRICS.values()))


# Every grade that is flawed on some scale, for asking the store which reviews gave one.
FLAWED = sorted({g for r in (DEFAULT, *RUBRICS.values()) for g in r.scale.flawed})
