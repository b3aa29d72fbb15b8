"""The channel-neutral order: what every part of the desk works with.

Channel modules map their marketplace's JSON into these types (and keep the raw JSON beside
them); printing, the store and the UI read only these.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from .flows import Flow, Stage, StatusPair, flow_for
from .keys import OrderKey
from .money import Money
from .text import Text
from .tracks import TrackState

__all__ = [
    "ACCEPT_WINDOW",
    "Address",
    "Customer",
    "Discount",
    "Fee",
    "FlexQR",
    "Option",
    "Order",
    "OrderItem",
    "Payment",
    "PrintCode",
    "Totals",
]

# Mercado Pago cancels an order not accepted within 5 minutes of its creation (api notes §3).
ACCEPT_WINDOW = timedelta(minutes=5)


@dataclass(frozen=True, slots=True)
class Option:
    """A complement chosen for an item (e.g. the drink of a combo)."""

    name: str
    quantity: Decimal
    unit_price: Money
    total_price: Money
    group: str | None = None  # complement group, e.g. "Bebida"
    external_code: str | None = None
    id: str | None = None


@dataclass(frozen=True, slots=True)
class OrderItem:
    name: str
    quantity: Decimal
    unit_price: Money
    total_price: Money
    options: tuple[Option, ...] = ()
    notes: str | None = None  # the buyer's special instructions for this item
    options_price: Money | None = None
    external_code: str | None = None
    id: str | None = None
    # The marketplace's reference of the sold item, for actions that name items (a Mercado
    # Libre "item_id#variation_id", a Shopee "item_id/model_id"); None where none is needed.
    ref: str | None = None

    def options_by_group(self) -> list[tuple[str | None, list[Option]]]:
        """Options grouped by their complement group, in first-seen order."""
        groups: dict[str | None, list[Option]] = {}
        for option in self.options:
            groups.setdefault(option.group, []).append(option)
        return list(groups.items())


@dataclass(frozen=True, slots=True)
class Fee:
    name: str
    kind: str  # DELIVERY_FEE | SERVICE_FEE | TIP | ...
    price: Money
    received_by: str | None = None


@dataclass(frozen=True, slots=True)
class Discount:
    amount: Money
    target: str  # CART | DELIVERY_FEE | ITEM
    target_id: str | None = None
    name: str | None = None


@dataclass(frozen=True, slots=True)
class Totals:
    items: Money
    fees: Money
    discount: Money
    total: Money


@dataclass(frozen=True, slots=True)
class Payment:
    amount: Money
    method: str  # e.g. DIGITAL_WALLET
    kind: str  # e.g. PREPAID
    prepaid: bool = True


@dataclass(frozen=True, slots=True)
class Customer:
    name: str
    phone: str | None = None
    document: str | None = None
    id: str | None = None


@dataclass(frozen=True, slots=True)
class Address:
    formatted: str  # street + number
    city: str | None = None
    state: str | None = None
    postal_code: str | None = None
    complement: str | None = None
    reference: str | None = None
    country: str | None = None
    latitude: float | None = None  # a position, not money: float is fine
    longitude: float | None = None

    def lines(self) -> list[str]:
        """The address as a courier reads it, one part a line."""
        first = self.formatted
        if self.complement:
            first = f"{first}, {self.complement}"
        out = [first]
        place = ", ".join(p for p in (self.city, self.state) if p)
        if self.postal_code:
            place = f"{place} ({self.postal_code})" if place else self.postal_code
        if place:
            out.append(place)
        if self.reference:
            out.append(self.reference)
        return out


@dataclass(frozen=True, slots=True)
class FlexQR:
    """What Mercado Envíos Flex couriers scan (api notes §2.3)."""

    id: str
    sender_id: int
    hash_code: str
    security_digit: str

    def payload(self) -> str:
        """The QR text: compact JSON in the key order real Flex labels use."""
        return json.dumps(
            {
                "id": self.id,
                "sender_id": self.sender_id,
                "hash_code": self.hash_code,
                "security_digit": self.security_digit,
            },
            separators=(",", ":"),
            ensure_ascii=False,
        )


@dataclass(frozen=True, slots=True)
class PrintCode:
    """A code the receipt must carry, whatever the marketplace (a Flex QR, a tracking code)."""

    payload: str  # the exact QR text
    caption: Text | None = None  # printed under it


@dataclass(frozen=True, slots=True)
class Order:
    """One marketplace order as the desk knows it.

    ``key`` names it across channels (``OrderKey(channel, order_id)``); ``order_id`` is the
    id the marketplace's API takes (the shipment id for Mercado Pago Delivery).
    """

    channel: str  # the plug-in's channel id (OrderKey.channel)
    order_id: str
    display_id: str
    created_at: datetime  # timezone-aware
    status: StatusPair
    logistics: str  # the plug-in's raw value ("flex", "me1", …), labelled by its Display
    store_id: str | None
    store_name: str | None
    items: tuple[OrderItem, ...]
    totals: Totals
    fees: tuple[Fee, ...] = ()
    discounts: tuple[Discount, ...] = ()
    payments: tuple[Payment, ...] = ()
    customer: Customer | None = None
    address: Address | None = None
    qr: FlexQR | None = None
    notes: str | None = None  # order-level note, where the channel has one
    estimated_pickup_at: datetime | None = None
    estimated_delivery_at: datetime | None = None
    delivered_at: datetime | None = None
    raw: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)
    # What a plug-in may add (DESIGN §3); every marketplace can leave them at their defaults.
    pack_id: str | None = None  # a Mercado Libre cart: its orders share one ticket
    ship_by: datetime | None = None  # the dispatch limit, where the marketplace gives one
    code: PrintCode | None = None  # a code the receipt carries (Mercado Pago: the Flex QR)
    handles: Mapping[str, str] = field(default_factory=dict, compare=False)  # ids for calls
    # Every track's current pair, primary first; () means the one track "order" at `status`.
    state: tuple[TrackState, ...] = ()

    @property
    def key(self) -> OrderKey:
        return OrderKey(self.channel, self.order_id)

    @property
    def flow(self) -> Flow:
        return flow_for(self.channel, self.logistics)

    @property
    def accept_deadline(self) -> datetime:
        return self.created_at + ACCEPT_WINDOW

    @property
    def stage(self) -> Stage:
        return self.flow.stage(self.status)

    @property
    def is_final(self) -> bool:
        return self.flow.is_final(self.status)

    @property
    def item_count(self) -> int:
        return int(sum((item.quantity for item in self.items), Decimal(0)))

    @property
    def currency(self) -> str:
        return self.totals.total.currency
