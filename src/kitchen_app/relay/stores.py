"""Registering stores in a relay database: a name, a desk token (kept only as its sha256)
and the marketplace accounts whose webhooks belong to the store."""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

from kitchen_app.domain.errors import UserError
from kitchen_app.relay.backend import is_postgres_url
from kitchen_app.relay.eventlog import token_digest
from kitchen_app.relay.sqlite_log import connect, utc_now_iso
from kitchen_app.relay.store_rules import (
    account_taken,
    check_new_store,
    new_token,
    normalise_account_id,
    store_to_rotate,
)

__all__ = [
    "account_taken",
    "add_store",
    "check_new_store",
    "new_token",
    "normalise_account_id",
    "rotate_token",
    "store_to_rotate",
]

log = logging.getLogger(__name__)


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


def rotate_token(db_path: Path | str, store: str) -> tuple[str, str]:
    """Give the store named ``store`` (or with that id) a new desk token, revoking the old
    one in the same transaction; returns (store name, new token). A running relay stops
    accepting the old token at once (it reads tokens from the database per request)."""
    if isinstance(db_path, str) and is_postgres_url(db_path):
        from kitchen_app.relay.pg_stores import rotate_token_pg  # asyncpg only when used

        return rotate_token_pg(db_path, store)
    wanted = store.strip()
    if not wanted:
        raise UserError("the store name is empty")
    token = new_token()
    try:
        conn = connect(Path(db_path))
    except (sqlite3.Error, RuntimeError) as exc:
        raise UserError(f"cannot open relay database {db_path}: {exc}") from None
    try:
        conn.execute("BEGIN IMMEDIATE")
        try:
            rows = conn.execute("SELECT id, name FROM stores WHERE name = ?", (wanted,)).fetchall()
            if not rows and wanted.isascii() and wanted.isdigit() and len(wanted) < 19:
                rows = conn.execute(
                    "SELECT id, name FROM stores WHERE id = ?", (int(wanted),)
                ).fetchall()
            store_id, name = store_to_rotate(
                wanted, [(int(r[0]), str(r[1])) for r in rows], str(db_path)
            )
            conn.execute(
                "UPDATE stores SET token_sha256 = ? WHERE id = ?", (token_digest(token), store_id)
            )
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    finally:
        conn.close()
    log.info("rotated the desk token of store %r (id %s)", name, store_id)
    return name, token
