"""What the engine and the relay know of a marketplace (DESIGN §3): the ``Marketplace``
protocol every plug-in under ``channels/<name>/`` implements, and the relay's ``Notify``.

A plug-in turns a relay event into order refs (the one place an event is decoded), fetches
orders (several calls if it must), lists recent orders where the marketplace offers a list,
says which actions an order allows now (the one place that decides), runs them, and gives
the flow (tracks, deadlines, terminal states) the store merges the timeline with. Its words
(names, labels, settings, help) are ``domain.Text``s, translated by the ui.

``ChannelClient`` is the older client protocol (Mercado Pago's verbs); it goes once the engine
talks to plug-ins only.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta, tzinfo
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Protocol, TypeAlias, runtime_checkable

import httpx

from kitchen_app.domain import Channel, Order
from kitchen_app.domain.actions import Evidence, StorePause
from kitchen_app.domain.flows import StatusPair
from kitchen_app.domain.json import JSONObject
from kitchen_app.domain.keys import OrderKey
from kitchen_app.domain.settings import Choice, SettingSpec, SettingValue
from kitchen_app.domain.text import Text
from kitchen_app.domain.tracks import Flow, Observation

from .errors import ChannelError
from .oauth import OAuthPlugin

if TYPE_CHECKING:
    from starlette.routing import BaseRoute

    from .oauth_grants import OAuthApp

__all__ = [
    "NOTHING_TO_CHECK",
    "UNSIGNED",
    "ActionResult",
    "ActionSpec",
    "BadSignature",
    "BadWebhook",
    "CancelReason",
    "ChannelClient",
    "ConflictEvidence",
    "Credentials",
    "Display",
    "EventRefs",
    "FaultPoint",
    "FetchFailure",
    "FetchResult",
    "FetchedOrder",
    "MakesOrdersOnItsOwn",
    "Marketplace",
    "NoFaults",
    "Notification",
    "Notify",
    "OrderFromJson",
    "OrderRef",
    "ParamKind",
    "ParamSpec",
    "ParamValue",
    "Params",
    "Plugin",
    "PluginContext",
    "PluginFactory",
    "RecentPage",
    "RelayEvent",
    "RelaySetting",
    "SandboxFactory",
    "SandboxPart",
    "SandboxShell",
    "SignatureCheck",
    "SignedCall",
    "StoreInfo",
    "StoreStatusClient",
    "Unresolved",
    "WebhookRequest",
]


@dataclass(frozen=True, slots=True)
class CancelReason:
    id: str
    value: str
    message: str  # what staff read in the cancel dialog

    def as_json(self) -> dict[str, str]:
        return {"id": self.id, "value": self.value, "message": self.message}


@dataclass(frozen=True, slots=True)
class FetchedOrder:
    order: Order
    # Every answer that composed it, by call: {"order": …, "shipment": …, "pack": …}.
    raw: dict[str, Any] = field(repr=False)
    # At least each track's current pair, with the marketplace's time of it when it gave one.
    # Empty: the engine takes the order's status, undated (what older clients give).
    observations: tuple[Observation, ...] = ()
    related: tuple[OrderRef, ...] = ()  # fetch these too (the other orders of a cart)


@dataclass(frozen=True, slots=True)
class StoreInfo:
    """A marketplace store (restaurant branch) and its status.

    Mercado Pago: ``status`` is ``enabled``, ``paused`` (no new orders until reopened; two
    auto-cancelled orders in a row pause a store) or ``disabled`` (closed for good); any other
    value is kept as sent, and ``"unknown"`` when the answer carried none (the stores list).
    """

    store_id: str
    status: str
    name: str | None
    external_id: str | None = None

    @property
    def paused(self) -> bool:
        return self.status == "paused"


@runtime_checkable
class ChannelClient(Protocol):
    channel: Channel

    def order_id_from_event(self, topic: str, resource: str) -> str | None:
        """The order id a webhook's resource names, or None when the event is not an order's."""
        ...

    async def fetch_order(self, order_id: str) -> FetchedOrder: ...

    async def accept(self, order_id: str) -> None: ...

    async def cancellation_reasons(self, order_id: str) -> list[CancelReason]: ...

    async def cancel(self, order_id: str, reason: CancelReason | None) -> None: ...

    async def receipt_pdf(self, order_id: str) -> bytes: ...

    async def mark_ready(self, order_id: str) -> None: ...

    async def aclose(self) -> None: ...


@runtime_checkable
class StoreStatusClient(Protocol):
    """A channel whose stores can be paused by the marketplace (Mercado Pago Delivery, §9):
    the engine reads the status and reopens with ``set_store_status(store_id, "enabled")``.
    Clients never send ``disabled`` (irreversible)."""

    async def get_store(self, store_id: str) -> StoreInfo: ...

    async def list_stores(self, user_id: str) -> list[StoreInfo]: ...

    async def set_store_status(self, store_id: str, status: str = "enabled") -> StoreInfo: ...


# ---- the desk's side: the Marketplace protocol ------------------------------------------


@dataclass(frozen=True, slots=True)
class RelayEvent:
    """One entry of the relay's GET /v1/events, decoded once by the engine's relay feed."""

    id: int
    channel: str
    topic: str
    resource: str
    received_at: datetime
    payload: JSONObject
    verified: bool = True  # False: an id hint only (a signature was expected and missing)


@dataclass(frozen=True, slots=True)
class OrderRef:
    key: OrderKey
    seen_status: StatusPair | None = None  # what the event said, shown until fetched
    seen_at: datetime | None = None  # the marketplace's time of that status (Shopee update_time)


@dataclass(frozen=True, slots=True)
class Unresolved:
    reason: str  # one line for the "unresolved notifications" list (the raw body goes with it)
    retryable: bool  # True: the call that would resolve it failed for a passing reason


@dataclass(frozen=True, slots=True)
class EventRefs:
    """What an event is about. ``refs == ()`` and ``unresolved is None``: about no order (a
    Mercado Libre ``items`` topic); it is passed over, never listed."""

    refs: tuple[OrderRef, ...] = ()
    unresolved: Unresolved | None = None


@dataclass(frozen=True, slots=True)
class FetchFailure:
    key: OrderKey
    error: ChannelError


FetchResult: TypeAlias = FetchedOrder | FetchFailure


@dataclass(frozen=True, slots=True)
class RecentPage:
    refs: tuple[OrderRef, ...]
    cursor: str | None  # opaque; None: this listing pass is complete


class ParamKind(StrEnum):
    CHOICE = "choice"  # one of ParamSpec.choices, or of Marketplace.choices() (from_network)
    ITEMS = "items"  # some of the order's items, by OrderItem.ref
    TEXT = "text"
    NUMBER = "number"  # a whole number


@dataclass(frozen=True, slots=True)
class ParamSpec:
    name: str
    kind: ParamKind
    label: Text
    required: bool = True
    required_when: tuple[str, str] | None = None  # (other param, value): required only then
    choices: tuple[Choice, ...] = ()
    from_network: bool = False  # CHOICE: ask Marketplace.choices() when the dialog opens
    multiple: bool = False  # ITEMS: more than one
    max_length: int | None = None  # TEXT
    minimum: int | None = None  # NUMBER
    maximum: int | None = None  # NUMBER


@dataclass(frozen=True, slots=True)
class ActionSpec:
    name: str  # stable: journaled as actions.kind
    label: Text
    params: tuple[ParamSpec, ...] = ()
    confirm: bool = False  # ask "are you sure?" first (irreversible or order-ending)
    warning: Text | None = None  # shown in the dialog
    network: bool = True  # False: the desk does it alone
    accepts: bool = False  # once confirmed the order counts as accepted
    returns_document: bool = False  # run() answers a PDF that the engine queues for printing


ParamValue: TypeAlias = str | int | tuple[str, ...]
Params: TypeAlias = Mapping[str, ParamValue]


@dataclass(frozen=True, slots=True)
class ActionResult:
    document: bytes | None = None  # returns_document actions only
    note: str | None = None  # the marketplace's words worth showing ("tracking OP123…")


@dataclass(frozen=True, slots=True)
class Display:
    """How the desk shows a marketplace and its values: all words are translatable."""

    name: Text  # "Mercado Pago Delivery"
    badge: str  # "MP": short, not translated
    color: str  # badge colour, "#RRGGBB"
    statuses: Mapping[StatusPair, Text]  # long labels; lookup (status, sub), then (status, None)
    chips: Mapping[StatusPair, Text]  # short labels for the list; same lookup
    logistics: Mapping[str, Text]  # Order.logistics -> label
    payment_methods: Mapping[str, Text]
    document: Text | None = None  # what a returns_document PDF is called
    # The words tickets print for its channel id and logistics values, per ticket language
    # ("es", "pt", "en"): tickets render without Qt, so these are not ``Text``.
    ticket_words: Mapping[str, Mapping[str, str]] = field(default_factory=dict)

    def status_label(self, pair: StatusPair, *, short: bool = False) -> Text | None:
        table = self.chips if short else self.statuses
        return table.get(pair) or table.get(StatusPair(pair.status, None))


@dataclass(frozen=True, slots=True)
class SignedCall:
    """The common parameters of one signed shop call (Shopee, api notes B.1): the partner
    and shop ids, the access token and the lowercase hex HMAC-SHA256 of
    ``partner_id + api_path + timestamp + access_token + shop_id`` with the partner key."""

    partner_id: int
    shop_id: int
    access_token: str = field(repr=False)
    sign: str = field(repr=False)


class Credentials(Protocol):
    """Where a client gets its secrets: pasted settings, or the relay (token custody)."""

    async def access_token(self) -> str: ...

    async def rejected(self) -> None:
        """After a 401: refresh through the relay, else show "link expired"."""
        ...

    async def sign_call(
        self, api_path: str, timestamp: int, partner_id: int, shop_id: int
    ) -> SignedCall:
        """Sign one shop call. ``partner_id``/``shop_id``: the desk's settings, which pasted
        credentials sign with; the relay answers with the linked shop's own."""
        ...

    async def account(self) -> str | None:
        """The marketplace account (seller, shop) the store is linked as; None when the
        credentials do not know it (pasted: the plug-in's own settings say)."""
        ...


