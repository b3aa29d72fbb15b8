"""A small stand-in Mercado Pago written from the API notes' documented shapes (not our
sandbox), a real relay, a TCP "network" between the desk and the relay that a test can cut,
and the headless engine in its own process. Tests of the engine against the world use these.
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
import json
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import httpx
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from kitchen_app.app.relay_setup import relay_config
from kitchen_app.app.serving import ServerThread, free_port
from kitchen_app.relay import add_store
from kitchen_app.relay import build_app as build_relay
from tests.headless import HeadlessProcess, headless_argv

FIXTURE = Path(__file__).parents[2] / "fixtures" / "mp_order_flex.json"
STORE_USER_ID = 1793791954
STORE_ID = "57997"
TOKEN = "APP_USR-standin"
GMT_3 = timezone(timedelta(hours=-3))


def local_text(moment: datetime, zone: timezone = GMT_3) -> str:
    """A time as the API may render it: in the requested zone, without any offset."""
    return moment.astimezone(zone).replace(tzinfo=None).isoformat(timespec="seconds")


@dataclass
class Behaviour:
    """How the stand-in answers GETs of one order."""

    fail_first: int = 0  # this many GETs answer `fail_status`…
    fail_status: int = 404
    hang: bool = False  # …or every GET waits until released (never answers in time)
    gets: int = 0


@dataclass
class StandIn:
    """The marketplace: orders as documented JSON, a per-order behaviour, stores."""

    orders: dict[str, dict[str, Any]] = field(default_factory=dict)
    behaviour: dict[str, Behaviour] = field(default_factory=dict)
    store_status: str = "enabled"
    status_puts: list[str] = field(default_factory=list)
    time_zones: list[str] = field(default_factory=list)
    release: threading.Event = field(default_factory=threading.Event)
    server: ServerThread | None = None

    def add_order(
        self,
        order_id: str,
        *,
        created_at: datetime | None = None,
        created_text: str | None = None,
        status: str = "ready_to_ship",
        substatus: str | None = "ready_to_print",
        behaviour: Behaviour | None = None,
    ) -> None:
        raw = json.loads(FIXTURE.read_text())
        raw["id"] = order_id
        raw["displayId"] = order_id[-4:]
        created = created_at or datetime.now(UTC)
        raw["createdAt"] = created_text or local_text(created)
        raw["preparationStartDateTime"] = raw["createdAt"]
        raw["extension"] = copy.deepcopy(raw["extension"])
        raw["extension"]["store"] = {**raw["extension"].get("store", {}), "id": STORE_ID}
        raw["extension"]["status"] = status
        raw["extension"]["substatus"] = substatus
        self.orders[order_id] = raw
        self.behaviour[order_id] = behaviour or Behaviour()

    @staticmethod
    def _refused(request: Request) -> Response | None:
        if request.headers.get("authorization") != f"Bearer {TOKEN}":
            return JSONResponse({"message": "invalid_token", "status": 401}, status_code=401)
        return None

    async def _order(self, request: Request) -> Response:
        if refused := self._refused(request):
            return refused
        self.time_zones.append(request.headers.get("x-time-zone", ""))
        order_id = request.path_params["shipment_id"]
        behaviour = self.behaviour.get(order_id)
        if behaviour is None:
            return JSONResponse({"message": "not_found", "status": 404}, status_code=404)
        behaviour.gets += 1
        if behaviour.hang:
            while not self.release.is_set():
                await asyncio.sleep(0.05)
            return JSONResponse({"message": "gateway timeout", "status": 504}, status_code=504)
        if behaviour.gets <= behaviour.fail_first:
            status = behaviour.fail_status
            return JSONResponse({"message": "error", "status": status}, status_code=status)
        return JSONResponse(self.orders[order_id])

    async def _accept(self, request: Request) -> Response:
        if refused := self._refused(request):
            return refused
        order = self.orders.get(request.path_params["shipment_id"])
        if order is None:
            return JSONResponse({"message": "not_found", "status": 404}, status_code=404)
        if order["extension"]["substatus"] != "ready_to_print":
            return JSONResponse({"message": "invalid_status", "status": 400}, status_code=400)
        order["extension"]["substatus"] = "printed"
        return JSONResponse({"status": "accepted"})

    async def _stores(self, request: Request) -> Response:
        if refused := self._refused(request):
            return refused
        return JSONResponse([{"id": int(STORE_ID), "user_id": STORE_USER_ID, "description": "X"}])

    async def _store(self, request: Request) -> Response:
        if refused := self._refused(request):
            return refused
        return JSONResponse({"id": int(STORE_ID), "description": "X", "status": self.store_status})

    async def _store_status(self, request: Request) -> Response:
        if refused := self._refused(request):
            return refused
        body = await request.json()
        self.status_puts.append(body.get("status"))
        self.store_status = body.get("status", self.store_status)
        return JSONResponse({"id": int(STORE_ID), "status": self.store_status})

    def start(self) -> str:
        base = "/proximity-integration"
        app = Starlette(
            routes=[
                Route(f"{base}/v1/orders/{{shipment_id}}", self._order),
                Route(f"{base}/shipments/{{shipment_id}}/accept", self._accept, methods=["PUT"]),
                Route(f"{base}/users/{{user_id}}/stores", self._stores),
                Route(f"{base}/stores/{{store_id}}", self._store),
                Route(f"{base}/stores/{{store_id}}/status", self._store_status, methods=["PUT"]),
            ]
        )
        self.server = ServerThread(app)
        return self.server.start()

    def stop(self) -> None:
        self.release.set()
        if self.server is not None:
            self.server.stop()

    @property
    def url(self) -> str:
        assert self.server is not None
        return self.server.url


class NetCut:
    """A TCP forwarder between the desk and the relay: ``cut()`` drops every connection and
    refuses new ones (the network is gone); ``restore()`` lets them through again."""

    def __init__(self, target_port: int) -> None:
        self.port = free_port()
        self._target = target_port
        self._up = threading.Event()
        self._up.set()
        self._conns: list[socket.socket] = []
        self._lock = threading.Lock()
        self._listener: socket.socket | None = None
        self._stopped = False
        self._thread = threading.Thread(target=self._accept, daemon=True)

    def start(self) -> NetCut:
        self._open()
        self._thread.start()
        return self

    def _open(self) -> None:
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", self.port))
        except OSError:
            sock.close()
            raise
        sock.listen(64)
        sock.settimeout(0.1)
        self._listener = sock

    def _accept(self) -> None:
        while not self._stopped:
            sock = self._listener
            if sock is None or not self._up.is_set():
                time.sleep(0.02)
                continue
            try:
                client, _ = sock.accept()
            except (TimeoutError, OSError):
                continue
            try:
                upstream = socket.create_connection(("127.0.0.1", self._target), timeout=2)
            except OSError:
                client.close()
                continue
            client.settimeout(None)  # long polls sit idle for seconds
            upstream.settimeout(None)
            with self._lock:
                self._conns += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    @staticmethod
    def _pipe(src: socket.socket, dst: socket.socket) -> None:
        try:
            while data := src.recv(65536):
                dst.sendall(data)
        except OSError:
            pass
        finally:
            for s in (src, dst):
                with contextlib.suppress(OSError):
                    s.shutdown(socket.SHUT_RDWR)

    def cut(self) -> None:
        self._up.clear()
        if self._listener is not None:
            self._listener.close()
            self._listener = None
        with self._lock:
            for s in self._conns:
                with contextlib.suppress(OSError):
                    s.shutdown(socket.SHUT_RDWR)
                s.close()
            self._conns.clear()

    def restore(self) -> None:
        # The accept thread may still hold the old listener for up to its 0.1 s timeout.
        deadline = time.monotonic() + 2.0
        while True:
            try:
                self._open()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.01)
        self._up.set()

    def stop(self) -> None:
        self._stopped = True
        self.cut()
        self._thread.join(2)


@dataclass
class World:
    """Stand-in marketplace + real relay (+ optional network cut) for one test."""

    tmp: Path
    standin: StandIn = field(default_factory=StandIn)
    relay: ServerThread | None = None
    relay_port: int = field(default_factory=free_port)
    token: str = ""
    net: NetCut | None = None

    def start(self, *, with_net: bool = False) -> World:
        self.standin.start()
        app = build_relay(relay_config(db_path=self.tmp / "relay.sqlite3"))
        self.relay = ServerThread(app, port=self.relay_port)
        self.relay.start()
        self.token = add_store(self.tmp / "relay.sqlite3", "Stand-in", mp_user_id=STORE_USER_ID)
        if with_net:
            self.net = NetCut(self.relay_port).start()
        return self

    def stop(self) -> None:
        if self.net is not None:
            self.net.stop()
        self.standin.stop()
        if self.relay is not None:
            self.relay.stop()

    @property
    def relay_url(self) -> str:
        return f"http://127.0.0.1:{self.relay_port}"

    @property
    def desk_relay_url(self) -> str:
        """The relay as the desk reaches it (through the network cut when there is one)."""
        return f"http://127.0.0.1:{self.net.port}" if self.net else self.relay_url

    def webhook(self, resource: Any, *, topic: str | None = "delivery") -> None:
        """POST a Mercado Pago notification, as documented (§6.2), to the real relay."""
        body: dict[str, Any] = {
            "_id": str(uuid.uuid4()),
            "resource": resource,
            "user_id": STORE_USER_ID,
            "application_id": "924152943338358",
            "sent": datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z"),
            "attempts": 1,
            "received": datetime.now(UTC).isoformat().replace("+00:00", "Z"),
            "actions": [],
        }
        if topic is not None:
            body["topic"] = topic
        r = httpx.post(f"{self.relay_url}/webhooks/mercadopago", json=body, timeout=10)
        assert r.status_code == 200, r.text

    def settings(self) -> dict[str, Any]:
        return {
            "relay_url": self.desk_relay_url,
            "relay_token": self.token,
            "mp_delivery.base_url": self.standin.url,
            "mp_delivery.access_token": TOKEN,
            "mp_delivery.user_id": str(STORE_USER_ID),
            "time_zone": "GMT-3",
            "auto_print": False,
        }


class Headless(HeadlessProcess):
    """``kitchen-app headless`` against the world's stand-in and relay."""

    def __init__(self, world: World, data_dir: Path, *extra: str) -> None:
        self.data_dir = data_dir
        sets = [
            f"mp_delivery.base_url={world.standin.url}",
            f"mp_delivery.access_token={TOKEN}",
            "time_zone=GMT-3",
            "auto_print=no",
        ]
        super().__init__(
            headless_argv(
                ["--data-dir", str(data_dir)],
                world.desk_relay_url,
                world.token,
                sets,
                "--poll-wait",
                "5",
                *extra,
            )
        )


def orders_json(data_dir: Path) -> list[dict[str, Any]]:
    """What ``kitchen-app orders --json`` lists for today (the desk's own zone)."""
    out = subprocess.run(
        [sys.executable, "-m", "kitchen_app", "orders", "--json", "--data-dir", str(data_dir)],
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    )
    listed: list[dict[str, Any]] = json.loads(out.stdout)
    return listed


def wait_until(condition: Callable[[], bool], timeout: float = 15.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()
