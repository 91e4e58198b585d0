"""Places: the names an Arabic article's cities are shown under."""

from __future__ import annotations

from graphbuild.extractors import Pipeline
from graphbuild.ingest import make_article
from graphbuild.reference import cities


def test_arabic_city_names_are_spelt_as_the_article_spells_them():
    ext = Pipeline()(make_article("واجتمع الوزيران في دمشق يوم الأحد، ثم سافرا إلى عمان وبيروت.",
                                  source="t", fmt="txt", lang="ar"))
    names = {c.name_en: c.name for c in ext.cities}
    assert names["Damascus"] == "دمشق"  # GeoNames lists "د مشق" first
    assert names["Beirut"] == "بيروت"


def test_geonames_arabic_names_skip_uyghur_and_broken_spellings():
    by_name = {c.name: c.name_ar for c in cities().values() if c.population > 1_000_000}
    assert by_name["Algiers"] == "الجزائر"  # not ئالجىر
    assert by_name["Damascus"] == "دمشق"  # not د مشق
    assert by_name["Baghdad"] == "بغداد"


def test_an_acronym_spelling_does_not_make_the_name_capitals_only():
    """Interpol is listed as "Interpol" and as the acronym "INTERPOL": "d'Interpol" is still the body."""
    from graphbuild.extractors.resources import org_matcher
    from graphbuild.text import Doc

    for text, lang in (("la présence du secrétaire général d'Interpol, Jürgen Stock.", "fr"),
                       ("Interpol and INTERPOL officers met.", "en")):
        hits = [m.value for m in org_matcher().find_all(Doc(text, lang).tokens)]
        assert hits.count("interpol") == (1 if lang == "fr" else 2), (text, hits)
    assert not org_matcher().find_all(Doc("un homme et une femme", "fr").tokens)  # "UN" stays capitals only


def test_an_arabic_country_name_with_the_article_is_the_country_not_a_person():
    """CLDR writes 'أورغواي'; the press often writes it with the article. Short names stay bare:
    'المالي' is 'financial', not Mali."""
    ext = Pipeline()(make_article("استقبل وزير الخارجية مبعوثا يحمل رسالة من رئيس جمهورية الأورغواي، "
                                  "وبحثا التعاون المالي بين البلدين.", source="t", fmt="txt", lang="ar"))
    assert {c.iso2 for c in ext.countries} == {"UY"}
    assert not [p.name for p in ext.persons if "جمهورية" in p.name]
