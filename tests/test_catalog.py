"""Every number of domain.md tables 2, 4 and 5 against the bundled catalog."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from explorer.catalog import Catalog, CatalogError, load_catalog, parse_catalog
from explorer.paths import resource_path

H = 60
OKTA_PREMIER_TARGETS = {1: (1 * H, "24x7"), 2: (2 * H, "24x7"), 3: (2 * H, "24x7"), 4: (8 * H, "24x7")}
EXPECTED_TARGETS = {
    ("okta", "okta-basic"): {p: (m, "business-hours") for p, m in {1: 4 * H, 2: 12 * H, 3: 24 * H, 4: 24 * H}.items()},
    ("okta", "okta-premier"): OKTA_PREMIER_TARGETS,
    ("okta", "okta-premier-access"): OKTA_PREMIER_TARGETS,
    ("okta", "okta-premier-plus"): OKTA_PREMIER_TARGETS,
    ("auth0", "auth0-enterprise"): {
        1: (30, "24x7x365"),
        2: (2 * H, "weekdays-24h"),
        3: (12 * H, "weekdays-24h"),
        4: (24 * H, "weekdays-24h"),
    },
    ("auth0", "auth0-premier"): {1: (30, "24x7x365"), 2: (1 * H, "24x7x365"), 3: (8 * H, "24x7x365"), 4: (12 * H, "24x7x365")},
}


@pytest.mark.parametrize(("product", "program"), list(EXPECTED_TARGETS))
def test_first_response_targets_and_clocks(catalog: Catalog, product: str, program: str) -> None:
    assert program in catalog.products[product].programs
    got = {p: (t.minutes, t.calendar) for p, t in catalog.programs[program].targets.items()}
    assert got == EXPECTED_TARGETS[(product, program)]


def test_access_gateway_uses_okta_programs(catalog: Catalog) -> None:
    assert catalog.products["okta-access-gateway"].programs == catalog.products["okta"].programs
    assert catalog.products["okta-access-gateway"].decision == "access-gateway-targets"
    assert "Server down" in catalog.products["okta-access-gateway"].priority_descriptions[1]


def test_business_hours_calendar_is_the_documented_decision(catalog: Catalog) -> None:
    cal = catalog.calendars["business-hours"]
    assert (cal.days, cal.open_minute, cal.close_minute, cal.holidays) == ((0, 1, 2, 3, 4), 540, 1020, "country")
    assert cal.decision in catalog.decisions
    auth0 = catalog.calendars["weekdays-24h"]
    assert (auth0.days, auth0.open_minute, auth0.close_minute, auth0.holidays) == ((0, 1, 2, 3, 4), 0, 1440, "none")


OKTA_BENEFITS = {
    # benefit: Basic, Premier, Premier Access, Premier Plus
    "online-cases": (True, True, True, True),
    "learning-pass-discount": (False, True, True, True),
    "ilt-discount": (False, True, True, True),
    "phone-support": (False, True, True, True),
    "csm": (False, False, True, True),
    "csm-duties": (False, False, True, True),
    "success-meetings": (False, False, True, True),
    "success-kickoff": (False, False, True, True),
    "addon-eligible": (False, False, False, True),
    "trust-page": (True, True, True, True),
}


@pytest.mark.parametrize("benefit", list(OKTA_BENEFITS))
def test_okta_benefit_table(catalog: Catalog, benefit: str) -> None:
    programs = ["okta-basic", "okta-premier", "okta-premier-access", "okta-premier-plus"]
    got = tuple(catalog.programs[p].benefits.get(benefit, False) is not False for p in programs)
    assert got == OKTA_BENEFITS[benefit]


def test_okta_benefit_details(catalog: Catalog) -> None:
    assert catalog.programs["okta-premier-access"].benefits["success-meetings"] == (
        "Standard Success Meeting, Standard Business Review"
    )
    assert catalog.programs["okta-premier-plus"].benefits["success-meetings"] == ("Custom Success Plan, Custom Business Review")
    assert "reserved for Premier Plus" in str(catalog.programs["okta-premier-plus"].benefits["phone-support"])
    assert catalog.programs["okta-basic"].benefits["support-hours"] == "Business hours"


def test_auth0_features(catalog: Catalog) -> None:
    ent, prem = catalog.programs["auth0-enterprise"].benefits, catalog.programs["auth0-premier"].benefits
    for shared in ("auth0-core", "enhanced-response"):
        assert ent[shared] and prem[shared]
    for premier_only in ("auth0-phone", "dedicated-team", "ticket-reviews"):
        assert premier_only not in ent and prem[premier_only] is True
    assert catalog.products["auth0"].default_program == "auth0-enterprise"
    assert catalog.products["auth0"].production_only


def test_addons(catalog: Catalog) -> None:
    mcse, cse = catalog.addons["mcse"], catalog.addons["cse"]
    assert {o.label: o.named_contacts for o in mcse.options.values()} == {"50% Dedicated MCSE": 5, "100% Dedicated MCSE": 10}
    assert (cse.mobilization_days, mcse.mobilization_days) == (90, 90)
    assert catalog.renewal_notice_days == 45
    assert catalog.admin_days_per_year == 7
    assert catalog.programs["okta-premier-plus"].addons == ("cse", "mcse")
    assert all(not catalog.programs[p].addons for p in catalog.programs if p != "okta-premier-plus")


@pytest.mark.parametrize(
    ("text", "product", "program"),
    [
        ("Premier+", "okta", "okta-premier-plus"),
        ("prem access", "okta", "okta-premier-access"),
        ("PREMIER PLUS", "okta", "okta-premier-plus"),
        ("Premier", "okta", "okta-premier"),
        ("basic", "okta access gateway", "okta-basic"),
        ("enterprise", "Auth0", "auth0-enterprise"),
        ("Premier", "AUTH0", "auth0-premier"),
        ("", "auth0", "auth0-enterprise"),
    ],
)
def test_program_spellings(catalog: Catalog, text: str, product: str, program: str) -> None:
    prod = catalog.product_for(product)
    assert prod is not None
    found = catalog.program_for(prod, text)
    assert found is not None and found.id == program


def test_unknown_spellings(catalog: Catalog) -> None:
    assert catalog.product_for("Okta Gold") is None
    okta = catalog.products["okta"]
    assert catalog.program_for(okta, "Enterprise") is None  # an Auth0 tier is not an Okta tier
    assert catalog.program_for(okta, "") is None  # Okta has no default tier


@pytest.mark.parametrize(
    ("text", "option"),
    [
        ("50%", "50"),
        ("0.5", "50"),
        ("0,5", "50"),
        ("50", "50"),
        ("Half", "50"),
        ("100% Dedicated MCSE", "100"),
        ("1.0", "100"),
        ("1,0", "100"),
    ],
)
def test_mcse_spellings(catalog: Catalog, text: str, option: str) -> None:
    found = catalog.addon_option_for("mcse", text)
    assert found is not None and found.id == option


def _raw() -> dict:
    with open(resource_path("catalog.toml"), "rb") as fh:
        return tomllib.load(fh)


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d["programs"]["okta-basic"]["targets"].pop("3"), "programs.okta-basic.targets: no target for priority 3"),
        (
            lambda d: d["programs"]["okta-premier"]["targets"].update({"1": [60, "nine-to-five"]}),
            "programs.okta-premier.targets.1: unknown calendar 'nine-to-five'",
        ),
        (
            lambda d: d["programs"]["okta-premier"]["targets"].update({"1": ["1h", "24x7"]}),
            "programs.okta-premier.targets.1: expected [minutes, calendar]",
        ),
        (lambda d: d["calendars"]["business-hours"].update({"close": "08:00"}), "calendars.business-hours: close must"),
        (lambda d: d["calendars"]["business-hours"].update({"days": ["Monday"]}), "calendars.business-hours.days"),
        (lambda d: d["products"]["okta"]["programs"].append("okta-gold"), "products.okta.programs: unknown program"),
        (lambda d: d["settings"].update({"at_risk_fraction": 3}), "settings.at_risk_fraction"),
        (lambda d: d["key_dates"][0].update({"anchor": "signature"}), "key_dates[0].anchor"),
        (lambda d: d["addons"]["mcse"]["options"]["50"].pop("named_contacts"), "addons.mcse.options.50.named_contacts: missing"),
        (lambda d: d.pop("settings"), "catalog.settings: missing"),
    ],
)
def test_malformed_catalog_names_key_and_problem(mutate, message: str) -> None:
    data = _raw()
    mutate(data)
    with pytest.raises(CatalogError, match=message.replace("[", r"\[").replace("]", r"\]").replace(".", r"\.")):
        parse_catalog(data)


def test_unreadable_catalog_file(tmp_path: Path) -> None:
    bad = tmp_path / "catalog.toml"
    bad.write_text("[catalog\nversion=1", encoding="utf-8")
    with pytest.raises(CatalogError, match="not valid TOML"):
        load_catalog(bad)
    with pytest.raises(CatalogError, match="cannot read"):
        load_catalog(tmp_path / "missing.toml")


NON_PRODUCTION = [
    "Non-Prod tenant",
    "nonprod",
    "Dev tenant",
    "development",
    "pre-production",
    "preprod",
    "staging",
    "sandbox",
    "test",
    "preview",
    "QA",
    "UAT",
    "Preview",
    "non-production",
    "DEV",
]
PRODUCTION = ["Production", "prod", "live", "Production tenant", "PROD (EU)", ""]


def test_environment_words_match_by_word(catalog: Catalog) -> None:
    environments = catalog.environments
    assert {text: environments.classify(text) for text in NON_PRODUCTION} == dict.fromkeys(NON_PRODUCTION, "non-production")
    assert {text: environments.classify(text) for text in PRODUCTION} == dict.fromkeys(PRODUCTION, "production")
    assert environments.classify("Tenant 7") is None
    assert environments.classify("productive") is None  # whole words only
