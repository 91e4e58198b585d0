"""Person names, their extents and their titles: Arabic first, and appositions in English and French.

Every sentence here is written for these tests (no article text is copied).
"""

from __future__ import annotations

import pytest

import graphbuild


def persons(text: str, lang: str) -> dict[str, list[str]]:
    """{person name: the titles of its roles} of one text."""
    return {p["name"]: [r["title"] for r in p["roles"]] for p in graphbuild.extract(text, lang=lang)["persons"]}


def names(text: str, lang: str = "ar") -> set[str]:
    return set(persons(text, lang))


# -- roles to the right person -----------------------------------------------------------

def test_second_title_of_a_list_is_the_next_persons():
    found = persons("استقبل وزير الخارجية، كريم الزياني، ووزير الخارجية البرتغالي، جواو سيلفا، وفدا من رجال "
                    "الأعمال.", "ar")
    assert found["كريم الزياني"] == ["وزير الخارجية"]
    assert found["جواو سيلفا"] in (["ووزير الخارجية البرتغالي"], ["وزير الخارجية البرتغالي"])


def test_a_name_after_a_comma_may_open_with_the_letter_of_a_conjunction():
    """فـ opens فرناندو as it opens "and so": after a comma the title does not go on, a name starts."""
    found = persons("استقبل وزير العدل، حميد الوزاني، ووزير العدل البرتغالي، فرانسيسكو تافاريس، بمكتبه.", "ar")
    assert found["حميد الوزاني"] == ["وزير العدل"]
    assert found["فرانسيسكو تافاريس"] in (["ووزير العدل البرتغالي"], ["وزير العدل البرتغالي"])


def test_a_title_between_two_names_opens_the_second():
    found = persons("التقت وزيرة الخارجية السويدية آنا ليندبرغ الرئيس التونسي منصف العياري في قرطاج.", "ar")
    assert found["آنا ليندبرغ"] == ["وزيرة الخارجية السويدية"]
    assert found["منصف العياري"] == ["الرئيس التونسي"]


def test_a_country_name_after_a_title_with_its_own_country_is_a_given_name():
    ext = graphbuild.extract("وصلت رئيسة الوزراء الإيطالية جورجيا فيراري إلى الرباط.", lang="ar")
    assert [p["name"] for p in ext["persons"]] == ["جورجيا فيراري"]
    assert {c["iso2"] for c in ext["countries"]} == {"IT"}  # not Georgia
    kept = graphbuild.extract("زار رئيس الوزراء الإيطالي جورجيا الأسبوع الماضي.", lang="ar")
    assert "GE" in {c["iso2"] for c in kept["countries"]} and not kept["persons"]


def test_a_delegation_is_not_a_town():
    ext = graphbuild.extract("استقبل رئيس الحكومة في الرباط وفدا أمنيا من النيجر.", lang="ar")
    assert [c["name"] for c in ext["cities"]] == ["الرباط"]


def test_a_plural_title_gives_each_listed_name_the_title_of_its_country():
    ar = graphbuild.extract("وتعرف القمة مشاركة الرؤساء الغاني كوفي منساه والسنغالي أمادو كوليبالي والنيجري "
                            "ماهامان سالي.", lang="ar")
    roles = {p["name"]: {(r["title_en"], r["country"]) for r in p["roles"]} for p in ar["persons"]}
    assert ("president (Ghana)", "GH") in roles["كوفي منساه"]
    assert ("president (Senegal)", "SN") in roles["أمادو كوليبالي"]
    fr = graphbuild.extract("Le sommet verra la participation des Présidents ghanéen, Kofi Mensah, président en "
                            "exercice de la CEDEAO, malien Amadou Coulibaly, ainsi que du ministre.", lang="fr")
    roles = {p["name"]: {r["country"] for r in p["roles"]} for p in fr["persons"]}
    assert "GH" in roles["Kofi Mensah"] and "ML" in roles["Amadou Coulibaly"]


def test_apposition_after_the_name_in_a_list():
    found = persons("التقى سعيد المرابط، وزير الداخلية، وماريو بيانكي، وزير الداخلية الإيطالي، بمدينة طنجة.", "ar")
    assert found["سعيد المرابط"] == ["وزير الداخلية"]
    assert found["ماريو بيانكي"] == ["وزير الداخلية الإيطالي"]


def test_apposition_between_commas_after_a_title():
    found = persons("وقال رئيس الحكومة الإيطالية، ماريو بيانكي، إن الاتفاق مهم.", "ar")
    assert found["ماريو بيانكي"] == ["رئيس الحكومة الإيطالية"]


def test_a_blessing_after_a_title_takes_no_title_away():
    found = persons("استقبل الشيخ حمدان بن راشد رئيس الدولة، حفظه الله، أمس وفدا رسميا.", "ar")
    assert "رئيس الدولة" in next(v for k, v in found.items() if k.startswith("حمدان"))


def test_a_joined_title_with_no_name_after_it_stays():
    found = persons("حضر اللقاء السيد كريم الزياني ووزير الخارجية البرتغالي.", "ar")
    assert "كريم الزياني" in found


@pytest.mark.parametrize("text,lang,first,second", [
    ("Morocco's Interior Minister, Karim Zayani, and Portugal's Interior Minister, Joao Silva, met in Tangier.",
     "en", "Karim Zayani", "Joao Silva"),
    ("Le ministre de l'Intérieur, Karim Zayani, et le ministre portugais de l'Intérieur, Joao Silva, se sont "
     "rencontrés à Tanger.", "fr", "Karim Zayani", "Joao Silva"),
])
def test_latin_appositions_in_a_list(text, lang, first, second):
    found = persons(text, lang)
    assert len(found[first]) == 1 and len(found[second]) == 1
    assert found[first] != found[second] or lang == "en"


