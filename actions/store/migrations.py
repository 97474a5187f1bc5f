"""Alembic migrations of the state store, applied by the store itself at start-up.

The revisions live in alembic/ beside this file: a plain folder, not a package, because the
action server imports every module of the actions package. On PostgreSQL the upgrade runs
under an advisory lock, so several action servers started together on an empty database
create the tables once.

scripts/migrate_store.py upgrades the store on $PARTNER_STORE_URL (telling revision 0005 the
channel the tracker store recorded for each sender); the start scripts run it before the
action server starts.
"""

from __future__ import annotations

from pathlib import Path
from typing import Mapping, Optional

from alembic import command
from alembic.config import Config
from sqlalchemy import text
from sqlalchemy.engine import Engine

MIGRATIONS_DIR = Path(__file__).resolve().parent / "alembic"
_ADVISORY_LOCK_KEY = 7_305_114_021  # any constant shared by every process of this project


def alembic_config(engine: Engine, sender_channels: Optional[Mapping[str, str]] = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["engine"] = engine
    config.attributes["sender_channels"] = dict(sender_channels or {})
    return config


def upgrade_to_head(engine: Engine, sender_channels: Optional[Mapping[str, str]] = None) -> None:
    """Upgrades the schema; ``sender_channels`` (sender id -> Rasa channel name) tells
    revision 0005 which channel each older sender id came from."""
    config = alembic_config(engine, sender_channels)
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
