"""Fields over ``workflows.evidence``: upload a file on record, list the files of a record."""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.file_uploads import Upload
from strawberry.types.unset import UNSET

from graph.errors import FieldError, ValidationError
from graph.model.enums import EvidenceKind, NodeKind
from schema.context import Info
from schema.fields import mutation, query
from schema.generic.enums import LABELED, code
from schema.generic.ids import to_global
from schema.generic.inputs import given, store_id
from schema.generic.nodes import TYPES
from schema.objects import list_of, output
from schema.results import shown
from workflows import evidence, rules

FILES_PATH = "/files/"

EvidenceFile = output(
    "EvidenceFile",
    "附件: a file on record and where to download it.",
    evidence=TYPES[NodeKind.Evidence],
    target_id=strawberry.ID,
    download_path=str,
)


def download_path(node_id: str) -> str:
    return FILES_PATH + to_global(NodeKind.Evidence.name, node_id)


def _file(info: Info, node: Any, target_id: str) -> Any:
    return EvidenceFile(
        evidence=shown(info, node),
        target_id=strawberry.ID(target_id),
        download_path=download_path(node.id),
    )


async def _content(upload: Any) -> tuple[str, bytes]:
    """The name and bytes of an uploaded file (a starlette UploadFile), read up to the limit."""
    read = getattr(upload, "read", None)
    if read is None:
        raise ValidationError(
            FieldError("file", "must be a file sent as a GraphQL multipart request part")
        )
    content = await read(rules.MAX_FILE_BYTES + 1)
    return str(getattr(upload, "filename", "") or ""), content


@mutation(
    "上传附件: put a file on record (整改报告, 评查表, 留存材料 …), attached to the finding, "
    "rectification, intervention record, review or clearance it documents. Sent as a GraphQL "
    "multipart request (the `file` variable a part of the body); at most "
    f"{rules.MAX_FILE_BYTES // (1024 * 1024)} MiB, and of a type told by its content: "
    + ", ".join(sorted(evidence.TYPES))
    + ".",
    returns=EvidenceFile,
    document=LABELED[EvidenceKind],
)
async def attach_evidence(
    info: Info,
    target_id: strawberry.ID,
    file: Upload,
    document: Any,
    description: str | None = UNSET,
) -> Any:
    name, content = await _content(file)
    done = await info.context.call(
        evidence.attach_evidence,
        blobs=info.context.files(),
        target_id=store_id(target_id, "target_id"),
        name=name,
        content=content,
        document=code(document),
        description=given(description),
    )
    return _file(info, done.evidence, target_id)


@query("附件: the files on record for a record, oldest first.", returns=list_of(EvidenceFile))
async def evidence_of(info: Info, target_id: strawberry.ID) -> Any:
    found = await info.context.call(
        evidence.evidence_of, target_id=store_id(target_id, "target_id")
    )
    return [_file(info, n, target_id) for n in found]
