"""The sandbox with the real parts that use it: its signed webhooks land in the real relay,
and the desk's Mercado Pago client works every order action against it."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import httpx
from sandbox_testkit import Sandbox, wait_until

from kitchen_app.app.relay_setup import relay_config
from kitchen_app.app.serving import ServerThread
from kitchen_app.channels.mercadopago.client import MpDeliveryClient
from kitchen_app.domain import Logistics, StatusPair
from kitchen_app.relay import add_store, build_app

SECRET = "peer-test-secret"


def test_signed_webhooks_are_accepted_by_the_relay(start_sandbox: Any, tmp_path: Path) -> None:
    db = tmp_path / "relay.sqlite3"
    desk_token = add_store(db, "Doña Rosa", mp_user_id=1070421029)
    relay = ServerThread(
        build_app(relay_config(settings={"mp_delivery.webhook_secret": SECRET}, db_path=db))
    )
    relay_url = relay.start()
    try:
        sb = start_sandbox(relay_url=relay_url, webhook_secret=SECRET)
        oid = sb.create("flex")
        sb.accept(oid)
        with httpx.Client(base_url=relay_url) as desk:
            events: list[dict[str, Any]] = []
            cursor = 0
            while len(events) < 2:
                r = desk.get(
                    "/v1/events",
                    params={"after": cursor, "wait": 5},
                    headers={"Authorization": f"Bearer {desk_token}"},
                    timeout=15,
                )
                assert r.status_code == 200, r.text
                assert r.json()["events"], "the relay got no webhook in 5 s"
                events += r.json()["events"]
                cursor = r.json()["cursor"]
        assert {e["resource"] for e in events} == {f"/shipments/{oid}"}
        outcomes = [d["outcome"] for d in sb.anon.get("/_sandbox/webhooks").json()["deliveries"]]
        assert outcomes == ["delivered", "delivered"]
        # A wrong secret is refused by the relay (401) and so retried later.
        bad = start_sandbox(relay_url=relay_url, webhook_secret="not-the-secret")
        bad.create("flex")

        def refused() -> bool:
            log = bad.anon.get("/_sandbox/webhooks").json()["deliveries"]
            return bool(log) and log[0]["outcome"] == "http_401"

        wait_until(refused, what="the relay to refuse a bad signature")
    finally:
        relay.stop()


def test_the_desk_client_against_the_sandbox(sandbox: Sandbox) -> None:
    async def run() -> None:
        client = MpDeliveryClient(sandbox.url, "APP_USR-sandbox", backoff_s=0.01)
        try:
            flex, drop = sandbox.create("flex"), sandbox.create("dropoff")
            assert client.order_id_from_event("delivery", f"/shipments/{flex}") == flex
            fetched = (await client.fetch_order(flex)).order
            assert fetched.logistics is Logistics.FLEX and fetched.qr is not None
            assert fetched.status == StatusPair("ready_to_ship", "ready_to_print")
            await client.accept(flex)
            assert (await client.fetch_order(flex)).order.status.substatus == "printed"
            pdf = await client.receipt_pdf(flex)
            assert pdf.startswith(b"%PDF")
            dropoff = (await client.fetch_order(drop)).order
            assert dropoff.logistics is Logistics.DROPOFF and dropoff.qr is None
            await client.accept(drop)
            await client.mark_ready(drop)
            reasons = await client.cancellation_reasons(drop)
            assert any(r.id == "CS7452" for r in reasons)
            await client.cancel(drop, reasons[0])
            cancelled = (await client.fetch_order(drop)).order
            assert cancelled.status == StatusPair("cancelled", "cancelled_manually")
            [store] = await client.list_stores("1070421029")
            assert (store.store_id, store.name, store.external_id) == (
                "44905357",
                "La Parrilla de Doña Rosa",
                "UNID01",
            )
            assert (await client.get_store("44905357")).status == "enabled"
        finally:
            await client.aclose()

    asyncio.run(run())
