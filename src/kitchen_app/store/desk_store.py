"""DeskStore: the desk's one writer (DESIGN §4), living on the engine thread."""

from __future__ import annotations

import dataclasses
import json
import logging
import sqlite3
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import datetime, tzinfo
from pathlib import Path
from typing import Any

from kitchen_app.domain import Flow, Order, TimelineEntry, merge, order_to_dict

from .connection import connect_writer, describe_sqlite_error
from .errors import StoreError
from .queries import StoreQueries
from .records import (
    FINAL_ACTION_STATES,
    FINAL_PRINT_JOB_STATES,
    ActionState,
    OrderChange,
    PrintJobKind,
    PrintJobState,
)
from .schema import MIGRATIONS, Migration
from .times import local_day, local_timezone, to_db, utc_now

__all__ = ["FETCH_SOURCE", "DeskStore"]

log = logging.getLogger(__name__)

# The source recorded for an order's own status when no observation carried it.
FETCH_SOURCE = "fetch"

# Order columns apply_order compares before writing, so an unchanged fetch writes nothing.
_DETAIL_COLUMNS = (
    "channel",
    "order_id",
    "display_id",
    "created_at",
    "local_day",
    "status",
    "substatus",
    "stage",
    "is_final",
    "logistics",
    "store_id",
    "customer_name",
    "item_count",
    "total_cents",
    "currency",
    "accept_deadline",
    "order_json",
    "raw_json",
)


def _json(value: Any, what: str) -> str:
    try:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    except (TypeError, ValueError) as exc:
        raise StoreError(f"{what} cannot be stored as JSON: {exc}") from exc


