"""The relay's token custody (issue 15): linking a store (state → authorization page →
callback → code exchange), giving each desk its own store's access token, signing for it,
and refreshing every link before it expires.

Refreshing, the part that must not lose a link (refresh tokens are single use):

1. take the link's refresh lock (custody_store.py: one refresh of a link at a time, across
   processes on PostgreSQL) and re-read the row: whoever waited finds the new pair and is
   done;
2. commit the in-progress marker, then send the refresh token (once, never repeated);
3. commit the new pair in the statement that forgets the old one and clears the marker.

A crash (kill -9) before step 3 leaves the old pair and the marker: the next refresh logs
the interrupted one and tries the kept refresh token again. A refresh runs as its own task
shielded from the request that asked for it, so a desk hanging up never cancels it between
the marketplace's answer and the commit.

When a link refreshes: once a quarter of its access token's lifetime is left (Mercado
Libre's 6 h: at 4.5 h; Shopee's 4 h: at 3 h; Mercado Pago's 180 days: at 135 days), when a
desk asks and less than two minutes are left, and when a desk reports the token refused.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import logging
import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import httpx

from kitchen_app.channels.oauth import (
    GrantRefused,
    OAuthClient,
    OAuthContext,
    OAuthUnavailable,
    utc_now,
)
from kitchen_app.domain.json import JSONObject
from kitchen_app.relay.backend import BackendUnavailable
from kitchen_app.relay.custody_crypto import TokenUnreadable
from kitchen_app.relay.custody_setup import CustodySetup, LinkChannel
from kitchen_app.relay.custody_store import (
    EXPIRED,
    LinkStore,
    NewLink,
    StateVerdict,
    StoredLink,
)

__all__ = [
    "STATE_LIFETIME",
    "Custody",
    "LinkExpired",
    "LinkFailed",
    "NotLinked",
    "Unavailable",
    "iso_text",
    "new_link",
    "parse_iso",
]

log = logging.getLogger(__name__)

STATE_LIFETIME = timedelta(minutes=10)
# A desk caches a token until two minutes before it expires: one closer is refreshed first.
DESK_MARGIN = timedelta(minutes=2)
_STATES_KEPT = timedelta(days=1)  # spent or expired states kept this long (diagnostics)
_BACKOFF_MAX_S = 600.0


class NotLinked(Exception):
    """The store has no link for this channel (or the relay cannot link it)."""


class LinkExpired(Exception):
    """The marketplace refused the link at a refresh: staff must link again."""


class Unavailable(Exception):
    """The marketplace (or the relay's database) could not be reached: try later."""


class LinkFailed(Exception):
    """A callback that links nothing; ``status`` is the page's HTTP status."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


def iso_text(moment: datetime) -> str:
    """The relay's fixed-width UTC text (text order is time order)."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def parse_iso(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def desk_time(text: str) -> str:
    """ISO 8601 with the UTC offset, as desks read it."""
    return parse_iso(text).isoformat(timespec="seconds")


def due_at(link: StoredLink) -> datetime:
    """When the refresher refreshes a link: a quarter of its token's lifetime before it
    expires."""
    expires = parse_iso(link.expires_at)
    lifetime = max(expires - parse_iso(link.refreshed_at), timedelta(0))
    return expires - lifetime / 4


@dataclass
class _Backoff:
    failures: int = 0
    not_before: float = 0.0


async def new_link(
    store: LinkStore,
    client: OAuthClient,
    store_id: int,
    channel: str,
    callback: str,
    now: datetime,
) -> tuple[str, datetime]:
    """Issue a state for the store (10 minutes, single use) and return the marketplace's
    authorization URL carrying it, with the state's expiry. Used by desks (POST
    /v1/links/{channel}) and by `relay link-store`."""
    state = secrets.token_urlsafe(24)
    expires = now + STATE_LIFETIME
    await store.add_state(state, store_id, channel, iso_text(expires), iso_text(now - _STATES_KEPT))
    return client.authorize_url(state, callback), expires


class Custody:
    def __init__(
        self,
        setup: CustodySetup,
        store: LinkStore,
        *,
        http: httpx.AsyncClient,
        now: Callable[[], datetime] = utc_now,
    ) -> None:
        self._setup = setup
        self._store = store
        self._now = now
        self._clients: dict[str, OAuthClient] = {
            c.plugin.channel: c.plugin.create(OAuthContext(c.app, c.base_url, http, now))
            for c in setup.channels
        }
        self._backoff: dict[tuple[int, str], _Backoff] = {}
        self._refresher: asyncio.Task[None] | None = None
        self._wake = asyncio.Event()

    # -- lifecycle ----------------------------------------------------------------------

    async def start(self) -> None:
        self._refresher = asyncio.create_task(self._refresh_loop(), name="custody-refresher")
        log.info(
            "token custody for %s; callbacks at %s",
            ", ".join(c.plugin.name for c in self._setup.channels),
            self._setup.public_url or "(no --public-url: linking is off)",
        )

    async def stop(self) -> None:
        if self._refresher is not None:
            self._refresher.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._refresher

    # -- linking ------------------------------------------------------------------------

    def _channel(self, name: str) -> LinkChannel:
        found = self._setup.channel(name)
        if found is None:
            raise NotLinked(f"this relay holds no application credentials for {name!r}")
        return found

    async def start_link(self, store_id: int, channel: str) -> tuple[str, datetime]:
        """A fresh state bound to the store and the authorization page's URL."""
        self._channel(channel)
        callback = self._setup.callback_url(channel)
        if callback is None:
            raise Unavailable("the relay was started without --public-url: it cannot link")
        client = self._clients[channel]
        return await new_link(self._store, client, store_id, channel, callback, self._now())

    async def finish_link(self, channel: str, params: Mapping[str, str]) -> str:
        """The callback: spend the state, trade the code, keep the pair. Returns the page's
        sentence; LinkFailed otherwise."""
        link_channel = self._setup.channel(channel)
        callback = self._setup.callback_url(channel)
        if link_channel is None or callback is None:
            raise LinkFailed("This relay does not link that marketplace.", 404)
        name = link_channel.plugin.name
        if params.get("error"):
            raise LinkFailed(f"{name} did not authorise the link ({params['error'][:80]}).")
        state = params.get("state", "")
        code = params.get("code", "")
        if not state or not code:
            raise LinkFailed("The link is incomplete (no code or no state): start again.")
        verdict, store_id = await self._store.use_state(state, channel, iso_text(self._now()))
        if verdict is StateVerdict.USED:
            raise LinkFailed("This link was used already: start again from the desk.")
        if verdict is StateVerdict.EXPIRED:
            raise LinkFailed("This link expired (links last 10 minutes): start again.")
        if verdict is not StateVerdict.OK or store_id is None:
            raise LinkFailed("This link is not one this relay issued: start again.")
        try:
            grant = await self._clients[channel].exchange(code, callback, params)
        except GrantRefused as exc:
            log.warning("%s refused the code of store %d: %s", name, store_id, exc.message)
            raise LinkFailed(f"{name} refused the authorisation: start again.") from None
        except OAuthUnavailable as exc:
            log.warning("%s: code exchange for store %d failed: %s", name, store_id, exc.message)
            raise LinkFailed(f"{name} could not be reached: start again later.", 503) from None
        box = self._setup.box
        pair = NewLink(
            box.seal(grant.access_token),
            box.seal(grant.refresh_token),
            iso_text(grant.expires_at),
            iso_text(self._now()),
        )
        owner = await self._store.save_link(store_id, channel, grant.account_id, pair)
        if owner is not None:
            log.warning(
                "%s account %s not linked to store %d: it belongs to store %r",
                name,
                grant.account_id,
                store_id,
                owner,
            )
            raise LinkFailed(f"This {name} account belongs to another store ({owner}).", 409)
        self._backoff.pop((store_id, channel), None)
        self._wake.set()  # plan the new link's refresh
        log.info("store %d linked %s account %s", store_id, name, grant.account_id)
        return f"{name} account {grant.account_id} is linked. You can close this page."

    # -- desks --------------------------------------------------------------------------

    async def credentials(self, store_id: int, channel: str) -> tuple[str, str]:
        """(access token, expiry for desks) of a linked store, refreshed first when it has
        less than two minutes left."""
        self._channel(channel)
        link = await self._current(store_id, channel)
        if self._now() >= parse_iso(link.expires_at) - DESK_MARGIN:
            try:
                link = await self._refresh(
                    store_id, channel, self._needs_desk_refresh, "near expiry"
                )
            except Unavailable:
                if self._now() >= parse_iso(link.expires_at):
                    raise
                # still valid for a moment: better than nothing while the marketplace is away
        return self._open(link.access_token), desk_time(link.expires_at)

    async def rejected(self, store_id: int, channel: str, token: str) -> tuple[str, str]:
        """A desk got 401 with ``token``: refresh when it is still the current one."""
        self._channel(channel)
        await self._current(store_id, channel)

        def still_current(link: StoredLink) -> bool:
            return hmac.compare_digest(self._open(link.access_token).encode(), token.encode())

        await self._refresh(store_id, channel, still_current, "refused at the marketplace")
        return await self.credentials(store_id, channel)

    async def sign(self, store_id: int, channel: str, path: str, timestamp: int) -> JSONObject:
        link_channel = self._channel(channel)
        signer = link_channel.plugin.sign
        if signer is None:
            raise NotLinked(f"{link_channel.plugin.name} calls are not signed by the relay")
        token, _ = await self.credentials(store_id, channel)
        link = await self._current(store_id, channel)
        return signer(link_channel.app, path, timestamp, token, link.account_id)

    async def any_access_token(self, channel: str) -> str | None:
        """The current access token of the first store linked on ``channel`` (lowest id),
        for a call made on the application's behalf (Mercado Libre's missed feeds); None
        when no linked store can give one now."""
        links = [link for link in await self._store.linked() if link.channel == channel]
        for link in sorted(links, key=lambda link: link.store_id):
            try:
                token, _ = await self.credentials(link.store_id, channel)
            except (NotLinked, LinkExpired, Unavailable):
                continue
            return token
        return None

    async def links(self, store_id: int) -> list[JSONObject]:
        mine = {link.channel: link for link in await self._store.links_of(store_id)}
        out: list[JSONObject] = []
        for channel in self._setup.channels:
            link = mine.get(channel.plugin.channel)
            out.append(
                {
                    "channel": channel.plugin.channel,
                    "state": "unlinked" if link is None else link.state,
                    "account": None if link is None else link.account_id,
                    "expires_at": None if link is None else desk_time(link.expires_at),
                }
            )
        return out

    # -- refreshing ---------------------------------------------------------------------

    async def _current(self, store_id: int, channel: str) -> StoredLink:
        link = await self._store.get(store_id, channel)
        if link is None:
            raise NotLinked("the store has no link for this channel")
        if link.state == EXPIRED:
            raise LinkExpired("the link was refused at its last refresh: link again")
        return link

    def _open(self, sealed: str) -> str:
        try:
            return self._setup.box.open(sealed)
        except TokenUnreadable as exc:
            log.error("%s", exc)
            raise Unavailable(str(exc)) from None

    def _needs_desk_refresh(self, link: StoredLink) -> bool:
        return self._now() >= parse_iso(link.expires_at) - DESK_MARGIN

    def _due(self, link: StoredLink) -> bool:
        return self._now() >= due_at(link)

    async def _refresh(
        self, store_id: int, channel: str, wanted: Callable[[StoredLink], bool], why: str
    ) -> StoredLink:
        # Its own task: a cancelled caller must not stop it between answer and commit.
        task = asyncio.ensure_future(self._refresh_now(store_id, channel, wanted, why))
        return await asyncio.shield(task)

    async def _refresh_now(
        self, store_id: int, channel: str, wanted: Callable[[StoredLink], bool], why: str
    ) -> StoredLink:
        link_channel = self._channel(channel)
        name = link_channel.plugin.name
        async with self._store.refresh_lock(store_id, channel):
            link = await self._current(store_id, channel)
            if not wanted(link):
                return link  # refreshed meanwhile (here or by another relay process)
            if link.refresh_started_at is not None:
                log.warning(
                    "%s link of store %d: the refresh started at %s did not finish (the relay "
                    "stopped); trying the kept refresh token again",
                    name,
                    store_id,
                    link.refresh_started_at,
                )
            refresh_token = self._open(link.refresh_token)
            started = iso_text(self._now())
            await self._store.mark_refreshing(store_id, channel, started)
            try:
                grant = await self._clients[channel].refresh(refresh_token, link.account_id)
            except GrantRefused as exc:
                await self._store.mark_expired(store_id, channel)
                log.warning("%s link of store %d expired: %s", name, store_id, exc.message)
                raise LinkExpired(exc.message) from None
            except OAuthUnavailable as exc:
                # The answer may be lost, not the request: the kept pair is the best guess.
                with contextlib.suppress(BackendUnavailable):
                    await self._store.clear_marker(store_id, channel)
                log.warning("%s link of store %d not refreshed: %s", name, store_id, exc.message)
                raise Unavailable(exc.message) from None
            box = self._setup.box
            pair = NewLink(
                box.seal(grant.access_token),
                box.seal(grant.refresh_token),
                iso_text(grant.expires_at),
                started,
            )
            await self._store.save_refreshed(store_id, channel, pair)
            log.info(
                "%s link of store %d refreshed (%s); the access token expires at %s",
                name,
                store_id,
                why,
                pair.expires_at,
            )
            return await self._current(store_id, channel)

    async def refresh_due(self) -> float | None:
        """One pass of the refresher: refresh every link that is due. Returns the seconds
        until the next link falls due (None: none). A link whose marketplace cannot be
        reached backs off (5 s, 10 s, … up to 10 minutes)."""
        loop = asyncio.get_running_loop()
        next_due: float | None = None
        for link in await self._store.linked():
            key = (link.store_id, link.channel)
            if link.channel not in self._clients:
                continue
            backoff = self._backoff.get(key)
            wait: float | None = backoff.not_before - loop.time() if backoff else 0.0
            if wait is not None and wait <= 0 and self._due(link):
                wait = await self._refresh_planned(link, key)
            elif wait is not None and wait <= 0:
                wait = (due_at(link) - self._now()).total_seconds()
            if wait is not None:
                next_due = wait if next_due is None else min(next_due, wait)
        return next_due

    async def _refresh_planned(self, link: StoredLink, key: tuple[int, str]) -> float | None:
        loop = asyncio.get_running_loop()
        try:
            fresh = await self._refresh(link.store_id, link.channel, self._due, "before expiry")
        except LinkExpired:
            self._backoff.pop(key, None)
            return None
        except (Unavailable, BackendUnavailable):
            backoff = self._backoff.setdefault(key, _Backoff())
            backoff.failures += 1
            delay: float = min(5.0 * 2.0 ** (backoff.failures - 1), _BACKOFF_MAX_S)
            backoff.not_before = loop.time() + delay
            return delay
        self._backoff.pop(key, None)
        left: float = (due_at(fresh) - self._now()).total_seconds()
        return left

    async def _refresh_loop(self) -> None:
        tick = self._setup.refresh_tick_seconds
        while True:
            self._wake.clear()
            wait = tick
            try:
                next_due = await self.refresh_due()
                if next_due is not None:
                    wait = min(max(next_due, 0.05), tick)
            except asyncio.CancelledError:
                raise
            except Exception:  # the refresher must outlive one bad pass; the next retries
                log.exception("token refresher pass failed")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), timeout=wait)
