"""The desk database's schema as named migration steps.

The schema version is SQLite's ``user_version``: the number of steps applied. Step N takes a
database at version N-1 to version N. A step is pure in the sense that it reads and writes only
the connection it is given (no clock, no files, no settings), so a test can run it on any
database. A future data transform is written as a pure function of rows, called by its step.

``application_id`` marks the file as the desk's, so a foreign SQLite file is refused rather
than having our tables added to it.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass

__all__ = ["APPLICATION_ID", "MIGRATIONS", "RENAMED_SETTINGS", "SCHEMA_VERSION", "Migration"]

log = logging.getLogger(__name__)

# "KDSK" as a big-endian integer: PRAGMA application_id of every desk database.
APPLICATION_ID = 0x4B44534B


@dataclass(frozen=True, slots=True)
class Migration:
    name: str
    apply: Callable[[sqlite3.Connection], None]


def _execute_all(conn: sqlite3.Connection, statements: Sequence[str]) -> None:
    # One statement at a time: executescript() would COMMIT the migration's transaction.
    for statement in statements:
        conn.execute(statement)


_V1_CORE_TABLES = [
    # key is "{channel}:{order_id}". Status columns hold the merged current state, never a
    # late fetch's. Money is integer cents. Moments are UTC text (times.py); local_day is the
    # calendar day in the desk's zone when the order was first stored.
    """
    CREATE TABLE orders (
        key             TEXT PRIMARY KEY,
        channel         TEXT NOT NULL,
        order_id        TEXT NOT NULL,
        display_id      TEXT NOT NULL,
        created_at      TEXT NOT NULL,
        local_day       TEXT NOT NULL,
        status          TEXT NOT NULL,
        substatus       TEXT,
        stage           TEXT NOT NULL,
        is_final        INTEGER NOT NULL CHECK (is_final IN (0, 1)),
        logistics       TEXT NOT NULL,
        store_id        TEXT,
        customer_name   TEXT,
        item_count      INTEGER NOT NULL,
        total_cents     INTEGER NOT NULL,
        currency        TEXT NOT NULL,
        accept_deadline TEXT NOT NULL,
        accepted        INTEGER NOT NULL DEFAULT 0 CHECK (accepted IN (0, 1)),
        order_json      TEXT NOT NULL,
        raw_json        TEXT NOT NULL,
        first_seen_at   TEXT NOT NULL,
        updated_at      TEXT NOT NULL,
        UNIQUE (channel, order_id)
    ) STRICT
    """,
    # The window's first paint reads one local day's orders as a range of this index between
    # the UTC bounds of that day in the asked zone: exact in any zone and on DST days, where
    # an index on the stored local_day would be right only for the zone it was computed in.
    # It covers every column of the list's rows, so the read never touches the wide order
    # rows (their JSON makes each one span most of a page).
    """
    CREATE INDEX orders_by_created_at ON orders (
        created_at, key, channel, order_id, display_id, status, substatus, stage, is_final,
        logistics, customer_name, item_count, total_cents, currency, accept_deadline, accepted
    )
    """,
    # Reconciliation re-reads every order that is not final: a small partial index.
    "CREATE INDEX orders_open ON orders (key) WHERE is_final = 0",
    # The timeline, append-only. substatus is '' for "none" so that the UNIQUE constraint holds
    # (SQLite treats NULLs as distinct in UNIQUE).
    """
    CREATE TABLE status_events (
        id          INTEGER PRIMARY KEY,
        order_key   TEXT NOT NULL REFERENCES orders (key),
        status      TEXT NOT NULL,
        substatus   TEXT NOT NULL DEFAULT '',
        occurred_at TEXT NOT NULL,
        learnt_at   TEXT NOT NULL,
        source      TEXT NOT NULL,
        UNIQUE (order_key, status, substatus)
    ) STRICT
    """,
    # Every staff action, journaled before it is sent (DESIGN §6.4).
    """
    CREATE TABLE actions (
        id           INTEGER PRIMARY KEY,
        order_key    TEXT NOT NULL REFERENCES orders (key),
        kind         TEXT NOT NULL,
        params_json  TEXT NOT NULL,
        state        TEXT NOT NULL
                     CHECK (state IN ('requested', 'sent', 'confirmed', 'failed')),
        attempts     INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        error        TEXT,
        requested_at TEXT NOT NULL,
        updated_at   TEXT NOT NULL
    ) STRICT
    """,
    "CREATE INDEX actions_by_order ON actions (order_key, id)",
    "CREATE INDEX actions_unfinished ON actions (id) WHERE state IN ('requested', 'sent')",
    # Every print, journaled (DESIGN §6.5). Only a calibration page has no order.
    """
    CREATE TABLE print_jobs (
        id          INTEGER PRIMARY KEY,
        order_key   TEXT REFERENCES orders (key),
        kind        TEXT NOT NULL
                    CHECK (kind IN ('kitchen', 'receipt', 'label_pdf', 'calibration')),
        printer     TEXT NOT NULL,
        copy        INTEGER NOT NULL CHECK (copy >= 1),
        reprint     INTEGER NOT NULL CHECK (reprint IN (0, 1)),
        state       TEXT NOT NULL CHECK (state IN
                    ('queued', 'printing', 'printed', 'failed', 'uncertain', 'cancelled')),
        attempts    INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        error       TEXT,
        bytes_sent  INTEGER NOT NULL DEFAULT 0 CHECK (bytes_sent IN (0, 1)),
        created_at  TEXT NOT NULL,
        updated_at  TEXT NOT NULL,
        CHECK ((order_key IS NULL) = (kind = 'calibration'))
    ) STRICT
    """,
    "CREATE INDEX print_jobs_by_order ON print_jobs (order_key, id)",
    "CREATE INDEX print_jobs_by_state ON print_jobs (state, id)",
    """
    CREATE TABLE settings (
        key        TEXT PRIMARY KEY,
        value_json TEXT NOT NULL
    ) STRICT
    """,
    # Where each feed (the relay's event stream) was read up to; written in the same
    # transaction as the events' effects (DESIGN §6.2).
    """
    CREATE TABLE feed_cursors (
        feed       TEXT PRIMARY KEY,
        cursor     INTEGER NOT NULL,
        updated_at TEXT NOT NULL
    ) STRICT
    """,
]


def create_core_tables(conn: sqlite3.Connection) -> None:
    """Version 1: orders, their timeline, the action and print journals, settings, cursors."""
    _execute_all(conn, _V1_CORE_TABLES)


_V2_UNFETCHED = [
    # Orders an event named that the desk could not read yet (the marketplace kept failing,
    # or said it did not know them). The feed parks them here, in the transaction that moves
    # its cursor past their events, so reconciliation keeps trying and no order is dropped.
    """
    CREATE TABLE unfetched_orders (
        key          TEXT PRIMARY KEY,
        first_seen_at TEXT NOT NULL,
        attempts     INTEGER NOT NULL DEFAULT 0,
        error        TEXT
    ) STRICT
    """,
]


def add_unfetched_orders(conn: sqlite3.Connection) -> None:
    """Version 2: the orders the feed could not read yet."""
    _execute_all(conn, _V2_UNFETCHED)


# Settings renamed when marketplace settings got their channel's namespace (DESIGN §5).
# Frozen here as they were at version 3: a migration must mean the same thing forever.
RENAMED_SETTINGS: dict[str, str] = {
    "mp_base_url": "mp_delivery.base_url",
    "mp_access_token": "mp_delivery.access_token",
    "mp_user_id": "mp_delivery.user_id",
}

_V3_NEVER_MISS = [
    # "Details loading": an order stays here from the first event that names it until its
    # details are stored. parked = 1 once the fast retries gave up (reconciliation keeps
    # trying); rows from version 2 were parked by definition.
    "ALTER TABLE unfetched_orders ADD COLUMN parked INTEGER NOT NULL DEFAULT 0 "
    "CHECK (parked IN (0, 1))",
    "ALTER TABLE unfetched_orders ADD COLUMN last_attempt_at TEXT",
    "UPDATE unfetched_orders SET parked = 1",
    # When the desk first heard of each order (the relay's received_at of the first event
    # naming it): the accept deadline is at most five minutes after it (api notes §2).
    """
    CREATE TABLE order_notifications (
        key               TEXT PRIMARY KEY,
        first_notified_at TEXT NOT NULL
    ) STRICT
    """,
    # Notifications whose order could not be identified: kept with their raw body and listed
    # until the operator dismisses them. source_key (feed + event id) makes a second handling
    # of the same event a no-op.
    """
    CREATE TABLE unresolved_notifications (
        id          INTEGER PRIMARY KEY,
        source_key  TEXT NOT NULL UNIQUE,
        channel     TEXT NOT NULL,
        received_at TEXT NOT NULL,
        reason      TEXT NOT NULL,
        raw_json    TEXT NOT NULL,
        dismissed   INTEGER NOT NULL DEFAULT 0 CHECK (dismissed IN (0, 1))
    ) STRICT
    """,
    "CREATE INDEX unresolved_open ON unresolved_notifications (id) WHERE dismissed = 0",
]


def add_never_miss_tables(conn: sqlite3.Connection) -> None:
    """Version 3: loading/parked orders, first notification times, unresolved notifications,
    and the flat Mercado Pago settings renamed to their namespace (kept when both exist: the
    namespaced one was written later)."""
    _execute_all(conn, _V3_NEVER_MISS)
    for old, new in RENAMED_SETTINGS.items():
        conn.execute(
            "INSERT OR IGNORE INTO settings (key, value_json) "
            "SELECT ?, value_json FROM settings WHERE key = ?",
            (new, old),
        )
        conn.execute("DELETE FROM settings WHERE key = ?", (old,))


MIGRATIONS: tuple[Migration, ...] = (
    Migration("create_core_tables", create_core_tables),
    Migration("add_unfetched_orders", add_unfetched_orders),
    Migration("add_never_miss_tables", add_never_miss_tables),
)
SCHEMA_VERSION = len(MIGRATIONS)
