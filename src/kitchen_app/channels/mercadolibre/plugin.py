"""Mercado Libre as a ``Marketplace`` (plug-in plan §1.2, §2.3).

* ``refs_from_event``: ``orders_v2`` / legacy ``orders`` name the order (no call);
  ``shipments`` needs ``GET /shipments/{id}/orders`` (a cart's shipment names several
  orders). A passing failure of that call → ``Unresolved(retryable=True)``; a 404 or a
  resource that does not match → ``Unresolved(False)``. Other topics are about no order.
* ``fetch``: order (+ shipment when ``shipping.id`` is set) (+ pack when ``pack_id`` is set,
  whose other orders become ``related`` refs), at most 8 orders at a time.
* ``list_recent``: ``/orders/search`` by last update from ``since − 1 h`` (filters work to
  the hour), then a second pass for cancelled orders (a seller search hides them). The
  cursor is ``"all:<offset>"`` / ``"cancelled:<offset>"``. A 206 page is not moved past.
* ``run``: the ME1 calls (V1 by default, ``me1_api`` = ``v2`` switches), stock, feedback.
* A 401 tells the credentials (the relay refreshes; a pasted token shows "link expired").
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from kitchen_app.channels.base import (
    ActionResult,
    ActionSpec,
    Credentials,
    Display,
    EventRefs,
    FetchedOrder,
    FetchFailure,
    FetchResult,
    OrderRef,
    Params,
    Plugin,
    PluginContext,
    RecentPage,
    RelayEvent,
    Unresolved,
)
from kitchen_app.domain import Evidence, Order, OrderKey, StatusPair, StorePause
from kitchen_app.domain.json import JSONObject
from kitchen_app.domain.settings import Choice, SettingSpec
from kitchen_app.domain.tracks import Flow, Observation

from ..errors import AuthError, BadResponse, ChannelError, NotFound
from . import CHANNEL, map_order
from .client import SERVICE_IDS, FeedbackRequest, MercadoLibreClient, is_no_substatus
from .display import DISPLAY
from .flows import FLOW, actions_for, shipment_pair
from .mapping import MlOrder, parse_timestamp, read_order, to_domain
from .notify import NOTIFY, ORDER_TOPICS, SHIPMENT_TOPICS, id_from_resource
from .oauth import OAUTH
from .sandbox.part import sandbox_part
from .settings import LEGACY_SETTINGS, SETTINGS

__all__ = ["PLUGIN", "MercadoLibrePlugin", "observations", "parse_cursor"]

log = logging.getLogger(__name__)

_CONCURRENT = 8
_LOOKBACK = timedelta(hours=1)
_PAGE = 50


def parse_cursor(cursor: str | None) -> tuple[str, int]:
    """``"all:<offset>"`` / ``"cancelled:<offset>"``; None starts the first pass."""
    if not cursor:
        return "all", 0
    phase, _, offset = cursor.partition(":")
    if phase not in ("all", "cancelled") or not offset.isdigit():
        log.warning("unreadable listing cursor %.40r; starting over", cursor)
        return "all", 0
    return phase, int(offset)


def observations(ml: MlOrder) -> tuple[Observation, ...]:
    """Each track's pairs with Mercado Libre's times: the order's current pair, and every
    visit of the shipment's ``substatus_history`` (the shipment track repeats)."""
    raw = ml.raw.get("order") or {}
    when = ml.last_updated
    if ml.status.status == "paid":
        when = parse_timestamp(raw.get("date_closed")) or ml.created_at
    out = [Observation("order", ml.status, when)]
    shipment = ml.shipment
    if shipment is not None:
        for visit in shipment.history:
            out.append(Observation("shipment", visit.pair, visit.at))
        last = shipment.history[-1].pair if shipment.history else None
        if last != shipment.status:
            out.append(
                Observation("shipment", shipment.status, shipment.last_updated or ml.created_at)
            )
    return tuple(out)


