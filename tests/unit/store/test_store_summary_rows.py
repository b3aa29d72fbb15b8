"""The day list's summaries, built from rows without OrderSummary.__init__ (for speed), are
the same values __init__ would make, every field set."""

from __future__ import annotations

import dataclasses
from datetime import timedelta
from pathlib import Path

from tests.unit.store.store_testkit import Clock, make_order, open_store

from kitchen_app.domain import OrderKey, TimelineEntry
from kitchen_app.store.records import OrderSummary


def test_a_summary_read_from_its_row_equals_one_made_by_init(tmp_path: Path) -> None:
    clock = Clock()
    store = open_store(tmp_path / "desk.db", clock)
    try:
        order = dataclasses.replace(
            make_order("7"), pack_id="P1", ship_by=clock.now + timedelta(days=1)
        )
        store.apply_order(order, [TimelineEntry(order.status, clock.now, clock.now, "webhook")])
        summary = store.order_summary(OrderKey("mp_delivery", "7"))
        assert summary is not None
        values = {f.name: getattr(summary, f.name) for f in dataclasses.fields(OrderSummary)}
        assert OrderSummary(**values) == summary
        assert hash(OrderSummary(**values)) == hash(summary)
        assert summary.pack_id == "P1" and summary.ship_by == clock.now + timedelta(days=1)
        [listed] = store.orders_of_day(clock.now.date(), clock.now.tzinfo)  # type: ignore[arg-type]
        assert listed == summary
    finally:
        store.close()
