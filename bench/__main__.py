"""Run every benchmark module ``bench/bench_*.py`` (or those named on the command line); the
30-minute soak only when named or when ``JIANDU_SOAK_MINUTES`` is set."""

from __future__ import annotations

import importlib
import os
import pkgutil
import sys

import bench


def main(argv: list[str]) -> None:
    names = sorted(
        m.name for m in pkgutil.iter_modules(bench.__path__) if m.name.startswith("bench_")
    )
    chosen = [n for n in names if not argv or any(a in n for a in argv)]
    if not argv and "JIANDU_SOAK_MINUTES" not in os.environ:
        chosen.remove("bench_soak")  # half an hour: `python -m bench soak` runs it
    for name in chosen:
        load = os.getloadavg()[0]
        print(f"# {name} (load average {load:.2f})", file=sys.stderr, flush=True)
        importlib.import_module(f"bench.{name}").main()


if __name__ == "__main__":
    main(sys.argv[1:])
