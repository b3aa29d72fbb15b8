"""apply_order and the order reads: idempotent, never regressing, one timeline entry per pair."""

from __future__ import annotations

import dataclasses
import sqlite3
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from tests.builders import T0, ars
from tests.unit.store.store_testkit import (
    DELIVERED,
    OUT_FOR_DELIVERY,
    PRINTED,
    READY_TO_COOK,
    READY_TO_PRINT,
    TIME_EXPIRED,
    Clock,
    make_order,
    open_store,
    seen,
)

from kitchen_app.domain import Logistics, OrderKey, Stage, StatusPair
from kitchen_app.store import FETCH_SOURCE, DeskStore, StoreError
from kitchen_app.store.queries import ORDERS_OF_DAY_SQL


@pytest.fixture
def clock() -> Clock:
    return Clock(T0 + timedelta(seconds=5))


@pytest.fixture
def store(tmp_path: Path, clock: Clock) -> Iterator[DeskStore]:
    s = open_store(tmp_path / "desk.db", clock)
    yield s
    s.close()


def _count(store: DeskStore, table: str) -> int:
    conn = sqlite3.connect(store.path)
    try:
        return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    finally:
        conn.close()


def test_new_order_is_stored_with_its_timeline_and_reads_back(
    store: DeskStore, clock: Clock
) -> None:
    order = make_order(raw={"id": "41034141533", "extension": {"status": "ready_to_ship"}})
    change = store.apply_order(order, [seen(READY_TO_PRINT, T0)])

    assert change.is_new and change.advanced and change.updated
    assert change.key == OrderKey("mp_delivery", "41034141533")
    assert change.current == READY_TO_PRINT
    assert [e.pair for e in change.added] == [READY_TO_PRINT]

    back = store.get_order(order.key)
    assert back == order
    assert back is not None and back.raw == order.raw
    assert store.timeline(order.key) == [seen(READY_TO_PRINT, T0)]

    summary = store.order_summary(order.key)
    assert summary is not None
    assert summary.status == READY_TO_PRINT and summary.stage is Stage.NEW
    assert summary.total == ars("1000") and summary.item_count == 2
    assert summary.customer_name == "Juan Pérez"
    assert summary.accept_deadline == T0 + timedelta(minutes=5)
    assert summary.created_at == T0 and summary.created_at.tzinfo is not None
    assert not summary.accepted and not summary.is_final


def test_same_call_twice_changes_nothing(store: DeskStore, clock: Clock) -> None:
    order = make_order()
    observations = [seen(READY_TO_PRINT, T0), seen(PRINTED, T0 + timedelta(seconds=3))]
    store.apply_order(order, observations)
    before = store.order_summary(order.key)
    updated_before = _updated_at(store, order.key)

    clock.advance(60)
    again = store.apply_order(order, observations)

    assert again.added == () and not again.advanced and not again.is_new
    assert not again.updated
    assert store.order_summary(order.key) == before
    assert _updated_at(store, order.key) == updated_before
    assert _count(store, "status_events") == 2
    assert _count(store, "orders") == 1


def _updated_at(store: DeskStore, key: OrderKey) -> str:
    conn = sqlite3.connect(store.path)
    try:
        return str(
            conn.execute("SELECT updated_at FROM orders WHERE key = ?", (str(key),)).fetchone()[0]
        )
    finally:
        conn.close()


def test_order_pair_without_observation_is_recorded_as_fetched(
    store: DeskStore, clock: Clock
) -> None:
    change = store.apply_order(make_order(status=PRINTED), [])
    assert [(e.pair, e.source, e.occurred_at) for e in change.added] == [
        (PRINTED, FETCH_SOURCE, clock.now)
    ]


