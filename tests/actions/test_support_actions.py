"""Support on a real SQLite store: "did you mean", handoffs, out of scope and the staff desk."""

import pytest
from rasa_sdk import Tracker

from actions.conversation import AnswerStatement, DidYouMean, OutOfScope
from actions.handoff import preview_mark
from actions.identities import PREFIX_OF_CHANNEL
from actions.store import PartnerStore
from actions.support import HandOffToPerson, ReportKeyProblem, StaffCommand
from tests.actions.helpers import Conversation, domain, responses, run, unresolved_request_of

pytestmark = pytest.mark.usefixtures("sqlite_store_env")
STAFF_TOKEN = "action-test-token-0123456789"
UNSURE = [("nlu_fallback", 0.42), ("ask_refund", 0.31), ("ask_vs_reassign", 0.14), ("greet", 0.06), ("ask_mca", 0.02)]


def conversation(turns, sender="partner-actions", channel="rest", metadata=None, staff_command=None, language="en"):
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
    return Tracker(sender, slots, latest, events, False, None, {}, "action_listen")


def identity(sender, channel="rest"):
    return f"{PREFIX_OF_CHANNEL[channel]}:{sender}"


def open_request(url, sender):
    store = PartnerStore(url)
    try:
        return unresolved_request_of(store, sender)
    finally:
        store.dispose()


@pytest.mark.parametrize(
    "language, text",
    [("en", "that money thing with the VS stuff we bought, how?"), ("nl", "dat geld van dat vs pakket, hoe zit dat")],
)
def test_did_you_mean_offers_the_likeliest_in_scope_readings_and_a_person(sqlite_store_env, language, text):
    chat = Conversation("dym", language)
    said = chat.turn(DidYouMean(), text, "nlu_fallback", ranking=UNSURE)
    assert said == ["utter_did_you_mean"]
    payloads = [button["payload"] for button in chat.messages[0]["buttons"]]
    assert payloads == ["/ask_refund", "/ask_vs_reassign", "/request_human"]
    assert all(button["title"] for button in chat.messages[0]["buttons"])
    assert chat.pending["topic"] == "support" and chat.pending["fact"] == "handoff_offer"
    assert open_request(sqlite_store_env, "dym") is None


def test_a_second_fallback_in_a_row_hands_off_to_a_person(sqlite_store_env):
    chat = Conversation("dym-twice")
    chat.turn(DidYouMean(), "hmm the thing with the portal", "nlu_fallback", ranking=UNSURE)
    said = chat.turn(DidYouMean(), "no, the other portal thingy", "nlu_fallback", ranking=UNSURE)
    assert said == ["utter_fallback_handoff", "utter_support_request_opened"]
    request = open_request(sqlite_store_env, "dym-twice")
    assert request.trigger == "repeated_fallback"
    assert chat.messages[-1]["reference"] == request.reference
    assert [line["text"] for line in request.transcript][-1] == "no, the other portal thingy"


@pytest.mark.parametrize(
    "language, text, yes",
    [("en", "Which laptop brand do you recommend for my developers?", "yes please"),
     ("nl", "welk merk laptop raad je aan voor onze developers?", "ja graag")],
)
def test_out_of_scope_gets_an_honest_answer_and_the_offer_of_a_support_request(sqlite_store_env, language, text, yes):
    chat = Conversation("oos", language)
    said = chat.turn(OutOfScope(), text, "out_of_scope", ranking=[("out_of_scope", 0.9), ("ask_benefit", 0.03)])
    assert said == ["utter_out_of_scope", "utter_offer_support_request"]
    assert chat.pending["fact"] == "handoff_offer"
    assert open_request(sqlite_store_env, "oos") is None
    said = chat.turn(AnswerStatement(), yes, "affirm")
    assert said == ["utter_support_request_opened"]
    assert open_request(sqlite_store_env, "oos").trigger == "asked_for_person"
    assert chat.pending is None


def test_asking_for_a_person_after_a_benefit_question_is_a_benefits_request(sqlite_store_env):
    turns = [("ask_refund", "refund?"), ("request_human", "ik wil een medewerker")]
    messages, _ = run(HandOffToPerson(), conversation(turns, language="nl"))
    assert responses(messages) == ["utter_support_request_opened"]
    request = open_request(sqlite_store_env, identity("partner-actions"))
    assert (request.category, request.language, request.rule_ids) == ("benefits", "nl", ("BEN-13",))


def test_a_preview_conversation_opens_nothing(sqlite_store_env):
    marked = {"staff_preview": preview_mark("1")}
    messages, _ = run(HandOffToPerson(), conversation([("request_human", "a person please")], sender="staff-preview-1",
                                                      metadata=marked))
    assert responses(messages) == ["utter_support_request_preview"]
    assert open_request(sqlite_store_env, identity("staff-preview-1")) is None


@pytest.mark.parametrize("mark", [True, "yes", preview_mark("2"), preview_mark("1")[:-1]])
def test_a_preview_mark_from_anyone_but_the_preview_itself_is_ignored(sqlite_store_env, mark):
    messages, _ = run(HandOffToPerson(), conversation([("request_human", "a person please")], sender="staff-preview-1",
                                                      metadata={"staff_preview": mark}))
    assert responses(messages) == ["utter_support_request_opened"]
    assert open_request(sqlite_store_env, identity("staff-preview-1")) is not None


def test_BEN_04_a_product_key_that_does_not_work_is_explained_and_handed_off(sqlite_store_env):
    messages, _ = run(ReportKeyProblem(), conversation([("report_key_problem", "the product key keeps saying invalid")]))
    assert responses(messages) == ["utter_key_problem", "utter_support_request_opened"]
    assert open_request(sqlite_store_env, identity("partner-actions")).rule_ids == ("BEN-04",)


@pytest.mark.parametrize(
    "channel, metadata",
    [("rest", {}), ("rest", {"staff_token": "guess-0123456789abcdef"}), ("slack", {"slack_user": "U-OTHER"}),
     ("botframework", {}), ("socketio", {"staff_token": None})],
)
def test_staff_commands_are_refused_to_everyone_not_configured(monkeypatch, channel, metadata):
    monkeypatch.setenv("SUPPORT_STAFF_TOKENS", f"anna:{STAFF_TOKEN}")
    monkeypatch.setenv("SUPPORT_STAFF_SLACK_IDS", "U-STAFF")
    monkeypatch.setenv("SUPPORT_STAFF_TEAMS_IDS", "29:staff")
    messages, _ = run(StaffCommand(), conversation([("staff_command", "#list")], channel=channel, metadata=metadata,
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
