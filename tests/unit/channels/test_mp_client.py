"""MpDeliveryClient against httpx.MockTransport: paths, headers, bodies, errors, retries."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Awaitable, Callable, Coroutine
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from typing import Any, TypeVar

import httpx
import pytest

from kitchen_app.channels.base import CancelReason, ChannelClient, StoreInfo, StoreStatusClient
from kitchen_app.channels.errors import (
    AuthError,
    BadResponse,
    ChannelError,
    DependencyError,
    NotFound,
    RateLimited,
    StateConflict,
    TransientError,
)
from kitchen_app.channels.http import OutcomeUnknown
from kitchen_app.channels.mp_delivery import MpDeliveryClient, order_id_from_event
from kitchen_app.domain import Logistics, StatusPair

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "mp_order_flex.json"
TOKEN = "APP_USR-1234-secret-token-5678"
BASE = "https://api.example.test"
T = TypeVar("T")
Handler = Callable[[httpx.Request], httpx.Response]


def run(coro: Coroutine[Any, Any, T]) -> T:
    return asyncio.run(coro)


class Recorder:
    """A MockTransport handler that answers from a script and records every request."""

    def __init__(self, *answers: httpx.Response | Exception | Handler) -> None:
        self.answers = list(answers)
        self.requests: list[httpx.Request] = []
        self.sleeps: list[float] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        answer = self.answers.pop(0) if len(self.answers) > 1 else self.answers[0]
        if isinstance(answer, Exception):
            raise type(answer)(str(answer), request=request)  # type: ignore[call-arg]
        if isinstance(answer, httpx.Response):
            return answer
        return answer(request)

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)

    def client(self, **kwargs: Any) -> MpDeliveryClient:
        http = httpx.AsyncClient(transport=httpx.MockTransport(self))
        return MpDeliveryClient(BASE, TOKEN, http=http, sleep=self.sleep, **kwargs)


def use(recorder: Recorder, call: Callable[[MpDeliveryClient], Awaitable[T]], **kw: Any) -> T:
    async def go() -> T:
        client = recorder.client(**kw)
        try:
            return await call(client)
        finally:
            await client.aclose()
            await client._http._http.aclose()

    return run(go())


def order_json(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(FIXTURE.read_text(encoding="utf-8"))
    data.update(changes)
    return data


def error_body(status: int, message: str, error: str) -> httpx.Response:
    return httpx.Response(
        status, json={"message": message, "error": error, "status": status, "cause": []}
    )


# --- endpoints --------------------------------------------------------------------------


def test_is_a_channel_client() -> None:
    client = MpDeliveryClient(BASE, TOKEN)
    try:
        assert isinstance(client, ChannelClient)
        assert isinstance(client, StoreStatusClient)
    finally:
        run(client.aclose())


def test_fetch_order_sends_the_documented_headers() -> None:
    rec = Recorder(httpx.Response(200, json=order_json()))
    fetched = use(rec, lambda c: c.fetch_order("41034141533"), time_zone="GMT-5")
    (req,) = rec.requests
    assert req.method == "GET"
    assert str(req.url) == f"{BASE}/proximity-integration/v1/orders/41034141533"
    assert req.headers["Authorization"] == f"Bearer {TOKEN}"
    assert req.headers["Content-Type"] == "application/json"
    assert req.headers["x-time-zone"] == "GMT-5"
    assert fetched.order.order_id == "41034141533"
    assert fetched.order.logistics is Logistics.FLEX
    assert fetched.order.status == StatusPair("ready_to_ship", "printed")
    assert fetched.raw["displayId"] == "9129"


def test_fetch_order_default_time_zone_and_trailing_slash_base() -> None:
    rec = Recorder(httpx.Response(200, json=order_json()))

    async def go() -> None:
        http = httpx.AsyncClient(transport=httpx.MockTransport(rec))
        client = MpDeliveryClient(BASE + "/", TOKEN, http=http, sleep=rec.sleep)
        await client.fetch_order("41034141533")
        await http.aclose()

    run(go())
    assert rec.requests[0].headers["x-time-zone"] == "GMT-3"
    assert rec.requests[0].url.path == "/proximity-integration/v1/orders/41034141533"


def test_fetch_order_rejects_another_orders_json() -> None:
    rec = Recorder(httpx.Response(200, json=order_json(id="999")))
    with pytest.raises(BadResponse, match="999"):
        use(rec, lambda c: c.fetch_order("41034141533"))


def test_fetch_order_not_json_is_bad_response() -> None:
    rec = Recorder(httpx.Response(200, text="<html>oops</html>"))
    with pytest.raises(BadResponse, match=r"^order: answer is not JSON$"):
        use(rec, lambda c: c.fetch_order("41034141533"))
    assert len(rec.requests) == 1  # a bad answer is not retried


def test_fetch_order_unusable_json_names_the_field() -> None:
    data = order_json()
    data["items"][0]["unitPrice"]["value"] = "cheap"
    rec = Recorder(httpx.Response(200, json=data))
    with pytest.raises(BadResponse, match=r"items\[0\]\.unitPrice\.value is not a number"):
        use(rec, lambda c: c.fetch_order("41034141533"))


def test_order_ids_are_escaped_in_paths() -> None:
    rec = Recorder(httpx.Response(200, json={"status": "accepted"}))
    use(rec, lambda c: c.accept("12/../34"))
    assert rec.requests[0].url.raw_path == b"/proximity-integration/shipments/12%2F..%2F34/accept"
    with pytest.raises(ValueError, match="order id"):
        use(rec, lambda c: c.accept(" "))


def test_accept() -> None:
    rec = Recorder(httpx.Response(200, json={"status": "accepted"}))
    assert use(rec, lambda c: c.accept("41034141533")) is None
    (req,) = rec.requests
    assert (req.method, req.url.path) == (
        "PUT",
        "/proximity-integration/shipments/41034141533/accept",
    )
    assert json.loads(req.content) == {"status": "accepted"}
    assert req.headers["Authorization"] == f"Bearer {TOKEN}"
    assert req.headers["x-time-zone"] == "GMT-3"  # on every call (api notes §2)


def test_receipt_pdf_returns_bytes() -> None:
    pdf = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n%%EOF\n"
    rec = Recorder(httpx.Response(200, content=pdf, headers={"Content-Type": "application/pdf"}))
    assert use(rec, lambda c: c.receipt_pdf("41034141533")) == pdf
    (req,) = rec.requests
    assert (req.method, req.url.path) == (
        "GET",
        "/proximity-integration/shipments/41034141533/print_label_pdf",
    )


def test_receipt_pdf_rejects_a_non_pdf() -> None:
    rec = Recorder(httpx.Response(200, json={"status": "ok"}))
    with pytest.raises(BadResponse, match=r"not a PDF \(application/json\)"):
        use(rec, lambda c: c.receipt_pdf("1"))


def test_cancellation_reasons() -> None:
    reasons = [
        {"id": "CS7452", "value": "out_of_stock", "message": "Me falta alguno de los productos."},
        {"id": 12, "value": "closing_time"},
    ]
    rec = Recorder(httpx.Response(200, json=reasons))
    got = use(rec, lambda c: c.cancellation_reasons("41034141533"))
    assert got == [
        CancelReason("CS7452", "out_of_stock", "Me falta alguno de los productos."),
        CancelReason("12", "closing_time", "closing_time"),
    ]
    assert rec.requests[0].url.path == (
        "/proximity-integration/shipments/41034141533/cancellation-reasons"
    )


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"id": "x"}, r"^cancellation reasons: not a list$"),
        (["x"], r"^cancellation reasons\[0\]: not an object$"),
        ([{"value": "a"}], r"^cancellation reasons\[0\]\.id is missing$"),
        ([{"id": "a", "value": ""}], r"^cancellation reasons\[0\]\.value is missing$"),
    ],
)
def test_bad_cancellation_reasons(body: Any, message: str) -> None:
    rec = Recorder(httpx.Response(200, json=body))
    with pytest.raises(BadResponse, match=message):
        use(rec, lambda c: c.cancellation_reasons("1"))


def test_cancel_with_reason() -> None:
    reason = CancelReason("CS7452", "out_of_stock", "Me falta alguno de los productos.")
    rec = Recorder(httpx.Response(200, json={"status": "cancelled"}))
    use(rec, lambda c: c.cancel("41034141533", reason))
    (req,) = rec.requests
    assert (req.method, req.url.path) == (
        "PUT",
        "/proximity-integration/shipments/41034141533/cancel",
    )
    assert json.loads(req.content) == {
        "status": "cancelled",
        "cancellation_reason": {
            "id": "CS7452",
            "value": "out_of_stock",
            "message": "Me falta alguno de los productos.",
        },
    }


def test_cancel_without_reason() -> None:
    rec = Recorder(httpx.Response(200, json={"status": "cancelled"}))
    use(rec, lambda c: c.cancel("41034141533", None))
    assert json.loads(rec.requests[0].content) == {"status": "cancelled"}


def test_mark_ready() -> None:
    rec = Recorder(httpx.Response(200, json={"status": "ready"}))
    use(rec, lambda c: c.mark_ready("41034141533"))
    (req,) = rec.requests
    assert (req.method, req.url.path) == (
        "POST",
        "/proximity-integration/v1/orders/41034141533/ready",
    )


STORE = {
    "id": 44905357,
    "user_id": 1070421029,
    "description": "Doc's Store Palermo",
    "external_id": "UNID01",
    "status": "enabled",
    "location": {"address_line": "Calle 01 1523"},
}


def test_list_stores() -> None:
    rec = Recorder(httpx.Response(200, json=[STORE, {**STORE, "id": "2", "status": None}]))
    stores = use(rec, lambda c: c.list_stores("1070421029"))
    assert rec.requests[0].method == "GET"
    assert rec.requests[0].url.path == "/proximity-integration/users/1070421029/stores"
    assert [(s.store_id, s.name, s.status, s.external_id) for s in stores] == [
        ("44905357", "Doc's Store Palermo", "enabled", "UNID01"),
        ("2", "Doc's Store Palermo", "unknown", "UNID01"),  # the list carries no status
    ]
    assert all(isinstance(s, StoreInfo) for s in stores)


def test_list_stores_rejects_a_non_list() -> None:
    rec = Recorder(httpx.Response(200, json={"id": 1}))
    with pytest.raises(BadResponse, match=r"^stores: not a list$"):
        use(rec, lambda c: c.list_stores("1"))


def test_get_store() -> None:
    rec = Recorder(httpx.Response(200, json={**STORE, "status": "paused"}))
    store = use(rec, lambda c: c.get_store("44905357"))
    assert rec.requests[0].url.path == "/proximity-integration/stores/44905357"
    assert (store.store_id, store.status, store.paused) == ("44905357", "paused", True)


def test_get_store_without_id_is_bad() -> None:
    rec = Recorder(httpx.Response(200, json={"description": "x"}))
    with pytest.raises(BadResponse, match=r"^store: store id is missing$"):
        use(rec, lambda c: c.get_store("1"))


def test_set_store_status() -> None:
    rec = Recorder(httpx.Response(200, json={**STORE, "status": "paused"}))
    store = use(rec, lambda c: c.set_store_status("44905357", "paused"))
    (req,) = rec.requests
    assert (req.method, req.url.path) == ("PUT", "/proximity-integration/stores/44905357/status")
    assert json.loads(req.content) == {"status": "paused"}
    assert store.status == "paused"


def test_set_store_status_with_an_empty_answer() -> None:
    rec = Recorder(httpx.Response(200))
    store = use(rec, lambda c: c.set_store_status("7", "enabled"))
    assert (store.store_id, store.status) == ("7", "enabled")


def test_set_store_status_guards_irreversible_and_unknown() -> None:
    rec = Recorder(httpx.Response(200, json=STORE))
    with pytest.raises(ValueError, match="irreversible"):
        use(rec, lambda c: c.set_store_status("1", "disabled"))
    with pytest.raises(ValueError, match="must be one of"):
        use(rec, lambda c: c.set_store_status("1", "closed"))
    assert rec.requests == []  # disabled is irreversible: never sent, whatever the caller
    use(rec, lambda c: c.set_store_status("1"))
    assert json.loads(rec.requests[0].content) == {"status": "enabled"}


@pytest.mark.parametrize(
    ("topic", "resource", "expected"),
    [
        # The documented shapes (api notes §6.2): path, bare id, JSON number, whitespace.
        ("delivery", "/shipments/123", "123"),
        ("delivery", "41034141533", "41034141533"),
        ("delivery", 41034141533, "41034141533"),
        ("delivery", 41034141533.0, "41034141533"),
        ("delivery", "  /shipments/41034141533 \n", "41034141533"),
        ("delivery", " 41034141533\t", "41034141533"),
        ("delivery", '"41034141533"', "41034141533"),
        ("delivery", "'/shipments/41034141533'", "41034141533"),
        ("delivery", "/shipments/41034141533/", "41034141533"),
        ("delivery", "shipments/41034141533", "41034141533"),
        ("delivery", "https://api.mercadopago.com/shipments/55", "55"),
        ("delivery", "/shipments/55?x=1", "55"),
        # Topics: delivery, shipments (Mercado Libre's name), missing, case and spaces.
        ("shipments", "/shipments/7", "7"),
        ("", "/shipments/7", "7"),
        ("", "7", "7"),
        (" Delivery ", "7", "7"),
        ("delivery.updated", "/shipments/9", "9"),
        # Not an order's, or unusable: None (the engine lists it as unresolved).
        ("payment", "/shipments/123", None),
        ("merchant_order", "/merchant_orders/1", None),
        ("delivery", "/orders/123", None),
        ("delivery", "/shipments/", None),
        ("delivery", "/shipments/abc", None),
        ("delivery", "", None),
        ("delivery", "   ", None),
        ("delivery", "12 34", None),
        ("delivery", "\u0661\u0662\u0663", None),  # Arabic-Indic digits are no shipment id
        ("delivery", "/shipments/12\n/", None),
        ("delivery", "-5", None),
        ("delivery", 0, None),
        ("delivery", -3, None),
        ("delivery", 1.5, None),
        ("delivery", True, None),
        ("delivery", None, None),
        ("delivery", {"id": 1}, None),
    ],
)
def test_order_id_from_event(topic: str, resource: object, expected: str | None) -> None:
    assert order_id_from_event(topic, resource) == expected
    client = MpDeliveryClient(BASE, TOKEN)
    try:
        assert client.order_id_from_event(topic, resource) == expected  # type: ignore[arg-type]
    finally:
        run(client.aclose())


def test_constructor_rejects_a_bad_base_url() -> None:
    with pytest.raises(ValueError, match="base URL"):
        MpDeliveryClient("api.mercadopago.com", TOKEN)


@pytest.mark.parametrize("token", ["", "  ", "abc\r\nX-Evil: 1", "APP_USR-ñandú"])
def test_missing_or_broken_token_fails_every_call_without_sending(token: str) -> None:
    rec = Recorder(httpx.Response(200, json=order_json()))

    async def go() -> list[str]:
        http = httpx.AsyncClient(transport=httpx.MockTransport(rec))
        client = MpDeliveryClient(BASE, token, http=http, sleep=rec.sleep)
        messages = []
        try:
            for call in CALLS.values():
                with pytest.raises(AuthError) as info:
                    await call(client)
                assert info.value.code == "no_token"
                messages.append(info.value.message)
        finally:
            await http.aclose()
        return messages

    messages = run(go())
    assert len(messages) == len(CALLS)
    assert rec.requests == [] and rec.sleeps == []
    assert "X-Evil" not in " ".join(messages)


def test_shared_http_client_is_not_closed_but_own_one_is() -> None:
    async def go() -> tuple[bool, bool]:
        shared = httpx.AsyncClient(transport=httpx.MockTransport(Recorder(httpx.Response(200))))
        borrowed = MpDeliveryClient(BASE, TOKEN, http=shared)
        await borrowed.aclose()
        own = MpDeliveryClient(BASE, TOKEN)
        await own.aclose()
        result = (shared.is_closed, own._http._http.is_closed)
        await shared.aclose()
        return result

    assert run(go()) == (False, True)


# --- errors -----------------------------------------------------------------------------

CALLS: dict[str, Callable[[MpDeliveryClient], Awaitable[object]]] = {
    "fetch_order": lambda c: c.fetch_order("1"),
    "accept": lambda c: c.accept("1"),
    "cancel": lambda c: c.cancel("1", None),
    "cancellation_reasons": lambda c: c.cancellation_reasons("1"),
    "receipt_pdf": lambda c: c.receipt_pdf("1"),
    "mark_ready": lambda c: c.mark_ready("1"),
    "list_stores": lambda c: c.list_stores("1"),
    "get_store": lambda c: c.get_store("1"),
    "set_store_status": lambda c: c.set_store_status("1", "paused"),
}


@pytest.mark.parametrize("call", sorted(CALLS))
@pytest.mark.parametrize(
    ("status", "error", "calls"),
    [
        (400, StateConflict, 1),
        (401, AuthError, 1),
        (403, AuthError, 1),
        (404, NotFound, 1),
        (424, DependencyError, 4),
        (429, RateLimited, 4),
        (500, TransientError, 4),
        (503, TransientError, 4),
        (418, ChannelError, 1),
    ],
)
def test_every_error_status_maps_and_retries_as_documented(
    call: str, status: int, error: type[ChannelError], calls: int
) -> None:
    rec = Recorder(error_body(status, "Conflict-error - This order cannot be accepted.", "oops"))
    with pytest.raises(error) as info:
        use(rec, CALLS[call])
    assert type(info.value) is error
    assert info.value.status == status
    assert info.value.code == "oops"
    assert "Conflict-error - This order cannot be accepted." in info.value.message
    assert f"HTTP {status}" in info.value.message
    assert len(rec.requests) == calls
    assert rec.sleeps == [0.5, 1.0, 2.0][: calls - 1]


def test_state_conflict_is_never_retried_and_carries_the_body() -> None:
    rec = Recorder(
        error_body(
            400,
            "Conflict-error - This order cannot be accepted due to its current status.",
            "conflict_error",
        )
    )
    with pytest.raises(StateConflict) as info:
        use(rec, lambda c: c.accept("41034141533"), max_retries=5)
    assert len(rec.requests) == 1 and rec.sleeps == []
    assert info.value.code == "conflict_error"
    assert info.value.message == (
        "PUT /proximity-integration/shipments/41034141533/accept: HTTP 400: "
        "Conflict-error - This order cannot be accepted due to its current status."
    )
    assert not info.value.retryable


def test_error_without_json_body_still_keys_off_status() -> None:
    rec = Recorder(httpx.Response(404, text="Failed to search shipment"))
    with pytest.raises(NotFound) as info:
        use(rec, lambda c: c.fetch_order("5"))
    assert info.value.code is None
    assert info.value.message == "GET /proximity-integration/v1/orders/5: HTTP 404"


def test_error_key_read_from_error_key_field() -> None:
    rec = Recorder(httpx.Response(401, json={"message": "invalid token", "errorKey": "expired"}))
    with pytest.raises(AuthError) as info:
        use(rec, lambda c: c.fetch_order("5"))
    assert info.value.code == "expired"


# --- retries ----------------------------------------------------------------------------


def test_transient_failures_then_success_are_retried_with_backoff() -> None:
    rec = Recorder(
        httpx.Response(500),
        httpx.Response(424),
        httpx.Response(200, json=order_json()),
    )
    fetched = use(rec, lambda c: c.fetch_order("41034141533"))
    assert fetched.order.order_id == "41034141533"
    assert len(rec.requests) == 3
    assert rec.sleeps == [0.5, 1.0]


def test_backoff_is_bounded_and_configurable() -> None:
    rec = Recorder(httpx.Response(502))
    with pytest.raises(TransientError):
        use(rec, lambda c: c.get_store("1"), max_retries=8, backoff_s=2.0)
    assert len(rec.requests) == 9
    assert rec.sleeps == [2.0, 4.0, 8.0, 16.0, 30.0, 30.0, 30.0, 30.0]


def test_no_retries_when_max_retries_is_zero() -> None:
    rec = Recorder(httpx.Response(503))
    with pytest.raises(TransientError):
        use(rec, lambda c: c.fetch_order("1"), max_retries=0)
    assert len(rec.requests) == 1 and rec.sleeps == []


def test_retry_after_seconds_is_honoured() -> None:
    rec = Recorder(
        httpx.Response(429, headers={"Retry-After": "7"}),
        httpx.Response(200, json={"status": "accepted"}),
    )
    use(rec, lambda c: c.accept("1"))
    assert len(rec.requests) == 2
    assert rec.sleeps == [7.0]


def test_retry_after_shorter_than_backoff_keeps_the_backoff() -> None:
    rec = Recorder(httpx.Response(429, headers={"Retry-After": "0"}), httpx.Response(200))
    use(rec, lambda c: c.mark_ready("1"))
    assert rec.sleeps == [0.5]


def test_retry_after_http_date_is_honoured() -> None:
    when = datetime.now(UTC) + timedelta(seconds=20)
    rec = Recorder(
        httpx.Response(429, headers={"Retry-After": format_datetime(when, usegmt=True)}),
        httpx.Response(200, json={"status": "cancelled"}),
    )
    use(rec, lambda c: c.cancel("1", None))
    assert len(rec.requests) == 2
    (slept,) = rec.sleeps
    assert 15.0 <= slept <= 20.0


def test_rate_limited_error_carries_retry_after() -> None:
    rec = Recorder(httpx.Response(429, headers={"Retry-After": "3"}))
    with pytest.raises(RateLimited) as info:
        use(rec, lambda c: c.fetch_order("1"), max_retries=1)
    assert info.value.retry_after == 3.0
    assert rec.sleeps == [3.0]


def test_retry_after_too_long_is_raised_for_the_caller_to_schedule() -> None:
    rec = Recorder(httpx.Response(429, headers={"Retry-After": "3600"}))
    with pytest.raises(RateLimited) as info:
        use(rec, lambda c: c.fetch_order("1"))
    assert info.value.retry_after == 3600.0
    assert len(rec.requests) == 1 and rec.sleeps == []


def test_read_timeout_on_a_read_is_retried() -> None:
    rec = Recorder(httpx.ReadTimeout("slow"), httpx.Response(200, json=order_json()))
    fetched = use(rec, lambda c: c.fetch_order("41034141533"))
    assert fetched.order.order_id == "41034141533"
    assert len(rec.requests) == 2


@pytest.mark.parametrize("call", ["accept", "cancel", "receipt_pdf", "mark_ready"])
@pytest.mark.parametrize(
    "failure",
    [httpx.ReadTimeout("slow"), httpx.RemoteProtocolError("dropped"), httpx.ReadError("reset")],
)
def test_no_second_request_after_an_order_change_may_have_been_sent(
    call: str, failure: Exception
) -> None:
    rec = Recorder(failure, httpx.Response(200, json={"status": "accepted"}))
    with pytest.raises(OutcomeUnknown) as info:
        use(rec, CALLS[call])
    assert len(rec.requests) == 1
    assert rec.sleeps == []
    assert isinstance(info.value, TransientError)
    assert info.value.code == "outcome_unknown"
    assert "re-read" in info.value.message


@pytest.mark.parametrize("call", ["accept", "cancel", "mark_ready"])
def test_order_change_is_retried_when_the_request_never_left(call: str) -> None:
    rec = Recorder(
        httpx.ConnectError("refused"),
        httpx.ConnectTimeout("no route"),
        httpx.Response(200, json={"status": "ok"}),
    )
    use(rec, CALLS[call])
    assert len(rec.requests) == 3
    assert rec.sleeps == [0.5, 1.0]


@pytest.mark.parametrize("status", [424, 429, 500, 503])
def test_order_change_is_retried_when_the_answer_says_not_done(status: int) -> None:
    rec = Recorder(httpx.Response(status), httpx.Response(200, json={"status": "accepted"}))
    use(rec, lambda c: c.accept("1"))
    assert [r.method for r in rec.requests] == ["PUT", "PUT"]


def test_connection_refused_for_good_raises_transient() -> None:
    rec = Recorder(httpx.ConnectError("refused"))
    with pytest.raises(TransientError) as info:
        use(rec, lambda c: c.fetch_order("1"))
    assert not isinstance(info.value, OutcomeUnknown)
    assert len(rec.requests) == 4
    assert "ConnectError" in info.value.message


# --- secrets ----------------------------------------------------------------------------


def test_the_token_never_reaches_logs_reprs_or_errors(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    rec = Recorder(
        httpx.Response(500),
        httpx.Response(401, json={"message": "bad token", "error": "unauthorized"}),
    )
    with pytest.raises(AuthError) as info:
        use(rec, lambda c: c.fetch_order("1"))
    client = MpDeliveryClient(BASE, TOKEN)
    try:
        texts = [caplog.text, repr(client), repr(client._http), str(info.value)]
    finally:
        run(client.aclose())
    assert caplog.records  # the retry was logged
    for text in texts:
        assert TOKEN not in text
        assert "secret-token" not in text


def test_mapping_is_reachable_from_the_client_module() -> None:
    from kitchen_app.channels import mp_delivery, mp_mapping

    assert mp_delivery.map_order is mp_mapping.map_order
    assert mp_delivery.observed_at is mp_mapping.observed_at


def test_time_zone_is_sent_as_gmt_and_a_bad_one_falls_back_to_gmt_minus_3(
    caplog: pytest.LogCaptureFixture,
) -> None:
    rec = Recorder(httpx.Response(200, json={"status": "accepted"}))
    use(rec, lambda c: c.accept("1"), time_zone="America/Mexico_City")
    assert rec.requests[-1].headers["x-time-zone"] == "GMT-6"
    use(rec, lambda c: c.accept("1"), time_zone="-03:00")
    assert rec.requests[-1].headers["x-time-zone"] == "GMT-3"
    client = MpDeliveryClient(BASE, TOKEN, time_zone="Mars/Olympus")
    try:
        assert client.time_zone == "GMT-3"
        assert client.time_zone_problem is not None and "Mars/Olympus" in client.time_zone_problem
    finally:
        run(client.aclose())
    assert any("Mars/Olympus" in r.getMessage() for r in caplog.records)
