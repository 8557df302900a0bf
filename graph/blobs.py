"""The files on record, content-addressed: each is stored once under its SHA-256.

``<root>/ab/cd/abcd…`` holds the bytes whose SHA-256 is ``abcd…``. A file is written to a
temporary name in the same directory, flushed to disk and renamed into place, so a reader
never sees half a file and a crash leaves at most a stray temporary file. Writing the same
content twice is a no-op. The graph keeps what a file is (an ``Evidence`` node: name, kind,
hash, size, who uploaded it, when, and what it documents); this store keeps only bytes.

Both graph stores use it: beside the data directory for the embedded store, and at
``JIANDU_BLOB_DIR`` (default ``./blobs``) for Neo4j (``jiandu.config.blob_store``).
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from pathlib import Path

from graph.errors import NotFound

_HEX = re.compile(r"[0-9a-f]{64}")


def sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


class BlobStore:
    def __init__(self, root: str | os.PathLike[str]) -> None:
        self.root = Path(root)

    def path(self, digest: str) -> Path:
        if not _HEX.fullmatch(digest):
            raise NotFound(f"no file '{digest}'")
        return self.root / digest[:2] / digest[2:4] / digest

    def put(self, content: bytes) -> str:
        """Store ``content``; its SHA-256."""
        digest = sha256(content)
        target = self.path(digest)
        if target.exists():
            return digest
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".incoming-")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(content)
                out.flush()
                os.fsync(out.fileno())
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return digest

    def has(self, digest: str) -> bool:
        try:
            return self.path(digest).is_file()
        except NotFound:
            return False

    def get(self, digest: str) -> bytes:
        """The bytes stored under ``digest``, checked against it (NotFound when absent or
        when the file on disk no longer matches its hash)."""
        try:
            content = self.path(digest).read_bytes()
        except FileNotFoundError:
            raise NotFound(f"no file '{digest}' in the blob store") from None
        if sha256(content) != digest:
            raise NotFound(f"the file '{digest}' on disk does not match its hash")
        return content


def blob_dir(store_url: str) -> Path:
    """Where the files of the store at ``store_url`` lie: $JIANDU_BLOB_DIR, else ``blobs``
    inside the embedded store's directory, else ``./blobs`` for a networked store."""
    chosen = os.environ.get("JIANDU_BLOB_DIR")
    if chosen:
        return Path(chosen)
    return Path("blobs") if "://" in store_url else Path(store_url) / "blobs"
