"""The desk's health against a stand-in Mercado Pago and the real relay: a paused store and
its reopening, a refused token shown within seconds, the relay cut and restored (reconnect,
orders that arrived and expired meanwhile)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from kitchen_app.app.wiring import build_engine
from kitchen_app.domain import OrderKey
from kitchen_app.engine.api import ActionOutcomeState, FeedStatus
from kitchen_app.engine.engine import Engine, EngineConfig
from kitchen_app.engine.recorder import RecordingListener

from .standin import STORE_ID, World, wait_until


@pytest.fixture
def world(tmp_path: Path) -> Iterator[World]:
    w = World(tmp_path)
    try:
        yield w.start(with_net=True)
    finally:
        w.stop()


class Desk:
    def __init__(self, world: World, tmp: Path, **settings: object) -> None:
        self.listener = RecordingListener()
        self.engine: Engine = build_engine(
            EngineConfig(
                db_path=tmp / "desk.db",
                initial_settings={**world.settings(), **settings},
                poll_wait_s=3.0,
                reconcile_interval_s=3600,
            ),
            self.listener,
        )

    def __enter__(self) -> Engine:
        self.engine.start()
        return self.engine

    def __exit__(self, *exc: object) -> None:
        self.engine.stop()


def test_a_paused_store_is_shown_with_why_and_reopened_with_enabled(
    world: World, tmp_path: Path
) -> None:
    world.standin.store_status = "paused"
    now = datetime.now(UTC)
    for order_id in ("41000000101", "41000000102"):
        world.standin.add_order(
            order_id,
            created_at=now - timedelta(minutes=6),
            status="cancelled",
            substatus="time_expired",
        )
    desk = Desk(world, tmp_path)
    with desk as engine:
        assert wait_until(lambda: bool(engine.health().pauses))
        [pause] = engine.health().pauses
        assert (pause.channel, pause.store_id, pause.status) == ("mp_delivery", STORE_ID, "paused")
        assert pause.can_reopen and not engine.health().all_well
        # Two orders expire: the watch looks again and says why the store is paused.
        world.webhook("/shipments/41000000101")
        world.webhook("/shipments/41000000102")
        assert wait_until(
            lambda: any(
                p.reason and "two orders expired" in p.reason for p in engine.health().pauses
            )
        )
        assert any(a.kind == "health" for a in desk.listener.announcements)
        outcome = engine.reopen_store("mp_delivery", STORE_ID).result(timeout=15)
        assert outcome.state is ActionOutcomeState.CONFIRMED
        assert world.standin.status_puts == ["enabled"]  # never "disabled"
        assert wait_until(lambda: engine.health().pauses == ())


def test_a_refused_token_shows_in_the_health_within_seconds_and_clears_when_fixed(
    world: World, tmp_path: Path
) -> None:
    desk = Desk(world, tmp_path, **{"mp_delivery.access_token": "APP_USR-wrong"})
    with desk as engine:
        assert wait_until(lambda: any(api.ok is False for api in engine.health().apis), timeout=10)
        [api] = engine.health().apis
        assert "refused the access token" in (api.message or "")
        assert "access_token" not in (api.message or "")
        engine.set_setting("mp_delivery.access_token", "APP_USR-standin").result(timeout=15)
        assert wait_until(lambda: all(a.ok for a in engine.health().apis), timeout=10)


def test_after_the_network_returns_the_desk_reconnects_and_lists_what_it_missed(
    world: World, tmp_path: Path
) -> None:
    assert world.net is not None
    desk = Desk(world, tmp_path)
    with desk as engine:
        assert wait_until(
            lambda: engine.feed_state is not None and engine.feed_state.status is FeedStatus.ONLINE
        )
        world.net.cut()
        assert wait_until(
            lambda: engine.feed_state is not None and engine.feed_state.status is FeedStatus.OFFLINE
        )
        # The health is a snapshot the engine loop recomputes after the feed's change: wait
        # for it (bounded) rather than read it in the same instant.
        assert wait_until(lambda: not engine.health().all_well)
        # While the desk is offline one order arrives and expires, another is still fresh.
        now = datetime.now(UTC)
        world.standin.add_order(
            "41000000201",
            created_at=now - timedelta(minutes=6),
            status="cancelled",
            substatus="time_expired",
        )
        world.standin.add_order("41000000202", created_at=now)
        world.webhook("/shipments/41000000201")
        world.webhook("/shipments/41000000202")
        world.net.restore()
        assert wait_until(
            lambda: engine.feed_state is not None and engine.feed_state.status is FeedStatus.ONLINE,
            timeout=15,
        )
        assert wait_until(
            lambda: (
                engine.health().missed_while_offline == (OrderKey("mp_delivery", "41000000201"),)
            )
        )
        assert OrderKey("mp_delivery", "41000000202") in desk.listener.keys("order_added")
        engine.acknowledge_missed().result(timeout=5)
        assert wait_until(lambda: engine.health().missed_while_offline == ())
