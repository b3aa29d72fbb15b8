"""Reconciliation: re-read every order that is not final, on a period and whenever the feed
comes back, so a lost webhook costs seconds instead of the order (DESIGN §2)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence
from datetime import timedelta

from kitchen_app.channels.base import FetchedOrder, OrderRef
from kitchen_app.channels.errors import ChannelError
from kitchen_app.domain import OrderKey
from kitchen_app.engine.context import EngineContext
from kitchen_app.store import OrderChange, StoreError

__all__ = ["Reconciler"]

log = logging.getLogger(__name__)

# Groups of orders read at once, and groups in flight (a plug-in reads a group with its
# own concurrency: Mercado Pago 4 at a time, so at most 8 reads as before the plug-ins).
_CONCURRENCY = 2
_CHUNK = 8
# Pages of a marketplace's recent-orders list read per run (a pass may span runs), and how
# far back the next pass starts before this one did (lists are filtered to the hour).
_LIST_PAGES = 20
_LIST_OVERLAP = timedelta(hours=1)
# Orders older than this that never reached a final state are left alone: the marketplace
# closes them on its side, and re-reading them forever would only cost requests.
_HORIZON = timedelta(days=2)
_GIVE_UP = timedelta(days=1)


class Reconciler:
    def __init__(
        self,
        ctx: EngineContext,
        on_new_order: Callable[[OrderKey], Awaitable[None]] | None = None,
    ) -> None:
        self._ctx = ctx
        self._on_new_order = on_new_order
        self._lock = asyncio.Lock()
        self.runs = 0  # how many passes completed (diagnostics and tests)

    async def run_once(self, reason: str) -> int:
        """Re-read open orders; returns how many changed. Passes never overlap."""
        async with self._lock:
            horizon = self._ctx.clock() - _HORIZON
            keys = [
                key
                for key in self._ctx.store.open_order_keys()
                if (s := self._ctx.store.order_summary(key)) is not None and s.created_at > horizon
            ]
            # A channel now off is left alone.
            orders = [key for key in keys if self._ctx.plugin(key.channel) is not None]
            semaphore = asyncio.Semaphore(_CONCURRENCY)

            async def fetch(chunk: list[OrderKey]) -> list[FetchedOrder]:
                async with semaphore:
                    answers = await self._ctx.fetch_many(chunk)
                out = []
                for order, answer in answers.items():
                    if isinstance(answer, ChannelError):
                        log.info("reconcile (%s): %s not re-read: %s", reason, order, answer)
                    else:
                        out.append(answer)
                return out

            # Small groups, so a plug-in that reads several at once does, and one slow
            # marketplace holds only its own group.
            chunks = [orders[i : i + _CHUNK] for i in range(0, len(orders), _CHUNK)]
            results = [f for group in await asyncio.gather(*map(fetch, chunks)) for f in group]
            changes: list[OrderChange] = []
            for fetched in results:
                try:  # one order the store refuses must not undo the others
                    changes.append(self._ctx.commit(fetched, "reconcile"))
                except StoreError as exc:
                    log.error("reconcile (%s): %s not stored: %s", reason, fetched.order.key, exc)
            changed = [c for c in changes if c.advanced or c.added]
            for change in changed:
                self._ctx.announce(change)
            changed += await self._retry_parked(reason)
            changed += await self._list_recent(reason)
            self.runs += 1
            if changed:
                log.info("reconcile (%s): %d of %d orders changed", reason, len(changed), len(keys))
            return len(changed)

    async def _retry_parked(self, reason: str) -> list[OrderChange]:
        """Orders an event named that could not be read then: try each again; give up only
        after a day (the marketplace has long cancelled such an order by then)."""
        found: list[OrderChange] = []
        for key, first_seen in self._ctx.store.unfetched_keys(parked_only=True):
            if self._ctx.plugin(key.channel) is None:
                log.error("parked order %s has no marketplace connection; forgotten", key)
                self._ctx.store.forget_unfetched(key)
                self._ctx.listener.loading_orders_changed()
                continue
            fetched = await self._ctx.fetch_one(key)
            if isinstance(fetched, ChannelError):
                exc = fetched
                if self._ctx.clock() - first_seen > _GIVE_UP:
                    log.error("parked order %s still unreadable after a day: %s", key, exc)
                    self._ctx.store.forget_unfetched(key)
                    self._ctx.listener.loading_orders_changed()
                else:
                    self._ctx.store.record_fetch_failure(key, exc.message)
                continue
            with self._ctx.store.transaction():
                change = self._ctx.commit(fetched, reason)
                self._ctx.store.forget_unfetched(key)
            log.info("parked order %s read at last (%s)", key, reason)
            self._ctx.announce(change)
            self._ctx.listener.loading_orders_changed()
            if change.is_new and self._on_new_order is not None:
                await self._on_new_order(key)
            found.append(change)
        return found

    async def _list_recent(self, reason: str) -> list[OrderChange]:
        """Where the marketplace offers a list of recent orders (Mercado Libre, Shopee):
        page through the orders changed since the last complete pass, and read those the
        desk does not have, or whose status the list shows moved. A pass may span several
        runs: its opaque cursor is kept in the store (list_cursors)."""
        found: list[OrderChange] = []
        for channel, plugin in list(self._ctx.marketplaces.items()):
            if not plugin.lists_orders:
                continue
            started = self._ctx.clock()
            since, cursor = self._ctx.store.list_cursor(channel)
            since = since or started - _HORIZON
            for _ in range(_LIST_PAGES):
                try:
                    page = await plugin.list_recent(since, cursor)
                except ChannelError as exc:
                    self._ctx.api_outcome(channel, exc)
                    log.info("listing %s (%s) stopped: %s", channel, reason, exc.message)
                    break
                found += await self._read_listed(page.refs, reason)
                cursor = page.cursor
                if cursor is None:  # the pass is complete: the next one starts from here
                    self._ctx.store.set_list_cursor(channel, started - _LIST_OVERLAP, None)
                    break
                self._ctx.store.set_list_cursor(channel, since, cursor)
        return found

    async def _read_listed(self, refs: Sequence[OrderRef], reason: str) -> list[OrderChange]:
        wanted = []
        for ref in refs:
            summary = self._ctx.store.order_summary(ref.key)
            if summary is None or (
                ref.seen_status is not None and summary.status != ref.seen_status
            ):
                wanted.append(ref.key)
        if not wanted:
            return []
        answers = await self._ctx.fetch_many(wanted)
        found = []
        for key, answer in answers.items():
            if isinstance(answer, ChannelError):
                log.info("listed order %s not read: %s", key, answer.message)
                continue
            try:
                with self._ctx.store.transaction():
                    change = self._ctx.commit(answer, "list")
                    self._ctx.store.forget_unfetched(key)
            except StoreError as exc:
                log.error("listed order %s not stored: %s", key, exc)
                continue
            self._ctx.announce(change)
            if change.is_new and self._on_new_order is not None:
                await self._on_new_order(change.key)
            found.append(change)
        return found

    async def run_periodically(self, interval_s: float) -> None:
        while True:
            await asyncio.sleep(interval_s)
            try:
                await self.run_once("periodic")
            except Exception:  # keep reconciling whatever one pass hit
                log.exception("reconcile pass failed")
