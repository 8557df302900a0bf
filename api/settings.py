"""The API's settings, from the environment (``Settings.from_env``).

JIANDU_AUTH             on | off        bearer tokens required (default on)
JIANDU_JWT_SECRET       ≥ 32 characters required when JIANDU_AUTH is on, and to create tokens
JIANDU_INTROSPECTION    on | off        schema introspection (default on; off in production)
JIANDU_GRAPHIQL         on | off        GraphiQL at GET /graphql (default: on only without auth)
JIANDU_MAX_DEPTH, JIANDU_MAX_COST, JIANDU_MAX_ALIASES, JIANDU_MAX_PAGE_SIZE,
JIANDU_MAX_QUERY_BYTES, JIANDU_MAX_VARIABLES_BYTES, JIANDU_MAX_BODY_BYTES,
JIANDU_MAX_UPLOAD_BYTES, JIANDU_REQUEST_SECONDS
                                        request limits (see docs/api.md)
JIANDU_LOG_LEVEL        DEBUG | INFO | WARNING | ERROR (default INFO: one line per request)
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields

from graph.errors import FieldError, ValidationError
from schema.limits import Limits

MIN_SECRET_LENGTH = 32
_ON = {"on", "true", "1", "yes"}
_OFF = {"off", "false", "0", "no"}
_LIMITS = {
    "JIANDU_MAX_DEPTH": "max_depth",
    "JIANDU_MAX_COST": "max_cost",
    "JIANDU_MAX_ALIASES": "max_aliases",
    "JIANDU_MAX_PAGE_SIZE": "max_page_size",
    "JIANDU_MAX_QUERY_BYTES": "max_query_bytes",
    "JIANDU_MAX_VARIABLES_BYTES": "max_variables_bytes",
    "JIANDU_MAX_BODY_BYTES": "max_body_bytes",
    "JIANDU_MAX_UPLOAD_BYTES": "max_upload_bytes",
    "JIANDU_REQUEST_SECONDS": "request_seconds",
}


def _switch(env: Mapping[str, str], name: str, default: bool) -> bool:
    value = env.get(name, "").strip().lower()
    if not value:
        return default
    if value in _ON:
        return True
    if value in _OFF:
        return False
    raise ValidationError(FieldError(name, f"'{value}' is neither on nor off"))


def _positive(env: Mapping[str, str], name: str, default: int) -> int:
    value = env.get(name, "").strip()
    if not value:
        return default
    if not value.isdigit() or int(value) < 1:
        raise ValidationError(FieldError(name, f"'{value}' is not a positive whole number"))
    return int(value)


@dataclass(frozen=True)
class Settings:
    auth: bool = True
    jwt_secret: str | None = None
    introspection: bool = True
    graphiql: bool = False
    limits: Limits = field(default_factory=Limits)
    log_level: str = "INFO"

    def __post_init__(self) -> None:
        if self.auth and self.jwt_secret is None:
            raise ValidationError(
                FieldError(
                    "JIANDU_JWT_SECRET",
                    "required when JIANDU_AUTH is on: set a random secret of at least "
                    f"{MIN_SECRET_LENGTH} characters (or JIANDU_AUTH=off for a local demo only)",
                )
            )
        if self.jwt_secret is not None and len(self.jwt_secret) < MIN_SECRET_LENGTH:
            raise ValidationError(
                FieldError("JIANDU_JWT_SECRET", f"shorter than {MIN_SECRET_LENGTH} characters")
            )

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if env is None else env
        auth = _switch(env, "JIANDU_AUTH", True)
        defaults = Limits()
        limits = Limits(
            **{
                attr: _positive(env, name, getattr(defaults, attr))
                for name, attr in _LIMITS.items()
            }
        )
        assert {f.name for f in fields(Limits)} == set(_LIMITS.values())
        level = env.get("JIANDU_LOG_LEVEL", "INFO").strip().upper() or "INFO"
        if level not in ("DEBUG", "INFO", "WARNING", "ERROR"):
            raise ValidationError(FieldError("JIANDU_LOG_LEVEL", f"unknown level '{level}'"))
        return cls(
            auth=auth,
            jwt_secret=env.get("JIANDU_JWT_SECRET") or None,
            introspection=_switch(env, "JIANDU_INTROSPECTION", True),
            graphiql=_switch(env, "JIANDU_GRAPHIQL", not auth),
            limits=limits,
            log_level=level,
        )

    def require_secret(self) -> str:
        """The token secret, or a clear error when none is set."""
        if self.jwt_secret is None:
            raise ValidationError(
                FieldError("JIANDU_JWT_SECRET", "required to create or check tokens")
            )
        return self.jwt_secret
