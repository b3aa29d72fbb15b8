"""Linking a Shopee shop (api notes B.1): ``/api/v2/shop/auth_partner`` (public-signed) sends
the browser back with ``code`` and ``shop_id`` (or ``main_account_id``);
``/api/v2/auth/token/get`` trades the code, ``/api/v2/auth/access_token/get`` refreshes (both
public-signed, JSON bodies). Access tokens live 4 hours, refresh tokens 30 days and single use.

Shopee's authorization link has no ``state``: the state rides in the query of the redirect
URL, which Shopee sends the browser back to as given (with its own parameters added).

``sign`` signs one Shop API call for a desk, so the partner key stays on the relay.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from urllib.parse import urlencode

from kitchen_app.domain.json import JSONObject

from ..oauth import (
    AppCredentials,
    Grant,
    GrantRefused,
    OAuthClient,
    OAuthContext,
    OAuthPlugin,
    OAuthUnavailable,
    account_text,
    error_message,
    expiry,
    post_token_request,
    text_field,
)
from . import CHANNEL
from .client import DEFAULT_BASE_URL
from .lost import read_lost_pushes
from .signing import hmac_hex, public_base_string, shop_base_string

__all__ = ["OAUTH", "ShopeeOAuth", "sign_shop_call"]

_NAME = "Shopee"
AUTHORIZE_PATH = "/api/v2/shop/auth_partner"
TOKEN_PATH = "/api/v2/auth/token/get"
REFRESH_PATH = "/api/v2/auth/access_token/get"

# The code or refresh token is no good (or the shop no longer authorises us): link again.
_GRANT_ERRORS = frozenset(
    {
        "invalid_code",
        "error_auth",
        "refresh_token_expired",
        "error_shop_refresh_token",
        "shop_access_expired",
        "shop_no_linked",
        "shop_banned",
        "invalid_shop_id",
        "invalid_main_acount_id",  # (sic, Shopee's spelling)
        "invalid_main_account_id",
    }
)


def _partner_id(app: AppCredentials) -> int:
    text = app.client_id.strip()
    if not (text.isascii() and text.isdigit()) or int(text) <= 0:
        raise ValueError(f"the Shopee partner id must be a positive integer: {text!r}")
    return int(text)


class ShopeeOAuth:
    def __init__(self, context: OAuthContext) -> None:
        self._context = context
        self._partner_id = _partner_id(context.app)
        self._base = (context.base_url or DEFAULT_BASE_URL).rstrip("/")

    def __repr__(self) -> str:
        return f"ShopeeOAuth(base={self._base!r})"

    def _signed(self, path: str) -> dict[str, str | int]:
        timestamp = int(self._context.now().timestamp())
        base_string = public_base_string(self._partner_id, path, timestamp)
        return {
            "partner_id": self._partner_id,
            "timestamp": timestamp,
            "sign": hmac_hex(self._context.app.secret, base_string),
        }

    def authorize_url(self, state: str, redirect_uri: str) -> str:
        joiner = "&" if "?" in redirect_uri else "?"
        redirect = f"{redirect_uri}{joiner}{urlencode({'state': state})}"
        query = {**self._signed(AUTHORIZE_PATH), "redirect": redirect}
        return f"{self._base}{AUTHORIZE_PATH}?{urlencode(query)}"

    async def exchange(self, code: str, redirect_uri: str, params: Mapping[str, str]) -> Grant:
        body: JSONObject = {"code": code, "partner_id": self._partner_id}
        shop = params.get("shop_id", "").strip()
        main_account = params.get("main_account_id", "").strip()
        if shop:
            body["shop_id"] = int(account_text(shop))
        elif main_account:
            body["main_account_id"] = int(account_text(main_account))
        else:
            raise GrantRefused("Shopee sent no shop_id or main_account_id with the code")
        answer, started = await self._call(TOKEN_PATH, body)
        if shop:
            account = account_text(shop)
        else:
            # A main account authorises its shops: the store is linked to the first one.
            shops = answer.get("shop_id_list")
            if not isinstance(shops, list) or not shops:
                raise GrantRefused("Shopee authorised no shop for this main account")
            account = account_text(shops[0])
        return _grant(answer, started, account)

    async def refresh(self, refresh_token: str, account_id: str) -> Grant:
        shop_id = int(account_text(account_id))
        body: JSONObject = {
            "refresh_token": refresh_token,
            "partner_id": self._partner_id,
            "shop_id": shop_id,
        }
        answer, started = await self._call(REFRESH_PATH, body)
        return _grant(answer, started, str(shop_id))

    async def _call(self, path: str, body: JSONObject) -> tuple[JSONObject, datetime]:
        """The answer of one public-signed call, and when it was sent (expiry counts from
        there: the answer may come late, the token does not live longer for it)."""
        started = self._context.now()
        status, answer = await post_token_request(
            self._context.http,
            f"{self._base}{path}",
            name=_NAME,
            json_body=body,
            params=self._signed(path),
        )
        key = answer.get("error")
        if status == 200 and not key:
            return answer, started
        code = key if isinstance(key, str) else str(status)
        text = f"Shopee refused the token request ({status} {code}): "
        text += error_message(answer, "message")
        if code in _GRANT_ERRORS:
            raise GrantRefused(text, code=code)
        raise OAuthUnavailable(text, code=code)


def _grant(answer: JSONObject, started: datetime, account: str) -> Grant:
    return Grant(
        access_token=text_field(answer, "access_token"),
        refresh_token=text_field(answer, "refresh_token"),
        expires_at=expiry(started, answer.get("expire_in")),
        account_id=account,
    )


def sign_shop_call(
    app: AppCredentials, path: str, timestamp: int, access_token: str, account_id: str
) -> JSONObject:
    """The common parameters of one Shop API call (B.1), signed for the desk."""
    if not path.startswith("/api/v2/") or any(c in path for c in "?#\r\n "):
        raise ValueError("path must be a Shopee API path such as /api/v2/order/get_order_list")
    if isinstance(timestamp, bool) or not isinstance(timestamp, int) or timestamp <= 0:
        raise ValueError("timestamp must be unix seconds")
    partner_id = _partner_id(app)
    shop_id = int(account_text(account_id))
    base_string = shop_base_string(partner_id, path, timestamp, access_token, shop_id)
    return {
        "partner_id": partner_id,
        "shop_id": shop_id,
        "access_token": access_token,
        "sign": hmac_hex(app.secret, base_string),
    }


def _create(context: OAuthContext) -> OAuthClient:
    return ShopeeOAuth(context)


OAUTH = OAuthPlugin(
    channel=CHANNEL,
    name=_NAME,
    env_client_id="KITCHEN_SHOPEE_PARTNER_ID",
    env_secret="KITCHEN_SHOPEE_PARTNER_KEY",
    create=_create,
    sign=sign_shop_call,
    lost=read_lost_pushes,
)
