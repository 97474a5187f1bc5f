"""Alembic migrations of the state store, applied by the store itself at start-up.

On PostgreSQL the upgrade runs under an advisory lock, so several action servers started
together on an empty database create the tables once.
"""
from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import text
from sqlalchemy.engine import Engine

MIGRATIONS_DIR = Path(__file__).resolve().parent
_ADVISORY_LOCK_KEY = 7_305_114_021  # any constant shared by every process of this project


def alembic_config(engine: Engine) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["engine"] = engine
    return config


def upgrade_to_head(engine: Engine) -> None:
    config = alembic_config(engine)
    if engine.dialect.name == "postgresql":
        with engine.connect() as lock_connection:
            lock_connection.execute(text("SELECT pg_advisory_lock(:key)"), {"key": _ADVISORY_LOCK_KEY})
            try:
                command.upgrade(config, "head")
            finally:
                lock_connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": _ADVISORY_LOCK_KEY})
                lock_connection.commit()
    else:
        command.upgrade(config, "head")
