"""Small request helpers shared by the sandbox's route modules."""

from __future__ import annotations

import json
import logging
from typing import Any

from starlette.requests import Request

from .api_errors import bad_request, unauthorized
from .faults import Faults
from .webhooks import WebhookSender
from .world import World

__all__ = ["bearer", "faults", "json_body", "sender", "world"]

log = logging.getLogger(__name__)


def world(request: Request) -> World:
    w: World = request.app.state.world
    return w


def sender(request: Request) -> WebhookSender:
    s: WebhookSender = request.app.state.webhooks
    return s


def faults(request: Request) -> Faults:
    f: Faults = request.app.state.faults
    return f


def bearer(request: Request) -> str:
    """The bearer token, when some store accepts it; else ApiError 401."""
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token:
        raise unauthorized()
    if not world(request).token_known(token):
        raise unauthorized()
    return token


async def json_body(request: Request, *, required: bool = True) -> dict[str, Any]:
    raw = await request.body()
    if not raw.strip():
        if required:
            raise bad_request("request body must be a JSON object")
        return {}
    try:
        body = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        raise bad_request("request body is not valid JSON") from None
    if not isinstance(body, dict):
        raise bad_request("request body must be a JSON object")
    return body
