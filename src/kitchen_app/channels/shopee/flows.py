"""Shopee's order statuses as a ``domain.tracks.Flow`` (api notes B.3; seed 003).

One track, ``order``, that **repeats**: a status may come back (``IN_CANCEL`` then
``READY_TO_SHIP`` when the shop rejects a buyer's request; ``PROCESSED → RETRY_SHIP →
PROCESSED``; ``COMPLETED → TO_RETURN``), so each visit is its own timeline entry dated by the
order's ``update_time``. ``PENDING_INVOICE`` (seed 003's sample) is an alias of
``INVOICE_PENDING`` (its status list): both spellings are one step; the raw value is kept.

Stages and alerts, where the docs are silent, chosen for a counter:

* ``UNPAID``, ``PENDING``, ``INVOICE_PENDING``: NEW, quiet — nothing to do until Shopee says
  the order may be shipped.
* ``READY_TO_SHIP``: PREPARING, rings (``alert``) and counts down ``ship_by_date``
  (``SHIP_BY``): this is the order staff must prepare and arrange.
* ``RETRY_SHIP`` (the carrier's pickup failed): PREPARING, rings, ship-by again.
* ``PROCESSED``: PREPARING (arranged; the parcel still at the counter).
* ``SHIPPED``: ON_THE_WAY. ``TO_CONFIRM_RECEIVE``, ``TO_RETURN``, ``COMPLETED``: DONE.
* ``IN_CANCEL``: PREPARING, rings like a new order and counts down ``ANSWER`` (the time Shopee
  gives the shop is UNKNOWN; assumed to end in an automatic accept).
* ``CANCELLED``, ``COMPLETED``: terminal (re-reading stops; a later ``TO_RETURN`` still shows,
  because on a repeating track the newest dated visit wins).

Ranks follow the happy path; they are not read on a repeating track.
"""

from __future__ import annotations

from kitchen_app.domain.flows import Stage, StatusPair
from kitchen_app.domain.tracks import DeadlineKind, Flow, Step, Track

__all__ = ["ALIASES", "FLOW", "STATUSES", "normalized_status"]

ALIASES = {"PENDING_INVOICE": "INVOICE_PENDING"}


def _step(
    status: str,
    stage: Stage,
    rank: int,
    *,
    terminal: bool = False,
    alert: bool = False,
    deadline: DeadlineKind | None = None,
) -> Step:
    return Step(StatusPair(status), stage, rank, terminal, alert, deadline)


_STEPS = (
    _step("UNPAID", Stage.NEW, 10),
    _step("PENDING", Stage.NEW, 15),
    _step("INVOICE_PENDING", Stage.NEW, 20),
    _step("READY_TO_SHIP", Stage.PREPARING, 30, alert=True, deadline=DeadlineKind.SHIP_BY),
    _step("IN_CANCEL", Stage.PREPARING, 35, alert=True, deadline=DeadlineKind.ANSWER),
    _step("PROCESSED", Stage.PREPARING, 40),
    _step("RETRY_SHIP", Stage.PREPARING, 45, alert=True, deadline=DeadlineKind.SHIP_BY),
    _step("SHIPPED", Stage.ON_THE_WAY, 50),
    _step("TO_CONFIRM_RECEIVE", Stage.DONE, 60),
    _step("TO_RETURN", Stage.DONE, 70),
    _step("COMPLETED", Stage.DONE, 80, terminal=True),
    _step("CANCELLED", Stage.CANCELLED, 90, terminal=True),
)

STATUSES = tuple(step.pair.status for step in _STEPS)

FLOW = Flow(
    tracks=(Track("order", _STEPS, repeats=True, aliases=ALIASES),),
    accept_window=None,  # Shopee has no accept: an order is the shop's once paid
)


def normalized_status(status: str) -> str:
    """The status as its step spells it (``PENDING_INVOICE`` → ``INVOICE_PENDING``)."""
    return ALIASES.get(status, status)
