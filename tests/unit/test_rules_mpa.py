"""The MPA rules (MPA-01..13) as plain functions of facts."""

import pytest

from actions.reading import place_names
from actions.responses import item_response
from actions.rules import mpa
from actions.rules.csp_regions import region_names, regions_for
from actions.rules.verdict import Outcome
from actions.store.facts import Facts

READY_RESELLER = dict(
    csp_partner_type="indirect_reseller",
    mpn_account="partner_center",
    mpn_program_status="active",
    indirect_reseller_status="active",
    user_role="global_admin",
    csp_regions=["Europe", "Latin America and the Caribbean"],
)


def verdict(signed=(), **changes):
    return mpa.mpa_verdict(Facts(**{**READY_RESELLER, **changes}), signed)


def test_MPA_02_unknown_partner_type_is_asked():
    result = mpa.mpa_verdict(Facts())
    assert result.outcome is Outcome.ASK and result.ask == "csp_partner_type"
    assert result.code == "ask_csp_partner_type" and result.rule_ids == ("MPA-02",)


def test_MPA_02_and_MPA_08_a_reseller_status_implies_an_indirect_reseller_in_partner_center():
    facts = Facts(indirect_reseller_status="qualified")
    assert mpa.partner_type_of(facts) == "indirect_reseller"
    assert mpa.partner_type_of(Facts(indirect_reseller_status="not_shown")) is None
    # Neither the partner type nor the MPN account is asked: the next question is the MPN status.
    assert mpa.mpa_verdict(facts).ask == "mpn_program_status"


def test_MPA_02_and_MPA_03_non_csp_company_is_told_the_mpa_is_for_csp():
    result = verdict(csp_partner_type="not_csp")
    assert result.outcome is Outcome.BLOCKED
    assert result.rule_ids == ("MPA-02", "MPA-03")
    # Nothing else is asked: the block holds whatever the other facts are.
    assert mpa.mpa_verdict(Facts(csp_partner_type="not_csp")).ask is None


@pytest.mark.parametrize("partner_type", ["indirect_provider", "direct_bill"])
def test_MPA_02_providers_and_direct_bill_partners_sign_on_csp_overview(partner_type):
    result = verdict(csp_partner_type=partner_type, indirect_reseller_status=None)
    assert result.outcome is Outcome.ALLOWED
    assert result.code == "mpa_sign_now"


def test_MPA_05_no_mpn_id_joins_first_and_pmc_migrates_first():
    assert verdict(mpn_account="none").code == "mpa_join_mpn_first"
    pmc = verdict(mpn_account="pmc")
    assert pmc.code == "mpa_migrate_from_pmc"
    assert set(pmc.rule_ids) == {"MPA-05", "MPA-13"}
    assert pmc.params["guide"] == mpa.GUIDE_MIGRATE_FROM_PMC


@pytest.mark.parametrize("status", ["pending", "declined", "rejected"])
def test_MPA_06_and_MPA_07_any_status_but_active_means_verification_failed(status):
    result = verdict(mpn_program_status=status)
    assert result.outcome is Outcome.BLOCKED
    assert result.rule_ids == ("MPA-06", "MPA-07")
    assert result.items == (f"status.{status}",)
    assert result.needs_person and result.person == mpa.VERIFICATION_FAILED


@pytest.mark.parametrize("status", ["pending", "declined", "rejected"])
@pytest.mark.parametrize("partner_type", [None, "direct_bill", "indirect_provider", "indirect_reseller"])
def test_MPA_06_a_known_failed_status_wins_whatever_the_partner_type_or_what_is_unknown(status, partner_type):
    result = mpa.mpa_verdict(Facts(mpn_program_status=status, csp_partner_type=partner_type))
    assert result.outcome is Outcome.BLOCKED and result.code == "mpn_verification_failed"
    assert result.ask is None
    assert mpa.mpn_status_verdict(status).code == "mpn_verification_failed"


def test_MPA_06_active_status_on_its_own():
    assert mpa.mpn_status_verdict("active").code == "mpn_status_active"
    assert mpa.mpn_status_verdict("active").rule_ids == ("MPA-06",)


def test_MPA_06_active_status_passes():
    assert verdict(mpn_program_status="active").allowed


