"""`graphbuild evaluate`: the reference scorer's figures, the errors behind them, and texts scored directly."""

from __future__ import annotations

import json

import pytest
from conftest import ROOT, SEED, SEED_GOLD, SHARED, run_cli, score, shared_scorer

import graphbuild
from graphbuild.evaluate import evaluate, name_match, normalise

GOLD = ROOT / "tests" / "gold"
REAL_TEXTS = ROOT / "eval" / "real" / "texts"


def _predict(gold_dir, out):
    out.mkdir()
    for g in sorted(gold_dir.glob("*.json")):
        d = graphbuild.extract(ROOT / json.loads(g.read_text(encoding="utf-8"))["text"])
        (out / g.name).write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
    return out


def _figures(report: dict) -> dict:
    return {"rows": report["rows"], "attributes": report["attributes"], "macro_f1": report["macro_f1"],
            "articles": report["articles"], "missing_predictions": report["missing_predictions"]}


@pytest.mark.parametrize("name", ["ar-dev", "ar-uncued", "en-dev", "fr-dev", "fr-heldout"])
def test_same_figures_as_the_reference_scorer(name, tmp_path):
    pred = _predict(GOLD / name, tmp_path / name)
    assert _figures(score(GOLD / name, pred)) == _figures(shared_scorer(GOLD / name, pred))


def test_same_figures_on_the_seed_and_on_a_poor_prediction(tmp_path, seed_extraction):
    poor = json.loads(json.dumps(seed_extraction))
    poor["persons"] = poor["persons"][1:]  # a person lost, with the participations that point at it
    poor["meetings"].append({"id": "m-extra", "participants": [{"person": poor["persons"][0]["id"]}]})
    poor["cities"] = []
    for i, pred in enumerate((seed_extraction, poor, {})):
        path = tmp_path / f"p{i}" / SEED_GOLD.name
        path.parent.mkdir()
        path.write_text(json.dumps(pred, ensure_ascii=False), encoding="utf-8")
        assert _figures(score(SEED_GOLD, path)) == _figures(shared_scorer(SEED_GOLD, path))


@pytest.mark.slow
def test_real_news_texts_are_extracted_and_scored_like_the_reference(tmp_path):
    if not any(REAL_TEXTS.glob("*.txt")):
        pytest.skip("the real-news texts are not regathered here (see eval/README.md)")
    gold = SHARED / "real" / "gold"
    if not gold.is_dir():
        pytest.skip("../shared/real is not beside the project")
    pred = tmp_path / "pred"
    pred.mkdir()
    for text in sorted(REAL_TEXTS.glob("*.txt")):
        d = graphbuild.extract(text)
        (pred / f"{text.stem}.json").write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
    from_texts = tmp_path / "from-texts.json"
    res = run_cli("evaluate", str(gold), str(REAL_TEXTS), "--json", str(from_texts))
    assert res.returncode == 0, res.stderr.decode()
    assert _figures(json.loads(from_texts.read_text(encoding="utf-8"))) == _figures(shared_scorer(gold, pred))


