"""When a case goes to Microsoft support staff, and how urgent it is.

A support request is opened when the partner asks for a person, when the assistant fails to
understand twice in a row, or when a documented rule says only Microsoft support can resolve
the situation: a failed account verification (MPA-06, MPA-08), a refund to request through a
service request (BEN-13), or a product key that does not work (BEN-04, BEN-05).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Iterable, Mapping, Optional, Sequence, Tuple

from . import mpa
from .benefits import REFUND, REFUND_WINDOW_DAYS
from .mpa import VERIFICATION_FAILED
from .verdict import Outcome, Verdict

CATEGORIES = ("onboarding", "benefits", "mpa", "relationships", "other")
PRIORITIES = ("high", "normal", "low")
STATUSES = ("open", "claimed", "resolved")

ASKED_FOR_PERSON = "asked_for_person"
REPEATED_FALLBACK = "repeated_fallback"
KEY_NOT_WORKING = "key_not_working"
TRIGGERS = (ASKED_FOR_PERSON, REPEATED_FALLBACK, VERIFICATION_FAILED, REFUND, KEY_NOT_WORKING)

# A refund request is urgent when the 30-day window (BEN-13) closes within this many days.
URGENT_REFUND_DAYS = 7

_INTENTS_BY_CATEGORY = {
    "onboarding": (
        "start_onboarding step_done ask_requirements ask_verification inform_contact_verified "
        "ask_finish_setup ask_roles ask_mpn_agreement ask_work_email ask_work_account ask_reuse_work_account"
    ),
    "mpa": (
        "ask_mpa_status ask_mpa_signer report_no_accept_button inform_mpa_signed ask_mpa_regions ask_verify_mpa "
        "ask_mpa_mandatory ask_mpa_credentials ask_mpa_guide"
    ),
    "relationships": (
        "ask_relationships ask_find_partner ask_accept_invitation ask_mca ask_partner_type_rights ask_decline_admin "
        "ask_remove_admin_roles ask_remove_partner"
    ),
    "benefits": (
        "ask_benefit ask_benefit_permissions ask_refund ask_support_options inform_vs_assigned ask_vs_reassign "
        "inform_benefit_activated ask_access_id inform_offer_active report_key_problem"
    ),
}
INTENT_CATEGORIES = {
    intent: category for category, intents in _INTENTS_BY_CATEGORY.items() for intent in intents.split()
}

# The category of a verdict's request, by the page its first rule comes from.
_CATEGORY_OF_RULE = {"ONB": "onboarding", "WA": "onboarding", "MPA": "mpa", "REL": "relationships", "BEN": "benefits"}


@dataclass(frozen=True)
class Handoff:
    """Why a case goes to staff: the trigger, the category and the rule IDs involved."""

    trigger: str
    category: str
    rule_ids: Tuple[str, ...] = ()


def support_only_handoff(verdict: Verdict) -> Optional[Handoff]:
    """The handoff a verdict calls for, if only Microsoft support can resolve it."""
    if not verdict.needs_person:
        return None
    category = _CATEGORY_OF_RULE.get(verdict.rule_ids[0].split("-", 1)[0], "other") if verdict.rule_ids else "other"
    return Handoff(str(verdict.person), category, tuple(verdict.rule_ids))


def key_problem_handoff(benefit: Optional[str]) -> Handoff:
    """BEN-04/BEN-05: a software or cloud key that does not work is for Microsoft support."""
    rule_ids = {"software": ("BEN-04",), "cloud": ("BEN-05",)}.get(benefit or "", ("BEN-04", "BEN-05"))
    return Handoff(KEY_NOT_WORKING, "benefits", rule_ids)


def category_of(intents: Iterable[str]) -> str:
    """The category of the conversation: that of the most recent intent that has one."""
    for intent in reversed(list(intents)):
        category = INTENT_CATEGORIES.get(intent)
        if category:
            return category
    return "other"


def conversation_handoff(trigger: str, intents: Sequence[str], rule_ids: Iterable[str] = ()) -> Handoff:
    """A handoff the partner asked for, or after two fallbacks: categorised by the conversation."""
    return Handoff(trigger, category_of(intents), tuple(dict.fromkeys(rule_ids)))


def csp_blocked_from_mpa(facts: Mapping[str, Any], signed_regions: Iterable[str] = ()) -> Optional[Verdict]:
    """The blocking MPA verdict of a CSP partner, or None when it is not a blocked CSP partner."""
    partner_type = facts.get("csp_partner_type")
    if partner_type in (None, "not_csp"):
        return None
    verdict = mpa.mpa_verdict(facts, signed_regions)
    return verdict if verdict.outcome is Outcome.BLOCKED else None


def request_priority(
    handoff: Handoff, facts: Mapping[str, Any], today: date, signed_regions: Iterable[str] = ()
) -> Tuple[str, str]:
    """(priority, reason) from the case's facts: a CSP partner blocked from the MPA, or a
    refund whose window closes within a week, is high; a partner who only chatted past the
    assistant's understanding about nothing in particular is low."""
    blocked = csp_blocked_from_mpa(facts, signed_regions)
    if blocked is not None:
        return "high", f"CSP partner blocked from the MPA ({', '.join(blocked.rule_ids)})"
    if handoff.trigger == VERIFICATION_FAILED:
        return "high", "account verification failed"
    if handoff.trigger == REFUND:
        purchased = facts.get("benefits_purchased_on")
        if purchased:
            deadline = date.fromisoformat(purchased) + timedelta(days=REFUND_WINDOW_DAYS)
            days_left = (deadline - today).days
            if days_left <= URGENT_REFUND_DAYS:
                return "high", f"refund window closes on {deadline.isoformat()} ({days_left} days left)"
            return "normal", f"refund window closes on {deadline.isoformat()}"
        return "normal", "refund requested"
    if handoff.trigger == KEY_NOT_WORKING:
        return "normal", "product key does not work"
    if handoff.category == "other" and handoff.trigger == REPEATED_FALLBACK:
        return "low", "the assistant did not understand twice in a row"
    return "normal", "the partner asked for a person" if handoff.trigger == ASKED_FOR_PERSON else "needs a person"


