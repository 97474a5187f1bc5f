"""MPA actions (MPA-01..13) over rasa_sdk's Tracker and CollectingDispatcher, on a real store."""

import pytest

from actions.mpa import (
    AnswerAcceptButton,
    AnswerMpaRegions,
    AnswerVerifyMpa,
    MpaVerdict,
    PrepareMpaCheck,
    RecordMpaSignature,
    ValidateMpaForm,
)
from actions.store import store_from_env
from tests.actions.helpers import responses, run, slot_values, tracker

pytestmark = pytest.mark.usefixtures("sqlite_store_env")
SENDER = "partner-1"


def ready(regions=("Europe", "Latin America and the Caribbean"), partner_type="indirect_reseller", reseller="active"):
    store = store_from_env()
    store.mpa.record_csp_partner_type(SENDER, partner_type)
    store.mpa.record_mpn_program_status(SENDER, "active")
    if reseller:
        store.mpa.record_indirect_reseller_status(SENDER, reseller)
    store.onboarding.record_user_role(SENDER, "global_admin")
    if regions:
        store.mpa.record_csp_regions(SENDER, list(regions))
    return store


def validate(slot, value, text="", entities=None, language=None):
    conversation = tracker(
        text=text,
        entities=entities,
        slots={"requested_slot": slot, "language": language},
        slot_events={slot: value},
        active_loop="mpa_form",
    )
    return run(ValidateMpaForm(), conversation)


def country(name):
    return {"entity": "country", "value": name}


def test_MPA_02_partner_type_is_stored_and_the_mpn_account_asked_next():
    _, events = validate("csp_partner_type", "indirect_reseller", text="we're an indirect reseller")
    assert store_from_env().facts(SENDER)["csp_partner_type"] == "indirect_reseller"
    assert slot_values(events)["requested_slot"] == "mpn_account"


def test_MPA_02_non_csp_ends_the_questions():
    _, events = validate("csp_partner_type", "not_csp")
    assert slot_values(events)["requested_slot"] is None


def test_MPA_06_failed_verification_ends_the_questions():
    store_from_env().mpa.record_csp_partner_type(SENDER, "direct_bill")
    store_from_env().mpa.record_mpn_account(SENDER, "partner_center")
    _, events = validate("mpn_program_status", "pending")
    assert store_from_env().facts(SENDER)["mpn_program_status"] == "pending"
    assert slot_values(events)["requested_slot"] is None


def test_MPA_06_a_reseller_only_status_is_not_an_mpn_status():
    store_from_env().mpa.record_csp_partner_type(SENDER, "direct_bill")
    store_from_env().mpa.record_mpn_account(SENDER, "partner_center")
    _, events = validate("mpn_program_status", "qualified")
    assert slot_values(events)["mpn_program_status"] is None
    assert slot_values(events)["requested_slot"] == "mpn_program_status"


def test_MPA_01_the_yes_to_global_admin_is_stored_as_the_role():
    ready(regions=("Europe",))
    _, events = validate("user_role", "global_admin", text="yes")
    assert store_from_env().facts(SENDER)["user_role"] == "global_admin"


def test_MPA_04_countries_become_regions():
    ready(regions=())
    messages, events = validate(
        "csp_countries",
        "Germany",
        text="we sell in Germany and Mexico",
        entities=[country("Germany"), country("Mexico")],
    )
    assert responses(messages) == ["utter_mpa_regions_recorded"]
    assert messages[0]["items"] == "Europe, Latin America and the Caribbean"
    assert store_from_env().facts(SENDER)["csp_regions"] == ["Europe", "Latin America and the Caribbean"]


def test_MPA_04_ambiguous_area_gets_a_clarifying_question_in_dutch():
    ready(regions=())
    messages, events = validate(
        "csp_countries", "Noord-Amerika", text="Noord-Amerika", entities=[country("Noord-Amerika")], language="nl"
    )
    assert responses(messages) == ["utter_mpa_regions_ambiguous"]
    assert messages[0]["items"] == "Verenigde Staten, Canada"
    assert slot_values(events)["csp_countries"] is None


