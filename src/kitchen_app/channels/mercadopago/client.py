"""Mercado Pago Delivery ("proximity-integration") client: the ``ChannelClient`` for
``mp_delivery`` plus the store endpoints (api notes §§2-5, 9).

Every call carries ``Authorization: Bearer <token>``, ``Content-Type: application/json`` (the
documented examples send it on GETs too) and ``x-time-zone`` from the client's ``time_zone``
(api notes §2: required by the current reference; the same zone on every call, so every time
Mercado Pago renders is in one zone). The mapping reads offset-less times in that zone.

Errors are keyed off the HTTP status (``channels.http.error_for_response``): 400 →
StateConflict (never retried), 401/403 → AuthError, 404 → NotFound, 424 → DependencyError,
429 → RateLimited (``Retry-After`` honoured), 5xx and transport failures → TransientError.

Retries and order-changing calls: reads are retried on every retryable failure. ``accept``,
``cancel``, ``receipt_pdf`` (print_label_pdf also accepts the order) and ``mark_ready`` are
retried only when the request surely did not reach Mercado Pago (connect errors) or it
answered 424/429/5xx ("not done"). On a read timeout or a connection dropped after sending
they raise ``OutcomeUnknown`` (a TransientError) at once: the caller re-reads the order
(``fetch_order``) to learn whether the action took effect before trying again.

``mark_ready`` is ``POST /proximity-integration/v1/orders/{id}/ready`` with no body (api notes
§5b, Mercado Libre's 2026 "Pedido Listo" page): Dropoff orders in ``printed``/``ready_to_cook``
only (the flows offer it only there). A refusal is shown, never retried in a loop.

Webhooks (§6.2): ``resource`` may be a bare shipment id (string or JSON number), a path
``/shipments/{id}`` (also inside a full URL), with whitespace or quotes around it; ``topic`` may
be ``delivery``, ``shipments`` or missing. Anything else resolves to None, which the engine
lists as an unresolved notification rather than dropping it.

Stores (§9): ``get_store``, ``list_stores`` and ``set_store_status`` give ``StoreInfo``. The
client refuses to send ``disabled``: it closes a store for good at Mercado Pago.
"""

from __future__ import annotations

import logging
import re
from typing import Any, Literal
from urllib.parse import quote

import httpx

from kitchen_app.channels.base import CancelReason, Credentials, FetchedOrder, StoreInfo
from kitchen_app.channels.errors import AuthError, BadResponse, ChannelError
from kitchen_app.channels.http import RetryingHttp, RetryPolicy, Sleep
from kitchen_app.channels.readers import json_body
from kitchen_app.domain.timezones import DEFAULT_TIME_ZONE, header_value, zone_from_setting

from . import CHANNEL
from .mapping import map_order, observed_at

# The mapping lives in mp_mapping; it is re-exported so "mp_delivery:map_order" works.
__all__ = [
    "DEFAULT_BASE_URL",
    "MpDeliveryClient",
    "StoreStatus",
    "map_order",
    "observed_at",
    "order_id_from_event",
]

log = logging.getLogger(__name__)

DEFAULT_BASE_URL = "https://api.mercadopago.com"
StoreStatus = Literal["enabled", "paused"]
_SETTABLE_STATUSES = ("enabled", "paused")
# "delivery" is Mercado Pago's topic; "shipments" is Mercado Libre's name for the same path
# and may appear (api notes §6.2); a missing topic reaches us as "". Older docs name the
# action "delivery.updated".
_ORDER_TOPICS = frozenset({"delivery", "shipments", "delivery.updated", ""})
# A shipment id: digits only (every documented and observed id is numeric).
_SHIPMENT_ID = re.compile(r"[0-9]{1,30}")  # ASCII digits only: \d takes any script's
_QUOTES = "\"'`"


