"""Mercado Libre as a plug-in (DESIGN §3; api notes Part A; seeds 001, 002, 004).

``client`` (its verbs, Bearer auth, errors), ``mapping`` (order + shipment + pack JSON ->
``domain.Order``), ``flows`` (the order and ME1 shipment tracks, which actions each state
allows), ``notify`` (webhook rules on the relay's side), ``settings`` (``mercadolibre.*``),
``display`` (its words, translatable), ``cart`` (a cart as one ticket), ``plugin`` (the
``Marketplace``) and ``sandbox/``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kitchen_app.domain import Order

CHANNEL = "mercadolibre"

__all__ = ["CHANNEL", "map_order"]


def map_order(raw: dict[str, Any]) -> Order:
    """What ``kitchen-app ticket FILE --channel mercadolibre`` prints: a ``GET /orders/{id}``
    answer (new or previous JSON), ``{"order", "shipment"?, "pack"?}``, or a whole cart
    ``{"orders": [...], "shipment"?}`` (one ticket for all its orders). Raises BadResponse."""
    from kitchen_app.channels.errors import BadResponse
    from kitchen_app.domain.carts import cart_order

    from .mapping import read_order, to_domain

    if isinstance(raw.get("orders"), list):
        shipment = raw.get("shipment") if isinstance(raw.get("shipment"), dict) else None
        orders = raw["orders"]
        if not orders or not all(isinstance(o, dict) for o in orders):
            raise BadResponse("cart JSON: orders must be a non-empty list of orders")
        try:
            return cart_order([to_domain(read_order(o, shipment)) for o in orders])
        except ValueError as exc:
            raise BadResponse(f"cart JSON: {exc}") from None
    if isinstance(raw.get("order"), dict):
        shipment = raw.get("shipment") if isinstance(raw.get("shipment"), dict) else None
        pack = raw.get("pack") if isinstance(raw.get("pack"), dict) else None
        return to_domain(read_order(raw["order"], shipment, pack))
    return to_domain(read_order(raw))
