"""Registering stores in a relay database: a name, a desk token (kept only as its sha256)
and the marketplace accounts whose webhooks belong to the store."""

from __future__ import annotations

import logging
import secrets
import sqlite3
from pathlib import Path

from kitchen_app.errors import UserError
from kitchen_app.relay.backend import is_postgres_url
from kitchen_app.relay.eventlog import token_digest
from kitchen_app.relay.sqlite_log import connect, utc_now_iso
from kitchen_app.relay_protocol import CHANNEL_MERCADOLIBRE, CHANNEL_MP_DELIVERY, CHANNEL_SHOPEE

__all__ = ["account_taken", "add_store", "check_new_store", "new_token", "normalise_account_id"]

log = logging.getLogger(__name__)

_ACCOUNT_LABELS = {
    CHANNEL_MP_DELIVERY: "Mercado Pago user id",
    CHANNEL_MERCADOLIBRE: "Mercado Libre seller id",
    CHANNEL_SHOPEE: "Shopee shop id",
}


def new_token() -> str:
    return "kd_" + secrets.token_urlsafe(32)


def normalise_account_id(value: object) -> str | None:
    """Marketplace account ids are positive integers (JSON numbers or digit strings);
    returns their canonical text, or None when the value is not one."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return str(value) if value > 0 else None
    if isinstance(value, str):
        text = value.strip()
        if text.isascii() and text.isdigit() and int(text) > 0:
            return str(int(text))
    return None


def add_store(
    db_path: Path | str,
    name: str,
    *,
    mp_user_id: str | int | None = None,
    ml_seller_id: str | int | None = None,
    shopee_shop_id: str | int | None = None,
) -> str:
    """Register a store and return its new desk token (shown once, stored hashed).
    ``db_path``: the SQLite file, or a ``postgresql://`` URL (a str).

    Raises UserError, writing nothing, when the name is empty, an id is not a positive
    integer or an account already belongs to another store.
    """
    if isinstance(db_path, str) and is_postgres_url(db_path):
        from kitchen_app.relay.pg_stores import add_store_pg  # asyncpg only when used

        ids = {"mp_user_id": mp_user_id, "ml_seller_id": ml_seller_id}
        return add_store_pg(db_path, name, shopee_shop_id=shopee_shop_id, **ids)
    name, accounts = check_new_store(name, mp_user_id, ml_seller_id, shopee_shop_id)
    token = new_token()
    try:
        conn = connect(Path(db_path))
    except (sqlite3.Error, RuntimeError) as exc:
        raise UserError(f"cannot open relay database {db_path}: {exc}") from None
    try:
        conn.execute("BEGIN IMMEDIATE")
        try:
            for channel, account in accounts.items():
                row = conn.execute(
                    "SELECT s.name FROM store_accounts a JOIN stores s ON s.id = a.store_id "
                    "WHERE a.channel = ? AND a.account_id = ?",
                    (channel, account),
                ).fetchone()
                if row is not None:
                    raise account_taken(channel, account, row[0])
            cur = conn.execute(
                "INSERT INTO stores (name, token_sha256, created_at) VALUES (?, ?, ?)",
                (name, token_digest(token), utc_now_iso()),
            )
            store_id = cur.lastrowid
            conn.executemany(
                "INSERT INTO store_accounts (channel, account_id, store_id) VALUES (?, ?, ?)",
                [(channel, account, store_id) for channel, account in accounts.items()],
            )
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    finally:
        conn.close()
    log.info("registered store %r (id %s) for %s", name, store_id, sorted(accounts))
    return token


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
    if not accounts:
        # A store with no marketplace account would never receive an event.
        raise UserError("give at least one of --mp-user-id, --ml-seller-id, --shopee-shop-id")
    return name, accounts
