"""Shopee Open Platform v2 client for one shop: the order and logistics verbs the desk uses
(api notes B.1, B.2, B.5; seed 003).

Every call is a signed Shop API call: the common parameters ``partner_id``, ``timestamp``,
``access_token``, ``shop_id`` and ``sign`` go in the query string (GET: the business parameters
too; POST: those go as a JSON body). The signature comes from the ``ShopeeCredentials`` the
client is given: the partner key in the desk's settings (``KeyCredentials``), or the relay
that keeps it (token custody). The timestamp is taken once per call; retries of one call go
out within seconds, well inside its five minutes.

Errors (B.5): Shopee answers ``{"error": "", "message": "", "request_id", "response"?}`` and
a failed call carries its key in ``error``, whatever the HTTP status (the status on errors is
UNKNOWN; a 200 with an error is a failure here too). The key decides the typed error:

* ``error_auth``, ``invalid_acceess_token`` (sic), ``invalid_access_token``, ``error_sign``,
  ``shop_no_linked``, ``shop_banned``, ``shop_access_expired``, ``error_partner_key_expired``
  → ``AuthError``;
* ``error_rate_limit`` and the plain ``error_limit`` (the daily quota) → ``RateLimited``;
* ``error_server`` → ``TransientError``; ``error_not_found`` → ``NotFound``;
* any other (``order.error_limit`` "Can not cancel this order", ``error_param``…) →
  ``StateConflict`` carrying Shopee's message.

A ``common.`` prefix is read like no prefix. A non-2xx answer without Shopee's error JSON is
read by its HTTP status (``channels.http.error_for_response``).
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlencode

import httpx

from kitchen_app.channels.base import Credentials
from kitchen_app.channels.credentials import SettingsCredentials
from kitchen_app.channels.errors import (
    AuthError,
    BadResponse,
    ChannelError,
    NotFound,
    RateLimited,
    StateConflict,
    TransientError,
)
from kitchen_app.channels.http import RetryingHttp, RetryPolicy, Sleep, error_for_response

from .signing import hmac_hex, public_base_string

__all__ = [
    "BR_CANCEL_REASONS",
    "DEFAULT_BASE_URL",
    "DETAIL_BATCH",
    "DETAIL_OPTIONAL_FIELDS",
    "LIST_WINDOW",
    "PAGE_SIZE",
    "KeyCredentials",
    "OrderDetails",
    "OrderListEntry",
    "OrderListPage",
    "ShopeeClient",
    "ShopeeCredentials",
    "TokenPair",
    "error_for_body",
    "list_windows",
]

log = logging.getLogger(__name__)

DEFAULT_BASE_URL = "https://partner.shopeemobile.com"
LIST_WINDOW = timedelta(days=15)  # get_order_list: time_to - time_from at most 15 days
PAGE_SIZE = 100  # get_order_list: page_size 1..100
DETAIL_BATCH = 50  # get_order_detail: order_sn_list 1..50
# What the desk shows and prints of an order (B.2); the rest is always returned.
DETAIL_OPTIONAL_FIELDS = (
    "buyer_user_id,buyer_username,recipient_address,item_list,package_list,pay_time,"
    "total_amount,note,cancel_by,cancel_reason,buyer_cancel_reason,payment_method,"
    "shipping_carrier,estimated_shipping_fee,actual_shipping_fee"
)
# Brazil (seed 003): COD_NOT_SUPPORTED is never offered (no cash on delivery there).
BR_CANCEL_REASONS = ("OUT_OF_STOCK", "CUSTOMER_REQUEST", "UNDELIVERABLE_AREA")
_BUYER_CANCEL_OPERATIONS = ("ACCEPT", "REJECT")

_AUTH_KEYS = frozenset(
    {
        "error_auth",
        "invalid_acceess_token",
        "invalid_access_token",
        "error_sign",
        "shop_no_linked",
        "shop_banned",
        "shop_access_expired",
        "error_partner_key_expired",
        "error_token",
    }
)
_MAX_MESSAGE = 200


ShopeeCredentials = Credentials  # the shape every plug-in's credentials have


class KeyCredentials(SettingsCredentials):
    """Credentials from the desk's settings: the access token and the partner key pasted in."""

    def __init__(self, access_token: str, partner_key: str) -> None:
        super().__init__({"access_token": access_token, "partner_key": partner_key})

    async def access_token(self) -> str:
        return self._token  # an empty one is Shopee's to refuse

    async def rejected(self) -> None:
        log.warning("Shopee refused the access token or signature: relink the shop")


