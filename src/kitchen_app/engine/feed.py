"""The relay feed: long-poll the relay, fetch each order the events name, commit the orders
and the new cursor in one transaction, then tell the listener (DESIGN §2, §6.2).

The cursor advances only after the events' effects are committed. An event whose order could
not be fetched for a passing reason (marketplace down, token rejected) holds the cursor: the
same batch is tried again, so no order is ever skipped. Handling an event twice changes
nothing (the store's merge is idempotent).
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import time
from collections.abc import Awaitable, Callable, Coroutine
from datetime import datetime
from typing import Any

from kitchen_app.channels.base import FetchedOrder
from kitchen_app.channels.errors import AuthError, BadResponse, ChannelError, NotFound
from kitchen_app.domain import Channel
from kitchen_app.engine.api import FeedState, FeedStatus
from kitchen_app.engine.backoff import Backoff
from kitchen_app.engine.context import EngineContext
from kitchen_app.engine.relay_feed import (
    CursorPruned,
    EventBatch,
    RelayAuthError,
    RelayFeed,
    RelayUnavailable,
)
from kitchen_app.store import OrderChange

__all__ = ["FeedLoop", "feed_name"]

log = logging.getLogger(__name__)


def feed_name(relay_url: str, token: str) -> str:
    """The cursor's name: a cursor means something only to the relay and store (token) that
    issued it, so a new relay or a new token starts from the beginning of its log."""
    digest = hashlib.sha256(token.encode()).hexdigest()[:12]
    return f"relay:{relay_url.rstrip('/')}#{digest}"


_FETCH_CONCURRENCY = 8
# How long one order's failing reads may hold the feed before it is parked for
# reconciliation and the orders behind it go through.
PARK_AFTER_S = 30.0


class FeedLoop:
    def __init__(
        self,
        ctx: EngineContext,
        feed: RelayFeed,
        *,
        name: str,
        wait_s: float,
        on_new_order: Callable[[str], Awaitable[None]],
        reconcile: Callable[[str], Coroutine[Any, Any, None]],
        pending_actions: Callable[[], int],
    ) -> None:
        self._ctx = ctx
        self._feed = feed
        self._name = name
        self._wait_s = wait_s
        self._on_new_order = on_new_order
        self._reconcile = reconcile
        self._pending_actions = pending_actions
        self._state = FeedState(FeedStatus.CONNECTING, since=ctx.clock())
        self._last_event_at: datetime | None = None
        self._background: set[asyncio.Task[None]] = set()
        self._failing_since: dict[tuple[Channel, str], float] = {}

    @property
    def state(self) -> FeedState:
        return self._state

    def _set_state(self, status: FeedStatus, message: str | None = None) -> None:
        since = self._state.since if self._state.status is status else self._ctx.clock()
        state = FeedState(
            status,
            since=since,
            last_event_at=self._last_event_at,
            message=message,
            pending_actions=self._pending_actions(),
        )
        if state != self._state:
            self._state = state
            self._ctx.listener.feed_state_changed(state)

    async def close(self) -> None:
        await self._feed.aclose()

    def refresh_state(self) -> None:
        """Re-announce the state (e.g. after the number of pending actions changed)."""
        self._set_state(self._state.status, self._state.message)

    async def run(self) -> None:
        cursor = self._ctx.store.get_cursor(self._name)
        backoff = Backoff(initial=0.5, maximum=10.0)
        while True:
            try:
                batch = await self._feed.poll(cursor, wait=self._wait_s)
            except RelayAuthError:
                self._set_state(FeedStatus.AUTH_FAILED, "the relay refused this desk's token")
                await asyncio.sleep(backoff.next())
                continue
            except RelayUnavailable as exc:
                self._set_state(FeedStatus.OFFLINE, str(exc) or "relay unreachable")
                await asyncio.sleep(backoff.next())
                continue
            except CursorPruned as exc:
                # Events we never saw are gone from the relay: re-read every open order, then
                # carry on from the oldest event it still has.
                log.warning("relay pruned events after cursor %s; reconciling", cursor)
                await self._reconcile("pruned")
                cursor = exc.oldest_cursor
                self._ctx.store.set_cursor(self._name, cursor)
                continue
            reconnected = self._state.status is not FeedStatus.ONLINE
            if reconnected:
                self._set_state(FeedStatus.ONLINE)
                backoff.reset()
                # Whatever happened while we were away (or before we started), learn it now.
                self._background.add(
                    asyncio.get_running_loop().create_task(self._reconcile("reconnect"))
                )
                self._background = {t for t in self._background if not t.done()}
            if not batch.events:
                continue
            self._last_event_at = self._ctx.clock()
            try:
                handled = await self.handle(batch)
            except Exception as exc:  # a bug or a broken disk must not end order intake
                log.exception("relay batch up to %s failed; trying again", batch.cursor)
                self._set_state(FeedStatus.OFFLINE, f"desk error, retrying: {exc}")
                handled = False
            if handled:
                cursor = batch.cursor
                backoff.reset()
                self.refresh_state()
            else:
                await asyncio.sleep(backoff.next())

    async def handle(self, batch: EventBatch) -> bool:
        """Fetch, commit and announce one batch. False when it must be tried again."""
        wanted: dict[tuple[Channel, str], None] = {}
        for event in batch.events:
            try:
                channel = Channel(event.channel)
                client = self._ctx.clients[channel]
            except (ValueError, KeyError):
                log.warning("event %s from channel %r ignored: no client", event.id, event.channel)
                continue
            order_id = client.order_id_from_event(event.topic, event.resource)
            if order_id is not None:
                wanted[(channel, order_id)] = None

        semaphore = asyncio.Semaphore(_FETCH_CONCURRENCY)

        async def fetch(channel: Channel, order_id: str) -> FetchedOrder | ChannelError:
            async with semaphore:
                try:
                    return await self._ctx.clients[channel].fetch_order(order_id)
                except ChannelError as exc:
                    return exc

        results = await asyncio.gather(*(fetch(c, o) for c, o in wanted))
        fetched: list[FetchedOrder] = []
        parked: list[tuple[str, str]] = []
        now = time.monotonic()
        for (channel, order_id), result in zip(wanted, results, strict=True):
            key = f"{channel.value}:{order_id}"
            if isinstance(result, FetchedOrder):
                fetched.append(result)
                self._failing_since.pop((channel, order_id), None)
                continue
            known = self._ctx.store.order_summary(key) is not None
            if isinstance(result, NotFound | BadResponse):
                # No retry now can fix it; a new order is parked so reconciliation keeps
                # trying (a marketplace may answer 404 for a moment after the webhook).
                log.warning("%s: %s", key, result.message)
                if not known:
                    parked.append((key, result.message))
                continue
            message = f"{channel.value}: {result.message}"
            if isinstance(result, AuthError):
                message = f"{channel.value}: the marketplace refused the access token"
            first = self._failing_since.setdefault((channel, order_id), now)
            if now - first < PARK_AFTER_S:
                log.warning("batch held (cursor stays): %s", message)
                self._set_state(FeedStatus.ONLINE, message)
                return False
            # One order failing this long must not hold every order behind it.
            log.warning("%s parked for reconciliation after %.0f s: %s", key, now - first, message)
            if not known:
                parked.append((key, message))

        changes: list[OrderChange] = []
        with self._ctx.store.transaction():
            for item in fetched:
                changes.append(self._ctx.commit(item, "webhook"))
            for key, message in parked:
                self._ctx.store.park_unfetched(key, message)
            self._ctx.store.set_cursor(self._name, batch.cursor)
        for channel, order_id in wanted:
            self._failing_since.pop((channel, order_id), None)
        if self._state.message:
            self._set_state(FeedStatus.ONLINE)
        for change in changes:
            self._ctx.announce(change)
        for change in changes:
            if change.is_new:
                await self._on_new_order(change.key)
        return True
