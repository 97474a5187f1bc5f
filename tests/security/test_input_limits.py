"""Attack: one message stalls or kills the server. 30,000 characters of short words grew Rasa
to 22 GB; one 100,000-character word blocked every user for a minute (the email pattern
backtracked quadratically). Now such a message gets a polite answer in the user's language
without reaching the pipeline or the tracker, every user keeps being answered, and sender ids
and metadata are checked."""

import json
import sqlite3
import threading

import pytest
import requests

from actions.replies import render_text
from tests.domain_files import domain
from tests.integration.servers import Chat, user_texts


@pytest.mark.parametrize(
    "message, language",
    [("a " * 15_000, "en"), ("ik heb een vraag over het partner center " * 800, "nl"), ("x" * 100_000, "en")],
)
def test_a_message_far_over_the_limit_gets_a_polite_answer_and_is_never_parsed_or_stored(servers, message, language):
    chat = Chat(servers, f"too-long-{language}-{len(message)}")
    chat.say("hi there, good morning" if language == "en" else "goedemiddag allemaal")
    turn = chat.turn(message)
    assert turn.text == render_text(domain(), "utter_message_too_long", language)
    assert turn.responses == ()  # answered before the dialogue: no turn in the tracker
    assert all(len(text) < 100 for text in user_texts(servers, chat.identity))
    # The conversation goes on as before.
    thanks = "thanks a lot for the help" if language == "en" else "top, dank je wel daarvoor"
    assert chat.turn(thanks).responses == ("utter_you_are_welcome",)


def test_while_one_user_sends_a_huge_word_the_others_are_answered(servers):
    attacker, partner = Chat(servers, "huge-word"), Chat(servers, "meanwhile")
    answers = {}
    attack = threading.Thread(target=lambda: answers.update(attack=attacker.say("@" + "a." * 50_000 + "@")))
    attack.start()
    answers["partner"] = partner.responses("is it fine if I use my private gmail for the work account?")
    attack.join(timeout=120)
    assert answers["partner"] == ("utter_email_personal",)
    assert answers["attack"] == render_text(domain(), "utter_message_too_long", "en")


@pytest.mark.parametrize(
    "body",
    [{"message": "hi"}, {"sender": "", "message": "hi"}, {"sender": "   ", "message": "hi"},
     {"sender": "a b", "message": "hi"}, {"sender": "x" * 500, "message": "hi"}, {"sender": "nul\u0000", "message": "hi"},
     {"sender": 42, "message": "hi"}, {"sender": "ok", "message": ["a"]}, {"sender": "ok", "metadata": "text"}],
)
def test_a_missing_empty_or_malformed_sender_is_refused_never_the_shared_default(servers, body):
    response = requests.post(servers.webhook, json=body, timeout=30)
    assert response.status_code == 400 and "error" in response.json()
    with sqlite3.connect(servers.tracker_db) as db:
        senders = {sender for (sender,) in db.execute("SELECT DISTINCT sender_id FROM events")}
    assert not {"default", "rest:default", "rest:"} & senders


def test_metadata_over_its_limit_is_dropped_and_the_message_still_answered(servers):
    chat = Chat(servers, "big-metadata", metadata={"padding": "x" * 10_000, "staff_token": "y" * 20})
    assert chat.responses("hi there, good morning") == ("utter_greet_new",)
    with sqlite3.connect(servers.tracker_db) as db:
        (data,) = db.execute(
            "SELECT data FROM events WHERE sender_id = ? AND type_name = 'user'", (chat.identity,)
        ).fetchone()
    assert "padding" not in (json.loads(data).get("metadata") or {})
