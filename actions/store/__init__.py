"""The state store: partner cases and their facts, guarded by the documented rules."""

from .errors import (
    RuleViolation,
    StoreError,
    StoreUnavailable,
    SupportRequestClaimedByOther,
    SupportRequestError,
    SupportRequestNotFound,
    SupportRequestResolved,
    UnknownFact,
)
from .facts import Facts
from .store import PartnerStore, default_store_url, store_from_env
from .support_desk import SupportRequestView, format_reference, parse_reference

__all__ = [
    "Facts",
    "PartnerStore",
    "RuleViolation",
    "StoreError",
    "StoreUnavailable",
    "SupportRequestClaimedByOther",
    "SupportRequestError",
    "SupportRequestNotFound",
    "SupportRequestResolved",
    "SupportRequestView",
    "format_reference",
    "parse_reference",
    "UnknownFact",
    "default_store_url",
    "store_from_env",
]
