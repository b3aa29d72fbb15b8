"""The action and print journals (DESIGN §6.4, §6.5) and the settings table."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from kitchen_app.domain import OrderKey

from .errors import StoreError
from .records import (
    FINAL_ACTION_STATES,
    FINAL_PRINT_JOB_STATES,
    ActionState,
    PrintJobKind,
    PrintJobState,
)
from .times import to_db
from .writer import WriterBase, to_json

__all__ = ["JournalWriter"]

log = logging.getLogger(__name__)


class JournalWriter(WriterBase):
    """Journal writes; every staff action and every print is a row before it happens."""

    # -- the action journal -------------------------------------------------------------

    def add_action(self, key: OrderKey, kind: str, params: Mapping[str, Any]) -> int:
        """Journal a staff action as requested, before anything is sent."""
        params_json = to_json(dict(params), f"the parameters of {kind}")
        now = to_db(self._clock())
        with self.transaction():
            self._require_order(key)
            cursor = self._exec(
                "INSERT INTO actions (order_key, kind, params_json, state, attempts, error, "
                "requested_at, updated_at) VALUES (?, ?, ?, ?, 0, NULL, ?, ?)",
                (str(key), kind, params_json, ActionState.REQUESTED.value, now, now),
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
        self, key: OrderKey | None, kind: str, printer: str, copy: int, *, reprint: bool
    ) -> int:
        """Journal a print as queued. ``key`` is None only for a calibration page."""
        try:
            job_kind = PrintJobKind(kind)
        except ValueError:
            raise StoreError(f"unknown print job kind {kind!r}") from None
        if isinstance(copy, bool) or not isinstance(copy, int) or copy < 1:
            raise StoreError(f"a copy number starts at 1, not {copy!r}")
        order_key = key
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
                    str(order_key) if order_key is not None else None,
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

    def rename_settings(self, renamed: Mapping[str, str]) -> None:
        """Carry saved values from old names to new ones, in one transaction: where both
        exist the new one wins (it was written later); the old row goes either way. Later
        reads and writes of an old name use the new one. Nothing is written when no old name
        is saved (every start asks; a write would cost a sync)."""
        self._setting_aliases = dict(renamed)
        marks = ", ".join("?" for _ in renamed)
        if not renamed or not self._rows(
            f"SELECT 1 FROM settings WHERE key IN ({marks}) LIMIT 1", tuple(renamed)
        ):
            return
        with self.transaction():
            for old, new in renamed.items():
                self._exec(
                    "INSERT OR IGNORE INTO settings (key, value_json) "
                    "SELECT ?, value_json FROM settings WHERE key = ?",
                    (new, old),
                )
                self._exec("DELETE FROM settings WHERE key = ?", (old,))

    def set_setting(self, key: str, value: Any) -> None:
        """Any JSON value. Values are never logged: some settings are tokens."""
        key = self._setting_aliases.get(key, key)
        value_json = to_json(value, f"setting {key!r}")
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