def order_id_from_event(topic: str | None, resource: object) -> str | None:
    """The shipment id a notification names, or None when it cannot be resolved.

    ``resource``: bare digits, a JSON number, ``/shipments/{id}`` (also a full URL, a trailing
    slash or a query), surrounded by whitespace or quotes. ``topic``: ``delivery``,
    ``shipments`` or missing/empty; any other topic is not an order's → None.
    """
    if (topic or "").strip().lower() not in _ORDER_TOPICS:
        return None
    if isinstance(resource, bool):
        return None
    if isinstance(resource, int):
        return str(resource) if resource > 0 else None
    if isinstance(resource, float):
        # A JSON number that lost its integer type (e.g. 41034141533.0): only whole values.
        return str(int(resource)) if resource.is_integer() and resource > 0 else None
    if not isinstance(resource, str):
        return None
    text = resource.strip()
    while len(text) >= 2 and text[0] in _QUOTES and text[-1] == text[0]:
        text = text[1:-1].strip()
    if _SHIPMENT_ID.fullmatch(text):
        return text
    text = text.split("?", 1)[0].split("#", 1)[0].rstrip("/")
    parts = [part for part in text.split("/") if part]
    if len(parts) >= 2 and parts[-2] == "shipments" and _SHIPMENT_ID.fullmatch(parts[-1]):
        return parts[-1]
    return None


def _segment(value: str, what: str) -> str:
    """One path segment, escaped; an empty or dot-only id never reaches the URL."""
    text = str(value).strip()
    if not text or text in (".", ".."):
        raise ValueError(f"{what} must not be empty")
    return quote(text, safe="")


def _store(raw: object, where: str) -> StoreInfo:
    if not isinstance(raw, dict):
        raise BadResponse(f"{where}: store is not an object")
    store_id = raw.get("id")
    if isinstance(store_id, bool) or not isinstance(store_id, int | str) or store_id == "":
        raise BadResponse(f"{where}: store id is missing")

    def text(key: str) -> str | None:
        value = raw.get(key)
        if isinstance(value, bool) or not isinstance(value, str | int):
            return None
        return str(value).strip() or None

    status = text("status")
    return StoreInfo(
        store_id=str(store_id).strip(),
        # The list endpoint does not carry the status (api notes §9).
        status=status.lower() if status else "unknown",
        name=text("description") or text("name"),
        external_id=text("external_id"),
    )


