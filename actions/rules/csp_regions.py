"""Countries to CSP regions (MPA-04), from the regions page the MPA page links to.

The table ships with the assistant (data/csp-regions.yml beside this file). Names are matched
whole, in English or Dutch, so "Guinea" never matches "Equatorial Guinea". A name that stands
for several regions ("North America", "Asia") is ambiguous: the caller asks which is meant.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Dict, Iterable, List, Tuple

import yaml

DATA_DIR = Path(__file__).resolve().parent / "data"

# Names people use for a country that the table spells otherwise.
_COUNTRY_ALIASES = {
    "united kingdom": "UK",
    "great britain": "UK",
    "britain": "UK",
    "england": "UK",
    "scotland": "UK",
    "wales": "UK",
    "engeland": "UK",
    "groot-brittannie": "UK",
    "usa": "United States",
    "us": "United States",
    "u.s.": "United States",
    "united states of america": "United States",
    "vs": "United States",
    "south korea": "Korea, Republic of",
    "korea": "Korea, Republic of",
    "czechia": "Czech Republic",
    "holland": "Netherlands",
    "the netherlands": "Netherlands",
    "uae": "United Arab Emirates",
}
# Names of areas that cover several CSP regions, or exactly one.
_AREAS: Dict[str, Tuple[str, ...]] = {
    "north america": ("United States", "Canada"),
    "noord-amerika": ("United States", "Canada"),
    "america": ("United States", "Canada", "Latin America and the Caribbean"),
    "amerika": ("United States", "Canada", "Latin America and the Caribbean"),
    "asia": ("Asia and Pacific", "India", "Japan", "Korea, Republic of", "Taiwan"),
    "azie": ("Asia and Pacific", "India", "Japan", "Korea, Republic of", "Taiwan"),
    "latin america": ("Latin America and the Caribbean",),
    "latijns-amerika": ("Latin America and the Caribbean",),
    "south america": ("Latin America and the Caribbean", "Brazil"),
    "zuid-amerika": ("Latin America and the Caribbean", "Brazil"),
    "europa": ("Europe",),
    "eastern europe": ("Middle East, Central Europe, and Eastern Europe",),
    "oost-europa": ("Middle East, Central Europe, and Eastern Europe",),
    "central europe": ("Middle East, Central Europe, and Eastern Europe",),
    "middle east": ("Middle East, Central Europe, and Eastern Europe",),
    "midden-oosten": ("Middle East, Central Europe, and Eastern Europe",),
    "afrika": ("Africa",),
    "oceania": ("Australia", "New Zealand", "Asia and Pacific"),
}


def _key(name: str) -> str:
    """Lower case, accents and surrounding punctuation removed: 'België' -> 'belgie'."""
    decomposed = unicodedata.normalize("NFKD", name.strip().lower())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.sub(r"\s+", " ", plain.strip(" .,;:!?\"'"))


@dataclass(frozen=True)
class RegionLookup:
    """The regions named countries belong to, and what could not be placed."""

    regions: Tuple[str, ...] = ()
    ambiguous: Dict[str, Tuple[str, ...]] = field(default_factory=dict)  # name -> candidate regions
    unknown: Tuple[str, ...] = ()


@lru_cache(maxsize=1)
def _tables() -> Tuple[Tuple[str, ...], Dict[str, Tuple[str, ...]]]:
    table = yaml.safe_load((DATA_DIR / "csp-regions.yml").read_text(encoding="utf-8"))
    dutch = yaml.safe_load((DATA_DIR / "country-names-nl.yml").read_text(encoding="utf-8"))
    region_names = tuple(region["name"] for region in table["regions"])
    index: Dict[str, List[str]] = {}
    for region in table["regions"]:
        index.setdefault(_key(region["name"]), []).append(region["name"])
        for country in region["countries"]:
            for name in (country["name"], dutch.get(country["name"])):
                if name:
                    index.setdefault(_key(name), []).append(region["name"])
    for alias, country in _COUNTRY_ALIASES.items():
        index.setdefault(_key(alias), []).extend(index[_key(country)])
    for area, regions in _AREAS.items():
        index[_key(area)] = list(regions)
    return region_names, {name: tuple(dict.fromkeys(regions)) for name, regions in index.items()}


def region_names() -> Tuple[str, ...]:
    """Every CSP region, in the table's order."""
    return _tables()[0]


