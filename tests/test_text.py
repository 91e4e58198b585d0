"""Unit tests of the text layer and the date, ordinal and clitic handling the extractors stand on."""

from __future__ import annotations

import pytest

from graphbuild.extractors import Pipeline
from graphbuild.ingest import make_article
from graphbuild.text import Doc, ar_bare_variants, ar_variants, fold


def test_normalisation_keeps_offsets_to_the_original():
    text = "قالَ  الأمينُ\u00a0العامّ للإنتربول ـــ «يورغن»\u200f Jürgen"
    doc = Doc(text, "ar")
    for t in doc.tokens:
        assert text[t.start:t.end] == t.raw
        assert fold(t.raw) == t.text
    words = [t.text for t in doc.tokens if t.text.isalpha()]
    assert "الامين" in words and "العام" in words and "jurgen" in words  # harakat, hamza, accents folded
    assert "للانتربول" in words


@pytest.mark.parametrize(("token", "reading"), [
    ("بالمغرب", "المغرب"), ("والسودان", "السودان"), ("للإنتربول", "الانتربول"), ("لمراكش", "مراكش"),
    ("وبالرباط", "الرباط"), ("كالمغرب", "المغرب"), ("فالجزائر", "الجزائر"),
])
def test_arabic_clitic_readings(token, reading):
    assert fold(reading) in ar_variants(fold(token))


def test_clitic_stripping_does_not_eat_names():
    assert "ريم" not in ar_variants(fold("كريم"))            # ك only before the article
    assert "مغربيه" in ar_bare_variants(fold("المغربية"))   # adjectives also without the article
    assert "مغرب" not in ar_variants(fold("المغرب"))          # but gazetteer names keep it


def _meeting(text: str, lang: str, published: str | None = None):
    art = make_article(text, source="t", fmt="txt", lang=lang, published=published)
    d = Pipeline()(art).to_dict()
    assert d["meetings"], text
    return d["meetings"][0]


@pytest.mark.parametrize(("text", "ordinal"), [
    ("انطلقت أشغال الاجتماع الرابع لوزراء الداخلية العرب بتونس.", 4),
    ("افتتحت الدورة الـ93 للمجلس الاقتصادي والاجتماعي بالقاهرة.", 93),
    ("انعقدت الدورة العادية الثالثة والتسعين للمجلس بالقاهرة.", 93),
    ("انعقدت القمة الحادية عشرة في الرياض.", 11),
    ("انطلقت بالقاهرة الدورة العادية الخامسة والعشرين بعد المائة لمجلس الوزراء العرب.", 125),
    ("انعقدت الدورة الثانية بعد المائة للمجلس بالرباط.", 102),
])
def test_arabic_ordinals(text, ordinal):
    assert _meeting(text, "ar")["ordinal"] == ordinal


@pytest.mark.parametrize(("text", "lang", "ordinal"), [
    ("The 4th meeting of the ministers opened in Rabat.", "en", 4),
    ("The 93rd session of the council opened in Cairo.", "en", 93),
    ("The fourth ministerial meeting opened in Rabat.", "en", 4),
    ("La 42ᵉ session du conseil s'est ouverte au Caire.", "fr", 42),
    ("La quatrième réunion des ministres s'est tenue à Tunis.", "fr", 4),
])
def test_latin_ordinals(text, lang, ordinal):
    assert _meeting(text, lang)["ordinal"] == ordinal


@pytest.mark.parametrize(("text", "date"), [
    ("عقد الاجتماع يوم 12 نونبر 2024 بالرباط.", "2024-11-12"),          # Maghreb month
    ("عقد الاجتماع في 3 شتنبر 2025 بالرباط.", "2025-09-03"),
    ("عقد الاجتماع في 5 أيلول 2023 في عمان.", "2023-09-05"),            # Levantine month
    ("عقد الاجتماع في 7 تشرين الثاني 2023 في بيروت.", "2023-11-07"),
    ("عقد الاجتماع في 2 فبراير 2025 بالقاهرة.", "2025-02-02"),           # Egyptian / MSA
    ("عقد الاجتماع في 9 جانفي 2025 بتونس.", "2025-01-09"),               # Tunisian / Algerian
])
def test_arabic_month_names(text, date):
    assert _meeting(text, "ar")["date_start"] == date


@pytest.mark.parametrize(("text", "lang", "published", "date"), [
    ("عقد الاجتماع صباح اليوم بمراكش.", "ar", "2025-03-04", "2025-03-04"),
    ("عقد الاجتماع أمس بالرباط.", "ar", "2025-03-04", "2025-03-03"),
    ("عقد الاجتماع يوم الاثنين الماضي بالرباط.", "ar", "2025-03-06", "2025-03-03"),
    ("The ministers met in Rabat on Tuesday.", "en", "2025-03-06", "2025-03-04"),
    ("The ministers will meet in Rabat on Tuesday.", "en", "2025-03-06", "2025-03-11"),
    ("Les ministres se sont réunis hier à Tunis.", "fr", "2025-06-12", "2025-06-11"),
    ("La réunion s'est ouverte ce matin à Nouakchott.", "fr", "2025-05-21", "2025-05-21"),
])
def test_relative_dates_resolve_against_publication(text, lang, published, date):
    m = _meeting(text, lang, published)
    assert m["date_start"] == date


def test_relative_date_without_publication_keeps_its_text():
    m = _meeting("عقد الاجتماع صباح اليوم بمراكش.", "ar")
    assert m["date_start"] is None and m["date_text"] == "صباح اليوم"


@pytest.mark.parametrize(("text", "lang", "days"), [
    ("يستمر الاجتماع على مدى يومين بالرباط.", "ar", 2),
    ("انطلق المؤتمر الذي يستمر ثلاثة أيام بالرباط.", "ar", 3),
    ("The two-day summit opened in Algiers.", "en", 2),
    ("La réunion s'est ouverte à Tunis pour deux jours de travaux.", "fr", 2),
])
def test_durations(text, lang, days):
    assert _meeting(text, lang)["duration_days"] == days


def test_date_range_gives_start_and_end():
    m = _meeting("انعقد المؤتمر من 14 إلى 16 ماي 2025 بأبيدجان.", "ar")
    assert (m["date_start"], m["date_end"], m["duration_days"]) == ("2025-05-14", "2025-05-16", 3)
