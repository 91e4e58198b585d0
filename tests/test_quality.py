"""Extraction quality on our hand-checked sets, scored by `graphbuild evaluate`.

Each set must stay at or above the macro F1 it reached when this floor was set; the
held-out sets were never looked at while tuning, their floors guard generalisation.
Raise a floor when the extractor improves; never lower one to make a change pass.
"""

from __future__ import annotations

import json

import pytest
from conftest import ROOT, score
from test_contract import VALIDATOR, check_extraction

import graphbuild

GOLD = ROOT / "tests" / "gold"
FLOORS = {  # macro F1 reached (ar-dev 0.892, ar-heldout 0.797, ar-uncued 0.729, en-dev 0.863,
    # en-heldout 0.807, fr-dev 0.801, fr-heldout 0.857), rounded down to two places
    "ar-dev": 0.89, "ar-heldout": 0.79, "ar-uncued": 0.72,
    "en-dev": 0.86, "en-heldout": 0.80,
    "fr-dev": 0.80, "fr-heldout": 0.85,
    "es-dev": 0.67,  # Spanish, added by data alone (graphbuild/data/lang/es.yaml): 0.679 on first run
}


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_macro_f1_floor(name, tmp_path, capsys):
    golds = sorted((GOLD / name).glob("*.json"))
    assert len(golds) >= 3
    pred = tmp_path / name
    pred.mkdir()
    for g in golds:
        article = ROOT / json.loads(g.read_text(encoding="utf-8"))["text"]
        d = graphbuild.extract(article)
        if article.suffix == ".txt":  # offsets point into the file as read
            check_extraction(d, article.read_text(encoding="utf-8"))
        else:  # offsets point into the text taken out of the page
            assert not list(VALIDATOR.iter_errors(d)), article
        (pred / g.name).write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
    rep = score(GOLD / name, pred)
    with capsys.disabled():
        rows = " ".join(f"{k}={v['f1']:.2f}" for k, v in rep["rows"].items())
        print(f"\n{name}: macro F1 {rep['macro_f1']:.3f} over {len(golds)} articles ({rows})")
    assert rep["macro_f1"] >= FLOORS[name]
    assert not rep["missing_predictions"]


def test_negatives_have_no_meetings():
    """Sport, crime, economy and weather articles: whatever else they hold, no meeting."""
    negatives = []
    for g in sorted(GOLD.glob("*/*.json")):
        gold = json.loads(g.read_text(encoding="utf-8"))
        if not gold.get("meetings"):
            negatives.append(ROOT / gold["text"])
    assert len(negatives) >= 8
    with_meetings = [p.name for p in negatives if graphbuild.extract(p)["meetings"]]
    assert len(with_meetings) <= 1, with_meetings  # reached: 1 of 12 (a stock market week)


REAL_FLOORS = {"real": 0.74, "real-dev": 0.68}  # reached 0.743 and 0.687; real-heldout is reported, never a target


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(REAL_FLOORS))
def test_real_news_floor(name, capsys):
    """Where the real-news texts are regathered (eval/README.md; never committed), quality holds on them."""
    import subprocess
    import sys

    if name == "real" and not (ROOT.parent / "shared" / "real" / "manifest.json").is_file():
        pytest.skip("../shared/real is not beside the project")
    check = subprocess.run([sys.executable, str(ROOT / "eval" / "real_news.py"), "check", name],
                           capture_output=True, text=True, cwd=ROOT)
    if "missing (" in check.stdout:  # the texts are regathered by hand, never committed (eval/README.md)
        pytest.skip(f"the {name} texts are not regathered here")
    assert check.returncode == 0, check.stdout + check.stderr  # a text that differs, or a broken check script
    gold = (ROOT.parent / "shared" / "real" / "gold") if name == "real" else ROOT / "eval" / name / "gold"
    texts = ROOT / "eval" / ("real" if name == "real" else name) / "texts"
    from graphbuild.evaluate import evaluate_paths

    def extract(paths):
        return {p.stem: graphbuild.extract(p) for p in paths}

    ev = evaluate_paths(gold, texts, extract)
    with capsys.disabled():
        print(f"\n{name}: macro F1 {ev.macro_f1():.3f} over {len(ev.articles)} real articles")
    assert ev.macro_f1() >= REAL_FLOORS[name]