@dataclass(frozen=True, slots=True)
class OrderListEntry:
    order_sn: str
    order_status: str | None  # asked with response_optional_fields=order_status


@dataclass(frozen=True, slots=True)
class OrderListPage:
    orders: tuple[OrderListEntry, ...]
    more: bool
    next_cursor: str  # verbatim text (seed 003 shows "2"): never parsed as a number


@dataclass(frozen=True, slots=True)
class OrderDetails:
    orders: tuple[dict[str, Any], ...]  # each an ``order_list`` entry, as Shopee sent it
    missing: tuple[str, ...]  # asked for, not in the answer (B.2: partial answers UNKNOWN)
    warning: str | None = None


@dataclass(frozen=True, slots=True)
class TokenPair:
    access_token: str
    refresh_token: str  # single use: store the new one every time
    expire_in: int  # seconds (14400)


def _message(body: Mapping[str, Any]) -> str | None:
    message = body.get("message")
    if isinstance(message, str) and message.strip():
        return " ".join(message.split())[:_MAX_MESSAGE]
    return None


def error_for_body(
    key: str, message: str | None, *, status: int | None, where: str
) -> ChannelError:
    """The typed error for Shopee's ``error`` key (the table in this module's docstring)."""
    key = key.strip()
    prefix, _, bare = key.rpartition(".")
    plain = bare if prefix in ("", "common") else key
    text = message or key
    if plain in _AUTH_KEYS:
        return AuthError(f"Shopee refused {where}: {text}", status=status, code=key)
    if plain in ("error_rate_limit", "error_limit"):
        err = RateLimited(f"Shopee: too many requests ({where}): {text}", status=status or 429)
        err.code = key
        return err
    if plain == "error_server":
        return TransientError(f"Shopee failed {where}: {text}", status=status, code=key)
    if plain == "error_not_found":
        return NotFound(f"Shopee: {text}", status=status, code=key)
    return StateConflict(text, status=status, code=key)


def _error_mapper(response: httpx.Response) -> ChannelError:
    """A non-2xx answer: Shopee's error JSON when there is one, else the HTTP status."""
    try:
        body = response.json()
    except ValueError:
        body = None
    if isinstance(body, dict) and isinstance(body.get("error"), str) and body["error"].strip():
        return error_for_body(
            body["error"],
            _message(body),
            status=response.status_code,
            where=response.request.url.path,
        )
    return error_for_response(response)


def list_windows(since: datetime, until: datetime) -> Iterator[tuple[int, int]]:
    """``[since, until]`` as unix-second windows of at most 15 days, oldest first."""
    start = int(since.timestamp())
    end = int(until.timestamp())
    step = int(LIST_WINDOW.total_seconds())
    if end <= start:
        end = start + 1  # Shopee wants time_from < time_to
    while start < end:
        stop = min(start + step, end)
        yield start, stop
        start = stop


def _sn(value: str) -> str:
    text = str(value).strip()
    if not text or any(ch in text for ch in ",&?#/ "):
        raise ValueError(f"not a Shopee order sn: {value!r}")
    return text


