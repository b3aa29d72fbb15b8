"""MercadoLibreClient against a stand-in written here from the documented shapes (api notes
A.0-A.7, seeds 001/002/004): paths, headers, bodies, errors, paging, substatus rules."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable, Coroutine
from datetime import UTC, datetime, timedelta, timezone
from typing import Any, TypeVar
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from kitchen_app.channels.errors import AuthError, BadResponse, NotFound, StateConflict
from kitchen_app.channels.mercadolibre.client import (
    EXPIRED_MESSAGE,
    FeedbackRequest,
    MercadoLibreClient,
    is_no_substatus,
)

BASE = "https://api.ml.test"
TOKEN = "APP_USR-6h-token-0001"
T = TypeVar("T")
Handler = Callable[[httpx.Request], httpx.Response]


def run(coro: Coroutine[Any, Any, T]) -> T:
    return asyncio.run(coro)


def error(status: int, key: str, message: str) -> httpx.Response:
    return httpx.Response(
        status, json={"message": message, "error": key, "status": status, "cause": []}
    )


class StandIn:
    """Answers like Mercado Libre's documented examples and records each request."""

    def __init__(self, route: Handler) -> None:
        self.route = route
        self.requests: list[httpx.Request] = []
        self.sleeps: list[float] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return self.route(request)

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)

    def client(self, token: str = TOKEN) -> MercadoLibreClient:
        http = httpx.AsyncClient(transport=httpx.MockTransport(self))
        return MercadoLibreClient.with_token(
            BASE, token, http=http, sleep=self.sleep, max_retries=2, backoff_s=0.01
        )


def body(request: httpx.Request) -> Any:
    return json.loads(request.content)


def test_get_order_sends_bearer_and_new_format_header() -> None:
    order = {"id": 2000016796107272, "status": "paid", "shipping": {"id": None}}
    stand_in = StandIn(lambda r: httpx.Response(200, json=order))
    got = run(stand_in.client().get_order("2000016796107272"))
    assert got == order
    request = stand_in.requests[0]
    assert request.url.path == "/orders/2000016796107272"
    assert request.headers["authorization"] == f"Bearer {TOKEN}"
    assert request.headers["x-format-new"] == "true"
    assert "access_token" not in str(request.url)


def test_expired_token_says_relink() -> None:
    stand_in = StandIn(lambda r: error(401, "unauthorized", "invalid access token"))
    with pytest.raises(AuthError) as caught:
        run(stand_in.client().get_order("1"))
    assert EXPIRED_MESSAGE in caught.value.message
    assert caught.value.status == 401
    assert len(stand_in.requests) == 1  # never retried


def test_empty_token_never_sends() -> None:
    stand_in = StandIn(lambda r: httpx.Response(200, json={}))
    with pytest.raises(AuthError):
        run(stand_in.client(token=" ").get_order("1"))
    assert stand_in.requests == []


def test_not_found_is_typed() -> None:
    stand_in = StandIn(lambda r: error(404, "order_not_found", "Order not found"))
    with pytest.raises(NotFound) as caught:
        run(stand_in.client().get_order("9"))
    assert caught.value.code == "order_not_found"


def test_shipment_orders_of_a_cart() -> None:
    def route(request: httpx.Request) -> httpx.Response:
        assert request.headers["x-new-domain"] == "true"
        return httpx.Response(200, json={"orders": [{"id": 2000001}, {"id": "2000002"}]})

    stand_in = StandIn(route)
    assert run(stand_in.client().shipment_order_ids("42313159782")) == ["2000001", "2000002"]
    assert stand_in.requests[0].url.path == "/shipments/42313159782/orders"


def test_order_shipment_204_is_none_and_hosted_view_is_followed() -> None:
    answers = iter(
        [
            httpx.Response(204),
            httpx.Response(200, json=[{"id": 5, "type": "return"}, {"id": 7, "type": "forward"}]),
            httpx.Response(200, json={"id": 7, "mode": "me1", "status": "pending"}),
        ]
    )
    stand_in = StandIn(lambda r: next(answers))
    client = stand_in.client()
    assert run(client.order_shipment("1")) is None
    assert run(client.order_shipment("1")) == {"id": 7, "mode": "me1", "status": "pending"}
    assert stand_in.requests[-1].url.path == "/shipments/7"


