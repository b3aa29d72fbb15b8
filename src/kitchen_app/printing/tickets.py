"""Kitchen tickets and customer receipts built from a ``domain.Order``.

The kitchen ticket is read at arm's length in a hot kitchen: the display id is huge, every item
stands on its own with its quantity, options are grouped under their complement group, and the
buyer's notes are printed white on black so they cannot be missed. No prices.

The receipt is what the customer (and the Flex courier) gets: store, items with prices, fees,
discounts, totals, payment, customer and address, and for Flex the QR the courier scans.
"""

from __future__ import annotations

import logging
from datetime import tzinfo

from kitchen_app.domain import Logistics, Money, Order, OrderItem

from .formats import format_datetime, format_money, format_quantity, format_time, rules_for
from .labels import label, label_for_code, label_for_word
from .layout import Align, Block, Cut, Feed, QRCode, Row, Separator, Size, Text, Ticket, TicketKind

__all__ = ["build_ticket", "kitchen_ticket", "receipt_ticket"]

log = logging.getLogger(__name__)


def build_ticket(
    order: Order,
    kind: TicketKind | str,
    *,
    locale: str = "es-AR",
    tz: tzinfo | None = None,
    reprint: bool = False,
) -> Ticket:
    kind = TicketKind(kind)
    if kind is TicketKind.KITCHEN:
        return kitchen_ticket(order, locale=locale, tz=tz, reprint=reprint)
    if kind is TicketKind.RECEIPT:
        return receipt_ticket(order, locale=locale, tz=tz, reprint=reprint)
    raise ValueError(f"an order has no {kind.value} ticket")


def _reprint_mark(locale: str) -> list[Block]:
    return [
        Text(
            f" {label('reprint', locale)} ",
            bold=True,
            invert=True,
            size=Size.TALL,
            align=Align.CENTER,
        )
    ]


def _channel_line(order: Order, locale: str) -> str:
    return f"{label_for_word(order.channel, locale)} · {label_for_word(order.logistics, locale)}"


def _item_title(item: OrderItem, locale: str) -> tuple[str, int]:
    """The item's line and the hanging indent that puts wrapped lines under its name."""
    prefix = f"{format_quantity(item.quantity, locale)} x "
    return f"{prefix}{item.name}", len(prefix)


def _options(item: OrderItem, locale: str, *, indent: int) -> list[Block]:
    blocks: list[Block] = []
    for group, options in item.options_by_group():
        inner = indent
        if group:
            blocks.append(Text(f"{group}:", indent=indent))
            inner = indent + 2
        for option in options:
            prefix = f"{format_quantity(option.quantity, locale)} x "
            blocks.append(Text(f"{prefix}{option.name}", indent=inner, hang=len(prefix)))
    return blocks


def kitchen_ticket(
    order: Order, *, locale: str = "es-AR", tz: tzinfo | None = None, reprint: bool = False
) -> Ticket:
    rules_for(locale)  # a bad locale fails before anything is built
    blocks: list[Block] = []
    if reprint:
        blocks += _reprint_mark(locale)
    blocks += [
        Text(label("kitchen", locale), bold=True, align=Align.CENTER),
        Text(f"#{order.display_id}", bold=True, size=Size.HUGE, align=Align.CENTER),
        Text(
            format_time(order.created_at, locale, tz),
            bold=True,
            size=Size.LARGE,
            align=Align.CENTER,
        ),
        Text(format_datetime(order.created_at, locale, tz), align=Align.CENTER),
        Text(_channel_line(order, locale), bold=True, size=Size.TALL, align=Align.CENTER),
    ]
    if order.customer is not None:
        blocks.append(Text(order.customer.name, align=Align.CENTER))
    blocks.append(Separator("="))
    for index, item in enumerate(order.items):
        if index:
            blocks.append(Separator("-"))
        title, hang = _item_title(item, locale)
        blocks.append(Text(title, bold=True, size=Size.TALL, hang=hang))
        blocks += _options(item, locale, indent=3)
        if item.notes:
            blocks.append(
                Text(f"{label('note', locale)}: {item.notes}", bold=True, invert=True, indent=1)
            )
    blocks.append(Separator("="))
    if order.notes:
        blocks.append(Text(f"{label('order_note', locale)}: {order.notes}", bold=True, invert=True))
    blocks.append(Text(f"{label('items_count', locale)}: {order.item_count}", align=Align.RIGHT))
    if reprint:
        blocks += _reprint_mark(locale)
    blocks += [Feed(1), Cut()]
    title = f"{label('kitchen', locale)} #{order.display_id}"
    return Ticket(TicketKind.KITCHEN, title, tuple(blocks), reprint=reprint)


