"""The timeline merge rule (DESIGN §6.3).

Each (status, substatus) an order passes through is recorded once, with the time it happened
(marketplace time when known) and the time the desk learnt it. The order's current state is
the highest-ranked pair seen, so a late or duplicate notification never moves it back; once a
final state is reached, nothing moves the order again.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from .flows import Flow, StatusPair

__all__ = ["MergeResult", "TimelineEntry", "current_state", "merge"]


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
    current: StatusPair | None  # the order's state after the merge
    advanced: bool  # whether the current state changed


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
    flow: Flow, existing: Sequence[TimelineEntry], incoming: Iterable[TimelineEntry]
) -> MergeResult:
    """Merge incoming observations into an existing timeline (which is never rewritten).

    The existing entries are taken in the order they were recorded.
    """
    seen = {entry.pair for entry in existing}
    before = current_state(flow, (e.pair for e in existing))
    order_of_pairs = [e.pair for e in existing]
    added: list[TimelineEntry] = []
    for entry in incoming:
        # A step arriving after a later one (even after a final state) is late news of
        # something that did happen: it is recorded, but its rank cannot move the order.
        if entry.pair in seen:
            continue
        seen.add(entry.pair)
        added.append(entry)
        order_of_pairs.append(entry.pair)
    after = current_state(flow, order_of_pairs)
    return MergeResult(added=tuple(added), current=after, advanced=after != before)
