"""The timeline merge rule (DESIGN §6.3), per track of the order's flow (domain/tracks.py).

Each entry is an observation of one track, with the time it happened (marketplace time when
known) and the time the desk learnt it.

* A track that does not repeat (Mercado Pago's ``order``) records each (status, substatus)
  once. Its current pair is the highest-ranked one seen, the first seen among equals, so a
  late or duplicate notification never moves it back, and the first final state wins.
* A track that repeats (Shopee's ``order``, a Mercado Libre ``shipment``) records each
  *visit*: an observation is news only if the track was in another state at that moment, so
  a duplicate, a re-read after an unrelated change or a stale read adds nothing, and a missed
  visit read late is inserted. (A visit read before the one that preceded it is known looks
  like a replay and is skipped; a later read brings it in.) Its current pair is the latest
  by ``occurred_at`` (ties: the later entry); a newer dated observation may leave a
  terminal step (``terminal`` only means "stop re-reading").

The stage comes from the tracks in order: the first track at a terminal step decides, else
the last track with an entry. A step with an ACCEPT deadline is NEW until the desk's accept
is confirmed.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TypeAlias

from . import tracks
from .flow_tracks import as_tracks
from .flows import Flow, Stage, StatusPair
from .tracks import DeadlineKind, Track, TrackState

__all__ = [
    "AnyFlow",
    "MergeResult",
    "TimelineEntry",
    "current_state",
    "is_final_state",
    "merge",
    "stage_of_state",
    "track_states",
]

# A plug-in's flow, or one of the first flows (converted: domain/flow_tracks.py).
AnyFlow: TypeAlias = Flow | tracks.Flow


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    pair: StatusPair
    occurred_at: datetime  # when it happened (marketplace time if it told us, else learnt_at)
    learnt_at: datetime  # when the desk learnt it
    source: str  # "webhook" | "reconcile" | "action" | "import" ...
    track: str = "order"  # the status track it belongs to (domain/tracks.py)


@dataclass(frozen=True, slots=True)
class MergeResult:
    added: tuple[TimelineEntry, ...]  # entries new to the timeline, to append
    current: StatusPair | None  # the order's state after the merge (its primary track's)
    advanced: bool  # whether the state of any track changed
    state: tuple[TrackState, ...] = ()  # every track's current pair, in the flow's order


def _as_tracks(flow: AnyFlow) -> tracks.Flow:
    return flow if isinstance(flow, tracks.Flow) else as_tracks(flow)


def _track(flow: tracks.Flow, name: str) -> Track:
    # An entry of a track the flow does not name is kept, as a track of its own.
    return flow.track(name) or Track(name, (), repeats=False)


def _current(track: Track, entries: Sequence[TimelineEntry]) -> StatusPair | None:
    """``entries`` in the order recorded (their position is their seq)."""
    mine = [(i, e) for i, e in enumerate(entries) if e.track == track.name]
    if not mine:
        return None
    if track.repeats:
        return max(mine, key=lambda ie: (ie[1].occurred_at, ie[0]))[1].pair
    best: StatusPair | None = None
    best_rank = 0
    for _, entry in mine:
        rank = track.place(entry.pair).rank
        if best is None or rank > best_rank:
            best, best_rank = entry.pair, rank
    return best


def _known(track: Track, entries: Sequence[TimelineEntry], obs: TimelineEntry) -> bool:
    mine = [(i, e) for i, e in enumerate(entries) if e.track == track.name]
    if not track.repeats:
        return any(e.pair == obs.pair for _, e in mine)  # each pair once
    # Only the state at that moment tells.
    before = [(i, e) for i, e in mine if e.occurred_at <= obs.occurred_at]
    if not before:
        return False
    return max(before, key=lambda ie: (ie[1].occurred_at, ie[0]))[1].pair == obs.pair


def track_states(flow: AnyFlow, entries: Sequence[TimelineEntry]) -> tuple[TrackState, ...]:
    """Every track's current pair (tracks without an entry left out), in the flow's order."""
    tflow = _as_tracks(flow)
    names = [t.name for t in tflow.tracks]
    names += sorted({e.track for e in entries} - set(names))
    out = []
    for name in names:
        pair = _current(_track(tflow, name), entries)
        if pair is not None:
            out.append(TrackState(name, pair))
    return tuple(out)


def stage_of_state(flow: AnyFlow, state: Sequence[TrackState], *, accepted: bool) -> Stage | None:
    """The counter's stage of an order in ``state``; None when no track has a pair."""
    tflow = _as_tracks(flow)
    decided: Stage | None = None
    for track_state in state:
        step = _track(tflow, track_state.track).place(track_state.pair)
        waits = not accepted and step.deadline is DeadlineKind.ACCEPT
        stage = Stage.NEW if waits else step.stage
        if step.terminal:
            return stage
        decided = stage
    return decided


def is_final_state(flow: AnyFlow, state: Sequence[TrackState]) -> bool:
    """Whether a track stands at a terminal step: reconciliation stops re-reading it."""
    tflow = _as_tracks(flow)
    return any(_track(tflow, s.track).place(s.pair).terminal for s in state)


def current_state(flow: Flow, pairs: Iterable[StatusPair]) -> StatusPair | None:
    """The highest-ranked pair; among equal ranks the first seen wins (first final wins)."""
    best: StatusPair | None = None
    best_rank = -(10**9)
    for pair in pairs:
        rank = flow.rank(pair)
        if best is None or rank > best_rank:
            best, best_rank = pair, rank
    return best


def merge(
    flow: AnyFlow, existing: Sequence[TimelineEntry], incoming: Iterable[TimelineEntry]
) -> MergeResult:
    """Merge incoming observations into an existing timeline (which is never rewritten).

    The existing entries are taken in the order they were recorded (their seq).
    """
    tflow = _as_tracks(flow)
    before = track_states(tflow, existing)
    entries = list(existing)
    added: list[TimelineEntry] = []
    for entry in incoming:
        # A step arriving after a later one (even after a final state) is late news of
        # something that did happen: it is recorded, but it cannot move the order back.
        if _known(_track(tflow, entry.track), entries, entry):
            continue
        entries.append(entry)
        added.append(entry)
    after = track_states(tflow, entries)
    primary = next((s.pair for s in after if s.track == tflow.primary.name), None)
    return MergeResult(added=tuple(added), current=primary, advanced=after != before, state=after)
