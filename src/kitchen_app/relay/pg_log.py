"""The PostgreSQL event log (asyncpg): the same log, stores and dedupe as the SQLite file,
for several relay processes sharing one database.

- Appends: one transaction per group-committed batch, under APPEND_LOCK so ids become
  visible in id order across processes (pg_schema explains why); the transaction also
  sends a NOTIFY naming each store's newest id, delivered to every listening relay when,
  and only if, the commit succeeds.
- Wake-ups: each process LISTENs on one dedicated connection and hands what other
  processes committed or pruned to the hub (backend.OnChange). When that connection is
  lost it reconnects with backoff and reports the full current state again.
- Reads go through a small pool: a long poll never holds a connection while it waits.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import logging
from collections.abc import Sequence
from typing import Any

import asyncpg
from asyncpg.exceptions import _base as asyncpg_base

from kitchen_app.relay.backend import BackendUnavailable, OnChange, redact_url
from kitchen_app.relay.eventlog import AppendResult, IncomingEvent, StoredEvent, StoreInfo
from kitchen_app.relay.pg_schema import (
    APPEND_LOCK,
    NOTIFY_CHANNEL,
    connect_args,
    migrate,
)
from kitchen_app.relay.sqlite_log import utc_now_iso

__all__ = ["PostgresBackend", "format_change", "parse_change"]

log = logging.getLogger(__name__)

# What a dropped connection raises (rather than an error in the statement itself).
_CONNECTION_LOST = (
    OSError,
    asyncpg.PostgresConnectionError,
    asyncpg.AdminShutdownError,
    asyncpg.InterfaceError,
    asyncpg.InternalClientError,
)
_NOTIFY_MAX = 7000  # bytes per NOTIFY payload (PostgreSQL's limit is 8000)
_KINDS = {"e": "events", "p": "pruned"}
# The whole batch in one statement (one round trip, however many webhooks joined the
# commit): ids are drawn first, so the answer says which rows went in and which were
# duplicates (ON CONFLICT DO NOTHING skips them), in the batch's order. A CTE that calls
# nextval() is always materialised: both uses see the same ids. A replayed signature's
# event (``skip``) is not inserted; its row still says which store it was for.
_COLUMNS = (
    "channel, topic, resource, account_id, received_at, payload, dedupe_id, dedupe_content, "
    "verified"
)
_INSERT_BATCH = f"""
WITH input AS MATERIALIZED (
    SELECT nextval('events_id_seq') AS id, a.store_id, i.*
    FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
                $7::text[], $8::text[], $9::boolean[], $10::boolean[])
         WITH ORDINALITY AS i({_COLUMNS}, skip, ord)
    LEFT JOIN store_accounts a ON a.channel = i.channel AND a.account_id = i.account_id
), inserted AS (
    INSERT INTO events (id, store_id, {_COLUMNS}) OVERRIDING SYSTEM VALUE
    SELECT id, store_id, {_COLUMNS} FROM input WHERE NOT skip ORDER BY ord
    ON CONFLICT DO NOTHING
    RETURNING id
)
SELECT input.id, input.store_id, inserted.id IS NOT NULL AS fresh
FROM input LEFT JOIN inserted ON inserted.id = input.id
ORDER BY input.ord
"""
# Verified signatures' request ids, the first of each in batch order (an earlier commit's
# row stays): what is stored afterwards is the fingerprint each key is bound to.
_REMEMBER_SIGNED = """
INSERT INTO signed_requests (request_key, fingerprint, seen_at)
SELECT k, f, t FROM unnest($1::text[], $2::text[], $3::text[]) WITH ORDINALITY AS s(k, f, t, ord)
ORDER BY ord
ON CONFLICT (request_key) DO NOTHING
"""
_EXISTING = (
    "SELECT id, store_id, dedupe_id, dedupe_content FROM events "
    "WHERE dedupe_id = ANY($1::text[]) OR dedupe_content = ANY($2::text[])"
)


def format_change(kind: str, ids: dict[int, int]) -> list[str]:
    """NOTIFY payloads for ``ids`` ("e:1=45,2=48"), each under the size limit."""
    payloads: list[str] = []
    parts: list[str] = []
    size = 0
    for store_id, event_id in sorted(ids.items()):
        part = f"{store_id}={event_id}"
        if parts and size + len(part) + 1 > _NOTIFY_MAX:
            payloads.append(f"{kind}:" + ",".join(parts))
            parts, size = [], 0
        parts.append(part)
        size += len(part) + 1
    if parts:
        payloads.append(f"{kind}:" + ",".join(parts))
    return payloads


def parse_change(payload: str) -> tuple[str, dict[int, int]] | None:
    """The inverse of format_change; None for anything else (another program's NOTIFY)."""
    kind, sep, rest = payload.partition(":")
    if not sep or kind not in _KINDS:
        return None
    ids: dict[int, int] = {}
    for part in rest.split(","):
        store, eq, event = part.partition("=")
        if not (eq and store.isdigit() and event.isdigit()):
            return None
        ids[int(store)] = max(ids.get(int(store), 0), int(event))
    return _KINDS[kind], ids


class PostgresBackend:
    shared = True
    # A value PostgreSQL (or asyncpg's encoder before it) cannot take: a NUL character in
    # text, a lone surrogate, a number out of range. Connection faults are not among them.
    input_errors: tuple[type[Exception], ...] = (
        UnicodeError,
        OverflowError,
        asyncpg.DataError,
        asyncpg_base.DataError,
        asyncpg.IntegrityConstraintViolationError,
    )

    def __init__(self, url: str, pool: asyncpg.Pool, write_pool: asyncpg.Pool) -> None:
        self.description = redact_url(url)
        self._url = url
        self._pool = pool
        self._write_pool = write_pool
        self._listener: asyncpg.Connection | None = None
        self._on_change: OnChange | None = None
        self._reconnect: asyncio.Task[None] | None = None
        self._closing = False

    @classmethod
    async def open(cls, url: str, *, pool_size: int = 6) -> PostgresBackend:
        """Connect, create or migrate the schema; raises OSError/asyncpg errors.

        Writes (the group commit, retention, the health probe) have their own connections,
        so a burst of desk reads never makes a commit wait for a connection."""
        write_pool = await asyncpg.create_pool(
            url, min_size=1, max_size=2, timeout=10, **connect_args()
        )
        try:
            async with write_pool.acquire() as conn:
                await migrate(conn)
            pool = await asyncpg.create_pool(
                url, min_size=1, max_size=pool_size, timeout=10, **connect_args()
            )
        except BaseException:
            await write_pool.close()
            raise
        return cls(url, pool, write_pool)

    @property
    def listening(self) -> bool:
        """False while the LISTEN connection is down (other processes' webhooks would not
        wake long polls here): /healthz reports it."""
        return self._listener is not None and not self._listener.is_closed()

    # -- writes ---------------------------------------------------------------------------

    async def append(self, events: Sequence[IncomingEvent]) -> list[AppendResult]:
        columns: list[list[str | bool | None]] = [[] for _ in range(9)]
        for ev in events:
            for column, value in zip(
                columns,
                (
                    ev.channel,
                    ev.topic,
                    ev.resource,
                    ev.account_id,
                    ev.received_at,
                    ev.payload_json,
                    ev.dedupe_id,
                    ev.dedupe_content,
                    ev.verified,
                ),
                strict=True,
            ):
                column.append(value)
        results: list[AppendResult] = []
        newest: dict[int, int] = {}
        async with self._write_pool.acquire() as conn, conn.transaction():
            await conn.execute("SELECT pg_advisory_xact_lock($1)", APPEND_LOCK)
            replayed = await self._replayed(conn, events)
            rows = await conn.fetch(_INSERT_BATCH, *columns, replayed)
            earlier: dict[tuple[str | None, str | None], AppendResult] = {}
            dupes = [
                ev for ev, row, r in zip(events, rows, replayed, strict=True) if not (row[2] or r)
            ]
            if dupes:
                earlier = await self._earlier_copies(conn, dupes)
            for ev, (event_id, store_id, fresh), skip in zip(events, rows, replayed, strict=True):
                if skip:
                    results.append(AppendResult(0, store_id, duplicate=False, replayed=True))
                    continue
                if not fresh:
                    results.append(earlier[(ev.dedupe_id, ev.dedupe_content)])
                    continue
                results.append(AppendResult(int(event_id), store_id, duplicate=False))
                if store_id is not None:
                    newest[store_id] = max(newest.get(store_id, 0), int(event_id))
            for payload in format_change("e", newest):
                await conn.execute("SELECT pg_notify($1, $2)", NOTIFY_CHANNEL, payload)
        return results

    @staticmethod
    async def _replayed(conn: asyncpg.Connection, events: Sequence[IncomingEvent]) -> list[bool]:
        """Remember each verified signature's request id with its body's fingerprint (in
        the caller's transaction, so an event and its request id are stored together or
        not at all); True for an event whose request id came before, in an earlier commit
        or earlier in this batch, with another body."""
        signed = [ev for ev in events if ev.request_key is not None]
        if not signed:
            return [False] * len(events)
        await conn.execute(
            _REMEMBER_SIGNED,
            [ev.request_key for ev in signed],
            [ev.fingerprint for ev in signed],
            [ev.received_at for ev in signed],
        )
        rows = await conn.fetch(
            "SELECT request_key, fingerprint FROM signed_requests WHERE request_key = ANY($1)",
            list({ev.request_key for ev in signed}),
        )
        bound = {str(r[0]): r[1] for r in rows}
        return [
            ev.request_key is not None and bound.get(ev.request_key) != ev.fingerprint
            for ev in events
        ]

    @staticmethod
    async def _earlier_copies(
        conn: asyncpg.Connection, dupes: Sequence[IncomingEvent]
    ) -> dict[tuple[str | None, str | None], AppendResult]:
        """The stored event each duplicate in the batch stands for (stored earlier, or
        by the same batch), keyed by its dedupe keys."""
        found = await conn.fetch(
            _EXISTING,
            [ev.dedupe_id for ev in dupes if ev.dedupe_id is not None],
            [ev.dedupe_content for ev in dupes if ev.dedupe_content is not None],
        )
        by_id = {r[2]: r for r in found if r[2] is not None}
        by_content = {r[3]: r for r in found if r[3] is not None}
        earlier: dict[tuple[str | None, str | None], AppendResult] = {}
        for ev in dupes:
            row = by_id.get(ev.dedupe_id) or by_content.get(ev.dedupe_content)
            if row is None:  # removed meanwhile (retention): fail the batch, 503, retried
                raise RuntimeError("a duplicate's stored copy vanished during the commit")
            earlier[(ev.dedupe_id, ev.dedupe_content)] = AppendResult(
                int(row[0]), row[1], duplicate=True
            )
        return earlier

    async def prune(self, older_than: str, limit: int) -> tuple[dict[int, int], int]:
        async with self._write_pool.acquire() as conn, conn.transaction():
            # No append lock: only old events are removed, never one still being committed,
            # so webhooks keep committing while a chunk is deleted. Signed request ids are
            # forgotten with the events of their time (a replay older than the window is
            # refused by its signature's ts anyway).
            await conn.execute(
                "DELETE FROM signed_requests WHERE request_key IN (SELECT request_key FROM "
                "signed_requests WHERE seen_at < $1 LIMIT $2)",
                older_than,
                limit,
            )
            bound = await conn.fetchval(
                "SELECT MAX(id) FROM (SELECT id FROM events WHERE received_at < $1 "
                "ORDER BY id LIMIT $2) AS oldest",
                older_than,
                limit,
            )
            if bound is None:
                return {}, 0
            rows = await conn.fetch(
                "SELECT store_id, MAX(id) FROM events WHERE received_at < $1 AND id <= $2 "
                "AND store_id IS NOT NULL GROUP BY store_id",
                older_than,
                bound,
            )
            pruned = {int(r[0]): int(r[1]) for r in rows}
            for store_id, through in pruned.items():
                await conn.execute(
                    "UPDATE stores SET pruned_through = GREATEST(pruned_through, $1) WHERE id = $2",
                    through,
                    store_id,
                )
            status = await conn.execute(
                "DELETE FROM events WHERE received_at < $1 AND id <= $2", older_than, bound
            )
            for payload in format_change("p", pruned):
                await conn.execute("SELECT pg_notify($1, $2)", NOTIFY_CHANNEL, payload)
        removed = int(status.split()[-1])
        if removed:
            log.info("retention removed %d events older than %s", removed, older_than)
        return pruned, removed

    async def probe_write(self) -> None:
        async with self._write_pool.acquire() as conn:
            await conn.execute(
                "INSERT INTO health (id, probed_at) VALUES (1, $1) "
                "ON CONFLICT (id) DO UPDATE SET probed_at = excluded.probed_at",
                utc_now_iso(),
            )
        if not self.listening:
            raise ConnectionError("the LISTEN connection to PostgreSQL is down")

    # -- reads ----------------------------------------------------------------------------

    async def _fetch(self, method: str, sql: str, *args: object) -> Any:
        """One read through the pool. A connection the database dropped (a restart, a
        failover) is retried once on a fresh one; past that, BackendUnavailable (→ 503)."""
        for attempt in (1, 2):
            try:
                return await getattr(self._pool, method)(sql, *args)
            except _CONNECTION_LOST as exc:
                if attempt == 2:
                    raise BackendUnavailable(f"PostgreSQL connection lost: {exc}") from exc
            except (asyncpg.PostgresError, TimeoutError) as exc:
                raise BackendUnavailable(f"PostgreSQL read failed: {exc}") from exc
        raise AssertionError("unreachable")

    async def read(self, store_id: int, after: int, limit: int) -> list[StoredEvent]:
        # The store's pruned-through mark comes in the same statement (one snapshot): when
        # retention ran since the hub last heard of it, the hub learns it now, and the
        # route tells the desk its cursor was pruned instead of serving events past a gap.
        rows = await self._fetch(
            "fetch",
            "SELECT s.pruned_through, e.id, e.channel, e.topic, e.resource, e.received_at, "
            "e.payload, e.verified FROM stores s LEFT JOIN LATERAL (SELECT * FROM events "
            "WHERE store_id = s.id AND id > $2 ORDER BY id LIMIT $3) e ON true "
            "WHERE s.id = $1 ORDER BY e.id",
            store_id,
            after,
            limit,
        )
        if rows and rows[0][0] > 0 and self._on_change is not None:
            self._on_change("pruned", {store_id: int(rows[0][0])})
        return [StoredEvent(*row[1:]) for row in rows if row[1] is not None]

    async def store_for_token(self, digest: str) -> StoreInfo | None:
        row = await self._fetch(
            "fetchrow", "SELECT id, name, token_sha256 FROM stores WHERE token_sha256 = $1", digest
        )
        # the index found it; the constant-time compare is what decides
        if row is None or not hmac.compare_digest(str(row[2]), digest):
            return None
        return StoreInfo(int(row[0]), str(row[1]))

    async def store_for_account(self, channel: str, account_id: str) -> int | None:
        found = await self._fetch(
            "fetchval",
            "SELECT store_id FROM store_accounts WHERE channel = $1 AND account_id = $2",
            channel,
            account_id,
        )
        return None if found is None else int(found)

    async def latest_ids(self) -> dict[int, int]:
        rows = await self._fetch(
            "fetch",
            "SELECT store_id, MAX(id) FROM events WHERE store_id IS NOT NULL GROUP BY store_id",
        )
        return {int(s): int(i) for s, i in rows}

    async def latest_id(self, store_id: int) -> int:
        found = await self._fetch(
            "fetchval", "SELECT MAX(id) FROM events WHERE store_id = $1", store_id
        )
        return int(found or 0)

    async def pruned_through(self) -> dict[int, int]:
        rows = await self._fetch(
            "fetch", "SELECT id, pruned_through FROM stores WHERE pruned_through > 0"
        )
        return {int(s): int(p) for s, p in rows}

    async def last_received_at(self, store_id: int) -> str | None:
        found = await self._fetch(
            "fetchval",
            "SELECT received_at FROM events WHERE store_id = $1 ORDER BY id DESC LIMIT 1",
            store_id,
        )
        return None if found is None else str(found)

    async def count_after(self, store_id: int, after: int) -> int:
        found = await self._fetch(
            "fetchval",
            "SELECT COUNT(*) FROM events WHERE store_id = $1 AND id > $2",
            store_id,
            after,
        )
        return int(found)

    # -- cross-process wake-ups -------------------------------------------------------------

    async def watch(self, on_change: OnChange) -> None:
        self._on_change = on_change
        await self._listen()

    async def _listen(self) -> None:
        conn = await asyncpg.connect(self._url, timeout=10, **connect_args())
        await conn.add_listener(NOTIFY_CHANNEL, self._notified)
        conn.add_termination_listener(self._lost)
        self._listener = conn

    def _notified(self, conn: Any, pid: int, channel: str, payload: str) -> None:
        change = parse_change(payload)
        if change is not None and self._on_change is not None:
            self._on_change(*change)

    def _lost(self, conn: Any) -> None:
        if self._closing or (self._reconnect is not None and not self._reconnect.done()):
            return
        log.error("lost the LISTEN connection to PostgreSQL; reconnecting")
        self._listener = None
        self._reconnect = asyncio.get_running_loop().create_task(self._relisten())

    async def _relisten(self) -> None:
        delay = 0.1
        while not self._closing:
            try:
                await self._listen()
                # whatever other processes did while we were deaf
                if self._on_change is not None:
                    self._on_change("events", await self.latest_ids())
                    self._on_change("pruned", await self.pruned_through())
                log.info("LISTEN connection to PostgreSQL restored")
                return
            except (BackendUnavailable, *_CONNECTION_LOST, asyncpg.PostgresError) as exc:
                log.warning("PostgreSQL LISTEN reconnect failed: %s", exc)
                await asyncio.sleep(delay)
                delay = min(delay * 2, 5.0)

    async def close(self) -> None:
        self._closing = True
        if self._reconnect is not None:
            self._reconnect.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._reconnect
        if self._listener is not None:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self._listener.close(), 5)
        for pool in (self._pool, self._write_pool):
            try:
                await asyncio.wait_for(pool.close(), 10)
            except (TimeoutError, Exception):
                pool.terminate()