def test_errors_name_what_was_missed_and_what_was_not_asked_for():
    gold = {"persons": [{"name": "Nasser Bourita", "surface": ["ناصر بوريطة"]}, {"name": "Jose Albares"}],
            "organisations": [{"name": "Arab League", "surface": ["جامعة الدول العربية"]}],
            "countries": [{"iso2": "MA"}], "cities": [],
            "meetings": [{"label": "Bourita-Albares talks", "country": "MA", "date_start": "2025-03-04",
                          "participants": [{"name": "Nasser Bourita", "surface": "ناصر بوريطة",
                                            "role": "Minister of Foreign Affairs"}],
                          "countries": ["MA", "ES"], "organisations": []}]}
    pred = {"persons": [{"id": "p1", "name": "لناصر بوريطة"}, {"id": "p2", "name": "Rabat Post"}],
            "organisations": [], "countries": [{"iso2": "MA"}, {"iso2": "FR"}], "cities": [],
            "meetings": [{"id": "m1", "country": "MA", "date_start": None,
                          "participants": [{"person": "p1", "role": "Foreign Minister"}], "countries": ["MA"]}]}
    ev = evaluate({"a1": gold}, {"a1": pred})
    kinds = {(e.row, e.kind, e.text) for e in ev.errors}
    assert ("persons", "missed", "Jose Albares") in kinds
    assert ("persons", "spurious", "Rabat Post") in kinds
    assert ("organisations", "missed", "Arab League") in kinds
    assert ("countries", "spurious", "FR") in kinds
    assert ("meeting_countries", "missed", "ES") in kinds
    assert any(e.kind == "wrong" and e.detail.startswith("date_start: gold '2025-03-04'") for e in ev.errors)
    assert ev.rows["persons"].tp == 1 and ev.rows["participants"].tp == 1  # the clitic ل does not hide the name
    assert ev.attributes["role"].tp == 1  # "Foreign Minister" holds half the words of the gold role
    assert dict(ev.error_kinds())["persons missed"] == 1


def test_names_match_across_clitics_and_letter_variants():
    assert normalise("Ḥassan  al-Fâsi!") == "hassan al fasi"
    assert name_match(["للإنتربول"], ["الانتربول"]) == 2
    assert name_match(["Nasser Bourita"], ["Bourita"]) == 1
    assert name_match(["Bourita"], ["Albares"]) == 0


def test_cli_errors_and_per_article_listing(tmp_path):
    pred = tmp_path / "seed.json"
    pred.write_text(json.dumps(graphbuild.extract(SEED), ensure_ascii=False), encoding="utf-8")
    res = run_cli("evaluate", str(SEED_GOLD), str(pred), "--errors", "--per-article")
    assert res.returncode == 0, res.stderr.decode()
    out = res.stdout.decode()
    assert out.strip().splitlines()[-1] == "macro F1 1.000 over 1 articles"
    assert "persons=" in out  # the per-article line
    res = run_cli("evaluate", str(tmp_path / "none"), str(pred))
    assert res.returncode == 2 and b"no such file" in res.stderr


CASES = ROOT / "tests" / "scorer_cases"


def test_edge_cases_give_the_reference_scorers_recorded_figures(tmp_path):
    """Recorded from ../shared/tools/score.py, so this holds in a checkout without ../shared too."""
    expected = json.loads((CASES / "expected.json").read_text(encoding="utf-8"))
    assert _figures(score(CASES / "gold", CASES / "pred")) == _figures(expected)
    assert expected["missing_predictions"] == ["c4-missing"]


def test_two_files_pair_whatever_their_names(tmp_path, seed_extraction):
    for name in ("pred.JSON", "prediction", "extraction.txt"):
        path = tmp_path / name
        path.write_text(json.dumps(seed_extraction, ensure_ascii=False), encoding="utf-8")
        out = tmp_path / f"{name}.report.json"
        res = run_cli("evaluate", str(SEED_GOLD), str(path), "--json", str(out))
        assert res.returncode == 0, res.stderr.decode()
        assert json.loads(out.read_text(encoding="utf-8"))["macro_f1"] == 1.0, name


def test_a_text_file_against_gold_is_extracted_first():
    res = run_cli("evaluate", str(SEED_GOLD), str(SEED))
    assert res.returncode == 0, res.stderr.decode()
    assert res.stdout.decode().strip().splitlines()[-1] == "macro F1 1.000 over 1 articles"


@pytest.mark.parametrize("content", ["[1, 2]", "{broken", '"text"'])
def test_a_gold_file_that_is_not_a_json_object_is_one_line(tmp_path, content):
    bad = tmp_path / "gold.json"
    bad.write_text(content, encoding="utf-8")
    res = run_cli("evaluate", str(bad), str(SEED_GOLD))
    assert res.returncode == 2 and res.stderr.decode().count("\n") == 1 and b"Traceback" not in res.stderr
