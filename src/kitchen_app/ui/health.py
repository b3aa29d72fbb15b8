"""The desk's health in words: what is wrong and what staff should do, one line each.

``problems(health)`` turns an ``engine.api.DeskHealth`` into ``Problem``s, worst first. The
status bar's light is green only when there is none and ``health.all_well`` agrees (DESIGN
§6.9: anything held, parked, unresolved, paused or unprinted is shown with what to do).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from PySide6.QtCore import QObject

from kitchen_app.engine.api import DeskHealth, FeedStatus

from . import labels

log = logging.getLogger(__name__)

__all__ = ["HealthWords", "Problem", "problems"]


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing that is not well. ``level``: "bad" (orders may be lost or refused) or
    "warn" (needs a look). ``part``: "feed", "api", "printer", "orders" or "store"."""

    level: str
    part: str
    text: str


class HealthWords(QObject):
    """The words (a QObject so that ``self.tr`` gives them the "HealthWords" context)."""

    def api_problem(self, channel: str, message: str | None) -> str:
        name = labels.channel_label(channel)
        if message:
            return (
                self.tr("%1 is not answering the desk: %2 — check Settings › %1")
                .replace("%1", name)
                .replace("%2", message)
            )
        return self.tr(
            "%1 is not answering the desk — check the internet and Settings › %1"
        ).replace("%1", name)

    def problems(self, health: DeskHealth) -> list[Problem]:
        out: list[Problem] = []
        feed = health.feed
        if feed.status is FeedStatus.AUTH_FAILED:
            out.append(
                Problem(
                    "bad", "feed", self.tr("The relay refused this desk's token — check Settings")
                )
            )
        elif feed.status is FeedStatus.OFFLINE:
            out.append(
                Problem(
                    "bad",
                    "feed",
                    self.tr(
                        "No connection to the relay: new orders may not arrive — check the internet"
                    ),
                )
            )
        elif feed.status is FeedStatus.DISABLED:
            out.append(
                Problem(
                    "bad",
                    "feed",
                    self.tr("No relay configured: new orders cannot arrive — Settings"),
                )
            )
        elif feed.status is FeedStatus.ONLINE and feed.message:
            out.append(Problem("warn", "feed", feed.message))
        for pause in health.pauses:
            name = labels.channel_label(pause.channel)
            if pause.can_reopen and pause.status != "disabled":
                text = self.tr("%1 paused the store: no new orders — press Reopen store").replace(
                    "%1", name
                )
            else:
                text = self.tr("%1 disabled the store: only %1 can enable it again").replace(
                    "%1", name
                )
            out.append(Problem("bad", "store", text))
        for api in health.apis:
            if api.ok is False:
                out.append(Problem("bad", "api", self.api_problem(api.channel, api.message)))
        if health.missed_while_offline:
            n = len(health.missed_while_offline)
            out.append(
                Problem(
                    "bad",
                    "orders",
                    self.tr("%n order(s) expired while the desk was offline — see the list", "", n),
                )
            )
        if health.unresolved:
            out.append(
                Problem(
                    "bad",
                    "orders",
                    self.tr(
                        "%n notification(s) could not be matched to an order — open them and check the marketplace's app",  # noqa: E501
                        "",
                        health.unresolved,
                    ),
                )
            )
        if health.loading_orders:
            out.append(
                Problem(
                    "bad",
                    "orders",
                    self.tr(
                        "%n order(s) still loading — check the internet", "", health.loading_orders
                    ),
                )
            )
        if health.parked_orders:
            out.append(
                Problem(
                    "bad",
                    "orders",
                    self.tr(
                        "%n order(s) could not be read for a while — the desk keeps trying; check them in the marketplace's app",  # noqa: E501
                        "",
                        health.parked_orders,
                    ),
                )
            )
        for printer in health.printers:
            if not printer.ok:
                out.append(
                    Problem(
                        "bad",
                        "printer",
                        self.tr("Printer %1: %2 — check it")
                        .replace("%1", printer.name)
                        .replace("%2", printer.message or self.tr("not ready")),
                    )
                )
        if health.unprinted_jobs:
            out.append(
                Problem(
                    "warn",
                    "printer",
                    self.tr(
                        "%n ticket(s) did not print — see the order's print problems (F9)",
                        "",
                        health.unprinted_jobs,
                    ),
                )
            )
        return out


def problems(health: DeskHealth) -> list[Problem]:
    """What is not well, worst first, in the desk's language."""
    return HealthWords().problems(health)
