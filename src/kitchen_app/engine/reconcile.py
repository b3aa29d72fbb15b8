"""Reconciliation: re-read every order that is not final, on a period and whenever the feed
comes back, so a lost webhook costs seconds instead of the order (DESIGN §2)."""

from __future__ import annotations

import asyncio
import logging
from datetime import timedelta

from kitchen_app.channels.base import FetchedOrder
from kitchen_app.channels.errors import ChannelError
from kitchen_app.engine.context import EngineContext
from kitchen_app.store import OrderChange

__all__ = ["Reconciler"]

log = logging.getLogger(__name__)

_CONCURRENCY = 4
# Orders older than this that never reached a final state are left alone: the marketplace
# closes them on its side, and re-reading them forever would only cost requests.
_HORIZON = timedelta(days=2)


class Reconciler:
    def __init__(self, ctx: EngineContext) -> None:
        self._ctx = ctx
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
                client, order_id = self._ctx.client_for_key(key)
                async with semaphore:
                    try:
                        return await client.fetch_order(order_id)
                    except ChannelError as exc:
                        log.info("reconcile (%s): %s not re-read: %s", reason, key, exc.message)
                        return None

            results = await asyncio.gather(*(fetch(k) for k in keys))
            changes: list[OrderChange] = []
            with self._ctx.store.transaction():
                for fetched in results:
                    if fetched is not None:
                        changes.append(self._ctx.commit(fetched, "reconcile"))
            changed = [c for c in changes if c.advanced or c.added]
            for change in changed:
                self._ctx.announce(change)
            self.runs += 1
            if changed:
                log.info("reconcile (%s): %d of %d orders changed", reason, len(changed), len(keys))
            return len(changed)

    async def run_periodically(self, interval_s: float) -> None:
        while True:
            await asyncio.sleep(interval_s)
            try:
                await self.run_once("periodic")
            except Exception:  # keep reconciling whatever one pass hit
                log.exception("reconcile pass failed")
