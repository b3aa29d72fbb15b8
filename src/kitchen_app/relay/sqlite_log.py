"""The SQLite event log: one file, WAL, ``synchronous=FULL`` so a commit survives a crash or
a power cut, ids from AUTOINCREMENT so a pruned id is never handed out again (desk cursors
stay meaningful)."""

from __future__ import annotations

import hmac
import logging
import sqlite3
import time
from collections.abc import Sequence
from pathlib import Path

from kitchen_app.relay.custody_schema import CUSTODY_SQLITE
from kitchen_app.relay.eventlog import AppendResult, IncomingEvent, StoredEvent, StoreInfo

__all__ = ["SCHEMA_VERSION", "SQLiteEventLog", "connect", "utc_now_iso"]

log = logging.getLogger(__name__)

SCHEMA_VERSION = 3

# Version 2: each event says whether its signature was verified; verified signatures' request
# ids are remembered with their body's fingerprint, so a captured signature cannot carry
# another body (kept as long as events are).
_V2 = """
CREATE TABLE IF NOT EXISTS signed_requests (
    request_key TEXT PRIMARY KEY,
    fingerprint TEXT NOT NULL,
    seen_at TEXT NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS signed_requests_by_time ON signed_requests (seen_at);
"""
_V1_TO_V2 = "ALTER TABLE events ADD COLUMN verified INTEGER NOT NULL DEFAULT 0;" + _V2

# Version 3: store linking and token custody (custody_schema.py, the same on PostgreSQL).
_V3 = CUSTODY_SQLITE

_SCHEMA = (
    """
CREATE TABLE IF NOT EXISTS stores (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    token_sha256 TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    pruned_through INTEGER NOT NULL DEFAULT 0
) STRICT;
-- which marketplace account belongs to which store: (channel, account id) is unique, so
-- one account can never feed two stores.
CREATE TABLE IF NOT EXISTS store_accounts (
    channel TEXT NOT NULL,
    account_id TEXT NOT NULL,
    store_id INTEGER NOT NULL REFERENCES stores(id),
    PRIMARY KEY (channel, account_id)
) STRICT, WITHOUT ROWID;
-- store_id NULL: no store had the account when the webhook came (kept for diagnostics).
CREATE TABLE IF NOT EXISTS events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    store_id INTEGER,
    channel TEXT NOT NULL,
    topic TEXT NOT NULL,
    resource TEXT NOT NULL,
    account_id TEXT NOT NULL,
    received_at TEXT NOT NULL,
    payload TEXT NOT NULL,
    dedupe_id TEXT UNIQUE,
    dedupe_content TEXT UNIQUE,
    verified INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX IF NOT EXISTS events_by_store ON events (store_id, id);
CREATE INDEX IF NOT EXISTS events_by_time ON events (received_at);
CREATE TABLE IF NOT EXISTS health (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    probed_at TEXT NOT NULL
) STRICT;
"""
    + _V2
    + _V3
)


# (whole second, its "YYYY-MM-DDTHH:MM:SS" text): every webhook is stamped, and formatting
# the date part once a second instead of each time is a measurable share of the hot path.
_second_text: tuple[int, str] = (-1, "")


def utc_now_iso() -> str:
    """Fixed-width UTC timestamps, so text order is time order (retention relies on it):
    the same text as ``datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")``."""
    global _second_text
    second, nanos = divmod(time.time_ns(), 1_000_000_000)
    cached_second, text = _second_text
    if second != cached_second:
        text = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(second))
        _second_text = (second, text)
    return f"{text}.{nanos // 1000:06d}Z"


def connect(path: Path, busy_timeout: float = 10.0) -> sqlite3.Connection:
    """Open (creating if needed) a relay database with the durable settings."""
    conn = sqlite3.connect(path, isolation_level=None, timeout=busy_timeout)
    conn.execute("PRAGMA journal_mode=WAL")
    # FULL: in WAL mode NORMAL may lose the last commits on power loss; we ACK after commit.
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("PRAGMA foreign_keys=ON")
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        conn.close()
        raise RuntimeError(f"{path} was written by a newer relay (schema {version})")
    if version < SCHEMA_VERSION:
        conn.execute("BEGIN IMMEDIATE")
        # re-read under the write lock: another process may have just created it
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        script = {0: _SCHEMA, 1: _V1_TO_V2 + _V3, 2: _V3}.get(version, "")
        for statement in script.split(";"):
            if statement.strip():
                conn.execute(statement)
        conn.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
        conn.execute("COMMIT")
    return conn


