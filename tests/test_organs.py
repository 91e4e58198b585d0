"""Organs of the bodies the gazetteer holds: generic names resolved by the body the article names,
`parent` in the extraction, `sub_organisation_of` in the graph, `org:subOrganizationOf` in RDF."""

from __future__ import annotations

import graphbuild
from graphbuild.reference import organisations


def _orgs(d):
    return {o["id"]: o for o in d["organisations"]}


def test_every_parent_in_the_gazetteer_is_an_entry_of_it():
    table = organisations()
    assert all(e.parent in table for e in table.values() if e.parent)
    assert table["gcc_ministerial_council"].parent == "gcc"


def test_a_generic_organ_name_is_the_organ_of_the_body_the_article_names():
    text = ("الرياض - عقد المجلس الوزاري لمجلس التعاون لدول الخليج العربية اجتماعه اليوم في الرياض. "
            "وأكد المجلس الوزاري دعمه للقرارات التي سيرفعها إلى المجلس الأعلى في دورته المقبلة.")
    orgs = _orgs(graphbuild.extract(text, lang="ar"))
    assert orgs["org:gcc_ministerial_council"]["parent"] == "org:gcc"
    assert len(orgs["org:gcc_ministerial_council"]["mentions"]) == 2
    assert "org:gcc_supreme_council" in orgs


def test_without_its_body_a_generic_name_is_no_organ():
    text = "الرباط - أعلنت الأمانة العامة للحكومة أمس عن نشر المرسوم في الجريدة الرسمية."
    orgs = _orgs(graphbuild.extract(text, lang="ar"))
    assert not any(k.endswith("_secretariat") for k in orgs), orgs


def test_the_body_named_nearest_decides_between_organs_sharing_a_name():
    text = ("Lyon, 3 mars - Le chef de la police somalienne a rencontré lundi à Lyon les responsables "
            "d'INTERPOL. Il a ensuite visité le Secrétariat général, où il a été reçu par ses dirigeants. "
            "La Ligue arabe n'était pas représentée.")
    orgs = _orgs(graphbuild.extract(text, lang="fr"))
    assert "org:interpol_secretariat" in orgs and "org:arab_league_secretariat" not in orgs


def test_a_generic_name_that_runs_on_into_another_body_is_not_the_organ():
    text = ("المنامة - استقبل رئيس مجلس التعاون لدول الخليج العربية وفدا من المجلس الأعلى للقضاء "
            "في مقر الأمانة.")
    orgs = _orgs(graphbuild.extract(text, lang="ar"))
    assert "org:gcc_supreme_council" not in orgs


def test_an_unlisted_organ_in_a_genitive_names_its_parent_and_drops_its_clitic():
    text = ("القاهرة - شارك وفد من مكتب متابعة لمجلس وزراء الداخلية العرب في الاجتماع، "
            "كما حضر ممثلون عن والاتحاد الرياضي العربي للشرطة.")
    d = graphbuild.extract(text, lang="ar")
    office = next(o for o in d["organisations"] if o["name"].startswith("مكتب متابعة"))
    assert office["parent"] == "org:arab_interior_ministers_council"
    assert not any(o["name"].startswith("وال") for o in d["organisations"])


def test_the_graph_and_rdf_link_an_organ_to_its_body(tmp_path):
    path = tmp_path / "gcc.txt"
    path.write_text("الرياض - عقد المجلس الوزاري لمجلس التعاون اجتماعه اليوم في الرياض برئاسة وزير "
                    "الخارجية السعودي.", encoding="utf-8")
    kg = graphbuild.build([path])
    g = kg.g
    edges = [(u, v) for u, v, d in g.edges(data=True) if d.get("type") == "sub_organisation_of"]
    assert ("org:gcc_ministerial_council", "org:gcc") in edges
    assert g.nodes["org:gcc"]["type"] == "organisation"
    ttl = kg.rdf().serialize(format="turtle")
    assert "subOrganizationOf" in ttl


