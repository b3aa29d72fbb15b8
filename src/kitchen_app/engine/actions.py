"""Staff actions sent to the marketplace, journaled (DESIGN §6.4).

Each action is journaled ``requested`` before anything is sent, ``sent`` while it is on its
way, then ``confirmed`` or ``failed`` with the marketplace's reason. When the marketplace
cannot be reached the action stays ``sent`` (shown as pending) and is retried in the
background; before every re-send the order is re-read, so an action whose answer was lost is
confirmed from the order's state instead of being sent twice.

One path for every marketplace: ``run(key, action, params)``. Whether an action is possible
now is decided by the order's plug-in alone (``Marketplace.actions``); its parameters are
checked against the action's ``ParamSpec``s before anything is journaled; the plug-in sends
it (``Marketplace.run``) and says from a fresh read whether one whose answer was lost took
effect (``Marketplace.evidence``).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from kitchen_app.channels.base import (
    ActionSpec,
    ConflictEvidence,
    Marketplace,
    ParamKind,
    Params,
    ParamSpec,
    ParamValue,
)
from kitchen_app.channels.errors import ChannelError, StateConflict, TransientError
from kitchen_app.domain import Order, OrderKey
from kitchen_app.domain.actions import Evidence
from kitchen_app.domain.settings import Choice
from kitchen_app.engine.api import ActionOutcome, ActionOutcomeState
from kitchen_app.engine.backoff import Backoff
from kitchen_app.engine.context import EngineContext
from kitchen_app.store import ActionState

__all__ = ["ActionRunner", "ParamError", "check_params"]

log = logging.getLogger(__name__)

_RETRY_BACKOFF = (2.0, 60.0)


class ParamError(ValueError):
    """Parameters an action's ParamSpecs refuse; the message is one line for staff."""


def _label(spec: ParamSpec) -> str:
    return spec.label.source


def check_params(spec: ActionSpec, params: Params, order: Order) -> dict[str, ParamValue]:
    """The parameters as the plug-in declared them: required ones present (also when
    ``required_when`` applies), choices among the offered ones (a network choice is checked
    by the plug-in), item refs of this order, text within its length, numbers within range.
    Unknown names are refused."""
    declared = {p.name: p for p in spec.params}
    unknown = sorted(set(params) - set(declared))
    if unknown:
        raise ParamError(f"{spec.name} takes no {', '.join(unknown)}")
    out: dict[str, ParamValue] = {}
    for param in spec.params:
        value = params.get(param.name)
        needed = param.required
        if param.required_when is not None:
            other, wanted = param.required_when
            needed = params.get(other) == wanted
        if value is None or value == "" or value == ():
            if needed:
                raise ParamError(f"{_label(param)} is required")
            continue
        out[param.name] = _checked(param, value, order)
    return out


def _checked(param: ParamSpec, value: ParamValue, order: Order) -> ParamValue:
    name = _label(param)
    if param.kind is ParamKind.NUMBER:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ParamError(f"{name} must be a whole number")
        if param.minimum is not None and value < param.minimum:
            raise ParamError(f"{name} must be at least {param.minimum}")
        if param.maximum is not None and value > param.maximum:
            raise ParamError(f"{name} must be at most {param.maximum}")
        return value
    if param.kind is ParamKind.ITEMS:
        refs = (value,) if isinstance(value, str) else value
        if not isinstance(refs, tuple) or not all(isinstance(r, str) for r in refs):
            raise ParamError(f"{name} must name items of the order")
        known = {item.ref for item in order.items if item.ref}
        if any(r not in known for r in refs):
            raise ParamError(f"{name}: not an item of this order")
        if not param.multiple and len(refs) != 1:
            raise ParamError(f"{name}: choose one item")
        return tuple(refs)
    if not isinstance(value, str):
        raise ParamError(f"{name} must be text")
    if param.kind is ParamKind.TEXT:
        if param.max_length is not None and len(value) > param.max_length:
            raise ParamError(f"{name} is longer than {param.max_length} characters")
        return value
    # CHOICE: one of the declared values; a network choice is the plug-in's to check.
    if not param.from_network and value not in {c.value for c in param.choices}:
        raise ParamError(f"{name}: not one of the choices")
    return value


def _journaled_params(params: Any) -> dict[str, ParamValue]:
    """Parameters as a journal row holds them. Before plug-ins, a chosen reason was journaled
    as the marketplace's whole object: its ``value`` is the choice the plug-in takes now."""
    out: dict[str, ParamValue] = {}
    for name, value in dict(params or {}).items():
        if isinstance(value, dict) and ("value" in value or "id" in value):
            value = str(value.get("value") or value["id"])
        elif isinstance(value, list):
            value = tuple(str(v) for v in value)
        out[str(name)] = value
    return out


