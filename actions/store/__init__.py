"""The state store: partner cases and their facts, guarded by the documented rules."""

from .errors import RuleViolation, StoreError, StoreUnavailable, UnknownFact
from .facts import Facts
from .store import PartnerStore, default_store_url, store_from_env

__all__ = [
    "Facts",
    "PartnerStore",
    "RuleViolation",
    "StoreError",
    "StoreUnavailable",
    "UnknownFact",
    "default_store_url",
    "store_from_env",
]
