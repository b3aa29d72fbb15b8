"""The systemd units in packaging/: checked by ``systemd-analyze verify``, and their
ExecStart run the way systemd would run it (environment file, instance name), answered
and stopped with the unit's KillSignal within its TimeoutStopSec.

systemd is not PID 1 in the test container, so ``systemctl start`` cannot be used; this
runs what the unit would run (docs/relay.md has the container recipe)."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from relay_testkit import SECRET, mp_body, post_mp

from kitchen_app.app.serving import free_port
from kitchen_app.relay import add_store

PACKAGING = Path(__file__).resolve().parents[3] / "packaging"
INSTALLED_APP = "/opt/kitchen-desk/bin/kitchen-app"


def unit_settings(text: str) -> dict[str, str]:
    settings: dict[str, str] = {}
    for line in text.splitlines():
        if "=" in line and not line.startswith(("#", ";", "[")):
            key, _, value = line.partition("=")
            settings[key.strip()] = value.strip()
    return settings


def kitchen_app() -> str:
    found = Path(sys.executable).parent / "kitchen-app"
    assert found.exists(), "the kitchen-app script is installed beside the interpreter"
    return str(found)


@pytest.mark.parametrize("unit", ["kitchen-relay.service", "kitchen-relay@.service"])
def test_units_pass_systemd_analyze_verify(unit: str, tmp_path: Path) -> None:
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        pytest.skip("systemd-analyze is not installed (Debian package systemd)")
    text = (PACKAGING / unit).read_text()
    assert INSTALLED_APP in text
    # The unit as installed, except that the program is this checkout's.
    name = unit.replace("@.", "@8787.")
    (tmp_path / name).write_text(text.replace(INSTALLED_APP, kitchen_app()))
    done = subprocess.run(
        [analyze, "verify", "--man=no", str(tmp_path / name)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr.strip() == "", done.stderr  # not even a warning


def run_exec_start(
    unit: str, instance: str, env_file: dict[str, str], paths: dict[str, str]
) -> subprocess.Popen[bytes]:
    """Start the unit's ExecStart as systemd would: %i is the instance, ${VAR} comes from
    the EnvironmentFile, the program is this checkout's."""
    settings = unit_settings((PACKAGING / unit).read_text())
    command = settings["ExecStart"].replace("%i", instance)
    command = re.sub(r"\$\{(\w+)\}", lambda m: env_file[m.group(1)], command)
    for installed, here in paths.items():
        command = command.replace(installed, here)
    argv = shlex.split(command)
    argv[0] = kitchen_app()
    env = dict(os.environ, **env_file)
    return subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def wait_healthy(port: int, proc: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 30
    while True:
        assert proc.poll() is None, proc.stderr.read() if proc.stderr else b""
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            pass
        assert time.monotonic() < deadline, "relay did not become healthy"
        time.sleep(0.05)


def stop_like_systemd(unit: str, proc: subprocess.Popen[bytes]) -> None:
    settings = unit_settings((PACKAGING / unit).read_text())
    signum = getattr(signal, settings["KillSignal"])
    proc.send_signal(signum)
    try:
        code = proc.wait(timeout=float(settings["TimeoutStopSec"]))
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=10)
        if proc.stderr:
            proc.stderr.close()
    assert code in (0, -signum)


def test_the_single_relay_unit_starts_serves_and_stops(tmp_path: Path) -> None:
    unit = "kitchen-relay.service"
    settings = unit_settings((PACKAGING / unit).read_text())
    state = settings["ReadWritePaths"]
    port = free_port()
    add_store(tmp_path / "relay.sqlite3", "Cantina", mp_user_id=42)
    paths = {state: str(tmp_path), "--port 8787": f"--port {port}"}
    proc = run_exec_start(unit, "", {"KITCHEN_MP_WEBHOOK_SECRET": SECRET}, paths)
    try:
        wait_healthy(port, proc)
        with httpx.Client(base_url=f"http://127.0.0.1:{port}") as client:
            assert post_mp(client, mp_body(user_id=42)).status_code == 200
    finally:
        stop_like_systemd(unit, proc)
    assert (tmp_path / "relay.sqlite3").exists()


def test_two_template_instances_share_one_postgresql_database(pg_database: str) -> None:
    unit = "kitchen-relay@.service"
    env_file = {"KITCHEN_MP_WEBHOOK_SECRET": SECRET, "KITCHEN_RELAY_DATABASE_URL": pg_database}
    add_store(pg_database, "Cantina", mp_user_id=42)
    ports = [free_port(), free_port()]
    procs = [run_exec_start(unit, str(port), env_file, {}) for port in ports]
    try:
        for port, proc in zip(ports, procs, strict=True):
            wait_healthy(port, proc)
        for n, port in enumerate(ports):
            with httpx.Client(base_url=f"http://127.0.0.1:{port}") as client:
                assert post_mp(client, mp_body(user_id=42, shipment=n)).status_code == 200
    finally:
        for proc in procs:
            stop_like_systemd(unit, proc)
