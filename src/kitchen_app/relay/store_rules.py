"""The rules every relay backend shares for its stores: account ids, desk tokens, the checks
before a store is added or its token rotated (answers are UserError, one line for the CLI).
Both the SQLite (stores.py) and the PostgreSQL (pg_stores.py) registries use them."""

from __future__ import annotations

import secrets

from kitchen_app.channels.webhook_reading import account_id as normalise_account_id
from kitchen_app.domain.errors import UserError
from kitchen_app.relay.marketplaces import ACCOUNT_LABELS, ACCOUNT_OPTIONS

__all__ = [
    "account_taken",
    "check_new_store",
    "new_token",
    "normalise_account_id",
    "store_to_rotate",
]


def new_token() -> str:
    return "kd_" + secrets.token_urlsafe(32)


def account_taken(channel: str, account: str, owner: str) -> UserError:
    return UserError(f"{ACCOUNT_LABELS[channel]} {account} already belongs to store {owner!r}")


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
    # ACCOUNT_OPTIONS lists the channels in the order of this function's parameters
    given = (mp_user_id, ml_seller_id, shopee_shop_id)
    wanted = dict(zip(ACCOUNT_OPTIONS, given, strict=True))
    accounts: dict[str, str] = {}
    for channel, raw in wanted.items():
        if raw is None:
            continue
        account = normalise_account_id(raw)
        if account is None:
            raise UserError(f"{ACCOUNT_LABELS[channel]} must be a positive integer: {raw!r}")
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
