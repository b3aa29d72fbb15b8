"""Mercado Libre client: the marketplace's verbs for one seller (api notes A.0-A.7).

Every call carries ``Authorization: Bearer <token>`` (never ``?access_token=``, which seeds
002/004 still show: A.0). The token comes from ``token_source`` on every call, because a
Mercado Libre access token lasts 6 hours and the relay (or a setting) may hand a newer one
at any time (#12.6). A 401 raises ``AuthError`` with code ``token_expired`` and the line
staff read: "Mercado Libre link expired — relink".

Errors are keyed off the HTTP status plus Mercado Libre's ``error`` key (V1 shape
``{message, error, status, cause}``) or ``error_code`` (the V2 shipment notifications):
400/409 → StateConflict, 401/403 → AuthError, 404 → NotFound, 429 → RateLimited, 5xx and
transport failures → TransientError (``channels.http``). Reads are retried on any of the
retryable ones; calls that change something are retried only when Mercado Libre surely did
not act (``RetryingHttp``'s rule).

Decisions where the notes are silent:

* ``GET /orders/search`` answering **206** is a partial page (third-party tests, A.3): it is
  asked again up to twice, then returned with ``partial=True`` so the caller does not move
  its cursor past it.
* ``GET /orders/{id}/shipments`` answering **204** means "no shipment (yet)": ``None``.
* ``set_stock`` on an item with variations re-reads the item and sends **every** variation
  (a variation left out is deleted, A.5). A **409** "optimistic locking" answer is re-read
  and retried twice, a second apart (A.5 says "wait a few seconds").
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal
from urllib.parse import quote, urlencode

import httpx

from ..errors import AuthError, BadResponse, ChannelError, StateConflict
from ..http import RetryingHttp, RetryPolicy, Sleep, error_for_response
from ..readers import json_body

__all__ = [
    "DEFAULT_BASE_URL",
    "EXPIRED_MESSAGE",
    "SERVICE_IDS",
    "FeedbackRequest",
    "MercadoLibreClient",
    "SearchPage",
    "TokenSource",
    "is_no_substatus",
    "ml_error_for_response",
]

log = logging.getLogger(__name__)

DEFAULT_BASE_URL = "https://api.mercadolibre.com"
EXPIRED_MESSAGE = "Mercado Libre link expired — relink"
# ME1 "service_id" per site (A.4 V2 rules; seed 001 sends 11 for MLB).
SERVICE_IDS: Mapping[str, int] = {
    "MLB": 11,
    "MLA": 154,
    "MLM": 231876,
    "MLC": 282578,
    "MCO": 282579,
    "MLU": 282604,
    "MPE": 361180,
}
SEARCH_LIMIT = 50  # assumed maximum page (A.3)
MAX_SEARCH_OFFSET = 10_000  # assumed offset + limit ceiling (A.3)
_PARTIAL_RETRIES = 2
_STOCK_RETRIES = 2
_STOCK_WAIT_S = 1.0

TokenSource = Callable[[], Awaitable[str]]
ApiVersion = Literal["v1", "v2"]


def is_no_substatus(value: object) -> bool:
    """JSON null, the string "null", "" and a missing key all mean "no substatus" (A.4)."""
    return value is None or (isinstance(value, str) and value.strip().lower() in ("", "null"))


def ml_error_for_response(response: httpx.Response) -> ChannelError:
    """``channels.http.error_for_response`` plus Mercado Libre's own keys and the 401 line."""
    error = error_for_response(response)
    try:
        body = response.json()
    except ValueError:
        body = None
    if isinstance(body, dict) and error.code is None:
        key = body.get("error_code") or body.get("code")
        if isinstance(key, str) and key:
            error.code = key
    if response.status_code == 401:
        return AuthError(
            f"{EXPIRED_MESSAGE} ({error.message})", status=401, code=error.code or "token_expired"
        )
    return error


