"""The Teams (Bot Framework) channel against the real Rasa connector, offline: a local fake
serves Microsoft's OpenID metadata, keys and token endpoint, and receives the replies."""

import base64
import json
import re
import sqlite3

import pytest
import requests

from tests.integration.fake_microsoft import FakeMicrosoft
from tests.integration.servers import AssistantServers

APP_ID, APP_PASSWORD = "partner-assistant-test-app", "test-app-password"


@pytest.fixture(scope="module")
def microsoft():
    fake = FakeMicrosoft().start()
    yield fake
    fake.stop()


@pytest.fixture(scope="module")
def servers(trained_model, tmp_path_factory, microsoft):
    workdir = tmp_path_factory.mktemp("assistant-teams")
    credentials = workdir / "credentials.yml"
    credentials.write_text(
        "rest:\ncomponents.channels.teams.TeamsInput:\n  app_id: ${MICROSOFT_APP_ID}\n  app_password: ${MICROSOFT_APP_PASSWORD}\n"
    )
    running = AssistantServers(
        trained_model,
        workdir,
        credentials=credentials,
        extra_env={
            "MICROSOFT_APP_ID": APP_ID,
            "MICROSOFT_APP_PASSWORD": APP_PASSWORD,
            "MICROSOFT_OPEN_ID_URI": f"{microsoft.url}/openid",
            "MICROSOFT_OAUTH2_URL": f"{microsoft.url}/oauth",
            "SUPPORT_STAFF_TEAMS_IDS": "29:teams-staff",
        },
    ).start()
    yield running
    running.stop()


def post_activity(servers, microsoft, sender, conversation, token, text="hi there, good morning", value=None):
    activity = {
        "type": "message",
        "text": text,
        "from": {"id": sender},
        "recipient": {"id": "bot"},
        "conversation": {"id": conversation},
        "serviceUrl": f"{microsoft.url}/service",
    }
    if value is not None:
        activity["value"] = value
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return requests.post(
        f"http://127.0.0.1:{servers.rasa_port}/webhooks/botframework/webhook", json=activity, headers=headers, timeout=60
    )


def user_events(servers, sender):
    with sqlite3.connect(servers.tracker_db) as db:
        return db.execute("SELECT count(*) FROM events WHERE sender_id = ? AND type_name = 'user'", (f"teams:{sender}",)).fetchone()[0]


def unsigned_token(header, claims):
    def part(data):
        return base64.urlsafe_b64encode(json.dumps(data).encode()).decode().rstrip("=")

    return f"{part(header)}.{part(claims)}."


def texts(activities):
    """The replies as a Teams user reads them: messages are plain text, a card's text is
    markdown with every special character escaped."""
    found = []
    for item in activities:
        activity = item["activity"]
        assert activity.get("textFormat") == "plain"
        found.append(activity.get("text") or "")
        for attachment in activity.get("attachments", []):
            found.append(re.sub(r"\\(.)", r"\1", attachment["content"].get("text") or ""))
    return "\n".join(found)


def test_a_valid_token_is_answered_through_the_service_url(servers, microsoft):
    response = post_activity(servers, microsoft, "teams-user-1", "conv-1", microsoft.token(APP_ID))
    assert response.status_code == 200
    replies = microsoft.wait_for_reply("conv-1")
    assert replies and "Partner Center" in texts(replies)
    assert replies[0]["authorization"] == "Bearer fake-bot-token"


def test_BEN_13_a_button_click_with_empty_text_and_the_payload_in_value_works(servers, microsoft):
    token = microsoft.token(APP_ID)
    question = "we bought the benefits package 3 weeks ago, can we still get a refund?"
    assert post_activity(servers, microsoft, "teams-user-2", "conv-2", token, question).ok
    first = microsoft.wait_for_reply("conv-2", count=2)
    card = first[-1]["activity"]["attachments"][0]["content"]
    assert "Have you activated the software benefits yet" in card["text"]
    assert [button["type"] for button in card["buttons"]] == ["messageBack", "messageBack"]
    payloads = [button["value"]["payload"] for button in card["buttons"]]
    assert payloads == ["/affirm", "/deny"]
    click = {"payload": "/deny"}  # "No": nothing activated
    assert post_activity(servers, microsoft, "teams-user-2", "conv-2", token, text="", value=click).ok
    replies = microsoft.wait_for_reply("conv-2", count=len(first) + 1)
    assert "Yes, you can cancel with a refund" in texts(replies[len(first):])


@pytest.mark.parametrize(
    "case",
    ["missing", "expired", "wrong audience", "wrong issuer", "unknown key", "other signer", "HS256", "none", "garbage"],
)
def test_a_token_that_cannot_be_verified_gets_401_and_never_reaches_the_bot(servers, microsoft, case):
    tokens = {
        "missing": None,
        "expired": microsoft.token(APP_ID, expires_in=-60),
        "wrong audience": microsoft.token("someone-else"),
        "wrong issuer": microsoft.token(APP_ID, issuer="https://evil.example.com"),
        "unknown key": microsoft.token(APP_ID, kid="k9"),
        "other signer": microsoft.token(APP_ID, key=microsoft.other_key),
        "HS256": microsoft.token(APP_ID, algorithm="HS256", secret=APP_PASSWORD),
        "none": unsigned_token({"alg": "none", "kid": "k1"}, {"aud": APP_ID, "iss": "https://api.botframework.com"}),
        "garbage": "not.a.token",
    }
    sender = f"intruder-{case.replace(' ', '-')}"
    response = post_activity(servers, microsoft, sender, f"conv-{sender}", tokens[case])
    assert response.status_code == 401
    assert user_events(servers, sender) == 0
    assert microsoft.wait_for_reply(f"conv-{sender}", timeout=1) == []


@pytest.mark.parametrize(
    "text", ["", "   ", "x" * 10_000, "hallo \x00\x07 🤖🎉", "'; DROP TABLE events; --", "{{7*7}} ${7*7} {email}"]
)
def test_bad_input_over_teams_gets_a_reply(servers, microsoft, text):
    conversation = f"conv-bad-{abs(hash(text)) % 10**8}"
    response = post_activity(servers, microsoft, "teams-bad-input", conversation, microsoft.token(APP_ID), text=text)
    assert response.status_code == 200
    replies = microsoft.wait_for_reply(conversation)
    assert replies and texts(replies).strip()


def test_a_malformed_activity_gets_400_not_a_crash(servers, microsoft):
    url = f"http://127.0.0.1:{servers.rasa_port}/webhooks/botframework/webhook"
    headers = {"Authorization": f"Bearer {microsoft.token(APP_ID)}", "Content-Type": "application/json"}
    assert requests.post(url, data="{not json", headers=headers, timeout=30).status_code == 400
    incomplete = {"type": "message", "text": "hallo"}
    assert requests.post(url, json=incomplete, headers=headers, timeout=30).status_code == 400


def test_staff_commands_are_refused_to_a_teams_user_who_is_not_staff(servers, microsoft):
    token = microsoft.token(APP_ID)
    assert post_activity(servers, microsoft, "29:teams-partner", "conv-staff-1", token, "#list").ok
    replies = texts(microsoft.wait_for_reply("conv-staff-1"))
    assert "Those commands are for support staff only" in replies and "Open requests" not in replies


def test_a_teams_user_listed_as_staff_can_use_the_desk(servers, microsoft):
    token = microsoft.token(APP_ID)
    assert post_activity(servers, microsoft, "29:teams-staff", "conv-staff-2", token, "#list").ok
    replies = texts(microsoft.wait_for_reply("conv-staff-2"))
    assert "There are no open requests" in replies or "Open requests (" in replies
