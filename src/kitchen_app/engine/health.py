"""The desk's health (DESIGN §6.9): one ``DeskHealth`` built from the relay feed's state, each
marketplace API's last outcome, the printers, the store's loading/parked orders, unresolved
notifications and unprinted jobs, paused stores and orders missed while offline.

``HealthListener`` sits between the engine's parts and the caller's listener: it forwards
every call and, on those that can change the health, asks the monitor to recompute once on
the engine loop (several changes in one turn of the loop make one ``health_changed``).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable, Iterable
from datetime import datetime

from kitchen_app.channels.errors import (
    AuthError,
    BadResponse,
    ChannelError,
    NotFound,
    RateLimited,
    StateConflict,
)
from kitchen_app.domain.keys import OrderKey
from kitchen_app.engine.api import (
    ApiHealth,
    DeskHealth,
    EngineListener,
    FeedState,
    FeedStatus,
    PrinterStatus,
    StorePause,
)
from kitchen_app.store import DeskStore, StoreError

__all__ = ["HealthListener", "HealthMonitor", "api_message", "needs_relink"]

log = logging.getLogger(__name__)


def needs_relink(error: ChannelError | None, linked: bool) -> bool:
    """A refused token on a channel whose credentials are the relay's: staff must link the
    store again (the relay could not refresh it), not paste anything. The relay refusing the
    desk's own token is another matter (the feed says so)."""
    return linked and isinstance(error, AuthError) and error.code != "relay_token"


def api_message(
    channel: str, error: ChannelError, name: str | None = None, *, linked: bool = False
) -> str | None:
    """What staff should read about a marketplace API after this error; None when the error
    says nothing against the API itself (an order it does not know, a refused action).
    ``linked``: the channel's credentials are the relay's."""
    if isinstance(error, NotFound | StateConflict | BadResponse):
        return None
    name = name or str(channel)
    if needs_relink(error, linked):
        return f"{name} link expired — relink"
    if isinstance(error, AuthError):
        if error.code == "no_token":
            return f"no {name} access token is set: enter it in Settings"
        return f"{name} refused the access token: check it in Settings"
    if isinstance(error, RateLimited):
        return f"{name} asks the desk to slow down; orders keep loading"
    if error.status is not None:
        return f"{name} answers with errors ({error.status}); the desk keeps trying"
    if error.retryable:
        return f"cannot reach {name}: check the internet connection and the API address"
    return f"{name}: {error.message}"


