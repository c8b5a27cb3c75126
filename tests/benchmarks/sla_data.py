"""A million cases over ten time zones and every program, built directly as the engine's input."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from explorer.catalog import default_catalog
from explorer.model import Book, Contract

ZONES = [
    ("America/New_York", "US"),
    ("America/Chicago", "US"),
    ("America/Los_Angeles", "US"),
    ("America/Sao_Paulo", "BR"),
    ("Europe/London", "GB"),
    ("Europe/Berlin", "DE"),
    ("Asia/Kolkata", "IN"),
    ("Asia/Tokyo", "JP"),
    ("Asia/Singapore", "SG"),
    ("Australia/Sydney", "AU"),
]


def million_case_book(n_cases: int = 1_000_000, n_customers: int = 2_000, seed: int = 5) -> Book:
    catalog = default_catalog()
    pairs = [(product.id, pid) for product in catalog.products.values() for pid in product.programs]
    contracts = []
    for i in range(n_customers):
        zone, country = ZONES[i % len(ZONES)]
        product, program = pairs[i % len(pairs)]
        contracts.append(
            Contract(f"Customer {i}", product, program, date(2025, 1, 1), date(2027, 12, 31), time_zone=zone, country=country)
        )
    rng = np.random.default_rng(seed)
    who = rng.integers(0, n_customers, n_cases)
    start = np.datetime64("2025-06-01T00:00:00", "s").astype(np.int64)
    opened = start + rng.integers(0, 365 * 86400, n_cases)
    reply = opened + rng.integers(60, 3 * 86400, n_cases)
    reply = np.where(rng.random(n_cases) < 0.05, np.iinfo(np.int64).min, reply)
    names = np.array([c.customer for c in contracts], dtype=object)
    products = np.array([c.product for c in contracts], dtype=object)
    frame = pd.DataFrame(
        {
            "case_id": np.arange(n_cases).astype(str).astype(object),
            "customer": names[who],
            # as the importer makes them: categoricals, so matching cases to contracts hashes no strings per case
            "customer_key": pd.Categorical.from_codes(who, categories=[c.customer.casefold() for c in contracts]),
            "product": pd.Categorical(products[who]),
            "priority": pd.array(rng.integers(1, 5, n_cases), dtype="Int8"),
            "priority_text": "P",
            "opened": pd.to_datetime(opened, unit="s", utc=True).astype("datetime64[ns, UTC]"),
            "first_response": pd.to_datetime(
                np.where(reply < 0, np.datetime64("NaT"), reply.astype("datetime64[s]")), utc=True
            ).astype("datetime64[ns, UTC]"),
            "environment": pd.Categorical.from_codes(
                (rng.random(n_cases) < 0.02).astype(np.int8), categories=["production", "non-production"]
            ),
            "file": pd.Categorical(["bench.csv"] * n_cases),
            "sheet": pd.Categorical(["cases"] * n_cases),
            "row": np.arange(n_cases) + 2,
        }
    )
    return Book(contracts=contracts, cases=frame)
