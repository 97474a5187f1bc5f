"""Rules of the page 'De Microsoft Partner Agreement (MPA) voor CSP' (MPA-01..13).

``MPA_CHECKS`` is the one table behind "can we sign the MPA?": the CSP partner type
(MPA-02), the MPN account (MPA-05), the MPN program status (MPA-06), an indirect reseller's
status (MPA-08), the Global admin role (MPA-01) and the CSP regions (MPA-04). The first
answer that blocks decides; when all pass, the regions still unsigned are named.
"""

from __future__ import annotations

import re
from typing import Iterable, Mapping, Optional, Sequence, Tuple

from .checks import Check, CheckTable, Known
from .verdict import Outcome, Verdict, item

CSP_PARTNER_TYPES = ("indirect_provider", "indirect_reseller", "direct_bill", "not_csp")
MPN_ACCOUNT_STATES = ("partner_center", "pmc", "none")
MPN_PROGRAM_STATUSES = ("active", "pending", "declined", "rejected")
INDIRECT_RESELLER_STATUSES = ("not_shown", "active", "qualified", "rejected", "declined")
FAILED_VERIFICATION = ("pending", "declined", "rejected")
# The handoff trigger of a failed verification: only Microsoft support can redo it.
VERIFICATION_FAILED = "verification_failed"

# MPA-13: the step-by-step guides, by situation.
GUIDE_MIGRATE_FROM_PMC = "https://assetsprod.microsoft.com/mpn/migrate-pmc-pc-mpa-guide.pptx"
GUIDE_ENROLL_INDIRECT_RESELLER = "https://assetsprod.microsoft.com/mpn/onboard-pc-csp-mpn-mpa-guide.pptx"
GUIDE_VERIFY_ACCEPTANCE = "https://assetsprod.microsoft.com/mpn/verify-mpa-acceptance-status.pptx"


def region_items(regions: Iterable[str]) -> Tuple[str, ...]:
    """Items naming CSP regions, so each is said in the user's language."""
    return tuple(item("region", re.sub(r"[^a-z0-9]+", "_", region.lower()).strip("_")) for region in regions)


def _partner_type(partner_type: str, known: Known) -> Optional[Verdict]:
    """MPA-02 / MPA-03: the MPA is for Cloud Solution Provider partners."""
    if partner_type == "not_csp":
        return Verdict(Outcome.BLOCKED, "mpa_only_for_csp", ("MPA-02", "MPA-03"))
    return None


def _mpn_account(account: str, known: Known) -> Optional[Verdict]:
    """MPA-05: MPN ID first; an account still in PMC is migrated first."""
    if account == "none":
        return Verdict(Outcome.BLOCKED, "mpa_join_mpn_first", ("MPA-05",))
    if account == "pmc":
        return Verdict(
            Outcome.BLOCKED, "mpa_migrate_from_pmc", ("MPA-05", "MPA-13"), {"guide": GUIDE_MIGRATE_FROM_PMC}
        )
    return None


def _mpn_program_status(status: str, known: Known) -> Optional[Verdict]:
    """MPA-06 / MPA-07: Declined, Rejected or Pending means the verification failed."""
    if status in FAILED_VERIFICATION:
        return Verdict(
            Outcome.BLOCKED,
            "mpn_verification_failed",
            ("MPA-06", "MPA-07"),
            items=(item("status", status),),
            person=VERIFICATION_FAILED,
        )
    return None


def mpn_status_verdict(status: str) -> Verdict:
    """MPA-06: what an MPN program status means on its own."""
    return _mpn_program_status(status, {}) or Verdict(Outcome.INFO, "mpn_status_active", ("MPA-06",))


def _indirect_reseller_status(status: str, known: Known) -> Optional[Verdict]:
    """MPA-08: not shown means enroll as indirect reseller first; Rejected or Declined means
    the verification failed."""
    if status == "not_shown":
        return Verdict(
            Outcome.BLOCKED,
            "mpa_enroll_as_indirect_reseller",
            ("MPA-08", "MPA-13"),
            {"guide": GUIDE_ENROLL_INDIRECT_RESELLER},
        )
    if status in ("rejected", "declined"):
        return Verdict(
            Outcome.BLOCKED,
            "reseller_verification_failed",
            ("MPA-08",),
            items=(item("status", status),),
            person=VERIFICATION_FAILED,
        )
    return None


def _role(role: str, known: Known) -> Optional[Verdict]:
    """MPA-01 / MPA-11: only a Global admin of the CSP tenant can view and sign the MPA."""
    if role != "global_admin":
        return Verdict(Outcome.BLOCKED, "mpa_needs_global_admin", ("MPA-01", "MPA-11"))
    return None


