"""The ``<channel>.credentials`` setting every plug-in declares (issue 15): where the desk
gets the marketplace's access token.

* ``auto`` (default): the relay's token custody when a relay address and desk token are set
  and the relay reports the channel linked (or its link expired: staff then see "relink"),
  else the token pasted in the settings;
* ``relay``: always the relay's;
* ``pasted``: always the pasted token (a single self-hosted restaurant).

Its words are in the translation context ``custody``, shared by the three plug-ins.
"""

from __future__ import annotations

from kitchen_app.domain.settings import Choice, SettingKind, SettingSpec
from kitchen_app.domain.text import QT_TRANSLATE_NOOP

__all__ = ["AUTO", "CREDENTIALS_SETTING", "PASTED", "RELAY", "SOURCES"]

AUTO, RELAY, PASTED = "auto", "relay", "pasted"
SOURCES = (AUTO, RELAY, PASTED)

CREDENTIALS_SETTING = SettingSpec(
    "credentials",
    SettingKind.CHOICE,
    AUTO,
    QT_TRANSLATE_NOOP("custody", "Access token from"),
    QT_TRANSLATE_NOOP(
        "custody", "Automatic: the relay when the store is linked there, else the pasted token"
    ),
    choices=(
        Choice(AUTO, QT_TRANSLATE_NOOP("custody", "Automatic")),
        Choice(RELAY, QT_TRANSLATE_NOOP("custody", "The relay (linked store)")),
        Choice(PASTED, QT_TRANSLATE_NOOP("custody", "The token pasted here")),
    ),
)
