"""The tracker store's window (components/server/tracker_store.py): a turn loads the recent
events behind a checkpoint of the slot values, never the whole conversation, and nothing a
turn needs is lost. On real SQLite and PostgreSQL databases."""

import asyncio
import json
import uuid
from typing import List

import pytest
import sqlalchemy as sa
from rasa.shared.core.constants import ACTION_LISTEN_NAME, ACTION_SESSION_START_NAME
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    ActiveLoop,
    BotUttered,
    ConversationPaused,
    SessionStarted,
    SlotSet,
    UserUttered,
)

from components.server.tracker_store import KEEP_MESSAGES, SLACK_MESSAGES, LockedSQLTrackerStore, window_start

DOMAIN = Domain.from_dict(
    {
        "intents": ["ask"],
        "slots": {
            "language": {"type": "categorical", "values": ["nl", "en"], "mappings": [{"type": "custom"}]},
            "pending_question": {"type": "text", "influence_conversation": False, "mappings": [{"type": "custom"}]},
            "partner_name": {"type": "text", "influence_conversation": False, "mappings": [{"type": "custom"}]},
        },
        "forms": {"some_form": {"required_slots": []}},
        "actions": ["action_answer"],
    }
)


@pytest.fixture(params=["sqlite", "postgresql"])
def tracker_url(request, tmp_path):
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'tracker.db'}"
    else:
        yield request.getfixturevalue("postgres_url")


def store_on(url: str, broker=None) -> LockedSQLTrackerStore:
    return LockedSQLTrackerStore(domain=DOMAIN, host=url, event_broker=broker)


def run(coroutine):
    return asyncio.run(coroutine)


def one_turn(tracker, number: int, extra: List = ()) -> None:
    """What a turn adds, as Rasa's processor would: the message, the action, its events, listen."""
    tracker.update(UserUttered(f"question {number}", {"name": "ask", "confidence": 1.0}))
    tracker.update(ActionExecuted("action_answer"))
    for event in extra:
        tracker.update(event)
    tracker.update(BotUttered(f"answer {number}"))
    tracker.update(ActionExecuted(ACTION_LISTEN_NAME))


def converse(store, sender: str, turns: int, first: int = 0, extra_at=None) -> None:
    for number in range(first, first + turns):
        tracker = run(store.get_or_create_tracker(sender))
        one_turn(tracker, number, (extra_at or {}).get(number, ()))
        run(store.save(tracker))


def texts(tracker) -> List[str]:
    return [event.text for event in tracker.events if isinstance(event, (UserUttered, BotUttered))]


def stored_events(url: str, sender: str) -> int:
    engine = sa.create_engine(url)
    with engine.connect() as connection:
        count = connection.execute(sa.text("SELECT count(*) FROM events WHERE sender_id = :s"), {"s": sender}).scalar()
    engine.dispose()
    return count


