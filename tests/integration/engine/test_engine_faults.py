"""Faults on the pipe: the engine killed mid-batch, the relay down for a while, webhooks
duplicated, reordered or lost, events handled twice — nothing lost, nothing doubled."""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest

from kitchen_app.domain import OrderKey
from kitchen_app.engine.api import FeedStatus
from kitchen_app.store import DeskReader
from tests.headless import HeadlessProcess, headless_argv

from .stack import MP_TOKEN, Stack

NEW = ("ready_to_ship", "ready_to_print")


class HeadlessEngine(HeadlessProcess):
    """The engine in its own process, so a test can kill -9 it."""

    def __init__(self, stack: Stack) -> None:
        assert stack.sandbox is not None
        sets = [
            f"mp_delivery.base_url={stack.sandbox.url}",
            f"mp_delivery.access_token={MP_TOKEN}",
            "auto_print=no",
        ]
        super().__init__(
            headless_argv(
                ["--db", str(stack.desk_db)],
                stack.relay_url,
                stack.desk_token,
                sets,
                "--poll-wait",
                "5",
            )
        )


def _count(stack: Stack, sql: str) -> int:
    return int(stack.desk_rows(sql)[0][0])


def test_engine_killed_mid_batch_loses_and_doubles_nothing(cold_stack: Stack) -> None:
    stack = cold_stack
    stack.start_relay()
    from kitchen_app.relay import add_store

    from .stack import STORE_USER_ID

    stack.desk_token = add_store(stack.relay_db, "Stack", mp_user_id=STORE_USER_ID)
    stack.start_sandbox()
    assert stack.control is not None
    engine = HeadlessEngine(stack)
    try:
        assert engine.wait_line("engine ready")
        # 40 orders whose webhooks reach the relay together: one batch for the engine.
        stack.webhooks("hold")
        ids = [stack.create_order("flex" if i % 2 else "dropoff") for i in range(40)]
        # Slow order reads, so the batch is surely in flight when the engine dies.
        stack.fault(match="get_order", delay_s=3, count=8)
        stack.webhooks("release", {"order": "sent"})

        def fetching() -> bool:
            rules = stack.control.get("/_sandbox/faults").json()  # type: ignore[union-attr]
            return not rules or rules[0]["count"] < 8

        assert stack.wait(fetching, timeout=20)
        engine.kill()
        # The batch commits as one transaction with its cursor: the kill left nothing of it.
        assert _count(stack, "SELECT count(*) FROM orders") == 0
        engine = HeadlessEngine(stack)

        def all_in() -> bool:
            return _count(stack, "SELECT count(*) FROM orders") == len(ids)

        assert stack.wait(all_in, timeout=60), "orders missing after the restart"
    finally:
        engine.stop()
    keys = {r["key"] for r in stack.desk_rows("SELECT key FROM orders")}
    assert keys == {str(OrderKey("mp_delivery", str(i))) for i in ids}  # the rows' text form
    # Every order has its first state exactly once (the UNIQUE rule and the merge agree).
    rows = stack.desk_rows(
        "SELECT order_key, count(*) AS n FROM status_events "
        "WHERE status = 'ready_to_ship' AND substatus = 'ready_to_print' GROUP BY order_key"
    )
    assert len(rows) == len(ids) and all(r["n"] == 1 for r in rows)


