"""Schema creation, migrations with a backup, and refusal of files we must not touch."""

from __future__ import annotations

import hashlib
import sqlite3
from datetime import UTC
from pathlib import Path

import pytest
from sqlite_utils import Database
from tests.unit.store.store_testkit import Clock, make_order, open_store

from kitchen_app.domain import OrderKey
from kitchen_app.store import MIGRATIONS, SCHEMA_VERSION, DeskReader, DeskStore, StoreError
from kitchen_app.store.schema import APPLICATION_ID, Migration, create_core_tables

TABLES = {
    "orders",
    "status_events",
    "actions",
    "print_jobs",
    "settings",
    "feed_cursors",
    "unfetched_orders",
    "order_notifications",
    "unresolved_notifications",
    "list_cursors",
}


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_fresh_file_gets_every_table_strict_in_wal_mode(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "desk.db"
    open_store(path).close()

    db = Database(path)
    try:
        assert set(db.table_names()) == TABLES
        assert all(db.table(name).strict for name in TABLES)
        assert db.table("orders").pks == ["key"]
        assert db.table("orders").columns_dict["total_cents"] is int
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        index_names = {i.name for i in db.table("orders").indexes}
        assert "orders_by_created_at" in index_names
    finally:
        db.close()
    assert not any(name.endswith(".bak") for name in _files(path.parent))


def test_writer_uses_synchronous_full_and_foreign_keys(tmp_path: Path) -> None:
    store = open_store(tmp_path / "desk.db")
    try:
        conn = store._conn
        assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    finally:
        store.close()


def test_strict_tables_refuse_wrong_types(tmp_path: Path) -> None:
    path = tmp_path / "desk.db"
    open_store(path).close()
    conn = sqlite3.connect(path)
    try:
        with pytest.raises(sqlite3.IntegrityError):
            conn.execute("INSERT INTO feed_cursors VALUES ('relay', 'twelve', 'x')")
    finally:
        conn.close()


def test_the_first_step_is_pure_and_runs_on_any_connection() -> None:
    conn = sqlite3.connect(":memory:")
    try:
        create_core_tables(conn)
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        # steps 2, 3 and 6 add the rest
        assert names == TABLES - {
            "unfetched_orders",
            "order_notifications",
            "unresolved_notifications",
            "list_cursors",
        }
    finally:
        conn.close()


def _add_note_column(conn: sqlite3.Connection) -> None:
    conn.execute("ALTER TABLE orders ADD COLUMN staff_note TEXT")


def test_pending_migration_backs_up_the_file_first(tmp_path: Path) -> None:
    path = tmp_path / "desk.db"
    clock = Clock()
    store = open_store(path, clock)
    store.apply_order(make_order(), [])
    store.close()

    upgraded = (*MIGRATIONS, Migration("add_staff_note", _add_note_column))
    store = DeskStore.open(path, tz=UTC, clock=clock, migrations=upgraded)
    try:
        assert store.get_order(make_order().key) == make_order()
    finally:
        store.close()

    backups = [p for p in tmp_path.iterdir() if p.name.endswith(".bak")]
    assert [p.name for p in backups] == [f"desk.db.v{SCHEMA_VERSION}-20261123T150000.bak"]
    old = sqlite3.connect(backups[0])
    try:
        assert old.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert old.execute("SELECT key FROM orders").fetchall() == [(str(make_order().key),)]
        columns = [r[1] for r in old.execute("PRAGMA table_info(orders)")]
        assert "staff_note" not in columns
    finally:
        old.close()
    new = sqlite3.connect(path)
    try:
        assert new.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION + 1
        assert "staff_note" in [r[1] for r in new.execute("PRAGMA table_info(orders)")]
    finally:
        new.close()


def test_failed_migration_leaves_the_database_at_its_version(tmp_path: Path) -> None:
    path = tmp_path / "desk.db"
    store = open_store(path)
    store.apply_order(make_order(), [])
    store.close()

    def broken(conn: sqlite3.Connection) -> None:
        conn.execute("ALTER TABLE orders ADD COLUMN half_done TEXT")
        raise ValueError("bad row")

    with pytest.raises(StoreError, match=rf"'broken'.*bad row.*schema {SCHEMA_VERSION}.*backup at"):
        DeskStore.open(path, migrations=(*MIGRATIONS, Migration("broken", broken)))
    store = open_store(path)
    try:
        assert store.get_order(make_order().key) == make_order()
        columns = [r[1] for r in store._conn.execute("PRAGMA table_info(orders)")]
        assert "half_done" not in columns
    finally:
        store.close()


def test_newer_database_is_refused_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "desk.db"
    open_store(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 3}")
    conn.close()
    before, files = _digest(path), _files(tmp_path)

    with pytest.raises(StoreError, match="newer Kitchen Desk") as info:
        DeskStore.open(path)
    assert "\n" not in str(info.value)
    with pytest.raises(StoreError, match="newer Kitchen Desk"):
        DeskReader.open(path)
    assert _digest(path) == before and _files(tmp_path) == files


def test_file_that_is_not_sqlite_is_refused_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "desk.db"
    content = b"this is not a database at all\n" * 200
    path.write_bytes(content)
    with pytest.raises(StoreError, match="not a readable desk database") as info:
        DeskStore.open(path)
    assert "\n" not in str(info.value)
    with pytest.raises(StoreError, match="not a readable desk database"):
        DeskReader.open(path)
    assert path.read_bytes() == content and _files(tmp_path) == ["desk.db"]


def test_desk_database_with_a_corrupt_page_is_refused_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "desk.db"
    open_store(path).close()
    data = bytearray(path.read_bytes())
    data[100:4096] = b"\xa5" * (4096 - 100)  # the schema page, after the file header
    path.write_bytes(bytes(data))
    with pytest.raises(StoreError, match=r"not a readable desk database.*malformed") as info:
        DeskStore.open(path)
    assert "\n" not in str(info.value)
    with pytest.raises(StoreError, match="not a readable desk database"):
        DeskReader.open(path)
    assert path.read_bytes() == bytes(data)


def test_another_programs_database_is_refused_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "desk.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE songs (title TEXT)")
    conn.commit()
    conn.close()
    before = _digest(path)
    with pytest.raises(StoreError, match="another program"):
        DeskStore.open(path)
    assert _digest(path) == before


def test_a_folder_in_place_of_the_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "desk.db").mkdir()
    with pytest.raises(StoreError, match="not a file"):
        DeskStore.open(tmp_path / "desk.db")


def test_reader_refuses_a_database_that_needs_upgrading(tmp_path: Path) -> None:
    path = tmp_path / "desk.db"
    open_store(path).close()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 0")
    conn.close()
    with pytest.raises(StoreError, match="needs upgrading"):
        DeskReader.open(path)
    with pytest.raises(StoreError, match="no desk database"):
        DeskReader.open(tmp_path / "missing.db")


def test_a_version_1_database_is_migrated_with_a_backup(tmp_path: Path) -> None:
    path = tmp_path / "desk.db"
    DeskStore.open(path, migrations=MIGRATIONS[:1]).close()
    store = DeskStore.open(path)
    try:
        store.park_unfetched(OrderKey("mp_delivery", "1"), "HTTP 500")
        assert [k for k, _ in store.unfetched_keys()] == [OrderKey("mp_delivery", "1")]
    finally:
        store.close()
    assert list(tmp_path.glob("desk.db.v1-*.bak"))
