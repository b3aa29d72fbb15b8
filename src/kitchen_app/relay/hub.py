"""The relay's running core, owned by the app's lifespan: a group-committing writer, the
per-store wake-ups of long polls, and small caches that let an idle long poll wait without
touching the database.

Writes: each webhook hands its event to ``ingest`` and awaits the commit of the batch it
joined. One writer task takes everything queued, commits it in ONE transaction, resolves the
waiting requests and wakes the stores that got events. Everything that arrived while the
previous commit ran joins the next one, so the fsync is shared by all of them.

The commit runs on the event loop thread itself, not on a worker thread. Measured on the
2-core target: on a worker thread each of the commit's many GIL hand-overs waits behind the
busy loop (the 5 ms switch interval), so a 1 ms commit took 7-9 ms and ingest stalled at
~1,400 webhooks/s; inline it takes ~1 ms and ingest reaches ~2,100/s. A commit blocks the
loop for that long, which only delays other requests by the same amount; a slower disk
makes batches larger rather than the relay slower per webhook. The writer connection's busy
timeout is short (see sqlite_log) so a foreign lock cannot freeze the loop for long.

Reads use their own connection on the same thread: small indexed queries (at most
MAX_BATCH rows); an idle long poll never reads (the per-store high-water mark says so).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sqlite3
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from kitchen_app.relay.eventlog import (
    AppendResult,
    EventLog,
    IncomingEvent,
    StoredEvent,
    StoreInfo,
    token_digest,
)

__all__ = ["EventHub", "UnstorableEvent"]

log = logging.getLogger(__name__)

_PRUNE_CHUNK = 2000  # events removed per retention transaction

_MAX_COMMIT_BATCH = 2000

# What SQLite (or the encoder before it) raises for a value it cannot take, as opposed to a
# fault of the database itself (sqlite3.OperationalError: disk full, I/O, lock).
_INPUT_ERRORS = (
    UnicodeError,
    OverflowError,
    sqlite3.DataError,
    sqlite3.IntegrityError,
    sqlite3.InterfaceError,
)


class UnstorableEvent(Exception):
    """This one event cannot be stored because of what it holds (→ 400 for it alone)."""


@dataclass(slots=True)
class _Pending:
    event: IncomingEvent
    done: asyncio.Future[AppendResult] = field(repr=False)


class EventHub:
    def __init__(
        self,
        writer: EventLog,
        reader: EventLog,
        *,
        retention_seconds: float,
        prune_interval_seconds: float,
        health_probe_interval_seconds: float = 1.0,
    ) -> None:
        self._writer = writer
        self._reader = reader
        self._retention = retention_seconds
        self._prune_interval = prune_interval_seconds
        self._queue: asyncio.Queue[_Pending] = asyncio.Queue()
        self._wakeups: dict[int, asyncio.Future[None]] = {}
        self._latest: dict[int, int] = reader.latest_ids()
        self._pruned: dict[int, int] = reader.pruned_through()
        self._health: tuple[float, BaseException | None] | None = None
        self._health_interval = health_probe_interval_seconds
        # store id -> (count, last time) of webhooks refused for a bad or replayed
        # signature since the relay started (reported by /v1/status)
        self._refused: dict[int, tuple[int, str]] = {}
        self._tasks: list[asyncio.Task[None]] = []

    async def start(self) -> None:
        self._tasks = [
            asyncio.create_task(self._write_loop(), name="relay-writer"),
            asyncio.create_task(self._prune_loop(), name="relay-retention"),
        ]

    async def stop(self) -> None:
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        # Anyone still waiting for a commit gets an error (→ 5xx: the marketplace retries).
        while not self._queue.empty():
            pending = self._queue.get_nowait()
            if not pending.done.done():
                pending.done.set_exception(RuntimeError("relay stopping"))
        for wake in self._wakeups.values():
            if not wake.done():
                wake.set_result(None)

    # -- writes ---------------------------------------------------------------------------

    async def ingest(self, event: IncomingEvent) -> AppendResult:
        """Returns once the event (or the earlier copy of it) is durably committed."""
        done: asyncio.Future[AppendResult] = asyncio.get_running_loop().create_future()
        self._queue.put_nowait(_Pending(event, done))
        # Cancelling this request's wait cancels only its own future; the writer skips it.
        return await done

    async def _write_loop(self) -> None:
        while True:
            batch = [await self._queue.get()]
            while len(batch) < _MAX_COMMIT_BATCH and not self._queue.empty():
                batch.append(self._queue.get_nowait())
            events = [p.event for p in batch]
            started = time.perf_counter()
            try:
                results = self._writer.append(events)
            except Exception as exc:
                log.error("could not commit %d webhook events: %s", len(batch), exc)
                self._commit_one_by_one(batch)
                continue
            if log.isEnabledFor(logging.DEBUG):
                log.debug(
                    "committed %d events in %.2f ms",
                    len(batch),
                    1000 * (time.perf_counter() - started),
                )
            self._committed(batch, results)

    def _committed(self, batch: list[_Pending], results: list[AppendResult]) -> None:
        touched: set[int] = set()
        for p, result in zip(batch, results, strict=True):
            if result.store_id is not None and not result.duplicate and not result.replayed:
                if result.event_id > self._latest.get(result.store_id, 0):
                    self._latest[result.store_id] = result.event_id
                touched.add(result.store_id)
            if not p.done.done():
                p.done.set_result(result)
        for store_id in touched:
            wake = self._wakeups.pop(store_id, None)
            if wake is not None and not wake.done():
                wake.set_result(None)

    def _commit_one_by_one(self, batch: list[_Pending]) -> None:
        """A failed group commit is retried event by event, so an event that cannot be
        stored fails alone (webhooks are validated before they queue, so this is the last
        line). When the fault is the relay's own (disk, lock), every one fails honestly."""
        for p in batch:
            if p.done.done():
                continue  # the request went away: nothing to answer
            try:
                result = self._writer.append([p.event])
            except _INPUT_ERRORS as exc:
                log.warning("webhook event refused by storage: %s", exc)
                p.done.set_exception(UnstorableEvent(str(exc)))
            except Exception as exc:
                p.done.set_exception(exc)
            else:
                self._committed([p], result)

    def healthy(self) -> BaseException | None:
        """None when the log can be written; the probe's error otherwise. A real durable
        write at most once per probe interval (1 s by default): a flood of /healthz costs one small
        commit a second, not one per request."""
        now = time.monotonic()
        if self._health is not None and now - self._health[0] < self._health_interval:
            return self._health[1]
        try:
            self._writer.probe_write()
            error: BaseException | None = None
        except Exception as exc:
            log.error("health probe failed: %s", exc)
            error = exc
        self._health = (now, error)
        return error

    def count_refused(self, store_id: int, at: str) -> None:
        count, _ = self._refused.get(store_id, (0, at))
        self._refused[store_id] = (count + 1, at)

    def refused(self, store_id: int) -> tuple[int, str | None]:
        count, at = self._refused.get(store_id, (0, None))
        return count, at

    # -- retention ------------------------------------------------------------------------

    async def prune_now(self, now: datetime | None = None) -> dict[int, int]:
        cutoff = (now or datetime.now(UTC)) - timedelta(seconds=self._retention)
        older_than = cutoff.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
        pruned: dict[int, int] = {}
        while True:
            # Chunks, with the loop free between them: acks and long polls go on during a
            # large pass (the first one after a long outage).
            chunk, removed = self._writer.prune(older_than, _PRUNE_CHUNK)
            for store_id, through in chunk.items():
                pruned[store_id] = max(pruned.get(store_id, 0), through)
                self._pruned[store_id] = max(self._pruned.get(store_id, 0), through)
                if self._latest.get(store_id, 0) <= through:
                    # every event of the store is gone; keep latest as a high-water mark
                    self._latest[store_id] = through
            if removed < _PRUNE_CHUNK:
                return pruned
            await asyncio.sleep(0)

    async def _prune_loop(self) -> None:
        while True:
            try:
                await self.prune_now()
            except Exception as exc:
                log.error("retention pass failed: %s", exc)
            await asyncio.sleep(self._prune_interval)

    # -- reads ----------------------------------------------------------------------------

    def store_for_token(self, token: str) -> StoreInfo | None:
        """Every request reads the token's store from the database (an indexed lookup of a
        few microseconds): a store added by the CLI works at once and a rotated token stops
        working at once. Tokens are looked up by their sha256 (what the database keeps), so
        lookup timing can only ever tell an attacker about digests, never about a token."""
        return self._reader.store_for_token(token_digest(token))

    def store_for_account(self, channel: str, account_id: str) -> int | None:
        return self._reader.store_for_account(channel, account_id)

    def pruned_through(self, store_id: int) -> int:
        return self._pruned.get(store_id, 0)

    def latest(self, store_id: int) -> int:
        return self._latest.get(store_id, 0)

    def read(self, store_id: int, after: int, limit: int) -> list[StoredEvent]:
        if self._latest.get(store_id, 0) <= after:
            return []
        return self._reader.read(store_id, after, limit)

    def wakeup(self, store_id: int) -> asyncio.Future[None]:
        """A future (shared by the store's waiting polls; never cancel it) resolved when the
        store's next events are committed. Take it with no await between it and the last
        look at the log, so no commit slips through."""
        wake = self._wakeups.get(store_id)
        if wake is None:
            wake = self._wakeups[store_id] = asyncio.get_running_loop().create_future()
        return wake

    def last_received_at(self, store_id: int) -> str | None:
        return self._reader.last_received_at(store_id)

    def count_after(self, store_id: int, after: int) -> int:
        return self._reader.count_after(store_id, after)
