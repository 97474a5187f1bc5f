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


def test_ONB_02_dutch_checklist_names_exactly_what_is_missing_and_stores_the_answers(servers):
    chat = Chat(servers, "nl-partner")
    greeting = chat.turn("hallo")
    assert greeting.responses == ("utter_greet_new",) and in_language(greeting, "nl")
    start = chat.turn("ik wil een partner center account aanmaken")
    assert start.responses == ("utter_onboarding_intro", "utter_readiness_rule", "utter_ask_mpn_member")
    assert in_language(start, "nl")
    assert chat.responses("ja") == ("utter_prerequisites_start", "utter_ask_admin_email")  # ONB-01 settled
    unknown = chat.turn("weet ik nog niet, dat moet ik navragen")
    assert unknown.responses == ("utter_prerequisites_missing", "utter_ask_prerequisite_legal_details")
    assert "het werk-e-mailadres van de globale beheerder" in unknown.text
    assert chat.responses("ja") == ("utter_prerequisites_missing", "utter_ask_prerequisite_signing_authority")
    assert chat.responses("ja") == ("utter_prerequisites_missing", "utter_ask_prerequisite_primary_contact")
    missing = chat.turn("ja")
    assert missing.responses == ("utter_prerequisites_missing",) and in_language(missing, "nl")
    assert "globale beheerder" in missing.text and "primaire contactpersoon" not in missing.text
    facts = facts_of(servers, "nl-partner")
    assert facts["mpn_member"] is True
    assert facts["prerequisite_admin_email"] is False
    assert all(facts[f"prerequisite_{item}"] for item in ("legal_details", "signing_authority", "primary_contact"))


def test_english_interruption_and_language_switch_mid_checklist(servers):
    chat = Chat(servers, "en-partner")
    assert chat.responses("I want to create a Partner Center account")[-1] == "utter_ask_mpn_member"
    interrupted = chat.responses("does having Office 365 mean we already have a work account?")
    # WA-03 answered, then the open question is asked again.
    assert interrupted == ("utter_work_account_exists", "utter_back_to_question", "utter_ask_mpn_member")
    dutch = chat.turn("ja, we zijn lid van het partner network")
    assert dutch.responses == ("utter_prerequisites_start", "utter_ask_admin_email") and in_language(dutch, "nl")
    english = chat.turn("no, I don't know the admin's email address yet")  # and back to English
    assert english.responses == ("utter_prerequisites_missing", "utter_ask_prerequisite_legal_details")
    assert in_language(english, "en")
    again_dutch = chat.turn("ja hoor, naam en adres van de bv liggen klaar")
    assert again_dutch.responses[-1] == "utter_ask_prerequisite_signing_authority" and in_language(again_dutch, "nl")
    facts = facts_of(servers, "en-partner")
    assert facts["has_cloud_subscription"] is True and facts["work_account"] == "exists"
    assert facts["mpn_member"] is True and facts["prerequisite_admin_email"] is False
    assert facts["prerequisite_legal_details"] is True


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


def test_ONB_03_progress_survives_a_restart_of_both_servers(servers):
    chat = Chat(servers, "restart-partner")
    ready = chat.turn(
        "We're MPN members and would like to enroll now. I have the global admin's work email ready, plus our "
        "legal company name and address, I'm authorised to sign agreements, and the primary contact will be "
        "Rob Jansen, rob.jansen@fabrikam.com. We already use Office 365."
    )
    assert ready.responses == ("utter_enrollment_step_1",) and "Step 1 of 5" in ready.text
    assert chat.responses("done") == ("utter_enrollment_step_2_sign_in",)
    servers.restart()
    chat = Chat(servers, "restart-partner")
    resumed = chat.turn("where was I?")
    assert resumed.responses == ("utter_enrollment_step_2_sign_in",) and "Step 2 of 5" in resumed.text
    facts = facts_of(servers, "restart-partner")
    assert facts["enrollment_steps_done"] == 1 and facts["work_account"] == "exists"
    resumed = chat.turn("waar was ik gebleven?")
    assert resumed.responses == ("utter_enrollment_step_2_sign_in",) and "Stap 2 van 5" in resumed.text
