"""The pipe end to end: sandbox → relay → engine → the desk's SQLite, and staff actions back
to the sandbox (DESIGN §6.1–6.4)."""

from __future__ import annotations

from kitchen_app.domain import Choice, OrderKey
from kitchen_app.engine.api import ActionOutcomeState, FeedStatus

from .stack import Stack

NEW = ("ready_to_ship", "ready_to_print")


def test_new_order_lands_in_the_desk_with_its_timeline(stack: Stack) -> None:
    order_id = stack.create_order("flex")
    key = OrderKey("mp_delivery", order_id)
    assert stack.wait(lambda: key in stack.listener.keys("order_added"))
    assert stack.desk_state(order_id) == NEW
    assert stack.timeline(order_id) == [NEW]
    row = stack.desk_rows("SELECT raw_json FROM orders WHERE key = ?", key)
    assert row and order_id in row[0]["raw_json"]  # the marketplace's JSON is kept
    state = stack.listener.last_feed_state
    assert state is not None and state.status is FeedStatus.ONLINE


def test_accept_reaches_the_sandbox_and_the_timeline_shows_printed(stack: Stack) -> None:
    assert stack.engine is not None
    order_id = stack.create_order("flex")
    key = OrderKey("mp_delivery", order_id)
    assert stack.wait(lambda: key in stack.listener.keys("order_added"))
    outcome = stack.engine.run_action(key, "accept", {}).result(timeout=15)
    assert outcome.state is ActionOutcomeState.CONFIRMED, outcome
    assert stack.sandbox_state(order_id) == ("ready_to_ship", "printed")
    assert stack.wait_desk_state(order_id, ("ready_to_ship", "printed"))
    assert stack.timeline(order_id) == [NEW, ("ready_to_ship", "printed")]
    actions = stack.desk_rows("SELECT kind, state, attempts FROM actions WHERE order_key = ?", key)
    assert [(a["kind"], a["state"], a["attempts"]) for a in actions] == [("accept", "confirmed", 1)]


def test_flex_flow_end_to_end_is_recorded_in_order(stack: Stack) -> None:
    assert stack.engine is not None
    order_id = stack.create_order("flex")
    key = OrderKey("mp_delivery", order_id)
    assert stack.wait(lambda: key in stack.listener.keys("order_added"))
    stack.engine.run_action(key, "accept", {}).result(timeout=15)
    # Mercado Pago's webhooks carry no status: the desk learns each step by reading the order
    # when the step's webhook arrives, so each step is given time to be seen.
    for step in [("ready_to_ship", "ready_to_cook"), ("shipped", "out_for_delivery")]:
        stack.advance(order_id)
        assert stack.wait_desk_state(order_id, step)
    stack.advance(order_id)
    assert stack.wait_desk_state(order_id, ("delivered", None))
    assert stack.timeline(order_id) == [
        NEW,
        ("ready_to_ship", "printed"),
        ("ready_to_ship", "ready_to_cook"),
        ("shipped", "out_for_delivery"),
        ("delivered", None),
    ]


def test_a_second_accept_is_refused_without_reaching_the_marketplace(stack: Stack) -> None:
    assert stack.engine is not None and stack.control is not None
    order_id = stack.create_order("flex")
    key = OrderKey("mp_delivery", order_id)
    assert stack.wait(lambda: key in stack.listener.keys("order_added"))
    assert (
        stack.engine.run_action(key, "accept", {}).result(timeout=15).state
        is ActionOutcomeState.CONFIRMED
    )
    again = stack.engine.run_action(key, "accept", {}).result(timeout=15)
    assert again.state is ActionOutcomeState.FAILED
    assert again.message and "not possible" in again.message
    rows = stack.desk_rows(
        "SELECT state, attempts FROM actions WHERE order_key = ? ORDER BY id", key
    )
    assert [(r["state"], r["attempts"]) for r in rows] == [("confirmed", 1), ("failed", 0)]


