"""Mercado Libre's status model (api notes A.2, A.4; seeds 001, 004) and the actions each
state allows.

Two tracks. ``order`` (primary: ``status`` / ``status_detail``) never repeats; ``shipment``
(``status`` / ``substatus`` of the order's shipment) repeats, because ``shipped`` substatuses
come and go (each visit is dated by ``substatus_history``). There is no accept window: a
``paid`` order rings until staff mark it seen, and counts down the shipment's handling limit
(``DeadlineKind.SHIP_BY``) while the shipment has not left. ``cancelled`` (order),
``delivered`` and ``not_delivered`` (shipment) are terminal. Unknown values are never
refused: they take their status' stage.

Actions, in the order staff meet them (#12.3): set tracking number, mark shipped, not
delivered, delivered — the last two final and irreversible, so they ask first. Then stock and
sale feedback (#12.5). There is no seller cancel in the seeds: non-fulfilment goes through
feedback with ``fulfilled: no``.
"""

from __future__ import annotations

from datetime import datetime

from kitchen_app.channels.base import ActionSpec, ParamKind, ParamSpec
from kitchen_app.domain import Order, Stage, StatusPair
from kitchen_app.domain.settings import Choice
from kitchen_app.domain.text import QT_TRANSLATE_NOOP
from kitchen_app.domain.tracks import DeadlineKind, Flow, Step, Track

__all__ = [
    "FEEDBACK_REASONS",
    "FINAL_SHIPMENT",
    "FLOW",
    "actions_for",
    "shipment_pair",
]


_P = StatusPair
FINAL_SHIPMENT = frozenset({"delivered", "not_delivered"})

ORDER_TRACK = Track(
    "order",
    (
        Step(_P("confirmed"), Stage.NEW, rank=1),
        Step(_P("payment_required"), Stage.NEW, rank=2),
        Step(_P("payment_in_process"), Stage.NEW, rank=3),
        Step(_P("partially_paid"), Stage.NEW, rank=4),
        Step(_P("paid"), Stage.PREPARING, rank=5, alert=True, deadline=DeadlineKind.SHIP_BY),
        Step(_P("partially_refunded"), Stage.PREPARING, rank=6),
        Step(_P("pending_cancel"), Stage.CANCELLED, rank=7),
        Step(_P("cancelled"), Stage.CANCELLED, rank=8, terminal=True),
        Step(_P("invalid"), Stage.CANCELLED, rank=8, terminal=True),
    ),
    repeats=False,
    status_stage={"paid": Stage.PREPARING, "cancelled": Stage.CANCELLED},
)

SHIPMENT_TRACK = Track(
    "shipment",
    (
        Step(_P("pending"), Stage.PREPARING, deadline=DeadlineKind.SHIP_BY),
        Step(_P("handling"), Stage.PREPARING, deadline=DeadlineKind.SHIP_BY),
        Step(_P("ready_to_ship"), Stage.PREPARING, deadline=DeadlineKind.SHIP_BY),
        Step(_P("shipped"), Stage.ON_THE_WAY),
        Step(_P("shipped", "out_for_delivery"), Stage.ON_THE_WAY),
        Step(_P("delivered"), Stage.DONE, terminal=True),
        Step(_P("not_delivered", "returning_to_sender"), Stage.DONE, terminal=True),
        Step(_P("not_delivered"), Stage.DONE, terminal=True),
        Step(_P("cancelled"), Stage.CANCELLED, terminal=True),
    ),
    repeats=True,
    status_stage={
        "to_be_agreed": Stage.PREPARING,
        "pending": Stage.PREPARING,
        "handling": Stage.PREPARING,
        "ready_to_ship": Stage.PREPARING,
        "shipped": Stage.ON_THE_WAY,
        "delivered": Stage.DONE,
        "not_delivered": Stage.DONE,
        "cancelled": Stage.CANCELLED,
    },
)

FLOW = Flow(tracks=(ORDER_TRACK, SHIPMENT_TRACK), accept_window=None)

# Seller reasons for a sale not fulfilled (A.6; the source's list is truncated: UNKNOWN tail).
FEEDBACK_REASONS = (
    Choice("OUT_OF_STOCK", QT_TRANSLATE_NOOP("mercadolibre", "Out of stock")),
    Choice(
        "BUYER_NOT_ENOUGH_MONEY", QT_TRANSLATE_NOOP("mercadolibre", "Buyer did not have the money")
    ),
    Choice("BUYER_REGRETS", QT_TRANSLATE_NOOP("mercadolibre", "Buyer changed their mind")),
    Choice("SELLER_REGRETS", QT_TRANSLATE_NOOP("mercadolibre", "We changed our mind")),
    Choice("BUYER_DID_NOT_ANSWER", QT_TRANSLATE_NOOP("mercadolibre", "Buyer did not answer")),
    Choice(
        "THEY_NOT_HONORING_POLICIES",
        QT_TRANSLATE_NOOP("mercadolibre", "Buyer did not follow the policies"),
    ),
    Choice(
        "OTHER_MY_RESPONSIBILITY", QT_TRANSLATE_NOOP("mercadolibre", "Other (our responsibility)")
    ),
    Choice(
        "OTHER_THEIR_RESPONSIBILITY",
        QT_TRANSLATE_NOOP("mercadolibre", "Other (the buyer's responsibility)"),
    ),
    Choice("DUBIOUS_BUYER", QT_TRANSLATE_NOOP("mercadolibre", "Dubious buyer")),
    Choice("SELLER_HOLIDAY", QT_TRANSLATE_NOOP("mercadolibre", "We are on holiday")),
)
_YES_NO = (
    Choice("yes", QT_TRANSLATE_NOOP("mercadolibre", "Yes")),
    Choice("no", QT_TRANSLATE_NOOP("mercadolibre", "No")),
)
_COMMENT = ParamSpec(
    "comment",
    ParamKind.TEXT,
    QT_TRANSLATE_NOOP("mercadolibre", "Comment"),
    required=False,
    max_length=200,
)