def test_MPA_08_reseller_status_not_shown_means_enroll_first():
    result = verdict(indirect_reseller_status="not_shown")
    assert result.code == "mpa_enroll_as_indirect_reseller"
    assert result.params["guide"] == mpa.GUIDE_ENROLL_INDIRECT_RESELLER


@pytest.mark.parametrize("status", ["rejected", "declined"])
def test_MPA_08_rejected_or_declined_reseller_means_verification_failed(status):
    assert verdict(indirect_reseller_status=status).code == "reseller_verification_failed"


def test_MPA_08_and_MPA_09_qualified_reseller_accepts_on_dashboard_overview():
    result = verdict(indirect_reseller_status="qualified")
    assert result.outcome is Outcome.ALLOWED
    assert result.code == "mpa_accept_on_dashboard"
    assert {"MPA-08", "MPA-09", "MPA-10"} <= set(result.rule_ids)


def test_MPA_10_active_reseller_is_reminded_of_the_provider_relationship():
    result = verdict()
    assert result.code == "mpa_sign_now_reseller"
    assert "MPA-10" in result.rule_ids


def test_MPA_01_only_a_global_admin_can_sign():
    result = verdict(user_role="admin_agent")
    assert result.outcome is Outcome.BLOCKED
    assert result.rule_ids == ("MPA-01", "MPA-11")
    assert verdict(user_role=None).ask == "user_role"


def test_MPA_11_missing_accept_button_means_missing_role():
    result = mpa.missing_accept_button()
    assert result.rule_ids == ("MPA-11", "MPA-01")


def test_MPA_04_lists_exactly_the_unsigned_regions():
    result = verdict(signed=["Europe"])
    assert result.items == ("region.latin_america_and_the_caribbean",)
    done = verdict(signed=["Europe", "Latin America and the Caribbean"])
    assert done.outcome is Outcome.DONE
    assert set(done.rule_ids) >= {"MPA-04", "MPA-12"}


def test_MPA_04_regions_unknown_are_asked_with_what_to_do_already_said():
    ready = verdict(csp_regions=None)
    assert ready.outcome is Outcome.ASK and ready.ask == "csp_regions"
    assert ready.code == "mpa_ready_ask_regions"
    assert {"MPA-11", "MPA-04", "MPA-10"} <= set(ready.rule_ids)
    qualified = verdict(csp_regions=None, indirect_reseller_status="qualified")
    assert qualified.code == "mpa_ready_ask_regions_dashboard"
    assert {"MPA-08", "MPA-09", "MPA-04"} <= set(qualified.rule_ids)
    direct = verdict(csp_regions=[], csp_partner_type="direct_bill", indirect_reseller_status=None)
    assert direct.code == "mpa_ready_ask_regions" and "MPA-10" not in direct.rule_ids


def test_MPA_12_and_MPA_13_verifying_names_the_banner_and_the_guide():
    assert mpa.how_to_verify([]).code == "mpa_verify_how"
    signed = mpa.how_to_verify(["Europe"])
    assert signed.code == "mpa_verify_signed"
    assert signed.params["guide"] == mpa.GUIDE_VERIFY_ACCEPTANCE


def test_MPA_04_countries_map_to_csp_regions():
    assert regions_for(["Germany", "Mexico"]).regions == ("Europe", "Latin America and the Caribbean")
    assert regions_for(["Duitsland", "Mexico"]).regions == ("Europe", "Latin America and the Caribbean")
    assert regions_for(["België", "verenigd koninkrijk", "UK"]).regions == ("Europe",)


def test_MPA_04_whole_names_only_so_guinea_is_not_equatorial_guinea():
    assert regions_for(["Guinea"]).regions == ("Africa",)
    assert regions_for(["Papua New Guinea"]).regions == regions_for(["Papua New Guinea"]).regions
    assert regions_for(["Samoa"]).regions == ("New Zealand",)


def test_MPA_04_ambiguous_area_names_list_candidate_regions():
    lookup = regions_for(["North America", "Asia"])
    assert lookup.regions == ()
    assert lookup.ambiguous["North America"] == ("United States", "Canada")
    assert "Japan" in lookup.ambiguous["Asia"] and "India" in lookup.ambiguous["Asia"]