def test_late_fetch_keeps_the_status_but_takes_fresh_details(
    store: DeskStore, clock: Clock
) -> None:
    store.apply_order(make_order(status=OUT_FOR_DELIVERY), [seen(OUT_FOR_DELIVERY, T0)])
    clock.advance()
    stale = make_order(status=PRINTED, customer="Juan P.", quantity=3, raw={"late": True})
    change = store.apply_order(stale, [seen(PRINTED, T0 - timedelta(seconds=30))])

    assert not change.advanced and change.current == OUT_FOR_DELIVERY
    assert [e.pair for e in change.added] == [PRINTED]  # late news is still recorded
    summary = store.order_summary(stale.key)
    assert summary is not None
    assert summary.status == OUT_FOR_DELIVERY and summary.stage is Stage.ON_THE_WAY
    assert summary.customer_name == "Juan P." and summary.item_count == 3
    back = store.get_order(stale.key)
    assert back is not None
    assert back.status == OUT_FOR_DELIVERY and back.raw == {"late": True}
    # The timeline is append-only: late news comes last, with the time it happened.
    timeline = store.timeline(stale.key)
    assert [e.pair for e in timeline] == [OUT_FOR_DELIVERY, PRINTED]
    assert timeline[1].occurred_at == T0 - timedelta(seconds=30)


def test_first_final_state_wins(store: DeskStore) -> None:
    store.apply_order(make_order(status=TIME_EXPIRED), [seen(TIME_EXPIRED, T0)])
    change = store.apply_order(make_order(status=DELIVERED), [seen(DELIVERED, T0)])
    assert change.current == TIME_EXPIRED
    summary = store.order_summary(make_order().key)
    assert summary is not None and summary.is_final and summary.stage is Stage.CANCELLED
    assert store.open_order_keys() == []


def test_a_pair_is_recorded_once_even_within_one_call(store: DeskStore) -> None:
    order = make_order(status=READY_TO_COOK)
    obs = [
        seen(READY_TO_PRINT, T0),
        seen(READY_TO_PRINT, T0 + timedelta(seconds=1), "reconcile"),
        seen(READY_TO_COOK, T0 + timedelta(seconds=2)),
        seen(READY_TO_COOK, T0 + timedelta(seconds=3)),
    ]
    change = store.apply_order(order, obs)
    assert [e.pair for e in change.added] == [READY_TO_PRINT, READY_TO_COOK]
    # the first observation of a pair keeps its times
    assert store.timeline(order.key)[0] == seen(READY_TO_PRINT, T0)
    assert _count(store, "status_events") == 2


def test_unique_constraint_holds_for_pairs_without_substatus(store: DeskStore) -> None:
    store.apply_order(make_order(status=DELIVERED), [seen(DELIVERED, T0)])
    conn = sqlite3.connect(store.path)
    try:
        with pytest.raises(sqlite3.IntegrityError):
            conn.execute(
                "INSERT INTO status_events (order_key, status, substatus, occurred_at, "
                "learnt_at, source) VALUES (?, 'delivered', '', 'x', 'x', 'test')",
                (str(make_order().key),),
            )
    finally:
        conn.close()
    assert store.timeline(make_order().key)[0].pair == StatusPair("delivered", None)


def test_accepted_flag_survives_later_fetches(store: DeskStore) -> None:
    order = make_order()
    store.apply_order(order, [])
    store.set_accepted(order.key)
    store.apply_order(make_order(status=PRINTED), [])
    summary = store.order_summary(order.key)
    assert summary is not None and summary.accepted
    with pytest.raises(StoreError, match="unknown order"):
        store.set_accepted(OrderKey("mp_delivery", "nope"))


def test_bad_orders_are_refused_and_store_nothing(store: DeskStore) -> None:
    no_flow = make_order("1", logistics=Logistics.ME1)
    with pytest.raises(StoreError, match="no status flow"):
        store.apply_order(no_flow, [])
    naive = make_order("2", created_at=datetime(2026, 11, 23, 12, 0))
    with pytest.raises(StoreError, match="time zone"):
        store.apply_order(naive, [])
    not_json = make_order("3", raw={"bad": {1, 2}})
    with pytest.raises(StoreError, match="JSON"):
        store.apply_order(not_json, [seen(READY_TO_PRINT, T0)])
    assert _count(store, "orders") == 0 and _count(store, "status_events") == 0


