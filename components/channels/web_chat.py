"""The website chat's socket.io channel, with sessions only the server hands out.

Rasa's socket.io channel takes the session id a client sends: a client that sends another
visitor's id receives that visitor's replies, and one that sends a Teams or Slack user's id
opens that user's case. Here:

- the server issues every session: a random id with an HMAC signature, the *session token*
  the widget keeps (it stores whatever ``session_confirm`` returns) and presents again after a
  reload; a token that is missing, malformed or not signed by this server gets a fresh one;
- a socket sends only in the session confirmed to it: the ``session_id`` a message carries is
  ignored, and a socket that asked for no session yet is ignored;
- replies go to the sockets confirmed for that session only (its room);
- the sender is ``web:<session id>``, never an id of another channel;
- the text the widget renders as markdown is escaped, so words of a user echoed in a reply
  are never a link or formatting;
- a browser may connect from the configured web origins only (``WEB_ORIGINS``; Rasa's
  ``--cors`` gets the same list).

The signing key is ``WEB_SESSION_SECRET``, or a random key kept in ``$DATA_DIR`` (so
sessions survive a restart); replicas behind a load balancer must share it.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import os
import secrets
from pathlib import Path
from typing import Any, Awaitable, Callable, Dict, Optional, Text

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.socketio import SocketBlueprint, SocketIOInput, SocketIOOutput
from sanic import Blueprint, response
from sanic.request import Request
from socketio import AsyncServer

from .identity import escape_markdown, namespaced

logger = logging.getLogger(__name__)

SECRET_VARIABLE = "WEB_SESSION_SECRET"
ORIGINS_VARIABLE = "WEB_ORIGINS"
_KEY_FILE = "web-session.key"


def web_origins() -> list:
    """The origins allowed to open the chat: WEB_ORIGINS, else the chat page's own."""
    configured = os.environ.get(ORIGINS_VARIABLE, "")
    origins = [origin.strip().rstrip("/") for origin in configured.replace(",", " ").split() if origin.strip()]
    if origins:
        return origins
    port = os.environ.get("WEB_PORT", "8080")
    return [f"http://localhost:{port}", f"http://127.0.0.1:{port}"]


def _session_key() -> bytes:
    configured = os.environ.get(SECRET_VARIABLE)
    if configured:
        return configured.encode()
    folder = Path(os.environ.get("DATA_DIR") or Path(__file__).resolve().parents[2] / ".data")
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / _KEY_FILE
    if not path.exists():
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as key_file:
            key_file.write(secrets.token_hex(32))
    return path.read_text().strip().encode()


class SessionTokens:
    """Session ids the server issued, signed so a client cannot make one up."""

    def __init__(self, key: bytes):
        self._key = key

    def _signature(self, session_id: str) -> str:
        return hmac.new(self._key, session_id.encode(), hashlib.sha256).hexdigest()[:32]

    def issue(self) -> str:
        session_id = secrets.token_hex(16)
        return f"{session_id}.{self._signature(session_id)}"

    def session_of(self, token: Any) -> Optional[str]:
        """The session id of a token this server issued, else None."""
        if not isinstance(token, str) or len(token) > 100 or token.count(".") != 1:
            return None
        session_id, signature = token.split(".")
        if len(session_id) != 32 or not hmac.compare_digest(signature, self._signature(session_id)):
            return None
        return session_id


class WebChatChannel(SocketIOInput):
    """`components.channels.web_chat.WebChatChannel` in credentials (the keys of Rasa's
    socketio channel; sessions always persist)."""

    @classmethod
    def name(cls) -> Text:
        return "socketio"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        tokens = SessionTokens(_session_key())
        origins = web_origins()
        # CORS headers come from Rasa's --cors (the same origins); engine.io's own would double
        # them, so the origin is checked when a socket connects.
        sio = AsyncServer(async_mode="sanic", cors_allowed_origins=[])
        socketio_webhook = SocketBlueprint(sio, self.socketio_path, "socketio_webhook", __name__)
        self.sio = sio
        handle = namespaced(on_new_message, "web", self.name(), escape=escape_markdown)
        token_of_socket: Dict[str, str] = {}  # the session token confirmed to each socket

        @socketio_webhook.route("/", methods=["GET"])
        async def health(_: Request) -> Any:
            return response.json({"status": "ok"})

        @sio.on("connect", namespace=self.namespace)
        async def connect(sid: Text, environ: Dict, auth: Optional[Dict] = None) -> bool:
            origin = environ.get("HTTP_ORIGIN")
            if origin is not None and origin.rstrip("/") not in origins:
                logger.warning("web chat connection from origin %r refused", origin[:100])
                return False
            return True

        @sio.on("disconnect", namespace=self.namespace)
        async def disconnect(sid: Text) -> None:
            token_of_socket.pop(sid, None)

        @sio.on("session_request", namespace=self.namespace)
        async def session_request(sid: Text, data: Any) -> None:
            given = data.get("session_id") if isinstance(data, dict) else None
            previous = token_of_socket.get(sid)
            if tokens.session_of(given):
                token = given
            else:
                if given:
                    logger.warning("socket %s presented a session token this server did not issue", sid)
                # A socket asking again keeps the session it has; a new one gets a fresh one.
                token = previous or tokens.issue()
            if previous and previous != token:
                sio.leave_room(sid, tokens.session_of(previous), namespace=self.namespace)
            token_of_socket[sid] = token
            sio.enter_room(sid, tokens.session_of(token), namespace=self.namespace)
            await sio.emit("session_confirm", token, room=sid, namespace=self.namespace)

        @sio.on(self.user_message_evt, namespace=self.namespace)
        async def handle_message(sid: Text, data: Any) -> None:
            session_id = tokens.session_of(token_of_socket.get(sid))
            if session_id is None or not isinstance(data, dict):
                logger.warning("socket %s sent a message outside a session: ignored", sid)
                return
            text = data.get("message")
            metadata = data.get(self.metadata_key) or {}
            if isinstance(metadata, str):
                try:
                    metadata = json.loads(metadata)
                except ValueError:
                    metadata = {}
            await handle(
                UserMessage(
                    text if isinstance(text, str) else "",
                    SocketIOOutput(sio, self.bot_message_evt),
                    session_id,
                    input_channel=self.name(),
                    metadata=metadata if isinstance(metadata, dict) else {},
                )
            )

        return socketio_webhook
