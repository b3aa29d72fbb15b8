"""The token custody on PostgreSQL, shared by several relay processes.

A refresh of one link is serialised across processes by a session advisory lock
(``pg_advisory_lock``) on a connection held for the whole refresh: the marker commit, the
call to the marketplace, the commit of the new pair. Whoever waited re-reads the row after
taking the lock and finds the new pair, so two processes refresh a link once. If the
holder dies, the server ends its session and the lock goes with it (a transaction-scoped
lock or ``FOR UPDATE`` would have to span the marketplace call and could not commit the
marker first)."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator
from typing import Any

import asyncpg

from kitchen_app.relay.backend import BackendUnavailable, redact_url
from kitchen_app.relay.custody_store import (
    EXPIRED,
    LINK_COLUMNS,
    LINKED,
    NewLink,
    StateVerdict,
    StoredLink,
    judge_state,
    link_from_row,
    store_id_in,
)
from kitchen_app.relay.pg_schema import connect_args, migrate

__all__ = ["PostgresLinkStore"]

log = logging.getLogger(__name__)

_FAULTS = (OSError, TimeoutError, asyncpg.PostgresConnectionError, asyncpg.InterfaceError)


class PostgresLinkStore:
    def __init__(self, url: str, pool: asyncpg.Pool) -> None:
        self.description = redact_url(url)
        self._pool = pool

    @classmethod
    async def open(cls, url: str, *, pool_size: int = 6) -> PostgresLinkStore:
        conn = await asyncpg.connect(url, timeout=10, **connect_args())
        try:
            await migrate(conn)
        finally:
            await conn.close()
        pool = await asyncpg.create_pool(
            url, min_size=1, max_size=pool_size, timeout=10, **connect_args()
        )
        return cls(url, pool)

    async def _fetch(self, sql: str, *args: object) -> list[Any]:
        try:
            return list(await self._pool.fetch(sql, *args))
        except _FAULTS as exc:
            raise BackendUnavailable(f"custody read failed: {type(exc).__name__}") from None

    async def _execute(self, sql: str, *args: object) -> None:
        try:
            await self._pool.execute(sql, *args)
        except _FAULTS as exc:
            raise BackendUnavailable(f"custody write failed: {type(exc).__name__}") from None

    async def get(self, store_id: int, channel: str) -> StoredLink | None:
        rows = await self._fetch(
            f"SELECT {LINK_COLUMNS} FROM oauth_links WHERE store_id = $1 AND channel = $2",
            store_id,
            channel,
        )
        return link_from_row(rows[0]) if rows else None

    async def links_of(self, store_id: int) -> list[StoredLink]:
        rows = await self._fetch(
            f"SELECT {LINK_COLUMNS} FROM oauth_links WHERE store_id = $1", store_id
        )
        return [link_from_row(r) for r in rows]

    async def linked(self) -> list[StoredLink]:
        rows = await self._fetch(f"SELECT {LINK_COLUMNS} FROM oauth_links WHERE state = $1", LINKED)
        return [link_from_row(r) for r in rows]

    @contextlib.asynccontextmanager
    async def refresh_lock(self, store_id: int, channel: str) -> AsyncIterator[None]:
        key = f"kitchen-relay-link:{store_id}:{channel}"
        try:
            conn = await self._pool.acquire()
        except _FAULTS as exc:
            raise BackendUnavailable(f"custody lock failed: {type(exc).__name__}") from None
        try:
            try:
                await conn.execute("SELECT pg_advisory_lock(hashtextextended($1, 0))", key)
            except _FAULTS as exc:
                raise BackendUnavailable(f"custody lock failed: {type(exc).__name__}") from None
            try:
                yield
            finally:
                with contextlib.suppress(*_FAULTS):
                    await conn.execute("SELECT pg_advisory_unlock(hashtextextended($1, 0))", key)
        finally:
            # (a connection that broke is dropped by the pool; its session's lock with it)
            await self._pool.release(conn)

    async def mark_refreshing(self, store_id: int, channel: str, at: str) -> None:
        await self._execute(
            "UPDATE oauth_links SET refresh_started_at = $1 WHERE store_id = $2 AND channel = $3",
            at,
            store_id,
            channel,
        )

    async def save_refreshed(self, store_id: int, channel: str, pair: NewLink) -> None:
        await self._execute(
            "UPDATE oauth_links SET access_token = $1, refresh_token = $2, expires_at = $3, "
            "refreshed_at = $4, refresh_started_at = NULL, generation = generation + 1 "
            "WHERE store_id = $5 AND channel = $6",
            pair.access_token,
            pair.refresh_token,
            pair.expires_at,
            pair.obtained_at,
            store_id,
            channel,
        )

    async def mark_expired(self, store_id: int, channel: str) -> None:
        await self._execute(
            "UPDATE oauth_links SET state = $1, refresh_started_at = NULL "
            "WHERE store_id = $2 AND channel = $3",
            EXPIRED,
            store_id,
            channel,
        )

    async def clear_marker(self, store_id: int, channel: str) -> None:
        await self._execute(
            "UPDATE oauth_links SET refresh_started_at = NULL WHERE store_id = $1 AND channel = $2",
            store_id,
            channel,
        )

    async def save_link(
        self, store_id: int, channel: str, account_id: str, pair: NewLink
    ) -> str | None:
        try:
            async with self._pool.acquire() as conn, conn.transaction():
                # the same lock as add-store: two links cannot take one account at once
                await conn.execute("LOCK TABLE store_accounts IN EXCLUSIVE MODE")
                row = await conn.fetchrow(
                    "SELECT s.id, s.name FROM store_accounts a JOIN stores s "
                    "ON s.id = a.store_id WHERE a.channel = $1 AND a.account_id = $2",
                    channel,
                    account_id,
                )
                if row is not None and int(row[0]) != store_id:
                    return str(row[1])
                if row is None:
                    await conn.execute(
                        "INSERT INTO store_accounts (channel, account_id, store_id) "
                        "VALUES ($1, $2, $3)",
                        channel,
                        account_id,
                        store_id,
                    )
                await conn.execute(
                    "INSERT INTO oauth_links (store_id, channel, account_id, access_token, "
                    "refresh_token, expires_at, refreshed_at, state) "
                    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8) "
                    "ON CONFLICT (store_id, channel) DO UPDATE SET "
                    "account_id = excluded.account_id, access_token = excluded.access_token, "
                    "refresh_token = excluded.refresh_token, expires_at = excluded.expires_at, "
                    "refreshed_at = excluded.refreshed_at, state = excluded.state, "
                    "refresh_started_at = NULL, generation = oauth_links.generation + 1",
                    store_id,
                    channel,
                    account_id,
                    pair.access_token,
                    pair.refresh_token,
                    pair.expires_at,
                    pair.obtained_at,
                    LINKED,
                )
        except _FAULTS as exc:
            raise BackendUnavailable(f"custody write failed: {type(exc).__name__}") from None
        return None

    async def add_state(
        self, state: str, store_id: int, channel: str, expires_at: str, forget_before: str
    ) -> None:
        try:
            async with self._pool.acquire() as conn, conn.transaction():
                await conn.execute("DELETE FROM oauth_states WHERE expires_at < $1", forget_before)
                await conn.execute(
                    "INSERT INTO oauth_states (state, store_id, channel, expires_at) "
                    "VALUES ($1, $2, $3, $4)",
                    state,
                    store_id,
                    channel,
                    expires_at,
                )
        except _FAULTS as exc:
            raise BackendUnavailable(f"custody write failed: {type(exc).__name__}") from None

    async def use_state(
        self, state: str, channel: str, now: str
    ) -> tuple[StateVerdict, int | None]:
        try:
            async with self._pool.acquire() as conn, conn.transaction():
                row = await conn.fetchrow(
                    "SELECT store_id, channel, expires_at, used_at FROM oauth_states "
                    "WHERE state = $1 FOR UPDATE",
                    state,
                )
                verdict = judge_state(row, channel, now)
                if verdict[0] is StateVerdict.OK:
                    await conn.execute(
                        "UPDATE oauth_states SET used_at = $1 WHERE state = $2", now, state
                    )
                return verdict
        except _FAULTS as exc:
            raise BackendUnavailable(f"custody write failed: {type(exc).__name__}") from None

    async def find_store(self, name_or_id: str) -> list[tuple[int, str]]:
        rows = await self._fetch("SELECT id, name FROM stores WHERE name = $1", name_or_id)
        if not rows and (store_id := store_id_in(name_or_id)) is not None:
            rows = await self._fetch("SELECT id, name FROM stores WHERE id = $1", store_id)
        return [(int(r[0]), str(r[1])) for r in rows]

    async def settings(self) -> dict[str, str]:
        rows = await self._fetch("SELECT name, value FROM relay_settings")
        return {str(r[0]): str(r[1]) for r in rows}

    async def save_settings(self, values: dict[str, str | None]) -> None:
        try:
            async with self._pool.acquire() as conn, conn.transaction():
                for name, value in values.items():
                    if value is None:
                        await conn.execute("DELETE FROM relay_settings WHERE name = $1", name)
                    else:
                        await conn.execute(
                            "INSERT INTO relay_settings (name, value) VALUES ($1, $2) "
                            "ON CONFLICT (name) DO UPDATE SET value = excluded.value",
                            name,
                            value,
                        )
        except _FAULTS as exc:
            raise BackendUnavailable(f"custody write failed: {type(exc).__name__}") from None

    async def close(self) -> None:
        await self._pool.close()
