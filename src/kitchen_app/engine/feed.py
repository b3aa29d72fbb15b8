"""The relay feed: long-poll the relay, record each event's effect, move the cursor past the
batch in the same transaction, then tell the listener (DESIGN §2, §6.2, §6.8).

An event's effect is one of: the order read from the marketplace; a *loading* record (the
order named, when the first notification came, the read's error) for an order that could not
be read within a short budget, which then follows its own retry schedule; or an *unresolved*
notification (its raw body kept) when no order can be identified in it. The cursor moves only
after those are committed, and never waits for a marketplace that keeps failing, so one
order's failure never holds another back. Handling an event twice changes nothing.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
from collections.abc import Awaitable, Callable, Coroutine
from datetime import UTC, datetime, timedelta
from typing import Any

from kitchen_app.channels.base import EventRefs, FetchedOrder, Unresolved
from kitchen_app.channels.base import RelayEvent as DecodedEvent
from kitchen_app.channels.errors import ChannelError
from kitchen_app.domain import OrderKey
from kitchen_app.engine.api import FeedState, FeedStatus
from kitchen_app.engine.backoff import Backoff
from kitchen_app.engine.context import EngineContext
from kitchen_app.engine.loading import FetchResult, OrderFetcher, describe
from kitchen_app.engine.relay_feed import (
    CursorPruned,
    EventBatch,
    RelayAuthError,
    RelayEvent,
    RelayFeed,
    RelayUnavailable,
)
from kitchen_app.store import OrderChange, StoreError

__all__ = ["FeedLoop", "feed_name"]

log = logging.getLogger(__name__)


def feed_name(relay_url: str, token: str) -> str:
    """The cursor's name: a cursor means something only to the relay and store (token) that
    issued it, so a new relay or a new token starts from the beginning of its log."""
    digest = hashlib.sha256(token.encode()).hexdigest()[:12]
    return f"relay:{relay_url.rstrip('/')}#{digest}"


# How long the batch waits for its orders' first reads before it commits the slow ones as
# "details loading": short, since a healthy order behind them waits this long at most.
FIRST_READ_BUDGET_S = 0.4
# The relay backoff's cap: the desk is back within this of the relay or network returning.
RECONNECT_CAP_S = 2.0
# After a reconnect, batches in this long are the backlog: their expired orders were missed.
RECOVERY_CHECKS = timedelta(seconds=60)


class FeedLoop:
    def __init__(
        self,
        ctx: EngineContext,
        feed: RelayFeed,
        *,
        name: str,
        wait_s: float,
        fetcher: OrderFetcher,
        reconcile: Callable[[str], Coroutine[Any, Any, None]],
        pending_actions: Callable[[], int],
        on_new_order: Callable[[OrderKey], Awaitable[None]],
        check_missed: Callable[[datetime, datetime], None] | None = None,
    ) -> None:
        self._ctx = ctx
        self._feed = feed
        self._name = name
        self._wait_s = wait_s
        self._on_new_order = on_new_order
        self._fetcher = fetcher
        self._check_missed = check_missed
        self._reconcile = reconcile
        self._pending_actions = pending_actions
        self._state = FeedState(FeedStatus.CONNECTING, since=ctx.clock())
        self._last_event_at: datetime | None = None
        self._background: set[asyncio.Task[None]] = set()
        self._retry_later = False  # an event's order could not be named for now
        self._offline_since: datetime | None = None
        # After a reconnect: (offline since, back at, until when batches are checked).
        self._recovering: tuple[datetime, datetime, datetime] | None = None

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
        # A desk that was closed was offline since it last took events.
        self._offline_since = self._ctx.store.cursor_updated_at(self._name)
        backoff = Backoff(initial=0.25, maximum=RECONNECT_CAP_S)
        while True:
            try:
                # Until the relay has answered once, ask without holding: the desk shows it is
                # back the moment the relay answers, not a long-poll later.
                online = self._state.status is FeedStatus.ONLINE
                batch = await self._feed.poll(cursor, wait=self._wait_s if online else 0.0)
            except RelayAuthError:
                self._set_state(FeedStatus.AUTH_FAILED, "the relay refused this desk's token")
                await asyncio.sleep(backoff.next())
                continue
            except RelayUnavailable as exc:
                if self._offline_since is None:
                    self._offline_since = self._ctx.clock()
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
                offline_since, self._offline_since = self._offline_since, None
                now = self._ctx.clock()
                if offline_since is not None:
                    self._recovering = (offline_since, now, now + RECOVERY_CHECKS)
                # Whatever happened while we were away (or before we started), learn it now.
                self._background.add(
                    asyncio.get_running_loop().create_task(self._after_reconnect())
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
                self._missed_check()
            else:
                await asyncio.sleep(backoff.next())

    async def _after_reconnect(self) -> None:
        await self._reconcile("reconnect")
        self._missed_check()

    def _missed_check(self) -> None:
        """While recovering from an outage, list the orders that arrived and expired."""
        if self._recovering is None or self._check_missed is None:
            return
        since, back_at, until = self._recovering
        if self._ctx.clock() > until:
            self._recovering = None
            return
        self._check_missed(since, back_at)

    async def handle(self, batch: EventBatch) -> bool:
        """Record the effect of every event of one batch, move the cursor past them, then
        announce. Returns True (the batch is done; a store failure raises).

        Each order's read gets ``FIRST_READ_BUDGET_S``: orders read in time are committed
        with the cursor; the others are committed as *loading* and follow their own retry
        schedule (engine/loading.py), so no order waits for another.
        """
        wanted: dict[OrderKey, datetime] = {}  # → first notification in the batch
        unresolved: list[tuple[RelayEvent, str]] = []
        decoded = await asyncio.gather(*(self._refs(event) for event in batch.events))
        for event, refs in zip(batch.events, decoded, strict=True):
            if refs is None:
                continue
            received_at = self._received_at(event)
            if refs.unresolved is not None or not refs.refs:
                if refs.unresolved is None:
                    continue  # about no order (an item, a question…): nothing to show
                if event.verified:
                    unresolved.append((event, refs.unresolved.reason))
                    if refs.unresolved.retryable:
                        # The call that would name the order failed for now: the next
                        # re-read (a listing, where the marketplace has one) finds it.
                        self._retry_later = True
                else:
                    log.info("unverified event %s names no order; ignored", event.id)
                continue
            for ref in refs.refs:
                if not event.verified:
                    self._fetcher.hint(ref.key, received_at)
                    continue
                earlier = wanted.get(ref.key)
                wanted[ref.key] = min(earlier or received_at, received_at)

        # Orders already being retried are left to their own task (their effect is recorded).
        reads = {
            key: self._fetcher.start_fetch(key)
            for key in wanted
            if not self._fetcher.is_following(key)
        }
        if reads:
            await asyncio.wait(reads.values(), timeout=FIRST_READ_BUDGET_S)

        loading: list[tuple[OrderKey, datetime, asyncio.Task[FetchResult], bool]] = []
        new_loading = False
        new_unresolved = False
        changes: list[OrderChange] = []
        landed: list[FetchedOrder] = []
        store = self._ctx.store
        with store.transaction():
            for order, received_at in wanted.items():
                store.note_first_notification(order, received_at)
            for order, task in reads.items():
                key = order
                result = task.result() if task.done() else None
                if isinstance(result, FetchedOrder):
                    try:  # one order the store refuses must not hold the batch
                        with store.transaction():
                            changes.append(self._ctx.commit(result, "webhook"))
                            store.forget_unfetched(key)
                        landed.append(result)
                        continue
                    except StoreError as exc:
                        log.error("%s read but not stored: %s", key, exc)
                        result = ChannelError(f"the desk could not store it: {exc}")
                first_seen = wanted[order]
                known = store.order_summary(key) is not None
                if not known:
                    error = describe(order.channel, result) if result is not None else None
                    new_loading |= store.note_loading(key, first_seen, error, attempts=0)
                loading.append((order, first_seen, task, not known))
            for event, reason in unresolved:
                new_unresolved |= store.add_unresolved(
                    f"{self._name}#{event.id}",
                    event.channel,
                    self._received_at(event),
                    reason,
                    _raw_body(event),
                )
            store.set_cursor(self._name, batch.cursor)
        # Announced only now that they are durable.
        for order, first_seen, task, is_new in loading:
            self._fetcher.follow(order, first_seen, in_flight=task, loading=is_new)
        for change in changes:
            self._ctx.announce(change)
        for fetched in landed:
            self._fetcher.follow_related(fetched)
        if new_loading:
            self._ctx.listener.loading_orders_changed()
        if new_unresolved:
            log.warning("%d notification(s) could not be resolved", len(unresolved))
            self._ctx.listener.unresolved_changed()
        for change in changes:
            if change.is_new:
                await self._on_new_order(change.key)
        if self._retry_later:
            self._retry_later = False
            self._background.add(
                asyncio.get_running_loop().create_task(self._reconcile("unresolved event"))
            )
        return True

    async def _refs(self, event: RelayEvent) -> EventRefs | None:
        """The plug-in's one decode of an event; None when no plug-in serves its channel."""
        plugin = self._ctx.plugin(event.channel)
        if plugin is None:
            log.warning("event %s from channel %r ignored: not served", event.id, event.channel)
            return None
        decoded = DecodedEvent(
            id=event.id,
            channel=event.channel,
            topic=event.topic,
            resource=event.resource,
            received_at=self._received_at(event),
            payload=dict(event.payload or {}),
            verified=event.verified,
        )
        try:
            return await plugin.refs_from_event(decoded)
        except ChannelError as exc:  # the call that resolves it failed
            self._ctx.api_outcome(event.channel, exc)
            return EventRefs(unresolved=Unresolved(exc.message, retryable=exc.retryable))
        except Exception as exc:  # a plug-in's bug: the event is listed, never dropped
            log.exception("event %s could not be decoded", event.id)
            return EventRefs(unresolved=Unresolved(f"the desk could not read it: {exc}", False))

    def _received_at(self, event: RelayEvent) -> datetime:
        """When the relay received the event (its clock); the desk's now when unreadable."""
        try:
            moment = datetime.fromisoformat(event.received_at)
        except ValueError:
            return self._ctx.clock()
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)  # the relay writes UTC
        return moment


def _raw_body(event: RelayEvent) -> str:
    """The notification as the marketplace sent it (the relay's stored payload)."""
    body: dict[str, Any] = event.payload or {"topic": event.topic, "resource": event.resource}
    return json.dumps(body, ensure_ascii=False, sort_keys=True)
