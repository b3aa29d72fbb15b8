"""Status flows as data: which (status, substatus) pairs exist, their order, what is final,
and what staff may do in each. The graphs themselves are a plug-in's (Mercado Pago's in
``channels/mercadopago/status_graph.py``, registered with ``register_flow``); this module
holds their shape and rules.

A pair's *rank* orders it along its flow; the timeline (timeline.py) never lets an order move
to a lower rank. Values a flow does not list are never refused, they get a place:

* an unknown substatus of a known status ranks just after that status' last known step
  (``status_floor``);
* an unknown status takes ``unknown_status_rank``;
* stage: an ``accept_status`` pair not yet accepted is NEW and actionable (accept, cancel);
  otherwise the stage of its status (``stage_by_status``), PREPARING when the status is
  unknown too.

Ranks step by 10 so these in-between places exist without renumbering.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TypeAlias

__all__ = [
    "PRINTS",
    "Action",
    "Channel",
    "Flow",
    "Logistics",
    "Stage",
    "StatusPair",
    "Step",
    "flow_for",
    "register_flow",
]


# A channel id: the ``channel`` of the plug-in an order came from. Plain text, so the domain
# lists no marketplace.
Channel: TypeAlias = str


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
    logistics: str
    steps: tuple[Step, ...]
    # Per status, the rank an unknown substatus of it takes.
    status_floor: Mapping[str, int]
    # Actions the marketplace allows per status (substatus-independent unless listed in
    # actions_by_pair): ``Action`` values and the plug-in's own action names.
    actions_by_status: Mapping[str, frozenset[str]]
    actions_by_pair: Mapping[StatusPair, frozenset[str]]
    # States an order can be in before it is accepted (a courier may be assigned before
    # acceptance in some flows). Any unknown substatus of ``accept_status`` counts as well.
    pre_accept: frozenset[StatusPair] = frozenset()
    # The rank of a status the flow does not list (see the module docstring).
    unknown_status_rank: int = 25
    # Pairs in which the marketplace takes "order ready".
    mark_ready_pairs: frozenset[StatusPair] = frozenset()
    # Statuses that are final whatever their substatus (a listed step says for itself).
    final_statuses: frozenset[str] = frozenset()
    # The stage of a status whose substatus the flow does not list.
    stage_by_status: Mapping[str, Stage] = field(default_factory=dict)
    # The status in which an order waits for acceptance, whatever its substatus.
    accept_status: str | None = None

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
        return pair.status in self.final_statuses

    def stage(self, pair: StatusPair) -> Stage:
        step = self.step(pair)
        if step is not None:
            return step.stage
        return self.stage_by_status.get(pair.status, Stage.PREPARING)

    def awaiting_accept(self, pair: StatusPair, *, accepted: bool) -> bool:
        """Whether staff must still accept the order: the marketplace will auto-cancel it
        otherwise. ``accepted`` is the desk's own knowledge (its confirmed accept). An unknown
        substatus of ``accept_status`` counts: acceptance is decided on the status."""
        if accepted:
            return False
        if pair in self.pre_accept:
            return True
        return pair.status == self.accept_status and self.step(pair) is None

    def stage_of(self, pair: StatusPair, *, accepted: bool) -> Stage:
        """The stage the counter sees: NEW while the order waits for acceptance, even when
        a courier is already on the way to pick it up."""
        if self.awaiting_accept(pair, accepted=accepted):
            return Stage.NEW
        return self.stage(pair)

    def allowed_actions(self, pair: StatusPair, *, accepted: bool) -> frozenset[str]:
        """What the marketplace accepts in this state. ``accepted`` says whether the desk knows
        the order was accepted (a courier may be assigned before acceptance, so the substatus
        alone cannot tell).

        ACCEPT only while the order awaits acceptance; MARK_READY only in ``mark_ready_pairs``.
        A status the flow does not know allows the desk's own prints only.
        """
        actions: set[str] = set(
            self.actions_by_pair.get(pair, self.actions_by_status.get(pair.status, PRINTS))
        )
        actions.discard(Action.MARK_READY)
        if pair in self.mark_ready_pairs:
            actions.add(Action.MARK_READY)
        if not self.awaiting_accept(pair, accepted=accepted):
            actions.discard(Action.ACCEPT)
        return frozenset(actions)

    def pairs(self) -> list[StatusPair]:
        return [s.pair for s in self.steps]


# The desk can always print its own tickets.
PRINTS: frozenset[str] = frozenset({Action.PRINT_KITCHEN, Action.PRINT_RECEIPT})

# Filled by the plug-ins' status graphs at import (``register_flow``).
_FLOWS: dict[tuple[str, str], Flow] = {}


def flow_for(channel: str, logistics: str) -> Flow:
    """The flow for a channel and logistics; raises KeyError for a combination we lack."""
    return _FLOWS[(channel, logistics)]


def register_flow(flow: Flow) -> None:
    """A plug-in's status graph adds its flows here at import."""
    _FLOWS[(flow.channel, flow.logistics)] = flow
