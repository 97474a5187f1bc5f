"""Rules of the page 'Partnerrelaties beheren' (REL-01..07): a customer managing its partners."""

from __future__ import annotations

from typing import Mapping, Optional

from .verdict import Outcome, Verdict

# REL-02: the partner types a partner chooses when it invites a customer.
PARTNER_TYPES = (
    "reseller",
    "delegated_admin",
    "reseller_delegated_admin",
    "partner",
    "advisor",
    "mpsa",
    "oem",
    "lob",
)
# REL-07: the only types a customer can remove itself.
SELF_REMOVABLE_TYPES = ("delegated_admin", "advisor")


def find_a_partner() -> Verdict:
    """REL-01: find and contact a partner; the partner sends the invitation."""
    return Verdict(Outcome.INFO, ("REL-01",), "utter_rel_find_partner")


def partner_type_rights(partner_type: Optional[str]) -> Verdict:
    """REL-02: what a partner of the given type may do."""
    if partner_type not in PARTNER_TYPES:
        return Verdict(Outcome.INFO, ("REL-02",), "utter_rel_partner_types")
    return Verdict(Outcome.INFO, ("REL-02",), f"utter_rel_type_{partner_type}")


def accept_invitation(facts: Mapping[str, object]) -> Verdict:
    """REL-03 (accept the invitation and the Microsoft Customer Agreement) and REL-04 (an
    existing partner cannot buy or manage subscriptions until the MCA is accepted)."""
    if facts.get("customer_has_partner") is True and facts.get("customer_mca_accepted") is not True:
        return Verdict(Outcome.BLOCKED, ("REL-04",), "utter_rel_accept_mca_first")
    return Verdict(Outcome.INFO, ("REL-03",), "utter_rel_accept_invitation")


def decline_admin_privileges() -> Verdict:
    """REL-05: not wanting to give delegated admin privileges means cancelling the invitation."""
    return Verdict(Outcome.INFO, ("REL-05",), "utter_rel_cancel_invitation")


def remove_admin_roles() -> Verdict:
    """REL-06: removing delegated admin roles does not end the relationship."""
    return Verdict(Outcome.INFO, ("REL-06",), "utter_rel_remove_admin_roles")


def removal_verdict(partner_name: str, partner_type: Optional[str]) -> Verdict:
    """REL-07: the customer deletes a Delegated administrator or Advisor itself; every other
    type is ended by asking the partner."""
    if partner_type is None:
        return Verdict(
            Outcome.ASK, ("REL-07",), "utter_ask_rel_partner_type", {"partner": partner_name}, ask="partner_type"
        )
    if partner_type in SELF_REMOVABLE_TYPES:
        return Verdict(
            Outcome.ALLOWED,
            ("REL-07",),
            "utter_rel_delete_partner",
            {"partner": partner_name},
            items=(f"utter_item_rel_type_{partner_type}",),
        )
    return Verdict(
        Outcome.BLOCKED,
        ("REL-07",),
        "utter_rel_ask_partner_to_end",
        {"partner": partner_name},
        items=(f"utter_item_rel_type_{partner_type}",),
    )
