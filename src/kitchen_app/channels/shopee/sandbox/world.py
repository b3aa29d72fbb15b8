"""The simulated Shopee shop(s): orders, their statuses, tokens and the rules of api notes
B.1–B.4 and seed 003. Routes (``routes.py``) translate HTTP to these methods; every status
change is pushed (code 3) through ``push`` and each tracking number (code 4).

Rules, and the assumption where the docs are silent:

* ``cancel_order``: ``READY_TO_SHIP``, or ``PROCESSED`` while the carrier has not assigned a
  tracking number; otherwise ``order.error_limit`` "Can not cancel this order." (seed 003).
  Brazil: ``COD_NOT_SUPPORTED`` is refused; ``OUT_OF_STOCK`` needs an ``item_list`` of the
  order's items.
* ``handle_buyer_cancellation`` only in ``IN_CANCEL``: ``ACCEPT`` → ``CANCELLED``,
  ``REJECT`` → the status before the request.
* ``ship_order`` in ``READY_TO_SHIP``/``RETRY_SHIP`` → ``PROCESSED``, never refused for being
  within an hour of payment (seed 003 only recommends waiting). The tracking number is ``""``
  until ``tracking_after_s`` later (sandbox seconds).
* ``get_order_list`` reports an ``INVOICE_PENDING`` order as ``PENDING_INVOICE`` (seed 003's
  sample) while ``get_order_detail`` spells it ``INVOICE_PENDING``: the desk must take both.
* Access tokens issued by ``/api/v2/auth/...`` last 4 h of sandbox time, refresh tokens 30
  days and are single use; the configured static token never expires (like the MP token).
"""

from __future__ import annotations

import dataclasses
import itertools
import logging
import random
import string
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from kitchen_app.channels.oauth_grants import GrantBook, GrantError, IssuedTokens
from kitchen_app.channels.sandbox_apps import SHOPEE_APP

__all__ = [
    "ENV_PARTNER_ID",
    "ENV_PARTNER_KEY",
    "ENV_SHOP_ID",
    "ShopeeError",
    "ShopeeSandboxConfig",
    "ShopeeWorld",
    "SimShopeeOrder",
]

log = logging.getLogger(__name__)

ACCESS_TOKEN_S = 4 * 3600
REFRESH_TOKEN_S = 30 * 24 * 3600
LOST_PUSH_S = 3 * 86_400

_CANCELLABLE = frozenset({"READY_TO_SHIP"})
_SHIPPABLE = frozenset({"READY_TO_SHIP", "RETRY_SHIP"})
_FINAL = frozenset({"CANCELLED", "COMPLETED"})
# The next status of "advance" (the courier and the buyer's steps).
_NEXT = {
    "UNPAID": "READY_TO_SHIP",
    "INVOICE_PENDING": "READY_TO_SHIP",
    "PROCESSED": "SHIPPED",
    "RETRY_SHIP": "PROCESSED",
    "SHIPPED": "TO_CONFIRM_RECEIVE",
    "TO_CONFIRM_RECEIVE": "COMPLETED",
    "TO_RETURN": "COMPLETED",
}

_MENU = (
    ("Marmita Fit Frango", 100200301, 2001, "Grande", 32.90),
    ("Marmita Fit Frango", 100200301, 2002, "Pequena", 24.90),
    ("Açaí 500 ml", 100200302, 2011, "Com granola", 21.50),
    ("Kit Pão de Queijo Congelado", 100200303, 0, "", 18.00),
    ("Brigadeiro Gourmet (caixa 12)", 100200304, 2031, "Sortido", 39.90),
    ("Molho de Pimenta Artesanal", 100200305, 2041, "Forte", 14.75),
)
_BUYERS = ("ana.souza", "joao_pereira", "mariaclara88", "pedro.lima", "beatriz_r")
_MESSAGES = ("", "", "Por favor, sem cebola.", "Entregar na portaria.", "É presente!")


_NO_SN = "Wrong parameters, detail: order_sn is a required field."
_NOT_FOUND = "Wrong parameters, detail: the order is not found."
_NOT_READY = "The order status is not ready to ship."


class ShopeeError(Exception):
    """Shopee's error JSON: ``{"error", "message", "request_id"}`` with an HTTP status."""

    def __init__(self, error: str, message: str, status: int = 200) -> None:
        super().__init__(message)
        self.error = error
        self.message = message
        self.status = status