class DeskStore(StoreQueries):
    """The desk's SQLite file, written by one owner.

    Every method may be called inside ``transaction()``; outside one, each write is its own
    transaction. A re-entrant lock serialises use, so the store may be opened on one thread and
    handed to another, but it is meant to be used from the engine thread only.
    """

    def __init__(
        self,
        conn: sqlite3.Connection,
        path: Path,
        tz: tzinfo,
        clock: Callable[[], datetime],
    ) -> None:
        super().__init__(conn, threading.RLock())
        self._path = path
        self._tz = tz
        self._clock = clock
        self._depth = 0

    @classmethod
    def open(
        cls,
        path: Path,
        *,
        tz: tzinfo | None = None,
        clock: Callable[[], datetime] = utc_now,
        migrations: Sequence[Migration] = MIGRATIONS,
    ) -> DeskStore:
        """Create or upgrade the database at ``path``.

        ``tz`` is the desk's zone for the stored local_day (default: the machine's); ``clock``
        gives the aware "now" for journal times; ``migrations`` is for tests of upgrades.
        """
        conn = connect_writer(path, clock(), migrations)
        log.info("desk database open at %s", path)
        return cls(conn, path, tz if tz is not None else local_timezone(), clock)

    @property
    def path(self) -> Path:
        return self._path

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    # -- transactions -------------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All writes inside commit together at the outermost exit, or not at all.

        An exception rolls back to where this block began and propagates; a nested block
        that raises undoes only its own writes if the outer block catches the exception.
        """
        with self._lock:
            depth = self._depth
            savepoint = f"desk_{depth}"
            self._exec("BEGIN IMMEDIATE" if depth == 0 else f"SAVEPOINT {savepoint}")
            self._depth += 1
            try:
                yield
            except BaseException:
                self._depth = depth
                self._undo(depth, savepoint)
                raise
            self._depth = depth
            if depth:
                self._exec(f"RELEASE SAVEPOINT {savepoint}")
            else:
                try:
                    self._exec("COMMIT")
                except StoreError:
                    self._undo(0, savepoint)
                    raise

    def _undo(self, depth: int, savepoint: str) -> None:
        if not self._conn.in_transaction:
            return  # SQLite already rolled back (e.g. disk full)
        try:
            if depth:
                self._conn.execute(f"ROLLBACK TO SAVEPOINT {savepoint}")
                self._conn.execute(f"RELEASE SAVEPOINT {savepoint}")
            else:
                self._conn.execute("ROLLBACK")
        except sqlite3.Error:
            log.exception("rolling back the desk database failed")

    def _exec(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Cursor:
        try:
            return self._conn.execute(sql, params)
        except sqlite3.Error as exc:
            raise StoreError(
                f"writing the desk database failed ({describe_sqlite_error(exc)})"
            ) from exc

    # -- orders and their timeline ------------------------------------------------------

    def apply_order(self, order: Order, observations: Sequence[TimelineEntry]) -> OrderChange:
        """Store a fetched order and what was observed of its status, in one transaction.

        The observations are merged into the stored timeline (append-only, one entry per
        pair). The fetched order's own pair counts as an observation too: when neither the
        timeline nor ``observations`` hold it, it is recorded with source "fetch" at the
        store's clock. The row takes the merged current state, so a late fetch never moves it
        back, and the fetch's details (items, customer, raw JSON…) replace the stored ones.
        """
        flow = self._flow(order)
        now = self._clock()
        key = order.key
        with self.transaction():
            stored = self._rows(
                f"SELECT {', '.join(_DETAIL_COLUMNS)} FROM orders WHERE key = ?", (key,)
            )
            result = merge(
                flow,
                self.timeline(key),
                [*observations, TimelineEntry(order.status, now, now, FETCH_SOURCE)],
            )
            current = result.current if result.current is not None else order.status
            row = self._order_row(dataclasses.replace(order, status=current), flow)
            if not stored:
                columns = (*_DETAIL_COLUMNS, "key", "first_seen_at", "updated_at")
                self._exec(
                    f"INSERT INTO orders ({', '.join(columns)}) "
                    f"VALUES ({', '.join('?' for _ in columns)})",
                    (*row, key, to_db(now), to_db(now)),
                )
            elif tuple(stored[0]) != row:
                assignments = ", ".join(f"{c} = ?" for c in (*_DETAIL_COLUMNS, "updated_at"))
                self._exec(
                    f"UPDATE orders SET {assignments} WHERE key = ?", (*row, to_db(now), key)
                )
            for entry in result.added:
                self._exec(
                    "INSERT INTO status_events "
                    "(order_key, status, substatus, occurred_at, learnt_at, source) "
                    "VALUES (?, ?, ?, ?, ?, ?)",
                    (
                        key,
                        entry.pair.status,
                        entry.pair.substatus or "",
                        to_db(entry.occurred_at),
                        to_db(entry.learnt_at),
                        entry.source,
                    ),
                )
        change = OrderChange(
            key=key,
            is_new=not stored,
            advanced=result.advanced,
            current=current,
            added=result.added,
            updated=not stored or tuple(stored[0]) != row,
        )
        log.debug(
            "order %s: new=%s advanced=%s now %s (+%d events)",
            key,
            change.is_new,
            change.advanced,
            current,
            len(change.added),
        )
        return change

    @staticmethod
    def _flow(order: Order) -> Flow:
        try:
            return order.flow
        except KeyError:
            raise StoreError(
                f"no status flow for {order.channel.value} orders with "
                f"{order.logistics.value} logistics ({order.key})"
            ) from None

    def _order_row(self, order: Order, flow: Flow) -> tuple[Any, ...]:
        """The values of _DETAIL_COLUMNS for an order already carrying its merged status."""
        total = order.totals.total
        return (
            order.channel.value,
            order.order_id,
            order.display_id,
            to_db(order.created_at),
            local_day(order.created_at, self._tz),
            order.status.status,
            order.status.substatus,
            flow.stage(order.status).value,
            int(flow.is_final(order.status)),
            order.logistics.value,
            order.store_id,
            order.customer.name if order.customer else None,
            order.item_count,
            total.cents,
            total.currency,
            to_db(order.accept_deadline),
            _json(order_to_dict(order), f"order {order.key}"),
            _json(order.raw, f"the raw JSON of order {order.key}"),
        )

    def open_order_keys(self) -> list[str]:
        """Orders not yet in a final state, oldest first: what reconciliation re-reads."""
        rows = self._rows("SELECT key FROM orders WHERE is_final = 0 ORDER BY created_at, key")
        return [row[0] for row in rows]

    def set_accepted(self, key: str) -> None:
        """Record that the marketplace confirmed our accept (the substatus cannot tell)."""
        with self.transaction():
            cursor = self._exec(
                "UPDATE orders SET accepted = 1, updated_at = ? WHERE key = ? AND accepted = 0",
                (to_db(self._clock()), key),
            )
            if cursor.rowcount == 0:
                self._require_order(key)

    def _require_order(self, key: str) -> None:
        if not self._rows("SELECT 1 FROM orders WHERE key = ?", (key,)):
            raise StoreError(f"unknown order {key}")

    # -- feed cursors -------------------------------------------------------------------

    def get_cursor(self, feed: str) -> int | None:
        rows = self._rows("SELECT cursor FROM feed_cursors WHERE feed = ?", (feed,))
        return int(rows[0][0]) if rows else None

    def set_cursor(self, feed: str, cursor: int) -> None:
        """Call it inside the transaction that stored the events' effects (DESIGN §6.2)."""
        if isinstance(cursor, bool) or not isinstance(cursor, int):
            raise StoreError(f"a feed cursor must be an integer, not {cursor!r}")
        with self.transaction():
            self._exec(
                "INSERT INTO feed_cursors (feed, cursor, updated_at) VALUES (?, ?, ?) "
                "ON CONFLICT (feed) DO UPDATE SET cursor = excluded.cursor, "
                "updated_at = excluded.updated_at",
                (feed, cursor, to_db(self._clock())),
            )

    # -- the action journal -------------------------------------------------------------

    def add_action(self, key: str, kind: str, params: Mapping[str, Any]) -> int:
        """Journal a staff action as requested, before anything is sent."""
        params_json = _json(dict(params), f"the parameters of {kind}")
        now = to_db(self._clock())
        with self.transaction():
            self._require_order(key)
            cursor = self._exec(
                "INSERT INTO actions (order_key, kind, params_json, state, attempts, error, "
                "requested_at, updated_at) VALUES (?, ?, ?, ?, 0, NULL, ?, ?)",
                (key, kind, params_json, ActionState.REQUESTED.value, now, now),
            )
        return int(cursor.lastrowid or 0)

    def set_action_state(
        self,
        action_id: int,
        state: ActionState,
        *,
        error: str | None = None,
        attempts: int | None = None,
    ) -> None:
        """Move an action along its journal. ``error`` replaces the stored one (None clears
        it); ``attempts`` replaces the count when given. A confirmed action never changes
        state again, so no retry can double it."""
        new_state = ActionState(state)
        _check_attempts(attempts)
        with self.transaction():
            rows = self._rows("SELECT state FROM actions WHERE id = ?", (action_id,))
            if not rows:
                raise StoreError(f"unknown action {action_id}")
            old_state = ActionState(rows[0][0])
            if old_state in FINAL_ACTION_STATES and new_state != old_state:
                raise StoreError(
                    f"action {action_id} is already {old_state}; it cannot become {new_state}"
                )
            self._exec(
                "UPDATE actions SET state = ?, error = ?, attempts = COALESCE(?, attempts), "
                "updated_at = ? WHERE id = ?",
                (new_state.value, error, attempts, to_db(self._clock()), action_id),
            )

    # -- the print journal --------------------------------------------------------------

    def add_print_job(
        self, key: str | None, kind: str, printer: str, copy: int, *, reprint: bool
    ) -> int:
        """Journal a print as queued. ``key`` is None (or "") only for a calibration page."""
        try:
            job_kind = PrintJobKind(kind)
        except ValueError:
            raise StoreError(f"unknown print job kind {kind!r}") from None
        if isinstance(copy, bool) or not isinstance(copy, int) or copy < 1:
            raise StoreError(f"a copy number starts at 1, not {copy!r}")
        order_key = key or None
        if job_kind is PrintJobKind.CALIBRATION and order_key is not None:
            raise StoreError("a calibration page belongs to no order")
        if job_kind is not PrintJobKind.CALIBRATION and order_key is None:
            raise StoreError(f"a {job_kind} ticket needs an order")
        now = to_db(self._clock())
        with self.transaction():
            if order_key is not None:
                self._require_order(order_key)
            cursor = self._exec(
                "INSERT INTO print_jobs (order_key, kind, printer, copy, reprint, state, "
                "attempts, error, bytes_sent, created_at, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?, 0, NULL, 0, ?, ?)",
                (
                    order_key,
                    job_kind.value,
                    printer,
                    copy,
                    int(reprint),
                    PrintJobState.QUEUED.value,
                    now,
                    now,
                ),
            )
        return int(cursor.lastrowid or 0)

    def set_print_job_state(
        self,
        job_id: int,
        state: PrintJobState,
        *,
        error: str | None = None,
        bytes_sent: bool | None = None,
        attempts: int | None = None,
        printer: str | None = None,
    ) -> None:
        """Move a print job along. ``error`` replaces the stored one (None clears it); the
        other keywords change their column only when given. Printed and cancelled jobs are
        final: printing again is a new, explicit reprint job."""
        new_state = PrintJobState(state)
        _check_attempts(attempts)
        with self.transaction():
            rows = self._rows("SELECT state FROM print_jobs WHERE id = ?", (job_id,))
            if not rows:
                raise StoreError(f"unknown print job {job_id}")
            old_state = PrintJobState(rows[0][0])
            if old_state in FINAL_PRINT_JOB_STATES and new_state != old_state:
                raise StoreError(
                    f"print job {job_id} is already {old_state}; it cannot become {new_state}"
                )
            self._exec(
                "UPDATE print_jobs SET state = ?, error = ?, "
                "bytes_sent = COALESCE(?, bytes_sent), attempts = COALESCE(?, attempts), "
                "printer = COALESCE(?, printer), updated_at = ? WHERE id = ?",
                (
                    new_state.value,
                    error,
                    None if bytes_sent is None else int(bytes_sent),
                    attempts,
                    printer,
                    to_db(self._clock()),
                    job_id,
                ),
            )

    # -- settings -----------------------------------------------------------------------

    def set_setting(self, key: str, value: Any) -> None:
        """Any JSON value. Values are never logged: some settings are tokens."""
        value_json = _json(value, f"setting {key!r}")
        with self.transaction():
            self._exec(
                "INSERT INTO settings (key, value_json) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value_json = excluded.value_json",
                (key, value_json),
            )


def _check_attempts(attempts: int | None) -> None:
    if attempts is not None and (
        isinstance(attempts, bool) or not isinstance(attempts, int) or attempts < 0
    ):
        raise StoreError(f"attempts must be a whole number from 0, not {attempts!r}")
