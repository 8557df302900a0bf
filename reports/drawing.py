"""The agreement network drawn as SVG with a deterministic layout.

Top: the "1" and the province-level "n" that frame everything else. Below: Sichuan
prefectures (each followed by its counties that signed) on the left, Chongqing's districts
on the right, ordered by the mean position of their partners so that lines cross little; a
line per pair of areas with agreements in force, thicker for more domains. Districts with no
partner stay grey: they are the blank spots of the network.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from html import escape

from graph.model.enums import AgreementTier
from reports.agreements import AgreementView
from reports.charts import AXIS, CHONGQING, PALETTE, SICHUAN, line, rect, svg, text

WIDTH = 660
ROW = 14
TOP = 150
LEFT_X, RIGHT_X = 150, 510
COUNTY = PALETTE[2]


def _prefecture(code: str) -> str:
    return code[:4] + "00"


def draw_network(
    frameworks: Sequence[AgreementView],
    links: Sequence[tuple[str, str, str, str, int]],
    prefectures: Sequence[tuple[str, str]],
    districts: Sequence[tuple[str, str]],
) -> str:
    """``links``: (Sichuan code, name, Chongqing code, name, domains) per linked pair."""
    parts = _frameworks(frameworks)
    counties: dict[str, dict[str, str]] = defaultdict(dict)
    for s_code, s_name, _, _, _ in links:
        if s_code != _prefecture(s_code):
            counties[_prefecture(s_code)][s_code] = s_name
    left: list[tuple[str, str, bool]] = []
    for code, name in prefectures:
        left.append((code, name, False))
        left += [(c, n, True) for c, n in sorted(counties.get(code, {}).items())]
    span = ROW * max(len(left), len(districts), 1)
    left_step = span / max(len(left), 1)
    left_y: dict[str, float] = {code: TOP + left_step * i for i, (code, _, _) in enumerate(left)}
    partners: dict[str, list[float]] = defaultdict(list)
    for s_code, _, c_code, _, _ in links:
        if s_code in left_y:
            partners[c_code].append(left_y[s_code])
    ordered = sorted(
        districts,
        key=lambda d: (
            (0, sum(partners[d[0]]) / len(partners[d[0]]), d[0])
            if partners[d[0]]
            else (1, 0.0, d[0])
        ),
    )
    right_step = span / max(len(ordered), 1)
    right_y = {code: TOP + right_step * i for i, (code, _) in enumerate(ordered)}
    for s_code, s_name, c_code, c_name, domains in links:
        if s_code not in left_y or c_code not in right_y:
            continue
        y1, y2 = left_y[s_code] - 4, right_y[c_code] - 4
        color = COUNTY if s_code != _prefecture(s_code) else CHONGQING
        mid = (LEFT_X + RIGHT_X) / 2
        parts.append(
            f'<path d="M{LEFT_X + 4},{y1:.1f} C{mid:.1f},{y1:.1f} {mid:.1f},{y2:.1f} '
            f'{RIGHT_X - 4},{y2:.1f}" fill="none" stroke="{color}" stroke-opacity="0.55" '
            f'stroke-width="{0.6 + 0.8 * domains:.1f}"><title>{escape(s_name)}—'
            f"{escape(c_name)}: {domains}个领域</title></path>"
        )
    for code, name, county in left:
        y = left_y[code]
        linked = any(s == code for s, _, _, _, _ in links)
        color = SICHUAN if linked else "#aaa"
        label = ("· " if county else "") + name
        parts.append(
            text(LEFT_X - 8, y, label, size=9 if county else 10, anchor="end", color=color)
        )
        parts.append(f'<circle cx="{LEFT_X}" cy="{y - 4:.1f}" r="3" fill="{color}"/>')
    for code, name in ordered:
        y = right_y[code]
        color = CHONGQING if partners[code] else "#aaa"
        parts.append(text(RIGHT_X + 8, y, name, size=10, color=color))
        parts.append(f'<circle cx="{RIGHT_X}" cy="{y - 4:.1f}" r="3" fill="{color}"/>')
    parts.append(text(LEFT_X, TOP - 18, "四川(市州/县)", size=11, anchor="end", weight="bold"))
    parts.append(text(RIGHT_X, TOP - 18, "重庆(区县)", size=11, weight="bold"))
    parts.append(line(LEFT_X + 40, TOP - 24, LEFT_X + 70, TOP - 24, CHONGQING, 2))
    parts.append(text(LEFT_X + 74, TOP - 20, "市州—区县", size=9, color=AXIS))
    parts.append(line(LEFT_X + 140, TOP - 24, LEFT_X + 170, TOP - 24, COUNTY, 2))
    parts.append(text(LEFT_X + 174, TOP - 20, "县—区县(线宽=协作领域数)", size=9, color=AXIS))
    height = int(TOP + span + 10)
    return svg(WIDTH, height, parts, "川渝“1+n”协作网络图")


def _frameworks(frameworks: Sequence[AgreementView]) -> list[str]:
    """The "1" in the middle, the province-level "n" and multilateral ones around it."""
    one = [a for a in frameworks if a.tier is AgreementTier.ONE]
    others = [a for a in frameworks if a.tier is not AgreementTier.ONE]
    parts: list[str] = []
    cx = WIDTH / 2
    if one:
        parts.append(rect(cx - 110, 8, 220, 34, "#fdebd0"))
        parts.append(text(cx, 22, "“1”:川渝两地政法委指导意见", size=11, anchor="middle",
                          weight="bold"))  # fmt: skip
        parts.append(text(cx, 36, f"签署 {one[0].signed_on}", size=9, anchor="middle", color=AXIS))
    box_w = (WIDTH - 20) / max(len(others), 1)
    for i, a in enumerate(others):
        x = 10 + box_w * i
        if one:
            parts.append(line(cx, 42, x + box_w / 2, 66, AXIS, 1))
        parts.append(rect(x + 3, 66, box_w - 6, 34, "#eaf2f8"))
        name = (a.domain.label if a.domain else "") + (
            "“n”" if a.tier is AgreementTier.N else "多边"
        )
        parts.append(text(x + box_w / 2, 80, name, size=10, anchor="middle", weight="bold"))
        parts.append(text(x + box_w / 2, 94, a.signed_on, size=9, anchor="middle", color=AXIS))
    return parts
