"""The store with a plug-in's flow: no accept window (no deadline), a status that comes back
(each visit an entry), the stage from the flow's tracks, and the plug-in's own values kept."""

from __future__ import annotations

import dataclasses
from datetime import timedelta
from pathlib import Path

from tests.builders import T0
from tests.unit.store.store_testkit import Clock, make_order, open_store

from kitchen_app.domain import OrderKey, Stage, StatusPair, TimelineEntry
from kitchen_app.domain.order import PrintCode
from kitchen_app.domain.tracks import DeadlineKind, Flow, Step, Track, TrackState

_P = StatusPair
SHOPEE_LIKE = Flow(
    (
        Track(
            "order",
            (
                Step(_P("READY_TO_SHIP"), Stage.NEW, alert=True, deadline=DeadlineKind.SHIP_BY),
                Step(_P("PROCESSED"), Stage.PREPARING),
                Step(_P("RETRY_SHIP"), Stage.PREPARING),
                Step(_P("COMPLETED"), Stage.DONE, terminal=True),
            ),
            repeats=True,
        ),
    )
)


def _seen(status: str, minute: int) -> TimelineEntry:
    at = T0 + timedelta(minutes=minute)
    return TimelineEntry(_P(status), at, at, "webhook")


def test_an_order_without_accept_window_that_comes_back_to_a_status(tmp_path: Path) -> None:
    clock = Clock()
    store = open_store(tmp_path / "desk.db", clock)
    base = make_order("2601ABC", status=_P("READY_TO_SHIP"))
    order = dataclasses.replace(
        base,
        channel="shopee",
        logistics="Correios",
        pack_id=None,
        ship_by=T0 + timedelta(days=2),
        code=PrintCode("BR123", None),
        handles={"package_number": "OFG1"},
    )
    key = OrderKey("shopee", "2601ABC")
    try:
        first = store.apply_order(order, [_seen("READY_TO_SHIP", 0)], flow=SHOPEE_LIKE)
        assert first.is_new
        summary = store.order_summary(key)
        assert summary is not None
        assert summary.accept_deadline is None
        assert summary.stage is Stage.NEW and summary.channel == "shopee"
        assert summary.logistics == "Correios"
        assert summary.ship_by == T0 + timedelta(days=2)
        for status, minute in (("PROCESSED", 1), ("RETRY_SHIP", 2), ("PROCESSED", 3)):
            clock.now = T0 + timedelta(minutes=minute)
            moved = dataclasses.replace(order, status=_P(status))
            store.apply_order(moved, [_seen(status, minute)], flow=SHOPEE_LIKE)
        # A replay of everything changes nothing.
        again = store.apply_order(
            dataclasses.replace(order, status=_P("PROCESSED")),
            [_seen("PROCESSED", 1), _seen("RETRY_SHIP", 2), _seen("PROCESSED", 3)],
            flow=SHOPEE_LIKE,
        )
        assert again.added == () and not again.advanced
        statuses = [e.pair.status for e in store.timeline(key)]
        assert statuses == ["READY_TO_SHIP", "PROCESSED", "RETRY_SHIP", "PROCESSED"]
        summary = store.order_summary(key)
        assert summary is not None and summary.stage is Stage.PREPARING
        stored = store.get_order(key)
        assert stored is not None
        assert stored.code == PrintCode("BR123", None)
        assert stored.handles == {"package_number": "OFG1"}
        assert stored.state == (TrackState("order", _P("PROCESSED")),) or stored.state == ()
        store.set_accepted(key, flow=SHOPEE_LIKE)
        summary = store.order_summary(key)
        assert summary is not None and summary.accepted and summary.stage is Stage.PREPARING
    finally:
        store.close()
