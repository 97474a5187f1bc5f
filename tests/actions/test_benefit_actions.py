"""Benefit actions (BEN-01..13) over rasa_sdk's Tracker and CollectingDispatcher, on a real
store: the topic a message starts, the questions the form still asks, and the verdict."""

import asyncio
from datetime import timedelta

import pytest

from actions.benefits import (
    AnswerAccessId,
    AnswerBenefitPermissions,
    BenefitVerdict,
    PrepareBenefit,
    ValidateBenefitForm,
)
from actions.replies import human_date
from actions.store import store_from_env
from tests.actions.helpers import domain, responses, run, slot_values, tracker, unresolved_request_of

pytestmark = pytest.mark.usefixtures("sqlite_store_env")
SENDER = "partner-1"


def store():
    return store_from_env()


def requests_of(sender):
    request = unresolved_request_of(store(), sender)
    return [request] if request else []


def entity(name, value):
    return {"entity": name, "value": value}


class Conversation:
    """Keeps the slots between turns, as the Rasa server would."""

    def __init__(self, language="en"):
        self.slots = {"language": language}

    def prepare(self, intent, text="", entities=None):
        _, events = run(PrepareBenefit(), tracker(SENDER, text, intent, entities, slots=self.slots))
        self.slots.update(slot_values(events))
        return self.questions()

    def questions(self):
        conversation = tracker(SENDER, slots=self.slots, active_loop="benefit_form")
        return asyncio.run(ValidateBenefitForm().required_slots([], None, conversation, domain()))

    def answer(self, slot, value, text=""):
        conversation = tracker(
            SENDER, text, "inform", slots={**self.slots, "requested_slot": slot}, slot_events={slot: value},
            active_loop="benefit_form",
        )
        messages, events = run(ValidateBenefitForm(), conversation)
        self.slots.update({k: v for k, v in slot_values(events).items() if k != "requested_slot"})
        return responses(messages), self.slots.get(slot)

    def verdict(self):
        messages, events = run(BenefitVerdict(), tracker(SENDER, slots=self.slots))
        self.slots.update(slot_values(events))
        return messages


def partner(role="global_admin", account="partner_center"):
    partner_store = store()
    partner_store.mpa.record_mpn_account(SENDER, account)
    if role:
        partner_store.onboarding.record_user_role(SENDER, role)
    return partner_store


def test_BEN_01_a_membership_still_in_pmc_manages_its_benefits_in_pmc():
    partner(account="pmc")
    chat = Conversation()
    assert chat.prepare("ask_benefit", "how do I get my software keys", [entity("benefit", "software")]) == []
    assert responses(chat.verdict()) == ["utter_ben_manage_in_pmc"]


def test_BEN_01_the_mpn_account_is_asked_once_and_stored():
    chat = Conversation("nl")
    assert chat.prepare("ask_benefit", "hoe beheer ik mijn voordelen") == ["mpn_account"]
    _, value = chat.answer("mpn_account", "partner_center")
    assert value == "partner_center" and store().facts(SENDER)["mpn_account"] == "partner_center"
    assert chat.questions() == ["user_role"]
    chat.answer("user_role", "mpn_partner_admin")
    assert chat.questions() == [] and store().facts(SENDER)["user_role"] == "mpn_partner_admin"
    assert responses(chat.verdict()) == ["utter_ben_overview"]


@pytest.mark.parametrize(
    "role, expected",
    [
        ("global_admin", "utter_ben_software_steps"),
        ("mpn_partner_admin", "utter_ben_software_steps"),
        ("admin_agent", "utter_ben_activate_ask_global_admin"),
        ("other", "utter_ben_activate_ask_global_admin"),
    ],
)
def test_BEN_03_BEN_04_software_steps_only_for_global_admin_or_mpn_partner_admin(role, expected):
    partner(role)
    chat = Conversation()
    assert chat.prepare("ask_benefit", "how do I get product keys", [entity("benefit", "software")]) == []
    assert responses(chat.verdict()) == [expected]


def test_BEN_02_BEN_06_only_the_global_admin_assigns_visual_studio_subscriptions():
    partner("mpn_partner_admin")
    chat = Conversation()
    chat.prepare("ask_benefit", "how do I assign Visual Studio", [entity("benefit", "visual_studio")])
    assert responses(chat.verdict()) == ["utter_ben_assign_needs_global_admin"]
    store().onboarding.record_user_role(SENDER, "global_admin")
    chat.prepare("ask_benefit", "how do I assign Visual Studio", [entity("benefit", "visual_studio")])
    assert responses(chat.verdict()) == ["utter_ben_vs_assign_steps"]


