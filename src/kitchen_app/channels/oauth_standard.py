"""The authorization-code flow as Mercado Pago and Mercado Libre run it (api notes §7, A.7):
a browser page with ``client_id``, ``redirect_uri`` and ``state``; ``POST /oauth/token`` with
``grant_type`` ``authorization_code`` or ``refresh_token``; an answer with ``access_token``,
``refresh_token``, ``expires_in`` and ``user_id``. A plug-in gives its hosts and how it
encodes the body (Mercado Pago: JSON, Mercado Libre: form)."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlencode

from .oauth import (
    Grant,
    GrantRefused,
    OAuthContext,
    OAuthUnavailable,
    account_text,
    error_message,
    expiry,
    post_token_request,
    text_field,
)

__all__ = ["StandardOAuth", "StandardOAuthHosts"]

log = logging.getLogger(__name__)

# Error keys that say the application's own credentials or request are wrong: linking
# again would not help, so they are not a verdict on the store's grant.
_APP_PROBLEMS = frozenset(
    {
        "invalid_client",
        "unauthorized_client",
        "unauthorized_application",
        "unsupported_grant_type",
        "invalid_scope",
        "invalid_request",
        "local_rate_limited",
    }
)


@dataclass(frozen=True, slots=True)
class StandardOAuthHosts:
    name: str  # for messages: "Mercado Libre"
    authorize_url: str  # the real authorization page
    api_base: str  # the real host of /oauth/token
    form_body: bool  # form-urlencoded body (else JSON)
    authorize_extra: tuple[tuple[str, str], ...] = ()  # more query parameters of the page


class StandardOAuth:
    def __init__(self, context: OAuthContext, hosts: StandardOAuthHosts) -> None:
        self._context = context
        self._hosts = hosts
        base = context.base_url.rstrip("/") if context.base_url else None
        self._authorize = f"{base}/authorization" if base else hosts.authorize_url
        self._token = f"{base or hosts.api_base.rstrip('/')}/oauth/token"

    def __repr__(self) -> str:
        return f"StandardOAuth({self._hosts.name!r}, token={self._token!r})"

    def authorize_url(self, state: str, redirect_uri: str) -> str:
        query = [
            ("response_type", "code"),
            ("client_id", self._context.app.client_id),
            *self._hosts.authorize_extra,
            ("state", state),
            ("redirect_uri", redirect_uri),
        ]
        return f"{self._authorize}?{urlencode(query)}"

    async def exchange(self, code: str, redirect_uri: str, params: Mapping[str, str]) -> Grant:
        return await self._token_call(
            {"grant_type": "authorization_code", "code": code, "redirect_uri": redirect_uri}
        )

    async def refresh(self, refresh_token: str, account_id: str) -> Grant:
        return await self._token_call(
            {"grant_type": "refresh_token", "refresh_token": refresh_token}
        )

    async def _token_call(self, fields: dict[str, str]) -> Grant:
        app = self._context.app
        body = {"client_id": app.client_id, "client_secret": app.secret, **fields}
        started = self._context.now()
        status, answer = await post_token_request(
            self._context.http,
            self._token,
            name=self._hosts.name,
            form=body if self._hosts.form_body else None,
            json_body=None if self._hosts.form_body else dict(body),
        )
        if status == 200:
            return Grant(
                access_token=text_field(answer, "access_token"),
                refresh_token=text_field(answer, "refresh_token"),
                expires_at=expiry(started, answer.get("expires_in")),
                account_id=account_text(answer.get("user_id")),
            )
        # Mercado Pago documents `errorKey`, Mercado Libre `error`: read both.
        key = error_message(answer, "error", "errorKey")
        message = error_message(answer, "error_description", "message")
        text = f"{self._hosts.name} refused the token request ({status} {key}): {message}"
        if status in (400, 401, 403) and key not in _APP_PROBLEMS:
            raise GrantRefused(text, code=key)
        raise OAuthUnavailable(text, code=key)
