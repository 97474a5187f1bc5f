"""Onboarding actions over rasa_sdk's Tracker and CollectingDispatcher, on a real SQLite store."""

import pytest

from actions.general import Greet, RestartCase
from actions.onboarding import (
    AnswerFinishSetup,
    AnswerRequirements,
    CompleteStep,
    OnboardingNextStep,
    PrepareOnboarding,
    RecordContactVerified,
    RecordRole,
    ValidateOnboardingForm,
)
from actions.replies import render_text
from actions.store import store_from_env
from tests.actions.helpers import domain, responses, run, slot_values, tracker

pytestmark = pytest.mark.usefixtures("sqlite_store_env")
SENDER = "partner-1"


def ready_case(steps_done=0):
    store = store_from_env()
    store.onboarding.record_mpn_membership(SENDER, True)
    store.work_account.record_work_account(SENDER, "none")
    store.work_account.record_work_email(SENDER, "admin@contoso.com")
    for item in ("legal_details", "signing_authority", "primary_contact"):
        store.onboarding.record_prerequisite(SENDER, item, True)
    for step in range(1, steps_done + 1):
        store.onboarding.complete_enrollment_step(SENDER, step)
    return store


def validate(slot, value, text="", entities=None, slots=None, language=None):
    conversation = tracker(
        text=text,
        entities=entities,
        slots={"requested_slot": slot, "language": language, **(slots or {})},
        slot_events={slot: value},
        active_loop="onboarding_form",
    )
    return run(ValidateOnboardingForm(), conversation)


def test_ONB_01_member_answer_is_stored_and_the_next_question_follows():
    messages, events = validate("mpn_member", True, text="ja")
    assert store_from_env().facts(SENDER)["mpn_member"] is True
    assert slot_values(events) == {"mpn_member": True, "requested_slot": "work_account"}


def test_ONB_01_non_member_ends_the_questions():
    _, events = validate("mpn_member", False, text="nee")
    assert store_from_env().facts(SENDER)["mpn_member"] is False
    assert slot_values(events)["requested_slot"] is None


def test_WA_01_personal_email_is_rejected_in_the_form_and_asked_again():
    store_from_env().onboarding.record_mpn_membership(SENDER, True)
    store_from_env().work_account.record_work_account(SENDER, "exists")
    messages, events = validate(
        "work_email",
        "jan@gmail.com",
        text="jan@gmail.com",
        entities=[{"entity": "email", "value": "jan@gmail.com", "start": 0, "end": 13}],
    )
    assert responses(messages) == ["utter_email_personal"]
    assert messages[0]["domain"] == "gmail.com"
    assert slot_values(events)["work_email"] is None
    assert slot_values(events)["requested_slot"] == "work_email"
    assert "work_email" not in store_from_env().facts(SENDER)


def test_WA_01_company_email_is_accepted_and_stored():
    store_from_env().onboarding.record_mpn_membership(SENDER, True)
    store_from_env().work_account.record_work_account(SENDER, "exists")
    messages, events = validate(
        "work_email",
        "mijn mail is jan@contoso.com",
        text="mijn mail is jan@contoso.com",
        entities=[{"entity": "email", "value": "jan@contoso.com", "start": 13, "end": 28}],
    )
    assert responses(messages) == ["utter_email_accepted"]
    assert store_from_env().facts(SENDER)["work_email"] == "jan@contoso.com"
    assert slot_values(events)["requested_slot"] == "prerequisite_legal_details"


def test_WA_01_a_huge_non_email_answer_gets_a_short_polite_refusal():
    store_from_env().onboarding.record_mpn_membership(SENDER, True)
    store_from_env().work_account.record_work_account(SENDER, "exists")
    messages, events = validate("work_email", "x" * 10_000, text="x" * 10_000)
    assert responses(messages) == ["utter_email_invalid"]
    assert len(messages[0]["email"]) <= 80
    assert slot_values(events)["work_email"] is None


def test_ONB_02_admin_email_unknown_is_recorded_as_missing():
    store_from_env().onboarding.record_mpn_membership(SENDER, True)
    store_from_env().work_account.record_work_account(SENDER, "exists")
    messages, _ = validate("work_email", "unknown", text="weet ik niet")
    assert responses(messages) == ["utter_admin_email_missing_noted"]
    assert store_from_env().facts(SENDER)["prerequisite_admin_email"] is False


def test_WA_03_cloud_subscription_answer_records_work_account():
    store_from_env().onboarding.record_mpn_membership(SENDER, True)
    store_from_env().work_account.record_work_account(SENDER, "unknown")
    messages, _ = validate("has_cloud_subscription", True, text="yes")
    assert responses(messages) == ["utter_cloud_means_work_account"]
    assert store_from_env().facts(SENDER)["work_account"] == "exists"


def test_WA_05_no_work_account_answer_explains_creating_one():
    store_from_env().onboarding.record_mpn_membership(SENDER, True)
    messages, _ = validate("work_account", "none", text="no")
    assert responses(messages) == ["utter_work_account_create_during_enrollment"]


def test_prepare_onboarding_introduces_a_new_case_and_clears_the_form_slots():
    messages, events = run(PrepareOnboarding(), tracker(intent="start_onboarding", slots={"mpn_member": True}))
    assert responses(messages) == ["utter_onboarding_intro"]
    assert all(value is None for value in slot_values(events).values())


def test_prepare_onboarding_resumes_a_started_case():
    store_from_env().onboarding.record_mpn_membership(SENDER, True)
    messages, _ = run(PrepareOnboarding(), tracker(intent="ask_progress"))
    assert responses(messages) == ["utter_onboarding_resume_questions"]
    assert messages[0]["count"] == 5


