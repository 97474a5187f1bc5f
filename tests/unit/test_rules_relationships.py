"""The partner-relationship rules (REL-01..07) as plain functions."""

import pytest

from actions.rules import relationships
from actions.rules.verdict import Outcome
from actions.store.facts import Facts


def test_REL_01_finding_a_partner():
    assert relationships.find_a_partner().rule_ids == ("REL-01",)


@pytest.mark.parametrize("partner_type", relationships.PARTNER_TYPES)
def test_REL_02_each_partner_type_has_its_own_answer(partner_type):
    result = relationships.partner_type_rights(partner_type)
    assert result.code == f"rel_type_{partner_type}"
    assert result.rule_ids == ("REL-02",)
    assert relationships.partner_type_rights(None).code == "rel_partner_types"


def test_REL_03_and_REL_04_accepting_invitation_and_customer_agreement():
    assert relationships.accept_invitation(Facts()).rule_ids == ("REL-03",)
    # An existing partner with the MCA not known: the steps (which include the MCA), no block.
    assert relationships.accept_invitation(Facts(customer_has_partner=True)).code == "rel_accept_invitation"
    blocked = relationships.accept_invitation(Facts(customer_has_partner=True, customer_mca_accepted=False))
    assert blocked.outcome is Outcome.BLOCKED and blocked.rule_ids == ("REL-04", "REL-03")
    assert blocked.code == "rel_accept_mca_first"
    assert relationships.accept_invitation(Facts(customer_has_partner=True, customer_mca_accepted=True)).rule_ids == (
        "REL-03",
    )


def test_REL_04_customer_agreement_rule_block_and_accepted():
    assert relationships.mca_verdict(Facts()).code == "rel_mca_rule"
    blocked = relationships.mca_verdict(Facts(customer_has_partner=True))
    assert blocked.outcome is Outcome.BLOCKED and blocked.code == "rel_accept_mca_first"
    accepted = relationships.mca_verdict(Facts(customer_has_partner=True, customer_mca_accepted=True))
    assert accepted.code == "rel_mca_accepted" and accepted.rule_ids == ("REL-04",)


def test_REL_07_removal_without_a_name_or_type_is_answered_as_the_rule():
    rule = relationships.removal_verdict(None, None)
    assert rule.code == "rel_removal_rule" and rule.ask == "partner_type"
    assert relationships.removal_verdict("Contoso", None).code == "ask_rel_partner_type"
    assert relationships.removal_verdict(None, "advisor").params == {"partner": ""}


def test_REL_05_cancel_instead_of_granting_admin():
    result = relationships.decline_admin_privileges()
    assert result.code == "rel_cancel_invitation"
    assert result.rule_ids == ("REL-05",)


def test_REL_06_removing_admin_roles_keeps_the_relationship():
    assert relationships.remove_admin_roles().rule_ids == ("REL-06",)


@pytest.mark.parametrize("partner_type", ["delegated_admin", "advisor"])
def test_REL_07_customer_deletes_delegated_admin_or_advisor_itself(partner_type):
    result = relationships.removal_verdict("Contoso", partner_type)
    assert result.outcome is Outcome.ALLOWED
    assert result.params == {"partner": "Contoso"}


@pytest.mark.parametrize("partner_type", ["reseller", "reseller_delegated_admin", "partner", "mpsa", "oem", "lob"])
def test_REL_07_other_types_are_asked_to_end_it(partner_type):
    result = relationships.removal_verdict("Contoso", partner_type)
    assert result.outcome is Outcome.BLOCKED
    assert result.code == "rel_ask_partner_to_end"


def test_REL_07_unknown_type_is_asked():
    assert relationships.removal_verdict("Contoso", None).ask == "partner_type"
