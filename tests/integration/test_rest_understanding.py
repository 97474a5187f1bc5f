"""Issue 13, "answer what partners actually ask", over the REST webhook with the real servers:
clear questions in the way partners write them are answered, facts a message states are used
and never asked back, rule questions get the rule, words count in the right topic, answers to
the assistant's own questions settle them, and an unsure message gets "did you mean" buttons."""

from datetime import date, timedelta

import pytest

from actions.replies import human_date
from actions.store import PartnerStore
from tests.integration.servers import AssistantServers, Chat, in_language


@pytest.fixture(scope="module")
def servers(trained_model, tmp_path_factory):
    running = AssistantServers(trained_model, tmp_path_factory.mktemp("assistant-understanding")).start()
    yield running
    running.stop()


def stored(servers, read):
    store = PartnerStore(servers.store_url)
    try:
        return read(store)
    finally:
        store.dispose()


def facts_of(servers, sender):
    return dict(stored(servers, lambda store: store.facts(f"rest:{sender}")))


def buttons_of(replies):
    return {button["title"]: button["payload"] for reply in replies for button in reply.get("buttons", [])}


NOT_UNDERSTOOD = {"utter_did_you_mean", "utter_fallback", "utter_fallback_handoff"}


# ----- a. clear in-scope questions, however they are phrased ---------------------------------


def test_MPA_11_a_symptom_and_informal_dutch_with_typos_are_answered(servers):
    english = Chat(servers, "u-symptom-en").turn("I'm on the CSP overview page but there's no button to accept anything, what gives?")
    assert english.responses == ("utter_mpa_missing_accept_button",) and in_language(english, "en")
    dutch = Chat(servers, "u-typos-nl").turn("hoi, ik kan t mpa nergens vinden om te tekennen, die knop accepteren zie ik gwoon niet")
    assert dutch.responses == ("utter_mpa_missing_accept_button",) and in_language(dutch, "nl")


def test_WA_07_ONB_06_a_role_question_is_answered_for_that_role_in_english(servers):
    turn = Chat(servers, "u-role-en").turn("As the user management admin, am I allowed to link our work account?")
    assert turn.responses == ("utter_roles_you_fit_work_account_only",) and in_language(turn, "en")


def test_MPA_01_a_long_dutch_message_with_context_gets_the_signer_rule(servers):
    chat = Chat(servers, "u-long-nl")
    turn = chat.turn(
        "Ter info: wij zijn een klein adviesbureau in Zwolle, tien man, en doen al jaren Dynamics projecten. "
        "Onze collega die alles regelde is vertrokken en nu moet ik het overnemen. "
        "Wie bij ons mag de MPA eigenlijk ondertekenen?"
    )
    assert turn.responses == ("utter_mpa_signer_rule", "utter_ask_mpa_global_admin") and in_language(turn, "nl")


# ----- b. facts stated in the question are used, never asked back ----------------------------


@pytest.mark.parametrize(
    "sender, message, language",
    [
        ("u-pending-en", "Our MPN status in Partner Center still says pending. Can we go ahead and sign the MPA?", "en"),
        ("u-pending-nl", "Bij ons staat de MPN-status nog op in behandeling, kunnen we de MPA al ondertekenen?", "nl"),
    ],
)
def test_MPA_06_MPA_07_a_stated_pending_status_blocks_without_asking_the_partner_type(servers, sender, message, language):
    turn = Chat(servers, sender).turn(message)
    assert turn.responses == ("utter_mpa_mpn_verification_failed", "utter_support_request_opened")
    assert "utter_ask_csp_partner_type" not in turn.responses and in_language(turn, language)
    assert facts_of(servers, sender)["mpn_program_status"] == "pending"