ENV_PARTNER_ID = "KITCHEN_SHOPEE_PARTNER_ID"
ENV_PARTNER_KEY = "KITCHEN_SHOPEE_PARTNER_KEY"  # the relay reads the same variable
ENV_SHOP_ID = "KITCHEN_SHOPEE_SHOP_ID"


@dataclass(frozen=True, slots=True)
class ShopeeSandboxConfig:
    partner_id: int = int(SHOPEE_APP.client_id)
    partner_key: str = field(default=SHOPEE_APP.client_secret, repr=False)
    shop_ids: tuple[int, ...] = (727720655,)
    access_token: str = field(default="shopee-sandbox-token", repr=False)  # never expires
    tracking_after_s: float = 30.0  # ship_order → tracking number assigned
    rate_per_min: float = 0.0  # orders made on its own, per sandbox minute (the demo)
    region: str = "BR"

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> ShopeeSandboxConfig:
        """The defaults, with the partner id, partner key and shop id from the environment
        when set (so `relay serve` and `sandbox serve` agree on one key)."""
        config = cls()
        key = env.get(ENV_PARTNER_KEY, "").strip()
        partner = env.get(ENV_PARTNER_ID, "").strip()
        shop = env.get(ENV_SHOP_ID, "").strip()
        return dataclasses.replace(
            config,
            partner_key=key or config.partner_key,
            partner_id=int(partner) if partner.isdigit() else config.partner_id,
            shop_ids=(int(shop),) if shop.isdigit() else config.shop_ids,
        )


@dataclass(slots=True)
class SimShopeeOrder:
    order_sn: str
    shop_id: int
    status: str
    create_time: int
    update_time: int
    pay_time: int | None
    items: list[dict[str, Any]]
    buyer: str
    message_to_seller: str
    package_number: str
    history: list[tuple[str, int]] = field(default_factory=list)
    before_cancel_request: str | None = None
    tracking_number: str = ""
    arranged: bool = False
    cancel_by: str = ""
    cancel_reason: str = ""
    buyer_cancel_reason: str = ""
    shipping_fee: float = 9.90

    def total(self) -> float:
        items = sum(
            float(i["model_discounted_price"]) * int(i["model_quantity_purchased"])
            for i in self.items
        )
        return round(items + self.shipping_fee, 2)

    def detail_json(self, region: str) -> dict[str, Any]:
        """One ``order_list`` entry of ``get_order_detail`` with the desk's optional fields."""
        status = self.status
        return {
            "order_sn": self.order_sn,
            "region": region,
            "currency": "BRL",
            "cod": False,
            "order_status": status,
            "message_to_seller": self.message_to_seller,
            "create_time": self.create_time,
            "update_time": self.update_time,
            "days_to_ship": 2,
            "ship_by_date": self.create_time + 2 * 86_400,
            "booking_sn": "",
            "buyer_user_id": 10_000 + sum(map(ord, self.buyer)),
            "buyer_username": self.buyer,
            "pay_time": self.pay_time,
            "total_amount": self.total() if self.pay_time else None,
            "payment_method": "Pix" if self.pay_time else "",
            "shipping_carrier": "Entrega Padrão",
            "estimated_shipping_fee": self.shipping_fee,
            "note": "",
            "cancel_by": self.cancel_by,
            "cancel_reason": self.cancel_reason,
            "buyer_cancel_reason": self.buyer_cancel_reason,
            "recipient_address": {
                "name": self.buyer.replace(".", " ").replace("_", " ").title(),
                "phone": "5511********",
                "town": "",
                "district": "Pinheiros",
                "city": "São Paulo",
                "state": "SP",
                "region": region,
                "zipcode": "05422000",
                "full_address": "Rua dos Pinheiros, 1000, apto 12",
            },
            "item_list": [dict(item) for item in self.items],
            "package_list": [
                {
                    "package_number": self.package_number,
                    "logistics_status": self._logistics_status(),
                    "logistics_channel_id": 90_016,
                    "shipping_carrier": "Entrega Padrão",
                    "item_list": [
                        {"item_id": i["item_id"], "model_id": i["model_id"]} for i in self.items
                    ],
                }
            ],
        }

    def _logistics_status(self) -> str:
        if self.status == "CANCELLED":
            return "LOGISTICS_REQUEST_CANCELED"
        if self.status in ("SHIPPED", "TO_CONFIRM_RECEIVE"):
            return "LOGISTICS_PICKUP_DONE"
        if self.status == "COMPLETED":
            return "LOGISTICS_DELIVERY_DONE"
        if self.arranged:
            return "LOGISTICS_REQUEST_CREATED"
        if self.status == "RETRY_SHIP":
            return "LOGISTICS_PICKUP_RETRY"
        return "LOGISTICS_READY" if self.status == "READY_TO_SHIP" else "LOGISTICS_NOT_START"


