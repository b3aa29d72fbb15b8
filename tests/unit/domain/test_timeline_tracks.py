"""The merge rule on tracks: visits of a status that comes back are each recorded once,
replays and stale reads add nothing, and the stage comes from the tracks in order."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from kitchen_app.domain import Stage, StatusPair, TimelineEntry
from kitchen_app.domain.timeline import is_final_state, merge, stage_of_state, track_states
from kitchen_app.domain.tracks import DeadlineKind, Flow, Step, Track, TrackState

T0 = datetime(2026, 12, 2, 12, 0, tzinfo=UTC)
_P = StatusPair

# Shopee's order track (plugins plan §1.3), enough of it for the rule.
SHOPEE = Flow(
    (
        Track(
            "order",
            (
                Step(_P("READY_TO_SHIP"), Stage.NEW, alert=True, deadline=DeadlineKind.SHIP_BY),
                Step(_P("PROCESSED"), Stage.PREPARING),
                Step(_P("RETRY_SHIP"), Stage.PREPARING),
                Step(_P("SHIPPED"), Stage.ON_THE_WAY),
                Step(_P("COMPLETED"), Stage.DONE, terminal=True),
                Step(_P("TO_RETURN"), Stage.DONE),
                Step(_P("CANCELLED"), Stage.CANCELLED, terminal=True),
            ),
            repeats=True,
        ),
    )
)
# Mercado Libre: an order track that does not repeat and a shipment track that does.
MERCADOLIBRE = Flow(
    (
        Track(
            "order",
            (
                Step(_P("paid"), Stage.PREPARING, rank=10, alert=True),
                Step(_P("cancelled"), Stage.CANCELLED, rank=100, terminal=True),
            ),
            repeats=False,
        ),
        Track(
            "shipment",
            (
                Step(_P("ready_to_ship"), Stage.PREPARING),
                Step(_P("shipped"), Stage.ON_THE_WAY),
                Step(_P("delivered"), Stage.DONE, terminal=True),
            ),
            repeats=True,
            status_stage={"shipped": Stage.ON_THE_WAY},
        ),
    )
)


def seen(status: str, minute: int, track: str = "order", sub: str | None = None) -> TimelineEntry:
    at = T0 + timedelta(minutes=minute)
    return TimelineEntry(_P(status, sub), at, at + timedelta(seconds=5), "webhook", track)


def test_a_cycle_is_three_visits_and_a_reread_adds_nothing() -> None:
    path = [seen("PROCESSED", 1), seen("RETRY_SHIP", 2), seen("PROCESSED", 3)]
    first = merge(SHOPEE, [], path)
    assert [e.pair.status for e in first.added] == ["PROCESSED", "RETRY_SHIP", "PROCESSED"]
    assert first.current == _P("PROCESSED")
    again = merge(SHOPEE, list(first.added), [seen("PROCESSED", 9), seen("RETRY_SHIP", 2)])
    assert again.added == () and not again.advanced


def test_a_missed_visit_read_late_is_inserted_without_moving_the_order_back() -> None:
    known = list(merge(SHOPEE, [], [seen("READY_TO_SHIP", 0), seen("PROCESSED", 3)]).added)
    late = merge(SHOPEE, known, [seen("RETRY_SHIP", 2)])
    assert [e.pair.status for e in late.added] == ["RETRY_SHIP"]
    assert late.current == _P("PROCESSED") and not late.advanced


def test_a_newer_visit_may_leave_a_terminal_step() -> None:
    done = list(merge(SHOPEE, [], [seen("COMPLETED", 5)]).added)
    returned = merge(SHOPEE, done, [seen("TO_RETURN", 6)])
    assert returned.current == _P("TO_RETURN") and returned.advanced
    assert not is_final_state(SHOPEE, returned.state)


def test_the_stage_comes_from_the_tracks_in_order() -> None:
    entries = list(
        merge(
            MERCADOLIBRE,
            [],
            [seen("paid", 0), seen("ready_to_ship", 1, "shipment"), seen("shipped", 2, "shipment")],
        ).added
    )
    state = track_states(MERCADOLIBRE, entries)
    assert state == (TrackState("order", _P("paid")), TrackState("shipment", _P("shipped")))
    assert stage_of_state(MERCADOLIBRE, state, accepted=False) is Stage.ON_THE_WAY
    cancelled = merge(MERCADOLIBRE, entries, [seen("cancelled", 3)])
    assert stage_of_state(MERCADOLIBRE, cancelled.state, accepted=False) is Stage.CANCELLED
    assert is_final_state(MERCADOLIBRE, cancelled.state)
    # The shipment's substatuses come and go: each visit counts, a replay does not.
    sub = merge(MERCADOLIBRE, entries, [seen("shipped", 4, "shipment", "out_for_delivery")])
    assert len(sub.added) == 1
    assert stage_of_state(MERCADOLIBRE, sub.state, accepted=False) is Stage.ON_THE_WAY


_STATUSES = st.sampled_from(["READY_TO_SHIP", "PROCESSED", "RETRY_SHIP", "SHIPPED"])


def _visits(statuses: list[str]) -> list[TimelineEntry]:
    """A true history: a status per minute, never the same twice in a row."""
    out: list[TimelineEntry] = []
    for status in statuses:
        if not out or out[-1].pair.status != status:
            out.append(seen(status, len(out)))
    return out


@given(st.lists(_STATUSES, min_size=1, max_size=12), st.lists(st.integers(0, 11), max_size=8))
def test_visits_read_in_time_order_with_replays_are_each_recorded_once(
    statuses: list[str], replays: list[int]
) -> None:
    visits = _visits(statuses)
    timeline: list[TimelineEntry] = []
    for n, visit in enumerate(visits):
        timeline += merge(SHOPEE, timeline, [visit]).added
        # Replays and re-reads of anything already seen, as the relay and reconcile do.
        again = [visits[r] for r in replays if r <= n]
        assert merge(SHOPEE, timeline, again).added == ()
    assert [e.pair for e in timeline] == [v.pair for v in visits]
    assert track_states(SHOPEE, timeline) == (TrackState("order", visits[-1].pair),)


@given(st.lists(_STATUSES, min_size=1, max_size=12), st.randoms())
def test_in_any_delivery_order_re_reads_bring_every_visit_and_then_add_nothing(
    statuses: list[str], rnd: Any
) -> None:
    visits = _visits(statuses)
    shuffled = list(visits)
    rnd.shuffle(shuffled)
    timeline: list[TimelineEntry] = []
    # A visit read while the one before it is not known yet looks like a replay and is
    # skipped; reading again (reconciliation, the marketplace's retries) brings it in.
    for _ in range(len(visits) + 1):
        added = merge(SHOPEE, timeline, shuffled).added
        if not added:
            break
        timeline += added
    assert merge(SHOPEE, timeline, shuffled).added == ()
    assert sorted(timeline, key=lambda e: e.occurred_at) == visits
    assert track_states(SHOPEE, timeline) == (TrackState("order", visits[-1].pair),)
