"""Charts as inline SVG text: bars (grouped, stacked, horizontal), lines and heat maps.

Hand-made so that the same figures give the same bytes: coordinates are rounded, nothing
depends on time or randomness, and text is real text (the PDF keeps it selectable).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

FONT = "Noto Sans CJK SC, Noto Sans SC, sans-serif"
AXIS = "#666"
GRID = "#ddd"
SICHUAN = "#c0392b"
CHONGQING = "#1f618d"
PALETTE = ("#1f618d", "#c0392b", "#27ae60", "#d68910", "#7d3c98", "#5d6d7e", "#17a589")


@dataclass(frozen=True)
class Series:
    label: str
    color: str
    values: tuple[float, ...]


def num(value: float) -> str:
    """A figure as people write it: no trailing zeros, at most two decimals."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _c(value: float) -> str:
    return num(round(value, 1))


def text(x: float, y: float, label: str, *, size: int = 11, anchor: str = "start",
         color: str = "#222", weight: str = "normal", rotate: int = 0) -> str:  # fmt: skip
    transform = f' transform="rotate({rotate} {_c(x)} {_c(y)})"' if rotate else ""
    bold = ' font-weight="bold"' if weight != "normal" else ""
    return (
        f'<text x="{_c(x)}" y="{_c(y)}" font-size="{size}" text-anchor="{anchor}" '
        f'fill="{color}"{bold}{transform}>{escape(label)}</text>'
    )


def rect(x: float, y: float, w: float, h: float, fill: str, title: str = "") -> str:
    tip = f"<title>{escape(title)}</title>" if title else ""
    return (
        f'<rect x="{_c(x)}" y="{_c(y)}" width="{_c(max(w, 0))}" height="{_c(max(h, 0))}" '
        f'fill="{fill}">{tip}</rect>'
    )


def line(x1: float, y1: float, x2: float, y2: float, color: str = AXIS, width: float = 1) -> str:
    return (
        f'<line x1="{_c(x1)}" y1="{_c(y1)}" x2="{_c(x2)}" y2="{_c(y2)}" '
        f'stroke="{color}" stroke-width="{_c(width)}"/>'
    )


def svg(width: int, height: int, parts: Sequence[str], label: str) -> str:
    body = "".join(parts)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="{escape(label)}" '
        f'font-family="{FONT}">{body}</svg>'
    )


def _ticks(value: float) -> tuple[float, int]:
    """A round tick step (1, 2 or 5 times a power of ten, at least 1) and how many ticks
    reach ``value``."""
    rough = max(value / 5, 1.0)
    power = 10 ** math.floor(math.log10(rough))
    step = next(f * power for f in (1, 2, 5, 10) if f * power >= rough)
    return float(step), max(1, math.ceil(value / step))


def _axis(parts: list[str], peak: float | None, values: Sequence[float], unit: str,
          left: float, top: float, plot_w: float, plot_h: float) -> float:  # fmt: skip
    """Draw the horizontal grid and its labels; the top of the scale."""
    if peak is None:
        step, count = _ticks(max(values, default=0.0))
    else:
        step, count = peak / 5, 5
    top_value = step * count
    for k in range(count + 1):
        y = top + plot_h - plot_h * k / count
        parts.append(line(left, y, left + plot_w, y, GRID))
        parts.append(text(left - 4, y + 4, num(step * k) + unit, size=9, anchor="end", color=AXIS))
    return top_value


def legend(series: Sequence[Series], x: float, y: float) -> list[str]:
    parts, cursor = [], x
    for s in series:
        parts.append(rect(cursor, y - 9, 10, 10, s.color))
        parts.append(text(cursor + 14, y, s.label, size=10))
        cursor += 24 + 11 * len(s.label)
    return parts


def bar_chart(
    label: str,
    categories: Sequence[str],
    series: Sequence[Series],
    *,
    stacked: bool = False,
    unit: str = "",
    width: int = 640,
    height: int = 240,
    max_value: float | None = None,
) -> str:
    """Vertical bars per category: side by side, or stacked."""
    left, right, top, bottom = 48, 12, 28, 42
    plot_w, plot_h = width - left - right, height - top - bottom
    totals = [
        sum(s.values[i] for s in series)
        if stacked
        else max((s.values[i] for s in series), default=0)
        for i in range(len(categories))
    ]
    parts = legend(series, left, 14)
    peak = _axis(parts, max_value, totals, unit, left, top, plot_w, plot_h)
    slot = plot_w / max(len(categories), 1)
    bar_w = slot * 0.7 / (1 if stacked else max(len(series), 1))
    for i, category in enumerate(categories):
        x0 = left + slot * i + slot * 0.15
        base: float = top + plot_h
        for j, s in enumerate(series):
            h = plot_h * s.values[i] / peak
            x = x0 if stacked else x0 + bar_w * j
            y = base - h
            parts.append(rect(x, y, bar_w, h, s.color, f"{category} {s.label} {num(s.values[i])}"))
            if not stacked and s.values[i]:
                parts.append(text(x + bar_w / 2, y - 2, num(s.values[i]), size=8, anchor="middle"))
            if stacked:
                base = y
        if stacked and totals[i]:
            parts.append(text(x0 + bar_w / 2, base - 3, num(totals[i]), size=9, anchor="middle"))
        parts.append(text(left + slot * (i + 0.5), top + plot_h + 14, category, size=9,
                          anchor="middle"))  # fmt: skip
    parts.append(line(left, top + plot_h, left + plot_w, top + plot_h))
    return svg(width, height, parts, label)


