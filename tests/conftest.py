"""Shared fixtures: real databases (a SQLite file and a fresh PostgreSQL database)."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Iterator

import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[1]
POSTGRES_ADMIN_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")


class SteppingClock:
    """A clock tests move by hand; each reading is a little later than the last."""

    def __init__(self, start: datetime = datetime(2026, 11, 21, 9, 0, tzinfo=timezone.utc)):
        self.now = start

    def __call__(self) -> datetime:
        self.now += timedelta(milliseconds=1)
        return self.now


@pytest.fixture
def clock() -> SteppingClock:
    return SteppingClock()


def _postgres_database() -> Iterator[str]:
    import psycopg2
    from sqlalchemy.engine import make_url

    admin = make_url(POSTGRES_ADMIN_URL)
    name = f"partner_test_{uuid.uuid4().hex[:12]}"
    connection = psycopg2.connect(
        host=admin.host, port=admin.port or 5432, user=admin.username, dbname=admin.database, password=admin.password
    )
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    try:
        yield str(admin.set(database=name))
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.close()


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.db'}"
    else:
        yield from _postgres_database()


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A fresh, empty PostgreSQL database on the machine's server."""
    yield from _postgres_database()


@pytest.fixture
def store(store_url, clock):
    from actions.store import PartnerStore

    partner_store = PartnerStore(store_url, clock=clock)
    yield partner_store
    partner_store.dispose()


@pytest.fixture
def sqlite_store_env(tmp_path, monkeypatch):
    """Points the actions' store at a fresh SQLite file, as the action server would be."""
    from actions.store import store as store_module

    url = f"sqlite:///{tmp_path / 'actions-store.db'}"
    monkeypatch.setenv("PARTNER_STORE_URL", url)
    monkeypatch.setattr(store_module, "_default_store", None)
    yield url
    if store_module._default_store is not None:
        store_module._default_store.dispose()


RASA = str(Path(sys.executable).with_name("rasa"))


def rasa_env():
    env = dict(os.environ, RASA_TELEMETRY_ENABLED="false", PYTHONPATH=str(PROJECT_ROOT))
    env.setdefault("ACTION_ENDPOINT_URL", "http://localhost:5055/webhook")
    env.setdefault("TRACKER_STORE_URL", f"sqlite:///{PROJECT_ROOT / '.data' / 'tracker.db'}")
    env.setdefault("LOCK_STORE_TYPE", "in_memory")
    env.setdefault("LOCK_STORE_URL", "")
    env.setdefault("EVENT_BROKER_URL", "")
    return env


@pytest.fixture(scope="session")
def trained_model() -> Path:
    subprocess.run(["bash", "scripts/train.sh"], cwd=PROJECT_ROOT, check=True, env=rasa_env())
    model = PROJECT_ROOT / "models" / "partner-assistant.tar.gz"
    assert model.exists()
    return model
