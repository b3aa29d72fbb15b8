"""``kitchen-app headless`` run as its own process, its stdout lines collected as they come.

The desk's headless mode says what it does one line at a time ("engine ready",
"order_added <key>"); end-to-end tests start it as a real process and wait on those
lines with a bound instead of sleeping.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from collections.abc import Callable, Iterable
from typing import IO

# Where the desk's stderr goes: a file the test keeps, or nowhere.
Stderr = IO[bytes] | int


def headless_argv(
    store: Iterable[str],
    relay_url: str,
    relay_token: str,
    settings: Iterable[str],
    *options: str,
    verbose: bool = False,
) -> list[str]:
    """``python -m kitchen_app [-v] headless <store> --relay-url … --set name=value … <options>``.

    ``store`` is where the desk keeps its orders (``--data-dir DIR`` or ``--db FILE``).
    """
    argv = [sys.executable, "-m", "kitchen_app", *(["-v"] if verbose else []), "headless"]
    argv += [*store, "--relay-url", relay_url, "--relay-token", relay_token]
    for item in settings:
        argv += ["--set", item]
    return argv + list(options)


class HeadlessProcess:
    """A running headless desk; ``lines`` holds what it has printed so far (stripped)."""

    # How long wait_line waits when not told; each suite sets what its stack needs.
    wait_s = 20.0

    def __init__(self, argv: list[str], stderr: Stderr = subprocess.DEVNULL) -> None:
        self.lines: list[str] = []
        self._cond = threading.Condition()
        self.proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=stderr, text=True)
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            with self._cond:
                self.lines.append(line.strip())
                self._cond.notify_all()

    def wait_for(self, said: Callable[[list[str]], bool], timeout: float | None = None) -> bool:
        """True once ``said(lines)`` holds; False if ``timeout`` seconds pass first."""
        with self._cond:
            return self._cond.wait_for(
                lambda: said(self.lines), self.wait_s if timeout is None else timeout
            )

    def wait_line(self, wanted: str | Callable[[str], bool], timeout: float | None = None) -> bool:
        """True once a line equal to ``wanted`` (or one ``wanted(line)`` accepts) has come."""
        test = wanted if callable(wanted) else (lambda line: line == wanted)
        return self.wait_for(lambda lines: any(test(line) for line in lines), timeout)

    def kill(self) -> None:
        """SIGKILL, as a crash or power cut would end it: nothing gets to clean up."""
        os.kill(self.proc.pid, signal.SIGKILL)
        self.proc.wait(10)
        self._close_pipe()

    def stop(self) -> int:
        """SIGTERM (SIGKILL after 15 s), then its exit code."""
        if self.proc.poll() is None:
            self.proc.terminate()
        try:
            code = self.proc.wait(15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            code = self.proc.wait(5)
        self._close_pipe()
        return code

    def _close_pipe(self) -> None:
        self._reader.join(10)
        if self.proc.stdout is not None and not self.proc.stdout.closed:
            self.proc.stdout.close()