def _param_text(params: Params, name: str) -> str | None:
    value = params.get(name)
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def _seen(order: dict[str, Any]) -> StatusPair | None:
    """The status a listed order shows, as the desk stores it (so an unchanged order is not
    read again on every pass)."""
    status = order.get("status")
    if not isinstance(status, str) or not status.strip():
        return None
    detail = order.get("status_detail")
    sub = None if is_no_substatus(detail) or not isinstance(detail, str) else detail.strip()
    return StatusPair(status.strip(), sub)


class MercadoLibrePlugin:
    channel: str = CHANNEL
    display: Display = DISPLAY
    settings: tuple[SettingSpec, ...] = SETTINGS
    legacy_settings = LEGACY_SETTINGS
    lists_orders = True

    def __init__(self, ctx: PluginContext) -> None:
        self._credentials: Credentials = ctx.credentials
        self.user_id = str(ctx.settings.get("user_id", "") or "").strip()
        api = str(ctx.settings.get("me1_api", "v1") or "v1").strip().lower()
        self.me1_api: Any = "v2" if api == "v2" else "v1"
        self.client = MercadoLibreClient(
            str(ctx.settings.get("base_url", "") or ""),
            self._credentials.access_token,
            http=ctx.http,
        )
        self._limit = asyncio.Semaphore(_CONCURRENT)

    def __repr__(self) -> str:
        return f"MercadoLibrePlugin({self.client.base_url!r})"

    def flow(self, order: Order) -> Flow:
        return FLOW

    def order_from_json(self, raw: JSONObject) -> FetchedOrder:
        """``{"order", "shipment"?, "pack"?}`` or a bare order (new or previous JSON)."""
        parts: dict[str, Any] = dict(raw)
        if isinstance(parts.get("order"), dict):
            order_raw = parts["order"]
            shipment = parts.get("shipment") if isinstance(parts.get("shipment"), dict) else None
            pack = parts.get("pack") if isinstance(parts.get("pack"), dict) else None
        else:
            order_raw, shipment, pack = parts, None, None
        return self._fetched(read_order(order_raw, shipment, pack))

    def _fetched(self, ml: MlOrder) -> FetchedOrder:
        related = tuple(OrderRef(OrderKey(CHANNEL, oid)) for oid in ml.related_order_ids)
        return FetchedOrder(
            order=to_domain(ml),
            raw={k: v for k, v in ml.raw.items() if v is not None},
            observations=observations(ml),
            related=related,
        )

    # -- events -----------------------------------------------------------------------------
    async def refs_from_event(self, event: RelayEvent) -> EventRefs:
        topic = event.topic.strip().lower()
        if topic in ORDER_TOPICS:
            order_id = id_from_resource(event.resource, "orders")
            if order_id is None:
                return EventRefs(unresolved=Unresolved(f"no order id in {event.resource!r}", False))
            return EventRefs(refs=(OrderRef(OrderKey(CHANNEL, order_id)),))
        if topic in SHIPMENT_TOPICS:
            shipment_id = id_from_resource(event.resource, "shipments")
            if shipment_id is None:
                return EventRefs(
                    unresolved=Unresolved(f"no shipment id in {event.resource!r}", False)
                )
            try:
                order_ids = await self._call(self.client.shipment_order_ids(shipment_id))
            except NotFound:
                return EventRefs(
                    unresolved=Unresolved(f"shipment {shipment_id} is not known", False)
                )
            except ChannelError as exc:
                return EventRefs(
                    unresolved=Unresolved(
                        f"shipment {shipment_id}: {exc.message}",
                        exc.retryable or isinstance(exc, AuthError),
                    )
                )
            if not order_ids:
                return EventRefs(
                    unresolved=Unresolved(f"shipment {shipment_id} names no order", True)
                )
            return EventRefs(refs=tuple(OrderRef(OrderKey(CHANNEL, o)) for o in order_ids))
        return EventRefs()  # items, questions, payments, messages…: about no order

    # -- reading ----------------------------------------------------------------------------
    async def fetch(self, refs: Sequence[OrderRef]) -> list[FetchResult]:
        return list(await asyncio.gather(*(self._fetch_one(ref) for ref in refs)))

    async def _fetch_one(self, ref: OrderRef) -> FetchResult:
        async with self._limit:
            try:
                order = await self._call(self.client.get_order(ref.key.order_id))
                shipment_id = (
                    order.get("shipping", {}).get("id")
                    if isinstance(order.get("shipping"), dict)
                    else None
                )
                shipment = None
                if shipment_id is not None:
                    try:
                        shipment = await self._call(self.client.get_shipment(str(shipment_id)))
                    except NotFound:
                        log.info("order %s: shipment %s not readable yet", ref.key, shipment_id)
                pack = None
                if order.get("pack_id") is not None:
                    try:
                        pack = await self._call(self.client.get_pack(str(order["pack_id"])))
                    except NotFound:
                        log.info("order %s: pack not readable yet", ref.key)
                ml = read_order(order, shipment, pack)
            except ChannelError as exc:
                return FetchFailure(ref.key, exc)
            if ml.id != ref.key.order_id:
                return FetchFailure(
                    ref.key, BadResponse(f"order JSON: id {ml.id} is not the order asked for")
                )
            return self._fetched(ml)

    async def _seller(self) -> str:
        """The seller the orders search asks for: the setting, else the account the relay
        linked the store as (a linked desk needs no seller id typed in)."""
        if not self.user_id:
            self.user_id = (await self._credentials.account() or "").strip()
        return self.user_id

    async def list_recent(self, since: datetime, cursor: str | None) -> RecentPage:
        seller = await self._seller()
        if not seller:
            return RecentPage((), None)
        phase, offset = parse_cursor(cursor)
        statuses = ("cancelled",) if phase == "cancelled" else ()
        page = await self._call(
            self.client.search_orders(
                seller,
                updated_from=since.astimezone(UTC) - _LOOKBACK,
                offset=offset,
                limit=_PAGE,
                statuses=statuses,
            )
        )
        refs = tuple(
            OrderRef(
                OrderKey(CHANNEL, str(o["id"])),
                seen_status=StatusPair(str(o["status"]))
                if isinstance(o.get("status"), str)
                else None,
            )
            for o in page.results
            if isinstance(o.get("id"), int | str) and not isinstance(o.get("id"), bool)
        )
        following = page.next_offset
        if page.partial:
            # Still partial after the client asked again: move on rather than loop; the
            # next pass (and the notifications) bring what this page left out.
            log.warning("orders search stayed partial at %s:%d", phase, offset)
            after = offset + _PAGE
            following = after if after < page.total and after + _PAGE <= 10_000 else None
        if following is not None:
            return RecentPage(refs, f"{phase}:{following}")
        return RecentPage(refs, "cancelled:0" if phase == "all" else None)

    # -- actions ----------------------------------------------------------------------------
    def actions(self, order: Order, *, accepted: bool, now: datetime) -> tuple[ActionSpec, ...]:
        return actions_for(order, now=now)

    async def choices(self, action: str, param: str, order: Order) -> tuple[Choice, ...]:
        return ()  # every choice is static (feedback reasons are listed in flows.py)

    async def run(self, action: str, order: Order, params: Params) -> ActionResult:
        offered = {spec.name for spec in self.actions(order, accepted=True, now=datetime.now(UTC))}
        if action not in offered:
            raise ValueError(f"{action} is not possible for order {order.order_id} now")
        shipment_id = order.handles.get("shipment_id", "")
        service_id = SERVICE_IDS.get(order.handles.get("site_id", "MLB"), 11)
        comment = _param_text(params, "comment")
        now = datetime.now(UTC).astimezone()
        if action == "set_tracking":
            number = _param_text(params, "tracking_number")
            if number is None:
                raise ValueError("the tracking number is required")
            await self._call(
                self.client.set_tracking_number(shipment_id, number, service_id=service_id)
            )
            return ActionResult(note=number)
        if action in ("mark_shipped", "mark_not_delivered", "mark_delivered"):
            status, sub = {
                "mark_shipped": ("shipped", None),
                "mark_not_delivered": ("not_delivered", "returning_to_sender"),
                "mark_delivered": ("delivered", None),
            }[action]
            if self.me1_api == "v2" and sub == "returning_to_sender":
                sub = "returned"  # V2 has no returning_to_sender (A.4)
            await self._call(
                self.client.notify_shipment(
                    shipment_id,
                    status,
                    sub,
                    date=now,
                    comment=comment,
                    api=self.me1_api,
                    service_id=service_id,
                )
            )
            return ActionResult()
        if action == "set_stock":
            return await self._set_stock(order, params)
        if action == "feedback":
            fulfilled = params.get("fulfilled") == "yes"
            feedback = FeedbackRequest(
                fulfilled=fulfilled,
                rating=str(params.get("rating", "")),
                message=_param_text(params, "message") or "",
                reason=None if fulfilled else _param_text(params, "reason"),
                restock_item=None if fulfilled else params.get("restock_item") == "yes",
            )
            await self._call(self.client.post_feedback(order.order_id, feedback))
            return ActionResult()
        raise ValueError(f"unknown action {action}")

    async def _set_stock(self, order: Order, params: Params) -> ActionResult:
        chosen = params.get("item")
        ref = chosen[0] if isinstance(chosen, tuple) and chosen else chosen
        if not isinstance(ref, str) or ref not in {i.ref for i in order.items if i.ref}:
            raise ValueError("choose one of the order's items")
        quantity = params.get("quantity")
        if isinstance(quantity, bool) or not isinstance(quantity, int) or quantity < 0:
            raise ValueError("the available quantity must be a whole number, 0 or more")
        item_id, _, variation = ref.partition("#")
        await self._call(self.client.set_stock(item_id, quantity, variation_id=variation or None))
        return ActionResult(note=f"{item_id}: {quantity}")

    def evidence(self, action: str, order: Order) -> Evidence:
        pair = shipment_pair(order)
        status = pair.status if pair is not None else None
        if action == "set_tracking":
            return Evidence.DONE if order.handles.get("tracking_number") else Evidence.NOT_DONE
        if action == "mark_shipped":
            if status in ("shipped", "delivered", "not_delivered"):
                return Evidence.DONE
            return Evidence.NOT_DONE
        targets = {"mark_delivered": "delivered", "mark_not_delivered": "not_delivered"}
        if action in targets:
            if status == targets[action]:
                return Evidence.DONE
            if status in ("delivered", "not_delivered"):
                return Evidence.IMPOSSIBLE
            return Evidence.NOT_DONE
        if action == "feedback":
            return (
                Evidence.DONE if order.handles.get("sale_feedback") == "yes" else Evidence.NOT_DONE
            )
        return Evidence.UNKNOWN  # stock: sending it again is harmless

    async def store_pauses(self) -> tuple[StorePause, ...]:
        return ()

    async def reopen_store(self, store_id: str) -> None:
        raise ValueError("Mercado Libre has no store to reopen")

    async def aclose(self) -> None:
        await self.client.aclose()

    async def _call(self, work: Any) -> Any:
        try:
            return await work
        except AuthError as exc:
            if exc.status == 401:
                # The relay's custody refreshes; pasted settings cannot and say so with their
                # own error: Mercado Libre's "link expired — relink" is the one staff read.
                try:
                    await self._credentials.rejected()
                except ChannelError as why:
                    log.info("credentials after a 401: %s", why.message)
            raise


def factory(ctx: PluginContext) -> MercadoLibrePlugin:
    return MercadoLibrePlugin(ctx)


PLUGIN = Plugin(
    channel=CHANNEL,
    display=DISPLAY,
    settings=SETTINGS,
    legacy_settings=LEGACY_SETTINGS,
    create=factory,
    lists_orders=True,
    notify=NOTIFY,
    sandbox=sandbox_part,
    oauth=OAUTH,
    order_from_json=lambda raw, _zone: map_order(raw),  # its times carry offsets
)
