"""What a message says: its intent, and the facts of the case it states.

``Message`` is the latest user message as the actions read it (a click on a suggestion
button reads the question it answers). ``stated_case_facts`` combines what the NLU pipeline
extracted (the CRF's entities, with roles where one word means two facts) with the readers
of ``reading.py`` (negations, who a role belongs to, what a status is the status of) into the
facts the store keeps; ``record_stated_facts`` stores the ones that are new, so the same
turn's answer is computed from them and no later question asks them back.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from typing import Any, Dict, List, Mapping, Optional, Tuple

from rasa_sdk import Tracker

from . import reading
from .rules import mpa, work_account
from .rules.roles import USER_ROLES
from .store import PartnerStore
from .store.facts import Facts

logger = logging.getLogger(__name__)

# Intents whose message may be the answer to the question the assistant asked.
ANSWER_INTENTS = frozenset({"affirm", "deny", "dont_know", "inform", "nlu_fallback"})
# Intents of the conversation itself: never a reading of a question's topic.
GENERAL_INTENTS = frozenset(
    {"greet", "goodbye", "thank", "help", "start_over", "stop", "affirm", "deny", "dont_know", "inform",
     "out_of_scope", "nlu_fallback", "staff_command"}
)
MPA_INTENTS = frozenset(
    {"ask_mpa_status", "ask_mpa_signer", "report_no_accept_button", "inform_mpa_signed", "ask_mpa_regions",
     "ask_verify_mpa", "ask_mpa_mandatory", "ask_mpa_credentials", "ask_mpa_guide"}
)
_QUESTION = re.compile(
    r"\?|^\s*(?:how|what|which|who|where|when|why|can|could|may|must|should|do|does|is|are|am|"
    r"hoe|wat|welke|wie|waar|wanneer|waarom|kan|kun|kunnen|mag|mogen|moet|moeten|is|zijn|ben|heb|hebben)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Message:
    """The latest user message: its text, intent (with the ranking) and entities."""

    text: str
    intent: str
    confidence: float = 0.0
    ranking: Tuple[Tuple[str, float], ...] = ()
    entities: Tuple[Mapping[str, Any], ...] = ()
    # True when the user clicked a button ("/ask_mpa_signer"): the text is then the question
    # the button answered, the one before it.
    clicked: bool = False

    @classmethod
    def latest(cls, tracker: Tracker) -> "Message":
        latest = tracker.latest_message or {}
        text = reading.latest_text(tracker)
        intent = (latest.get("intent") or {}).get("name") or ""
        ranking = tuple(
            (str(item.get("name")), float(item.get("confidence") or 0.0))
            for item in latest.get("intent_ranking") or []
            if item.get("name")
        )
        entities = tuple(latest.get("entities") or ())
        clicked = text.startswith("/")
        if clicked:
            text = _previous_user_text(tracker)
        return cls(text, intent, float((latest.get("intent") or {}).get("confidence") or 0.0), ranking, entities, clicked)

    def entity_values(self, name: str, role: Optional[str] = None) -> List[str]:
        return [
            str(entity.get("value"))
            for entity in self.entities
            if entity.get("entity") == name and (role is None or entity.get("role") == role) and entity.get("value")
        ]

    def entity(self, name: str, role: Optional[str] = None) -> Optional[str]:
        return next(iter(self.entity_values(name, role)), None)

    @property
    def asks(self) -> bool:
        """Whether the message asks something (a question mark, or a question word first)."""
        return bool(_QUESTION.search(self.text))


def _previous_user_text(tracker: Tracker) -> str:
    """The text of the last user message that was typed, not clicked."""
    for event in reversed(list(tracker.events)):
        if event.get("event") == "user":
            text = (event.get("text") or "").strip()
            if text and not text.startswith("/"):
                return text[: reading.MAX_READ]
    return ""


@dataclass
class Stated:
    """The facts of the case one message states (None: not stated)."""

    facts: Dict[str, Any] = field(default_factory=dict)
    denied_roles: Tuple[str, ...] = ()
    global_admin_name: Optional[str] = None

    def get(self, name: str) -> Any:
        return self.facts.get(name)


def _role(message: Message) -> Optional[str]:
    role = reading.stated_role(message.text)
    if role is not None:
        return role
    # The CRF found a role the patterns missed (a typo): the writer's own only when the
    # message speaks of itself right before it and does not deny it.
    for entity in message.entities:
        if entity.get("entity") != "role" or entity.get("value") not in USER_ROLES:
            continue
        before = message.text[max(0, int(entity.get("start") or 0) - 40) : int(entity.get("start") or 0)]
        if reading.speaks_of_self(before) and not reading.is_negated(before[-20:]) and not reading.speaks_of_someone_else(before):
            return str(entity["value"])
    return None


def _statuses(message: Message, awaited: Optional[str], about_mpa: bool) -> Dict[str, str]:
    statuses = reading.stated_statuses(message.text, awaited, about_mpa)
    for fact, role in (("mpn_program_status", "mpn_program"), ("indirect_reseller_status", "indirect_reseller")):
        if fact not in statuses and not statuses:  # the patterns read who each status is of
            value = message.entity("status", role)
            if value:
                statuses[fact] = value
    return statuses


def _work_emails_only(text: str) -> bool:
    """Whether every email address the message gives could be the global admin's (WA-01)."""
    return all(work_account.check_work_email(email).allowed for email in reading.emails_in(text))


