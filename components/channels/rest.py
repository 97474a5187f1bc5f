"""The REST channel: a caller that chooses the sender id, so it is on only where that caller
can be trusted.

- With ``token`` configured (``REST_API_TOKEN``, the production profile), every request must
  carry ``Authorization: Bearer <token>``: the caller is a trusted integration.
- Without it (``make run``, local use), only callers on this machine are served: the peer
  must be a loopback address and the request may not have been forwarded by a proxy.

The sender must be a valid id (never missing, empty, or the shared ``default``) and becomes
``rest:<sender>``; the input channel is always ``rest``, whatever the body claims.
"""

from __future__ import annotations

import hmac
import ipaddress
import logging
from http import HTTPStatus
from typing import Any, Awaitable, Callable, Dict, Optional, Text

from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from .identity import is_valid_sender, namespaced

logger = logging.getLogger(__name__)

_FORWARDING_HEADERS = ("forwarded", "x-forwarded-for", "x-real-ip", "x-forwarded-host")


def _is_loopback(address: Optional[str]) -> bool:
    try:
        return ipaddress.ip_address((address or "").split("%")[0]).is_loopback
    except ValueError:
        return False


def _refusal(status: HTTPStatus, reason: str) -> HTTPResponse:
    return response.json({"error": reason}, status=status)


class RestChannel(InputChannel):
    """`components.channels.rest.RestChannel` in credentials; `token: ${REST_API_TOKEN}` to
    require a bearer token."""

    @classmethod
    def name(cls) -> Text:
        return "rest"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> InputChannel:
        return cls((credentials or {}).get("token") or None)

    def __init__(self, token: Optional[str] = None):
        self.token = token

    def _refused(self, request: Request) -> Optional[HTTPResponse]:
        if self.token:
            given = request.headers.get("authorization", "")
            if not hmac.compare_digest(given.encode(), f"Bearer {self.token}".encode()):
                return _refusal(HTTPStatus.UNAUTHORIZED, "a valid bearer token is required")
            return None
        forwarded = any(header in request.headers for header in _FORWARDING_HEADERS)
        if forwarded or not _is_loopback(request.ip):
            return _refusal(HTTPStatus.FORBIDDEN, "this REST channel serves callers on this machine only")
        return None

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        rest = Blueprint("rest_webhook", __name__)
        handle = namespaced(on_new_message, "rest", self.name())

        @rest.route("/", methods=["GET"])
        async def health(request: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @rest.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            refused = self._refused(request)
            if refused is not None:
                logger.warning("REST request from %s refused", request.ip)
                return refused
            try:
                body = request.json
            except Exception:  # sanic raises its own error type for a body that is not JSON
                return _refusal(HTTPStatus.BAD_REQUEST, "expected a JSON object")
            if not isinstance(body, dict):
                return _refusal(HTTPStatus.BAD_REQUEST, "expected a JSON object")
            sender, text, metadata = body.get("sender"), body.get("message"), body.get("metadata")
            if not isinstance(sender, str) or not is_valid_sender(sender):
                return _refusal(HTTPStatus.BAD_REQUEST, "'sender' must be a non-empty id without spaces")
            if text is not None and not isinstance(text, str):
                return _refusal(HTTPStatus.BAD_REQUEST, "'message' must be text")
            if metadata is not None and not isinstance(metadata, dict):
                return _refusal(HTTPStatus.BAD_REQUEST, "'metadata' must be an object")
            collector = CollectingOutputChannel()
            await handle(UserMessage(text or "", collector, sender, input_channel=self.name(), metadata=metadata))
            return response.json(collector.messages)

        return rest
