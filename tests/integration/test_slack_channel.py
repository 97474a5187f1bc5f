"""Slack against the real Rasa connector, offline: signed Events API requests are answered
through a local fake of the Slack Web API; bad signatures and old requests get 400 and never
reach the bot; the URL-verification challenge works; conversations are per thread here."""

import hashlib
import hmac
import json
import re
import sqlite3
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

import pytest
import requests

from tests.integration.servers import AssistantServers, free_port

SIGNING_SECRET = "test-signing-secret"


class FakeSlack:
    """chat.postMessage, recorded."""

    def __init__(self):
        self.port = free_port()
        self.posts, self.arrived = [], threading.Condition()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode()
                if self.headers.get("Content-Type", "").startswith("application/json"):
                    data = json.loads(body)
                else:
                    data = {key: values[0] for key, values in parse_qs(body).items()}
                with fake.arrived:
                    fake.posts.append({"method": self.path.rsplit("/", 1)[-1], **data})
                    fake.arrived.notify_all()
                answer = json.dumps({"ok": True, "channel": data.get("channel"), "ts": "1.0"}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

        self.server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def wait_for(self, channel, count=1, timeout=60.0):
        deadline = time.monotonic() + timeout
        with self.arrived:
            while True:
                found = [post for post in self.posts if post.get("channel") == channel]
                if len(found) >= count or time.monotonic() > deadline:
                    return found
                self.arrived.wait(0.5)


@pytest.fixture(scope="module")
def slack():
    fake = FakeSlack()
    yield fake
    fake.server.shutdown()


@pytest.fixture(scope="module")
def servers(trained_model, tmp_path_factory, slack):
    workdir = tmp_path_factory.mktemp("assistant-slack")
    credentials = workdir / "credentials.yml"
    credentials.write_text(
        "rest:\ncomponents.channels.slack.SlackChannel:\n  slack_token: ${SLACK_TOKEN}\n"
        "  slack_signing_secret: ${SLACK_SIGNING_SECRET}\n  use_threads: true\n  conversation_granularity: thread\n"
    )
    running = AssistantServers(
        trained_model,
        workdir,
        credentials=credentials,
        extra_env={
            "SLACK_TOKEN": "xoxb-test",
            "SLACK_SIGNING_SECRET": SIGNING_SECRET,
            "SLACK_API_URL": f"http://127.0.0.1:{slack.port}/api",
            "SUPPORT_STAFF_SLACK_IDS": "U-STAFF",
        },
    ).start()
    yield running
    running.stop()


def signed_post(servers, body, timestamp=None, secret=SIGNING_SECRET):
    timestamp = str(int(timestamp if timestamp is not None else time.time()))
    raw = json.dumps(body)
    signature = "v0=" + hmac.new(secret.encode(), f"v0:{timestamp}:{raw}".encode(), hashlib.sha256).hexdigest()
    headers = {
        "Content-Type": "application/json",
        "X-Slack-Request-Timestamp": timestamp,
        "X-Slack-Signature": signature,
    }
    return requests.post(f"http://127.0.0.1:{servers.rasa_port}/webhooks/slack/webhook", data=raw, headers=headers, timeout=60)


def message_event(user, text, channel="D100", thread_ts="111.1"):
    return {
        "type": "event_callback",
        "team_id": "T1",
        "event": {"type": "message", "channel_type": "im", "user": user, "text": text, "channel": channel,
                  "ts": "222.2", "thread_ts": thread_ts},
    }


def user_events(servers, sender_prefix):
    with sqlite3.connect(servers.tracker_db) as db:
        return db.execute(
            "SELECT count(*) FROM events WHERE sender_id LIKE ? AND type_name = 'user'", (f"slack:%:{sender_prefix}%",)
        ).fetchone()[0]


def test_a_signed_message_is_answered_through_chat_post_message_in_its_thread(servers, slack):
    assert signed_post(servers, message_event("U1", "goedemiddag allemaal", channel="D1")).status_code == 200
    posts = slack.wait_for("D1")
    assert posts and posts[0]["method"] == "chat.postMessage" and "Partner Center-assistent" in posts[0]["text"]
    assert posts[0].get("thread_ts") == "111.1"
    # One conversation per thread; the tracker is saved just after the reply is sent.
    deadline = time.monotonic() + 20
    while user_events(servers, "U1_D1_111.1") == 0 and time.monotonic() < deadline:
        time.sleep(0.2)
    assert user_events(servers, "U1_D1_111.1") == 1


def test_the_url_verification_challenge_is_answered(servers):
    response = signed_post(servers, {"type": "url_verification", "challenge": "c-123", "token": "t"})
    assert response.status_code == 200 and response.json() == {"challenge": "c-123"}


@pytest.mark.parametrize("case", ["bad signature", "older than 5 minutes", "unsigned"])
def test_a_request_that_is_not_from_slack_gets_400_and_never_reaches_the_bot(servers, slack, case):
    user = f"UX{abs(hash(case)) % 1000}"
    body = message_event(user, "goedemiddag allemaal", channel=f"D-{user}")
    if case == "bad signature":
        response = signed_post(servers, body, secret="wrong-secret")
    elif case == "older than 5 minutes":
        response = signed_post(servers, body, timestamp=time.time() - 6 * 60)
    else:
        response = requests.post(
            f"http://127.0.0.1:{servers.rasa_port}/webhooks/slack/webhook", json=body, timeout=30
        )
    assert response.status_code == 400
    assert user_events(servers, user) == 0
    assert slack.wait_for(f"D-{user}", timeout=1) == []


def test_a_malformed_signed_body_gets_400(servers):
    timestamp = str(int(time.time()))
    raw = "{not json"
    signature = "v0=" + hmac.new(SIGNING_SECRET.encode(), f"v0:{timestamp}:{raw}".encode(), hashlib.sha256).hexdigest()
    headers = {"Content-Type": "application/json", "X-Slack-Request-Timestamp": timestamp, "X-Slack-Signature": signature}
    response = requests.post(f"http://127.0.0.1:{servers.rasa_port}/webhooks/slack/webhook", data=raw, headers=headers, timeout=30)
    assert response.status_code == 400


@pytest.mark.parametrize(
    "text", ["   ", "x" * 10_000, "hallo \x00\x07 🤖🎉", "'; DROP TABLE events; --", "{{7*7}} ${7*7} {email}"]
)
def test_bad_input_over_slack_gets_a_reply(servers, slack, text):
    channel = f"D-bad-{abs(hash(text)) % 10**8}"
    assert signed_post(servers, message_event("U-bad", text, channel=channel)).status_code == 200
    posts = slack.wait_for(channel)
    assert posts and all(post.get("text") for post in posts)


def replies_in(slack, channel, count, timeout=60.0):
    return [post["text"] for post in slack.wait_for(channel, count, timeout)]


def test_staff_commands_are_refused_to_a_slack_user_who_is_not_staff(servers, slack):
    # Rasa's own "users" metadata (the app's authorised users) names the staff member here;
    # the message's author does not count as staff for that.
    body = message_event("U-PARTNER", "#list", channel="D-nosy")
    body["authorizations"] = [{"user_id": "U-STAFF"}]
    assert signed_post(servers, body).status_code == 200
    texts = replies_in(slack, "D-nosy", 1)
    assert texts and texts[0].startswith("Those commands are for support staff only")


def test_a_slack_staff_member_sees_and_resolves_a_request_end_to_end(servers, slack):
    partner_channel = "D-partner-e2e"
    mpa = "hoi, mogen wij als bedrijf de MPA nu al ondertekenen?"
    assert signed_post(servers, message_event("U-PARTNER2", mpa, channel=partner_channel)).ok
    asked = replies_in(slack, partner_channel, 2)
    assert "Wat voor soort CSP-partner is uw bedrijf?" in asked[-1]
    person = "ik wil graag iemand van support aan de lijn, geen bot"
    assert signed_post(servers, message_event("U-PARTNER2", person, channel=partner_channel)).ok
    handoff = " ".join(replies_in(slack, partner_channel, len(asked) + 1)[len(asked):])
    reference = re.search(r"SR-[0-9A-Z]{4}-[0-9A-Z]{4}", handoff).group(0)
    assert "Uw referentienummer is" in handoff

    desk = "D-desk"
    sent = 0

    def staff_says(text):
        nonlocal sent
        sent += 1
        body = message_event("U-STAFF", text, channel=desk, thread_ts=f"900.{sent}")
        assert signed_post(servers, body).status_code == 200
        posts = [post for post in slack.wait_for(desk, 1, 60) if post.get("thread_ts") == f"900.{sent}"]
        deadline = time.monotonic() + 60
        while not posts and time.monotonic() < deadline:
            time.sleep(0.2)
            posts = [post for post in slack.posts if post.get("channel") == desk and post.get("thread_ts") == f"900.{sent}"]
        return "\n".join(post["text"] for post in posts)

    listing = staff_says("#list mpa")
    assert listing.startswith("Open requests (") and reference in listing
    detail = staff_says(f"#show {reference}")
    assert f"{reference} - status open" in detail and "Category: mpa" in detail and "language: nl" in detail
    assert f"[partner] {mpa}" in detail and f"[partner] {person}" in detail
    assert staff_says(f"#claim {reference}") == f"{reference} is yours now."
    assert staff_says(f"#note {reference} Partner gebeld") == f"Note added to {reference}."
    assert staff_says(f"#resolve {reference} opgelost") == f"{reference} is resolved and closed."
    assert reference not in staff_says("#list")
    resolved = staff_says(f"#show {reference}")
    assert "status resolved (by slack:U-STAFF)" in resolved and "slack:U-STAFF: opgelost" in resolved
