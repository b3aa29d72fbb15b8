"""The token custody's tables (issue 15), one text per backend with the same columns: SQLite
schema 3 (sqlite_log.py) and PostgreSQL migration 3 (pg_schema.py).

* ``oauth_links``: one row per store and channel. Both tokens are Fernet tokens
  (custody_crypto.py), never plain text. ``refresh_started_at`` is the in-progress marker:
  set and committed before a refresh token is sent, cleared in the same commit that writes
  the new pair, so a row always holds a pair the relay can use, and a marker left by a
  killed process says a refresh was interrupted. ``refreshed_at`` is when the pair was
  obtained (the refresher plans from it); ``generation`` counts refreshes.
* ``oauth_states``: the ``state`` of each authorization link, bound to a store and a
  channel, ten minutes, single use (``used_at``).
* ``relay_settings``: what `relay serve` was started with (public URL, API bases), so
  `relay link-store` (another process) builds the same URLs.

Times are the relay's fixed-width ISO 8601 UTC text (``utc_now_iso``): text order is time
order."""

from __future__ import annotations

__all__ = ["CUSTODY_POSTGRES", "CUSTODY_SQLITE"]

CUSTODY_SQLITE = """
CREATE TABLE IF NOT EXISTS oauth_links (
    store_id INTEGER NOT NULL REFERENCES stores(id),
    channel TEXT NOT NULL,
    account_id TEXT NOT NULL,
    access_token TEXT NOT NULL,
    refresh_token TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    refreshed_at TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('linked', 'expired')),
    refresh_started_at TEXT,
    generation INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (store_id, channel)
) STRICT;
CREATE TABLE IF NOT EXISTS oauth_states (
    state TEXT PRIMARY KEY,
    store_id INTEGER NOT NULL REFERENCES stores(id),
    channel TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at TEXT
) STRICT, WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS oauth_states_by_expiry ON oauth_states (expires_at);
CREATE TABLE IF NOT EXISTS relay_settings (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT, WITHOUT ROWID;
"""

CUSTODY_POSTGRES = """
CREATE TABLE oauth_links (
    store_id BIGINT NOT NULL REFERENCES stores(id),
    channel TEXT NOT NULL,
    account_id TEXT NOT NULL,
    access_token TEXT NOT NULL,
    refresh_token TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    refreshed_at TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('linked', 'expired')),
    refresh_started_at TEXT,
    generation BIGINT NOT NULL DEFAULT 1,
    PRIMARY KEY (store_id, channel)
);
CREATE TABLE oauth_states (
    state TEXT PRIMARY KEY,
    store_id BIGINT NOT NULL REFERENCES stores(id),
    channel TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at TEXT
);
CREATE INDEX oauth_states_by_expiry ON oauth_states (expires_at);
CREATE TABLE relay_settings (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
"""
