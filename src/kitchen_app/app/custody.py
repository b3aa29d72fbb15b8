"""Which credentials each marketplace plug-in gets (issue 15): the relay's token custody or
the token pasted in the settings, per ``<channel>.credentials`` (``channels/custody.py``).

``auto`` asks the relay (``GET /v1/links``) at each connection: a channel the relay reports
linked — or expired, so staff see "link expired — relink" rather than a silent fallback — gets
the relay's credentials; the others keep their pasted token. When the relay cannot be asked,
``auto`` means the pasted token; the engine asks again every minute and switches when the
answer changes (a store linked in the browser, a relay back up).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from typing import Any

from kitchen_app.channels.base import Credentials
from kitchen_app.channels.custody import AUTO
from kitchen_app.channels.relay_credentials import RelayCredentials
from kitchen_app.engine.links import credentials_source, read_links, relay_wanted

__all__ = ["custody_credentials"]

log = logging.getLogger(__name__)


async def custody_credentials(
    settings: Mapping[str, Any], channels: Iterable[str]
) -> dict[str, Credentials]:
    """The engine's credentials factory: the relay's credentials for the channels that use
    it; the others are left to the registry (their pasted settings)."""
    channels = tuple(channels)
    needs_links = any(credentials_source(settings, c) == AUTO for c in channels)
    links = await read_links(settings) if needs_links else None
    chosen = relay_wanted(settings, channels, links)
    if chosen:
        log.info("credentials from the relay for %s", ", ".join(sorted(chosen)))
    return {
        channel: RelayCredentials(
            str(settings["relay_url"]),
            str(settings["relay_token"]),
            channel,
            account=links[channel].account if links and channel in links else None,
        )
        for channel in sorted(chosen)
    }
