"""Bearer tokens: HS256 JWTs carrying a subject, a role, an optional jurisdiction and an
optional agency (the unit the caller works for)."""

from __future__ import annotations

import datetime as dt
import threading
import time

import jwt

from graph.errors import FieldError, ValidationError
from workflows.access import Principal, Role, subtree_prefix

ISSUER = "jiandu"
ALGORITHM = "HS256"
_CACHE_SIZE = 4096


class UnauthenticatedError(Exception):
    """No token, or one that is not valid: HTTP 401."""


def create_token(
    *,
    role: str,
    region: str | None,
    subject: str,
    secret: str,
    ttl_hours: int,
    agency: str | None = None,
) -> str:
    """A signed token for ``subject`` with ``role`` (and jurisdiction ``region``, and the
    ``agency`` it works for)."""
    try:
        Role(role)
    except ValueError:
        names = ", ".join(r.value for r in Role)
        raise ValidationError(FieldError("role", f"'{role}' is not one of {names}")) from None
    if region is not None:
        subtree_prefix(region)
    if ttl_hours < 1:
        raise ValidationError(FieldError("ttl_hours", "must be at least 1"))
    now = dt.datetime.now(dt.UTC)
    claims: dict[str, object] = {
        "iss": ISSUER,
        "sub": subject,
        "role": role,
        "iat": now,
        "exp": now + dt.timedelta(hours=ttl_hours),
    }
    if region is not None:
        claims["region"] = region
    if agency is not None:
        if not agency.strip():
            raise ValidationError(FieldError("agency", "must name an agency"))
        claims["agency"] = agency.strip()
    return jwt.encode(claims, secret, algorithm=ALGORITHM)


class Authenticator:
    """Checks ``Authorization: Bearer`` headers; a verified token is remembered until it expires."""

    def __init__(self, secret: str) -> None:
        self._secret = secret
        self._lock = threading.Lock()
        self._known: dict[str, tuple[Principal, float]] = {}

    def principal(self, authorization: str | None) -> Principal:
        if not authorization:
            raise UnauthenticatedError("a bearer token is required (Authorization: Bearer <token>)")
        scheme, _, token = authorization.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise UnauthenticatedError("the Authorization header must be 'Bearer <token>'")
        token = token.strip()
        with self._lock:
            known = self._known.get(token)
        if known is not None and known[1] > time.time():
            return known[0]
        principal, expires = self._verify(token)
        with self._lock:
            if len(self._known) >= _CACHE_SIZE:
                self._known.clear()
            self._known[token] = (principal, expires)
        return principal

    def expires_at(self, authorization: str) -> float:
        """When an accepted token expires (epoch seconds); UnauthenticatedError if it is not
        accepted now."""
        self.principal(authorization)
        token = authorization.partition(" ")[2].strip()
        with self._lock:
            known = self._known.get(token)
        return known[1] if known is not None else self._verify(token)[1]

    def _verify(self, token: str) -> tuple[Principal, float]:
        try:
            claims = jwt.decode(
                token,
                self._secret,
                algorithms=[ALGORITHM],
                issuer=ISSUER,
                options={"require": ["exp", "iat", "iss", "sub"]},
            )
        except jwt.ExpiredSignatureError:
            raise UnauthenticatedError("the token has expired") from None
        except jwt.InvalidTokenError as exc:
            raise UnauthenticatedError(f"the token is not valid: {exc}") from None
        try:
            role = Role(claims.get("role"))
            region = claims.get("region")
            if region is not None:
                subtree_prefix(str(region))
            agency = claims.get("agency")
            if agency is not None and (not isinstance(agency, str) or not agency.strip()):
                raise ValueError(agency)
        except (ValueError, ValidationError):
            raise UnauthenticatedError(
                "the token carries an unknown role, region or agency"
            ) from None
        principal = Principal(
            str(claims["sub"]), role, None if region is None else str(region), agency
        )
        return principal, float(claims["exp"])