def test_BEN_05_cloud_steps_ask_the_subscription_kind():
    partner()
    chat = Conversation()
    assert chat.prepare("ask_benefit", "activate azure", [entity("benefit", "cloud")]) == ["cloud_subscription_kind"]
    chat.answer("cloud_subscription_kind", "usage_based")
    assert chat.questions() == []
    assert responses(chat.verdict()) == ["utter_ben_cloud_usage_based_steps"]
    chat.prepare("ask_benefit", "license based cloud", [entity("benefit", "cloud"), entity("subscription_kind", "license_based")])
    assert responses(chat.verdict()) == ["utter_ben_cloud_license_based_steps"]


def test_BEN_07_assignment_3_weeks_ago_gives_the_exact_earliest_date_and_days_left():
    chat = Conversation()
    text = "I gave Anna a Visual Studio subscription 3 weeks ago"
    assert chat.prepare("inform_vs_assigned", text, [entity("benefit", "visual_studio")]) == []
    today = store().today()
    assert chat.slots["vs_subscriber"] == "Anna"
    assert chat.slots["vs_assigned_on"] == (today - timedelta(days=21)).isoformat()
    messages = chat.verdict()
    assert responses(messages) == ["utter_ben_vs_assignment_recorded"]
    assert messages[0]["earliest_date"] == human_date(today + timedelta(days=69), "en")
    assert messages[0]["days_left"] == 69
    # Later, in another turn: can it move?
    assert chat.prepare("ask_vs_reassign", "can I give it to someone else?") == []
    messages = chat.verdict()
    assert responses(messages) == ["utter_ben_vs_reassign_not_yet"]
    assert messages[0]["days_left"] == 69 and messages[0]["subscriber"] == "Anna"
    assert messages[0]["earliest_date"] == human_date(today + timedelta(days=69), "en")


def test_BEN_07_the_form_asks_who_and_when_and_refuses_a_future_or_unreadable_date():
    chat = Conversation("nl")
    assert chat.prepare("inform_vs_assigned", "ik heb een abonnement toegewezen") == ["vs_subscriber", "vs_assigned_on"]
    chat.answer("vs_subscriber", "Piet Jansen")
    said, value = chat.answer("vs_assigned_on", "morgen")
    assert said == ["utter_date_future"] and value is None
    said, value = chat.answer("vs_assigned_on", "bla bla")
    assert said == ["utter_date_unreadable"] and value is None
    _, value = chat.answer("vs_assigned_on", "vorige week dinsdag")
    assert value is not None and chat.questions() == []
    messages = chat.verdict()
    assert messages[0]["subscriber"] == "Piet Jansen"
    assert store().benefits.visual_studio_assignments(SENDER)[0].subscriber == "Piet Jansen"


def test_BEN_07_after_90_days_the_reassignment_is_allowed_and_recorded_with_history():
    today = store().today()
    store().benefits.assign_visual_studio_subscription(SENDER, None, "Anna", today - timedelta(days=90))
    chat = Conversation()
    chat.prepare("ask_vs_reassign", "can Anna's subscription go to Piet?")
    assert responses(chat.verdict()) == ["utter_ben_vs_reassign_allowed"]
    assert chat.slots["pending_question"] == "vs_reassign"
    assert chat.prepare("inform_vs_assigned", "I gave it to Piet") == []
    assert chat.slots["vs_previous_subscriber"] == "Anna" and chat.slots["vs_subscriber"] == "Piet"
    assert responses(chat.verdict()) == ["utter_ben_vs_reassignment_recorded"]
    assert [row.subscriber for row in store().benefits.visual_studio_assignments(SENDER)] == ["Piet"]


def test_BEN_07_the_store_refuses_a_reassignment_on_day_89_in_the_conversation():
    today = store().today()
    store().benefits.assign_visual_studio_subscription(SENDER, None, "Anna", today - timedelta(days=89))
    chat = Conversation()
    chat.prepare("inform_vs_assigned", "I moved Anna's subscription to Piet")
    messages = chat.verdict()
    assert responses(messages) == ["utter_ben_vs_reassign_not_yet"] and messages[0]["days_left"] == 1
    assert store().benefits.visual_studio_assignments(SENDER)[0].subscriber == "Anna"


