"""MpDeliveryClient against the real sandbox over real HTTP on 127.0.0.1: every endpoint,
the documented errors, injected faults, the 5-minute expiry and both flows end to end.

Sandbox time moves only by ``POST /_sandbox/clock {"advance_s": S}`` (due timers fire
before it answers), so no test waits on the wall clock except the read-timeout one, which
polls with a bounded deadline.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable, Coroutine, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, TypeVar

import httpx
import pytest

from kitchen_app.app.serving import ServerThread
from kitchen_app.channels.base import CancelReason
from kitchen_app.channels.errors import (
    AuthError,
    DependencyError,
    NotFound,
    RateLimited,
    StateConflict,
    TransientError,
)
from kitchen_app.channels.http import OutcomeUnknown
from kitchen_app.channels.mercadopago.client import MpDeliveryClient
from kitchen_app.channels.mercadopago.mapping import observed_at
from kitchen_app.domain import Action, Logistics, Stage, StatusPair
from kitchen_app.sandbox import SandboxConfig, build_app

TOKEN = "APP_USR-sandbox"
SELLER = "1070421029"
STORE_ID = "44905357"
T = TypeVar("T")


@dataclass
class Sandbox:
    url: str
    control: httpx.Client
    requests: list[tuple[str, str]] = field(default_factory=list)  # what the client sent
    sleeps: list[float] = field(default_factory=list)  # the client's backoff waits

    def create(self, logistics: str = "flex", **extra: Any) -> str:
        r = self.control.post("/_sandbox/orders", json={"logistics": logistics, **extra})
        assert r.status_code == 201, r.text
        order_id: str = r.json()["id"]
        return order_id

    def jump(self, seconds: float) -> None:
        r = self.control.post("/_sandbox/clock", json={"advance_s": seconds})
        assert r.status_code == 200, r.text

    def advance(self, order_id: str) -> None:
        r = self.control.post(f"/_sandbox/orders/{order_id}/advance", json={})
        assert r.status_code == 200, r.text

    def fault(self, **spec: Any) -> None:
        r = self.control.post("/_sandbox/faults", json=spec)
        assert r.status_code == 201, r.text

    def faults_left(self) -> list[dict[str, Any]]:
        rules: list[dict[str, Any]] = self.control.get("/_sandbox/faults").json()
        return rules

    def sent(self, method: str, suffix: str) -> int:
        return sum(1 for m, path in self.requests if m == method and path.endswith(suffix))

    def run(
        self,
        body: Callable[[MpDeliveryClient], Awaitable[T]],
        *,
        token: str = TOKEN,
        timeout: float = 10.0,
        **kwargs: Any,
    ) -> T:
        """Run ``body`` with a fresh client whose requests and backoff waits are recorded."""

        async def record(request: httpx.Request) -> None:
            self.requests.append((request.method, request.url.path))

        async def sleep(seconds: float) -> None:
            self.sleeps.append(seconds)

        async def go() -> T:
            async with httpx.AsyncClient(
                timeout=httpx.Timeout(timeout), event_hooks={"request": [record]}
            ) as http:
                client = MpDeliveryClient(
                    self.url, token, http=http, sleep=sleep, backoff_s=0.01, **kwargs
                )
                try:
                    return await body(client)
                finally:
                    await client.aclose()

        return _run(go())


def _run(coro: Coroutine[Any, Any, T]) -> T:
    return asyncio.run(coro)


@pytest.fixture
def start_sandbox() -> Iterator[Callable[..., Sandbox]]:
    started: list[tuple[ServerThread, httpx.Client]] = []

    def start(**config: Any) -> Sandbox:
        server = ServerThread(build_app(SandboxConfig(seed=11, **config)))
        url = server.start()
        control = httpx.Client(base_url=url, timeout=10.0)
        started.append((server, control))
        return Sandbox(url=url, control=control)

    yield start
    for server, control in started:
        control.close()
        server.stop()


@pytest.fixture
def sandbox(start_sandbox: Callable[..., Sandbox]) -> Sandbox:
    return start_sandbox()


async def state(client: MpDeliveryClient, order_id: str) -> StatusPair:
    return (await client.fetch_order(order_id)).order.status


# --- flows end to end -------------------------------------------------------------------


def test_flex_flow_end_to_end(sandbox: Sandbox) -> None:
    order_id = sandbox.create("flex")

    async def flow(c: MpDeliveryClient) -> None:
        fetched = await c.fetch_order(order_id)
        order = fetched.order
        assert order.logistics is Logistics.FLEX
        assert order.status == StatusPair("ready_to_ship", "ready_to_print")
        assert order.qr is not None and order.qr.id == order_id
        assert order.store_id == STORE_ID
        assert order.items and order.totals.total.currency == "ARS"
        assert order.totals.total == order.totals.items + order.totals.fees - (
            order.totals.discount
        )
        assert observed_at(order, fetched.raw, order.status) is not None

        reasons = await c.cancellation_reasons(order_id)
        assert reasons[0] == CancelReason("CS7452", "out_of_stock", reasons[0].message)

        await c.accept(order_id)
        assert await state(c, order_id) == StatusPair("ready_to_ship", "printed")
        with pytest.raises(StateConflict) as second:
            await c.accept(order_id)
        assert second.value.status == 400 and second.value.code == "conflict_error"
        assert "cannot be accepted" in second.value.message

        pdf = await c.receipt_pdf(order_id)
        assert pdf.startswith(b"%PDF")
        with pytest.raises(StateConflict):
            await c.mark_ready(order_id)  # only Dropoff orders have a ready call

        sandbox.jump(61)
        assert await state(c, order_id) == StatusPair("ready_to_ship", "ready_to_cook")
        sandbox.jump(241)
        assert await state(c, order_id) == StatusPair("shipped", "out_for_delivery")
        with pytest.raises(StateConflict):
            await c.receipt_pdf(order_id)  # refused once shipped
        with pytest.raises(StateConflict):
            await c.cancel(order_id, None)

        sandbox.advance(order_id)
        fetched = await c.fetch_order(order_id)
        assert fetched.order.status == StatusPair("delivered", None)
        assert fetched.order.is_final
        assert fetched.order.delivered_at is not None
        assert observed_at(fetched.order, fetched.raw, fetched.order.status) == (
            fetched.order.delivered_at
        )

    sandbox.run(flow)
    assert sandbox.sleeps == []  # nothing in a clean flow needed a retry


def test_dropoff_flow_end_to_end(sandbox: Sandbox) -> None:
    order_id = sandbox.create("dropoff")

    async def flow(c: MpDeliveryClient) -> None:
        order = (await c.fetch_order(order_id)).order
        assert order.logistics is Logistics.DROPOFF
        assert order.qr is None
        assert order.status == StatusPair("ready_to_ship", "ready_to_print")

        sandbox.jump(91)  # a courier is assigned before the restaurant accepts
        order = (await c.fetch_order(order_id)).order
        assert order.status == StatusPair("ready_to_ship", "on_route_to_pickup")
        assert order.logistics is Logistics.DROPOFF
        assert order.estimated_pickup_at is not None

        with pytest.raises(StateConflict):
            await c.mark_ready(order_id)  # not before acceptance
        await c.accept(order_id)
        assert await state(c, order_id) == StatusPair("ready_to_ship", "on_route_to_pickup")
        with pytest.raises(StateConflict):
            await c.mark_ready(order_id)  # §5b: printed (ready_to_cook) only

        sandbox.jump(241)
        assert await state(c, order_id) == StatusPair("ready_to_ship", "picking_up")
        for expected in [
            StatusPair("shipped", "out_for_delivery"),
            StatusPair("shipped", "at_the_door"),
            StatusPair("delivered", None),
        ]:
            sandbox.advance(order_id)
            assert await state(c, order_id) == expected

    sandbox.run(flow)


def test_print_label_pdf_accepts_a_new_order(sandbox: Sandbox) -> None:
    order_id = sandbox.create("flex")

    async def flow(c: MpDeliveryClient) -> StatusPair:
        assert (await c.receipt_pdf(order_id)).startswith(b"%PDF")
        return await state(c, order_id)

    assert sandbox.run(flow) == StatusPair("ready_to_ship", "printed")


def test_cancel_with_an_offered_reason_and_without_one(sandbox: Sandbox) -> None:
    first, second = sandbox.create("flex"), sandbox.create("dropoff")

    async def flow(c: MpDeliveryClient) -> None:
        reasons = await c.cancellation_reasons(first)
        assert len(reasons) >= 2 and all(r.id and r.value and r.message for r in reasons)
        await c.cancel(first, reasons[1])
        assert await state(c, first) == StatusPair("cancelled", "cancelled_manually")
        assert await c.cancellation_reasons(first) == []  # nothing to offer once cancelled

        await c.accept(second)
        after_accept = await c.cancellation_reasons(second)
        assert after_accept != reasons  # the offer depends on the order's state
        await c.cancel(second, None)
        assert await state(c, second) == StatusPair("cancelled", "cancelled_manually")
        with pytest.raises(StateConflict):
            await c.cancel(second, None)

    sandbox.run(flow)


def test_cancel_with_a_reason_not_offered_is_refused(sandbox: Sandbox) -> None:
    order_id = sandbox.create("flex")
    bogus = CancelReason("NOPE1", "made_up", "Not a reason the marketplace offered.")

    async def flow(c: MpDeliveryClient) -> StatusPair:
        with pytest.raises(StateConflict) as info:
            await c.cancel(order_id, bogus)
        assert info.value.status == 400
        return await state(c, order_id)

    assert sandbox.run(flow) == StatusPair("ready_to_ship", "ready_to_print")
    assert sandbox.sent("PUT", "/cancel") == 1


# --- expiry and the store ---------------------------------------------------------------


def test_expiry_after_five_minutes_and_the_store_pause(sandbox: Sandbox) -> None:
    first, second = sandbox.create("flex"), sandbox.create("dropoff")

    async def flow(c: MpDeliveryClient) -> None:
        created = (await c.fetch_order(first)).order.created_at
        sandbox.jump(299)
        assert await state(c, first) == StatusPair("ready_to_ship", "ready_to_print")
        sandbox.jump(2)
        fetched = await c.fetch_order(first)
        assert fetched.order.status == StatusPair("cancelled", "time_expired")
        assert fetched.order.is_final
        assert fetched.order.accept_deadline == created + timedelta(minutes=5)
        with pytest.raises(StateConflict):
            await c.accept(first)
        assert (await state(c, second)).substatus == "time_expired"

        # Two automatic cancellations in a row pause the store (api notes §8.5).
        assert (await c.get_store(STORE_ID)).status == "paused"
        store = await c.set_store_status(STORE_ID, "enabled")
        assert (store.store_id, store.status) == (STORE_ID, "enabled")
        assert (await c.get_store(STORE_ID)).status == "enabled"

    sandbox.run(flow)


def test_store_endpoints(sandbox: Sandbox) -> None:
    async def flow(c: MpDeliveryClient) -> None:
        (listed,) = await c.list_stores(SELLER)
        assert (listed.store_id, listed.external_id) == (STORE_ID, "UNID01")
        assert listed.status == "unknown"  # the list carries no status (api notes §9)
        store = await c.get_store(STORE_ID)
        assert (store.store_id, store.name, store.status) == (STORE_ID, listed.name, "enabled")
        paused = await c.set_store_status(STORE_ID, "paused")
        assert paused.status == "paused"
        assert (await c.get_store(STORE_ID)).status == "paused"
        with pytest.raises(NotFound):
            await c.get_store("99999999")
        with pytest.raises(AuthError) as info:
            await c.list_stores("5")  # a seller this token does not belong to
        assert info.value.status == 403

    sandbox.run(flow)


# --- documented errors ------------------------------------------------------------------


def test_wrong_token_is_an_auth_error_never_retried(sandbox: Sandbox) -> None:
    order_id = sandbox.create("flex")

    async def flow(c: MpDeliveryClient) -> None:
        for call in (c.fetch_order, c.accept, c.cancellation_reasons, c.receipt_pdf):
            with pytest.raises(AuthError) as info:
                await call(order_id)
            assert info.value.status == 401
            assert "APP_USR-wrong" not in info.value.message

    sandbox.run(flow, token="APP_USR-wrong")
    assert len(sandbox.requests) == 4 and sandbox.sleeps == []


def test_another_stores_order_is_forbidden(start_sandbox: Callable[..., Sandbox]) -> None:
    sandbox = start_sandbox()
    r = sandbox.control.post(
        "/_sandbox/stores", json={"name": "Otra", "user_id": 555, "token": "APP_USR-other"}
    )
    assert r.status_code == 201, r.text
    theirs = sandbox.create("flex", store=555)

    async def flow(c: MpDeliveryClient) -> None:
        with pytest.raises(AuthError) as info:
            await c.fetch_order(theirs)
        assert info.value.status == 403
        with pytest.raises(AuthError):
            await c.accept(theirs)

    sandbox.run(flow)


def test_unknown_order_is_not_found(sandbox: Sandbox) -> None:
    async def flow(c: MpDeliveryClient) -> None:
        with pytest.raises(NotFound) as info:
            await c.fetch_order("12345")
        assert info.value.status == 404 and "Failed to search shipment" in info.value.message

    sandbox.run(flow)
    assert len(sandbox.requests) == 1


def test_strict_time_zone_and_camel_case_substatus(
    start_sandbox: Callable[..., Sandbox],
) -> None:
    sandbox = start_sandbox(strict_time_zone=True, emit_camel_substatus=True)
    order_id = sandbox.create("flex")
    anon = sandbox.control.get(
        f"/proximity-integration/v1/orders/{order_id}",
        headers={"Authorization": f"Bearer {TOKEN}"},
    )
    assert anon.status_code == 400  # the sandbox insists on x-time-zone here

    async def flow(c: MpDeliveryClient) -> StatusPair:
        return await state(c, order_id)

    assert sandbox.run(flow) == StatusPair("ready_to_ship", "ready_to_print")


def test_injected_424_is_retried_until_it_clears(sandbox: Sandbox) -> None:
    order_id = sandbox.create("flex")
    sandbox.fault(match="get_order", status=424, count=2, order_id=order_id)

    async def flow(c: MpDeliveryClient) -> str:
        return (await c.fetch_order(order_id)).order.order_id

    assert sandbox.run(flow) == order_id
    assert sandbox.sent("GET", f"/v1/orders/{order_id}") == 3
    assert sandbox.sleeps == [0.01, 0.02]
    assert sandbox.faults_left() == []


def test_persistent_424_raises_dependency_error_after_bounded_retries(sandbox: Sandbox) -> None:
    order_id = sandbox.create("flex")
    sandbox.fault(match="cancellation_reasons", status=424, count=10)

    async def flow(c: MpDeliveryClient) -> None:
        with pytest.raises(DependencyError) as info:
            await c.cancellation_reasons(order_id)
        assert "Failed to get some information of the order" in info.value.message

    sandbox.run(flow, max_retries=2)
    assert sandbox.sent("GET", "/cancellation-reasons") == 3
    assert sandbox.faults_left()[0]["count"] == 7


@pytest.mark.parametrize("status", [500, 503])
def test_server_errors_on_accept_are_retried_and_it_is_accepted_once(
    sandbox: Sandbox, status: int
) -> None:
    order_id = sandbox.create("flex")
    sandbox.fault(match="accept", status=status, count=2)

    async def flow(c: MpDeliveryClient) -> StatusPair:
        await c.accept(order_id)
        return await state(c, order_id)

    assert sandbox.run(flow) == StatusPair("ready_to_ship", "printed")
    assert sandbox.sent("PUT", "/accept") == 3


def test_persistent_server_error_is_transient(sandbox: Sandbox) -> None:
    order_id = sandbox.create("flex")
    sandbox.fault(match="cancel", status=500, count=20)

    async def flow(c: MpDeliveryClient) -> StatusPair:
        with pytest.raises(TransientError) as info:
            await c.cancel(order_id, None)
        assert info.value.status == 500
        return await state(c, order_id)

    assert sandbox.run(flow) == StatusPair("ready_to_ship", "ready_to_print")
    assert sandbox.sent("PUT", "/cancel") == 4


def test_rate_limit_retry_after_is_honoured(sandbox: Sandbox) -> None:
    order_id = sandbox.create("flex")
    sandbox.fault(match="print_label_pdf", status=429, retry_after=2, count=1)

    async def flow(c: MpDeliveryClient) -> bytes:
        return await c.receipt_pdf(order_id)

    assert sandbox.run(flow).startswith(b"%PDF")
    assert sandbox.sleeps == [2.0]
    assert sandbox.sent("GET", "/print_label_pdf") == 2


def test_rate_limit_that_persists_is_raised_with_retry_after(sandbox: Sandbox) -> None:
    sandbox.fault(match="stores", status=429, retry_after=1, count=10)

    async def flow(c: MpDeliveryClient) -> None:
        with pytest.raises(RateLimited) as info:
            await c.get_store(STORE_ID)
        assert info.value.retry_after == 1.0

    sandbox.run(flow, max_retries=1)
    assert sandbox.sleeps == [1.0]


@pytest.mark.parametrize("operation", ["accept", "cancel"])
def test_read_timeout_on_an_order_change_sends_it_once(sandbox: Sandbox, operation: str) -> None:
    order_id = sandbox.create("flex")
    sandbox.fault(match=operation, delay_s=1.0, count=1)  # the answer comes too late

    async def change(c: MpDeliveryClient) -> None:
        with pytest.raises(OutcomeUnknown) as info:
            if operation == "accept":
                await c.accept(order_id)
            else:
                await c.cancel(order_id, None)
        assert "re-read" in info.value.message

    sandbox.run(change, timeout=0.3)
    assert sandbox.sent("PUT", f"/{operation}") == 1
    assert sandbox.sleeps == []


def test_lost_answer_then_a_re_read_tells_the_action_took_effect(sandbox: Sandbox) -> None:
    """print_label_pdf accepts the order; its answer is lost, the accept still happens."""
    order_id = sandbox.create("flex")
    sandbox.fault(match="print_label_pdf", delay_s=1.0, count=1)  # held, then done

    async def print_label(c: MpDeliveryClient) -> None:
        with pytest.raises(OutcomeUnknown):
            await c.receipt_pdf(order_id)

    sandbox.run(print_label, timeout=0.3)
    assert sandbox.sent("GET", "/print_label_pdf") == 1

    async def reread(c: MpDeliveryClient) -> StatusPair:
        deadline = time.monotonic() + 10
        while True:
            pair = await state(c, order_id)
            if pair.substatus == "printed" or time.monotonic() > deadline:
                return pair
            await asyncio.sleep(0.05)

    assert sandbox.run(reread) == StatusPair("ready_to_ship", "printed")
    assert sandbox.sent("GET", "/print_label_pdf") == 1


def test_connection_refused_is_transient_after_retries() -> None:
    with ServerThread(build_app(SandboxConfig(seed=1))) as server:
        url = server.url
    # The server is stopped: its port now refuses connections.
    sandbox = Sandbox(url=url, control=httpx.Client())
    try:

        async def flow(c: MpDeliveryClient) -> None:
            with pytest.raises(TransientError) as info:
                await c.accept("1")
            assert not isinstance(info.value, OutcomeUnknown)

        sandbox.run(flow)
    finally:
        sandbox.control.close()
    assert sandbox.sent("PUT", "/accept") == 4  # never reached: safe to repeat
    assert sandbox.sleeps == [0.01, 0.02, 0.04]


# --- the real-API shapes the sandbox can answer in (issue 9) --------------------------------


@pytest.mark.parametrize("time_style", ["offset", "naive", "utc"])
@pytest.mark.parametrize("time_zone", ["GMT-3", "GMT-6"])
def test_times_read_right_in_every_time_style(
    start_sandbox: Callable[..., Sandbox], time_style: str, time_zone: str
) -> None:
    sandbox = start_sandbox(time_style=time_style, strict_time_zone=True)
    created = sandbox.control.post("/_sandbox/orders", json={"logistics": "dropoff"}).json()
    utc_created = datetime.fromisoformat(created["order"]["createdAt"].replace("Z", "+00:00"))

    async def flow(c: MpDeliveryClient) -> None:
        fetched = await c.fetch_order(created["id"])
        assert fetched.order.created_at == utc_created
        assert fetched.order.accept_deadline == utc_created + timedelta(minutes=5)

    sandbox.run(flow, time_zone=time_zone)


def test_a_404_for_the_first_seconds_then_the_order(start_sandbox: Callable[..., Sandbox]) -> None:
    sandbox = start_sandbox(not_found_for_s=5.0)
    order_id = sandbox.create("flex")

    async def flow(c: MpDeliveryClient) -> None:
        with pytest.raises(NotFound):
            await c.fetch_order(order_id)
        sandbox.jump(6)
        assert (await c.fetch_order(order_id)).order.order_id == order_id

    sandbox.run(flow)


def test_an_unknown_substatus_is_new_and_can_be_accepted(
    start_sandbox: Callable[..., Sandbox],
) -> None:
    sandbox = start_sandbox()
    order_id = sandbox.create("dropoff", substatus="waiting_kitchen_slot")

    async def flow(c: MpDeliveryClient) -> None:
        order = (await c.fetch_order(order_id)).order
        assert order.status == StatusPair("ready_to_ship", "waiting_kitchen_slot")
        assert order.flow.stage_of(order.status, accepted=False) is Stage.NEW
        assert Action.ACCEPT in order.flow.allowed_actions(order.status, accepted=False)
        await c.accept(order_id)

    sandbox.run(flow)
