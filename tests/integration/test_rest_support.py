"""The triage desk over the REST webhook with the real servers: every handoff trigger opens
the right support request, and a staff member (a web staff token) lists, opens, claims,
annotates and resolves it, and classifies a pasted question. Non-staff are refused."""

import re

import pytest

from actions.store import PartnerStore
from tests.actions.helpers import unresolved_request_of
from tests.integration.servers import AssistantServers, Chat

STAFF_TOKEN = "staff-token-0123456789abcdef"
REFERENCE = re.compile(r"SR-[0-9A-Z]{4}-[0-9A-Z]{4}")


@pytest.fixture(scope="module")
def servers(trained_model, tmp_path_factory):
    running = AssistantServers(
        trained_model,
        tmp_path_factory.mktemp("assistant-support"),
        extra_env={"SUPPORT_STAFF_TOKENS": f"anna:{STAFF_TOKEN}", "SUPPORT_STAFF_SLACK_IDS": "U-STAFF"},
    ).start()
    yield running
    running.stop()


def stored_request(servers, sender):
    store = PartnerStore(servers.store_url)
    try:
        return unresolved_request_of(store, f"rest:{sender}")
    finally:
        store.dispose()


def reference_in(reply):
    found = REFERENCE.search(reply)
    assert found, reply
    return found.group(0)


def test_asking_for_a_person_in_english_opens_an_mpa_request_with_the_transcript(servers):
    chat = Chat(servers, "handoff-person-en")
    chat.say("can we sign the MPA?")
    reply = chat.say("I want to talk to a person")
    reference = reference_in(reply)
    assert "Your reference number is" in reply and "usually within one working day" in reply
    request = stored_request(servers, "handoff-person-en")
    assert request.reference == reference
    assert (request.trigger, request.category, request.language) == ("asked_for_person", "mpa", "en")
    assert "MPA-01" in request.rule_ids
    assert [line["text"] for line in request.transcript if line["who"] == "partner"][:2] == [
        "can we sign the MPA?",
        "I want to talk to a person",
    ]
    # Asking again keeps the same request.
    again = chat.say("can I speak to a human")
    assert reference in again and "already have a support request open" in again


def test_asking_for_a_person_in_dutch_is_answered_in_dutch(servers):
    chat = Chat(servers, "handoff-person-nl")
    chat.say("hoe vind ik een partner?")
    reply = chat.say("ik wil een medewerker spreken")
    assert "Uw referentienummer is" in reply
    request = stored_request(servers, "handoff-person-nl")
    assert (request.category, request.language, request.priority) == ("relationships", "nl", "normal")
    assert request.reference == reference_in(reply)


def test_a_second_fallback_in_a_row_hands_off_with_low_priority(servers):
    chat = Chat(servers, "handoff-fallback")
    first = chat.turn("blorp zibble quax")
    assert first.responses == ("utter_did_you_mean",) and not REFERENCE.search(first.text)
    assert stored_request(servers, "handoff-fallback") is None
    handed_off = chat.turn("blorp zibble quax?")
    assert handed_off.responses == ("utter_fallback_handoff", "utter_support_request_opened")
    second = handed_off.text
    request = stored_request(servers, "handoff-fallback")
    assert request.reference == reference_in(second)
    assert (request.trigger, request.category, request.priority) == ("repeated_fallback", "other", "low")


def test_MPA_06_failed_verification_of_a_csp_partner_is_handed_off_with_high_priority(servers):
    chat = Chat(servers, "handoff-verification")
    chat.say("can we sign the MPA?")
    chat.say("We are a direct bill partner")  # the buttons' texts
    chat.say("We're already in Partner Center")
    blocked = chat.turn("the status is rejected")
    assert blocked.responses == ("utter_mpa_mpn_verification_failed", "utter_support_request_opened")
    reply = blocked.text
    request = stored_request(servers, "handoff-verification")
    assert request.reference == reference_in(reply)
    assert (request.trigger, request.category, request.priority) == ("verification_failed", "mpa", "high")
    assert request.rule_ids == ("MPA-06", "MPA-07")
    assert "csp_partner_type: direct_bill" in request.facts_summary
    assert "mpn_program_status: rejected" in request.facts_summary


def test_BEN_13_a_refund_to_request_is_handed_off(servers):
    chat = Chat(servers, "handoff-refund")
    chat.say("can I get a refund for our benefits package?")
    reply = chat.say("5 days ago")
    if "activated" in reply and not REFERENCE.search(reply):
        reply = chat.say("no")
    assert "service request" in reply
    request = stored_request(servers, "handoff-refund")
    assert request.reference == reference_in(reply)
    assert (request.trigger, request.category, request.rule_ids) == ("refund", "benefits", ("BEN-13",))
    assert request.priority == "normal" and "refund window closes on" in request.priority_reason


