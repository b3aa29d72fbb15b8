"""The sandbox shell knows no marketplace: it mounts whatever parts it is given, Mercado
Pago's like any other, and lends them its clock, timers and fault rules."""

from __future__ import annotations

from collections.abc import Sequence

import httpx
from starlette.routing import BaseRoute

from kitchen_app.app.plugins import registry
from kitchen_app.app.serving import ServerThread
from kitchen_app.channels.base import SandboxShell
from kitchen_app.domain.json import JSONObject
from kitchen_app.sandbox import ShellConfig, build_shell


class Counter:
    """A simulator with no routes of its own: it counts the orders asked of it."""

    channel = "counter"

    def __init__(self, shell: SandboxShell) -> None:
        self.made: list[JSONObject] = []

    def routes(self) -> Sequence[BaseRoute]:
        return []

    def create_order(self, body: JSONObject) -> JSONObject:
        self.made.append({"channel": self.channel, "order_id": str(len(self.made) + 1)})
        return self.made[-1]

    def list_orders(self) -> list[JSONObject]:
        return list(self.made)

    async def start(self) -> None:
        return None

    async def stop(self) -> None:
        return None


def test_a_shell_without_mercado_pago_serves_only_its_parts() -> None:
    server = ServerThread(build_shell(ShellConfig(seed=2), [Counter]))
    with server, httpx.Client(base_url=server.url) as client:
        made = client.post("/_sandbox/orders", json={})  # no channel: the first part
        assert made.status_code == 201 and made.json()["channel"] == "counter"
        assert client.get("/_sandbox/orders?store=1").json() == [made.json()]
        assert client.get("/_sandbox/clock").json()["rate_per_min"] == 0.0
        assert client.get("/proximity-integration/v1/orders/1").status_code == 404
        # Only the shell's own operations (and those parts declare) can be faulted.
        refused = client.post("/_sandbox/faults", json={"match": "accept", "status": 500})
        assert refused.status_code == 400
        assert refused.json()["message"] == "match must be one of *, oauth"
        unknown = client.post("/_sandbox/orders", json={"channel": "mp_delivery"})
        assert unknown.status_code == 400 and "use one of: counter" in unknown.text


def test_mercado_pago_mounts_from_the_registry_like_the_others() -> None:
    parts = [p.sandbox for p in registry() if p.sandbox is not None]
    assert len(parts) == len(registry())
    app = build_shell(ShellConfig(seed=4, token="T"), parts)
    assert list(app.state.parts) == list(registry().channels)
    server = ServerThread(app)
    auth = {"Authorization": "Bearer T"}
    with server, httpx.Client(base_url=server.url, headers=auth) as client:
        made = client.post("/_sandbox/orders", json={"logistics": "dropoff"})
        assert made.status_code == 201, made.text
        order_id = made.json()["id"]
        # Its fault operations were declared to the shell's rules, which its routes meet.
        fault = {"match": "get_order", "status": 503, "order_id": order_id}
        assert client.post("/_sandbox/faults", json=fault).status_code == 201
        faulted = client.get(f"/proximity-integration/v1/orders/{order_id}")
        assert faulted.status_code == 503
        assert faulted.json()["message"] == "Service unavailable"
        read = client.get(f"/proximity-integration/v1/orders/{order_id}")
        assert read.status_code == 200 and read.json()["id"] == order_id
        # The shell's clock moves its timers: unaccepted, it expires after 300 s.
        client.post("/_sandbox/clock", json={"advance_s": 301})
        summary = client.get(f"/_sandbox/orders/{order_id}").json()
        assert (summary["status"], summary["substatus"]) == ("cancelled", "time_expired")
