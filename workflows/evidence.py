"""Evidence on record: the files that findings, rectifications, intervention records, reviews
and clearances rest on (整改报告, 评查表, 留存材料 随案入卷, 核查材料 …).

A file is stored once, content-addressed (``graph.blobs``), and described in the graph by an
``Evidence`` node ATTACHED_TO the record it documents: its name, its kind of document, its
SHA-256, size and type, who uploaded it and when. The node is written through ``Change``
like every other record, so the audit chain holds the hash. Files are only ever added here:
the generic mutations neither create, change nor delete an ``Evidence`` node, nor move its
attachment (``workflows.generic``), so a verified rectification keeps its report.

Rules (docs/workflows.md "Evidence"):
- a file is at most ``rules.MAX_FILE_BYTES`` and of an accepted type, told by its content
  (its first bytes), which must agree with its name's extension: PDF, OFD, JPEG, PNG, Word,
  Excel, or plain UTF-8 text; anything else (HTML, scripts, executables) is refused;
- each kind of record takes the kinds of document that belong to it (``DOCUMENTS``);
- the file lands in the region of the record it documents, and only a caller who may write
  that record attaches to it; downloading needs the file's record to be visible.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from io import BytesIO

from graph.blobs import BlobStore
from graph.errors import FieldError, ValidationError
from graph.model.enums import EvidenceKind, NodeKind, RelType
from graph.model.records import Node
from graph.store import Direction, GraphStore
from workflows import rules
from workflows.access import Permission
from workflows.changes import Change
from workflows.reading import linked, parse_enum, require_all
from workflows.usecase import use_case

E = EvidenceKind
DOCUMENTS: dict[NodeKind, frozenset[EvidenceKind]] = {
    NodeKind.Rectification: frozenset({E.RECTIFICATION_REPORT, E.EVIDENCE, E.OTHER}),
    NodeKind.Finding: frozenset({E.EVIDENCE, E.VERIFICATION, E.OTHER}),
    NodeKind.InterventionRecord: frozenset({E.RETAINED_RECORD, E.EVIDENCE, E.OTHER}),
    NodeKind.SupervisionAction: frozenset({E.REVIEW_SHEET, E.VERIFICATION, E.EVIDENCE, E.OTHER}),
    NodeKind.Clearance: frozenset({E.VERIFICATION, E.EVIDENCE, E.OTHER}),
}
ATTACHABLE = tuple(DOCUMENTS)

# Accepted types: extension → media type, and how the content must begin.
PDF, OFD = "application/pdf", "application/ofd"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TYPES: dict[str, str] = {
    "pdf": PDF,
    "ofd": OFD,
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "png": "image/png",
    "docx": DOCX,
    "xlsx": XLSX,
    "txt": "text/plain",
}
_ZIPPED = {OFD: "OFD.xml", DOCX: "word/", XLSX: "xl/"}
_UNSAFE_NAME = set('/\\:*?"<>|\x00')


@dataclass(frozen=True)
class Attached:
    evidence: Node
    target_id: str


def sniff(name: str, content: bytes) -> str:
    """The media type of a file named ``name`` with ``content``, or ValidationError."""
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    media = TYPES.get(ext)
    if media is None:
        accepted = ", ".join(sorted(TYPES))
        raise ValidationError(FieldError("file", f"'.{ext}' files are not accepted ({accepted})"))
    if not _looks_like(media, content):
        raise ValidationError(
            FieldError("file", f"the content of '{name}' is not a {ext.upper()} file")
        )
    return media


def _looks_like(media: str, content: bytes) -> bool:
    if media == PDF:
        return content.startswith(b"%PDF-")
    if media == "image/jpeg":
        return content.startswith(b"\xff\xd8\xff")
    if media == "image/png":
        return content.startswith(b"\x89PNG\r\n\x1a\n")
    if media in _ZIPPED:
        if not content.startswith(b"PK\x03\x04"):
            return False
        try:
            with zipfile.ZipFile(BytesIO(content)) as archive:
                names = archive.namelist()
        except (zipfile.BadZipFile, ValueError):
            return False
        marker = _ZIPPED[media]
        return any(n == marker or n.startswith(marker) for n in names)
    # Plain text: UTF-8 without control characters other than tab and line ends.
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError:
        return False
    if text.lstrip()[:1] == "<":  # markup would be HTML or XML in a text file's name
        return False
    return not any(ord(c) < 32 and c not in "\t\r\n" for c in text)


def _check_name(name: str) -> str:
    name = name.strip()
    if not name:
        raise ValidationError(FieldError("file", "the file has no name"))
    if len(name) > rules.MAX_FILE_NAME or any(c in _UNSAFE_NAME for c in name):
        raise ValidationError(
            FieldError(
                "file",
                f"'{name[:40]}': a file name of at most {rules.MAX_FILE_NAME} "
                'characters, without / \\ : * ? " < > |',
            )
        )
    return name


@use_case(Permission.WRITE, owns=["target_id"])
def attach_evidence(
    *,
    store: GraphStore,
    blobs: BlobStore,
    actor: str,
    target_id: str,
    name: str,
    content: bytes,
    document: str,
    description: str | None = None,
) -> Attached:
    """Store a file and put it on record, attached to the record it documents."""
    (target,) = require_all(store, [target_id], ATTACHABLE, "target_id")
    kind = EvidenceKind[parse_enum(EvidenceKind, document, "document")]
    if kind not in DOCUMENTS[target.kind]:
        allowed = ", ".join(sorted(k.name for k in DOCUMENTS[target.kind]))
        raise ValidationError(
            FieldError("document", f"a {target.kind.name} takes {allowed}, not {kind.name}")
        )
    name = _check_name(name)
    if not content:
        raise ValidationError(FieldError("file", "the file is empty"))
    if len(content) > rules.MAX_FILE_BYTES:
        raise ValidationError(
            FieldError("file", f"{len(content)} bytes: over the limit of {rules.MAX_FILE_BYTES}")
        )
    media = sniff(name, content)
    region = target.props.get("region_code")
    if not isinstance(region, str):
        raise ValidationError(FieldError("target_id", f"'{target.id}' has no region"))
    # The bytes first: a graph write that fails leaves only an unreferenced file, never a
    # record whose file is missing.
    digest = blobs.put(content)
    change = Change(actor)
    node = change.create(
        NodeKind.Evidence,
        {
            "name": name,
            "document": kind.name,
            "sha256": digest,
            "size": len(content),
            "media_type": media,
            "uploaded_at": dt.datetime.now(dt.UTC).isoformat(),
            "uploaded_by": actor,
            "region_code": region,
            "description": description,
        },
    )
    change.link(RelType.ATTACHED_TO, node.id, target.id)
    change.commit(store)
    return Attached(node, target.id)


@use_case(Permission.READ, sees=["target_id"])
def evidence_of(*, store: GraphStore, target_id: str) -> list[Node]:
    """The files on record for a record, oldest first."""
    return attached(store, [target_id]).get(target_id, [])


def attached(store: GraphStore, ids: Sequence[str]) -> dict[str, list[Node]]:
    found = linked(store, ids, [RelType.ATTACHED_TO], Direction.IN, [NodeKind.Evidence])
    return {
        i: sorted((n.node for n in ns), key=lambda n: (str(n.props["uploaded_at"]), n.id))
        for i, ns in found.items()
    }


@use_case(Permission.READ, sees=["evidence_id"])
def download_evidence(
    *, store: GraphStore, blobs: BlobStore, evidence_id: str
) -> tuple[Node, bytes]:
    """A file on record and its bytes (NotFound when hidden from the caller or missing)."""
    (node,) = require_all(store, [evidence_id], [NodeKind.Evidence], "evidence_id")
    return node, blobs.get(str(node.props["sha256"]))


def has_document(store: GraphStore, target_id: str, kind: EvidenceKind) -> bool:
    return any(
        n.props.get("document") == kind.name
        for n in attached(store, [target_id]).get(target_id, [])
    )


def check_verification(store: GraphStore, node: Node, move: str) -> None:
    """验收 of a rectification needs its 整改报告 on record, and every item it is made of
    (PART_OF) accepted or closed. Every way of accepting asks this rule: the dedicated use
    case and the generic ``transition``."""
    if node.kind is not NodeKind.Rectification or move.lower() != "accept":
        return
    if not has_document(store, node.id, EvidenceKind.RECTIFICATION_REPORT):
        raise ValidationError(
            FieldError(
                "move",
                f"'{node.id}' cannot be accepted without its 整改报告 on record: "
                "attach it first (attachEvidence, document RECTIFICATION_REPORT)",
            )
        )
    parts = linked(store, [node.id], [RelType.PART_OF], Direction.IN, [NodeKind.Rectification])
    open_ = sorted(
        n.node.id for n in parts.get(node.id, []) if n.node.props.get("status") not in FINISHED
    )
    if open_:
        raise ValidationError(
            FieldError("move", f"'{node.id}' has items not yet accepted: {', '.join(open_)}")
        )


FINISHED = frozenset({"ACCEPTED", "CLOSED"})