def test_BEN_04_a_key_that_does_not_work_is_handed_off_in_dutch(servers):
    chat = Chat(servers, "handoff-key")
    reply = chat.say("de productsleutel werkt niet")
    assert "alleen Microsoft-ondersteuning" in reply and "Uw referentienummer is" in reply
    request = stored_request(servers, "handoff-key")
    assert (request.trigger, request.category, request.language) == ("key_not_working", "benefits", "nl")
    assert set(request.rule_ids) <= {"BEN-04", "BEN-05"} and request.rule_ids


@pytest.mark.parametrize(
    "metadata",
    [None, {}, {"staff_token": "wrong-token-0123456789abcdef"}, {"staff_token": STAFF_TOKEN[:-1]}],
)
def test_staff_commands_are_refused_to_non_staff_over_rest(servers, metadata):
    chat = Chat(servers, "nosy-partner", metadata=metadata)
    for command in ("#list", "#show SR-00001", "#claim SR-00001", "#resolve SR-00001", "#classify hello"):
        reply = chat.say(command)
        assert reply.startswith("Those commands are for support staff only"), (command, reply)
        assert "SR-00001 -" not in reply
    # The REST sender id of a Slack staff member is no staff identity either.
    assert "support staff only" in Chat(servers, "U-STAFF").say("#list")


def test_a_staff_member_sees_claims_notes_and_resolves_a_request_end_to_end(servers):
    partner = Chat(servers, "handoff-e2e")
    partner.say("how do I get my software keys?")
    reference = reference_in(partner.say("I want to talk to a person"))

    staff = Chat(servers, "staff-anna", metadata={"staff_token": STAFF_TOKEN})
    listing = staff.send("#list")
    text = "\n".join(message.get("text", "") for message in listing)
    assert text.startswith("Open requests (")
    assert reference in text
    # Most urgent first: the failed verification (high) comes before normal requests.
    lines = [line for line in text.splitlines() if REFERENCE.match(line)]
    priorities = [re.search(r"\[(\w+)\]", line).group(1) for line in lines]
    assert priorities == sorted(priorities, key=["high", "normal", "low"].index)
    assert any(button["payload"].startswith("#show SR-") for message in listing for button in message.get("buttons", []))
    benefits_only = staff.say("#list benefits")
    assert reference in benefits_only and "[high] mpa" not in benefits_only

    detail = staff.say(f"#show {reference}")
    assert detail.startswith(f"{reference} - status open")
    assert "Category: benefits" in detail and "Trigger: asked_for_person" in detail
    assert "[partner] I want to talk to a person" in detail

    assert staff.say(f"#claim {reference}") == f"{reference} is yours now."
    assert staff.say(f"#note {reference} Sent the partner the key instructions") == f"Note added to {reference}."
    assert "web:anna: Sent the partner the key instructions" in staff.say(f"#show {reference}")
    assert staff.say(f"#resolve {reference}") == f"{reference} is resolved and closed."
    assert reference not in staff.say("#list benefits")
    assert "already resolved (by web:anna)" in staff.say(f"#resolve {reference}")
    assert "I can't find request SR-99999" in staff.say("#show SR-99999")
    request = stored_request(servers, "handoff-e2e")
    assert request is None  # resolved: the partner has no open request any more


def test_staff_classify_a_pasted_question_before_replying(servers):
    staff = Chat(servers, "staff-classify", metadata={"staff_token": STAFF_TOKEN})
    reply = staff.say("#classify Can I get a refund for our benefits?")
    assert reply.startswith("This is how I understand the question:")
    assert "Intent: ask_refund (confidence " in reply
    assert "Rules that apply: BEN-13" in reply
    answer = reply.split("My answer to a new partner:\n", 1)[1]
    assert "30 days" in answer and answer.rstrip().splitlines()[-1].startswith("When did you buy")
    dutch = staff.say("#classificeer ik wil een medewerker spreken")
    assert "Intent: request_human" in dutch
    assert "(Here I would open a support request" in dutch or "(Hier zou ik een supportverzoek openen" in dutch
    # The preview opened nothing.
    store = PartnerStore(servers.store_url)
    try:
        assert not [r for r in store.support.unresolved_requests() if r.sender_id.startswith("rest:staff-preview-")]
    finally:
        store.dispose()
