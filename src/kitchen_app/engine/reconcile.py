"""Reconciliation: re-read every order that is not final, on a period and whenever the feed
comes back, so a lost webhook costs seconds instead of the order (DESIGN §2)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import timedelta

from kitchen_app.channels.base import FetchedOrder
from kitchen_app.channels.errors import ChannelError
from kitchen_app.engine.context import EngineContext
from kitchen_app.store import OrderChange, StoreError

__all__ = ["Reconciler"]

log = logging.getLogger(__name__)

_CONCURRENCY = 4
# Orders older than this that never reached a final state are left alone: the marketplace
# closes them on its side, and re-reading them forever would only cost requests.
_HORIZON = timedelta(days=2)
_GIVE_UP = timedelta(days=1)


class Reconciler:
    def __init__(
        self,
        ctx: EngineContext,
        on_new_order: Callable[[str], Awaitable[None]] | None = None,
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
            semaphore = asyncio.Semaphore(_CONCURRENCY)

            async def fetch(key: str) -> FetchedOrder | None:
                try:
                    client, order_id = self._ctx.client_for_key(key)
                except (KeyError, ValueError):
                    return None  # a channel this desk has no client for
                async with semaphore:
                    try:
                        fetched = await client.fetch_order(order_id)
                    except ChannelError as exc:
                        self._ctx.api_outcome(client.channel, exc)
                        log.info("reconcile (%s): %s not re-read: %s", reason, key, exc.message)
                        return None
                    self._ctx.api_outcome(client.channel, None)
                    return fetched

            results = await asyncio.gather(*(fetch(k) for k in keys))
            changes: list[OrderChange] = []
            for fetched in results:
                if fetched is None:
                    continue
                try:  # one order the store refuses must not undo the others
                    changes.append(self._ctx.commit(fetched, "reconcile"))
                except StoreError as exc:
                    log.error("reconcile (%s): %s not stored: %s", reason, fetched.order.key, exc)
            changed = [c for c in changes if c.advanced or c.added]
            for change in changed:
                self._ctx.announce(change)
            changed += await self._retry_parked(reason)
            self.runs += 1
            if changed:
                log.info("reconcile (%s): %d of %d orders changed", reason, len(changed), len(keys))
            return len(changed)

    async def _retry_parked(self, reason: str) -> list[OrderChange]:
        """Orders an event named that could not be read then: try each again; give up only
        after a day (the marketplace has long cancelled such an order by then)."""
        found: list[OrderChange] = []
        for key, first_seen in self._ctx.store.unfetched_keys(parked_only=True):
            try:
                client, order_id = self._ctx.client_for_key(key)
            except (KeyError, ValueError):
                log.error("parked order %s has no client; forgotten", key)
                self._ctx.store.forget_unfetched(key)
                self._ctx.listener.loading_orders_changed()
                continue
            try:
                fetched = await client.fetch_order(order_id)
            except ChannelError as exc:
                self._ctx.api_outcome(client.channel, exc)
                if self._ctx.clock() - first_seen > _GIVE_UP:
                    log.error("parked order %s still unreadable after a day: %s", key, exc)
                    self._ctx.store.forget_unfetched(key)
                    self._ctx.listener.loading_orders_changed()
                else:
                    self._ctx.store.record_fetch_failure(key, exc.message)
                continue
            self._ctx.api_outcome(client.channel, None)
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

    async def run_periodically(self, interval_s: float) -> None:
        while True:
            await asyncio.sleep(interval_s)
            try:
                await self.run_once("periodic")
            except Exception:  # keep reconciling whatever one pass hit
                log.exception("reconcile pass failed")
