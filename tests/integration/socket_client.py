"""A web chat visitor as a real socket.io client, talking to the Rasa server as rasa-webchat
does: ``session_request`` on connect, then ``user_uttered`` messages with the session."""

import threading

import socketio


class SocketChat:
    """A web chat visitor: asks for a session (presenting ``token`` if it has one, as the
    widget does after a reload) and keeps the one the server confirms."""

    def __init__(self, servers, token=None, origin=None):
        self.client = socketio.Client(reconnection=False)
        self.replies, self.arrived, self.confirmed = [], threading.Event(), threading.Event()
        self.client.on("bot_uttered", self._on_reply)
        self.client.on("session_confirm", self._on_session)
        origin = origin or f"http://127.0.0.1:{servers.web_port}"
        self.client.connect(
            f"http://127.0.0.1:{servers.rasa_port}",
            socketio_path="/socket.io",
            transports=["polling"],
            headers={"Origin": origin},
        )
        self.client.emit("session_request", {"session_id": token})
        assert self.confirmed.wait(30), "no session confirmed"

    def _on_session(self, token):
        self.token = token
        self.confirmed.set()

    @property
    def identity(self):
        return "web:" + self.token.split(".")[0]

    def _on_reply(self, data):
        self.replies.append(data)
        self.arrived.set()

    def say(self, message, timeout=60.0, custom_data=None):
        self.replies.clear()
        self.arrived.clear()
        data = {"message": message, "session_id": self.token}
        if custom_data is not None:
            data["customData"] = custom_data  # as rasa-webchat sends it
        self.client.emit("user_uttered", data)
        assert self.arrived.wait(timeout), f"no reply to {message[:40]!r}"
        self.arrived.wait(1.0)  # later parts of the same answer
        return [reply.get("text", "") for reply in self.replies]

    def close(self):
        self.client.disconnect()