class HealthMonitor:
    """Holds the health's parts; computes and announces ``DeskHealth`` on the engine loop."""

    def __init__(self, listener: EngineListener, clock: Callable[[], datetime]) -> None:
        self._listener = listener
        self._clock = clock
        self._store: DeskStore | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._scheduled = False
        self._feed = FeedState(FeedStatus.CONNECTING)
        self._apis: dict[str, ApiHealth] = {}
        # What staff call each marketplace (the plug-ins' display names), by channel id.
        self.channel_names: dict[str, str] = {}
        # Channels whose credentials are the relay's (token custody): a refused token there
        # means "relink".
        self.relay_channels: set[str] = set()
        self._printers: dict[str, PrinterStatus] = {}
        self._pauses: dict[tuple[str, str], StorePause] = {}
        self._missed: dict[OrderKey, None] = {}
        self.current = DeskHealth(self._feed)

    def attach(self, store: DeskStore, loop: asyncio.AbstractEventLoop) -> None:
        self._store = store
        self._loop = loop

    # ---- inputs (engine loop, or any thread through mark_dirty) -------------------------

    def mark_dirty(self) -> None:
        """Recompute soon, once, on the engine loop. Safe from any thread."""
        loop = self._loop
        if loop is None or loop.is_closed():
            return
        with contextlib.suppress(RuntimeError):  # the loop is closing
            loop.call_soon_threadsafe(self._schedule)

    def _schedule(self) -> None:
        if not self._scheduled:
            self._scheduled = True
            asyncio.get_running_loop().call_soon(self.recompute)

    def feed(self, state: FeedState) -> None:
        self._feed = state
        self.mark_dirty()

    def printer(self, status: PrinterStatus) -> None:
        self._printers[status.name] = status
        self.mark_dirty()

    def forget_printers(self, keep: Iterable[str]) -> None:
        names = set(keep)
        self._printers = {n: s for n, s in self._printers.items() if n in names}
        self.mark_dirty()

    def api_outcome(self, channel: str, error: ChannelError | None) -> None:
        channel = str(channel)
        name = self.channel_names.get(channel)
        linked = channel in self.relay_channels
        message = api_message(channel, error, name, linked=linked) if error is not None else None
        if error is not None and message is None:
            return  # the API answered; one order's trouble says nothing of it
        ok = message is None
        relink = needs_relink(error, linked)
        previous = self._apis.get(channel)
        if (
            previous is not None
            and previous.ok is ok
            and previous.message == message
            and previous.relink is relink
        ):
            return
        since = self._clock()
        self._apis[channel] = ApiHealth(channel, ok, message, since, relink=relink)
        if not ok:
            log.warning("marketplace API %s: %s", channel, message)
        self.mark_dirty()

    def reset_apis(self, channels: Iterable[str]) -> None:
        """New connection settings: nothing is known of the new clients yet."""
        self._apis = {str(c): ApiHealth(str(c), None) for c in channels}
        self.mark_dirty()

    def set_pauses(self, channel: str, pauses: Iterable[StorePause]) -> None:
        kept = {k: p for k, p in self._pauses.items() if k[0] != channel}
        kept.update({(p.channel, p.store_id): p for p in pauses})
        if kept != self._pauses:
            self._pauses = kept
            self.mark_dirty()

    def add_missed(self, keys: Iterable[OrderKey]) -> bool:
        added = False
        for key in keys:
            if key not in self._missed:
                self._missed[key] = None
                added = True
        if added:
            self.mark_dirty()
        return added

    def acknowledge_missed(self) -> None:
        if self._missed:
            self._missed.clear()
            self.mark_dirty()

    # ---- output ------------------------------------------------------------------------

    def recompute(self) -> DeskHealth:
        self._scheduled = False
        loading = parked = unresolved = unprinted = 0
        if self._store is not None:
            try:
                orders = self._store.loading_orders()
                parked = sum(1 for o in orders if o.parked)
                loading = len(orders) - parked
                unresolved = len(self._store.unresolved_notifications())
                unprinted = self._store.unprinted_job_count()
            except StoreError:
                log.exception("reading the desk's health from the store")
        health = DeskHealth(
            feed=self._feed,
            apis=tuple(self._apis[c] for c in sorted(self._apis)),
            printers=tuple(self._printers[n] for n in sorted(self._printers)),
            loading_orders=loading,
            parked_orders=parked,
            unresolved=unresolved,
            unprinted_jobs=unprinted,
            pauses=tuple(self._pauses[k] for k in sorted(self._pauses)),
            missed_while_offline=tuple(self._missed),
        )
        if health != self.current:
            self.current = health
            self._listener.health_changed(health)
        return health


class HealthListener:
    """Forwards to the caller's listener; keeps the health monitor informed."""

    def __init__(self, inner: EngineListener, monitor: HealthMonitor) -> None:
        self._inner = inner
        self._monitor = monitor

    def order_added(self, key: OrderKey) -> None:
        self._inner.order_added(key)
        self._monitor.mark_dirty()

    def order_changed(self, key: OrderKey) -> None:
        self._inner.order_changed(key)
        self._monitor.mark_dirty()

    def feed_state_changed(self, state: FeedState) -> None:
        self._inner.feed_state_changed(state)
        self._monitor.feed(state)

    def action_changed(self, key: OrderKey, action_id: int) -> None:
        self._inner.action_changed(key, action_id)

    def print_job_changed(self, key: OrderKey | None, job_id: int) -> None:
        self._inner.print_job_changed(key, job_id)
        self._monitor.mark_dirty()

    def printer_state_changed(self, status: PrinterStatus) -> None:
        self._inner.printer_state_changed(status)
        self._monitor.printer(status)

    def health_changed(self, health: DeskHealth) -> None:
        self._inner.health_changed(health)

    def loading_orders_changed(self) -> None:
        self._inner.loading_orders_changed()
        self._monitor.mark_dirty()

    def unresolved_changed(self) -> None:
        self._inner.unresolved_changed()
        self._monitor.mark_dirty()
