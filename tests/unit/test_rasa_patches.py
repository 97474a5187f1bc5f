"""components.server.resilience's replacement of Rasa's action-response check accepts and refuses
exactly what Rasa's own check does."""

import pytest
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction

from components.server.resilience import install


@pytest.fixture(scope="module")
def action():
    install()
    return RemoteAction("action_greet", None)


def test_a_valid_action_server_response_passes(action):
    response = {"events": [{"event": "slot", "name": "language", "value": "nl"}], "responses": [{"text": "hallo"}]}
    assert action._validate_action_result(response) is True


@pytest.mark.parametrize(
    "response", [{"events": "not a list"}, {"events": [{"no_event_key": 1}]}, {"responses": "not a list"}]
)
def test_an_invalid_response_is_refused_with_rasas_message(action, response):
    with pytest.raises(ValidationError) as refused:
        action._validate_action_result(response)
    assert "Failed to validate Action server response" in refused.value.message
