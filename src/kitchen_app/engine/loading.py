"""Reading each announced order on its own schedule, so one order's failure never holds
another back (DESIGN §6.8, api notes §8).

The feed records an order it could not read at once as *loading* ("New order #id — details
loading") in the transaction that moves its cursor, then hands it here. Each such order gets
its own task that tries again at 0.5, 1, 2, 4 and 8 s, then every 15 s while its accept window
lasts (first notification + its plug-in's ``unread_accept_window``; an order of a channel
without one gets ``KNOWN_ORDER_RETRY``); after that it is *parked* and reconciliation keeps
trying.
A marketplace may answer 404 for a moment right after the webhook, so 404 gets the same
schedule as a timeout or a 5xx.

Events the relay could not verify (``verified: false``) are only hints: they are read one at a
time at a bounded rate, and dropped quietly (logged) when the marketplace does not know them.
"""

from __future__ import annotations

import asyncio
import functools
import logging
from collections import deque
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta

from kitchen_app.channels.base import FetchedOrder
from kitchen_app.channels.errors import AuthError, ChannelError, NotFound, RateLimited
from kitchen_app.domain import OrderKey
from kitchen_app.engine.context import EngineContext
from kitchen_app.store import StoreError

__all__ = [
    "FAST_SCHEDULE_S",
    "KNOWN_ORDER_RETRY",
    "SLOW_RETRY_S",
    "OrderFetcher",
    "describe",
]

log = logging.getLogger(__name__)

FAST_SCHEDULE_S = (0.5, 1.0, 2.0, 4.0, 8.0)
SLOW_RETRY_S = 15.0
# An order already on screen whose re-read failed, or a loading order of a channel without
# an accept window: a short effort, then reconciliation.
KNOWN_ORDER_RETRY = timedelta(seconds=60)
# Reads in flight at once, all orders together (a never-answering order holds one).
FETCH_CONCURRENCY = 16
# Hints from unverified events: at most one read per this many seconds, and a bounded queue.
HINT_INTERVAL_S = 0.5
HINT_QUEUE = 200
HINT_TRIES = 3

FetchResult = FetchedOrder | ChannelError


def describe(channel: str, error: ChannelError) -> str:
    """One line for staff about a failed read."""
    if isinstance(error, AuthError):
        return f"{channel}: the marketplace refused the access token"
    if isinstance(error, NotFound):
        return f"{channel}: the marketplace does not show this order yet"
    return f"{channel}: {error.message}"


