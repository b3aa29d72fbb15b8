"""A garbage, truncated or missing desk database at start: one clear line naming the file and
what to do (restore the backup the desk keeps), never a traceback, the file left as it was;
and the daily backup the desk keeps beside its database."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from kitchen_app.app.cli import main
from kitchen_app.app.paths import desk_db_path
from kitchen_app.store import DeskStore, StoreError
from kitchen_app.store.connection import DAILY_BACKUPS_KEPT, connect_writer, daily_backup

NOW = datetime(2026, 12, 2, 15, 0, 0)


def _made(path: Path) -> None:
    store = DeskStore.open(path)
    store.close()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


def _truncate(path: Path) -> bytes:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path.read_bytes()


@pytest.mark.parametrize(
    "content", [b"garbage" * 1000, b"SQLite format 3\x00" + b"\xff" * 84, b"\x00" * 100]
)
def test_garbage_file_is_one_line_and_untouched(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "desk.sqlite"
    path.write_bytes(content)
    with pytest.raises(StoreError) as info:
        DeskStore.open(path)
    message = str(info.value)
    assert "\n" not in message and str(path) in message
    # what to do (no backup yet), or which program's file it is
    assert "move it away" in message or "another program" in message
    assert path.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == ["desk.sqlite"]


def test_truncated_file_names_the_backup_to_restore(tmp_path: Path) -> None:
    path = tmp_path / "desk.sqlite"
    _made(path)
    conn = connect_writer(path, NOW)  # second open of the day: keeps today's copy
    conn.close()
    backup = path.with_name("desk.sqlite.daily-20261202.bak")
    assert backup.is_file()
    content = _truncate(path)
    with pytest.raises(StoreError) as info:
        DeskStore.open(path)
    message = str(info.value)
    assert "\n" not in message and str(path) in message and str(backup) in message
    assert path.read_bytes() == content
    # the backup is a whole database: restoring it works
    path.write_bytes(backup.read_bytes())
    DeskStore.open(path).close()


def test_daily_backups_one_per_day_a_week_kept(tmp_path: Path) -> None:
    path = tmp_path / "desk.sqlite"
    _made(path)
    conn = connect_writer(path, NOW)
    try:
        assert daily_backup(conn, path, NOW) is None  # today's exists already
        for day in range(1, 12):
            assert daily_backup(conn, path, NOW + timedelta(days=day)) is not None
    finally:
        conn.close()
    kept = sorted(p.name for p in tmp_path.glob("desk.sqlite.daily-*.bak"))
    assert len(kept) == DAILY_BACKUPS_KEPT
    assert kept[-1] == "desk.sqlite.daily-20261213.bak"
    assert not list(tmp_path.glob("*.partial"))


def test_orders_cli_on_a_damaged_database_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = desk_db_path(tmp_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    _made(path)
    _truncate(path)
    assert main(["orders", "--data-dir", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err and str(path) in err
