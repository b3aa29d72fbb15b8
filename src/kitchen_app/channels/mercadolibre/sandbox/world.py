"""Mercado Libre simulated: sellers, orders, carts (packs), ME1 shipments, items, feedback,
6-hour tokens. Pure state and rules; the routes (``routes.py``) only translate HTTP.

Rules followed (api notes Part A; seeds 001, 002, 004), with the assumptions the notes ask
for where they say UNKNOWN:

* Orders are created ``paid`` (status_detail null); a cart is N orders with one ``pack_id``,
  the tag ``pack_order`` and one shipment (pack → 0..1 shipment, A.2).
* ``shipping.id`` null for both documented reasons (seed 004): ``"shipping": "agree"``
  (arrange with the buyer: never a shipment; only outside a cart) and ``"later"`` (the
  shipment is created ``shipment_after_s`` later and a ``shipments`` notification follows).
* ME1 V1 flow (seed 001): ``pending/null`` → (tracking number) → ``shipped/null``
  (→ ``shipped/out_for_delivery`` …) → ``delivered/null`` or
  ``not_delivered/returning_to_sender``. Refused with 400 (error keys are ours: V1 bodies are
  UNKNOWN): a status before a tracking number (``tracking_number_required``), anything after
  a final state (``shipment_in_final_state``), a shipped substatus or a final state before
  ``shipped`` (``shipment_not_shipped``), a pair not in the allowlist (403 ``bad_request``, as
  V2 documents), a date before the shipment's creation
  (``event_date_before_shipment_creation_date``), a non-ME1 shipment
  (``shipment_mode_is_not_me1``).
* Search: hour granularity, cancelled orders hidden unless asked for, ``limit ≤ 50``,
  ``offset + limit ≤ 10 000``, and a 206 on demand (``partial_searches``).
* ``PUT /items/{id}``: 409 "item optimistic locking error" on an update within
  ``item_lock_s`` of the previous one; variations left out are deleted (A.5).
* Feedback: a second sale feedback → 400.
* Tokens: the sandbox's configured token always works; OAuth (``/authorization``,
  ``/oauth/token`` on the shell, ``issue_token`` for tests) gives 6-hour tokens with
  single-use refresh tokens that live 6 months (A.7).
"""

from __future__ import annotations

import itertools
import logging
import random
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

from kitchen_app.channels.oauth_grants import GrantBook, GrantError, IssuedTokens

__all__ = [
    "CURRENCIES",
    "MlCatalogItem",
    "MlError",
    "MlOrder",
    "MlPack",
    "MlSeller",
    "MlShipment",
    "MlWorld",
    "Notify",
]

log = logging.getLogger(__name__)

CURRENCIES = {"MLB": "BRL", "MLA": "ARS", "MLM": "MXN"}
_OFFSETS = {"MLB": -3, "MLA": -3, "MLM": -6}
SERVICE_IDS = {"MLB": 11, "MLA": 154, "MLM": 231876}
ACCESS_TOKEN_S = 21_600  # 6 h (A.7)
REFRESH_TOKEN_S = 182 * 86_400  # 6 months
FINAL_SHIPMENT = frozenset({"delivered", "not_delivered"})
# V1 pairs (seed 001 plus the 2026 BR page's failed-visit substatuses, A.4).
V1_ALLOWED = frozenset(
    {
        ("shipped", None),
        ("shipped", "out_for_delivery"),
        ("shipped", "receiver_absent"),
        ("shipped", "dangerous_area"),
        ("shipped", "bad_address"),
        ("shipped", "unauthorized_receiver"),
        ("not_delivered", "returning_to_sender"),
        ("delivered", None),
    }
)
V2_ALLOWED = frozenset(
    {
        *(
            ("shipped", s)
            for s in (
                None,
                "out_for_delivery",
                "soon_deliver",
                "at_the_door",
                "receiver_absent",
                "bad_address",
                "dangerous_area",
                "unauthorized_receiver",
                "impassable_zone",
                "not_visited",
                "documentation_issue",
                "taxes_issue",
                "fiscalization_issue",
            )
        ),
        ("delivered", None),
        ("not_delivered", "refused_delivery"),
        ("not_delivered", "returned"),
    }
)

Notify = Callable[[str, str, int, dict[str, Any]], None]  # topic, resource, user_id, extra


