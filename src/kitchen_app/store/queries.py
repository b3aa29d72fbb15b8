"""Reads shared by the writer (DeskStore) and the UI's reader (DeskReader).

Each public read is one SELECT, so it sees one consistent snapshot even while the writer
commits beside it (WAL).
"""

from __future__ import annotations

import dataclasses
import functools
import json
import logging
import sqlite3
import threading
from collections.abc import Callable, Collection, Mapping, Sequence
from datetime import date, datetime, timedelta, tzinfo
from typing import Any

from kitchen_app.domain import (
    Logistics,
    Money,
    Order,
    OrderKey,
    Stage,
    StatusPair,
    TimelineEntry,
    order_from_dict,
)

from .connection import describe_sqlite_error
from .errors import StoreError
from .records import (
    ActionRecord,
    ActionState,
    LoadingOrder,
    OrderSummary,
    PrintJobKind,
    PrintJobRecord,
    PrintJobState,
    UnresolvedNotification,
)
from .times import day_bounds, from_db, to_db

__all__ = ["StoreQueries"]

log = logging.getLogger(__name__)

_SUMMARY_COLUMNS = (  # the order of OrderSummary, read by _summary()
    "key, channel, order_id, display_id, created_at, status, substatus, stage, is_final, "
    "logistics, customer_name, item_count, total_cents, currency, accept_deadline, accepted, "
    "pack_id, ship_by"
)
# Read from the covering index alone, already in order (no sort step): see schema.py.
ORDERS_OF_DAY_SQL = (
    f"SELECT {_SUMMARY_COLUMNS} FROM orders INDEXED BY orders_by_created_at "
    "WHERE created_at >= ? AND created_at < ? ORDER BY created_at, key"
)
_ACTION_COLUMNS = (
    "id, order_key, kind, params_json, state, attempts, error, requested_at, updated_at"
)
_PRINT_JOB_COLUMNS = (
    "id, order_key, kind, printer, copy, reprint, state, attempts, error, bytes_sent, "
    "created_at, updated_at"
)
_TIMELINE_COLUMNS = "status, substatus, occurred_at, learnt_at, source, track"
_UNRESOLVED_COLUMNS = "id, channel, received_at, reason, raw_json, dismissed"


# The day list builds thousands of summaries at the window's first paint: these caches turn
# repeated text (channels, statuses, menu prices) into shared immutable values.
_LOGISTICS = {x.value: x for x in Logistics}
_STAGES = {x.value: x for x in Stage}


@functools.lru_cache(maxsize=64)
def _channel(text: str) -> str:
    return text


def stored_key(text: str) -> OrderKey:
    """An order key read back from its TEXT column (the one place keys are parsed)."""
    try:
        return OrderKey.parse(text)
    except ValueError:
        raise StoreError(f"the desk database holds a malformed order key {text!r}") from None


def _key_builder() -> Callable[[str, str], OrderKey]:
    """``OrderKey`` from a row's channel and order id columns, set through its slots: the
    day list builds thousands, and these columns were checked when the order was stored."""
    new = object.__new__
    set_channel = getattr(OrderKey, "channel").__set__  # noqa: B009 (the slot's descriptor)
    set_order_id = getattr(OrderKey, "order_id").__set__  # noqa: B009

    def build(channel: str, order_id: str) -> OrderKey:
        key: OrderKey = new(OrderKey)
        set_channel(key, channel)
        set_order_id(key, order_id)
        return key

    return build


_row_key = _key_builder()


@functools.lru_cache(maxsize=256)
def _pair(status: str, substatus: str | None) -> StatusPair:
    return StatusPair(status, substatus)


@functools.lru_cache(maxsize=4096)
def _money(cents: int, currency: str) -> Money:
    return Money.from_cents(cents, currency)


