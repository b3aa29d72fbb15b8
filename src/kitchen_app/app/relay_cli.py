"""`kitchen-app relay serve`, `add-store`, `rotate-token` and `link-store` (DESIGN §5).

The relay names no marketplace: serve and link-store hand it the OAuth plug-ins of this
build (``Plugin.oauth``) from the registry."""

from __future__ import annotations

import argparse
import asyncio
import gc
import logging
import os
import sqlite3
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from kitchen_app.app.relay_setup import relay_config, webhook_settings
from kitchen_app.channels.oauth import OAuthContext, OAuthPlugin, utc_now
from kitchen_app.domain.errors import UserError
from kitchen_app.relay.backend import is_postgres_url, redact_url
from kitchen_app.relay.config import DEFAULT_DB, retention_from_env
from kitchen_app.relay.custody import new_link
from kitchen_app.relay.custody_open import open_link_store
from kitchen_app.relay.custody_setup import (
    SETTING_API_PREFIX,
    SETTING_PUBLIC_URL,
    CustodySetup,
    check_base_url,
    custody_setup,
)
from kitchen_app.relay.sqlite_log import connect
from kitchen_app.relay.store_rules import store_to_rotate

__all__ = ["add_store", "link_store", "rotate_token", "serve"]

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


def _oauth() -> tuple[OAuthPlugin, ...]:
    from kitchen_app.app.plugins import registry

    return tuple(p.oauth for p in registry() if p.oauth is not None)


def serve(args: argparse.Namespace) -> int:
    from kitchen_app.app.serving import serve_forever
    from kitchen_app.relay.app import build_app

    path = _db_path(args)
    _check_db(path)
    custody = _custody(path, args, _oauth())
    config = relay_config(
        settings=webhook_settings(args),
        db_path=path if isinstance(path, Path) else DEFAULT_DB,
        database_url=path if isinstance(path, str) else None,
        retention_seconds=retention_from_env(),
        custody=custody,
    )
    log.info(
        "relay on http://%s:%d, database %s, webhook settings set: %s",
        args.host,
        args.port,
        _shown(path),
        ", ".join(sorted(config.webhook_settings)) or "none (no signature is checked)",
    )
    app = build_app(config)
    _tune_gc()
    return serve_forever(app, args.host, args.port)


def _api_bases(given: Sequence[str], oauth: Sequence[OAuthPlugin]) -> dict[str, str]:
    """``--api CHANNEL=URL`` values as {channel: base URL}; UserError for a bad one."""
    known = [p.channel for p in oauth]
    bases: dict[str, str] = {}
    for item in given:
        channel, equals, url = item.partition("=")
        channel = channel.strip()
        if not equals or channel not in known:
            raise UserError(f"--api takes CHANNEL=URL with CHANNEL one of {known}: {item!r}")
        try:
            bases[channel] = check_base_url(url, f"--api {channel}")
        except ValueError as exc:
            raise UserError(str(exc)) from None
    return bases


def _custody(
    path: Path | str, args: argparse.Namespace, oauth: Sequence[OAuthPlugin]
) -> CustodySetup | None:
    """Save --public-url and --api in the database (link-store reads them there) and build
    the custody from what is saved and the environment's credentials."""
    public_url: str | None = getattr(args, "public_url", None)
    if public_url is not None:
        try:
            public_url = check_base_url(public_url, "--public-url")
        except ValueError as exc:
            raise UserError(str(exc)) from None
    given_api: list[str] = getattr(args, "api", None) or []
    bases = _api_bases(given_api, oauth)

    async def save() -> dict[str, str]:
        store = await open_link_store(path)
        try:
            changes: dict[str, str | None] = {}
            if public_url is not None:
                changes[SETTING_PUBLIC_URL] = public_url
            if given_api:  # a new list replaces the saved one
                for plugin in oauth:
                    changes[SETTING_API_PREFIX + plugin.channel] = bases.get(plugin.channel)
            if changes:
                await store.save_settings(changes)
            return await store.settings()
        finally:
            await store.close()

    saved = asyncio.run(save())
    api = {
        name.removeprefix(SETTING_API_PREFIX): value
        for name, value in saved.items()
        if name.startswith(SETTING_API_PREFIX)
    }
    try:
        setup = custody_setup(oauth, os.environ, public_url=saved.get(SETTING_PUBLIC_URL), api=api)
    except ValueError as exc:
        raise UserError(str(exc)) from None
    if setup is None and oauth:
        log.info("no marketplace application credentials in the environment: no store linking")
    return setup


def link_store(args: argparse.Namespace) -> int:
    """Print the authorization URL that links STORE's account on CHANNEL (last word)."""
    oauth = _oauth()
    path = _db_path(args)
    _check_db(path)
    plugin = next((p for p in oauth if p.channel == args.channel), None)
    if plugin is None:
        raise UserError(
            f"no marketplace {args.channel!r} to link; one of {[p.channel for p in oauth]}"
        )
    try:
        app = plugin.credentials(os.environ)
    except ValueError as exc:
        raise UserError(str(exc)) from None
    if app is None:
        raise UserError(
            f"{plugin.env_client_id} and {plugin.env_secret} are not set: the relay holds no "
            f"{plugin.name} application to link with"
        )
    wanted = args.store.strip()
    if not wanted:
        raise UserError("the store name is empty")

    async def run() -> tuple[str, str, datetime]:
        store = await open_link_store(path)
        try:
            found = await store.find_store(wanted)
            store_id, name = store_to_rotate(wanted, found, _shown(path))
            settings = await store.settings()
            public_url = settings.get(SETTING_PUBLIC_URL)
            if public_url is None:
                raise UserError(
                    "the relay's public URL is not known: start `relay serve --public-url URL` "
                    "on this database once"
                )
            base = settings.get(SETTING_API_PREFIX + plugin.channel)
            try:
                client = plugin.create(OAuthContext(app, base))
            except ValueError as exc:
                raise UserError(str(exc)) from None
            callback = f"{public_url.rstrip('/')}/oauth/{plugin.channel}/callback"
            url, expires = await new_link(
                store, client, store_id, plugin.channel, callback, utc_now()
            )
            return name, url, expires
        finally:
            await store.close()

    name, url, expires = asyncio.run(run())
    until = expires.strftime("%H:%M UTC")
    # The URL is the last word: scripts take it with `| awk '{print $NF}'`.
    print(f"to link store {name!r} to {plugin.name}, open before {until}: {url}")
    return 0


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
