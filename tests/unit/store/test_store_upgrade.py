"""A desk database written by main (schema 3) is carried to schema 6 with nothing lost: the
same orders, the timeline in the same order (numbered per order, substatus "none" as NULL),
the journals, settings and cursors; a step that fails leaves the file as it was.

The fixture was written by main's own DeskStore (tests/fixtures/desk_schema3.md says how)."""

from __future__ import annotations

import dataclasses
import shutil
import sqlite3
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from tests.builders import T0

from kitchen_app.domain import StatusPair, TimelineEntry
from kitchen_app.engine.settings import LEGACY_NAMES
from kitchen_app.store import MIGRATIONS, SCHEMA_VERSION, DeskStore, StoreError
from kitchen_app.store.schema import Migration

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "desk_schema3.sqlite3"
UNCHANGED = (
    "actions",
    "print_jobs",
    "settings",
    "feed_cursors",
    "unfetched_orders",
    "order_notifications",
    "unresolved_notifications",
)
FIRST = "mp_delivery:41034141533"


def _rows(path: Path, sql: str) -> list[dict[str, Any]]:
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    try:
        return [dict(row) for row in conn.execute(sql)]
    finally:
        conn.close()


@pytest.fixture
def old_db(tmp_path: Path) -> Path:
    path = tmp_path / "desk.db"
    shutil.copyfile(FIXTURE, path)
    assert _rows(path, "PRAGMA user_version")[0]["user_version"] == 3
    return path


def test_every_row_is_carried_forward(old_db: Path) -> None:
    before = {t: _rows(old_db, f"SELECT * FROM {t} ORDER BY rowid") for t in UNCHANGED}
    orders = _rows(old_db, "SELECT * FROM orders ORDER BY key")
    events = _rows(old_db, "SELECT * FROM status_events ORDER BY id")
    assert len(orders) == 2 and len(events) == 4 and before["actions"]

    DeskStore.open(old_db, renamed_settings=LEGACY_NAMES).close()

    assert _rows(old_db, "PRAGMA user_version")[0]["user_version"] == SCHEMA_VERSION
    for table in UNCHANGED:
        assert _rows(old_db, f"SELECT * FROM {table} ORDER BY rowid") == before[table], table
    new_orders = _rows(old_db, "SELECT * FROM orders ORDER BY key")
    assert [{k: o[k] for k in orders[0]} for o in new_orders] == orders
    assert all(o["pack_id"] is None and o["ship_by"] is None for o in new_orders)
    new_events = _rows(old_db, "SELECT * FROM status_events ORDER BY id")
    seqs: dict[str, int] = {}
    for old, new in zip(events, new_events, strict=True):
        seqs[old["order_key"]] = seqs.get(old["order_key"], 0) + 1
        assert new == {
            **old,
            "substatus": old["substatus"] or None,
            "seq": seqs[old["order_key"]],
            "track": "order",
        }
    assert _rows(old_db, "PRAGMA foreign_key_check") == []
    assert _rows(old_db, "PRAGMA integrity_check") == [{"integrity_check": "ok"}]


def test_the_upgraded_store_reads_and_writes_as_before(old_db: Path) -> None:
    store = DeskStore.open(old_db, renamed_settings=LEGACY_NAMES)
    try:
        timeline = store.timeline(FIRST)
        assert [e.pair for e in timeline] == [
            StatusPair("ready_to_ship", "ready_to_print"),
            StatusPair("ready_to_ship", "printed"),
            StatusPair("delivered", None),
        ]
        summary = store.order_summary(FIRST)
        assert summary is not None and summary.accepted and summary.is_final
        assert summary.accept_deadline is not None and summary.pack_id is None
        assert store.get_setting("mp_delivery.access_token") == "APP_USR-fixture"
        assert store.get_cursor("relay@127.0.0.1:9") == 42
        # A later entry is numbered after the stored ones.
        order = store.get_order("mp_delivery:41034141999")
        assert order is not None
        later = T0 + timedelta(hours=1)
        out = dataclasses.replace(order, status=StatusPair("shipped", "out_for_delivery"))
        change = store.apply_order(out, [TimelineEntry(out.status, later, later, "webhook")])
        assert change.advanced
    finally:
        store.close()
    seqs = _rows(
        old_db,
        "SELECT seq FROM status_events WHERE order_key = 'mp_delivery:41034141999' ORDER BY id",
    )
    assert [r["seq"] for r in seqs] == [1, 2]


def test_a_status_may_come_back_but_a_number_is_taken_once(old_db: Path) -> None:
    DeskStore.open(old_db).close()
    conn = sqlite3.connect(old_db)
    try:
        insert = (
            "INSERT INTO status_events (order_key, seq, track, status, substatus, "
            "occurred_at, learnt_at, source) VALUES (?, ?, 'order', 'ready_to_ship', "
            "'printed', '2026-11-23T15:30:00.000000+00:00', "
            "'2026-11-23T15:30:00.000000+00:00', 'webhook')"
        )
        conn.execute(insert, (FIRST, 4))  # the same pair again: a new visit
        with pytest.raises(sqlite3.IntegrityError):
            conn.execute(insert, (FIRST, 4))
    finally:
        conn.close()


def _boom(conn: sqlite3.Connection) -> None:
    conn.execute("UPDATE orders SET display_id = 'changed'")
    raise RuntimeError("refused on purpose")


def test_a_failing_step_leaves_the_old_file_as_it_was(old_db: Path) -> None:
    dump = {t: _rows(old_db, f"SELECT * FROM {t}") for t in (*UNCHANGED, "orders")}
    events = _rows(old_db, "SELECT * FROM status_events")
    with pytest.raises(StoreError, match="failed at step 'boom'"):
        DeskStore.open(old_db, migrations=(*MIGRATIONS, Migration("boom", _boom)))
    assert _rows(old_db, "PRAGMA user_version")[0]["user_version"] == 3
    assert {t: _rows(old_db, f"SELECT * FROM {t}") for t in dump} == dump
    assert _rows(old_db, "SELECT * FROM status_events") == events
    columns = {r["name"] for r in _rows(old_db, "PRAGMA table_info(status_events)")}
    assert "seq" not in columns
