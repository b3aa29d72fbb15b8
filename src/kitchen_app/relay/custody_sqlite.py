"""The token custody on the relay's SQLite file: one connection on the event loop's thread
(short local statements, like the event log's; see hub.py), refreshes serialised by an
asyncio lock per link (one relay process owns a SQLite file)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sqlite3
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

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
from kitchen_app.relay.sqlite_log import connect

__all__ = ["SQLiteLinkStore"]

log = logging.getLogger(__name__)


class SQLiteLinkStore:
    def __init__(self, path: Path, *, busy_timeout: float = 5.0) -> None:
        self.description = str(path)
        self._conn = connect(path, busy_timeout)
        self._locks: dict[tuple[int, str], asyncio.Lock] = {}

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        conn = self._conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    async def get(self, store_id: int, channel: str) -> StoredLink | None:
        row = self._conn.execute(
            f"SELECT {LINK_COLUMNS} FROM oauth_links WHERE store_id = ? AND channel = ?",
            (store_id, channel),
        ).fetchone()
        return None if row is None else link_from_row(row)

    async def links_of(self, store_id: int) -> list[StoredLink]:
        rows = self._conn.execute(
            f"SELECT {LINK_COLUMNS} FROM oauth_links WHERE store_id = ?", (store_id,)
        ).fetchall()
        return [link_from_row(r) for r in rows]

    async def linked(self) -> list[StoredLink]:
        rows = self._conn.execute(
            f"SELECT {LINK_COLUMNS} FROM oauth_links WHERE state = ?", (LINKED,)
        ).fetchall()
        return [link_from_row(r) for r in rows]

    @contextlib.asynccontextmanager
    async def refresh_lock(self, store_id: int, channel: str) -> AsyncIterator[None]:
        lock = self._locks.setdefault((store_id, channel), asyncio.Lock())
        async with lock:
            yield

    async def mark_refreshing(self, store_id: int, channel: str, at: str) -> None:
        with self._transaction() as conn:
            conn.execute(
                "UPDATE oauth_links SET refresh_started_at = ? WHERE store_id = ? AND channel = ?",
                (at, store_id, channel),
            )

    async def save_refreshed(self, store_id: int, channel: str, pair: NewLink) -> None:
        with self._transaction() as conn:
            conn.execute(
                "UPDATE oauth_links SET access_token = ?, refresh_token = ?, expires_at = ?, "
                "refreshed_at = ?, refresh_started_at = NULL, generation = generation + 1 "
                "WHERE store_id = ? AND channel = ?",
                (
                    pair.access_token,
                    pair.refresh_token,
                    pair.expires_at,
                    pair.obtained_at,
                    store_id,
                    channel,
                ),
            )

    async def mark_expired(self, store_id: int, channel: str) -> None:
        with self._transaction() as conn:
            conn.execute(
                "UPDATE oauth_links SET state = ?, refresh_started_at = NULL "
                "WHERE store_id = ? AND channel = ?",
                (EXPIRED, store_id, channel),
            )

    async def clear_marker(self, store_id: int, channel: str) -> None:
        with self._transaction() as conn:
            conn.execute(
                "UPDATE oauth_links SET refresh_started_at = NULL "
                "WHERE store_id = ? AND channel = ?",
                (store_id, channel),
            )

    async def save_link(
        self, store_id: int, channel: str, account_id: str, pair: NewLink
    ) -> str | None:
        with self._transaction() as conn:
            row = conn.execute(
                "SELECT s.id, s.name FROM store_accounts a JOIN stores s ON s.id = a.store_id "
                "WHERE a.channel = ? AND a.account_id = ?",
                (channel, account_id),
            ).fetchone()
            if row is not None and int(row[0]) != store_id:
                return str(row[1])
            if row is None:
                conn.execute(
                    "INSERT INTO store_accounts (channel, account_id, store_id) VALUES (?, ?, ?)",
                    (channel, account_id, store_id),
                )
            conn.execute(
                "INSERT INTO oauth_links (store_id, channel, account_id, access_token, "
                "refresh_token, expires_at, refreshed_at, state) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (store_id, channel) DO UPDATE SET account_id = excluded.account_id, "
                "access_token = excluded.access_token, refresh_token = excluded.refresh_token, "
                "expires_at = excluded.expires_at, refreshed_at = excluded.refreshed_at, "
                "state = excluded.state, refresh_started_at = NULL, "
                "generation = oauth_links.generation + 1",
                (
                    store_id,
                    channel,
                    account_id,
                    pair.access_token,
                    pair.refresh_token,
                    pair.expires_at,
                    pair.obtained_at,
                    LINKED,
                ),
            )
        return None

    async def add_state(
        self, state: str, store_id: int, channel: str, expires_at: str, forget_before: str
    ) -> None:
        with self._transaction() as conn:
            conn.execute("DELETE FROM oauth_states WHERE expires_at < ?", (forget_before,))
            conn.execute(
                "INSERT INTO oauth_states (state, store_id, channel, expires_at) "
                "VALUES (?, ?, ?, ?)",
                (state, store_id, channel, expires_at),
            )

    async def use_state(
        self, state: str, channel: str, now: str
    ) -> tuple[StateVerdict, int | None]:
        with self._transaction() as conn:
            row = conn.execute(
                "SELECT store_id, channel, expires_at, used_at FROM oauth_states WHERE state = ?",
                (state,),
            ).fetchone()
            verdict = judge_state(row, channel, now)
            if verdict[0] is StateVerdict.OK:
                conn.execute("UPDATE oauth_states SET used_at = ? WHERE state = ?", (now, state))
            return verdict

    async def find_store(self, name_or_id: str) -> list[tuple[int, str]]:
        rows = self._conn.execute(
            "SELECT id, name FROM stores WHERE name = ?", (name_or_id,)
        ).fetchall()
        if not rows and (store_id := store_id_in(name_or_id)) is not None:
            rows = self._conn.execute(
                "SELECT id, name FROM stores WHERE id = ?", (store_id,)
            ).fetchall()
        return [(int(r[0]), str(r[1])) for r in rows]

    async def settings(self) -> dict[str, str]:
        rows = self._conn.execute("SELECT name, value FROM relay_settings").fetchall()
        return {str(r[0]): str(r[1]) for r in rows}

    async def save_settings(self, values: dict[str, str | None]) -> None:
        with self._transaction() as conn:
            for name, value in values.items():
                if value is None:
                    conn.execute("DELETE FROM relay_settings WHERE name = ?", (name,))
                else:
                    conn.execute(
                        "INSERT INTO relay_settings (name, value) VALUES (?, ?) "
                        "ON CONFLICT (name) DO UPDATE SET value = excluded.value",
                        (name, value),
                    )

    async def close(self) -> None:
        self._conn.close()
