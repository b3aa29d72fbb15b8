"""Where the hub keeps its event log: the embedded SQLite file (one relay process) or a
PostgreSQL database (several relay processes, see pg_log).

The hub talks to one ``LogBackend``: async methods, so a networked database never blocks
the event loop. The SQLite backend runs its (short, local) statements inline on the loop
thread, for the reason hub.py gives. A shared backend also reports what OTHER relay
processes did (events committed, events pruned) through ``watch``, so long polls held here
wake for webhooks taken there.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from kitchen_app.relay.eventlog import AppendResult, IncomingEvent, StoredEvent, StoreInfo
from kitchen_app.relay.sqlite_log import SQLiteEventLog

__all__ = [
    "BackendUnavailable",
    "LogBackend",
    "OnChange",
    "SQLiteBackend",
    "is_postgres_url",
    "redact_url",
]

# (kind, {store id: event id}): kind "events" = newest committed event per store,
# "pruned" = highest event id removed by retention per store.
OnChange = Callable[[str, dict[int, int]], None]


class BackendUnavailable(RuntimeError):
    """The database cannot answer a read now (connection lost, server down): the request
    gets 503, never a 500 or a reset connection."""


def is_postgres_url(url: str) -> bool:
    return url.startswith(("postgresql://", "postgres://"))


def redact_url(url: str) -> str:
    """The URL without its password (in the user part or a ``password=`` parameter), for
    logs and messages."""
    parts = urlsplit(url)
    if parts.password is None and "password" not in parts.query:
        return url  # (urlunsplit would turn postgresql:///db into postgresql:/db)
    if parts.password is not None:
        host = parts.netloc.rsplit("@", 1)[-1]
        parts = parts._replace(netloc=f"{parts.username or ''}:***@{host}")
    if "password" in parts.query:
        query = [
            (k, "***" if k == "password" else v)
            for k, v in parse_qsl(parts.query, keep_blank_values=True)
        ]
        parts = parts._replace(query=urlencode(query, safe="/*"))
    return urlunsplit(parts)


class LogBackend(Protocol):
    # True when other relay processes may write to the same log (PostgreSQL): the hub's
    # in-memory view then follows ``watch`` and asks the database before calling a desk's
    # cursor "ahead of the log".
    shared: bool
    description: str  # for logs: a file path or a URL without its password
    # What ``append`` raises for an event it cannot take because of what the event holds
    # (a value the database cannot encode), as opposed to a fault of the database itself
    # (disk full, I/O, a lock, a lost connection): the hub fails such an event alone.
    input_errors: tuple[type[Exception], ...]

    async def append(self, events: Sequence[IncomingEvent]) -> list[AppendResult]:
        """Store all events in ONE durable transaction; one result per event, in order."""
        ...

    async def read(self, store_id: int, after: int, limit: int) -> list[StoredEvent]: ...

    async def store_for_token(self, digest: str) -> StoreInfo | None: ...

    async def store_for_account(self, channel: str, account_id: str) -> int | None: ...

    async def latest_ids(self) -> dict[int, int]: ...

    async def latest_id(self, store_id: int) -> int:
        """Id of the store's newest kept event, 0 when none."""
        ...

    async def pruned_through(self) -> dict[int, int]: ...

    async def last_received_at(self, store_id: int) -> str | None: ...

    async def count_after(self, store_id: int, after: int) -> int: ...

    async def prune(self, older_than: str, limit: int) -> tuple[dict[int, int], int]: ...

    async def probe_write(self) -> None: ...

    async def watch(self, on_change: OnChange) -> None:
        """Start reporting other processes' changes to ``on_change`` (no-op when not
        shared). After a lost connection to the database, the backend reports the full
        current maps again, so nothing missed meanwhile stays unseen."""
        ...

    async def close(self) -> None: ...


class SQLiteBackend:
    """The embedded default: a writer and a reader connection to one SQLite file, both on
    the event loop's thread."""

    shared = False
    input_errors: tuple[type[Exception], ...] = (
        UnicodeError,
        OverflowError,
        sqlite3.DataError,
        sqlite3.IntegrityError,
        sqlite3.InterfaceError,
    )

    def __init__(self, path: Path, *, writer_busy_timeout: float) -> None:
        self.description = str(path)
        self._writer = SQLiteEventLog(path, busy_timeout=writer_busy_timeout)
        self._reader = SQLiteEventLog(path)

    async def append(self, events: Sequence[IncomingEvent]) -> list[AppendResult]:
        return self._writer.append(events)

    async def read(self, store_id: int, after: int, limit: int) -> list[StoredEvent]:
        return self._reader.read(store_id, after, limit)

    async def store_for_token(self, digest: str) -> StoreInfo | None:
        return self._reader.store_for_token(digest)

    async def store_for_account(self, channel: str, account_id: str) -> int | None:
        return self._reader.store_for_account(channel, account_id)

    async def latest_ids(self) -> dict[int, int]:
        return self._reader.latest_ids()

    async def latest_id(self, store_id: int) -> int:
        return self._reader.latest_ids().get(store_id, 0)

    async def pruned_through(self) -> dict[int, int]:
        return self._reader.pruned_through()

    async def last_received_at(self, store_id: int) -> str | None:
        return self._reader.last_received_at(store_id)

    async def count_after(self, store_id: int, after: int) -> int:
        return self._reader.count_after(store_id, after)

    async def prune(self, older_than: str, limit: int) -> tuple[dict[int, int], int]:
        return self._writer.prune(older_than, limit)

    async def probe_write(self) -> None:
        self._writer.probe_write()

    async def watch(self, on_change: OnChange) -> None:
        return None  # one process owns the file: the hub sees every commit itself

    async def close(self) -> None:
        self._reader.close()
        self._writer.close()
