"""Rules of the page 'Partnerrelaties beheren' (REL-01..07): a customer managing its partners."""

from __future__ import annotations

from typing import Mapping, Optional

from .verdict import Outcome, Verdict, item

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
    return Verdict(Outcome.INFO, "rel_find_partner", ("REL-01",))


def partner_type_rights(partner_type: Optional[str]) -> Verdict:
    """REL-02: what a partner of the given type may do."""
    if partner_type not in PARTNER_TYPES:
        return Verdict(Outcome.INFO, "rel_partner_types", ("REL-02",))
    return Verdict(Outcome.INFO, f"rel_type_{partner_type}", ("REL-02",))


def accept_invitation(facts: Mapping[str, object]) -> Verdict:
    """REL-03 (accept the invitation and the Microsoft Customer Agreement) and REL-04 (an
    existing partner cannot buy or manage subscriptions until the MCA is accepted)."""
    if facts.get("customer_has_partner") is True and facts.get("customer_mca_accepted") is False:
        return Verdict(Outcome.BLOCKED, "rel_accept_mca_first", ("REL-04", "REL-03"))
    return Verdict(Outcome.INFO, "rel_accept_invitation", ("REL-03",))


def mca_verdict(facts: Mapping[str, object]) -> Verdict:
    """REL-04: a customer that already has a partner must accept the Microsoft Customer
    Agreement before the partner can buy or manage subscriptions for it (REL-03: how)."""
    if facts.get("customer_mca_accepted") is True:
        return Verdict(Outcome.INFO, "rel_mca_accepted", ("REL-04",))
    if facts.get("customer_has_partner") is True:
        return Verdict(Outcome.BLOCKED, "rel_accept_mca_first", ("REL-04", "REL-03"))
    return Verdict(Outcome.INFO, "rel_mca_rule", ("REL-04", "REL-03"))


def decline_admin_privileges() -> Verdict:
    """REL-05: not wanting to give delegated admin privileges means cancelling the invitation."""
    return Verdict(Outcome.INFO, "rel_cancel_invitation", ("REL-05",))


def remove_admin_roles() -> Verdict:
    """REL-06: removing delegated admin roles does not end the relationship."""
    return Verdict(Outcome.INFO, "rel_remove_admin_roles", ("REL-06",))


def removal_verdict(partner_name: Optional[str], partner_type: Optional[str]) -> Verdict:
    """REL-07: the customer deletes a Delegated administrator or Advisor itself; every other
    type is ended by asking the partner."""
    if partner_type is None:
        code = "ask_rel_partner_type" if partner_name else "rel_removal_rule"
        return Verdict(Outcome.ASK, code, ("REL-07",), {"partner": partner_name or ""}, ask="partner_type")
    items = (item("rel_type", partner_type),)
    partner = {"partner": partner_name or ""}
    if partner_type in SELF_REMOVABLE_TYPES:
        return Verdict(Outcome.ALLOWED, "rel_delete_partner", ("REL-07",), partner, items=items)
    return Verdict(Outcome.BLOCKED, "rel_ask_partner_to_end", ("REL-07",), partner, items=items)