def _segment(value: object, what: str) -> str:
    text = str(value).strip()
    if not text or text in (".", ".."):
        raise ValueError(f"{what} must not be empty")
    return quote(text, safe="")


def _iso(moment: datetime) -> str:
    """ISO-8601 with milliseconds and an offset, as Mercado Libre writes dates."""
    if moment.tzinfo is None:
        raise ValueError("a Mercado Libre date needs a time zone")
    return moment.isoformat(timespec="milliseconds")


def _id_text(value: object) -> str | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


@dataclass(frozen=True, slots=True)
class SearchPage:
    """One page of ``GET /orders/search``."""

    results: list[dict[str, Any]]
    total: int
    offset: int
    limit: int
    partial: bool = False  # answered 206 every time it was asked

    @property
    def next_offset(self) -> int | None:
        """The next page's offset, or None when this was the last one reachable."""
        following = self.offset + len(self.results)
        if not self.results or following >= self.total:
            return None
        if following + self.limit > MAX_SEARCH_OFFSET:
            return None
        return following


@dataclass(frozen=True, slots=True)
class FeedbackRequest:
    """The body of ``POST /orders/{id}/feedback`` (A.6)."""

    fulfilled: bool
    rating: str  # positive | neutral | negative
    message: str  # < 160 characters
    reason: str | None = None  # required when not fulfilled
    restock_item: bool | None = None  # seller only, not fulfilled

    def __post_init__(self) -> None:
        if self.rating not in ("positive", "neutral", "negative"):
            raise ValueError("rating must be positive, neutral or negative")
        if not self.message.strip() or len(self.message) >= 160:
            raise ValueError("the feedback message must have 1 to 159 characters")
        if not self.fulfilled and not self.reason:
            raise ValueError("a reason is required when the sale was not fulfilled")

    def as_json(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "fulfilled": self.fulfilled,
            "rating": self.rating,
            "message": self.message,
        }
        if not self.fulfilled:
            body["reason"] = self.reason
            if self.restock_item is not None:
                body["restock_item"] = self.restock_item
        return body


