"""The relay's storage seam: what any event log backend stores and answers.

Methods are synchronous; the relay calls them from its event loop thread, one writer
instance (batched commits) and one reader instance, through backend.SQLiteBackend. The hub
itself talks to backend.LogBackend (async), which the PostgreSQL log (pg_log.py: several
relay instances, LISTEN/NOTIFY for wake-ups) implements directly with the same data types.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

__all__ = [
    "AppendResult",
    "EventLog",
    "IncomingEvent",
    "StoreInfo",
    "StoredEvent",
    "token_digest",
]


def token_digest(token: str) -> str:
    """Desk tokens are long random values, so a plain sha256 is enough to store them."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class IncomingEvent:
    """A validated webhook, ready to be stored."""

    channel: str
    topic: str
    resource: str
    account_id: str  # MP user_id, ML seller id or Shopee shop_id: routes to a store
    payload_json: str  # the body, re-serialised compactly (always valid JSON)
    received_at: str  # ISO 8601 UTC
    dedupe_id: str | None  # same notification id -> stored once
    dedupe_content: str | None  # same topic/resource/sent (or same Shopee body) -> stored once
    verified: bool = False  # a signature was checked and matched (served to the desk)
    # A verified signature's request id ("channel|x-request-id") and the body's fingerprint:
    # the same key with another fingerprint is a replayed signature, refused.
    request_key: str | None = None
    fingerprint: str | None = None


@dataclass(frozen=True, slots=True)
class AppendResult:
    event_id: int  # the stored event's id (the earlier one for a duplicate)
    store_id: int | None  # None: no store has this account (kept as unrouted)
    duplicate: bool
    replayed: bool = False  # its signed request id came before with another body: not stored


@dataclass(frozen=True, slots=True)
class StoredEvent:
    id: int
    channel: str
    topic: str
    resource: str
    received_at: str
    payload_json: str
    verified: bool = False


@dataclass(frozen=True, slots=True)
class StoreInfo:
    id: int
    name: str


class EventLog(Protocol):
    def append(self, events: Sequence[IncomingEvent]) -> list[AppendResult]:
        """Store all events in ONE durable transaction; one result per event, in order."""
        ...

    def read(self, store_id: int, after: int, limit: int) -> list[StoredEvent]:
        """The store's events with id > after, oldest first, at most ``limit``."""
        ...

    def store_for_token(self, digest: str) -> StoreInfo | None: ...

    def store_for_account(self, channel: str, account_id: str) -> int | None: ...

    def latest_ids(self) -> dict[int, int]:
        """store id -> id of its newest kept event."""
        ...

    def pruned_through(self) -> dict[int, int]:
        """store id -> highest event id removed by retention (absent: nothing pruned)."""
        ...

    def last_received_at(self, store_id: int) -> str | None: ...

    def count_after(self, store_id: int, after: int) -> int: ...

    def prune(self, older_than: str, limit: int | None = None) -> tuple[dict[int, int], int]:
        """Remove events received before ``older_than`` (ISO 8601 UTC), at most ``limit`` of
        the oldest; returns the new pruned-through id of each store that lost events, and
        how many events were removed (unrouted ones included). Signed request ids seen
        before ``older_than`` are forgotten too."""
        ...

    def probe_write(self) -> None:
        """A real, durable write; raises when the log cannot be written."""
        ...

    def close(self) -> None: ...
