"""Tokens that name the caller's agency (jiandu token create --agency): the agency must exist
in the store and lie in the token's region; the token carries it and the server reads it."""

from __future__ import annotations

from pathlib import Path

import jwt
import pytest

from api.auth import ALGORITHM, Authenticator
from graph.adapters.embedded import EmbeddedStore
from jiandu.cli import main
from tests.worlds.sample import write_sample

SECRET = "s" * 40


@pytest.fixture
def store_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("JIANDU_JWT_SECRET", SECRET)
    path = tmp_path / "store"
    with EmbeddedStore(path) as store:
        write_sample(store)
    return str(path)


def create(store: str, *extra: str) -> int:
    return main(["--store", store, "token", "create", "--role", "supervisor", *extra])


def test_a_token_names_an_agency_of_its_region(
    store_dir: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert create(store_dir, "--region", "510100", "--agency", "agency:cd-court") == 0
    token = capsys.readouterr().out.strip()
    claims = jwt.decode(token, SECRET, algorithms=[ALGORITHM], options={"verify_iss": False})
    assert claims["agency"] == "agency:cd-court"
    principal = Authenticator(SECRET).principal(f"Bearer {token}")
    assert (principal.region, principal.agency) == ("510100", "agency:cd-court")


@pytest.mark.parametrize(
    ("extra", "reason"),
    [
        (["--agency", "agency:nowhere"], "no agency 'agency:nowhere'"),
        (["--agency", "case:cd-1"], "no agency 'case:cd-1'"),
        (["--region", "510400", "--agency", "agency:cd-court"], "outside the region 510400"),
    ],
)
def test_an_agency_that_is_not_one_or_lies_elsewhere_is_refused(
    store_dir: str, capsys: pytest.CaptureFixture[str], extra: list[str], reason: str
) -> None:
    assert create(store_dir, *extra) != 0
    captured = capsys.readouterr()
    assert captured.out == "" and reason in captured.err
