"""Shopee as a ``Marketplace`` (channels/base.py; plan §1.3 and §2.3).

* ``refs_from_event``: a push names its order; no call (``notify.refs_from_push``).
* ``fetch``: ``get_order_detail`` by batches of 50 sns; for an order whose shipment is
  arranged (``PROCESSED``, ``SHIPPED``, ``RETRY_SHIP``) also ``get_tracking_number``, which may
  be empty until the carrier assigns one (a failure there never hides the order). An sn the
  answer leaves out is ``NotFound``. Observations: the order's status at its ``update_time``,
  and the status a push reported at its own ``update_time`` when that is older, so a visit
  that came and went between two reads (``IN_CANCEL`` then ``READY_TO_SHIP``) is on the
  timeline with its time.
* ``list_recent``: ``get_order_list`` by ``update_time`` in windows of at most 15 days from
  ``since`` (minus a 5-minute margin: Shopee's clock and ours differ) to the moment the pass
  began, 100 a page. The opaque cursor is ``"<time_from>/<time_to>/<end>/<next_cursor>"``;
  Shopee's ``next_cursor`` is kept verbatim as text.
* Actions: ``cancel`` (Brazil's reasons; ``OUT_OF_STOCK`` with the items that ran out),
  ``answer_buyer_cancel`` (accept or reject while ``IN_CANCEL``), ``arrange_shipment`` (a slot
  from ``get_shipping_parameter``; a warning within an hour of payment, never a block).
* Signing: the context's ``Credentials`` sign (the pasted ``shopee.partner_key``, or the relay
  that keeps it under token custody).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from kitchen_app.channels.base import (
    ActionResult,
    ActionSpec,
    Display,
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
    PluginFactory,
    RecentPage,
    RelayEvent,
)
from kitchen_app.channels.errors import BadResponse, ChannelError, NotFound, StateConflict
from kitchen_app.domain import Order
from kitchen_app.domain.actions import Evidence, StorePause
from kitchen_app.domain.flows import StatusPair
from kitchen_app.domain.json import JSONObject
from kitchen_app.domain.keys import OrderKey
from kitchen_app.domain.settings import Choice, SettingSpec, SettingValue
from kitchen_app.domain.text import QT_TRANSLATE_NOOP
from kitchen_app.domain.tracks import Flow, Observation

from . import CHANNEL
from .client import (
    BR_CANCEL_REASONS,
    DETAIL_BATCH,
    LIST_WINDOW,
    PAGE_SIZE,
    ShopeeClient,
)
from .display import DISPLAY
from .flows import FLOW, normalized_status
from .mapping import map_any, map_order, unix_time
from .notify import NOTIFY, refs_from_push
from .oauth import OAUTH
from .sandbox import sandbox_part
from .settings import DEFAULT_BASE_URL, LEGACY_SETTINGS, SETTINGS

__all__ = [
    "ANSWER_BUYER_CANCEL",
    "ARRANGE_SHIPMENT",
    "CANCEL",
    "FACTORY",
    "PLUGIN",
    "ShopeePlugin",
    "make_plugin",
    "parse_list_cursor",
]

log = logging.getLogger(__name__)

CANCEL = "cancel"
ANSWER_BUYER_CANCEL = "answer_buyer_cancel"
ARRANGE_SHIPMENT = "arrange_shipment"

# Seed 003: arranging within an hour of payment is allowed but not advised (the buyer may
# still cancel alone then).
SHIP_AFTER_PAYMENT = timedelta(hours=1)
LIST_MARGIN = timedelta(minutes=5)
_TRACKED = frozenset({"PROCESSED", "SHIPPED", "RETRY_SHIP"})
_ARRANGED = frozenset({"PROCESSED", "SHIPPED", "TO_CONFIRM_RECEIVE", "COMPLETED", "TO_RETURN"})


_REASONS = (
    Choice("OUT_OF_STOCK", QT_TRANSLATE_NOOP("shopee", "Out of stock")),
    Choice("CUSTOMER_REQUEST", QT_TRANSLATE_NOOP("shopee", "The buyer asked to cancel")),
    Choice("UNDELIVERABLE_AREA", QT_TRANSLATE_NOOP("shopee", "Address outside our delivery area")),
)
assert tuple(c.value for c in _REASONS) == BR_CANCEL_REASONS  # never COD_NOT_SUPPORTED

CANCEL_SPEC = ActionSpec(
    name=CANCEL,
    label=QT_TRANSLATE_NOOP("shopee", "Cancel order"),
    params=(
        ParamSpec(
            "reason", ParamKind.CHOICE, QT_TRANSLATE_NOOP("shopee", "Reason"), choices=_REASONS
        ),
        ParamSpec(
            "items",
            ParamKind.ITEMS,
            QT_TRANSLATE_NOOP("shopee", "Items out of stock"),
            required=False,
            required_when=("reason", "OUT_OF_STOCK"),
            multiple=True,
        ),
    ),
    confirm=True,
)
ANSWER_SPEC = ActionSpec(
    name=ANSWER_BUYER_CANCEL,
    label=QT_TRANSLATE_NOOP("shopee", "Answer the buyer's cancellation"),
    params=(
        ParamSpec(
            "operation",
            ParamKind.CHOICE,
            QT_TRANSLATE_NOOP("shopee", "Answer"),
            choices=(
                Choice("ACCEPT", QT_TRANSLATE_NOOP("shopee", "Accept: cancel the order")),
                Choice("REJECT", QT_TRANSLATE_NOOP("shopee", "Reject: keep the order")),
            ),
        ),
    ),
    confirm=True,
)
_SHIP_PARAMS = (
    ParamSpec(
        "slot",
        ParamKind.CHOICE,
        QT_TRANSLATE_NOOP("shopee", "Pickup or drop-off"),
        from_network=True,
    ),
    ParamSpec(
        "tracking_number",
        ParamKind.TEXT,
        QT_TRANSLATE_NOOP("shopee", "Tracking number"),
        required=False,
        required_when=("slot", "non_integrated"),
        max_length=64,
    ),
    ParamSpec(
        "sender_real_name",
        ParamKind.TEXT,
        QT_TRANSLATE_NOOP("shopee", "Sender's full name (drop-off)"),
        required=False,
        max_length=100,
    ),
)
ARRANGE_SPEC = ActionSpec(
    name=ARRANGE_SHIPMENT,
    label=QT_TRANSLATE_NOOP("shopee", "Arrange shipment"),
    params=_SHIP_PARAMS,
)
ARRANGE_EARLY_SPEC = ActionSpec(
    name=ARRANGE_SHIPMENT,
    label=QT_TRANSLATE_NOOP("shopee", "Arrange shipment"),
    params=_SHIP_PARAMS,
    warning=QT_TRANSLATE_NOOP(
        "shopee",
        "Paid less than an hour ago: Shopee advises waiting an hour (until then the buyer can cancel alone).",  # noqa: E501 - one literal for lupdate
    ),
)


def parse_list_cursor(cursor: str) -> tuple[int, int, int, str]:
    """``"<time_from>/<time_to>/<end>/<next_cursor>"`` → its parts; ValueError if not one."""
    parts = cursor.split("/", 3)
    if len(parts) != 4:
        raise ValueError(f"not a Shopee list cursor: {cursor!r}")
    return int(parts[0]), int(parts[1]), int(parts[2]), parts[3]


def _status(order: Order) -> str:
    return normalized_status(order.status.status)


def _handle_time(order: Order, name: str) -> datetime | None:
    return unix_time(order.handles.get(name))


def _one(params: Params, name: str) -> str:
    value = params.get(name)
    if not isinstance(value, str) or not value.strip():
        raise StateConflict(f"{name} is required")
    return value.strip()


class ShopeePlugin:
    channel = CHANNEL
    display: Display = DISPLAY
    settings: tuple[SettingSpec, ...] = SETTINGS
    legacy_settings: Mapping[str, str] = LEGACY_SETTINGS
    lists_orders = True

    def __init__(
        self,
        client: ShopeeClient,
        *,
        clock: Callable[[], datetime] | None = None,
        page_size: int = PAGE_SIZE,
    ) -> None:
        self.client = client
        self._now = clock or (lambda: datetime.now(UTC))
        self._page_size = page_size

    # -- reading ----------------------------------------------------------------------------
    def flow(self, order: Order) -> Flow:
        return FLOW

    def order_from_json(self, raw: JSONObject) -> FetchedOrder:
        """A ``get_order_detail`` entry, or ``{"order": entry, "tracking_number": …}``."""
        entry = raw.get("order", raw)
        if not isinstance(entry, dict):
            raise BadResponse("Shopee order JSON: 'order' is not an object")
        tracking = raw.get("tracking_number")
        return self._fetched(entry, tracking if isinstance(tracking, str) else None, None)

    def _fetched(
        self, entry: dict[str, Any], tracking: str | None, ref: OrderRef | None
    ) -> FetchedOrder:
        order = map_order(entry, tracking_number=tracking)
        at = _handle_time(order, "update_time")
        observations = [Observation("order", order.status, at)]
        # A status the push saw before this read, not the one read now: a visit of its own.
        if (
            ref is not None
            and ref.seen_status is not None
            and ref.seen_at is not None
            and (at is None or ref.seen_at < at)
            and ref.seen_status != order.status
        ):
            observations.insert(0, Observation("order", ref.seen_status, ref.seen_at))
        raw: dict[str, Any] = {"order": entry}
        if tracking is not None:
            raw["tracking_number"] = tracking
        return FetchedOrder(order=order, raw=raw, observations=tuple(observations))

    async def refs_from_event(self, event: RelayEvent) -> EventRefs:
        return refs_from_push(event)

    async def fetch(self, refs: Sequence[OrderRef]) -> list[FetchResult]:
        by_sn: dict[str, OrderRef] = {}
        for ref in refs:
            by_sn.setdefault(ref.key.order_id, ref)
        sns = list(by_sn)
        batches = [sns[i : i + DETAIL_BATCH] for i in range(0, len(sns), DETAIL_BATCH)]
        results: list[FetchResult] = []
        for batch in batches:
            results += await self._fetch_batch(batch, by_sn)
        return results

    async def _fetch_batch(
        self, sns: list[str], by_sn: Mapping[str, OrderRef]
    ) -> list[FetchResult]:
        try:
            details = await self.client.get_order_detail(sns)
        except ChannelError as exc:
            if isinstance(exc, NotFound) and len(sns) > 1:
                # Shopee answers "not found" for the batch when none exists; one by one, an
                # existing order is never hidden by a missing one.
                out: list[FetchResult] = []
                for sn in sns:
                    out += await self._fetch_batch([sn], by_sn)
                return out
            return [FetchFailure(by_sn[sn].key, exc) for sn in sns]
        except ValueError as exc:  # an sn that cannot be sent (a comma in it…)
            return [FetchFailure(by_sn[sn].key, BadResponse(str(exc))) for sn in sns]
        results: list[FetchResult] = []
        entries = [e for e in details.orders if str(e.get("order_sn", "")).strip() in by_sn]
        trackings = await asyncio.gather(*(self._tracking(e) for e in entries))
        for entry, tracking in zip(entries, trackings, strict=True):
            sn = str(entry["order_sn"]).strip()
            try:
                results.append(self._fetched(entry, tracking, by_sn[sn]))
            except ChannelError as exc:
                results.append(FetchFailure(by_sn[sn].key, exc))
        for sn in details.missing:
            if sn in by_sn:
                results.append(
                    FetchFailure(by_sn[sn].key, NotFound(f"Shopee does not show order {sn}"))
                )
        return results

    async def _tracking(self, entry: Mapping[str, Any]) -> str | None:
        status = entry.get("order_status")
        if normalized_status(str(status)) not in _TRACKED:
            return None
        packages = entry.get("package_list")
        number = None
        if isinstance(packages, list) and packages and isinstance(packages[0], dict):
            value = packages[0].get("package_number")
            number = value if isinstance(value, str) and value else None
        try:
            return await self.client.get_tracking_number(str(entry["order_sn"]), number)
        except ChannelError as exc:
            log.info("Shopee tracking number of %s not read: %s", entry.get("order_sn"), exc)
            return None

    async def list_recent(self, since: datetime, cursor: str | None) -> RecentPage:
        if cursor:
            time_from, time_to, end, shopee_cursor = parse_list_cursor(cursor)
        else:
            end = int(self._now().timestamp())
            time_from = int((since - LIST_MARGIN).timestamp())
            time_from = max(time_from, end - 365 * 86_400)  # never list more than a year back
            if time_from >= end:
                time_from = end - 1
            time_to = min(time_from + int(LIST_WINDOW.total_seconds()), end)
            shopee_cursor = ""
        page = await self.client.get_order_list(
            time_from, time_to, shopee_cursor, page_size=self._page_size
        )
        refs = tuple(
            OrderRef(
                OrderKey(CHANNEL, entry.order_sn),
                StatusPair(entry.order_status) if entry.order_status else None,
            )
            for entry in page.orders
        )
        if page.more:
            return RecentPage(refs, f"{time_from}/{time_to}/{end}/{page.next_cursor}")
        if time_to >= end:
            return RecentPage(refs, None)
        next_to = min(time_to + int(LIST_WINDOW.total_seconds()), end)
        return RecentPage(refs, f"{time_to}/{next_to}/{end}/")

    # -- actions ----------------------------------------------------------------------------
    def actions(self, order: Order, *, accepted: bool, now: datetime) -> tuple[ActionSpec, ...]:
        status = _status(order)
        tracked = bool(order.handles.get("tracking_number"))
        out: list[ActionSpec] = []
        if status in ("READY_TO_SHIP", "RETRY_SHIP"):
            paid = _handle_time(order, "pay_time")
            early = paid is not None and now < paid + SHIP_AFTER_PAYMENT
            out.append(ARRANGE_EARLY_SPEC if early else ARRANGE_SPEC)
        if status == "READY_TO_SHIP" or (status == "PROCESSED" and not tracked):
            out.append(CANCEL_SPEC)
        if status == "IN_CANCEL":
            out.append(ANSWER_SPEC)
        return tuple(out)

    async def choices(self, action: str, param: str, order: Order) -> tuple[Choice, ...]:
        if action == CANCEL and param == "reason":
            return _REASONS
        if action == ANSWER_BUYER_CANCEL and param == "operation":
            return ANSWER_SPEC.params[0].choices
        if action != ARRANGE_SHIPMENT or param != "slot":
            return ()
        info = await self.client.get_shipping_parameter(
            order.order_id, order.handles.get("package_number")
        )
        return slot_choices(info)

    async def run(self, action: str, order: Order, params: Params) -> ActionResult:
        sn = order.order_id
        if action == CANCEL:
            reason = _one(params, "reason")
            items: list[tuple[int, int]] = []
            chosen = params.get("items", ())
            for ref in chosen if isinstance(chosen, tuple) else ():
                item_id, _, model_id = ref.partition("/")
                try:
                    items.append((int(item_id), int(model_id or 0)))
                except ValueError:
                    raise StateConflict(f"not an item of this order: {ref}") from None
            try:
                await self.client.cancel_order(sn, reason, items)
            except ValueError as exc:
                raise StateConflict(str(exc)) from None
            return ActionResult()
        if action == ANSWER_BUYER_CANCEL:
            operation = _one(params, "operation")
            if operation not in ("ACCEPT", "REJECT"):
                raise StateConflict("the answer is ACCEPT or REJECT")
            await self.client.handle_buyer_cancellation(sn, operation)
            return ActionResult()
        if action == ARRANGE_SHIPMENT:
            return await self._arrange(order, params)
        raise StateConflict(f"Shopee has no action {action!r}")

    async def _arrange(self, order: Order, params: Params) -> ActionResult:
        slot = _one(params, "slot")
        package = order.handles.get("package_number")
        sender = params.get("sender_real_name")
        kind, _, rest = slot.partition(":")
        if kind == "pickup":
            address_id, _, time_id = rest.partition(":")
            if not address_id.isdigit() or not time_id:
                raise StateConflict(f"not a pickup slot: {slot}")
            await self.client.ship_order(
                order.order_id,
                package_number=package,
                pickup={"address_id": int(address_id), "pickup_time_id": time_id},
            )
        elif kind == "dropoff":
            dropoff: dict[str, Any] = {}
            if rest.isdigit():
                dropoff["branch_id"] = int(rest)
            if isinstance(sender, str) and sender.strip():
                dropoff["sender_real_name"] = sender.strip()
            await self.client.ship_order(order.order_id, package_number=package, dropoff=dropoff)
        elif kind == "non_integrated":
            number = _one(params, "tracking_number")
            await self.client.ship_order(
                order.order_id,
                package_number=package,
                non_integrated={"tracking_number": number},
            )
        else:
            raise StateConflict(f"not a shipping choice: {slot}")
        try:
            tracking = await self.client.get_tracking_number(order.order_id, package)
        except ChannelError:
            tracking = ""
        return ActionResult(note=f"tracking {tracking}" if tracking else None)

    def evidence(self, action: str, order: Order) -> Evidence:
        status = _status(order)
        if action == CANCEL:
            if status == "CANCELLED":
                return Evidence.DONE
            if status == "READY_TO_SHIP" or (
                status == "PROCESSED" and not order.handles.get("tracking_number")
            ):
                return Evidence.NOT_DONE
            return Evidence.IMPOSSIBLE
        if action == ANSWER_BUYER_CANCEL:
            return Evidence.NOT_DONE if status == "IN_CANCEL" else Evidence.DONE
        if action == ARRANGE_SHIPMENT:
            if status in _ARRANGED:
                return Evidence.DONE
            if status in ("READY_TO_SHIP", "RETRY_SHIP"):
                return Evidence.NOT_DONE
            if status in ("CANCELLED", "IN_CANCEL"):
                return Evidence.IMPOSSIBLE
        return Evidence.UNKNOWN

    async def store_pauses(self) -> tuple[StorePause, ...]:
        return ()  # Shopee pauses no shop for unanswered orders

    async def reopen_store(self, store_id: str) -> None:
        raise StateConflict("Shopee shops are never paused by the desk's orders")

    async def aclose(self) -> None:
        await self.client.aclose()


def slot_choices(info: Mapping[str, Any]) -> tuple[Choice, ...]:
    """``get_shipping_parameter``'s answer as choices: only the methods ``info_needed`` names."""
    needed = info.get("info_needed")
    needed = needed if isinstance(needed, dict) else {}
    out: list[Choice] = []
    if "pickup" in needed:
        pickup = info.get("pickup")
        addresses = pickup.get("address_list") if isinstance(pickup, dict) else None
        for address in addresses if isinstance(addresses, list) else []:
            if not isinstance(address, dict) or address.get("address_id") is None:
                continue
            where = str(address.get("address") or address.get("address_id"))
            slots = address.get("time_slot_list")
            for slot in slots if isinstance(slots, list) else []:
                if isinstance(slot, dict) and slot.get("pickup_time_id"):
                    when = str(slot.get("time_text") or slot["pickup_time_id"])
                    out.append(
                        Choice(
                            f"pickup:{address['address_id']}:{slot['pickup_time_id']}",
                            f"Pickup · {where} · {when}",
                        )
                    )
    if "dropoff" in needed:
        dropoff = info.get("dropoff")
        branches = dropoff.get("branch_list") if isinstance(dropoff, dict) else None
        listed = [b for b in branches if isinstance(b, dict)] if isinstance(branches, list) else []
        for branch in listed:
            if branch.get("branch_id") is not None:
                out.append(
                    Choice(
                        f"dropoff:{branch['branch_id']}",
                        f"Drop-off · {branch.get('address') or branch['branch_id']}",
                    )
                )
        if not listed:
            out.append(
                Choice("dropoff:", QT_TRANSLATE_NOOP("shopee", "Drop off at any carrier branch"))
            )
    if "non_integrated" in needed:
        out.append(
            Choice(
                "non_integrated",
                QT_TRANSLATE_NOOP("shopee", "Own carrier (type its tracking number)"),
            )
        )
    return tuple(out)


