"""Which files a load reads, and the format each is in (by its extension)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from loaders import csvfmt, jsonl, xlsx
from loaders.errors import LineError, LoadFailed
from loaders.records import Kind
from loaders.tables import Table

Reader = Callable[[Path, Kind | None], Iterator[Table]]
Writer = Callable[[Path, Sequence[str], Iterable[Mapping[str, Any]]], int]

READERS: dict[str, Reader] = {
    ".jsonl": jsonl.read,
    ".ndjson": jsonl.read,
    ".csv": csvfmt.read,
    ".xlsx": xlsx.read,
}
WRITERS: dict[str, Writer] = {
    ".jsonl": jsonl.write,
    ".ndjson": jsonl.write,
    ".csv": csvfmt.write,
    ".xlsx": xlsx.write,
}
REJECTS = ".rejects"
"""Marks the rejects file of an earlier load, which loading a directory leaves out."""


def _suffix(path: Path) -> str:
    return path.suffix.lower()


def find(paths: Sequence[Path]) -> list[Path]:
    """The files named, and every loadable file under the directories named, in name order."""
    found: list[Path] = []
    problems: list[LineError] = []
    for path in paths:
        if path.is_dir():
            found += sorted(
                p
                for p in path.rglob("*")
                if p.is_file() and _suffix(p) in READERS and not _skipped(p.relative_to(path))
            )
        elif not path.exists():
            problems.append(LineError("file", "no such file or directory", str(path)))
        elif _suffix(path) not in READERS:
            problems.append(LineError("file", f"not one of {', '.join(READERS)}", str(path)))
        else:
            found.append(path)
    if problems:
        raise LoadFailed(problems)
    return found


def _skipped(relative: Path) -> bool:
    """Hidden files, Excel's lock files (~$book.xlsx) and rejects files."""
    return any(part.startswith((".", "~$")) for part in relative.parts) or (
        REJECTS + "." in relative.name
    )


def tables(path: Path, kind: Kind | None = None) -> Iterator[Table]:
    """The tables of a file; ``kind``: what every row is, whatever the file is named."""
    return READERS[_suffix(path)](path, kind)


def writer(path: Path, inputs: Sequence[Path]) -> Writer:
    """How to write the rejects file ``path``, which must be none of the ``inputs``."""
    reason = ""
    if _suffix(path) not in WRITERS:
        reason = f"a rejects file must end in one of {', '.join(WRITERS)}"
    elif path.exists() and any(path.samefile(p) for p in inputs):
        reason = "is one of the files to load"
    if reason:
        raise LoadFailed([LineError("rejects", reason, str(path))])
    return WRITERS[_suffix(path)]


def default_rejects(first: Path) -> Path:
    """Beside the first path: ``a.csv`` → ``a.rejects.csv``; ``in/`` → ``in.rejects.jsonl``."""
    if first.is_dir():
        return first.parent / f"{first.resolve().name}{REJECTS}.jsonl"
    stem = first.name.split(".", 1)[0]
    return first.with_name(f"{stem}{REJECTS}{_suffix(first)}")
