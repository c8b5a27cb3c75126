"""The holiday data the verdicts rest on: fingerprinted, so a `holidays` upgrade that changes it fails here.

Upgrading the package: raise the pin in pyproject.toml, run this file, read the
differences it prints (each is a day on which cases will be judged differently),
then record the new data with `python -m tests.sla.test_holiday_data` and commit it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from explorer.catalog import Catalog
from explorer.sla.calendars import holiday_calendar, holidays_version
from explorer.sla.subdivisions import country_name, resolve_subdivision, subdivision_of_zone, subdivisions

FINGERPRINTS = Path(__file__).with_name("holiday_fingerprints.json")
CALENDARS = ["AU-NSW", "DE-BY", "US-CA", "CA-ON", "AU", "DE", "US", "CA"]
YEARS = (2025, 2027)


def current() -> dict[str, list[list[str]]]:
    out = {}
    for key in CALENDARS:
        country, _, state = key.partition("-")
        calendar = holiday_calendar(country, state, *YEARS)
        out[key] = [[c.day.isoformat(), c.name, c.where] for c in calendar.closures]
    return out


def test_holiday_data_is_the_tested_data() -> None:
    recorded = json.loads(FINGERPRINTS.read_text(encoding="utf-8"))
    now = current()
    changes = []
    for key in CALENDARS:
        before, after = {tuple(r) for r in recorded["calendars"][key]}, {tuple(r) for r in now[key]}
        changes += [f"{key} removed: {' '.join(r)}" for r in sorted(before - after)]
        changes += [f"{key} added:   {' '.join(r)}" for r in sorted(after - before)]
    assert not changes, (
        f"holidays {holidays_version()} (recorded with {recorded['holidays']}) changes "
        f"{len(changes)} days:\n" + "\n".join(changes)
    )


def test_pinned_range_holds_the_installed_version() -> None:
    pyproject = (Path(__file__).parents[2] / "pyproject.toml").read_text(encoding="utf-8")
    recorded = json.loads(FINGERPRINTS.read_text(encoding="utf-8"))["holidays"]
    minor = ".".join(recorded.split(".")[:2])
    assert holidays_version().startswith(minor)
    assert f'"holidays>={minor},<' in pyproject  # the pin names the minor release the data was recorded with


def test_zone_table_names_real_subdivisions_of_the_zone_country(catalog: Catalog) -> None:
    from explorer.importing.places import country_of_zone

    for zone, full in catalog.subdivision_zones.items():
        country, _, code = full.partition("-")
        assert code in subdivisions(country), f"{zone}: {full} is not a subdivision the package knows"
        assert country_of_zone(zone) in (country, None), f"{zone} is not in {country}"
        assert subdivision_of_zone(zone, country, catalog) == code
        assert subdivision_of_zone(zone, "NZ", catalog) == ""  # only within the contract's own country


def test_catalog_names_resolve_to_their_codes(catalog: Catalog) -> None:
    for full, names in catalog.subdivision_names.items():
        country, _, code = full.partition("-")
        assert code in subdivisions(country), full
        for name in names:
            assert resolve_subdivision(country, name, catalog) == (code, None), name


@pytest.mark.parametrize(
    ("country", "text", "code"),
    [
        ("AU", "AU-NSW", "NSW"),
        ("AU", "qld", "QLD"),
        ("DE", "Bayern", "BY"),
        ("DE", "Bavaria", "BY"),
        ("DE", "DE-BY", "BY"),
        ("DE", "Baden-Wurttemberg", "BW"),
        ("US", "California", "CA"),
        ("US", "US-CA", "CA"),
        ("CH", "Zurich", "ZH"),
        ("CH", "Genève", "GE"),
        ("CH", "Geneva", "GE"),
        ("CA", "Quebec", "QC"),
        ("CA", "Québec", "QC"),
        ("ES", "Catalonia", "CT"),
    ],
)
def test_subdivision_spellings(catalog: Catalog, country: str, text: str, code: str) -> None:
    assert resolve_subdivision(country, text, catalog) == (code, None)


def test_subdivision_problems_name_the_way_out(catalog: Catalog) -> None:
    code, problem = resolve_subdivision("AU", "DE-BY", catalog)
    assert code == "" and problem == "state or province 'DE-BY' is not in Australia (AU); the national calendar is used"
    code, problem = resolve_subdivision("JP", "Tokyo", catalog)
    assert code == "" and problem is not None and "no regional holidays for Japan" in problem
    assert resolve_subdivision("", "NSW", catalog)[1] is not None
    assert country_name("GB") == "United Kingdom"


if __name__ == "__main__":  # record the installed package's data (see the module docstring)
    calendars = ",\n".join(
        f'  "{key}": [\n' + ",\n".join(f"   {json.dumps(row, ensure_ascii=False)}" for row in rows) + "\n  ]"
        for key, rows in current().items()
    )
    FINGERPRINTS.write_text(
        f'{{"holidays": "{holidays_version()}", "years": {list(YEARS)}, "calendars": {{\n{calendars}\n}}}}\n', encoding="utf-8"
    )
    print(f"recorded {FINGERPRINTS} with holidays {holidays_version()}")
