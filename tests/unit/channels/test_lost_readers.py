"""The plug-ins' readers of lost notifications (channels/*/lost.py) against MockTransport
answers in the documented shapes: pages, confirmation, and one-line errors."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable

import httpx
import pytest

from kitchen_app.channels.lost import LostContext, LostPage, LostReader, LostUnavailable
from kitchen_app.channels.mercadolibre.lost import read_missed_feeds
from kitchen_app.channels.shopee.lost import CONFIRM_PATH, LIST_PATH, read_lost_pushes

Handler = Callable[[httpx.Request], httpx.Response]


def _read(reader: LostReader, handler: Handler, token: str | None) -> list[LostPage]:
    async def go() -> list[LostPage]:
        async def access_token() -> str | None:
            return token

        async with httpx.AsyncClient(transport=httpx.MockTransport(handler)) as http:
            ctx = LostContext("2001887", "key", "https://mk.example", http, access_token)
            pages: list[LostPage] = []
            async for page in reader(ctx):
                pages.append(page)
                if page.confirm is not None:
                    await page.confirm()
            return pages

    return asyncio.run(go())


def _shopee(body: dict[str, object], status: int = 200) -> httpx.Response:
    return httpx.Response(status, json={"request_id": "r", "error": "", "message": "", **body})


def test_shopee_pages_are_confirmed_by_their_last_message_id() -> None:
    sent: list[tuple[str, object]] = []
    push = {"shop_id": 1, "code": 3, "timestamp": 5, "data": {"ordersn": "SN"}}

    def handler(request: httpx.Request) -> httpx.Response:
        assert {"partner_id", "timestamp", "sign"} <= set(request.url.params)
        if request.url.path == CONFIRM_PATH:
            sent.append((CONFIRM_PATH, json.loads(request.content)))
            return _shopee({"response": {}})
        assert request.url.path == LIST_PATH
        done = len(sent)
        page = {"push_message_list": [push] if done < 2 else [], "last_message_id": 10 + done}
        return _shopee({"response": {**page, "has_next_page": done == 0}})

    pages = _read(read_lost_pushes, handler, None)
    assert [json.loads(b) for page in pages for b in page.bodies] == [push, push]
    assert sent == [
        (CONFIRM_PATH, {"last_message_id": 10}),
        (CONFIRM_PATH, {"last_message_id": 11}),
    ]


def test_shopee_without_a_message_id_is_read_once_and_not_confirmed() -> None:
    push = {"shop_id": 1, "code": 3, "timestamp": 5, "data": {}}

    def handler(request: httpx.Request) -> httpx.Response:
        assert request.url.path == LIST_PATH
        return _shopee({"response": {"push_message_list": [push], "has_next_page": True}})

    pages = _read(read_lost_pushes, handler, None)
    assert len(pages) == 1 and pages[0].confirm is None


def test_shopee_refusing_is_one_line() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(403, json={"error": "error_sign", "message": "Wrong sign."})

    with pytest.raises(LostUnavailable, match="error_sign"):
        _read(read_lost_pushes, handler, None)


def test_missed_feeds_pages_until_a_short_page_without_the_delivery_fields() -> None:
    asked: list[tuple[str, str]] = []
    messages = [
        {"resource": f"/orders/{n}", "user_id": 7, "topic": "orders_v2", "request": {}}
        for n in range(13)
    ]

    def handler(request: httpx.Request) -> httpx.Response:
        assert request.headers["authorization"] == "Bearer seller-token"
        assert request.url.params["app_id"] == "2001887"
        offset, limit = int(request.url.params["offset"]), int(request.url.params["limit"])
        asked.append((request.url.params["offset"], request.url.params["limit"]))
        return httpx.Response(200, json={"messages": messages[offset : offset + limit]})

    pages = _read(read_missed_feeds, handler, "seller-token")
    assert asked == [("0", "10"), ("10", "10")]
    bodies = [json.loads(b) for page in pages for b in page.bodies]
    assert [b["resource"] for b in bodies] == [m["resource"] for m in messages]
    assert all("request" not in b for b in bodies)


def test_missed_feeds_need_a_linked_seller_and_a_token_it_takes() -> None:
    def refused(request: httpx.Request) -> httpx.Response:
        return httpx.Response(401, json={"message": "invalid_token", "status": 401})

    assert _read(read_missed_feeds, refused, None) == []  # nobody linked: not even asked
    with pytest.raises(LostUnavailable):
        _read(read_missed_feeds, refused, "stale")
