"""Small stand-ins for the engine's commands and the store's reader, for widget tests.

They keep the shapes of ``engine.api.EngineCommands`` and ``store.DeskReader`` (as far as the
UI uses them) and record what the UI asked.
"""

from __future__ import annotations

from concurrent.futures import Future
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any, cast

from kitchen_app.channels.base import ActionSpec, Params
from kitchen_app.channels.mercadopago.plugin import MercadoPagoMarketplace
from kitchen_app.domain import (
    Address,
    Choice,
    Customer,
    Fee,
    FlexQR,
    Logistics,
    Money,
    Option,
    Order,
    OrderItem,
    OrderKey,
    Payment,
    Stage,
    StatusPair,
    TimelineEntry,
    Totals,
)
from kitchen_app.engine.api import ActionOutcome, ActionOutcomeState, LinkStart, LinkState
from tests.builders import T0, ars, burrito_combo, mp_order

NEW = StatusPair("ready_to_ship", "ready_to_print")


@dataclass(frozen=True)
class Summary:
    key: str
    channel: str
    order_id: str
    display_id: str
    created_at: datetime
    status: StatusPair
    stage: Stage
    is_final: bool
    logistics: str
    customer_name: str | None
    item_count: int
    total: Money
    accept_deadline: datetime
    accepted: bool
    pack_id: str | None = None


def summary(
    n: int,
    *,
    created: datetime = T0,
    status: StatusPair = NEW,
    stage: Stage = Stage.NEW,
    accepted: bool = False,
    is_final: bool = False,
    name: str = "Cliente",
    logistics: str = "flex",
) -> Summary:
    return Summary(
        key=OrderKey("mp_delivery", str(n)),
        channel="mp_delivery",
        order_id=str(n),
        display_id=f"{n % 10000:04d}",
        created_at=created,
        status=status,
        stage=stage,
        is_final=is_final,
        logistics=logistics,
        customer_name=f"{name} {n}",
        item_count=2,
        total=Money.parse("1234.5", "ARS"),
        accept_deadline=created + timedelta(minutes=5),
        accepted=accepted,
    )


@dataclass(frozen=True)
class LoadingOrder:
    """The shape of ``store.LoadingOrder`` (issue 9's shared interface)."""

    key: str
    channel: str
    order_id: str
    first_seen: datetime
    accept_deadline: datetime | None
    attempts: int
    last_error: str | None
    parked: bool


@dataclass(frozen=True)
class UnresolvedNotification:
    """The shape of ``store.UnresolvedNotification``."""

    id: int
    channel: str
    received_at: datetime
    reason: str
    raw: str
    dismissed: bool = False


def loading(n: int, *, first_seen: datetime = T0, attempts: int = 1, parked: bool = False) -> Any:
    return LoadingOrder(
        key=OrderKey("mp_delivery", str(n)),
        channel="mp_delivery",
        order_id=str(n),
        first_seen=first_seen,
        accept_deadline=first_seen + timedelta(minutes=5),
        attempts=attempts,
        last_error="HTTP 404" if attempts > 1 else None,
        parked=parked,
    )


@dataclass
class Record:
    id: int
    kind: str
    state: str
    created_at: datetime
    updated_at: datetime | None = None
    error: str | None = None
    reprint: bool = False
    printer: str | None = None
    copy: int = 1


class FakeReader:
    def __init__(self) -> None:
        self.summaries: dict[str, Any] = {}
        self.orders: dict[str, Order] = {}
        self.timelines: dict[str, list[TimelineEntry]] = {}
        self.action_records: dict[str, list[Record]] = {}
        self.job_records: dict[str, list[Record]] = {}
        self.settings: dict[str, Any] = {}
        self.day_reads = 0
        self.loading: list[Any] = []
        self.unresolved: list[Any] = []

    def add(self, s: Any, order: Order | None = None) -> None:
        self.summaries[s.key] = s
        if order is not None:
            self.orders[s.key] = order

    def orders_of_day(self, day: Any, tz: Any) -> list[Any]:
        self.day_reads += 1
        return list(self.summaries.values())

    def order_summary(self, key: str) -> Any | None:
        return self.summaries.get(key)

    def get_order(self, key: str) -> Order | None:
        return self.orders.get(key)

    def timeline(self, key: str) -> list[TimelineEntry]:
        return self.timelines.get(key, [])

    def actions(self, key: str) -> list[Record]:
        return self.action_records.get(key, [])

    def print_jobs(self, key: str) -> list[Record]:
        return self.job_records.get(key, [])

    def get_setting(self, key: str, default: Any = None) -> Any:
        return self.settings.get(key, default)

    def loading_orders(self) -> list[Any]:
        return list(self.loading)

    def unresolved_notifications(self, include_dismissed: bool = False) -> list[Any]:
        return [n for n in self.unresolved if include_dismissed or not n.dismissed]


def _done(value: Any) -> Future[Any]:
    f: Future[Any] = Future()
    f.set_result(value)
    return f


