"""A real relay on 127.0.0.1 per test, over a real SQLite file in tmp_path or over a fresh
database on a throwaway PostgreSQL server (one per test session, see tests/pg.py).

``relay`` and ``relay_factory`` run each test once per backend; ``pg_database`` gives a
test its own empty PostgreSQL database."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from relay_testkit import Relay, start_relay
from tests.pg import PgCluster, PgUnavailable, start_cluster

from kitchen_app.app.serving import ServerThread

BACKENDS = ["sqlite", "postgresql"]


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[PgCluster]:
    try:
        cluster = start_cluster()
    except PgUnavailable as exc:
        pytest.skip(f"no PostgreSQL server for the relay's PostgreSQL tests: {exc}")
    try:
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture
def pg_database(pg_cluster: PgCluster) -> Iterator[str]:
    url = pg_cluster.create_database()
    try:
        yield url
    finally:
        pg_cluster.drop_database(url)


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest) -> str | None:
    """None for the SQLite file; a fresh PostgreSQL database's URL otherwise."""
    if request.param == "sqlite":
        return None
    url: str = request.getfixturevalue("pg_database")
    return url


@pytest.fixture
def relay_factory(tmp_path: Path, database_url: str | None) -> Iterator[Callable[..., Relay]]:
    """Start a relay with config overrides, on this test's backend; stopped at the end."""
    started: list[tuple[ServerThread, Relay]] = []

    def start(**config: Any) -> Relay:
        server, relay = start_relay(tmp_path, database_url=database_url, **config)
        started.append((server, relay))
        return relay

    try:
        yield start
    finally:
        for server, relay in started:
            relay.client.close()
            server.stop()


@pytest.fixture
def relay(relay_factory: Callable[..., Relay]) -> Relay:
    return relay_factory()
