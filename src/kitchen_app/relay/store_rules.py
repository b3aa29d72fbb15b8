"""The rules every relay backend shares for its stores: account ids, desk tokens, the checks
before a store is added or its token rotated (answers are UserError, one line for the CLI).
Both the SQLite (stores.py) and the PostgreSQL (pg_stores.py) registries use them."""

from __future__ import annotations

import secrets

from kitchen_app.domain.errors import UserError
from kitchen_app.relay.marketplaces import CHANNEL_MERCADOLIBRE, CHANNEL_MP_DELIVERY, CHANNEL_SHOPEE

__all__ = [
    "account_taken",
    "check_new_store",
    "new_token",
    "normalise_account_id",
    "store_to_rotate",
]

_ACCOUNT_LABELS = {
    CHANNEL_MP_DELIVERY: "Mercado Pago user id",
    CHANNEL_MERCADOLIBRE: "Mercado Libre seller id",
    CHANNEL_SHOPEE: "Shopee shop id",
}


# Marketplace account ids are at most 19 digits (64-bit); a leading-zero form may be longer.
_MAX_ACCOUNT_ID = 2**63
_MAX_ACCOUNT_DIGITS = 40


def new_token() -> str:
    return "kd_" + secrets.token_urlsafe(32)


def normalise_account_id(value: object) -> str | None:
    """Marketplace account ids are positive integers (JSON numbers or digit strings);
    returns their canonical text, or None when the value is not one."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return str(value) if 0 < value < _MAX_ACCOUNT_ID else None
    if isinstance(value, str):
        text = value.strip()
        # length first: int() of thousands of digits raises (and costs) before any compare
        if len(text) <= _MAX_ACCOUNT_DIGITS and text.isascii() and text.isdigit():
            number = int(text)
            if 0 < number < _MAX_ACCOUNT_ID:
                return str(number)
    return None


def account_taken(channel: str, account: str, owner: str) -> UserError:
    return UserError(f"{_ACCOUNT_LABELS[channel]} {account} already belongs to store {owner!r}")


def check_new_store(
    name: str,
    mp_user_id: str | int | None,
    ml_seller_id: str | int | None,
    shopee_shop_id: str | int | None,
) -> tuple[str, dict[str, str]]:
    """The store's name and {channel: account id}, or UserError (any backend)."""
    name = name.strip()
    if not name:
        raise UserError("the store name is empty")
    wanted = {
        CHANNEL_MP_DELIVERY: mp_user_id,
        CHANNEL_MERCADOLIBRE: ml_seller_id,
        CHANNEL_SHOPEE: shopee_shop_id,
    }
    accounts: dict[str, str] = {}
    for channel, raw in wanted.items():
        if raw is None:
            continue
        account = normalise_account_id(raw)
        if account is None:
            raise UserError(f"{_ACCOUNT_LABELS[channel]} must be a positive integer: {raw!r}")
        accounts[channel] = account
    # No account is fine: a store that links its marketplaces (`relay link-store`, the desk's
    # Link buttons) gets each linked account's events from the OAuth callback.
    return name, accounts


def store_to_rotate(wanted: str, rows: list[tuple[int, str]], where: str) -> tuple[int, str]:
    """The one store (id, name) ``rotate-token`` found by name (or by id), or UserError
    (any backend)."""
    if not rows:
        raise UserError(f"no store named {wanted!r} in {where}")
    if len(rows) > 1:
        ids = ", ".join(str(r[0]) for r in rows)
        raise UserError(f"several stores are named {wanted!r} (ids {ids}); give the id")
    return rows[0]
