"""GraphiQL's routes: its page at GET /graphql for a browser, its files under /graphiql, its
libraries from the npm packages pinned in web/package-lock.json, only when GraphiQL is on,
and a clear 503 when the front-end dependencies are not installed."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from api.graphiql import GRAPHIQL
from api.static import MEDIA, NODE_MODULES, WEB
from graph.adapters.embedded import EmbeddedStore
from graph.store import GraphStore
from tests.api.api_harness import Host, Server, serve, settings

BROWSER = {"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}


@pytest.fixture
def store(tmp_path: Path) -> Iterator[GraphStore]:
    """An empty embedded store: these routes read no graph."""
    with EmbeddedStore(tmp_path / "store") as opened:
        yield opened


@pytest.fixture
def server(host: Host, store: GraphStore) -> Iterator[Server]:
    """Authentication on and GraphiQL switched on for it."""
    with serve(host, store, settings(graphiql=True)) as running:
        yield running


def test_a_browser_gets_the_page_without_a_token_under_a_strict_policy(server: Server) -> None:
    with server.anonymous() as c:
        r = c.get("/graphql", headers=BROWSER)
    assert r.status_code == 200
    assert r.headers["content-type"] == "text/html; charset=utf-8"
    assert r.content == (GRAPHIQL.folder / "index.html").read_bytes()
    policy = [d.strip() for d in r.headers["content-security-policy"].split(";")]
    assert "default-src 'self'" in policy and "font-src 'self' data:" in policy
    assert not any(d.startswith(("script-src", "connect-src")) for d in policy)
    assert r.headers["x-content-type-options"] == "nosniff"


def test_other_clients_still_get_graphql_over_http(server: Server) -> None:
    with server.anonymous() as c:
        refused = c.get("/graphql", params={"query": "{ me { role } }"})
    with server.client() as c:
        answered = c.get(
            "/graphql", params={"query": "{ me { role } }"}, headers={"Accept": "application/json"}
        )
    assert refused.status_code == 401
    assert answered.json() == {"data": {"me": {"role": "admin"}}}


def test_every_file_of_the_page_is_served_with_its_media_type(server: Server) -> None:
    files = sorted(p for p in GRAPHIQL.folder.iterdir() if p.is_file())
    assert {p.suffix for p in files} == {".html", ".js", ".css"}
    with server.anonymous() as c:
        for path in files:
            r = c.get(f"/graphiql/{path.name}")
            assert r.status_code == 200, path.name
            assert r.headers["content-type"] == MEDIA[path.suffix]
            assert r.content == path.read_bytes()


def package_of(path: Path) -> str:
    """The npm package a file of node_modules belongs to ("react", "@graphiql/react")."""
    parts = path.relative_to(NODE_MODULES).parts
    return "/".join(parts[:2]) if parts[0].startswith("@") else parts[0]


def test_the_libraries_come_from_the_packages_pinned_in_the_lockfile(server: Server) -> None:
    wanted = json.loads((WEB / "package.json").read_text())["dependencies"]
    locked = json.loads((WEB / "package-lock.json").read_text())["packages"]
    with server.anonymous() as c:
        for name, path in GRAPHIQL.vendor.items():
            package = package_of(path)
            installed = json.loads((NODE_MODULES / package / "package.json").read_text())
            assert wanted[package] == locked[f"node_modules/{package}"]["version"], package
            assert installed["version"] == wanted[package], f"run `make install` ({package})"
            r = c.get(f"/graphiql/vendor/{name}")
            assert r.status_code == 200, name
            assert r.headers["content-type"] == MEDIA[path.suffix]
            assert r.content == path.read_bytes()


@pytest.mark.parametrize(
    "path",
    [
        "/graphiql/missing.js",
        "/graphiql/.hidden.js",
        "/graphiql/%2e%2e%2fapi.py",
        "/graphiql/vendor/index.umd.js",
        "/graphiql/vendor/graphiql.min.js.map",
    ],
)
def test_nothing_else_is_served(server: Server, path: str) -> None:
    with server.anonymous() as c:
        r = c.get(path)
    assert r.status_code == 404


def test_when_graphiql_is_off_neither_the_page_nor_its_files_are_served(
    host: Host, store: GraphStore
) -> None:
    """Its default with authentication on: a browser gets the API's refusal."""
    with serve(host, store, settings()) as off, off.anonymous() as c:
        page = c.get("/graphql", headers=BROWSER)
        files = [c.get("/graphiql/main.js"), c.get("/graphiql/vendor/graphiql.min.js")]
    assert page.status_code == 401 and page.headers["content-type"].startswith("application/")
    assert [f.status_code for f in files] == [404, 404]


def test_without_node_modules_the_page_says_to_run_make_install(
    server: Server, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setitem(GRAPHIQL.vendor, "graphiql.min.js", tmp_path / "graphiql.min.js")
    with server.anonymous() as c:
        page = c.get("/graphql", headers=BROWSER)
        library = c.get("/graphiql/vendor/graphiql.min.js")
    for r in (page, library):
        assert r.status_code == 503
        assert "make install" in r.text and "graphiql.min.js" in r.text