def receipt_ticket(
    order: Order, *, locale: str = "es-AR", tz: tzinfo | None = None, reprint: bool = False
) -> Ticket:
    rules_for(locale)

    def money(amount: Money) -> str:
        return format_money(amount, locale)

    blocks: list[Block] = []
    if reprint:
        blocks += _reprint_mark(locale)
    if order.store_name:
        blocks.append(Text(order.store_name, bold=True, size=Size.LARGE, align=Align.CENTER))
    blocks += [
        Text(
            f"{label('order', locale)} #{order.display_id}",
            bold=True,
            size=Size.TALL,
            align=Align.CENTER,
        ),
        Text(format_datetime(order.created_at, locale, tz), align=Align.CENTER),
        Text(_channel_line(order, locale), align=Align.CENTER),
        Separator("="),
    ]
    for item in order.items:
        title, hang = _item_title(item, locale)
        blocks.append(Row(title, money(item.total_price), bold=True, hang=hang))
        if item.quantity != 1:
            blocks.append(
                Text(
                    f"{format_quantity(item.quantity, locale)} x {money(item.unit_price)}", indent=3
                )
            )
        blocks += _options(item, locale, indent=3)
        if item.notes:
            blocks.append(Text(f"{label('note', locale)}: {item.notes}", bold=True, indent=3))
    blocks += [Separator("-"), Row(label("subtotal", locale), money(order.totals.items))]
    for fee in order.fees:
        name = label_for_code(fee.kind, locale)
        blocks.append(Row(name, money(fee.price)))
    for discount in order.discounts:
        name = label("discount", locale)
        if discount.name:
            name = f"{name} ({discount.name})"
        blocks.append(Row(name, money(-discount.amount)))
    blocks.append(Row(label("total", locale), money(order.totals.total), bold=True, size=Size.TALL))
    if order.payments:
        blocks.append(Separator("-"))
        for payment in order.payments:
            state = label("prepaid", locale) if payment.prepaid else label("to_collect", locale)
            text = f"{label('payment', locale)}: {label_for_code(payment.method, locale)} ({state})"
            blocks.append(Row(text, money(payment.amount), bold=not payment.prepaid, hang=2))
    blocks += _customer_blocks(order, locale, tz)
    if order.notes:
        blocks += [Separator("-"), Text(f"{label('order_note', locale)}: {order.notes}", bold=True)]
    if order.qr is not None and order.logistics is Logistics.FLEX:
        blocks += [Separator("-"), QRCode(order.qr.payload(), caption=label("flex_qr", locale))]
    if reprint:
        blocks += _reprint_mark(locale)
    blocks += [Feed(1), Cut()]
    title = f"{label('receipt', locale)} #{order.display_id}"
    return Ticket(TicketKind.RECEIPT, title, tuple(blocks), reprint=reprint)


def _customer_blocks(order: Order, locale: str, tz: tzinfo | None) -> list[Block]:
    blocks: list[Block] = []
    customer, address = order.customer, order.address
    if customer is None and address is None:
        return blocks
    blocks.append(Separator("-"))
    if customer is not None:
        blocks.append(Text(f"{label('customer', locale)}: {customer.name}", bold=True))
        if customer.phone:
            blocks.append(Text(f"{label('phone', locale)} {customer.phone}"))
        if customer.document:
            blocks.append(Text(f"{label('document', locale)} {customer.document}"))
    if address is not None:
        street = address.formatted
        if address.complement:
            street = f"{street}, {address.complement}"
        blocks.append(Text(f"{label('address', locale)}: {street}", bold=True))
        place = ", ".join(p for p in (address.city, address.state, address.postal_code) if p)
        if place:
            blocks.append(Text(place, indent=2))
        if address.reference:
            blocks.append(Text(address.reference, indent=2))
    if order.estimated_delivery_at is not None:
        when = format_datetime(order.estimated_delivery_at, locale, tz)
        blocks.append(Text(f"{label('eta', locale)}: {when}"))
    elif order.estimated_pickup_at is not None:
        when = format_datetime(order.estimated_pickup_at, locale, tz)
        blocks.append(Text(f"{label('pickup', locale)}: {when}"))
    return blocks
