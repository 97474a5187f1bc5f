"""Rules of the page 'Uw werkaccount koppelen voor toegang tot Partner Center' (WA-01..07)."""

from __future__ import annotations

from typing import Iterable, Mapping, Optional, Sequence, Tuple

from .verdict import Outcome, Verdict

# WA-03/WA-05: whether the company has a work account.
WORK_ACCOUNT_STATES = ("exists", "none", "unknown")

# WA-01: consumer mail, by the word people call it ("my gmail") and its domain. Every
# country domain of a brand (gmail.com, hotmail.nl, yahoo.co.uk) is personal too.
PERSONAL_MAIL_PROVIDERS = {
    "aol": "aol.com",
    "gmail": "gmail.com",
    "gmx": "gmx.com",
    "googlemail": "googlemail.com",
    "hotmail": "hotmail.com",
    "icloud": "icloud.com",
    "live": "live.com",
    "mail": "mail.com",
    "msn": "msn.com",
    "outlook.com": "outlook.com",
    "proton": "proton.me",
    "protonmail": "protonmail.com",
    "tutanota": "tutanota.com",
    "yahoo": "yahoo.com",
    "yandex": "yandex.com",
    "ymail": "ymail.com",
    "zoho": "zoho.com",
    # Internet providers whose addresses people often give as "their" email.
    "ziggo": "ziggo.nl",
    "kpn": "kpnmail.nl",
    "kpnmail": "kpnmail.nl",
    "xs4all": "xs4all.nl",
    "telenet": "telenet.be",
}
_BRANDS = frozenset(
    {"aol", "gmail", "gmx", "googlemail", "hotmail", "icloud", "live", "mail", "msn", "outlook"}
    | {"proton", "protonmail", "tutanota", "yahoo", "yandex", "ymail", "zoho"}
)
# WA-01: consumer domains that are not brand-shaped.
_PERSONAL_DOMAINS = frozenset(
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
    return domain in _PERSONAL_DOMAINS or registrable_name(domain) in _BRANDS


def is_regional_domain(domain: str) -> bool:
    """A country-code domain (contoso.uk, contoso.co.uk), which may be a regional branch's (WA-02)."""
    top = _labels(domain)[-1]
    return len(top) == 2 and top not in GENERIC_TLDS


def check_work_email(email: Optional[str], headquarters_domain: Optional[str] = None, given: str = "") -> Verdict:
    """WA-01 (company domain, no personal mail) and WA-02 (headquarters' domain).

    ``email`` is the normalised address, or None when ``given`` held none."""
    if email is None:
        return Verdict(Outcome.BLOCKED, "email_invalid", ("WA-01",), {"email": given.strip()[:80]})
    domain = email.split("@", 1)[1]
    if is_personal_domain(domain):
        return Verdict(Outcome.BLOCKED, "email_personal", ("WA-01",), {"email": email, "domain": domain})
    if headquarters_domain and domain != headquarters_domain.lower():
        if registrable_name(domain) == registrable_name(headquarters_domain):
            return Verdict(
                Outcome.BLOCKED,
                "email_use_headquarters",
                ("WA-02",),
                {"email": email, "domain": domain, "headquarters_domain": headquarters_domain.lower()},
            )
    if is_regional_domain(domain) and not headquarters_domain:
        return Verdict(Outcome.ALLOWED, "email_accepted_regional", ("WA-01", "WA-02"), {"email": email, "domain": domain})
    return Verdict(Outcome.ALLOWED, "email_accepted", ("WA-01",), {"email": email, "domain": domain})


def headquarters_domain_advice(domains: Iterable[str], named_headquarters: Optional[str] = None) -> Verdict:
    """WA-02: with several business domains, use the headquarters' one, not a branch's.

    ``named_headquarters`` is the domain the user said is the head office's."""
    unique: Tuple[str, ...] = tuple(dict.fromkeys(d.lower().strip(".") for d in domains if d))
    if named_headquarters:
        headquarters = named_headquarters.lower().strip(".")
        others = [d for d in unique if d != headquarters]
        return Verdict(
            Outcome.INFO,
            "headquarters_domain_named",
            ("WA-02",),
            {"headquarters_domain": headquarters, "regional_domains": ", ".join(others) or "-"},
        )
    generic = [d for d in unique if not is_regional_domain(d)]
    regional = [d for d in unique if is_regional_domain(d)]
    if len(unique) >= 2 and len(generic) == 1 and regional:
        return Verdict(
            Outcome.INFO,
            "headquarters_domain_likely",
            ("WA-02",),
            {"headquarters_domain": generic[0], "regional_domains": ", ".join(regional)},
        )
    return Verdict(Outcome.INFO, "headquarters_domain_rule", ("WA-02",))


def work_account_status(facts: Mapping[str, object]) -> Verdict:
    """WA-03 (Azure/Office 365 means a work account exists), WA-04 (how to check), WA-05
    (create one during enrollment), WA-06 (think before reusing one)."""
    if facts.get("has_cloud_subscription") is True or facts.get("work_account") == "exists":
        return Verdict(Outcome.INFO, "work_account_exists", ("WA-03", "WA-04", "WA-06"))
    if facts.get("work_account") == "none":
        return Verdict(Outcome.INFO, "work_account_create_during_enrollment", ("WA-05",))
    return Verdict(Outcome.ASK, "work_account_how_to_check", ("WA-03", "WA-04", "WA-05"), ask="work_account")


def work_account_reuse_advice(facts: Mapping[str, object]) -> Verdict:
    """WA-06: count the users who need Partner Center before reusing an existing work account."""
    if facts.get("work_account") == "none":
        return Verdict(Outcome.INFO, "work_account_reuse_none", ("WA-06", "WA-05"))
    return Verdict(Outcome.INFO, "work_account_reuse", ("WA-06",))
