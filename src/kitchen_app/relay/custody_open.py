"""Opening the token custody's store on the relay's database: the SQLite file (a Path) or a
PostgreSQL URL (a str), as the event log's backend is chosen."""

from __future__ import annotations

from pathlib import Path

from kitchen_app.relay.custody_sqlite import SQLiteLinkStore
from kitchen_app.relay.custody_store import LinkStore

__all__ = ["open_link_store"]


async def open_link_store(target: Path | str) -> LinkStore:
    if isinstance(target, str):
        from kitchen_app.relay.custody_pg import PostgresLinkStore  # asyncpg only when used

        return await PostgresLinkStore.open(target)
    return SQLiteLinkStore(target)
