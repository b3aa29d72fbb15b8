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

On PostgreSQL (backend.py, pg_log.py) the same loop awaits the commit instead, and what
other relay processes commit or prune reaches ``_changed`` through LISTEN/NOTIFY.

Backpressure: past ``max_pending`` webhooks waiting for a commit, or a commit running
longer than ``commit_timeout``, a webhook is refused (503: the marketplace retries) rather
than acknowledged for something not stored, and the health probe names the problem.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from kitchen_app.relay.backend import LogBackend
from kitchen_app.relay.eventlog import (
    AppendResult,
    IncomingEvent,
    StoredEvent,
    StoreInfo,
    token_digest,
)

__all__ = ["EventHub", "Overloaded", "UnstorableEvent"]

log = logging.getLogger(__name__)

_PRUNE_CHUNK = 2000  # events removed per retention transaction

_MAX_COMMIT_BATCH = 2000

# After a failed commit /healthz reports it for this long whatever the probe says: a full
# disk may still take the probe's in-place update while every new event is refused. Later
# (no webhook has come to fail again) the probe decides, so health recovers by itself.
_COMMIT_FAILURE_SHOWN = 5.0


class Overloaded(RuntimeError):
    """The relay cannot store this webhook now (→ 503, the marketplace retries)."""


class UnstorableEvent(Exception):
    """This one event cannot be stored because of what it holds (→ 400 for it alone)."""


@dataclass(slots=True)
class _Pending:
    event: IncomingEvent
    done: asyncio.Future[AppendResult] = field(repr=False)


