"""The benefit actions (BEN-01..13) on a real SQLite store: dates in plain language, the
earliest reassignment date computed in the same turn, refunds without asking back what the
question already said."""

from datetime import timedelta

import pytest

from actions.benefits import (
    AnswerBenefit,
    AnswerBenefitPermissions,
    AnswerRefund,
    AnswerSupportOptions,
    AnswerVisualStudioReassign,
    RecordVisualStudioAssignment,
)
from actions.replies import human_date
from actions.store import store_from_env
from tests.actions.helpers import Conversation, unresolved_request_of

pytestmark = pytest.mark.usefixtures("sqlite_store_env")


def today():
    return store_from_env().today()


@pytest.mark.parametrize(
    "language, text, weeks",
    [
        ("en", "Sander got a Visual Studio subscription from us 4 weeks ago. He's leaving, can it go to Noor?", 4),
        ("nl", "Sander kreeg 6 weken geleden een Visual Studio abonnement van ons. Hij vertrekt, mag ik het aan Noor geven?", 6),
    ],
)
def test_BEN_07_a_subscription_given_weeks_ago_gets_the_earliest_reassignment_date_not_a_question(
    language, text, weeks
):
    chat = Conversation("ben-vs", language)
    said = chat.turn(AnswerVisualStudioReassign(), text, "ask_vs_reassign")
    assert said == ["utter_ben_vs_reassign_not_yet"]
    assigned_on = today() - timedelta(weeks=weeks)
    earliest = assigned_on + timedelta(days=90)
    assert chat.messages[0]["earliest_date"] == human_date(earliest, language)
    assert chat.messages[0]["target"] == "Noor"
    assert chat.pending is None
    (assignment,) = store_from_env().benefits.visual_studio_assignments("ben-vs")
    assert assignment.assigned_on == assigned_on


@pytest.mark.parametrize("language", ["en", "nl"])
def test_BEN_07_after_ninety_days_the_move_is_allowed(language):
    store_from_env().benefits.assign_visual_studio_subscription(
        "ben-vs-old", None, "Lotte", today() - timedelta(days=120)
    )
    chat = Conversation("ben-vs-old", language)
    said = chat.turn(AnswerVisualStudioReassign(), "can Lotte's visual studio subscription go to Pim now?"
                     if language == "en" else "kan het visual studio abonnement van Lotte nu naar Pim?", "ask_vs_reassign")
    assert said == ["utter_ben_vs_reassign_allowed"]


def test_BEN_07_a_recorded_assignment_gives_the_exact_earliest_date():
    chat = Conversation("ben-vs-rec")
    assigned = today() - timedelta(days=10)
    said = chat.turn(RecordVisualStudioAssignment(),
                     f"We assigned a Visual Studio subscription to Bram on {human_date(assigned, 'en')}.",
                     "inform_vs_assigned")
    assert said == ["utter_ben_vs_assignment_recorded"]
    assert chat.messages[0]["earliest_date"] == human_date(assigned + timedelta(days=90), "en")
    assert chat.messages[0]["days_left"] == 80
    (assignment,) = store_from_env().benefits.visual_studio_assignments("ben-vs-rec")
    assert (assignment.subscriber, assignment.assigned_on) == ("Bram", assigned)


@pytest.mark.parametrize(
    "language, text, days",
    [
        ("en", "we bought the action pack 9 days ago and want our money back, possible?", 9),
        ("nl", "wij hebben 2 weken geleden het action pack gekocht, krijgen we ons geld terug?", 14),
    ],
)
def test_BEN_13_a_refund_question_with_the_purchase_date_is_not_asked_the_date(language, text, days):
    chat = Conversation("ben-refund", language)
    said = chat.turn(AnswerRefund(), text, "ask_refund")
    assert "utter_ask_benefits_purchased_on" not in said
    assert said == ["utter_ben_refund_rule_activation", "utter_ask_software_benefits_activated"]
    assert store_from_env().facts("ben-refund")["benefits_purchased_on"] == (today() - timedelta(days=days)).isoformat()
    answer = "no, nothing activated so far" if language == "en" else "nee, nog niks geactiveerd"
    said = chat.turn(AnswerRefund(), answer, "deny")
    assert said == ["utter_ben_refund_file_service_request", "utter_support_request_opened"]
    case = store_from_env().facts("ben-refund")
    assert case["software_benefits_activated"] is False
    assert case["refund_requested_on"] == today().isoformat()
    assert chat.pending is None
    request = unresolved_request_of(store_from_env(), "ben-refund")
    assert request.category == "benefits" and "BEN-13" in request.rule_ids


def test_BEN_13_a_purchase_too_long_ago_is_told_at_once():
    chat = Conversation("ben-refund-late", "nl")
    said = chat.turn(AnswerRefund(), "3 maanden geleden gekocht, kan ik het nog terugdraaien voor mijn geld?", "ask_refund")
    assert said == ["utter_ben_refund_too_late"]
    assert chat.pending is None


def test_BEN_13_without_a_date_the_rule_comes_first_then_the_one_question():
    chat = Conversation("ben-refund-rule")
    said = chat.turn(AnswerRefund(), "how do refunds for the membership work?", "ask_refund")
    assert said == ["utter_ben_refund_rule", "utter_ask_benefits_purchased_on"]
    said = chat.turn(AnswerRefund(), "we paid for it five days back", "inform")
    assert "utter_ask_benefits_purchased_on" not in said
    assert "benefits_purchased_on" in store_from_env().facts("ben-refund-rule")