@dataclass(frozen=True, slots=True)
class PluginContext:
    settings: Mapping[str, SettingValue]  # this plug-in's settings, names without the prefix
    credentials: Credentials
    http: httpx.AsyncClient | None  # shared, owned and closed by the engine; None: make one
    time_zone: str  # the desk's `time_zone` setting (Mercado Pago's x-time-zone)


class Marketplace(Protocol):
    channel: str  # "mp_delivery" | "mercadolibre" | "shopee"
    display: Display
    settings: tuple[SettingSpec, ...]
    legacy_settings: Mapping[str, str]  # old flat name -> name under the prefix
    lists_orders: bool  # list_recent means something (Mercado Libre, Shopee)

    def flow(self, order: Order) -> Flow: ...

    def order_from_json(self, raw: JSONObject) -> FetchedOrder:
        """Pure: what `kitchen-app ticket ORDER.json` and the tests use."""
        ...

    async def refs_from_event(self, event: RelayEvent) -> EventRefs:
        """The one decode of an event: the orders it names (a call if it must)."""
        ...

    async def fetch(self, refs: Sequence[OrderRef]) -> list[FetchResult]:
        """One result per ref, in any order; a failure never hides another ref's order."""
        ...

    async def list_recent(self, since: datetime, cursor: str | None) -> RecentPage: ...

    def actions(self, order: Order, *, accepted: bool, now: datetime) -> tuple[ActionSpec, ...]:
        """The one place that decides what may be done now (engine and ui both ask)."""
        ...

    async def choices(self, action: str, param: str, order: Order) -> tuple[Choice, ...]: ...

    async def run(self, action: str, order: Order, params: Params) -> ActionResult:
        """Raises the typed errors of channels/errors.py."""
        ...

    def evidence(self, action: str, order: Order) -> Evidence:
        """From a fresh read: did an action whose answer was lost take effect?"""
        ...

    async def store_pauses(self) -> tuple[StorePause, ...]: ...

    async def reopen_store(self, store_id: str) -> None: ...

    async def aclose(self) -> None: ...


