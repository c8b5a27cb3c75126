"""Where a customer is: its time zone and country, read the ways exports write them (Qt-free).

Time zones come as IANA names (``Europe/Berlin``), abbreviations (``PST``, with a warning),
display names (Rails' ``Pacific Time (US & Canada)`` as Zendesk stores it, Windows'
``Pacific Standard Time``, Salesforce's ``(GMT+01:00) Central European Standard Time
(Europe/Berlin)``), a city of the tz database (``London``) and UTC offsets (``UTC+10``,
with a warning: an offset says nothing of daylight saving). Countries come as ISO codes
(``DE``, ``DEU``), English and official names (``Korea, Republic of``) and everyday
spellings (``U.K.``, ``Deutschland``).

The country tables are the tz database's (tzdata) and ISO 3166's (pycountry); Windows
zone names map by the CLDR table tzlocal ships; the rest is catalog data.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from functools import cache
from importlib import resources
from zoneinfo import ZoneInfo, available_timezones

from explorer.catalog import Catalog, fold

COUNTRY_ALIASES = {
    "usa": "US",
    "unitedstatesofamerica": "US",
    "uk": "GB",
    "unitedkingdom": "GB",
    "england": "GB",
    "greatbritain": "GB",
    "scotland": "GB",
    "wales": "GB",
    "northernireland": "GB",
    "holland": "NL",
    "thenetherlands": "NL",
    "southkorea": "KR",
    "korea": "KR",
    "russia": "RU",
    "uae": "AE",
    "czechia": "CZ",
    "czechrepublic": "CZ",
    "deutschland": "DE",
}
IANA_IN_LABEL = re.compile(r"\(([A-Za-z]+(?:/[A-Za-z0-9_+\-]+)+)\)")  # "(GMT+01:00) ... (Europe/Berlin)"
OFFSET_PREFIX = re.compile(r"^\(?\s*(?:GMT|UTC)\s*[+\-\u2212]\s*\d{1,2}(?::?\d{2})?\s*\)?\s*", re.IGNORECASE)
OFFSET = re.compile(r"^(?:GMT|UTC)?\s*([+\-\u2212])\s*(\d{1,2})(?::?(\d{2}))?$", re.IGNORECASE)
# Offsets are compared on two fixed days, one in each half of the year: standard and daylight-saving time.
SEASONS = (datetime(2026, 1, 15, 12), datetime(2026, 7, 15, 12))


@cache
def _zones_by_fold() -> dict[str, str]:
    return {z.lower(): z for z in available_timezones()}


def iana_zone(name: str) -> str | None:
    """The IANA zone a name spells, in its own case ('europe/paris' is Europe/Paris); None for any other text."""
    return _zones_by_fold().get(name.strip().lower().replace(" ", "_"))


@cache
def _zone_table() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """(country code -> name, folded name -> code, zone -> country code) from the tz database."""
    root = resources.files("tzdata.zoneinfo")
    names: dict[str, str] = {}
    for line in root.joinpath("iso3166.tab").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            code, name = line.split("\t", 1)
            names[code] = name.strip()
    zones: dict[str, str] = {}
    for line in root.joinpath("zone.tab").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            parts = line.split("\t")
            zones[parts[2]] = parts[0]
    by_name = {fold(n): c for c, n in names.items()}
    return names, by_name, zones


@cache
def _cities() -> dict[str, str]:
    """Folded city -> zone, for the tz database's zones whose city names one zone only ("London")."""
    found: dict[str, list[str]] = {}
    for zone in _zone_table()[2]:
        found.setdefault(fold(zone.rsplit("/", 1)[-1].replace("_", " ")), []).append(zone)
    return {city: zones[0] for city, zones in found.items() if len(zones) == 1}


@cache
def _windows_names() -> dict[str, str]:
    from tzlocal.windows_tz import win_tz

    return {fold(name): zone for name, zone in win_tz.items()}


def parse_timezone(text: str, catalog: Catalog, country: str | None = None) -> tuple[str | None, str | None]:
    """(IANA zone, problem): abbreviations and offsets map with a warning, display names without one; unknown
    gives (None, problem). ``country`` (ISO code) picks the zone an offset stands for."""
    raw = text.strip()
    if not raw:
        return None, None
    mapped = catalog.timezone_abbreviations.get(raw.upper())
    if mapped:  # before the zone table: it holds legacy zones such as CET that no country uses
        return mapped, (
            f"time zone '{raw}' is an abbreviation; read as {mapped} (write the IANA name to be exact about daylight saving)"
        )
    zone = _zones_by_fold().get(raw.lower().replace(" ", "_")) or _display_name(raw, catalog)
    if zone:
        return zone, None
    offset = OFFSET.match(raw.replace(" ", ""))
    if offset:
        sign = -1 if offset.group(1) in "-\u2212" else 1
        minutes = sign * (int(offset.group(2)) * 60 + int(offset.group(3) or 0))
        return _at_offset(raw, minutes, country, catalog)
    return None, f"time zone '{raw}' is unknown"


