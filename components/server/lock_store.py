"""A Redis lock store whose every change of a conversation's lock is atomic.

Rasa 3.6's RedisLockStore keeps each conversation's ticket lock as one JSON value and
changes it by read-modify-write (`get`, change in Python, `set`). Two replicas taking a
ticket for the same conversation at the same instant can both read the same lock and both
write it back: one ticket is lost, both messages are processed at once, and one of them
loses its events. Here every change (issue a ticket, drop expired ones, finish serving,
clean up) runs as a Redis transaction (WATCH/MULTI/EXEC, retried on conflict), so
concurrent changes are serialised by Redis.
"""

from __future__ import annotations

import json
import logging
from typing import Any, Callable, Optional, Text, Tuple

from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, LockError, RedisLockStore
from rasa.utils.endpoints import EndpointConfig

logger = logging.getLogger(__name__)

Change = Callable[[Optional[TicketLock]], Tuple[Optional[TicketLock], Any]]


class AtomicRedisLockStore(RedisLockStore):
    """`lock_store: {type: components.server.lock_store.AtomicRedisLockStore, url: redis://host:port/db}`."""

    def __init__(self, endpoint_config: Optional[EndpointConfig] = None, **kwargs: Any) -> None:
        if endpoint_config is not None:
            kwargs = {**_from_url(endpoint_config.url), **endpoint_config.kwargs, **kwargs}
            kwargs.pop("url", None)
        super().__init__(**kwargs)
        logger.info("Lock store: atomic Redis lock store, key prefix %r", self.key_prefix)

    def _change(self, conversation_id: Text, change: Change) -> Any:
        key = self.key_prefix + conversation_id

        def transaction(pipe) -> Any:
            raw = pipe.get(key)
            lock = TicketLock.from_dict(json.loads(raw)) if raw else None
            new_lock, result = change(lock)
            pipe.multi()
            if new_lock is None:
                pipe.delete(key)
            else:
                pipe.set(key, new_lock.dumps())
            return result

        return self.red.transaction(transaction, key, value_from_callable=True)

    def issue_ticket(self, conversation_id: Text, lock_lifetime: float = LOCK_LIFETIME) -> int:
        def issue(lock: Optional[TicketLock]):
            lock = lock or self.create_lock(conversation_id)
            return lock, lock.issue_ticket(lock_lifetime)

        try:
            return self._change(conversation_id, issue)
        except Exception as error:  # the same contract as LockStore.issue_ticket
            raise LockError(f"Error while acquiring lock. Error:\n{error}") from error

    def update_lock(self, conversation_id: Text) -> None:
        def drop_expired(lock: Optional[TicketLock]):
            if lock is not None:
                lock.remove_expired_tickets()
            return lock, None

        self._change(conversation_id, drop_expired)

    def finish_serving(self, conversation_id: Text, ticket_number: int) -> None:
        def finish(lock: Optional[TicketLock]):
            if lock is not None:
                lock.remove_ticket_for(ticket_number)
            return lock, None

        self._change(conversation_id, finish)

    def cleanup(self, conversation_id: Text, ticket_number: int) -> None:
        # Finishing and deleting an empty lock in one step: deleting separately could drop a
        # ticket another replica issued in between.
        def finish_and_drop_if_empty(lock: Optional[TicketLock]):
            if lock is None:
                return None, None
            lock.remove_ticket_for(ticket_number)
            return (lock if lock.is_someone_waiting() else None), None

        self._change(conversation_id, finish_and_drop_if_empty)


def _from_url(url: Optional[str]) -> dict:
    """host/port/db/password from redis://[:password@]host[:port][/db]; a bare host is kept."""
    if not url:
        return {}
    if "://" not in url:
        return {"host": url}
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    values: dict = {"host": parts.hostname or "localhost"}
    if parts.port:
        values["port"] = parts.port
    if parts.path.strip("/"):
        values["db"] = int(parts.path.strip("/"))
    if parts.password:
        values["password"] = parts.password
    if parts.scheme == "rediss":
        values["use_ssl"] = True
    return values
