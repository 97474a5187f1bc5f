"""Typed errors the store raises.

A refusal always names the documented rule that forbids the change and carries the facts
that decided it, so an action can explain the refusal and a test can check it.
"""

from __future__ import annotations

from typing import Any, Mapping


class StoreError(Exception):
    """Base class for everything the store raises on purpose."""


class StoreUnavailable(StoreError):
    """The database could not be reached or answered with an error; nothing was written."""


class UnknownFact(StoreError):
    """A fact name or value that the catalogue does not know."""


class RuleViolation(StoreError):
    """A change the documented rules forbid.

    ``rule_id`` is the catalogue ID (e.g. ``ONB-03``); ``facts`` holds what decided it
    (e.g. ``{"expected_step": 2, "given_step": 4}``).
    """

    def __init__(self, rule_id: str, reason: str, facts: Mapping[str, Any] | None = None):
        self.rule_id = rule_id
        self.reason = reason
        self.facts = dict(facts or {})
        super().__init__(f"{rule_id}: {reason} {self.facts}")


class SupportRequestError(StoreError):
    """A triage-desk change that cannot be made; ``reference`` names the request."""

    def __init__(self, reference: str, reason: str, facts: Mapping[str, Any] | None = None):
        self.reference = reference
        self.reason = reason
        self.facts = dict(facts or {})
        super().__init__(f"{reference}: {reason} {self.facts}")


class SupportRequestNotFound(SupportRequestError):
    """No support request has this reference."""


class SupportRequestResolved(SupportRequestError):
    """The request is resolved already; ``facts`` holds who resolved it and when."""


class SupportRequestClaimedByOther(SupportRequestError):
    """Another staff member has claimed the request; ``facts["claimed_by"]`` says who."""


class SupportRequestsThrottled(SupportRequestError):
    """No new request now: this identity, or everyone together, opened too many lately."""
