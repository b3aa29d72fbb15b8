"""Translatable words from Qt-free code (plug-in metadata, the desk's own settings).

A plug-in writes ``QT_TRANSLATE_NOOP("mp_delivery", "Accept")``: ``pyside6-lupdate`` extracts
the call under its context, and the ui shows ``QCoreApplication.translate(context, source)``.
Nothing here imports Qt, so the engine, the relay and the tests stay Qt-free.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["QT_TRANSLATE_NOOP", "Text"]


@dataclass(frozen=True, slots=True)
class Text:
    context: str  # the plug-in's channel id, or "desk" for the desk's own words
    source: str  # the English text; also what is shown when no translation exists

    def __str__(self) -> str:
        return self.source


def QT_TRANSLATE_NOOP(context: str, source: str) -> Text:
    return Text(context, source)