@runtime_checkable
class ConflictEvidence(Protocol):
    """Optional, beside ``Marketplace.evidence``: what a fresh read says after the
    marketplace refused an action as a state conflict. Mercado Pago refuses an accept of an
    order still in ready_to_ship only when it was accepted already, which a read before a
    re-send could not conclude (a courier may be assigned before the accept)."""

    def evidence_after_conflict(self, action: str, order: Order) -> Evidence: ...


class PluginFactory(Protocol):
    def __call__(self, ctx: PluginContext) -> Marketplace: ...


# ---- the relay's side: Notify ------------------------------------------------------------


class WebhookRequest(Protocol):
    """One webhook call as the relay hands it to a plug-in's rules. The query string and the
    URL are read on demand: most webhooks need neither."""

    @property
    def body(self) -> bytes: ...

    @property
    def headers(self) -> Mapping[str, str]:
        """Case-insensitive names."""
        ...

    def has_query(self, name: str) -> bool:
        """Whether the raw query string mentions ``name`` (cheap; no parsing)."""
        ...

    def query(self) -> Mapping[str, str]: ...

    def url(self) -> str:
        """The URL as the relay received it (behind a proxy it may differ from the one the
        marketplace called; a plug-in that signs the URL takes that from a setting)."""
        ...


class BadWebhook(ValueError):
    """Not strict JSON, or a required field missing or of the wrong type (→ 400)."""


