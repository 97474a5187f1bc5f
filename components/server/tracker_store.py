"""The SQL tracker store, configured by one URL, with tables created once under a lock, and
a turn whose cost does not grow with the conversation.

`tracker_store: {type: components.server.tracker_store.LockedSQLTrackerStore, url: ${TRACKER_STORE_URL}}`
takes any SQLAlchemy URL (sqlite:///path, postgresql://user:password@host:5432/db). Several
Rasa replicas starting together on an empty PostgreSQL database would all run CREATE TABLE at
once; Rasa then logs errors and retries after 5 seconds. Here the first replica creates the
tables while holding a PostgreSQL advisory lock and the others wait for it, then find them.

Rasa 3.6 loads every event of the conversation session on every turn, rebuilds the tracker
by replaying them all, lets each policy walk the whole history and sends it all to the action
server: in one 200-turn conversation a turn cost 3.7 times what it cost at the start, and a
Slack channel or a page left open all day reaches hundreds of turns. Here a turn loads a
window: the recent events, from a turn boundary, behind the slot values as they stood there
(a *checkpoint*, one row per conversation). The window always holds the last
``KEEP_MESSAGES`` messages, enough for everything read from the history (the transcript staff
read, "two fallbacks in a row", the previous question); once it holds ``KEEP_MESSAGES +
SLACK_MESSAGES`` the checkpoint moves forward. Nothing is deleted: every event stays in the
events table, ``retrieve_full_tracker`` returns them all, and a new conversation session
starts from its own events as in Rasa.

``migrate_sender_ids`` moves conversations stored before sender ids named their channel to
their identities (scripts/migrate_store.py runs it before Rasa starts).
"""

from __future__ import annotations

import json
import logging
import os
import time
from typing import Any, Dict, List, Optional, Sequence, Text

import sqlalchemy as sa
from rasa.core.brokers.broker import EventBroker
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    ActiveLoop,
    BotUttered,
    ConversationPaused,
    Event,
    SessionStarted,
    SlotSet,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY

from actions.identities import legacy_identity, prefix_of

logger = logging.getLogger(__name__)

# Any constant shared by all replicas; distinct from the state store's migration lock.
TABLE_CREATION_LOCK = 7_202_611

# The support request keeps the last 20 messages of the transcript (actions/store/support.py,
# TRANSCRIPT_LENGTH); the window never holds fewer.
KEEP_MESSAGES = 20
SLACK_MESSAGES = 12

_metadata = sa.MetaData()
checkpoints = sa.Table(
    "tracker_checkpoints",
    _metadata,
    sa.Column("sender_id", sa.String(255), primary_key=True),
    # The window: this conversation's events from this id on, after the slots below.
    sa.Column("first_event_id", sa.Integer, nullable=False),
    sa.Column("slots", sa.Text, nullable=False),  # JSON {slot: value}, only slots not at their initial value
    sa.Column("active_loop", sa.String(255), nullable=True),
    sa.Column("paused", sa.Boolean, nullable=False, default=False),
    sa.Column("moved_at", sa.Float, nullable=False),
)

# Which stored events a retrieved tracker holds: its first `prefix` events are the
# checkpoint's, the others are rows with these ids.
_LOADED = "_partner_assistant_loaded"


class _Loaded:
    def __init__(self, prefix: int, ids: List[Optional[int]]):
        self.prefix = prefix
        self.ids = ids

    @property
    def stored(self) -> int:
        return len(self.ids)


def _write_ahead_log(connection, _record) -> None:
    """SQLite in write-ahead-log mode, synced at checkpoints: a turn's commit no longer waits
    for the disk (an fsync per turn was a tenth of the turn), readers never wait for a writer,
    and a crash of the process loses nothing committed (a power cut may lose the last turns)."""
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _messages(event: Event) -> int:
    return 1 if isinstance(event, (UserUttered, BotUttered)) and (event.text or "").strip() else 0


