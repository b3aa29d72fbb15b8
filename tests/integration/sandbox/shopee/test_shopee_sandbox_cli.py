"""`kitchen-app sandbox serve` plays Shopee too: the sandbox token is a Shopee access token,
and the partner key, partner id and shop id come from the environment the relay also reads."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time

import httpx

from kitchen_app.app.serving import free_port
from kitchen_app.channels.shopee.client import KeyCredentials, ShopeeClient


def test_sandbox_serve_answers_signed_shopee_calls() -> None:
    port = free_port()
    env = dict(
        os.environ,
        KITCHEN_SHOPEE_PARTNER_KEY="cli-partner-key",
        KITCHEN_SHOPEE_PARTNER_ID="4242",
        KITCHEN_SHOPEE_SHOP_ID="9090",
    )
    proc = subprocess.Popen(
        [sys.executable, "-m", "kitchen_app", "sandbox", "serve", "--port", str(port),
         "--token", "APP_USR-cli"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(base + "/_sandbox/clock").status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline and proc.poll() is None, "sandbox did not start"
            time.sleep(0.05)
        made = httpx.post(base + "/_sandbox/orders", json={"channel": "shopee"})
        assert made.status_code == 201 and made.json()["shop_id"] == 9090
        listed = httpx.get(base + "/_sandbox/orders").json()
        assert made.json()["order_id"] in {o.get("order_id") for o in listed}

        async def flow() -> None:
            client = ShopeeClient(
                base,
                partner_id=4242,
                shop_id=9090,
                credentials=KeyCredentials("APP_USR-cli", "cli-partner-key"),
            )
            details = await client.get_order_detail([made.json()["order_id"]])
            assert details.orders[0]["order_status"] == "READY_TO_SHIP"
            await client.aclose()

        asyncio.run(flow())
    finally:
        proc.terminate()
        proc.wait(timeout=15)
