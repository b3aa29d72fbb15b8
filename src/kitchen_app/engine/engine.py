"""The desk's brain without a screen (DESIGN §2, §4).

One worker thread runs an asyncio loop that owns the desk store (the only writer), the
marketplace clients, the relay feed, reconciliation, the actions journal and the print queue.
Callers on other threads use the ``EngineCommands`` methods, which return
``concurrent.futures.Future``; news flows out through the ``EngineListener``.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Awaitable, Callable, Coroutine, Mapping
from concurrent.futures import Future
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

from kitchen_app.channels.base import (
    ActionSpec,
    ChannelClient,
    Credentials,
    Marketplace,
    Params,
)
from kitchen_app.channels.registry import PluginRegistry
from kitchen_app.domain import Channel, Choice, Stage
from kitchen_app.domain.keys import OrderKey
from kitchen_app.engine.actions import ActionRunner
from kitchen_app.engine.api import (
    ActionOutcome,
    DeskHealth,
    EngineListener,
    FeedState,
    FeedStatus,
)
from kitchen_app.engine.context import EngineContext, OccurredAt, utc_now
from kitchen_app.engine.feed import FeedLoop, feed_name
from kitchen_app.engine.health import HealthListener, HealthMonitor
from kitchen_app.engine.links import (
    LinkStart,
    LinkState,
    RelayLinks,
    read_links,
    relay_wanted,
)
from kitchen_app.engine.loading import OrderFetcher
from kitchen_app.engine.printing import PrintService
from kitchen_app.engine.reconcile import Reconciler
from kitchen_app.engine.relay_feed import RelayError, RelayFeed
from kitchen_app.engine.settings import (
    canonical_key,
    effective_time_zone,
    validate,
)
from kitchen_app.engine.stores import CHECK_INTERVAL_S, StoreWatch
from kitchen_app.store import DeskStore

__all__ = ["Engine", "EngineConfig"]

log = logging.getLogger(__name__)

T = TypeVar("T")

# Orders stored this little before the feed said it was back were read by the reconnect too.
_STORE_SLACK = timedelta(seconds=5)

# The desk's settings whose change means new marketplace clients or a new relay connection;
# every plug-in setting (``<channel>.<name>``) is one too.
_DESK_CONNECTION_SETTINGS = frozenset({"relay_url", "relay_token", "time_zone", "country"})

# The clients the store watch still speaks to, from the settings and the plug-ins just
# built (the plug-ins' own clients: the engine closes the plug-ins, not these).
ClientsFactory = Callable[
    [Mapping[str, Any], Mapping[str, Marketplace]], Mapping[Channel, ChannelClient]
]
FeedFactory = Callable[[Mapping[str, Any]], RelayFeed | None]
# The relay's token custody (issue 15): credentials by channel for the channels that take
# the relay's, from the connection settings and the channels served; the rest keep their
# pasted settings. The composition root passes the real one (``app/custody.py``).
CredentialsFactory = Callable[
    [Mapping[str, Any], tuple[str, ...]], Awaitable[Mapping[str, Credentials]]
]


def default_feed(settings: Mapping[str, Any]) -> RelayFeed | None:
    if not settings["relay_url"]:
        return None
    return RelayFeed(settings["relay_url"], settings["relay_token"])


@dataclass(frozen=True)
class EngineConfig:
    db_path: Path
    # Written into the store's settings when the engine opens it (the demo and tests use it).
    initial_settings: Mapping[str, Any] = field(default_factory=dict)
    poll_wait_s: float = 25.0
    reconcile_interval_s: float | None = None  # None: the reconcile_interval_s setting
    store_check_interval_s: float = CHECK_INTERVAL_S  # how often paused stores are looked for
    link_check_interval_s: float = 60.0  # how often the relay's store links are looked at


class Engine:
    """Implements ``engine.api.EngineCommands``."""

    def __init__(
        self,
        config: EngineConfig,
        listener: EngineListener,
        *,
        clients_factory: ClientsFactory,
        occurred_at: Mapping[Channel, OccurredAt] | None = None,
        feed_factory: FeedFactory = default_feed,
        clock: Callable[[], datetime] = utc_now,
        plugins: PluginRegistry | None = None,
        credentials_factory: CredentialsFactory | None = None,
    ) -> None:
        """``clients_factory`` builds the marketplace clients from the connection settings
        (the composition root, ``kitchen_app.app.wiring``, passes the real ones in); ``plugins``
        are the marketplaces the desk serves (``app/plugins.py``), built into
        ``EngineContext.marketplaces`` from their settings on every connect."""
        self._config = config
        self._plugins = plugins if plugins is not None else PluginRegistry(())
        # The channels' settings are their plug-ins' "<channel>.<name>".
        self._connection_settings = _DESK_CONNECTION_SETTINGS | {
            name for name, _ in self._plugins.setting_specs()
        }
        self._health = HealthMonitor(listener, clock)
        # Every part talks to this one, which keeps the health up to date and forwards.
        self._listener: EngineListener = HealthListener(listener, self._health)
        self._clients_factory = clients_factory
        self._credentials_factory = credentials_factory
        self._credentials: dict[str, Credentials] = {}
        self._occurred_at = dict(occurred_at or {})
        self._feed_factory = feed_factory
        self._clock = clock
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._ready = threading.Event()
        self._start_error: BaseException | None = None
        self._stopping: asyncio.Event | None = None
        self._tasks: set[asyncio.Task[Any]] = set()
        self._feed_task: asyncio.Task[None] | None = None
        self._ctx: EngineContext | None = None
        self._feed_loop: FeedLoop | None = None
        self._actions: ActionRunner | None = None
        self._reconciler: Reconciler | None = None
        self._printing: PrintService | None = None
        self._fetcher: OrderFetcher | None = None
        self._stores: StoreWatch | None = None

    # ---- lifecycle ---------------------------------------------------------------------------

    def start(self, timeout: float = 15.0) -> None:
        """Start the worker thread; returns once the store is open and the loops run.
        Raises what opening failed with (e.g. ``StoreError``)."""
        self._thread = threading.Thread(target=self._run, name="engine", daemon=True)
        self._thread.start()
        if not self._ready.wait(timeout):
            raise TimeoutError("the engine did not start in time")
        if self._start_error is not None:
            raise self._start_error

    def stop(self, timeout: float = 15.0) -> None:
        loop, stopping = self._loop, self._stopping
        if loop is not None and stopping is not None and not loop.is_closed():
            loop.call_soon_threadsafe(stopping.set)
        if self._thread is not None:
            self._thread.join(timeout)

    def _run(self) -> None:
        try:
            asyncio.run(self._main())
        except BaseException as exc:
            if not self._ready.is_set():
                self._start_error = exc
                self._ready.set()
            else:
                log.exception("engine stopped on an error")

    async def _main(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._stopping = asyncio.Event()
        store = DeskStore.open(
            self._config.db_path,
            renamed_settings=self._plugins.legacy_names(),
            unread_accept_windows=self._plugins.unread_accept_windows(),
        )
        self._health.attach(store, self._loop)
        try:
            for key, value in self._config.initial_settings.items():
                validate(key, value)
                store.set_setting(canonical_key(key), value)
            ctx = EngineContext(
                store=store,
                clients={},
                listener=self._listener,
                occurred_at=self._occurred_at,
                clock=self._clock,
                api_outcome=self._health.api_outcome,
                unread_accept_windows=self._plugins.unread_accept_windows(),
            )
            self._ctx = ctx
            self._fetcher = OrderFetcher(ctx, on_new_order=self._on_new_order)
            self._stores = StoreWatch(ctx, self._health)
            ctx.observers.append(self._stores.observe)
            self._reconciler = Reconciler(ctx, on_new_order=self._on_new_order)
            self._actions = ActionRunner(
                ctx,
                on_confirmed=self._on_action_confirmed,
                on_pending_changed=self._pending_changed,
            )
            self._printing = PrintService(ctx)
            await self._connect()
            await self._printing.start()
            self._actions.resume_unfinished()
            await self._fetcher.resume()
            self._spawn(self._stores.run_periodically(self._config.store_check_interval_s))
            self._spawn(self._watch_links(self._config.link_check_interval_s))
            self._health.recompute()
            interval = self._config.reconcile_interval_s or float(
                ctx.setting("reconcile_interval_s")
            )
            self._spawn(self._reconciler.run_periodically(interval))
            self._ready.set()
            await self._stopping.wait()
        finally:
            await self._shutdown(store)

    async def _connect(self) -> None:
        """(Re)build the marketplace clients and the relay feed from the settings."""
        assert self._ctx is not None and self._reconciler is not None
        ctx = self._ctx
        if self._feed_task is not None:
            self._feed_task.cancel()
            await asyncio.gather(self._feed_task, return_exceptions=True)
        if self._feed_loop is not None:
            await self._feed_loop.close()
        for marketplace in ctx.marketplaces.values():
            await marketplace.aclose()
        await self._close_credentials()
        settings = {key: ctx.setting(key) for key in self._connection_settings}
        time_zone = effective_time_zone(settings["time_zone"], settings["country"])
        self._credentials = await self._custody(settings)
        ctx.marketplaces = self._plugins.create(
            settings, time_zone=time_zone, credentials=self._credentials
        )
        ctx.clients = dict(self._clients_factory(settings, ctx.marketplaces))
        self._health.channel_names = {p.channel: p.display.name.source for p in self._plugins}
        self._health.relay_channels = set(self._credentials)
        self._health.reset_apis(ctx.marketplaces)
        if self._stores is not None:
            # Reads the stores' status and, with it, tells at once whether the marketplace
            # takes this address and token.
            self._stores.soon("connect")
        feed = self._feed_factory(settings)
        if feed is None:
            self._listener.feed_state_changed(
                FeedState(FeedStatus.DISABLED, since=self._clock(), message="no relay configured")
            )
            self._feed_loop = None
            self._spawn(self._reconciler.run_once("start"))
            return
        self._feed_loop = FeedLoop(
            ctx,
            feed,
            name=feed_name(settings["relay_url"], settings["relay_token"]),
            wait_s=self._config.poll_wait_s,
            fetcher=self._fetcher_or_fail(),
            on_new_order=self._on_new_order,
            reconcile=self._reconcile_quietly,
            pending_actions=lambda: self._actions.pending_count if self._actions else 0,
            check_missed=self._check_missed,
        )
        self._feed_task = self._spawn(self._feed_loop.run())

    async def _custody(self, settings: Mapping[str, Any]) -> dict[str, Credentials]:
        if self._credentials_factory is None:
            return {}
        try:
            return dict(await self._credentials_factory(settings, self._plugins.channels))
        except Exception:  # never a reason not to start: the pasted settings still work
            log.exception("choosing the relay's credentials")
            return {}

    async def _close_credentials(self) -> None:
        for credentials in self._credentials.values():
            close = getattr(credentials, "aclose", None)
            if close is not None:
                await close()
        self._credentials = {}

    def _fetcher_or_fail(self) -> OrderFetcher:
        assert self._fetcher is not None
        return self._fetcher

    async def _shutdown(self, store: DeskStore) -> None:
        if self._actions is not None:
            self._actions.stop()
        if self._fetcher is not None:
            await self._fetcher.stop()
        if self._stores is not None:
            await self._stores.stop()
        if self._printing is not None:
            await self._printing.stop()
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        if self._ctx is not None:
            for marketplace in self._ctx.marketplaces.values():
                await marketplace.aclose()
        await self._close_credentials()
        if self._feed_loop is not None:
            await self._feed_loop.close()
        store.close()

    def _spawn(self, coro: Coroutine[Any, Any, T]) -> asyncio.Task[T]:
        task = asyncio.get_running_loop().create_task(coro)
        self._tasks.add(task)
        task.add_done_callback(self._task_done)
        return task

    def _task_done(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.error("engine task failed", exc_info=task.exception())

    # ---- reactions -------------------------------------------------------------------------

    async def _reconcile_quietly(self, reason: str) -> None:
        assert self._reconciler is not None
        try:
            await self._reconciler.run_once(reason)
        except Exception:
            log.exception("reconcile (%s) failed", reason)

    async def _on_new_order(self, key: OrderKey) -> None:
        assert self._ctx is not None and self._actions is not None
        if not self._ctx.setting("auto_accept"):
            return
        summary = self._ctx.store.order_summary(key)
        if summary is not None and summary.stage is Stage.NEW and not summary.accepted:
            # The plug-in's accepting action that needs nothing from staff (not one that
            # answers a document: that one prints the marketplace's PDF).
            accept = next(
                (
                    a
                    for a in self._actions.offered(key)
                    if a.accepts and not a.returns_document and not a.params
                ),
                None,
            )
            if accept is not None:
                log.info("auto-accepting %s (%s)", key, accept.name)
                self._spawn(self._actions.run(key, accept.name, {}))

    async def _on_action_confirmed(self, key: OrderKey, kind: str) -> None:
        assert self._printing is not None and self._actions is not None
        if self._actions.accepts(key, kind):
            await self._printing.auto_print(key)

    def _check_missed(self, since: datetime, back_at: datetime) -> None:
        """After an outage: orders that arrived and expired meanwhile, until acknowledged."""
        assert self._ctx is not None
        # Notified during the outage (orders announced once the desk was back were seen
        # live), stored once it was back.
        keys = self._ctx.store.missed_orders(
            since,
            back_at - _STORE_SLACK,
            self._clock(),
            notified_before=back_at + _STORE_SLACK,
        )
        if self._health.add_missed(keys):
            log.warning("orders missed while offline: %s", ", ".join(map(str, keys)))

    def _pending_changed(self) -> None:
        if self._feed_loop is not None:
            self._feed_loop.refresh_state()

    # ---- commands (any thread) ---------------------------------------------------------------

    def _submit(self, coro: Coroutine[Any, Any, T]) -> Future[T]:
        if self._loop is None or not self._ready.is_set():
            coro.close()
            failed: Future[T] = Future()
            failed.set_exception(RuntimeError("the engine is not running"))
            return failed
        return asyncio.run_coroutine_threadsafe(coro, self._loop)

    def run_action(self, key: OrderKey, action: str, params: Params) -> Future[ActionOutcome]:
        """The one action path: any action the order's plug-in offers, with its parameters."""
        return self._submit(self._action(key, action, params))

    def available_actions(self, key: OrderKey) -> Future[tuple[ActionSpec, ...]]:
        """What may be done with the order now, as its plug-in says."""

        async def offered() -> tuple[ActionSpec, ...]:
            assert self._actions is not None
            return self._actions.offered(key)

        return self._submit(offered())

    def action_choices(self, key: OrderKey, action: str, param: str) -> Future[tuple[Choice, ...]]:
        """The choices a parameter offers now (asked of the marketplace where it says)."""

        async def choices() -> tuple[Choice, ...]:
            assert self._actions is not None
            return await self._actions.choices(key, action, param)

        return self._submit(choices())

    async def _action(self, key: OrderKey, kind: str, params: Params) -> ActionOutcome:
        assert self._actions is not None
        return await self._actions.run(key, kind, params)

    def print_ticket(
        self, key: OrderKey, kind: str, *, reprint: bool = False, printer: str | None = None
    ) -> Future[list[int]]:
        async def queue() -> list[int]:
            assert self._printing is not None
            return await self._printing.print_ticket(key, kind, reprint=reprint, printer=printer)

        return self._submit(queue())

    def retry_print(self, job_id: int, *, printer: str | None = None) -> Future[int]:
        async def retry() -> int:
            assert self._printing is not None
            return await self._printing.retry(job_id, printer=printer)

        return self._submit(retry())

    def resolve_uncertain_print(self, job_id: int, *, printed: bool) -> Future[None]:
        async def resolve() -> None:
            assert self._printing is not None
            await self._printing.resolve_uncertain(job_id, printed=printed)

        return self._submit(resolve())

    def print_calibration(self, printer: str) -> Future[int]:
        async def calibrate() -> int:
            assert self._printing is not None
            return await self._printing.calibration(printer)

        return self._submit(calibrate())

    def set_setting(self, key: str, value: Any) -> Future[None]:
        async def store_it() -> None:
            assert self._ctx is not None and self._printing is not None
            validate(key, value)
            name = canonical_key(key)
            self._ctx.store.set_setting(name, value)
            if name in self._connection_settings:
                await self._connect()
            if name == "printers":
                self._printing.reload_printers()

        return self._submit(store_it())

    def reconcile_now(self) -> Future[None]:
        return self._submit(self._reconcile_quietly("requested"))

    def reopen_store(self, channel: str, store_id: str) -> Future[ActionOutcome]:
        async def reopen() -> ActionOutcome:
            assert self._stores is not None
            return await self._stores.reopen(channel, store_id)

        return self._submit(reopen())

    def dismiss_unresolved(self, notification_id: int) -> Future[None]:
        async def dismiss() -> None:
            assert self._ctx is not None
            if self._ctx.store.dismiss_unresolved(notification_id):
                self._listener.unresolved_changed()

        return self._submit(dismiss())

    def acknowledge_missed(self) -> Future[None]:
        async def acknowledge() -> None:
            self._health.acknowledge_missed()

        return self._submit(acknowledge())

    # ---- store links at the relay (issue 15) ------------------------------------------------

    def _links(self) -> RelayLinks:
        assert self._ctx is not None
        url, token = self._ctx.setting("relay_url"), self._ctx.setting("relay_token")
        if not (url and token):
            raise RelayError("no relay is configured: enter its address and desk token")
        return RelayLinks(str(url), str(token))

    def link_states(self) -> Future[tuple[LinkState, ...]]:
        async def states() -> tuple[LinkState, ...]:
            assert self._ctx is not None
            found = await self._links().states()
            await self._follow_links({link.channel: link for link in found})
            return found

        return self._submit(states())

    async def _follow_links(self, links: Mapping[str, LinkState] | None) -> None:
        """A store linked (or whose link expired) since the clients were built: channels on
        "auto" switch to the relay's credentials now, not at the next start."""
        if self._credentials_factory is None or links is None or self._ctx is None:
            return
        settings = {key: self._ctx.setting(key) for key in self._connection_settings}
        if relay_wanted(settings, self._plugins.channels, links) != set(self._credentials):
            log.info("store links changed at the relay: reconnecting the marketplaces")
            await self._connect()

    async def _watch_links(self, interval_s: float) -> None:
        assert self._ctx is not None
        while True:
            await asyncio.sleep(interval_s)
            if self._credentials_factory is None:
                return
            settings = {key: self._ctx.setting(key) for key in self._connection_settings}
            try:
                await self._follow_links(await read_links(settings))
            except Exception:  # a bad answer never stops the watch
                log.exception("following the relay's store links")

    def start_link(self, channel: str) -> Future[LinkStart]:
        async def start() -> LinkStart:
            if channel not in self._plugins:
                raise ValueError(f"no marketplace {channel!r} on this desk")
            return await self._links().start(channel)

        return self._submit(start())

    def health(self) -> DeskHealth:
        """The desk's health as last computed (thread-safe: an immutable snapshot)."""
        return self._health.current

    # ---- introspection for tests and the status bar ---------------------------------------

    @property
    def feed_state(self) -> FeedState | None:
        return self._feed_loop.state if self._feed_loop else None

    @property
    def reconcile_runs(self) -> int:
        return self._reconciler.runs if self._reconciler else 0