def facts_summary(facts: Mapping[str, Any], signed_regions: Iterable[str] = ()) -> str:
    """One line per known fact, for staff reading the request."""
    lines = [f"{name}: {_shown(value)}" for name, value in sorted(facts.items())]
    regions = sorted(signed_regions)
    if regions:
        lines.append(f"mpa_signed_in: {', '.join(regions)}")
    return "\n".join(lines) if lines else "(no facts recorded yet)"


def _shown(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (list, tuple)):
        return ", ".join(str(item) for item in value)
    return str(value)


def priority_rank(priority: str) -> int:
    return PRIORITIES.index(priority) if priority in PRIORITIES else len(PRIORITIES)


# The documented rules an intent's answer applies, shown to staff classifying a question.
INTENT_RULES = {
    "start_onboarding": ("ONB-01", "ONB-02", "ONB-03", "ONB-04"),
    "step_done": ("ONB-03",),
    "ask_requirements": ("ONB-02",),
    "ask_verification": ("ONB-04",),
    "inform_contact_verified": ("ONB-04",),
    "ask_finish_setup": ("ONB-05",),
    "ask_roles": ("ONB-06", "WA-07"),
    "ask_mpn_agreement": ("ONB-07",),
    "ask_work_email": ("WA-01", "WA-02"),
    "ask_work_account": ("WA-03", "WA-04", "WA-05"),
    "ask_reuse_work_account": ("WA-06", "WA-07"),
    "ask_mpa_status": tuple(f"MPA-{number:02d}" for number in range(1, 12)),
    "ask_mpa_signer": ("MPA-01", "MPA-02", "MPA-10"),
    "ask_mpa_mandatory": ("MPA-03",),
    "ask_mpa_credentials": ("MPA-07",),
    "ask_mpa_guide": ("MPA-13",),
    "report_no_accept_button": ("MPA-01", "MPA-09", "MPA-11"),
    "inform_mpa_signed": ("MPA-04", "MPA-12"),
    "ask_mpa_regions": ("MPA-04",),
    "ask_verify_mpa": ("MPA-12", "MPA-13"),
    "ask_relationships": ("REL-01", "REL-02"),
    "ask_find_partner": ("REL-01",),
    "ask_accept_invitation": ("REL-03", "REL-04"),
    "ask_mca": ("REL-04", "REL-03"),
    "ask_partner_type_rights": ("REL-02",),
    "ask_decline_admin": ("REL-05",),
    "ask_remove_admin_roles": ("REL-06",),
    "ask_remove_partner": ("REL-07",),
    "ask_benefit": ("BEN-01", "BEN-02", "BEN-03", "BEN-04", "BEN-05", "BEN-06", "BEN-08", "BEN-11"),
    "ask_benefit_permissions": ("BEN-02", "BEN-03", "BEN-11"),
    "ask_refund": ("BEN-13",),
    "ask_support_options": ("BEN-09", "BEN-10"),
    "inform_vs_assigned": ("BEN-06", "BEN-07"),
    "ask_vs_reassign": ("BEN-07",),
    "inform_benefit_activated": ("BEN-04", "BEN-05", "BEN-08", "BEN-13"),
    "ask_access_id": ("BEN-08", "BEN-09"),
    "inform_offer_active": ("BEN-12",),
    "report_key_problem": ("BEN-04", "BEN-05"),
}


def rules_for_intent(intent: Optional[str]) -> Tuple[str, ...]:
    return INTENT_RULES.get(intent or "", ())
