"""Command line: explorer [FILE...] | check | report | template | terms.

Runs headless: nothing here imports Qt unless the GUI is asked for, and heavy
libraries load only inside the subcommand that needs them.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from explorer import __version__

EXIT_OK, EXIT_FINDINGS, EXIT_UNREADABLE = 0, 1, 2
SUBCOMMANDS = ("check", "report", "template", "terms", "gui")


def _terms(args: argparse.Namespace) -> int:
    from explorer.catalog import CatalogError, load_catalog
    from explorer.terms import catalog_terms

    try:
        catalog = load_catalog(args.catalog)
    except CatalogError as exc:
        print(f"explorer: {exc}", file=sys.stderr)
        return EXIT_UNREADABLE
    product = None
    if args.product:
        product = catalog.product_for(args.product)
        if product is None:
            names = ", ".join(p.name for p in catalog.products.values())
            print(f"explorer: unknown product {args.product!r}; the catalog has {names}", file=sys.stderr)
            return EXIT_UNREADABLE
    print(catalog_terms(catalog, product))
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="explorer",
        description="Okta and Auth0 support entitlements from contract spreadsheets.",
    )
    parser.add_argument("--version", action="version", version=f"Entitlement Explorer {__version__}")
    sub = parser.add_subparsers(dest="command")

    terms = sub.add_parser("terms", help="print the support terms held in the catalog")
    terms.add_argument("--product", help="only this product (Okta, Okta Access Gateway, Auth0)")
    terms.add_argument("--catalog", help="use this catalog file instead of the bundled one")
    terms.set_defaults(func=_terms)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if getattr(args, "func", None) is None:
        build_parser().print_help()
        return EXIT_OK
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        return 130
