"""`POST /oauth/token` stub (api notes §7): both grants, rotating refresh tokens.

Any ``TG-…`` code is accepted once; a code ending in ``-<user id>`` of a sandbox store
authorizes that store, any other authorizes the default store. Issued access tokens are
added to the store's accepted tokens, so they work on the order endpoints at once.
Errors answer 400 with both ``error`` and ``errorKey`` (which one the live API uses is
UNKNOWN, so clients read both).
"""

from __future__ import annotations

import json
import logging
import secrets
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qsl

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from .api_errors import ApiError, error_body
from .requests import faults, world
from .stores import Store

__all__ = ["routes"]

log = logging.getLogger(__name__)

EXPIRES_IN = 15_552_000  # 180 days


def _error(key: str, message: str) -> JSONResponse:
    body = error_body(400, message, key) | {"errorKey": key}
    return JSONResponse(body, status_code=400)


async def _params(request: Request) -> dict[str, Any]:
    raw = await request.body()
    if "application/x-www-form-urlencoded" in request.headers.get("content-type", ""):
        return dict(parse_qsl(raw.decode(errors="replace")))
    try:
        body = json.loads(raw) if raw.strip() else {}
    except ValueError:
        raise ApiError(400, "body is not valid JSON", "invalid_request") from None
    if not isinstance(body, dict):
        raise ApiError(400, "body must be a JSON object", "invalid_request")
    return body


def _issue(request: Request, store: Store, client_id: str) -> dict[str, Any]:
    state = request.app.state
    stamp = datetime.now(UTC).strftime("%m%d%H")
    access = f"APP_USR-{client_id}-{stamp}-{secrets.token_hex(16)}-{store.user_id}"
    refresh = f"TG-{secrets.token_hex(12)}-{store.user_id}"
    store.tokens.add(access)
    state.oauth_refresh[refresh] = store.user_id
    return {
        "access_token": access,
        "token_type": "bearer",
        "expires_in": EXPIRES_IN,
        "scope": "offline_access read write",
        "user_id": store.user_id,
        "refresh_token": refresh,
        "public_key": f"APP_USR-{secrets.token_hex(8)}-{secrets.token_hex(6)}",
        "live_mode": False,
    }


async def token(request: Request) -> Response:
    await faults(request).apply("oauth")
    params = await _params(request)
    w = world(request)
    client_id, client_secret = params.get("client_id"), params.get("client_secret")
    if not client_id or not client_secret:
        return _error("invalid_client", "client_id and client_secret are required")
    grant = params.get("grant_type")
    used: set[str] = request.app.state.oauth_used_codes
    refresh_tokens: dict[str, int] = request.app.state.oauth_refresh
    if grant == "authorization_code":
        code = params.get("code")
        if not isinstance(code, str) or not code.startswith("TG-") or code in used:
            return _error(
                "invalid_grant",
                "Error validating grant. Your authorization code or refresh token may be "
                "expired or it was already used.",
            )
        used.add(code)
        suffix = code.rsplit("-", 1)[-1]
        store = next((s for s in w.stores.values() if str(s.user_id) == suffix), w.default_store)
        return JSONResponse(_issue(request, store, str(client_id)))
    if grant == "refresh_token":
        refresh = params.get("refresh_token")
        user_id = refresh_tokens.pop(refresh, None) if isinstance(refresh, str) else None
        if user_id is None or user_id not in w.stores:
            return _error(
                "invalid_grant",
                "Error validating grant. Your authorization code or refresh token may be "
                "expired or it was already used.",
            )
        return JSONResponse(_issue(request, w.stores[user_id], str(client_id)))
    return _error(
        "unsupported_grant_type", "grant_type must be authorization_code or refresh_token"
    )


routes = [Route("/oauth/token", token, methods=["POST"])]
