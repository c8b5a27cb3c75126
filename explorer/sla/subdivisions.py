"""States, provinces and cantons: a contract's text or time zone to the `holidays` package's subdivision code.

The package knows each country's subdivision codes (NSW, BY, CA) and local names
(New South Wales, Bayern); the catalog adds English names it lacks (Bavaria) and
the time zones that lie in a single subdivision (Australia/Sydney is NSW).
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from explorer.catalog import Catalog


def _key(text: str) -> str:
    """Case, accent, space and punctuation blind: 'Baden-Württemberg' = 'baden wurttemberg'."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[\W_]+", "", plain.casefold())


@cache
def subdivisions(country: str) -> dict[str, str]:
    """The package's subdivision codes of a country with a display name each; empty when it has none."""
    import holidays

    from explorer.sla.calendars import has_holiday_data

    if not has_holiday_data(country):
        return {}
    entity = type(holidays.country_holidays(country, years=[]))
    names: dict[str, str] = {}
    for name, code in getattr(entity, "subdivisions_aliases", {}).items():
        names.setdefault(code, name)  # the first alias is the usual name
    return {code: names.get(code, code) for code in entity.subdivisions}


def subdivision_name(country: str, code: str) -> str:
    return subdivisions(country).get(code, code)


@cache
def country_name(code: str) -> str:
    """The English name the package files a country under ("united_kingdom" -> "United Kingdom")."""
    from holidays.registry import COUNTRIES

    for module, entry in COUNTRIES.items():
        if entry[1] == code:
            return " ".join(w if w in ("and", "of", "the") else w.capitalize() for w in module.split("_"))
    return code


def _spellings(country: str, catalog: Catalog) -> dict[str, str]:
    return _spellings_with(
        country, tuple((full, names) for full, names in catalog.subdivision_names.items() if full.startswith(f"{country}-"))
    )


@cache
def _spellings_with(country: str, extra: tuple[tuple[str, tuple[str, ...]], ...]) -> dict[str, str]:
    """Every accepted spelling of the country's subdivisions (code, package alias, catalog name) -> code."""
    import holidays

    known = subdivisions(country)
    out = {_key(code): code for code in known}
    if known:
        aliases = getattr(type(holidays.country_holidays(country, years=[])), "subdivisions_aliases", {})
        out |= {_key(name): code for name, code in aliases.items() if code in known}
    for full, names in extra:
        code = full.partition("-")[2]
        if code in known:
            out |= {_key(name): code for name in names}
    return out


def resolve_subdivision(country: str, text: str, catalog: Catalog) -> tuple[str, str | None]:
    """(the package's code, problem) for a State/Province cell: 'AU-NSW', 'NSW', 'New South Wales', 'Bavaria'.

    An unknown text gives "" (the national calendar) and a problem naming the valid ones.
    """
    raw = text.strip()
    if not raw:
        return "", None
    if not country:
        return "", f"state or province '{raw}' cannot be checked without a country; no regional holidays are used"
    known = subdivisions(country)
    if not known:
        return "", (
            f"state or province '{raw}': the holidays package has no regional holidays for "
            f"{country_name(country)}; the national calendar is used"
        )
    prefix = re.fullmatch(r"([A-Za-z]{2})-(.+)", raw)
    if prefix and prefix[1].upper() != country and _key(raw) not in _spellings(country, catalog):
        return "", (f"state or province '{raw}' is not in {country_name(country)} ({country}); the national calendar is used")
    body = prefix[2] if prefix and prefix[1].upper() == country else raw
    code = _spellings(country, catalog).get(_key(body)) or _spellings(country, catalog).get(_key(raw))
    if code:
        return code, None
    # the package also files a few cities, school zones and language communities as subdivisions (Germany's
    # 'Augsburg', France's 'Zone A', Belgium's 'Flemish'): still read, but the states named are those with a code
    valid = ", ".join(f"{c} ({n})" if n != c else c for c, n in known.items() if _is_code(c))
    return "", (f"state or province '{raw}' is not one of {country_name(country)}'s ({valid}); the national calendar is used")


def _is_code(code: str) -> bool:
    """A subdivision the package files under a code (BY, NSW, 31), as it does every state, not under a name."""
    return not any(ch.islower() for ch in code)


def subdivision_of_zone(zone: str, country: str, catalog: Catalog) -> str:
    """The subdivision a time zone lies wholly in (catalog table), when it is in the contract's country; else ""."""
    full = catalog.subdivision_zones.get(zone, "")
    prefix, _, code = full.partition("-")
    return code if prefix == country and code in subdivisions(country) else ""


def calendar_label(country: str, code: str) -> str:
    """'New South Wales, Australia (AU-NSW)', 'Australia (AU)', or a plain word when there is no country."""
    if not country:
        return "no country: no public holidays"
    if code:
        return f"{subdivision_name(country, code)}, {country_name(country)} ({country}-{code})"
    return f"{country_name(country)} ({country})"