def _sign(known: Known) -> Verdict:
    """MPA-04 (once per CSP region), MPA-08/09 (a Qualified reseller accepts on the
    dashboard), MPA-10 (a reseller also accepts its provider's relationship request),
    MPA-11/12 (where to sign, how to verify)."""
    regions = list(known.get("csp_regions") or [])
    signed = set(known.get("signed_regions") or ())
    unsigned = [region for region in regions if region not in signed]
    partner_type = known.get("csp_partner_type")
    if not unsigned:
        return Verdict(
            Outcome.DONE,
            "mpa_signed_everywhere",
            ("MPA-04", "MPA-12", "MPA-13"),
            {"guide": GUIDE_VERIFY_ACCEPTANCE},
            items=region_items(regions),
        )
    if partner_type == "indirect_reseller" and known.get("indirect_reseller_status") == "qualified":
        return Verdict(
            Outcome.ALLOWED,
            "mpa_accept_on_dashboard",
            ("MPA-08", "MPA-09", "MPA-04", "MPA-10"),
            items=region_items(unsigned),
        )
    reseller = partner_type == "indirect_reseller"
    return Verdict(
        Outcome.ALLOWED,
        "mpa_sign_now_reseller" if reseller else "mpa_sign_now",
        ("MPA-11", "MPA-04") + (("MPA-10",) if reseller else ()),
        items=region_items(unsigned),
    )


MPA_CHECKS = CheckTable(
    checks=(
        Check("csp_partner_type", "csp_partner_type", ("MPA-02",), decide=_partner_type),
        Check("mpn_account", "mpn_account", ("MPA-05",), decide=_mpn_account),
        Check("mpn_program_status", "mpn_program_status", ("MPA-06",), decide=_mpn_program_status),
        Check(
            "indirect_reseller_status",
            "indirect_reseller_status",
            ("MPA-08",),
            decide=_indirect_reseller_status,
            applies=lambda known: known.get("csp_partner_type") == "indirect_reseller",
        ),
        Check("user_role", "user_role", ("MPA-01",), decide=_role),
        Check(
            "csp_regions",
            "csp_countries",
            ("MPA-04",),
            is_open=lambda regions: not regions,
            ask=lambda known: Verdict(Outcome.ASK, "ask_csp_regions", ("MPA-04",), ask="csp_regions"),
        ),
    ),
    conclude=_sign,
)


def _known(facts: Mapping[str, object], signed_regions: Iterable[str]) -> dict:
    known = dict(facts)
    if not known.get("csp_regions"):
        known["csp_regions"] = None  # no regions is as good as unknown
    known["signed_regions"] = tuple(signed_regions)
    # Only an indirect reseller has an indirect reseller status (MPA-08), and the MPN
    # program status is read in Partner Center's partner profile (MPA-06): neither needs
    # asking once the statuses are known.
    if known.get("csp_partner_type") is None and known.get("indirect_reseller_status") not in (None, "not_shown"):
        known["csp_partner_type"] = "indirect_reseller"
    if known.get("mpn_account") is None and (known.get("mpn_program_status") or known.get("indirect_reseller_status")):
        known["mpn_account"] = "partner_center"
    return known


def partner_type_of(facts: Mapping[str, object]) -> Optional[str]:
    """The CSP partner type, stated or implied by an indirect reseller status (MPA-08)."""
    return _known(facts, ()).get("csp_partner_type")


def mpa_verdict(facts: Mapping[str, object], signed_regions: Iterable[str] = ()) -> Verdict:
    """MPA-01..12: can this partner sign the MPA now, and if not, why not and what next.
    When only the CSP regions are unknown, the answer is already what to do (MPA-08/09/11)
    and the question is how often (MPA-04)."""
    known = _known(facts, signed_regions)
    verdict = MPA_CHECKS.verdict(known)
    if verdict.outcome is Outcome.ASK and verdict.ask == "csp_regions":
        ready = _sign(dict(known, csp_regions=["?"], signed_regions=()))
        code = "mpa_ready_ask_regions_dashboard" if ready.code == "mpa_accept_on_dashboard" else "mpa_ready_ask_regions"
        rule_ids = ready.rule_ids + (() if "MPA-04" in ready.rule_ids else ("MPA-04",))
        return Verdict(Outcome.ASK, code, rule_ids, ask="csp_regions")
    return verdict


