"""GraphiQL, served by the app itself: the page (web/graphiql) answers ``GET /graphql`` for a
browser when GraphiQL is switched on, and loads GraphiQL, its explorer plugin, React and the
graphql-ws client from the UMD builds of their npm packages (web/package-lock.json), never
from a CDN."""

from __future__ import annotations

from starlette.routing import BaseRoute

from api.static import NODE_MODULES, WEB, StaticPage, security_headers

GRAPHIQL_PATH = "/graphiql"
GRAPHIQL = StaticPage(
    prefix=GRAPHIQL_PATH,
    folder=WEB / "graphiql",
    vendor={
        "react.production.min.js": NODE_MODULES / "react" / "umd" / "react.production.min.js",
        "react-dom.production.min.js": (
            NODE_MODULES / "react-dom" / "umd" / "react-dom.production.min.js"
        ),
        "graphiql.min.js": NODE_MODULES / "graphiql" / "graphiql.min.js",
        "graphiql.min.css": NODE_MODULES / "graphiql" / "graphiql.min.css",
        "plugin-explorer.umd.js": (
            NODE_MODULES / "@graphiql" / "plugin-explorer" / "dist" / "index.umd.js"
        ),
        "plugin-explorer.css": NODE_MODULES
        / "@graphiql"
        / "plugin-explorer"
        / "dist"
        / "style.css",
        "graphql-ws.min.js": NODE_MODULES / "graphql-ws" / "umd" / "graphql-ws.min.js",
    },
    title="GraphiQL",
    # GraphiQL's stylesheet carries its fonts as data: URLs.
    headers=security_headers("font-src 'self' data:"),
)


def graphiql_routes() -> list[BaseRoute]:
    """The routes of GraphiQL's files, for the app's route list when GraphiQL is on."""
    return GRAPHIQL.file_routes()
