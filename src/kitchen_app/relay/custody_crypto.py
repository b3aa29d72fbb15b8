"""Tokens encrypted at rest: Fernet (AES-128-CBC + HMAC-SHA256, from ``cryptography``) with
the key in KITCHEN_TOKEN_KEY. A copy of the database alone gives no store's tokens.

Make a key with ``python -c "from cryptography.fernet import Fernet;
print(Fernet.generate_key().decode())"`` (docs/relay.md, "Store linking")."""

from __future__ import annotations

import logging
from collections.abc import Mapping

from cryptography.fernet import Fernet, InvalidToken

__all__ = ["ENV_TOKEN_KEY", "TokenBox", "TokenUnreadable", "token_box_from_env"]

log = logging.getLogger(__name__)

ENV_TOKEN_KEY = "KITCHEN_TOKEN_KEY"


class TokenUnreadable(RuntimeError):
    """A stored token does not open with this key (the key was changed or the row damaged)."""


class TokenBox:
    def __init__(self, key: str) -> None:
        try:
            self._fernet = Fernet(key.strip().encode())
        except (ValueError, TypeError):
            raise ValueError(
                f"{ENV_TOKEN_KEY} is not a Fernet key (32 url-safe base64-encoded bytes); "
                "docs/relay.md says how to make one"
            ) from None

    def __repr__(self) -> str:  # the key never reaches a log
        return "TokenBox(…)"

    def seal(self, secret: str) -> str:
        return self._fernet.encrypt(secret.encode()).decode()

    def open(self, sealed: str) -> str:
        try:
            return self._fernet.decrypt(sealed.encode()).decode()
        except InvalidToken:
            raise TokenUnreadable(
                f"a stored token does not open with {ENV_TOKEN_KEY}: was the key changed?"
            ) from None


def token_box_from_env(environ: Mapping[str, str]) -> TokenBox | None:
    """The box for KITCHEN_TOKEN_KEY; None when it is not set; ValueError for a bad key."""
    key = environ.get(ENV_TOKEN_KEY, "").strip()
    return TokenBox(key) if key else None
