"""``GET /files/{id}``: the bytes of a file on record (an ``Evidence`` node's global id).

The caller authenticates as for /graphql, and the file is served only when its record is
visible to the caller (its region in the caller's jurisdiction, ``workflows.evidence``);
otherwise, or when no such file exists, 404. The file is always an attachment, with its
stored type, ``nosniff`` and a sandboxing content policy, so that no upload is ever run as
a page of this site.
"""

from __future__ import annotations

from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from api.graphql_http import GraphQLEndpoint, HTTPError, error_response
from graph.errors import JianduError, NotFound, ValidationError
from schema.generic.ids import from_global
from workflows import evidence

FILES_PATH = "/files"


def _disposition(name: str) -> str:
    ascii_name = name.encode("ascii", "replace").decode().replace('"', "_").replace("?", "_")
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name)}"


async def download(endpoint: GraphQLEndpoint, request: Request) -> Response:
    try:
        context = endpoint.caller(request)
    except HTTPError as exc:
        return error_response(exc)
    try:
        kind, store_id = from_global(request.path_params["id"], "id")
        if kind != "Evidence":
            raise NotFound(f"no file '{request.path_params['id']}'")
        node, content = await context.call(
            evidence.download_evidence, blobs=context.files(), evidence_id=store_id
        )
    except (NotFound, ValidationError):
        return JSONResponse(
            {"errors": [{"message": "no such file", "extensions": {"code": "NOT_FOUND"}}]},
            status_code=404,
        )
    except JianduError as exc:
        return JSONResponse(
            {"errors": [{"message": str(exc), "extensions": {"code": exc.code}}]},
            status_code=403 if exc.code == "FORBIDDEN" else 503,
        )
    return Response(
        content,
        200,
        {
            "Content-Disposition": _disposition(str(node.props["name"])),
            "X-Content-Type-Options": "nosniff",
            "Content-Security-Policy": "sandbox; default-src 'none'",
            "Cache-Control": "private, no-store",
            "ETag": f'"{node.props["sha256"]}"',
        },
        media_type=str(node.props["media_type"]),
    )
