"""The support actions with rasa_sdk trackers on a real store: handoffs and the staff desk."""

import pytest
from rasa_sdk import Tracker

from actions.handoff import preview_mark
from actions.identities import PREFIX_OF_CHANNEL
from actions.store import PartnerStore
from actions.support import Fallback, HandOffToPerson, ReportKeyProblem, StaffCommand
from tests.actions.helpers import domain, responses, run, unresolved_request_of

pytestmark = pytest.mark.usefixtures("sqlite_store_env")
STAFF_TOKEN = "action-test-token-0123456789"


def conversation(turns, sender="partner-actions", channel="rest", metadata=None, staff_command=None, language="en",
                 active_loop=None):
    """A tracker after ``turns``: (intent, text) user messages, each answered by the bot, from
    ``sender`` as the channel names it (``rest:partner-actions``)."""
    sender = identity(sender, channel)
    events = []
    for intent, text in turns:
        events.append({"event": "user", "text": text, "timestamp": 1763700000.0,
                       "parse_data": {"text": text, "intent": {"name": intent}}, "input_channel": channel})
        events.append({"event": "bot", "text": f"reply to {text}", "timestamp": 1763700001.0})
    events.pop()  # the last message is not answered yet
    intent, text = turns[-1]
    latest = {"text": text, "intent": {"name": intent, "confidence": 1.0}, "entities": [],
              "metadata": metadata or {}}
    if staff_command is not None:
        latest["staff_command"] = staff_command
    slots = {name: None for name in domain()["slots"]}
    slots["language"] = language
    return Tracker(sender, slots, latest, events, False, None, {"name": active_loop} if active_loop else {},
                   "action_listen")


def identity(sender, channel="rest"):
    return f"{PREFIX_OF_CHANNEL[channel]}:{sender}"


def open_request(url, sender):
    store = PartnerStore(url)
    try:
        return unresolved_request_of(store, identity(sender))
    finally:
        store.dispose()


def test_the_first_fallback_asks_to_rephrase_and_the_second_hands_off(sqlite_store_env):
    messages, _ = run(Fallback(), conversation([("greet", "hi"), ("nlu_fallback", "blorp")]))
    assert responses(messages) == ["utter_fallback"]
    assert open_request(sqlite_store_env, "partner-actions") is None
    messages, _ = run(Fallback(), conversation([("nlu_fallback", "blorp"), ("nlu_fallback", "zibble")]))
    assert responses(messages) == ["utter_fallback_handoff", "utter_support_request_opened"]
    request = open_request(sqlite_store_env, "partner-actions")
    assert messages[-1]["reference"] == request.reference
    assert request.trigger == "repeated_fallback"
    assert [line["text"] for line in request.transcript] == ["blorp", "reply to blorp", "zibble"]


def test_fallbacks_inside_a_form_are_free_text_answers_not_a_reason_to_hand_off(sqlite_store_env):
    turns = [("nlu_fallback", "Robert"), ("nlu_fallback", "3 weeks ago")]
    messages, _ = run(Fallback(), conversation(turns, active_loop="benefit_form"))
    assert responses(messages) == ["utter_fallback"]
    assert open_request(sqlite_store_env, "partner-actions") is None


def test_asking_for_a_person_after_a_benefit_question_is_a_benefits_request(sqlite_store_env):
    turns = [("ask_refund", "refund?"), ("request_human", "ik wil een medewerker")]
    messages, _ = run(HandOffToPerson(), conversation(turns, language="nl"))
    assert responses(messages) == ["utter_support_request_opened"]
    request = open_request(sqlite_store_env, "partner-actions")
    assert (request.category, request.language, request.rule_ids) == ("benefits", "nl", ("BEN-13",))


def test_a_preview_conversation_opens_nothing(sqlite_store_env):
    turns = [("request_human", "a person please")]
    marked = {"staff_preview": preview_mark("1")}
    messages, _ = run(HandOffToPerson(), conversation(turns, sender="staff-preview-1", metadata=marked))
    assert responses(messages) == ["utter_support_request_preview"]
    assert open_request(sqlite_store_env, "staff-preview-1") is None


@pytest.mark.parametrize("mark", [True, "yes", preview_mark("2"), preview_mark("1")[:-1]])
def test_a_preview_mark_from_anyone_but_the_preview_itself_is_ignored(sqlite_store_env, mark):
    turns = [("request_human", "a person please")]
    messages, _ = run(HandOffToPerson(), conversation(turns, sender="staff-preview-1", metadata={"staff_preview": mark}))
    assert responses(messages) == ["utter_support_request_opened"]
    assert open_request(sqlite_store_env, "staff-preview-1") is not None


def test_BEN_04_key_problem_action_explains_and_hands_off(sqlite_store_env):
    messages, _ = run(ReportKeyProblem(), conversation([("report_key_problem", "the key is invalid")]))
    assert responses(messages) == ["utter_key_problem", "utter_support_request_opened"]
    assert open_request(sqlite_store_env, "partner-actions").rule_ids == ("BEN-04", "BEN-05")


@pytest.mark.parametrize(
    "channel, metadata",
    [("rest", {}), ("rest", {"staff_token": "guess-0123456789abcdef"}), ("slack", {"slack_user": "U-OTHER"}),
     ("botframework", {}), ("socketio", {"staff_token": None})],
)
def test_staff_commands_are_refused_to_everyone_not_configured(monkeypatch, channel, metadata):
    monkeypatch.setenv("SUPPORT_STAFF_TOKENS", f"anna:{STAFF_TOKEN}")
    monkeypatch.setenv("SUPPORT_STAFF_SLACK_IDS", "U-STAFF")
    monkeypatch.setenv("SUPPORT_STAFF_TEAMS_IDS", "29:staff")
    turns = [("staff_command", "#list")]
    messages, _ = run(StaffCommand(), conversation(turns, channel=channel, metadata=metadata,
                                                   staff_command={"command": "list", "category": None}))
    assert responses(messages) == ["utter_staff_only"]


def test_staff_list_show_and_missing_reference(monkeypatch, sqlite_store_env):
    monkeypatch.setenv("SUPPORT_STAFF_TOKENS", f"anna:{STAFF_TOKEN}")
    run(HandOffToPerson(), conversation([("ask_mpa_status", "MPA?"), ("request_human", "a person")], sender="p1"))
    staff = {"staff_token": STAFF_TOKEN}

    def command(parsed):
        return run(StaffCommand(), conversation([("staff_command", "#")], sender="anna", metadata=staff,
                                                staff_command=parsed))[0]

    listing = command({"command": "list", "category": None})
    assert responses(listing) == ["utter_staff_open_requests"] and listing[0]["count"] == 1
    reference = listing[0]["buttons"][0]["title"]
    assert responses(command({"command": "list", "category": "benefits"})) == ["utter_staff_no_open_requests"]
    detail = command({"command": "show", "reference": reference})
    assert responses(detail) == ["utter_staff_request_detail"] and detail[0]["category"] == "mpa"
    assert responses(command({"command": "claim", "reference": None})) == ["utter_staff_needs_reference"]
    assert responses(command({"command": "note", "reference": reference, "text": ""})) == ["utter_staff_note_needs_text"]
    assert responses(command({"command": "help"})) == ["utter_staff_help"]
