"""Random sequences, duplicates and reorderings of flow observations through apply_order: the
stored order never moves back and never holds a pair twice (DESIGN §6.3)."""

from __future__ import annotations

import itertools
import sqlite3
import tempfile
from datetime import timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.builders import T0
from tests.unit.store.store_testkit import Clock, make_order, open_store, seen

from kitchen_app.channels.mercadopago.status_graph import DROPOFF_GRAPH as MP_DROPOFF
from kitchen_app.channels.mercadopago.status_graph import FLEX_GRAPH as MP_FLEX
from kitchen_app.domain import Logistics, OrderKey, StatusPair, current_state
from kitchen_app.store import DeskStore

FLOWS = {Logistics.FLEX: MP_FLEX, Logistics.DROPOFF: MP_DROPOFF}
# Known pairs of each flow plus a substatus no flow knows (tolerated, never advances).
PAIRS = {
    logistics: [*flow.pairs(), StatusPair("ready_to_ship", "something_new")]
    for logistics, flow in FLOWS.items()
}

_counter = itertools.count()


@st.composite
def deliveries(draw: st.DrawFn) -> tuple[Logistics, list[list[tuple[int, int]]]]:
    """A logistics and batches of (pair index, seconds) observations: each batch is one
    apply_order call whose fetched order shows the batch's last pair (or a random one)."""
    logistics = draw(st.sampled_from(list(FLOWS)))
    n = len(PAIRS[logistics])
    observation = st.tuples(st.integers(0, n - 1), st.integers(0, 3600))
    batches = draw(st.lists(st.lists(observation, max_size=4), min_size=1, max_size=8))
    return logistics, batches


def _stored_pairs(store: DeskStore, key: OrderKey) -> list[tuple[str, str]]:
    conn = sqlite3.connect(store.path)
    try:
        return [
            (row[0], row[1])
            for row in conn.execute(
                "SELECT status, substatus FROM status_events WHERE order_key = ? ORDER BY id",
                (str(key),),
            )
        ]
    finally:
        conn.close()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=deliveries(), fetched_choice=st.lists(st.integers(0, 100), min_size=8, max_size=8))
def test_random_observations_never_regress_and_never_repeat_a_pair(
    data: tuple[Logistics, list[list[tuple[int, int]]]], fetched_choice: list[int]
) -> None:
    logistics, batches = data
    flow = FLOWS[logistics]
    pairs = PAIRS[logistics]
    with tempfile.TemporaryDirectory() as folder:
        clock = Clock()
        store = open_store(Path(folder) / "desk.db", clock)
        try:
            order_id = str(next(_counter))
            key = make_order(order_id).key
            best_rank = -(10**9)
            was_final = None
            calls = []
            for batch, choice in zip(batches, fetched_choice, strict=False):
                clock.advance()
                observations = [seen(pairs[i], T0 + timedelta(seconds=s)) for i, s in batch]
                fetched_pair = pairs[batch[-1][0]] if batch else pairs[choice % len(pairs)]
                order = make_order(order_id, status=fetched_pair, logistics=logistics)
                change = store.apply_order(order, observations)
                calls.append((order, observations))

                summary = store.order_summary(key)
                assert summary is not None and summary.status == change.current
                rank = flow.rank(summary.status)
                assert rank >= best_rank, "the stored order moved back"
                best_rank = rank
                if was_final is not None:
                    assert summary.status == was_final, "a final state was replaced"
                if summary.is_final:
                    was_final = summary.status

                stored = _stored_pairs(store, key)
                assert len(stored) == len(set(stored)), "a pair was recorded twice"
                recorded = [StatusPair(s, sub or None) for s, sub in stored]
                assert summary.status == current_state(flow, recorded)
                assert fetched_pair in recorded
                assert {e.pair for e in store.timeline(key)} == set(recorded)

            # Replaying every call again changes nothing.
            before = _stored_pairs(store, key)
            final_summary = store.order_summary(key)
            for order, observations in calls:
                again = store.apply_order(order, observations)
                assert again.added == () and not again.advanced and not again.is_new
            assert _stored_pairs(store, key) == before
            assert store.order_summary(key) == final_summary
        finally:
            store.close()
