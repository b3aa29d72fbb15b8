"""Registering stores in a PostgreSQL relay database (``relay add-store --database-url``):
the same rules as the SQLite file (stores.py), in one transaction."""

from __future__ import annotations

import asyncio
import logging

import asyncpg

from kitchen_app.domain.errors import UserError
from kitchen_app.relay.backend import redact_url
from kitchen_app.relay.eventlog import token_digest
from kitchen_app.relay.pg_schema import connect_args, migrate
from kitchen_app.relay.sqlite_log import utc_now_iso
from kitchen_app.relay.store_rules import (
    account_taken,
    check_new_store,
    new_token,
    store_to_rotate,
)

__all__ = ["add_store_pg", "check_database", "rotate_token_pg"]

log = logging.getLogger(__name__)

_CONNECT_ERRORS = (OSError, TimeoutError, asyncpg.PostgresError, asyncpg.InterfaceError)


async def _connect(url: str) -> asyncpg.Connection:
    try:
        conn = await asyncpg.connect(url, timeout=10, **connect_args())
    except _CONNECT_ERRORS as exc:
        raise UserError(f"cannot open relay database {redact_url(url)}: {exc}") from None
    except ValueError as exc:  # a URL asyncpg cannot read
        raise UserError(f"not a usable PostgreSQL URL {redact_url(url)}: {exc}") from None
    try:
        await migrate(conn)
    except (RuntimeError, *_CONNECT_ERRORS) as exc:
        await conn.close()
        raise UserError(f"cannot use relay database {redact_url(url)}: {exc}") from None
    return conn


def check_database(url: str) -> None:
    """Connect, create or migrate the schema; UserError (one line) when that fails."""

    async def run() -> None:
        conn = await _connect(url)
        await conn.close()

    asyncio.run(run())


def add_store_pg(url: str, name: str, **accounts_given: str | int | None) -> str:
    name, accounts = check_new_store(
        name,
        accounts_given.get("mp_user_id"),
        accounts_given.get("ml_seller_id"),
        accounts_given.get("shopee_shop_id"),
    )
    token = new_token()

    async def run() -> int:
        conn = await _connect(url)
        try:
            async with conn.transaction():
                # one registration at a time, so two runs cannot take the same account
                await conn.execute("LOCK TABLE store_accounts IN EXCLUSIVE MODE")
                for channel, account in accounts.items():
                    owner = await conn.fetchval(
                        "SELECT s.name FROM store_accounts a JOIN stores s ON s.id = a.store_id "
                        "WHERE a.channel = $1 AND a.account_id = $2",
                        channel,
                        account,
                    )
                    if owner is not None:
                        raise account_taken(channel, account, owner)
                store_id: int = await conn.fetchval(
                    "INSERT INTO stores (name, token_sha256, created_at) VALUES ($1, $2, $3) "
                    "RETURNING id",
                    name,
                    token_digest(token),
                    utc_now_iso(),
                )
                await conn.executemany(
                    "INSERT INTO store_accounts (channel, account_id, store_id) "
                    "VALUES ($1, $2, $3)",
                    [(channel, account, store_id) for channel, account in accounts.items()],
                )
            return store_id
        finally:
            await conn.close()

    store_id = asyncio.run(run())
    log.info("registered store %r (id %s) for %s", name, store_id, sorted(accounts))
    return token


def rotate_token_pg(url: str, store: str) -> tuple[str, str]:
    """``relay rotate-token --database-url``: the same rules as on the SQLite file
    (stores.rotate_token), in one transaction; every relay process sharing the database
    stops accepting the old token at once (tokens are read per request)."""
    wanted = store.strip()
    if not wanted:
        raise UserError("the store name is empty")
    token = new_token()

    async def run() -> tuple[int, str]:
        conn = await _connect(url)
        try:
            async with conn.transaction():
                rows = await conn.fetch(
                    "SELECT id, name FROM stores WHERE name = $1 FOR UPDATE", wanted
                )
                if not rows and wanted.isascii() and wanted.isdigit() and len(wanted) < 19:
                    rows = await conn.fetch(
                        "SELECT id, name FROM stores WHERE id = $1 FOR UPDATE", int(wanted)
                    )
                store_id, name = store_to_rotate(
                    wanted, [(int(r[0]), str(r[1])) for r in rows], redact_url(url)
                )
                await conn.execute(
                    "UPDATE stores SET token_sha256 = $1 WHERE id = $2",
                    token_digest(token),
                    store_id,
                )
            return store_id, name
        finally:
            await conn.close()

    store_id, name = asyncio.run(run())
    log.info("rotated the desk token of store %r (id %s)", name, store_id)
    return name, token