@pytest.mark.parametrize(
    "days_ago, activated, questions, expected",
    [
        (40, None, [], "utter_ben_refund_too_late"),
        (31, False, [], "utter_ben_refund_too_late"),
        (30, None, ["software_benefits_activated"], None),
        (30, True, [], "utter_ben_refund_software_activated"),
        (30, False, [], "utter_ben_refund_file_service_request"),
        (45, True, [], "utter_ben_refund_late_and_activated"),
    ],
)
def test_BEN_13_refund_names_the_condition_that_fails(days_ago, activated, questions, expected):
    today = store().today()
    store().benefits.record_benefit_purchase(SENDER, today - timedelta(days=days_ago))
    if activated is not None:
        store().benefits.record_software_benefits_activated(SENDER, activated)
    chat = Conversation()
    assert chat.prepare("ask_refund", "can I get a refund?") == questions
    if expected == "utter_ben_refund_file_service_request":
        # Only Microsoft support can refund: the case goes to the triage desk at once.
        assert responses(chat.verdict()) == [expected, "utter_support_request_opened"]
        assert [request.trigger for request in requests_of(SENDER)] == ["refund"]
        assert store().facts(SENDER)["refund_requested_on"] == store().today().isoformat()
    elif expected:
        assert responses(chat.verdict()) == [expected]
        assert requests_of(SENDER) == []


def test_BEN_13_purchase_date_in_plain_language_is_stored_and_a_future_one_refused():
    chat = Conversation("nl")
    assert chat.prepare("ask_refund", "kan ik restitutie krijgen") == ["benefits_purchased_on"]
    said, value = chat.answer("benefits_purchased_on", "volgende week")
    assert said == ["utter_date_future"] and value is None
    _, value = chat.answer("benefits_purchased_on", "twee maanden geleden")
    assert value and store().facts(SENDER)["benefits_purchased_on"] == value
    assert responses(chat.verdict()) == ["utter_ben_refund_too_late"]


def test_BEN_11_marketing_contact_collected_email_must_differ_then_offer_pending_then_active():
    partner_store = partner("mpn_partner_admin")
    partner_store.work_account.record_work_email(SENDER, "admin@contoso.com")
    chat = Conversation()
    assert chat.prepare("ask_benefit", "set up go-to-market", [entity("benefit", "go_to_market")]) == [
        "marketing_contact_email",
        "marketing_contact_phone",
        "marketing_contact_language",
    ]
    said, value = chat.answer("marketing_contact_email", "Admin@Contoso.com")
    assert said == ["utter_ben_marketing_email_same_as_account"] and value is None
    said, value = chat.answer("marketing_contact_email", "not an email")
    assert said == ["utter_email_invalid"] and value is None
    chat.answer("marketing_contact_email", "marketing@contoso.com")
    said, value = chat.answer("marketing_contact_phone", "call me maybe")
    assert said == ["utter_ben_phone_invalid"] and value is None
    chat.answer("marketing_contact_phone", "+31 20 123 4567")
    _, value = chat.answer("marketing_contact_language", "Nederlands")
    assert value == "nl" and chat.questions() == []
    assert responses(chat.verdict()) == ["utter_ben_marketing_contact_recorded", "utter_ben_gtm_activate_steps"]
    assert store().facts(SENDER)["marketing_contact_email"] == "marketing@contoso.com"

    assert chat.prepare("inform_benefit_activated", "I activated the Silver cores offer", [entity("offer", "Silver cores")]) == []
    assert responses(chat.verdict()) == ["utter_ben_gtm_offer_pending"]
    assert store().benefits.go_to_market_offers(SENDER)[0].status == "pending"

    text = "the offer is active now, it expires on 31 March 2099"
    assert chat.prepare("inform_offer_active", text) == []
    messages = chat.verdict()
    assert responses(messages) == ["utter_ben_offer_active_recorded"] and messages[0]["offer"] == "Silver cores"
    offer = store().benefits.go_to_market_offers(SENDER)[0]
    assert offer.status == "active" and offer.expires_on.isoformat() == "2099-03-31"


def test_BEN_11_no_offer_is_activated_before_a_marketing_contact_is_assigned():
    chat = Conversation("nl")
    chat.prepare("inform_benefit_activated", "ik heb Gold cores geactiveerd", [entity("offer", "Gold cores")])
    assert responses(chat.verdict()) == ["utter_ben_gtm_contact_first"]
    assert store().benefits.go_to_market_offers(SENDER) == []


def test_BEN_11_a_user_without_the_role_is_told_whom_to_ask():
    partner("admin_agent")
    chat = Conversation()
    assert chat.prepare("ask_benefit", "go-to-market", [entity("benefit", "go_to_market")]) == []
    assert responses(chat.verdict()) == ["utter_ben_gtm_ask_global_admin"]


