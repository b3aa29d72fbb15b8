"""Secrets from the desk's own settings: the access token pasted in the settings page, and
the partner key a signing marketplace (Shopee) needs. The relay's token custody will be a
second ``Credentials`` (it refreshes before expiry); plug-ins never read secrets otherwise."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping

from kitchen_app.domain.settings import SettingValue

from .errors import AuthError

__all__ = ["SettingsCredentials"]


class SettingsCredentials:
    def __init__(self, settings: Mapping[str, SettingValue]) -> None:
        token = settings.get("access_token", "")
        key = settings.get("partner_key", "")
        self._token = token.strip() if isinstance(token, str) else ""
        self._partner_key = key.strip() if isinstance(key, str) else ""

    def __repr__(self) -> str:  # never a secret
        return "SettingsCredentials(…)"

    async def access_token(self) -> str:
        if not self._token:
            raise AuthError("no access token is configured")
        return self._token

    async def rejected(self) -> None:
        """A pasted token cannot be refreshed here: the caller shows "link expired"."""
        raise AuthError("the access token was refused: paste a new one in the settings")

    async def sign(self, base_string: str) -> str:
        if not self._partner_key:
            raise AuthError("no partner key is configured")
        digest = hmac.new(self._partner_key.encode(), base_string.encode(), hashlib.sha256)
        return digest.hexdigest()