class SQLiteEventLog:
    """One connection, used on the thread that opened it."""

    def __init__(self, path: Path, *, busy_timeout: float = 10.0) -> None:
        self.path = path
        self._conn = connect(path, busy_timeout)

    def append(self, events: Sequence[IncomingEvent]) -> list[AppendResult]:
        conn = self._conn
        results: list[AppendResult] = []
        routes: dict[tuple[str, str], int | None] = {}
        conn.execute("BEGIN IMMEDIATE")
        try:
            for ev in events:
                key = (ev.channel, ev.account_id)
                if key not in routes:
                    row = conn.execute(
                        "SELECT store_id FROM store_accounts WHERE channel = ? AND account_id = ?",
                        key,
                    ).fetchone()
                    routes[key] = None if row is None else int(row[0])
                store_id = routes[key]
                if ev.request_key is not None and self._replayed(ev):
                    results.append(AppendResult(0, store_id, duplicate=False, replayed=True))
                    continue
                cur = conn.execute(
                    "INSERT OR IGNORE INTO events (store_id, channel, topic, resource, "
                    "account_id, received_at, payload, dedupe_id, dedupe_content, verified) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        store_id,
                        ev.channel,
                        ev.topic,
                        ev.resource,
                        ev.account_id,
                        ev.received_at,
                        ev.payload_json,
                        ev.dedupe_id,
                        ev.dedupe_content,
                        int(ev.verified),
                    ),
                )
                if cur.rowcount == 1:
                    assert cur.lastrowid is not None
                    results.append(AppendResult(cur.lastrowid, store_id, duplicate=False))
                else:
                    results.append(self._existing(ev))
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        return results

    def _replayed(self, ev: IncomingEvent) -> bool:
        """Remember a verified signature's request id with its body; True when the id was
        seen before with another body (inside the caller's transaction)."""
        cur = self._conn.execute(
            "INSERT OR IGNORE INTO signed_requests (request_key, fingerprint, seen_at) "
            "VALUES (?, ?, ?)",
            (ev.request_key, ev.fingerprint, ev.received_at),
        )
        if cur.rowcount == 1:
            return False
        row = self._conn.execute(
            "SELECT fingerprint FROM signed_requests WHERE request_key = ?", (ev.request_key,)
        ).fetchone()
        return row is not None and row[0] != ev.fingerprint

    def _existing(self, ev: IncomingEvent) -> AppendResult:
        row = self._conn.execute(
            "SELECT id, store_id FROM events WHERE dedupe_id = ? OR dedupe_content = ?",
            (ev.dedupe_id, ev.dedupe_content),
        ).fetchone()
        return AppendResult(int(row[0]), row[1], duplicate=True)

    def read(self, store_id: int, after: int, limit: int) -> list[StoredEvent]:
        rows = self._conn.execute(
            "SELECT id, channel, topic, resource, received_at, payload, verified FROM events "
            "WHERE store_id = ? AND id > ? ORDER BY id LIMIT ?",
            (store_id, after, limit),
        ).fetchall()
        return [StoredEvent(r[0], r[1], r[2], r[3], r[4], r[5], bool(r[6])) for r in rows]

    def store_for_token(self, digest: str) -> StoreInfo | None:
        row = self._conn.execute(
            "SELECT id, name, token_sha256 FROM stores WHERE token_sha256 = ?", (digest,)
        ).fetchone()
        # the index found it; the constant-time compare is what decides
        if row is None or not hmac.compare_digest(str(row[2]), digest):
            return None
        return StoreInfo(int(row[0]), str(row[1]))

    def store_for_account(self, channel: str, account_id: str) -> int | None:
        row = self._conn.execute(
            "SELECT store_id FROM store_accounts WHERE channel = ? AND account_id = ?",
            (channel, account_id),
        ).fetchone()
        return None if row is None else int(row[0])

    def latest_ids(self) -> dict[int, int]:
        rows = self._conn.execute(
            "SELECT store_id, MAX(id) FROM events WHERE store_id IS NOT NULL GROUP BY store_id"
        ).fetchall()
        return {int(s): int(i) for s, i in rows}

    def pruned_through(self) -> dict[int, int]:
        rows = self._conn.execute(
            "SELECT id, pruned_through FROM stores WHERE pruned_through > 0"
        ).fetchall()
        return {int(s): int(p) for s, p in rows}

    def last_received_at(self, store_id: int) -> str | None:
        row = self._conn.execute(
            "SELECT received_at FROM events WHERE store_id = ? ORDER BY id DESC LIMIT 1",
            (store_id,),
        ).fetchone()
        return None if row is None else str(row[0])

    def count_after(self, store_id: int, after: int) -> int:
        row = self._conn.execute(
            "SELECT COUNT(*) FROM events WHERE store_id = ? AND id > ?", (store_id, after)
        ).fetchone()
        return int(row[0])

    def prune(self, older_than: str, limit: int | None = None) -> tuple[dict[int, int], int]:
        conn = self._conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            # At most ``limit`` of the oldest events per call, so a large backlog is removed
            # in short transactions that let webhooks commit in between.
            bound_row = conn.execute(
                "SELECT MAX(id) FROM (SELECT id FROM events WHERE received_at < ? "
                "ORDER BY id LIMIT ?)",
                (older_than, -1 if limit is None else limit),
            ).fetchone()
            bound = -1 if bound_row[0] is None else int(bound_row[0])
            rows = conn.execute(
                "SELECT store_id, MAX(id) FROM events WHERE received_at < ? AND id <= ? "
                "AND store_id IS NOT NULL GROUP BY store_id",
                (older_than, bound),
            ).fetchall()
            pruned = {int(s): int(i) for s, i in rows}
            for store_id, through in pruned.items():
                conn.execute(
                    "UPDATE stores SET pruned_through = MAX(pruned_through, ?) WHERE id = ?",
                    (through, store_id),
                )
            cur = conn.execute(
                "DELETE FROM events WHERE received_at < ? AND id <= ?", (older_than, bound)
            )
            conn.execute(
                "DELETE FROM signed_requests WHERE request_key IN (SELECT request_key FROM "
                "signed_requests WHERE seen_at < ? LIMIT ?)",
                (older_than, -1 if limit is None else limit),
            )
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        if cur.rowcount:
            log.info("retention removed %d events older than %s", cur.rowcount, older_than)
        return pruned, max(cur.rowcount, 0)

    def probe_write(self) -> None:
        self._conn.execute(
            "INSERT INTO health (id, probed_at) VALUES (1, ?) "
            "ON CONFLICT (id) DO UPDATE SET probed_at = excluded.probed_at",
            (utc_now_iso(),),
        )

    def close(self) -> None:
        self._conn.close()