def _id_setting(settings: Mapping[str, SettingValue], name: str) -> int:
    """A numeric id setting (typed as a number or as digits); 0 when empty or not one."""
    value = settings.get(name, 0)
    if isinstance(value, bool):
        return 0
    if isinstance(value, int):
        return value
    text = str(value).strip()
    return int(text) if text.isascii() and text.isdigit() and len(text) <= 19 else 0


def make_plugin(ctx: PluginContext) -> ShopeePlugin:
    """The registry's factory. The context's credentials sign: the pasted partner key
    (``SettingsCredentials``) or, with token custody, the relay. A missing partner or shop id
    never stops the desk: every call then fails with one clear line."""
    settings = ctx.settings
    client = ShopeeClient(
        str(settings.get("base_url") or DEFAULT_BASE_URL),
        partner_id=_id_setting(settings, "partner_id"),
        shop_id=_id_setting(settings, "shop_id"),
        credentials=ctx.credentials,
        http=ctx.http,
    )
    return ShopeePlugin(client)


# What the registry takes; typing it here has mypy check ShopeePlugin against Marketplace.
FACTORY: PluginFactory = make_plugin


PLUGIN = Plugin(
    channel=CHANNEL,
    display=DISPLAY,
    settings=SETTINGS,
    legacy_settings=LEGACY_SETTINGS,
    create=make_plugin,
    lists_orders=True,
    notify=NOTIFY,
    sandbox=sandbox_part,
    oauth=OAUTH,
    order_from_json=lambda raw, _zone: map_any(raw),  # its times are unix seconds
)
