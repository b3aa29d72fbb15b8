"""Status flows as data: which (status, substatus) pairs exist, their order, what is final,
and what staff may do in each.

The flows follow ../shared/api/mp-delivery.md §8 and the marketplace's own state lists (seed
000): Flex and Dropoff only. A pair's *rank* orders it along its flow; the timeline
(timeline.py) never lets an order move to a lower rank.

Values the docs do not list are never refused (§8.7), they get a place:

* an unknown substatus of a known status ranks just after that status' last known step
  (``ready_to_ship/new_thing`` after ``ready_to_print`` shows, but never hides ``shipped``);
* an unknown status ranks just after the initial ``ready_to_print`` and before ``printed``:
  shown when it follows the first state, recorded (never shown over) later progress;
* stage: a ``ready_to_ship`` pair not yet accepted is NEW and actionable (accept, cancel);
  otherwise the stage of its status, PREPARING when the status is unknown too.

Ranks step by 10 so these in-between places exist without renumbering.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from enum import StrEnum

__all__ = [
    "Action",
    "Channel",
    "Flow",
    "Logistics",
    "Stage",
    "StatusPair",
    "flow_for",
]


class Channel(StrEnum):
    MP_DELIVERY = "mp_delivery"
    MERCADOLIBRE = "mercadolibre"
    SHOPEE = "shopee"


class Logistics(StrEnum):
    FLEX = "flex"  # restaurant's own couriers scan the QR with the Flex app
    DROPOFF = "dropoff"  # Mercado Pago's logistics partner collects
    TAKEOUT = "takeout"  # buyer picks up
    ME1 = "me1"  # Mercado Libre: seller ships with own carrier
    ME2 = "me2"
    SHOPEE = "shopee"


class Stage(StrEnum):
    """Where an order stands for the counter: the list's filters."""

    NEW = "new"  # waiting for accept
    PREPARING = "preparing"  # accepted, not yet gone
    ON_THE_WAY = "on_the_way"
    DONE = "done"
    CANCELLED = "cancelled"


class Action(StrEnum):
    """What staff can ask the marketplace (or the desk) to do with an order."""

    ACCEPT = "accept"
    CANCEL = "cancel"
    PRINT_KITCHEN = "print_kitchen"
    PRINT_RECEIPT = "print_receipt"
    PRINT_LABEL_PDF = "print_label_pdf"  # the marketplace's own receipt PDF
    MARK_READY = "mark_ready"


@dataclass(frozen=True, slots=True, order=True)
class StatusPair:
    status: str
    substatus: str | None = None

    def __str__(self) -> str:
        return f"{self.status}/{self.substatus}" if self.substatus else self.status


@dataclass(frozen=True, slots=True)
class Step:
    pair: StatusPair
    rank: int
    stage: Stage
    final: bool = False


@dataclass(frozen=True, slots=True)
class Flow:
    """One logistics flow of one channel."""

    channel: Channel
    logistics: Logistics
    steps: tuple[Step, ...]
    # Per status, the rank an unknown substatus of it takes.
    status_floor: Mapping[str, int]
    # Actions the marketplace allows per status (substatus-independent unless listed in
    # actions_by_pair).
    actions_by_status: Mapping[str, frozenset[Action]]
    actions_by_pair: Mapping[StatusPair, frozenset[Action]]
    # States an order can be in before it is accepted. A Dropoff courier may be assigned
    # before acceptance (api notes §3, §8.4, newest Spanish guide), so on_route_to_pickup and
    # picking_up are here too. Any unknown ready_to_ship substatus counts as well.
    pre_accept: frozenset[StatusPair] = frozenset()
    # The rank of a status the docs do not list (see the module docstring).
    unknown_status_rank: int = 25
    # Pairs in which the marketplace takes "order ready" (api notes §5b).
    mark_ready_pairs: frozenset[StatusPair] = frozenset()

    def step(self, pair: StatusPair) -> Step | None:
        for step in self.steps:
            if step.pair == pair:
                return step
        return None

    def rank(self, pair: StatusPair) -> int:
        step = self.step(pair)
        if step is not None:
            return step.rank
        if pair.status in self.status_floor:
            return self.status_floor[pair.status]
        return self.unknown_status_rank

    def is_known(self, pair: StatusPair) -> bool:
        """Whether the pair is one of the flow's documented steps."""
        return self.step(pair) is not None

    def is_final(self, pair: StatusPair) -> bool:
        step = self.step(pair)
        if step is not None:
            return step.final
        return pair.status in FINAL_STATUSES

    def stage(self, pair: StatusPair) -> Stage:
        step = self.step(pair)
        if step is not None:
            return step.stage
        return _STAGE_BY_STATUS.get(pair.status, Stage.PREPARING)

    def awaiting_accept(self, pair: StatusPair, *, accepted: bool) -> bool:
        """Whether staff must still accept the order: the marketplace will auto-cancel it
        otherwise. ``accepted`` is the desk's own knowledge (its confirmed accept). An unknown
        ``ready_to_ship`` substatus counts: acceptance is decided on ``status`` (api notes §3)."""
        if accepted:
            return False
        if pair in self.pre_accept:
            return True
        return pair.status == _READY_TO_SHIP and self.step(pair) is None

    def stage_of(self, pair: StatusPair, *, accepted: bool) -> Stage:
        """The stage the counter sees: NEW while the order waits for acceptance, even when
        a courier is already on the way to pick it up."""
        if self.awaiting_accept(pair, accepted=accepted):
            return Stage.NEW
        return self.stage(pair)

    def allowed_actions(self, pair: StatusPair, *, accepted: bool) -> frozenset[Action]:
        """What the marketplace accepts in this state. ``accepted`` says whether the desk knows
        the order was accepted (a Dropoff courier may be assigned before acceptance, so the
        substatus alone cannot tell).

        ACCEPT only while the order awaits acceptance; MARK_READY only in ``mark_ready_pairs``
        (Dropoff ``printed``/``ready_to_cook``: both mean accepted, whoever accepted it). A
        status the flow does not know allows the desk's own prints only.
        """
        actions = set(
            self.actions_by_pair.get(pair, self.actions_by_status.get(pair.status, _PRINTS))
        )
        actions.discard(Action.MARK_READY)
        if pair in self.mark_ready_pairs:
            actions.add(Action.MARK_READY)
        if not self.awaiting_accept(pair, accepted=accepted):
            actions.discard(Action.ACCEPT)
        return frozenset(actions)

    def pairs(self) -> list[StatusPair]:
        return [s.pair for s in self.steps]