def test_relay_down_engine_reports_offline_then_catches_up(stack: Stack) -> None:
    assert stack.engine is not None
    known = stack.create_order("flex")
    known_key = OrderKey("mp_delivery", known)
    assert stack.wait(lambda: known_key in stack.listener.keys("order_added"))

    stack.stop_relay()
    assert stack.wait(
        lambda: (
            (s := stack.listener.last_feed_state) is not None and s.status is FeedStatus.OFFLINE
        ),
        timeout=30,
    )
    # While the relay is down: the known order moves on at the marketplace (its webhook
    # fails), and a new order is created (its webhook fails too).
    assert stack.api is not None
    r = stack.api.put(
        f"/proximity-integration/shipments/{known}/accept", json={"status": "accepted"}
    )
    assert r.status_code == 200
    new = stack.create_order("flex")

    stack.start_relay()  # same port, same file
    assert stack.wait(
        lambda: (s := stack.listener.last_feed_state) is not None and s.status is FeedStatus.ONLINE,
        timeout=30,
    )
    # Reconciliation after the reconnect learns what the lost webhook said.
    assert stack.wait_desk_state(known, ("ready_to_ship", "printed"), timeout=30)
    # The marketplace re-sends the new order's webhook on its schedule (15 min later).
    stack.jump(15 * 60 + 1)
    assert stack.wait(lambda: stack.desk_state(new) is not None, timeout=30)


def test_duplicated_and_reordered_webhooks_end_in_the_right_state(stack: Stack) -> None:
    assert stack.engine is not None and stack.api is not None
    stack.webhooks("hold")
    order_id = stack.create_order("dropoff")
    r = stack.api.put(
        f"/proximity-integration/shipments/{order_id}/accept", json={"status": "accepted"}
    )
    assert r.status_code == 200
    for _ in range(4):
        stack.advance(order_id)
    state = stack.sandbox_state(order_id)
    stack.webhooks("duplicate", {"count": 10, "copies": 3})
    stack.webhooks("release", {"order": "reverse"})
    assert stack.wait_desk_state(order_id, state, timeout=30)
    timeline = stack.timeline(order_id)
    assert len(timeline) == len(set(timeline))
    assert timeline[-1] == state


def test_a_dropped_webhook_costs_seconds_not_the_order(tmp_path: Path) -> None:
    stack = Stack(tmp_path)
    try:
        stack.start_relay()
        from kitchen_app.relay import add_store

        from .stack import STORE_USER_ID

        stack.desk_token = add_store(stack.relay_db, "Stack", mp_user_id=STORE_USER_ID)
        stack.start_sandbox()
        stack.start_engine(reconcile_interval_s=1.0)
        order_id = stack.create_order("flex")
        assert stack.wait(lambda: stack.desk_state(order_id) == NEW)
        stack.webhooks("drop", {"count": 1})
        assert stack.api is not None
        r = stack.api.put(
            f"/proximity-integration/shipments/{order_id}/accept", json={"status": "accepted"}
        )
        assert r.status_code == 200
        # No webhook will say so; the periodic re-read does.
        assert stack.wait_desk_state(order_id, ("ready_to_ship", "printed"), timeout=15)
    finally:
        stack.stop()


def test_handling_every_event_twice_changes_nothing(stack: Stack) -> None:
    assert stack.engine is not None
    ids = [stack.create_order("flex") for _ in range(5)]
    key0 = OrderKey("mp_delivery", str(ids[0]))
    assert stack.wait(lambda: _count(stack, "SELECT count(*) FROM orders") == 5)
    assert stack.engine.run_action(key0, "accept", {}).result(timeout=15).state.value == "confirmed"
    assert stack.wait_desk_state(ids[0], ("ready_to_ship", "printed"))
    before = {
        table: _count(stack, f"SELECT count(*) FROM {table}")
        for table in ("orders", "status_events", "actions")
    }
    stack.stop_engine()
    import sqlite3

    conn = sqlite3.connect(stack.desk_db)
    with conn:
        conn.execute("UPDATE feed_cursors SET cursor = 0")
    conn.close()
    stack.listener = type(stack.listener)()
    stack.start_engine()
    # The engine re-reads the whole log: wait until it reports being caught up.
    assert stack.wait(
        lambda: stack.desk_rows("SELECT cursor FROM feed_cursors")[0]["cursor"] > 0, timeout=30
    )
    assert stack.wait(lambda: len(stack.listener.keys("order_changed")) >= 5, timeout=30)
    after = {
        table: _count(stack, f"SELECT count(*) FROM {table}")
        for table in ("orders", "status_events", "actions")
    }
    assert after == before


