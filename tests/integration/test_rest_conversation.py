"""Whole conversations over the REST webhook against the real action server and Rasa
server, checking the replies and the facts in the state store, and that progress
survives a restart of both servers."""

import pytest

from actions.store import PartnerStore
from tests.integration.servers import AssistantServers, Chat


@pytest.fixture(scope="module")
def servers(trained_model, tmp_path_factory):
    running = AssistantServers(trained_model, tmp_path_factory.mktemp("assistant")).start()
    yield running
    running.stop()


def facts_of(servers, sender):
    store = PartnerStore(servers.store_url)
    try:
        return dict(store.facts(sender))
    finally:
        store.dispose()


def answer_questions_until_steps(chat, language):
    yes, have_one = ("ja", "ja, die hebben we") if language == "nl" else ("yes", "yes we have one")
    chat.say(yes)  # MPN member (ONB-01)
    chat.say(have_one)  # work account exists (WA-03)
    chat.say("beheer@contoso.com")  # WA-01
    chat.say(yes)
    chat.say(yes)
    return chat.say(yes)  # ONB-02 complete: step 1 follows


def test_dutch_onboarding_with_rejected_email_and_stored_facts(servers):
    chat = Chat(servers, "nl-partner")
    assert "Partner Center-assistent" in chat.say("hallo")
    reply = chat.say("ik wil een partner center account aanmaken")
    assert "Is uw bedrijf lid van het Microsoft Partner Network" in reply
    assert "werkaccount" in chat.say("ja")
    assert "werk-e-mailadres van de globale beheerder" in chat.say("ja, die hebben we")
    rejected = chat.say("jan.devries@gmail.com")
    assert "gmail.com is een persoonlijk e-mailadres" in rejected
    assert "werk-e-mailadres van de globale beheerder" in rejected  # asked again
    assert "jan.devries@contoso.nl staat op het bedrijfsdomein contoso.nl" in chat.say("jan.devries@contoso.nl")
    chat.say("ja")
    chat.say("ja")
    reply = chat.say("ja")
    assert "Stap 1 van 5" in reply
    assert "Stap 2 van 5: selecteer Aanmelden" in chat.say("klaar")
    facts = facts_of(servers, "nl-partner")
    assert facts["mpn_member"] is True
    assert facts["work_account"] == "exists"
    assert facts["work_email"] == "jan.devries@contoso.nl"
    assert facts["enrollment_steps_done"] == 1
    assert all(
        facts[f"prerequisite_{item}"]
        for item in ("admin_email", "legal_details", "signing_authority", "primary_contact")
    )


def test_english_interruption_and_language_switch_mid_form(servers):
    chat = Chat(servers, "en-partner")
    assert "Is your company a member of the Microsoft Partner Network" in chat.say(
        "I want to create a Partner Center account"
    )
    reply = chat.say("where do I download the MPN agreement?")
    assert "Partner settings" in reply and "MPN program status" in reply
    assert "Is your company a member" in reply  # the form asks again
    reply = chat.say("ja, we zijn lid van het partner network")
    assert "Heeft uw bedrijf al een werkaccount" in reply  # switched to Dutch
    reply = chat.say("no, we don't have a work account yet")  # and back to English
    assert "create one during enrollment" in reply
    assert facts_of(servers, "en-partner")["work_account"] == "none"


def test_direct_questions_are_answered_from_the_rules(servers):
    chat = Chat(servers, "direct-questions")
    assert "You can't use" in chat.say("can I use my gmail address?")
    reply = chat.say("we have Office 365, do we have a work account?")
    assert "you already have a work account" in reply
    assert facts_of(servers, "direct-questions")["has_cloud_subscription"] is True
    assert "Microsoft Partner Network-overeenkomst" in chat.say("waar download ik de MPN overeenkomst?")


def test_never_silent_on_gibberish_or_a_huge_message(servers):
    chat = Chat(servers, "robustness")
    assert chat.say("qwzx plorf vlim grubbel")
    long_reply = chat.say("ik heb een vraag over partner center " * 300)
    assert long_reply
    assert chat.say("ok")


def test_progress_survives_a_restart_of_both_servers(servers):
    chat = Chat(servers, "restart-partner")
    chat.say("I want to create a Partner Center account")
    assert "Step 1 of 5" in answer_questions_until_steps(chat, "en")
    chat.say("done")
    servers.restart()
    chat = Chat(servers, "restart-partner")
    reply = chat.say("where was I?")
    assert "Step 2 of 5" in reply
    assert facts_of(servers, "restart-partner")["enrollment_steps_done"] == 1
    reply = chat.say("waar was ik gebleven?")
    assert "Stap 2 van 5" in reply
