"""Places: the names an Arabic article's cities are shown under."""

from __future__ import annotations

from graphbuild.extractors import Pipeline
from graphbuild.extractors.resources import cities
from graphbuild.ingest import make_article


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