class BadSignature(ValueError):
    """Signature wrong, or a signed request id reused with another body (→ 401)."""


@dataclass(frozen=True, slots=True)
class SignatureCheck:
    """What a webhook's signature proved. ``request_key`` ("<channel>|<id>") binds a verified
    signature to its body: the same key with another body is a replay (refused at commit).
    ``signed_id``: the resource id the signature covered, which the body must name."""

    verified: bool
    request_key: str | None = None
    note: str = ""
    signed_id: str | None = None


UNSIGNED = SignatureCheck(verified=False, note="no signature")
# A route with nothing to check: no secret configured (the operator accepts unsigned webhooks,
# DESIGN §5) or a marketplace that signs nothing (Mercado Libre). "Unverified" is kept for a
# signature that was expected and is missing or stale, so the desk treats only those events as
# mere hints; an event on an unchecked route is the order's announcement like any other.
NOTHING_TO_CHECK = SignatureCheck(verified=True, note="no signature configured")


@dataclass(frozen=True, slots=True)
class Notification:
    """A webhook body read by its plug-in's rules: what the relay stores beside the body."""

    topic: str  # served as is ("" when the body has none)
    resource: str  # served as is ("" when the body names none: an unresolved notification)
    account: str  # the marketplace account the relay routes by (user_id, shop_id)
    # Deduplication: the same dedupe_id is one notification; dedupe_content is the fallback
    # for bodies without an id. Both start with "<channel>|".
    dedupe_id: str | None
    dedupe_content: str | None
    check: SignatureCheck  # the verify() result, possibly lowered by what the body names


@dataclass(frozen=True, slots=True)
class RelaySetting:
    """A value the relay needs for one marketplace's webhooks (a secret, a public URL). The
    relay's setting is named ``<channel>.<name>``; ``flag`` is its ``relay serve`` option
    (None: only from the environment, for a secret that must not show in a process list)."""

    name: str
    env: str
    flag: str | None = None
    secret: bool = True


class Notify(Protocol):
    """A marketplace's webhook rules, as the relay applies them. For one webhook, the relay:
    body ≤ 64 KiB → ``verify`` (BadSignature → 401, counted for /v1/status against
    ``account_of``'s store) → strict JSON object (else BadWebhook) → ``parse`` (BadWebhook →
    400, BadSignature → 401; with ``always_ack`` both are answered 200 and the body kept
    unrouted) → durable append (a ``request_key`` seen with another body → 401) → 200."""

    channel: str
    path: str  # "/webhooks/mercadopago": the route the marketplace is configured to call
    # True (Shopee): every webhook the relay could store or read is answered 2xx with an empty
    # body, since the marketplace disables endpoints that fail; only a bad signature is 401.
    always_ack: bool
    relay_settings: tuple[RelaySetting, ...]

    def verify(
        self,
        request: WebhookRequest,
        settings: Mapping[str, str],
        *,
        now: float,
        max_age_seconds: float,
    ) -> SignatureCheck:
        """``settings``: this channel's relay settings by name (unset ones absent). ``now``
        and ``max_age_seconds`` (how long the relay remembers request keys) bound a signed
        timestamp. Raises BadSignature."""
        ...

    def parse(self, body: JSONObject, check: SignatureCheck) -> Notification:
        """Tolerant reading of a strict-JSON object body. Raises BadWebhook (or
        BadSignature, when the body contradicts what was signed)."""
        ...

    def account_of(self, body: JSONObject) -> str | None:
        """The route key ``parse`` reads (canonical text), None when there is none."""
        ...


