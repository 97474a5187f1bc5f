"""The onboarding actions (ONB-01..07) and the conversation around them, on a real SQLite
store: the rule first, one question at a time, answers read in sentences."""

import pytest

from actions import base
from actions.conversation import Greet, RestartCase
from actions.mpa import AnswerMpaMandatory
from actions.onboarding import (
    AnswerFinishSetup,
    AnswerRequirements,
    AnswerRoles,
    CompleteStep,
    RecordContactVerified,
    StartOnboarding,
)
from actions.store import StoreUnavailable, store_from_env
from tests.actions.helpers import Conversation

pytestmark = pytest.mark.usefixtures("sqlite_store_env")

ONBOARDING_QUESTIONS = {
    "utter_ask_mpn_member",
    "utter_ask_admin_email",
    "utter_ask_prerequisite_legal_details",
    "utter_ask_prerequisite_signing_authority",
    "utter_ask_prerequisite_primary_contact",
    "utter_offer_readiness_check",
    "utter_ask_admin_agent",
}


def facts(sender):
    return store_from_env().facts(sender)


@pytest.mark.parametrize(
    "language, text",
    [
        ("en", "Before I start the Partner Center signup, what should I have at hand?"),
        ("nl", "wat heb ik allemaal nodig voor ik ons bedrijf in partner center inschrijf?"),
    ],
)
def test_ONB_02_what_to_have_ready_gets_the_rule_and_one_question(language, text):
    chat = Conversation("onb-ready", language)
    said = chat.turn(AnswerRequirements(), text, "ask_requirements")
    assert said[0] == "utter_readiness_rule"
    assert len([response for response in said if response in ONBOARDING_QUESTIONS]) == 1
    said = chat.turn(AnswerRequirements(), "yes please" if language == "en" else "ja, graag", "affirm")
    assert said[-1] == "utter_ask_mpn_member"
    chat.turn(AnswerRequirements(), "yep, we are MPN members" if language == "en" else "ja, we zijn lid van MPN", "affirm")
    assert facts("onb-ready")["mpn_member"] is True
    assert chat.pending["fact"] == "prerequisite_admin_email"


@pytest.mark.parametrize(
    "language, answer",
    [
        ("en", "yes, it's Ria Vermeulen, ria.vermeulen@bouwgroep-noord.nl"),
        ("nl", "ja, dat wordt Ria Vermeulen, ria.vermeulen@bouwgroep-noord.nl"),
    ],
)
def test_ONB_02_yes_with_a_name_and_email_answers_the_primary_contact_question(language, answer):
    store = store_from_env()
    store.onboarding.record_mpn_membership("onb-contact", True)
    for item in ("admin_email", "legal_details", "signing_authority"):
        store.onboarding.record_prerequisite("onb-contact", item, True)
    chat = Conversation("onb-contact", language)
    said = chat.turn(StartOnboarding(), "let's continue with the enrollment" if language == "en" else "verder met de inschrijving",
                     "start_onboarding")
    assert said[-1] == "utter_ask_prerequisite_primary_contact"
    said = chat.turn(StartOnboarding(), answer, "affirm")
    assert facts("onb-contact")["prerequisite_primary_contact"] is True
    assert "utter_ask_prerequisite_primary_contact" not in said
    assert "work_email" not in facts("onb-contact")  # the contact's email is not the admin's


@pytest.mark.parametrize(
    "language, text",
    [
        ("en", "We aren't in MPN yet. Which roles do I need in Partner Center?"),
        ("nl", "we zijn nog geen MPN lid, welke rollen heb ik nodig?"),
    ],
)
def test_ONB_01_a_company_that_says_it_is_no_member_joins_first(language, text):
    chat = Conversation("onb-member", language)
    said = chat.turn(AnswerRoles(), text, "ask_roles")
    assert facts("onb-member")["mpn_member"] is False
    assert said[0] == "utter_join_mpn_first"


def test_ONB_03_steps_go_in_order_and_a_skipped_step_is_refused():
    store = store_from_env()
    store.onboarding.record_mpn_membership("onb-steps", True)
    for item in ("admin_email", "legal_details", "signing_authority", "primary_contact"):
        store.onboarding.record_prerequisite("onb-steps", item, True)
    chat = Conversation("onb-steps")
    said = chat.turn(StartOnboarding(), "ok let's go", "start_onboarding")
    assert "utter_enrollment_step_1" in said
    chat.turn(CompleteStep(), "done with that", "step_done")
    assert facts("onb-steps")["enrollment_steps_done"] == 1
    said = chat.turn(CompleteStep(), "done", "step_done")
    said = chat.turn(CompleteStep(), "done", "step_done")
    assert "utter_verification_email_sent" in said
    assert facts("onb-steps")["enrollment_steps_done"] == 3


