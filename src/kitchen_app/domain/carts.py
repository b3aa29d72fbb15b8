"""A cart (orders sharing ``Order.pack_id``) as one purchase: one kitchen ticket and one
receipt for all its orders, with totals per order and per cart.

``cart_order`` folds the cart's orders into one ``Order`` that the ticket renderer prints as
it prints any order: every item of every order (each noted with its order when the cart has
several), the cart's totals, the buyer and the shipment's address. The per-order totals go
in ``CartTotals`` for screens and into the order note for paper. Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from .money import Money
from .order import Order, Totals

__all__ = ["CartTotals", "cart_order", "cart_totals"]


@dataclass(frozen=True, slots=True)
class CartTotals:
    per_order: tuple[tuple[str, Money], ...]  # (order id, its total), by creation
    total: Money


def _sorted(orders: Sequence[Order]) -> list[Order]:
    if not orders:
        raise ValueError("a cart has at least one order")
    packs = {o.pack_id for o in orders}
    if len(orders) > 1 and (len(packs) != 1 or None in packs):
        raise ValueError("the orders of one ticket must share one pack_id")
    currencies = {o.currency for o in orders}
    if len(currencies) != 1:
        raise ValueError("a cart's orders are in one currency")
    return sorted(orders, key=lambda o: (o.created_at, o.order_id))


def cart_totals(orders: Sequence[Order]) -> CartTotals:
    ordered = _sorted(orders)
    total = Money.zero(ordered[0].currency)
    per_order = []
    for order in ordered:
        per_order.append((order.order_id, order.totals.total))
        total = total + order.totals.total
    return CartTotals(tuple(per_order), total)


def cart_order(orders: Sequence[Order]) -> Order:
    """One order standing for the whole cart (the first order when it is alone)."""
    ordered = _sorted(orders)
    first = ordered[0]
    if len(ordered) == 1:
        return first
    zero = Money.zero(first.currency)
    items, fees, discount, fee_lines = [], zero, zero, []
    for order in ordered:
        for item in order.items:
            note = f"#{order.order_id}" + (f" · {item.notes}" if item.notes else "")
            items.append(replace(item, notes=note))
        fees = fees + order.totals.fees
        discount = discount + order.totals.discount
        fee_lines += list(order.fees)
    totals = cart_totals(ordered)
    items_total = zero
    for order in ordered:
        items_total = items_total + order.totals.items
    lines = [f"#{oid}: {amount.amount} {amount.currency}" for oid, amount in totals.per_order]
    notes = " | ".join([*lines, *([first.notes] if first.notes else [])])
    address = next((o.address for o in ordered if o.address is not None), None)
    return replace(
        first,
        display_id=first.pack_id or first.display_id,
        items=tuple(items),
        totals=Totals(items=items_total, fees=fees, discount=discount, total=totals.total),
        fees=tuple(fee_lines),
        payments=tuple(p for o in ordered for p in o.payments),
        address=address,
        notes=notes,
    )