def test_MPA_04_unknown_country_is_reported():
    lookup = regions_for(["Atlantis", "Germany"])
    assert lookup.unknown == ("Atlantis",)
    assert lookup.regions == ("Europe",)


def test_MPA_04_every_region_has_a_dutch_and_english_name_in_the_domain():
    from tests.domain_files import domain

    responses = domain()["responses"]
    for item in mpa.region_items(region_names()):
        assert item_response(item) in responses, item
        assert len(responses[item_response(item)]) == 2


def test_place_names_are_split_in_both_languages():
    assert place_names("we sell in Germany, Mexico and the UK") == ["Germany", "Mexico", "UK"]
    assert place_names("Duitsland en Mexico") == ["Duitsland", "Mexico"]
    assert place_names("anything", ["Germany"]) == ["Germany"]


def test_MPA_04_a_country_in_two_region_lists_is_ambiguous(monkeypatch):
    from actions.rules import csp_regions

    names, index = csp_regions._tables()
    patched = dict(index, **{csp_regions._key("Cyprus"): ("Europe", "Middle East, Central Europe, and Eastern Europe")})
    monkeypatch.setattr(csp_regions, "_tables", lambda: (names, patched))
    lookup = regions_for(["Cyprus", "Germany"])
    assert lookup.ambiguous == {"Cyprus": ("Europe", "Middle East, Central Europe, and Eastern Europe")}
    assert lookup.regions == ("Europe",)


# ----- the answer first: a general question is answered as the rule ----------------------


def test_MPA_01_MPA_02_who_signs_is_answered_as_the_rule_then_the_role_is_asked():
    rule = mpa.signer_verdict(None, None)
    assert rule.code == "mpa_signer_rule" and rule.ask == "user_role"
    assert rule.rule_ids == ("MPA-01", "MPA-02")
    reseller = mpa.signer_verdict(None, "indirect_reseller")
    assert reseller.code == "mpa_signer_rule_reseller" and "MPA-10" in reseller.rule_ids


def test_MPA_01_who_signs_for_the_users_own_role():
    assert mpa.signer_verdict("global_admin", None).code == "mpa_signer_you"
    assert mpa.signer_verdict("global_admin", "indirect_reseller").code == "mpa_signer_you_reseller"
    other = mpa.signer_verdict("admin_agent", "direct_bill")
    assert other.outcome is Outcome.BLOCKED and other.rule_ids == ("MPA-01", "MPA-11")
    assert mpa.signer_verdict("global_admin", "not_csp").code == "mpa_only_for_csp"


def test_MPA_04_per_region_is_answered_as_the_rule_without_regions():
    rule = mpa.regions_verdict([], [])
    assert rule.code == "mpa_regions_rule" and rule.ask == "csp_regions" and rule.rule_ids == ("MPA-04",)


def test_MPA_04_how_many_signatures_the_regions_need_and_which_are_left():
    count = mpa.regions_verdict(["Europe", "Japan"], [])
    assert count.code == "mpa_regions_count" and count.params == {"region_count": 2, "unsigned_count": 2}
    again = mpa.regions_verdict(["Europe", "Japan"], ["Europe"])
    assert again.code == "mpa_regions_sign_again" and again.items == ("region.japan",)
    covered = mpa.regions_verdict(["Europe"], ["Europe"])
    assert covered.outcome is Outcome.DONE and covered.code == "mpa_regions_covered"


def test_MPA_03_MPA_07_MPA_13_answers_that_decide_nothing():
    assert mpa.mpa_mandatory().rule_ids == ("MPA-03",)
    assert mpa.credentials_may_differ().code == "mpa_credentials_may_differ"
    assert mpa.guides().params["verify"] == mpa.GUIDE_VERIFY_ACCEPTANCE


def test_MPA_04_after_a_signature_the_regions_still_to_sign_or_all_signed():
    from actions.rules.mpa import after_signature_verdict

    still = after_signature_verdict(["europe", "latin_america"], ["europe"])
    assert still.code == "mpa_regions_still_to_sign" and still.items == ("region.latin_america",)
    assert still.params["unsigned_count"] == 1
    done = after_signature_verdict(["europe", "latin_america"], ["europe", "latin_america"])
    assert done.code == "mpa_all_regions_signed" and set(done.items) == {"region.europe", "region.latin_america"}
    assert after_signature_verdict([], ["europe"]) is None
