"""Mercado Pago's OAuth application on the shell's ``/authorization`` and ``/oauth/token``
(api notes §7): its fixed app (``channels/sandbox_apps.py``), its token body and its error
body. Access tokens live 180 days on the sandbox clock; refresh tokens rotate on each use and,
their lifetime being UNKNOWN, never expire."""

from __future__ import annotations

import logging

from kitchen_app.channels.oauth_grants import IssuedTokens, OAuthApp
from kitchen_app.channels.sandbox_apps import MP_APP

from .. import CHANNEL
from .errors import error_body
from .world import World

__all__ = ["mp_app", "mp_error_body"]

log = logging.getLogger(__name__)


def mp_error_body(key: str, message: str, status: int) -> dict[str, object]:
    """§7's error: the generic shape plus ``errorKey`` (which key the live API uses is
    UNKNOWN, so both are sent)."""
    return error_body(status, message, key) | {"errorKey": key}


def mp_app(w: World) -> OAuthApp:
    def body(tokens: IssuedTokens) -> dict[str, object]:
        return {
            "access_token": tokens.access_token,
            "token_type": "bearer",
            "expires_in": tokens.expires_in,
            "scope": "offline_access read write",
            "user_id": tokens.account,
            "refresh_token": tokens.refresh_token,
            "public_key": f"APP_USR-{tokens.access_token[-12:]}",
            "live_mode": False,
        }

    return OAuthApp(
        channel=CHANNEL,
        client_id=MP_APP.client_id,
        client_secret=MP_APP.client_secret,
        book=w.oauth,
        default_account=lambda: w.default_store.user_id,
        has_account=lambda account: account in w.stores,
        token_body=body,
        error_body=mp_error_body,
    )
