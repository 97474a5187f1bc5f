"""The MPA actions (MPA-01..13) on a real SQLite store: facts stated in the question are
recorded and used in the same turn, general questions get the rule first, and answers to the
one open question are read in sentences."""

import pytest

from actions.benefits import AnswerBenefit
from actions.conversation import AnswerStatement
from actions.mpa import (
    AnswerAcceptButton,
    AnswerMpaRegions,
    AnswerMpaSigner,
    AnswerVerifyMpa,
    MpaCheck,
    RecordMpaSignature,
)
from actions.store import store_from_env
from tests.actions.helpers import Conversation, unresolved_request_of

pytestmark = pytest.mark.usefixtures("sqlite_store_env")

QUESTIONS = {
    "utter_ask_csp_partner_type",
    "utter_ask_mpn_account",
    "utter_ask_mpn_program_status",
    "utter_ask_indirect_reseller_status",
    "utter_ask_mpa_global_admin",
    "utter_ask_csp_countries",
    "utter_ask_signed_region",
}


def facts(sender):
    return store_from_env().facts(sender)


def questions_in(said):
    return [response for response in said if response in QUESTIONS]


@pytest.mark.parametrize(
    "language, text",
    [
        ("en", "Partner profile says our MPN program status is pending... are we able to sign the MPA yet?"),
        ("nl", "bij ons mpn programma staat de status al weken op pending, kunnen we de MPA al ondertekenen?"),
    ],
)
def test_MPA_06_MPA_07_a_pending_status_in_the_question_is_a_failed_verification_not_a_partner_type_question(
    language, text
):
    chat = Conversation("mpa-pending", language)
    said = chat.turn(MpaCheck(), text, "ask_mpa_status")
    assert said == ["utter_mpa_mpn_verification_failed", "utter_support_request_opened"]
    assert questions_in(said) == []
    assert facts("mpa-pending")["mpn_program_status"] == "pending"
    assert chat.pending is None
    request = unresolved_request_of(store_from_env(), "mpa-pending")
    assert (request.trigger, request.category, request.language) == ("verification_failed", "mpa", language)
    assert "MPA-06" in request.rule_ids


@pytest.mark.parametrize(
    "language, text",
    [
        ("en", "who in our company is actually allowed to sign the MPA?"),
        ("nl", "wie mag bij ons eigenlijk de partner agreement tekenen?"),
    ],
)
def test_MPA_01_who_may_sign_gets_the_rule_then_one_question(language, text):
    chat = Conversation("mpa-signer", language)
    said = chat.turn(AnswerMpaSigner(), text, "ask_mpa_signer")
    assert said == ["utter_mpa_signer_rule", "utter_ask_mpa_global_admin"]
    assert chat.pending["topic"] == "mpa" and chat.pending["fact"] == "user_role"
    said = chat.turn(AnswerMpaSigner(), "yes, I'm the one with global admin rights" if language == "en"
                     else "ja, ik ben zelf globale beheerder", "affirm")
    assert facts("mpa-signer")["user_role"] == "global_admin"
    assert said[0] == "utter_rule_csp_partner_type" and questions_in(said) == ["utter_ask_csp_partner_type"]


@pytest.mark.parametrize(
    "language, text",
    [
        ("en", "Do we sign the MPA once for every country we sell in, or how does that work?"),
        ("nl", "moet de MPA voor elk land apart getekend worden?"),
    ],
)
def test_MPA_04_signed_per_region_is_answered_as_the_rule_with_at_most_one_question(language, text):
    chat = Conversation("mpa-regions", language)
    said = chat.turn(AnswerMpaRegions(), text, "ask_mpa_regions")
    assert said[0] == "utter_mpa_regions_rule"
    assert len(questions_in(said)) <= 1


def test_MPA_04_countries_answering_the_regions_question_become_regions_and_count_signatures():
    chat = Conversation("mpa-countries", "nl")
    chat.turn(AnswerMpaRegions(), "hoe vaak moeten we de MPA tekenen?", "ask_mpa_regions")
    assert chat.pending["fact"] == "csp_regions"
    chat.turn(AnswerMpaRegions(), "we verkopen in Duitsland, België en Canada", "inform")
    regions = facts("mpa-countries")["csp_regions"]
    assert len(regions) == 2 and len(set(regions)) == 2