def test_BEN_12_an_expiry_date_that_passed_is_asked_again():
    chat = Conversation()
    chat.prepare("inform_offer_active", "the offer shows Active")
    said, value = chat.answer("offer_expires_on", "1 January 2020")
    assert said == ["utter_ben_expiry_past"] and value is None


def test_BEN_08_technical_activation_recorded_then_ids_explained_then_pasted_ids_kept():
    partner()
    chat = Conversation()
    chat.prepare("inform_benefit_activated", "I selected Activate on the technical benefit", [entity("benefit", "technical")])
    assert responses(chat.verdict()) == ["utter_ben_technical_requested"]
    assert store().facts(SENDER)["technical_benefits_requested_on"] == store().today().isoformat()

    messages, _ = run(AnswerAccessId(), tracker(SENDER, "where is my access ID?", "ask_access_id"))
    assert responses(messages) == ["utter_ben_ids_after_processing"] and messages[0]["days_since_request"] == 0

    pasted = "my access ID is AB12-3456 and contract ID is 99887766"
    messages, _ = run(AnswerAccessId(), tracker(SENDER, pasted, "ask_access_id"))
    assert responses(messages) == ["utter_ben_ids_recorded"]
    messages, _ = run(AnswerAccessId(), tracker(SENDER, "what is my contract ID?", "ask_access_id"))
    assert responses(messages) == ["utter_ben_ids_stored"]
    assert messages[0]["access_id"] == "AB12-3456" and messages[0]["contract_id"] == "99887766"


def test_BEN_08_BEN_09_without_activation_the_ids_need_activation_first_and_pmc_goes_to_frontline():
    messages, _ = run(AnswerAccessId(), tracker(SENDER, "where is my access ID?", "ask_access_id"))
    assert responses(messages) == ["utter_ben_ids_activate_first"]
    partner(account="pmc")
    chat = Conversation()
    chat.prepare("ask_benefit", "technical benefits", [entity("benefit", "technical")])
    assert responses(chat.verdict()) == ["utter_ben_technical_via_partner_frontline"]


def test_BEN_10_an_action_pack_subscriber_asking_for_signature_support_gets_no_with_alternatives():
    chat = Conversation()
    signature = [entity("support_kind", "signature_cloud")]
    assert chat.prepare("ask_support_options", "can we use Signature support?", signature) == ["membership_level"]
    chat.answer("membership_level", "action_pack")
    assert responses(chat.verdict()) == ["utter_ben_signature_not_for_action_pack"]
    store().benefits.record_membership_level(SENDER, "gold")
    chat.prepare("ask_support_options", "which support can we use")
    assert responses(chat.verdict()) == ["utter_ben_support_options_competency"]


def test_BEN_02_BEN_03_permissions_for_the_stored_role_or_the_role_asked_once():
    messages, events = run(AnswerBenefitPermissions(), tracker(SENDER, "who can assign benefits?", "ask_benefit_permissions"))
    assert responses(messages) == ["utter_ben_permissions", "utter_ask_benefit_form_user_role"]
    assert slot_values(events)["pending_question"] == "benefit_permissions"
    store().onboarding.record_user_role(SENDER, "mpn_partner_admin")
    messages, _ = run(AnswerBenefitPermissions(), tracker(SENDER, "can I assign benefits?", "ask_benefit_permissions"))
    assert responses(messages) == ["utter_ben_permissions_can_activate"]


def test_the_dutch_reply_shows_dutch_dates():
    today = store().today()
    chat = Conversation("nl")
    chat.prepare("inform_vs_assigned", "ik heb Anna 3 weken geleden een Visual Studio-abonnement gegeven")
    messages = chat.verdict()
    assert messages[0]["assigned_on"] == human_date(today - timedelta(days=21), "nl")


def test_BEN_04_BEN_05_reported_activations_are_stored_and_the_refund_consequence_said():
    chat = Conversation()
    assert chat.prepare("inform_benefit_activated", "I activated it") == ["benefit"]
    chat.answer("benefit", "software")
    assert responses(chat.verdict()) == ["utter_ben_software_activation_recorded"]
    chat.prepare("inform_benefit_activated", "I assigned myself to the azure subscription", [entity("benefit", "cloud")])
    assert responses(chat.verdict()) == ["utter_ben_cloud_activation_noted"]
    facts = store().facts(SENDER)
    assert facts["software_benefits_activated"] is True and facts["cloud_benefits_activated_on"]
