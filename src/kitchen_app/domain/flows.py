"""Status flows as data: which (status, substatus) pairs exist, their order, what is final,
and what staff may do in each.

The flows follow ../shared/api/mp-delivery.md §8. A pair's *rank* orders it along its flow;
the timeline (timeline.py) never lets an order move to a lower rank. Unknown substatuses are
tolerated: they take the rank of their status' first known step, so they are recorded but
never move an order back.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
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
    # before acceptance (api notes §3), so on_route_to_pickup and picking_up are here too.
    pre_accept: frozenset[StatusPair] = frozenset()

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
        return -1  # unknown status: recorded, never advances the order

    def is_final(self, pair: StatusPair) -> bool:
        step = self.step(pair)
        if step is not None:
            return step.final
        return pair.status in FINAL_STATUSES

    def stage(self, pair: StatusPair) -> Stage:
        step = self.step(pair)
        if step is not None:
            return step.stage
        return _STAGE_BY_STATUS.get(pair.status, Stage.NEW)

    def awaiting_accept(self, pair: StatusPair, *, accepted: bool) -> bool:
        """Whether staff must still accept the order: the marketplace will auto-cancel it
        otherwise. ``accepted`` is the desk's own knowledge (its confirmed accept)."""
        return not accepted and pair in self.pre_accept

    def stage_of(self, pair: StatusPair, *, accepted: bool) -> Stage:
        """The stage the counter sees: NEW while the order waits for acceptance, even when
        a courier is already on the way to pick it up."""
        if self.awaiting_accept(pair, accepted=accepted):
            return Stage.NEW
        return self.stage(pair)

    def allowed_actions(self, pair: StatusPair, *, accepted: bool) -> frozenset[Action]:
        """What the marketplace accepts in this state. ``accepted`` says whether the desk knows
        the order was accepted (a Dropoff courier may be assigned before acceptance, so the
        substatus alone cannot tell)."""
        actions = set(self.actions_by_pair.get(pair, self.actions_by_status.get(pair.status, ())))
        if accepted:
            actions.discard(Action.ACCEPT)
        elif Action.MARK_READY in actions:
            actions.discard(Action.MARK_READY)
        return frozenset(actions)

    def pairs(self) -> list[StatusPair]:
        return [s.pair for s in self.steps]


FINAL_STATUSES = frozenset({"cancelled", "delivered", "not_delivered"})

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
_PRINTS = frozenset({Action.PRINT_KITCHEN, Action.PRINT_RECEIPT})
# The desk can always print its own tickets; the marketplace's PDF is refused once shipped
# or cancelled (api notes §4).
_READY_TO_SHIP_ACTIONS = frozenset({Action.ACCEPT, Action.CANCEL, Action.PRINT_LABEL_PDF} | _PRINTS)
_FINAL_RANK = 100


def _mp_flow(
    logistics: Logistics,
    middle: list[tuple[str, str | None, Stage]],
    pre_accept: tuple[str, ...] = ("ready_to_print",),
) -> Flow:
    steps: list[Step] = [
        Step(_P("pending", "creating_route"), 0, Stage.NEW),
        Step(_P("handling", None), 1, Stage.NEW),
        Step(_P("ready_to_ship", "ready_to_print"), 2, Stage.NEW),
    ]
    rank = 3
    for status, substatus, stage in middle:
        steps.append(Step(_P(status, substatus), rank, stage))
        rank += 1
    # Final states share one rank: once final, nothing moves the order (first final wins).
    for status, substatus, stage in [
        ("delivered", None, Stage.DONE),
        ("not_delivered", None, Stage.DONE),
        ("cancelled", "cancelled_manually", Stage.CANCELLED),
        ("cancelled", "time_expired", Stage.CANCELLED),
    ]:
        steps.append(Step(_P(status, substatus), _FINAL_RANK, stage, final=True))
    floors = {
        "pending": 0,
        "handling": 1,
        "ready_to_ship": 2,
        "shipped": min(s.rank for s in steps if s.pair.status == "shipped"),
        "delivered": _FINAL_RANK,
        "not_delivered": _FINAL_RANK,
        "cancelled": _FINAL_RANK,
    }
    shipped_actions = _PRINTS
    by_status: dict[str, frozenset[Action]] = {
        "pending": frozenset(),
        "handling": frozenset(),
        "ready_to_ship": _READY_TO_SHIP_ACTIONS
        | (frozenset({Action.MARK_READY}) if logistics is Logistics.DROPOFF else frozenset()),
        "shipped": shipped_actions,
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
    )


MP_FLEX = _mp_flow(
    Logistics.FLEX,
    [
        ("ready_to_ship", "printed", Stage.PREPARING),
        ("ready_to_ship", "ready_to_cook", Stage.PREPARING),
        ("shipped", "out_for_delivery", Stage.ON_THE_WAY),
        ("shipped", "delivery_failed", Stage.ON_THE_WAY),
    ],
)

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
    pre_accept=("ready_to_print", "on_route_to_pickup", "picking_up"),
)

# Takeout's flow is UNKNOWN in the API notes; it follows Flex without the courier steps.
MP_TAKEOUT = _mp_flow(
    Logistics.TAKEOUT,
    [
        ("ready_to_ship", "printed", Stage.PREPARING),
        ("ready_to_ship", "ready_to_cook", Stage.PREPARING),
        ("shipped", "out_for_delivery", Stage.ON_THE_WAY),
    ],
)

_FLOWS: dict[tuple[Channel, Logistics], Flow] = {
    (Channel.MP_DELIVERY, Logistics.FLEX): MP_FLEX,
    (Channel.MP_DELIVERY, Logistics.DROPOFF): MP_DROPOFF,
    (Channel.MP_DELIVERY, Logistics.TAKEOUT): MP_TAKEOUT,
}


def flow_for(channel: Channel, logistics: Logistics) -> Flow:
    """The flow for a channel and logistics; raises KeyError for a combination we lack."""
    return _FLOWS[(channel, logistics)]


def register_flow(flow: Flow) -> None:
    """Channels other than Mercado Pago Delivery add their flows here at import."""
    _FLOWS[(flow.channel, flow.logistics)] = flow
