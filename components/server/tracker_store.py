"""The SQL tracker store, configured by one URL, with tables created once under a lock.

`tracker_store: {type: components.server.tracker_store.LockedSQLTrackerStore, url: ${TRACKER_STORE_URL}}`
takes any SQLAlchemy URL (sqlite:///path, postgresql://user:password@host:5432/db). Several
Rasa replicas starting together on an empty PostgreSQL database would all run CREATE TABLE at
once; Rasa then logs errors and retries after 5 seconds. Here the first replica creates the
tables while holding a PostgreSQL advisory lock and the others wait for it, then find them.

``migrate_sender_ids`` moves conversations stored before sender ids named their channel to
their identities (scripts/migrate_store.py runs it before Rasa starts).
"""

from __future__ import annotations

import json
import logging
import os
from typing import Any, Dict, List, Optional, Text

import sqlalchemy as sa
from rasa.core.brokers.broker import EventBroker
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain

from actions.identities import legacy_identity, prefix_of

logger = logging.getLogger(__name__)

# Any constant shared by all replicas; distinct from the state store's migration lock.
TABLE_CREATION_LOCK = 7_202_611


class LockedSQLTrackerStore(SQLTrackerStore):
    def __init__(
        self,
        domain: Optional[Domain] = None,
        host: Optional[Text] = None,
        event_broker: Optional[EventBroker] = None,
        **kwargs: Any,
    ) -> None:
        url = host or kwargs.pop("url", None)
        if not url or "://" not in url:
            raise ValueError("LockedSQLTrackerStore needs a database URL (TRACKER_STORE_URL)")
        if url.startswith(("postgresql", "postgres")):
            guard = sa.create_engine(url, poolclass=sa.pool.NullPool)
            with guard.connect() as connection:
                connection.execute(sa.text("SELECT pg_advisory_lock(:key)"), {"key": TABLE_CREATION_LOCK})
                try:
                    super().__init__(domain=domain, host=url, event_broker=event_broker, **kwargs)
                finally:
                    connection.execute(sa.text("SELECT pg_advisory_unlock(:key)"), {"key": TABLE_CREATION_LOCK})
            guard.dispose()
        else:
            super().__init__(domain=domain, host=url, event_broker=event_broker, **kwargs)


def _legacy_senders(connection) -> List[str]:
    senders = connection.execute(sa.text("SELECT DISTINCT sender_id FROM events")).scalars()
    return [sender for sender in senders if prefix_of(sender) is None]


def _engine_with_events(url: str) -> Optional[sa.engine.Engine]:
    engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
    if sa.inspect(engine).has_table("events"):
        return engine
    engine.dispose()
    return None


def sender_channels(url: str) -> Dict[str, str]:
    """The channel each sender id without an identity prefix last wrote from, as the tracker
    store recorded it (nothing once every sender is an identity)."""
    engine = _engine_with_events(url)
    if engine is None:
        return {}
    channels: Dict[str, str] = {}
    try:
        with engine.connect() as connection:
            for sender in _legacy_senders(connection):
                rows = connection.execute(
                    sa.text("SELECT data FROM events WHERE sender_id = :sender AND type_name = 'user' ORDER BY id"),
                    {"sender": sender},
                ).scalars()
                for data in rows:
                    channel = json.loads(data).get("input_channel")
                    if channel:
                        channels[sender] = channel
    finally:
        engine.dispose()
    return channels


def migrate_sender_ids(url: str) -> int:
    """Moves the conversations of sender ids from before identities named their channel to
    their identity ('29:abc' -> 'teams:29:abc'), so they continue; returns how many moved."""
    channels = sender_channels(url)
    engine = _engine_with_events(url)
    if engine is None:
        return 0
    moved = 0
    try:
        with engine.begin() as connection:
            for sender in _legacy_senders(connection):
                identity = legacy_identity(sender, channels.get(sender), os.environ.get("SLACK_TEAM_ID"))
                connection.execute(
                    sa.text("UPDATE events SET sender_id = :identity WHERE sender_id = :sender"),
                    {"identity": identity, "sender": sender},
                )
                moved += 1
    finally:
        engine.dispose()
    if moved:
        logger.info("tracker store: %d conversations moved to identities", moved)
    return moved
