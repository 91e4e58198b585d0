"""Meeting titles say what, where and when, in each display language, from the graph alone."""

from __future__ import annotations

import pytest

import graphbuild
from graphbuild.graph.labels import display_languages, meeting_title, meeting_titles, title_words


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    from conftest import ROOT

    return graphbuild.build([ROOT / "data"], out=tmp_path_factory.mktemp("out"))


def test_every_language_has_every_meeting_type():
    langs = display_languages()
    assert {"en", "fr", "ar"} <= set(langs)
    assert len({frozenset(title_words()[lang].types) for lang in langs}) == 1


def test_ordinals_follow_each_language():
    en, fr, ar = (title_words()[x] for x in ("en", "fr", "ar"))
    assert [en.ordinal_of(n, None) for n in (1, 2, 3, 4, 11, 12, 13, 21, 42, 111)] == \
        ["1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "42nd", "111th"]
    assert (fr.ordinal_of(1, "f"), fr.ordinal_of(1, "m"), fr.ordinal_of(42, "f")) == ("1re", "1er", "42e")
    assert ar.ordinal_of(42, None) == "الـ42"
    assert ar.of_body("الأمم المتحدة") == "للأمم المتحدة" and ar.of_body("مجلس الأمن") == "لمجلس الأمن"
    assert ar.of_body("Interpol") == "Interpol"  # a Latin name takes no Arabic preposition


def test_demo_titles_name_the_body_the_people_the_place_and_the_day(demo):
    titles = {m: meeting_titles(demo, m) for m in demo.nodes_of("meeting")}
    en = sorted(t["en"] for t in titles.values())
    assert any(t.startswith("42nd session of Council of Arab Interior Ministers · Tunis · 3 Mar 2025") for t in en)
    assert any(" – " in t and "talks" in t for t in en), en  # counterparts named
    assert all(t["en"] != demo.g.nodes[m]["label"] for m, t in titles.items())  # never the trigger word alone
    ar = [t["ar"] for t in titles.values()]
    assert any("الدورة الـ42 لمجلس وزراء الداخلية العرب · تونس · 3 مارس 2025" == t for t in ar), ar
    fr = [t["fr"] for t in titles.values()]
    assert any(t.startswith("42e session – Conseil des ministres arabes de l'Intérieur · Tunis") for t in fr), fr


def test_tables_and_rdf_use_the_same_titles(demo):
    table = demo.meetings()
    for _, row in table.iterrows():
        assert row["label"] == meeting_title(demo, row["id"], "en")
    assert set(demo.meetings(lang="ar")["label"]) == {meeting_title(demo, m, "ar") for m in demo.nodes_of("meeting")}
    import rdflib

    from graphbuild.export.rdf import to_rdflib

    g = to_rdflib(demo)
    labels = {(str(o), o.language) for o in g.objects(None, rdflib.RDFS.label)}
    for m in demo.nodes_of("meeting"):
        for lang, title in meeting_titles(demo, m).items():
            assert (title, lang) in labels
