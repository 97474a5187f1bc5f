"""Slack, through Rasa's connector, pointed at a configurable Web API and answering Slack's
URL-verification challenge the way Slack documents it ({"challenge": ...}).

Rasa's connector already refuses requests without a valid X-Slack-Signature or older than
five minutes (400, before the bot sees them). Enabled only when SLACK_TOKEN and
SLACK_SIGNING_SECRET are set (see scripts/credentials.py). SLACK_API_URL points the replies
elsewhere (the tests use a local fake of the Slack Web API).
"""

from __future__ import annotations

import json
import os
from http import HTTPStatus
from typing import Any, Awaitable, Callable, Dict, Optional, Text

from rasa.core.channels.channel import OutputChannel, UserMessage
from rasa.core.channels.slack import SlackBot, SlackInput
from sanic import Blueprint, response
from sanic.request import Request
from slack_sdk.web.async_client import AsyncWebClient

from .identity import escape_slack, namespaced


def _slack_sender(message: UserMessage) -> str:
    """'<team>:<conversation>': the conversation Rasa's connector chose (the user, or the user
    in a channel or thread), within the workspace the signed event came from."""
    team = (message.metadata or {}).get("slack_team") or "unknown"
    return f"{team}:{message.sender_id}"


class SlackChannel(SlackInput):
    """`components.channels.slack.SlackChannel` in credentials (the same keys as Rasa's `slack`)."""

    @classmethod
    def name(cls) -> Text:
        return "slack"

    def get_output_channel(self, channel: Optional[Text] = None, thread_id: Optional[Text] = None) -> OutputChannel:
        bot = SlackBot(self.slack_token, channel or self.slack_channel, thread_id, self.proxy)
        api_url = os.environ.get("SLACK_API_URL")
        if api_url:
            bot.client = AsyncWebClient(self.slack_token, base_url=api_url.rstrip("/") + "/", proxy=self.proxy)
        return bot

    def get_metadata(self, request: Request) -> Dict[Text, Any]:
        """Rasa's metadata plus ``slack_user``: the author of the event (Rasa's own ``users``
        lists the app's authorised users), so staff can be recognised whatever the
        conversation granularity."""
        metadata = dict(super().get_metadata(request) or {})
        author = team = None
        if request.headers.get("content-type") == "application/json":
            body = request.json if isinstance(request.json, dict) else {}
            event = body.get("event") if isinstance(body.get("event"), dict) else {}
            author, team = event.get("user"), body.get("team_id") or event.get("team")
        elif request.form and request.form.get("payload"):
            try:
                payload = json.loads(request.form.get("payload"))
            except ValueError:
                payload = {}
            payload = payload if isinstance(payload, dict) else {}
            user = payload.get("user") if isinstance(payload.get("user"), dict) else {}
            author = user.get("id")
            team = (payload.get("team") or {}).get("id") if isinstance(payload.get("team"), dict) else None
        if author:
            metadata["slack_user"] = str(author)
        if team:
            metadata["slack_team"] = str(team)
        return metadata

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        slack = super().blueprint(
            namespaced(on_new_message, "slack", self.name(), escape=escape_slack, sender_of=_slack_sender)
        )

        @slack.middleware("request")
        async def verification_and_malformed_bodies(request: Request) -> Optional[Any]:
            if request.method != "POST" or not request.path.endswith("/webhook"):
                return None
            if not self.is_request_from_slack_authentic(request):
                return None  # Rasa's handler answers 400
            if request.headers.get("content-type") != "application/json":
                return None
            try:
                body = json.loads(request.body or b"")
            except ValueError:
                return response.text("Expected a JSON body.", status=HTTPStatus.BAD_REQUEST)
            if isinstance(body, dict) and body.get("type") == "url_verification":
                return response.json({"challenge": body.get("challenge")})
            return None

        return slack