def stated_case_facts(message: Message, awaited: Optional[str] = None, about_mpa: bool = False) -> Stated:
    """The facts of the case the message states. ``awaited`` is the fact the assistant asked
    for (a bare "Active" answers it); ``about_mpa`` says whether the conversation is about
    the MPA (an unattributed status is then the MPN program status)."""
    text = message.text
    facts: Dict[str, Any] = {}
    role = _role(message)
    if role:
        facts["user_role"] = role
    statuses = _statuses(message, awaited, about_mpa or message.intent in MPA_INTENTS)
    if statuses.get("mpn_program_status") in mpa.MPN_PROGRAM_STATUSES:
        facts["mpn_program_status"] = statuses["mpn_program_status"]
    if statuses.get("indirect_reseller_status") in mpa.INDIRECT_RESELLER_STATUSES:
        facts["indirect_reseller_status"] = statuses["indirect_reseller_status"]
    partner_type = reading.stated_csp_partner_type(text) or message.entity("csp_partner_type")
    if partner_type in mpa.CSP_PARTNER_TYPES:
        facts["csp_partner_type"] = partner_type
    account = reading.stated_mpn_account(text)
    if account in mpa.MPN_ACCOUNT_STATES:
        facts["mpn_account"] = account
    member = reading.stated_mpn_membership(text)
    if member is not None:
        facts["mpn_member"] = member
    elif account == "none":
        facts["mpn_member"] = False
    elif account in ("partner_center", "pmc"):
        facts["mpn_member"] = True
    level = reading.stated_membership_level(text)
    if level:
        facts["membership_level"] = level
    cloud = reading.stated_cloud_subscription(text)
    if cloud is not None:
        facts["has_cloud_subscription"] = cloud
    work_account = reading.stated_work_account(text)
    if work_account:
        facts["work_account"] = work_account
    elif cloud is True:
        facts["work_account"] = "exists"
    for name, ready in reading.stated_prerequisites(text).items():
        if name == "admin_email" and ready and not _work_emails_only(text):
            continue  # "the global admin is jan@gmail.com": not ready until a work email is given (WA-01)
        facts[f"prerequisite_{name}"] = ready
    activated = reading.stated_software_activation(text)
    if activated is not None:
        facts["software_benefits_activated"] = activated
    return Stated(facts, tuple(reading.denied_roles(text)), reading.global_admin_named(text))


def record_stated_facts(store: PartnerStore, sender_id: str, stated: Stated, facts: Facts) -> Facts:
    """Stores what the message stated that the case does not hold yet (or holds otherwise);
    the case's facts afterwards."""
    changes = {name: value for name, value in stated.facts.items() if facts.get(name) != value}
    role = changes.get("user_role")
    if role == "other" and facts.get("user_role") not in (None, *stated.denied_roles):
        # "I'm not an admin agent" says nothing against the Global admin role stored earlier.
        changes.pop("user_role")
    if changes.get("work_account") == "exists" and facts.get("work_account") == "exists":
        changes.pop("work_account")
    if not changes:
        return facts
    logger.info("sender=%s stated facts: %s", sender_id, ", ".join(sorted(changes)))
    return store.record_stated(sender_id, changes)
