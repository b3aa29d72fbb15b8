"""A throwaway PostgreSQL server for the tests that need one.

``start_cluster(base)`` runs Debian's ``initdb`` + ``pg_ctl`` (scripts/system-deps.sh
installs the ``postgresql`` package) on a fresh data directory under ``base``, listening
only on a Unix socket in that directory, so it never meets the machine's own cluster or
another test run. As root (CI) the server runs as the ``postgres`` user, because initdb and
postgres refuse to run as root. ``stop()`` shuts it down and removes the directory.

``KITCHEN_TEST_DATABASE_URL`` (a superuser's URL) makes the tests use that server instead.
Each test gets its own database (``create_database``), dropped afterwards.
"""

from __future__ import annotations

import asyncio
import glob
import os
import shutil
import subprocess
import tempfile
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

__all__ = ["ENV_TEST_URL", "PgCluster", "PgUnavailable", "start_cluster"]

ENV_TEST_URL = "KITCHEN_TEST_DATABASE_URL"
_SUPERUSER = "postgres"


class PgUnavailable(RuntimeError):
    """No PostgreSQL server can be had here (the reason is the message)."""


@dataclass
class PgCluster:
    admin_url: str  # a superuser's URL to the maintenance database
    data_dir: Path | None = None  # None: a server we did not start (left running)
    _pg_ctl: list[str] = field(default_factory=list)

    def url(self, database: str) -> str:
        parts = urlsplit(self.admin_url)
        return urlunsplit(parts._replace(path="/" + database))

    def create_database(self) -> str:
        """A new empty database; returns its URL."""
        name = "kd_test_" + uuid.uuid4().hex[:12]
        _admin(self.admin_url, f'CREATE DATABASE "{name}"')
        return self.url(name)

    def drop_database(self, url: str) -> None:
        name = urlsplit(url).path.lstrip("/")
        _admin(self.admin_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def stop(self) -> None:
        if self.data_dir is None:
            return
        subprocess.run(
            [*self._pg_ctl, "stop", "-D", str(self.data_dir), "-m", "fast", "-w"],
            check=False,
            capture_output=True,
            timeout=60,
        )
        shutil.rmtree(self.data_dir.parent, ignore_errors=True)
        self.data_dir = None


def _admin(url: str, sql: str) -> None:
    import asyncpg

    async def run() -> None:
        conn = await asyncpg.connect(url, timeout=30)
        try:
            await conn.execute(sql)
        finally:
            await conn.close()

    asyncio.run(run())


def _bin_dir() -> Path | None:
    candidates = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4])
    )
    if candidates:
        return Path(candidates[-1]).parent
    found = shutil.which("initdb")
    return Path(found).resolve().parent if found else None


def start_cluster() -> PgCluster:
    """A running server for the tests, or PgUnavailable with the reason."""
    given = os.environ.get(ENV_TEST_URL)
    if given:
        return PgCluster(admin_url=given)
    bin_dir = _bin_dir()
    if bin_dir is None:
        raise PgUnavailable(
            "PostgreSQL is not installed (scripts/system-deps.sh installs it: "
            "apt-get install postgresql), and KITCHEN_TEST_DATABASE_URL is not set"
        )
    as_user: list[str] = []
    if os.geteuid() == 0:
        if shutil.which("runuser") is None:
            raise PgUnavailable("running as root without runuser: cannot start PostgreSQL")
        as_user = ["runuser", "-u", _SUPERUSER, "--"]
    base = Path(tempfile.mkdtemp(prefix="kd-pg-"))
    data = base / "data"
    if as_user:
        shutil.chown(base, user=_SUPERUSER)
    os.chmod(base, 0o755)
    pg_ctl = [*as_user, str(bin_dir / "pg_ctl")]
    steps = [
        [
            *as_user,
            str(bin_dir / "initdb"),
            "-D",
            str(data),
            "-U",
            _SUPERUSER,
            "--auth=trust",
            "-E",
            "UTF8",
            "--no-instructions",
        ],
        [
            *pg_ctl,
            "start",
            "-D",
            str(data),
            "-w",
            "-t",
            "60",
            "-l",
            str(base / "server.log"),
            # Unix socket only, in our own directory: nothing else can reach this server.
            "-o",
            f"-c listen_addresses='' -k {base} -c max_connections=200",
        ],
    ]
    for step in steps:
        done = subprocess.run(step, capture_output=True, text=True, timeout=120, check=False)
        if done.returncode != 0:
            log_text = ""
            if (base / "server.log").exists():
                log_text = (base / "server.log").read_text(errors="replace")[-2000:]
            shutil.rmtree(base, ignore_errors=True)
            raise PgUnavailable(
                f"{Path(step[len(as_user)]).name} failed: "
                f"{(done.stderr or done.stdout).strip()[-500:]} {log_text}"
            )
    return PgCluster(
        admin_url=f"postgresql://{_SUPERUSER}@/postgres?host={base}",
        data_dir=data,
        _pg_ctl=pg_ctl,
    )
