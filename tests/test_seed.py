"""The seed article: every row of `graphbuild evaluate` at 1.000, for the right reasons."""

from __future__ import annotations

import json

from conftest import SEED, SEED_GOLD, score


def test_seed_scores_one_on_every_row(seed_extraction, tmp_path):
    pred = tmp_path / "seed-ar-interpol-mena.json"
    pred.write_text(json.dumps(seed_extraction, ensure_ascii=False), encoding="utf-8")
    rep = score(SEED_GOLD, pred)
    for row, r in rep["rows"].items():
        assert r["f1"] == 1.0, (row, r)
    for attr, r in rep["attributes"].items():
        assert r["f1"] == 1.0, (attr, r)
    assert rep["macro_f1"] == 1.0


def test_seed_facts(seed_extraction):
    d = seed_extraction
    text = SEED.read_text(encoding="utf-8")
    (m,) = d["meetings"]
    assert (m["ordinal"], m["duration_days"], m["date_text"]) == (4, 2, "صباح اليوم")
    assert m["date_start"] is None  # relative date, publication date unknown
    city = next(c for c in d["cities"] if c["id"] == m["city"])
    assert city["name_en"] == "Marrakesh" and m["country"] == "MA"
    names = {p["name"] for p in d["persons"]}
    assert names == {"محمد الدخيسي", "يورغن ستوك", "محمد بن علي قمان", "عبد الحميد زويت"}
    author = next(p for p in d["persons"] if p["id"] in d["article"]["authors"])
    assert author["name"] == "عبد الحميد زويت"
    dkhissi = next(p for p in d["persons"] if p["name"] == "محمد الدخيسي")
    titles = {r["title"] for r in dkhissi["roles"]}
    assert "رئيس مكتب الأنتربول بالمغرب" in titles
    assert any("للشرطة القضائية" in t for t in titles)
    interpol = next(o for o in d["organisations"] if o["id"] == "org:interpol")
    assert interpol["wikidata"] == "Q8341" and len(interpol["mentions"]) >= 4
    # nothing from the breadcrumb or the repeated title (the byline and the dateline come after them)
    after_titles = text.index("عبد الحميد زويت")
    for key in ("persons", "organisations", "countries", "cities"):
        for it in d[key]:
            assert all(s >= after_titles for s, _ in it["mentions"]), it
    lyon = next(c for c in d["cities"] if c["name_en"] == "Lyon")
    assert lyon["country"] == "FR" and "FR" not in m["countries"]
