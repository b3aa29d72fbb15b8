"""Pure parts of the PostgreSQL backend: URL redaction and the NOTIFY payloads."""

from __future__ import annotations

from kitchen_app.relay.backend import is_postgres_url, redact_url
from kitchen_app.relay.pg_log import format_change, parse_change


def test_passwords_never_survive_redaction() -> None:
    assert redact_url("postgresql://relay:s3cret@db:5432/k") == "postgresql://relay:***@db:5432/k"
    assert "s3cret" not in redact_url("postgresql://u@/k?host=/run/pg&password=s3cret")
    socket_url = "postgresql:///kitchen_relay?host=/var/run/postgresql"
    assert redact_url(socket_url) == socket_url  # nothing to hide: left exactly as given
    assert is_postgres_url(socket_url) and is_postgres_url("postgres://h/db")
    assert not is_postgres_url("sqlite:///relay.sqlite3")


def test_change_payloads_round_trip_and_stay_under_the_limit() -> None:
    ids = {store: store * 1_000_000_007 for store in range(1, 3000)}
    payloads = format_change("e", ids)
    assert len(payloads) > 1 and all(len(p) <= 7100 for p in payloads)
    merged: dict[int, int] = {}
    for payload in payloads:
        parsed = parse_change(payload)
        assert parsed is not None and parsed[0] == "events"
        merged.update(parsed[1])
    assert merged == ids
    assert parse_change("p:4=10") == ("pruned", {4: 10})
    assert format_change("e", {}) == []
    for foreign in ("hello", "x:1=2", "e:1=a", "e:", "e:1=2,,"):
        assert parse_change(foreign) is None
