"""The Support Terms document: every quote is the source's own words, and the README holds the same text."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from pathlib import Path

import pytest

from explorer.catalog import Catalog, CatalogError, parse_catalog
from explorer.outputs.terms import terms_document, terms_markdown, terms_text
from tests.catalogs import catalog_data
from tools import readme_terms

SOURCE = Path(__file__).with_name("source_terms.txt")  # shared/seeds: the Okta and Auth0 terms the catalog encodes


def flat(text: str) -> str:
    return " ".join(text.split())


def quotes(catalog: Catalog) -> Iterator[tuple[str, str]]:
    """(where, text) for every piece of source wording the catalog holds."""
    for b in catalog.benefits.values():
        yield from ((f"benefits.{b.id}.wording", t) for t in b.wording)
    for p in catalog.programs.values():
        yield from ((f"programs.{p.id}.targets_wording", t) for t in p.targets_wording)
        for bid, wording in p.benefit_wording.items():
            yield from ((f"programs.{p.id}.wording.{bid}", t) for t in wording)
        if p.commitment:
            yield from ((f"programs.{p.id}.customer_commitment", t) for t in p.commitment.wording)
    for pr in catalog.products.values():
        for key in ("response_wording", "default_program_wording", "production_only_wording", "help_wording"):
            yield from ((f"products.{pr.id}.{key}", t) for t in getattr(pr, key))
        terms = pr.priority_terms
        assert terms is not None
        yield from ((f"priority_wording of {pr.id}.intro", t) for t in terms.intro)
        if terms.solution_heading:
            yield f"priority_wording of {pr.id}.solution_heading", terms.solution_heading
        for level in terms.levels.values():
            for key in ("description", "examples", "solution"):
                yield from ((f"priority_wording of {pr.id}.{level.priority}.{key}", t) for t in getattr(level, key))
            if level.heading:
                yield f"priority_wording of {pr.id}.{level.priority}.heading", level.heading
    for a in catalog.addons.values():
        yield from ((f"addons.{a.id}.wording", t) for t in a.wording)
        for c in a.conditions:
            yield from ((f"addons.{a.id}.conditions {c.title}", t) for t in c.wording)
        for o in a.options.values():
            yield from ((f"addons.{a.id}.options.{o.id}.wording", t) for t in o.wording)
    for c in catalog.addon_conditions:
        yield from ((f"addons.conditions {c.title}", t) for t in c.wording)


def test_every_quote_is_the_source_word_for_word(catalog: Catalog) -> None:
    source = flat(SOURCE.read_text(encoding="utf-8"))
    found = list(quotes(catalog))
    assert len(found) > 100
    paraphrased = [where for where, text in found if flat(text) not in source]
    assert paraphrased == []


def test_the_document_names_what_the_issue_asks_for(catalog: Catalog) -> None:
    text = flat(terms_text(catalog))
    assert "they commit to continuous 24x7 availability for engagement with Okta support until issue resolution" in text
    assert "Solution Definition (one or more of the following)" in text
    assert "Fix incorporated into future release" in text and "Enhancement request logged" in text
    assert "regional-based offering" in text and "Monday through Friday, during standard business hours" in text
    assert "non-cancelable, non-transferable" in text and "Travel-related expenses" in text
    assert "Premier Plus 1 h 2 h 2 h 8 h 24x7" in text  # the targets table
    for decision in catalog.decisions.values():  # every decision, each once in the closing list
        assert flat(f"{decision.title}: {decision.text}") in text
    for wording in ("“Response Time” means", "The Support Program applies to production Tenants"):
        assert wording in text


def test_one_program(catalog: Catalog) -> None:
    auth0 = catalog.products["auth0"]
    text = flat(terms_text(catalog, auth0, catalog.programs["auth0-enterprise"]))
    assert text.count("Auth0 Enterprise") == 1 and "Enterprise 30 min 2 h 12 h 24 h" in text
    assert "Target Response Time (Premier)" not in text and "Ticket review" not in text
    assert "Business hours" not in text  # the Okta decision is not Auth0's
    assert "Priority used for the target" in text  # a decision for every product is always shown
    basic = flat(terms_text(catalog, catalog.products["okta"], catalog.programs["okta-basic"]))
    assert "Online case submission (support portal): Basic The terms are silent here" in basic
    assert "Basic benefits:" in basic and "Add-On Resources" not in basic


def test_markdown_escapes_catalog_text(catalog: Catalog) -> None:
    data = copy.deepcopy(catalog_data())
    data["benefits"]["online-cases"]["label"] = "Cases | portal *and* <phone>"
    edited = parse_catalog(data)
    markdown = terms_markdown(edited, edited.products["okta"])
    assert "| Cases \\| portal \\*and\\* \\<phone\\> | yes |" in markdown
    assert markdown.startswith("# Okta and Auth0") and "\n## Okta\n" in markdown and "\n### Benefits\n" in markdown
    assert terms_markdown(edited, top=3).startswith("### ")


def test_the_readme_holds_the_generated_terms() -> None:
    """Fails while the README and the catalog differ: run `python -m tools.readme_terms`."""
    readme = readme_terms.README.read_text(encoding="utf-8")
    stale = "README.md's support terms differ from the catalog: run `python -m tools.readme_terms`"
    assert readme_terms.readme_terms(readme) == readme_terms.generated(), stale
    assert readme_terms.with_terms(readme, readme_terms.generated()) == readme
    assert "\n## The support terms\n" in readme.split(readme_terms.BEGIN)[0]


def test_readme_tool_replaces_only_its_block() -> None:
    readme = f"# Title\n\nbefore\n\n{readme_terms.BEGIN}\nold\n{readme_terms.END}\n\nafter\n"
    assert (
        readme_terms.with_terms(readme, "new\n")
        == f"# Title\n\nbefore\n\n{readme_terms.BEGIN}\n\nnew\n\n{readme_terms.END}\n\nafter\n"
    )
    with pytest.raises(ValueError, match="markers"):
        readme_terms.with_terms("# no markers\n", "new\n")


def test_document_blocks_start_with_the_title(catalog: Catalog) -> None:
    doc = terms_document(catalog)
    assert doc[0].text == catalog.title  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda d: d["benefits"]["csm"].pop("wording"), "benefits.csm.wording: missing"),
        (lambda d: d["benefits"]["csm"].update(wording=7), "benefits.csm.wording: expected the source wording"),
        (lambda d: d["benefits"]["csm"].update(wording=["ok", " "]), "benefits.csm.wording: the wording is blank"),
        (lambda d: d["programs"]["okta-basic"].pop("decision"), "programs.okta-basic.wording.online-cases: blank wording needs"),
        (lambda d: d["programs"]["okta-basic"]["wording"].update(nope="x"), "programs.okta-basic.wording.nope: unknown benefit"),
        (lambda d: d["programs"]["okta-basic"].pop("targets_wording"), "programs.okta-basic.targets_wording: missing"),
        (lambda d: d["programs"]["okta-premier"]["customer_commitment"].pop("title"), "customer_commitment.title: missing"),
        (lambda d: d["programs"]["okta-premier"]["customer_commitment"].update(decision="x"), "unknown decision 'x'"),
        (lambda d: d["priority_wording"]["auth0"].pop("3"), "priority_wording.auth0.3: missing"),
        (lambda d: d["priority_wording"]["auth0"]["2"].pop("solution"), "priority_wording.auth0.2.solution: missing"),
        (lambda d: d["priority_wording"]["auth0"].pop("solution_heading"), "priority_wording.auth0.solution_heading: missing"),
        (lambda d: d["priority_wording"].pop("okta-service"), "priority_wording.okta-service: missing"),
        (lambda d: d["products"]["okta"].update(source="okta-2019"), "products.okta.source: unknown source 'okta-2019'"),
        (lambda d: d["products"]["auth0"].pop("production_only_wording"), "products.auth0.production_only_wording: missing"),
        (lambda d: d["products"]["auth0"].pop("default_program_wording"), "products.auth0.default_program_wording: missing"),
        (lambda d: d["products"]["okta"].pop("response_wording"), "products.okta.response_wording: missing"),
        (lambda d: d["addons"]["mcse"].pop("wording"), "addons.mcse.wording: missing"),
        (lambda d: d["addons"]["conditions"].append({"title": "Travel"}), "addons.conditions[6].wording: missing"),
        (lambda d: d["addons"]["cse"]["conditions"].append("Remote"), "addons.cse.conditions[5]: expected { title"),
        (lambda d: d["addons"].pop("conditions"), "addons.conditions: missing"),
    ],
)
def test_a_missing_or_malformed_wording_names_its_key(edit, message: str) -> None:  # type: ignore[no-untyped-def]
    data = copy.deepcopy(catalog_data())
    edit(data)
    with pytest.raises(CatalogError) as caught:
        parse_catalog(data)
    assert message in str(caught.value)
