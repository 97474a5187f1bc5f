"""The socket.io channel (what the web chat uses), with real socket.io clients: bad input gets
a reply, the conversation persists in the session the server issued, and staff commands need
the staff token."""

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
        assert any("Wanneer hebt u het voordelenpakket gekocht?" in text for text in chat.say("kan ik restitutie krijgen?"))
    finally:
        chat.close()
    again = SocketChat(servers, token=chat.token)  # as after a page reload
    assert again.token == chat.token
    try:
        assert any(text.startswith("Nee, restitutie kan niet meer") for text in again.say("twee maanden geleden"))
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