def window_start(events: Sequence[Event], first: int, keep: int = KEEP_MESSAGES, slack: int = SLACK_MESSAGES) -> Optional[int]:
    """Where the window should start (an index into ``events``), or None to keep it: once more
    than ``keep + slack`` messages follow ``first``, the latest turn boundary (a listen
    followed by the user's message) with at least ``keep`` messages after it, never before a
    session start."""
    if sum(_messages(event) for event in events[first:]) <= keep + slack:
        return None
    seen = 0
    for index in range(len(events) - 1, first, -1):
        seen += _messages(events[index])
        if isinstance(events[index], SessionStarted):
            return None
        if (
            seen >= keep
            and isinstance(events[index], UserUttered)
            and isinstance(events[index - 1], ActionExecuted)
            and events[index - 1].action_name == ACTION_LISTEN_NAME
        ):
            return index - 1
    return None


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
                    self._create_tables()
                finally:
                    connection.execute(sa.text("SELECT pg_advisory_unlock(:key)"), {"key": TABLE_CREATION_LOCK})
            guard.dispose()
        else:
            super().__init__(domain=domain, host=url, event_broker=event_broker, **kwargs)
            if self.engine.dialect.name == "sqlite":
                self._keep_sqlite_connections()
            self._create_tables()

    def _keep_sqlite_connections(self) -> None:
        """Rasa opens SQLite for every session and closes it after; in write-ahead-log mode the
        last close also checkpoints the log into the database, so every turn paid for it.
        Connections are kept in a small pool instead (one process; its event loop thread)."""
        url = self.engine.url
        self.engine.dispose()
        self.engine = sa.create_engine(
            url, poolclass=sa.pool.QueuePool, pool_size=2, max_overflow=4, connect_args={"check_same_thread": False}
        )
        sa.event.listen(self.engine, "connect", _write_ahead_log)
        self.sessionmaker = sa.orm.session.sessionmaker(bind=self.engine)

    def _create_tables(self) -> None:
        """Rasa's events table, this store's checkpoints and the indexes a window is read with."""
        _metadata.create_all(self.engine)
        # Plain DDL: an Index object would join Rasa's own table metadata, which Rasa then
        # tries to create again on the next start.
        with self.engine.begin() as connection:
            for name, columns in (
                ("ix_events_sender_id_id", "sender_id, id"),
                ("ix_events_sender_type_id", "sender_id, type_name, id"),
            ):
                connection.execute(sa.text(f"CREATE INDEX IF NOT EXISTS {name} ON events ({columns})"))

    # --- reading a window -------------------------------------------------------------

    async def retrieve(self, sender_id: Text) -> Optional[DialogueStateTracker]:
        """The latest session's tracker, from its checkpoint when it has one."""
        with self.session_scope() as session:
            session_start = session.execute(
                sa.select(sa.func.max(self.SQLEvent.id)).where(
                    self.SQLEvent.sender_id == sender_id, self.SQLEvent.type_name == SessionStarted.type_name
                )
            ).scalar()
            checkpoint = session.execute(sa.select(checkpoints).where(checkpoints.c.sender_id == sender_id)).first()
            if checkpoint is not None and (session_start is None or checkpoint.first_event_id > session_start):
                prefix = self._checkpoint_events(checkpoint)
                first_id = checkpoint.first_event_id
            else:
                prefix, first_id = [], session_start or 0
            rows = session.execute(
                sa.select(self.SQLEvent.id, self.SQLEvent.data)
                .where(self.SQLEvent.sender_id == sender_id, self.SQLEvent.id >= first_id)
                .order_by(self.SQLEvent.id)
            ).all()
        if not rows or not self.domain:
            return None
        stored = [json.loads(row.data) for row in rows]
        tracker = DialogueStateTracker.from_dict(sender_id, [*prefix, *stored], self.domain.slots)
        setattr(tracker, _LOADED, _Loaded(len(prefix), [*([None] * len(prefix)), *(row.id for row in rows)]))
        return tracker

    @staticmethod
    def _checkpoint_events(checkpoint) -> List[Dict[str, Any]]:
        at = checkpoint.moved_at
        events: List[Event] = [SlotSet(name, value, timestamp=at) for name, value in json.loads(checkpoint.slots).items()]
        if checkpoint.active_loop:
            events.append(ActiveLoop(checkpoint.active_loop, timestamp=at))
        if checkpoint.paused:
            events.append(ConversationPaused(timestamp=at))
        return [event.as_dict() for event in events]

    # --- saving -----------------------------------------------------------------------

    async def save(self, tracker: DialogueStateTracker) -> None:
        """Stores the events the tracker gained since it was retrieved (or all of a new one),
        publishes them, and moves the checkpoint once the window has grown."""
        loaded: Optional[_Loaded] = getattr(tracker, _LOADED, None)
        events = list(tracker.events)
        with self.session_scope() as session:
            if loaded is None:
                # Not read through retrieve(): Rasa's rule, the events of the latest session.
                already = self._event_query(session, tracker.sender_id, fetch_events_from_all_sessions=False).count()
                loaded = _Loaded(0, [None] * min(already, len(events)))
            new_events = events[loaded.stored:]
            if new_events:
                session.execute(
                    sa.insert(self.SQLEvent.__table__), [self._row(tracker.sender_id, event) for event in new_events]
                )
            # New rows' ids are not read back: the window only ever starts at a loaded event.
            ids = [*loaded.ids, *([None] * len(new_events))]
            self._move_checkpoint(session, tracker, events, loaded.prefix, ids)
            session.commit()
        if self.event_broker is not None:
            await self._stream_new_events(self.event_broker, new_events, tracker.sender_id)
        setattr(tracker, _LOADED, _Loaded(loaded.prefix, ids))

    @staticmethod
    def _row(sender_id: Text, event: Event) -> Dict[str, Any]:
        data = event.as_dict()
        return {
            "sender_id": sender_id,
            "type_name": event.type_name,
            "timestamp": data.get("timestamp"),
            "intent_name": data.get("parse_data", {}).get("intent", {}).get(INTENT_NAME_KEY),
            "action_name": data.get("name"),
            "data": json.dumps(data),
        }

    def _move_checkpoint(self, session, tracker: DialogueStateTracker, events: List[Event], prefix: int, ids) -> None:
        start = window_start(events, prefix)
        if start is None or ids[start] is None:
            return
        before = DialogueStateTracker.from_events(tracker.sender_id, events[:start], self.domain.slots)
        slots = {
            name: slot.value
            for name, slot in before.slots.items()
            if slot.value != slot.initial_value
        }
        session.execute(sa.delete(checkpoints).where(checkpoints.c.sender_id == tracker.sender_id))
        session.execute(
            sa.insert(checkpoints).values(
                sender_id=tracker.sender_id,
                first_event_id=ids[start],
                slots=json.dumps(slots),
                active_loop=before.active_loop_name,
                paused=before.is_paused(),
                moved_at=time.time(),
            )
        )


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
