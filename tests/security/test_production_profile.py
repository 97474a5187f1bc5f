"""Attacks on what listens: REST open to anyone who picks a sender id, and an action server on
every interface that answers forged calls, with another case's facts and the request body in
its error messages. In the production profile REST needs its token and the action server
its shared secret; the action server listens on loopback and its errors say nothing."""

import json
from pathlib import Path

import pytest
import requests

from tests.integration.servers import AssistantServers, Chat

REST_TOKEN = "production-rest-token-0123456789"
ACTION_TOKEN = "production-action-token-0123456789"


@pytest.fixture(scope="module")
def production(trained_model, tmp_path_factory):
    running = AssistantServers(
        trained_model,
        tmp_path_factory.mktemp("production-profile"),
        extra_env={
            "ASSISTANT_PROFILE": "production",
            "REST_API_TOKEN": REST_TOKEN,
            "ACTION_SERVER_TOKEN": ACTION_TOKEN,
            "WEB_SESSION_SECRET": "production-web-session-secret-0123456789",
        },
    ).start()
    yield running
    running.stop()


def listening_addresses(port):
    """The local addresses a TCP port listens on, read from /proc (no traffic sent)."""
    addresses = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.rsplit(":", 1)
            if int(hex_port, 16) == port and state == "0A":  # LISTEN
                addresses.append(address)
    return addresses


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer wrong-token"}, {"Authorization": REST_TOKEN}])
def test_rest_without_its_token_is_refused(production, headers):
    response = requests.post(production.webhook, json={"sender": "anyone", "message": "goedemiddag allemaal"}, headers=headers, timeout=30)
    assert response.status_code == 401


def test_rest_with_its_token_is_served(production):
    assert Chat(production, "integration", token=REST_TOKEN).responses("goedemiddag allemaal") == ("utter_greet_new",)


def test_the_action_server_listens_on_loopback_only(production):
    addresses = listening_addresses(production.action_port)
    assert addresses and all(address in ("0100007F",) for address in addresses), addresses


def forged_call(production, headers=None, sender="rest:integration", action="action_mpa_check"):
    body = {
        "next_action": action,
        "sender_id": sender,
        "tracker": {"sender_id": sender, "slots": {}, "latest_message": {}, "events": [], "paused": False,
                    "latest_event_time": 0, "active_loop": {}, "latest_action_name": "action_listen"},
        "domain": {},
        "version": "3.6.2",
    }
    return requests.post(f"http://127.0.0.1:{production.action_port}/webhook", json=body, headers=headers or {}, timeout=30)


def test_a_forged_call_without_the_shared_secret_is_refused_and_told_nothing(production):
    Chat(production, "integration", token=REST_TOKEN).say("we are a CSP indirect reseller, are we allowed to put our signature under the MPA?")
    response = forged_call(production)
    assert response.status_code == 401
    assert response.json() == {"error": "a valid token is required"}


@pytest.mark.parametrize("action", ["action_mpa_check", "no_such_action"])
def test_errors_of_the_action_server_contain_no_facts_and_no_request_body(production, action):
    response = forged_call(production, {"Authorization": f"Bearer {ACTION_TOKEN}"}, sender="rest:integration", action=action)
    text = response.text
    if response.status_code >= 400:
        assert "indirect_reseller" not in text and "rest:integration" not in text and "tracker" not in text
        assert set(json.loads(text)) == {"error"}
    else:
        assert response.status_code == 200