def _display_name(raw: str, catalog: Catalog) -> str | None:
    """The zone a display name stands for: an IANA name in brackets, else the name without its offset prefix
    looked up in the catalog's names, Windows' names and the tz database's cities."""
    inside = IANA_IN_LABEL.search(raw)
    if inside and (zone := _zones_by_fold().get(inside.group(1).lower())):
        return zone
    key = fold(OFFSET_PREFIX.sub("", raw))
    return catalog.timezone_names.get(key) or _windows_names().get(key) or _cities().get(key.replace(".", ""))


def _at_offset(raw: str, minutes: int, country: str | None, catalog: Catalog) -> tuple[str | None, str | None]:
    """An offset read as the country's zone at that offset (its main zone first), else as a fixed zone."""
    hint = "write the zone's name to be exact about daylight saving"
    if country:
        main = catalog.country_main_zones.get(country)
        zones = sorted(_zones_of(country), key=lambda z: z != main)
        for zone in zones:
            if minutes in {int((ZoneInfo(zone).utcoffset(day) or timedelta(0)).total_seconds()) // 60 for day in SEASONS}:
                at = f"{country_name(country)}'s zone at that offset"
                return zone, f"time zone '{raw}' is a UTC offset; read as {zone}, {at} ({hint})"
    if minutes % 60 == 0 and -12 * 60 <= minutes <= 14 * 60:
        hours = minutes // 60
        zone = "Etc/UTC" if hours == 0 else f"Etc/GMT{-hours:+d}"  # POSIX names: the sign is reversed
        return zone, f"time zone '{raw}' is a UTC offset; read as a fixed offset with no daylight saving ({hint})"
    return None, f"time zone '{raw}' is an offset no zone of the row's country has; give the zone's name"


def country_name(code: str) -> str:
    return _zone_table()[0].get(code, code)


def parse_country(text: str) -> tuple[str | None, str | None]:
    """(ISO code, problem): a code (alpha-2 or alpha-3), a name, an official name or an everyday spelling."""
    raw = text.strip()
    if not raw:
        return None, None
    names, by_name, _ = _zone_table()
    if raw.upper() in names:
        return raw.upper(), None
    key = fold(raw).replace(".", "")  # "U.S." is US
    code = (key.upper() if key.upper() in names else None) or by_name.get(key) or COUNTRY_ALIASES.get(key) or _iso_lookup(raw)
    if code:
        return code, None
    return None, f"country '{raw}' is unknown"


def _iso_lookup(raw: str) -> str | None:
    """ISO 3166's codes and names (``DEU``, ``Korea, Republic of``, ``Türkiye``) by pycountry."""
    import pycountry

    try:
        found = pycountry.countries.lookup(raw)
    except LookupError:
        return None
    code: str = found.alpha_2
    return code


def country_of_zone(zone: str) -> str | None:
    return _zone_table()[2].get(zone)


def spans_zones(code: str) -> bool:
    """Whether the tz database gives the country more than one zone."""
    return len(_zones_of(code)) > 1


def country_zone_words(code: str) -> str:
    """How a zone worked out from a country is said beside it: the most populous of its zones where it spans several
    (a guess: the row's own zone is asked for), else the country's one zone."""
    if spans_zones(code):
        return f"the most populous of {country_name(code)}'s zones; give the row's time zone to be exact"
    return f"the zone of {country_name(code)}"


def zone_of_country(code: str, catalog: Catalog) -> str | None:
    """The zone a country's customers are read in when no zone is given: the catalog's main zone for a country
    spanning several (its most populous), else the tz database's one zone of it."""
    if code in catalog.country_main_zones:
        return catalog.country_main_zones[code]
    zones = _zones_of(code)
    return zones[0] if zones else None


def zone_of_subdivision(country: str, code: str, catalog: Catalog) -> str | None:
    """The zone a state's or province's customers are read in when no zone is given: the catalog's main zone
    for it, else the one zone the catalog says lies wholly in it (Australia/Perth for AU-WA); None otherwise."""
    full = f"{country}-{code}"
    if full in catalog.subdivision_main_zones:
        return catalog.subdivision_main_zones[full]
    alone = [zone for zone, where in catalog.subdivision_zones.items() if where == full]
    return alone[0] if len(alone) == 1 else None


@cache
def _zones_of(code: str) -> tuple[str, ...]:
    """The country's zones, in the tz database's order (east to west, so the first is no main zone)."""
    return tuple(zone for zone, country in _zone_table()[2].items() if country == code)


CONTINENT_REGIONS = {"Europe": "EMEA", "Africa": "EMEA", "America": "AMER", "Asia": "APAC", "Australia": "APAC"}
CONTINENT_REGIONS |= {"Pacific": "APAC", "Indian": "APAC", "Atlantic": "EMEA"}


def sales_region(text: str, catalog: Catalog) -> str:
    """The region a cell names as sales teams write one: a spelling of the catalog's ('EMEA', 'North America',
    'LATAM', 'ANZ'), or a sub-region of one ('EMEA North', 'AMER-West'); "" for any other text, a country or a
    state among them ('CA' is California and Canada: no region is read through it)."""
    for candidate in (text, re.split(r"[\s\-]+", text.strip(), maxsplit=1)[0]):  # not a zone's 'Europe/Berlin'
        if candidate.strip() and (region := catalog.region_for(candidate)) in catalog.regions.values():
            return region
    return ""


# A sheet name that says a region is left out ("Not EMEA", "Non-EMEA", "ex-APAC", "Rest of world excl. AMER")
_NOT_REGION = frozenset({"not", "non", "ex", "excl", "excluding", "except", "without", "other", "others", "rest", "outside"})


def region_named(name: str, catalog: Catalog) -> str:
    """The one sales region a sheet's name gives: the whole name a spelling of the catalog's ('EMEA',
    'Asia Pacific'), else the region of the words of it that name one ('EMEA Renewals', 'Renewals - APAC', 'FY27
    AMER'); "" where none do, or several ('EMEA + APAC'), or the name leaves one out ('Not EMEA', 'ex-APAC'). A
    two-letter word names a region only as the whole name ('NA', not 'Data NA 2026' or 'Sheet EU'), and a name
    with marks between its letters not at all ('N/A' is not applicable, 'N-A' no region)."""
    words = [w for w in re.split(r"[\W_]+", name) if w]
    if not words or _NOT_REGION & {w.casefold() for w in words}:
        return ""
    if re.fullmatch(r"[\w ]+", name.strip()) and (whole := catalog.region_for(name)) in catalog.regions.values():
        return whole
    named = {region for word in words if len(word) > 2 and (region := catalog.region_for(word)) in catalog.regions.values()}
    return named.pop() if len(named) == 1 else ""


def own_region(country: str, zone: str, catalog: Catalog) -> tuple[str, str]:
    """(the sales region a row's own Country, else its Time Zone, lies in, which of the two gave it: "country" or
    "time_zone"); ("", "") where neither names a place of a region."""
    if country.strip() and (region := region_of(country, catalog)[0]) in catalog.regions.values():
        return region, "country"
    found, _ = parse_timezone(zone, catalog) if zone.strip() else (None, None)
    if found is None:
        return "", ""
    code = country_of_zone(found)
    region = catalog.region_countries.get(code, "") if code else ""
    region = region or CONTINENT_REGIONS.get(found.split("/", 1)[0], "")
    return (region, "time_zone") if region else ("", "")


def region_of(text: str, catalog: Catalog) -> tuple[str, bool]:
    """(the region a Region cell names, whether it was read through a country or a sub-region): a synonym as the
    catalog spells it, else a country's region (the catalog's exceptions, else its main zone's continent), else
    the region of a sub-region's first word ("EU-West", "US East"), else the text as written."""
    region = catalog.region_for(text)
    if not text.strip() or region in catalog.regions.values():  # a synonym gives its canonical name
        return region, False
    code, _ = parse_country(text)
    if code is None:
        head = re.split(r"[\s\-_/]+", text.strip(), maxsplit=1)[0]  # a sub-region: "EU-West", "US East"
        if head and head != text.strip():
            found, _ = region_of(head, catalog)
            if found in catalog.regions.values():
                return found, True
        return region, False
    if code in catalog.region_countries:
        return catalog.region_countries[code], True
    zone = zone_of_country(code, catalog)
    continent = CONTINENT_REGIONS.get(zone.split("/", 1)[0]) if zone else None
    return (continent, True) if continent else (region, False)