def _summary_builder() -> Callable[[Sequence[Any]], OrderSummary]:
    """``OrderSummary`` from a row of _SUMMARY_COLUMNS. The day list builds thousands at the
    window's first paint, and a frozen dataclass's ``__init__`` sets each field through
    ``object.__setattr__``, which was half of a summary's cost: this sets the slots through
    their own descriptors (the same values, checked against ``__init__`` by the store tests),
    about 40 % faster."""

    def setter(name: str) -> Callable[[OrderSummary, Any], None]:
        setter_fn: Callable[[OrderSummary, Any], None] = getattr(OrderSummary, name).__set__
        return setter_fn

    new = object.__new__
    key, channel, order_id, display_id = map(setter, ("key", "channel", "order_id", "display_id"))
    created_at, status, stage, is_final = map(setter, ("created_at", "status", "stage", "is_final"))
    logistics, customer_name, item_count, total = map(
        setter, ("logistics", "customer_name", "item_count", "total")
    )
    accept_deadline, accepted, pack_id, ship_by = map(
        setter, ("accept_deadline", "accepted", "pack_id", "ship_by")
    )
    if len(dataclasses.fields(OrderSummary)) != 16:  # a new field must be set here too
        raise TypeError("OrderSummary's fields changed: update _summary_builder")

    def build(row: Sequence[Any]) -> OrderSummary:
        s: OrderSummary = new(OrderSummary)
        channel_id = _channel(row[1])
        key(s, _row_key(channel_id, row[2]))
        channel(s, channel_id)
        order_id(s, row[2])
        display_id(s, row[3])
        created_at(s, from_db(row[4]))
        status(s, _pair(row[5], row[6]))
        stage(s, _STAGES.get(row[7]) or Stage(row[7]))
        is_final(s, bool(row[8]))
        logistics(s, _LOGISTICS.get(row[9], row[9]))
        customer_name(s, row[10])
        item_count(s, row[11])
        total(s, _money(row[12], row[13]))
        accept_deadline(s, from_db(row[14]) if row[14] is not None else None)
        accepted(s, bool(row[15]))
        pack_id(s, row[16])
        ship_by(s, from_db(row[17]) if row[17] is not None else None)
        return s

    return build


_summary = _summary_builder()


def _action(row: Sequence[Any]) -> ActionRecord:
    return ActionRecord(
        id=row[0],
        order_key=stored_key(row[1]),
        kind=row[2],
        params=json.loads(row[3]),
        state=ActionState(row[4]),
        attempts=row[5],
        error=row[6],
        requested_at=from_db(row[7]),
        updated_at=from_db(row[8]),
    )


def _print_job(row: Sequence[Any]) -> PrintJobRecord:
    return PrintJobRecord(
        id=row[0],
        order_key=stored_key(row[1]) if row[1] is not None else None,
        kind=PrintJobKind(row[2]),
        printer=row[3],
        copy=row[4],
        reprint=bool(row[5]),
        state=PrintJobState(row[6]),
        attempts=row[7],
        error=row[8],
        bytes_sent=bool(row[9]),
        created_at=from_db(row[10]),
        updated_at=from_db(row[11]),
    )


def _timeline_entry(row: Sequence[Any]) -> TimelineEntry:
    # NULL is "no substatus"; '' was its stored form before schema 4 (read the same).
    return TimelineEntry(
        pair=StatusPair(row[0], row[1] or None),
        occurred_at=from_db(row[2]),
        learnt_at=from_db(row[3]),
        source=row[4],
        track=row[5],
    )


def _loading(row: Sequence[Any], windows: Mapping[str, timedelta]) -> LoadingOrder:
    key = stored_key(row[0])
    first_seen = from_db(row[1])
    window = windows.get(key.channel)
    return LoadingOrder(
        key=key,
        channel=key.channel,
        order_id=key.order_id,
        first_seen=first_seen,
        accept_deadline=first_seen + window if window is not None else None,
        attempts=row[2],
        last_error=row[3],
        parked=bool(row[4]),
    )


def _unresolved(row: Sequence[Any]) -> UnresolvedNotification:
    return UnresolvedNotification(
        id=row[0],
        channel=row[1],
        received_at=from_db(row[2]),
        reason=row[3],
        raw=row[4],
        dismissed=bool(row[5]),
    )


