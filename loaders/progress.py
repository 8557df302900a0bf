"""A progress bar on stderr for long loads and exports, counting records."""

from __future__ import annotations

import sys
from typing import Any

from tqdm import tqdm


def bar(desc: str, *, enabled: bool, total: int | None = None) -> tqdm[Any]:
    """A tqdm bar, silent when not asked for or when stderr is not a terminal."""
    return tqdm(
        desc=desc,
        total=total,
        unit=" records",
        unit_scale=True,
        file=sys.stderr,
        disable=not (enabled and sys.stderr.isatty()),
        mininterval=0.5,
        dynamic_ncols=True,
    )