def test_an_order_that_keeps_failing_is_loading_then_parked_and_holds_no_other(
    stack: Stack, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kitchen_app.channels.registry import PluginRegistry

    # The plug-in's accept window made short, so the fast retries give up within the test.
    monkeypatch.setattr(
        PluginRegistry,
        "unread_accept_windows",
        lambda self: {"mp_delivery": timedelta(seconds=8)},
    )
    stack.stop_engine()
    stack.start_engine()
    assert stack.engine is not None and stack.control is not None
    stack.webhooks("hold")
    stuck = stack.create_order("flex")
    stack.fault(match="get_order", status=500, count=1000, order_id=stuck)
    other = stack.create_order("flex")
    stack.webhooks("release", {"order": "sent"})
    # The order behind the failing one arrives at once; the failing one is "loading".
    assert stack.wait(lambda: stack.desk_state(other) == NEW, timeout=10)
    reader = DeskReader.open(stack.desk_db)
    try:
        assert stack.wait(
            lambda: [o.key for o in reader.loading_orders()] == [OrderKey("mp_delivery", stuck)]
        )
        assert stack.wait(
            lambda: any(a.kind == "loading_orders" for a in stack.listener.announcements)
        )
        # Retried on its own schedule until the window ends, then parked.
        assert stack.wait(lambda: reader.loading_orders()[0].parked, timeout=20)
        parked = reader.loading_orders()[0]
        assert parked.attempts >= 2 and "500" in (parked.last_error or "")
        assert stack.desk_state(stuck) is None
        assert stack.wait(
            lambda: stack.engine is not None and stack.engine.health().parked_orders == 1
        )
        # When the marketplace answers again, reconciliation brings the parked order in.
        assert stack.control.delete("/_sandbox/faults").status_code == 200
        stack.engine.reconcile_now().result(timeout=30)
        assert stack.desk_state(stuck) == NEW
        assert reader.loading_orders() == []
    finally:
        reader.close()
    assert OrderKey("mp_delivery", stuck) in stack.listener.keys("order_added")


def test_a_pruned_cursor_makes_the_engine_reconcile_and_carry_on(cold_stack: Stack) -> None:
    from kitchen_app.relay import add_store

    from .stack import STORE_USER_ID

    stack = cold_stack
    stack.start_relay(retention_seconds=0.5, prune_interval_seconds=0.2)
    stack.desk_token = add_store(stack.relay_db, "Stack", mp_user_id=STORE_USER_ID)
    stack.start_sandbox()
    stack.start_engine()
    known = stack.create_order("flex")
    assert stack.wait(lambda: stack.desk_state(known) == NEW)
    stack.stop_engine()
    # While the desk is closed, the known order moves on and events age out of the relay.
    assert stack.api is not None
    r = stack.api.put(
        f"/proximity-integration/shipments/{known}/accept", json={"status": "accepted"}
    )
    assert r.status_code == 200

    def pruned_past_the_desk() -> bool:
        desk_cursor = stack.desk_rows("SELECT cursor FROM feed_cursors")[0]["cursor"]
        relay = sqlite3.connect(stack.relay_db)
        try:
            (pruned,) = relay.execute("SELECT max(pruned_through) FROM stores").fetchone()
        finally:
            relay.close()
        return bool(pruned) and pruned > desk_cursor

    assert stack.wait(pruned_past_the_desk, timeout=15)
    stack.listener = type(stack.listener)()
    stack.start_engine()
    # The relay answers 410: the engine re-reads its open orders and carries on from there.
    assert stack.wait_desk_state(known, ("ready_to_ship", "printed"), timeout=30)
    later = stack.create_order("flex")
    assert stack.wait(lambda: stack.desk_state(later) == NEW, timeout=30)