def test_BEN_07_a_named_assignment_weeks_ago_answers_when_it_can_move_in_both_languages(servers):
    today = date.today()
    english = Chat(servers, "u-vs-en")
    turn = english.turn("We assigned a Visual Studio subscription to Marco four weeks ago. When can I give it to someone else?")
    assert turn.responses == ("utter_ben_vs_reassign_not_yet",)
    assert human_date(today - timedelta(days=28) + timedelta(days=90), "en") in turn.text and "Marco" in turn.text
    # e. "can I move it today?" keeps the stored assignment date.
    again = english.turn("ok, and can I move it today?")
    assert again.responses == ("utter_ben_vs_reassign_not_yet",) and "utter_ask_vs_assigned_on" not in again.responses
    assert human_date(today - timedelta(days=28) + timedelta(days=90), "en") in again.text
    dutch = Chat(servers, "u-vs-nl")
    turn = dutch.turn("Vijf weken geleden hebben we een Visual Studio-abonnement aan Fleur gegeven. Wanneer mag het naar een andere collega?")
    assert turn.responses == ("utter_ben_vs_reassign_not_yet",) and in_language(turn, "nl")
    assert human_date(today - timedelta(days=35) + timedelta(days=90), "nl") in turn.text and "Fleur" in turn.text
    for sender, name, days in (("u-vs-en", "Marco", 28), ("u-vs-nl", "Fleur", 35)):
        rows = stored(servers, lambda store, sender=sender: store.benefits.visual_studio_assignments(f"rest:{sender}"))
        assert [(row.subscriber, row.assigned_on) for row in rows] == [(name, today - timedelta(days=days))]


def test_BEN_13_a_refund_question_with_its_purchase_date_is_answered_in_english(servers):
    chat = Chat(servers, "u-refund-en")
    turn = chat.turn("We bought the benefits package 12 days ago and haven't activated anything yet. Can we still get our money back?")
    assert turn.responses == ("utter_ben_refund_file_service_request", "utter_support_request_opened")
    assert "utter_ask_benefits_purchased_on" not in turn.responses
    facts = facts_of(servers, "u-refund-en")
    assert facts["benefits_purchased_on"] == (date.today() - timedelta(days=12)).isoformat()
    assert facts["software_benefits_activated"] is False


def test_MPA_05_being_in_partner_center_is_not_asked_back(servers):
    chat = Chat(servers, "u-in-pc-en")
    chat.say("can we sign the MPA?")
    chat.say("We are a direct bill partner")
    turn = chat.turn("yes, we're in Partner Center")
    assert turn.responses == ("utter_rule_mpn_program_status", "utter_ask_mpn_program_status")
    assert facts_of(servers, "u-in-pc-en")["mpn_account"] == "partner_center"


@pytest.mark.parametrize(
    "sender, message, language",
    [
        ("u-not-admin-en", "I'm not a global admin myself. Can I sign the MPA?", "en"),
        ("u-not-admin-nl", "zelf heb ik geen globale beheerdersrol; mag ik de MPA dan toch tekenen?", "nl"),
    ],
)
def test_MPA_01_not_a_global_admin_is_recorded_and_not_asked_back(servers, sender, message, language):
    turn = Chat(servers, sender).turn(message)
    assert turn.responses == ("utter_mpa_needs_global_admin",) and in_language(turn, language)
    assert facts_of(servers, sender)["user_role"] == "other"


# ----- c. general rule questions get the rule --------------------------------------------------


@pytest.mark.parametrize("language, questions", [
    ("en", ("Who exactly is allowed to sign the MPA for a company?",
            "Do we have to sign the MPA again for every region we sell in?",
            "What should I have ready before I start the Partner Center enrollment?")),
    ("nl", ("Wie mag bij een bedrijf de MPA eigenlijk tekenen?",
            "Geldt één MPA-handtekening voor al onze landen, of telt elke regio apart?",
            "Wat moet ik klaar hebben liggen voor ik me inschrijf in Partner Center?")),
])
def test_MPA_01_MPA_04_ONB_02_rule_questions_are_answered_as_the_rule(servers, language, questions):
    signer, regions, ready = questions
    chat = Chat(servers, f"u-rules-{language}")
    turn = chat.turn(signer)
    assert turn.responses[0] == "utter_mpa_signer_rule" and in_language(turn, language)  # MPA-01
    turn = chat.turn(regions)
    assert turn.responses[0] == "utter_mpa_regions_rule" and in_language(turn, language)  # MPA-04
    turn = chat.turn(ready)
    assert turn.responses[0] == "utter_readiness_rule" and in_language(turn, language)  # ONB-02
    assert not facts_of(servers, f"u-rules-{language}")  # a rule question states no facts