def test_MPA_04_unknown_country_from_free_text_is_asked_again():
    ready(regions=())
    messages, events = validate("csp_countries", "Atlantis en Lemurië", text="Atlantis en Lemurië")
    assert responses(messages) == ["utter_mpa_countries_unknown"]
    assert '"Atlantis"' in messages[0]["places"]
    assert slot_values(events)["csp_countries"] is None


def test_prepare_keeps_what_the_user_said_and_clears_the_form():
    messages, events = run(
        PrepareMpaCheck(),
        tracker(
            text="we're an indirect reseller still in PMC, can we sign?",
            entities=[
                {"entity": "csp_partner_type", "value": "indirect_reseller"},
                {"entity": "mpn_account", "value": "pmc"},
            ],
        ),
    )
    facts = store_from_env().facts(SENDER)
    assert facts["csp_partner_type"] == "indirect_reseller" and facts["mpn_account"] == "pmc"
    assert slot_values(events)["user_kind"] == "partner"
    assert slot_values(events)["csp_partner_type"] is None


def test_MPA_05_verdict_from_stored_facts():
    store_from_env().mpa.record_csp_partner_type(SENDER, "indirect_provider")
    store_from_env().mpa.record_mpn_account(SENDER, "pmc")
    messages, _ = run(MpaVerdict(), tracker())
    assert responses(messages) == ["utter_mpa_migrate_from_pmc"]
    assert messages[0]["guide"].endswith("migrate-pmc-pc-mpa-guide.pptx")


def test_MPA_04_signatures_one_by_one_until_none_is_missing():
    ready()
    messages, _ = run(RecordMpaSignature(), tracker(text="signed for Germany", entities=[country("Germany")]))
    assert responses(messages) == ["utter_mpa_signature_recorded", "utter_mpa_sign_now_reseller"]
    assert messages[1]["items"] == "Latin America and the Caribbean"
    messages, _ = run(AnswerMpaRegions(), tracker(slots={"language": "nl"}))
    assert messages[0]["items"] == "Latijns-Amerika en het Caribisch gebied"
    messages, _ = run(RecordMpaSignature(), tracker(entities=[country("Mexico")]))
    assert responses(messages) == ["utter_mpa_signature_recorded", "utter_mpa_signed_everywhere"]


def test_MPA_04_region_already_signed_and_region_without_business():
    ready(regions=("Europe",))
    run(RecordMpaSignature(), tracker(entities=[country("Europe")]))
    messages, _ = run(RecordMpaSignature(), tracker(entities=[country("France")]))
    assert responses(messages)[0] == "utter_mpa_region_already_signed"
    messages, _ = run(RecordMpaSignature(), tracker(entities=[country("Japan")]))
    assert responses(messages)[0] == "utter_mpa_region_not_in_business"


def test_MPA_01_signature_by_a_non_global_admin_is_not_recorded():
    ready()
    store_from_env().onboarding.record_user_role(SENDER, "admin_agent")
    messages, _ = run(RecordMpaSignature(), tracker(entities=[country("Germany")]))
    assert responses(messages) == ["utter_mpa_signature_needs_global_admin"]
    assert store_from_env().mpa.signed_regions(SENDER) == []


def test_signature_without_a_region_asks_which():
    messages, events = run(RecordMpaSignature(), tracker(text="we signed it"))
    assert responses(messages) == ["utter_ask_signed_region"]
    assert slot_values(events)["pending_question"] == "mpa_signature"


def test_MPA_11_missing_accept_button():
    messages, _ = run(AnswerAcceptButton(), tracker())
    assert responses(messages) == ["utter_mpa_missing_accept_button"]


def test_MPA_12_verify_lists_the_recorded_signatures():
    messages, _ = run(AnswerVerifyMpa(), tracker())
    assert responses(messages) == ["utter_mpa_verify_how"]
    ready()
    run(RecordMpaSignature(), tracker(entities=[country("Germany")]))
    messages, _ = run(AnswerVerifyMpa(), tracker())
    assert responses(messages) == ["utter_mpa_verify_signed"]
    assert messages[0]["items"] == "Europe"
