"""Small request helpers shared by Mercado Pago's route modules: from its part (mounted by
the shell at ``app.state.parts``) its world, webhook sender and the shell's fault rules; and
bearer auth."""

from __future__ import annotations

import logging
from typing import Any

from starlette.requests import Request

from kitchen_app.channels.base import FaultPoint
from kitchen_app.channels.sandbox_kit import json_body

from .. import CHANNEL
from .errors import unauthorized
from .webhooks import WebhookSender
from .world import World

__all__ = ["bearer", "faults", "json_body", "sender", "world"]

log = logging.getLogger(__name__)


def _part(request: Request) -> Any:  # the MpSandboxPart (part.py imports the routes)
    return request.app.state.parts[CHANNEL]


def world(request: Request) -> World:
    w: World = _part(request).world
    return w


def sender(request: Request) -> WebhookSender:
    s: WebhookSender = _part(request).sender
    return s


def faults(request: Request) -> FaultPoint:
    f: FaultPoint = _part(request).shell.faults
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