def test_a_long_conversation_loads_a_bounded_window_with_every_event_kept(tracker_url):
    store, sender = store_on(tracker_url), f"rest:{uuid.uuid4().hex[:8]}"
    sizes = []
    for number in range(120):
        tracker = run(store.get_or_create_tracker(sender))
        sizes.append(len(tracker.events))
        one_turn(tracker, number)
        run(store.save(tracker))
    # Two messages a turn: the window holds at most KEEP + SLACK (+ one turn) messages' events.
    assert max(sizes[60:]) <= (KEEP_MESSAGES + SLACK_MESSAGES) * 2 + 8
    assert max(sizes[60:]) == max(sizes[30:60])  # flat, not growing
    # Never fewer than the last KEEP_MESSAGES messages, in order.
    window = run(store.retrieve(sender))
    assert texts(window)[-KEEP_MESSAGES:] == [t for n in range(120 - KEEP_MESSAGES // 2, 120) for t in (f"question {n}", f"answer {n}")]
    assert len(texts(window)) >= KEEP_MESSAGES
    # Nothing deleted: the full tracker has every turn, and the table every event.
    full = run(store.retrieve_full_tracker(sender))
    assert texts(full) == [t for n in range(120) for t in (f"question {n}", f"answer {n}")]
    assert stored_events(tracker_url, sender) == len(full.events)


def test_slots_a_loop_and_a_pause_from_before_the_window_are_restored(tracker_url):
    store, sender = store_on(tracker_url), f"web:{uuid.uuid4().hex[:8]}"
    converse(
        store,
        sender,
        60,
        extra_at={
            2: [SlotSet("language", "nl"), SlotSet("partner_name", "Contoso")],
            3: [SlotSet("pending_question", "purchase_date")],
            4: [ActiveLoop("some_form")],
            5: [SlotSet("partner_name", None)],  # back to its initial value
        },
    )
    tracker = run(store.retrieve(sender))
    assert "question 3" not in texts(tracker)  # the turns that set them are outside the window
    assert tracker.get_slot("language") == "nl"
    assert tracker.get_slot("pending_question") == "purchase_date"
    assert tracker.get_slot("partner_name") is None
    assert tracker.active_loop_name == "some_form"
    assert not tracker.is_paused()

    tracker.update(ConversationPaused())
    run(store.save(tracker))
    converse(store, sender, 40, first=60)
    again = run(store.retrieve(sender))
    assert again.is_paused() and again.get_slot("language") == "nl"


def test_the_window_follows_the_new_values_of_slots(tracker_url):
    store, sender = store_on(tracker_url), f"rest:{uuid.uuid4().hex[:8]}"
    converse(store, sender, 50, extra_at={1: [SlotSet("language", "nl")], 30: [SlotSet("language", "en")]})
    assert run(store.retrieve(sender)).get_slot("language") == "en"


def test_a_new_session_starts_from_its_own_events(tracker_url):
    store, sender = store_on(tracker_url), f"rest:{uuid.uuid4().hex[:8]}"
    converse(store, sender, 50, extra_at={1: [SlotSet("partner_name", "Contoso")]})
    tracker = run(store.retrieve(sender))
    # Rasa's session start: the new session carries over only what it sets itself.
    for event in (ActionExecuted(ACTION_SESSION_START_NAME), SessionStarted(), SlotSet("language", "en"), ActionExecuted(ACTION_LISTEN_NAME)):
        tracker.update(event)
    run(store.save(tracker))
    fresh = run(store.retrieve(sender))
    assert isinstance(fresh.events[0], SessionStarted)
    assert fresh.get_slot("partner_name") is None and fresh.get_slot("language") == "en"
    converse(store, sender, 40, first=50)
    later = run(store.retrieve(sender))
    assert later.get_slot("language") == "en" and later.get_slot("partner_name") is None


def test_saving_twice_in_one_turn_stores_each_event_once(tracker_url):
    store, sender = store_on(tracker_url), f"rest:{uuid.uuid4().hex[:8]}"
    converse(store, sender, 40)
    tracker = run(store.retrieve(sender))
    tracker.update(UserUttered("once", {"name": "ask", "confidence": 1.0}))
    run(store.save(tracker))
    tracker.update(ActionExecuted("action_answer"))
    run(store.save(tracker))
    run(store.save(tracker))
    full = run(store.retrieve_full_tracker(sender))
    assert texts(full).count("once") == 1
    assert stored_events(tracker_url, sender) == len(full.events)


def test_a_tracker_not_read_from_the_store_is_saved_as_rasa_saves_it(tracker_url):
    store, sender = store_on(tracker_url), f"rest:{uuid.uuid4().hex[:8]}"
    tracker = run(store.create_tracker(sender))  # what the HTTP API does for a new conversation
    one_turn(tracker, 1)
    run(store.save(tracker))
    assert texts(run(store.retrieve(sender))) == ["question 1", "answer 1"]


class CollectingBroker:
    def __init__(self):
        self.published = []

    def publish(self, event):
        self.published.append(event)


def test_only_new_events_are_published(tracker_url):
    broker = CollectingBroker()
    store, sender = store_on(tracker_url, broker), f"rest:{uuid.uuid4().hex[:8]}"
    converse(store, sender, 50)
    published = [event for event in broker.published if event["sender_id"] == sender]
    full = run(store.retrieve_full_tracker(sender))
    assert [(e["event"], e.get("text")) for e in published] == [(e.type_name, getattr(e, "text", None)) for e in full.events]


def test_window_start_keeps_the_messages_and_starts_at_a_turn():
    events = [ActionExecuted(ACTION_LISTEN_NAME)]
    for number in range(30):
        events += [UserUttered(f"q{number}"), ActionExecuted("action_answer"), BotUttered(f"a{number}"), ActionExecuted(ACTION_LISTEN_NAME)]
    start = window_start(events, 0)
    assert start is not None
    assert events[start].action_name == ACTION_LISTEN_NAME and isinstance(events[start + 1], UserUttered)
    assert sum(isinstance(e, (UserUttered, BotUttered)) for e in events[start:]) == KEEP_MESSAGES
    # Below the slack it stays where it is.
    assert window_start(events[: 4 * ((KEEP_MESSAGES + SLACK_MESSAGES) // 2)], 0) is None


def test_the_window_keeps_at_least_what_the_staff_transcript_shows():
    from actions.store.support import TRANSCRIPT_LENGTH

    assert KEEP_MESSAGES >= TRANSCRIPT_LENGTH


def test_checkpoints_hold_only_slots_away_from_their_initial_value(tracker_url):
    store, sender = store_on(tracker_url), f"rest:{uuid.uuid4().hex[:8]}"
    converse(store, sender, 50, extra_at={1: [SlotSet("language", "nl")]})
    engine = sa.create_engine(tracker_url)
    with engine.connect() as connection:
        slots = connection.execute(sa.text("SELECT slots FROM tracker_checkpoints WHERE sender_id = :s"), {"s": sender}).scalar()
    engine.dispose()
    assert json.loads(slots) == {"language": "nl"}
