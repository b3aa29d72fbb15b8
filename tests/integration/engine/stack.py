"""A real pipe on 127.0.0.1: relay (real SQLite file) + sandbox sending it signed webhooks +
the desk engine over real HTTP. Tests start what they need and stop all of it."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from kitchen_app.app.relay_setup import relay_config
from kitchen_app.app.serving import ServerThread, free_port
from kitchen_app.app.wiring import build_engine
from kitchen_app.domain import OrderKey
from kitchen_app.engine.engine import Engine, EngineConfig
from kitchen_app.engine.recorder import RecordingListener
from kitchen_app.relay import add_store
from kitchen_app.relay import build_app as build_relay
from kitchen_app.sandbox import SandboxConfig
from kitchen_app.sandbox import build_app as build_sandbox

SECRET = "stack-webhook-secret"
MP_TOKEN = "APP_USR-sandbox"
STORE_USER_ID = 1070421029
API = "/proximity-integration"


@dataclass
class Stack:
    tmp: Path
    relay_port: int = field(default_factory=free_port)
    relay: ServerThread | None = None
    sandbox: ServerThread | None = None
    engine: Engine | None = None
    listener: RecordingListener = field(default_factory=RecordingListener)
    desk_token: str = ""
    control: httpx.Client | None = None
    api: httpx.Client | None = None

    @property
    def relay_db(self) -> Path:
        return self.tmp / "relay.sqlite3"

    @property
    def desk_db(self) -> Path:
        return self.tmp / "desk.sqlite3"

    @property
    def relay_url(self) -> str:
        return f"http://127.0.0.1:{self.relay_port}"

    def start_relay(self, **config: Any) -> None:
        app = build_relay(
            relay_config(
                settings={"mp_delivery.webhook_secret": SECRET}, db_path=self.relay_db, **config
            )
        )
        self.relay = ServerThread(app, port=self.relay_port)
        self.relay.start()

    def stop_relay(self) -> None:
        if self.relay is not None:
            self.relay.stop()
            self.relay = None

    def start_sandbox(self, **config: Any) -> None:
        config.setdefault("speed", 1.0)
        config.setdefault("seed", 7)
        app = build_sandbox(
            SandboxConfig(relay_url=self.relay_url, webhook_secret=SECRET, **config)
        )
        self.sandbox = ServerThread(app)
        url = self.sandbox.start()
        self.control = httpx.Client(base_url=url, timeout=10)
        self.api = httpx.Client(
            base_url=url, timeout=10, headers={"Authorization": f"Bearer {MP_TOKEN}"}
        )

    def engine_settings(self) -> dict[str, Any]:
        assert self.sandbox is not None
        return {
            "relay_url": self.relay_url,
            "relay_token": self.desk_token,
            "mp_delivery.base_url": self.sandbox.url,
            "mp_delivery.access_token": MP_TOKEN,
            "auto_print": False,
        }

    def start_engine(self, **config: Any) -> Engine:
        config.setdefault("poll_wait_s", 5.0)
        self.engine = build_engine(
            EngineConfig(db_path=self.desk_db, initial_settings=self.engine_settings(), **config),
            self.listener,
        )
        self.engine.start()
        return self.engine

    def stop_engine(self) -> None:
        if self.engine is not None:
            self.engine.stop()
            self.engine = None

    def start(self, **sandbox_config: Any) -> Stack:
        self.start_relay()
        self.desk_token = add_store(self.relay_db, "Stack", mp_user_id=STORE_USER_ID)
        self.start_sandbox(**sandbox_config)
        self.start_engine()
        return self

    def stop(self) -> None:
        self.stop_engine()
        for client in (self.control, self.api):
            if client is not None:
                client.close()
        if self.sandbox is not None:
            self.sandbox.stop()
        self.stop_relay()

    # ---- the sandbox, as a test drives it -------------------------------------------------

    def create_order(self, logistics: str = "flex", **extra: Any) -> str:
        assert self.control is not None
        r = self.control.post("/_sandbox/orders", json={"logistics": logistics, **extra})
        assert r.status_code == 201, r.text
        order_id: str = r.json()["id"]
        return order_id

    def advance(self, order_id: str, **body: Any) -> None:
        assert self.control is not None
        r = self.control.post(f"/_sandbox/orders/{order_id}/advance", json=body)
        assert r.status_code == 200, r.text

    def jump(self, seconds: float) -> None:
        assert self.control is not None
        r = self.control.post("/_sandbox/clock", json={"advance_s": seconds})
        assert r.status_code == 200, r.text

    def sandbox_state(self, order_id: str) -> tuple[str, str | None]:
        assert self.api is not None
        ext = self.api.get(f"{API}/v1/orders/{order_id}").json()["extension"]
        return ext["status"], ext["substatus"]

    def webhooks(self, path: str, body: dict[str, Any] | None = None) -> None:
        assert self.control is not None
        r = self.control.post(f"/_sandbox/webhooks/{path}", json=body or {})
        assert r.status_code == 200, r.text

    def fault(self, **body: Any) -> None:
        assert self.control is not None
        r = self.control.post("/_sandbox/faults", json=body)
        assert r.status_code in (200, 201), r.text

    # ---- the desk's database, read as the UI would -----------------------------------------

    def desk_rows(self, sql: str, *params: Any) -> list[sqlite3.Row]:
        conn = sqlite3.connect(self.desk_db)
        conn.row_factory = sqlite3.Row
        # The rows hold an order key's text form.
        values = tuple(str(p) if isinstance(p, OrderKey) else p for p in params)
        try:
            return conn.execute(sql, values).fetchall()
        finally:
            conn.close()

    def timeline(self, order_id: str) -> list[tuple[str, str | None]]:
        from kitchen_app.store import DeskReader

        reader = DeskReader.open(self.desk_db)
        try:
            return [
                (e.pair.status, e.pair.substatus)
                for e in reader.timeline(OrderKey("mp_delivery", order_id))
            ]
        finally:
            reader.close()

    def desk_state(self, order_id: str) -> tuple[str, str | None] | None:
        from kitchen_app.store import DeskReader

        reader = DeskReader.open(self.desk_db)
        try:
            summary = reader.order_summary(OrderKey("mp_delivery", order_id))
            return None if summary is None else (summary.status.status, summary.status.substatus)
        finally:
            reader.close()

    def wait_desk_state(
        self, order_id: str, expected: tuple[str, str | None], timeout: float = 15.0
    ) -> bool:
        return self.listener.wait_for(lambda: self.desk_state(order_id) == expected, timeout)

    def wait(self, condition: Callable[[], bool], timeout: float = 15.0) -> bool:
        return self.listener.wait_for(condition, timeout)
