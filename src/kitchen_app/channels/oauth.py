"""Store linking: a marketplace's OAuth as the relay's token custody uses it (issue 15).

A plug-in that can be linked declares an ``OAuthPlugin``: which environment variables hold
its application's credentials, how to build its ``OAuthClient`` (the authorization page for
a ``state``, code exchange, refresh) and, for a marketplace whose calls are signed with the
application's key, ``sign`` (so the key stays on the relay), and for one that keeps
notifications it could not deliver, ``lost`` (``lost.py``). Every call answers one
``Grant`` or raises ``GrantRefused`` (the code or refresh token is no good: staff must link
again) or ``OAuthUnavailable`` (try later: the network, the marketplace, or the
application's own credentials failed; the link itself is not judged).

Token calls are sent once, never retried here: a refresh token is single use, and a
request whose answer was lost may have spent it.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Protocol

import httpx

from kitchen_app.domain.json import JSONObject

from .lost import LostReader

__all__ = [
    "AppCredentials",
    "Grant",
    "GrantRefused",
    "OAuthClient",
    "OAuthContext",
    "OAuthError",
    "OAuthPlugin",
    "OAuthUnavailable",
    "RequestSigner",
    "post_token_request",
    "utc_now",
]

log = logging.getLogger(__name__)

# How long a token call may take; the relay answers a desk 503 past it.
TOKEN_TIMEOUT = httpx.Timeout(10.0, connect=5.0)
_MAX_MESSAGE = 200


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class AppCredentials:
    """The application's id and secret (Shopee: partner id and partner key)."""

    client_id: str
    secret: str

    def __repr__(self) -> str:  # the secret never reaches a log
        return f"AppCredentials(client_id={self.client_id!r}, secret=…)"


@dataclass(frozen=True, slots=True)
class Grant:
    """What a code exchange or a refresh gave: the pair, when the access token expires, and
    the marketplace account the store linked (user id, seller id, shop id)."""

    access_token: str
    refresh_token: str
    expires_at: datetime  # aware, UTC
    account_id: str

    def __repr__(self) -> str:
        return f"Grant(account_id={self.account_id!r}, expires_at={self.expires_at.isoformat()})"


class OAuthError(Exception):
    """Base: the message is one line, never a token."""

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.code = code  # the marketplace's error key, when it sent one


class GrantRefused(OAuthError):
    """The marketplace refused the code or refresh token (expired, used, revoked)."""


class OAuthUnavailable(OAuthError):
    """No verdict on the grant: the marketplace could not be reached, answered 5xx/429, sent
    something unreadable, or refused the application's own credentials."""


@dataclass(frozen=True, slots=True)
class OAuthContext:
    app: AppCredentials
    # The one base URL for the marketplace's API, OAuth endpoints and authorization page
    # (`relay serve --api CHANNEL=URL`: the sandbox or a stand-in); None: the real hosts.
    base_url: str | None = None
    http: httpx.AsyncClient | None = None  # None: authorize_url only (relay link-store)
    now: Callable[[], datetime] = utc_now


class OAuthClient(Protocol):
    def authorize_url(self, state: str, redirect_uri: str) -> str:
        """The page staff open in the browser; it comes back to ``redirect_uri`` with a
        code and ``state``."""
        ...

    async def exchange(self, code: str, redirect_uri: str, params: Mapping[str, str]) -> Grant:
        """Trade a code for a grant. ``params``: the callback's whole query (some
        marketplaces name the account there)."""
        ...

    async def refresh(self, refresh_token: str, account_id: str) -> Grant: ...


class RequestSigner(Protocol):
    def __call__(
        self, app: AppCredentials, path: str, timestamp: int, access_token: str, account_id: str
    ) -> JSONObject:
        """What a desk needs to send one signed call (raises ValueError for a bad path)."""
        ...


@dataclass(frozen=True, slots=True)
class OAuthPlugin:
    channel: str
    name: str  # shown on the relay's pages and in its log: "Mercado Libre"
    env_client_id: str  # environment variables with the application's credentials
    env_secret: str
    create: Callable[[OAuthContext], OAuthClient]  # ValueError: unusable credentials
    sign: RequestSigner | None = None
    lost: LostReader | None = None  # reads back notifications it could not deliver (lost.py)

    def credentials(self, environ: Mapping[str, str]) -> AppCredentials | None:
        """The application's credentials from the environment; None when neither is set;
        ValueError (one line) when only one is."""
        client_id = environ.get(self.env_client_id, "").strip()
        secret = environ.get(self.env_secret, "").strip()
        if not client_id and not secret:
            return None
        if not client_id or not secret:
            missing = self.env_secret if client_id else self.env_client_id
            raise ValueError(f"{missing} is not set ({self.name} needs both of its variables)")
        return AppCredentials(client_id, secret)


def expiry(now: datetime, expires_in: object) -> datetime:
    """The expiry time of a token that lives ``expires_in`` seconds (a positive number)."""
    if isinstance(expires_in, bool) or not isinstance(expires_in, int | float):
        raise OAuthUnavailable(f"the token answer has no usable expiry: {expires_in!r}")
    if not 0 < expires_in < 10 * 365 * 86400:
        raise OAuthUnavailable(f"the token answer has an impossible expiry: {expires_in!r}")
    return now + timedelta(seconds=float(expires_in))


def text_field(body: Mapping[str, object], name: str) -> str:
    value = body.get(name)
    if not isinstance(value, str) or not value.strip():
        raise OAuthUnavailable(f"the token answer has no {name}")
    return value.strip()


def account_text(value: object) -> str:
    """A marketplace account id (a positive integer, as JSON number or text) as text."""
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return str(value)
    if isinstance(value, str) and value.strip().isascii() and value.strip().isdigit():
        return str(int(value.strip()))
    raise OAuthUnavailable(f"the token answer names no account: {value!r}")


async def post_token_request(
    http: httpx.AsyncClient | None,
    url: str,
    *,
    name: str,
    json_body: JSONObject | None = None,
    form: Mapping[str, str] | None = None,
    params: Mapping[str, str | int] | None = None,
) -> tuple[int, JSONObject]:
    """One POST to a token endpoint (never repeated: see the module's docstring); returns
    the status and the JSON object answered. Transport failures, 429, 5xx and answers that
    are not a JSON object raise ``OAuthUnavailable``. Nothing of the request is logged."""
    if http is None:
        raise RuntimeError("this OAuth client was built without an HTTP client")
    try:
        response = await http.post(
            url,
            json=json_body,
            data=dict(form) if form is not None else None,
            params=dict(params) if params is not None else None,
            headers={"accept": "application/json"},
            timeout=TOKEN_TIMEOUT,
        )
    except httpx.HTTPError as exc:
        raise OAuthUnavailable(f"{name} could not be reached: {type(exc).__name__}") from None
    if response.status_code == 429 or response.status_code >= 500:
        raise OAuthUnavailable(f"{name} answered {response.status_code}")
    try:
        body = response.json()
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise OAuthUnavailable(
            f"{name} answered {response.status_code} with something that is not JSON"
        ) from None
    if not isinstance(body, dict):
        raise OAuthUnavailable(f"{name} answered {response.status_code} with no JSON object")
    return response.status_code, body


def error_message(body: Mapping[str, object], *keys: str) -> str:
    """The first non-empty text among ``keys``, cut to one short line."""
    for key in keys:
        value = body.get(key)
        if isinstance(value, str) and value.strip():
            return " ".join(value.split())[:_MAX_MESSAGE]
    return "no message"
