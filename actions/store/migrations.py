"""Alembic migrations of the state store, applied by the store itself at start-up.

The revisions live in alembic/ beside this file: a plain folder, not a package, because the
action server imports every module of the actions package. On PostgreSQL the upgrade runs
under an advisory lock, so several action servers started together on an empty database
create the tables once.

scripts/migrate_store.py upgrades the store on $PARTNER_STORE_URL; the start scripts run it
before the action server starts.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import text
from sqlalchemy.engine import Engine

MIGRATIONS_DIR = Path(__file__).resolve().parent / "alembic"
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


def main() -> int:
    import logging
    import sys

    from .errors import StoreUnavailable
    from .store import PartnerStore, default_store_url

    logging.basicConfig(level=logging.INFO, format="%(message)s")
    try:
        PartnerStore(default_store_url()).dispose()
    except StoreUnavailable as error:
        print(f"The state store could not be migrated: {error}", file=sys.stderr)
        return 1
    print("State store schema is up to date.")
    return 0
