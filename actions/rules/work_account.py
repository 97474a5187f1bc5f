"""Rules of the page 'Uw werkaccount koppelen voor toegang tot Partner Center' (WA-01..07)."""

from __future__ import annotations

import re
from typing import Iterable, Mapping, Optional, Sequence, Tuple

from .verdict import Outcome, Verdict

# WA-01: consumer mail brands; any domain whose registrable name is one of these
# (gmail.com, hotmail.nl, yahoo.co.uk, ...) is personal, not work email.
PERSONAL_MAIL_BRANDS = frozenset(
    {
        "aol",
        "gmail",
        "gmx",
        "googlemail",
        "hotmail",
        "icloud",
        "live",
        "mail",
        "msn",
        "outlook",
        "proton",
        "protonmail",
        "tutanota",
        "yahoo",
        "yandex",
        "ymail",
        "zoho",
    }
)
# WA-01: consumer domains that are not brand-shaped, including the Dutch and Belgian
# internet providers whose addresses people often give as "their" email.
PERSONAL_MAIL_DOMAINS = frozenset(
    {
        "me.com",
        "mac.com",
        "web.de",
        "t-online.de",
        "orange.fr",
        "free.fr",
        "laposte.net",
        "ziggo.nl",
        "kpnmail.nl",
        "kpnplanet.nl",
        "planet.nl",
        "home.nl",
        "hetnet.nl",
        "xs4all.nl",
        "chello.nl",
        "upcmail.nl",
        "casema.nl",
        "quicknet.nl",
        "zonnet.nl",
        "telfort.nl",
        "tele2.nl",
        "online.nl",
        "telenet.be",
        "skynet.be",
        "proximus.be",
        "btinternet.com",
        "sky.com",
        "virginmedia.com",
        "comcast.net",
        "verizon.net",
        "qq.com",
        "163.com",
    }
)
GENERIC_TLDS = frozenset({"com", "org", "net", "biz", "info", "io", "co", "eu", "global", "tech", "cloud"})
_SECOND_LEVEL_SUFFIXES = frozenset({"co", "com", "org", "net", "ac", "gov", "ltd", "plc"})
_EMAIL = re.compile(
    r"^(?P<local>[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*)"
    r"@(?P<domain>(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24})$"
)


def normalise_email(raw: str) -> Optional[str]:
    """The address in ``raw`` (trimmed, 'mailto:' and surrounding <> removed), or None."""
    text = raw.strip().strip("<>").strip()
    if text.lower().startswith("mailto:"):
        text = text[7:]
    if len(text) > 254:
        return None
    match = _EMAIL.match(text)
    if not match:
        return None
    return f"{match['local']}@{match['domain'].lower()}"


def _labels(domain: str) -> Sequence[str]:
    return domain.lower().strip(".").split(".")


def registrable_name(domain: str) -> str:
    """'mail.contoso.co.uk' -> 'contoso'; 'contoso.com' -> 'contoso'."""
    labels = _labels(domain)
    if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL_SUFFIXES:
        return labels[-3]
    return labels[-2] if len(labels) >= 2 else labels[0]


def is_personal_domain(domain: str) -> bool:
    """WA-01: Hotmail, Gmail, Yahoo and other consumer mail are not work email."""
    domain = domain.lower().strip(".")
    if domain in PERSONAL_MAIL_DOMAINS:
        return True
    return registrable_name(domain) in PERSONAL_MAIL_BRANDS


def is_regional_domain(domain: str) -> bool:
    """A country-code domain (contoso.uk, contoso.co.uk), which may be a regional branch's (WA-02)."""
    top = _labels(domain)[-1]
    return len(top) == 2 and top not in GENERIC_TLDS


def check_work_email(raw_email: str, headquarters_domain: Optional[str] = None) -> Verdict:
    """WA-01 (company domain, no personal mail) and WA-02 (headquarters' domain)."""
    email = normalise_email(raw_email or "")
    if email is None:
        return Verdict(Outcome.BLOCKED, ("WA-01",), "utter_email_invalid", {"email": (raw_email or "").strip()[:80]})
    domain = email.split("@", 1)[1]
    if is_personal_domain(domain):
        return Verdict(Outcome.BLOCKED, ("WA-01",), "utter_email_personal", {"email": email, "domain": domain})
    if headquarters_domain and domain != headquarters_domain.lower():
        if registrable_name(domain) == registrable_name(headquarters_domain):
            return Verdict(
                Outcome.BLOCKED,
                ("WA-02",),
                "utter_email_use_headquarters",
                {"email": email, "domain": domain, "headquarters_domain": headquarters_domain.lower()},
            )
    if is_regional_domain(domain):
        return Verdict(
            Outcome.ALLOWED, ("WA-01", "WA-02"), "utter_email_accepted_regional", {"email": email, "domain": domain}
        )
    return Verdict(Outcome.ALLOWED, ("WA-01",), "utter_email_accepted", {"email": email, "domain": domain})


def headquarters_domain_advice(domains: Iterable[str]) -> Verdict:
    """WA-02: with several business domains, use the headquarters' one, not a branch's."""
    unique: Tuple[str, ...] = tuple(dict.fromkeys(d.lower().strip(".") for d in domains if d))
    generic = [d for d in unique if not is_regional_domain(d)]
    regional = [d for d in unique if is_regional_domain(d)]
    if len(unique) >= 2 and len(generic) == 1 and regional:
        return Verdict(
            Outcome.INFO,
            ("WA-02",),
            "utter_headquarters_domain_likely",
            {"headquarters_domain": generic[0], "regional_domains": ", ".join(regional)},
        )
    return Verdict(Outcome.INFO, ("WA-02",), "utter_headquarters_domain_rule")


def work_account_status(facts: Mapping[str, object]) -> Verdict:
    """WA-03 (Azure/Office 365 means a work account exists), WA-04 (how to check), WA-05
    (create one during enrollment), WA-06 (think before reusing one)."""
    if facts.get("has_cloud_subscription") is True or facts.get("work_account") == "exists":
        return Verdict(Outcome.INFO, ("WA-03", "WA-04", "WA-06"), "utter_work_account_exists")
    if facts.get("work_account") == "none":
        return Verdict(Outcome.INFO, ("WA-05",), "utter_work_account_create_during_enrollment")
    return Verdict(Outcome.ASK, ("WA-03", "WA-04", "WA-05"), "utter_work_account_how_to_check", ask="work_account")


def work_account_reuse_advice(facts: Mapping[str, object]) -> Verdict:
    """WA-06: count the users who need Partner Center before reusing an existing work account."""
    if facts.get("work_account") == "none":
        return Verdict(Outcome.INFO, ("WA-06", "WA-05"), "utter_work_account_reuse_none")
    return Verdict(Outcome.INFO, ("WA-06",), "utter_work_account_reuse")