def test_search_pages_by_last_update_and_asks_again_on_206() -> None:
    pages = iter(
        [
            httpx.Response(206, json={"results": [], "paging": {"total": 3}}),
            httpx.Response(
                200,
                json={
                    "results": [{"id": 1}, {"id": 2}],
                    "paging": {"total": 3, "offset": 0, "limit": 2},
                },
            ),
        ]
    )
    stand_in = StandIn(lambda r: next(pages))
    since = datetime(2026, 9, 1, 10, 30, tzinfo=timezone(timedelta(hours=-3)))
    page = run(stand_in.client().search_orders("3430803000", updated_from=since, limit=2))
    assert [o["id"] for o in page.results] == [1, 2]
    assert page.partial is False
    assert page.next_offset == 2
    query = parse_qs(urlsplit(str(stand_in.requests[-1].url)).query)
    assert query["seller"] == ["3430803000"]
    assert query["order.date_last_updated.from"] == ["2026-09-01T10:30:00.000-03:00"]
    assert query["sort"] == ["date_asc"]
    assert query["offset"] == ["0"] and query["limit"] == ["2"]
    assert len(stand_in.requests) == 2


def test_search_for_cancelled_orders_names_the_status() -> None:
    stand_in = StandIn(lambda r: httpx.Response(200, json={"results": [], "paging": {"total": 0}}))
    page = run(
        stand_in.client().search_orders(
            "1", updated_from=datetime.now(UTC), statuses=("cancelled",)
        )
    )
    assert page.next_offset is None
    query = parse_qs(urlsplit(str(stand_in.requests[0].url)).query)
    assert query["order.status"] == ["cancelled"]


def test_tracking_number_put_before_status() -> None:
    stand_in = StandIn(
        lambda r: httpx.Response(
            200, json={"id": 28264263908, "tracking_number": "OP123456789BR", "service_id": 11}
        )
    )
    echo = run(
        stand_in.client().set_tracking_number("28264263908", " OP123456789BR ", service_id=11)
    )
    assert echo["tracking_number"] == "OP123456789BR"
    request = stand_in.requests[0]
    assert (request.method, request.url.path) == ("PUT", "/shipments/28264263908")
    assert body(request) == {"service_id": 11, "tracking_number": "OP123456789BR"}


@pytest.mark.parametrize("substatus", [None, "null", "", "NULL"])
def test_v1_notification_sends_string_null(substatus: str | None) -> None:
    stand_in = StandIn(lambda r: httpx.Response(200, json={"status": "OK"}))
    when = datetime(2020, 2, 28, 16, 3, 51, 175000, tzinfo=timezone(timedelta(hours=-4)))
    run(
        stand_in.client().notify_shipment(
            "28264263908", "shipped", substatus, date=when, comment="despachado"
        )
    )
    request = stand_in.requests[0]
    assert (request.method, request.url.path) == (
        "POST",
        "/shipments/28264263908/seller_notifications",
    )
    assert body(request) == {
        "payload": {"comment": "despachado", "date": "2020-02-28T16:03:51.175-04:00"},
        "status": "shipped",
        "substatus": "null",
    }


def test_v2_notification_sends_json_null_and_service_id() -> None:
    stand_in = StandIn(lambda r: httpx.Response(200, json={"status": "OK"}))
    when = datetime(2026, 8, 28, 9, 30, tzinfo=timezone(timedelta(hours=-4)))
    run(
        stand_in.client().notify_shipment(
            "1", "delivered", "null", date=when, api="v2", service_id=11
        )
    )
    request = stand_in.requests[0]
    assert request.url.path == "/v2/shipments/1/seller_notifications"
    sent = body(request)
    assert sent["substatus"] is None and "substatus" in sent
    assert sent["payload"]["service_id"] == 11


