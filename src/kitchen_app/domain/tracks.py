"""A marketplace's status model as data (DESIGN §3): tracks of steps, deadlines, terminal
states, and whether a status may come back.

Every plug-in describes its orders with one ``Flow``:

* one or more ``Track``s. The first is the primary one (the order's ``status``/``substatus``
  in the list); Mercado Libre adds a ``shipment`` track beside its ``order`` track.
* each ``Step`` says which stage of the counter a pair means, its progress rank (read only on
  tracks that do not repeat), whether re-reading the order may stop there (``terminal``),
  whether it rings (``alert``) and which deadline the list counts down in it.
* ``repeats``: a pair may come back (Shopee ``PROCESSED → RETRY_SHIP → PROCESSED``, a Mercado
  Libre shipment's substatuses). Each visit is then its own timeline entry, dated by
  ``Observation.at``.
* ``accept_window``: how long the marketplace waits for an accept before it cancels (Mercado
  Pago: 5 minutes); ``None`` where there is no accept (Mercado Libre, Shopee).

Values a flow does not list are never refused: ``Track.place`` gives them a step of their
own: the track's ``unknown`` step for their status (an unknown substatus of a known status),
else its ``fallback``, else one at rank 0 with the status' stage (``status_stage``) or
PREPARING. The merge rule, the stage and the final state of an order are computed from these
places (domain/timeline.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum

from .flows import Stage, StatusPair

__all__ = ["DeadlineKind", "Flow", "Observation", "Step", "Track", "TrackState"]


class DeadlineKind(StrEnum):
    ACCEPT = "accept"  # the marketplace cancels the order when it passes
    SHIP_BY = "ship_by"  # dispatch limit (Order.ship_by)
    ANSWER = "answer"  # a buyer's request waits for the shop's answer


@dataclass(frozen=True, slots=True)
class Step:
    pair: StatusPair
    stage: Stage
    rank: int = 0  # progress order; read only on tracks that do not repeat
    terminal: bool = False  # reconciliation stops re-reading the order here
    alert: bool = False  # rings until the order leaves the step, or is taken (accepted / seen)
    deadline: DeadlineKind | None = None  # the deadline the list counts down in this step


@dataclass(frozen=True, slots=True)
class Track:
    name: str  # "order", "shipment"
    steps: tuple[Step, ...]
    repeats: bool  # a pair may come back: each visit is an entry (needs Observation.at)
    status_stage: Mapping[str, Stage] = field(default_factory=dict)  # for an unknown substatus
    aliases: Mapping[str, str] = field(default_factory=dict)  # raw status -> its step's status
    # Where a pair the track does not list stands: by status, else `fallback` (an unknown
    # status). Their pair is ignored; rank, stage, terminal, alert and deadline are used.
    unknown: Mapping[str, Step] = field(default_factory=dict)
    fallback: Step | None = None

    def place(self, pair: StatusPair) -> Step:
        """The step a pair stands at, listed or not."""
        step = self.step(pair)
        if step is not None:
            return step
        status = self.normalized(pair).status
        template = self.unknown.get(status) or self.fallback
        if template is not None:
            return Step(
                pair,
                template.stage,
                template.rank,
                template.terminal,
                template.alert,
                template.deadline,
            )
        return Step(pair, self.status_stage.get(status, Stage.PREPARING))

    def normalized(self, pair: StatusPair) -> StatusPair:
        """The pair with an aliased status spelt as its step spells it."""
        status = self.aliases.get(pair.status)
        return pair if status is None else StatusPair(status, pair.substatus)

    def step(self, pair: StatusPair) -> Step | None:
        wanted = self.normalized(pair)
        for step in self.steps:
            if step.pair == wanted:
                return step
        return None

    def stage_of(self, pair: StatusPair) -> Stage:
        return self.place(pair).stage


@dataclass(frozen=True, slots=True)
class Flow:
    tracks: tuple[Track, ...]  # the first is the primary: orders.status / orders.substatus
    accept_window: timedelta | None = None  # Mercado Pago: 5 min; Mercado Libre, Shopee: None

    def __post_init__(self) -> None:
        if not self.tracks:
            raise ValueError("a flow needs at least one track")

    @property
    def primary(self) -> Track:
        return self.tracks[0]

    def track(self, name: str) -> Track | None:
        for track in self.tracks:
            if track.name == name:
                return track
        return None


@dataclass(frozen=True, slots=True)
class Observation:
    """One status a marketplace showed for one track of an order."""

    track: str
    pair: StatusPair
    at: datetime | None  # the marketplace's time of it; required on tracks that repeat


@dataclass(frozen=True, slots=True)
class TrackState:
    track: str
    pair: StatusPair