class ActionRunner:
    def __init__(
        self,
        ctx: EngineContext,
        *,
        on_confirmed: Callable[[OrderKey, str], Awaitable[None]],
        on_pending_changed: Callable[[], None],
    ) -> None:
        self._ctx = ctx
        self._on_confirmed = on_confirmed
        self._on_pending_changed = on_pending_changed
        self._retry_tasks: dict[int, asyncio.Task[None]] = {}
        self._accepting: set[str] = set()  # names of actions a plug-in said accept an order

    @property
    def pending_count(self) -> int:
        return len(self._retry_tasks)

    # ---- public, on the engine loop -------------------------------------------------------

    def _plugin(self, key: OrderKey) -> Marketplace | None:
        return self._ctx.plugin(key.channel)

    def offered(self, key: OrderKey) -> tuple[ActionSpec, ...]:
        """What may be done with the order now: its plug-in's answer (the one place)."""
        order = self._ctx.store.get_order(key)
        plugin = self._ctx.plugin(order.channel) if order is not None else None
        if order is None or plugin is None:
            return ()
        summary = self._ctx.store.order_summary(key)
        accepted = bool(summary and summary.accepted)
        offered = plugin.actions(order, accepted=accepted, now=self._ctx.clock())
        self._accepting.update(a.name for a in offered if a.accepts)
        return offered

    async def choices(self, key: OrderKey, action: str, param: str) -> tuple[Choice, ...]:
        order = self._ctx.store.get_order(key)
        plugin = self._ctx.plugin(order.channel) if order is not None else None
        if order is None or plugin is None:
            return ()
        return await plugin.choices(action, param, order)

    async def run(self, key: OrderKey, kind: str, params: Params) -> ActionOutcome:
        order = self._ctx.store.get_order(key)
        if order is None:
            return ActionOutcome(None, ActionOutcomeState.FAILED, f"unknown order {key}")
        if self._ctx.plugin(order.channel) is None:
            return ActionOutcome(None, ActionOutcomeState.FAILED, f"no {order.channel} connection")
        spec = next((a for a in self.offered(key) if a.name == kind), None)
        try:
            checked = check_params(spec, params, order) if spec is not None else dict(params)
        except ParamError as exc:  # nothing journaled: staff correct the form
            return ActionOutcome(None, ActionOutcomeState.FAILED, str(exc))
        for record in self._ctx.store.unfinished_actions():
            if record.order_key == key and record.kind == kind:
                # Already on its way (a second press, or auto-accept and a press): never a
                # second request for the same thing.
                return ActionOutcome(
                    record.id, ActionOutcomeState.PENDING, record.error or "already being sent"
                )
        action_id = self._ctx.store.add_action(key, kind, _as_json(checked))
        self._ctx.listener.action_changed(key, action_id)
        if spec is None:
            return self._finish(
                key,
                action_id,
                ActionState.FAILED,
                f"not possible while the order is {order.status}",
                attempts=0,
            )
        return await self._send(key, action_id, kind, checked, attempt=1)

    def resume_unfinished(self) -> None:
        """After a restart: actions left requested/sent are checked and re-sent if needed."""
        for record in self._ctx.store.unfinished_actions():
            params = _journaled_params(record.params)
            self._schedule_retry(record.order_key, record.id, record.kind, params, 1)

    def stop(self) -> None:
        for task in self._retry_tasks.values():
            task.cancel()

    # ---- the mechanism ----------------------------------------------------------------------

    async def _send(
        self,
        key: OrderKey,
        action_id: int,
        kind: str,
        params: Params,
        attempt: int,
        *,
        retry_in_background: bool = True,
    ) -> ActionOutcome:
        self._set(key, action_id, ActionState.SENT, attempts=attempt)
        try:
            await self._call(key, kind, params)
        except StateConflict as exc:
            return await self._after_conflict(key, action_id, kind, exc, attempt)
        except Exception as caught:
            # Anything but a ChannelError (a client closed by a settings change, an httpx
            # error that is not a transport error) counts as "not reached": kept pending and
            # retried, since the re-read before each re-send stops a double.
            if isinstance(caught, ChannelError):
                error: ChannelError = caught
            else:
                log.warning("%s of %s: unexpected %r; kept pending", kind, key, caught)
                error = TransientError(f"{type(caught).__name__}: {caught}")
            if error.retryable:
                log.warning("%s of %s pending: %s", kind, key, error.message)
                self._set(key, action_id, ActionState.SENT, error=error.message, attempts=attempt)
                if retry_in_background:
                    self._schedule_retry(key, action_id, kind, params, attempt + 1)
                return ActionOutcome(action_id, ActionOutcomeState.PENDING, error.message)
            return self._finish(key, action_id, ActionState.FAILED, error.message, attempt)
        outcome = self._finish(key, action_id, ActionState.CONFIRMED, None, attempt)
        await self._after_confirmed(key, kind)
        return outcome

    async def _call(self, key: OrderKey, kind: str, params: Params) -> None:
        order = self._ctx.store.get_order(key)
        plugin = self._plugin(key)
        if order is None or plugin is None:
            raise TransientError(f"no {key.channel} connection right now")
        await plugin.run(kind, order, params)

    async def _refetch(self, key: OrderKey, source: str) -> Order | None:
        fetched = await self._ctx.fetch_one(key)
        if isinstance(fetched, ChannelError):
            log.info("re-reading %s failed: %s", key, fetched.message)
            return None
        change = self._ctx.commit(fetched, source)
        self._ctx.announce(change)
        return fetched.order

    async def _after_conflict(
        self, key: OrderKey, action_id: int, kind: str, exc: StateConflict, attempt: int
    ) -> ActionOutcome:
        order = await self._refetch(key, "action")
        plugin = self._plugin(key)
        evidence = Evidence.UNKNOWN
        if order is not None and plugin is not None:
            if isinstance(plugin, ConflictEvidence):
                evidence = plugin.evidence_after_conflict(kind, order)
            else:
                evidence = plugin.evidence(kind, order)
        if evidence is Evidence.DONE:
            # An earlier try went through and its answer was lost.
            outcome = self._finish(
                key, action_id, ActionState.CONFIRMED, "already done at the marketplace", attempt
            )
            await self._after_confirmed(key, kind, refetch=False)
            return outcome
        return self._finish(key, action_id, ActionState.FAILED, exc.message, attempt)

    async def _after_confirmed(self, key: OrderKey, kind: str, *, refetch: bool = True) -> None:
        if self.accepts(key, kind):
            self._ctx.set_accepted(key)
            self._ctx.listener.order_changed(key)
        # The ticket is queued first: the kitchen must not wait on a re-read over a slow
        # link. Then the re-read, so the caller's answer comes with the new state recorded.
        await self._on_confirmed(key, kind)
        if refetch:
            await self._refetch(key, "action")

    def accepts(self, key: OrderKey, kind: str) -> bool:
        """Whether a confirmed action means the order is taken (its spec's ``accepts``)."""
        plugin = self._plugin(key)
        order = self._ctx.store.get_order(key)
        if plugin is None or order is None:
            return False
        for spec in plugin.actions(order, accepted=False, now=self._ctx.clock()):
            if spec.name == kind:
                return spec.accepts
        # No longer offered (the order moved on): what the plug-in declared for it before.
        return kind in self._accepting

    def _schedule_retry(
        self, key: OrderKey, action_id: int, kind: str, params: Params, attempt: int
    ) -> None:
        if action_id in self._retry_tasks:
            return
        task = asyncio.get_running_loop().create_task(
            self._retry(key, action_id, kind, params, attempt)
        )
        self._retry_tasks[action_id] = task
        task.add_done_callback(lambda _t: self._retry_done(action_id))
        self._on_pending_changed()

    def _retry_done(self, action_id: int) -> None:
        self._retry_tasks.pop(action_id, None)
        self._on_pending_changed()

    async def _retry(
        self, key: OrderKey, action_id: int, kind: str, params: Params, attempt: int
    ) -> None:
        backoff = Backoff(*_RETRY_BACKOFF)
        while True:
            await asyncio.sleep(backoff.next())
            try:
                order = await self._refetch(key, "action")
            except Exception:  # e.g. the client was replaced meanwhile: try again later
                log.exception("re-reading %s before re-sending %s failed", key, kind)
                continue
            if order is None:
                continue  # still cannot reach the marketplace
            plugin = self._plugin(key)
            evidence = plugin.evidence(kind, order) if plugin is not None else Evidence.UNKNOWN
            if evidence is Evidence.DONE:
                self._finish(key, action_id, ActionState.CONFIRMED, None, attempt - 1)
                await self._after_confirmed(key, kind, refetch=False)
                return
            if evidence is Evidence.IMPOSSIBLE:
                self._finish(
                    key,
                    action_id,
                    ActionState.FAILED,
                    f"too late: the order is now {order.status}",
                    attempt - 1,
                )
                return
            outcome = await self._send(
                key, action_id, kind, params, attempt, retry_in_background=False
            )
            if outcome.state is not ActionOutcomeState.PENDING:
                return
            attempt += 1

    def _set(
        self,
        key: OrderKey,
        action_id: int,
        state: ActionState,
        *,
        error: str | None = None,
        attempts: int | None = None,
    ) -> None:
        self._ctx.store.set_action_state(action_id, state, error=error, attempts=attempts)
        self._ctx.listener.action_changed(key, action_id)

    def _finish(
        self, key: OrderKey, action_id: int, state: ActionState, message: str | None, attempts: int
    ) -> ActionOutcome:
        self._set(key, action_id, state, error=message, attempts=attempts)
        outcome_state = (
            ActionOutcomeState.CONFIRMED
            if state is ActionState.CONFIRMED
            else ActionOutcomeState.FAILED
        )
        return ActionOutcome(action_id, outcome_state, message)


def _as_json(params: Params) -> dict[str, Any]:
    return {name: list(v) if isinstance(v, tuple) else v for name, v in params.items()}
