"""Faults and bad input over the REST webhook with the real servers: the user always gets a
clear reply in their language, and nothing they said is lost."""

import json
import sqlite3
from datetime import date, timedelta

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
    """BEN-13: the refund question stays open while the action server is away; the answer
    given again afterwards counts, and every message sent meanwhile is in the tracker."""
    dutch, english = Chat(servers, "fault-nl"), Chat(servers, "fault-en")
    asked = dutch.turn("goedemorgen, wij willen ons geld terug voor het voordelenpakket, kan dat nog?")
    assert asked.responses[-1] == "utter_ask_benefits_purchased_on"
    late = "ergens begin oktober gekocht, dus ruim twee maanden geleden"
    who = "which person in our company is allowed to hand out benefits to colleagues?"
    servers.stop_action_server()
    try:
        assert UNAVAILABLE_NL in dutch.say(late)
        assert UNAVAILABLE_EN in english.say(who)
    finally:
        servers.start_action_server()
    # Back: the question is still open, and the answer now counts.
    assert dutch.responses(late) == ("utter_ben_refund_too_late",)
    assert english.responses(who) == ("utter_ben_who_may_assign",)
    store = PartnerStore(servers.store_url)
    try:
        assert "benefits_purchased_on" in store.facts("rest:fault-nl")
    finally:
        store.dispose()
    assert user_messages(servers, "fault-nl").count(late) == 2
    assert user_messages(servers, "fault-en").count(who) == 2


@pytest.mark.parametrize(
    "message",
    ["", "   ", "\t\n", "x" * 10_000, "hallo \x00\x07\x1b[31m 🤖🎉 ✓", "'; DROP TABLE cases; --", "{{7*7}} ${7*7} {email}"],
)
def test_bad_input_gets_a_reply_and_never_a_server_error(servers, message):
    response = requests.post(servers.webhook, json={"sender": "bad-input", "message": message}, timeout=60)
    assert response.status_code == 200
    replies = response.json()
    assert replies and all(reply.get("text") for reply in replies)


def test_REL_02_injection_strings_in_a_partner_name_are_stored_and_echoed_as_plain_text(servers):
    """REL-02: a partner's name is stored and repeated exactly as written, SQL and
    placeholders included."""
    chat = Chat(servers, "injection-en")
    name = "Fabrikam); DROP TABLE cases;--"
    turn = chat.turn(f'Just so you know: our partner "{name}" is our reseller.')
    assert "utter_rel_partner_recorded" in turn.responses
    assert f"Noted: {name} is your Reseller" in turn.text
    template = "{days_left} {earliest_date}"
    turn = Chat(servers, "template-en").turn(f'Also our partner "{template}" is a reseller.')
    assert "utter_rel_partner_recorded" in turn.responses
    assert f"Noted: {template} is your Reseller" in turn.text
    store = PartnerStore(servers.store_url)
    try:
        assert [partner.name for partner in store.relationships.partners("rest:injection-en")] == [name]
        assert [partner.name for partner in store.relationships.partners("rest:template-en")] == [template]
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
    assert Chat(servers, "after-bad-requests").say("hi there, good morning")  # still answering


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


def test_BEN_13_state_store_unreachable_for_a_while_gets_a_polite_reply_and_no_half_written_case(store_behind_proxy):
    servers, proxy = store_behind_proxy
    chat, started = Chat(servers, "db-down-en"), date.today()
    asked = chat.turn("can we still get a refund on the benefits package we bought?")
    assert asked.responses == ("utter_ben_refund_rule", "utter_ask_benefits_purchased_on")
    proxy.stop()
    try:
        down = chat.turn("we bought it about 3 weeks ago")
        assert STORE_DOWN_EN in down.text
        assert down.responses == ("utter_store_unavailable",)
    finally:
        proxy.start()
    # The question is still open: the same answer now counts, and the case goes on.
    assert chat.responses("we bought it about 3 weeks ago") == (
        "utter_ben_refund_rule_activation",
        "utter_ask_software_benefits_activated",
    )
    assert chat.responses("no, nothing activated yet")[0] == "utter_ben_refund_file_service_request"
    store = PartnerStore(servers.store_url)
    try:
        facts = dict(store.facts("rest:db-down-en"))
        days = {started, date.today()}  # the conversation may run across midnight
        assert set(facts) == {"benefits_purchased_on", "software_benefits_activated", "refund_requested_on"}
        assert facts["benefits_purchased_on"] in {(day - timedelta(weeks=3)).isoformat() for day in days}
        assert facts["software_benefits_activated"] is False
        assert facts["refund_requested_on"] in {day.isoformat() for day in days}
    finally:
        store.dispose()


def test_a_flood_of_messages_from_one_sender_is_answered_and_stored_in_order_of_arrival(servers):
    from concurrent.futures import ThreadPoolExecutor

    messages = [f"hi there, message number {number}" for number in range(30)]

    def send(message):
        return requests.post(servers.webhook, json={"sender": "flood", "message": message}, timeout=120)

    with ThreadPoolExecutor(10) as senders:
        responses = list(senders.map(send, messages))
    assert all(response.status_code == 200 and response.json() for response in responses)
    assert sorted(user_messages(servers, "flood")) == sorted(messages)
