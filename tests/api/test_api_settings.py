"""Settings from the environment, tokens, masks and jurisdiction prefixes."""

from __future__ import annotations

import jwt
import pytest

from api.auth import ALGORITHM, create_token
from api.settings import Settings
from graph.errors import ValidationError
from schema.limits import Limits
from workflows.access import mask, subtree_prefix

SECRET = "s" * 32


def test_auth_is_on_by_default_and_needs_a_secret() -> None:
    with pytest.raises(ValidationError, match="JIANDU_JWT_SECRET: required when JIANDU_AUTH is on"):
        Settings.from_env({})
    on = Settings.from_env({"JIANDU_JWT_SECRET": SECRET})
    assert on.auth and not on.graphiql and on.introspection and on.limits == Limits()


def test_auth_off_is_explicit_and_brings_graphiql() -> None:
    off = Settings.from_env({"JIANDU_AUTH": "off"})
    assert not off.auth and off.graphiql and off.jwt_secret is None
    with pytest.raises(ValidationError, match="JIANDU_JWT_SECRET: required to create"):
        off.require_secret()


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"JIANDU_AUTH": "maybe"}, "JIANDU_AUTH: 'maybe' is neither on nor off"),
        ({"JIANDU_JWT_SECRET": "short"}, "shorter than 32"),
        ({"JIANDU_JWT_SECRET": SECRET, "JIANDU_MAX_DEPTH": "0"}, "JIANDU_MAX_DEPTH"),
        ({"JIANDU_JWT_SECRET": SECRET, "JIANDU_LOG_LEVEL": "loud"}, "JIANDU_LOG_LEVEL"),
    ],
)
def test_bad_settings_are_named(env: dict[str, str], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        Settings.from_env(env)


def test_limits_and_switches_from_the_environment() -> None:
    env = {
        "JIANDU_JWT_SECRET": SECRET,
        "JIANDU_INTROSPECTION": "off",
        "JIANDU_GRAPHIQL": "on",
        "JIANDU_MAX_PAGE_SIZE": "25",
        "JIANDU_MAX_COST": "999",
    }
    got = Settings.from_env(env)
    assert not got.introspection and got.graphiql
    assert got.limits.max_page_size == 25 and got.limits.max_cost == 999


def test_tokens_carry_role_region_and_expiry() -> None:
    token = create_token(
        role="supervisor", region="510100", subject="alice", secret=SECRET, ttl_hours=2
    )
    claims = jwt.decode(token, SECRET, algorithms=[ALGORITHM], issuer="jiandu")
    assert (claims["sub"], claims["role"], claims["region"]) == ("alice", "supervisor", "510100")
    assert claims["exp"] - claims["iat"] == 7200
    for bad in ({"role": "root"}, {"region": "51"}, {"ttl_hours": 0}):
        args = {"role": "viewer", "region": None, "subject": "x", "secret": SECRET, "ttl_hours": 1}
        with pytest.raises(ValidationError):
            create_token(**{**args, **bad})  # type: ignore[arg-type]


def test_masks_and_prefixes() -> None:
    assert mask("510104199001011234", (4, 4)) == "5101**********1234"
    assert mask("123", (4, 4)) == "***"
    assert [subtree_prefix(c) for c in ("510000", "510100", "510104", "500105")] == [
        "51",
        "5101",
        "510104",
        "500105",
    ]
    with pytest.raises(ValidationError):
        subtree_prefix("5101")