def test_cancel_with_a_marketplace_reason(stack: Stack) -> None:
    assert stack.engine is not None
    order_id = stack.create_order("dropoff")
    key = OrderKey("mp_delivery", order_id)
    assert stack.wait(lambda: key in stack.listener.keys("order_added"))
    reasons = stack.engine.action_choices(key, "cancel", "reason").result(timeout=15)
    assert reasons and all(isinstance(r, Choice) and r.label for r in reasons)
    assert "out_of_stock" in {r.value for r in reasons}
    outcome = stack.engine.run_action(key, "cancel", {"reason": reasons[0].value}).result(
        timeout=15
    )
    assert outcome.state is ActionOutcomeState.CONFIRMED
    assert stack.sandbox_state(order_id) == ("cancelled", "cancelled_manually")
    assert stack.wait_desk_state(order_id, ("cancelled", "cancelled_manually"))


def test_state_conflict_is_reported_not_retried(stack: Stack) -> None:
    assert stack.engine is not None
    order_id = stack.create_order("flex")
    key = OrderKey("mp_delivery", order_id)
    assert stack.wait(lambda: key in stack.listener.keys("order_added"))
    # The order expires at the marketplace while the desk has not heard yet: webhooks held.
    stack.webhooks("hold")
    stack.jump(301)
    assert stack.sandbox_state(order_id) == ("cancelled", "time_expired")
    outcome = stack.engine.run_action(key, "accept", {}).result(timeout=15)
    assert outcome.state is ActionOutcomeState.FAILED
    assert outcome.message and "cannot be accepted" in outcome.message
    rows = stack.desk_rows("SELECT state, attempts FROM actions WHERE order_key = ?", key)
    assert [(r["state"], r["attempts"]) for r in rows] == [("failed", 1)]
    # The conflict made the desk re-read the order: it knows it expired.
    assert stack.desk_state(order_id) == ("cancelled", "time_expired")


def test_transient_failures_leave_the_action_pending_then_confirmed_once(stack: Stack) -> None:
    assert stack.engine is not None
    order_id = stack.create_order("flex")
    key = OrderKey("mp_delivery", order_id)
    assert stack.wait(lambda: key in stack.listener.keys("order_added"))
    # More 500s than the client's own retries: the engine keeps the action pending.
    stack.fault(match="accept", status=500, count=5)
    outcome = stack.engine.run_action(key, "accept", {}).result(timeout=30)
    assert outcome.state is ActionOutcomeState.PENDING
    assert stack.wait(
        lambda: bool(
            stack.desk_rows(
                "SELECT 1 FROM actions WHERE order_key = ? AND state = 'confirmed'", key
            )
        ),
        timeout=60,
    )
    assert stack.sandbox_state(order_id) == ("ready_to_ship", "printed")
    rows = stack.desk_rows("SELECT state FROM actions WHERE order_key = ?", key)
    assert [r["state"] for r in rows] == ["confirmed"]


def test_expiry_arrives_by_webhook(stack: Stack) -> None:
    order_id = stack.create_order("flex")
    key = OrderKey("mp_delivery", order_id)
    assert stack.wait(lambda: key in stack.listener.keys("order_added"))
    stack.jump(301)
    assert stack.wait_desk_state(order_id, ("cancelled", "time_expired"))
    assert stack.timeline(order_id) == [NEW, ("cancelled", "time_expired")]


def test_a_second_accept_while_the_first_is_pending_sends_nothing_more(stack: Stack) -> None:
    assert stack.engine is not None
    order_id = stack.create_order("flex")
    key = OrderKey("mp_delivery", order_id)
    assert stack.wait(lambda: key in stack.listener.keys("order_added"))
    stack.fault(match="accept", status=500, count=5)
    first = stack.engine.run_action(key, "accept", {}).result(timeout=30)
    assert first.state is ActionOutcomeState.PENDING
    second = stack.engine.run_action(key, "accept", {}).result(timeout=30)
    assert second.state is ActionOutcomeState.PENDING
    assert second.action_id == first.action_id
    rows = stack.desk_rows("SELECT id FROM actions WHERE order_key = ?", key)
    assert len(rows) == 1
