"""One desk per computer and user: a second copy would double-poll, double-alert and
double-print. The first start listens on a QLocalServer; a second start connects, asks the
first window to come forward, and exits."""

from __future__ import annotations

import getpass
import hashlib
import logging

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)

__all__ = ["SingleInstance"]

_WAKE = b"raise\n"


class SingleInstance(QObject):
    """Signals: activated() when another start asked this one to come forward.

    Usage: ``guard = SingleInstance("kitchen-desk")``; if ``not guard.start()``, exit.
    """

    activated = Signal()

    def __init__(self, name: str, parent: QObject | None = None, *, timeout_ms: int = 1000):
        super().__init__(parent)
        # One name per user (and data directory, if the caller puts it in ``name``).
        digest = hashlib.sha1(f"{name}:{getpass.getuser()}".encode()).hexdigest()[:16]
        self._name = f"kitchen-desk-{digest}"
        self._timeout = timeout_ms
        self._server: QLocalServer | None = None
        self._connections: list[QLocalSocket] = []

    def server_name(self) -> str:
        return self._name

    def start(self) -> bool:
        """True: this is the first instance (now listening). False: another one runs and has
        been asked to come forward."""
        if self._wake_other():
            log.info("another desk is running; asked it to come forward")
            return False
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self._name):
            # A crashed instance can leave its socket file behind: remove it and retry.
            QLocalServer.removeServer(self._name)
            if not server.listen(self._name):
                log.warning("single-instance guard unavailable: %s", server.errorString())
                return True
        server.newConnection.connect(self._incoming)
        self._server = server
        return True

    def _wake_other(self) -> bool:
        socket = QLocalSocket()  # a local: gone when this returns
        socket.connectToServer(self._name)
        if not socket.waitForConnected(self._timeout):
            socket.abort()
            return False
        # Blocking waits here run before any window exists, bounded by the timeout.
        socket.write(_WAKE)
        socket.flush()
        socket.waitForBytesWritten(self._timeout)
        socket.disconnectFromServer()
        socket.abort()
        return True

    def _incoming(self) -> None:
        assert self._server is not None
        while (conn := self._server.nextPendingConnection()) is not None:
            self._connections.append(conn)
            conn.readyRead.connect(self._read)

    def _read(self) -> None:
        for conn in list(self._connections):
            if conn.bytesAvailable() and bytes(conn.readAll().data()).startswith(_WAKE.strip()):
                self.activated.emit()

    def close(self) -> None:
        for conn in self._connections:
            conn.readyRead.disconnect(self._read)
            conn.abort()
        self._connections.clear()
        if self._server is not None:
            self._server.newConnection.disconnect(self._incoming)
            self._server.close()
            self._server = None
