"""The alert against a real (private) PulseAudio server that is killed mid-play and started
again: the window's thread never stalls, the desk notices the loss, and the chime comes back
by itself (issue 9 item 8). The scenario is ``benchmarks/alert_stall.py``, run in its own
process so that its PULSE_SERVER and Qt Multimedia state stay out of this test session."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(
    shutil.which("pulseaudio") is None or shutil.which("parec") is None,
    reason="needs a PulseAudio server and parec (scripts/system-deps.sh installs pulseaudio)",
)


def test_overlapping_chimes_survive_a_killed_audio_server_without_stalling_the_ui() -> None:
    # 16 s: the server is killed at 4 s and back at 6 s; the player's retries (0.5, 1, 2, 4 s)
    # reach it well before the end even on a busy machine.
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.pop("PULSE_SERVER", None)
    run = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "alert_stall.py"), "--json", "--seconds", "16"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=90,
    )
    if run.returncode != 0 and "pulseaudio did not start" in run.stderr:
        pytest.skip("pulseaudio cannot run here: " + run.stderr.strip().splitlines()[-1])
    assert run.returncode == 0, run.stderr[-2000:]
    figures = json.loads(run.stdout.strip().splitlines()[-1])
    # Sound really came out of the sink before the kill, and again after the restart: the
    # alert did not stop for good.
    assert figures["heard_before_kill"] > 0, figures
    assert figures["heard_after_restart"] > 0, figures
    # The desk ends believing in its sound again (a loss it noticed — the worker usually dies
    # with the server — was followed by a recovery it noticed too).
    changes = figures["availability"]
    assert not changes or changes[-1][1] is True, figures
    # Never blocked: a call waiting on a dead audio server takes seconds. The 50 ms figure
    # itself is the benchmark's (benchmarks/alert_stall.py), not a timed assertion here.
    assert figures["longest_stall_ms"] < 500, figures
    assert figures["chimes_requested"] >= 30, figures
