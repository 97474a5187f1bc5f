"""Relationship actions (REL-01..07) for customers, on a real SQLite store."""

import pytest

from actions.conversation import AnswerStatement
from actions.relationships import AnswerAcceptInvitation, AnswerPartnerTypeRights, AnswerRemovePartner
from actions.store import Partner, store_from_env
from tests.actions.helpers import Conversation

pytestmark = pytest.mark.usefixtures("sqlite_store_env")
SENDER = "customer-1"


def partners():
    return store_from_env().relationships.partners(SENDER)


def test_REL_07_a_stored_reseller_cannot_be_removed_by_the_customer():
    store_from_env().relationships.record_partner(SENDER, "Contoso", "reseller")
    chat = Conversation(SENDER)
    said = chat.turn(AnswerRemovePartner(), "how do I get rid of Contoso as our partner?", "ask_remove_partner")
    assert said == ["utter_rel_ask_partner_to_end"]
    assert partners() == [Partner("Contoso", "reseller")]
    assert chat.slots["user_kind"] == "customer"


def test_REL_07_a_stored_advisor_is_deleted_in_dutch():
    store_from_env().relationships.record_partner(SENDER, "Fabrikam", "advisor")
    chat = Conversation(SENDER, "nl")
    said = chat.turn(AnswerRemovePartner(), "hoe verwijder ik Fabrikam als partner?", "ask_remove_partner")
    assert said == ["utter_rel_delete_partner"]
    assert partners() == []


@pytest.mark.parametrize(
    "language, question, answer",
    [
        ("en", "I want to remove Northwind as our partner", "they're a delegated admin I think"),
        ("nl", "ik wil Northwind als partner verwijderen", "het is een gedelegeerde beheerder"),
    ],
)
def test_REL_07_an_unknown_partner_is_asked_its_type_once_then_the_removal_decided(language, question, answer):
    chat = Conversation(SENDER, language)
    said = chat.turn(AnswerRemovePartner(), question, "ask_remove_partner")
    assert said[-1] == "utter_ask_rel_partner_type"
    assert chat.slots["partner_name"] == "Northwind"
    said = chat.turn(AnswerStatement(), answer, "inform")
    assert said == ["utter_rel_delete_partner"]
    assert chat.pending is None


def test_REL_02_a_partner_named_with_its_type_is_recorded_and_explained():
    chat = Conversation(SENDER)
    said = chat.turn(AnswerStatement(), "Contoso is our reseller", "inform")
    assert said == ["utter_rel_partner_recorded", "utter_rel_type_reseller"]
    assert partners() == [Partner("Contoso", "reseller")]


def test_REL_02_rights_for_the_type_asked_about_or_all_types():
    chat = Conversation(SENDER)
    said = chat.turn(AnswerPartnerTypeRights(), "what can an advisor partner see in our tenant?", "ask_partner_type_rights")
    assert said == ["utter_rel_type_advisor"]
    said = chat.turn(AnswerPartnerTypeRights(), "what are the kinds of partner roles?", "ask_partner_type_rights")
    assert said == ["utter_rel_partner_types"]


@pytest.mark.parametrize(
    "language, text",
    [
        ("en", "We already work with a partner. We never accepted the customer agreement though. How do I accept the invite?"),
        ("nl", "We werken al met een partner. De klantovereenkomst hebben we nooit geaccepteerd. Hoe accepteer ik de uitnodiging?"),
    ],
)
def test_REL_03_REL_04_a_customer_with_a_partner_accepts_the_mca_first(language, text):
    chat = Conversation(SENDER, language)
    said = chat.turn(AnswerAcceptInvitation(), text, "ask_accept_invitation")
    assert said == ["utter_rel_accept_mca_first"]
    case = store_from_env().facts(SENDER)
    assert case["customer_has_partner"] is True
