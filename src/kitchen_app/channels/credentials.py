"""Secrets from the desk's own settings: the access token pasted in the settings page, and
the partner key a signing marketplace (Shopee) needs. The relay's token custody is the other
``Credentials`` (``relay_credentials.py``); plug-ins never read secrets otherwise."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping

from kitchen_app.domain.settings import SettingValue

from .base import SignedCall
from .errors import AuthError

__all__ = ["SettingsCredentials"]


class SettingsCredentials:
    def __init__(self, settings: Mapping[str, SettingValue]) -> None:
        token = settings.get("access_token", "")
        key = settings.get("partner_key", "")
        self._token = token.strip() if isinstance(token, str) else ""
        self._partner_key = key.strip() if isinstance(key, str) else ""

    def __repr__(self) -> str:  # never a secret
        return f"{type(self).__name__}(…)"

    async def access_token(self) -> str:
        if not self._token:
            raise AuthError("no access token is configured", code="no_token")
        return self._token

    async def rejected(self) -> None:
        """A pasted token cannot be refreshed here: the caller shows "link expired"."""
        raise AuthError("the access token was refused: paste a new one in the settings")

    async def account(self) -> str | None:
        return None  # the plug-in's settings hold the account ids of a pasted setup

    async def sign(self, base_string: str) -> str:
        if not self._partner_key:
            raise AuthError("no partner key is configured")
        digest = hmac.new(self._partner_key.encode(), base_string.encode(), hashlib.sha256)
        return digest.hexdigest()

    async def sign_call(
        self, api_path: str, timestamp: int, partner_id: int, shop_id: int
    ) -> SignedCall:
        if partner_id <= 0 or shop_id <= 0:
            raise AuthError("the partner id or shop id is not set")
        token = self._token  # an empty one is Shopee's to refuse, in its own words
        sign = await self.sign(f"{partner_id}{api_path}{timestamp}{token}{shop_id}")
        return SignedCall(partner_id, shop_id, token, sign)