def test_ONB_02_missing_items_are_named_in_the_users_language():
    store = store_from_env()
    store.onboarding.record_mpn_membership(SENDER, True)
    store.onboarding.record_prerequisite(SENDER, "signing_authority", False)
    messages, _ = run(OnboardingNextStep(), tracker(slots={"language": "nl"}))
    assert responses(messages) == ["utter_prerequisites_missing"]
    assert messages[0]["items"] == render_text(domain(), "utter_item_prerequisite_signing_authority", "nl")
    assert "bevoegdheid" in messages[0]["items"]


def test_ONB_03_next_step_is_computed_from_stored_progress():
    ready_case(steps_done=0)
    messages, _ = run(OnboardingNextStep(), tracker())
    assert responses(messages) == ["utter_enrollment_step_1"]
    assert messages[0]["step_count"] == 5


def test_ONB_03_done_advances_one_step_and_WA_05_step_two_creates_the_account():
    ready_case(steps_done=0)
    messages, _ = run(CompleteStep(), tracker(text="klaar", intent="step_done"))
    assert responses(messages) == ["utter_enrollment_step_2_create"]
    assert store_from_env().facts(SENDER)["enrollment_steps_done"] == 1


def test_ONB_03_a_step_out_of_order_is_refused_with_the_expected_step():
    ready_case(steps_done=1)
    messages, _ = run(
        CompleteStep(), tracker(text="stap 4 klaar", intent="step_done", entities=[{"entity": "step", "value": "4"}])
    )
    assert responses(messages) == ["utter_step_out_of_order", "utter_enrollment_step_2_create"]
    assert messages[0]["expected_step"] == 2 and messages[0]["given_step"] == 4
    assert store_from_env().facts(SENDER)["enrollment_steps_done"] == 1


def test_ONB_02_done_before_being_ready_names_what_is_missing():
    store_from_env().onboarding.record_mpn_membership(SENDER, True)
    store_from_env().onboarding.record_prerequisite(SENDER, "legal_details", False)
    messages, _ = run(CompleteStep(), tracker(text="done", intent="step_done"))
    assert responses(messages) == ["utter_prerequisites_missing"]


def test_ONB_04_enroll_now_triggers_the_verification_explanation():
    ready_case(steps_done=2)
    messages, _ = run(CompleteStep(), tracker(text="done", intent="step_done"))
    assert responses(messages) == ["utter_verification_email_sent", "utter_enrollment_step_4"]


def test_ONB_04_contact_verified_is_refused_before_enrolling_and_recorded_after():
    ready_case(steps_done=1)
    messages, _ = run(RecordContactVerified(), tracker())
    assert responses(messages) == ["utter_verification_not_enrolled"]
    store_from_env().onboarding.complete_enrollment_step(SENDER, 2)
    store_from_env().onboarding.complete_enrollment_step(SENDER, 3)
    messages, _ = run(RecordContactVerified(), tracker())
    assert responses(messages) == ["utter_contact_verified_recorded"]


def test_ONB_05_finish_setup_asks_the_role_then_answers_with_it():
    messages, events = run(AnswerFinishSetup(), tracker())
    assert responses(messages) == ["utter_ask_user_role"]
    assert slot_values(events) == {"pending_question": "finish_setup"}
    messages, events = run(
        RecordRole(),
        tracker(
            text="ik ben globale beheerder",
            entities=[{"entity": "role", "value": "global_admin"}],
            slots={"pending_question": "finish_setup"},
        ),
    )
    assert responses(messages) == ["utter_finish_setup_add_yourself"]
    assert slot_values(events)["pending_question"] is None
    assert store_from_env().facts(SENDER)["user_role"] == "global_admin"


def test_ONB_06_role_without_pending_question_is_checked_against_the_roles():
    messages, _ = run(
        RecordRole(), tracker(entities=[{"entity": "role", "value": "gewone gebruiker"}], slots={"language": "nl"})
    )
    assert responses(messages) == ["utter_roles_you_fit_neither"]
    assert messages[0]["items"] == "gebruiker zonder beheerdersrol"


def test_ONB_02_requirements_answer_lists_what_is_not_known_yet():
    messages, _ = run(AnswerRequirements(), tracker(slots={"language": "en"}))
    assert responses(messages) == ["utter_prerequisites_unknown"]
    assert messages[0]["items"].count("\n") == 3


def test_greeting_a_returning_partner_mentions_their_progress():
    messages, _ = run(Greet(), tracker(intent="greet"))
    assert responses(messages) == ["utter_greet_new"]
    ready_case(steps_done=2)
    messages, _ = run(Greet(), tracker(intent="greet"))
    assert responses(messages) == ["utter_greet_returning_step"]
    assert messages[0]["steps_done"] == 2


def test_start_over_clears_facts_but_keeps_the_language():
    ready_case(steps_done=1)
    messages, events = run(RestartCase(), tracker(slots={"language": "nl"}))
    assert responses(messages) == ["utter_restarted"]
    assert dict(store_from_env().facts(SENDER)) == {}
    assert {"event": "slot", "name": "language", "value": "nl", "timestamp": None} in events


def test_database_down_gets_a_polite_answer_not_a_crash(monkeypatch):
    from actions.store import store as store_module

    monkeypatch.setenv("PARTNER_STORE_URL", "postgresql://nobody@127.0.0.1:1/nothing")
    monkeypatch.setattr(store_module, "_default_store", None)
    messages, events = run(OnboardingNextStep(), tracker(slots={"language": "nl"}))
    assert responses(messages) == ["utter_store_unavailable"]
    assert events == []
