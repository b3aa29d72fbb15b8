"""Waiting on and ending the servers and CLIs that integration tests run as subprocesses."""

from __future__ import annotations

import subprocess
import time
from collections.abc import Callable
from typing import Any


def poll_until(check: Callable[[], bool], what: str, timeout: float = 30.0) -> None:
    """Ask ``check`` every 50 ms until it holds; fail the test naming ``what`` after ``timeout``
    seconds (for state in another process, which cannot signal this one)."""
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, f"timed out waiting for: {what}"
        time.sleep(0.05)


def end_process(proc: subprocess.Popen[Any], timeout: float = 10.0) -> None:
    """SIGTERM if it still runs, SIGKILL if it has not ended ``timeout`` seconds later."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=timeout)
