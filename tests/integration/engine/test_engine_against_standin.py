"""The headless engine and the real relay against a stand-in Mercado Pago written from the
documented shapes (api notes §2, §6.2, §8, §9), asserted through ``kitchen-app orders --json``
and the headless stdout: every announced order reaches the list, whatever its first reads
answer, and no order waits for another."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from kitchen_app.app.paths import desk_db_path
from kitchen_app.app.plugins import registry
from kitchen_app.domain import OrderKey
from kitchen_app.store import DeskReader

from .standin import Behaviour, Headless, World, orders_json, wait_until


@pytest.fixture
def world(tmp_path: Path) -> Iterator[World]:
    w = World(tmp_path)
    try:
        yield w.start()
    finally:
        w.stop()


@pytest.fixture
def headless(world: World, tmp_path: Path) -> Iterator[Headless]:
    h = Headless(world, tmp_path / "desk")
    try:
        assert h.wait_line("engine ready")
        yield h
    finally:
        assert h.stop() == 0  # SIGTERM stops it cleanly


def _listed(h: Headless) -> dict[str, dict[str, object]]:
    return {o["order_id"]: o for o in orders_json(h.data_dir)}  # type: ignore[misc]


def test_failing_first_reads_and_a_never_answering_order_hold_no_other(
    world: World, headless: Headless
) -> None:
    s = world.standin
    s.add_order("41000000001")
    s.add_order("41000000002", behaviour=Behaviour(fail_first=2, fail_status=404))
    s.add_order("41000000003", behaviour=Behaviour(fail_first=2, fail_status=500))
    s.add_order("41000000004", behaviour=Behaviour(hang=True))
    s.add_order("41000000005")
    world.webhook("/shipments/41000000004")  # first: never answers
    world.webhook("/shipments/41000000002")  # 404 right after the webhook
    world.webhook(" /shipments/41000000003 ")  # 500s, with whitespace
    world.webhook("41000000001", topic="shipments")  # a bare id, Mercado Libre's topic name
    world.webhook("/shipments/41000000005")
    for order_id in ("41000000001", "41000000002", "41000000003", "41000000005"):
        assert headless.wait_line(f"order_added mp_delivery:{order_id}", timeout=30), order_id
    listed = _listed(headless)
    assert set(listed) == {"41000000001", "41000000002", "41000000003", "41000000005"}
    assert {o["stage"] for o in listed.values()} == {"new"}
    assert {o["status"] for o in listed.values()} == {"ready_to_ship"}
    # The never-answering order is on the desk as "details loading", its window running.
    reader = DeskReader.open(
        desk_db_path(headless.data_dir),
        unread_accept_windows=registry().unread_accept_windows(),
    )
    try:
        [loading] = reader.loading_orders()
    finally:
        reader.close()
    assert loading.key == OrderKey("mp_delivery", "41000000004") and not loading.parked
    assert loading.accept_deadline is not None
    assert (
        timedelta(minutes=4) < loading.accept_deadline - datetime.now(UTC) <= timedelta(minutes=5)
    )
    assert s.behaviour["41000000002"].gets >= 3 and s.behaviour["41000000003"].gets >= 3
    # The marketplace answers at last: the loading order lands.
    s.behaviour["41000000004"].hang = False
    assert headless.wait_line("order_added mp_delivery:41000000004", timeout=40)
    assert "41000000004" in _listed(headless)


def test_offset_less_times_are_read_in_the_requested_zone(world: World, headless: Headless) -> None:
    created = datetime.now(UTC).replace(microsecond=0) - timedelta(seconds=30)
    world.standin.add_order("41000000011", created_at=created)  # "2026-…T12:00:00" in GMT-3
    world.webhook("/shipments/41000000011")
    assert headless.wait_line("order_added mp_delivery:41000000011")
    order = _listed(headless)["41000000011"]
    assert datetime.fromisoformat(str(order["created_at"])) == created
    assert datetime.fromisoformat(str(order["accept_deadline"])) == created + timedelta(minutes=5)
    assert set(world.standin.time_zones) == {"GMT-3"}


def test_a_created_at_far_from_the_notification_gives_way_to_the_notification_time(
    world: World, headless: Headless
) -> None:
    # A createdAt three hours off (a zone misread somewhere): the notification time decides.
    now = datetime.now(UTC)
    world.standin.add_order("41000000021", created_at=now - timedelta(hours=3))
    world.webhook("/shipments/41000000021")
    assert headless.wait_line("order_added mp_delivery:41000000021")
    deadline = datetime.fromisoformat(str(_listed(headless)["41000000021"]["accept_deadline"]))
    assert now + timedelta(minutes=4) < deadline < now + timedelta(minutes=6)


def test_a_notification_without_an_order_is_kept_as_unresolved(
    world: World, headless: Headless
) -> None:
    world.standin.add_order("41000000031")
    world.webhook("/orders/not-a-shipment")
    world.webhook("/shipments/41000000031")
    assert headless.wait_line("order_added mp_delivery:41000000031")
    reader = DeskReader.open(desk_db_path(headless.data_dir))
    try:
        assert wait_until(lambda: len(reader.unresolved_notifications()) == 1)
        [note] = reader.unresolved_notifications()
    finally:
        reader.close()
    assert note.channel == "mp_delivery"
    assert '"/orders/not-a-shipment"' in note.raw and str(1793791954) in note.raw
    assert set(_listed(headless)) == {"41000000031"}


def test_a_bad_setting_is_one_line_and_exit_2(world: World, tmp_path: Path) -> None:
    h = Headless(world, tmp_path / "bad", "--set", "mp_delivery.access_token=a\nb")
    try:
        assert h.proc.wait(30) == 2
    finally:
        h.stop()
    assert "engine ready" not in h.lines


def test_headless_accepts_and_prints_like_the_desk_when_told_to(
    world: World, tmp_path: Path
) -> None:
    capture = tmp_path / "kitchen-printer.bin"
    printers = json.dumps([{"name": "cap", "kind": "file", "address": str(capture)}])
    h = Headless(
        world,
        tmp_path / "station",
        "--set",
        "auto_accept=yes",
        "--set",
        "auto_print=yes",
        "--set",
        f"printers={printers}",
        "--set",
        "default_printer=cap",
    )
    try:
        assert h.wait_line("engine ready")
        world.standin.add_order("41000000041")
        world.webhook("/shipments/41000000041")
        assert h.wait_line("order_added mp_delivery:41000000041")
        assert wait_until(lambda: capture.exists() and b"0041" in capture.read_bytes(), 30)
        order = _listed(h)["41000000041"]
        assert order["accepted"] is True and order["substatus"] == "printed"
    finally:
        assert h.stop() == 0
