"""Opening the desk database: checks first, then backup, pragmas and migrations.

Nothing is written to a file before it has been read back as a desk database of a version this
app knows, so a corrupt, foreign or newer file is refused and left exactly as it was.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from .errors import StoreError
from .schema import APPLICATION_ID, MIGRATIONS, Migration

__all__ = [
    "DAILY_BACKUPS_KEPT",
    "backup_file_name",
    "connect_reader",
    "connect_writer",
    "daily_backup",
    "describe_sqlite_error",
    "newest_backup",
]

log = logging.getLogger(__name__)

_BUSY_TIMEOUT_MS = 5000
DAILY_BACKUPS_KEPT = 7  # a week of daily copies beside the database


@dataclass(frozen=True, slots=True)
class _Header:
    application_id: int
    version: int
    table_count: int


def describe_sqlite_error(exc: sqlite3.Error) -> str:
    """The first line of SQLite's message, which is all staff need."""
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


_SQLITE_MAGIC = b"SQLite format 3\x00"


def _peek_header(path: Path, known_version: int) -> None:
    """Check the file's first 100 bytes before SQLite opens it, so a file we refuse gets no
    -wal/-shm companions. SQLite's own reading (_read_header) stays the authority, since a
    committed upgrade may still sit in the WAL."""
    try:
        with path.open("rb") as f:
            head = f.read(100)
    except OSError as exc:
        raise StoreError(f"cannot read {path}: {exc.strerror or exc}") from exc
    if not head:
        return  # an empty file is a new database
    if len(head) < 100 or not head.startswith(_SQLITE_MAGIC):
        raise _damaged(path, "not an SQLite file")
    version = int.from_bytes(head[60:64], "big", signed=True)
    app_id = int.from_bytes(head[68:72], "big", signed=True)
    _check_header(_Header(app_id, version, 0), path, known_version)


def _read_header(conn: sqlite3.Connection, path: Path) -> _Header:
    try:
        app_id = int(conn.execute("PRAGMA application_id").fetchone()[0])
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        tables = int(
            conn.execute(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE 'sqlite_%'"
            ).fetchone()[0]
        )
    except sqlite3.DatabaseError as exc:
        raise _damaged(path, describe_sqlite_error(exc)) from exc
    return _Header(app_id, version, tables)


def _check_header(header: _Header, path: Path, known_version: int) -> None:
    if header.application_id not in (0, APPLICATION_ID) or (
        header.application_id == 0 and header.table_count > 0
    ):
        raise StoreError(f"{path} is an SQLite file of another program, not a desk database")
    if header.version > known_version:
        raise StoreError(
            f"{path} was written by a newer Kitchen Desk (schema {header.version}, this app "
            f"knows up to {known_version}); update the app to open it"
        )


def newest_backup(path: Path) -> Path | None:
    """The most recent backup the desk made of ``path`` (daily or before an upgrade)."""
    found = [p for p in path.parent.glob(f"{path.name}.*.bak") if p.is_file()]
    return max(found, key=lambda p: p.stat().st_mtime) if found else None


def _damaged(path: Path, detail: str) -> StoreError:
    """One line: what is wrong, the file, what to do."""
    backup = newest_backup(path)
    remedy = (
        f"close the desk and copy the backup {backup} over it"
        if backup is not None
        else "no backup of it exists; move it away to start with an empty database"
    )
    return StoreError(f"{path} is not a readable desk database ({detail}); {remedy}")


def _quick_check(conn: sqlite3.Connection, path: Path) -> None:
    """A truncated or partly overwritten file can still have a readable first page: check
    the whole structure at open (milliseconds for a desk's database) rather than fail at
    the first query that reaches a missing page."""
    try:
        row = conn.execute("PRAGMA quick_check(1)").fetchone()
    except sqlite3.DatabaseError as exc:
        raise _damaged(path, describe_sqlite_error(exc)) from exc
    if row is None or row[0] != "ok":
        raise _damaged(path, str(row[0]) if row else "no answer to the integrity check")


def daily_backup(conn: sqlite3.Connection, path: Path, now: datetime) -> Path | None:
    """Keep one copy of the database per day (``NAME.daily-YYYYMMDD.bak``, the newest
    DAILY_BACKUPS_KEPT kept): made at the first open of the day; the engine may call it
    again on a long-running desk. A failed backup is logged, never fatal."""
    target = path.with_name(f"{path.name}.daily-{now.strftime('%Y%m%d')}.bak")
    if target.exists():
        return None
    partial = target.with_name(target.name + ".partial")
    try:
        dest = sqlite3.connect(str(partial))
        try:
            conn.backup(dest)
        finally:
            dest.close()
        partial.replace(target)  # a crash mid-copy never leaves a half backup named .bak
    except (sqlite3.Error, OSError) as exc:
        partial.unlink(missing_ok=True)
        log.warning("daily backup of %s failed: %s", path, exc)
        return None
    old = sorted(path.parent.glob(f"{path.name}.daily-*.bak"))[:-DAILY_BACKUPS_KEPT]
    for stale in old:
        stale.unlink(missing_ok=True)
    log.info("daily backup of the desk database: %s", target)
    return target


