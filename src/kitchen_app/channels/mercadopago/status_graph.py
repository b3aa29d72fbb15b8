"""Mercado Pago Delivery's status graphs (api notes §8, seed 000): Flex and Dropoff, as
``domain.flows.Flow`` data, registered for ``Order.flow`` at import.

Values the docs do not list are never refused (§8.7), they get a place:

* an unknown substatus of a known status ranks just after that status' last known step
  (``ready_to_ship/new_thing`` after ``ready_to_print`` shows, but never hides ``shipped``);
* an unknown status ranks just after the initial ``ready_to_print`` and before ``printed``:
  shown when it follows the first state, recorded (never shown over) later progress;
* stage: a ``ready_to_ship`` pair not yet accepted is NEW and actionable (accept, cancel);
  otherwise the stage of its status, PREPARING when the status is unknown too.

``flows.py`` turns these into the tracks form the engine, the merge and the store read.
"""

from __future__ import annotations

from dataclasses import replace

from kitchen_app.domain.flows import (
    PRINTS,
    Action,
    Flow,
    Logistics,
    Stage,
    StatusPair,
    Step,
    register_flow,
)

from . import CHANNEL

__all__ = ["DROPOFF_GRAPH", "FINAL_STATUSES", "FLEX_GRAPH", "PRINT_LABEL", "STORED_TAKEOUT"]

# Mercado Pago's own receipt PDF (the "MP receipt" action).
PRINT_LABEL = "print_label_pdf"

FINAL_STATUSES = frozenset({"cancelled", "delivered", "not_delivered"})
# The status in which an order waits for acceptance, whatever its substatus (api notes §3).
_READY_TO_SHIP = "ready_to_ship"

_STAGE_BY_STATUS: dict[str, Stage] = {
    "pending": Stage.NEW,
    "handling": Stage.NEW,
    "ready_to_ship": Stage.PREPARING,
    "shipped": Stage.ON_THE_WAY,
    "delivered": Stage.DONE,
    "not_delivered": Stage.DONE,
    "cancelled": Stage.CANCELLED,
}

_P = StatusPair
# The desk can always print its own tickets; Mercado Pago's PDF is refused once shipped or
# cancelled (api notes §4).
_READY_TO_SHIP_ACTIONS = frozenset({Action.ACCEPT, Action.CANCEL, PRINT_LABEL} | PRINTS)
_FINAL_RANK = 1000
_STEP = 10
_UNKNOWN_OFFSET = 5  # an unknown value sits half a step after its anchor


def _graph(
    logistics: Logistics,
    middle: list[tuple[str, str | None, Stage]],
    finals: list[tuple[str, str | None, Stage]],
    pre_accept: tuple[str, ...] = ("ready_to_print",),
    mark_ready: tuple[str, ...] = (),
) -> Flow:
    steps: list[Step] = [
        Step(_P("pending", "creating_route"), 0, Stage.NEW),
        Step(_P("handling", None), _STEP, Stage.NEW),
        Step(_P("ready_to_ship", "ready_to_print"), 2 * _STEP, Stage.NEW),
    ]
    rank = 3 * _STEP
    for status, substatus, stage in middle:
        steps.append(Step(_P(status, substatus), rank, stage))
        rank += _STEP
    # Final states share one rank: once final, nothing moves the order (first final wins).
    for status, substatus, stage in finals:
        steps.append(Step(_P(status, substatus), _FINAL_RANK, stage, final=True))
    # An unknown substatus sits just after the last known step of its status.
    floors = {
        status: max(s.rank for s in steps if s.pair.status == status) + _UNKNOWN_OFFSET
        for status in ("pending", "handling", "ready_to_ship", "shipped")
    }
    floors |= {status: _FINAL_RANK for status in FINAL_STATUSES}
    by_status: dict[str, frozenset[str]] = {
        "pending": frozenset(),
        "handling": frozenset(),
        "ready_to_ship": _READY_TO_SHIP_ACTIONS,
        "shipped": PRINTS,
        "delivered": PRINTS,
        "not_delivered": PRINTS,
        "cancelled": PRINTS,
    }
    return Flow(
        channel=CHANNEL,
        logistics=logistics,
        steps=tuple(steps),
        status_floor=floors,
        actions_by_status=by_status,
        actions_by_pair={},
        pre_accept=frozenset(_P("ready_to_ship", sub) for sub in pre_accept),
        unknown_status_rank=2 * _STEP + _UNKNOWN_OFFSET,
        mark_ready_pairs=frozenset(_P("ready_to_ship", sub) for sub in mark_ready),
        final_statuses=FINAL_STATUSES,
        stage_by_status=_STAGE_BY_STATUS,
        accept_status=_READY_TO_SHIP,
    )


_CANCELLED = [
    ("cancelled", "cancelled_manually", Stage.CANCELLED),
    ("cancelled", "time_expired", Stage.CANCELLED),
]

# Seed 000, Flex: no not_delivered (what follows shipped/delivery_failed is UNKNOWN, §8.3);
# a not_delivered that does come is final all the same (FINAL_STATUSES).
FLEX_GRAPH = _graph(
    Logistics.FLEX,
    [
        ("ready_to_ship", "printed", Stage.PREPARING),
        ("ready_to_ship", "ready_to_cook", Stage.PREPARING),
        ("shipped", "out_for_delivery", Stage.ON_THE_WAY),
        ("shipped", "delivery_failed", Stage.ON_THE_WAY),
    ],
    [("delivered", None, Stage.DONE), *_CANCELLED],
)

# Seed 000, Dropoff, with ready_to_cook after printed and before on_route_to_pickup (§8.4).
# A Dropoff courier may be assigned before acceptance (api notes §3, §8.4, newest Spanish
# guide), so on_route_to_pickup and picking_up still await it. Mark ready (§5b) is documented
# for printed; ready_to_cook follows printed and still means "accepted, food not collected",
# so the desk offers it there too and shows a refusal.
DROPOFF_GRAPH = _graph(
    Logistics.DROPOFF,
    [
        ("ready_to_ship", "printed", Stage.PREPARING),
        ("ready_to_ship", "ready_to_cook", Stage.PREPARING),
        ("ready_to_ship", "on_route_to_pickup", Stage.PREPARING),
        ("ready_to_ship", "picking_up", Stage.PREPARING),
        ("shipped", "out_for_delivery", Stage.ON_THE_WAY),
        ("shipped", "at_the_door", Stage.ON_THE_WAY),
    ],
    [("delivered", None, Stage.DONE), ("not_delivered", None, Stage.DONE), *_CANCELLED],
    pre_accept=("ready_to_print", "on_route_to_pickup", "picking_up"),
    mark_ready=("printed", "ready_to_cook"),
)

# The docs have no Takeout flow (api notes §2.4): a TAKEOUT order now maps to Flex or Dropoff
# by the QR rule. Orders stored before that carry logistics "takeout"; they keep opening with
# the Flex steps (no courier steps, no mark ready) rather than failing to load.
STORED_TAKEOUT = replace(FLEX_GRAPH, logistics=Logistics.TAKEOUT)

for _flow in (FLEX_GRAPH, DROPOFF_GRAPH, STORED_TAKEOUT):
    register_flow(_flow)