class EventHub:
    def __init__(
        self,
        log_backend: LogBackend,
        *,
        retention_seconds: float,
        prune_interval_seconds: float,
        max_pending: int = 10_000,
        commit_timeout: float = 10.0,
        health_probe_interval_seconds: float = 1.0,
    ) -> None:
        self._log = log_backend
        self._retention = retention_seconds
        self._prune_interval = prune_interval_seconds
        self._max_pending = max_pending
        self._commit_timeout = commit_timeout
        self._queue: asyncio.Queue[_Pending] = asyncio.Queue()
        self._wakeups: dict[int, asyncio.Future[None]] = {}
        self._latest: dict[int, int] = {}
        self._pruned: dict[int, int] = {}
        # (monotonic time, error) of the last durable probe write, and the one running
        self._health: tuple[float, BaseException | None] | None = None
        self._health_interval = health_probe_interval_seconds
        self._probing: asyncio.Task[BaseException | None] | None = None
        # store id -> (count, last time) of webhooks refused for a bad or replayed
        # signature since the relay started (reported by /v1/status)
        self._refused: dict[int, tuple[int, str]] = {}
        self._tasks: list[asyncio.Task[None]] = []
        self._commit_started: float | None = None  # monotonic start of the running commit
        self._commit_error: str | None = None  # the last commit's failure, until one works
        self._commit_failed_at = 0.0  # monotonic time of that failure

    async def start(self) -> None:
        self._latest = await self._log.latest_ids()
        self._pruned = await self._log.pruned_through()
        await self._log.watch(self._changed)
        self._tasks = [
            asyncio.create_task(self._write_loop(), name="relay-writer"),
            asyncio.create_task(self._prune_loop(), name="relay-retention"),
        ]

    async def stop(self) -> None:
        if self._probing is not None:
            self._probing.cancel()
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
        """Returns once the event (or the earlier copy of it) is durably committed; raises
        Overloaded when it cannot be stored in time (it may still be committed later: a
        retry of it is then a duplicate, stored once)."""
        problem = self._overload()
        if problem is not None:
            raise Overloaded(problem)
        loop = asyncio.get_running_loop()
        done: asyncio.Future[AppendResult] = loop.create_future()
        self._queue.put_nowait(_Pending(event, done))
        # A timer that fails the future, rather than asyncio.wait_for (an extra future, task
        # and callbacks per webhook). Cancelling this request's wait cancels only its own
        # future; the writer skips it.
        timer = loop.call_later(self._commit_timeout, self._expire, done)
        try:
            return await done
        finally:
            timer.cancel()

    def _expire(self, done: asyncio.Future[AppendResult]) -> None:
        if not done.done():
            done.set_exception(Overloaded(f"not committed within {self._commit_timeout:g} s"))

    def _overload(self) -> str | None:
        waiting = self._queue.qsize()
        if waiting >= self._max_pending:
            return f"{waiting} webhooks already waiting for the database"
        started = self._commit_started
        if started is not None and time.monotonic() - started > self._commit_timeout:
            return f"a commit has been running for {time.monotonic() - started:.0f} s"
        return None

    async def _write_loop(self) -> None:
        while True:
            batch = [await self._queue.get()]
            while len(batch) < _MAX_COMMIT_BATCH and not self._queue.empty():
                batch.append(self._queue.get_nowait())
            events = [p.event for p in batch]
            started = time.perf_counter()
            self._commit_started = time.monotonic()
            try:
                results = await self._log.append(events)
            except Exception as exc:
                log.error("could not commit %d webhook events: %s", len(batch), exc)
                fault = await self._commit_one_by_one(batch)
                if fault is None:
                    self._commit_error = None
                else:
                    self._commit_error = f"the last commit failed: {fault}"
                    self._commit_failed_at = time.monotonic()
                continue
            finally:
                self._commit_started = None
            self._commit_error = None
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
        self._wake(touched)

    async def _commit_one_by_one(self, batch: list[_Pending]) -> Exception | None:
        """A failed group commit is retried event by event, so an event that cannot be
        stored fails alone (webhooks are validated before they queue, so this is the last
        line). When the fault is the database's own (disk, lock, a lost connection), it is
        not about any one event: that one and every one after it fail honestly (→ 503)
        without another attempt each. Returns that fault, None when there was none."""
        unstorable = self._log.input_errors
        fault: Exception | None = None
        for p in batch:
            if p.done.done():
                continue  # the request went away: nothing to answer
            if fault is not None:
                p.done.set_exception(fault)
                continue
            try:
                result = await self._log.append([p.event])
            except unstorable as exc:
                log.warning("webhook event refused by storage: %s", exc)
                p.done.set_exception(UnstorableEvent(str(exc)))
            except Exception as exc:
                fault = exc
                p.done.set_exception(exc)
            else:
                self._committed([p], result)
        return fault

    def _wake(self, stores: Iterable[int]) -> None:
        for store_id in stores:
            wake = self._wakeups.pop(store_id, None)
            if wake is not None and not wake.done():
                wake.set_result(None)

    def _changed(self, kind: str, ids: dict[int, int]) -> None:
        """Another relay process (or this one, echoed) committed or pruned events."""
        moved: list[int] = []
        if kind == "pruned":
            for store_id, through in ids.items():
                self._pruned[store_id] = max(self._pruned.get(store_id, 0), through)
                if self._latest.get(store_id, 0) < through:
                    self._latest[store_id] = through
        else:
            for store_id, newest in ids.items():
                if newest > self._latest.get(store_id, 0):
                    self._latest[store_id] = newest
                    moved.append(store_id)
        self._wake(moved)

    async def probe_write(self) -> None:
        """For /healthz: raises Overloaded naming what keeps webhooks from being stored.

        Backpressure and a recent failed commit are known in memory and checked every
        time; the durable write itself runs at most once per probe interval (1 s by
        default), shared by every /healthz asking meanwhile: a flood of /healthz costs one
        small commit a second, not one per request."""
        problem = self._overload()
        recent = time.monotonic() - self._commit_failed_at < _COMMIT_FAILURE_SHOWN
        if problem is None and self._commit_error is not None and recent:
            problem = self._commit_error
        if problem is not None:
            raise Overloaded(problem)
        error = await self._probed()
        if error is not None:
            problem = self._commit_error or f"the database cannot be written: {error}"
            raise Overloaded(problem) from error
        self._commit_error = None  # a durable write works again

    async def _probed(self) -> BaseException | None:
        """The error of the latest durable probe write (None: it worked)."""
        now = time.monotonic()
        if self._health is not None and now - self._health[0] < self._health_interval:
            return self._health[1]
        if self._probing is None or self._probing.done():
            self._probing = asyncio.create_task(self._probe_once(), name="relay-health-probe")
        # shielded: a /healthz that times out or goes away leaves the probe to the others
        return await asyncio.shield(self._probing)

    async def _probe_once(self) -> BaseException | None:
        try:
            await self._log.probe_write()
            error: BaseException | None = None
        except Exception as exc:
            log.error("health probe failed: %s", exc)
            error = exc
        self._health = (time.monotonic(), error)
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
            chunk, removed = await self._log.prune(older_than, _PRUNE_CHUNK)
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

    async def store_for_token(self, token: str) -> StoreInfo | None:
        """Every request reads the token's store from the database (one indexed lookup):
        a store added by the CLI works at once and a rotated token stops working at once,
        on every relay process sharing the database. Tokens are looked up by their sha256
        (what the database keeps), so lookup timing can only ever tell an attacker about
        digests, never about a token."""
        return await self._log.store_for_token(token_digest(token))

    async def store_for_account(self, channel: str, account_id: str) -> int | None:
        return await self._log.store_for_account(channel, account_id)

    def pruned_through(self, store_id: int) -> int:
        return self._pruned.get(store_id, 0)

    def latest(self, store_id: int) -> int:
        return self._latest.get(store_id, 0)

    async def latest_known(self, store_id: int, cursor: int) -> int:
        """The store's newest id; when ``cursor`` is beyond what this process has heard of
        and other processes share the log, the database decides (their NOTIFY may still be
        on its way), so a desk moved between relays is not told its cursor is unknown."""
        latest = self._latest.get(store_id, 0)
        if cursor > latest and self._log.shared:
            self._changed("events", {store_id: await self._log.latest_id(store_id)})
            latest = self._latest.get(store_id, 0)
        return latest

    async def read(self, store_id: int, after: int, limit: int) -> list[StoredEvent]:
        if self._latest.get(store_id, 0) <= after:
            return []
        return await self._log.read(store_id, after, limit)

    def wakeup(self, store_id: int) -> asyncio.Future[None]:
        """A future (shared by the store's waiting polls; never cancel it) resolved when the
        store's next events are committed. Take it with no await between it and the last
        look at the log, so no commit slips through."""
        wake = self._wakeups.get(store_id)
        if wake is None:
            wake = self._wakeups[store_id] = asyncio.get_running_loop().create_future()
        return wake

    async def last_received_at(self, store_id: int) -> str | None:
        return await self._log.last_received_at(store_id)

    async def count_after(self, store_id: int, after: int) -> int:
        return await self._log.count_after(store_id, after)
