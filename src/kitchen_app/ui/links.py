"""Store links at the relay as staff see them (issue 15): a "Link <marketplace>" row per
marketplace in the settings, and a band on the main window while a link is expired. Both ask
the engine for a fresh authorization address and open it in the browser; the marketplace's
name always comes from its plug-in (``labels.channel_label``)."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from kitchen_app.engine.api import EngineCommands, LinkStart

from . import labels
from .banners import Banner
from .bridge import deliver

log = logging.getLogger(__name__)

__all__ = ["LinkRow", "RelinkBanner", "open_in_browser", "start_link"]


def open_in_browser(url: str) -> bool:
    """The system browser at ``url`` (replaced in tests)."""
    return QDesktopServices.openUrl(QUrl(url))


def start_link(
    commands: EngineCommands, channel: str, receiver: QWidget, report: Callable[[str], None]
) -> None:
    """Ask the engine for the authorization address and open it; ``report`` gets one line
    for staff either way."""
    name = labels.channel_label(channel)
    report(QCoreApplication.translate("Links", "Asking the relay to link %1…").replace("%1", name))

    def done(start: LinkStart | None, error: BaseException | None) -> None:
        if error is not None or start is None:
            log.warning("linking %s: %s", channel, error)
            text = QCoreApplication.translate("Links", "Could not link %1: %2")
            report(text.replace("%1", name).replace("%2", str(error)))
            return
        # Never logged: the address carries a one-time state.
        if open_in_browser(start.authorize_url):
            text = QCoreApplication.translate(
                "Links", "Finish linking %1 in the browser, then come back here."
            )
        else:
            text = QCoreApplication.translate("Links", "Could not open the browser for %1")
        report(text.replace("%1", name))

    deliver(commands.start_link(channel), receiver, done)


class LinkRow(QWidget):
    """One marketplace's row in the settings: *Link <marketplace>* and its link state.

    Signals: linkRequested(str channel)."""

    linkRequested = Signal(str)

    def __init__(self, channel: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.channel = channel
        self.setObjectName(f"link_{channel}")
        name = labels.channel_label(channel)
        self.button = QPushButton(self.tr("Link %1").replace("%1", name), self)
        self.button.setObjectName(f"linkButton_{channel}")
        self.state = QLabel(self)
        self.state.setObjectName(f"linkState_{channel}")
        self.state.setWordWrap(True)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.button)
        row.addWidget(self.state, 1)
        self.button.clicked.connect(lambda: self.linkRequested.emit(self.channel))

    def set_state(self, state: str | None, account: str | None = None) -> None:
        """``state``: "linked" | "expired" | "unlinked", None while not known."""
        if state == "linked":
            text = self.tr("Linked as %1").replace("%1", account) if account else self.tr("Linked")
            self.button.setText(self.tr("Link again"))
        elif state == "expired":
            text = self.tr("Link expired: link again")
        elif state == "unlinked":
            text = self.tr("Not linked")
        else:
            text = ""
        self.state.setText(text)

    def set_unavailable(self, why: str) -> None:
        self.state.setText(why)


class RelinkBanner(Banner):
    """A band while some marketplace's link at the relay has expired: "<marketplace> link
    expired — relink" with a *Relink* button per marketplace.

    Signals: relinkRequested(str channel)."""

    relinkRequested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("relink", parent)
        self.set_level("bad")
        self.channels: tuple[str, ...] = ()
        self.buttons: dict[str, QPushButton] = {}

    def show_channels(self, channels: tuple[str, ...]) -> None:
        if channels == self.channels:
            return
        self.channels = channels
        for button in self.buttons.values():
            self._layout.removeWidget(button)
            button.deleteLater()
        self.buttons = {}
        if not channels:
            self.hide()
            return
        names = [labels.channel_label(channel) for channel in channels]
        self.set_text(
            "\n".join(self.tr("%1 link expired — relink").replace("%1", n) for n in names)
        )
        for channel, name in zip(channels, names, strict=True):
            button = QPushButton(
                self.tr("Relink")
                if len(channels) == 1
                else self.tr("Relink %1").replace("%1", name),
                self,
            )
            button.setObjectName(f"relink_{channel}")
            button.clicked.connect(lambda _=False, c=channel: self.relinkRequested.emit(c))
            self._layout.addWidget(button)
            self.buttons[channel] = button
        self.show()
