"""The writer's machinery: the transaction block, writes that turn SQLite errors into
StoreError, JSON columns."""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from typing import Any

from kitchen_app.domain import OrderKey

from .connection import describe_sqlite_error
from .errors import StoreError
from .queries import StoreQueries

__all__ = ["WriterBase", "to_json"]

log = logging.getLogger(__name__)


def to_json(value: Any, what: str) -> str:
    try:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    except (TypeError, ValueError) as exc:
        raise StoreError(f"{what} cannot be stored as JSON: {exc}") from exc


class WriterBase(StoreQueries):
    """One connection, one lock, nestable transactions."""

    def __init__(self, conn: sqlite3.Connection, clock: Callable[[], datetime]) -> None:
        super().__init__(conn, threading.RLock())
        self._clock = clock
        self._depth = 0

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

    def _require_order(self, key: OrderKey) -> None:
        if not self._rows("SELECT 1 FROM orders WHERE key = ?", (str(key),)):
            raise StoreError(f"unknown order {key}")
