"""The demo dataset generator (docs/demo-data.md)."""

from loaders.demo.generator import (
    DemoData,
    DemoReport,
    generate,
    planted_patterns,
    write_demo,
)
from loaders.demo.patterns import PlantedPattern

__all__ = [
    "DemoData",
    "DemoReport",
    "PlantedPattern",
    "generate",
    "planted_patterns",
    "write_demo",
]