FINAL_STATUSES = frozenset({"cancelled", "delivered", "not_delivered"})
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
_PRINTS: frozenset[Action] = frozenset({Action.PRINT_KITCHEN, Action.PRINT_RECEIPT})
# The desk can always print its own tickets; the marketplace's PDF is refused once shipped
# or cancelled (api notes §4).
_READY_TO_SHIP_ACTIONS = frozenset({Action.ACCEPT, Action.CANCEL, Action.PRINT_LABEL_PDF} | _PRINTS)
_FINAL_RANK = 1000
_STEP = 10
_UNKNOWN_OFFSET = 5  # an unknown value sits half a step after its anchor


def _mp_flow(
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
    by_status: dict[str, frozenset[Action]] = {
        "pending": frozenset(),
        "handling": frozenset(),
        "ready_to_ship": _READY_TO_SHIP_ACTIONS,
        "shipped": _PRINTS,
        "delivered": _PRINTS,
        "not_delivered": _PRINTS,
        "cancelled": _PRINTS,
    }
    return Flow(
        channel=Channel.MP_DELIVERY,
        logistics=logistics,
        steps=tuple(steps),
        status_floor=floors,
        actions_by_status=by_status,
        actions_by_pair={},
        pre_accept=frozenset(_P("ready_to_ship", sub) for sub in pre_accept),
        unknown_status_rank=2 * _STEP + _UNKNOWN_OFFSET,
        mark_ready_pairs=frozenset(_P("ready_to_ship", sub) for sub in mark_ready),
    )


_CANCELLED = [
    ("cancelled", "cancelled_manually", Stage.CANCELLED),
    ("cancelled", "time_expired", Stage.CANCELLED),
]

# Seed 000, Flex: no not_delivered (what follows shipped/delivery_failed is UNKNOWN, §8.3);
# a not_delivered that does come is final all the same (FINAL_STATUSES).
MP_FLEX = _mp_flow(
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
# Mark ready (§5b) is documented for printed; ready_to_cook follows printed and still means
# "accepted, food not collected", so the desk offers it there too and shows a refusal.
MP_DROPOFF = _mp_flow(
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
_STORED_TAKEOUT = replace(MP_FLEX, logistics=Logistics.TAKEOUT)

_FLOWS: dict[tuple[Channel, Logistics], Flow] = {
    (Channel.MP_DELIVERY, Logistics.FLEX): MP_FLEX,
    (Channel.MP_DELIVERY, Logistics.DROPOFF): MP_DROPOFF,
    (Channel.MP_DELIVERY, Logistics.TAKEOUT): _STORED_TAKEOUT,
}


def flow_for(channel: Channel, logistics: Logistics) -> Flow:
    """The flow for a channel and logistics; raises KeyError for a combination we lack."""
    return _FLOWS[(channel, logistics)]


def register_flow(flow: Flow) -> None:
    """Channels other than Mercado Pago Delivery add their flows here at import."""
    _FLOWS[(flow.channel, flow.logistics)] = flow
