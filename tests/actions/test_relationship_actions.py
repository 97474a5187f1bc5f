"""Relationship actions (REL-01..07) and answers given outside a form."""

import pytest

from actions.inform import HandleInform
from actions.relationships import (
    AnswerAcceptInvitation,
    AnswerPartnerTypeRights,
    AnswerRelationships,
    AnswerRemovePartner,
)
from actions.store import Partner, store_from_env
from tests.actions.helpers import responses, run, slot_values, tracker

pytestmark = pytest.mark.usefixtures("sqlite_store_env")
SENDER = "customer-1"


def rel_type(value):
    return {"entity": "rel_partner_type", "value": value}


def test_REL_07_stored_reseller_cannot_be_removed_by_the_customer():
    store_from_env().relationships.record_partner(SENDER, "Contoso", "reseller")
    messages, events = run(AnswerRemovePartner(), tracker(sender_id=SENDER, text="remove partner contoso"))
    assert responses(messages) == ["utter_rel_ask_partner_to_end"]
    assert messages[0]["partner"] == "Contoso"
    assert store_from_env().relationships.partners(SENDER) == [Partner("Contoso", "reseller")]
    assert slot_values(events)["user_kind"] == "customer"


def test_REL_07_stored_advisor_is_removed_with_the_path():
    store_from_env().relationships.record_partner(SENDER, "Fabrikam", "advisor")
    messages, _ = run(
        AnswerRemovePartner(), tracker(sender_id=SENDER, text="delete partner Fabrikam", slots={"language": "nl"})
    )
    assert responses(messages) == ["utter_rel_delete_partner"]
    assert messages[0]["items"] == "adviseur"
    assert store_from_env().relationships.partners(SENDER) == []


def test_REL_07_unknown_partner_asks_the_type_then_decides():
    messages, events = run(AnswerRemovePartner(), tracker(sender_id=SENDER, text="remove partner Northwind"))
    assert responses(messages) == ["utter_ask_rel_partner_type"]
    assert slot_values(events)["partner_name"] == "Northwind"
    messages, events = run(
        HandleInform(),
        tracker(
            sender_id=SENDER,
            text="/inform",
            entities=[rel_type("delegated_admin")],
            slots={"pending_question": "remove_partner", "partner_name": "Northwind"},
        ),
    )
    assert responses(messages) == ["utter_rel_delete_partner"]
    assert slot_values(events)["pending_question"] is None


def test_REL_02_a_partner_named_with_its_type_is_recorded_and_explained():
    messages, events = run(
        HandleInform(), tracker(sender_id=SENDER, text="Contoso is our reseller", entities=[rel_type("reseller")])
    )
    assert responses(messages) == ["utter_rel_partner_recorded", "utter_rel_type_reseller"]
    assert store_from_env().relationships.partners(SENDER) == [Partner("Contoso", "reseller")]
    assert slot_values(events)["inform_topic"] == "other"


def test_REL_02_rights_for_the_type_asked_about():
    messages, _ = run(AnswerPartnerTypeRights(), tracker(entities=[rel_type("advisor")]))
    assert responses(messages) == ["utter_rel_type_advisor"]
    messages, _ = run(AnswerPartnerTypeRights(), tracker())
    assert responses(messages) == ["utter_rel_partner_types"]


def test_REL_04_existing_partner_without_customer_agreement():
    messages, _ = run(AnswerAcceptInvitation(), tracker(sender_id=SENDER))
    assert responses(messages) == ["utter_rel_accept_invitation"]
    store_from_env().relationships.record_partner(SENDER, "Contoso", "reseller")
    messages, _ = run(AnswerAcceptInvitation(), tracker(sender_id=SENDER))
    assert responses(messages) == ["utter_rel_accept_mca_first"]


def test_partner_or_customer_is_asked_when_unknown():
    messages, _ = run(AnswerRelationships(), tracker())
    assert responses(messages) == ["utter_ask_user_kind"]
    messages, _ = run(AnswerRelationships(), tracker(slots={"user_kind": "customer"}))
    assert responses(messages) == ["utter_rel_overview_customer"]
    messages, events = run(HandleInform(), tracker(entities=[{"entity": "user_kind", "value": "partner"}]))
    assert responses(messages) == ["utter_rel_overview_partner"]
    assert slot_values(events)["user_kind"] == "partner"


def test_MPA_facts_given_outside_the_form_are_stored_and_continue_the_check():
    messages, events = run(
        HandleInform(),
        tracker(
            text="we're an indirect reseller", entities=[{"entity": "csp_partner_type", "value": "indirect_reseller"}]
        ),
    )
    assert store_from_env().facts("partner-1")["csp_partner_type"] == "indirect_reseller"
    assert slot_values(events)["inform_topic"] == "mpa"


def test_MPA_status_outside_the_form_goes_to_the_fact_being_asked():
    store = store_from_env()
    store.mpa.record_csp_partner_type("partner-1", "indirect_reseller")
    store.mpa.record_mpn_program_status("partner-1", "active")
    run(HandleInform(), tracker(text="qualified", entities=[{"entity": "status", "value": "qualified"}]))
    assert store.facts("partner-1")["indirect_reseller_status"] == "qualified"
