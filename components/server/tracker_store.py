"""The SQL tracker store, configured by one URL, with tables created once under a lock.

`tracker_store: {type: components.server.tracker_store.LockedSQLTrackerStore, url: ${TRACKER_STORE_URL}}`
takes any SQLAlchemy URL (sqlite:///path, postgresql://user:password@host:5432/db). Several
Rasa replicas starting together on an empty PostgreSQL database would all run CREATE TABLE at
once; Rasa then logs errors and retries after 5 seconds. Here the first replica creates the
tables while holding a PostgreSQL advisory lock and the others wait for it, then find them.
"""

from __future__ import annotations

import logging
from typing import Any, Optional, Text

import sqlalchemy as sa
from rasa.core.brokers.broker import EventBroker
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain

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
