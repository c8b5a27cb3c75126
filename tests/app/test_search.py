"""The search index's substring test agrees with Python's ``in`` on every entry."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from explorer.app.search import Haystack

TEXT = st.text(alphabet=st.sampled_from("abé@.日 -"), max_size=12)


@given(st.lists(TEXT, max_size=40), st.text(alphabet=st.sampled_from("abé@.日 -"), min_size=1, max_size=4))
def test_contains_matches_python_in(texts: list[str], needle: str) -> None:
    found = Haystack(np.asarray(texts, dtype=object)).contains(needle)
    assert found.tolist() == [needle in t for t in texts]


def test_a_match_never_spans_two_entries() -> None:
    found = Haystack(np.asarray(["jane", "doe@coho.test", ""], dtype=object)).contains("nedoe")
    assert not found.any()
    assert Haystack(np.asarray(["jane", "doe"], dtype=object)).contains("e").tolist() == [True, True]