class OrderFetcher:
    """Per-order reads and retries on the engine loop."""

    def __init__(
        self,
        ctx: EngineContext,
        *,
        on_new_order: Callable[[OrderKey], Awaitable[None]],
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self._ctx = ctx
        self._on_new_order = on_new_order
        self._sleep = sleep
        self._semaphore = asyncio.Semaphore(FETCH_CONCURRENCY)
        self._following: dict[OrderKey, asyncio.Task[None]] = {}
        self._hints: deque[tuple[OrderKey, datetime]] = deque(maxlen=HINT_QUEUE)
        self._hint_wake = asyncio.Event()
        self._hint_task: asyncio.Task[None] | None = None

    # ---- reads ---------------------------------------------------------------------------

    async def fetch(self, key: OrderKey) -> FetchResult:
        """One read of one order through its plug-in; the error is returned, not raised."""
        async with self._semaphore:
            return await self._ctx.fetch_one(key)

    def start_fetch(self, key: OrderKey) -> asyncio.Task[FetchResult]:
        return asyncio.get_running_loop().create_task(self.fetch(key))

    # ---- following one order -------------------------------------------------------------

    def is_following(self, key: OrderKey) -> bool:
        return key in self._following

    def follow(
        self,
        order: OrderKey,
        first_seen: datetime,
        *,
        in_flight: asyncio.Task[FetchResult] | None = None,
        loading: bool = True,
    ) -> None:
        """Keep trying to read this order until it lands. ``loading``: the order is in the
        store's loading list (new); otherwise it is already on screen and only a re-read
        failed. ``in_flight``: a read already started, awaited as the first attempt."""
        key = order
        if key in self._following:
            if in_flight is not None:
                in_flight.cancel()
            return
        window = self._ctx.unread_accept_windows.get(order.channel) if loading else None
        until = first_seen + window if window is not None else self._ctx.clock() + KNOWN_ORDER_RETRY
        task = asyncio.get_running_loop().create_task(
            self._follow(order, until, in_flight, loading)
        )
        self._following[key] = task
        task.add_done_callback(functools.partial(self._done, key))

    def _done(self, key: OrderKey, task: asyncio.Task[None]) -> None:
        if self._following.get(key) is task:
            del self._following[key]
        if not task.cancelled() and task.exception() is not None:
            log.error("following %s failed", key, exc_info=task.exception())

    async def _follow(
        self,
        order: OrderKey,
        until: datetime,
        attempt: asyncio.Task[FetchResult] | None,
        loading: bool,
    ) -> None:
        key, channel = order, order.channel
        delays = iter(FAST_SCHEDULE_S)
        while True:
            result = await (attempt if attempt is not None else self.fetch(order))
            attempt = None
            if isinstance(result, FetchedOrder):
                try:
                    await self.land(result, "webhook", was_loading=loading)
                    return
                except StoreError as exc:  # kept loading (visible) and tried again
                    log.error("%s read but not stored: %s", key, exc)
                    message = f"{channel}: the desk could not store it: {exc}"
            else:
                message = describe(channel, result)
            now = self._ctx.clock()
            give_up = now >= until
            if loading:
                try:
                    self._ctx.store.record_fetch_failure(key, message, parked=give_up or None)
                except StoreError:
                    log.exception("recording a failed read of %s", key)
            if give_up:
                if loading:
                    log.warning("%s parked for reconciliation: %s", key, message)
                    self._ctx.listener.loading_orders_changed()
                else:
                    log.info("%s: re-read left to reconciliation: %s", key, message)
                return
            delay = next(delays, SLOW_RETRY_S)
            if isinstance(result, RateLimited) and result.retry_after:
                delay = max(delay, result.retry_after)
            remaining = (until - now).total_seconds()
            log.info("%s not read (%s); again in %.1f s", key, message, min(delay, remaining))
            await self._sleep(max(0.0, min(delay, remaining)))

    async def land(self, fetched: FetchedOrder, source: str, *, was_loading: bool) -> None:
        """Store an order that was read, take it off the loading list, announce it."""
        key = fetched.order.key
        with self._ctx.store.transaction():
            change = self._ctx.commit(fetched, source)
            left = self._ctx.store.forget_unfetched(key)
        self._ctx.announce(change)
        if left or was_loading:
            self._ctx.listener.loading_orders_changed()
        self.follow_related(fetched)
        if change.is_new:
            await self._on_new_order(key)

    def follow_related(self, fetched: FetchedOrder) -> None:
        """The other orders the plug-in says belong with this one (a cart): read them too,
        shown as loading until they land."""
        now = self._ctx.clock()
        for ref in fetched.related:
            if self.is_following(ref.key) or self._ctx.store.order_summary(ref.key):
                continue
            if self._ctx.store.note_loading(ref.key, now, None, attempts=0):
                self._ctx.listener.loading_orders_changed()
            self.follow(ref.key, now)

    async def resume(self) -> None:
        """After a start: follow again every loading order not yet parked."""
        for loading in self._ctx.store.loading_orders():
            if loading.parked:
                continue
            self.follow(loading.key, loading.first_seen)

    # ---- hints from unverified events ----------------------------------------------------

    def hint(self, key: OrderKey, received_at: datetime) -> None:
        """An unverified event named this order: read it when the rate allows."""
        self._hints.append((key, received_at))
        self._hint_wake.set()
        if self._hint_task is None or self._hint_task.done():
            self._hint_task = asyncio.get_running_loop().create_task(self._read_hints())

    async def _read_hints(self) -> None:
        while True:
            if not self._hints:
                self._hint_wake.clear()
                await self._hint_wake.wait()
                continue
            key, received_at = self._hints.popleft()
            if self.is_following(key) or self._ctx.store.order_summary(key) is not None:
                continue  # already on screen or being read: a verified event named it
            await self._try_hint(key, received_at)
            await self._sleep(HINT_INTERVAL_S)

    async def _try_hint(self, order: OrderKey, received_at: datetime) -> None:
        key = order
        for attempt in range(HINT_TRIES):
            result = await self.fetch(order)
            if isinstance(result, FetchedOrder):
                # The marketplace confirms the order: it is real whatever the signature said.
                self._ctx.store.note_first_notification(key, received_at)
                await self.land(result, "webhook", was_loading=False)
                return
            if isinstance(result, NotFound | AuthError) or not result.retryable:
                log.info("unverified notification for %s dropped: %s", key, result.message)
                return
            await self._sleep(FAST_SCHEDULE_S[attempt])
        log.warning("unverified notification for %s dropped after %d tries", key, HINT_TRIES)

    async def stop(self) -> None:
        tasks = list(self._following.values())
        if self._hint_task is not None:
            tasks.append(self._hint_task)
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        self._following.clear()
