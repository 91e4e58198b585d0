"""The Arabic CRF tagger: shipped, fast to load, adding names the rules have no cue for, measured on ANERcorp."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from conftest import ROOT, SHARED

from graphbuild.extractors import Pipeline
from graphbuild.extractors.pipeline import default_components
from graphbuild.ingest import make_article

UNCUED = ["وأكد كارلوس مارتينيث أن المحادثات كانت مثمرة.",
          "وصرح فرانك شتاينماير للصحفيين بأن الاجتماع سيعقد في برلين."]


def test_tagger_adds_names_without_a_cue_and_rules_keep_theirs():
    rules = Pipeline(components=default_components(tagger=False))
    both = Pipeline()
    for text in UNCUED:
        article = make_article(text, source="t", fmt="txt", lang="ar")
        assert rules(article).persons == []
        assert len(both(article).persons) == 1
    # where a rule found the name (with its title), the tagger does not change it
    seed = (ROOT / "data" / "articles" / "000_7fd13265f7ec3363.txt").read_text(encoding="utf-8")
    art = make_article(seed, source="seed", fmt="txt", lang="ar")
    names = {p.name: len(p.roles) for p in both(art).persons}
    assert names["محمد الدخيسي"] >= 2 and names["يورغن ستوك"] == 1


LONGER_NAME_AR = ("ولي العهد يتلقى اتصالا\n\n"
                  "تلقى الرئيس سامي العلوي اتصالا هاتفيا أمس من الأمير فيصل بن خالد بن عبدالعزيز آل سعود ولي عهد "
                  "المملكة العربية السعودية تناول العلاقات الثنائية.\n")


def test_a_name_the_tagger_lengthens_keeps_the_title_after_it():
    """The rules read "فيصل بن خالد بن عبدالعزيز", the tagger adds "آل سعود": the title right after the longer
    name is his, and its country is the call's."""
    import graphbuild

    d = graphbuild.extract(LONGER_NAME_AR, lang="ar")
    (prince,) = [p for p in d["persons"] if p["name"].startswith("فيصل")]
    assert "SA" in {r["country"] for r in prince["roles"]}
    (call,) = d["meetings"]
    assert "SA" in call["countries"]


def test_anercorp_figure():
    """A slice of the standard test split (the full run is `benchmarks/ner_anercorp.py PATH`)."""
    if not (SHARED / "data" / "anercorp" / "test.txt").is_file():
        pytest.skip("ANERcorp is in ../shared/data, which is not beside the project")
    res = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "ner_anercorp.py"),
                          str(SHARED / "data" / "anercorp" / "test.txt"), "--limit", "300"],
                         capture_output=True, text=True, timeout=600, cwd=ROOT)
    assert res.returncode == 0, res.stderr
    last = res.stdout.strip().splitlines()[-1]
    micro = float(re.fullmatch(r"micro F1 (\d\.\d+)", last).group(1))
    print(f"\nANERcorp (first 300 test sentences): {res.stdout.strip().splitlines()[-2]}")
    assert micro >= 0.70  # reached 0.715 (0.651 on the whole test split)


def test_fast_decoder_gives_crfsuites_tags():
    """``CrfModel.tag`` (cached word rows, NumPy Viterbi over a whole article) against CRFsuite's own
    decoding of the spelt-out features, sentence by sentence, on every Arabic test article."""
    from graphbuild.extractors.tagger import load_model, sentence_features, sentences
    from graphbuild.text import Doc

    model = load_model()
    checked = differing = 0
    for path in sorted((ROOT / "tests" / "corpus" / "ar").iterdir()):
        doc = Doc(path.read_text(encoding="utf-8"), "ar")
        sents = sentences(doc.tokens)
        fast = model.tag(sents)
        for sent, tags in zip(sents, fast, strict=True):
            checked += 1
            differing += tags != model.tag_features(sentence_features(sent))
        assert any(tag != "O" for tags in fast for tag in tags), path.name
    assert checked > 200 and differing == 0


def _names(pipeline, text):
    ext = pipeline(make_article(text, source="t", fmt="txt", lang="ar"))
    return sorted(p.name for p in ext.persons), sorted(c.name for c in ext.cities)


def test_tagger_takes_first_names_back_from_the_city_gazetteer():
    rules = Pipeline(components=default_components(tagger=False))
    both = Pipeline()
    for text, name, town in (("وأكد بشار الأسد أن المحادثات مع الوفد الروسي كانت مثمرة.", "بشار الأسد", "بشار"),
                             ("وقال فلاديمير بوتين إن العلاقات بين البلدين جيدة.", "فلاديمير بوتين", "فلاديمير")):
        assert _names(rules, text) == ([], [town])  # Béchar, Vladimir: GeoNames towns
        assert _names(both, text) == ([name], [])


def test_tagger_mends_a_name_the_rules_cut_short_and_its_other_mentions_follow():
    text = (ROOT / "tests" / "corpus" / "ar" / "ar-03-amman-cairo-phone-call.txt").read_text(encoding="utf-8")
    rules, _ = _names(Pipeline(components=default_components(tagger=False)), text)
    both, _ = _names(Pipeline(), text)
    assert "عبد الرحيم" in rules and "حسام عبد الرحيم" not in rules
    assert "حسام عبد الرحيم" in both and "عبد الرحيم" not in both  # the later "عبد الرحيم" joins the full name


def test_tagger_never_moves_the_start_of_a_name_that_follows_its_title():
    text = (ROOT / "tests" / "corpus" / "ar" / "ar-10-baghdad-energy-ministers.txt").read_text(encoding="utf-8")
    assert "باسم محمد الساعدي" in _names(Pipeline(), text)[0]  # not "محمد الساعدي": باسم is also a word


def test_tagger_finds_participants_without_titles_and_unlisted_organisations(tmp_path):
    """On the held-out set written for this (tests/gold/ar-uncued: people named with no title,
    small organisations), the shipped pipeline against the rules alone (``ner="none"``)."""
    import json

    from conftest import score

    import graphbuild

    gold = ROOT / "tests" / "gold" / "ar-uncued"
    reports = {}
    for ner in (None, "none"):
        pred = tmp_path / str(ner)
        pred.mkdir()
        for g in sorted(gold.glob("*.json")):
            d = graphbuild.extract(ROOT / json.loads(g.read_text(encoding="utf-8"))["text"], ner=ner)
            (pred / g.name).write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
        reports[ner] = score(gold, pred)
    shipped, rules = reports[None], reports["none"]
    print(f"\nar-uncued macro F1: rules {rules['macro_f1']:.3f}, rules + tagger {shipped['macro_f1']:.3f}")
    for row in ("persons", "participants", "organisations"):
        assert shipped["rows"][row]["f1"] > rules["rows"][row]["f1"], row
    assert shipped["macro_f1"] >= rules["macro_f1"] + 0.05  # reached 0.689 against 0.604
