"""File, serial (a pseudo-terminal) and OS (a stand-in ``lp`` script) targets."""

from __future__ import annotations

import os
import stat
import sys
import threading
import tty
from pathlib import Path

import pytest

from kitchen_app.printing.errors import NothingSent, SentUnconfirmed
from kitchen_app.printing.targets import FileTarget, OsPrinterTarget, SerialTarget


def test_file_target_appends(tmp_path: Path) -> None:
    path = tmp_path / "capture.bin"
    target = FileTarget("f", path)
    target.send(b"one")
    target.send(b"two")
    assert path.read_bytes() == b"onetwo"
    assert target.status() is None


def test_file_target_missing_folder_is_nothing_sent(tmp_path: Path) -> None:
    with pytest.raises(NothingSent, match="cannot open"):
        FileTarget("f", tmp_path / "no" / "dev").send(b"x")


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
def test_serial_target_over_a_pty() -> None:
    master, slave = os.openpty()
    tty.setraw(slave)  # bytes pass unchanged, as on a real serial line
    received = bytearray()
    done = threading.Event()

    def read() -> None:
        # a printer that answers each real-time status query (DLE EOT n) with "ready"
        try:
            while received.count(b"\x10\x04") < 3:
                chunk = os.read(master, 1024)
                received.extend(chunk)
                for _ in range(chunk.count(b"\x10\x04")):
                    os.write(master, b"\x12")
        except OSError:
            return
        done.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        SerialTarget("s", os.ttyname(slave), 9600, write_timeout=2).send(b"\x1b@ticket")
        assert done.wait(10)
    finally:
        os.close(slave)
        os.close(master)
        reader.join(5)
    assert bytes(received) == b"\x1b@ticket\x10\x04\x01\x10\x04\x02\x10\x04\x04"


def test_serial_printer_that_never_answers_is_unconfirmed() -> None:
    master, slave = os.openpty()
    tty.setraw(slave)
    try:
        with pytest.raises(SentUnconfirmed, match="did not answer"):
            SerialTarget("s", os.ttyname(slave), 9600, write_timeout=2).send(b"\x1b@ticket")
    finally:
        os.close(slave)
        os.close(master)


def test_serial_missing_port_is_nothing_sent() -> None:
    with pytest.raises(NothingSent, match="cannot open"):
        SerialTarget("s", "/dev/does-not-exist").send(b"x")


def _fake_lp(tmp_path: Path, body: str) -> Path:
    script = tmp_path / "lp"
    script.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return script


@pytest.mark.skipif(sys.platform == "win32", reason="CUPS lp is for Linux/macOS")
def test_os_printer_pipes_the_pdf_to_lp(tmp_path: Path) -> None:
    out = tmp_path / "spooled"
    lp = _fake_lp(tmp_path, f'echo "$@" > {out}.args; cat > {out}')
    OsPrinterTarget("office", "Office_Queue", lp=str(lp)).send(b"%PDF-1.4 ticket")
    assert out.read_bytes() == b"%PDF-1.4 ticket"
    assert Path(f"{out}.args").read_text().split() == ["-s", "-d", "Office_Queue", "-"]


@pytest.mark.skipif(sys.platform == "win32", reason="CUPS lp is for Linux/macOS")
def test_os_printer_refusal_and_missing_lp(tmp_path: Path) -> None:
    lp = _fake_lp(tmp_path, 'cat > /dev/null; echo "lp: The printer does not exist" >&2; exit 1')
    with pytest.raises(NothingSent, match="The printer does not exist"):
        OsPrinterTarget("office", "nope", lp=str(lp)).send(b"%PDF")
    with pytest.raises(NothingSent, match="not found") as err:
        OsPrinterTarget("office", lp=str(tmp_path / "no-lp")).send(b"%PDF")
    assert not err.value.retryable