def is_region(name: str) -> bool:
    return name in region_names()


def regions_for(names: Iterable[str]) -> RegionLookup:
    """MPA-04: the CSP regions of the named countries or areas."""
    index = _tables()[1]
    regions: List[str] = []
    ambiguous: Dict[str, Tuple[str, ...]] = {}
    unknown: List[str] = []
    for name in names:
        found = index.get(_key(name))
        if not found:
            unknown.append(name.strip())
        elif len(found) > 1:
            ambiguous[name.strip()] = found
        else:
            regions.append(found[0])
    return RegionLookup(tuple(dict.fromkeys(regions)), ambiguous, tuple(unknown))


# Aliases that are ordinary words too ("us", Dutch "vs" for Visual Studio): only as written
# in capitals, or, for the Dutch "de VS", after the article.
_CAPITALS_ONLY = {"us": re.compile(r"(?<![\w.@])US(?![\w.@])"), "vs": re.compile(r"\b(?:de|in de|naar de)\s+VS\b")}


@lru_cache(maxsize=1)
def _place_pattern() -> "re.Pattern[str]":
    names = sorted((name for name in _tables()[1] if name not in _CAPITALS_ONLY), key=len, reverse=True)
    return re.compile(r"(?<![\w@.-])(" + "|".join(re.escape(name) for name in names) + r")(?![\w@-]|\.[a-z])")


def _plain(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def places_in(text: str) -> List[str]:
    """MPA-04: the countries, areas and CSP regions a sentence names, in the table's keys
    ("We sell in Ireland and the UK" -> ["ireland", "uk"]), each once, in order."""
    text = (text or "")[:2000]
    # Accents are dropped one for one, so positions stay comparable with the original text.
    plain = _plain(text) if len(_plain(text)) == len(text) else _key(text)
    found = [match.group(1) for match in _place_pattern().finditer(plain)]
    for alias, pattern in _CAPITALS_ONLY.items():
        if pattern.search(text):
            found.append(alias)
    return list(dict.fromkeys(found))


@lru_cache(maxsize=1)
def _display_names() -> Dict[str, Dict[str, str]]:
    """Each table key's name as the table spells it, in English and Dutch."""
    table = yaml.safe_load((DATA_DIR / "csp-regions.yml").read_text(encoding="utf-8"))
    dutch = yaml.safe_load((DATA_DIR / "country-names-nl.yml").read_text(encoding="utf-8"))
    names: Dict[str, Dict[str, str]] = {}
    for region in table["regions"]:
        for country in region["countries"]:
            shown = {"en": country["name"], "nl": dutch.get(country["name"]) or country["name"]}
            for key in (_key(country["name"]), _key(dutch.get(country["name"]) or "")):
                if key:
                    names.setdefault(key, shown)
    for alias, country in _COUNTRY_ALIASES.items():
        if _key(country) in names:
            names.setdefault(_key(alias), names[_key(country)])
    return names


def country_name(key: str, language: str) -> str:
    """A place found by ``places_in``, named as the table names it in ``language``."""
    shown = _display_names().get(key)
    if shown:
        return shown.get(language) or shown["en"]
    return key.title()


def regions_by_place(keys: Iterable[str]) -> Dict[str, Tuple[str, ...]]:
    """Each place's candidate regions (one for a country, several for "Asia")."""
    index = _tables()[1]
    return {key: index[key] for key in keys if key in index}
