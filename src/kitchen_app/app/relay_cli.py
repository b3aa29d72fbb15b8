"""`kitchen-app relay serve` and `kitchen-app relay add-store` (DESIGN §5)."""

from __future__ import annotations

import argparse
import gc
import logging
import os
import sqlite3
from pathlib import Path

from kitchen_app.domain.errors import UserError
from kitchen_app.relay.backend import is_postgres_url, redact_url
from kitchen_app.relay.config import (
    DEFAULT_DB,
    ENV_MP_SECRET,
    ENV_SHOPEE_CALLBACK_URL,
    ENV_SHOPEE_PARTNER_KEY,
    RelayConfig,
    retention_from_env,
)
from kitchen_app.relay.sqlite_log import connect

__all__ = ["add_store", "rotate_token", "serve"]

log = logging.getLogger(__name__)


def _db_path(args: argparse.Namespace) -> Path | str:
    """The SQLite file (a Path) or the PostgreSQL URL (a str) the command works on."""
    url: str | None = getattr(args, "database_url", None)
    if url:
        if not is_postgres_url(url):
            raise UserError("--database-url must start with postgresql:// (or postgres://)")
        return url
    db: Path | None = getattr(args, "db", None)
    return db if db is not None else DEFAULT_DB


def _check_db(path: Path | str) -> None:
    """One clear line for a database the relay cannot use (garbage, truncated, a newer
    schema, a PostgreSQL server that cannot be reached), with what to do, instead of a
    traceback at the first webhook."""
    if isinstance(path, str):
        from kitchen_app.relay.pg_stores import check_database

        check_database(path)
        return
    if path.exists() and path.is_dir():
        raise UserError(f"relay database {path} is a directory; give --db a file path")
    try:
        conn = connect(path)
        try:
            row = conn.execute("PRAGMA quick_check(1)").fetchone()
        finally:
            conn.close()
    except RuntimeError as exc:
        raise UserError(f"cannot open relay database {path}: {exc}") from None
    except sqlite3.Error as exc:
        raise UserError(
            f"relay database {path} is damaged or not a relay database ({exc}); restore a "
            "backup copy (sqlite3 FILE .backup) or move the file away to start empty"
        ) from None
    if row is None or row[0] != "ok":
        raise UserError(
            f"relay database {path} is damaged ({row[0] if row else 'no answer'}); restore a "
            "backup copy (sqlite3 FILE .backup) or move the file away to start empty"
        )


def _shown(path: Path | str) -> str:
    return redact_url(path) if isinstance(path, str) else str(path)


def serve(args: argparse.Namespace) -> int:
    from kitchen_app.app.serving import serve_forever
    from kitchen_app.relay.app import build_app

    path = _db_path(args)
    _check_db(path)
    config = RelayConfig(
        db_path=path if isinstance(path, Path) else DEFAULT_DB,
        database_url=path if isinstance(path, str) else None,
        mp_webhook_secret=args.mp_webhook_secret or os.environ.get(ENV_MP_SECRET) or None,
        shopee_partner_key=os.environ.get(ENV_SHOPEE_PARTNER_KEY) or None,
        shopee_callback_url=getattr(args, "shopee_callback_url", None)
        or os.environ.get(ENV_SHOPEE_CALLBACK_URL)
        or None,
        retention_seconds=retention_from_env(),
    )
    log.info(
        "relay on http://%s:%d, database %s, MP signatures %s",
        args.host,
        args.port,
        _shown(path),
        "checked" if config.mp_webhook_secret else "not checked (no secret)",
    )
    app = build_app(config)
    _tune_gc()
    return serve_forever(app, args.host, args.port)


def _tune_gc() -> None:
    """The relay allocates many short-lived objects per request while hundreds of long polls
    keep many objects alive, so default collections run often and each walks them all;
    under load that showed as ACK tail latency (paired runs of benchmarks/relay_ingest.py:
    p99 ~100 ms → ~60 ms). Startup objects are frozen out of collection and young
    collections run less often. Only the standalone relay process does this: an embedded
    relay leaves its host's collector alone."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(20_000, 50, 100)


def add_store(args: argparse.Namespace) -> int:
    from kitchen_app.relay.stores import add_store as register

    path = _db_path(args)
    token = register(
        path,
        args.name,
        mp_user_id=args.mp_user_id,
        ml_seller_id=args.ml_seller_id,
        shopee_shop_id=args.shopee_shop_id,
    )
    # The token is the last word: scripts take it with `| awk '{print $NF}'`.
    print(f"store {args.name.strip()!r} registered in {_shown(path)}; desk token: {token}")
    return 0


def rotate_token(args: argparse.Namespace) -> int:
    from kitchen_app.relay.stores import rotate_token as rotate

    path = _db_path(args)
    _check_db(path)
    name, token = rotate(path, args.store)
    # Same shape as add-store: the token is the last word.
    print(f"store {name!r}: old desk token revoked; new desk token: {token}")
    return 0
