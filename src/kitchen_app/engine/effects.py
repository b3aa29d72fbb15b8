"""How the engine tells, from an order as the marketplace shows it, whether an action it sent
has already taken effect. Used before re-sending a pending action and after a state conflict,
so that a lost answer never makes the desk send the same action twice (DESIGN §6.4)."""

from __future__ import annotations

from kitchen_app.domain import Order, StatusPair
from kitchen_app.domain.actions import Evidence

__all__ = ["Evidence", "accept_evidence", "cancel_evidence", "possible_after_conflict"]


# Substatuses only an accepted order reaches. A Dropoff courier can be assigned before the
# order is accepted, so on_route_to_pickup / picking_up prove nothing (api notes §3).
_ACCEPTED_SUBSTATUSES = frozenset({"printed", "ready_to_cook"})
_AFTER_ACCEPT_STATUSES = frozenset({"shipped", "delivered", "not_delivered"})


def accept_evidence(order: Order) -> Evidence:
    pair: StatusPair = order.status
    if pair.status == "cancelled":
        return Evidence.IMPOSSIBLE
    if pair.status in _AFTER_ACCEPT_STATUSES or pair.substatus in _ACCEPTED_SUBSTATUSES:
        return Evidence.DONE
    if pair.status == "ready_to_ship" and pair.substatus == "ready_to_print":
        return Evidence.NOT_DONE
    return Evidence.UNKNOWN


def cancel_evidence(order: Order) -> Evidence:
    if order.status.status == "cancelled":
        return Evidence.DONE
    if order.is_final or order.status.status != "ready_to_ship":
        return Evidence.IMPOSSIBLE
    return Evidence.NOT_DONE


def possible_after_conflict(kind: str, order: Order) -> Evidence:
    """After the marketplace answered "conflict", what the fresh order says.

    An accept refused while the order still waits in ready_to_ship (not ready_to_print) can only
    mean it was already accepted: Mercado Pago refuses accept only outside ready_to_ship or
    when already accepted.
    """
    if kind == "accept":
        evidence = accept_evidence(order)
        if evidence is Evidence.UNKNOWN and order.status.status == "ready_to_ship":
            return Evidence.DONE
        return evidence
    if kind == "cancel":
        return cancel_evidence(order)
    return Evidence.UNKNOWN