def regions_verdict(regions: Sequence[str], signed_regions: Iterable[str]) -> Verdict:
    """MPA-04: once in every CSP region with CSP business, not once per country: how many
    signatures the regions need, and which are still to do."""
    if not regions:
        return Verdict(Outcome.ASK, "mpa_regions_rule", ("MPA-04",), ask="csp_regions")
    signed = set(signed_regions)
    unsigned = [region for region in regions if region not in signed]
    params = {"region_count": len(regions), "unsigned_count": len(unsigned)}
    if not signed:
        return Verdict(Outcome.INFO, "mpa_regions_count", ("MPA-04",), params, items=region_items(regions))
    if not unsigned:
        return Verdict(Outcome.DONE, "mpa_regions_covered", ("MPA-04",), params, items=region_items(regions))
    return Verdict(Outcome.NEXT_STEP, "mpa_regions_sign_again", ("MPA-04",), params, items=region_items(unsigned))


def after_signature_verdict(regions: Sequence[str], signed_regions: Iterable[str]) -> Optional[Verdict]:
    """MPA-04 after a signature is reported: the regions of the business still to sign, or
    that every one is signed now (None when the business's regions are not known)."""
    if not regions:
        return None
    signed = set(signed_regions)
    unsigned = [region for region in regions if region not in signed]
    if unsigned:
        return Verdict(
            Outcome.NEXT_STEP, "mpa_regions_still_to_sign", ("MPA-04",), {"unsigned_count": len(unsigned)},
            items=region_items(unsigned),
        )
    return Verdict(Outcome.DONE, "mpa_all_regions_signed", ("MPA-04",), items=region_items(regions))


def signer_verdict(role: Optional[str], partner_type: Optional[str]) -> Verdict:
    """MPA-01 (only a Global admin of the CSP tenant signs), MPA-02 (every CSP partner type
    signs online in Partner Center) and MPA-10 (an indirect reseller also accepts its
    provider's relationship request), for the user's own role when it is known."""
    reseller = partner_type == "indirect_reseller"
    rule_ids = ("MPA-01", "MPA-02") + (("MPA-10",) if reseller else ())
    if partner_type == "not_csp":
        return Verdict(Outcome.BLOCKED, "mpa_only_for_csp", ("MPA-02", "MPA-03"))
    if role is None:
        code = "mpa_signer_rule_reseller" if reseller else "mpa_signer_rule"
        return Verdict(Outcome.ASK, code, rule_ids, ask="user_role")
    if role != "global_admin":
        return Verdict(Outcome.BLOCKED, "mpa_needs_global_admin", ("MPA-01", "MPA-11"))
    return Verdict(Outcome.ALLOWED, "mpa_signer_you_reseller" if reseller else "mpa_signer_you", rule_ids)


def mpa_mandatory() -> Verdict:
    """MPA-03: taking part in CSP requires the signed MPA (deadline 31 January 2020)."""
    return Verdict(Outcome.INFO, "mpa_mandatory", ("MPA-03",))


def credentials_may_differ() -> Verdict:
    """MPA-07: the MPN account's credentials may differ from the CSP account's."""
    return Verdict(Outcome.INFO, "mpa_credentials_may_differ", ("MPA-07",))


def guides() -> Verdict:
    """MPA-13: the step-by-step guides by situation."""
    return Verdict(
        Outcome.INFO,
        "mpa_guides",
        ("MPA-13",),
        {"migrate": GUIDE_MIGRATE_FROM_PMC, "enroll": GUIDE_ENROLL_INDIRECT_RESELLER, "verify": GUIDE_VERIFY_ACCEPTANCE},
    )


def missing_accept_button() -> Verdict:
    """MPA-11 / MPA-01: no 'Accept and continue', no green banner or no agreement link means
    the signed-in account is not a Global admin of the CSP tenant."""
    return Verdict(Outcome.BLOCKED, "mpa_missing_accept_button", ("MPA-11", "MPA-01"))


def how_to_verify(signed_regions: Iterable[str]) -> Verdict:
    """MPA-12 (the green banner, Account settings > Agreements) and MPA-09 / MPA-13."""
    signed = tuple(signed_regions)
    if signed:
        return Verdict(
            Outcome.INFO,
            "mpa_verify_signed",
            ("MPA-12", "MPA-13"),
            {"guide": GUIDE_VERIFY_ACCEPTANCE},
            items=region_items(signed),
        )
    return Verdict(Outcome.INFO, "mpa_verify_how", ("MPA-12", "MPA-09", "MPA-13"), {"guide": GUIDE_VERIFY_ACCEPTANCE})
