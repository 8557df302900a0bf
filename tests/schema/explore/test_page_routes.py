"""The explorer page's routes: its files, the browser library from node_modules, the model's
labels, and a clear 503 when the front-end dependencies are not installed."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from api.static import MEDIA, NODE_MODULES
from api.web import EXPLORER
from graph.adapters.embedded import EmbeddedStore
from graph.model.enums import NodeKind
from tests.api.api_client import data
from tests.api.api_harness import Host, Server, serve, settings

pytestmark = pytest.mark.browser

CYTOSCAPE = "cytoscape.esm.min.mjs"


@pytest.fixture
def server(host: Host, tmp_path: Path) -> Iterator[Server]:
    """The app over an empty embedded store: these routes read no graph."""
    with EmbeddedStore(tmp_path / "store") as store, serve(host, store, settings()) as running:
        yield running


def test_the_page_is_served_without_a_token_under_a_strict_policy(server: Server) -> None:
    with server.anonymous() as c:
        r = c.get("/explore")
    assert r.status_code == 200
    assert r.headers["content-type"] == "text/html; charset=utf-8"
    policy = r.headers["content-security-policy"]
    assert "default-src 'self'" in policy and "script-src" not in policy
    assert r.headers["x-content-type-options"] == "nosniff"
    assert '<script type="module" src="/explore/main.js">' in r.text


def test_every_file_of_the_page_is_served_with_its_media_type(server: Server) -> None:
    files = sorted(p for p in EXPLORER.folder.iterdir() if p.is_file())
    assert {p.suffix for p in files} == {".html", ".js", ".css"}
    with server.anonymous() as c:
        for path in files:
            r = c.get(f"/explore/{path.name}")
            assert r.status_code == 200, path.name
            assert r.headers["content-type"] == MEDIA[path.suffix]
            assert r.content == path.read_bytes()


def test_the_graph_library_comes_from_node_modules(server: Server) -> None:
    installed = NODE_MODULES / "cytoscape" / "dist" / CYTOSCAPE
    assert installed.is_file(), "web/node_modules is missing: run `npm ci --prefix web`"
    with server.anonymous() as c:
        r = c.get(f"/explore/vendor/{CYTOSCAPE}")
        other = c.get("/explore/vendor/cytoscape.cjs.js")
    assert r.status_code == 200
    assert r.headers["content-type"] == "text/javascript; charset=utf-8"
    assert r.content == installed.read_bytes()
    assert other.status_code == 404, "only the listed files of node_modules are served"


@pytest.mark.parametrize(
    "path", ["/explore/missing.js", "/explore/.hidden.js", "/explore/%2e%2e%2fapp.py"]
)
def test_nothing_else_is_served(server: Server, path: str) -> None:
    with server.anonymous() as c:
        r = c.get(path)
    assert r.status_code == 404


def test_without_node_modules_the_page_says_to_run_make_install(
    server: Server, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setitem(EXPLORER.vendor, CYTOSCAPE, tmp_path / "node_modules" / CYTOSCAPE)
    with server.anonymous() as c:
        page = c.get("/explore")
        library = c.get(f"/explore/vendor/{CYTOSCAPE}")
    for r in (page, library):
        assert r.status_code == 503
        assert "make install" in r.text and CYTOSCAPE in r.text


def test_the_model_names_fields_the_api_answers(server: Server) -> None:
    """Every field the page is told to show exists on its kind's GraphQL type."""
    with server.anonymous() as c:
        model = c.get("/explore/model.json").json()
    kinds = {k["kind"]: k for k in model["kinds"]}
    assert {(k, kinds[k]["label"]) for k in kinds} == {(k.name, k.label) for k in NodeKind}
    with server.client() as c:
        for kind in NodeKind:
            typed = data(
                c, "query($t: String!) { __type(name: $t) { fields { name } } }", t=kind.name
            )
            answered = {f["name"] for f in typed["__type"]["fields"]}
            shown = {f["field"] for f in kinds[kind.name]["fields"]}
            assert shown <= answered, (kind, shown - answered)


def test_the_page_is_a_route_of_the_metrics(server: Server) -> None:
    counted = 'jiandu_http_requests_total{method="GET",route="/explore",status="200"} 1.0'
    with server.anonymous() as c:
        c.get("/explore")
        # The middleware counts a request once its response has gone: allow it a moment.
        deadline = time.monotonic() + 5
        while counted not in c.get("/metrics").text and time.monotonic() < deadline:
            time.sleep(0.02)
        assert counted in c.get("/metrics").text


def test_the_trailing_slash_leads_to_the_page(server: Server) -> None:
    with server.anonymous() as c:
        r = c.get("/explore/", follow_redirects=False)
    assert r.status_code in (307, 308)
    assert httpx.URL(r.headers["location"]).path == "/explore"
