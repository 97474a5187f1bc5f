"""Faults and bad input over the REST webhook with the real servers: the user always gets a
clear reply in their language, and nothing they said is lost."""

import json
import sqlite3

import pytest
import requests

from actions.store import PartnerStore
from tests.integration.servers import AssistantServers, Chat

UNAVAILABLE_EN = "part of my system can't be reached right now"
UNAVAILABLE_NL = "een deel van mijn systeem is nu niet bereikbaar"


@pytest.fixture(scope="module")
def servers(trained_model, tmp_path_factory):
    running = AssistantServers(trained_model, tmp_path_factory.mktemp("assistant-faults")).start()
    yield running
    running.stop()


def user_messages(servers, sender):
    with sqlite3.connect(servers.tracker_db) as db:
        rows = db.execute(
            "SELECT data FROM events WHERE sender_id = ? AND type_name = 'user' ORDER BY id", (f"rest:{sender}",)
        ).fetchall()
    return [json.loads(row[0]).get("text") for row in rows]


def test_action_server_down_gets_a_polite_reply_in_the_users_language_and_then_comes_back(servers):
    dutch, english = Chat(servers, "fault-nl"), Chat(servers, "fault-en")
    assert "Wanneer hebt u het voordelenpakket gekocht?" in dutch.say("kan ik restitutie krijgen voor ons voordelenpakket?")
    servers.stop_action_server()
    try:
        assert UNAVAILABLE_NL in dutch.say("twee maanden geleden")
        assert UNAVAILABLE_EN in english.say("who can assign benefits to employees?")
    finally:
        servers.start_action_server()
    # Back: the question is still open, and the answer now counts.
    assert dutch.say("twee maanden geleden").startswith("Nee, restitutie kan niet meer")
    assert "Global admin" in english.say("who can assign benefits to employees?")
    store = PartnerStore(servers.store_url)
    try:
        assert "benefits_purchased_on" in store.facts("rest:fault-nl")
    finally:
        store.dispose()
    assert user_messages(servers, "fault-nl").count("twee maanden geleden") == 2


@pytest.mark.parametrize(
    "message",
    ["", "   ", "\t\n", "x" * 10_000, "hallo \x00\x07\x1b[31m 🤖🎉 ✓", "'; DROP TABLE cases; --", "{{7*7}} ${7*7} {email}"],
)
def test_bad_input_gets_a_reply_and_never_a_server_error(servers, message):
    response = requests.post(servers.webhook, json={"sender": "bad-input", "message": message}, timeout=60)
    assert response.status_code == 200
    replies = response.json()
    assert replies and all(reply.get("text") for reply in replies)


def test_injection_strings_in_slot_values_are_stored_and_echoed_as_plain_text(servers):
    chat = Chat(servers, "injection-en")
    assert "Who did you assign the Visual Studio subscription to?" in chat.say("I assigned a Visual Studio subscription")
    name = "Robert'); DROP TABLE cases;--"
    assert "When was it assigned?" in chat.say(name)
    reply = chat.say("3 weeks ago")
    assert f"Noted: {name} has had a Visual Studio subscription since" in reply
    chat = Chat(servers, "template-en")
    chat.say("I assigned a Visual Studio subscription")
    chat.say("{days_left} {earliest_date}")
    reply = chat.say("3 weeks ago")
    assert "Noted: {days_left} {earliest_date} has had a Visual Studio subscription" in reply
    store = PartnerStore(servers.store_url)
    try:
        subscribers = [row.subscriber for row in store.benefits.visual_studio_assignments("rest:injection-en")]
        assert subscribers == [name]
        assert store.facts("rest:injection-en") is not None  # the cases table is still there
    finally:
        store.dispose()


def test_malformed_json_and_wrong_content_type_get_4xx_not_a_crash(servers):
    bad_json = requests.post(
        servers.webhook, data="{not json", headers={"Content-Type": "application/json"}, timeout=30
    )
    assert 400 <= bad_json.status_code < 500
    form = requests.post(servers.webhook, data="sender=x&message=hi", timeout=30)
    assert 400 <= form.status_code < 500
    assert Chat(servers, "after-bad-requests").say("hello")  # still answering


STORE_DOWN_EN = "I can't reach my records right now"


@pytest.fixture
def store_behind_proxy(trained_model, tmp_path, postgres_url):
    """The servers with their state store on PostgreSQL, reached through a proxy we can cut."""
    from sqlalchemy.engine import make_url

    from tests.integration.tcp_proxy import TcpProxy

    target = make_url(postgres_url)
    proxy = TcpProxy(target.host, target.port or 5432).start()
    url = str(target.set(host="127.0.0.1", port=proxy.port))
    running = AssistantServers(trained_model, tmp_path, store_url=url).start()
    yield running, proxy
    running.stop()
    proxy.stop()


def test_state_store_unreachable_for_a_while_gets_a_polite_reply_and_no_half_written_case(store_behind_proxy):
    servers, proxy = store_behind_proxy
    chat = Chat(servers, "db-down-en")
    assert chat.responses("how do I get my software keys?") == ("utter_ask_mpn_account",)
    proxy.stop()
    try:
        down = chat.turn('/inform{"mpn_account": "partner_center"}')
        assert STORE_DOWN_EN in down.text
        assert down.responses == ("utter_store_unavailable", "utter_ask_mpn_account")  # the question stays open
    finally:
        proxy.start()
    assert chat.responses('/inform{"mpn_account": "partner_center"}') == ("utter_ask_benefit_form_user_role",)
    assert chat.responses('/inform_role{"role": "global_admin"}') == ("utter_ben_software_steps",)
    store = PartnerStore(servers.store_url)
    try:
        facts = store.facts("rest:db-down-en")
        assert dict(facts) == {"mpn_account": "partner_center", "user_role": "global_admin"}
    finally:
        store.dispose()


def test_a_flood_of_messages_from_one_sender_is_answered_and_stored_in_order_of_arrival(servers):
    from concurrent.futures import ThreadPoolExecutor

    messages = [f"hello {number}" for number in range(30)]

    def send(message):
        return requests.post(servers.webhook, json={"sender": "flood", "message": message}, timeout=120)

    with ThreadPoolExecutor(10) as senders:
        responses = list(senders.map(send, messages))
    assert all(response.status_code == 200 and response.json() for response in responses)
    assert sorted(user_messages(servers, "flood")) == sorted(messages)