# ----- d. words count in the right topic -------------------------------------------------------


def test_MPA_02_a_csp_partner_type_in_an_mpa_message_is_not_a_customers_partner(servers):
    chat = Chat(servers, "u-csp-type-en")
    turn = chat.turn("We're a CSP indirect reseller and want to know if we can sign the MPA")
    assert not {"utter_rel_overview_customer", "utter_ask_rel_partner_type"} & set(turn.responses)
    assert facts_of(servers, "u-csp-type-en")["csp_partner_type"] == "indirect_reseller"
    assert stored(servers, lambda store: store.relationships.partners("rest:u-csp-type-en")) == []


def test_MPA_08_an_indirect_reseller_status_is_that_status_not_a_relationship(servers):
    chat = Chat(servers, "u-reseller-status-en")
    turn = chat.turn("Our indirect reseller status shows Qualified, what do we do now with the MPA?")
    assert "utter_ask_indirect_reseller_status" not in turn.responses
    assert not any(name.startswith("utter_rel_") for name in turn.responses)
    facts = facts_of(servers, "u-reseller-status-en")
    assert facts["indirect_reseller_status"] == "qualified" and "mpn_program_status" not in facts


# ----- e. natural answers to the assistant's own questions --------------------------------------


def test_BEN_13_no_nothing_activated_settles_the_question_in_dutch(servers):
    chat = Chat(servers, "u-refund-nl")
    asked = chat.turn("We hebben het voordelenpakket acht dagen geleden gekocht, kan ik dat nog annuleren met geld terug?")
    assert asked.responses == ("utter_ben_refund_rule_activation", "utter_ask_software_benefits_activated")
    answered = chat.turn("nee, nog niks geactiveerd")
    assert answered.responses == ("utter_ben_refund_file_service_request", "utter_support_request_opened")
    assert in_language(answered, "nl")
    facts = facts_of(servers, "u-refund-nl")
    assert facts["software_benefits_activated"] is False
    assert facts["benefits_purchased_on"] == (date.today() - timedelta(days=8)).isoformat()


# ----- f. did you mean ------------------------------------------------------------------------


def test_did_you_mean_offers_readings_in_dutch_and_a_click_answers_the_earlier_message(servers):
    chat = Chat(servers, "u-dym-nl")
    replies = chat.send("go-to-market instellen")
    buttons = buttons_of(replies)
    assert buttons["Mijn MPN-voordelen gebruiken"] == "/ask_benefit"
    assert buttons["Geen van deze: een medewerker spreken"] == "/request_human"
    clicked = chat.turn("/ask_benefit")  # answered as the go-to-market question it was
    assert clicked.responses == ("utter_ben_marketing_contact_first", "utter_ask_marketing_contact_email")
    assert in_language(clicked, "nl")


def test_did_you_mean_in_english_and_none_of_these_offers_a_person(servers):
    chat = Chat(servers, "u-dym-en")
    buttons = buttons_of(chat.send("go to market stuff"))
    assert buttons["Who may buy, assign or activate benefits"] == "/ask_benefit_permissions"
    assert buttons["None of these: talk to a person"] == "/request_human"
    person = chat.turn("/request_human")
    assert person.responses == ("utter_support_request_opened",) and in_language(person, "en")


@pytest.mark.parametrize(
    "message, language",
    [("what does a Surface laptop cost?", "en"), ("wat kost een Surface laptop bij jullie?", "nl")],
)
def test_out_of_scope_gets_the_honest_answer_and_a_support_offer(servers, message, language):
    turn = Chat(servers, f"u-scope-{language}").turn(message)
    assert turn.responses == ("utter_scope_price", "utter_offer_support_request") and in_language(turn, language)
    assert not NOT_UNDERSTOOD & set(turn.responses)
