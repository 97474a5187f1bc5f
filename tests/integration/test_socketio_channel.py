"""The socket.io channel (what the web chat uses), with a real socket.io client: bad input
gets a reply and the conversation persists per session id."""

import threading

import pytest
import socketio

from tests.integration.servers import AssistantServers

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


class SocketChat:
    def __init__(self, servers, session_id):
        self.session_id = session_id
        self.client = socketio.Client(reconnection=False)
        self.replies, self.arrived = [], threading.Event()
        self.client.on("bot_uttered", self._on_reply)
        self.client.connect(f"http://127.0.0.1:{servers.rasa_port}", socketio_path="/socket.io", transports=["polling"])
        self.client.emit("session_request", {"session_id": session_id})

    def _on_reply(self, data):
        self.replies.append(data)
        self.arrived.set()

    def say(self, message, timeout=60.0, custom_data=None):
        self.replies.clear()
        self.arrived.clear()
        data = {"message": message, "session_id": self.session_id}
        if custom_data is not None:
            data["customData"] = custom_data  # as rasa-webchat sends it
        self.client.emit("user_uttered", data)
        assert self.arrived.wait(timeout), f"no reply to {message[:40]!r}"
        self.arrived.wait(1.0)  # later parts of the same answer
        return [reply.get("text", "") for reply in self.replies]

    def close(self):
        self.client.disconnect()


@pytest.mark.parametrize(
    "message",
    ["", "   ", "x" * 10_000, "hallo \x00\x07 🤖🎉", "'; DROP TABLE events; --", "{{7*7}} ${7*7} {email}"],
)
def test_bad_input_over_socketio_gets_a_reply(servers, message):
    chat = SocketChat(servers, "socket-bad-input")
    try:
        replies = chat.say(message)
        assert replies and all(replies)
    finally:
        chat.close()


def test_a_reconnected_session_continues_the_same_conversation(servers):
    chat = SocketChat(servers, "socket-session-1")
    try:
        assert any("Wanneer hebt u het voordelenpakket gekocht?" in text for text in chat.say("kan ik restitutie krijgen?"))
    finally:
        chat.close()
    again = SocketChat(servers, "socket-session-1")  # as after a page reload
    try:
        assert any(text.startswith("Nee, restitutie kan niet meer") for text in again.say("twee maanden geleden"))
    finally:
        again.close()


@pytest.mark.parametrize("custom_data", [None, {"language": "en"}, {"staff_token": "not-the-token-0123456789"}])
def test_staff_commands_are_refused_over_socketio_without_the_staff_token(servers, custom_data):
    chat = SocketChat(servers, "socket-nosy")
    try:
        replies = chat.say("#list", custom_data=custom_data)
        assert replies[0].startswith("Those commands are for support staff only")
    finally:
        chat.close()


def test_the_web_staff_token_opens_the_desk_over_socketio(servers):
    chat = SocketChat(servers, "socket-staff")
    try:
        replies = chat.say("#list", custom_data={"language": "en", "staff_token": STAFF_TOKEN})
        assert replies[0].startswith("There are no open requests") or replies[0].startswith("Open requests (")
    finally:
        chat.close()
