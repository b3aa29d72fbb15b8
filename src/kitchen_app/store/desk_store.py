"""DeskStore: the desk's one writer (DESIGN §4), living on the engine thread."""

from __future__ import annotations

import dataclasses
import logging
import sqlite3
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime, timedelta, tzinfo
from pathlib import Path
from typing import Any

from kitchen_app.domain import (
    ACCEPT_WINDOW,
    Flow,
    Order,
    OrderKey,
    Stage,
    TimelineEntry,
    TrackState,
    merge,
    order_to_dict,
    tracks,
)
from kitchen_app.domain.timeline import AnyFlow, is_final_state, stage_of_state, track_states

from .connection import connect_writer
from .errors import StoreError
from .journals import JournalWriter
from .queries import stored_key
from .records import OrderChange
from .schema import MIGRATIONS, Migration
from .times import from_db, local_day, local_timezone, to_db, utc_now
from .writer import to_json

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
    "pack_id",
    "ship_by",
    "order_json",
    "raw_json",
)


class DeskStore(JournalWriter):
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
        super().__init__(conn, clock)
        self._path = path
        self._tz = tz

    @classmethod
    def open(
        cls,
        path: Path,
        *,
        tz: tzinfo | None = None,
        clock: Callable[[], datetime] = utc_now,
        migrations: Sequence[Migration] = MIGRATIONS,
        renamed_settings: Mapping[str, str] | None = None,
        unread_accept_windows: Mapping[str, timedelta] | None = None,
    ) -> DeskStore:
        """Create or upgrade the database at ``path``.

        ``tz`` is the desk's zone for the stored local_day (default: the machine's); ``clock``
        gives the aware "now" for journal times; ``migrations`` is for tests of upgrades;
        ``renamed_settings`` (old name -> new) are carried over at once (``rename_settings``);
        ``unread_accept_windows`` give loading orders their deadline, per channel.
        """
        conn = connect_writer(path, clock(), migrations)
        log.info("desk database open at %s", path)
        store = cls(conn, path, tz if tz is not None else local_timezone(), clock)
        store._unread_accept_windows = dict(unread_accept_windows or {})
        if renamed_settings:
            try:
                store.rename_settings(renamed_settings)
            except BaseException:
                store.close()
                raise
        return store

    @property
    def path(self) -> Path:
        return self._path

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    # -- orders and their timeline ------------------------------------------------------

    def apply_order(
        self,
        order: Order,
        observations: Sequence[TimelineEntry],
        *,
        accept_deadline: datetime | None = None,
        flow: AnyFlow | None = None,
    ) -> OrderChange:
        """Store a fetched order and what was observed of its status, in one transaction.

        The observations are merged into the stored timeline (append-only, one entry per
        pair). The fetched order's own pair counts as an observation too: when neither the
        timeline nor ``observations`` hold it, it is recorded with source "fetch" at the
        store's clock. The row takes the merged current state, so a late fetch never moves it
        back, and the fetch's details (items, customer, raw JSON…) replace the stored ones.
        ``accept_deadline`` replaces the order's own (createdAt + window) when the engine
        knows better (the notification came first: see engine/deadline.py). ``flow`` is the
        plug-in's (the engine passes it; the store never asks a marketplace); without it,
        the order's channel must have one of domain/flows.py's.
        """
        flow = flow if flow is not None else self._flow(order)
        now = self._clock()
        key = order.key
        text = str(key)  # the rows' form of the key
        with self.transaction():
            stored = self._rows(
                f"SELECT {', '.join(_DETAIL_COLUMNS)} FROM orders WHERE key = ?", (text,)
            )
            timeline = self.timeline(key)
            result = merge(
                flow, timeline, [*observations, TimelineEntry(order.status, now, now, FETCH_SOURCE)]
            )
            current = result.current if result.current is not None else order.status
            state = result.state or (TrackState("order", current),)
            accepted = self._is_accepted(key)
            row = self._order_row(
                dataclasses.replace(order, status=current, state=state),
                flow,
                accepted,
                accept_deadline,
            )
            if not stored:
                columns = (*_DETAIL_COLUMNS, "key", "first_seen_at", "updated_at")
                self._exec(
                    f"INSERT INTO orders ({', '.join(columns)}) "
                    f"VALUES ({', '.join('?' for _ in columns)})",
                    (*row, text, to_db(now), to_db(now)),
                )
            elif tuple(stored[0]) != row:
                assignments = ", ".join(f"{c} = ?" for c in (*_DETAIL_COLUMNS, "updated_at"))
                self._exec(
                    f"UPDATE orders SET {assignments} WHERE key = ?", (*row, to_db(now), text)
                )
            # Numbered 1, 2, 3… per order (schema 4 numbered the older rows so): the next
            # number follows the timeline just read; UNIQUE (order_key, seq) refuses a
            # second writer's append of the same number.
            seq = len(timeline)
            for entry in result.added:
                seq += 1
                self._exec(
                    "INSERT INTO status_events "
                    "(order_key, seq, track, status, substatus, occurred_at, learnt_at, source) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        text,
                        seq,
                        entry.track,
                        entry.pair.status,
                        entry.pair.substatus or None,
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
                f"no status flow for {order.channel} orders with "
                f"{order.logistics} logistics ({order.key})"
            ) from None

    def _is_accepted(self, key: OrderKey) -> bool:
        rows = self._rows("SELECT accepted FROM orders WHERE key = ?", (str(key),))
        return bool(rows and rows[0][0])

    def _order_row(
        self, order: Order, flow: AnyFlow, accepted: bool, accept_deadline: datetime | None
    ) -> tuple[Any, ...]:
        """The values of _DETAIL_COLUMNS for an order already carrying its merged state."""
        total = order.totals.total
        state = order.state or (TrackState("order", order.status),)
        stage = stage_of_state(flow, state, accepted=accepted) or Stage.NEW
        if accept_deadline is None:
            window = flow.accept_window if isinstance(flow, tracks.Flow) else ACCEPT_WINDOW
            accept_deadline = order.created_at + window if window is not None else None
        return (
            order.channel,
            order.order_id,
            order.display_id,
            to_db(order.created_at),
            local_day(order.created_at, self._tz),
            order.status.status,
            order.status.substatus,
            stage.value,
            int(is_final_state(flow, state)),
            order.logistics,
            order.store_id,
            order.customer.name if order.customer else None,
            order.item_count,
            total.cents,
            total.currency,
            to_db(accept_deadline) if accept_deadline is not None else None,
            order.pack_id,
            to_db(order.ship_by) if order.ship_by is not None else None,
            to_json(order_to_dict(order), f"order {order.key}"),
            to_json(order.raw, f"the raw JSON of order {order.key}"),
        )

    def open_order_keys(self) -> list[OrderKey]:
        """Orders not yet in a final state, oldest first: what reconciliation re-reads."""
        rows = self._rows("SELECT key FROM orders WHERE is_final = 0 ORDER BY created_at, key")
        return [stored_key(row[0]) for row in rows]

    def set_accepted(self, key: OrderKey, *, flow: AnyFlow | None = None) -> None:
        """Record that the marketplace confirmed our accept (the substatus cannot tell), or
        that staff took an order that has no accept ("seen"). ``flow`` as in apply_order."""
        with self.transaction():
            order = self.get_order(key)
            if order is None:
                self._require_order(key)
                return
            flow = flow if flow is not None else self._flow(order)
            state = track_states(flow, self.timeline(key)) or (TrackState("order", order.status),)
            stage = stage_of_state(flow, state, accepted=True) or Stage.NEW
            cursor = self._exec(
                "UPDATE orders SET accepted = 1, stage = ?, updated_at = ? "
                "WHERE key = ? AND accepted = 0",
                (stage.value, to_db(self._clock()), str(key)),
            )
            if cursor.rowcount == 0:
                self._require_order(key)

    # -- orders the feed could not read yet ("details loading", then parked) -------------

    def note_loading(
        self, key: OrderKey, first_seen: datetime, error: str | None, *, attempts: int = 1
    ) -> bool:
        """Remember an order an event named whose details could not be read yet. Call it in
        the transaction that moves the feed's cursor past that event. An order already
        listed keeps its first-seen time and parked state. True when it was not listed."""
        with self.transaction():
            cursor = self._exec(
                "INSERT INTO unfetched_orders "
                "(key, first_seen_at, attempts, error, parked, last_attempt_at) "
                "VALUES (?, ?, ?, ?, 0, ?) ON CONFLICT (key) DO NOTHING",
                (str(key), to_db(first_seen), attempts, error, to_db(self._clock())),
            )
        return cursor.rowcount > 0

    def record_fetch_failure(
        self, key: OrderKey, error: str, *, parked: bool | None = None
    ) -> None:
        """One more failed read of a loading order; ``parked`` True once the fast retries
        gave up (None: unchanged)."""
        with self.transaction():
            self._exec(
                "UPDATE unfetched_orders SET attempts = attempts + 1, error = ?, "
                "last_attempt_at = ?, parked = coalesce(?, parked) WHERE key = ?",
                (error, to_db(self._clock()), None if parked is None else int(parked), str(key)),
            )

    def park_unfetched(self, key: OrderKey, error: str) -> None:
        """Remember an order that reconciliation alone keeps trying (parked at once)."""
        with self.transaction():
            self._exec(
                "INSERT INTO unfetched_orders "
                "(key, first_seen_at, attempts, error, parked, last_attempt_at) "
                "VALUES (?, ?, 1, ?, 1, ?) ON CONFLICT (key) DO UPDATE SET "
                "attempts = unfetched_orders.attempts + 1, error = excluded.error, parked = 1, "
                "last_attempt_at = excluded.last_attempt_at",
                (str(key), to_db(self._clock()), error, to_db(self._clock())),
            )

    def unfetched_keys(self, *, parked_only: bool = False) -> list[tuple[OrderKey, datetime]]:
        """Loading orders (all, or only the parked ones), oldest first, with when they were
        first seen."""
        where = " WHERE parked = 1" if parked_only else ""
        rows = self._rows(
            f"SELECT key, first_seen_at FROM unfetched_orders{where} ORDER BY first_seen_at"
        )
        return [(stored_key(row[0]), from_db(row[1])) for row in rows]

    def forget_unfetched(self, key: OrderKey) -> bool:
        """The order's details landed (or it is given up): it leaves the loading list."""
        with self.transaction():
            cursor = self._exec("DELETE FROM unfetched_orders WHERE key = ?", (str(key),))
        return cursor.rowcount > 0

    def note_first_notification(self, key: OrderKey, received_at: datetime) -> None:
        """When the first notification naming this order reached the relay; later ones keep
        the first (and an earlier one learnt late replaces it)."""
        with self.transaction():
            self._exec(
                "INSERT INTO order_notifications (key, first_notified_at) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET first_notified_at = "
                "min(first_notified_at, excluded.first_notified_at)",
                (str(key), to_db(received_at)),
            )

    # -- notifications whose order could not be identified -------------------------------

    def add_unresolved(
        self, source_key: str, channel: str, received_at: datetime, reason: str, raw: str
    ) -> bool:
        """Keep a notification the desk could not resolve. ``source_key`` names the event
        (feed + event id): the same event handled twice is stored once. True when new."""
        with self.transaction():
            cursor = self._exec(
                "INSERT INTO unresolved_notifications "
                "(source_key, channel, received_at, reason, raw_json, dismissed) "
                "VALUES (?, ?, ?, ?, ?, 0) ON CONFLICT (source_key) DO NOTHING",
                (source_key, channel, to_db(received_at), reason, raw),
            )
        return cursor.rowcount > 0

    def dismiss_unresolved(self, notification_id: int) -> bool:
        """The operator has seen it; it stays in the table (include_dismissed) but leaves
        the alert. True when it changed."""
        with self.transaction():
            cursor = self._exec(
                "UPDATE unresolved_notifications SET dismissed = 1 WHERE id = ? AND dismissed = 0",
                (notification_id,),
            )
            if cursor.rowcount == 0 and not self._rows(
                "SELECT 1 FROM unresolved_notifications WHERE id = ?", (notification_id,)
            ):
                raise StoreError(f"unknown notification {notification_id}")
        return cursor.rowcount > 0

    # -- feed cursors -------------------------------------------------------------------

    def get_cursor(self, feed: str) -> int | None:
        rows = self._rows("SELECT cursor FROM feed_cursors WHERE feed = ?", (feed,))
        return int(rows[0][0]) if rows else None

    def cursor_updated_at(self, feed: str) -> datetime | None:
        """When the feed's cursor last moved (the desk last took events from it)."""
        rows = self._rows("SELECT updated_at FROM feed_cursors WHERE feed = ?", (feed,))
        return from_db(rows[0][0]) if rows else None

    def list_cursor(self, channel: str) -> tuple[datetime | None, str | None]:
        """Where listing a marketplace's recent orders got to: the time the last complete
        pass started from (None: never listed) and the opaque cursor of a pass under way."""
        rows = self._rows("SELECT since, cursor FROM list_cursors WHERE channel = ?", (channel,))
        if not rows:
            return None, None
        return from_db(rows[0][0]), rows[0][1]

    def set_list_cursor(self, channel: str, since: datetime, cursor: str | None) -> None:
        # Plain SQL, not sqlite-utils' upsert: that one wraps itself in ``with conn:``, which
        # would commit a transaction the store has open.
        with self.transaction():
            self._exec(
                "INSERT INTO list_cursors (channel, since, cursor, updated_at) "
                "VALUES (?, ?, ?, ?) ON CONFLICT (channel) DO UPDATE SET "
                "since = excluded.since, cursor = excluded.cursor, "
                "updated_at = excluded.updated_at",
                (channel, to_db(since), cursor, to_db(self._clock())),
            )

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
