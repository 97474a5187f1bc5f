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
    blocked = relationships.accept_invitation(Facts(customer_has_partner=True))
    assert blocked.outcome is Outcome.BLOCKED and blocked.rule_ids == ("REL-04",)
    assert relationships.accept_invitation(Facts(customer_has_partner=True, customer_mca_accepted=True)).rule_ids == (
        "REL-03",
    )


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
