"""Attack: a socket.io client that sends ``session_request`` with another visitor's session id
receives that visitor's later replies, and an id equal to a Teams or Slack user's opens that
user's case. Now the server issues the sessions: a foreign or forged id gets a fresh session,
a socket sends and receives only in the session confirmed to it, and web identities are
``web:...``. Replayed with two real socket.io clients and with two browsers."""

import json
import time

import pytest

from tests.integration.servers import user_texts
from tests.integration.socket_client import SocketChat
from tests.integration.test_web_chat import CHROMIUM, CHROMIUM_ARGS, playwright_api

SESSION_ID_OF_A_TEAMS_USER = "29:victim-teams-user"


def stored(servers, identity, text, timeout=30.0):
    """Whether ``identity``'s tracker records ``text`` (it is saved just after the reply is sent)."""
    deadline = time.monotonic() + timeout
    while text not in user_texts(servers, identity):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.2)
    return True


@pytest.fixture
def victim(servers):
    chat = SocketChat(servers)
    chat.say("goedemorgen, wij willen ons geld terug voor het voordelenpakket, kan dat nog?")
    yield chat
    chat.close()


@pytest.mark.parametrize(
    "claimed",
    [
        lambda victim: victim.token.split(".")[0],  # the bare session id
        lambda victim: victim.token[:-1] + ("0" if victim.token[-1] != "0" else "1"),  # a forged signature
        lambda victim: SESSION_ID_OF_A_TEAMS_USER,
        lambda victim: SESSION_ID_OF_A_TEAMS_USER + ".00000000000000000000000000000000",
    ],
)
def test_a_foreign_or_forged_session_id_gets_a_fresh_session_and_none_of_the_visitors_replies(servers, victim, claimed):
    attacker = SocketChat(servers, token=claimed(victim))
    try:
        assert attacker.token != victim.token and attacker.identity != victim.identity
        assert not attacker.identity.endswith(SESSION_ID_OF_A_TEAMS_USER)
        attacker.replies.clear()
        victim.say("ergens begin oktober gekocht, dus ruim twee maanden geleden")
        time.sleep(1.0)
        assert attacker.replies == []  # the victim's replies went to the victim only
        attacker.say("hello, whose conversation is this?")
        assert stored(servers, attacker.identity, "hello, whose conversation is this?")
        assert "hello, whose conversation is this?" not in user_texts(servers, victim.identity)
    finally:
        attacker.close()


def test_a_message_claiming_another_session_lands_in_the_senders_own(servers, victim):
    attacker = SocketChat(servers)
    try:
        attacker.replies.clear()
        attacker.client.emit("user_uttered", {"message": "claimed message", "session_id": victim.token})
        assert attacker.arrived.wait(60), "the sender gets the reply"
        assert stored(servers, attacker.identity, "claimed message")
        assert "claimed message" not in user_texts(servers, victim.identity)
    finally:
        attacker.close()


def test_a_socket_from_a_web_origin_not_configured_is_refused(servers):
    import socketio

    with pytest.raises(socketio.exceptions.ConnectionError):
        SocketChat(servers, origin="https://evil.example")


def test_two_browsers_with_one_planting_the_others_session_id_stay_apart(servers):
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            first, second = browser.new_context(locale="en-GB"), browser.new_context(locale="en-GB")
            victim_page, attacker_page = first.new_page(), second.new_page()
            victim_page.goto(servers.page_url)
            victim_page.locator(".rw-response").first.wait_for(timeout=60_000)
            stored = victim_page.evaluate("() => window.localStorage.getItem('chat_session')")
            victim_token = json.loads(stored)["session_id"]
            attacker_page.goto(servers.page_url)
            attacker_page.locator(".rw-response").first.wait_for(timeout=60_000)
            planted = json.loads(attacker_page.evaluate("() => window.localStorage.getItem('chat_session')"))
            planted["session_id"] = victim_token.split(".")[0]  # the id without the server's signature
            attacker_page.evaluate("(value) => window.localStorage.setItem('chat_session', value)", json.dumps(planted))
            attacker_page.reload()
            # The server confirms a fresh session instead (an empty conversation in the widget).
            attacker_page.wait_for_function(
                "(planted) => JSON.parse(window.localStorage.getItem('chat_session')).session_id !== planted",
                arg=planted["session_id"],
                timeout=60_000,
            )
            attacker_token = json.loads(attacker_page.evaluate("() => window.localStorage.getItem('chat_session')"))["session_id"]
            assert attacker_token.split(".")[0] != victim_token.split(".")[0]
            box = victim_page.locator(".rw-new-message")
            box.fill("the victim's secret question about the MPA")
            box.press("Enter")
            victim_page.locator(".rw-response").nth(1).wait_for(timeout=60_000)
            time.sleep(1.0)
            assert "secret question" not in attacker_page.content()
        finally:
            browser.close()