@pytest.mark.parametrize(
    "language, text",
    [
        ("en", "I'm not a global admin myself, but can we sign the MPA? We're an indirect provider."),
        ("nl", "wij zijn indirect provider maar ik ben zelf geen globale beheerder, kunnen we de MPA toch tekenen?"),
    ],
)
def test_MPA_01_not_a_global_admin_is_not_read_as_global_admin(language, text):
    chat = Conversation("mpa-not-admin", language)
    said = chat.turn(MpaCheck(), text, "ask_mpa_status")
    case = facts("mpa-not-admin")
    assert case["user_role"] != "global_admin"
    assert case["csp_partner_type"] == "indirect_provider"
    assert "utter_ask_mpa_global_admin" not in said
    assert "utter_ask_csp_partner_type" not in said


@pytest.mark.parametrize(
    "language, text",
    [
        ("en", "We're already in Partner Center, what do we need to sign the MPA?"),
        ("nl", "we zitten al in partner center, wat is er nodig om de MPA te tekenen?"),
    ],
)
def test_MPA_05_in_partner_center_is_recorded_and_never_asked_back(language, text):
    chat = Conversation("mpa-pc", language)
    said = chat.turn(MpaCheck(), text, "ask_mpa_status")
    assert facts("mpa-pc")["mpn_account"] == "partner_center"
    assert questions_in(said) == ["utter_ask_csp_partner_type"]
    said = chat.turn(MpaCheck(), "direct bill partner" if language == "en" else "we zijn direct bill partner", "inform")
    assert facts("mpa-pc")["csp_partner_type"] == "direct_bill"
    assert "utter_ask_mpn_account" not in said
    assert len(questions_in(said)) == 1


def test_MPA_02_a_non_csp_partner_gets_no_more_questions():
    chat = Conversation("mpa-not-csp")
    said = chat.turn(MpaCheck(), "we don't do CSP at all, we're just a software vendor. Do we need to sign the MPA?",
                     "ask_mpa_status")
    assert facts("mpa-not-csp")["csp_partner_type"] == "not_csp"
    assert said == ["utter_mpa_only_for_csp"]
    assert chat.pending is None


@pytest.mark.parametrize(
    "language, text",
    [
        ("en", "We are an indirect reseller, Contoso Distribution is our provider. Can we sign the MPA now?"),
        ("nl", "wij zijn indirect reseller via Contoso Distributie, kunnen we de MPA nu tekenen?"),
    ],
)
def test_MPA_02_MPA_10_a_csp_partner_type_in_an_mpa_message_is_not_a_customers_partner(language, text):
    chat = Conversation("mpa-reseller", language)
    said = chat.turn(MpaCheck(), text, "ask_mpa_status")
    assert facts("mpa-reseller")["csp_partner_type"] == "indirect_reseller"
    assert store_from_env().relationships.partners("mpa-reseller") == []
    assert chat.slots["user_kind"] == "partner"
    assert not any(response.startswith("utter_rel_") for response in said if response != "utter_mpa_reseller_relationship")


@pytest.mark.parametrize(
    "language, text",
    [("en", "Our indirect reseller status shows Qualified now"), ("nl", "de status indirect reseller staat nu op qualified")],
)
def test_MPA_08_an_indirect_reseller_status_is_not_a_partner_relationship(language, text):
    chat = Conversation("mpa-status", language)
    said = chat.turn(AnswerStatement(), text, "inform")
    case = facts("mpa-status")
    assert case["indirect_reseller_status"] == "qualified"
    assert "mpn_program_status" not in case
    assert store_from_env().relationships.partners("mpa-status") == []
    assert chat.slots["last_topic"] == "mpa"
    assert not any(response.startswith("utter_rel_") for response in said)