def test_a_bad_fetch_leaves_the_stored_order_as_it_was(store: DeskStore) -> None:
    store.apply_order(make_order(), [seen(READY_TO_PRINT, T0)])
    before = store.get_order(make_order().key)
    with pytest.raises(StoreError):
        store.apply_order(make_order(status=PRINTED, raw={"x": float("nan")}), [])
    assert store.get_order(make_order().key) == before
    assert [e.pair for e in store.timeline(make_order().key)] == [READY_TO_PRINT]


def test_orders_of_day_uses_the_local_day_of_the_zone(store: DeskStore) -> None:
    buenos_aires = ZoneInfo("America/Argentina/Buenos_Aires")  # UTC-3
    late_evening = datetime(2026, 11, 24, 2, 30, tzinfo=UTC)  # 23:30 on the 23rd there
    store.apply_order(make_order("10", created_at=datetime(2026, 11, 23, 3, 0, tzinfo=UTC)), [])
    store.apply_order(make_order("11", created_at=datetime(2026, 11, 23, 3, 1, tzinfo=UTC)), [])
    store.apply_order(make_order("12", created_at=late_evening), [])
    store.apply_order(make_order("13", created_at=datetime(2026, 11, 22, 23, 0, tzinfo=UTC)), [])

    local = store.orders_of_day(date(2026, 11, 23), buenos_aires)
    assert [s.order_id for s in local] == ["10", "11", "12"]
    utc = store.orders_of_day(date(2026, 11, 23), UTC)
    assert [s.order_id for s in utc] == ["10", "11"]
    assert [s.order_id for s in store.orders_of_day(date(2026, 11, 22), buenos_aires)] == ["13"]
    assert store.orders_of_day(date(2026, 1, 1), UTC) == []


def test_orders_of_day_reads_only_the_covering_index_in_order(store: DeskStore) -> None:
    conn = sqlite3.connect(store.path)
    try:
        plan = [
            str(row[-1])
            for row in conn.execute(f"EXPLAIN QUERY PLAN {ORDERS_OF_DAY_SQL}", ("a", "b"))
        ]
    finally:
        conn.close()
    assert plan == [
        "SEARCH orders USING COVERING INDEX orders_by_created_at (created_at>? AND created_at<?)"
    ]


def test_open_order_keys_lists_only_orders_not_final(store: DeskStore) -> None:
    store.apply_order(make_order("1", created_at=T0), [])
    store.apply_order(make_order("2", created_at=T0 + timedelta(minutes=1), status=DELIVERED), [])
    store.apply_order(make_order("3", created_at=T0 + timedelta(minutes=2)), [])
    assert store.open_order_keys() == [OrderKey("mp_delivery", "1"), OrderKey("mp_delivery", "3")]


def test_reopening_keeps_everything(tmp_path: Path) -> None:
    path = tmp_path / "desk.db"
    first = open_store(path)
    order = dataclasses.replace(make_order(), notes="sin sal")
    first.apply_order(order, [seen(READY_TO_PRINT, T0)])
    first.set_cursor("relay", 7)
    first.close()
    second = DeskStore.open(path, tz=UTC)
    try:
        assert second.get_order(order.key) == order
        assert second.get_cursor("relay") == 7
        assert second.timeline(order.key) == [seen(READY_TO_PRINT, T0)]
    finally:
        second.close()


def test_dropoff_with_a_courier_before_acceptance_stays_new_until_accepted(
    store: DeskStore,
) -> None:
    courier = StatusPair("ready_to_ship", "on_route_to_pickup")
    order = make_order("555", status=courier, logistics=Logistics.DROPOFF)
    store.apply_order(order, [seen(courier, T0)])
    summary = store.order_summary(order.key)
    assert summary is not None and summary.stage is Stage.NEW and not summary.accepted
    store.set_accepted(order.key)
    summary = store.order_summary(order.key)
    assert summary is not None and summary.stage is Stage.PREPARING and summary.accepted
    # a later fetch keeps what the desk knows
    store.apply_order(order, [seen(courier, T0)])
    summary = store.order_summary(order.key)
    assert summary is not None and summary.stage is Stage.PREPARING
