"""What the engine's parts share on the engine thread: the store (the one writer), the
channel clients, the listener, the clock, and the helpers that fetch and commit an order."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from kitchen_app.channels.base import ChannelClient, FetchedOrder
from kitchen_app.channels.errors import ChannelError
from kitchen_app.domain import Channel, TimelineEntry
from kitchen_app.engine.api import EngineListener
from kitchen_app.engine.deadline import accept_deadline
from kitchen_app.settings import SETTINGS
from kitchen_app.store import DeskStore, OrderChange

__all__ = ["ApiOutcome", "EngineContext", "OccurredAt", "utc_now"]

log = logging.getLogger(__name__)

# Per channel: the marketplace's own time for the state a fetched order is in, when its JSON
# carries one (e.g. Mercado Pago's createdAt for ready_to_print); None → the time we learnt it.
OccurredAt = Callable[[FetchedOrder], datetime | None]
# Told the outcome of every call to a marketplace API (None: it answered), for the health.
ApiOutcome = Callable[[Channel, ChannelError | None], None]


def _ignore_outcome(channel: Channel, error: ChannelError | None) -> None:
    pass


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class EngineContext:
    store: DeskStore
    clients: Mapping[Channel, ChannelClient]
    listener: EngineListener
    occurred_at: Mapping[Channel, OccurredAt] = field(default_factory=dict)
    clock: Callable[[], datetime] = utc_now
    api_outcome: ApiOutcome = _ignore_outcome
    # Told of every announced change (the store watch looks for auto-cancels).
    observers: list[Callable[[OrderChange], None]] = field(default_factory=list)

    def setting(self, key: str) -> Any:
        return self.store.get_setting(key, SETTINGS[key].default)

    def client_for_key(self, key: str) -> tuple[ChannelClient, str]:
        """The client and marketplace order id for a desk order key ("mp_delivery:123")."""
        channel_name, _, order_id = key.partition(":")
        client = self.clients[Channel(channel_name)]
        return client, order_id

    def entry_for(self, fetched: FetchedOrder, source: str) -> TimelineEntry:
        now = self.clock()
        finder = self.occurred_at.get(fetched.order.channel)
        occurred = finder(fetched) if finder is not None else None
        return TimelineEntry(fetched.order.status, occurred or now, now, source)

    def commit(self, fetched: FetchedOrder, source: str) -> OrderChange:
        """Store one fetched order and its observed state (callers group these in a
        transaction when several must commit together). The accept deadline follows the
        rule of engine/deadline.py."""
        order = fetched.order
        key = order.key
        first_notified = self.store.first_notification(key)
        deadline = None
        if first_notified is not None:
            deadline = accept_deadline(
                key,
                order.created_at,
                order.accept_deadline - order.created_at,
                first_notified,
                warn=self.store.order_summary(key) is None,  # once, when the order lands
            )
        return self.store.apply_order(
            order, [self.entry_for(fetched, source)], accept_deadline=deadline
        )

    def announce(self, change: OrderChange) -> None:
        for observe in self.observers:
            observe(change)
        if change.is_new:
            self.listener.order_added(change.key)
        else:
            self.listener.order_changed(change.key)
