"""The sandbox shell mounts a plug-in's own simulator: its routes, its orders through
POST /_sandbox/orders {"channel": …}, its start and stop with the server."""

from __future__ import annotations

from collections.abc import Sequence

import httpx
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from kitchen_app.app.serving import ServerThread
from kitchen_app.channels.base import SandboxShell
from kitchen_app.domain.json import JSONObject
from kitchen_app.sandbox import SandboxConfig, build_app


class TinyMarket:
    """A marketplace simulator of one route, written here from the SandboxPart protocol."""

    channel = "tinymarket"

    def __init__(self, shell: SandboxShell) -> None:
        self.shell = shell
        self.orders: list[JSONObject] = []
        self.started = 0
        self.stopped = 0

    def routes(self) -> Sequence[BaseRoute]:
        async def get_order(request: Request) -> Response:
            for order in self.orders:
                if order["order_id"] == request.path_params["order_id"]:
                    return JSONResponse(order)
            return JSONResponse({"error": "not found"}, status_code=404)

        return [Route("/tiny/orders/{order_id}", get_order)]

    def create_order(self, body: JSONObject) -> JSONObject:
        if body.get("logistics", "walk") != "walk":
            raise ValueError("tinymarket only walks")
        order: JSONObject = {
            "channel": self.channel,
            "order_id": str(len(self.orders) + 1),
            "created": self.shell.now(),
        }
        self.orders.append(order)
        return order

    def list_orders(self) -> list[JSONObject]:
        return list(self.orders)

    async def start(self) -> None:
        self.started += 1

    async def stop(self) -> None:
        self.stopped += 1


def test_a_plugin_simulator_is_mounted_beside_mercado_pago() -> None:
    made: list[TinyMarket] = []

    def factory(shell: SandboxShell) -> TinyMarket:
        made.append(TinyMarket(shell))
        return made[-1]

    server = ServerThread(build_app(SandboxConfig(seed=3, token="T"), [factory]))
    url = server.start()
    try:
        with httpx.Client(base_url=url, headers={"Authorization": "Bearer T"}) as client:
            created = client.post("/_sandbox/orders", json={"channel": "tinymarket"})
            assert created.status_code == 201, created.text
            assert created.json()["order_id"] == "1"
            assert client.get("/tiny/orders/1").json()["channel"] == "tinymarket"
            refused = client.post(
                "/_sandbox/orders", json={"channel": "tinymarket", "logistics": "fly"}
            )
            assert refused.status_code == 400 and "only walks" in refused.text
            unknown = client.post("/_sandbox/orders", json={"channel": "nowhere"})
            assert unknown.status_code == 400
            assert "mp_delivery, tinymarket" in unknown.text
            client.post("/_sandbox/orders", json={"logistics": "flex"})
            channels = sorted(o.get("channel", "") for o in client.get("/_sandbox/orders").json())
            assert "tinymarket" in channels and len(channels) == 2
        assert made[0].shell.token == "T"
        assert made[0].started == 1
    finally:
        server.stop()
    assert made[0].stopped == 1