def test_ONB_04_contact_verified_before_enrolling_is_refused():
    chat = Conversation("onb-verified", "nl")
    said = chat.turn(RecordContactVerified(), "de contactpersoon heeft de verificatiemail bevestigd", "inform_contact_verified")
    assert "utter_contact_verified_recorded" not in said
    assert not facts("onb-verified").get("primary_contact_verified")


@pytest.mark.parametrize(
    "language, text",
    [
        ("en", "I'm not in the admin agent group, can I finish the setup and add users?"),
        ("nl", "ik zit niet in de groep admin agent, kan ik de installatie afronden?"),
    ],
)
def test_ONB_05_not_an_admin_agent_is_not_allowed_to_finish_the_setup(language, text):
    chat = Conversation("onb-setup", language)
    said = chat.turn(AnswerFinishSetup(), text, "ask_finish_setup")
    assert "utter_finish_setup_allowed" not in said
    assert facts("onb-setup").get("user_role") not in ("admin_agent", "global_admin")


@pytest.mark.parametrize("language", ["en", "nl"])
def test_ONB_02_an_mpa_question_mid_way_is_answered_and_the_checklist_question_asked_again(language):
    store_from_env().onboarding.record_mpn_membership("onb-midway", True)
    chat = Conversation("onb-midway", language)
    chat.turn(StartOnboarding(), "start the enrollment" if language == "en" else "starten maar", "start_onboarding")
    assert chat.pending["fact"] == "prerequisite_admin_email"
    said = chat.turn(AnswerMpaMandatory(), "by the way, is signing the MPA mandatory for us later on?" if language == "en"
                     else "trouwens, moeten we later verplicht de MPA tekenen?", "ask_mpa_mandatory")
    assert said[0] == "utter_mpa_mandatory"
    assert said[-2:] == ["utter_back_to_question", "utter_ask_admin_email"]


def test_ONB_03_a_returning_partner_is_greeted_with_the_progress_and_start_over_forgets_it():
    store = store_from_env()
    store.onboarding.record_reported_progress("onb-back", 2)
    chat = Conversation("onb-back", "nl")
    said = chat.turn(Greet(), "goedemorgen", "greet")
    assert said == ["utter_greet_returning_step"]
    assert chat.messages[0]["steps_done"] == 2
    said = chat.turn(RestartCase(), "opnieuw beginnen aub", "start_over")
    assert said == ["utter_restarted"]
    assert chat.slots["language"] == "nl"
    assert not facts("onb-back").get("enrollment_steps_done")


def test_a_database_that_is_down_gets_a_polite_answer(monkeypatch):
    def unavailable():
        raise StoreUnavailable("down")

    monkeypatch.setattr(base, "partner_store", unavailable)
    chat = Conversation("onb-down")
    said = chat.turn(StartOnboarding(), "start", "start_onboarding")
    assert said == ["utter_store_unavailable"]


@pytest.mark.parametrize(
    "language, answer",
    [("en", "Bob Smit, bob@fabrikam-bouw.nl"), ("nl", "dat is beheer@fabrikam-bouw.nl")],
)
def test_ONB_02_WA_01_an_email_given_for_the_global_admin_is_the_global_admins(language, answer):
    chat = Conversation(f"onb-admin-email-{language}", language)
    chat.turn(AnswerRequirements(), "what do I need before enrolling?", "ask_requirements")
    chat.turn(AnswerRequirements(), "yes", "affirm")
    chat.turn(AnswerRequirements(), "yes we are members", "affirm")
    assert chat.pending["fact"] == "prerequisite_admin_email"
    chat.turn(AnswerRequirements(), answer, "inform")
    case = facts(f"onb-admin-email-{language}")
    assert case["prerequisite_admin_email"] is True and case["work_email"].endswith("@fabrikam-bouw.nl")
    assert case.get("prerequisite_primary_contact") is not True


def test_ONB_02_WA_01_a_gmail_address_for_the_global_admin_is_refused_and_asked_again():
    chat = Conversation("onb-admin-gmail", "nl")
    chat.turn(AnswerRequirements(), "wat heb ik nodig voor de inschrijving?", "ask_requirements")
    chat.turn(AnswerRequirements(), "ja", "affirm")
    chat.turn(AnswerRequirements(), "ja, we zijn lid", "affirm")
    said = chat.turn(AnswerRequirements(), "jan.devries@gmail.com", "inform")
    assert said[0] == "utter_email_personal" and chat.pending["fact"] == "prerequisite_admin_email"
    assert facts("onb-admin-gmail").get("prerequisite_admin_email") is not True


def test_ONB_03_it_accepted_in_the_middle_of_the_steps_finishes_the_current_step():
    store_from_env().onboarding.record_reported_progress("onb-step-it", 3)
    chat = Conversation("onb-step-it", "nl")
    said = chat.turn(AnswerRequirements(), "die heb ik geaccepteerd. is er nog iets?", "ask_requirements")
    assert facts("onb-step-it")["enrollment_steps_done"] == 4
    assert said[-1] == "utter_enrollment_step_5"