Push = Callable[[dict[str, Any]], None]


class ShopeeWorld:
    """All Shopee state of one sandbox. ``now`` gives sandbox unix seconds; ``at`` schedules a
    callback at a sandbox time (the sandbox shell's scheduler)."""

    def __init__(
        self,
        config: ShopeeSandboxConfig,
        *,
        now: Callable[[], float],
        at: Callable[[float, Callable[[float], None]], None],
        seed: int | None = None,
    ) -> None:
        self.config = config
        self._now = now
        self._at = at
        self._random = random.Random(seed)
        self._serial = itertools.count(1)
        self.orders: dict[str, SimShopeeOrder] = {}
        # Tokens that never expire: the configured one, and the shell's (`sandbox serve
        # --token`), so one demo token opens every simulated marketplace.
        self.static_tokens: set[str] = {config.access_token}
        self.push: Push | None = None
        # Pushes held back (a control route): they go straight to the lost pushes, so only
        # polling finds the orders (the desk must not depend on pushes).
        self.pushes_paused = False
        # B.1: codes single use for 10 minutes; 4-hour access tokens; single-use refresh
        # tokens that live 30 days. Accounts are shop ids.
        self.oauth = GrantBook(self._now, access_s=ACCESS_TOKEN_S, refresh_s=REFRESH_TOKEN_S)
        # Pushes given up on, by message id (get_lost_push_message, kept three days).
        self.lost: dict[int, tuple[float, dict[str, Any]]] = {}
        self._lost_ids = itertools.count(176_600)

    def now(self) -> int:
        return int(self._now())

    # -- tokens -----------------------------------------------------------------------------
    def token_shop_ok(self, access_token: str, shop_id: int) -> bool:
        if shop_id not in self.config.shop_ids:
            return False
        if access_token in self.static_tokens:
            return True
        return self.oauth.account_for(access_token) == shop_id

    def issue_code(self, shop_id: int) -> str:
        return self.oauth.issue_code(shop_id)

    @staticmethod
    def _body(tokens: IssuedTokens) -> dict[str, Any]:
        return {
            "access_token": tokens.access_token,
            "refresh_token": tokens.refresh_token,
            "expire_in": tokens.expires_in,
        }

    def token_from_code(self, code: str, shop_id: int) -> dict[str, Any]:
        try:
            tokens = self.oauth.exchange(code)
        except GrantError:
            raise ShopeeError("invalid_code", "Invalid code", 403) from None
        if tokens.account != shop_id:
            self.oauth.revoke_tokens(tokens)
            raise ShopeeError("invalid_code", "Invalid code", 403)
        return self._body(tokens) | {
            "shop_id_list": [shop_id],
            "partner_id": self.config.partner_id,
        }

    def refresh(self, refresh_token: str, shop_id: int) -> dict[str, Any]:
        owner = self.oauth.refresh_owner(refresh_token)
        if owner is None or owner != shop_id:
            raise ShopeeError("error_auth", "Invalid refresh_token", 403)
        try:
            tokens = self.oauth.refresh(refresh_token)
        except GrantError as exc:
            if exc.key == "expired":
                raise ShopeeError("refresh_token_expired", "Refresh token expired", 403) from None
            raise ShopeeError("error_auth", "Invalid refresh_token", 403) from None
        return self._body(tokens) | {"partner_id": self.config.partner_id, "shop_id": shop_id}

    # -- lost pushes (B.4) ------------------------------------------------------------------
    def push_lost(self, body: dict[str, Any]) -> None:
        self.lost[next(self._lost_ids)] = (self._now(), body)

    def lost_pushes(self) -> dict[str, Any]:
        """Up to 100 unconfirmed pushes of the last three days, oldest first."""
        horizon = self._now() - LOST_PUSH_S
        for message_id in [m for m, (at, _) in self.lost.items() if at < horizon]:
            del self.lost[message_id]
        ids = sorted(self.lost)
        page = ids[:100]
        return {
            "push_message_list": [
                {k: self.lost[m][1].get(k) for k in ("shop_id", "code", "timestamp", "data")}
                for m in page
            ],
            "has_next_page": len(ids) > len(page),
            "last_message_id": page[-1] if page else 0,
        }

    def confirm_lost(self, last_message_id: object) -> None:
        if isinstance(last_message_id, bool) or not isinstance(last_message_id, int):
            raise ShopeeError("error_param", "Wrong parameters, detail: last_message_id.")
        for message_id in [m for m in self.lost if m <= last_message_id]:
            del self.lost[message_id]

    # -- orders -----------------------------------------------------------------------------
    def _new_sn(self) -> str:
        stamp = datetime.fromtimestamp(self.now(), UTC).strftime("%y%m%d")
        tail = "".join(self._random.choices(string.ascii_uppercase + string.digits, k=6))
        return f"{stamp}{tail}{next(self._serial) % 100:02d}"

    def create_order(
        self,
        *,
        shop_id: int | None = None,
        status: str = "READY_TO_SHIP",
        items: list[dict[str, Any]] | None = None,
        message: str | None = None,
        paid_ago_s: float = 0.0,
    ) -> SimShopeeOrder:
        shop = shop_id if shop_id is not None else self.config.shop_ids[0]
        if shop not in self.config.shop_ids:
            raise ValueError(f"no sandbox Shopee shop {shop}")
        now = self.now()
        if items is None:
            picks = self._random.sample(_MENU, k=self._random.randint(1, 3))
            items = [
                _item(name, item_id, model_id, model, price, self._random.randint(1, 3))
                for name, item_id, model_id, model, price in picks
            ]
        paid = status not in ("UNPAID",)
        order = SimShopeeOrder(
            order_sn=self._new_sn(),
            shop_id=shop,
            status=status,
            create_time=now - int(paid_ago_s),
            update_time=now,
            pay_time=now - int(paid_ago_s) if paid else None,
            items=items,
            buyer=self._random.choice(_BUYERS),
            message_to_seller=message if message is not None else self._random.choice(_MESSAGES),
            package_number=f"OFG{self._random.randint(10**14, 10**15 - 1)}",
        )
        order.history.append((status, now))
        self.orders[order.order_sn] = order
        self._push_status(order)
        return order

    def set_status(self, order: SimShopeeOrder, status: str) -> None:
        """Any status, documented or not (control route); pushed like a real change."""
        now = max(self.now(), order.update_time + 1)  # update_time moves on every change
        if order.status == "UNPAID" and status != "CANCELLED" and order.pay_time is None:
            order.pay_time = now
        order.status = status
        order.update_time = now
        order.history.append((status, now))
        self._push_status(order)

    def advance(self, order: SimShopeeOrder) -> None:
        nxt = _NEXT.get(order.status)
        if nxt is None:
            raise ShopeeError("error_param", f"nothing follows {order.status} by itself", 400)
        if order.status == "PROCESSED" and not order.tracking_number:
            self._assign_tracking(order)
        self.set_status(order, nxt)

    def buyer_requests_cancel(self, order: SimShopeeOrder, reason: str) -> None:
        if order.status not in ("READY_TO_SHIP", "PROCESSED", "UNPAID", "INVOICE_PENDING"):
            raise ShopeeError("error_param", f"a buyer cannot ask to cancel in {order.status}", 400)
        order.before_cancel_request = order.status
        order.buyer_cancel_reason = reason
        self.set_status(order, "IN_CANCEL")

    def list_orders(
        self,
        shop_id: int,
        field_name: str,
        time_from: int,
        time_to: int,
        page_size: int,
        cursor: str,
    ) -> dict[str, Any]:
        if field_name not in ("create_time", "update_time"):
            raise ShopeeError("error_param", "Wrong parameters, detail: time_range_field.")
        if time_from >= time_to or time_to - time_from > 15 * 86_400:
            raise ShopeeError(
                "order.order_list_invalid_time",
                "Start time must be earlier than end time and diff in 15days.",
            )
        if not 1 <= page_size <= 100:
            raise ShopeeError("error_param", "Wrong parameters, detail: page_size.")
        if cursor == "":
            offset = 0
        elif cursor.isdigit():
            offset = int(cursor)
        else:
            raise ShopeeError("error_param", "Wrong parameters, detail: cursor.")

        def when(o: SimShopeeOrder) -> int:
            return o.create_time if field_name == "create_time" else o.update_time

        matching = sorted(
            (
                o
                for o in self.orders.values()
                if o.shop_id == shop_id and time_from <= when(o) <= time_to
            ),
            key=lambda o: (when(o), o.order_sn),
            reverse=True,  # B.2: sort order UNKNOWN, assumed newest first
        )
        page = matching[offset : offset + page_size]
        more = offset + page_size < len(matching)
        return {
            "more": more,
            "next_cursor": str(offset + page_size) if more else "",
            "order_list": [
                {
                    "order_sn": o.order_sn,
                    # seed 003's sample spells it this way in the list
                    "order_status": "PENDING_INVOICE"
                    if o.status == "INVOICE_PENDING"
                    else o.status,
                }
                for o in page
            ],
        }

    def details(self, shop_id: int, sns: list[str]) -> dict[str, Any]:
        if not 1 <= len(sns) <= 50:
            raise ShopeeError("error_param", "Wrong parameters, detail: order_sn_list size 1-50.")
        found = [
            self.orders[sn].detail_json(self.config.region)
            for sn in sns
            if sn in self.orders and self.orders[sn].shop_id == shop_id
        ]
        if not found:
            raise ShopeeError(
                "error_not_found", "Wrong parameters, detail: the order is not found."
            )
        return {"order_list": found}

    def order(self, shop_id: int, sn: object) -> SimShopeeOrder:
        if not isinstance(sn, str) or not sn:
            raise ShopeeError(
                "error_param", "Wrong parameters, detail: order_sn is a required field."
            )
        order = self.orders.get(sn)
        if order is None or order.shop_id != shop_id:
            raise ShopeeError(
                "error_not_found", "Wrong parameters, detail: the order is not found."
            )
        return order

    def cancel(self, order: SimShopeeOrder, reason: object, item_list: object) -> int:
        if reason == "COD_NOT_SUPPORTED" and self.config.region == "BR":
            raise ShopeeError("error_param", "Cash on delivery is not available in Brazil.")
        if reason not in ("OUT_OF_STOCK", "CUSTOMER_REQUEST", "UNDELIVERABLE_AREA"):
            raise ShopeeError("error_param", "Wrong parameters, detail: cancel_reason.")
        if reason == "OUT_OF_STOCK":
            ours = {(i["item_id"], i["model_id"]) for i in order.items}
            if (
                not isinstance(item_list, list)
                or not item_list
                or not all(
                    isinstance(e, dict) and (e.get("item_id"), e.get("model_id")) in ours
                    for e in item_list
                )
            ):
                raise ShopeeError(
                    "error_param", "Wrong parameters, detail: item_list of this order required."
                )
        cancellable = order.status in _CANCELLABLE or (
            order.status == "PROCESSED" and not order.tracking_number
        )
        if not cancellable:
            raise ShopeeError("order.error_limit", "Can not cancel this order.")
        order.cancel_by = "seller"
        order.cancel_reason = str(reason)
        self.set_status(order, "CANCELLED")
        return order.update_time

    def answer_buyer(self, order: SimShopeeOrder, operation: object) -> int:
        if operation not in ("ACCEPT", "REJECT"):
            raise ShopeeError("error_param", "Wrong parameters, detail: operation.")
        if order.status != "IN_CANCEL":
            raise ShopeeError(
                "order.order_status_invalid",
                "Invalid order_status.The order status should be IN_CANCEL.",
            )
        if operation == "ACCEPT":
            order.cancel_by = "buyer"
            order.cancel_reason = "BUYER_REQUEST"
            self.set_status(order, "CANCELLED")
        else:
            self.set_status(order, order.before_cancel_request or "READY_TO_SHIP")
        order.before_cancel_request = None
        return order.update_time

    def shipping_parameter(self, order: SimShopeeOrder) -> dict[str, Any]:
        if order.status not in _SHIPPABLE or order.arranged:
            raise ShopeeError("logistics.error_param", "The order status is not ready to ship.")
        today = datetime.fromtimestamp(self.now(), UTC)
        base = int(today.replace(hour=0, minute=0, second=0, microsecond=0).timestamp())
        return {
            "info_needed": {"pickup": ["address_id", "pickup_time_id"], "dropoff": []},
            "pickup": {
                "address_list": [
                    {
                        "address_id": 5001,
                        "region": self.config.region,
                        "state": "SP",
                        "city": "São Paulo",
                        "address": "Rua da Cozinha, 42",
                        "zipcode": "05422000",
                        "address_flag": ["default_address", "pickup_address"],
                        "time_slot_list": [
                            {
                                "date": base + day * 86_400,
                                "time_text": f"{label} 14:00-18:00",
                                "pickup_time_id": str(base + day * 86_400 + 14 * 3600),
                            }
                            for day, label in ((1, "Amanhã"), (2, "Depois de amanhã"))
                        ],
                    }
                ]
            },
            "dropoff": {
                "branch_list": [
                    {
                        "branch_id": 7001,
                        "region": self.config.region,
                        "state": "SP",
                        "city": "São Paulo",
                        "address": "Agência Pinheiros",
                        "zipcode": "05422001",
                    }
                ]
            },
        }

    def ship(self, order: SimShopeeOrder, body: dict[str, Any]) -> None:
        if order.status in ("SHIPPED", "TO_CONFIRM_RECEIVE") or (
            order.arranged and order.status != "RETRY_SHIP"
        ):
            raise ShopeeError("logistics.package_already_shipped", "Order has been shipped.")
        if order.status in _FINAL:
            raise ShopeeError("logistics.order_finalized", "The order is finalized.")
        if order.status not in _SHIPPABLE:
            raise ShopeeError(
                "logistics.error_order_state", "The order status is not ready to ship."
            )
        methods = [m for m in ("pickup", "dropoff", "non_integrated") if m in body]
        if len(methods) != 1:
            raise ShopeeError("logistics.error_param", "Choose exactly one of pickup or dropoff.")
        part = body[methods[0]]
        if not isinstance(part, dict):
            raise ShopeeError("logistics.error_param", f"{methods[0]} must be an object.")
        if methods[0] == "pickup":
            if part.get("address_id") != 5001 or not isinstance(part.get("pickup_time_id"), str):
                raise ShopeeError("logistics.error_param", "Wrong address_id or pickup_time_id.")
        elif methods[0] == "dropoff":
            if part.get("branch_id") not in (None, 7001):
                raise ShopeeError("logistics.error_param", "Wrong branch_id.")
        else:
            raise ShopeeError("logistics.error_param", "This order is integrated: use pickup.")
        order.arranged = True
        self.set_status(order, "PROCESSED")
        self._at(self._now() + self.config.tracking_after_s, lambda _due: self._tracked(order))

    def _tracked(self, order: SimShopeeOrder) -> None:
        if order.tracking_number or order.status != "PROCESSED":
            return
        self._assign_tracking(order)

    def _assign_tracking(self, order: SimShopeeOrder) -> None:
        order.tracking_number = f"BR{self._random.randint(10**11, 10**12 - 1)}X"
        self._send(
            {
                "data": {
                    "ordersn": order.order_sn,
                    "package_number": order.package_number,
                    "tracking_no": order.tracking_number,
                },
                "shop_id": order.shop_id,
                "code": 4,
                "timestamp": self.now(),
            }
        )

    def _send(self, body: dict[str, Any]) -> None:
        if self.pushes_paused:
            self.push_lost(body)
        elif self.push is not None:
            self.push(body)

    def _push_status(self, order: SimShopeeOrder) -> None:
        self._send(
            {
                "data": {
                    "items": [],
                    "ordersn": order.order_sn,
                    "status": order.status,
                    "completed_scenario": "",
                    "update_time": order.update_time,
                },
                "shop_id": order.shop_id,
                "code": 3,
                "timestamp": self.now(),
            }
        )


def _item(
    name: str, item_id: int, model_id: int, model: str, price: float, quantity: int
) -> dict[str, Any]:
    return {
        "item_id": item_id,
        "item_name": name,
        "item_sku": f"SKU-{item_id}",
        "model_id": model_id,
        "model_name": model,
        "model_sku": f"SKU-{item_id}-{model_id}" if model_id else "",
        "model_quantity_purchased": quantity,
        "model_original_price": round(price * 1.1, 2),
        "model_discounted_price": price,
        "wholesale": False,
        "weight": 0.5,
        "add_on_deal": False,
        "main_item": False,
        "promotion_type": "",
        "promotion_id": 0,
        "order_item_id": item_id,
        "image_info": {"image_url": ""},
    }
