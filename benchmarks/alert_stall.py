"""The UI thread's longest stall while the alert plays overlapping chimes and the audio server
is killed and started again (issue 9's figure: ≤ 50 ms).

Runs a private PulseAudio server with a null sink on its own socket (never the machine's own
server), points the desk's ``AlertPlayer`` at it, plays a chime every 250 ms (a chime lasts
0.6 s, so they overlap), kills the server with SIGKILL mid-play, starts it again, and keeps
playing. A 5 ms Qt timer measures how late the event loop runs it; a ``parec`` on the sink's
monitor hears whether sound really comes out before the kill and after the restart.

    .venv/bin/python benchmarks/alert_stall.py [--seconds 14] [--json]

Needs ``pulseaudio`` and ``parec`` (Debian: pulseaudio, pulseaudio-utils). Exit status 3 when
they are missing.
"""

from __future__ import annotations

import argparse
import array
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

TICK_MS = 5
CHIME_EVERY_MS = 250


class PulseServer:
    """A PulseAudio daemon with a null sink on a socket of our own; started and killed by PID."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.socket = folder / "native"
        self.env = dict(
            os.environ,
            PULSE_RUNTIME_PATH=str(folder),
            PULSE_STATE_PATH=str(folder),
            HOME=str(folder),
        )
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def address(self) -> str:
        return f"unix:{self.socket}"

    def start(self) -> None:
        self.socket.unlink(missing_ok=True)
        with (self.folder / "pulseaudio.log").open("ab") as log:
            self.process = subprocess.Popen(
                [
                    "pulseaudio",
                    "-n",
                    "--daemonize=no",
                    "--exit-idle-time=-1",
                    "--use-pid-file=no",
                    "--disable-shm=yes",
                    "-L",
                    "module-null-sink",
                    "-L",
                    f"module-native-protocol-unix socket={self.socket} auth-anonymous=1",
                ],
                env=self.env,
                stdout=subprocess.DEVNULL,
                stderr=log,
            )
        deadline = time.monotonic() + 10
        while not self.socket.exists():
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"pulseaudio did not start (see {self.folder}/pulseaudio.log)")
            time.sleep(0.02)

    def kill(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait()


class Ear:
    """Listens to the null sink's monitor: when sound came out, in 50 ms windows."""

    def __init__(self, server: PulseServer, started: float) -> None:
        self.heard: list[float] = []  # seconds since ``started`` of each loud window
        self._server = server
        self._started = started
        self._process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self._process = subprocess.Popen(
            [
                "parec",
                "-d",
                "null.monitor",
                "--raw",
                "--format=s16le",
                "--channels=1",
                "--rate=8000",
                "--latency-msec=20",
            ],
            env=dict(self._server.env, PULSE_SERVER=self._server.address),
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        threading.Thread(target=self._listen, args=(self._process,), daemon=True).start()

    def _listen(self, process: subprocess.Popen[bytes]) -> None:
        assert process.stdout is not None
        while chunk := process.stdout.read(800):  # 50 ms at 8 kHz, 16-bit mono
            samples = array.array("h", chunk[: len(chunk) // 2 * 2])
            if samples and max(abs(x) for x in samples) > 1000:
                self.heard.append(time.monotonic() - self._started)

    def stop(self) -> None:
        if self._process is not None and self._process.poll() is None:
            self._process.kill()
            self._process.wait()


def measure(seconds: float = 14.0, kill_at: float = 4.0, restart_at: float = 6.0) -> dict[str, Any]:
    """Run the scenario; returns the figures (milliseconds and seconds since start)."""
    folder = Path(tempfile.mkdtemp(prefix="kd-pulse-"))
    server = PulseServer(folder)
    server.start()
    os.environ["PULSE_SERVER"] = server.address  # the sound worker inherits it
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from kitchen_app.ui.alert import AlertPlayer

    app = QApplication.instance() or QApplication([])
    started = time.monotonic()
    ear = Ear(server, started)
    ear.start()
    player = AlertPlayer()
    availability: list[tuple[float, bool]] = []
    player.availabilityChanged.connect(
        lambda ok: availability.append((time.monotonic() - started, ok))
    )
    stalls: list[tuple[float, float]] = []  # (when, lateness ms)
    last = [time.perf_counter()]
    plays = [0]

    def tick() -> None:
        now = time.perf_counter()
        stalls.append((time.monotonic() - started, (now - last[0]) * 1000 - TICK_MS))
        last[0] = now

    def chime() -> None:
        player.play(0.8)
        plays[0] += 1

    def in_background(work: Any) -> None:
        # The server is killed and started from another thread: waiting for its socket is the
        # harness's business, not the event loop's being measured.
        threading.Thread(target=work, daemon=True).start()

    def restart() -> None:
        server.start()
        ear.start()

    ticker = QTimer()
    ticker.setInterval(TICK_MS)
    ticker.timeout.connect(tick)
    chimes = QTimer()
    chimes.setInterval(CHIME_EVERY_MS)
    chimes.timeout.connect(chime)
    # Measure from the first chime on: the worker's own start (a second process) is not the
    # window's business, but everything after it is.
    QTimer.singleShot(0, ticker.start)
    QTimer.singleShot(0, chimes.start)
    QTimer.singleShot(int(kill_at * 1000), lambda: in_background(server.kill))
    QTimer.singleShot(int(restart_at * 1000), lambda: in_background(restart))
    QTimer.singleShot(int(seconds * 1000), app.quit)
    try:
        app.exec()
    finally:
        ticker.stop()
        chimes.stop()
        player.shutdown()
        ear.stop()
        server.kill()
        shutil.rmtree(folder, ignore_errors=True)
    worst = max(stalls, key=lambda s: s[1], default=(0.0, 0.0))
    after_restart = [t for t in ear.heard if t > restart_at]
    return {
        "longest_stall_ms": round(worst[1], 1),
        "longest_stall_at_s": round(worst[0], 2),
        "ticks": len(stalls),
        "chimes_requested": plays[0],
        "heard_before_kill": sum(1 for t in ear.heard if t < kill_at),
        "heard_after_restart": len(after_restart),
        "sound_back_after_s": round(after_restart[0] - restart_at, 2) if after_restart else None,
        "availability": availability,
        "kill_at_s": kill_at,
        "restart_at_s": restart_at,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=14.0)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    if shutil.which("pulseaudio") is None or shutil.which("parec") is None:
        print("needs pulseaudio and parec (apt-get install pulseaudio)", file=sys.stderr)
        return 3
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    figures = measure(args.seconds)
    if args.json:
        print(json.dumps(figures))
        return 0
    print(
        f"longest UI-thread stall: {figures['longest_stall_ms']} ms "
        f"(at {figures['longest_stall_at_s']} s; target ≤ 50 ms) over {figures['ticks']} ticks"
    )
    print(
        f"chimes: {figures['chimes_requested']} requested; heard before the kill "
        f"{figures['heard_before_kill']} × 50 ms, after the restart "
        f"{figures['heard_after_restart']} × 50 ms "
        f"(sound back {figures['sound_back_after_s']} s after the server)"
    )
    print(f"sound availability changes (s, ok): {figures['availability']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