def hbar_chart(
    label: str,
    categories: Sequence[str],
    series: Sequence[Series],
    *,
    width: int = 640,
    row: int = 26,
) -> str:
    """Horizontal stacked bars, one row per category, each segment labelled."""
    left, right, top = 90, 60, 26
    height = top + row * len(categories) + 12
    plot_w = width - left - right
    totals = [sum(s.values[i] for s in series) for i in range(len(categories))]
    step, count = _ticks(max(totals, default=0.0))
    peak = step * count
    parts = legend(series, left, 14)
    for i, category in enumerate(categories):
        y = top + row * i
        parts.append(text(left - 6, y + row * 0.6, category, size=10, anchor="end"))
        x = float(left)
        for s in series:
            w = plot_w * s.values[i] / peak
            parts.append(
                rect(x, y + 3, w, row - 8, s.color, f"{category} {s.label} {num(s.values[i])}")
            )
            if w > 18:
                parts.append(text(x + w / 2, y + row * 0.6, num(s.values[i]), size=9,
                                  anchor="middle", color="#fff"))  # fmt: skip
            x += w
        total = sum(s.values[i] for s in series)
        parts.append(text(x + 4, y + row * 0.6, f"合计 {num(total)}", size=9, color=AXIS))
    return svg(width, height, parts, label)


def line_chart(
    label: str,
    x_labels: Sequence[str],
    series: Sequence[Series],
    *,
    unit: str = "",
    width: int = 640,
    height: int = 220,
    max_value: float | None = None,
) -> str:
    """Lines over ordered x labels; a missing value (NaN) breaks its line."""
    left, right, top, bottom = 48, 16, 28, 30
    plot_w, plot_h = width - left - right, height - top - bottom
    finite = [v for s in series for v in s.values if v == v]
    parts = legend(series, left, 14)
    peak = _axis(parts, max_value, finite, unit, left, top, plot_w, plot_h)
    step = plot_w / max(len(x_labels), 1)
    first = left + step / 2
    for i, x_label in enumerate(x_labels):
        parts.append(text(first + step * i, top + plot_h + 14, x_label, size=9, anchor="middle"))
    for s in series:
        points = [
            (first + step * i, top + plot_h - plot_h * v / peak)
            for i, v in enumerate(s.values)
            if v == v
        ]
        if len(points) > 1:
            path = " ".join(f"{_c(x)},{_c(y)}" for x, y in points)
            parts.append(
                f'<polyline points="{path}" fill="none" stroke="{s.color}" stroke-width="2"/>'
            )
        for (x, y), v in zip(points, [v for v in s.values if v == v], strict=True):
            parts.append(f'<circle cx="{_c(x)}" cy="{_c(y)}" r="3" fill="{s.color}"/>')
            parts.append(text(x, y - 6, num(v), size=8, anchor="middle", color=s.color))
    return svg(width, height, parts, label)


def heatmap(
    label: str,
    rows: Sequence[str],
    columns: Sequence[str],
    values: Sequence[Sequence[int]],
    *,
    peak: int,
    color: str = CHONGQING,
    cell: int = 15,
) -> str:
    """A grid of counts: darker for more, blank for none; column labels written upright."""
    left, top = 70, 52
    width = left + cell * len(columns) + 10
    height = top + cell * len(rows) + 34
    parts = []
    for j, column in enumerate(columns):
        x = left + cell * j + cell / 2
        for k, char in enumerate(column[:3]):
            parts.append(text(x, 12 + 12 * k, char, size=9, anchor="middle"))
    for i, row_label in enumerate(rows):
        y = top + cell * i
        parts.append(text(left - 4, y + cell * 0.75, row_label, size=9, anchor="end"))
        for j, value in enumerate(values[i]):
            x = left + cell * j
            fill = _shade(color, value / peak) if value else "#f7f7f7"
            parts.append(rect(x + 0.5, y + 0.5, cell - 1, cell - 1, fill,
                              f"{row_label}—{columns[j]}: {value}"))  # fmt: skip
            if value:
                parts.append(text(x + cell / 2, y + cell * 0.75, str(value), size=8,
                                  anchor="middle", color="#fff"))  # fmt: skip
    y = top + cell * len(rows) + 18
    for k in range(1, peak + 1):
        x = left + 60 * (k - 1)
        parts.append(rect(x, y - 9, 12, 12, _shade(color, k / peak)))
        parts.append(text(x + 16, y + 1, f"{k}个领域", size=9))
    return svg(width, height, parts, label)


def _shade(color: str, share: float) -> str:
    """``color`` mixed with white: light for small shares, full for 1."""
    share = 0.35 + 0.65 * min(max(share, 0.0), 1.0)
    rgb = [int(color[i : i + 2], 16) for i in (1, 3, 5)]
    mixed = [round(255 - (255 - c) * share) for c in rgb]
    return "#" + "".join(f"{c:02x}" for c in mixed)