def backup_file_name(path: Path, version: int, now: datetime) -> Path:
    stamp = now.strftime("%Y%m%dT%H%M%S")
    return path.with_name(f"{path.name}.v{version}-{stamp}.bak")


def _backup(conn: sqlite3.Connection, path: Path, version: int, now: datetime) -> Path:
    """A consistent copy through SQLite's backup API (a plain file copy could miss the WAL)."""
    target = backup_file_name(path, version, now)
    counter = 1
    while target.exists():
        target = target.with_name(f"{target.stem}-{counter}.bak")
        counter += 1
    try:
        dest = sqlite3.connect(str(target))
        try:
            conn.backup(dest)
        finally:
            dest.close()
    except sqlite3.Error as exc:
        target.unlink(missing_ok=True)
        raise StoreError(
            f"could not back up {path} before upgrading it ({describe_sqlite_error(exc)})"
        ) from exc
    log.info("backed up the desk database (schema %d) to %s", version, target)
    return target


def _migrate(
    conn: sqlite3.Connection,
    header: _Header,
    migrations: Sequence[Migration],
    backup: Path | None,
) -> None:
    """All pending steps in one transaction: the file is either fully upgraded or untouched."""
    conn.execute("BEGIN IMMEDIATE")
    step_name = ""
    try:
        for version, migration in enumerate(migrations[header.version :], header.version + 1):
            step_name = migration.name
            log.info("migrating the desk database to schema %d: %s", version, step_name)
            migration.apply(conn)
            conn.execute(f"PRAGMA user_version = {version:d}")
        if header.application_id == 0:
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID:d}")
        conn.execute("COMMIT")
    except Exception as exc:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        detail = describe_sqlite_error(exc) if isinstance(exc, sqlite3.Error) else str(exc)
        where = f"; backup at {backup}" if backup else ""
        raise StoreError(
            f"upgrading the desk database failed at step {step_name!r} ({detail}); "
            f"left at schema {header.version}{where}"
        ) from exc


def connect_writer(
    path: Path, now: datetime, migrations: Sequence[Migration] = MIGRATIONS
) -> sqlite3.Connection:
    """Open (creating or upgrading) the database for the one writer."""
    if path.exists() and not path.is_file():
        raise StoreError(f"{path} is not a file")
    if path.exists():
        _peek_header(path, len(migrations))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # isolation_level=None: the store issues BEGIN/COMMIT itself (DeskStore.transaction).
        # check_same_thread=False: the store may be opened on one thread and handed to the
        # engine's; DeskStore serialises use with its own lock.
        conn = sqlite3.connect(
            str(path),
            isolation_level=None,
            check_same_thread=False,
            timeout=_BUSY_TIMEOUT_MS / 1000,
        )
    except (OSError, sqlite3.Error) as exc:
        raise StoreError(f"cannot open {path}: {exc}") from exc
    try:
        header = _read_header(conn, path)
        _check_header(header, path, len(migrations))
        if header.version:
            _quick_check(conn, path)
        pending = len(migrations) - header.version
        backup = _backup(conn, path, header.version, now) if pending and header.version else None
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            log.warning("SQLite kept journal mode %s for %s", mode, path)
        # FULL: the journals decide whether a ticket prints again or an action is re-sent,
        # so a commit must survive a power cut, not only a crash (WAL + NORMAL may not).
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
        if pending:
            _migrate(conn, header, migrations, backup)
        if header.version and backup is None:  # an existing database: keep today's copy
            daily_backup(conn, path, now)
    except StoreError:
        conn.close()
        raise
    except sqlite3.Error as exc:
        conn.close()
        raise StoreError(f"cannot open {path} ({describe_sqlite_error(exc)})") from exc
    return conn


def connect_reader(path: Path) -> sqlite3.Connection:
    """A read-only connection for the UI thread or the CLI; never creates or upgrades."""
    if not path.is_file():
        raise StoreError(f"no desk database at {path}")
    _peek_header(path, len(MIGRATIONS))
    try:
        conn = sqlite3.connect(
            f"{path.resolve().as_uri()}?mode=ro",
            uri=True,
            isolation_level=None,
            check_same_thread=False,
            timeout=_BUSY_TIMEOUT_MS / 1000,
        )
    except sqlite3.Error as exc:
        raise StoreError(f"cannot open {path} ({describe_sqlite_error(exc)})") from exc
    try:
        header = _read_header(conn, path)
        _check_header(header, path, len(MIGRATIONS))
        _quick_check(conn, path)
        if header.version < len(MIGRATIONS):
            raise StoreError(
                f"{path} is at schema {header.version} and needs upgrading: "
                "open the desk once to upgrade it"
            )
        conn.execute("PRAGMA query_only = ON")
    except StoreError:
        conn.close()
        raise
    except sqlite3.Error as exc:
        conn.close()
        raise StoreError(f"cannot open {path} ({describe_sqlite_error(exc)})") from exc
    return conn
