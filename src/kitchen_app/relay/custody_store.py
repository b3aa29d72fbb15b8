"""What the token custody keeps, behind one async interface with two backends: the SQLite
file (custody_sqlite.py, one relay process) and PostgreSQL (custody_pg.py, several relay
processes). Tokens reach this layer sealed (custody_crypto.py); it never sees one in clear.

``refresh_lock`` serialises refreshes of one link: in one process with an asyncio lock
(SQLite), across processes with a PostgreSQL advisory lock held on its own connection for
the length of the refresh (released by the server if the process dies)."""

from __future__ import annotations

import enum
from collections.abc import Sequence
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from typing import Any, Protocol

__all__ = [
    "LINK_COLUMNS",
    "LinkStore",
    "NewLink",
    "StateVerdict",
    "StoredLink",
    "judge_state",
    "link_from_row",
    "store_id_in",
]

LINKED = "linked"
EXPIRED = "expired"


@dataclass(frozen=True, slots=True)
class StoredLink:
    store_id: int
    channel: str
    account_id: str
    access_token: str  # sealed
    refresh_token: str  # sealed
    expires_at: str  # utc_now_iso form
    refreshed_at: str
    state: str  # LINKED | EXPIRED
    refresh_started_at: str | None  # the in-progress marker
    generation: int

    def __repr__(self) -> str:  # sealed or not, tokens stay out of logs
        return (
            f"StoredLink(store_id={self.store_id}, channel={self.channel!r}, "
            f"account_id={self.account_id!r}, state={self.state!r}, "
            f"expires_at={self.expires_at!r}, generation={self.generation})"
        )


@dataclass(frozen=True, slots=True)
class NewLink:
    """A pair to store: from a code exchange (a new link) or a refresh."""

    access_token: str  # sealed
    refresh_token: str  # sealed
    expires_at: str
    obtained_at: str

    def __repr__(self) -> str:
        return f"NewLink(expires_at={self.expires_at!r})"


class StateVerdict(enum.Enum):
    OK = "ok"
    UNKNOWN = "unknown"  # never issued (or for another channel)
    EXPIRED = "expired"
    USED = "used"


# The oauth_links columns in the order link_from_row reads them; both backends select these.
LINK_COLUMNS = (
    "store_id, channel, account_id, access_token, refresh_token, expires_at, refreshed_at, "
    "state, refresh_started_at, generation"
)


def link_from_row(row: Sequence[Any]) -> StoredLink:
    """A row of ``SELECT LINK_COLUMNS`` (a sqlite3 tuple or an asyncpg Record)."""
    return StoredLink(
        store_id=int(row[0]),
        channel=str(row[1]),
        account_id=str(row[2]),
        access_token=str(row[3]),
        refresh_token=str(row[4]),
        expires_at=str(row[5]),
        refreshed_at=str(row[6]),
        state=str(row[7]),
        refresh_started_at=None if row[8] is None else str(row[8]),
        generation=int(row[9]),
    )


def judge_state(
    row: Sequence[Any] | None, channel: str, now: str
) -> tuple[StateVerdict, int | None]:
    """What a state's row (``store_id, channel, expires_at, used_at``, or None) allows for
    ``channel`` at ``now``; on OK the caller marks it used in the same transaction."""
    if row is None or row[1] != channel:
        return StateVerdict.UNKNOWN, None
    if row[3] is not None:
        return StateVerdict.USED, int(row[0])
    if str(row[2]) <= now:
        return StateVerdict.EXPIRED, int(row[0])
    return StateVerdict.OK, int(row[0])


def store_id_in(name_or_id: str) -> int | None:
    """The store id a name-or-id reads as when no store has that name: ASCII digits that fit
    a signed 64-bit column (a longer number would overflow PostgreSQL's BIGINT)."""
    if name_or_id.isascii() and name_or_id.isdigit() and len(name_or_id) < 19:
        return int(name_or_id)
    return None


class LinkStore(Protocol):
    description: str

    async def get(self, store_id: int, channel: str) -> StoredLink | None: ...

    async def links_of(self, store_id: int) -> list[StoredLink]: ...

    async def linked(self) -> list[StoredLink]:
        """Every link in state ``linked`` (the refresher plans from these)."""
        ...

    def refresh_lock(self, store_id: int, channel: str) -> AbstractAsyncContextManager[None]: ...

    async def mark_refreshing(self, store_id: int, channel: str, at: str) -> None:
        """Commit the in-progress marker (before the refresh token is sent)."""
        ...

    async def save_refreshed(self, store_id: int, channel: str, pair: NewLink) -> None:
        """Commit the new pair, clearing the marker, in one statement: the old pair is
        forgotten only by the commit that stores the new one."""
        ...

    async def mark_expired(self, store_id: int, channel: str) -> None: ...

    async def clear_marker(self, store_id: int, channel: str) -> None: ...

    async def save_link(
        self, store_id: int, channel: str, account_id: str, pair: NewLink
    ) -> str | None:
        """Store a new link and give the store the account's webhooks, in one transaction.
        Returns the name of another store that owns the account already (nothing saved)."""
        ...

    async def add_state(
        self, state: str, store_id: int, channel: str, expires_at: str, forget_before: str
    ) -> None:
        """A new authorization state; states that expired before ``forget_before`` go."""
        ...

    async def use_state(
        self, state: str, channel: str, now: str
    ) -> tuple[StateVerdict, int | None]:
        """Spend a state (single use): OK with its store, or why not."""
        ...

    async def find_store(self, name_or_id: str) -> list[tuple[int, str]]: ...

    async def settings(self) -> dict[str, str]: ...

    async def save_settings(self, values: dict[str, str | None]) -> None:
        """Set (a value) or remove (None) relay settings, in one transaction."""
        ...

    async def close(self) -> None: ...
