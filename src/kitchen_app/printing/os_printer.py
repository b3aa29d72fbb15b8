"""PDF tickets through the operating system's print queue (docs/printing.md, "Printers")."""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
import tempfile

from .errors import NothingSent, SentUnconfirmed
from .status import PrinterState

__all__ = ["OsPrinterTarget"]

log = logging.getLogger(__name__)


class OsPrinterTarget:
    """PDF tickets through the operating system.

    Linux/macOS: CUPS ``lp`` (``-d QUEUE`` unless the default queue), the PDF on stdin.
    Windows: the documented fallback is the shell's "print" verb on a temporary PDF
    (``os.startfile(path, "print")``), which hands it to the default PDF application; the desk
    cannot see the spooler, so a successful hand-over counts as sent.
    """

    def __init__(
        self, name: str, queue: str = "", *, lp: str = "lp", timeout: float = 15.0
    ) -> None:
        self.name = name
        self.queue = queue
        self.lp = lp
        self.timeout = timeout

    def send(self, data: bytes) -> None:
        if sys.platform == "win32":
            self._send_windows(data)
            return
        lp = shutil.which(self.lp)
        if lp is None:
            raise NothingSent(
                f"{self.name}: '{self.lp}' not found (install CUPS)",
                printer=self.name,
                retryable=False,
            )
        command = [lp, "-s"] + (["-d", self.queue] if self.queue else []) + ["-"]
        try:
            done = subprocess.run(
                command, input=data, capture_output=True, timeout=self.timeout, check=False
            )
        except subprocess.TimeoutExpired:
            raise SentUnconfirmed(
                f"{self.name}: the print queue did not answer",
                printer=self.name,
                bytes_sent=len(data),
            ) from None
        except OSError as exc:
            raise NothingSent(f"{self.name}: cannot run lp ({exc})", printer=self.name) from None
        if done.returncode != 0:
            reason = done.stderr.decode("utf-8", "replace").strip().splitlines()
            raise NothingSent(
                f"{self.name}: lp refused the job ({reason[-1] if reason else done.returncode})",
                printer=self.name,
            )

    def _send_windows(self, data: bytes) -> None:  # pragma: no cover - Windows only
        fd, path = tempfile.mkstemp(prefix="kitchen-ticket-", suffix=".pdf")
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        try:
            os.startfile(path, "print")  # type: ignore[attr-defined]
        except OSError as exc:
            raise NothingSent(
                f"{self.name}: Windows could not print the PDF ({exc})", printer=self.name
            ) from None

    def status(self) -> PrinterState | None:
        return None