# -- extents -------------------------------------------------------------------------------

def test_name_does_not_end_in_a_particle_or_preposition():
    found = names("وأكد الرئيس الموريتاني محمد ولد عبد الله بأن الحوار مستمر.")
    assert any(n.startswith("محمد ولد عبد الله") for n in found)
    assert not any("بأن" in n for n in found)


def test_name_does_not_keep_a_glued_and_or_for():
    found = persons("حضر الاجتماع عبد اللطيف الحموشي وياسين الزياني.", "ar")
    assert "ياسين الزياني" in found and "وياسين الزياني" not in found
    surface = {s for p in graphbuild.extract("حضر الاجتماع عبد اللطيف الحموشي وياسين الزياني.", lang="ar")["persons"]
               for s in p["surface"]}
    assert "وياسين الزياني" in surface  # the surface keeps what is written


def test_a_list_of_names_joined_by_and():
    found = names("وشارك في الورشة سلمى بن يوسف وحمادي الشعباني وكريم الزياني.")
    assert {"سلمى بن يوسف", "حمادي الشعباني", "كريم الزياني"} <= found
    assert not any(n.count(" و") for n in found)


def test_a_verbal_noun_after_a_title_is_no_name():
    found = names("ورحب الرئيس التونسي بحل الخلاف بين البلدين.")
    assert not any(n.startswith("بحل") or n.startswith("حل") for n in found)


def test_a_word_with_his_after_a_title_is_no_name():
    found = names("ونقل الوزير الأول تحياته وتقديره إلى الحاضرين.")
    assert not any("تحيات" in n for n in found)


def test_a_portfolio_written_out_belongs_to_the_title():
    found = persons("حضر اللقاء نائب الوزير لشؤون الطاقة المهندس فهد بن سالم القحطاني.", "ar")
    name = next(k for k in found if k.startswith("فهد"))
    assert not any(k.startswith("لشؤون") for k in found)
    assert any("لشؤون الطاقة" in t for t in found[name])


def test_ali_between_two_given_names_is_part_of_the_name():
    assert "محمود علي يوسف" in names("وفي كلمته دعا محمود علي يوسف إلى إصلاح شامل.")


# -- not persons ---------------------------------------------------------------------------

@pytest.mark.parametrize("text,lang,word", [
    ("وجرت المباراة على ملعب محمد الخامس بالدار البيضاء.", "ar", "محمد الخامس"),
    ("وألقى محاضرة في جامعة الملك سعود بالرياض.", "ar", "سعود"),
    ("Le match s'est joué au stade Mohammed V devant vingt mille spectateurs.", "fr", "Mohammed"),
    ("استقبل الملك، اليوم الأحد، في قصر الحسينية رئيس الوزراء الإيطالي.", "ar", "الحسينية"),
    ("Le président a reçu au Palais Carthage le Premier ministre italien.", "fr", "Carthage"),
    ("وكان في استقباله الوزير الأول، وقادة أركان القوات المسلحة ووالي نواكشوط الغربية ورئيسة المجلس الجهوي.",
     "ar", "الغربية"),
])
def test_a_place_named_after_someone_is_no_person(text, lang, word):
    assert not any(word in n for n in names(text, lang))


# -- the tagger's confidence --------------------------------------------------------------

def test_marginals_match_crfsuite():
    import numpy as np

    from graphbuild.extractors.tagger import _LOCK, load_model, sentence_features, sentences
    from graphbuild.text import Doc

    model = load_model()
    sents = sentences(Doc("قال الرئيس جورج بوش إن الحكومة ستجتمع في بغداد . وأكد كوفي أنان ذلك .", "ar").tokens)
    _, probs = model.decode(sents, marginals=True)
    for sent, p in zip(sents, probs, strict=True):
        with _LOCK:
            model.crfsuite.set(sentence_features(sent))
            ref = [[model.crfsuite.marginal(lab, i) for lab in model.labels] for i in range(len(sent))]
        assert np.allclose(ref, p, atol=1e-6)


@pytest.mark.parametrize("verb", ["أوفد", "بعث", "هنأ", "أبلغ"])
def test_a_name_never_runs_into_the_reporting_verb_after_it(verb):
    text = (f"الجزائر - ذكرت الرئاسة أن الرئيس الجزائري عبد الحميد بن زروال {verb} وزير خارجيته إلى تونس أمس، "
            "حيث استقبله الرئيس التونسي.")
    assert names(text) == {"عبد الحميد بن زروال"}


@pytest.mark.parametrize("text, lang, person", [
    ("Accra - Ghana hosted talks with Ravi Menon, India's Minister for External Affairs, on Monday.", "en",
     "Ravi Menon"),
    ("Lusaka - Ana Moreira, Chair of the AU High-Level Panel on Water, opened the session.", "en", "Ana Moreira"),
    ("Dakar - Le ministre a reçu Paul Ndiaye, président du Comité National Olympique, hier.", "fr", "Paul Ndiaye"),
])
def test_the_capitals_of_a_body_after_a_title_are_no_person(text, lang, person):
    assert names(text, lang) == {person}, names(text, lang)