class MercadoLibreClient:
    """Async client for one Mercado Libre seller.

    ``http`` may be a shared ``httpx.AsyncClient`` (not closed by ``aclose``); ``sleep`` is
    the backoff wait, injectable for tests.
    """

    def __init__(
        self,
        base_url: str,
        token_source: TokenSource,
        *,
        http: httpx.AsyncClient | None = None,
        max_retries: int = 3,
        backoff_s: float = 0.5,
        sleep: Sleep | None = None,
    ) -> None:
        self._token_source = token_source
        self._sleep_fn = sleep
        self._http = RetryingHttp(
            base_url or DEFAULT_BASE_URL,
            headers={"Accept": "application/json"},
            http=http,
            policy=RetryPolicy(max_retries=max_retries, backoff_s=backoff_s),
            sleep=sleep,
            error_mapper=ml_error_for_response,
        )

    @classmethod
    def with_token(cls, base_url: str, token: str, **kwargs: Any) -> MercadoLibreClient:
        """A client with one fixed token (a pasted setting, tests)."""

        async def source() -> str:
            return token

        return cls(base_url, source, **kwargs)

    def __repr__(self) -> str:  # never the token
        return f"MercadoLibreClient({self._http.base_url!r})"

    @property
    def base_url(self) -> str:
        return self._http.base_url

    async def aclose(self) -> None:
        await self._http.aclose()

    # --- orders (A.2) ---------------------------------------------------------------------

    async def get_order(self, order_id: str) -> dict[str, Any]:
        """``GET /orders/{id}`` in the new format (``x-format-new: true``, seed 004)."""
        oid = _segment(order_id, "order id")
        response = await self._request(
            "GET", f"/orders/{oid}", safe=True, headers={"x-format-new": "true"}
        )
        return self._object(response, "order")

    async def get_pack(self, pack_id: str) -> dict[str, Any]:
        """``GET /packs/{id}``: ``{id, status, orders: [{id}], shipment: {id}, …}``."""
        pid = _segment(pack_id, "pack id")
        response = await self._request("GET", f"/packs/{pid}", safe=True)
        return self._object(response, "pack")

    async def search_orders(
        self,
        seller_id: str,
        *,
        updated_from: datetime,
        offset: int = 0,
        limit: int = SEARCH_LIMIT,
        statuses: tuple[str, ...] = (),
    ) -> SearchPage:
        """``GET /orders/search?seller=…`` by last update, oldest first (A.3, seed 002).

        A seller search hides cancelled orders unless ``order.status`` asks for them.
        """
        if not 1 <= limit <= SEARCH_LIMIT:
            raise ValueError(f"limit must be 1 to {SEARCH_LIMIT}")
        query: dict[str, str] = {
            "seller": str(seller_id).strip(),
            "order.date_last_updated.from": _iso(updated_from),
            "sort": "date_asc",
            "offset": str(offset),
            "limit": str(limit),
        }
        if statuses:
            query["order.status"] = ",".join(statuses)
        path = "/orders/search?" + urlencode(query)
        for attempt in range(_PARTIAL_RETRIES + 1):
            response = await self._request("GET", path, safe=True)
            if response.status_code != 206 or attempt == _PARTIAL_RETRIES:
                break
            log.info("orders search answered 206 (partial page); asking again")
        body = self._object(response, "orders search")
        results = body.get("results")
        if not isinstance(results, list) or not all(isinstance(r, dict) for r in results):
            raise BadResponse("orders search: results is not a list of orders")
        paging = body.get("paging") if isinstance(body.get("paging"), dict) else {}
        assert isinstance(paging, dict)

        def number(key: str, default: int) -> int:
            value = paging.get(key)
            return value if isinstance(value, int) and not isinstance(value, bool) else default

        return SearchPage(
            results=results,
            total=number("total", offset + len(results)),
            offset=number("offset", offset),
            limit=number("limit", limit),
            partial=response.status_code == 206,
        )

    async def missed_feeds(
        self, app_id: str, *, topic: str | None = None, offset: int = 0, limit: int = 10
    ) -> list[dict[str, Any]]:
        """``GET /missed_feeds?app_id=…``: one page of notifications that never got a 200."""
        query = {"app_id": str(app_id), "offset": str(offset), "limit": str(limit)}
        if topic:
            query["topic"] = topic
        response = await self._request("GET", "/missed_feeds?" + urlencode(query), safe=True)
        body = self._json(response, "missed feeds")
        messages = body.get("messages") if isinstance(body, dict) else body
        if not isinstance(messages, list):
            raise BadResponse("missed feeds: messages is not a list")
        return [m for m in messages if isinstance(m, dict)]

    # --- shipments (A.4) ------------------------------------------------------------------

    async def get_shipment(self, shipment_id: str) -> dict[str, Any]:
        """``GET /shipments/{id}`` (``x-format-new: true``, mandatory since 2025-10-12)."""
        sid = _segment(shipment_id, "shipment id")
        response = await self._request(
            "GET", f"/shipments/{sid}", safe=True, headers={"x-format-new": "true"}
        )
        return self._object(response, "shipment")

    async def order_shipment(self, order_id: str) -> dict[str, Any] | None:
        """``GET /orders/{id}/shipments`` (seed 001); None when there is none yet (204).

        The Hosted View answers a list of ``{id, type}``: the forward one is read in full.
        """
        oid = _segment(order_id, "order id")
        response = await self._request("GET", f"/orders/{oid}/shipments", safe=True)
        if response.status_code == 204 or not response.content.strip():
            return None
        body = self._json(response, "order shipments")
        if isinstance(body, list):
            forward = [
                s for s in body if isinstance(s, dict) and s.get("type") in (None, "forward")
            ]
            if not forward:
                return None
            if "status" in forward[0]:
                return forward[0]
            shipment_id = _id_text(forward[0].get("id"))
            return None if shipment_id is None else await self.get_shipment(shipment_id)
        if not isinstance(body, dict):
            raise BadResponse("order shipments: not an object")
        return body

    async def shipment_order_ids(self, shipment_id: str) -> list[str]:
        """``GET /shipments/{id}/orders`` (``X-New-Domain: true``): the orders it carries.

        A cart's shipment names several orders (A.4: ``/shipments`` no longer carries
        ``order_id`` since 2025-10-12).
        """
        sid = _segment(shipment_id, "shipment id")
        response = await self._request(
            "GET", f"/shipments/{sid}/orders", safe=True, headers={"X-New-Domain": "true"}
        )
        body = self._json(response, "shipment orders")
        entries = body.get("orders") if isinstance(body, dict) else body
        if not isinstance(entries, list):
            raise BadResponse("shipment orders: not a list")
        ids = []
        for entry in entries:
            oid = _id_text(entry.get("id") if isinstance(entry, dict) else entry)
            if oid is None:
                raise BadResponse("shipment orders: an entry has no order id")
            ids.append(oid)
        return ids

    async def set_tracking_number(
        self, shipment_id: str, tracking_number: str, *, service_id: int
    ) -> dict[str, Any]:
        """``PUT /shipments/{id}`` ``{"service_id", "tracking_number"}`` (seed 001, ME1):
        must come before any status notification. Answers the shipment echoed."""
        number = tracking_number.strip()
        if not number:
            raise ValueError("the tracking number must not be empty")
        sid = _segment(shipment_id, "shipment id")
        response = await self._request(
            "PUT",
            f"/shipments/{sid}",
            safe=True,  # the same number set twice has the same effect
            json={"service_id": service_id, "tracking_number": number},
        )
        log.info("shipment %s: tracking number set", shipment_id)
        body = self._json_or_none(response)
        return body if isinstance(body, dict) else {}

    async def notify_shipment(
        self,
        shipment_id: str,
        status: str,
        substatus: str | None,
        *,
        date: datetime,
        comment: str | None = None,
        api: ApiVersion = "v1",
        service_id: int | None = None,
    ) -> None:
        """Report an ME1 shipment status (seed 001 V1; A.4 V2).

        V1: ``POST /shipments/{id}/seller_notifications`` with ``substatus`` as the **string**
        ``"null"`` when there is none (seed 001). V2: ``POST /v2/shipments/{id}/…`` with
        ``payload.service_id`` and ``substatus`` as JSON ``null``.
        """
        sid = _segment(shipment_id, "shipment id")
        sub = None if is_no_substatus(substatus) else substatus
        payload: dict[str, Any] = {"date": _iso(date)}
        if comment:
            payload["comment"] = comment
        if api == "v2":
            if service_id is None:
                raise ValueError("the V2 notification needs the site's service_id")
            payload = {"service_id": service_id, **payload}
            body: dict[str, Any] = {"payload": payload, "status": status, "substatus": sub}
            path = f"/v2/shipments/{sid}/seller_notifications"
        else:
            body = {"payload": payload, "status": status, "substatus": sub or "null"}
            path = f"/shipments/{sid}/seller_notifications"
        await self._request("POST", path, safe=False, json=body)
        log.info("shipment %s reported %s/%s", shipment_id, status, sub)

    # --- items (A.5) ----------------------------------------------------------------------

    async def get_item(self, item_id: str, *, variations: bool = False) -> dict[str, Any]:
        iid = _segment(item_id, "item id")
        query = "?attributes=variations" if variations else ""
        response = await self._request("GET", f"/items/{iid}{query}", safe=True)
        return self._object(response, "item")

    async def set_stock(
        self, item_id: str, quantity: int, *, variation_id: str | None = None
    ) -> dict[str, Any]:
        """Set an item's available quantity (``PUT /items/{id}``).

        For an item with variations the quantity goes to ``variation_id`` and every other
        variation is sent unchanged, because a variation left out is deleted (A.5).
        """
        if isinstance(quantity, bool) or quantity < 0:
            raise ValueError("the available quantity must be 0 or more")
        iid = _segment(item_id, "item id")
        attempt = 0
        while True:
            body: dict[str, Any] = {"available_quantity": quantity}
            if variation_id is not None:
                item = await self.get_item(item_id, variations=True)
                body = {"variations": self._variations(item, variation_id, quantity)}
            try:
                response = await self._request("PUT", f"/items/{iid}", safe=True, json=body)
            except StateConflict as exc:
                if exc.status != 409 or attempt >= _STOCK_RETRIES:
                    raise
                attempt += 1
                log.info("item %s: optimistic locking (409); re-reading and retrying", item_id)
                await (self._sleep_fn or asyncio.sleep)(_STOCK_WAIT_S)
                continue
            log.info("item %s: available quantity set to %d", item_id, quantity)
            answer = self._json_or_none(response)
            return answer if isinstance(answer, dict) else {}

    @staticmethod
    def _variations(item: dict[str, Any], variation_id: str, quantity: int) -> list[Any]:
        variations = item.get("variations")
        if not isinstance(variations, list) or not variations:
            raise BadResponse("item: it has no variations to set")
        out: list[Any] = []
        found = False
        for entry in variations:
            if not isinstance(entry, dict) or _id_text(entry.get("id")) is None:
                raise BadResponse("item: a variation has no id")
            kept: dict[str, Any] = {"id": entry["id"]}
            if _id_text(entry["id"]) == str(variation_id):
                kept["available_quantity"] = quantity
                found = True
            else:
                kept["available_quantity"] = entry.get("available_quantity", 0)
            out.append(kept)
        if not found:
            raise BadResponse(f"item: variation {variation_id} is not one of its variations")
        return out

    # --- feedback (A.6) -------------------------------------------------------------------

    async def post_feedback(self, order_id: str, feedback: FeedbackRequest) -> dict[str, Any]:
        """``POST /orders/{id}/feedback``. A second feedback → 400 (StateConflict)."""
        oid = _segment(order_id, "order id")
        response = await self._request(
            "POST", f"/orders/{oid}/feedback", safe=False, json=feedback.as_json()
        )
        log.info("order %s: sale feedback sent (fulfilled=%s)", order_id, feedback.fulfilled)
        body = self._json_or_none(response)
        return body if isinstance(body, dict) else {}

    async def get_feedback(self, order_id: str) -> dict[str, Any]:
        """``GET /orders/{id}/feedback`` → ``{sale, purchase}``."""
        oid = _segment(order_id, "order id")
        response = await self._request("GET", f"/orders/{oid}/feedback", safe=True)
        return self._object(response, "feedback")

    # --- helpers --------------------------------------------------------------------------

    async def _request(
        self,
        method: str,
        path: str,
        *,
        safe: bool,
        json: Any = None,
        headers: Mapping[str, str] | None = None,
    ) -> httpx.Response:
        token = (await self._token_source()).strip()
        if not token:
            raise AuthError("no Mercado Libre access token is configured", code="no_token")
        if not token.isascii() or not token.isprintable():
            raise AuthError("the Mercado Libre access token has characters a token cannot have")
        sent = {"Authorization": f"Bearer {token}"} | dict(headers or {})
        return await self._http.request(method, path, safe=safe, json=json, headers=sent)

    _json = staticmethod(json_body)

    @classmethod
    def _object(cls, response: httpx.Response, what: str) -> dict[str, Any]:
        body = cls._json(response, what)
        if not isinstance(body, dict):
            raise BadResponse(f"{what}: answer is not an object")
        return body

    @staticmethod
    def _json_or_none(response: httpx.Response) -> Any:
        try:
            return response.json()
        except ValueError:
            return None
