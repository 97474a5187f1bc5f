"""Facts a user states in passing, recorded before a topic's questions start.

"We're an indirect reseller still in PMC, can we sign the MPA?" already answers two of the
MPA questions: they are stored, so the questions that follow skip them. Used by the
actions of every topic that asks these facts; it imports no topic module.
"""

from __future__ import annotations

from rasa_sdk import Tracker

from .reading import first_entity, role_named
from .rules import benefits, mpa
from .rules.roles import USER_ROLES
from .store import PartnerStore


def record_mpa_facts(store: PartnerStore, tracker: Tracker) -> None:
    """MPA-02 / MPA-05: the CSP partner type and where the MPN account is."""
    partner_type = first_entity(tracker, "csp_partner_type")
    if partner_type in mpa.CSP_PARTNER_TYPES:
        store.mpa.record_csp_partner_type(tracker.sender_id, partner_type)
    account = first_entity(tracker, "mpn_account")
    if account in mpa.MPN_ACCOUNT_STATES:
        store.mpa.record_mpn_account(tracker.sender_id, account)


def record_role_and_level(store: PartnerStore, tracker: Tracker, level_named: bool) -> None:
    """BEN-02/03 (the user's role) and BEN-10 (the membership level). ``level_named`` is
    False when the level word names an offer ("Silver cores"), not the company's level."""
    role = role_named(first_entity(tracker, "role"))
    if role in USER_ROLES:
        store.onboarding.record_user_role(tracker.sender_id, role)
    level = first_entity(tracker, "membership_level") if level_named else None
    if level in benefits.MEMBERSHIP_LEVELS:
        store.benefits.record_membership_level(tracker.sender_id, level)
