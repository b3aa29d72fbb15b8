"""The shell's OAuth mechanism, the shape Mercado Pago (api notes §7) and Mercado Libre (A.7)
share, on the sandbox's one base URL: each mounted part that plays it hands its application
(``SandboxPart.oauth_app``: client id and secret, grant book, token and error bodies), told
apart by ``client_id`` (the fixed apps of ``channels/sandbox_apps.py``):

* ``GET /authorization?response_type=code&client_id=…&redirect_uri=…&state=…`` approves at
  once (the seller "logs in and accepts") and answers 302 to ``redirect_uri`` with ``code``
  and ``state``. The default sandbox seller is the one who accepts; the sandbox-only query
  parameter ``sandbox_account=<user id>`` picks another.
* ``POST /oauth/token`` with ``grant_type`` ``authorization_code`` (``code``, the same
  ``redirect_uri``) or ``refresh_token``: Mercado Pago takes JSON or a form, Mercado Libre
  only a form. Codes are single use and live 10 minutes; refresh tokens are single use.
  Errors answer 400 with the marketplace's body (Mercado Pago: ``message``, ``error`` and
  ``errorKey`` — which key the live API uses is UNKNOWN — ``status``, ``cause``; Mercado Libre:
  ``error``, ``error_description``, ``status``, ``cause``).
* ``POST /_sandbox/oauth/revoke`` ``{"channel"?, "account"?}`` (also ``user_id`` or ``shop_id``
  for ``account``): the seller unlinks the app; every token of that grant stops working
  (401 on the APIs, ``invalid_grant`` on refresh). Without ``channel``: every marketplace;
  without an account: every seller. Answers ``{"revoked": <tokens killed>}``.

Lifetimes run on the sandbox clock, so ``POST /_sandbox/clock {"advance_s": 21601}`` expires a
Mercado Libre token.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from kitchen_app.channels.base import SandboxPart
from kitchen_app.channels.oauth_grants import GrantError, OAuthApp, with_query
from kitchen_app.channels.sandbox_kit import SandboxError, error_body

from .faults import Faults

__all__ = ["routes"]

log = logging.getLogger(__name__)

_GRANT_MESSAGE = (
    "Error validating grant. Your authorization code or refresh token may be expired or it "
    "was already used."
)


def _parts(request: Request) -> dict[str, SandboxPart]:
    parts: dict[str, SandboxPart] = request.app.state.parts
    return parts


def _apps(request: Request) -> dict[str, OAuthApp]:
    """The parts' applications by client id, in the order the parts were mounted."""
    apps: dict[str, OAuthApp] = {}
    for part in _parts(request).values():
        app = part.oauth_app()
        if app is not None:
            apps[app.client_id] = app
    return apps


def _page_error(message: str) -> Response:
    return JSONResponse(error_body(400, message, "invalid_request"), status_code=400)


async def authorization(request: Request) -> Response:
    q = request.query_params
    app = _apps(request).get(q.get("client_id", ""))
    if app is None:
        return _page_error("client_id is not a sandbox application")
    if q.get("response_type") != "code":
        return _page_error("response_type must be code")
    redirect_uri = q.get("redirect_uri", "")
    if urlsplit(redirect_uri).scheme not in ("http", "https"):
        return _page_error("redirect_uri must be an http(s) address")
    account = app.default_account()
    chosen = q.get("sandbox_account", "")
    if chosen:
        if not chosen.isdigit() or not app.has_account(int(chosen)):
            return _page_error("sandbox_account is not a sandbox seller")
        account = int(chosen)
    code = app.book.issue_code(account, redirect_uri)
    back = {"code": code}
    if "state" in q:
        back["state"] = q["state"]
    log.info("sandbox authorization: %s seller %s approved", app.channel, account)
    return RedirectResponse(with_query(redirect_uri, **back), status_code=302)


async def _params(request: Request) -> tuple[dict[str, Any], bool]:
    """The body's fields and whether it was a form."""
    raw = await request.body()
    if "application/x-www-form-urlencoded" in request.headers.get("content-type", ""):
        return dict(parse_qsl(raw.decode(errors="replace"))), True
    try:
        body = json.loads(raw) if raw.strip() else {}
    except ValueError:
        raise SandboxError(400, "body is not valid JSON", "invalid_request") from None
    if not isinstance(body, dict):
        raise SandboxError(400, "body must be a JSON object", "invalid_request")
    return body, False


def _fail(
    app: OAuthApp | None, key: str, message: str, status: int = 400, apps: Sequence[OAuthApp] = ()
) -> JSONResponse:
    """``app``'s error body; for a request no app is named in, the first mounted app's (the
    shell has no shape of its own there), else the generic one."""
    chosen = app or next(iter(apps), None)
    if chosen is None:
        body: dict[str, object] = error_body(status, message, key)
    else:
        body = chosen.error_body(key, message, status)
    return JSONResponse(body, status_code=status)


async def token(request: Request) -> Response:
    faults: Faults = request.app.state.faults
    await faults.apply("oauth")
    params, form = await _params(request)
    apps = _apps(request)
    client_id, client_secret = params.get("client_id"), params.get("client_secret")
    if not client_id or not client_secret:
        return _fail(
            None,
            "invalid_client",
            "client_id and client_secret are required",
            apps=[*apps.values()],
        )
    app = apps.get(str(client_id))
    if app is None or str(client_secret) != app.client_secret:
        return _fail(
            app, "invalid_client", "invalid client_id or client_secret", apps=[*apps.values()]
        )
    if app.form_only and not form:
        return _fail(app, "invalid_request", "the body must be application/x-www-form-urlencoded")
    grant = params.get("grant_type")
    try:
        if grant == "authorization_code":
            code, redirect_uri = params.get("code"), params.get("redirect_uri")
            if not isinstance(code, str) or not code:
                return _fail(app, "invalid_request", "code is required")
            issued = app.book.exchange(code, str(redirect_uri) if redirect_uri else None)
        elif grant == "refresh_token":
            refresh = params.get("refresh_token")
            if not isinstance(refresh, str) or not refresh:
                return _fail(app, "invalid_request", "refresh_token is required")
            issued = app.book.refresh(refresh)
        else:
            return _fail(
                app,
                "unsupported_grant_type",
                "grant_type must be authorization_code or refresh_token",
            )
    except GrantError:
        return _fail(app, "invalid_grant", _GRANT_MESSAGE)
    return JSONResponse(app.token_body(issued))


def _account(body: dict[str, Any]) -> int | None:
    for name in ("account", "user_id", "shop_id"):
        value = body.get(name)
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        if isinstance(value, str) and value.strip().isdigit():
            return int(value)
    return None


async def revoke(request: Request) -> Response:
    raw = await request.body()
    try:
        body = json.loads(raw) if raw.strip() else {}
    except ValueError:
        body = None
    if not isinstance(body, dict):
        return _page_error("request body must be a JSON object")
    channel = body.get("channel")
    account = _account(body)
    parts = _parts(request)
    if channel is not None and (not isinstance(channel, str) or channel not in parts):
        return _page_error(f"channel must be one of {', '.join(sorted(parts))}")
    revoked = 0
    for name, part in parts.items():
        if channel in (None, name):
            revoked += part.revoke_grants(account)
    return JSONResponse({"revoked": revoked})


routes = [
    Route("/authorization", authorization, methods=["GET"]),
    Route("/oauth/token", token, methods=["POST"]),
    Route("/_sandbox/oauth/revoke", revoke, methods=["POST"]),
]
