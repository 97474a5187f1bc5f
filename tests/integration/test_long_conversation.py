"""A long conversation over REST with the real servers: the tracker store serves each turn a
window behind a checkpoint (components/server/tracker_store.py), and what a partner and staff
see stays the same: "where was I?", an open question answered turns later, the transcript of
a support request. Also the hot path's other parts, on the same servers: the action server
answering from its own copy of the domain, and the step timings `make bench` reads. The cost
per turn is measured in `make bench`, not here."""

import json
import sqlite3

import pytest
import requests

from actions.store import PartnerStore
from actions.store.support import TRANSCRIPT_LENGTH
from tests.actions.helpers import unresolved_request_of
from tests.integration.servers import AssistantServers, Chat

FILLER = (
    "I gave Person{n} a Visual Studio subscription 3 weeks ago",
    "can I give the Visual Studio subscription to someone else?",
    "which regions do I need to sign the MPA for?",
    "we do CSP business in Germany and Belgium",
)


@pytest.fixture(scope="module")
def servers(trained_model, tmp_path_factory):
    workdir = tmp_path_factory.mktemp("assistant-long")
    running = AssistantServers(trained_model, workdir, extra_env={"TURN_TIMINGS_DIR": str(workdir / "timings")}).start()
    yield running
    running.stop()


def rows(servers, query, *parameters):
    with sqlite3.connect(servers.tracker_db) as connection:
        return connection.execute(query, parameters).fetchall()


def messages_stored(servers, identity):
    """The conversation's messages as stored, up to the partner's last one."""
    found = rows(servers, "SELECT type_name, data FROM events WHERE sender_id = ? AND type_name IN ('user', 'bot') ORDER BY id", identity)
    messages = [(kind, json.loads(data).get("text") or "") for kind, data in found]
    last_user = max(index for index, (kind, _) in enumerate(messages) if kind == "user")
    return [text for _, text in messages[: last_user + 1] if text.strip()]


def test_a_long_conversation_keeps_what_partners_and_staff_see(servers):
    chat = Chat(servers, "long-conversation")
    where_first = chat.responses("waar was ik met de inschrijving?")
    for number in range(45):
        assert chat.turn(FILLER[number % len(FILLER)].format(n=number)).text
    identity = chat.identity
    # The window has moved: a checkpoint stands well after the conversation's first events,
    # and every event is still stored.
    (first_event_id,), = rows(servers, "SELECT first_event_id FROM tracker_checkpoints WHERE sender_id = ?", identity)
    (first_id, count), = rows(servers, "SELECT MIN(id), COUNT(*) FROM events WHERE sender_id = ?", identity)
    assert first_event_id > first_id + 100 and count > 300

    # Where the partner stands comes from the stored facts, as on the first turn.
    assert chat.responses("waar was ik met de inschrijving?") == where_first
    # A question asked now is answered by the next message.
    asked = chat.responses("kan ik restitutie krijgen voor ons voordelenpakket?")
    assert asked[-1] == "utter_ask_benefits_purchased_on"
    answered = chat.responses("twee maanden geleden")
    assert "utter_ask_benefits_purchased_on" not in answered and any("refund" in name for name in answered), answered

    # Staff read the conversation's last messages, as stored.
    reply = chat.say("I want to talk to a person")
    assert "SR-" in reply
    store = PartnerStore(servers.store_url)
    try:
        request = unresolved_request_of(store, identity)
    finally:
        store.dispose()
    assert [line["text"] for line in request.transcript] == messages_stored(servers, identity)[-TRANSCRIPT_LENGTH:]
    assert len(request.transcript) == TRANSCRIPT_LENGTH


def test_the_action_server_answers_from_its_own_domain_when_rasa_sends_none(servers):
    call = {
        "next_action": "action_answer_mpa_mandatory",
        "sender_id": "rest:no-domain",
        "tracker": {"sender_id": "rest:no-domain", "slots": {"language": "nl"}, "latest_message": {"text": "moeten we de MPA tekenen?", "intent": {"name": "ask_mpa_mandatory"}, "entities": []},
                    "events": [], "paused": False, "latest_event_time": 0, "active_loop": {}, "latest_action_name": "action_listen"},
        "version": "3.6.21",
    }
    answer = requests.post(f"http://127.0.0.1:{servers.action_port}/webhook", json=call, timeout=30)
    assert answer.status_code == 200, answer.text
    responses = answer.json()["responses"]
    # Rasa renders a response named by the action; the action server rendered the lists it
    # put into them from its own copy of the domain.
    assert responses and all((response.get("response") or "").startswith("utter_") or response.get("text") for response in responses)
    assert any(response.get("response") == "utter_mpa_mandatory" for response in responses), responses


def test_each_turn_and_each_action_call_is_timed_step_by_step(servers):
    Chat(servers, "timed").say("which regions do I need to sign the MPA for?")
    folder = servers.workdir / "timings"
    turns = [json.loads(line) for path in folder.glob("rasa-*.jsonl") for line in path.read_text().splitlines()]
    calls = [json.loads(line) for path in folder.glob("actions-*.jsonl") for line in path.read_text().splitlines()]
    assert turns and calls
    last = turns[-1]
    assert {"read the message (NLU)", "load the tracker", "choose the next action (policies)", "custom action round trip",
            "save the tracker"} <= set(last["steps"])
    assert 0 < sum(ms for name, ms in last["steps"].items() if not name.endswith("(times)")) <= last["turn"]
    assert all(call["call"] > 0 for call in calls)