@pytest.mark.parametrize(
    "role, expected",
    [("global_admin", "utter_ben_software_steps"), ("other", "utter_ben_activate_ask_global_admin")],
)
def test_BEN_03_BEN_04_software_steps_depend_on_the_stored_role(role, expected):
    store_from_env().onboarding.record_user_role("ben-sw", role)
    chat = Conversation("ben-sw")
    said = chat.turn(AnswerBenefit(), "how do I activate our software benefits?", "ask_benefit")
    assert said[0] == expected


@pytest.mark.parametrize("language", ["en", "nl"])
def test_BEN_03_not_a_global_admin_is_not_read_as_global_admin(language):
    text = ("I'm not the global admin, may I activate the software benefits myself?" if language == "en"
            else "ik ben geen globale beheerder, mag ik de softwarevoordelen zelf activeren?")
    chat = Conversation("ben-role", language)
    said = chat.turn(AnswerBenefitPermissions(), text, "ask_benefit_permissions")
    assert store_from_env().facts("ben-role").get("user_role") != "global_admin"
    assert "utter_ben_you_may_activate" not in said


def test_BEN_10_an_action_pack_member_asking_for_signature_support_gets_the_alternatives():
    store_from_env().benefits.record_membership_level("ben-support", "action_pack")
    chat = Conversation("ben-support")
    said = chat.turn(AnswerSupportOptions(), "can we use signature cloud support for an Azure outage?",
                     "ask_support_options")
    assert said[0] == "utter_ben_signature_not_for_action_pack"


# ----- the date and the names a message gives are the ones it means (BEN-07, BEN-13) --------


def test_BEN_07_can_i_move_it_today_keeps_the_stored_assignment_date():
    chat = Conversation("ben-vs-today")
    chat.turn(RecordVisualStudioAssignment(), "We gave a Visual Studio subscription to Ruben 20 days ago.", "inform_vs_assigned")
    assigned_on = today() - timedelta(days=20)
    said = chat.turn(RecordVisualStudioAssignment(), "Ruben has a VS subscription from us", "inform_vs_assigned")
    assert said == ["utter_ben_vs_assignment_recorded"]  # known already: not asked again
    said = chat.turn(AnswerVisualStudioReassign(), "can I move it to Iris today?", "ask_vs_reassign")
    assert said == ["utter_ben_vs_reassign_not_yet"]
    assert human_date(assigned_on + timedelta(days=90), "en") in chat.messages[0]["earliest_date"]
    rows = store_from_env().benefits.visual_studio_assignments("ben-vs-today")
    assert [(row.subscriber, row.assigned_on) for row in rows] == [("Ruben", assigned_on)]


def test_BEN_07_a_move_asked_today_is_no_answer_to_when_it_was_assigned():
    chat = Conversation("ben-vs-today-open", "nl")
    said = chat.turn(AnswerVisualStudioReassign(), "mag een VS abonnement naar een collega?", "ask_vs_reassign")
    assert said[-1] == "utter_ask_vs_assigned_on"
    chat.turn(AnswerVisualStudioReassign(), "mag ik het vandaag overzetten?", "ask_vs_reassign")
    assert store_from_env().benefits.visual_studio_assignments("ben-vs-today-open") == []
    assert chat.pending["fact"] == "vs_assigned_on"


@pytest.mark.parametrize(
    "language, text, subscriber, target",
    [
        ("en", "I gave Maud a VS subscription 5 weeks ago, can it go to Sem?", "Maud", "Sem"),
        ("nl", "Ik heb Tijn 3 weken geleden een Visual Studio abonnement toegewezen, mag ik dat nu aan Lotte geven?", "Tijn", "Lotte"),
        ("nl", "Bram heeft 6 weken geleden een VS abonnement gekregen. Mag het naar Noa?", "Bram", "Noa"),
    ],
)
def test_BEN_07_the_subscriber_and_the_next_holder_are_told_apart(language, text, subscriber, target):
    chat = Conversation(f"ben-vs-names-{subscriber}", language)
    assert chat.turn(AnswerVisualStudioReassign(), text, "ask_vs_reassign") == ["utter_ben_vs_reassign_not_yet"]
    assert chat.messages[0]["subscriber"] == subscriber and chat.messages[0]["target"] == target
    rows = store_from_env().benefits.visual_studio_assignments(f"ben-vs-names-{subscriber}")
    assert [row.subscriber for row in rows] == [subscriber]


def test_BEN_07_a_future_date_is_asked_again_and_the_question_stays_open():
    chat = Conversation("ben-vs-future", "nl")
    chat.turn(AnswerVisualStudioReassign(), "mag een VS abonnement naar een collega?", "ask_vs_reassign")
    said = chat.turn(AnswerVisualStudioReassign(), "over drie dagen", "inform")
    assert said == ["utter_date_future"] and chat.pending["fact"] == "vs_assigned_on"


def test_BEN_13_activated_software_settles_a_refund_without_a_purchase_date():
    chat = Conversation("ben-refund-activated")
    said = chat.turn(AnswerRefund(), "can we cancel and get our money back? Jan already activated the software keys", "ask_refund")
    assert said == ["utter_ben_refund_software_activated_any_date"]


def test_BEN_13_a_date_given_as_weeks_back_is_read():
    chat = Conversation("ben-refund-terug", "nl")
    said = chat.turn(AnswerRefund(), "kunnen we nog annuleren? we kochten het pakket twee weken terug en hebben niks geactiveerd", "ask_refund")
    assert "utter_ask_benefits_purchased_on" not in said
    assert store_from_env().facts("ben-refund-terug")["benefits_purchased_on"] == (today() - timedelta(days=14)).isoformat()
