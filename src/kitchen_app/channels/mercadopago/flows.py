"""Mercado Pago Delivery's status model as a ``domain.tracks.Flow`` (api notes §8, seed 000).

One track, ``order``, that never repeats: the order's rank only grows and the first final
state wins (MP§8.4). The steps, ranks and stages are those of the Flex and Dropoff flows in
``domain/flows.py`` (which the engine still reads while it moves onto plug-ins), re-expressed:
a step in which the order waits for acceptance rings (``alert``) and counts down the accept
window (``deadline=ACCEPT``); a final step is ``terminal``.
"""

from __future__ import annotations

from datetime import timedelta

from kitchen_app.domain import flows as legacy
from kitchen_app.domain.flows import Stage
from kitchen_app.domain.tracks import DeadlineKind, Flow, Step, Track

__all__ = ["ACCEPT_WINDOW", "DROPOFF", "FLEX", "flow_for_logistics"]

# Mercado Pago cancels an order not accepted within 5 minutes (api notes §3).
ACCEPT_WINDOW = timedelta(minutes=5)

# A status the flow does not list takes its status' stage (api notes §8.7: shown raw).
_STATUS_STAGE = {
    "pending": Stage.NEW,
    "handling": Stage.NEW,
    "ready_to_ship": Stage.PREPARING,
    "shipped": Stage.ON_THE_WAY,
    "delivered": Stage.DONE,
    "not_delivered": Stage.DONE,
    "cancelled": Stage.CANCELLED,
}


def _from_legacy(flow: legacy.Flow) -> Flow:
    steps = tuple(
        Step(
            pair=step.pair,
            stage=step.stage,
            rank=step.rank,
            terminal=step.final,
            alert=step.pair in flow.pre_accept,
            deadline=DeadlineKind.ACCEPT if step.pair in flow.pre_accept else None,
        )
        for step in flow.steps
    )
    return Flow(
        tracks=(Track("order", steps, repeats=False, status_stage=_STATUS_STAGE),),
        accept_window=ACCEPT_WINDOW,
    )


FLEX = _from_legacy(legacy.MP_FLEX)
DROPOFF = _from_legacy(legacy.MP_DROPOFF)


def flow_for_logistics(logistics: str) -> Flow:
    """Dropoff's courier steps for Dropoff orders; Flex's for the rest (stored Takeout
    orders included, as ``domain/flows.py`` does)."""
    return DROPOFF if logistics == "dropoff" else FLEX
