"""Rules of the page 'De Microsoft Partner Agreement (MPA) voor CSP' (MPA-01..13).

`mpa_verdict` answers "can we sign the MPA?" from the stored facts: the first rule that
blocks decides, and a fact that is still unknown is asked for (`Outcome.ASK`).
"""

from __future__ import annotations

import re
from typing import Iterable, List, Mapping, Tuple

from .verdict import Outcome, Verdict

CSP_PARTNER_TYPES = ("indirect_provider", "indirect_reseller", "direct_bill", "not_csp")
MPN_ACCOUNT_STATES = ("partner_center", "pmc", "none")
MPN_PROGRAM_STATUSES = ("active", "pending", "declined", "rejected")
INDIRECT_RESELLER_STATUSES = ("not_shown", "active", "qualified", "rejected", "declined")
FAILED_VERIFICATION = ("pending", "declined", "rejected")

# MPA-13: the step-by-step guides, by situation.
GUIDE_MIGRATE_FROM_PMC = "https://assetsprod.microsoft.com/mpn/migrate-pmc-pc-mpa-guide.pptx"
GUIDE_ENROLL_INDIRECT_RESELLER = "https://assetsprod.microsoft.com/mpn/onboard-pc-csp-mpn-mpa-guide.pptx"
GUIDE_VERIFY_ACCEPTANCE = "https://assetsprod.microsoft.com/mpn/verify-mpa-acceptance-status.pptx"


def region_items(regions: Iterable[str]) -> Tuple[str, ...]:
    """Response names of region names, so each is said in the user's language."""
    return tuple("utter_item_region_" + re.sub(r"[^a-z0-9]+", "_", region.lower()).strip("_") for region in regions)


def mpa_questions(facts: Mapping[str, object]) -> List[str]:
    """The facts the MPA check still needs, in order, stopping at the first answer that
    already blocks (MPA-02 not CSP, MPA-05 no MPN ID or still in PMC, MPA-06 failed
    verification, MPA-08 reseller not enrolled or failed)."""
    questions: List[str] = []
    partner_type = facts.get("csp_partner_type")
    if partner_type is None:
        return ["csp_partner_type"]
    if partner_type == "not_csp":
        return []
    account = facts.get("mpn_account")
    if account is None:
        return ["mpn_account"]
    if account != "partner_center":
        return []
    status = facts.get("mpn_program_status")
    if status is None:
        return ["mpn_program_status"]
    if status != "active":
        return []
    if partner_type == "indirect_reseller":
        reseller = facts.get("indirect_reseller_status")
        if reseller is None:
            return ["indirect_reseller_status"]
        if reseller in ("not_shown", "rejected", "declined"):
            return []
    if facts.get("user_role") is None:
        questions.append("user_role")
    if not facts.get("csp_regions"):
        questions.append("csp_regions")
    return questions


def mpa_verdict(facts: Mapping[str, object], signed_regions: Iterable[str] = ()) -> Verdict:
    """MPA-01..12: can this partner sign the MPA now, and if not, why not and what next."""
    partner_type = facts.get("csp_partner_type")
    if partner_type is None:
        return Verdict(Outcome.ASK, ("MPA-02",), "utter_ask_csp_partner_type", ask="csp_partner_type")
    if partner_type == "not_csp":
        return Verdict(Outcome.BLOCKED, ("MPA-02", "MPA-03"), "utter_mpa_only_for_csp")

    account = facts.get("mpn_account")
    if account is None:
        return Verdict(Outcome.ASK, ("MPA-05",), "utter_ask_mpn_account", ask="mpn_account")
    if account == "none":
        return Verdict(Outcome.BLOCKED, ("MPA-05",), "utter_mpa_join_mpn_first")
    if account == "pmc":
        return Verdict(
            Outcome.BLOCKED, ("MPA-05", "MPA-13"), "utter_mpa_migrate_from_pmc", {"guide": GUIDE_MIGRATE_FROM_PMC}
        )

    status = facts.get("mpn_program_status")
    if status is None:
        return Verdict(Outcome.ASK, ("MPA-06",), "utter_ask_mpn_program_status", ask="mpn_program_status")
    if status in FAILED_VERIFICATION:
        return Verdict(
            Outcome.BLOCKED,
            ("MPA-06", "MPA-07"),
            "utter_mpa_mpn_verification_failed",
            items=(f"utter_item_status_{status}",),
        )

    reseller = facts.get("indirect_reseller_status")
    if partner_type == "indirect_reseller":
        if reseller is None:
            return Verdict(
                Outcome.ASK, ("MPA-08",), "utter_ask_indirect_reseller_status", ask="indirect_reseller_status"
            )
        if reseller == "not_shown":
            return Verdict(
                Outcome.BLOCKED,
                ("MPA-08", "MPA-13"),
                "utter_mpa_enroll_as_indirect_reseller",
                {"guide": GUIDE_ENROLL_INDIRECT_RESELLER},
            )
        if reseller in ("rejected", "declined"):
            return Verdict(
                Outcome.BLOCKED,
                ("MPA-08",),
                "utter_mpa_reseller_verification_failed",
                items=(f"utter_item_status_{reseller}",),
            )

    role = facts.get("user_role")
    if role is None:
        return Verdict(Outcome.ASK, ("MPA-01",), "utter_ask_user_role", ask="user_role")
    if role != "global_admin":
        return Verdict(Outcome.BLOCKED, ("MPA-01", "MPA-11"), "utter_mpa_needs_global_admin")

    regions = list(facts.get("csp_regions") or [])
    if not regions:
        return Verdict(Outcome.ASK, ("MPA-04",), "utter_ask_csp_regions", ask="csp_regions")
    signed = set(signed_regions)
    unsigned = [region for region in regions if region not in signed]
    if not unsigned:
        return Verdict(
            Outcome.DONE,
            ("MPA-04", "MPA-12", "MPA-13"),
            "utter_mpa_signed_everywhere",
            {"guide": GUIDE_VERIFY_ACCEPTANCE},
            items=region_items(regions),
        )
    if partner_type == "indirect_reseller" and reseller == "qualified":
        return Verdict(
            Outcome.ALLOWED,
            ("MPA-08", "MPA-09", "MPA-04", "MPA-10"),
            "utter_mpa_accept_on_dashboard",
            items=region_items(unsigned),
        )
    return Verdict(
        Outcome.ALLOWED,
        ("MPA-11", "MPA-04") + (("MPA-10",) if partner_type == "indirect_reseller" else ()),
        "utter_mpa_sign_now_reseller" if partner_type == "indirect_reseller" else "utter_mpa_sign_now",
        items=region_items(unsigned),
    )


def missing_accept_button() -> Verdict:
    """MPA-11 / MPA-01: no 'Accept and continue', no green banner or no agreement link means
    the signed-in account is not a Global admin of the CSP tenant."""
    return Verdict(Outcome.BLOCKED, ("MPA-11", "MPA-01"), "utter_mpa_missing_accept_button")


def how_to_verify(signed_regions: Iterable[str]) -> Verdict:
    """MPA-12 (the green banner, Account settings > Agreements) and MPA-09 / MPA-13."""
    signed = tuple(signed_regions)
    if signed:
        return Verdict(
            Outcome.INFO,
            ("MPA-12", "MPA-13"),
            "utter_mpa_verify_signed",
            {"guide": GUIDE_VERIFY_ACCEPTANCE},
            items=region_items(signed),
        )
    return Verdict(
        Outcome.INFO, ("MPA-12", "MPA-09", "MPA-13"), "utter_mpa_verify_how", {"guide": GUIDE_VERIFY_ACCEPTANCE}
    )
