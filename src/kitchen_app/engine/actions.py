"""Staff actions sent to the marketplace, journaled (DESIGN §6.4).

Each action is journaled ``requested`` before anything is sent, ``sent`` while it is on its
way, then ``confirmed`` or ``failed`` with the marketplace's reason. When the marketplace
cannot be reached the action stays ``sent`` (shown as pending) and is retried in the
background; before every re-send the order is re-read, so an action whose answer was lost is
confirmed from the order's state instead of being sent twice.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from kitchen_app.channels.base import CancelReason, ChannelClient
from kitchen_app.channels.errors import ChannelError, StateConflict, TransientError
from kitchen_app.domain import Action, Order
from kitchen_app.engine.api import ActionOutcome, ActionOutcomeState
from kitchen_app.engine.backoff import Backoff
from kitchen_app.engine.context import EngineContext
from kitchen_app.engine.effects import (
    Evidence,
    accept_evidence,
    cancel_evidence,
    possible_after_conflict,
)
from kitchen_app.store import ActionState

__all__ = ["ActionRunner"]

log = logging.getLogger(__name__)

_KIND_TO_ACTION = {
    "accept": Action.ACCEPT,
    "cancel": Action.CANCEL,
    "mark_ready": Action.MARK_READY,
}
_PRE_SEND_EVIDENCE: dict[str, Callable[[Order], Evidence]] = {
    "accept": accept_evidence,
    "cancel": cancel_evidence,
}
_RETRY_BACKOFF = (2.0, 60.0)


class ActionRunner:
    def __init__(
        self,
        ctx: EngineContext,
        *,
        on_confirmed: Callable[[str, str], Awaitable[None]],
        on_pending_changed: Callable[[], None],
    ) -> None:
        self._ctx = ctx
        self._on_confirmed = on_confirmed
        self._on_pending_changed = on_pending_changed
        self._retry_tasks: dict[int, asyncio.Task[None]] = {}

    @property
    def pending_count(self) -> int:
        return len(self._retry_tasks)

    # ---- public, on the engine loop -------------------------------------------------------

    async def run(self, key: str, kind: str, params: dict[str, Any]) -> ActionOutcome:
        order = self._ctx.store.get_order(key)
        if order is None:
            return ActionOutcome(None, ActionOutcomeState.FAILED, f"unknown order {key}")
        for record in self._ctx.store.unfinished_actions():
            if record.order_key == key and record.kind == kind:
                # Already on its way (a second press, or auto-accept and a press): never a
                # second request for the same thing.
                return ActionOutcome(
                    record.id, ActionOutcomeState.PENDING, record.error or "already being sent"
                )
        action_id = self._ctx.store.add_action(key, kind, params)
        self._ctx.listener.action_changed(key, action_id)
        summary = self._ctx.store.order_summary(key)
        accepted = bool(summary and summary.accepted)
        allowed = order.flow.allowed_actions(order.status, accepted=accepted)
        if _KIND_TO_ACTION[kind] not in allowed:
            return self._finish(
                key,
                action_id,
                ActionState.FAILED,
                f"not possible while the order is {order.status}",
                attempts=0,
            )
        return await self._send(key, action_id, kind, params, attempt=1)

    async def cancellation_reasons(self, key: str) -> list[CancelReason]:
        client, order_id = self._ctx.client_for_key(key)
        return await client.cancellation_reasons(order_id)

    def resume_unfinished(self) -> None:
        """After a restart: actions left requested/sent are checked and re-sent if needed."""
        for record in self._ctx.store.unfinished_actions():
            self._schedule_retry(record.order_key, record.id, record.kind, record.params, 1)

    def stop(self) -> None:
        for task in self._retry_tasks.values():
            task.cancel()

    # ---- the mechanism ----------------------------------------------------------------------

    async def _send(
        self,
        key: str,
        action_id: int,
        kind: str,
        params: dict[str, Any],
        attempt: int,
        *,
        retry_in_background: bool = True,
    ) -> ActionOutcome:
        client, order_id = self._ctx.client_for_key(key)
        self._set(key, action_id, ActionState.SENT, attempts=attempt)
        try:
            await self._call(client, kind, order_id, params)
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

    async def _call(
        self, client: ChannelClient, kind: str, order_id: str, params: dict[str, Any]
    ) -> None:
        if kind == "accept":
            await client.accept(order_id)
        elif kind == "cancel":
            reason = params.get("reason")
            await client.cancel(order_id, CancelReason(**reason) if reason else None)
        elif kind == "mark_ready":
            await client.mark_ready(order_id)
        else:  # pragma: no cover - kinds come from this module
            raise ValueError(kind)

    async def _refetch(self, key: str, source: str) -> Order | None:
        client, order_id = self._ctx.client_for_key(key)
        try:
            fetched = await client.fetch_order(order_id)
        except ChannelError as exc:
            log.info("re-reading %s failed: %s", key, exc.message)
            return None
        change = self._ctx.commit(fetched, source)
        self._ctx.announce(change)
        return fetched.order

    async def _after_conflict(
        self, key: str, action_id: int, kind: str, exc: StateConflict, attempt: int
    ) -> ActionOutcome:
        order = await self._refetch(key, "action")
        if order is not None and possible_after_conflict(kind, order) is Evidence.DONE:
            # An earlier try went through and its answer was lost.
            outcome = self._finish(
                key, action_id, ActionState.CONFIRMED, "already done at the marketplace", attempt
            )
            await self._after_confirmed(key, kind, refetch=False)
            return outcome
        return self._finish(key, action_id, ActionState.FAILED, exc.message, attempt)

    async def _after_confirmed(self, key: str, kind: str, *, refetch: bool = True) -> None:
        if kind == "accept":
            self._ctx.set_accepted(key)
            self._ctx.listener.order_changed(key)
        # The ticket is queued first: the kitchen must not wait on a re-read over a slow
        # link. Then the re-read, so the caller's answer comes with the new state recorded.
        await self._on_confirmed(key, kind)
        if refetch:
            await self._refetch(key, "action")

    def _schedule_retry(
        self, key: str, action_id: int, kind: str, params: dict[str, Any], attempt: int
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
        self, key: str, action_id: int, kind: str, params: dict[str, Any], attempt: int
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
            check = _PRE_SEND_EVIDENCE.get(kind)
            evidence = check(order) if check else Evidence.UNKNOWN
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
        key: str,
        action_id: int,
        state: ActionState,
        *,
        error: str | None = None,
        attempts: int | None = None,
    ) -> None:
        self._ctx.store.set_action_state(action_id, state, error=error, attempts=attempts)
        self._ctx.listener.action_changed(key, action_id)

    def _finish(
        self, key: str, action_id: int, state: ActionState, message: str | None, attempts: int
    ) -> ActionOutcome:
        self._set(key, action_id, state, error=message, attempts=attempts)
        outcome_state = (
            ActionOutcomeState.CONFIRMED
            if state is ActionState.CONFIRMED
            else ActionOutcomeState.FAILED
        )
        return ActionOutcome(action_id, outcome_state, message)
