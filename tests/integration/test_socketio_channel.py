"""The socket.io channel (what the web chat uses), with real socket.io clients: bad input gets
a reply, the conversation persists in the session the server issued, and staff commands need
the staff token."""

import time

import pytest

from tests.integration.servers import AssistantServers
from tests.integration.socket_client import SocketChat

STAFF_TOKEN = "socket-staff-token-0123456789"


@pytest.fixture(scope="module")
def servers(trained_model, tmp_path_factory):
    running = AssistantServers(
        trained_model,
        tmp_path_factory.mktemp("assistant-socketio"),
        extra_env={"SUPPORT_STAFF_TOKENS": f"anna:{STAFF_TOKEN}"},
    ).start()
    yield running
    running.stop()


def replies_include(chat, text, timeout=30.0):
    """Whether a reply to the last message contains ``text`` (its parts arrive one by one)."""
    deadline = time.monotonic() + timeout
    while not any(text in reply.get("text", "") for reply in list(chat.replies)):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.2)
    return True


@pytest.mark.parametrize(
    "message",
    ["", "   ", "x" * 10_000, "hallo \x00\x07 🤖🎉", "'; DROP TABLE events; --", "{{7*7}} ${7*7} {email}"],
)
def test_bad_input_over_socketio_gets_a_reply(servers, message):
    chat = SocketChat(servers)
    try:
        replies = chat.say(message)
        assert replies and all(replies)
    finally:
        chat.close()


def test_a_reconnected_session_continues_the_same_conversation(servers):
    chat = SocketChat(servers)
    try:
        chat.say("goedemorgen, wij willen ons geld terug voor het voordelenpakket, kan dat nog?")
        assert replies_include(chat, "Wanneer hebt u het voordelenpakket gekocht?")
    finally:
        chat.close()
    again = SocketChat(servers, token=chat.token)  # as after a page reload
    assert again.token == chat.token
    try:
        # BEN-13: the open question is answered in the same conversation.
        again.say("ergens begin oktober gekocht, dus ruim twee maanden geleden")
        assert replies_include(again, "Nee, helaas: restitutie is niet meer mogelijk")
    finally:
        again.close()


@pytest.mark.parametrize("custom_data", [None, {"language": "en"}, {"staff_token": "not-the-token-0123456789"}])
def test_staff_commands_are_refused_over_socketio_without_the_staff_token(servers, custom_data):
    chat = SocketChat(servers)
    try:
        replies = chat.say("#list", custom_data=custom_data)
        assert replies[0].startswith("Those commands are for support staff only")
    finally:
        chat.close()


def test_the_web_staff_token_opens_the_desk_over_socketio(servers):
    chat = SocketChat(servers)
    try:
        replies = chat.say("#list", custom_data={"language": "en", "staff_token": STAFF_TOKEN})
        assert replies[0].startswith("There are no open requests") or replies[0].startswith("Open requests (")
    finally:
        chat.close()
