"""Setting declarations: what the desk and each plug-in may be configured with (DESIGN §5).

A plug-in declares its settings without a prefix; they are stored as ``<channel>.<name>``.
The settings page of a plug-in is built from these declarations.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TypeAlias

from .text import Text

__all__ = ["Choice", "SettingKind", "SettingSpec", "SettingValue"]


class SettingKind(StrEnum):
    URL = "url"
    TEXT = "text"
    SECRET = "secret"  # never logged, masked in the ui
    INTEGER = "integer"
    CHOICE = "choice"
    FLAG = "flag"


SettingValue: TypeAlias = str | int | bool


@dataclass(frozen=True, slots=True)
class Choice:
    value: str
    label: Text | str  # a plug-in Text, or the marketplace's own words (its reason messages)


@dataclass(frozen=True, slots=True)
class SettingSpec:
    name: str  # without the prefix: "base_url" is stored as "<channel>.base_url"
    kind: SettingKind
    default: SettingValue
    label: Text
    help: Text | None = None
    choices: tuple[Choice, ...] = ()
    minimum: int | None = None
    maximum: int | None = None
    required: bool = False  # the channel is off while a required one is empty (DESIGN §5)
    # The relay's token custody supplies it once the store is linked there (the access token,
    # a signing key, the shop's id): not required while the channel's credentials are the
    # relay's.
    custody: bool = False

    def qualified(self, channel: str) -> str:
        """The stored name: ``<channel>.<name>``."""
        return f"{channel}.{self.name}"
