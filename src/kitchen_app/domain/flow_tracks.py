"""The engine's first flows (``flows.Flow``: one graph per channel and logistics) as a
``tracks.Flow`` of one ``order`` track that does not repeat, with the same ranks, stages,
final states and places for values the flow does not list. The timeline merge reads only
``tracks.Flow``; this keeps orders whose plug-in has not said its flow readable."""

from __future__ import annotations

from . import flows as legacy
from .flows import Stage, StatusPair
from .order import ACCEPT_WINDOW
from .tracks import DeadlineKind, Flow, Step, Track

__all__ = ["as_tracks"]

_NONE = StatusPair("")


_CONVERTED: dict[int, tuple[legacy.Flow, Flow]] = {}  # by id: the flows hold dicts


def as_tracks(flow: legacy.Flow) -> Flow:
    known = _CONVERTED.get(id(flow))
    if known is not None and known[0] is flow:
        return known[1]
    converted = _convert(flow)
    _CONVERTED[id(flow)] = (flow, converted)
    return converted


def _convert(flow: legacy.Flow) -> Flow:
    def step(pair: StatusPair, rank: int, stage: Stage, final: bool, waits: bool) -> Step:
        return Step(
            pair,
            stage,
            rank,
            terminal=final,
            alert=waits,
            deadline=DeadlineKind.ACCEPT if waits else None,
        )

    steps = tuple(
        step(s.pair, s.rank, s.stage, s.final, s.pair in flow.pre_accept) for s in flow.steps
    )
    # An unknown substatus of a known status: that status' floor, stage and finality; one
    # that still waits for acceptance (flows.Flow.awaiting_accept decides on the status).
    unknown = {}
    for status, rank in flow.status_floor.items():
        probe = StatusPair(status, "\x00unknown")
        unknown[status] = step(
            _NONE,
            rank,
            flow.stage(probe),
            flow.is_final(probe),
            flow.awaiting_accept(probe, accepted=False),
        )
    probe = StatusPair("\x00unknown")
    fallback = step(
        _NONE,
        flow.unknown_status_rank,
        flow.stage(probe),
        flow.is_final(probe),
        flow.awaiting_accept(probe, accepted=False),
    )
    window = ACCEPT_WINDOW if flow.pre_accept else None
    track = Track("order", steps, repeats=False, unknown=unknown, fallback=fallback)
    return Flow((track,), accept_window=window)
