"""DeskReader: a read-only connection of its own, for the UI thread and the CLI.

WAL lets it read beside the writer: each read sees the last committed state, never a
half-applied batch.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Mapping
from datetime import timedelta
from pathlib import Path

from .connection import connect_reader
from .queries import StoreQueries

__all__ = ["DeskReader"]

log = logging.getLogger(__name__)


class DeskReader(StoreQueries):
    """Reads only: orders_of_day, order_summary, get_order, timeline, actions, action,
    unfinished_actions, print_jobs, print_job, print_jobs_in_states, get_setting,
    loading_orders, unresolved_notifications, first_notification, missed_orders, store_ids,
    unprinted_job_count."""

    @classmethod
    def open(
        cls, path: Path, *, unread_accept_windows: Mapping[str, timedelta] | None = None
    ) -> DeskReader:
        """Open an existing, up-to-date desk database; StoreError when there is none.
        ``unread_accept_windows`` give loading orders their deadline, per channel."""
        reader = cls(connect_reader(path), threading.RLock())
        reader._unread_accept_windows = dict(unread_accept_windows or {})
        return reader

    def close(self) -> None:
        with self._lock:
            self._conn.close()
