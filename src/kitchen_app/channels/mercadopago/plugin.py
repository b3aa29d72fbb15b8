"""Mercado Pago Delivery behind the ``Marketplace`` protocol (channels/base.py).

Each member says what Mercado Pago does (plugins plan §1.1): an event names one shipment and
needs no call; a fetch is one GET per order; there is no list to poll; the actions are
accept, cancel (with the reasons Mercado Pago offers for the order now), print_label_pdf
(the marketplace's own receipt, which also accepts an order in ready_to_print) and
mark_ready (Dropoff); stores can be paused and reopened.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping, Sequence
from datetime import datetime

from kitchen_app.channels.base import (
    ActionResult,
    ActionSpec,
    CancelReason,
    EventRefs,
    FetchedOrder,
    FetchFailure,
    FetchResult,
    OrderRef,
    ParamKind,
    Params,
    ParamSpec,
    Plugin,
    PluginContext,
    RecentPage,
    RelayEvent,
    Unresolved,
)
from kitchen_app.channels.credentials import SettingsCredentials
from kitchen_app.channels.errors import BadResponse, ChannelError, StateConflict
from kitchen_app.domain import Order, StatusPair
from kitchen_app.domain.actions import Evidence, StorePause
from kitchen_app.domain.flows import Action
from kitchen_app.domain.json import JSONObject
from kitchen_app.domain.keys import OrderKey
from kitchen_app.domain.settings import Choice
from kitchen_app.domain.text import QT_TRANSLATE_NOOP
from kitchen_app.domain.tracks import Flow, Observation

from . import CHANNEL
from .client import MpDeliveryClient, order_id_from_event
from .display import DISPLAY
from .flows import ACCEPT_WINDOW, flow_for_logistics
from .mapping import map_order, observed_at
from .notify import NOTIFY
from .oauth import OAUTH
from .sandbox import sandbox_part
from .settings import LEGACY_SETTINGS, SETTINGS
from .status_graph import FLEX_GRAPH
from .status_graph import PRINT_LABEL as PRINT_LABEL_ACTION

__all__ = ["ACTIONS", "PLUGIN", "MercadoPagoMarketplace"]

log = logging.getLogger(__name__)

_FETCH_CONCURRENCY = 4
_TAKING_ORDERS = frozenset({"enabled", "active", "open"})
_REOPENABLE = frozenset({"paused"})


ACCEPT = ActionSpec("accept", QT_TRANSLATE_NOOP("mp_delivery", "Accept"), accepts=True)
CANCEL = ActionSpec(
    "cancel",
    QT_TRANSLATE_NOOP("mp_delivery", "Cancel"),
    params=(
        ParamSpec(
            "reason",
            ParamKind.CHOICE,
            QT_TRANSLATE_NOOP("mp_delivery", "Reason"),
            required=False,
            from_network=True,
        ),
    ),
    confirm=True,
)
PRINT_LABEL = ActionSpec(
    "print_label_pdf",
    QT_TRANSLATE_NOOP("mp_delivery", "Mercado Pago receipt"),
    accepts=True,
    returns_document=True,
)
MARK_READY = ActionSpec("mark_ready", QT_TRANSLATE_NOOP("mp_delivery", "Mark ready"))

ACTIONS: Mapping[str, ActionSpec] = {
    spec.name: spec for spec in (ACCEPT, CANCEL, MARK_READY, PRINT_LABEL)
}
# The status graph's action names → what the desk offers.
_BY_GRAPH: Mapping[str, ActionSpec] = {
    Action.ACCEPT: ACCEPT,
    Action.CANCEL: CANCEL,
    Action.MARK_READY: MARK_READY,
    PRINT_LABEL_ACTION: PRINT_LABEL,
}

# Substatuses only an accepted order reaches. A Dropoff courier can be assigned before the
# order is accepted, so on_route_to_pickup / picking_up prove nothing (api notes §3).
_ACCEPTED_SUBSTATUSES = frozenset({"printed", "ready_to_cook"})
_AFTER_ACCEPT_STATUSES = frozenset({"shipped", "delivered", "not_delivered"})


def accept_evidence(order: Order) -> Evidence:
    pair = order.status
    if pair.status == "cancelled":
        return Evidence.IMPOSSIBLE
    if pair.status in _AFTER_ACCEPT_STATUSES or pair.substatus in _ACCEPTED_SUBSTATUSES:
        return Evidence.DONE
    if pair == StatusPair("ready_to_ship", "ready_to_print"):
        return Evidence.NOT_DONE
    return Evidence.UNKNOWN


def cancel_evidence(order: Order) -> Evidence:
    if order.status.status == "cancelled":
        return Evidence.DONE
    if order.is_final or order.status.status != "ready_to_ship":
        return Evidence.IMPOSSIBLE
    return Evidence.NOT_DONE


class MercadoPagoMarketplace:
    channel = CHANNEL
    display = DISPLAY
    settings = SETTINGS
    legacy_settings = LEGACY_SETTINGS
    lists_orders = False

    def __init__(self, client: MpDeliveryClient, *, user_id: str = "") -> None:
        self.client = client
        self._user_id = user_id.strip()
        # Reasons offered when the cancel dialog opened, by (order id, reason value): cancel
        # sends the reason object Mercado Pago gave, not one rebuilt from its value.
        self._reasons: dict[tuple[str, str], CancelReason] = {}

    @classmethod
    def from_context(cls, ctx: PluginContext) -> MercadoPagoMarketplace:
        def text(name: str) -> str:
            value = ctx.settings.get(name, "")
            return value if isinstance(value, str) else str(value)

        # A pasted token is checked once here (a missing one says so on every call); the
        # relay's token custody is asked on every call, because it refreshes.
        custody = None if isinstance(ctx.credentials, SettingsCredentials) else ctx.credentials
        client = MpDeliveryClient(
            text("base_url"),
            text("access_token"),
            http=ctx.http,
            time_zone=ctx.time_zone,
            credentials=custody,
        )
        return cls(client, user_id=text("user_id"))

    # ---- status model --------------------------------------------------------------------

    def flow(self, order: Order) -> Flow:
        return flow_for_logistics(order.logistics)

    def order_from_json(self, raw: JSONObject) -> FetchedOrder:
        inner = raw.get("order", raw)
        if not isinstance(inner, dict):
            raise BadResponse("order JSON: not an object")
        order = map_order(inner)
        return self._fetched(order, inner)

    def _fetched(self, order: Order, raw: JSONObject | dict[str, object]) -> FetchedOrder:
        at = observed_at(order, dict(raw), order.status)
        return FetchedOrder(
            order=order,
            raw=dict(raw),
            observations=(Observation("order", order.status, at),),
        )

    # ---- events, fetching, listing -------------------------------------------------------

    async def refs_from_event(self, event: RelayEvent) -> EventRefs:
        order_id = order_id_from_event(event.topic, event.resource)
        if order_id is None:
            return EventRefs(
                unresolved=Unresolved(
                    f"no Mercado Pago shipment id in topic {event.topic!r}, "
                    f"resource {event.resource!r}",
                    retryable=False,
                )
            )
        return EventRefs(refs=(OrderRef(OrderKey(CHANNEL, order_id)),))

    async def fetch(self, refs: Sequence[OrderRef]) -> list[FetchResult]:
        gate = asyncio.Semaphore(_FETCH_CONCURRENCY)

        async def one(ref: OrderRef) -> FetchResult:
            async with gate:
                try:
                    fetched = await self.client.fetch_order(ref.key.order_id)
                except ChannelError as exc:
                    return FetchFailure(ref.key, exc)
                except ValueError as exc:  # an id the client refuses to put in a URL
                    return FetchFailure(ref.key, ChannelError(str(exc)))
            return self._fetched(fetched.order, fetched.raw)

        return list(await asyncio.gather(*(one(ref) for ref in refs)))

    async def list_recent(self, since: datetime, cursor: str | None) -> RecentPage:
        return RecentPage((), None)  # Mercado Pago has no list or search endpoint (§9)

    # ---- actions -------------------------------------------------------------------------

    def actions(self, order: Order, *, accepted: bool, now: datetime) -> tuple[ActionSpec, ...]:
        try:
            graph = order.flow
        except KeyError:
            graph = FLEX_GRAPH
        allowed = graph.allowed_actions(order.status, accepted=accepted)
        return tuple(spec for kind, spec in _BY_GRAPH.items() if kind in allowed)

    async def choices(self, action: str, param: str, order: Order) -> tuple[Choice, ...]:
        if (action, param) != ("cancel", "reason"):
            return ()
        # The choice's value is Mercado Pago's reason code ("out_of_stock"); its label is the
        # message Mercado Pago wrote for staff.
        reasons = await self.client.cancellation_reasons(order.order_id)
        for reason in reasons:
            self._reasons[(order.order_id, reason.value)] = reason
        return tuple(Choice(reason.value, reason.message) for reason in reasons)

    async def _reason(self, order: Order, value: str) -> CancelReason:
        known = self._reasons.get((order.order_id, value))
        if known is None:
            await self.choices("cancel", "reason", order)
            known = self._reasons.get((order.order_id, value))
        if known is None:
            raise StateConflict("that cancellation reason is no longer offered for this order")
        return known

    async def run(self, action: str, order: Order, params: Params) -> ActionResult:
        order_id = order.order_id
        if action == "accept":
            await self.client.accept(order_id)
        elif action == "cancel":
            value = params.get("reason")
            reason = await self._reason(order, value) if isinstance(value, str) else None
            await self.client.cancel(order_id, reason)
        elif action == "print_label_pdf":
            return ActionResult(document=await self.client.receipt_pdf(order_id))
        elif action == "mark_ready":
            await self.client.mark_ready(order_id)
        else:
            raise ValueError(f"Mercado Pago has no action {action!r}")
        return ActionResult()

    def evidence(self, action: str, order: Order) -> Evidence:
        if action in ("accept", "print_label_pdf"):
            return accept_evidence(order)
        if action == "cancel":
            return cancel_evidence(order)
        return Evidence.UNKNOWN

    def evidence_after_conflict(self, action: str, order: Order) -> Evidence:
        """An accept refused while the order still waits in ready_to_ship (not
        ready_to_print) can only mean it was accepted already: Mercado Pago refuses accept
        only outside ready_to_ship or when already accepted."""
        evidence = self.evidence(action, order)
        waiting = action == "accept" and evidence is Evidence.UNKNOWN
        if waiting and order.status.status == "ready_to_ship":
            return Evidence.DONE
        return evidence

    # ---- stores --------------------------------------------------------------------------

    async def store_pauses(self) -> tuple[StorePause, ...]:
        if not self._user_id:
            return ()
        pauses = []
        for store in await self.client.list_stores(self._user_id):
            info = await self.client.get_store(store.store_id)
            status = info.status.lower()
            if status and status not in _TAKING_ORDERS:
                pauses.append(
                    StorePause(CHANNEL, info.store_id, status, can_reopen=status in _REOPENABLE)
                )
        return tuple(pauses)

    async def reopen_store(self, store_id: str) -> None:
        await self.client.set_store_status(store_id, "enabled")

    async def aclose(self) -> None:
        await self.client.aclose()


PLUGIN = Plugin(
    channel=CHANNEL,
    display=DISPLAY,
    settings=SETTINGS,
    legacy_settings=LEGACY_SETTINGS,
    create=MercadoPagoMarketplace.from_context,
    lists_orders=False,
    actions=tuple(ACTIONS.values()),
    sandbox=sandbox_part,
    # An announced order is cancelled 5 minutes after it is created; its details unread, the
    # desk counts from the first notification (api notes §3).
    unread_accept_window=ACCEPT_WINDOW,
    notify=NOTIFY,
    oauth=OAUTH,
    # A saved order has no x-time-zone answer header: offset-less times are in the zone given.
    order_from_json=lambda raw, zone: map_order(raw, zone=zone, zone_asked=False),
)
