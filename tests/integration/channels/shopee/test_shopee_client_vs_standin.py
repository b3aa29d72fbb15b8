"""The Shopee client against a small stand-in Shopee written here from the documented shapes
(api notes B.1, B.2, B.5; seed 003), not against our sandbox: both were written from one
reading of the docs, and this one is as literal as possible. A real HTTP server on 127.0.0.1.

What it does the way the real platform may: a ``sign`` checked over
``partner_id + path + timestamp + access_token + shop_id``; a cursor ``"2"`` as text; the
``PENDING_INVOICE`` spelling in the list; a business error in an HTTP 200; the error key
``invalid_acceess_token`` (sic); ``ship_order`` answering with no ``response``; an empty
tracking number; ``error_server`` behind a 500.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import time
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from kitchen_app.app.serving import ServerThread
from kitchen_app.channels.errors import (
    AuthError,
    NotFound,
    RateLimited,
    StateConflict,
    TransientError,
)
from kitchen_app.channels.http import RetryPolicy
from kitchen_app.channels.shopee.client import (
    KeyCredentials,
    ShopeeClient,
    list_windows,
)
from kitchen_app.channels.shopee.mapping import map_order

PARTNER_ID = 2001887
PARTNER_KEY = "standin-partner-key"
SHOP_ID = 165571443
TOKEN = "59777174636562737266615546704c6d"

# The trimmed real sample of B.2 (VN), with Brazilian money and an item list.
ORDER = {
    "order_sn": "2404098R48U37H",
    "region": "BR",
    "order_status": "READY_TO_SHIP",
    "currency": "BRL",
    "cod": False,
    "create_time": 1712601591,
    "update_time": 1713139948,
    "pay_time": 1712817766,
    "ship_by_date": 1712671200,
    "days_to_ship": 2,
    "message_to_seller": "Sem cebola, por favor",
    "total_amount": 75.7,
    "cancel_by": "",
    "cancel_reason": "",
    "buyer_cancel_reason": "",
    "payment_method": "Pix",
    "shipping_carrier": "Correios",
    "buyer_user_id": 77,
    "buyer_username": "comprador",
    "item_list": [
        {
            "item_id": 1680783,
            "item_name": "Marmita",
            "model_id": 327890123,
            "model_name": "Grande",
            "model_quantity_purchased": 2,
            "model_original_price": 35.0,
            "model_discounted_price": 32.9,
        }
    ],
    "package_list": [
        {
            "package_number": "OFG166300791210964",
            "logistics_status": "LOGISTICS_READY",
            "logistics_channel_id": 18080,
        }
    ],
    "recipient_address": {"name": "P******n", "phone": "******64", "full_address": "****"},
}


@dataclass
class StandIn:
    seen: list[tuple[str, str, dict[str, str], dict[str, Any] | None]] = field(default_factory=list)
    answers: dict[str, list[tuple[int, dict[str, Any]]]] = field(default_factory=dict)

    def answer(self, path: str, status: int, body: dict[str, Any]) -> None:
        self.answers.setdefault(path, []).append((status, body))

    async def handle(self, request: Request) -> Response:
        raw = await request.body()
        body = json.loads(raw) if raw else None
        query = dict(request.query_params)
        self.seen.append((request.method, request.url.path, query, body))
        base = (
            f"{query.get('partner_id')}{request.url.path}{query.get('timestamp')}"
            f"{query.get('access_token')}{query.get('shop_id')}"
        )
        expected = hmac.new(PARTNER_KEY.encode(), base.encode(), hashlib.sha256).hexdigest()
        if query.get("sign") != expected:
            return JSONResponse(
                {"error": "error_sign", "message": "Wrong sign.", "request_id": "r1"}, 403
            )
        if abs(time.time() - int(query.get("timestamp", "0"))) > 300:
            return JSONResponse(
                {"error": "error_param", "message": "Timestamp is expired.", "request_id": "r"}
            )
        queued = self.answers.get(request.url.path)
        if not queued:
            return JSONResponse({"error": "error_not_found", "message": "no", "request_id": "r"})
        status, answer = queued.pop(0) if len(queued) > 1 else queued[0]
        return JSONResponse(answer, status)


@pytest.fixture
def standin() -> Iterator[tuple[StandIn, str]]:
    state = StandIn()
    app = Starlette(routes=[Route("/{path:path}", state.handle, methods=["GET", "POST"])])
    server = ServerThread(app)
    url = server.start()
    try:
        yield state, url
    finally:
        server.stop()


def _run(url: str, flow: Callable[[ShopeeClient], Awaitable[None]], key: str = PARTNER_KEY) -> None:
    async def main() -> None:
        client = ShopeeClient(
            url,
            partner_id=PARTNER_ID,
            shop_id=SHOP_ID,
            credentials=KeyCredentials(TOKEN, key),
            policy=RetryPolicy(max_retries=2, backoff_s=0.01),
        )
        try:
            await flow(client)
        finally:
            await client.aclose()

    asyncio.run(main())


def test_every_call_is_signed_with_the_common_parameters(standin: tuple[StandIn, str]) -> None:
    state, url = standin
    state.answer(
        "/api/v2/order/get_order_detail",
        200,
        {"error": "", "message": "", "request_id": "x", "response": {"order_list": [ORDER]}},
    )

    async def flow(client: ShopeeClient) -> None:
        details = await client.get_order_detail(["2404098R48U37H"])
        assert [o["order_sn"] for o in details.orders] == ["2404098R48U37H"]
        assert details.missing == ()

    _run(url, flow)
    method, path, query, body = state.seen[0]
    assert (method, path, body) == ("GET", "/api/v2/order/get_order_detail", None)
    assert query["partner_id"] == str(PARTNER_ID)
    assert query["shop_id"] == str(SHOP_ID)
    assert query["access_token"] == TOKEN
    assert abs(int(query["timestamp"]) - time.time()) < 60
    assert query["order_sn_list"] == "2404098R48U37H"
    fields = set(query["response_optional_fields"].split(","))
    assert {"item_list", "package_list", "pay_time", "total_amount", "recipient_address"} <= fields


def test_a_wrong_partner_key_is_an_auth_error_with_shopees_words(
    standin: tuple[StandIn, str],
) -> None:
    state, url = standin

    async def flow(client: ShopeeClient) -> None:
        with pytest.raises(AuthError, match="Wrong sign") as caught:
            await client.get_tracking_number("2404098R48U37H")
        assert caught.value.code == "error_sign"

    _run(url, flow, key="not-the-key")
    assert len(state.seen) == 1  # an auth error is never retried


def test_order_list_cursor_is_text_and_both_invoice_spellings_pass(
    standin: tuple[StandIn, str],
) -> None:
    state, url = standin
    state.answer(
        "/api/v2/order/get_order_list",
        200,
        {
            "error": "",
            "message": "",
            "request_id": "x",
            "response": {
                "more": True,
                "next_cursor": "2",
                "order_list": [
                    {"order_sn": "201218V2Y6E59M", "order_status": "READY_TO_SHIP"},
                    {"order_sn": "201218V2W2SG1E", "order_status": "PENDING_INVOICE"},
                ],
            },
        },
    )
    state.answer(
        "/api/v2/order/get_order_list",
        200,
        {
            "error": "",
            "message": "",
            "request_id": "y",
            "response": {"more": False, "next_cursor": "", "order_list": []},
        },
    )

    async def flow(client: ShopeeClient) -> None:
        first = await client.get_order_list(1607235072, 1608271872)
        assert first.more and first.next_cursor == "2"
        assert [(e.order_sn, e.order_status) for e in first.orders] == [
            ("201218V2Y6E59M", "READY_TO_SHIP"),
            ("201218V2W2SG1E", "PENDING_INVOICE"),
        ]
        second = await client.get_order_list(1607235072, 1608271872, first.next_cursor)
        assert not second.more and second.orders == ()

    _run(url, flow)
    cursors = [q["cursor"] for _, _, q, _ in state.seen]
    assert cursors == ["", "2"]
    first_query = state.seen[0][2]
    assert first_query["time_range_field"] == "update_time"
    assert first_query["page_size"] == "100"
    assert first_query["response_optional_fields"] == "order_status"


def test_a_window_over_15_days_is_refused_before_any_call_and_split_by_list_windows() -> None:
    start = datetime(2026, 11, 1, tzinfo=UTC)
    windows = list(list_windows(start, start + timedelta(days=40)))
    assert len(windows) == 3
    assert all(0 < b - a <= 15 * 86_400 for a, b in windows)
    assert windows[0][0] == int(start.timestamp())
    assert windows[-1][1] == int((start + timedelta(days=40)).timestamp())
    assert all(windows[n][1] == windows[n + 1][0] for n in range(len(windows) - 1))

    async def main() -> None:
        client = ShopeeClient(
            "http://127.0.0.1:9",
            partner_id=PARTNER_ID,
            shop_id=SHOP_ID,
            credentials=KeyCredentials(TOKEN, PARTNER_KEY),
        )
        with pytest.raises(ValueError, match="15 days"):
            await client.get_order_list(0, 16 * 86_400)
        await client.aclose()

    asyncio.run(main())


def test_business_errors_in_a_200_are_typed_and_keep_shopees_message(
    standin: tuple[StandIn, str],
) -> None:
    state, url = standin
    state.answer(
        "/api/v2/order/cancel_order",
        200,
        {"error": "order.error_limit", "message": "Can not cancel this order.", "request_id": "r"},
    )
    state.answer(
        "/api/v2/order/handle_buyer_cancellation",
        200,
        {
            "error": "order.order_status_invalid",
            "message": "Invalid order_status.The order status should be IN_CANCEL.",
            "request_id": "r",
        },
    )
    state.answer(
        "/api/v2/logistics/get_tracking_number",
        403,
        {"error": "invalid_acceess_token", "message": "Invalid access_token.", "request_id": "r"},
    )
    state.answer(
        "/api/v2/order/get_order_detail",
        200,
        {
            "error": "error_not_found",
            "message": "Wrong parameters, detail: the order is not found.",
            "request_id": "r",
        },
    )

    async def flow(client: ShopeeClient) -> None:
        with pytest.raises(StateConflict, match="Can not cancel this order") as cancel:
            await client.cancel_order("2404098R48U37H", "CUSTOMER_REQUEST")
        assert cancel.value.code == "order.error_limit"
        with pytest.raises(StateConflict, match="should be IN_CANCEL"):
            await client.handle_buyer_cancellation("2404098R48U37H", "REJECT")
        with pytest.raises(AuthError):
            await client.get_tracking_number("2404098R48U37H")
        with pytest.raises(NotFound):
            await client.get_order_detail(["2404098R48U37H"])

    _run(url, flow)
    bodies = [b for _, p, _, b in state.seen if p == "/api/v2/order/cancel_order"]
    assert bodies == [{"order_sn": "2404098R48U37H", "cancel_reason": "CUSTOMER_REQUEST"}]


def test_server_errors_are_retried_for_reads_and_rate_limits_are_typed(
    standin: tuple[StandIn, str],
) -> None:
    state, url = standin
    busy = {"error": "error_server", "message": "Something wrong.", "request_id": "r"}
    state.answer("/api/v2/order/get_order_detail", 500, busy)
    state.answer("/api/v2/order/get_order_detail", 500, busy)
    state.answer(
        "/api/v2/order/get_order_detail",
        200,
        {"error": "", "message": "", "request_id": "x", "response": {"order_list": [ORDER]}},
    )
    state.answer(
        "/api/v2/logistics/get_shipping_parameter",
        200,
        {"error": "error_rate_limit", "message": "Too many requests.", "request_id": "r"},
    )
    state.answer("/api/v2/order/cancel_order", 500, busy)

    async def flow(client: ShopeeClient) -> None:
        details = await client.get_order_detail(["2404098R48U37H"])
        assert len(details.orders) == 1
        with pytest.raises(RateLimited):
            await client.get_shipping_parameter("2404098R48U37H")
        with pytest.raises(TransientError):
            await client.cancel_order("2404098R48U37H", "UNDELIVERABLE_AREA")

    _run(url, flow)
    detail_calls = [p for _, p, _, _ in state.seen if p.endswith("get_order_detail")]
    assert len(detail_calls) == 3


def test_cancel_out_of_stock_sends_the_item_list_and_brazil_never_sends_cod(
    standin: tuple[StandIn, str],
) -> None:
    state, url = standin
    state.answer(
        "/api/v2/order/cancel_order",
        200,
        {"error": "", "message": "", "request_id": "r", "response": {"update_time": 1603184533}},
    )

    async def flow(client: ShopeeClient) -> None:
        assert (
            await client.cancel_order("201020SQQ5K2EP", "OUT_OF_STOCK", [(1680783, 327890123)])
            == 1603184533
        )
        with pytest.raises(ValueError, match="Brazil"):
            await client.cancel_order("201020SQQ5K2EP", "COD_NOT_SUPPORTED")
        with pytest.raises(ValueError, match="items"):
            await client.cancel_order("201020SQQ5K2EP", "OUT_OF_STOCK")

    _run(url, flow)
    assert [b for _, _, _, b in state.seen] == [
        {  # seed 003's example body
            "order_sn": "201020SQQ5K2EP",
            "cancel_reason": "OUT_OF_STOCK",
            "item_list": [{"item_id": 1680783, "model_id": 327890123}],
        }
    ]


def test_ship_order_without_response_and_an_empty_tracking_number(
    standin: tuple[StandIn, str],
) -> None:
    state, url = standin
    state.answer(
        "/api/v2/logistics/ship_order", 200, {"error": "", "message": "", "request_id": "r"}
    )
    state.answer(
        "/api/v2/logistics/get_tracking_number",
        200,
        {"error": "", "message": "", "request_id": "r", "response": {"tracking_number": ""}},
    )

    async def flow(client: ShopeeClient) -> None:
        await client.ship_order(
            "2404098R48U37H", pickup={"address_id": 1, "pickup_time_id": "slot-1"}
        )
        assert await client.get_tracking_number("2404098R48U37H") == ""

    _run(url, flow)
    ship = [b for _, p, _, b in state.seen if p.endswith("ship_order")]
    assert ship == [
        {"order_sn": "2404098R48U37H", "pickup": {"address_id": 1, "pickup_time_id": "slot-1"}}
    ]


def test_the_documented_order_maps_with_model_names_and_the_buyers_message() -> None:
    order = map_order(ORDER)
    assert order.order_id == "2404098R48U37H"
    assert str(order.status) == "READY_TO_SHIP"
    assert order.notes == "Sem cebola, por favor"
    (item,) = order.items
    assert (item.name, str(item.quantity)) == ("Marmita (Grande)", "2")
    assert str(item.total_price.amount) == "65.80"
    assert item.id == "1680783/327890123"
    assert str(order.totals.total.amount) == "75.70"
    assert order.totals.total.currency == "BRL"
    assert str(order.totals.fees.amount) == "9.90"  # shipping paid by the buyer
    assert order.created_at == datetime.fromtimestamp(1712601591, UTC)
