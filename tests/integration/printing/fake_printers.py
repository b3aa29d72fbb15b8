"""Fake network printers on 127.0.0.1 for fault tests: one that records what it gets (and can
answer ESC/POS real-time status), one that refuses connections, one that accepts and then goes
silent. Each is a context manager that stops its thread."""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from types import TracebackType

ONLINE = b"\x12"  # DLE EOT 1: online
NO_PROBLEM = b"\x12"  # DLE EOT 2 / 4: no cause, paper present
PAPER_OUT_OFFLINE = b"\x1a"  # DLE EOT 1: offline
PAPER_OUT_CAUSE = b"\x32"  # DLE EOT 2: stopped by paper end
PAPER_OUT_SENSOR = b"\x72"  # DLE EOT 4: paper end


READY: dict[int, bytes] = {}  # answers every DLE EOT n with "online, no problem"


class RecordingPrinter:
    """Records each connection's ticket bytes (status queries stripped out). By default it
    answers DLE EOT as a ready printer does; ``answers=None``: a printer without real-time
    status (reads everything, never answers)."""

    def __init__(self, *, answers: dict[int, bytes] | None = READY) -> None:
        self._server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._server.bind(("127.0.0.1", 0))
        self._server.listen(8)
        self._server.settimeout(0.2)
        self.port: int = self._server.getsockname()[1]
        self.answers = answers  # DLE EOT n -> answer byte; None = never answers
        self.tickets: list[bytes] = []
        self.status_queries = 0
        self._stop = threading.Event()
        self._changed = threading.Condition()
        self._thread = threading.Thread(target=self._serve, daemon=True)

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._server.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            with conn:
                conn.settimeout(0.2)
                data = bytearray()
                answered = 0
                while not self._stop.is_set():
                    try:
                        chunk = conn.recv(65536)
                    except TimeoutError:
                        continue
                    except OSError:
                        break
                    if not chunk:
                        break
                    data += chunk
                    answered = self._answer(conn, bytes(data), answered)
                with self._changed:
                    self.tickets.append(_without_status(bytes(data)))
                    self._changed.notify_all()

    def _answer(self, conn: socket.socket, data: bytes, answered: int) -> int:
        """Answer each complete DLE EOT n not answered yet; returns how many are answered."""
        queries = [data[i + 2] for i in _status_offsets(data)]
        for n in queries[answered:]:
            self.status_queries += 1
            if self.answers is not None:
                conn.sendall(self.answers.get(n, b"\x12"))
        return len(queries)

    def wait_tickets(self, count: int, timeout: float = 10.0) -> list[bytes]:
        deadline = time.monotonic() + timeout
        with self._changed:
            while len(self.tickets) < count:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError(f"{len(self.tickets)} tickets, wanted {count}")
                self._changed.wait(left)
            return list(self.tickets)

    def __enter__(self) -> RecordingPrinter:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._server.close()
        self._thread.join(5)


class SilentPrinter:
    """Accepts connections, never reads a byte after the kernel buffer fills, never answers."""

    def __init__(self) -> None:
        self._server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        # A small receive buffer so a big ticket cannot vanish into the kernel.
        self._server.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        self._server.bind(("127.0.0.1", 0))
        self._server.listen(8)
        self._server.settimeout(0.2)
        self.port: int = self._server.getsockname()[1]
        self.connections: list[socket.socket] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._server.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self.connections.append(conn)

    def __enter__(self) -> SilentPrinter:
        self._thread.start()
        return self

    def __exit__(
        self, t: type[BaseException] | None, e: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._stop.set()
        self._server.close()
        self._thread.join(5)
        for conn in self.connections:
            with contextlib.suppress(OSError):
                conn.close()


class ClosingPrinter:
    """Reads ``read_bytes`` of the first connection, then slams it shut (unread data → RST);
    every later connection (the status check) is answered "ready" at once: the printer is
    fine *now*, which says nothing about the ticket it dropped."""

    def __init__(self, read_bytes: int = 1000) -> None:
        self._server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._server.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        self._server.bind(("127.0.0.1", 0))
        self._server.listen(8)
        self._server.settimeout(0.2)
        self.port: int = self._server.getsockname()[1]
        self.read_bytes = read_bytes
        self.connections = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._server.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self.connections += 1
            with conn:
                conn.settimeout(2.0)
                if self.connections == 1:
                    got = 0
                    with contextlib.suppress(OSError):
                        while got < self.read_bytes:
                            chunk = conn.recv(min(4096, self.read_bytes - got))
                            if not chunk:
                                break
                            got += len(chunk)
                    # SO_LINGER 0: close sends RST, as a printer rebooting mid-ticket does
                    conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00" * 2)
                    continue
                with contextlib.suppress(OSError):
                    data = b""
                    while data.count(b"\x10\x04") < 3:
                        chunk = conn.recv(64)
                        if not chunk:
                            break
                        data += chunk
                        for _ in range(chunk.count(b"\x10\x04")):
                            conn.sendall(b"\x12")

    def __enter__(self) -> ClosingPrinter:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._server.close()
        self._thread.join(5)


def _status_offsets(data: bytes) -> list[int]:
    offsets: list[int] = []
    at = data.find(b"\x10\x04")
    while at >= 0 and at + 2 < len(data):
        offsets.append(at)
        at = data.find(b"\x10\x04", at + 3)
    return offsets


def _without_status(data: bytes) -> bytes:
    for at in reversed(_status_offsets(data)):
        data = data[:at] + data[at + 3 :]
    return data


def refusing_port() -> int:
    """A loopback port nothing listens on (bound then closed): connections are refused."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
    return port
