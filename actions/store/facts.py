"""The catalogue of facts a case can hold, with the values each accepts.

Every fact the store writes is checked here first, so a typo in an action or a bad slot
value fails loudly instead of storing something no rule understands.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Callable, Dict, Iterator, Mapping, Optional

from ..rules import benefits, mpa
from ..rules.csp_regions import is_region
from ..rules.onboarding import ENROLLMENT_STEP_COUNT, PREREQUISITES
from ..rules.roles import USER_ROLES
from ..rules.work_account import WORK_ACCOUNT_STATES
from .errors import UnknownFact


def _is_bool(value: Any) -> bool:
    return isinstance(value, bool)


def _one_of(*allowed: str) -> Callable[[Any], bool]:
    return lambda value: value in allowed


def _step(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= ENROLLMENT_STEP_COUNT


def _short_text(value: Any) -> bool:
    return isinstance(value, str) and 0 < len(value) <= 320


def _iso_date(value: Any) -> bool:
    if not isinstance(value, str):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _regions(value: Any) -> bool:
    return (
        isinstance(value, list)
        and 0 < len(value) == len(set(value))
        and all(isinstance(region, str) and is_region(region) for region in value)
    )


FACT_VALIDATORS: Dict[str, Callable[[Any], bool]] = {
    "mpn_member": _is_bool,
    "work_account": _one_of(*WORK_ACCOUNT_STATES),
    "has_cloud_subscription": _is_bool,
    "work_email": _short_text,
    "headquarters_domain": _short_text,
    "enrollment_steps_done": _step,
    "primary_contact_verified": _is_bool,
    "user_role": _one_of(*USER_ROLES),
    **{f"prerequisite_{item}": _is_bool for item in PREREQUISITES},
    # The MPA (MPA-01..13)
    "csp_partner_type": _one_of(*mpa.CSP_PARTNER_TYPES),
    "us_government_cloud": _is_bool,
    "mpn_account": _one_of(*mpa.MPN_ACCOUNT_STATES),
    "mpn_program_status": _one_of(*mpa.MPN_PROGRAM_STATUSES),
    "indirect_reseller_status": _one_of(*mpa.INDIRECT_RESELLER_STATUSES),
    "csp_regions": _regions,
    # Membership benefits (BEN-01..13); dates are ISO strings
    "membership_level": _one_of(*benefits.MEMBERSHIP_LEVELS),
    "benefits_purchased_on": _iso_date,
    "refund_requested_on": _iso_date,
    "software_benefits_activated": _is_bool,
    "software_benefits_activated_on": _iso_date,
    "cloud_benefits_activated_on": _iso_date,
    "marketing_contact_email": _short_text,
    "marketing_contact_phone": _short_text,
    "marketing_contact_language": _short_text,
    "technical_benefits_requested_on": _iso_date,
    "technical_access_id": _short_text,
    "technical_contract_id": _short_text,
    # A customer managing its partners (REL-01..07)
    "customer_has_partner": _is_bool,
    "customer_mca_accepted": _is_bool,
}


def check_fact(name: str, value: Any) -> None:
    validator = FACT_VALIDATORS.get(name)
    if validator is None:
        raise UnknownFact(f"unknown fact {name!r}")
    if not validator(value):
        raise UnknownFact(f"value {value!r} is not valid for fact {name!r}")


@dataclass(frozen=True)
class RecordedFact:
    value: Any
    recorded_at: datetime


class Facts(Mapping[str, Any]):
    """A read-only snapshot of a case's current facts: ``facts["mpn_member"]``.

    Missing facts read as ``None`` through :meth:`get`; :meth:`recorded_at` says when a
    fact was recorded.
    """

    def __init__(self, recorded: Optional[Mapping[str, RecordedFact]] = None, **values: Any):
        now = datetime.min
        merged: Dict[str, RecordedFact] = dict(recorded or {})
        merged.update({name: RecordedFact(value, now) for name, value in values.items()})
        self._recorded = merged

    def __getitem__(self, name: str) -> Any:
        return self._recorded[name].value

    def __iter__(self) -> Iterator[str]:
        return iter(self._recorded)

    def __len__(self) -> int:
        return len(self._recorded)

    def recorded_at(self, name: str) -> Optional[datetime]:
        fact = self._recorded.get(name)
        return fact.recorded_at if fact else None

    def __repr__(self) -> str:
        return f"Facts({ {name: fact.value for name, fact in self._recorded.items()} })"