def test_an_organ_whose_name_is_a_meeting_word_keeps_its_session():
    text = ("الرياض - انطلقت اليوم في الرياض أعمال المجلس الوزاري لمجلس التعاون لدول الخليج العربية "
            "في دورته العادية برئاسة وزير الخارجية السعودي.")
    d = graphbuild.extract(text, lang="ar")
    assert "org:gcc_ministerial_council" in _orgs(d)
    assert d["meetings"], "the council's session is a meeting"


def test_a_city_read_from_an_alternate_name_needs_a_place_around_it():
    text = "Thirty-one leaders attended. Trente et un chefs d'État étaient présents à la clôture, dimanche soir."
    assert not graphbuild.extract(text, lang="fr")["cities"]
    assert graphbuild.extract("Le sommet s'est tenu à Trento, en Italie, dimanche.", lang="fr")["cities"]


def test_a_body_named_alone_is_no_meeting_even_if_its_name_is_a_meeting_word():
    for text, lang in (("قال المتحدث إن الجمعية العامة للأمم المتحدة فشلت في حماية المدنيين.", "ar"),
                       ("Il a dit que l'Assemblée générale des Nations unies avait échoué.", "fr")):
        assert not graphbuild.extract(text, lang=lang)["meetings"], text


def test_parents_never_go_round_in_a_circle():
    table = organisations()
    for entry in table.values():
        seen, key = set(), entry.id
        while key is not None:
            assert key not in seen
            seen.add(key)
            key = table[key].parent


def test_an_organ_whose_name_holds_its_body_names_the_body_too():
    """"مجلس جامعة الدول العربية" names the Arab League at its last three words: the League is an organisation of
    the article (mentioned there), the council is the one that met, and a session of the League's council is
    the League's too."""
    text = ("القاهرة - انعقد اليوم اجتماع مجلس جامعة الدول العربية على مستوى المندوبين الدائمين "
            "برئاسة المندوب الليبي سالم بن عمران.")
    d = graphbuild.extract(text, lang="ar")
    orgs = _orgs(d)
    league = orgs["org:arab_league"]
    assert [text[s:e] for s, e in league["mentions"]] == ["جامعة الدول العربية"]
    assert orgs["org:arab_league_council"]["parent"] == "org:arab_league"
    assert [m["organisations"] for m in d["meetings"]] == [["org:arab_league", "org:arab_league_council"]]


def test_a_state_body_named_only_inside_titles_is_no_organisation():
    """'نائب رئيس مجلس الوزراء' is a title (deputy prime minister), and every state has a council of ministers:
    no organisation node of its own, which would join every country's into one. A body with a name of its
    own inside a title stays, and a person's honorific ends an organisation's name."""
    text = ("الرياض - استقبل نائب رئيس مجلس الوزراء وزير الداخلية الأمير فهد بن نايف، اليوم الأحد، رئيس مجلس "
            "النواب الأردني عاطف الطراونة. وحضر اللقاء أمين عام مجلس الوزراء الدكتور سامي الحربي.")
    d = graphbuild.extract(text, lang="ar")
    assert [o["name"] for o in d["organisations"]] == ["مجلس النواب الأردني"]
    titles = {r["title_en"] for p in d["persons"] for r in p["roles"]}
    assert "deputy prime minister" in titles and "speaker" not in titles
    kept = {o["id"] for o in d["organisations"]}
    for m in d["meetings"]:
        assert set(m["organisations"]) <= kept and all(p["org"] in kept | {None} for p in m["participants"])


def test_an_organisation_name_ends_where_a_persons_title_begins():
    text = ("New Delhi - Foreign Office Spokesman Ravi Menon told reporters that talks with Japan went well. "
            "The Office of the President welcomed them.")
    d = graphbuild.extract(text, lang="en", ner="none")
    assert not any("Menon" in o["name"] for o in d["organisations"])
    assert "Office of the President" in {o["name"] for o in d["organisations"]}
    assert "Ravi Menon" in {p["name"] for p in d["persons"]}
