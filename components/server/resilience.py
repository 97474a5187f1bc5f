"""What Rasa 3.6 does not do on its own: answer when the action server cannot, and check
action server responses without rebuilding the JSON schema validator every time.

When a custom action (or a form's validation action) cannot reach the action server, Rasa
logs "Bot will continue, but the actions events are lost" and the user gets nothing. Here
the failed call is remembered, and once Rasa has finished with that action the user gets
`utter_action_server_unavailable` in their language (the response is conditioned on the
`language` slot like every other), and the assistant waits for the next message. Nothing
is lost: the user's message stays in the tracker, and the store was never written.

Rasa 3.6 validates every action server response with `jsonschema.validate`, which checks
the schema itself against its meta-schema on every call: about 20 ms per custom action on
this machine, more than the action itself. The same schema is checked with one validator
built once (about 0.3 ms); invalid responses are still refused exactly as before.

`install()` is called by `components.server`, the entry point the scripts and tests start
Rasa with.
"""

from __future__ import annotations

import logging
from contextvars import ContextVar
from typing import Optional

from jsonschema import ValidationError
from jsonschema.validators import validator_for
from rasa.core.actions.action import ActionExecutionRejection, RemoteAction
from rasa.core.processor import MessageProcessor
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.events import ActionExecuted, BotUttered
from rasa.shared.exceptions import RasaException

logger = logging.getLogger(__name__)

UNAVAILABLE_RESPONSE = "utter_action_server_unavailable"
_failed_action: ContextVar[Optional[str]] = ContextVar("failed_action", default=None)
_installed = False


def install() -> None:
    """Wraps RemoteAction.run and MessageProcessor._run_action (once)."""
    global _installed
    if _installed:
        return
    _installed = True
    remote_run = RemoteAction.run
    run_action = MessageProcessor._run_action

    async def remote_run_remembering_failures(self, output_channel, nlg, tracker, domain):
        try:
            return await remote_run(self, output_channel, nlg, tracker, domain)
        except ActionExecutionRejection:
            raise
        except RasaException:
            _failed_action.set(self.name())
            raise

    async def run_action_with_fallback(self, action, tracker, output_channel, nlg, prediction):
        token = _failed_action.set(None)
        try:
            predict_more = await run_action(self, action, tracker, output_channel, nlg, prediction)
            failed = _failed_action.get()
        finally:
            _failed_action.reset(token)
        if failed is None:
            return predict_more
        logger.error("action server unavailable for %s (sender %s): answering with a fallback", failed, tracker.sender_id)
        response = await nlg.generate(UNAVAILABLE_RESPONSE, tracker, output_channel.name())
        if response:
            message = BotUttered(response.get("text"), data={k: v for k, v in response.items() if k != "text"})
            tracker.update(message)
            await output_channel.send_response(tracker.sender_id, message.message())
        # Wait for the user: no further actions on a half-run turn. Listening is logged as
        # Rasa would, so the next message continues the conversation where it was.
        tracker.update(ActionExecuted(ACTION_LISTEN_NAME))
        return False

    spec = RemoteAction.action_response_format_spec()
    response_validator = validator_for(spec)(spec)

    def validate_action_result(self, result):
        try:
            response_validator.validate(result)
        except ValidationError as error:
            # The same message as Rasa's own check (rasa.core.actions.action).
            error.message += (
                ". Failed to validate Action server response from API, "
                "make sure your response from the Action endpoint is valid. "
                "For more information about the format visit "
                "https://rasa.com/docs/rasa/custom-actions"
            )
            raise
        return True

    RemoteAction.run = remote_run_remembering_failures
    RemoteAction._validate_action_result = validate_action_result
    MessageProcessor._run_action = run_action_with_fallback