# ---- the sandbox's side --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SandboxShell:
    """What the sandbox shell lends a plug-in's simulator: its clock and timers, where the
    relay listens, the bearer token its APIs accept, its seed, and its fault injection."""

    now: Callable[[], float]  # sandbox time, epoch seconds (the clock's speed applies)
    at: Callable[[float, Callable[[float], None]], None]  # run a callback at a sandbox time
    relay_url: str | None  # webhooks go to {relay_url}{Notify.path}; None: none are sent
    token: str  # the bearer token the simulated APIs accept
    seed: int | None = None  # same seed -> same orders
    faults: FaultPoint = field(default_factory=lambda: NoFaults())


class FaultPoint(Protocol):
    """The shell's ``POST /_sandbox/faults`` rules, as a simulator's API routes meet them."""

    def declare(self, operations: Iterable[str]) -> None:
        """The operation names this simulator's routes apply (what a rule's ``match`` may
        name besides the shell's own)."""
        ...

    async def apply(self, operation: str, order_id: str | None = None) -> None:
        """Raise the first matching rule's error (``channels.sandbox_kit.SandboxError``) or
        wait its delay; nothing when no rule matches."""
        ...


class NoFaults:
    """A shell without fault injection (a simulator built outside the sandbox app)."""

    def declare(self, operations: Iterable[str]) -> None:
        return None

    async def apply(self, operation: str, order_id: str | None = None) -> None:
        return None


@runtime_checkable
class MakesOrdersOnItsOwn(Protocol):
    """A simulator part whose own order rate ``/_sandbox/clock`` reads and sets
    (``rate_per_min``, orders per sandbox minute)."""

    @property
    def rate_per_min(self) -> float: ...

    def set_rate(self, rate_per_min: float) -> None: ...


class SandboxPart(Protocol):
    """One marketplace's simulator inside the sandbox app."""

    channel: str

    def routes(self) -> Sequence[BaseRoute]:
        """Its marketplace API paths (and any /_sandbox/<channel>/… control routes)."""
        ...

    def create_order(self, body: JSONObject) -> JSONObject:
        """``POST /_sandbox/orders`` with this channel: make an order, send its webhook, and
        answer its summary (at least ``order_id``). Raises ValueError (→ 400) for bad input."""
        ...

    def list_orders(self) -> list[JSONObject]:
        """``GET /_sandbox/orders``: every order's summary (with ``channel``)."""
        ...

    async def start(self) -> None:
        """On the server's loop: start sending its webhooks."""
        ...

    async def stop(self) -> None: ...

    def oauth_app(self) -> OAuthApp | None:
        """Its application on the shell's ``/authorization`` and ``/oauth/token`` (the shape
        Mercado Pago and Mercado Libre share); None when it serves OAuth on its own paths."""
        ...

    def revoke_grants(self, account: int | None) -> int:
        """``POST /_sandbox/oauth/revoke``: the seller unlinks (None: every seller)."""
        ...


SandboxFactory: TypeAlias = Callable[[SandboxShell], SandboxPart]


# ---- a plug-in as the composition root registers it --------------------------------------

# The marketplace's order JSON, as its API answers it, to an Order (``kitchen-app ticket
# FILE --channel C``); the zone is the one offset-less times are in (api notes §2).
OrderFromJson: TypeAlias = Callable[[dict[str, Any], tzinfo], Order]


@dataclass(frozen=True, slots=True)
class Plugin:
    """Everything the desk, the relay and the sandbox need of one marketplace, without
    building anything: ``app/plugins.py`` lists these, and is the only place that does."""

    channel: str
    display: Display
    settings: tuple[SettingSpec, ...]
    create: PluginFactory  # the desk's Marketplace, from its settings and credentials
    legacy_settings: Mapping[str, str] = field(default_factory=dict)
    lists_orders: bool = False
    notify: Notify | None = None  # its webhook rules on the relay; None: no webhooks
    sandbox: SandboxFactory | None = None  # its simulator part; None: none
    # Every action it may offer (what actions() picks from): the journal and the timeline
    # name an action by it even when the order no longer allows it.
    actions: tuple[ActionSpec, ...] = ()
    # How long after its first notification an order whose details are still unread may
    # wait for acceptance (the store lists such orders with that deadline); None: no window.
    unread_accept_window: timedelta | None = None
    # Store linking and token custody on the relay (issue 15); None: tokens are pasted.
    oauth: OAuthPlugin | None = None
    # Its order JSON read from a file (the ticket command); None: no such reading.
    order_from_json: OrderFromJson | None = None