def test_notification_refused_is_a_conflict_with_the_key() -> None:
    stand_in = StandIn(
        lambda r: httpx.Response(
            400,
            json={
                "status_code": 400,
                "error_code": "shipment_mode_is_not_me1",
                "message": "Shipment mode is not me1",
            },
        )
    )
    with pytest.raises(StateConflict) as caught:
        run(
            stand_in.client().notify_shipment(
                "1", "shipped", None, date=datetime.now(UTC), api="v1"
            )
        )
    assert caught.value.code == "shipment_mode_is_not_me1"
    assert "Shipment mode is not me1" in caught.value.message


def test_stock_on_a_simple_item() -> None:
    stand_in = StandIn(lambda r: httpx.Response(200, json={"id": "MLB1", "available_quantity": 3}))
    run(stand_in.client().set_stock("MLB1", 3))
    assert body(stand_in.requests[0]) == {"available_quantity": 3}


def test_stock_with_variations_keeps_every_variation_and_retries_409() -> None:
    item = {
        "id": "MLB2",
        "variations": [{"id": 11, "available_quantity": 4}, {"id": 12, "available_quantity": 9}],
    }
    puts: list[Any] = []

    def route(request: httpx.Request) -> httpx.Response:
        if request.method == "GET":
            assert request.url.params["attributes"] == "variations"
            return httpx.Response(200, json=item)
        puts.append(body(request))
        if len(puts) == 1:
            return error(409, "conflict", "item optimistic locking error")
        return httpx.Response(200, json=item)

    stand_in = StandIn(route)
    run(stand_in.client().set_stock("MLB2", 0, variation_id="12"))
    assert puts[-1] == {
        "variations": [{"id": 11, "available_quantity": 4}, {"id": 12, "available_quantity": 0}]
    }
    assert len(puts) == 2
    assert [r.method for r in stand_in.requests] == ["GET", "PUT", "GET", "PUT"]


def test_feedback_not_fulfilled_carries_reason_and_second_is_refused() -> None:
    answers = iter(
        [httpx.Response(201, json={"id": 1}), error(400, "bad_request", "feedback already exists")]
    )
    stand_in = StandIn(lambda r: next(answers))
    feedback = FeedbackRequest(
        fulfilled=False,
        rating="neutral",
        message="Sem estoque",
        reason="OUT_OF_STOCK",
        restock_item=True,
    )
    client = stand_in.client()
    run(client.post_feedback("77", feedback))
    assert body(stand_in.requests[0]) == {
        "fulfilled": False,
        "rating": "neutral",
        "message": "Sem estoque",
        "reason": "OUT_OF_STOCK",
        "restock_item": True,
    }
    with pytest.raises(StateConflict):
        run(client.post_feedback("77", feedback))


def test_feedback_rules_checked_before_sending() -> None:
    with pytest.raises(ValueError):
        FeedbackRequest(fulfilled=False, rating="negative", message="x")
    with pytest.raises(ValueError):
        FeedbackRequest(fulfilled=True, rating="positive", message="x" * 160)


def test_missed_feeds_reads_messages() -> None:
    stand_in = StandIn(
        lambda r: httpx.Response(
            200, json={"messages": [{"resource": "/orders/1", "topic": "orders_v2"}]}
        )
    )
    assert run(stand_in.client().missed_feeds("6456467593802500")) == [
        {"resource": "/orders/1", "topic": "orders_v2"}
    ]
    assert stand_in.requests[0].url.params["app_id"] == "6456467593802500"


def test_non_json_answer_is_a_bad_response() -> None:
    stand_in = StandIn(lambda r: httpx.Response(200, text="<html>"))
    with pytest.raises(BadResponse):
        run(stand_in.client().get_shipment("1"))


@pytest.mark.parametrize(
    ("value", "none"),
    [(None, True), ("null", True), ("", True), (" Null ", True), ("out_for_delivery", False)],
)
def test_no_substatus_rule(value: object, none: bool) -> None:
    assert is_no_substatus(value) is none
