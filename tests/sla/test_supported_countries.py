"""The countries with holiday data are listed from the package's registry, without importing every country."""

from __future__ import annotations

import holidays

from explorer.sla import calendars


def test_the_registry_lists_what_the_package_supports() -> None:
    assert calendars._supported_countries() == frozenset(holidays.list_supported_countries())
    assert calendars.has_holiday_data("UK") and calendars.has_holiday_data("DEU") and not calendars.has_holiday_data("XX")
