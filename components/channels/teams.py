"""Microsoft Teams through the Bot Framework, with the token checks Rasa 3.6 leaves out.

Rasa 3.6's `botframework` connector accepts a correctly signed token from any issuer, and a
token whose header names an unexpected algorithm (HS256, "none", a missing key id) makes it
answer 500. `TeamsInput` also checks the issuer from the OpenID metadata and allows only
RS256, and answers every token it cannot verify with 401 before anything reaches the bot.
The reply path is Rasa's, with Teams buttons (messageBack) and a configurable token URL.

Enabled only when MICROSOFT_APP_ID and MICROSOFT_APP_PASSWORD are set (see
scripts/credentials.py): the connector fetches Microsoft's OpenID metadata when it starts.
MICROSOFT_OPEN_ID_URI and MICROSOFT_OAUTH2_URL point it elsewhere (tests use a local fake).
"""

from __future__ import annotations

import datetime
import json
import logging
import os
from http import HTTPStatus
from typing import Any, Awaitable, Callable, Dict, List, Optional, Text

import jwt
import requests
from jwt import PyJWTError
from jwt.algorithms import RSAAlgorithm
from rasa.core.channels import botframework
from rasa.core.channels.botframework import BotFramework, BotFrameworkInput
from rasa.core.channels.channel import UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from .identity import escape_markdown, namespaced, no_escape

logger = logging.getLogger(__name__)

ALLOWED_ALGORITHMS = ("RS256",)
OAUTH2_PATH = "botframework.com/oauth2/v2.0/token"


def open_id_uri() -> str:
    return os.environ.get("MICROSOFT_OPEN_ID_URI") or botframework.MICROSOFT_OPEN_ID_URI


def oauth2_url() -> str:
    return os.environ.get("MICROSOFT_OAUTH2_URL") or botframework.MICROSOFT_OAUTH2_URL


class TeamsOutput(BotFramework):
    """Rasa's Bot Framework replies, with Teams buttons and the token URL from the environment."""

    @classmethod
    def name(cls) -> Text:
        return "botframework"

    async def _get_headers(self) -> Optional[Dict[Text, Any]]:
        if BotFramework.token_expiration_date < datetime.datetime.now() or BotFramework.headers is None:
            token = requests.post(
                f"{oauth2_url()}/{OAUTH2_PATH}",
                data={
                    "client_id": self.app_id,
                    "client_secret": self.app_password,
                    "grant_type": "client_credentials",
                    "scope": "https://api.botframework.com/.default",
                },
                timeout=10,
            )
            if not token.ok:
                logger.error("could not get a Bot Framework token: %s", token.status_code)
                return None
            data = token.json()
            BotFramework.token_expiration_date = datetime.datetime.now() + datetime.timedelta(
                seconds=int(data["expires_in"]) - 60
            )
            BotFramework.headers = {"content-type": "application/json", "Authorization": f"Bearer {data['access_token']}"}
        return BotFramework.headers

    def prepare_message(self, recipient_id: Text, message_data: Dict[Text, Any]) -> Dict[Text, Any]:
        # Plain text: a partner's words echoed in a reply are never rendered as markup.
        return {**super().prepare_message(recipient_id, message_data), "textFormat": "plain"}

    async def send_text_with_buttons(
        self, recipient_id: Text, text: Text, buttons: List[Dict[Text, Any]], **kwargs: Any
    ) -> None:
        teams_buttons = [
            {
                "type": "messageBack",
                "title": button["title"],
                "displayText": button["title"],
                "text": button["payload"],
                "value": {"payload": button["payload"]},
            }
            for button in buttons
        ]
        # A card's text is markdown: escaped, so it renders as written.
        content = {"text": escape_markdown(text), "buttons": teams_buttons}
        card = {"contentType": "application/vnd.microsoft.card.hero", "content": content}
        await self.send(self.prepare_message(recipient_id, {"attachments": [card]}))


def message_text(activity: Dict[Text, Any]) -> Text:
    """The user's text; a button click can come with empty text and its payload in `value`."""
    text = (activity.get("text") or "").strip()
    if text:
        return text
    value = activity.get("value")
    if isinstance(value, dict):
        return str(value.get("payload") or value.get("text") or json.dumps(value))
    return str(value or "")


class TeamsInput(BotFrameworkInput):
    """`components.channels.teams.TeamsInput` in credentials: app_id and app_password."""

    @classmethod
    def name(cls) -> Text:
        return "botframework"

    def __init__(self, app_id: Text, app_password: Text) -> None:
        self.issuer: Optional[str] = None
        super().__init__(app_id, app_password)

    def _update_cached_jwk_keys(self) -> None:
        metadata = requests.get(open_id_uri(), timeout=10)
        metadata.raise_for_status()
        configuration = metadata.json()
        keys = requests.get(configuration["jwks_uri"], timeout=10)
        keys.raise_for_status()
        self.issuer = configuration["issuer"]
        self.jwt_keys = {key["kid"]: key for key in keys.json()["keys"]}
        self.jwt_update_time = datetime.datetime.now()

    def _validate_jwt_token(self, jwt_token: Text) -> None:
        header = jwt.get_unverified_header(jwt_token)
        if header.get("alg") not in ALLOWED_ALGORITHMS:
            raise jwt.InvalidAlgorithmError(f"algorithm {header.get('alg')!r} is not allowed")
        key = self.jwt_keys.get(header.get("kid"))
        if key is None:
            raise jwt.InvalidKeyError(f"unknown key id {header.get('kid')!r}")
        jwt.decode(
            jwt_token,
            key=RSAAlgorithm.from_jwk(key),
            algorithms=list(ALLOWED_ALGORITHMS),
            audience=self.app_id,
            issuer=self.issuer,
            options={"require": ["exp", "iss", "aud"]},
        )

    def _validate_auth(self, auth_header: Optional[Text]) -> Optional[HTTPResponse]:
        try:
            return super()._validate_auth(auth_header)
        except (PyJWTError, ValueError, TypeError, KeyError) as error:
            # Whatever a forged token trips over is a refusal, not a server error.
            logger.warning("Bot Framework token refused: %s", error)
            return response.text("Could not validate JWT token.", status=HTTPStatus.UNAUTHORIZED)

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        teams = Blueprint("teams_webhook", __name__)
        # The verified activity's from.id is the user: "teams:<from.id>".
        handle = namespaced(on_new_message, "teams", self.name(), escape=no_escape)

        @teams.route("/", methods=["GET"])
        async def health(request: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @teams.route("/webhook", methods=["POST"])
        async def webhook(request: Request) -> HTTPResponse:
            refused = self._validate_auth(request.headers.get("Authorization"))
            if refused:
                return refused
            try:
                activity = request.json
            except Exception:  # sanic raises its own error type for a body that is not JSON
                return response.text("Expected a JSON activity.", status=HTTPStatus.BAD_REQUEST)
            if not isinstance(activity, dict) or activity.get("type") != "message":
                return response.text("success")
            try:
                out_channel = TeamsOutput(
                    self.app_id, self.app_password, activity["conversation"], activity["recipient"], activity["serviceUrl"]
                )
                sender = activity["from"]["id"]
            except (KeyError, TypeError):
                return response.text("Incomplete activity.", status=HTTPStatus.BAD_REQUEST)
            metadata = self.add_attachments_to_metadata(activity, self.get_metadata(request))
            await handle(
                UserMessage(message_text(activity), out_channel, sender, input_channel=self.name(), metadata=metadata)
            )
            return response.text("success")

        return teams
