"""The state store: partner cases and their facts, guarded by the documented rules."""

from .benefits import Assignment, Offer
from .errors import (
    RuleViolation,
    StoreError,
    StoreUnavailable,
    SupportRequestClaimedByOther,
    SupportRequestError,
    SupportRequestNotFound,
    SupportRequestResolved,
    SupportRequestsThrottled,
    UnknownFact,
)
from .facts import Facts
from .mpa import Signature
from .relationships import Partner
from .store import PartnerStore, default_store_url, store_from_env
from .support import SupportRequestView, new_reference, parse_reference

__all__ = [
    "Assignment",
    "Facts",
    "Offer",
    "Partner",
    "PartnerStore",
    "RuleViolation",
    "Signature",
    "StoreError",
    "StoreUnavailable",
    "SupportRequestClaimedByOther",
    "SupportRequestError",
    "SupportRequestNotFound",
    "SupportRequestResolved",
    "SupportRequestsThrottled",
    "SupportRequestView",
    "UnknownFact",
    "default_store_url",
    "new_reference",
    "parse_reference",
    "store_from_env",
]
