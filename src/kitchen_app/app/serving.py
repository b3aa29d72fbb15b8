"""Run an ASGI app with uvicorn on a background thread (the demo, tests and benchmarks embed
the sandbox and the relay this way) or in the foreground (the `serve` commands)."""

from __future__ import annotations

import asyncio
import logging
import socket
import threading
import time
from typing import Any

import uvicorn

__all__ = ["ServerThread", "free_port", "listening_socket", "serve_forever"]

log = logging.getLogger(__name__)


def free_port(host: str = "127.0.0.1") -> int:
    """A port the OS says is free right now (a race is possible but harmless on loopback)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        port: int = s.getsockname()[1]
        return port


def listening_socket(host: str = "127.0.0.1") -> socket.socket:
    """A socket bound to a free port, for a ``ServerThread`` built later: its address is known
    before the app is (the demo's relay and sandbox each need the other's URL)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, 0))
    return sock


def _config(app: Any, host: str, port: int, **kwargs: Any) -> uvicorn.Config:
    return uvicorn.Config(
        app,
        host=host,
        port=port,
        log_level="warning",
        access_log=False,
        lifespan="on",
        # The relay holds long polls for up to 60 s; don't let keep-alive cut them sooner.
        timeout_keep_alive=75,
        **kwargs,
    )


class ServerThread:
    """uvicorn on its own thread and event loop. ``start()`` returns once it accepts
    connections (bounded wait); ``stop()`` shuts it down and joins the thread."""

    def __init__(
        self,
        app: Any,
        host: str = "127.0.0.1",
        port: int = 0,
        *,
        sock: socket.socket | None = None,
        **kwargs: Any,
    ) -> None:
        self.host = host
        # With no port asked for, the socket is bound here (or given, from
        # ``listening_socket``) and handed to uvicorn, so no other process can take the port
        # between choosing it and listening on it (a test session running beside others did
        # see that race with a port chosen by ``free_port``).
        self._sockets: list[socket.socket] = []
        if sock is None and port == 0:
            sock = listening_socket(host)
        if sock is not None:
            port = sock.getsockname()[1]
            self._sockets.append(sock)
        self.port = port
        self._server = uvicorn.Server(_config(app, host, self.port, **kwargs))
        # (uvicorn leaves signal handling alone when it runs off the main thread.)
        self._thread = threading.Thread(target=self._run, name=f"uvicorn-{self.port}", daemon=True)
        self._error: BaseException | None = None

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def _run(self) -> None:
        try:
            asyncio.run(self._server.serve(sockets=self._sockets or None))
        except BaseException as exc:  # reported by start()
            self._error = exc

    def start(self, timeout: float = 10.0) -> str:
        self._thread.start()
        deadline = time.monotonic() + timeout
        while not self._server.started:
            if self._error is not None or not self._thread.is_alive():
                raise RuntimeError(f"server on port {self.port} failed to start: {self._error}")
            if time.monotonic() > deadline:
                raise TimeoutError(f"server on port {self.port} did not start in {timeout} s")
            time.sleep(0.01)
        return self.url

    def stop(self, timeout: float = 10.0) -> None:
        self._server.should_exit = True
        self._thread.join(timeout)
        if self._thread.is_alive():
            self._server.force_exit = True
            self._thread.join(timeout)
        for sock in self._sockets:
            sock.close()

    def __enter__(self) -> ServerThread:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def serve_forever(app: Any, host: str, port: int) -> int:
    """Foreground serving for the CLI: Ctrl+C stops it cleanly."""
    server = uvicorn.Server(_config(app, host, port))
    server.run()
    return 0
