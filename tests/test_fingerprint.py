"""Refactoring keeps outputs byte-identical: a fresh build matches the stored fingerprint."""

from __future__ import annotations

import importlib.util
import json

import pytest
from conftest import ROOT

_spec = importlib.util.spec_from_file_location("fingerprint", ROOT / "scripts" / "fingerprint.py")
fingerprint = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(fingerprint)


@pytest.mark.slow
def test_outputs_match_the_stored_fingerprint():
    stored = json.loads(fingerprint.STORED.read_text(encoding="utf-8"))
    diffs = fingerprint.differences(stored, fingerprint.fingerprint())
    assert diffs == [], ("outputs changed; if on purpose, run `python scripts/fingerprint.py --update` "
                         "and say why in the commit: " + ", ".join(diffs))


def test_a_changed_output_is_reported():
    stored = {"data": {"graph.ttl": "aa", "graph.nt": "bb"}}
    fresh = {"data": {"graph.ttl": "aa", "graph.nt": "cc", "graph.gexf": "dd"}}
    assert fingerprint.differences(stored, fresh) == ["data: graph.gexf", "data: graph.nt"]
    assert fingerprint.differences(stored, stored) == []