class ShopeeClient:
    """Async client for one Shopee shop. ``http`` may be shared (then not closed here);
    ``clock`` gives unix seconds (injectable for tests)."""

    def __init__(
        self,
        base_url: str,
        *,
        partner_id: int,
        shop_id: int,
        credentials: ShopeeCredentials,
        http: httpx.AsyncClient | None = None,
        policy: RetryPolicy | None = None,
        sleep: Sleep | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.partner_id = partner_id
        self.shop_id = shop_id
        self._credentials = credentials
        self._clock = clock
        self._http = RetryingHttp(
            base_url,
            headers={"Content-Type": "application/json"},
            http=http,
            policy=policy,
            sleep=sleep,
            error_mapper=_error_mapper,
        )

    def __repr__(self) -> str:
        return f"ShopeeClient({self._http.base_url!r}, shop_id={self.shop_id})"

    async def aclose(self) -> None:
        await self._http.aclose()

    # -- the call -------------------------------------------------------------------------
    async def _call(
        self,
        method: str,
        api_path: str,
        *,
        query: Mapping[str, str | int] | None = None,
        body: Mapping[str, Any] | None = None,
        safe: bool,
    ) -> dict[str, Any]:
        """One signed Shop API call; the whole answer (``response`` inside) or a typed error."""
        timestamp = int(self._clock())
        try:
            signed = await self._credentials.sign_call(
                api_path, timestamp, self.partner_id, self.shop_id
            )
        except AuthError as exc:
            raise AuthError(f"Shopee: {exc.message}", code=exc.code) from None
        params: dict[str, str | int] = {
            "partner_id": signed.partner_id,
            "timestamp": timestamp,
            "access_token": signed.access_token,
            "shop_id": signed.shop_id,
            "sign": signed.sign,
            **(query or {}),
        }
        path = f"{api_path}?{urlencode(params)}"
        try:
            response = await self._http.request(
                method, path, safe=safe, json=dict(body) if body is not None else None
            )
        except AuthError:
            await self._rejected()
            raise
        return await self._read(response, api_path)

    async def _rejected(self) -> None:
        """Tell the credentials (a relay refreshes); Shopee's own words stay the error."""
        try:
            await self._credentials.rejected()
        except AuthError as exc:
            log.info("Shopee credentials: %s", exc.message)

    async def _read(self, response: httpx.Response, api_path: str) -> dict[str, Any]:
        try:
            answer = response.json()
        except (ValueError, json.JSONDecodeError):
            raise BadResponse(f"Shopee {api_path}: the answer is not JSON") from None
        if not isinstance(answer, dict):
            raise BadResponse(f"Shopee {api_path}: the answer is not an object")
        key = answer.get("error")
        if isinstance(key, str) and key.strip():
            error = error_for_body(
                key, _message(answer), status=response.status_code, where=api_path
            )
            if isinstance(error, AuthError):
                await self._rejected()
            raise error
        warning = answer.get("warning")
        if warning:
            log.info("Shopee %s warned: %s", api_path, str(warning)[:_MAX_MESSAGE])
        return answer

    @staticmethod
    def _response(answer: Mapping[str, Any], api_path: str) -> dict[str, Any]:
        inner = answer.get("response")
        if not isinstance(inner, dict):
            raise BadResponse(f"Shopee {api_path}: 'response' is missing")
        return inner

    # -- orders ---------------------------------------------------------------------------
    async def get_order_list(
        self,
        time_from: int,
        time_to: int,
        cursor: str = "",
        *,
        page_size: int = PAGE_SIZE,
        time_range_field: str = "update_time",
    ) -> OrderListPage:
        """One page of orders changed (or created) in ``[time_from, time_to]`` (≤ 15 days)."""
        if time_to - time_from > LIST_WINDOW.total_seconds() or time_from >= time_to:
            raise ValueError("get_order_list: time_from < time_to, at most 15 days apart")
        if not 1 <= page_size <= PAGE_SIZE:
            raise ValueError("get_order_list: page_size is 1..100")
        path = "/api/v2/order/get_order_list"
        answer = await self._call(
            "GET",
            path,
            query={
                "time_range_field": time_range_field,
                "time_from": time_from,
                "time_to": time_to,
                "page_size": page_size,
                "cursor": cursor,
                "response_optional_fields": "order_status",
            },
            safe=True,
        )
        inner = self._response(answer, path)
        entries: list[OrderListEntry] = []
        raw_list = inner.get("order_list") or []
        if not isinstance(raw_list, list):
            raise BadResponse(f"Shopee {path}: 'order_list' is not a list")
        for raw in raw_list:
            sn = raw.get("order_sn") if isinstance(raw, dict) else None
            if not isinstance(sn, str) or not sn.strip():
                log.warning("Shopee %s: an entry without order_sn, skipped", path)
                continue
            status = raw.get("order_status")
            entries.append(
                OrderListEntry(sn.strip(), status.strip() if isinstance(status, str) else None)
            )
        more = inner.get("more") is True
        next_cursor = inner.get("next_cursor")
        # The cursor is text; a number (not documented) is kept as its text, never reparsed.
        if isinstance(next_cursor, int) and not isinstance(next_cursor, bool):
            next_cursor = str(next_cursor)
        if not isinstance(next_cursor, str):
            next_cursor = ""
        if more and not next_cursor:
            raise BadResponse(f"Shopee {path}: 'more' without a 'next_cursor'")
        return OrderListPage(tuple(entries), more, next_cursor)

    async def get_order_detail(self, order_sns: Sequence[str]) -> OrderDetails:
        """The orders named (1..50 sns), with the optional fields the desk shows."""
        sns = list(dict.fromkeys(_sn(sn) for sn in order_sns))
        if not 1 <= len(sns) <= DETAIL_BATCH:
            raise ValueError("get_order_detail takes 1 to 50 order sns")
        path = "/api/v2/order/get_order_detail"
        answer = await self._call(
            "GET",
            path,
            query={
                "order_sn_list": ",".join(sns),
                "response_optional_fields": DETAIL_OPTIONAL_FIELDS,
            },
            safe=True,
        )
        inner = self._response(answer, path)
        raw_list = inner.get("order_list") or []
        if not isinstance(raw_list, list):
            raise BadResponse(f"Shopee {path}: 'order_list' is not a list")
        found: list[dict[str, Any]] = []
        seen: set[str] = set()
        for raw in raw_list:
            if isinstance(raw, dict) and isinstance(raw.get("order_sn"), str):
                found.append(raw)
                seen.add(raw["order_sn"].strip())
        warning = answer.get("warning")
        return OrderDetails(
            tuple(found),
            tuple(sn for sn in sns if sn not in seen),
            str(warning) if warning else None,
        )

    async def cancel_order(
        self,
        order_sn: str,
        reason: str,
        item_list: Sequence[tuple[int, int]] = (),
    ) -> int | None:
        """Cancel as the seller; ``item_list`` (item_id, model_id) is required with
        ``OUT_OF_STOCK``. Returns Shopee's ``update_time``."""
        if reason not in BR_CANCEL_REASONS:
            raise ValueError(f"cancel reason {reason!r} is not one Brazil allows")
        if reason == "OUT_OF_STOCK" and not item_list:
            raise ValueError("OUT_OF_STOCK needs the items that ran out")
        body: dict[str, Any] = {"order_sn": _sn(order_sn), "cancel_reason": reason}
        if item_list:
            body["item_list"] = [{"item_id": i, "model_id": m} for i, m in item_list]
        path = "/api/v2/order/cancel_order"
        answer = await self._call("POST", path, body=body, safe=False)
        return _update_time(answer)

    async def handle_buyer_cancellation(self, order_sn: str, operation: str) -> int | None:
        """Accept or reject a buyer's cancellation request (only while ``IN_CANCEL``)."""
        if operation not in _BUYER_CANCEL_OPERATIONS:
            raise ValueError("operation must be ACCEPT or REJECT")
        path = "/api/v2/order/handle_buyer_cancellation"
        answer = await self._call(
            "POST", path, body={"order_sn": _sn(order_sn), "operation": operation}, safe=False
        )
        return _update_time(answer)

    # -- logistics ------------------------------------------------------------------------
    async def get_shipping_parameter(
        self, order_sn: str, package_number: str | None = None
    ) -> dict[str, Any]:
        """``info_needed`` and the pickup addresses/slots or dropoff branches on offer."""
        query: dict[str, str | int] = {"order_sn": _sn(order_sn)}
        if package_number:
            query["package_number"] = package_number
        path = "/api/v2/logistics/get_shipping_parameter"
        answer = await self._call("GET", path, query=query, safe=True)
        return self._response(answer, path)

    async def ship_order(
        self,
        order_sn: str,
        *,
        package_number: str | None = None,
        pickup: Mapping[str, Any] | None = None,
        dropoff: Mapping[str, Any] | None = None,
        non_integrated: Mapping[str, Any] | None = None,
    ) -> None:
        """Arrange shipment with exactly the method(s) ``info_needed`` named. Seed 003
        recommends doing it an hour after payment (the buyer may cancel alone before)."""
        if pickup is None and dropoff is None and non_integrated is None:
            raise ValueError("ship_order needs pickup, dropoff or non_integrated")
        body: dict[str, Any] = {"order_sn": _sn(order_sn)}
        if package_number:
            body["package_number"] = package_number
        for name, part in (
            ("pickup", pickup),
            ("dropoff", dropoff),
            ("non_integrated", non_integrated),
        ):
            if part is not None:
                body[name] = dict(part)
        await self._call("POST", "/api/v2/logistics/ship_order", body=body, safe=False)

    async def get_tracking_number(self, order_sn: str, package_number: str | None = None) -> str:
        """The tracking number, ``""`` until the carrier assigns one."""
        query: dict[str, str | int] = {"order_sn": _sn(order_sn)}
        if package_number:
            query["package_number"] = package_number
        path = "/api/v2/logistics/get_tracking_number"
        answer = await self._call("GET", path, query=query, safe=True)
        number = self._response(answer, path).get("tracking_number")
        return number.strip() if isinstance(number, str) else ""

    # -- tokens (public API) --------------------------------------------------------------
    async def refresh_access_token(self, refresh_token: str, partner_key: str) -> TokenPair:
        """Trade the single-use refresh token (30 days) for a 4-hour access token and a new
        refresh token. Public API: signed with partner id, path and timestamp only."""
        path = "/api/v2/auth/access_token/get"
        timestamp = int(self._clock())
        sign = hmac_hex(partner_key, public_base_string(self.partner_id, path, timestamp))
        query = urlencode({"partner_id": self.partner_id, "timestamp": timestamp, "sign": sign})
        response = await self._http.request(
            "POST",
            f"{path}?{query}",
            safe=False,
            json={
                "refresh_token": refresh_token,
                "partner_id": self.partner_id,
                "shop_id": self.shop_id,
            },
        )
        answer = await self._read(response, path)
        access, refresh, expire = (
            answer.get("access_token"),
            answer.get("refresh_token"),
            answer.get("expire_in"),
        )
        if not (isinstance(access, str) and access and isinstance(refresh, str) and refresh):
            raise BadResponse(f"Shopee {path}: tokens missing")
        if not isinstance(expire, int) or isinstance(expire, bool):
            expire = 14_400
        return TokenPair(access, refresh, expire)


def _update_time(answer: Mapping[str, Any]) -> int | None:
    inner = answer.get("response")
    if isinstance(inner, dict):
        value = inner.get("update_time")
        if isinstance(value, int) and not isinstance(value, bool):
            return value
    return None
