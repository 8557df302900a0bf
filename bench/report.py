"""One JSON line per figure: {"name", "value", "unit", "baseline", "ratio"}."""

from __future__ import annotations

import json
import sys


def emit(name: str, value: float, unit: str, baseline: float | None = None) -> None:
    ratio = None if not baseline else round(value / baseline, 3)
    line = {
        "name": name,
        "value": round(value, 3),
        "unit": unit,
        "baseline": None if baseline is None else round(baseline, 3),
        "ratio": ratio,
    }
    print(json.dumps(line, ensure_ascii=False), flush=True)
    sys.stdout.flush()


def percentile(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    if not ordered:
        return float("nan")
    index = min(len(ordered) - 1, max(0, round(p / 100 * (len(ordered) - 1))))
    return ordered[index]