class MlError(Exception):
    """An API answer other than 2xx: status, Mercado Libre's ``error`` key, message."""

    def __init__(self, status: int, error: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.error = error
        self.message = message

    def body(self) -> dict[str, Any]:
        return {"message": self.message, "error": self.error, "status": self.status, "cause": []}


def ml_iso(ts: float, site: str = "MLB") -> str:
    """Sandbox seconds as Mercado Libre writes dates: milliseconds and the site's offset."""
    zone = timezone(timedelta(hours=_OFFSETS.get(site, -3)))
    return datetime.fromtimestamp(ts, UTC).astimezone(zone).isoformat(timespec="milliseconds")


def parse_date(value: object) -> float | None:
    if not isinstance(value, str):
        return None
    text = value.strip()
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        return None
    if parsed.tzinfo is None:
        return None
    return parsed.timestamp()


@dataclass(frozen=True, slots=True)
class MlCatalogItem:
    title: str
    price: Decimal


_CATALOG = {
    "MLB": [
        MlCatalogItem("Kit 6 Brigadeiros Gourmet", Decimal("39.90")),
        MlCatalogItem("Pão de Mel Recheado (10 un.)", Decimal("54.50")),
        MlCatalogItem("Café Especial em Grãos 500 g", Decimal("62.00")),
        MlCatalogItem("Geleia Artesanal de Goiaba 300 g", Decimal("24.90")),
    ],
    "MLA": [
        MlCatalogItem("Alfajores Artesanales x12", Decimal("8900.00")),
        MlCatalogItem("Dulce de Leche Repostero 1 kg", Decimal("5400.00")),
        MlCatalogItem("Yerba Mate Orgánica 1 kg", Decimal("7200.00")),
    ],
    "MLM": [
        MlCatalogItem("Salsa Macha Artesanal 250 ml", Decimal("189.00")),
        MlCatalogItem("Mole Poblano en Pasta 500 g", Decimal("245.00")),
        MlCatalogItem("Café de Chiapas Molido 1 kg", Decimal("399.00")),
    ],
}
_BUYERS = [("Ana", "Souza"), ("Lucas", "Pereira"), ("María", "González"), ("Diego", "López")]


@dataclass(slots=True)
class MlSeller:
    user_id: int
    site: str = "MLB"
    nickname: str = "LOJA_SANDBOX"


@dataclass(slots=True)
class MlItemStock:
    id: str
    title: str
    price: Decimal
    available_quantity: int = 50
    variations: list[dict[str, Any]] = field(default_factory=list)
    last_put: float | None = None
    status: str = "active"


@dataclass(slots=True)
class MlShipment:
    id: int
    seller: MlSeller
    order_ids: list[int]
    created: float
    mode: str = "me1"
    status: str = "pending"
    substatus: str | None = None
    tracking_number: str | None = None
    service_id: int | None = None
    last_updated: float = 0.0
    history: list[tuple[str, str | None, float]] = field(default_factory=list)
    handling_days: int = 2
    receiver: dict[str, Any] = field(default_factory=dict)

    @property
    def final(self) -> bool:
        return self.status in FINAL_SHIPMENT


@dataclass(slots=True)
class MlPack:
    id: int
    order_ids: list[int]
    shipment_id: int | None
    created: float


@dataclass(slots=True)
class MlOrder:
    id: int
    seller: MlSeller
    buyer: tuple[int, str, str]
    items: list[tuple[MlItemStock, int]]  # item, quantity
    created: float
    pack_id: int | None
    shipping: str  # me1 | agree | later
    shipment_id: int | None = None
    status: str = "paid"
    status_detail: str | None = None
    last_updated: float = 0.0
    sale_feedback: dict[str, Any] | None = None
    cancel_detail: dict[str, Any] | None = None

    @property
    def currency(self) -> str:
        return CURRENCIES.get(self.seller.site, "BRL")

    @property
    def total(self) -> Decimal:
        return sum((item.price * qty for item, qty in self.items), Decimal(0))


class MlWorld:
    def __init__(
        self,
        *,
        now: Callable[[], float],
        at: Callable[[float, Callable[[float], None]], None],
        token: str,
        seed: int | None = None,
        seller_id: int = 3430803000,
        site: str = "MLB",
        application_id: str = "6456467593802500",
        shipment_after_s: float = 5.0,
        item_lock_s: float = 0.5,
    ) -> None:
        self.now = now
        self.at = at
        self.token = token
        self.rng = random.Random(seed)
        self.application_id = application_id
        self.shipment_after_s = shipment_after_s
        self.item_lock_s = item_lock_s
        self.sellers: dict[int, MlSeller] = {seller_id: MlSeller(seller_id, site)}
        self.default_seller = self.sellers[seller_id]
        self.orders: dict[int, MlOrder] = {}
        self.packs: dict[int, MlPack] = {}
        self.shipments: dict[int, MlShipment] = {}
        self.items: dict[str, MlItemStock] = {}
        # A.7: 6-hour access tokens, single-use refresh tokens that live 6 months.
        self.oauth = GrantBook(
            now, access_s=ACCESS_TOKEN_S, refresh_s=REFRESH_TOKEN_S, make_token=self._make_token
        )
        self.partial_searches = 0  # the next N searches answer 206
        self.rate_per_min = 0.0  # orders made on its own (the demo), per sandbox minute
        self._auto_chain = 0
        self.notify: Notify = lambda topic, resource, user_id, extra: None
        self._order_ids = itertools.count(2000000000000001)
        self._pack_ids = itertools.count(2000005000000001)
        self._shipment_ids = itertools.count(42000000001)
        self._item_ids = itertools.count(4739201001)

    # -- auth -------------------------------------------------------------------------------
    def seller_for_token(self, token: str) -> MlSeller | None:
        """The seller a bearer token acts for; None when unknown, expired or revoked (→ 401)."""
        if token == self.token:
            return self.default_seller
        account = self.oauth.account_for(token)
        return None if account is None else self.sellers.get(account)

    def _make_token(self, kind: str, user_id: int) -> str:
        if kind == "access":
            return f"APP_USR-{self.application_id}-{secrets.token_hex(8)}-{user_id}"
        return f"TG-{secrets.token_hex(12)}-{user_id}"

    def token_body(self, tokens: IssuedTokens) -> dict[str, Any]:
        """``POST /oauth/token``'s answer (A.7)."""
        return {
            "access_token": tokens.access_token,
            "token_type": "bearer",
            "expires_in": tokens.expires_in,
            "scope": "offline_access read write",
            "user_id": tokens.account,
            "refresh_token": tokens.refresh_token,
        }

    def issue_token(self, seller: MlSeller | None = None) -> dict[str, Any]:
        seller = seller or self.default_seller
        return self.token_body(self.oauth.issue(seller.user_id))

    def refresh(self, refresh_token: str) -> dict[str, Any]:
        try:
            return self.token_body(self.oauth.refresh(refresh_token))
        except GrantError:
            raise MlError(
                400,
                "invalid_grant",
                "Error validating grant. Your authorization code or refresh token may be "
                "expired or it was already used",
            ) from None

    # -- creating orders --------------------------------------------------------------------
    def _item(self, site: str) -> MlItemStock:
        pick = self.rng.choice(_CATALOG.get(site, _CATALOG["MLB"]))
        for item in self.items.values():
            if item.title == pick.title:
                return item
        item = MlItemStock(f"{site}{next(self._item_ids)}", pick.title, pick.price)
        self.items[item.id] = item
        return item

    def add_item(
        self, title: str, price: Decimal, site: str = "MLB", variations: int = 0
    ) -> MlItemStock:
        item = MlItemStock(f"{site}{next(self._item_ids)}", title, price)
        item.variations = [
            {"id": 170000000000 + n, "available_quantity": 10, "attribute_combinations": []}
            for n in range(1, variations + 1)
        ]
        self.items[item.id] = item
        return item

    def create(
        self,
        *,
        cart: int = 1,
        shipping: str = "me1",
        seller: MlSeller | None = None,
        topic: str = "orders_v2",
        items: list[tuple[str, Decimal, int]] | None = None,
    ) -> list[MlOrder]:
        """N orders (a cart when N > 1) with their pack and shipment; notifies each."""
        if cart < 1 or cart > 100:
            raise ValueError("cart must be 1 to 100 orders")
        if shipping not in ("me1", "me2", "agree", "later"):
            raise ValueError("shipping must be me1, me2, agree or later")
        if shipping == "agree" and cart > 1:
            raise ValueError("'agree with the seller' has no shipment only outside a cart")
        if topic not in ("orders_v2", "orders"):
            raise ValueError("topic must be orders_v2 or orders (legacy)")
        seller = seller or self.default_seller
        now = self.now()
        first, last = self.rng.choice(_BUYERS)
        buyer = (3451278000 + self.rng.randrange(1000), first, last)
        pack_id = next(self._pack_ids) if cart > 1 else None
        orders = []
        for index in range(cart):
            if items is not None:
                lines = [
                    (self.add_item(title, price, seller.site), qty) for title, price, qty in items
                ]
            else:
                lines = [(self._item(seller.site), self.rng.randint(1, 2))]
            order = MlOrder(
                id=next(self._order_ids),
                seller=seller,
                buyer=buyer,
                items=lines,
                created=now + index * 0.001,
                pack_id=pack_id,
                shipping=shipping,
                last_updated=now,
            )
            self.orders[order.id] = order
            orders.append(order)
        if pack_id is not None:
            self.packs[pack_id] = MlPack(pack_id, [o.id for o in orders], None, now)
        if shipping in ("me1", "me2"):
            self._ship(orders, mode=shipping, at=now, notify=False)
        elif shipping == "later":

            def create_shipment(due: float) -> None:
                self._ship(orders, "me1", due, notify=True)

            self.at(now + self.shipment_after_s, create_shipment)
        for order in orders:
            extra = {"attempts": 0} if topic == "orders" else {}
            self.notify(topic, f"/orders/{order.id}", seller.user_id, extra)
        return orders

    def set_rate(self, rate_per_min: float) -> None:
        """Make orders on its own at this mean rate (exponential gaps): mostly single ME1
        orders, some carts of 2-3, some whose shipment comes later (the demo's mix)."""
        if rate_per_min < 0:
            raise ValueError("rate_per_min must be 0 or more")
        self.rate_per_min = rate_per_min
        self._auto_chain += 1
        self._schedule_auto(self.now(), self._auto_chain)

    def _schedule_auto(self, after: float, chain: int) -> None:
        if self.rate_per_min <= 0:
            return
        gap = self.rng.expovariate(self.rate_per_min / 60.0)

        def fire(due: float) -> None:
            if chain != self._auto_chain:  # a rate change started a new chain
                return
            roll = self.rng.random()
            if roll < 0.2:
                self.create(cart=self.rng.randint(2, 3))
            elif roll < 0.3:
                self.create(shipping="later")
            else:
                self.create()
            self._schedule_auto(due, chain)

        self.at(after + gap, fire)

    def _ship(self, orders: list[MlOrder], mode: str, at: float, notify: bool) -> MlShipment:
        first = orders[0]
        shipment = MlShipment(
            id=next(self._shipment_ids),
            seller=first.seller,
            order_ids=[o.id for o in orders],
            created=at,
            mode=mode,
            last_updated=at,
            history=[("pending", None, at)],
            receiver={
                "street_name": "Rua Direita",
                "street_number": str(100 + first.id % 900),
                "zip_code": "04567000",
                "city": "São Paulo",
                "state": "São Paulo",
                "neighborhood": "Centro",
                "receiver_name": f"{first.buyer[1]} {first.buyer[2]}",
                "receiver_phone": "11999999999",
            },
        )
        self.shipments[shipment.id] = shipment
        for order in orders:
            order.shipment_id = shipment.id
            order.last_updated = at
        if first.pack_id is not None:
            self.packs[first.pack_id].shipment_id = shipment.id
        if notify:
            self.notify("shipments", f"/shipments/{shipment.id}", first.seller.user_id, {})
        return shipment

    def cancel(self, order: MlOrder) -> None:
        """Mercado Libre cancels a paid order whose payment was rejected or returned (seed
        004) and notifies."""
        if order.status == "cancelled":
            return
        order.status = "cancelled"
        order.cancel_detail = {
            "group": "payment",
            "code": "payment_returned",
            "description": "The payment was returned",
            "requested_by": "mercadolibre",
            "date": ml_iso(self.now(), order.seller.site),
        }
        order.last_updated = self.now()
        self.notify("orders_v2", f"/orders/{order.id}", order.seller.user_id, {})

    # -- reading ----------------------------------------------------------------------------
    def order(self, order_id: str, seller: MlSeller) -> MlOrder:
        order = self.orders.get(int(order_id)) if order_id.isdigit() else None
        if order is None:
            raise MlError(404, "order_not_found", f"Order {order_id} not found")
        if order.seller.user_id != seller.user_id:
            raise MlError(403, "forbidden", "The caller is not the order's seller")
        return order

    def shipment(self, shipment_id: str, seller: MlSeller) -> MlShipment:
        shipment = self.shipments.get(int(shipment_id)) if shipment_id.isdigit() else None
        if shipment is None:
            raise MlError(404, "not_found", f"Shipment {shipment_id} not found")
        if shipment.seller.user_id != seller.user_id:
            raise MlError(403, "forbidden_client", "The caller is not the shipment's sender")
        return shipment

    def pack(self, pack_id: str, seller: MlSeller) -> MlPack:
        pack = self.packs.get(int(pack_id)) if pack_id.isdigit() else None
        if pack is None or self.orders[pack.order_ids[0]].seller.user_id != seller.user_id:
            raise MlError(404, "pack_not_found", f"Pack {pack_id} not found")
        return pack

    def search(
        self,
        seller: MlSeller,
        *,
        updated_from: float | None,
        statuses: set[str] | None,
        sort: str,
        offset: int,
        limit: int,
    ) -> tuple[list[MlOrder], int]:
        if limit < 1 or limit > 50:
            raise MlError(400, "invalid_limit", "limit must be between 1 and 50")
        if offset < 0 or offset + limit > 10_000:
            raise MlError(400, "invalid_offset", "offset + limit must not exceed 10000")
        if updated_from is not None:
            updated_from -= updated_from % 3600  # filters work to the hour (A.3)
        found = [
            o
            for o in self.orders.values()
            if o.seller.user_id == seller.user_id
            and (updated_from is None or o.last_updated >= updated_from)
            and (o.status in statuses if statuses else o.status != "cancelled")
        ]
        if sort == "date_desc":
            found.sort(key=lambda o: (-o.created, -o.id))
        else:
            found.sort(key=lambda o: (o.created, o.id))
        return found[offset : offset + limit], len(found)

    # -- ME1 --------------------------------------------------------------------------------
    def set_tracking(self, shipment: MlShipment, body: dict[str, Any]) -> None:
        if shipment.mode != "me1":
            raise MlError(400, "shipment_mode_is_not_me1", "Shipment mode is not me1")
        if shipment.final:
            raise MlError(400, "shipment_in_final_state", "The shipment is in a final state")
        number = body.get("tracking_number")
        if not isinstance(number, str) or not number.strip():
            raise MlError(400, "invalid_tracking_number", "tracking_number is required")
        service = body.get("service_id")
        if service is not None and (isinstance(service, bool) or not isinstance(service, int)):
            raise MlError(400, "invalid_service_id", "service_id must be a number")
        shipment.tracking_number = number.strip()
        shipment.service_id = service if isinstance(service, int) else shipment.service_id
        shipment.last_updated = self.now()
        self.notify("shipments", f"/shipments/{shipment.id}", shipment.seller.user_id, {})

    def seller_notification(self, shipment: MlShipment, body: dict[str, Any], v2: bool) -> None:
        payload = body.get("payload")
        status = body.get("status")
        if not isinstance(payload, dict) or not isinstance(status, str):
            raise MlError(400, "invalid_seller_json_format", "payload and status are required")
        if "substatus" not in body:
            raise MlError(400, "invalid_seller_json_format", "substatus must be present")
        raw_sub = body["substatus"]
        if v2 and raw_sub == "null":
            raise MlError(400, "invalid_seller_json_format", "substatus must be JSON null")
        if raw_sub is not None and not isinstance(raw_sub, str):
            raise MlError(400, "invalid_seller_json_format", "substatus must be text or null")
        sub = None if raw_sub in (None, "null", "") else raw_sub
        when = parse_date(payload.get("date"))
        if when is None:
            raise MlError(
                400, "invalid_seller_json_format", "payload.date must be ISO-8601 with a zone"
            )
        if v2 and not isinstance(payload.get("service_id"), int):
            raise MlError(400, "invalid_seller_json_format", "payload.service_id is required")
        if shipment.mode != "me1":
            raise MlError(400, "shipment_mode_is_not_me1", "Shipment mode is not me1")
        if shipment.final:
            raise MlError(
                400, "shipment_in_final_state", "The shipment is final: it cannot change again"
            )
        if shipment.tracking_number is None and not v2:
            raise MlError(
                400,
                "tracking_number_required",
                "Inform the tracking number (PUT /shipments/{id}) before any status",
            )
        if (status, sub) not in (V2_ALLOWED if v2 else V1_ALLOWED):
            raise MlError(403, "bad_request", f"status {status}/{sub} is not allowed")
        if shipment.status != "shipped" and (status, sub) != ("shipped", None):
            raise MlError(
                400, "shipment_not_shipped", "Report shipped (substatus null) before this status"
            )
        if when < shipment.created - 1:
            raise MlError(
                400,
                "event_date_before_shipment_creation_date",
                "The event date is before the shipment's creation date",
            )
        if v2:
            number = body.get("tracking_number")
            if isinstance(number, str) and number.strip():
                shipment.tracking_number = number.strip()
        now = self.now()
        shipment.status, shipment.substatus = status, sub
        shipment.history.append((status, sub, now))
        shipment.last_updated = now
        self.notify("shipments", f"/shipments/{shipment.id}", shipment.seller.user_id, {})

    # -- items and feedback -----------------------------------------------------------------
    def put_item(self, item_id: str, seller: MlSeller, body: dict[str, Any]) -> MlItemStock:
        item = self.items.get(item_id)
        if item is None:
            raise MlError(404, "item_not_found", f"Item {item_id} not found")
        now = self.now()
        if item.last_put is not None and now - item.last_put < self.item_lock_s:
            raise MlError(409, "conflict", "item optimistic locking error")
        if "variations" in body:
            variations = body["variations"]
            if not isinstance(variations, list):
                raise MlError(400, "invalid_variations", "variations must be a list")
            known = {v["id"]: v for v in item.variations}
            kept = []
            for entry in variations:
                if not isinstance(entry, dict) or entry.get("id") not in known:
                    raise MlError(400, "invalid_variations", "unknown variation")
                qty = entry.get("available_quantity", known[entry["id"]]["available_quantity"])
                if isinstance(qty, bool) or not isinstance(qty, int) or qty < 0:
                    raise MlError(400, "invalid_quantity", "available_quantity must be ≥ 0")
                kept.append({**known[entry["id"]], "available_quantity": qty})
            item.variations = kept  # a variation left out is deleted (A.5)
        elif "available_quantity" in body:
            qty = body["available_quantity"]
            if isinstance(qty, bool) or not isinstance(qty, int) or qty < 0:
                raise MlError(400, "invalid_quantity", "available_quantity must be 0 or more")
            if item.variations:
                raise MlError(400, "item_has_variations", "Set the stock of each variation instead")
            item.available_quantity = qty
        else:
            raise MlError(400, "bad_request", "nothing to update")
        item.last_put = now
        return item

    def post_feedback(self, order: MlOrder, body: dict[str, Any]) -> dict[str, Any]:
        if order.sale_feedback is not None:
            raise MlError(400, "feedback_already_exists", "The sale already has feedback")
        fulfilled = body.get("fulfilled")
        rating = body.get("rating")
        message = body.get("message")
        if not isinstance(fulfilled, bool):
            raise MlError(400, "invalid_fulfilled", "fulfilled must be true or false")
        if rating not in ("positive", "neutral", "negative"):
            raise MlError(400, "invalid_rating", "rating must be positive, neutral or negative")
        if not isinstance(message, str) or not message.strip() or len(message) >= 160:
            raise MlError(400, "invalid_message", "message must have 1 to 159 characters")
        if not fulfilled and not isinstance(body.get("reason"), str):
            raise MlError(400, "reason_required", "reason is required when not fulfilled")
        feedback = {
            "id": 9000000000 + order.id % 1_000_000_000,
            "order_id": order.id,
            "role": "seller",
            "fulfilled": fulfilled,
            "rating": rating,
            "message": message,
            "reason": body.get("reason") if not fulfilled else None,
            "date_created": ml_iso(self.now(), order.seller.site),
        }
        if not fulfilled and body.get("restock_item") is True:
            for item, qty in order.items:
                if item.status != "closed":
                    item.available_quantity += qty
        order.sale_feedback = feedback
        return feedback
