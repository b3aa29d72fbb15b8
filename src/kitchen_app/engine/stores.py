"""Watching the marketplace stores' status (api notes §9, issue item 5).

Mercado Pago pauses a store after two orders expire in a row; a paused store receives no
orders, which the desk would otherwise take for a quiet day. The watch reads each store's
status at start (and after the connection settings change), after every auto-cancel
(``cancelled/time_expired``) and every few minutes. The store ids come from the
``<channel>.user_id`` setting through the stores list, else from the stores of recent orders.
Each read doubles as a probe of the marketplace API, so a wrong address or token shows in
the health within seconds instead of only when an order arrives.

Reopening sets the status to ``enabled``; the desk never sends ``disabled`` (irreversible).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import deque
from datetime import datetime, timedelta
from typing import Any

from kitchen_app.channels.base import StoreStatusClient
from kitchen_app.channels.errors import ChannelError, NotFound
from kitchen_app.domain import Channel, StatusPair
from kitchen_app.engine.api import ActionOutcome, ActionOutcomeState, StorePause
from kitchen_app.engine.context import EngineContext
from kitchen_app.engine.health import HealthMonitor
from kitchen_app.engine.settings import SETTINGS
from kitchen_app.store import OrderChange

__all__ = ["CHECK_INTERVAL_S", "StoreWatch"]

log = logging.getLogger(__name__)

CHECK_INTERVAL_S = 300.0
_AUTO_CANCEL = StatusPair("cancelled", "time_expired")
# Expiries this close together explain a pause ("two orders expired").
_EXPIRY_MEMORY = timedelta(hours=2)
_RECENT_ORDERS = timedelta(days=2)
_REOPENABLE = frozenset({"paused"})
_TAKING_ORDERS = frozenset({"enabled", "active", "open"})


def _field(info: Any, *names: str) -> str | None:
    """A store record's field, whichever name the client gives it (id or store_id)."""
    for name in names:
        value = getattr(info, name, None)
        if value is not None:
            return str(value)
    return None


class StoreWatch:
    def __init__(self, ctx: EngineContext, health: HealthMonitor) -> None:
        self._ctx = ctx
        self._health = health
        self._lock = asyncio.Lock()
        self._expiries: deque[datetime] = deque(maxlen=10)
        self._pending: asyncio.Task[None] | None = None
        self.checks = 0  # completed checks (diagnostics and tests)

    # ---- when to look ------------------------------------------------------------------

    def observe(self, change: OrderChange) -> None:
        """Every announced order change: an auto-cancel makes the watch look again."""
        if change.advanced and change.current == _AUTO_CANCEL:
            self._expiries.append(self._ctx.clock())
            self.soon("auto-cancel")

    def soon(self, reason: str) -> None:
        if self._pending is None or self._pending.done():
            self._pending = asyncio.get_running_loop().create_task(self.check(reason))

    async def run_periodically(self, interval_s: float = CHECK_INTERVAL_S) -> None:
        while True:
            await asyncio.sleep(interval_s)
            try:
                await self.check("periodic")
            except Exception:  # keep watching whatever one check hit
                log.exception("store status check failed")

    async def stop(self) -> None:
        if self._pending is not None:
            self._pending.cancel()
            await asyncio.gather(self._pending, return_exceptions=True)

    # ---- looking -----------------------------------------------------------------------

    async def check(self, reason: str) -> None:
        async with self._lock:
            for channel, client in list(self._ctx.clients.items()):
                await self._check_channel(channel, client, reason)
            self.checks += 1

    async def _check_channel(self, channel: Channel, client: Any, reason: str) -> None:
        if not isinstance(client, StoreStatusClient):
            return  # a marketplace without stores to pause
        get_store = client.get_store
        try:
            ids = await self._store_ids(channel, client)
            if not ids:
                await self._probe(client)
            pauses = []
            for store_id in ids:
                info = await get_store(store_id)
                status = (_field(info, "status") or "").lower()
                if status and status not in _TAKING_ORDERS:
                    pauses.append(self._pause(channel, store_id, status, info))
        except ChannelError as exc:
            self._health.api_outcome(channel, exc)
            log.info("store status (%s) not read: %s", reason, exc.message)
            return
        self._health.api_outcome(channel, None)
        self._health.set_pauses(channel, pauses)
        for pause in pauses:
            log.warning("store %s is %s (%s)", pause.store_id, pause.status, pause.reason)

    async def _store_ids(self, channel: Channel, client: Any) -> list[str]:
        user_key = f"{channel}.user_id"
        user_id = str(self._ctx.setting(user_key) or "").strip() if user_key in SETTINGS else ""
        if user_id and isinstance(client, StoreStatusClient):
            stores = await client.list_stores(user_id)
            ids = [_field(s, "store_id", "id") for s in stores]
            return [i for i in ids if i]
        since = self._ctx.clock() - _RECENT_ORDERS
        return self._ctx.store.store_ids(channel, since)

    @staticmethod
    async def _probe(client: Any) -> None:
        """No store to read: one cheap read that tells a wrong address or token."""
        with contextlib.suppress(NotFound):  # the API answered and took the token
            await client.fetch_order("0")

    def _pause(self, channel: Channel, store_id: str, status: str, info: Any) -> StorePause:
        now = self._ctx.clock()
        recent = [t for t in self._expiries if now - t <= _EXPIRY_MEMORY]
        reason = "two orders expired without being accepted" if len(recent) >= 2 else None
        return StorePause(
            channel=channel,
            store_id=store_id,
            status=status,
            reason=reason,
            can_reopen=status in _REOPENABLE,
        )

    # ---- reopening ---------------------------------------------------------------------

    async def reopen(self, channel_name: str, store_id: str) -> ActionOutcome:
        """Ask the marketplace to take orders again in a paused store (never ``disabled``)."""
        try:
            channel = channel_name
            client = self._ctx.clients[channel]
        except (ValueError, KeyError):
            return ActionOutcome(None, ActionOutcomeState.FAILED, f"no {channel_name} connection")
        if not isinstance(client, StoreStatusClient):
            return ActionOutcome(None, ActionOutcomeState.FAILED, "this marketplace has no stores")
        try:
            await client.set_store_status(store_id, "enabled")
        except ChannelError as exc:
            self._health.api_outcome(channel, exc)
            log.warning("reopening store %s: %s", store_id, exc.message)
            return ActionOutcome(None, ActionOutcomeState.FAILED, exc.message)
        log.info("store %s reopened", store_id)
        self._expiries.clear()
        await self.check("reopened")
        return ActionOutcome(None, ActionOutcomeState.CONFIRMED)
