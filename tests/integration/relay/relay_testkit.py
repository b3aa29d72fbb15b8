"""Helpers for the relay tests: a real relay on 127.0.0.1 over a real SQLite file, or over a
real PostgreSQL database (tests/pg.py starts a throwaway server)."""

from __future__ import annotations

import asyncio
import json
import os
import sqlite3
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import httpx
from tests.processes import end_process

from kitchen_app.app.relay_setup import relay_config
from kitchen_app.app.serving import ServerThread
from kitchen_app.channels.mercadopago import signature as mp_signature
from kitchen_app.relay import add_store, build_app

SECRET = "test-webhook-secret"
MP_USER_A = 1793791954
MP_USER_B = 2000000002


@dataclass
class Relay:
    url: str
    db: Path
    token_a: str
    token_b: str
    client: httpx.Client
    database_url: str | None = None  # set: the relay runs on PostgreSQL, not on ``db``

    def rows(self, where: str = "1=1") -> list[Any]:
        """Read the log from a second, independent connection (what a crash would leave)."""
        if self.database_url is not None:
            return pg_query(self.database_url, f"SELECT * FROM events WHERE {where} ORDER BY id")
        conn = sqlite3.connect(self.db)
        conn.row_factory = sqlite3.Row
        try:
            return conn.execute(f"SELECT * FROM events WHERE {where} ORDER BY id").fetchall()
        finally:
            conn.close()


def mp_body(user_id: int = MP_USER_A, shipment: int = 12345, **extra: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "_id": str(uuid.uuid4()),
        "topic": "delivery",
        "resource": f"/shipments/{shipment}",
        "user_id": user_id,
        "application_id": "924152943338358",
        "sent": "2026-11-23T12:00:00.000Z",
        "attempts": 1,
        "received": "2026-11-23T12:00:00.000Z",
        "actions": [],
    }
    body.update(extra)
    return body


def mp_headers(secret: str = SECRET, data_id: str | None = None) -> dict[str, str]:
    request_id = str(uuid.uuid4())
    ts = str(int(time.time()))  # fresh: inside the relay's replay window, so verified
    v1 = mp_signature.sign(secret, request_id, ts, data_id)
    return {
        "x-signature": mp_signature.format_header(ts, v1),
        "x-request-id": request_id,
        "content-type": "application/json",
    }


def post_mp(client: httpx.Client, body: dict[str, Any], secret: str = SECRET) -> httpx.Response:
    return client.post(
        "/webhooks/mercadopago", content=json.dumps(body).encode(), headers=mp_headers(secret)
    )


def pg_query(database_url: str, sql: str, *args: Any) -> list[Any]:
    """Rows (asyncpg Records: by name or index) of one statement, on a fresh connection."""
    import asyncpg

    async def run() -> list[Any]:
        conn = await asyncpg.connect(database_url)
        try:
            return list(await conn.fetch(sql, *args))
        finally:
            await conn.close()

    return asyncio.run(run())


def start_relay(
    tmp_path: Path, *, database_url: str | None = None, **config: Any
) -> tuple[ServerThread, Relay]:
    db = tmp_path / "relay.sqlite3"
    target: Path | str = database_url or db
    token_a = add_store(target, "Cantina A", mp_user_id=MP_USER_A, ml_seller_id=3430803000)
    token_b = add_store(target, "Bistro B", mp_user_id=MP_USER_B, shopee_shop_id=727720655)
    base = relay_config(
        settings={"mp_delivery.webhook_secret": SECRET}, db_path=db, database_url=database_url
    )
    server = ServerThread(build_app(replace(base, **config)))
    url = server.start()
    client = httpx.Client(base_url=url, timeout=httpx.Timeout(5.0, read=90.0))
    return server, Relay(url, db, token_a, token_b, client, database_url)


@contextmanager
def relay_process(
    db: Path, port: int, env: dict[str, str] | None = None, database_url: str | None = None
) -> Iterator[subprocess.Popen[bytes]]:
    """`kitchen-app relay serve` as its own process (with the MP secret), healthy on return,
    on the SQLite file ``db`` or, given ``database_url``, on PostgreSQL. Its log goes to a
    file beside ``db`` (a pipe nobody reads would block it)."""
    full_env = dict(os.environ, KITCHEN_MP_WEBHOOK_SECRET=SECRET, **(env or {}))
    command = [sys.executable, "-m", "kitchen_app", "relay", "serve"]
    log_path = db.with_suffix(".log")
    log_file = log_path.open("ab")
    proc = subprocess.Popen(
        [
            *command,
            "--port",
            str(port),
            *(["--database-url", database_url] if database_url else ["--db", str(db)]),
        ],
        env=full_env,
        stdout=subprocess.DEVNULL,
        stderr=log_file,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            assert proc.poll() is None, log_path.read_text(errors="replace")
            try:
                if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, "relay did not become healthy"
            time.sleep(0.05)
        yield proc
    finally:
        end_process(proc)
        log_file.close()


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise AssertionError("no VmRSS")