@pytest.mark.parametrize(
    "language, benefit_question",
    [
        ("en", "Oh wait, before that: how do I activate our software benefits?"),
        ("nl", "o ja, tussendoor: hoe activeer ik onze softwarevoordelen?"),
    ],
)
def test_MPA_02_a_benefit_question_mid_way_is_answered_and_the_partner_type_asked_again(language, benefit_question):
    chat = Conversation("mpa-midway", language)
    chat.turn(MpaCheck(), "can we sign the MPA?" if language == "en" else "kunnen wij de MPA tekenen?", "ask_mpa_status")
    assert chat.pending["fact"] == "csp_partner_type"
    said = chat.turn(AnswerBenefit(), benefit_question, "ask_benefit")
    assert said[0].startswith("utter_ben_")
    assert said[-2:] == ["utter_back_to_question", "utter_ask_csp_partner_type"]
    assert chat.pending["fact"] == "csp_partner_type"
    assert "csp_partner_type" not in facts("mpa-midway")


def test_MPA_04_signatures_region_by_region_until_none_is_missing():
    store = store_from_env()
    for fact, value in (("csp_partner_type", "direct_bill"), ("mpn_account", "partner_center"),
                        ("mpn_program_status", "active"), ("user_role", "global_admin")):
        store.record_stated("mpa-sign", {fact: value})
    chat = Conversation("mpa-sign")
    said = chat.turn(MpaCheck(), "we do CSP business in France and Japan, can we sign?", "ask_mpa_status")
    assert said == ["utter_mpa_sign_now"]
    assert chat.messages[0]["times"] == "2 times"
    said = chat.turn(RecordMpaSignature(), "I signed the MPA for France this morning", "inform_mpa_signed")
    assert said[0] == "utter_mpa_signature_recorded"
    assert len(store.mpa.signed_regions("mpa-sign")) == 1
    said = chat.turn(RecordMpaSignature(), "and Japan is signed too", "inform_mpa_signed")
    assert said[0] == "utter_mpa_signature_recorded"
    assert sorted(store.mpa.signed_regions("mpa-sign")) == sorted(facts("mpa-sign")["csp_regions"])
    said = chat.turn(AnswerVerifyMpa(), "how can I double check it's all signed?", "ask_verify_mpa")
    assert said == ["utter_mpa_verify_signed"]


def test_MPA_04_a_signature_without_a_region_asks_which_one():
    chat = Conversation("mpa-which")
    said = chat.turn(RecordMpaSignature(), "just accepted the partner agreement!", "inform_mpa_signed")
    assert said == ["utter_ask_signed_region"]
    assert chat.pending["fact"] == "signed_region"
    assert store_from_env().mpa.signed_regions("mpa-which") == []


@pytest.mark.parametrize("language", ["en", "nl"])
def test_MPA_11_no_accept_button_means_the_global_admin_role_is_missing(language):
    chat = Conversation("mpa-button", language)
    said = chat.turn(AnswerAcceptButton(), "there's no accept button anywhere on the agreement page",
                     "report_no_accept_button")
    assert said == ["utter_mpa_missing_accept_button"]


def _business_in_two_regions(sender, language):
    chat = Conversation(sender, language)
    chat.turn(AnswerMpaRegions(), "we do CSP business in Germany and Mexico, how often do we sign?", "ask_mpa_regions")
    return chat


@pytest.mark.parametrize("language", ["en", "nl"])
def test_MPA_04_after_a_signature_the_regions_still_to_sign_then_all_signed(language):
    chat = _business_in_two_regions(f"mpa-after-{language}", language)
    said = chat.turn(RecordMpaSignature(), "we signed the MPA for Europe this morning", "inform_mpa_signed")
    assert said == ["utter_mpa_signature_recorded", "utter_mpa_regions_still_to_sign"]
    said = chat.turn(RecordMpaSignature(), "and now we signed for Latin America too", "inform_mpa_signed")
    assert said == ["utter_mpa_signature_recorded", "utter_mpa_all_regions_signed"]


def test_MPA_04_a_bare_country_is_where_the_business_is_not_a_signature():
    chat = Conversation("mpa-bare-country")
    said = chat.turn(RecordMpaSignature(), "Canada", "inform_mpa_signed")
    assert "utter_mpa_signature_recorded" not in said
    assert store_from_env().mpa.signed_regions("mpa-bare-country") == []
    assert facts("mpa-bare-country").get("csp_regions")
