"""What the engine's parts share on the engine thread: the store (the one writer), the
channel clients, the listener, the clock, and the helpers that fetch and commit an order."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from kitchen_app.channels.base import (
    ChannelClient,
    FetchedOrder,
    FetchFailure,
    Marketplace,
    OrderRef,
)
from kitchen_app.channels.errors import ChannelError
from kitchen_app.domain import Channel, OrderKey, TimelineEntry
from kitchen_app.engine.api import EngineListener
from kitchen_app.engine.deadline import accept_deadline
from kitchen_app.engine.settings import SETTINGS
from kitchen_app.store import DeskStore, OrderChange

__all__ = ["ApiOutcome", "EngineContext", "OccurredAt", "utc_now"]

log = logging.getLogger(__name__)

# Per channel: the marketplace's own time for the state a fetched order is in, when its JSON
# carries one (e.g. Mercado Pago's createdAt for ready_to_print); None → the time we learnt it.
OccurredAt = Callable[[FetchedOrder], datetime | None]
# Told the outcome of every call to a marketplace API (None: it answered), for the health.
ApiOutcome = Callable[[str, ChannelError | None], None]


def _ignore_outcome(channel: str, error: ChannelError | None) -> None:
    pass


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class EngineContext:
    store: DeskStore
    clients: Mapping[Channel, ChannelClient]
    listener: EngineListener
    # The plug-ins' Marketplaces by channel id, rebuilt with the clients on every connect.
    marketplaces: Mapping[str, Marketplace] = field(default_factory=dict)
    occurred_at: Mapping[Channel, OccurredAt] = field(default_factory=dict)
    clock: Callable[[], datetime] = utc_now
    api_outcome: ApiOutcome = _ignore_outcome
    # Per channel with one: how long an order whose details are unread may wait for
    # acceptance (the plug-ins' ``unread_accept_window``); the loading retries last that long.
    unread_accept_windows: Mapping[str, timedelta] = field(default_factory=dict)
    # Told of every announced change (the store watch looks for auto-cancels).
    observers: list[Callable[[OrderChange], None]] = field(default_factory=list)

    def setting(self, key: str) -> Any:
        return self.store.get_setting(key, SETTINGS[key].default)

    def plugin(self, channel: str) -> Marketplace | None:
        """The Marketplace serving a channel, None when it is off (no settings)."""
        return self.marketplaces.get(channel)

    async def fetch_many(
        self, keys: Sequence[OrderKey]
    ) -> dict[OrderKey, FetchedOrder | ChannelError]:
        """Read orders through their plug-ins (one call per plug-in: a marketplace that
        reads several orders at once does). Every key gets its order or its error; an error
        of one never hides another's order. Each outcome is told to the health."""
        by_channel: dict[str, list[OrderKey]] = {}
        for key in keys:
            by_channel.setdefault(key.channel, []).append(key)
        out: dict[OrderKey, FetchedOrder | ChannelError] = {}
        for channel, mine in by_channel.items():
            plugin = self.plugin(channel)
            if plugin is None:
                for key in mine:
                    out[key] = ChannelError(f"no {channel} connection is configured")
                continue
            try:
                results = await plugin.fetch([OrderRef(key) for key in mine])
            except ChannelError as exc:
                results = [FetchFailure(key, exc) for key in mine]
            except Exception as exc:  # a plug-in's bug must not stop intake
                log.exception("%s: reading %d order(s) failed", channel, len(mine))
                error = ChannelError(f"{channel}: the desk could not read it ({exc})")
                results = [FetchFailure(key, error) for key in mine]
            answered = False
            for result in results:
                if isinstance(result, FetchFailure):
                    out[result.key] = result.error
                    self.api_outcome(channel, result.error)
                else:
                    out[OrderKey(channel, result.order.order_id)] = result
                    answered = True
            if answered:
                self.api_outcome(channel, None)
            for key in mine:  # a plug-in that left one out
                out.setdefault(key, ChannelError(f"{channel}: no answer for order {key.order_id}"))
        return out

    async def fetch_one(self, key: OrderKey) -> FetchedOrder | ChannelError:
        return (await self.fetch_many([key]))[key]

    def entry_for(self, fetched: FetchedOrder, source: str) -> TimelineEntry:
        now = self.clock()
        finder = next(
            (f for channel, f in self.occurred_at.items() if channel == fetched.order.channel),
            None,
        )
        occurred = finder(fetched) if finder is not None else None
        return TimelineEntry(fetched.order.status, occurred or now, now, source)

    def commit(self, fetched: FetchedOrder, source: str) -> OrderChange:
        """Store one fetched order and its observed state (callers group these in a
        transaction when several must commit together). The accept deadline follows the
        rule of engine/deadline.py."""
        order = fetched.order
        key = order.key
        plugin = self.plugin(order.channel)
        flow = plugin.flow(order) if plugin is not None else None
        window = flow.accept_window if flow is not None else None  # a channel that is off
        first_notified = self.store.first_notification(key)
        deadline = None
        if first_notified is not None and window is not None:
            deadline = accept_deadline(
                key,
                order.created_at,
                window,
                first_notified,
                warn=self.store.order_summary(key) is None,  # once, when the order lands
            )
        return self.store.apply_order(
            order, self.entries_for(fetched, source), accept_deadline=deadline, flow=flow
        )

    def entries_for(self, fetched: FetchedOrder, source: str) -> list[TimelineEntry]:
        """The plug-in's observations (every track, dated by the marketplace where it said),
        else the order's status at the time the channel's finder gives."""
        if not fetched.observations:
            return [self.entry_for(fetched, source)]
        now = self.clock()
        return [
            TimelineEntry(obs.pair, obs.at or now, now, source, obs.track)
            for obs in fetched.observations
        ]

    def set_accepted(self, key: OrderKey) -> None:
        """The order is taken (accepted at the marketplace, or seen): its stage follows its
        plug-in's flow."""
        order = self.store.get_order(key)
        plugin = self.plugin(order.channel) if order is not None else None
        flow = plugin.flow(order) if plugin is not None and order is not None else None
        self.store.set_accepted(key, flow=flow)

    def announce(self, change: OrderChange) -> None:
        for observe in self.observers:
            observe(change)
        if change.is_new:
            self.listener.order_added(change.key)
        else:
            self.listener.order_changed(change.key)
