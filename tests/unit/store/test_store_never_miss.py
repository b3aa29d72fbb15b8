"""Loading ("details loading") and parked orders, first notification times, unresolved
notifications and the renamed Mercado Pago settings (schema version 3)."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from tests.builders import T0
from tests.unit.store.store_testkit import TIME_EXPIRED, Clock, make_order, open_store, seen

from kitchen_app.domain import OrderKey
from kitchen_app.engine.settings import LEGACY_NAMES
from kitchen_app.store import MIGRATIONS, DeskReader, DeskStore, StoreError


def test_a_loading_order_is_listed_with_its_window_until_its_details_land(
    tmp_path: Path,
) -> None:
    clock = Clock()
    store = open_store(tmp_path / "desk.db", clock)
    try:
        assert store.note_loading(OrderKey("mp_delivery", "41"), T0, "HTTP 404") is True
        # A second event for the same order keeps the first time.
        assert (
            store.note_loading(OrderKey("mp_delivery", "41"), T0 + timedelta(seconds=30), "x")
            is False
        )
        clock.advance(3)
        store.record_fetch_failure(OrderKey("mp_delivery", "41"), "HTTP 500")
        [loading] = store.loading_orders()
        assert loading.key == OrderKey("mp_delivery", "41")
        assert (loading.channel, loading.order_id) == ("mp_delivery", "41")
        assert loading.first_seen == T0
        assert loading.accept_deadline == T0 + timedelta(minutes=5)
        assert (loading.attempts, loading.last_error, loading.parked) == (2, "HTTP 500", False)

        store.record_fetch_failure(OrderKey("mp_delivery", "41"), "timeout", parked=True)
        assert store.loading_orders()[0].parked is True
        assert [k for k, _ in store.unfetched_keys(parked_only=True)] == [
            OrderKey("mp_delivery", "41")
        ]

        order = make_order("41")
        store.apply_order(order, [seen(order.status, T0)])
        assert store.loading_orders() == []  # an order with details is never "loading"
        assert store.forget_unfetched(OrderKey("mp_delivery", "41")) is True
        assert store.forget_unfetched(OrderKey("mp_delivery", "41")) is False
    finally:
        store.close()


def test_a_loading_order_has_a_deadline_only_where_its_channel_gives_a_window(
    tmp_path: Path,
) -> None:
    path = tmp_path / "desk.db"
    store = DeskStore.open(path, unread_accept_windows={"fast": timedelta(minutes=2)})
    try:
        store.note_loading(OrderKey("fast", "1"), T0, "HTTP 404")
        store.note_loading(OrderKey("slow", "2"), T0 + timedelta(seconds=1), "HTTP 404")
        fast, slow = store.loading_orders()
        assert fast.accept_deadline == T0 + timedelta(minutes=2)
        assert slow.key == OrderKey("slow", "2") and slow.accept_deadline is None
        # A reader knows the windows it is given, and no others.
        reader = DeskReader.open(path, unread_accept_windows={"slow": timedelta(minutes=1)})
        try:
            fast, slow = reader.loading_orders()
            assert fast.accept_deadline is None
            assert slow.accept_deadline == T0 + timedelta(minutes=1, seconds=1)
        finally:
            reader.close()
    finally:
        store.close()


def test_the_engine_may_set_an_earlier_accept_deadline(tmp_path: Path) -> None:
    store = open_store(tmp_path / "desk.db")
    try:
        order = make_order("7", created_at=T0)
        store.apply_order(order, [], accept_deadline=T0 + timedelta(minutes=2))
        summary = store.order_summary(order.key)
        assert summary is not None
        assert summary.accept_deadline == T0 + timedelta(minutes=2)
        store.apply_order(order, [])
        summary = store.order_summary(order.key)
        assert summary is not None and summary.accept_deadline == order.accept_deadline
    finally:
        store.close()


def test_first_notification_keeps_the_earliest_time(tmp_path: Path) -> None:
    store = open_store(tmp_path / "desk.db")
    try:
        assert store.first_notification(OrderKey("mp_delivery", "1")) is None
        store.note_first_notification(OrderKey("mp_delivery", "1"), T0 + timedelta(seconds=5))
        store.note_first_notification(OrderKey("mp_delivery", "1"), T0 + timedelta(seconds=9))
        store.note_first_notification(OrderKey("mp_delivery", "1"), T0)
        assert store.first_notification(OrderKey("mp_delivery", "1")) == T0
    finally:
        store.close()


def test_unresolved_notifications_are_kept_once_and_dismissed(tmp_path: Path) -> None:
    path = tmp_path / "desk.db"
    store = open_store(path)
    raw = json.dumps({"topic": "delivery", "resource": "/orders/abc"})
    try:
        assert store.add_unresolved("relay#7", "mp_delivery", T0, "no order id", raw) is True
        assert store.add_unresolved("relay#7", "mp_delivery", T0, "no order id", raw) is False
        store.add_unresolved("relay#8", "mp_delivery", T0, "no order id", "{}")
        reader = DeskReader.open(path)
        try:
            first, second = reader.unresolved_notifications()
            assert (first.channel, first.received_at, first.reason) == (
                "mp_delivery",
                T0,
                "no order id",
            )
            assert json.loads(first.raw) == {"topic": "delivery", "resource": "/orders/abc"}
            assert first.dismissed is False
            assert store.dismiss_unresolved(first.id) is True
            assert store.dismiss_unresolved(first.id) is False
            assert [n.id for n in reader.unresolved_notifications()] == [second.id]
            everything = reader.unresolved_notifications(include_dismissed=True)
            assert [(n.id, n.dismissed) for n in everything] == [
                (first.id, True),
                (second.id, False),
            ]
        finally:
            reader.close()
        with pytest.raises(StoreError, match="unknown notification"):
            store.dismiss_unresolved(999)
    finally:
        store.close()


def test_flat_mercado_pago_settings_are_renamed_once_on_upgrade(tmp_path: Path) -> None:
    # The store names no marketplace: the names come from the plug-ins' legacy_settings,
    # which the engine hands to DeskStore.open.
    path = tmp_path / "desk.db"
    old = DeskStore.open(path, migrations=MIGRATIONS[:2])
    try:  # rows as version 2 wrote them
        for key, value in (("mp_access_token", "APP_USR-old"), ("mp_user_id", "1070421029")):
            old._exec(
                "INSERT INTO settings (key, value_json) VALUES (?, ?)", (key, json.dumps(value))
            )
        old._exec(
            "INSERT INTO unfetched_orders (key, first_seen_at, attempts, error) "
            "VALUES ('mp_delivery:5', '2026-11-23T13:46:35.000000+00:00', 1, 'HTTP 500')"
        )
    finally:
        old.close()
    store = DeskStore.open(path, renamed_settings=LEGACY_NAMES)
    try:
        keys = {row[0] for row in store._rows("SELECT key FROM settings")}
        assert "mp_access_token" not in keys and "mp_user_id" not in keys
        assert store.get_setting("mp_delivery.access_token") == "APP_USR-old"
        assert store.get_setting("mp_delivery.user_id") == "1070421029"
        # A caller still using the flat name reads and writes the new one.
        assert store.get_setting("mp_access_token") == "APP_USR-old"
        [loading] = store.loading_orders()
        assert loading.parked is True
    finally:
        store.close()


def test_missed_orders_are_those_announced_during_the_outage_and_expired(
    tmp_path: Path,
) -> None:
    clock = Clock()
    store = open_store(tmp_path / "desk.db", clock)
    since, back = T0, T0 + timedelta(minutes=10)
    try:
        seen_live = make_order("1", created_at=T0 - timedelta(minutes=1))
        store.note_first_notification(seen_live.key, T0 - timedelta(minutes=1))
        clock.now = back + timedelta(seconds=1)  # everything below is stored once back
        expired = make_order("2", created_at=T0 + timedelta(minutes=1), status=TIME_EXPIRED)
        overdue = make_order("3", created_at=T0 + timedelta(minutes=2))
        fresh = make_order("4", created_at=back - timedelta(minutes=1))
        after = make_order("5", created_at=back + timedelta(seconds=30), status=TIME_EXPIRED)
        for order, notified in (
            (expired, T0 + timedelta(minutes=1)),
            (overdue, T0 + timedelta(minutes=2)),
            (fresh, back - timedelta(minutes=1)),
            (after, back + timedelta(seconds=30)),
        ):
            store.note_first_notification(order.key, notified)
            store.apply_order(order, [])
        store.apply_order(seen_live, [])  # stored late too, but notified before the outage
        store.note_loading(OrderKey("mp_delivery", "6"), T0 + timedelta(minutes=3), "HTTP 500")
        missed = store.missed_orders(since, back, back + timedelta(minutes=1), notified_before=back)
        assert missed == [
            OrderKey("mp_delivery", "2"),
            OrderKey("mp_delivery", "3"),
            OrderKey("mp_delivery", "6"),
        ]
    finally:
        store.close()
