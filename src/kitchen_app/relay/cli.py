"""`kitchen-app relay serve` and `kitchen-app relay add-store` (DESIGN §5)."""

from __future__ import annotations

import argparse
import logging
import os
import sqlite3
from pathlib import Path

from kitchen_app.errors import UserError
from kitchen_app.relay.config import (
    DEFAULT_DB,
    ENV_MP_SECRET,
    ENV_SHOPEE_PARTNER_KEY,
    RelayConfig,
    retention_from_env,
)
from kitchen_app.relay.sqlite_log import connect

__all__ = ["add_store", "serve"]

log = logging.getLogger(__name__)


def _db_path(args: argparse.Namespace) -> Path:
    if getattr(args, "database_url", None):
        raise UserError(
            "the PostgreSQL backend is not available yet; use --db PATH (an SQLite file)"
        )
    db: Path | None = getattr(args, "db", None)
    return db if db is not None else DEFAULT_DB


def _check_db(path: Path) -> None:
    try:
        connect(path).close()
    except (sqlite3.Error, RuntimeError) as exc:
        raise UserError(f"cannot open relay database {path}: {exc}") from None


def serve(args: argparse.Namespace) -> int:
    from kitchen_app.relay.app import build_app
    from kitchen_app.serving import serve_forever

    path = _db_path(args)
    _check_db(path)
    config = RelayConfig(
        db_path=path,
        mp_webhook_secret=args.mp_webhook_secret or os.environ.get(ENV_MP_SECRET) or None,
        shopee_partner_key=os.environ.get(ENV_SHOPEE_PARTNER_KEY) or None,
        retention_seconds=retention_from_env(),
    )
    log.info(
        "relay on http://%s:%d, database %s, MP signatures %s",
        args.host,
        args.port,
        path,
        "checked" if config.mp_webhook_secret else "not checked (no secret)",
    )
    return serve_forever(build_app(config), args.host, args.port)


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
    print(f"store {args.name.strip()!r} registered in {path}; desk token: {token}")
    return 0
