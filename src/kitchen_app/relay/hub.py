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

__all__ = ["EventHub"]

log = logging.getLogger(__name__)

_PRUNE_CHUNK = 2000  # events removed per retention transaction

_MAX_COMMIT_BATCH = 2000


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
    ) -> None:
        self._writer = writer
        self._reader = reader
        self._retention = retention_seconds
        self._prune_interval = prune_interval_seconds
        self._queue: asyncio.Queue[_Pending] = asyncio.Queue()
        self._wakeups: dict[int, asyncio.Future[None]] = {}
        self._latest: dict[int, int] = reader.latest_ids()
        self._pruned: dict[int, int] = reader.pruned_through()
        self._tokens: dict[str, StoreInfo] = {}
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
                for p in batch:
                    if not p.done.done():
                        p.done.set_exception(exc)
                continue
            if log.isEnabledFor(logging.DEBUG):
                log.debug(
                    "committed %d events in %.2f ms",
                    len(batch),
                    1000 * (time.perf_counter() - started),
                )
            touched: set[int] = set()
            for p, result in zip(batch, results, strict=True):
                if result.store_id is not None and not result.duplicate:
                    if result.event_id > self._latest.get(result.store_id, 0):
                        self._latest[result.store_id] = result.event_id
                    touched.add(result.store_id)
                if not p.done.done():
                    p.done.set_result(result)
            for store_id in touched:
                wake = self._wakeups.pop(store_id, None)
                if wake is not None and not wake.done():
                    wake.set_result(None)

    async def probe_write(self) -> None:
        self._writer.probe_write()

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
        digest = token_digest(token)
        store = self._tokens.get(digest)
        if store is None:
            # misses go to the database: a store added by the CLI works at once
            store = self._reader.store_for_token(digest)
            if store is not None:
                self._tokens[digest] = store
        return store

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
