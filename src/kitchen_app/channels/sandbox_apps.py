"""The sandbox's marketplace applications: fixed, well-known ids and secrets, in one place.

The sandbox's OAuth endpoints accept exactly these; ``make demo`` and the tests hand the same
values to the relay through its environment (``relay_environment``). They are not secrets:
they only open the sandbox.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["ML_APP", "MP_APP", "SHOPEE_APP", "SandboxApp", "relay_environment"]


@dataclass(frozen=True, slots=True)
class SandboxApp:
    channel: str
    client_id: str  # Shopee: the partner id (digits)
    client_secret: str = field(repr=False)  # Shopee: the partner key
    env_id: str  # the relay's environment variables (issue 15)
    env_secret: str


MP_APP = SandboxApp(
    "mp_delivery",
    "924152943338358",
    "mp-sandbox-client-secret",
    "KITCHEN_MP_CLIENT_ID",
    "KITCHEN_MP_CLIENT_SECRET",
)
ML_APP = SandboxApp(
    "mercadolibre",
    "6456467593802500",
    "ml-sandbox-client-secret",
    "KITCHEN_ML_CLIENT_ID",
    "KITCHEN_ML_CLIENT_SECRET",
)
SHOPEE_APP = SandboxApp(
    "shopee",
    "2001887",
    "shopee-sandbox-partner-key",
    "KITCHEN_SHOPEE_PARTNER_ID",
    "KITCHEN_SHOPEE_PARTNER_KEY",
)

APPS = (MP_APP, ML_APP, SHOPEE_APP)


def relay_environment() -> dict[str, str]:
    """The variables a relay needs to hold the sandbox's three applications."""
    env: dict[str, str] = {}
    for app in APPS:
        env[app.env_id] = app.client_id
        env[app.env_secret] = app.client_secret
    return env
