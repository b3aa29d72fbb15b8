"""What the token custody runs with: the channels whose application credentials are in the
relay's environment, the key that seals tokens, where the marketplaces send the browser back
(``--public-url``) and each marketplace's base URL (``--api``). The OAuth plug-ins are handed
in by the composition root (app/relay_cli.py): the relay names no marketplace."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

from kitchen_app.channels.oauth import AppCredentials, OAuthContext, OAuthPlugin
from kitchen_app.relay.custody_crypto import ENV_TOKEN_KEY, TokenBox, token_box_from_env

__all__ = [
    "SETTING_API_PREFIX",
    "SETTING_PUBLIC_URL",
    "CustodySetup",
    "LinkChannel",
    "check_base_url",
    "custody_setup",
]

# relay_settings names (custody_schema.py)
SETTING_PUBLIC_URL = "public_url"
SETTING_API_PREFIX = "api."


@dataclass(frozen=True, slots=True)
class LinkChannel:
    plugin: OAuthPlugin
    app: AppCredentials
    base_url: str | None  # None: the marketplace's real hosts


@dataclass(frozen=True, slots=True)
class CustodySetup:
    channels: tuple[LinkChannel, ...]
    box: TokenBox
    public_url: str | None
    # How often the refresher looks for links to refresh (it plans from each link's expiry).
    refresh_tick_seconds: float = 30.0

    def __repr__(self) -> str:  # no secret
        names = [c.plugin.channel for c in self.channels]
        return f"CustodySetup(channels={names}, public_url={self.public_url!r})"

    def channel(self, name: str) -> LinkChannel | None:
        return next((c for c in self.channels if c.plugin.channel == name), None)

    def callback_url(self, channel: str) -> str | None:
        if self.public_url is None:
            return None
        return f"{self.public_url.rstrip('/')}/oauth/{channel}/callback"


def check_base_url(url: str, what: str) -> str:
    """An http(s) URL without query or fragment, or ValueError (one line)."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise ValueError(f"{what} must be an http:// or https:// URL: {url!r}")
    return url.strip().rstrip("/")


def custody_setup(
    plugins: Iterable[OAuthPlugin],
    environ: Mapping[str, str],
    *,
    public_url: str | None,
    api: Mapping[str, str],
    refresh_tick_seconds: float = 30.0,
) -> CustodySetup | None:
    """None when no channel has application credentials (no custody); ValueError (one line)
    for half-set credentials, a missing or bad key, or unusable credentials."""
    channels: list[LinkChannel] = []
    for plugin in plugins:
        app = plugin.credentials(environ)
        if app is None:
            continue
        channels.append(LinkChannel(plugin, app, api.get(plugin.channel)))
    if not channels:
        return None
    box = token_box_from_env(environ)
    if box is None:
        names = ", ".join(c.plugin.name for c in channels)
        raise ValueError(
            f"{ENV_TOKEN_KEY} is not set: the relay holds application credentials for "
            f"{names} and must encrypt the stores' tokens (docs/relay.md, 'Store linking')"
        )
    for channel in channels:  # unusable credentials (a partner id that is no number) fail here
        channel.plugin.create(OAuthContext(channel.app, channel.base_url))
    return CustodySetup(tuple(channels), box, public_url, refresh_tick_seconds)