class StoreQueries:
    """Read methods over a connection guarded by a re-entrant lock."""

    # Old setting names -> their current ones (the plug-ins' legacy names, given when the
    # store is opened): a caller still using an old name reads and writes the current one.
    _setting_aliases: Mapping[str, str] = {}
    # Per channel, how long after its first notification an order whose details are still
    # unread may wait for acceptance (the plug-ins' ``unread_accept_window``, given when the
    # store is opened); a channel without one has no deadline for such orders.
    _unread_accept_windows: Mapping[str, timedelta] = {}

    def __init__(self, conn: sqlite3.Connection, lock: threading.RLock) -> None:
        self._conn = conn
        self._lock = lock

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        with self._lock:
            try:
                return self._conn.execute(sql, params).fetchall()
            except sqlite3.Error as exc:
                raise StoreError(
                    f"reading the desk database failed ({describe_sqlite_error(exc)})"
                ) from exc

    def orders_of_day(self, day: date, tz: tzinfo) -> list[OrderSummary]:
        """Orders created on ``day`` in zone ``tz``, oldest first."""
        start, end = day_bounds(day, tz)
        rows = self._rows(ORDERS_OF_DAY_SQL, (start, end))
        return [_summary(row) for row in rows]

    def order_summary(self, key: OrderKey) -> OrderSummary | None:
        rows = self._rows(f"SELECT {_SUMMARY_COLUMNS} FROM orders WHERE key = ?", (str(key),))
        return _summary(rows[0]) if rows else None

    def get_order(self, key: OrderKey) -> Order | None:
        """The mapped order (with the merged current status) and its raw marketplace JSON."""
        rows = self._rows("SELECT order_json, raw_json FROM orders WHERE key = ?", (str(key),))
        if not rows:
            return None
        try:
            return order_from_dict(json.loads(rows[0][0]), raw=json.loads(rows[0][1]))
        except (ValueError, KeyError, TypeError) as exc:
            raise StoreError(f"the stored order {key} cannot be read: {exc}") from exc

    def orders_of_pack(self, pack_id: str) -> list[Order]:
        """Every stored order of one cart (``pack_id``), oldest first: they print as one."""
        rows = self._rows(
            "SELECT key, order_json, raw_json FROM orders INDEXED BY orders_by_pack "
            "WHERE pack_id = ? ORDER BY created_at, key",
            (pack_id,),
        )
        out = []
        for key, order_json, raw_json in rows:
            try:
                out.append(order_from_dict(json.loads(order_json), raw=json.loads(raw_json)))
            except (ValueError, KeyError, TypeError) as exc:
                raise StoreError(f"the stored order {key} cannot be read: {exc}") from exc
        return out

    def timeline(self, key: OrderKey) -> list[TimelineEntry]:
        """Every pair the order passed through, in the order the desk recorded them (what
        domain.merge() expects). Not re-sorted by occurred_at: those times come from different
        clocks (the marketplace's when it said, else the desk's), so a late step shows last."""
        rows = self._rows(
            f"SELECT {_TIMELINE_COLUMNS} FROM status_events WHERE order_key = ? ORDER BY seq",
            (str(key),),
        )
        return [_timeline_entry(row) for row in rows]

    def actions(self, key: OrderKey) -> list[ActionRecord]:
        rows = self._rows(
            f"SELECT {_ACTION_COLUMNS} FROM actions WHERE order_key = ? ORDER BY id", (str(key),)
        )
        return [_action(row) for row in rows]

    def unfinished_actions(self) -> list[ActionRecord]:
        """Requested or sent: what the engine resumes after a restart."""
        rows = self._rows(
            f"SELECT {_ACTION_COLUMNS} FROM actions INDEXED BY actions_unfinished "
            "WHERE state IN ('requested', 'sent') ORDER BY id"
        )
        return [_action(row) for row in rows]

    def action(self, action_id: int) -> ActionRecord | None:
        rows = self._rows(f"SELECT {_ACTION_COLUMNS} FROM actions WHERE id = ?", (action_id,))
        return _action(rows[0]) if rows else None

    def print_jobs(self, key: OrderKey) -> list[PrintJobRecord]:
        rows = self._rows(
            f"SELECT {_PRINT_JOB_COLUMNS} FROM print_jobs WHERE order_key = ? ORDER BY id",
            (str(key),),
        )
        return [_print_job(row) for row in rows]

    def print_job(self, job_id: int) -> PrintJobRecord | None:
        rows = self._rows(f"SELECT {_PRINT_JOB_COLUMNS} FROM print_jobs WHERE id = ?", (job_id,))
        return _print_job(rows[0]) if rows else None

    def print_jobs_in_states(self, states: Collection[PrintJobState]) -> list[PrintJobRecord]:
        wanted = [PrintJobState(s).value for s in states]
        if not wanted:
            return []
        marks = ", ".join("?" for _ in wanted)
        rows = self._rows(
            f"SELECT {_PRINT_JOB_COLUMNS} FROM print_jobs WHERE state IN ({marks}) ORDER BY id",
            wanted,
        )
        return [_print_job(row) for row in rows]

    def loading_orders(self) -> list[LoadingOrder]:
        """Announced orders whose details could not be read yet, oldest first ("details
        loading"; ``parked`` ones are left to reconciliation)."""
        rows = self._rows(
            "SELECT key, first_seen_at, attempts, error, parked FROM unfetched_orders "
            "WHERE key NOT IN (SELECT key FROM orders) ORDER BY first_seen_at, key"
        )
        return [_loading(row, self._unread_accept_windows) for row in rows]

    def unresolved_notifications(
        self, include_dismissed: bool = False
    ) -> list[UnresolvedNotification]:
        """Notifications whose order could not be identified, oldest first."""
        where = "" if include_dismissed else " WHERE dismissed = 0"
        rows = self._rows(
            f"SELECT {_UNRESOLVED_COLUMNS} FROM unresolved_notifications{where} ORDER BY id"
        )
        return [_unresolved(row) for row in rows]

    def first_notification(self, key: OrderKey) -> datetime | None:
        """When the desk first heard of this order from the relay, if it did."""
        rows = self._rows(
            "SELECT first_notified_at FROM order_notifications WHERE key = ?", (str(key),)
        )
        return from_db(rows[0][0]) if rows else None

    def missed_orders(
        self,
        since: datetime,
        stored_after: datetime,
        now: datetime,
        *,
        notified_before: datetime | None = None,
    ) -> list[OrderKey]:
        """Keys of orders whose first notification came between ``since`` and
        ``notified_before`` (an outage), that the desk first stored after ``stored_after``
        (it learnt of them late) and that expired unaccepted by ``now``: cancelled for time,
        or still new past their deadline. Loading orders first seen in that span whose
        deadline passed count too."""
        before = notified_before if notified_before is not None else now
        rows = self._rows(
            "SELECT o.key FROM orders o JOIN order_notifications n ON n.key = o.key "
            "WHERE n.first_notified_at >= ? AND n.first_notified_at <= ? "
            "AND o.first_seen_at >= ? AND ("
            "(o.status = 'cancelled' AND o.substatus = 'time_expired') OR "
            "(o.stage = ? AND o.accepted = 0 AND o.accept_deadline < ?)) "
            "ORDER BY o.created_at, o.key",
            (to_db(since), to_db(before), to_db(stored_after), Stage.NEW.value, to_db(now)),
        )
        keys = [stored_key(row[0]) for row in rows]
        keys += [
            loading.key
            for loading in self.loading_orders()
            if since <= loading.first_seen <= before
            and loading.accept_deadline is not None
            and loading.accept_deadline < now
        ]
        return keys

    def store_ids(self, channel: str, since: datetime) -> list[str]:
        """The marketplace store ids of a channel's orders created since ``since``."""
        rows = self._rows(
            "SELECT DISTINCT store_id FROM orders WHERE channel = ? AND created_at >= ? "
            "AND store_id IS NOT NULL ORDER BY store_id",
            (channel, to_db(since)),
        )
        return [row[0] for row in rows]

    def unprinted_job_count(self) -> int:
        """Print jobs failed or uncertain: waiting for the operator."""
        rows = self._rows(
            "SELECT count(*) FROM print_jobs WHERE state IN (?, ?)",
            (PrintJobState.FAILED.value, PrintJobState.UNCERTAIN.value),
        )
        return int(rows[0][0])

    def get_setting(self, key: str, default: Any = None) -> Any:
        key = self._setting_aliases.get(key, key)
        rows = self._rows("SELECT value_json FROM settings WHERE key = ?", (key,))
        return json.loads(rows[0][0]) if rows else default
