"""Whole conversations over the REST webhook against the real action server and Rasa
server, checking which responses were chosen (and the words only where they are the point:
names, addresses, numbers, the language), the facts in the state store, and that progress
survives a restart of both servers."""

import pytest

from actions.store import PartnerStore
from tests.integration.servers import AssistantServers, Chat, in_language


@pytest.fixture(scope="module")
def servers(trained_model, tmp_path_factory):
    running = AssistantServers(trained_model, tmp_path_factory.mktemp("assistant")).start()
    yield running
    running.stop()


def facts_of(servers, sender):
    store = PartnerStore(servers.store_url)
    try:
        return dict(store.facts(f"rest:{sender}"))
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
    greeting = chat.turn("hallo")
    assert greeting.responses == ("utter_greet_new",) and in_language(greeting, "nl")
    start = chat.turn("ik wil een partner center account aanmaken")
    assert start.responses == ("utter_onboarding_intro", "utter_ask_mpn_member") and in_language(start, "nl")
    assert chat.responses("ja") == ("utter_ask_work_account",)
    assert chat.responses("ja, die hebben we") == ("utter_work_account_reuse", "utter_ask_work_email")
    rejected = chat.turn("jan.devries@gmail.com")
    assert rejected.responses == ("utter_email_personal", "utter_ask_work_email")  # asked again
    assert "gmail.com" in rejected.text
    accepted = chat.turn("jan.devries@contoso.nl")
    assert accepted.responses[0] == "utter_email_accepted_regional" and "jan.devries@contoso.nl" in accepted.text
    chat.say("ja")
    chat.say("ja")
    assert chat.responses("ja")[-1] == "utter_enrollment_step_1"
    assert chat.responses("klaar") == ("utter_enrollment_step_2_sign_in",)
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
    assert chat.responses("I want to create a Partner Center account")[-1] == "utter_ask_mpn_member"
    interrupted = chat.responses("where do I download the MPN agreement?")
    assert interrupted == ("utter_mpn_agreement_location", "utter_ask_mpn_member")  # the form asks again
    dutch = chat.turn("ja, we zijn lid van het partner network")
    assert dutch.responses == ("utter_ask_work_account",) and in_language(dutch, "nl")  # switched to Dutch
    english = chat.turn("no, we don't have a work account yet")  # and back to English
    assert english.responses[0] == "utter_work_account_create_during_enrollment" and in_language(english, "en")
    assert facts_of(servers, "en-partner")["work_account"] == "none"


def test_direct_questions_are_answered_from_the_rules(servers):
    chat = Chat(servers, "direct-questions")
    assert chat.responses("can I use my gmail address?") == ("utter_email_personal",)
    assert chat.responses("we have Office 365, do we have a work account?") == ("utter_work_account_exists",)
    assert facts_of(servers, "direct-questions")["has_cloud_subscription"] is True
    agreement = chat.turn("waar download ik de MPN overeenkomst?")
    assert agreement.responses == ("utter_mpn_agreement_location",) and in_language(agreement, "nl")


def test_WA_02_a_named_headquarters_domain_is_kept_and_a_branch_address_refused_in_english(servers):
    chat = Chat(servers, "wa-02-en")
    named = chat.turn("our head office uses contoso.com, the Dutch branch contoso.nl")
    assert named.responses == ("utter_headquarters_domain_named",) and "contoso.com" in named.text
    assert facts_of(servers, "wa-02-en")["headquarters_domain"] == "contoso.com"
    refused = chat.turn("can I use admin@contoso.nl as the global admin's email?")
    assert refused.responses == ("utter_email_use_headquarters",)
    assert "contoso.com" in refused.text and in_language(refused, "en")
    assert chat.responses("and admin@contoso.com?") == ("utter_email_accepted",)


def test_WA_02_a_named_headquarters_domain_is_kept_and_a_branch_address_refused_in_dutch(servers):
    chat = Chat(servers, "wa-02-nl")
    named = chat.turn("ons hoofdkantoor gebruikt bakkerbouw.nl en de vestiging in Antwerpen bakkerbouw.be")
    assert named.responses == ("utter_headquarters_domain_named",) and in_language(named, "nl")
    assert facts_of(servers, "wa-02-nl")["headquarters_domain"] == "bakkerbouw.nl"
    refused = chat.turn("mag ik beheer@bakkerbouw.be gebruiken voor de globale beheerder?")
    assert refused.responses == ("utter_email_use_headquarters",) and in_language(refused, "nl")
    assert "bakkerbouw.nl" in refused.text


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
    resumed = chat.turn("where was I?")
    assert resumed.responses == ("utter_enrollment_step_2_sign_in",) and "Step 2 of 5" in resumed.text
    assert facts_of(servers, "restart-partner")["enrollment_steps_done"] == 1
    resumed = chat.turn("waar was ik gebleven?")
    assert resumed.responses == ("utter_enrollment_step_2_sign_in",) and "Stap 2 van 5" in resumed.text