class MpDeliveryClient:
    """Async client for one restaurant's Mercado Pago Delivery token.

    ``http`` may be a shared ``httpx.AsyncClient`` (not closed by ``aclose``); ``sleep`` is
    the backoff wait, injectable for tests.
    """

    channel = CHANNEL

    def __init__(
        self,
        base_url: str,
        token: str,
        *,
        http: httpx.AsyncClient | None = None,
        time_zone: str = "GMT-3",
        max_retries: int = 3,
        backoff_s: float = 0.5,
        sleep: Sleep | None = None,
        credentials: Credentials | None = None,
    ) -> None:
        """``credentials``: the relay's token custody, asked for the token on every call (it
        refreshes); None: ``token`` is the one pasted in the settings."""
        token = token.strip() if isinstance(token, str) else ""
        self._credentials = credentials
        # A missing or broken token must not stop the desk from starting (today's orders stay
        # readable offline): every call then fails with AuthError before anything is sent.
        self._token_problem: str | None = None
        if credentials is not None:
            pass
        elif not token:
            self._token_problem = "no Mercado Pago access token is configured"
        elif not token.isascii() or not token.isprintable():
            self._token_problem = "the Mercado Pago access token has characters a token cannot have"
        # A zone the desk cannot read must not stop orders from arriving either: the client
        # falls back to GMT-3 (the documented example) and says so in ``time_zone_problem``
        # for the health line. The engine's deadline rule (never later than the first
        # notification + 5 min) bounds what a wrong zone can cost.
        self.time_zone_problem: str | None = None
        try:
            self.zone = zone_from_setting(time_zone)
            self.time_zone = time_zone.strip()
        except ValueError as exc:
            self.time_zone_problem = str(exc)
            log.warning("%s; using %s", exc, DEFAULT_TIME_ZONE)
            self.zone = zone_from_setting(DEFAULT_TIME_ZONE)
            self.time_zone = DEFAULT_TIME_ZONE
        self._http = RetryingHttp(
            base_url or DEFAULT_BASE_URL,
            headers={
                "Authorization": f"Bearer {token if self._token_problem is None else ''}",
                "Content-Type": "application/json",
            },
            http=http,
            policy=RetryPolicy(max_retries=max_retries, backoff_s=backoff_s),
            sleep=sleep,
        )

    def __repr__(self) -> str:  # never the token
        return f"MpDeliveryClient({self._http.base_url!r})"

    @property
    def base_url(self) -> str:
        return self._http.base_url

    async def aclose(self) -> None:
        await self._http.aclose()

    # --- webhooks -------------------------------------------------------------------------

    def order_id_from_event(self, topic: str, resource: str) -> str | None:
        """The shipment id a notification names (see ``order_id_from_event``), else None."""
        return order_id_from_event(topic, resource)

    # --- orders ---------------------------------------------------------------------------

    async def fetch_order(self, order_id: str) -> FetchedOrder:
        """GET the order (§2) and map it; BadResponse when the JSON is not a usable order."""
        sid = _segment(order_id, "order id")
        response = await self._request("GET", f"/proximity-integration/v1/orders/{sid}", safe=True)
        raw = self._json(response, "order")
        if not isinstance(raw, dict):
            raise BadResponse("order JSON: not an object")
        order = map_order(raw, zone=self.zone)
        if order.order_id != str(order_id).strip():
            raise BadResponse(f"order JSON: id {order.order_id} is not the order asked for")
        return FetchedOrder(order=order, raw=raw)

    async def accept(self, order_id: str) -> None:
        """PUT accept (§3). 400 (not acceptable in its state) → StateConflict."""
        sid = _segment(order_id, "order id")
        await self._request(
            "PUT",
            f"/proximity-integration/shipments/{sid}/accept",
            safe=False,
            json={"status": "accepted"},
        )
        log.info("order %s accepted", order_id)

    async def cancellation_reasons(self, order_id: str) -> list[CancelReason]:
        """The reasons Mercado Pago offers for this order now (§5.1), in its order."""
        sid = _segment(order_id, "order id")
        response = await self._request(
            "GET", f"/proximity-integration/shipments/{sid}/cancellation-reasons", safe=True
        )
        body = self._json(response, "cancellation reasons")
        if not isinstance(body, list):
            raise BadResponse("cancellation reasons: not a list")
        reasons = []
        for index, entry in enumerate(body):
            if not isinstance(entry, dict):
                raise BadResponse(f"cancellation reasons[{index}]: not an object")
            reason_id, value = entry.get("id"), entry.get("value")
            if (
                not isinstance(reason_id, str | int)
                or isinstance(reason_id, bool)
                or not (str(reason_id).strip())
            ):
                raise BadResponse(f"cancellation reasons[{index}].id is missing")
            if not isinstance(value, str) or not value.strip():
                raise BadResponse(f"cancellation reasons[{index}].value is missing")
            message = entry.get("message")
            reasons.append(
                CancelReason(
                    id=str(reason_id),
                    value=value,
                    message=message if isinstance(message, str) and message else value,
                )
            )
        return reasons

    async def cancel(self, order_id: str, reason: CancelReason | None) -> None:
        """PUT cancel (§5.2); the reason is optional and must be one offered for the order's
        current state. 400 → StateConflict."""
        sid = _segment(order_id, "order id")
        body: dict[str, Any] = {"status": "cancelled"}
        if reason is not None:
            body["cancellation_reason"] = reason.as_json()
        await self._request(
            "PUT", f"/proximity-integration/shipments/{sid}/cancel", safe=False, json=body
        )
        log.info("order %s cancelled (%s)", order_id, reason.value if reason else "no reason")

    async def receipt_pdf(self, order_id: str) -> bytes:
        """GET print_label_pdf (§4): the marketplace's coupon as PDF bytes.

        Called in ready_to_ship/ready_to_print this also accepts the order, so it follows the
        order-changing retry rule.
        """
        sid = _segment(order_id, "order id")
        response = await self._request(
            "GET", f"/proximity-integration/shipments/{sid}/print_label_pdf", safe=False
        )
        content = response.content
        if not content.lstrip()[:5].startswith(b"%PDF"):
            kind = response.headers.get("Content-Type", "no content type")
            raise BadResponse(f"print_label_pdf: answer is not a PDF ({kind})")
        return content

    async def mark_ready(self, order_id: str) -> None:
        """POST the "order ready" call (see the module docstring on its status)."""
        sid = _segment(order_id, "order id")
        await self._request("POST", f"/proximity-integration/v1/orders/{sid}/ready", safe=False)
        log.info("order %s marked ready", order_id)

    # --- stores (§9) ----------------------------------------------------------------------

    async def list_stores(self, user_id: str) -> list[StoreInfo]:
        """The seller's stores (``GET /proximity-integration/users/{seller_id}/stores``).
        This endpoint carries no status: each store's ``status`` is ``"unknown"``."""
        uid = _segment(user_id, "seller id")
        response = await self._request(
            "GET", f"/proximity-integration/users/{uid}/stores", safe=True
        )
        body = self._json(response, "stores")
        if isinstance(body, dict) and isinstance(body.get("results"), list):
            body = body["results"]  # tolerate a paged envelope
        if not isinstance(body, list):
            raise BadResponse("stores: not a list")
        return [_store(entry, f"stores[{i}]") for i, entry in enumerate(body)]

    async def get_store(self, store_id: str) -> StoreInfo:
        """``GET /proximity-integration/stores/{id}``: ``status`` is enabled, paused or
        disabled (any other value is kept as sent)."""
        sid = _segment(store_id, "store id")
        response = await self._request("GET", f"/proximity-integration/stores/{sid}", safe=True)
        return _store(self._json(response, "store"), "store")

    async def set_store_status(self, store_id: str, status: str = "enabled") -> StoreInfo:
        """``PUT /proximity-integration/stores/{id}/status``, e.g. to reopen a paused store.

        ``disabled`` is refused (ValueError) and never sent: it closes the store for good
        and hides it, with no way back (api notes §9).
        """
        if status == "disabled":
            raise ValueError("disabling a store is irreversible; the desk never does it")
        if status not in _SETTABLE_STATUSES:
            raise ValueError(f"store status must be one of {', '.join(_SETTABLE_STATUSES)}")
        sid = _segment(store_id, "store id")
        response = await self._request(
            "PUT",
            f"/proximity-integration/stores/{sid}/status",
            safe=True,  # setting the same status twice has the same effect
            json={"status": status},
        )
        log.info("store %s set to %s", store_id, status)
        body = self._json_or_none(response)
        if isinstance(body, dict) and body.get("id") is not None:
            return _store(body, "store")
        return StoreInfo(store_id=str(store_id).strip(), status=status, name=None)

    # --- helpers --------------------------------------------------------------------------

    async def _request(
        self,
        method: str,
        path: str,
        *,
        safe: bool,
        json: Any = None,
        headers: dict[str, str] | None = None,
    ) -> httpx.Response:
        if self._token_problem is not None:
            raise AuthError(self._token_problem, code="no_token")
        # Computed per call: an IANA zone's offset changes with daylight saving time.
        sent = {"x-time-zone": header_value(self.time_zone)} | (headers or {})
        if self._credentials is None:
            return await self._http.request(method, path, safe=safe, json=json, headers=sent)
        token = await self._credentials.access_token()
        sent["Authorization"] = f"Bearer {token}"
        try:
            return await self._http.request(method, path, safe=safe, json=json, headers=sent)
        except AuthError:
            try:  # the relay refreshes; the next call carries the new token
                await self._credentials.rejected()
            except ChannelError as why:
                log.info("Mercado Pago credentials after a 401: %s", why.message)
            raise

    _json = staticmethod(json_body)

    @staticmethod
    def _json_or_none(response: httpx.Response) -> Any:
        try:
            return response.json()
        except ValueError:
            return None