SET_TRACKING = ActionSpec(
    "set_tracking",
    QT_TRANSLATE_NOOP("mercadolibre", "Set tracking number"),
    (
        ParamSpec(
            "tracking_number",
            ParamKind.TEXT,
            QT_TRANSLATE_NOOP("mercadolibre", "Tracking number"),
            max_length=60,
        ),
    ),
)
MARK_SHIPPED = ActionSpec(
    "mark_shipped", QT_TRANSLATE_NOOP("mercadolibre", "Mark shipped"), (_COMMENT,)
)
MARK_NOT_DELIVERED = ActionSpec(
    "mark_not_delivered",
    QT_TRANSLATE_NOOP("mercadolibre", "Not delivered (returning to us)"),
    (_COMMENT,),
    confirm=True,
    warning=QT_TRANSLATE_NOOP(
        "mercadolibre",
        "This is final: Mercado Libre starts the return and refund. It cannot be undone.",
    ),
)
MARK_DELIVERED = ActionSpec(
    "mark_delivered",
    QT_TRANSLATE_NOOP("mercadolibre", "Mark delivered"),
    (_COMMENT,),
    confirm=True,
    warning=QT_TRANSLATE_NOOP("mercadolibre", "This is final and cannot be undone."),
)
SET_STOCK = ActionSpec(
    "set_stock",
    QT_TRANSLATE_NOOP("mercadolibre", "Set available stock"),
    (
        ParamSpec("item", ParamKind.ITEMS, QT_TRANSLATE_NOOP("mercadolibre", "Item")),
        ParamSpec(
            "quantity",
            ParamKind.NUMBER,
            QT_TRANSLATE_NOOP("mercadolibre", "Available quantity"),
            minimum=0,
        ),
    ),
)


def _feedback(fulfilled_allowed: bool) -> ActionSpec:
    return ActionSpec(
        "feedback",
        QT_TRANSLATE_NOOP("mercadolibre", "Sale feedback"),
        (
            ParamSpec(
                "fulfilled",
                ParamKind.CHOICE,
                QT_TRANSLATE_NOOP("mercadolibre", "Was the sale fulfilled?"),
                choices=_YES_NO if fulfilled_allowed else _YES_NO[1:],
            ),
            ParamSpec(
                "rating",
                ParamKind.CHOICE,
                QT_TRANSLATE_NOOP("mercadolibre", "Rating"),
                choices=(
                    Choice("positive", QT_TRANSLATE_NOOP("mercadolibre", "Positive")),
                    Choice("neutral", QT_TRANSLATE_NOOP("mercadolibre", "Neutral")),
                    Choice("negative", QT_TRANSLATE_NOOP("mercadolibre", "Negative")),
                ),
            ),
            ParamSpec(
                "message",
                ParamKind.TEXT,
                QT_TRANSLATE_NOOP("mercadolibre", "Message to the buyer"),
                max_length=159,
            ),
            ParamSpec(
                "reason",
                ParamKind.CHOICE,
                QT_TRANSLATE_NOOP("mercadolibre", "Reason"),
                required=False,
                required_when=("fulfilled", "no"),
                choices=FEEDBACK_REASONS,
            ),
            ParamSpec(
                "restock_item",
                ParamKind.CHOICE,
                QT_TRANSLATE_NOOP("mercadolibre", "Put the items back in stock?"),
                required=False,
                required_when=("fulfilled", "no"),
                choices=_YES_NO,
            ),
        ),
        confirm=True,
        warning=QT_TRANSLATE_NOOP("mercadolibre", "Feedback can be given once per sale."),
    )


def shipment_pair(order: Order) -> StatusPair | None:
    """The shipment track's current pair, when the order has a shipment."""
    for state in order.state:
        if state.track == "shipment":
            return state.pair
    return None


def actions_for(order: Order, *, now: datetime) -> tuple[ActionSpec, ...]:
    """What may be done now, in the order staff meet it. ME1 actions only for ME1 shipments
    (ME2 shipments are driven by Mercado Libre and the carrier, A.4)."""
    offered: list[ActionSpec] = []
    cancelled = order.status.status in ("cancelled", "invalid", "pending_cancel")
    pair = shipment_pair(order)
    shipment_id = order.handles.get("shipment_id")
    if not cancelled and shipment_id and pair is not None and order.logistics == "me1":
        final = pair.status in FINAL_SHIPMENT or pair.status == "cancelled"
        shipped = pair.status == "shipped"
        tracked = bool(order.handles.get("tracking_number"))
        if not final and not shipped:
            offered.append(SET_TRACKING)
            if tracked:
                offered.append(MARK_SHIPPED)
        if shipped:
            offered += [MARK_NOT_DELIVERED, MARK_DELIVERED]
    if any(item.ref for item in order.items):
        offered.append(SET_STOCK)
    if order.handles.get("sale_feedback") != "yes":
        # ME1: "fulfilled" only once the delivery is certain (A.6).
        delivered = pair is not None and pair.status == "delivered"
        me1 = order.logistics == "me1" and shipment_id is not None
        offered.append(_feedback(fulfilled_allowed=delivered or not me1))
    return tuple(offered)