@dataclass
class FakeCommands:
    calls: list[tuple[Any, ...]] = field(default_factory=list)
    reasons: tuple[Choice, ...] = ()  # the cancel action's reasons (``action_choices``)
    # Where ``available_actions`` finds the order (the desk fixture's reader); None: no order.
    reader: FakeReader | None = None
    outcome: ActionOutcome = field(
        default_factory=lambda: ActionOutcome(1, ActionOutcomeState.CONFIRMED)
    )
    held: list[Future[Any]] = field(default_factory=list)  # futures left open on purpose
    links: list[LinkState] = field(default_factory=list)  # what link_states answers
    hold: bool = False

    def _answer(self, value: Any) -> Future[Any]:
        if self.hold:
            f: Future[Any] = Future()
            self.held.append(f)
            return f
        return _done(value)

    def print_ticket(
        self, key: str, kind: str, *, reprint: bool = False, printer: str | None = None
    ) -> Future[list[int]]:
        self.calls.append(("print_ticket", key, kind, reprint))
        return self._answer([1])

    def retry_print(self, job_id: int, *, printer: str | None = None) -> Future[int]:
        self.calls.append(("retry_print", job_id, printer))
        return self._answer(job_id)

    def resolve_uncertain_print(self, job_id: int, *, printed: bool) -> Future[None]:
        self.calls.append(("resolve_uncertain_print", job_id, printed))
        return self._answer(None)

    def print_calibration(self, printer: str) -> Future[int]:
        self.calls.append(("print_calibration", printer))
        return self._answer(1)

    def set_setting(self, key: str, value: Any) -> Future[None]:
        self.calls.append(("set_setting", key, value))
        return self._answer(None)

    def reconcile_now(self) -> Future[None]:
        self.calls.append(("reconcile_now",))
        return self._answer(None)

    def reopen_store(self, channel: str, store_id: str) -> Future[ActionOutcome]:
        self.calls.append(("reopen_store", channel, store_id))
        return self._answer(self.outcome)

    def dismiss_unresolved(self, notification_id: int) -> Future[None]:
        self.calls.append(("dismiss_unresolved", notification_id))
        return self._answer(None)

    def acknowledge_missed(self) -> Future[None]:
        self.calls.append(("acknowledge_missed",))
        return self._answer(None)

    def link_states(self) -> Future[tuple[LinkState, ...]]:
        self.calls.append(("link_states",))
        return self._answer(tuple(self.links))

    def start_link(self, channel: str) -> Future[LinkStart]:
        self.calls.append(("start_link", channel))
        url = f"https://auth.example/authorization?state=s-{channel}"
        return self._answer(LinkStart(channel, url))

    # The one action path. What may be done is the Mercado Pago plug-in's own answer for the
    # order (its status graph; no call reaches a network), as the engine would ask it.
    def available_actions(self, key: str) -> Future[tuple[ActionSpec, ...]]:
        order = self.reader.get_order(key) if self.reader is not None else None
        row = self.reader.order_summary(key) if self.reader is not None else None
        if order is None:  # answered at once even when ``hold``: only actions are held
            return _done(())
        accepted = bool(row is not None and row.accepted)
        return _done(_MERCADO_PAGO.actions(order, accepted=accepted, now=T0))

    def action_choices(self, key: str, action: str, param: str) -> Future[tuple[Choice, ...]]:
        self.calls.append(("action_choices", key, action, param))
        return self._answer(self.reasons if (action, param) == ("cancel", "reason") else ())

    def run_action(self, key: str, action: str, params: Params) -> Future[ActionOutcome]:
        self.calls.append(("run_action", key, action, dict(params)))
        return self._answer(self.outcome)


# Its client is never called: ``actions`` reads only the order.
_MERCADO_PAGO = MercadoPagoMarketplace(cast(Any, None))


def flex_order(
    n: int = 41034141533,
    *,
    created: datetime = T0,
    status: StatusPair = NEW,
    logistics: Logistics = Logistics.FLEX,
    currency: str = "ARS",
    customer: str = "João da Silva",
) -> Order:
    """A Flex order shaped like the API notes' §2.2 example (combo with options, notes, QR)."""

    def _m(value: str) -> Money:
        return ars(value, currency)

    papas = Option("Papas grandes", Decimal(1), _m("0"), _m("0"), group="Acompañamiento")
    items = (
        burrito_combo(2, currency, extras=(papas,), with_codes=False),
        OrderItem(
            name="Empanada de carne",
            quantity=Decimal(3),
            unit_price=_m("150"),
            total_price=_m("450"),
        ),
    )
    return mp_order(
        str(n),
        display_id=f"{n % 10000:04d}",
        created_at=created,
        status=status,
        logistics=logistics,
        items=items,
        totals=Totals(_m("1450"), _m("100"), _m("0"), _m("1550")),
        fees=(Fee("Envío", "DELIVERY_FEE", _m("100")),),
        payments=(Payment(_m("1550"), "DIGITAL_WALLET", "PREPAID"),),
        customer=Customer(customer, phone="+54 11 5555-0101"),
        address=Address(
            "Av. Corrientes 1234",
            city="Buenos Aires",
            state="CABA",
            postal_code="C1043",
            complement="Piso 3 B",
            reference="Timbre roto, llamar",
        ),
        qr=FlexQR("41034141533", 1070421029, "Kh3jsEw2sXJ4aVL+pdf7WI+x2TZk4q==", "0")
        if logistics is Logistics.FLEX
        else None,
    )


def summary_of(order: Order, *, accepted: bool = False) -> Summary:
    return Summary(
        key=order.key,
        channel=order.channel,
        order_id=order.order_id,
        display_id=order.display_id,
        created_at=order.created_at,
        status=order.status,
        stage=order.stage,
        is_final=order.is_final,
        logistics=order.logistics.value,
        customer_name=order.customer.name if order.customer else None,
        item_count=order.item_count,
        total=order.totals.total,
        accept_deadline=order.accept_deadline,
        accepted=accepted,
    )


def wait_for_offer(qtbot: Any, window: Any, key: str) -> None:
    """Until the window holds the engine's answer of what may be done with the order (its
    buttons follow that answer only)."""
    qtbot.waitUntil(lambda: key in window._offered, timeout=1000)
