"""The timeline never regresses and never records a pair twice (DESIGN §6.3)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from kitchen_app.channels.mercadopago.status_graph import DROPOFF_GRAPH as MP_DROPOFF
from kitchen_app.channels.mercadopago.status_graph import FLEX_GRAPH as MP_FLEX
from kitchen_app.domain import StatusPair, TimelineEntry, current_state, merge
from kitchen_app.domain.flows import Flow

T0 = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)

FLEX_PATH = [
    StatusPair("ready_to_ship", "ready_to_print"),
    StatusPair("ready_to_ship", "printed"),
    StatusPair("ready_to_ship", "ready_to_cook"),
    StatusPair("shipped", "out_for_delivery"),
    StatusPair("delivered", None),
]
DROPOFF_PATH = [
    StatusPair("ready_to_ship", "ready_to_print"),
    StatusPair("ready_to_ship", "on_route_to_pickup"),
    StatusPair("ready_to_ship", "picking_up"),
    StatusPair("shipped", "out_for_delivery"),
    StatusPair("shipped", "at_the_door"),
    StatusPair("not_delivered", None),
]
EXPIRED_PATH = [
    StatusPair("ready_to_ship", "ready_to_print"),
    StatusPair("cancelled", "time_expired"),
]


def entry(pair: StatusPair, i: int) -> TimelineEntry:
    return TimelineEntry(pair, T0 + timedelta(seconds=i), T0 + timedelta(seconds=i), "webhook")


def test_in_order_flow_advances_to_the_final_state() -> None:
    result = merge(MP_FLEX, [], [entry(p, i) for i, p in enumerate(FLEX_PATH)])
    assert [e.pair for e in result.added] == FLEX_PATH
    assert result.current == StatusPair("delivered", None)
    assert result.advanced


def test_late_step_is_recorded_but_does_not_move_the_order_back() -> None:
    first = merge(MP_FLEX, [], [entry(FLEX_PATH[0], 0), entry(FLEX_PATH[3], 1)])
    existing = list(first.added)
    late = merge(MP_FLEX, existing, [entry(FLEX_PATH[1], 2)])
    assert [e.pair for e in late.added] == [FLEX_PATH[1]]
    assert late.current == FLEX_PATH[3]
    assert not late.advanced


def test_first_final_state_wins() -> None:
    done = merge(MP_FLEX, [], [entry(EXPIRED_PATH[1], 0)])
    again = merge(MP_FLEX, list(done.added), [entry(StatusPair("delivered"), 1)])
    assert again.current == StatusPair("cancelled", "time_expired")


def test_unknown_substatus_is_recorded_and_never_regresses() -> None:
    start = merge(MP_FLEX, [], [entry(FLEX_PATH[3], 0)])
    odd = merge(MP_FLEX, list(start.added), [entry(StatusPair("ready_to_ship", "brand_new"), 1)])
    assert len(odd.added) == 1
    assert odd.current == FLEX_PATH[3]


@st.composite
def shuffled_flow(draw: st.DrawFn) -> tuple[Flow, list[StatusPair], list[list[TimelineEntry]]]:
    flow, path = draw(
        st.sampled_from([(MP_FLEX, FLEX_PATH), (MP_DROPOFF, DROPOFF_PATH), (MP_FLEX, EXPIRED_PATH)])
    )
    # a prefix of the path really happened; notifications arrive duplicated and shuffled
    n = draw(st.integers(min_value=1, max_value=len(path)))
    happened = path[:n]
    copies = draw(st.lists(st.sampled_from(happened), min_size=0, max_size=3 * n))
    events = list(happened) + copies
    events = draw(st.permutations(events))
    entries = [entry(p, i) for i, p in enumerate(events)]
    cuts = sorted(draw(st.lists(st.integers(0, len(entries)), max_size=4)))
    batches, last = [], 0
    for c in [*cuts, len(entries)]:
        batches.append(entries[last:c])
        last = c
    return flow, happened, batches


@given(shuffled_flow())
def test_random_duplicates_and_reorderings_never_regress(
    case: tuple[Flow, list[StatusPair], list[list[TimelineEntry]]],
) -> None:
    flow, happened, batches = case
    timeline: list[TimelineEntry] = []
    previous_rank = -(10**9)
    for batch in batches:
        result = merge(flow, timeline, batch)
        timeline.extend(result.added)
        if result.current is not None:
            rank = flow.rank(result.current)
            assert rank >= previous_rank
            previous_rank = rank
    pairs = [e.pair for e in timeline]
    assert len(pairs) == len(set(pairs))  # each pair once
    assert set(pairs) == set(happened)  # nothing lost
    assert current_state(flow, pairs) == happened[-1]  # ends where the order really is
