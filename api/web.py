"""The explorer page at /explore: its own files (web/explore), the browser libraries it
loads (web/node_modules, installed by ``make install``) and the model's kinds and field
labels (/explore/model.json), so the page can label what the GraphQL API returns."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route
from strawberry.utils.str_converters import to_camel_case

from api.static import NODE_MODULES, WEB, StaticPage, security_headers
from graph.model.enums import NodeKind
from graph.model.kinds import Field, node_fields

EXPLORE_PATH = "/explore"
# The page builds its DOM from text and draws on a canvas: it needs nothing from elsewhere.
EXPLORER = StaticPage(
    prefix=EXPLORE_PATH,
    folder=WEB / "explore",
    vendor={"cytoscape.esm.min.mjs": NODE_MODULES / "cytoscape" / "dist" / "cytoscape.esm.min.mjs"},
    title="探查页面",
    headers=security_headers(),
)


def _shown_field(f: Field) -> dict[str, str]:
    """The GraphQL field that shows ``f`` to a person: its Chinese label for enumerations."""
    name = f"{f.name}_label{'s' if f.many else ''}" if f.enum is not None else f.name
    return {"field": to_camel_case(name), "label": f.label}


def model() -> dict[str, Any]:
    return {
        "kinds": [
            {
                "kind": kind.name,
                "label": kind.label,
                "fields": [_shown_field(f) for f in node_fields(kind)],
            }
            for kind in NodeKind
        ]
    }


async def model_json(request: Request) -> Response:
    return JSONResponse(model(), headers=EXPLORER.headers)


def web_routes() -> list[BaseRoute]:
    """The explorer's routes, for the app's route list."""
    return [
        Route(EXPLORE_PATH, EXPLORER.page, methods=["GET"]),
        Route(f"{EXPLORE_PATH}/model.json", model_json, methods=["GET"]),
        *EXPLORER.file_routes(),
    ]
