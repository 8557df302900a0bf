"""The starlette application: ``create_app(store, settings)``."""

from __future__ import annotations

import asyncio
from functools import partial

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route, WebSocketRoute

from api.auth import Authenticator
from api.documents import DOCUMENTS_PATH, document
from api.files import FILES_PATH, download
from api.graphiql import graphiql_routes
from api.graphql_http import GraphQLEndpoint
from api.graphql_ws import GraphQLWebSocket
from api.logs import configure
from api.metrics import CONTENT_TYPE, Metrics
from api.middleware import RequestMiddleware
from api.settings import Settings
from api.web import EXPLORE_PATH, web_routes
from graph.blobs import BlobStore, blob_dir
from graph.errors import JianduError
from graph.store import GraphStore
from schema import build
from workflows.access import SharedItems

GRAPHQL_PATH = "/graphql"
XLSX_PATH = GRAPHQL_PATH + "/xlsx"
ROUTES = frozenset(
    {
        GRAPHQL_PATH,
        XLSX_PATH,
        "/healthz",
        "/readyz",
        "/metrics",
        EXPLORE_PATH,
        FILES_PATH,
        DOCUMENTS_PATH,
    }
)


def create_app(store: GraphStore, settings: Settings, blobs: BlobStore | None = None) -> Starlette:
    """The API over ``store``: /graphql (and GraphiQL's files under /graphiql when it is on),
    /files/{id}, /documents/{kind}, /healthz, /readyz, /metrics, and the /explore page.
    ``blobs``: where the files on record lie (default: ``graph.blobs.blob_dir`` of the
    store)."""
    logger = configure(settings.log_level)
    if not settings.auth:
        logger.warning(
            "authentication is OFF (JIANDU_AUTH=off): every request acts as an admin; "
            "never do this outside a local demo"
        )
    metrics = Metrics()
    endpoint = GraphQLEndpoint(
        schema=build(settings.limits, introspection=settings.introspection),
        store=store,
        limits=settings.limits,
        metrics=metrics,
        shared=SharedItems(store),
        authenticator=Authenticator(settings.require_secret()) if settings.auth else None,
        graphiql=settings.graphiql,
        # A store behind a network (Neo4j) blocks on I/O; the embedded one answers from memory.
        offload="://" in store.url,
        blobs=blobs or BlobStore(blob_dir(store.url)),
    )

    subscriptions = GraphQLWebSocket.beside(endpoint)

    async def healthz(request: Request) -> Response:
        return JSONResponse({"status": "ok"})

    async def readyz(request: Request) -> Response:
        try:
            await asyncio.to_thread(store.ping)
        except JianduError as exc:
            return JSONResponse({"status": "unavailable", "reason": str(exc)}, status_code=503)
        return JSONResponse({"status": "ready", "store": store.url})

    async def prometheus(request: Request) -> Response:
        return Response(metrics.render(), media_type=CONTENT_TYPE)

    app = Starlette(
        routes=[
            Route(GRAPHQL_PATH, endpoint.handle, methods=["GET", "POST"]),
            Route(XLSX_PATH, endpoint.handle_xlsx, methods=["POST"]),
            Route(FILES_PATH + "/{id}", partial(download, endpoint), methods=["GET"]),
            Route(DOCUMENTS_PATH + "/{kind}", partial(document, endpoint), methods=["GET"]),
            WebSocketRoute(GRAPHQL_PATH, subscriptions.handle),
            Route("/healthz", healthz, methods=["GET"]),
            Route("/readyz", readyz, methods=["GET"]),
            Route("/metrics", prometheus, methods=["GET"]),
            *web_routes(),
            *(graphiql_routes() if settings.graphiql else []),
        ],
        middleware=[Middleware(RequestMiddleware, metrics=metrics, logger=logger, routes=ROUTES)],
    )
    # The endpoints, for what serves beside them in one process (bench/bench_api.py and
    # bench/bench_ws.py compare strawberry's own view and handler against them on the same
    # schema, store and context).
    app.state.graphql = endpoint
    app.state.subscriptions = subscriptions
    return app
