"""The work-account rules (WA-01..06) as plain functions."""

import pytest

from actions.reading import normalise_email
from actions.rules import work_account
from actions.rules.verdict import Outcome
from actions.store.facts import Facts


def check(raw, headquarters_domain=None):
    """WA-01/WA-02 for an address as the user wrote it."""
    return work_account.check_work_email(normalise_email(raw), headquarters_domain, given=raw)


@pytest.mark.parametrize(
    "email",
    [
        "jan@gmail.com",
        "JAN@Hotmail.NL",
        "a.b@yahoo.co.uk",
        "x@outlook.com",
        "x@live.nl",
        "x@icloud.com",
        "x@me.com",
        "x@ziggo.nl",
        "x@kpnmail.nl",
        "x@googlemail.com",
        "x@protonmail.com",
        "x@gmx.de",
    ],
)
def test_WA_01_personal_email_is_refused(email):
    verdict = check(email)
    assert verdict.outcome is Outcome.BLOCKED
    assert verdict.rule_ids == ("WA-01",)
    assert verdict.code == "email_personal"


@pytest.mark.parametrize(
    "raw", ["jan at contoso.nl", "jan@", "@contoso.com", "jan@contoso", "", "a" * 300 + "@x.com", "jan@@contoso.com"]
)
def test_WA_01_malformed_address_is_refused_as_invalid(raw):
    verdict = check(raw)
    assert verdict.outcome is Outcome.BLOCKED
    assert verdict.code == "email_invalid"
    assert len(verdict.params["email"]) <= 80


def test_WA_01_company_address_is_accepted_and_normalised():
    verdict = check("  <Jan.de.Vries@Contoso.COM> ")
    assert verdict.allowed
    assert verdict.code == "email_accepted"
    assert verdict.params["email"] == "Jan.de.Vries@contoso.com"


def test_WA_01_brand_names_inside_company_domains_are_not_personal():
    assert check("jan@livestock-farms.com").allowed
    assert check("jan@mail.contoso.com").allowed
    assert check("jan@olive.nl").allowed


def test_WA_02_country_domain_is_accepted_with_headquarters_note():
    verdict = check("jan@contoso.uk")
    assert verdict.allowed
    assert verdict.rule_ids == ("WA-01", "WA-02")
    assert verdict.code == "email_accepted_regional"


def test_WA_02_regional_domain_refused_when_headquarters_domain_is_known():
    verdict = check("jan@contoso.uk", headquarters_domain="contoso.com")
    assert verdict.outcome is Outcome.BLOCKED
    assert verdict.rule_ids == ("WA-02",)
    assert verdict.params["headquarters_domain"] == "contoso.com"


def test_WA_02_headquarters_advice_picks_the_generic_domain():
    verdict = work_account.headquarters_domain_advice(["contoso.uk", "contoso.com"])
    assert verdict.code == "headquarters_domain_likely"
    assert verdict.params == {"headquarters_domain": "contoso.com", "regional_domains": "contoso.uk"}
    assert (
        work_account.headquarters_domain_advice(["contoso.nl", "contoso.be"]).code
        == "headquarters_domain_rule"
    )


def test_WA_03_cloud_subscription_means_a_work_account_exists():
    verdict = work_account.work_account_status(Facts(has_cloud_subscription=True))
    assert verdict.code == "work_account_exists"
    assert "WA-03" in verdict.rule_ids and "WA-04" in verdict.rule_ids and "WA-06" in verdict.rule_ids


def test_WA_04_unknown_work_account_explains_how_to_check():
    verdict = work_account.work_account_status(Facts())
    assert verdict.outcome is Outcome.ASK
    assert verdict.code == "work_account_how_to_check"
    assert "WA-04" in verdict.rule_ids


def test_WA_05_no_work_account_is_created_during_enrollment():
    verdict = work_account.work_account_status(Facts(work_account="none"))
    assert verdict.rule_ids == ("WA-05",)


def test_WA_06_reuse_advice():
    assert work_account.work_account_reuse_advice(Facts(work_account="exists")).rule_ids == ("WA-06",)
    assert (
        work_account.work_account_reuse_advice(Facts(work_account="none")).code == "work_account_reuse_none"
    )
